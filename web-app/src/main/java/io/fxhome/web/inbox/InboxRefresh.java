package io.fxhome.web.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.shard.ShardRouter;

/**
 * The app's short poll for tabs sent to fxhome: one "receive commands only" job ({@link SyncJob#receiveCommands}) on
 * the interactive lane, at most one per account per {@code fxhome.web.inbox.refresh-interval}. The stamp
 * ({@code send_tab_device.refresh_requested_at}, V20) is taken with a conditional update, so two tabs asking at once
 * enqueue one job; it is committed only after the broker confirmed the job, so a failed publish leaves none.
 */
@ApplicationScoped
public class InboxRefresh {
    /** What a request came to. */
    public enum Result {
        /** A job is on its way. */
        ENQUEUED,
        /** One was asked for within the interval: {@code retryAt} says when the next may be. */
        TOO_SOON,
        /** Nothing to poll: fxhome is not (yet) a device of the account, or the account does not sync now. */
        NOTHING_TO_POLL
    }

    /** @param retryAt for {@link Result#TOO_SOON}, when a request is next accepted */
    public record Outcome(Result result, Instant retryAt, Duration interval) {
    }

    private final ShardRouter shards;
    private final SyncJobPublisher publisher;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();

    public InboxRefresh(ShardRouter shards, SyncJobPublisher publisher, InboxConfig config) {
        this.shards = shards;
        this.publisher = publisher;
        this.interval = config.refreshInterval();
    }

    /** @throws io.fxhome.job.SyncJobPublishException when the broker did not take the job (nothing is recorded) */
    public Outcome request(UUID accountId) {
        Instant now = clock.instant();
        try (Connection c = shards.dataSource(accountId).getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = request(c, accountId, now);
                c.commit();
                return outcome;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask for the inbox of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    private Outcome request(Connection c, UUID accountId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update send_tab_device d set refresh_requested_at = ?
                  from account a
                 where d.account_id = ? and a.id = d.account_id and a.status = 'active'
                   and (d.refresh_requested_at is null or d.refresh_requested_at <= ?)""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, accountId);
            ps.setTimestamp(3, Timestamp.from(now.minus(interval)));
            if (ps.executeUpdate() == 1) {
                publisher.publish(SyncJob.receiveCommands(accountId, now));
                return new Outcome(Result.ENQUEUED, null, interval);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select d.refresh_requested_at from send_tab_device d join account a on a.id = d.account_id
                 where d.account_id = ? and a.status = 'active'""")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(1) == null) {
                    return new Outcome(Result.NOTHING_TO_POLL, null, interval);
                }
                return new Outcome(Result.TOO_SOON, rs.getTimestamp(1).toInstant().plus(interval), interval);
            }
        }
    }
}
