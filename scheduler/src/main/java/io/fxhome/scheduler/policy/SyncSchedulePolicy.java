package io.fxhome.scheduler.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.fxhome.backoff.ServerBackoffs;
import io.fxhome.scheduler.config.SchedulerConfig;

/**
 * When each account syncs, in one place. For a due account, in this order:
 * <ol>
 * <li>not used (last_seen_at, else created_at) for {@code pause-after} (90 days) → {@link ScheduleDecision.Pause};</li>
 * <li>the servers asked for a backoff that has not passed (backoff_until) → {@link ScheduleDecision.Defer} to just
 * after it;</li>
 * <li>its last-known storage node or the tokenserver asked everyone behind it for a backoff that has not passed
 * (upstream_backoff) → {@link ScheduleDecision.Defer} to a random moment within {@code server-backoff-spread} (5 min)
 * after it (the later of the two backoffs wins);</li>
 * <li>otherwise {@link ScheduleDecision.Enqueue}, due again after an interval that follows the last use: within a
 * day 15 min, a week 1 h, a month 6 h, longer 24 h; divided by {@code busy-speedup} (3, not below
 * {@code min-interval}, 5 min) when a sync found changed data within {@code busy-window} (24 h);</li>
 * </ol>
 * and every interval moves by up to ±{@code jitter} (10 %), so that accounts linked together spread out. An enqueued
 * account is due again one such interval after its run ends (the worker's run write), or, if no run is written, after
 * the interval or {@code lost-job-after} (15 min) from now, whichever is later. Accounts that are needs_reauth, deleted, paused
 * or paused by an operator are never due (the query
 * skips them). The random source is injected, so tests can pin it.
 */
public final class SyncSchedulePolicy {
    private final SchedulerConfig.Policy config;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public SyncSchedulePolicy(SchedulerConfig.Policy config, DoubleSupplier random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        if (config.busySpeedup() < 1) {
            throw new IllegalArgumentException("fxhome.scheduler.policy.busy-speedup must be >= 1");
        }
        if (config.jitter() < 0 || config.jitter() >= 1) {
            throw new IllegalArgumentException("fxhome.scheduler.policy.jitter must be in [0, 1)");
        }
        if (config.lostJobAfter().isNegative()) {
            throw new IllegalArgumentException("fxhome.scheduler.policy.lost-job-after must not be negative");
        }
    }

    public SyncSchedulePolicy(SchedulerConfig.Policy config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble());
    }

    public ScheduleDecision decide(AccountActivity account, Instant now) {
        return decide(account, ServerBackoffs.none(), now);
    }

    /** @param servers the backoffs servers asked of everyone behind them, in force at the start of the tick */
    public ScheduleDecision decide(AccountActivity account, ServerBackoffs servers, Instant now) {
        Duration unused = Duration.between(account.lastUsedAt(), now);
        if (unused.compareTo(config.pauseAfter()) > 0) {
            return new ScheduleDecision.Pause("not used for " + unused.toDays() + " days");
        }
        Instant server = servers.until(account.apiEndpoint(), now).orElse(null);
        if (server != null && (account.backoffUntil() == null || server.isAfter(account.backoffUntil()))) {
            long spreadMillis = (long) (config.serverBackoffSpread().toMillis() * random.getAsDouble());
            return new ScheduleDecision.Defer(server.plusMillis(spreadMillis));
        }
        if (account.backoffUntil() != null && account.backoffUntil().isAfter(now)) {
            long spreadMillis = (long) (config.jitter() * config.recentInterval().toMillis() * random.getAsDouble());
            return new ScheduleDecision.Defer(account.backoffUntil().plusMillis(spreadMillis));
        }
        Duration interval = interval(account, now);
        Duration syncEvery = jittered(interval);
        return new ScheduleDecision.Enqueue(interval, syncEvery, now.plus(max(syncEvery, config.lostJobAfter())));
    }

    /** The interval before jitter. */
    public Duration interval(AccountActivity account, Instant now) {
        Duration unused = Duration.between(account.lastUsedAt(), now);
        Duration interval;
        if (unused.compareTo(config.recentUse()) <= 0) {
            interval = config.recentInterval();
        } else if (unused.compareTo(config.weeklyUse()) <= 0) {
            interval = config.weeklyInterval();
        } else if (unused.compareTo(config.monthlyUse()) <= 0) {
            interval = config.monthlyInterval();
        } else {
            interval = config.idleInterval();
        }
        if (isBusy(account, now)) {
            Duration faster = interval.dividedBy(config.busySpeedup());
            interval = faster.compareTo(config.minInterval()) < 0 ? min(interval, config.minInterval()) : faster;
        }
        return interval;
    }

    /** Server data changed recently (the worker's signal), so the next change is likely soon too. */
    public boolean isBusy(AccountActivity account, Instant now) {
        return account.dataChangedAt() != null
                && !account.dataChangedAt().isAfter(now)
                && Duration.between(account.dataChangedAt(), now).compareTo(config.busyWindow()) <= 0;
    }

    /**
     * First due time of an account nobody scheduled yet (just linked; the web app already enqueued its first sync):
     * anywhere within one recent-use interval, so a mass link does not come back as one wave every 15 minutes.
     */
    public Instant firstDueAt(Instant now) {
        return now.plusMillis((long) (config.recentInterval().toMillis() * random.getAsDouble()));
    }

    private Duration jittered(Duration interval) {
        double factor = 1 + config.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(interval.toMillis() * factor));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
