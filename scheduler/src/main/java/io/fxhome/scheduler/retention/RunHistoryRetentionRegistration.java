package io.fxhome.scheduler.retention;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import io.fxhome.runhistory.RunHistoryConfig;
import io.fxhome.scheduler.quartz.ClusteredJobs;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Stores the run-history sweep in the clustered job store at start, once for the whole fleet (or removes it if off). */
@ApplicationScoped
public class RunHistoryRetentionRegistration {
    static final JobKey JOB = JobKey.jobKey("fxhome-run-history-sweep", "fxhome");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("fxhome-run-history-sweep", "fxhome");

    void register(@Observes StartupEvent start, Scheduler quartz, RunHistoryConfig config) throws SchedulerException {
        Optional<Duration> interval = ClusteredJobs.interval(config.sweepInterval(), "fxhome.run-history.sweep-interval");
        if (interval.isEmpty()) {
            ClusteredJobs.remove(quartz, JOB);
            Log.info("the run-history sweep is off (fxhome.run-history.sweep-interval)");
            return;
        }
        if (ClusteredJobs.store(quartz, JOB, TRIGGER, RunHistoryRetentionJob.class, interval.get())) {
            Log.infof("the run-history sweep runs every %s across the fleet, keeping %s and at least %d runs per account",
                    interval.get(), config.keepFor(), config.keepRuns());
        }
    }
}
