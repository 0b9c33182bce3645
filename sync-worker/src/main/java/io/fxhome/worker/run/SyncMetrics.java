package io.fxhome.worker.run;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The worker's sync metrics (Prometheus at /q/metrics): sync duration by outcome, records written (rate() of it is
 * records per second), records skipped by collection and reason, accounts in flight, and heap per in-flight account,
 * the figure operators size the pool by.
 */
final class SyncMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter records;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.records = Counter.builder("fxhome.worker.records").description("records written to PostgreSQL").register(registry);
        Gauge.builder("fxhome.worker.accounts.in.flight", inFlight, AtomicInteger::get)
                .description("accounts being synced right now").register(registry);
        Gauge.builder("fxhome.worker.heap.per.account", inFlight, n -> {
            Runtime rt = Runtime.getRuntime();
            return (double) (rt.totalMemory() - rt.freeMemory()) / Math.max(1, n.get());
        }).baseUnit("bytes").description("used heap divided by the accounts in flight").register(registry);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    void record(SyncOutcome outcome, SyncRunRecorder run) {
        Timer.builder("fxhome.worker.sync.duration").tag("outcome", outcome.kind().name().toLowerCase(Locale.ROOT))
                .register(registry).record(run.elapsed().toNanos(), TimeUnit.NANOSECONDS);
        records.increment(run.applied());
        run.skippedRecords().counts().forEach((kind, n) -> registry
                .counter("fxhome.worker.records.skipped", "collection", kind.collection(), "reason", kind.reason())
                .increment(n));
    }
}
