package io.fxhome.web.bookmarks.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The health report of an account's bookmarks, served in pages. Reading and checking the whole tree is the costly part
 * (docs/web-app.md has the figures for 10,000 bookmarks), and the report is asked for page after page of the same
 * tree: so each instance keeps the latest check of the most recently asked trees, and uses it while the tree's
 * {@link BookmarkTreeReader.Version} (asked of PostgreSQL on every request, a count over the account's rows) is
 * unchanged. Another instance or the worker changing the tree changes the version, so no answer is ever older than
 * the rows.
 */
@ApplicationScoped
public class BookmarkHealth {
    /** Trees kept checked per instance; each is the report's lists, not the tree. */
    static final int CHECKED_TREES = 64;
    /** A check is redone at least this often, whatever the version says (transaction ids wrap around). */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final BookmarkTreeReader reader;
    private final Clock clock = Clock.systemUTC();
    private final Map<UUID, Checked> checked = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Checked> eldest) {
            return size() > CHECKED_TREES;
        }
    });

    /** One tree's report, with the version it was made from. */
    private record Checked(BookmarkTreeReader.Version version, Instant at, int bookmarks, TreeHealth health) {
    }

    public BookmarkHealth(BookmarkTreeReader reader) {
        this.reader = reader;
    }

    public BookmarkTree tree(UUID accountId) {
        return new BookmarkTree(reader.all(accountId));
    }

    public HealthSummary summary(UUID accountId) {
        Checked c = check(accountId);
        List<HealthSummary.Count> counts = new ArrayList<>();
        for (HealthList l : HealthList.values()) {
            counts.add(new HealthSummary.Count(l.path(), l.title(), c.health().list(l).size()));
        }
        return new HealthSummary(c.bookmarks(), counts);
    }

    /** The entries of a list after {@code after} (by key), at most {@code limit}. */
    public HealthPage page(UUID accountId, HealthList which, Optional<String> after, int limit) {
        List<HealthEntry> all = check(accountId).health().list(which);
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

    /** The account's report: the one kept if its tree has not changed since, else a new check. */
    private Checked check(UUID accountId) {
        // The version is read before the tree: a change in between is then seen as a change at the next request.
        BookmarkTreeReader.Version version = reader.version(accountId);
        Instant now = clock.instant();
        Checked kept = checked.get(accountId);
        if (kept != null && kept.version().equals(version) && kept.at().plus(MAX_AGE).isAfter(now)) {
            return kept;
        }
        BookmarkTree tree = tree(accountId);
        Checked fresh = new Checked(version, now, tree.nodes().size(), TreeCheck.check(tree));
        checked.put(accountId, fresh);
        return fresh;
    }
}
