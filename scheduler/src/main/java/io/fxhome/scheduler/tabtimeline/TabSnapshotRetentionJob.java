package io.fxhome.scheduler.tabtimeline;

import jakarta.inject.Inject;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job behind each tab-timeline sweep: clustered and not concurrent, one instance at a time. */
@DisallowConcurrentExecution
public class TabSnapshotRetentionJob implements Job {
    @Inject
    TabSnapshotRetention retention;

    @Override
    public void execute(JobExecutionContext context) {
        retention.runOnce();
    }
}
