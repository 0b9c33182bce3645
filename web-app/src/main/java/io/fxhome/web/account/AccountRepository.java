package io.fxhome.web.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.shard.ShardRouter;

/** The account row and its sealed secrets, by account id. */
@ApplicationScoped
public class AccountRepository {
    /** Every query runs on the account's shard. */
    private final ShardRouter shards;

    public AccountRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public Optional<AccountView> find(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select id, email, status, status_reason, created_at, last_seen_at, last_sync_at, next_sync_at
                          from account where id = ?""")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional
                        .of(new AccountView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                                instant(rs.getTimestamp(8))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read account " + accountId + ": " + e.getMessage(), e);
        }
    }

    public Optional<SealedAccountSecrets> secrets(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select master_key_version, wrapped_data_key, refresh_token, sync_key_bundle, key_id
                          from account_secret where account_id = ?""")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new SealedAccountSecrets(rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the secrets of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** The OAuth client the account's refresh token belongs to; empty for the password sign-in's client. */
    public Optional<String> oauthClientId(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("select oauth_client_id from account_secret where account_id = ?")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the OAuth client of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** The id of fxhome's own device at Mozilla for this account (registered by the worker's SendTabReceiver). */
    public Optional<String> sendTabDeviceId(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("select device_id from send_tab_device where account_id = ?")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the device of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the account; every per-user row (data, secrets, sessions, sync state) goes with it by cascade. */
    public boolean delete(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("delete from account where id = ?")) {
            ps.setObject(1, accountId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete account " + accountId + ": " + e.getMessage(), e);
        }
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
