package io.fxhome.scheduler.tick;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import io.fxhome.scheduler.config.SchedulerConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Stores the tick's job and trigger in the clustered job store at start, once for the whole fleet. Instances starting at
 * the same moment race to store them (Quarkus's {@code @Scheduled} registration failed the start of the loser with
 * {@code ObjectAlreadyExistsException}); here the loser sees that another instance stored them and goes on. An
 * interval changed by configuration replaces the stored trigger.
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
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .startNow().build();
        Trigger stored = quartz.getTrigger(TRIGGER);
        if (stored instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval.toMillis()
                && quartz.checkExists(JOB)) {
            return false;
        }
        try {
            if (stored == null) {
                quartz.scheduleJob(JobBuilder.newJob(SchedulerTickJob.class).withIdentity(JOB).build(), trigger);
            } else {
                quartz.rescheduleJob(TRIGGER, trigger);
            }
            return true;
        } catch (ObjectAlreadyExistsException e) {
            LOG.debug("another instance stored the scheduler tick at the same moment");
            return false;
        }
    }

    /** {@code 1m}, {@code 30s}, {@code 2h}, an ISO-8601 duration, or {@code off}. */
    static Optional<Duration> interval(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off") || v.equals("disabled")) {
            return Optional.empty();
        }
        Duration d;
        if (v.matches("\\d+[smhd]")) {
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            d = switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("fxhome.scheduler.tick-interval must be positive or off: " + value);
        }
        return Optional.of(d);
    }
}
