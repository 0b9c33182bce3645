package io.fxhome.scheduler.quartz;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.quartz.Job;
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

/**
 * Stores a repeating job in the clustered Quartz job store, once for the whole fleet. Instances starting at the same
 * moment race to store it (Quarkus's {@code @Scheduled} registration failed the start of the loser with
 * {@code ObjectAlreadyExistsException}); here the loser sees that another instance stored it and goes on. An interval
 * changed by configuration replaces the stored trigger.
 */
public final class ClusteredJobs {
    private static final Logger LOG = Logger.getLogger(ClusteredJobs.class);

    private ClusteredJobs() {
    }

    /** Stores the job with this interval unless it is there already; true if this call stored or changed it. */
    public static boolean store(Scheduler quartz, JobKey job, TriggerKey triggerKey, Class<? extends Job> type,
            Duration interval) throws SchedulerException {
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(job)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .startNow().build();
        Trigger stored = quartz.getTrigger(triggerKey);
        if (stored instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval.toMillis()
                && quartz.checkExists(job)) {
            return false;
        }
        try {
            if (stored == null) {
                quartz.scheduleJob(JobBuilder.newJob(type).withIdentity(job).build(), trigger);
            } else {
                quartz.rescheduleJob(triggerKey, trigger);
            }
            return true;
        } catch (ObjectAlreadyExistsException e) {
            LOG.debugf("another instance stored %s at the same moment", job);
            return false;
        }
    }

    /** Removes a job stored earlier (its interval is now {@code off}); true if there was one. */
    public static boolean remove(Scheduler quartz, JobKey job) throws SchedulerException {
        return quartz.checkExists(job) && quartz.deleteJob(job);
    }

    /**
     * {@code 1m}, {@code 30s}, {@code 2h}, {@code 1d}, an ISO-8601 duration, or {@code off}; {@code key} names it in errors.
     */
    public static Optional<Duration> interval(String value, String key) {
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
            throw new IllegalArgumentException(key + " must be positive or off: " + value);
        }
        return Optional.of(d);
    }
}
