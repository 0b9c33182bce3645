package io.fxhome.web.session;

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
import io.fxhome.web.config.WebConfig;

/** The {@code web_session} table, on the account's shard: every statement is keyed by account id first. */
@ApplicationScoped
public class SessionStore {
    /** Every query runs on the account's shard. */
    private final ShardRouter shards;
    private final WebConfig.Session config;

    public SessionStore(ShardRouter shards, WebConfig config) {
        this.shards = shards;
        this.config = config.session();
    }

    /** A new session for the account; its expired sessions are removed on the way. */
    public SessionCookie create(UUID accountId, String userAgent, Instant now) {
        SessionCookie cookie = SessionCookie.generate(accountId);
        Instant idle = now.plus(config.idleTimeout());
        Instant absolute = now.plus(config.maxAge());
        try (Connection c = shards.dataSource(accountId).getConnection()) {
            try (PreparedStatement ps = c
                    .prepareStatement("delete from web_session where account_id = ? and expires_at <= ?")) {
                ps.setObject(1, accountId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into web_session (account_id, secret_hash, created_at, last_used_at, expires_at, user_agent)
                    values (?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, accountId);
                ps.setBytes(2, cookie.secretHash());
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(idle.isBefore(absolute) ? idle : absolute));
                ps.setString(6, userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length())));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a session of account " + accountId + ": " + e.getMessage(), e);
        }
        return cookie;
    }

    /** The live session for this cookie, if any (unexpired, account not being deleted). */
    public Optional<StoredSession> find(SessionCookie cookie, Instant now) {
        try (Connection c = shards.dataSource(cookie.accountId()).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select s.created_at, s.last_used_at, s.expires_at, a.last_seen_at
                          from web_session s join account a on a.id = s.account_id
                         where s.account_id = ? and s.secret_hash = ? and s.expires_at > ? and a.status <> 'deleted'""")) {
            ps.setObject(1, cookie.accountId());
            ps.setBytes(2, cookie.secretHash());
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredSession(cookie.accountId(), rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a session of account " + cookie.accountId() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Slides the idle expiry forward, never past the absolute one; also stamps the account as seen. */
    public void touch(SessionCookie cookie, Instant now, boolean accountSeen) {
        try (Connection c = shards.dataSource(cookie.accountId()).getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    update web_session set last_used_at = ?, expires_at = least(created_at + ?::interval, ?)
                     where account_id = ? and secret_hash = ?""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, config.maxAge().toSeconds() + " seconds");
                ps.setTimestamp(3, Timestamp.from(now.plus(config.idleTimeout())));
                ps.setObject(4, cookie.accountId());
                ps.setBytes(5, cookie.secretHash());
                ps.executeUpdate();
            }
            if (accountSeen) {
                try (PreparedStatement ps = c.prepareStatement("update account set last_seen_at = ? where id = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setObject(2, cookie.accountId());
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update a session of account " + cookie.accountId() + ": " + e.getMessage(),
                    e);
        }
    }

    public void delete(SessionCookie cookie) {
        try (Connection c = shards.dataSource(cookie.accountId()).getConnection();
                PreparedStatement ps = c.prepareStatement("delete from web_session where account_id = ? and secret_hash = ?")) {
            ps.setObject(1, cookie.accountId());
            ps.setBytes(2, cookie.secretHash());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete a session of account " + cookie.accountId() + ": " + e.getMessage(),
                    e);
        }
    }
}
