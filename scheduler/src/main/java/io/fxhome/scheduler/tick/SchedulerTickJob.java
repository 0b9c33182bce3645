package io.fxhome.scheduler.tick;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The Quartz trigger. Clustered through the JDBC job store, SKIP makes Quartz run the job as non-concurrent, so the
 * fleet runs one tick at a time, and when the instance that holds the trigger dies another picks it up once the dead
 * one misses its cluster check-in. Even overlapping ticks could not publish an account twice: see
 * {@link SchedulerTick}.
 */
@ApplicationScoped
public class SchedulerTickJob {
    @Inject
    TickRunner runner;

    @Scheduled(identity = "fxhome-scheduler-tick", every = "${fxhome.scheduler.tick-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        runner.runOnce();
    }
}
