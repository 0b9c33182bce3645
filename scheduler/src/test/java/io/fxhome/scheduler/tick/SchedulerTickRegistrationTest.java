package io.fxhome.scheduler.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.impl.matchers.GroupMatcher;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The tick is stored once for the fleet, in the real clustered job store: instances storing it at the same moment do
 * not fail (the loser of the race goes on), and a changed interval replaces the stored trigger.
 */
@QuarkusTest
class SchedulerTickRegistrationTest {
    @Inject
    Scheduler quartz;

    @AfterEach
    void removeTheTick() throws Exception {
        quartz.deleteJob(SchedulerTickRegistration.JOB);
    }

    @Test
    void instancesStoringTheTickAtOnceAllStartAndOneTickIsStored() throws Exception {
        // An hour: the trigger is stored, never fired during the test.
        Duration hour = Duration.ofHours(1);
        int instances = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<Boolean>> stored = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                stored.add(pool.submit(() -> {
                    go.await();
                    return SchedulerTickRegistration.store(quartz, hour);
                }));
            }
            go.countDown();
            int storedBy = 0;
            for (Future<Boolean> f : stored) {
                storedBy += f.get() ? 1 : 0; // get() rethrows what a store threw: none may throw
            }
            assertThat(storedBy).isBetween(1, instances);
        } finally {
            pool.shutdownNow();
        }
        assertThat(quartz.getJobKeys(GroupMatcher.jobGroupEquals("fxhome"))).containsExactly(SchedulerTickRegistration.JOB);
        assertThat(((SimpleTrigger) quartz.getTrigger(SchedulerTickRegistration.TRIGGER)).getRepeatInterval())
                .isEqualTo(hour.toMillis());
        // Once stored, the same interval changes nothing.
        assertThat(SchedulerTickRegistration.store(quartz, hour)).isFalse();
    }

    @Test
    void aChangedIntervalReplacesTheStoredTrigger() throws Exception {
        assertThat(SchedulerTickRegistration.store(quartz, Duration.ofHours(1))).isTrue();
        assertThat(SchedulerTickRegistration.store(quartz, Duration.ofHours(2))).isTrue();
        assertThat(((SimpleTrigger) quartz.getTrigger(SchedulerTickRegistration.TRIGGER)).getRepeatInterval())
                .isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(quartz.getTriggersOfJob(SchedulerTickRegistration.JOB)).hasSize(1);
    }

    @Test
    void intervalsReadAsTheDocsSay() {
        assertThat(SchedulerTickRegistration.interval("1m")).contains(Duration.ofMinutes(1));
        assertThat(SchedulerTickRegistration.interval("30s")).contains(Duration.ofSeconds(30));
        assertThat(SchedulerTickRegistration.interval("PT90S")).contains(Duration.ofSeconds(90));
        assertThat(SchedulerTickRegistration.interval("off")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> SchedulerTickRegistration.interval("0s")).isInstanceOf(IllegalArgumentException.class);
    }
}
