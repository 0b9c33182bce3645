package io.fxhome.web.bookmarks.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** The health report of an account's bookmarks, read and checked per request, served in pages. */
@ApplicationScoped
public class BookmarkHealth {
    private final BookmarkTreeReader reader;

    public BookmarkHealth(BookmarkTreeReader reader) {
        this.reader = reader;
    }

    public BookmarkTree tree(UUID accountId) {
        return new BookmarkTree(reader.all(accountId));
    }

    public HealthSummary summary(UUID accountId) {
        BookmarkTree tree = tree(accountId);
        TreeHealth health = TreeCheck.check(tree);
        List<HealthSummary.Count> counts = new ArrayList<>();
        for (HealthList l : HealthList.values()) {
            counts.add(new HealthSummary.Count(l.path(), l.title(), health.list(l).size()));
        }
        return new HealthSummary(tree.nodes().size(), counts);
    }

    /** The entries of a list after {@code after} (by key), at most {@code limit}. */
    public HealthPage page(UUID accountId, HealthList which, Optional<String> after, int limit) {
        List<HealthEntry> all = TreeCheck.check(tree(accountId)).list(which);
        List<HealthEntry> items = new ArrayList<>();
        String next = null;
        for (HealthEntry e : all) {
            String key = TreeHealth.key(which, e);
            if (after.isPresent() && key.compareTo(after.get()) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                next = HealthCursor.encode(TreeHealth.key(which, items.get(limit - 1)));
                break;
            }
            items.add(e);
        }
        return new HealthPage(which.path(), which.title(), all.size(), items, next);
    }
}
