package io.fxhome.job;

/**
 * Names of the RabbitMQ topology of sync jobs, shared by every producer and the worker (declared by
 * {@link SyncTopology}). Two durable lanes so that interactive work never waits behind a scheduled backlog, retry
 * tiers whose messages come back to their lane after a fixed delay, and a dead-letter queue for jobs that exhausted
 * their attempts. These are the production names; {@link SyncTopology#namespace()} derives the same shape under another
 * prefix (tests use that to stay out of each other's way on the shared broker).
 */
public final class SyncQueues {
    /** Direct exchange that routes a job to its lane by routing key = queue name. */
    public static final String EXCHANGE = "fxhome.sync";
    public static final String INTERACTIVE = "fxhome.sync.interactive";
    public static final String SCHEDULED = "fxhome.sync.scheduled";
    /**
     * Headers exchange in front of the retry tiers: a job published here with its lane as routing key and the header
     * {@link SyncMessageHeaders#RETRY_TIER} lands in that tier's queue, and comes back to the lane when it expires.
     */
    public static final String RETRY_EXCHANGE = "fxhome.sync.retry";
    /** Prefix of the retry tier queues: {@code fxhome.sync.retry.30s}, {@code fxhome.sync.retry.2m}, ... */
    public static final String RETRY = "fxhome.sync.retry";
    /** Fanout exchange and queue holding jobs that failed every attempt; kept for operators. */
    public static final String DEAD_EXCHANGE = "fxhome.sync.dead";
    public static final String DEAD = "fxhome.sync.dead";

    private SyncQueues() {
    }
}
