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

    /**
     * @param maxHeapBytes the JVM's max heap (container-aware: it follows the pod's memory limit)
     * @param reserveBytes heap kept for the process itself (framework, connection pools, buffers)
     * @param perAccountBytes heap one in-flight account needs at most (flat: records stream through)
     * @param explicit an operator's fixed total, or 0 to derive it
     */
    public static WorkerConcurrency of(long maxHeapBytes, long reserveBytes, long perAccountBytes, int explicit) {
        int total = explicit > 0 ? explicit : (int) Math.max(1, Math.min(256, (maxHeapBytes - reserveBytes) / perAccountBytes));
        int interactive = Math.max(1, total / 4);
        int scheduled = Math.max(1, total - interactive);
        return new WorkerConcurrency(interactive + scheduled, interactive, scheduled);
    }
}
