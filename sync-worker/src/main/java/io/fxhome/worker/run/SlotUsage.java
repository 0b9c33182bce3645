package io.fxhome.worker.run;

import java.util.function.LongSupplier;

/**
 * How busy the worker's sync slots are: accounts in flight now, and slot-seconds used since start, counting the syncs
 * still running up to this instant (so the figure rises during a long first sync, not only when it ends). The rate of
 * the latter over the slots is the autoscaling signal: it follows load both ways, where the heap a JVM once committed
 * does not (docs/operations.md, "Scaling").
 */
final class SlotUsage {
    private final LongSupplier nanoClock;
    private long inFlight;
    private long finishedNanos;
    /** Sum of the start times of the syncs in flight. */
    private long startsInFlight;

    SlotUsage(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A sync starts; returns its start, to hand back to {@link #finished}. */
    synchronized long started() {
        long now = nanoClock.getAsLong();
        inFlight++;
        startsInFlight += now;
        return now;
    }

    synchronized void finished(long start) {
        inFlight--;
        startsInFlight -= start;
        finishedNanos += nanoClock.getAsLong() - start;
    }

    synchronized long inFlight() {
        return inFlight;
    }

    /** Slot-seconds used since start, the running syncs included. */
    synchronized double busySeconds() {
        return (finishedNanos + inFlight * nanoClock.getAsLong() - startsInFlight) / 1e9;
    }
}
