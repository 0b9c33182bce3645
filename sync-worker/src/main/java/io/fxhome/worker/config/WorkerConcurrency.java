package io.fxhome.worker.config;

/**
 * How many accounts one worker syncs at once, derived from the heap it was given: operators scale the pool by memory.
 * A share of the slots is reserved for the interactive lane so that a user waiting on the screen never queues behind
 * scheduled work.
 *
 * @param total accounts in flight at most
 * @param interactive slots of the interactive lane
 * @param scheduled slots of the scheduled lane
 */
public record WorkerConcurrency(int total, int interactive, int scheduled) {
    /** The most accounts a derived total allows, whatever the heap (an operator's fixed total may be higher). */
    static final int MAX_DERIVED = 256;

    /**
     * N = (heap − reserve) / per-account, at least 1 and at most {@value #MAX_DERIVED}, or the operator's fixed total;
     * a quarter of it (at least 1) is interactive and the rest (at least 1) scheduled. Each lane needs a slot of its
     * own, so the total is never below 2, even when the heap holds less than one account's budget.
     *
     * @param maxHeapBytes the JVM's max heap (container-aware: it follows the pod's memory limit)
     * @param reserveBytes heap kept for the process itself (framework, connection pools, buffers)
     * @param perAccountBytes heap one in-flight account needs at most (flat: records stream through)
     * @param explicit an operator's fixed total, or 0 to derive it
     * @throws IllegalArgumentException naming the setting, for a value that cannot size anything
     */
    public static WorkerConcurrency of(long maxHeapBytes, long reserveBytes, long perAccountBytes, int explicit) {
        if (maxHeapBytes <= 0) {
            throw new IllegalArgumentException("the JVM's max heap must be positive, not " + maxHeapBytes);
        }
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("fxhome.worker.memory-reserve must not be negative, not " + reserveBytes);
        }
        if (perAccountBytes <= 0) {
            throw new IllegalArgumentException("fxhome.worker.memory-per-account must be positive, not " + perAccountBytes);
        }
        if (explicit < 0) {
            throw new IllegalArgumentException(
                    "fxhome.worker.concurrency must be at least 1 (or unset, to follow the heap), not " + explicit);
        }
        int total = explicit > 0 ? explicit
                : (int) Math.max(1, Math.min(MAX_DERIVED, accountsTheHeapHolds(maxHeapBytes,
                        reserveBytes, perAccountBytes)));
        int interactive = Math.max(1, total / 4);
        int scheduled = Math.max(1, total - interactive);
        return new WorkerConcurrency(interactive + scheduled, interactive, scheduled);
    }

    /** Whole account budgets the heap holds beside the reserve: 0 or less when it holds none. */
    static long accountsTheHeapHolds(long maxHeapBytes, long reserveBytes, long perAccountBytes) {
        return (maxHeapBytes - reserveBytes) / perAccountBytes;
    }
}
