package io.fxhome.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * The gate a user's request for a sync (pressed "sync now", signed in, linked the account) passes: refused for an
 * account that needs re-authentication or is being deleted, rate-limited per account; once through, the account is
 * resumed if it was paused for disuse, counted as used, and one job goes on the interactive lane at once.
 * <p>
 * Plain JDBC on the caller's connection and transaction: the account row stays locked from the check to the commit,
 * so two concurrent requests for one account enqueue one job, and the job is confirmed by the broker before the
 * caller commits (a failed publish rolls the rate-limit stamp back). {@link InteractiveSyncService} runs it for the
 * applications, in a transaction of its own on the account's shard.
 */
public final class InteractiveSyncGate {
    private final SyncJobPublisher publisher;
    private final Clock clock;
    private final Duration minInterval;
    private final Duration nextScheduledAfter;

    /**
     * @param minInterval at most one interactive job per account per this much time
     * @param nextScheduledAfter the account's next scheduled sync comes no sooner than this after an interactive one
     */
    public InteractiveSyncGate(SyncJobPublisher publisher, Clock clock, Duration minInterval,
            Duration nextScheduledAfter) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
        this.nextScheduledAfter = Objects.requireNonNull(nextScheduledAfter, "nextScheduledAfter");
    }

    /** Runs in the caller's transaction on {@code connection}; the caller commits (or rolls back on an exception). */
    public InteractiveSyncOutcome request(Connection connection, UUID accountId, SyncReason reason) throws SQLException {
        if (!reason.interactive()) {
            throw new IllegalArgumentException("an interactive request needs an interactive reason, not " + reason);
        }
        Instant now = clock.instant();
        String status;
        Instant lastRequest;
        try (PreparedStatement select = connection.prepareStatement(
                "select status, interactive_requested_at from account where id = ? for update")) {
            select.setObject(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return InteractiveSyncOutcome.of(InteractiveSyncOutcome.Result.UNKNOWN_ACCOUNT);
                }
                status = row.getString(1);
                OffsetDateTime requested = row.getObject(2, OffsetDateTime.class);
                lastRequest = requested == null ? null : requested.toInstant();
            }
        }
        switch (status) {
            case "needs_reauth":
                return InteractiveSyncOutcome.of(InteractiveSyncOutcome.Result.NEEDS_REAUTH);
            case "deleted":
                return InteractiveSyncOutcome.of(InteractiveSyncOutcome.Result.DELETED);
            default:
                break;
        }
        if (lastRequest != null && now.isBefore(lastRequest.plus(minInterval))) {
            return InteractiveSyncOutcome.rateLimited(lastRequest.plus(minInterval));
        }
        boolean resumed = "paused".equals(status);
        // sync_every goes: the interactive run's write would otherwise make the account due one old interval after it
        // (a day for an account paused while idle, minutes for a busy one), not "no sooner than nextScheduledAfter".
        // The next scheduled publish chooses it anew (docs/scheduler.md, "Due times").
        try (PreparedStatement update = connection.prepareStatement("""
                update account
                   set status = 'active',
                       status_reason = case when status = 'paused' then null else status_reason end,
                       last_seen_at = ?,
                       interactive_requested_at = ?,
                       next_sync_at = greatest(next_sync_at, ?),
                       sync_every = null
                 where id = ?""")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            update.setObject(1, at);
            update.setObject(2, at);
            update.setObject(3, OffsetDateTime.ofInstant(now.plus(nextScheduledAfter), ZoneOffset.UTC));
            update.setObject(4, accountId);
            update.executeUpdate();
        }
        publisher.publish(SyncJob.of(accountId, reason, now));
        return InteractiveSyncOutcome
                .of(resumed ? InteractiveSyncOutcome.Result.RESUMED_AND_ENQUEUED : InteractiveSyncOutcome.Result.ENQUEUED);
    }
}
