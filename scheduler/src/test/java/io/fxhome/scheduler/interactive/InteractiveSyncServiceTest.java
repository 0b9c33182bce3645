package io.fxhome.scheduler.interactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.clock.testing.MutableClock;
import io.fxhome.job.InteractiveSyncGate;
import io.fxhome.job.InteractiveSyncOutcome;
import io.fxhome.job.InteractiveSyncOutcome.Result;
import io.fxhome.job.InteractiveSyncService;
import io.fxhome.job.RabbitConnectionSettings;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublishException;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.job.SyncTopology;
import io.fxhome.scheduler.testsupport.Lanes;
import io.quarkus.test.junit.QuarkusTest;

/** The shared "sync now" code (common-model) against the real database and broker. */
@QuarkusTest
class InteractiveSyncServiceTest {
    @Inject
    InteractiveSyncService requests;
    @Inject
    DataSource dataSource;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    SyncTopology topology;

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

    private UUID account(String status) {
        Instant longAgo = Instant.now().minus(Duration.ofDays(100));
        return accounts.insert(status, longAgo, longAgo, longAgo, null, null);
    }

    @Test
    void enqueuesOnTheInteractiveLaneAtOnceAndCountsAsUse() {
        UUID id = account("active");
        Instant before = Instant.now();

        InteractiveSyncOutcome outcome = requests.request(id, SyncReason.INTERACTIVE);

        assertThat(outcome).isEqualTo(InteractiveSyncOutcome.of(Result.ENQUEUED));
        List<SyncJob> jobs = lanes.drainInteractive();
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.accountId()).isEqualTo(id);
            assertThat(job.reason()).isEqualTo(SyncReason.INTERACTIVE);
        });
        assertThat(lanes.drainScheduled()).isEmpty();
        assertThat(accounts.lastSeenAt(id)).isAfterOrEqualTo(before.minusMillis(1));
        // No scheduled job right behind the interactive one.
        assertThat(accounts.nextSyncAt(id)).isAfterOrEqualTo(before.plus(Duration.ofMinutes(15)).minusMillis(1));
    }

    @Test
    void aSecondRequestWithinThirtySecondsIsRateLimited() {
        UUID id = account("active");
        requests.request(id, SyncReason.INTERACTIVE);

        InteractiveSyncOutcome second = requests.request(id, SyncReason.INTERACTIVE);

        assertThat(second.result()).isEqualTo(Result.RATE_LIMITED);
        assertThat(second.retryAt()).hasValueSatisfying(at -> assertThat(at).isAfter(Instant.now().plusSeconds(25)));
        assertThat(lanes.drainInteractive()).hasSize(1);
    }

    @Test
    void aPausedAccountResumesWhenItsUserComesBack() {
        UUID id = account("paused");
        accounts.update("update account set status_reason = 'not used for 91 days'");

        InteractiveSyncOutcome outcome = requests.request(id, SyncReason.INTERACTIVE);

        assertThat(outcome.result()).isEqualTo(Result.RESUMED_AND_ENQUEUED);
        assertThat(outcome.enqueued()).isTrue();
        assertThat(accounts.status(id)).isEqualTo("active");
        assertThat(accounts.statusReason(id)).isNull();
        assertThat(lanes.drainInteractive()).extracting(SyncJob::accountId).containsExactly(id);
    }

    @Test
    void aReturningUserIsDueSoonAfterTheInteractiveSyncNotOneOldIntervalAfterIt() {
        UUID id = account("paused");
        // Last published while idle: a day, with its jitter.
        accounts.update("update account set sync_every = interval '23 hours 10 minutes'");
        Instant before = Instant.now();

        requests.request(id, SyncReason.INTERACTIVE);

        assertThat(accounts.syncEvery(id)).isNull();
        // The worker's run write (RunGroupCommit) for the interactive sync, a minute later: without sync_every it keeps
        // the gate's "no sooner than 15 minutes", where it would otherwise have made the account due in 23 hours.
        accounts.update("update account set next_sync_at = coalesce(now() + interval '1 minute' + sync_every, next_sync_at)");
        assertThat(accounts.nextSyncAt(id)).isBetween(before.plus(Duration.ofMinutes(15)).minusMillis(1),
                Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1));
    }

    @Test
    void accountsThatCannotSyncAreRefusedWithoutAJob() {
        assertThat(requests.request(account("needs_reauth"), SyncReason.INTERACTIVE).result()).isEqualTo(Result.NEEDS_REAUTH);
        assertThat(requests.request(account("deleted"), SyncReason.INTERACTIVE).result()).isEqualTo(Result.DELETED);
        assertThat(requests.request(UUID.randomUUID(), SyncReason.FIRST_LINK).result()).isEqualTo(Result.UNKNOWN_ACCOUNT);
        assertThat(lanes.drainInteractive()).isEmpty();
        assertThatThrownBy(() -> requests.request(account("active"), SyncReason.SCHEDULED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRequestsForOneAccountEnqueueOneJob() throws Exception {
        UUID id = account("active");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<InteractiveSyncOutcome>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(pool.submit(() -> requests.request(id, SyncReason.INTERACTIVE)));
        }
        List<Result> results = new ArrayList<>();
        for (Future<InteractiveSyncOutcome> call : calls) {
            results.add(call.get().result());
        }
        pool.shutdown();

        assertThat(results).containsOnlyOnce(Result.ENQUEUED).filteredOn(r -> r != Result.ENQUEUED)
                .containsOnly(Result.RATE_LIMITED);
        assertThat(lanes.drainInteractive()).hasSize(1);
    }

    @Test
    void theRateLimitWindowFollowsTheClock() throws Exception {
        UUID id = account("active");
        Instant t0 = Instant.parse("2026-11-30T12:00:00Z");
        MutableClock clock = new MutableClock(t0);
        var gate = new InteractiveSyncGate(publisher, clock, Duration.ofSeconds(30), Duration.ofMinutes(15));

        InteractiveSyncOutcome first = inTransaction(c -> gate.request(c, id, SyncReason.FIRST_LINK));
        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        InteractiveSyncOutcome tooSoon = inTransaction(c -> gate.request(c, id, SyncReason.INTERACTIVE));
        clock.advance(Duration.ofMillis(1));
        InteractiveSyncOutcome onTime = inTransaction(c -> gate.request(c, id, SyncReason.INTERACTIVE));

        assertThat(first.result()).isEqualTo(Result.ENQUEUED);
        assertThat(tooSoon).isEqualTo(InteractiveSyncOutcome.rateLimited(t0.plusSeconds(30)));
        assertThat(onTime.result()).isEqualTo(Result.ENQUEUED);

        assertThat(lanes.drainInteractive()).extracting(SyncJob::reason).containsExactly(SyncReason.FIRST_LINK,
                SyncReason.INTERACTIVE);
        assertThat(accounts.lastSeenAt(id)).isEqualTo(t0.plusSeconds(30));
        assertThat(accounts.nextSyncAt(id)).isEqualTo(t0.plusSeconds(30).plus(Duration.ofMinutes(15)));
    }

    @Test
    void anUnconfirmedJobLeavesNoRateLimitBehind() throws Exception {
        UUID id = account("paused");
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var unreachable = new SyncJobPublisher(
                new RabbitConnectionSettings("127.0.0.1", closedPort, "guest", "guest", "/"), topology,
                Duration.ofSeconds(2), "unreachable")) {
            var failing = new InteractiveSyncGate(unreachable, Clock.systemUTC(), Duration.ofSeconds(30),
                    Duration.ofMinutes(15));
            assertThatThrownBy(() -> inTransaction(c -> failing.request(c, id, SyncReason.INTERACTIVE)))
                    .isInstanceOf(SyncJobPublishException.class);
        }
        assertThat(accounts.status(id)).isEqualTo("paused");

        assertThat(requests.request(id, SyncReason.INTERACTIVE).result()).isEqualTo(Result.RESUMED_AND_ENQUEUED);
    }

    private interface InTransaction<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(InTransaction<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

}
