package io.fxhome.worker.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sync worker's knobs. Every one has a default that suits the demo and a small install. */
@ConfigMapping(prefix = "fxhome.worker")
public interface WorkerConfig {
    /**
     * {@code fxhome.worker.concurrency}: accounts synced at once by this process. Unset (the default), it follows the
     * heap: (max heap - {@code memory-reserve}) / {@code memory-per-account}, at least 1.
     */
    Optional<Integer> concurrency();

    /** {@code fxhome.worker.memory-per-account}: heap one in-flight account may need. */
    @WithDefault("48M")
    String memoryPerAccount();

    /** {@code fxhome.worker.memory-reserve}: heap kept for everything but account syncs. */
    @WithDefault("128M")
    String memoryReserve();

    /** {@code fxhome.worker.effective-concurrency}: computed at start from the three above; read-only. */
    int effectiveConcurrency();

    /** {@code fxhome.worker.max-attempts}: deliveries of one job before it goes to the dead-letter queue. */
    @WithDefault("6")
    int maxAttempts();

    /** {@code fxhome.worker.page-size}: records per storage request (Firefox desktop uses 1000). */
    @WithDefault("1000")
    int pageSize();

    /**
     * {@code fxhome.worker.extra-history-writers}: database connections, across this process, that may write history
     * and bookmark pages beside each account's own writer. A large sync takes them while they are free and keeps more
     * than one PostgreSQL backend busy; with many accounts in flight they are mostly taken, and PostgreSQL is busy
     * anyway. Each holds one more page in memory. Add them to the pool's size (see docs/operations.md).
     */
    @WithDefault("2")
    int extraHistoryWriters();

    /**
     * {@code fxhome.worker.server-backoff-spread}: an account deferred because its storage node or the tokenserver
     * asked everyone to back off comes back at a random moment within this long after the backoff ends, so that the
     * accounts behind one server do not all return at once.
     */
    @WithDefault("5m")
    Duration serverBackoffSpread();

    /**
     * {@code fxhome.worker.server-backoff-refresh}: how often the worker reads the server backoffs other processes
     * recorded (one small query on the default database); those it meets itself count at once.
     */
    @WithDefault("1s")
    Duration serverBackoffRefresh();

    /** {@code fxhome.worker.min-backoff}: the least "not before" applied after a failed sync. */
    @WithDefault("PT1M")
    Duration minBackoff();
}
