package io.fxhome.scheduler.retention;

import jakarta.inject.Inject;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job behind each run-history sweep (registered by {@link RunHistoryRetentionRegistration}): stored in the
 * clustered JDBC job store and not concurrent, so the fleet sweeps one instance at a time.
 */
@DisallowConcurrentExecution
public class RunHistoryRetentionJob implements Job {
    @Inject
    RunHistoryRetention retention;

    @Override
    public void execute(JobExecutionContext context) {
        retention.runOnce();
    }
}
