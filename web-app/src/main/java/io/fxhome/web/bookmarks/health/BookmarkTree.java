package io.fxhome.web.bookmarks.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fxhome.web.bookmarks.BookmarkRoots;

/**
 * An account's bookmark mirror indexed in memory: each folder's children as the web app shows them (by their parent
 * id, in the order the folder lists them, unlisted ones last), which folders list each item, and which items a root
 * reaches. Built once per health report or export.
 */
public final class BookmarkTree {
    private static final Comparator<BookmarkNode> SHOWN_ORDER = Comparator
            .comparing(BookmarkNode::position, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(BookmarkNode::guid);

    private final Map<String, BookmarkNode> byGuid = new HashMap<>();
    private final Map<String, List<BookmarkNode>> childrenByParent = new HashMap<>();
    private final Map<String, List<String>> listedBy = new HashMap<>();
    private final Set<String> reachable = new HashSet<>();
    private final List<BookmarkNode> nodes;

    public BookmarkTree(List<BookmarkNode> nodes) {
        this.nodes = List.copyOf(nodes);
        for (BookmarkNode n : nodes) {
            byGuid.put(n.guid(), n);
            if (n.parentGuid() != null) {
                childrenByParent.computeIfAbsent(n.parentGuid(), p -> new ArrayList<>()).add(n);
            }
        }
        childrenByParent.values().forEach(l -> l.sort(SHOWN_ORDER));
        for (BookmarkNode f : nodes) {
            if (f.isFolder() && f.children() != null) {
                for (String child : new LinkedHashSet<>(f.children())) {
                    listedBy.computeIfAbsent(child, c -> new ArrayList<>()).add(f.guid());
                }
            }
        }
        Deque<String> todo = new ArrayDeque<>();
        for (String root : BookmarkRoots.ORDER) {
            if (byGuid.containsKey(root)) {
                todo.add(root);
            }
        }
        while (!todo.isEmpty()) {
            String g = todo.poll();
            if (reachable.add(g)) {
                for (BookmarkNode c : childrenOf(g)) {
                    todo.add(c.guid());
                }
            }
        }
    }

    public List<BookmarkNode> nodes() {
        return nodes;
    }

    public BookmarkNode get(String guid) {
        return guid == null ? null : byGuid.get(guid);
    }

    /** A folder's children as the web app shows them. */
    public List<BookmarkNode> childrenOf(String guid) {
        return childrenByParent.getOrDefault(guid, List.of());
    }

    /** The folders whose record lists {@code guid} among its children, each once. */
    public List<String> listedBy(String guid) {
        return listedBy.getOrDefault(guid, List.of());
    }

    /** Whether a root reaches it through parent ids (what the folder views can show). */
    public boolean reachable(String guid) {
        return reachable.contains(guid);
    }

    /** A folder's display title (the roots have their names). */
    public String titleOf(String guid) {
        BookmarkNode n = byGuid.get(guid);
        return BookmarkRoots.title(guid, n == null ? null : n.title());
    }
}
