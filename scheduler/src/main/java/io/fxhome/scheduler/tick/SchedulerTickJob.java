package io.fxhome.scheduler.tick;

import jakarta.inject.Inject;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job behind each tick (registered by {@link SchedulerTickRegistration}). Stored in the clustered JDBC job
 * store and not concurrent, so the fleet runs one tick at a time, and when the instance running the trigger dies another
 * picks it up once the dead one misses its cluster check-in. Even overlapping ticks could not publish an account twice:
 * see {@link SchedulerTick}.
 */
@DisallowConcurrentExecution
public class SchedulerTickJob implements Job {
    @Inject
    TickRunner runner;

    @Override
    public void execute(JobExecutionContext context) {
        runner.runOnce();
    }
}
