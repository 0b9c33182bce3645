package io.fxhome.worker.frecency;

/**
 * One visit: microseconds since the epoch and the Places transition type, which together identify it; what Firefox's
 * frecency samples, and a row of {@code history_visit}.
 */
public record Visit(long visitedAtMicros, int transition) {
}
