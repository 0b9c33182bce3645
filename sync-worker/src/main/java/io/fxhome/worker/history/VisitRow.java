package io.fxhome.worker.history;

/** One visit: microseconds since the epoch and the Places transition type, which together identify it. */
public record VisitRow(long visitedAtMicros, int transition) {
}
