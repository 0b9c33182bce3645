package io.fxhome.web.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fxhome.web.bookmarks.health.BookmarkNode;
import io.fxhome.web.bookmarks.health.BookmarkTree;
import io.fxhome.web.bookmarks.health.HealthEntry;
import io.fxhome.web.bookmarks.health.HealthList;
import io.fxhome.web.bookmarks.health.TreeCheck;

/**
 * What a bookmark export holds, in order: the four roots as the web app shows them (children by parent, in the order
 * each folder lists them), then the items no root reaches under "Lost and found", so that nothing the mirror holds is
 * left out. Each item once: a tree whose folders contain each other (a hostile or broken record) cannot loop.
 */
final class ExportOrder {
    static final String LOST_AND_FOUND_TITLE = "Lost and found (fxhome)";

    /** One folder or item of the export, with its children (folders only). */
    record Exported(BookmarkNode node, String title, List<Exported> children) {
    }

    private final BookmarkTree tree;
    private final Set<String> written = new HashSet<>();

    ExportOrder(BookmarkTree tree) {
        this.tree = tree;
    }

    /** The roots present, menu first (as Firefox exports), each with its subtree. */
    List<Exported> roots() {
        List<Exported> roots = new ArrayList<>();
        for (String root : List.of("menu", "toolbar", "unfiled", "mobile")) {
            BookmarkNode n = tree.get(root);
            if (n != null) {
                roots.add(subtree(n));
            }
        }
        return roots;
    }

    /** The unreachable items (call after {@link #roots()}), each once with what hangs below it. */
    List<Exported> lostAndFound() {
        List<Exported> lost = new ArrayList<>();
        for (HealthEntry e : TreeCheck.check(tree).list(HealthList.ORPHANS)) {
            BookmarkNode n = tree.get(e.guid());
            if (n != null && !written.contains(n.guid())) {
                lost.add(subtree(n));
            }
        }
        return lost;
    }

    private Exported subtree(BookmarkNode n) {
        written.add(n.guid());
        List<Exported> children = new ArrayList<>();
        if (n.isFolder()) {
            for (BookmarkNode c : tree.childrenOf(n.guid())) {
                if (!written.contains(c.guid())) {
                    children.add(subtree(c));
                }
            }
        }
        return new Exported(n, tree.titleOf(n.guid()), children);
    }
}
