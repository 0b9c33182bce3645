package io.fxhome.worker.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.quarkus.logging.Log;

/**
 * Merges a trigram index's GIN pending list into the index once a first sync has written an account's rows.
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
