package io.fxhome.scheduler.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.clock.testing.MutableClock;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncTopology;
import io.fxhome.scheduler.policy.SyncSchedulePolicy;
import io.fxhome.scheduler.testsupport.Lanes;
import io.fxhome.scheduler.testsupport.TestConfigs;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An account has at most one scheduled job waiting: published, it is not due again until its run is written (then one
 * interval after the run ended) or the lost-job timeout has passed. Real PostgreSQL and RabbitMQ, the test's clock.
 */
@QuarkusTest
class OneScheduledJobTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    /** A fleet on a 10 s interval, as in issue 16 item 14; the random source pinned to the middle: no jitter. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration LOST_JOB_AFTER = Duration.ofMinutes(15);

    @Inject
    DataSource dataSource;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    SyncTopology topology;

    private final MutableClock clock = new MutableClock(T0);
    private TestAccounts accounts;
    private Lanes lanes;

    @BeforeEach
    void setUp() {
        Lanes.deleteAtExit(topology);
        accounts = new TestAccounts(dataSource);
        accounts.clear();
        lanes = new Lanes(topology);
        lanes.purge();
    }

    @AfterEach
    void tearDown() {
        lanes.purge();
        lanes.close();
        accounts.clear();
    }

    private SchedulerTick tick() {
        return tick(LOST_JOB_AFTER);
    }

    private SchedulerTick tick(Duration lostJobAfter) {
        var config = TestConfigs.scheduler(Map.of("fxhome.scheduler.policy.recent-interval", "10s",
                "fxhome.scheduler.policy.min-interval", "10s", "fxhome.scheduler.policy.lost-job-after",
                lostJobAfter.toSeconds() + "s"));
        return new SchedulerTick(dataSource, publisher, new SyncSchedulePolicy(config.policy(), () -> 0.5), clock, 100, 2,
                "test", n -> {
                });
    }

    @Test
    void aJobStillQueuedIsNotPublishedAgainUntilTheLostJobTimeout() throws SQLException {
        UUID account = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofHours(1)),
                T0.minusSeconds(1), null, null);

        assertThat(tick().run().published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(account);
        assertThat(accounts.nextSyncAt(account)).isEqualTo(T0.plus(LOST_JOB_AFTER));
        assertThat(syncEvery(account)).isEqualTo(INTERVAL);

        // No run is written (the job waits in the queue): one tick per interval publishes nothing ...
        for (Instant at = T0.plus(INTERVAL); at.isBefore(T0.plus(LOST_JOB_AFTER)); at = at.plus(INTERVAL)) {
            clock.set(at);
            assertThat(tick().run().published()).as("tick at %s", at).isZero();
        }
        clock.set(T0.plus(LOST_JOB_AFTER).minusMillis(1));
        assertThat(tick().run().published()).isZero();
        assertThat(lanes.drainScheduled()).isEmpty();

        // ... until the job counts as lost: published once more.
        clock.set(T0.plus(LOST_JOB_AFTER));
        assertThat(tick().run().published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(account);
        assertThat(accounts.nextSyncAt(account)).isEqualTo(T0.plus(LOST_JOB_AFTER).plus(LOST_JOB_AFTER));
    }

    @Test
    void afterItsRunIsWrittenTheAccountIsDueOneIntervalAfterTheRunFinished() throws SQLException {
        UUID account = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofHours(1)),
                T0.minusSeconds(1), null, null);
        assertThat(tick().run().published()).isEqualTo(1);
        lanes.drainScheduled();

        // The workers are behind: the job ran 3 minutes later and took 2 s.
        Instant finished = T0.plus(Duration.ofMinutes(3)).plusSeconds(2);
        writeRunAsTheWorkerDoes(account, finished);
        assertThat(accounts.nextSyncAt(account)).isEqualTo(finished.plus(INTERVAL));

        clock.set(finished.plus(INTERVAL).minusMillis(1));
        assertThat(tick().run().published()).isZero();
        clock.set(finished.plus(INTERVAL));
        assertThat(tick().run().published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(account);
    }

    /**
     * How a lane behaves now: 300 accounts on a 10 s interval and no worker for 5 minutes (30 ticks). Each has its one
     * job waiting; {@code lost-job-after} 0s, the behaviour before, publishes every account at every tick.
     */
    @Test
    void withoutWorkersTheScheduledLaneHoldsOneJobPerAccount() {
        accounts.insertMany(300, T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofHours(1)), T0.minusSeconds(1));
        assertThat(publishedInFiveMinutes(LOST_JOB_AFTER)).isEqualTo(300);
        assertThat(lanes.drain(topology.scheduledQueue(), Duration.ofSeconds(5), 300)).extracting(SyncJob::accountId)
                .doesNotHaveDuplicates().hasSize(300);

        accounts.update("update account set next_sync_at = '" + T0.minusSeconds(1) + "'");
        assertThat(publishedInFiveMinutes(Duration.ZERO)).as("as before: every account at every tick")
                .isEqualTo(300 * 30);
    }

    private int publishedInFiveMinutes(Duration lostJobAfter) {
        int published = 0;
        for (Instant at = T0; at.isBefore(T0.plus(Duration.ofMinutes(5))); at = at.plus(INTERVAL)) {
            clock.set(at);
            published += tick(lostJobAfter).run().published();
        }
        return published;
    }

    /**
     * What the worker's run write (RunGroupCommit, tested in the sync-worker module) does to the account's row: due one
     * sync_every after the run finished.
     */
    private void writeRunAsTheWorkerDoes(UUID account, Instant finished) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update account set last_sync_at = ?, next_sync_at = ? + sync_every where id = ?""")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(finished, ZoneOffset.UTC);
            ps.setObject(1, at);
            ps.setObject(2, at);
            ps.setObject(3, account);
            ps.executeUpdate();
        }
    }

    private Duration syncEvery(UUID account) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select extract(epoch from sync_every) * 1000 from account where id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rows = ps.executeQuery()) {
                rows.next();
                return Duration.ofMillis(rows.getLong(1));
            }
        }
    }
}
