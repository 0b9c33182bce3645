package io.fxhome.worker.run;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The worker's sync metrics (Prometheus at /q/metrics): sync duration by outcome, records written (rate() of it is
 * records per second), records skipped by collection and reason, accounts in flight, and heap per in-flight account,
 * the figure operators size the pool by; and the slots' use (busy slot-seconds, slots, busy over slots), the figure
 * the pool is scaled by.
 */
final class SyncMetrics {
    private final MeterRegistry registry;
    private final SlotUsage slots = new SlotUsage(System::nanoTime);
    private final Counter records;
    /** Registered once: a registry lookup per sync showed in a fleet's profile (docs/benchmarks.md). */
    private final Map<SyncOutcome.Kind, Timer> durations = new EnumMap<>(SyncOutcome.Kind.class);

    SyncMetrics(MeterRegistry registry, int slotCount) {
        this.registry = registry;
        for (SyncOutcome.Kind kind : SyncOutcome.Kind.values()) {
            durations.put(kind, Timer.builder("fxhome.worker.sync.duration")
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.records = Counter.builder("fxhome.worker.records").description("records written to PostgreSQL").register(registry);
        Gauge.builder("fxhome.worker.accounts.in.flight", slots, SlotUsage::inFlight)
                .description("accounts being synced right now").register(registry);
        Gauge.builder("fxhome.worker.heap.per.account", slots, s -> {
            Runtime rt = Runtime.getRuntime();
            return (double) (rt.totalMemory() - rt.freeMemory()) / Math.max(1, s.inFlight());
        }).baseUnit("bytes").description("used heap divided by the accounts in flight").register(registry);
        Gauge.builder("fxhome.worker.slots", () -> slotCount)
                .description("accounts this worker syncs at once at most (fxhome.worker.effective-concurrency)")
                .register(registry);
        Gauge.builder("fxhome.worker.busy.ratio", slots, s -> (double) s.inFlight() / slotCount)
                .description("accounts in flight over slots, now").register(registry);
        FunctionCounter.builder("fxhome.worker.busy", slots, SlotUsage::busySeconds).baseUnit("seconds")
                .description("slot-seconds spent syncing, running syncs included: its rate over the slots is the "
                        + "autoscaling signal")
                .register(registry);
    }

    /** A sync starts; returns what {@link #finished} takes. */
    long started() {
        return slots.started();
    }

    void finished(long start) {
        slots.finished(start);
    }

    void record(SyncOutcome outcome, SyncRunRecorder run) {
        durations.get(outcome.kind()).record(run.elapsed().toNanos(), TimeUnit.NANOSECONDS);
        records.increment(run.applied());
        run.skippedRecords().counts().forEach((kind, n) -> registry
                .counter("fxhome.worker.records.skipped", "collection", kind.collection(), "reason", kind.reason())
                .increment(n));
    }
}
