package io.fxhome.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SlotUsageTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsRunningSyncsUpToNowAndFinishedOnesOnce() {
        AtomicLong now = new AtomicLong(100 * SECOND);
        SlotUsage slots = new SlotUsage(now::get);
        long a = slots.started();
        now.addAndGet(2 * SECOND);
        long b = slots.started();
        now.addAndGet(3 * SECOND);
        // a has run 5 s, b 3 s, both still running
        assertThat(slots.inFlight()).isEqualTo(2);
        assertThat(slots.busySeconds()).isCloseTo(8.0, within(1e-9));
        slots.finished(a);
        now.addAndGet(SECOND);
        assertThat(slots.inFlight()).isEqualTo(1);
        assertThat(slots.busySeconds()).isCloseTo(9.0, within(1e-9));
        slots.finished(b);
        now.addAndGet(10 * SECOND);
        // idle: the count stops growing, so its rate falls to zero
        assertThat(slots.inFlight()).isZero();
        assertThat(slots.busySeconds()).isCloseTo(9.0, within(1e-9));
    }
}
