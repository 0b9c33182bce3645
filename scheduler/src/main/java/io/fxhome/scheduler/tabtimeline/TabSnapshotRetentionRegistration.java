package io.fxhome.scheduler.tabtimeline;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import io.fxhome.scheduler.quartz.ClusteredJobs;
import io.fxhome.tabtimeline.TabTimelineConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Stores the tab-timeline sweep in the clustered job store at start, once for the fleet (or removes it if off). */
@ApplicationScoped
public class TabSnapshotRetentionRegistration {
    static final JobKey JOB = JobKey.jobKey("fxhome-tab-timeline-sweep", "fxhome");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("fxhome-tab-timeline-sweep", "fxhome");

    void register(@Observes StartupEvent start, Scheduler quartz, TabTimelineConfig config) throws SchedulerException {
        Optional<Duration> interval = ClusteredJobs.interval(config.sweepInterval(), "fxhome.tab-timeline.sweep-interval");
        if (interval.isEmpty()) {
            ClusteredJobs.remove(quartz, JOB);
            Log.info("the tab-timeline sweep is off (fxhome.tab-timeline.sweep-interval)");
            return;
        }
        if (ClusteredJobs.store(quartz, JOB, TRIGGER, TabSnapshotRetentionJob.class, interval.get())) {
            Log.infof("the tab-timeline sweep runs every %s across the fleet, keeping %s", interval.get(), config.keepFor());
        }
    }
}
