package io.fxhome.job;

import java.time.Duration;
import java.util.Objects;

/**
 * One retry delay: a durable queue whose queue-level TTL holds a failed job for {@code delay}, then dead-letters it
 * back to the work exchange with its original routing key (its lane). One queue per delay, because with a per-message
 * TTL on a single queue a short delay would wait behind a long one (RabbitMQ only expires messages at the head).
 *
 * @param name short form of the delay ("30s", "2m", "1h"), the value of {@link SyncMessageHeaders#RETRY_TIER}
 * @param delay how long a job waits in this tier
 * @param queue the tier's queue
 */
public record RetryTier(String name, Duration delay, String queue) {
    public RetryTier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queue, "queue");
        if (delay == null || delay.isNegative() || delay.isZero() || delay.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("retry delay must be between 1 ms and ~24 days, got " + delay);
        }
    }

    /** "30s", "2m", "6h", "1500ms": the delay in its largest whole unit, used in queue names and the tier header. */
    public static String nameOf(Duration delay) {
        long ms = delay.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
