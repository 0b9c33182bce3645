package io.fxhome.scheduler.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.backoff.ServerBackoffStore;
import io.fxhome.backoff.UpstreamServer;
import io.fxhome.clock.testing.MutableClock;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncTopology;
import io.fxhome.scheduler.control.TickReport;
import io.fxhome.scheduler.policy.SyncSchedulePolicy;
import io.fxhome.scheduler.testsupport.Lanes;
import io.fxhome.scheduler.testsupport.TestConfigs;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The tick against the real PostgreSQL and RabbitMQ with backoffs recorded per server in {@code upstream_backoff} (as a
 * worker records them): the accounts behind a backed-off server get no job and come back spread out after it ends.
 */
@QuarkusTest
class ServerBackoffTickTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final String NODE_A = "https://sync-1-us-west1-g.sync.services.mozilla.com";
    private static final String NODE_B = "https://sync-2-us-west1-g.sync.services.mozilla.com";
    /** fxhome.scheduler.policy.server-backoff-spread default */
    private static final Duration SPREAD = Duration.ofMinutes(5);

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
    void setUp() throws SQLException {
        Lanes.deleteAtExit(topology);
        accounts = new TestAccounts(dataSource);
        accounts.clear();
        lanes = new Lanes(topology);
        lanes.purge();
        forgetBackoffs();
    }

    @AfterEach
    void tearDown() throws SQLException {
        lanes.purge();
        lanes.close();
        accounts.clear();
        forgetBackoffs();
    }

    private TickReport tick(DoubleSupplier random) {
        return new SchedulerTick(dataSource, publisher, new SyncSchedulePolicy(TestConfigs.scheduler().policy(), random),
                clock, 100, 2, "test", n -> {
                }).run();
    }

    /** An account used an hour ago, due now, last synced on {@code node} (null: never synced). */
    private UUID dueOn(String node) throws SQLException {
        UUID id = accounts.insert("active", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofHours(1)), T0.minusSeconds(1),
                null, null);
        if (node != null) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "insert into sync_state (account_id, api_endpoint, storage_uid) values (?, ?, ?)")) {
                long uid = ThreadLocalRandom.current().nextLong(1, 1_000_000_000);
                ps.setObject(1, id);
                ps.setString(2, node + "/1.5/" + uid);
                ps.setString(3, Long.toString(uid));
                ps.executeUpdate();
            }
        }
        return id;
    }

    @Test
    void aBackedOffNodesAccountsGetNoJobAndComeBackJustAfterIt() throws SQLException {
        List<UUID> onA = List.of(dueOn(NODE_A), dueOn(NODE_A), dueOn(NODE_A));
        UUID onB = dueOn(NODE_B);
        UUID neverSynced = dueOn(null);
        Instant until = T0.plus(Duration.ofMinutes(10));
        new ServerBackoffStore(dataSource).record(UpstreamServer.storageNode(NODE_A + "/1.5/42"), until, true, "test");

        TickReport report = tick(() -> 0.5);

        assertThat(report.published()).isEqualTo(2);
        assertThat(report.deferred()).isEqualTo(3);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactlyInAnyOrder(onB, neverSynced);
        for (UUID id : onA) {
            assertThat(accounts.nextSyncAt(id)).isEqualTo(until.plus(SPREAD.dividedBy(2)));
        }
        // Nothing until then: the next ticks leave them alone; once due again, they are published.
        clock.advance(Duration.ofMinutes(12));
        assertThat(tick(() -> 0.5).published()).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(tick(() -> 0.5).published()).isEqualTo(3);
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactlyInAnyOrderElementsOf(onA);
    }

    @Test
    void theTokenserversBackoffHoldsEveryAccountBack() throws SQLException {
        dueOn(NODE_A);
        dueOn(NODE_B);
        dueOn(null);
        Instant until = T0.plus(Duration.ofMinutes(2));
        new ServerBackoffStore(dataSource).record(UpstreamServer.tokenserver("https://token.services.mozilla.com"), until,
                false, "test");

        TickReport report = tick(() -> 0.0);

        assertThat(report.published()).isZero();
        assertThat(report.deferred()).isEqualTo(3);
        assertThat(lanes.drainScheduled()).isEmpty();
        assertThat(accounts.allNextSyncAt()).containsOnly(until);
    }

    @Test
    void anEndedBackoffHoldsNobody() throws SQLException {
        dueOn(NODE_A);
        new ServerBackoffStore(dataSource).record(UpstreamServer.storageNode(NODE_A + "/1.5/1"), T0, true, "test");
        assertThat(tick(() -> 0.5).published()).isEqualTo(1);
    }

    @Test
    void thousandsOfAccountsBehindOneNodeReturnSpreadOverTheWindowNotAllAtOnce() throws SQLException {
        List<UUID> onA = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            onA.add(dueOn(NODE_A));
        }
        Instant until = T0.plus(Duration.ofMinutes(10));
        new ServerBackoffStore(dataSource).record(UpstreamServer.storageNode(NODE_A + "/1.5/1"), until, true, "test");

        TickReport report = tick(() -> ThreadLocalRandom.current().nextDouble());

        assertThat(report.published()).isZero();
        assertThat(report.deferred()).isEqualTo(300);
        List<Instant> due = accounts.allNextSyncAt();
        assertThat(due).hasSize(300).allSatisfy(at -> assertThat(at).isBetween(until, until.plus(SPREAD)));
        // Spread evenly: every minute of the window gets some of them, and none gets more than a third.
        long[] perMinute = new long[5];
        due.forEach(at -> perMinute[(int) Math.min(4, Duration.between(until, at).toMinutes())]++);
        for (long n : perMinute) {
            assertThat(n).isBetween(1L, 100L);
        }
    }

    @Test
    void aLongerBackoffAskedMeanwhileWinsAndAShorterOneDoesNotShortenIt() throws SQLException {
        ServerBackoffStore store = new ServerBackoffStore(dataSource);
        UpstreamServer node = UpstreamServer.storageNode(NODE_A + "/1.5/1");
        store.record(node, T0.plus(Duration.ofMinutes(10)), false, "soft");
        store.record(node, T0.plus(Duration.ofMinutes(20)), true, "hard");
        store.record(node, T0.plus(Duration.ofMinutes(5)), false, "shorter");
        assertThat(store.inForce(T0).storageNodes()).containsEntry(NODE_A, T0.plus(Duration.ofMinutes(20)));
        assertThat(store.inForce(T0.plus(Duration.ofMinutes(20))).isEmpty()).isTrue();
        // After it ended, a new one replaces it.
        store.record(node, T0.plus(Duration.ofMinutes(30)), false, "again");
        assertThat(store.inForce(T0.plus(Duration.ofMinutes(25))).storageNodes())
                .containsEntry(NODE_A, T0.plus(Duration.ofMinutes(30)));
    }

    private void forgetBackoffs() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from upstream_backoff");
        }
    }

}
