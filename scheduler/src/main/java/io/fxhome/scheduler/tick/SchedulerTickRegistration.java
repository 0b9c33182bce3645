package io.fxhome.scheduler.tick;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import io.fxhome.scheduler.config.SchedulerConfig;
import io.fxhome.scheduler.quartz.ClusteredJobs;
import io.quarkus.runtime.StartupEvent;

/**
 * Stores the tick's job and trigger in the clustered job store at start, once for the whole fleet
 * ({@link ClusteredJobs}: instances starting at the same moment, an interval changed by configuration).
 */
@ApplicationScoped
public class SchedulerTickRegistration {
    static final JobKey JOB = JobKey.jobKey("fxhome-scheduler-tick", "fxhome");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("fxhome-scheduler-tick", "fxhome");
    /** Where Quarkus's {@code @Scheduled} registration kept the tick before this class. */
    private static final JobKey LEGACY_JOB = JobKey.jobKey("fxhome-scheduler-tick", "Scheduler");
    private static final Logger LOG = Logger.getLogger(SchedulerTickRegistration.class);

    void register(@Observes StartupEvent start, Scheduler quartz, SchedulerConfig config) throws SchedulerException {
        if (quartz.checkExists(LEGACY_JOB)) {
            quartz.deleteJob(LEGACY_JOB);
        }
        Optional<Duration> interval = interval(config.tickInterval());
        if (interval.isEmpty()) {
            LOG.info("the scheduler tick is off (fxhome.scheduler.tick-interval)");
            return;
        }
        if (store(quartz, interval.get())) {
            LOG.infof("the scheduler tick runs every %s across the fleet", interval.get());
        }
    }

    /** Stores the tick with this interval unless it is there already; true if this call stored or changed it. */
    static boolean store(Scheduler quartz, Duration interval) throws SchedulerException {
        return ClusteredJobs.store(quartz, JOB, TRIGGER, SchedulerTickJob.class, interval);
    }

    /** {@code 1m}, {@code 30s}, {@code 2h}, an ISO-8601 duration, or {@code off}. */
    static Optional<Duration> interval(String value) {
        return ClusteredJobs.interval(value, "fxhome.scheduler.tick-interval");
    }
}
