package io.fxhome.shard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The {@code account_directory} table (V8) in the default database: account → shard, and FxA uid → account for
 * sign-ins. Lookups by account id are cached for {@code fxhome.shards.directory-cache-ttl}: an account's shard changes
 * only when an operator moves it. Every statement runs outside the caller's JTA transaction (suspending it): a
 * transaction may hold one non-XA database only, and the caller's is on the account's shard.
 */
@ApplicationScoped
public class AccountDirectory {
    private static final int MAX_CACHED = 200_000;

    private final Shards shards;
    private final long ttlNanos;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String shard, long loadedAt) {
    }

    public AccountDirectory(Shards shards, ShardsConfig config) {
        this.shards = shards;
        this.ttlNanos = config.directoryCacheTtl().toNanos();
    }

    /** The account's shard as the directory says (cached); empty for an account the directory does not list. */
    public Optional<String> shardOf(UUID accountId) {
        Cached cached = cache.get(accountId);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return Optional.of(cached.shard());
        }
        // Misses are not cached: an account placed a moment ago must be found at once.
        Optional<String> shard = query("select shard from account_directory where account_id = ?", accountId,
                rs -> rs.getString(1));
        shard.ifPresent(name -> {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(accountId, new Cached(name, now));
        });
        return shard;
    }

    /** The account of this FxA uid (or single-sign-on stand-in), if it was ever linked. */
    public Optional<DirectoryEntry> byFxaUid(String fxaUid) {
        return query("select account_id, shard from account_directory where fxa_uid = ?", fxaUid,
                rs -> new DirectoryEntry(rs.getObject(1, UUID.class), rs.getString(2)));
    }

    /**
     * The entry of this FxA uid, created on first sight with a new account id on the shard {@code placement} chooses.
     * Two sign-ins of one new user at once create one entry: the second finds the first's.
     */
    public DirectoryEntry register(String fxaUid, Supplier<String> placement) {
        Optional<DirectoryEntry> known = byFxaUid(fxaUid);
        if (known.isPresent()) {
            return known.get();
        }
        String shard = placement.get();
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into account_directory (account_id, fxa_uid, shard) values (?, ?, ?)
                    on conflict (fxa_uid) do nothing""")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, fxaUid);
                ps.setString(3, shard);
                return ps.executeUpdate();
            }
        });
        return byFxaUid(fxaUid).orElseThrow(() -> new IllegalStateException("the directory entry just written is gone"));
    }

    /**
     * Points the FxA uid's entry at the account id its shard really holds: for an account a process older than the
     * directory linked (during a rolling upgrade), whose row the shard had before the directory had its line.
     */
    public void correct(String fxaUid, UUID accountId) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("update account_directory set account_id = ? where fxa_uid = ?")) {
                ps.setObject(1, accountId);
                ps.setString(2, fxaUid);
                return ps.executeUpdate();
            }
        });
    }

    /** Removes the account's line (after its rows were deleted from its shard). */
    public void forget(UUID accountId) {
        cache.remove(accountId);
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from account_directory where account_id = ?")) {
                ps.setObject(1, accountId);
                return ps.executeUpdate();
            }
        });
    }

    /** Accounts listed per shard (shards without any are absent). */
    public Map<String, Long> accountsPerShard() {
        return run(c -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select shard, count(*) from account_directory group by shard");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /** Forgets every cached lookup (tests, and an operator's move in this process). */
    public void clearCache() {
        cache.clear();
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Object key, Row<T> row) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row.read(rs)) : Optional.<T> empty();
                }
            }
        });
    }

    private <T> T run(Work<T> work) {
        DataSource directory = shards.main().dataSource();
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = directory.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read or write the account directory: " + e.getMessage(), e);
            }
        });
    }
}
