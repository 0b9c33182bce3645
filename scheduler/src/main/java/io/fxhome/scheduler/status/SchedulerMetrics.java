package io.fxhome.scheduler.status;

import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Gauges of the backlog and of accounts by state (from {@link SchedulerStatusService}'s cached counts). The counter
 * of published jobs and the tick timer live with {@link io.fxhome.scheduler.tick.TickRunner}.
 */
@ApplicationScoped
public class SchedulerMetrics {
    @Inject
    MeterRegistry registry;
    @Inject
    SchedulerStatusService status;

    void register(@Observes StartupEvent event) {
        gauge("fxhome.scheduler.accounts.due", "Accounts whose next sync time has passed", AccountCounts::due);
        gauge("fxhome.scheduler.oldest.overdue.seconds", "How late the most overdue account is",
                AccountCounts::oldestOverdueSeconds);
        state("active", AccountCounts::active);
        state("needs_reauth", AccountCounts::needsReauth);
        state("paused", AccountCounts::paused);
        state("deleted", AccountCounts::deleted);
        state("schedule_paused", AccountCounts::schedulePaused);
    }

    private void gauge(String name, String description, ToDoubleFunction<AccountCounts> value) {
        Gauge.builder(name, status, s -> read(s, value)).description(description).register(registry);
    }

    private void state(String state, ToDoubleFunction<AccountCounts> value) {
        Gauge.builder("fxhome.scheduler.accounts", status, s -> read(s, value))
                .description("Accounts by state (schedule_paused: active accounts an operator paused)")
                .tag("state", state)
                .register(registry);
    }

    /** NaN while the database cannot be asked: a gap in the graph, not a misleading zero. */
    private static double read(SchedulerStatusService status, ToDoubleFunction<AccountCounts> value) {
        try {
            return value.applyAsDouble(status.counts());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
