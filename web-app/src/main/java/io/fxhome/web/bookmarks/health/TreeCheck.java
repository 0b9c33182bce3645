package io.fxhome.web.bookmarks.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fxhome.web.bookmarks.BookmarkRoots;
import io.fxhome.web.bookmarks.Crumb;
import io.fxhome.web.http.Links;

/**
 * Checks a bookmark tree as Firefox's bookmark repair would see it (see {@link LostReason}): items no root reaches or
 * no folder lists ("Lost and found", with the reason and where Firefox would place them), items listed by two folders,
 * folders listing children that do not exist, bookmarks sharing a URL, and empty folders. Pure: the same tree gives the
 * same report.
 */
public final class TreeCheck {
    /** The invisible root of Firefox's tree, parent of the four synced roots; never a row of its own. */
    static final String TOP = "places";

    private TreeCheck() {
    }

    public static TreeHealth check(BookmarkTree tree) {
        Map<HealthList, List<HealthEntry>> lists = new EnumMap<>(HealthList.class);
        for (HealthList l : HealthList.values()) {
            lists.put(l, new ArrayList<>());
        }
        Map<String, List<BookmarkNode>> byUrl = new LinkedHashMap<>();
        for (BookmarkNode n : tree.nodes()) {
            if (BookmarkRoots.isRoot(n.guid())) {
                missingChildren(tree, n, lists);
                continue;
            }
            LostReason reason = lostReason(tree, n);
            if (reason != null) {
                HealthEntry e = lost(tree, n, reason);
                lists.get(HealthList.LOST_AND_FOUND).add(e);
                if (reason.orphan()) {
                    lists.get(HealthList.ORPHANS).add(e);
                }
            }
            List<String> listing = tree.listedBy(n.guid());
            if (listing.size() > 1) {
                lists.get(HealthList.MULTIPLE_PARENTS).add(entry(n, null, null, null,
                        listing.stream().map(f -> new Crumb(f, tree.titleOf(f))).toList(), null, null));
            }
            if (n.isFolder()) {
                missingChildren(tree, n, lists);
                if (tree.childrenOf(n.guid()).isEmpty()) {
                    lists.get(HealthList.EMPTY_FOLDERS).add(entry(n, null, null, null, null, null, null));
                }
            }
            if ("bookmark".equals(n.kind()) && n.url() != null) {
                byUrl.computeIfAbsent(n.url(), u -> new ArrayList<>()).add(n);
            }
        }
        byUrl.forEach((url, same) -> {
            if (same.size() > 1) {
                lists.get(HealthList.DUPLICATE_URLS).add(new HealthEntry(null, null, null, url, Links.linkable(url), null, null,
                        null, null, null, null, null, null, same.stream().map(b -> new Crumb(b.guid(), b.title())).toList()));
            }
        });
        lists.forEach((which, l) -> l.sort(Comparator.comparing(e -> TreeHealth.key(which, e))));
        return new TreeHealth(lists);
    }

    private static void missingChildren(BookmarkTree tree, BookmarkNode folder, Map<HealthList, List<HealthEntry>> lists) {
        if (folder.children() == null) {
            return;
        }
        List<String> missing = folder.children().stream().distinct().filter(c -> tree.get(c) == null).toList();
        if (!missing.isEmpty()) {
            lists.get(HealthList.MISSING_CHILDREN)
                    .add(new HealthEntry(folder.guid(), folder.kind(), tree.titleOf(folder.guid()),
                            null, null, null, null, folder.parentGuid(), null, null, null, null, missing, null));
        }
    }

    private static LostReason lostReason(BookmarkTree tree, BookmarkNode n) {
        List<String> listing = tree.listedBy(n.guid());
        BookmarkNode parent = tree.get(n.parentGuid());
        if (n.parentGuid() == null) {
            return LostReason.NO_PARENT;
        }
        if (TOP.equals(n.parentGuid())) {
            return LostReason.OUTSIDE_ROOTS;
        }
        if (parent == null || !parent.isFolder()) {
            return listing.isEmpty() ? LostReason.PARENT_MISSING : LostReason.PARENT_MISSING_LISTED_ELSEWHERE;
        }
        if (!tree.reachable(n.guid())) {
            return LostReason.CYCLE;
        }
        if (!listing.contains(n.parentGuid())) {
            return listing.isEmpty() ? LostReason.NOT_LISTED : LostReason.LISTED_ELSEWHERE;
        }
        return null;
    }

    private static HealthEntry lost(BookmarkTree tree, BookmarkNode n, LostReason reason) {
        String placedIn = switch (reason) {
            case PARENT_MISSING_LISTED_ELSEWHERE, LISTED_ELSEWHERE -> newest(tree, tree.listedBy(n.guid()));
            case NOT_LISTED -> n.parentGuid();
            default -> "unfiled";
        };
        String detail = switch (reason) {
            case PARENT_MISSING -> "Its folder (id " + n.parentGuid() + ") does not exist and no folder lists it.";
            case PARENT_MISSING_LISTED_ELSEWHERE ->
                "Its folder (id " + n.parentGuid() + ") does not exist; another folder lists it.";
            case NO_PARENT -> "It names no folder.";
            case OUTSIDE_ROOTS -> "It sits at the top level, where only the four bookmark roots belong.";
            case CYCLE -> "Its folders contain each other, so no root reaches it.";
            case NOT_LISTED -> "Its folder does not list it among its children.";
            case LISTED_ELSEWHERE -> "Its folder does not list it; another folder does.";
        };
        return entry(n, reason.code(), detail, new Crumb(placedIn, tree.titleOf(placedIn)), null, null, null);
    }

    /** Of the folders listing an item, the one modified last (Firefox's repair keeps the newest parent). */
    private static String newest(BookmarkTree tree, List<String> folders) {
        return folders.stream().max(Comparator.comparing((String f) -> {
            Instant m = tree.get(f) == null ? null : tree.get(f).lastModified();
            return m == null ? Instant.EPOCH : m;
        }).thenComparing(Comparator.reverseOrder())).orElse("unfiled");
    }

    private static HealthEntry entry(BookmarkNode n, String reason, String detail, Crumb placedIn, List<Crumb> folders,
            List<String> missing, List<Crumb> bookmarks) {
        return new HealthEntry(n.guid(), n.kind(), n.title(), n.url(), n.url() == null ? null : Links.linkable(n.url()),
                n.keyword(), n.tags().isEmpty() ? null : n.tags(), n.parentGuid(), reason, detail, placedIn, folders, missing,
                bookmarks);
    }
}
