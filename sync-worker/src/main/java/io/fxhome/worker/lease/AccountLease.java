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
 * <p>
 * A request that must be followed by a sync starting after it (a user's "sync now", a first link) is not dropped when
 * the lease is held: {@link #askTheHolderToSyncAgain} leaves word in {@code account.sync_again}, and the holder reads
 * it when it releases ({@link #releaseAndCheckSyncAgain}). The word is committed before the lock is tried, and the
 * holder reads it in a statement after its unlock: a holder still holding the lock when the asker tries it reads the
 * word after releasing; if it released before, the asker takes the lock and syncs itself.
 * Whoever takes the lease because of the word clears it ({@link #clearSyncAgain}) before its sync downloads anything.
 */
public final class AccountLease implements AutoCloseable {
    private static final String RELEASE = "select pg_advisory_unlock(?)";
    /**
     * Two statements in one exchange: the read runs after the unlock with a snapshot of its own (read committed), so it
     * sees any word committed while the lock was still held. (One statement would read with a snapshot from before.)
     */
    private static final String RELEASE_AND_READ_WORD = RELEASE + ";\nselect sync_again from account where id = ?";
    private final Connection connection;
    private final long key;
    private final UUID accountId;
    private boolean released;

    private AccountLease(Connection connection, long key, UUID accountId) {
        this.connection = connection;
        this.key = key;
        this.accountId = accountId;
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
        return taken ? Optional.of(new AccountLease(connection, key, accountId)) : Optional.empty();
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
            return Optional.of(new Taken<>(new AccountLease(connection, key, accountId), read));
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
     * For a request that must be followed by a sync starting after it, when {@link #tryTake} found the lease held:
     * leaves word for the holder to sync once more (committed first), then tries the lease again. Taken when the
     * holder released in between: then this caller syncs, and the word is cleared. Empty when the holder still holds
     * it, and will read the word after releasing; or when there is no such account (nothing to sync).
     */
    public static <T> Optional<Taken<T>> askTheHolderToSyncAgain(DataSource shard, UUID accountId, String query,
            Reader<T> reader) throws SQLException {
        try (Connection connection = shard.getConnection();
                PreparedStatement ps = connection.prepareStatement("update account set sync_again = true where id = ?")) {
            ps.setObject(1, accountId);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        Optional<Taken<T>> taken = tryTake(shard, accountId, query, reader);
        if (taken.isPresent()) {
            try {
                taken.get().lease().clearSyncAgain();
            } catch (SQLException e) {
                taken.get().lease().close();
                throw e;
            }
        }
        return taken;
    }

    /**
     * Clears the word that asked for another sync: the sync about to run under this lease answers it. Called by
     * whoever took the lease because of the word, before its sync downloads anything.
     */
    public void clearSyncAgain() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "update account set sync_again = false where id = ? and sync_again")) {
            ps.setObject(1, accountId);
            ps.executeUpdate();
        }
    }

    /**
     * Releases the lease and its connection, and tells whether a request asked for another sync while it was held
     * ({@link #askTheHolderToSyncAgain}): then the caller takes the lease again (it may find another sync holding it,
     * which reads the same word when it releases) and syncs once more. One exchange; {@link #close} then does nothing.
     */
    public boolean releaseAndCheckSyncAgain() throws SQLException {
        released = true;
        try (connection; PreparedStatement ps = connection.prepareStatement(RELEASE_AND_READ_WORD)) {
            ps.setLong(1, key);
            ps.setObject(2, accountId);
            ps.execute();
            if (!ps.getMoreResults()) {
                throw new SQLException("the read sent with the lease's release returned nothing");
            }
            try (ResultSet rs = ps.getResultSet()) {
                return rs.next() && rs.getBoolean(1);
            }
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

    /** Releases the lease and its connection, unless {@link #releaseAndCheckSyncAgain} did. */
    @Override
    public void close() throws SQLException {
        if (released) {
            return;
        }
        released = true;
        try (connection; PreparedStatement ps = connection.prepareStatement(RELEASE)) {
            ps.setLong(1, key);
            ps.executeQuery().close();
        }
    }

    /** 64 bits of the account id; the namespace bit keeps it apart from Flyway's and Quartz's locks. */
    static long key(UUID accountId) {
        return (accountId.getMostSignificantBits() ^ accountId.getLeastSignificantBits()) | Long.MIN_VALUE;
    }
}
