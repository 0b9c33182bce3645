package io.fxhome.scheduler.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.clock.testing.MutableClock;
import io.fxhome.job.RabbitConnectionSettings;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.job.SyncTopology;
import io.fxhome.scheduler.control.SchedulerControlStore;
import io.fxhome.scheduler.control.TickReport;
import io.fxhome.scheduler.policy.SyncSchedulePolicy;
import io.fxhome.scheduler.testsupport.Lanes;
import io.fxhome.scheduler.testsupport.TestConfigs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfigProviderResolver;

/** The tick against the real PostgreSQL and RabbitMQ, with a clock the test moves. */
@QuarkusTest
class SchedulerTickTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

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

    private SchedulerTick tick(SyncJobPublisher with, int batchSize, int threads, String instance) {
        return new SchedulerTick(dataSource, with, new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.5), clock,
                batchSize, threads, instance, n -> {
                });
    }

    private SchedulerTick tick() {
        return tick(publisher, 100, 2, "test");
    }

    @Test
    void publishesEachDueAccountOnceAndStampsItsNextDueTime() {
        UUID due = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofHours(1)), T0.minusSeconds(1),
                null, null);
        UUID dueExactlyNow = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(3)), T0, null,
                null);
        UUID notYetDue = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofHours(1)),
                T0.plusSeconds(1), null, null);

        TickReport report = tick().run();

        assertThat(report.published()).isEqualTo(2);
        assertThat(report.error()).isEmpty();
        List<SyncJob> jobs = lanes.drainScheduled();
        assertThat(jobs).extracting(SyncJob::accountId).containsExactlyInAnyOrder(due, dueExactlyNow);
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.reason()).isEqualTo(SyncReason.SCHEDULED);
            assertThat(job.requestedAt()).isEqualTo(T0);
            assertThat(job.attempt()).isZero();
        });
        assertThat(lanes.drainInteractive()).isEmpty();
        // Recently used: 15 minutes; used 3 days ago: hourly (random pinned to the middle: no jitter).
        assertThat(accounts.nextSyncAt(due)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(accounts.nextSyncAt(dueExactlyNow)).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(accounts.nextSyncAt(notYetDue)).isEqualTo(T0.plusSeconds(1));

        // Each account comes back exactly when its due time is reached.
        clock.advance(Duration.ofMinutes(14));
        assertThat(tick().run().published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(notYetDue);
        clock.advance(Duration.ofMinutes(1).minusMillis(1));
        assertThat(tick().run().published()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(tick().run().published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(due);
    }

    @Test
    void skipsAccountsThatMustNotSync() {
        Instant longAgo = T0.minus(Duration.ofDays(10));
        Instant recent = T0.minus(Duration.ofHours(1));
        UUID needsReauth = accounts.insert("needs_reauth", longAgo, recent, longAgo, null, null);
        UUID deleted = accounts.insert("deleted", longAgo, recent, longAgo, null, null);
        UUID paused = accounts.insert("paused", longAgo, recent, longAgo, null, null);
        UUID operatorPaused = accounts.insert("active", longAgo, recent, longAgo, null, null);
        new SchedulerControlStore(dataSource).setAccountPaused(operatorPaused, true);
        UUID active = accounts.insert("active", longAgo, recent, longAgo, null, null);

        TickReport report = tick().run();

        assertThat(report.published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(active);
        for (UUID skipped : List.of(needsReauth, deleted, paused, operatorPaused)) {
            assertThat(accounts.nextSyncAt(skipped)).isEqualTo(longAgo);
        }

        // Resumed by the operator: due again at the next tick.
        new SchedulerControlStore(dataSource).setAccountPaused(operatorPaused, false);
        assertThat(tick().run().published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(operatorPaused);
    }

    @Test
    void honoursServerBackoffUntilItPasses() {
        Instant backoffUntil = T0.plus(Duration.ofMinutes(40));
        UUID backedOff = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofHours(1)),
                T0.minusSeconds(5), backoffUntil, null);

        TickReport report = tick().run();

        assertThat(report.published()).isZero();
        assertThat(report.deferred()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).isEmpty();
        // Just after the backoff (spread of up to 90 s; the pinned random gives 45 s).
        assertThat(accounts.nextSyncAt(backedOff)).isEqualTo(backoffUntil.plusSeconds(45));

        clock.set(backoffUntil);
        assertThat(tick().run().published()).isZero();
        clock.set(backoffUntil.plusSeconds(45));
        assertThat(tick().run().published()).isEqualTo(1);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(backedOff);
    }

    @Test
    void pausesAccountsNotUsedForNinetyDays() {
        UUID dormant = accounts.insert("active", T0.minus(Duration.ofDays(200)), T0.minus(Duration.ofDays(91)),
                T0.minusSeconds(1), null, null);
        accounts.update("update account set sync_every = interval '24 hours'");
        UUID idle = accounts.insert("active", T0.minus(Duration.ofDays(200)), T0.minus(Duration.ofDays(89)), T0.minusSeconds(1),
                null, null);

        TickReport report = tick().run();

        assertThat(report.paused()).isEqualTo(1);
        assertThat(report.published()).isEqualTo(1);
        assertThat(accounts.status(dormant)).isEqualTo("paused");
        assertThat(accounts.statusReason(dormant)).isEqualTo("not used for 91 days");
        // The idle interval it was last published with does not outlive the pause (docs/scheduler.md, "Due times").
        assertThat(accounts.syncEvery(dormant)).isNull();
        assertThat(accounts.status(idle)).isEqualTo("active");
        assertThat(accounts.nextSyncAt(idle)).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(idle);

        // A paused account is never due again by itself.
        clock.advance(Duration.ofDays(30));
        tick().run();
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).doesNotContain(dormant);
    }

    @Test
    void busyAccountsComeBackSooner() {
        UUID busy = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(2)), T0.minusSeconds(1),
                null,
                T0.minus(Duration.ofHours(3)));
        UUID quiet = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(2)), T0.minusSeconds(1),
                null,
                T0.minus(Duration.ofDays(3)));

        tick().run();

        assertThat(accounts.nextSyncAt(busy)).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(accounts.nextSyncAt(quiet)).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void globalPauseStopsTheTickAndResumeRestartsIt() {
        accounts.insertMany(50, T0.minus(Duration.ofDays(1)), T0.minus(Duration.ofHours(1)), T0.minusSeconds(1));
        var control = new SchedulerControlStore(dataSource);
        control.setPaused(true, T0);

        TickReport paused = tick().run();

        assertThat(paused.skippedBecausePaused()).isTrue();
        assertThat(lanes.drainScheduled()).isEmpty();
        assertThat(control.read().paused()).isTrue();

        control.setPaused(false, T0);
        assertThat(tick().run().published()).isEqualTo(50);
        assertThat(lanes.drainScheduled()).hasSize(50);
        assertThat(control.read().lastTick()).hasValueSatisfying(last -> {
            assertThat(last.instance()).isEqualTo("test");
            assertThat(last.published()).isEqualTo(50);
        });
    }

    @Test
    void justLinkedAccountsAreSpreadOverOneInterval() {
        accounts.insertMany(3000, T0, T0, null);
        var spreading = new SchedulerTick(dataSource, publisher, new SyncSchedulePolicy(TestConfigs.scheduler().policy()),
                clock, 500, 2,
                "test", n -> {
                });

        TickReport report = spreading.run();

        assertThat(report.firstScheduled()).isEqualTo(3000);
        // The web app enqueued their first sync: the scheduler publishes nothing for them now ...
        assertThat(report.published()).isZero();
        // ... and their first scheduled sync falls anywhere in the next 15 minutes, not all at once.
        List<Instant> due = accounts.allNextSyncAt();
        assertThat(due).allSatisfy(at -> assertThat(at).isBetween(T0, T0.plus(Duration.ofMinutes(15))));
        Map<Long, Long> perMinute = due.stream()
                .collect(Collectors.groupingBy(at -> Duration.between(T0, at).toMinutes(), Collectors.counting()));
        assertThat(perMinute).hasSize(15);
        assertThat(perMinute.values()).allSatisfy(n -> assertThat(n).isBetween(120L, 280L));
    }

    @Test
    void aBrokerFailureLeavesTheAccountsDueForTheNextTick() throws Exception {
        accounts.insertMany(300, T0.minus(Duration.ofDays(1)), T0.minus(Duration.ofHours(1)), T0.minusSeconds(1));
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var unreachable = new SyncJobPublisher(
                new RabbitConnectionSettings("127.0.0.1", closedPort, "guest", "guest", "/"), topology,
                Duration.ofSeconds(2), "unreachable")) {
            TickReport failed = tick(unreachable, 100, 2, "broken").run();
            assertThat(failed.error()).isPresent();
            assertThat(failed.published()).isZero();
        }
        assertThat(accounts.allNextSyncAt()).containsOnly(T0.minusSeconds(1));

        TickReport retried = tick().run();

        assertThat(retried.published()).isEqualTo(300);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).doesNotHaveDuplicates().hasSize(300);
    }

    @Test
    void twoInstancesTickingTogetherPublishEachAccountExactlyOnce() throws Exception {
        int count = 6000;
        accounts.insertMany(count, T0.minus(Duration.ofDays(1)), T0.minus(Duration.ofHours(1)), T0.minusSeconds(1));
        // The second instance: its own connection pool and its own broker connection.
        var otherDataSource = new PGSimpleDataSource();
        otherDataSource.setURL(SmallRyeConfigProviderResolver.instance().getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class));
        otherDataSource.setUser("fxhome");
        otherDataSource.setPassword("fxhome");
        try (var otherPublisher = new SyncJobPublisher(Lanes.rabbit(), topology, Duration.ofSeconds(30), "second instance")) {
            var first = tick(publisher, 50, 3, "instance-a");
            var second = new SchedulerTick(otherDataSource, otherPublisher,
                    new SyncSchedulePolicy(TestConfigs.scheduler().policy(), () -> 0.5),
                    clock, 50, 3, "instance-b", n -> {
                    });

            var pool = Executors.newFixedThreadPool(2);
            var a = pool.submit(first::run);
            var b = pool.submit(second::run);
            TickReport reportA = a.get();
            TickReport reportB = b.get();
            pool.shutdown();

            assertThat(reportA.error()).isEmpty();
            assertThat(reportB.error()).isEmpty();
            assertThat(reportA.published() + reportB.published()).isEqualTo(count);
            assertThat(reportA.published()).as("both instances took part").isPositive();
            assertThat(reportB.published()).as("both instances took part").isPositive();
        }
        List<SyncJob> jobs = lanes.drain(topology.scheduledQueue(), Duration.ofSeconds(10), count);
        Map<UUID, Long> perAccount = jobs.stream().collect(Collectors.groupingBy(SyncJob::accountId, Collectors.counting()));
        assertThat(perAccount).hasSize(count);
        assertThat(perAccount.values()).containsOnly(1L);
        assertThat(perAccount.keySet()).containsExactlyInAnyOrderElementsOf(accounts.allIds());
        assertThat(accounts.allNextSyncAt()).containsOnly(T0.plus(Duration.ofMinutes(15)));
    }

}
