package io.fxhome.scheduler.retention;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import io.fxhome.scheduler.sweep.AccountWindowSweep;

/**
 * Removes old runs of one database, in bounded transactions: it walks the accounts in key order, a window of
 * {@code accountsPerTransaction} at a time, and in each deletes the runs older than the cutoff beyond each account's
 * latest {@code keepRuns}, at most {@code rowsPerTransaction} of them, with their skipped records (a window with more
 * is done again until it has none). Every lookup goes through a primary key led by {@code account_id}: a run's
 * history is read newest first from {@code sync_run}'s key, so a sweep that finds nothing costs one short index scan per
 * account. Plain Java, so tests can sweep with any limits; the loop is {@link AccountWindowSweep}'s.
 */
public final class RunHistorySweep {
    private static final String SWEEP = """
            with window_accounts as (select id from account where id > ? order by id limit ?),
                 doomed as (select w.id as account_id, r.started_at
                              from window_accounts w
                             cross join lateral (select s.started_at from sync_run s where s.account_id = w.id
                                                  order by s.started_at desc offset ?) r
                             where r.started_at < ?
                             limit ?),
                 runs as (delete from sync_run s using doomed d
                           where s.account_id = d.account_id and s.started_at = d.started_at returning 1),
                 skipped as (delete from sync_skipped_record k using doomed d
                              where k.account_id = d.account_id and k.started_at = d.started_at returning 1)
            select (select count(*) from window_accounts), (select id from window_accounts order by id desc limit 1),
                   (select count(*) from runs), (select count(*) from skipped)""";

    /** What one sweep of one database did. */
    public record Result(long accounts, long runsDeleted, long skippedDeleted, int transactions) {
    }

    private final int keepRuns;
    private final int rowsPerTransaction;
    private final AccountWindowSweep windows;

    public RunHistorySweep(int keepRuns, int accountsPerTransaction, int rowsPerTransaction) {
        if (keepRuns < 0 || accountsPerTransaction < 1 || rowsPerTransaction < 1) {
            throw new IllegalArgumentException("keep-runs must be >= 0, sweep-accounts and sweep-rows >= 1");
        }
        this.keepRuns = keepRuns;
        this.rowsPerTransaction = rowsPerTransaction;
        this.windows = new AccountWindowSweep(SWEEP, 2, accountsPerTransaction, rowsPerTransaction);
    }

    /** Deletes every run started before {@code cutoff} that is not among its account's latest {@code keepRuns}. */
    public Result sweep(DataSource database, Instant cutoff) throws SQLException {
        AccountWindowSweep.Totals t = windows.sweep(database, ps -> {
            ps.setInt(3, keepRuns);
            ps.setTimestamp(4, Timestamp.from(cutoff));
            ps.setInt(5, rowsPerTransaction);
        });
        return new Result(t.accounts(), t.deleted()[0], t.deleted()[1], t.transactions());
    }
}
