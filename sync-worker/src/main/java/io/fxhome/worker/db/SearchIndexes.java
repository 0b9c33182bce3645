package io.fxhome.worker.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

import io.quarkus.logging.Log;

/**
 * Leaves the address-bar search's indexes and tables as maintenance would, once a first sync has written an account's
 * rows: merges the trigram indexes' GIN pending lists, and marks the new heap pages all-visible.
 * <p>
 * GIN indexes take new rows into a pending list (fastupdate), merged in bulk when it outgrows
 * {@code gin_pending_list_limit} (4 MB) or when VACUUM or autovacuum comes. A first sync leaves the last few megabytes
 * of its rows there, and every trigram look of the address-bar search reads the whole list until autovacuum merges
 * it: the account's first searches, right after the sync, were the slowest (docs/benchmarks.md, "Search as a person
 * types"). Merging once, at the end of the download, does work that the next writer or autovacuum would otherwise do
 * later; a permanently shorter list was measured and cost the write path 20 % (docs/benchmarks.md).
 */
public final class SearchIndexes {
    /** The address-bar search's trigram index of history pages (migration V7). */
    public static final String HISTORY_MATCH = "history_place_match_idx";
    /** The same for bookmarks. */
    public static final String BOOKMARK_MATCH = "bookmark_match_idx";
    /** The history pages' table. */
    public static final String HISTORY_TABLE = "history_place";
    /** The bookmarks' table. */
    public static final String BOOKMARK_TABLE = "bookmark";

    private SearchIndexes() {
    }

    /**
     * Merges the index's pending list, now. A failure costs only the speed of the next searches (autovacuum merges the
     * list later), never the sync: it is logged and the sync goes on.
     *
     * @param index one of this class's index names, never input
     */
    public static void mergePending(Transactions tx, String index) {
        long start = System.nanoTime();
        try {
            // The function waits for a merge another session has begun, then merges what is left; the pages it writes
            // are index maintenance that a crash's replay redoes or autovacuum repeats, so no commit waits for them.
            long pages = tx.inPageTransaction(c -> merge(c, index));
            Log.debugf("merged %d pending pages of %s in %d ms", (Object) pages, index,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (DatabaseException e) {
            Log.warnf("could not merge the pending list of %s (autovacuum will): %s", index, e.getMessage());
        }
    }

    /**
     * Marks the table's pages that the sync just filled all-visible: a VACUUM of the heap alone, now. The search walks
     * history and bookmarks in frecency order through index-only scans, which visit the heap for every row on a page
     * not marked all-visible; until autovacuum comes (for {@code history_place}, after 1 % of its rows are new: never
     * for one account's first sync in a large installation), the account's first searches did (docs/benchmarks.md,
     * "Search as a person types"). The indexes are left alone ({@code index_cleanup off}: their pending lists are
     * merged by {@link #mergePending}, and a scan of every index of a table shared by all accounts would cost seconds);
     * so is the table's end ({@code truncate false}: no exclusive lock on a table other syncs write to). A table another
     * session is vacuuming (autovacuum, another first sync) is skipped ({@code skip_locked}), never waited for: that
     * VACUUM marks the pages. A failure is logged and costs only the speed of the next searches.
     *
     * @param table one of the search's tables ({@code history_place}, {@code bookmark}), never input
     */
    public static void markVisible(Transactions tx, String table) {
        long start = System.nanoTime();
        try {
            SQLWarning skipped = tx.withoutTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("vacuum (index_cleanup off, truncate false, process_toast false, skip_locked) " + table);
                    // A table skipped (locked, or not this role's to vacuum) is a warning, not an error.
                    return st.getWarnings();
                }
            });
            if (skipped != null) {
                Log.infof("vacuum of %s skipped (autovacuum will mark its pages): %s", table, skipped.getMessage());
            } else {
                Log.debugf("marked the new pages of %s all-visible in %d ms", table, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (DatabaseException e) {
            Log.warnf("could not vacuum %s (autovacuum will): %s", table, e.getMessage());
        }
    }

    /** Merges the index's pending list on {@code c}; returns the pending pages merged. */
    public static long merge(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select gin_clean_pending_list(to_regclass(?))")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }
}
