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

    /** What is read about the account together with taking its lease. */
    @FunctionalInterface
    public interface Reader<T> {
        /** The read's rows; positioned before the first. */
        T read(ResultSet rows) throws SQLException;
    }

    /** A lease taken, and what was read under it. */
    public record Taken<T>(AccountLease lease, T read) {
    }

    /**
     * As {@link #tryTake(DataSource, UUID)}, and runs {@code query} (one statement whose only parameter is the account
     * id) in the same network exchange as the lock: two statements in one message, the read after the lock and with a
     * snapshot of its own (read committed), so it sees everything the previous holder committed, as a read sent after
     * the lock was granted would. When the lease is not taken the read was made for nothing and is dropped: a duplicate
     * job, rare next to the one round trip it saves every sync (docs/benchmarks.md, "A fleet under load").
     */
    public static <T> Optional<Taken<T>> tryTake(DataSource shard, UUID accountId, String query, Reader<T> reader)
            throws SQLException {
        long key = key(accountId);
        Connection connection = shard.getConnection();
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?);\n" + query)) {
            ps.setLong(1, key);
            ps.setObject(2, accountId);
            ps.execute();
            boolean taken;
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                taken = rs.getBoolean(1);
            }
            if (!taken) {
                connection.close();
                return Optional.empty();
            }
            if (!ps.getMoreResults()) {
                throw new SQLException("the read sent with the lease's lock returned no rows");
            }
            T read;
            try (ResultSet rs = ps.getResultSet()) {
                read = reader.read(rs);
            }
            return Optional.of(new Taken<>(new AccountLease(connection, key), read));
        } catch (SQLException | RuntimeException e) {
            // The lock is the session's and outlives a failed exchange (a read that fails aborts only the implicit
            // transaction, after the lock was granted): released before the connection goes back to the pool. When
            // it was not granted, the unlock is a no-op (false, with a warning in PostgreSQL's log).
            try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.executeQuery().close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
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
