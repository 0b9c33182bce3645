package io.fxhome.sandbox.faults;

/** A fault that fires on the next N matching answers, carrying a number of seconds (Retry-After, backoff). */
public final class CountedFault {
    private int remaining;
    private int seconds;

    public synchronized void arm(int count, int seconds) {
        this.remaining = Math.max(0, count);
        this.seconds = seconds;
    }

    /** Consumes one occurrence; returns its seconds, or -1 when the fault is not armed. */
    public synchronized int take() {
        if (remaining <= 0) {
            return -1;
        }
        remaining--;
        return seconds;
    }

    public synchronized int remaining() {
        return remaining;
    }

    public synchronized void clear() {
        remaining = 0;
    }
}
