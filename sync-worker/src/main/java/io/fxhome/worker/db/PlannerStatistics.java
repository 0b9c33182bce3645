package io.fxhome.worker.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.quarkus.logging.Log;

/**
 * Keeps PostgreSQL's planner statistics in step with tables that a sync grows faster than autovacuum analyzes them.
 * <p>
 * A first sync can multiply a table's size in seconds, while autovacuum looks once a minute. Until then the planner
 * works from what the last ANALYZE saw: on a new installation, empty tables and partial indexes "empty" since their
 * creation, so any index of the account's rows looks as cheap as the one made for a look-up, and each page's write
 * walked the whole account. The planner scales row counts by a table's current size, so statistics need renewing
 * only when what they saw is no longer representative: after pages 1, 2, 4, 8, … of a download and at its end, the
 * writer checks, with one catalog query, whether a table never analyzed has two pages or more, or has grown to ten
 * times the pages its statistics describe, and analyzes it then (a few times over a first sync; ANALYZE reads a sample
 * of at most 30,000 rows, so each costs well under a second), never for a table whose size the sync hardly moves (an
 * account joining a large installation).
 */
public final class PlannerStatistics {
    // Of the given tables, those whose size on disk now is ten times what their last ANALYZE recorded, or which were
    // never analyzed (reltuples -1) and have two pages: sizes are exact at once, where the cumulative row counts reach
    // other sessions up to seconds late, too late for a collection of one page. Of those, only the ones no other sync
    // is analyzing now (a lock of the table's name until this transaction ends, in the two-key space, apart from the
    // leases' and Flyway's): the first syncs of a fleet all found history_place stale at once, and each queued for
    // the previous one's ANALYZE and then ran its own, one after the other, minutes each on a busy machine, holding
    // their slots (docs/benchmarks.md, "A fleet under load"). One sync analyzes; the others go on writing with the
    // statistics they have, which the planner scales by the table's current size meanwhile.
    private static final String STALE = """
            select t.name
              from unnest(?::text[]) as t (name)
              join pg_class c on c.oid = to_regclass(t.name)
             cross join lateral (select pg_relation_size(c.oid) / current_setting('block_size')::bigint as pages) size
             where size.pages >= 2 and (c.reltuples < 0 or size.pages > 10 * greatest(c.relpages, 1))
               and pg_try_advisory_xact_lock(hashtext('fxhome.planner-statistics'), hashtext(t.name))
            """;

    private final Transactions tx;
    // Not synchronized: page writers are virtual threads, which must not pin their carrier while they wait.
    private final ReentrantLock lock = new ReentrantLock();

    public PlannerStatistics(Transactions tx) {
        this.tx = tx;
    }

    /**
     * Analyzes each of these tables whose statistics describe a tenth of its size or less, unless another sync is
     * analyzing it. One at a time per sync: a second page writer finds the statistics fresh instead of analyzing the
     * same table again.
     */
    public void refreshIfStale(String... tables) {
        lock.lock();
        try {
            refresh(tables);
        } finally {
            lock.unlock();
        }
    }

    private void refresh(String... tables) {
        // The usual answer, nothing stale, costs one exchange in autocommit (where the look's lock ends with its
        // statement); a table found stale is looked at again in the transaction that holds its lock and analyzes it.
        if (tx.withoutTransaction(c -> stale(c, tables)).isEmpty()) {
            return;
        }
        tx.inTransaction(c -> {
            List<String> stale = stale(c, tables);
            if (!stale.isEmpty()) {
                long start = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    // The table names are the writers' own constants, never input.
                    st.execute("analyze " + String.join(", ", stale));
                }
                Log.debugf("analyzed %s (statistics were stale) in %d ms", stale, (System.nanoTime() - start) / 1_000_000);
            }
            return null;
        });
    }

    private static List<String> stale(Connection c, String... tables) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(STALE)) {
            ps.setArray(1, c.createArrayOf("text", tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
        }
        return stale;
    }
}
