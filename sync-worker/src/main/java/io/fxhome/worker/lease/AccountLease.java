package io.fxhome.worker.lease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The right to sync one account: a PostgreSQL advisory lock (session level, keyed by the account id), held on a
 * connection of its own for the whole sync. Two workers never sync one account at once, and the database releases the
 * lock by itself when the connection goes, so a job redelivered after this process died is never blocked by a stale
 * lease. An advisory lock, not a row lock: no row of the account is locked by it, and nothing else waits for it.
 */
public final class AccountLease implements AutoCloseable {
    private final Connection connection;
    private final long key;

    private AccountLease(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** Takes the account's lease on its shard without waiting: empty when another sync holds it. */
    public static Optional<AccountLease> tryTake(DataSource shard, UUID accountId) throws SQLException {
        long key = key(accountId);
        Connection connection = shard.getConnection();
        boolean taken = false;
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                taken = rs.getBoolean(1);
            }
        } finally {
            if (!taken) {
                connection.close();
            }
        }
        return taken ? Optional.of(new AccountLease(connection, key)) : Optional.empty();
    }

    /**
     * The lease's own connection, in autocommit, for the reads of the account at the start of its sync: a read after
     * the lock sees everything the previous holder committed, and costs no connection or transaction of its own. Never
     * to be closed by the caller, nor left in a transaction.
     */
    public Connection connection() {
        return connection;
    }

    /** Releases the lease and its connection. */
    @Override
    public void close() throws SQLException {
        try (connection; PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.executeQuery().close();
        }
    }

    /** 64 bits of the account id; the namespace bit keeps it apart from Flyway's and Quartz's locks. */
    static long key(UUID accountId) {
        return (accountId.getMostSignificantBits() ^ accountId.getLeastSignificantBits()) | Long.MIN_VALUE;
    }
}
