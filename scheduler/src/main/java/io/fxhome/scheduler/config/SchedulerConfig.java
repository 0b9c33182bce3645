package io.fxhome.scheduler.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the scheduler, with its default; docs/scheduler.md explains them. */
@ConfigMapping(prefix = "fxhome.scheduler")
public interface SchedulerConfig {
    /**
     * {@code fxhome.scheduler.tick-interval}: how often the fleet looks for due accounts (one tick at a time across all
     * instances). {@code off} disables the tick (tests drive it by hand).
     */
    @WithDefault("1m")
    String tickInterval();

    /** {@code fxhome.scheduler.batch-size}: accounts locked, published and stamped per transaction. */
    @WithDefault("1000")
    int batchSize();

    /**
     * {@code fxhome.scheduler.publish-threads}: batches a tick runs at once. Their transactions lock disjoint rows
     * (SKIP LOCKED), so one batch's database work overlaps another's wait for broker confirms.
     */
    @WithDefault("4")
    int publishThreads();

    /** {@code fxhome.scheduler.status-cache}: how old the counts behind the status endpoint and gauges may be. */
    @WithDefault("15s")
    Duration statusCache();

    /** {@code fxhome.scheduler.instance-name}: this instance in logs and the status; default host name and pid. */
    Optional<String> instanceName();

    Policy policy();

    /** The adaptive schedule (see {@code SyncSchedulePolicy}). "Used" means {@code account.last_seen_at}. */
    interface Policy {
        /** {@code fxhome.scheduler.policy.recent-use}: used within this long counts as recent. */
        @WithDefault("24h")
        Duration recentUse();

        /** {@code fxhome.scheduler.policy.recent-interval}: sync interval of recently used accounts. */
        @WithDefault("15m")
        Duration recentInterval();

        /** {@code fxhome.scheduler.policy.weekly-use}: used within this long (but not recently) ... */
        @WithDefault("7d")
        Duration weeklyUse();

        /** {@code fxhome.scheduler.policy.weekly-interval}: ... syncs this often. */
        @WithDefault("1h")
        Duration weeklyInterval();

        /** {@code fxhome.scheduler.policy.monthly-use}: used within this long (but not this week) ... */
        @WithDefault("30d")
        Duration monthlyUse();

        /** {@code fxhome.scheduler.policy.monthly-interval}: ... syncs this often. */
        @WithDefault("6h")
        Duration monthlyInterval();

        /** {@code fxhome.scheduler.policy.idle-interval}: sync interval of accounts not used for longer. */
        @WithDefault("24h")
        Duration idleInterval();

        /**
         * {@code fxhome.scheduler.policy.pause-after}: an account not used for this long is paused (status
         * {@code paused}) until the user comes back.
         */
        @WithDefault("90d")
        Duration pauseAfter();

        /**
         * {@code fxhome.scheduler.policy.busy-window}: an account whose server data changed within this long
         * ({@code account.data_changed_at}, recorded by the worker) is busy ...
         */
        @WithDefault("24h")
        Duration busyWindow();

        /** {@code fxhome.scheduler.policy.busy-speedup}: ... and its interval is divided by this ... */
        @WithDefault("3")
        int busySpeedup();

        /** {@code fxhome.scheduler.policy.min-interval}: ... but never below this. */
        @WithDefault("5m")
        Duration minInterval();

        /**
         * {@code fxhome.scheduler.policy.jitter}: each next due time moves by up to this fraction of the interval,
         * either way, so that accounts linked together drift apart instead of syncing in lockstep.
         */
        @WithDefault("0.1")
        double jitter();

        /**
         * {@code fxhome.scheduler.policy.server-backoff-spread}: an account whose storage node or tokenserver asked
         * everyone to back off (table {@code upstream_backoff}) is due again at a random moment within this long after
         * the backoff ends, so that the accounts behind one server do not all return at once.
         */
        @WithDefault("5m")
        Duration serverBackoffSpread();

        /**
         * {@code fxhome.scheduler.policy.lost-job-after}: a scheduled job is published again after this long at the
         * earliest when no run of it was written (lost by the broker, dead-lettered without a run, still waiting in a
         * long queue, or run by a worker older than the {@code sync_every} column). Until then the account is not due:
         * the worker's run write makes it due one interval after its sync ends, so an account has at most one scheduled
         * job waiting and the scheduler's work follows the workers' rate rather than the schedule's.
         */
        @WithDefault("15m")
        Duration lostJobAfter();
    }
}
