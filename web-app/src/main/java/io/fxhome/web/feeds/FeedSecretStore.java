package io.fxhome.web.feeds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.jdbc.Sql;
import io.fxhome.web.secret.AccountSecret;

/** The {@code feed_secret} table: one hashed secret per account, on the account's shard, keyed by account id. */
@ApplicationScoped
public class FeedSecretStore {
    private final ShardRouter shards;

    public FeedSecretStore(ShardRouter shards) {
        this.shards = shards;
    }

    /** Stores the account's new feed secret, replacing (and so revoking) the one before. */
    public void replace(AccountSecret secret, Instant now) {
        try (Connection c = shards.dataSource(secret.accountId()).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into feed_secret (account_id, secret_hash, created_at) values (?, ?, ?)
                        on conflict (account_id) do update set secret_hash = excluded.secret_hash,
                                                               created_at = excluded.created_at""")) {
            ps.setObject(1, secret.accountId());
            ps.setBytes(2, secret.hash());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the feed secret of account " + secret.accountId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** When the account's feed secret was made, if it has one. */
    public Optional<Instant> createdAt(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("select created_at from feed_secret where account_id = ?")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Sql.instant(rs.getTimestamp(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the feed secret of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** Whether this is the account's live feed secret (and the account is not being deleted). */
    public boolean matches(AccountSecret secret) {
        try (Connection c = shards.dataSource(secret.accountId()).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select 1 from feed_secret f join account a on a.id = f.account_id
                         where f.account_id = ? and f.secret_hash = ? and a.status <> 'deleted'""")) {
            ps.setObject(1, secret.accountId());
            ps.setBytes(2, secret.hash());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the feed secret of account " + secret.accountId() + ": "
                    + e.getMessage(), e);
        }
    }

    public boolean delete(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("delete from feed_secret where account_id = ?")) {
            ps.setObject(1, accountId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the feed secret of account " + accountId + ": " + e.getMessage(), e);
        }
    }
}
