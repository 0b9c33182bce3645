package io.fxhome.scheduler.sweep;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The batched-delete loop of the retention sweeps: one statement, run again and again in autocommit (each run its own
 * short transaction), walks the accounts in key order a window of {@code accountsPerTransaction} at a time and deletes
 * at most {@code rowsPerTransaction} rows of the window; a window that had more is done again until it has none.
 * <p>
 * The statement's parameters 1 and 2 are the last account id before the window and the window's size (the sweep binds
 * them), the others are the caller's. It answers one row: the window's account count, its last account id, then the
 * rows deleted, the first count being the one bounded by {@code rowsPerTransaction}.
 */
public final class AccountWindowSweep {
    /** PostgreSQL orders uuids by their bytes, unsigned: the nil uuid comes first (and is never an account's id). */
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    /** Binds the statement's own parameters, from 3 on. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** What one sweep of one database did: accounts walked, rows deleted per count column, transactions. */
    public record Totals(long accounts, long[] deleted, int transactions) {
    }

    private final String statement;
    private final int counts;
    private final int accountsPerTransaction;
    private final int rowsPerTransaction;

    public AccountWindowSweep(String statement, int counts, int accountsPerTransaction, int rowsPerTransaction) {
        if (accountsPerTransaction < 1 || rowsPerTransaction < 1) {
            throw new IllegalArgumentException("sweep-accounts and sweep-rows must be >= 1");
        }
        this.statement = statement;
        this.counts = counts;
        this.accountsPerTransaction = accountsPerTransaction;
        this.rowsPerTransaction = rowsPerTransaction;
    }

    public Totals sweep(DataSource database, Parameters parameters) throws SQLException {
        long accounts = 0;
        long[] deleted = new long[counts];
        int transactions = 0;
        UUID after = BEFORE_ALL;
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            c.setAutoCommit(true); // each statement is its own short transaction
            while (true) {
                ps.setObject(1, after);
                ps.setInt(2, accountsPerTransaction);
                parameters.bind(ps);
                long windowAccounts;
                UUID last;
                long bounded;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    windowAccounts = rs.getLong(1);
                    last = rs.getObject(2, UUID.class);
                    for (int i = 0; i < counts; i++) {
                        deleted[i] += rs.getLong(3 + i);
                    }
                    bounded = rs.getLong(3);
                }
                transactions++;
                if (bounded < rowsPerTransaction) { // the window is done
                    accounts += windowAccounts;
                    if (windowAccounts < accountsPerTransaction) {
                        return new Totals(accounts, deleted, transactions);
                    }
                    after = last;
                }
            }
        }
    }
}
