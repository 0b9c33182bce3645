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
     * {@code fxhome.worker.token-cache-size}: accounts whose OAuth access token and tokenserver token this process
     * keeps in memory between syncs (about 1 KiB each). Every worker may get any account's job, so it should hold every
     * account: an account pushed out pays two extra round trips to Mozilla on its next sync.
     */
    @WithDefault("50000")
    int tokenCacheSize();

    /** {@code fxhome.worker.min-backoff}: the least "not before" applied after a failed sync. */
    @WithDefault("PT1M")
    Duration minBackoff();
}
