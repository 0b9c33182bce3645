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
     * {@code fxhome.worker.max-record-bytes} (default {@code 2560K}): the largest record, as the storage server sends
     * it, that is decrypted and stored. Above Mozilla's own limit (2 MiB of payload), so every record production can
     * hold passes; a larger one is skipped and counted ({@code TOO_LARGE}) without being held in memory. At most
     * {@code 8M}.
     */
    @WithDefault("2560K")
    String maxRecordBytes();

    /**
     * {@code fxhome.worker.page-chunk-bytes} (default {@code 4M}): decrypted bytes of a page held before they are
     * written. A page of small records is written whole; a page of large ones (up to 1000 records of 2 MiB each) is
     * written in chunks of about this size while the rest of the page streams in. A chunk's rows take about three times
     * its bytes of heap, and two chunks of an account may be in memory at once (one writing, one filling): sized so that
     * with a record in flight an account stays within {@code memory-per-account}.
     */
    @WithDefault("4M")
    String pageChunkBytes();

    /**
     * {@code fxhome.worker.extra-history-writers}: database connections, across this process, that may write history
     * and bookmark pages beside each account's own writer. A large sync takes them while they are free and keeps more
     * than one PostgreSQL backend busy; with many accounts in flight they are mostly taken, and PostgreSQL is busy
     * anyway. Each holds one more page in memory. Add them to the pool's size (see docs/operations.md).
     */
    @WithDefault("2")
    int extraHistoryWriters();

    /**
     * {@code fxhome.worker.sync-deadline} (default 30 min): the longest one sync may talk to Mozilla. Every upstream
     * call of the sync ends by then (one under way fails, a later one is not sent): the sync fails as a network error,
     * its lease and slot are freed and its job is retried. A first sync of 100,000 history records takes about a
     * minute (docs/benchmarks.md); each call is also bounded by the {@code fxhome.sync.*-timeout} keys.
     */
    @WithDefault("30m")
    Duration syncDeadline();

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

    /**
     * {@code fxhome.worker.token-cache-size}: accounts whose OAuth access token and tokenserver token this process
     * keeps in memory between syncs (about 1 KiB each). Every worker may get any account's job, so it should hold every
     * account: an account pushed out pays two extra round trips to Mozilla on its next sync. The same bound holds
     * Send Tab's note of the sealed key id each account's device was last checked against (SendTabReceiver).
     */
    @WithDefault("50000")
    int tokenCacheSize();

    /** {@code fxhome.worker.min-backoff}: the least "not before" applied after a failed sync. */
    @WithDefault("PT1M")
    Duration minBackoff();

    /**
     * {@code fxhome.worker.warm-up.*}: synthetic pages run through the sync path at start, before the worker takes jobs
     * (see WarmUp and docs/operations.md).
     */
    WarmUp warmUp();

    interface WarmUp {
        /**
         * {@code fxhome.worker.warm-up.enabled} (default true): whether the worker warms up before taking jobs. With the
         * worker's C1-only JIT, measured back to back: a restarted worker's first sync cost it 5.6–6.0 CPU-s instead of
         * 7.0–7.5, for readiness about 3 s later (docs/benchmarks.md, "Cold and warm: C1 only").
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * {@code fxhome.worker.warm-up.records} (default 20000): synthetic records decrypted, parsed, normalised and
         * written (then rolled back); nine in ten are history, as in a real account. Enough for the JIT's optimising
         * compiler to take the hot methods (they run thousands of times per page).
         */
        @WithDefault("20000")
        int records();

        /**
         * {@code fxhome.worker.warm-up.max-duration} (default 60s): the warm-up stops after the page under way once this
         * has passed, so that a slow machine or database delays the worker's readiness by no more.
         */
        @WithDefault("60s")
        Duration maxDuration();
    }
}
