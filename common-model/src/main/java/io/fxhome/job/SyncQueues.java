package io.fxhome.job;

/**
 * RabbitMQ topology of sync jobs, shared by every producer and the worker. Two durable lanes so that interactive
 * work never waits behind a scheduled backlog, a retry queue whose messages come back after a delay (per-message
 * TTL, dead-lettered back to the work exchange) and a dead-letter queue for jobs that exhausted their attempts.
 */
public final class SyncQueues {
    /** Direct exchange that routes a job to its lane by routing key = queue name. */
    public static final String EXCHANGE = "fxhome.sync";
    public static final String INTERACTIVE = "fxhome.sync.interactive";
    public static final String SCHEDULED = "fxhome.sync.scheduled";
    /** Exchange and queue holding jobs until their retry delay has passed. */
    public static final String RETRY_EXCHANGE = "fxhome.sync.retry";
    public static final String RETRY = "fxhome.sync.retry";
    /** Jobs that failed every attempt; kept for operators, and the account records why. */
    public static final String DEAD_EXCHANGE = "fxhome.sync.dead";
    public static final String DEAD = "fxhome.sync.dead";

    private SyncQueues() {
    }
}
