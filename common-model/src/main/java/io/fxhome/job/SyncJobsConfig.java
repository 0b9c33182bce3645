package io.fxhome.job;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the sync job topology and publisher. The broker address is not here: it is Quarkus' own
 * {@code rabbitmq-host}, {@code rabbitmq-port}, {@code rabbitmq-username}, {@code rabbitmq-password} and
 * {@code rabbitmq-virtual-host}, so one set of settings serves the SmallRye connector and the publisher.
 */
@ConfigMapping(prefix = "fxhome.jobs")
public interface SyncJobsConfig {
    /**
     * {@code fxhome.jobs.namespace}: prefix of every exchange and queue name. Production keeps the default; tests set
     * their own so that they never take another module's jobs on the shared broker.
     */
    @WithDefault(SyncTopology.DEFAULT_NAMESPACE)
    String namespace();

    /**
     * {@code fxhome.jobs.retry-delays}: the retry tiers, shortest first. Each is a queue named after its delay, so a
     * changed delay creates a new queue instead of clashing with the old one's arguments.
     */
    @WithDefault("30s,2m,10m,1h,6h")
    List<Duration> retryDelays();

    /** {@code fxhome.jobs.confirm-timeout}: how long a publish waits for the broker's confirms. */
    @WithDefault("30s")
    Duration confirmTimeout();

    /** Interactive ("sync now") requests, see {@link InteractiveSyncService}. */
    Interactive interactive();

    interface Interactive {
        /** {@code fxhome.jobs.interactive.min-interval}: at most one interactive job per account per this much time. */
        @WithDefault("30s")
        Duration minInterval();

        /**
         * {@code fxhome.jobs.interactive.next-scheduled-after}: after an interactive job the account's next scheduled
         * sync is due no sooner than this (the default matches the scheduler's interval for a recently used account).
         */
        @WithDefault("15m")
        Duration nextScheduledAfter();
    }

    default SyncTopology topology() {
        return SyncTopology.of(namespace(), retryDelays());
    }
}
