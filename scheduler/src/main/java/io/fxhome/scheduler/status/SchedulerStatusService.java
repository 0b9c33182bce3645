package io.fxhome.scheduler.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.fxhome.job.SyncJobPublisher;
import io.fxhome.scheduler.config.SchedulerConfig;
import io.fxhome.scheduler.control.ControlState;
import io.fxhome.scheduler.control.SchedulerControlStore;
import io.fxhome.scheduler.tick.TickRunner;
import io.fxhome.shard.Shard;
import io.fxhome.shard.Shards;

/**
 * Counts accounts for the status endpoint and the gauges, at most once per {@code fxhome.scheduler.status-cache}; with
 * shards, the sums over all of them.
 */
@ApplicationScoped
public class SchedulerStatusService {
    @Inject
    Shards shards;
    @Inject
    SchedulerControlStore control;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    TickRunner runner;
    @Inject
    SchedulerConfig config;
    @Inject
    Clock clock;
    @Inject
    @Named("schedulerInstance")
    String instance;

    private volatile AccountCounts cached;

    public SchedulerStatus status() {
        ControlState state = control.read();
        return new SchedulerStatus(instance, state.paused(), state.pausedAt(), counts(), state.lastTick(), runner.isRunning(),
                publisher.isConnected(), publisher.messageCount(publisher.topology().scheduledQueue()),
                publisher.messageCount(publisher.topology().interactiveQueue()));
    }

    /** The cached counts, recounted when older than the cache time. One scan of account; cheap once a minute. */
    public AccountCounts counts() {
        AccountCounts current = cached;
        Instant now = clock.instant();
        if (current == null || Duration.between(current.countedAt(), now).compareTo(config.statusCache()) >= 0) {
            synchronized (this) {
                current = cached;
                if (current == null || Duration.between(current.countedAt(), now).compareTo(config.statusCache()) >= 0) {
                    current = count(now);
                    cached = current;
                }
            }
        }
        return current;
    }

    /** Forgets the cached counts (after an operator's change, so the answer shows it). */
    public void invalidate() {
        cached = null;
    }

    private AccountCounts count(Instant now) {
        long[] sums = new long[6];
        long oldestOverdue = 0;
        for (Shard shard : shards.all()) {
            AccountCounts c = count(shard, now);
            long[] values = { c.active(), c.needsReauth(), c.paused(), c.deleted(), c.schedulePaused(), c.due() };
            for (int i = 0; i < sums.length; i++) {
                sums[i] += values[i];
            }
            oldestOverdue = Math.max(oldestOverdue, c.oldestOverdueSeconds());
        }
        return new AccountCounts(now, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], oldestOverdue);
    }

    private static AccountCounts count(Shard shard, Instant now) {
        try (Connection connection = shard.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select count(*) filter (where status = 'active'),
                               count(*) filter (where status = 'needs_reauth'),
                               count(*) filter (where status = 'paused'),
                               count(*) filter (where status = 'deleted'),
                               count(*) filter (where status = 'active' and schedule_paused),
                               count(*) filter (where status = 'active' and not schedule_paused and next_sync_at <= ?),
                               min(next_sync_at) filter (where status = 'active' and not schedule_paused and next_sync_at <= ?)
                          from account""")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            select.setObject(1, at);
            select.setObject(2, at);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                OffsetDateTime oldest = row.getObject(7, OffsetDateTime.class);
                return new AccountCounts(now, row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                        row.getLong(6), oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toSeconds());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the accounts of shard " + shard.name() + ": " + e.getMessage(), e);
        }
    }
}
