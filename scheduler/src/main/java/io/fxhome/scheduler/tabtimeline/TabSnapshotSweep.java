package io.fxhome.scheduler.tabtimeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Removes old tab-timeline snapshots of one database, in bounded transactions, as the run-history sweep does: it walks
 * the accounts in key order, {@code accountsPerTransaction} at a time, and in each deletes at most
 * {@code rowsPerTransaction} snapshots taken before the cutoff that are not their device's latest (a device's current
 * tabs stay on its timeline however old). Lookups go through {@code tab_snapshot_taken_idx} (account, time) and the
 * primary key (account, device, time). Plain Java, so tests can sweep with any limits.
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
    /** PostgreSQL orders uuids by their bytes, unsigned: the nil uuid comes first (and is never an account's id). */
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    /** What one sweep of one database did. */
    public record Result(long accounts, long deleted, int transactions) {
        Result plus(Result o) {
            return new Result(accounts + o.accounts, deleted + o.deleted, transactions + o.transactions);
        }
    }

    private final int accountsPerTransaction;
    private final int rowsPerTransaction;

    public TabSnapshotSweep(int accountsPerTransaction, int rowsPerTransaction) {
        if (accountsPerTransaction < 1 || rowsPerTransaction < 1) {
            throw new IllegalArgumentException("sweep-accounts and sweep-rows must be >= 1");
        }
        this.accountsPerTransaction = accountsPerTransaction;
        this.rowsPerTransaction = rowsPerTransaction;
    }

    /** Deletes every snapshot taken before {@code cutoff} that its device has a newer one of. */
    public Result sweep(DataSource database, Instant cutoff) throws SQLException {
        Result total = new Result(0, 0, 0);
        UUID after = BEFORE_ALL;
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(SWEEP)) {
            c.setAutoCommit(true); // each statement is its own short transaction
            while (true) {
                ps.setObject(1, after);
                ps.setInt(2, accountsPerTransaction);
                ps.setTimestamp(3, Timestamp.from(cutoff));
                ps.setInt(4, rowsPerTransaction);
                long accounts;
                UUID last;
                long deleted;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    accounts = rs.getLong(1);
                    last = rs.getObject(2, UUID.class);
                    deleted = rs.getLong(3);
                }
                boolean windowDone = deleted < rowsPerTransaction;
                total = total.plus(new Result(windowDone ? accounts : 0, deleted, 1));
                if (windowDone) {
                    if (accounts < accountsPerTransaction) {
                        return total;
                    }
                    after = last;
                }
            }
        }
    }
}
