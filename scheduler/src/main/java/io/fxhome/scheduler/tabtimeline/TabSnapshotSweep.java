package io.fxhome.scheduler.tabtimeline;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import io.fxhome.scheduler.sweep.AccountWindowSweep;

/**
 * Removes old tab-timeline snapshots of one database, in bounded transactions, as the run-history sweep does: it walks
 * the accounts in key order, {@code accountsPerTransaction} at a time, and in each deletes at most
 * {@code rowsPerTransaction} snapshots taken before the cutoff that are not their device's latest (a device's current
 * tabs stay on its timeline however old). Lookups go through {@code tab_snapshot_taken_idx} (account, time) and the
 * primary key (account, device, time). Plain Java, so tests can sweep with any limits; the loop is
 * {@link AccountWindowSweep}'s.
 */
public final class TabSnapshotSweep {
    private static final String SWEEP = """
            with window_accounts as (select id from account where id > ? order by id limit ?),
                 doomed as (select s.account_id, s.client_id, s.taken_at
                              from window_accounts w
                              join tab_snapshot s on s.account_id = w.id and s.taken_at < ?
                             where exists (select 1 from tab_snapshot n
                                            where n.account_id = s.account_id and n.client_id = s.client_id
                                              and n.taken_at > s.taken_at)
                             limit ?),
                 gone as (delete from tab_snapshot t using doomed d
                           where t.account_id = d.account_id and t.client_id = d.client_id and t.taken_at = d.taken_at
                          returning 1)
            select (select count(*) from window_accounts), (select id from window_accounts order by id desc limit 1),
                   (select count(*) from gone)""";

    /** What one sweep of one database did. */
    public record Result(long accounts, long deleted, int transactions) {
    }

    private final int rowsPerTransaction;
    private final AccountWindowSweep windows;

    public TabSnapshotSweep(int accountsPerTransaction, int rowsPerTransaction) {
        this.rowsPerTransaction = rowsPerTransaction;
        this.windows = new AccountWindowSweep(SWEEP, 1, accountsPerTransaction, rowsPerTransaction);
    }

    /** Deletes every snapshot taken before {@code cutoff} that its device has a newer one of. */
    public Result sweep(DataSource database, Instant cutoff) throws SQLException {
        AccountWindowSweep.Totals t = windows.sweep(database, ps -> {
            ps.setTimestamp(3, Timestamp.from(cutoff));
            ps.setInt(4, rowsPerTransaction);
        });
        return new Result(t.accounts(), t.deleted()[0], t.transactions());
    }
}
