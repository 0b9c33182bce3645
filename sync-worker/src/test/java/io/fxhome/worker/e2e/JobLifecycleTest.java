package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.job.SyncTopology;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What happens to a job besides a plain sync: a duplicate while the account is leased, a "sync now" while it syncs, and
 * a job that keeps failing.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class JobLifecycleTest extends SandboxSyncTestBase {
    @Inject
    MeterRegistry metrics;
    @Inject
    SyncTopology topology;

    @Test
    void aJobForAnAccountAnotherWorkerIsSyncingIsDroppedCheaply() throws Exception {
        String email = "leased-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw-leased").withProfile(ProfileSpec.small(nextSeed())));
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-leased");
        double before = duplicates();
        // Another worker holds the account's lease (the same advisory lock a worker takes).
        try (Connection other = ds.getConnection();
                PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, (account.getMostSignificantBits() ^ account.getLeastSignificantBits()) | Long.MIN_VALUE);
            lock.executeQuery().close();
            publisher.publish(SyncJob.of(account, SyncReason.SCHEDULED, Instant.now()));
            await("the duplicate job counted").atMost(Duration.ofSeconds(30)).until(() -> duplicates() != before);
            assertThat(duplicates()).isEqualTo(before + 1);
            assertThat(rows("select count(*) from history_place where account_id = ?", account)).containsExactly("0");
        }
        // Acknowledged, not retried: nothing of it is left on the queues.
        assertThat(publisher.messageCount(topology.scheduledQueue())).isZero();
    }

    /**
     * A "sync now" that finds the account's scheduled sync running is not dropped: the running sync may have
     * downloaded before the change the user is waiting for. It leaves word, and the holder syncs once more.
     */
    @Test
    void aSyncNowWhileTheAccountIsSyncingIsAnsweredByASyncStartedAfterIt() throws Exception {
        String email = "again-" + UUID.randomUUID() + "@example.test";
        sandbox().createAccount(NewAccount.of(email, "pw-again").withProfile(ProfileSpec.small(nextSeed())));
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-again");
        double before = duplicates();
        Instant asked;
        // Every upstream answer for this account takes 700 ms: its sync runs for seconds.
        sandbox().latency(email, 700);
        try {
            publisher.publish(SyncJob.of(account, SyncReason.SCHEDULED, Instant.now()));
            await("the scheduled sync running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !rows("select 1 from sync_progress where account_id = ?", account).isEmpty());
            asked = Instant.now();
            publisher.publish(SyncJob.of(account, SyncReason.INTERACTIVE, asked));
            await("the request finding the lease held").atMost(Duration.ofSeconds(30))
                    .until(() -> duplicates() != before);
            assertThat(rows("select sync_again from account where id = ?", account)).containsExactly("t");
            assertThat(rows("select count(*) from sync_run where account_id = ?", account)).containsExactly("0");
        } finally {
            sandbox().clearFaults(email);
        }
        awaitRuns(account, 2);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select reason, outcome, started_at from sync_run where account_id = ? order by started_at")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("scheduled");
                assertThat(rs.getString(2)).isEqualTo("done");
                assertThat(rs.getTimestamp(3).toInstant()).isBefore(asked);
                assertThat(rs.next()).as("the sync that answers the request").isTrue();
                assertThat(rs.getString(1)).isEqualTo("interactive");
                assertThat(rs.getString(2)).isEqualTo("done");
                assertThat(rs.getTimestamp(3).toInstant()).isAfter(asked);
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(rows("select sync_again from account where id = ?", account)).containsExactly("f");
        assertThat(publisher.messageCount(topology.interactiveQueue())).isZero();
    }

    @Test
    void aJobThatKeepsFailingIsRetriedThenDeadLetteredAndTheAccountSaysWhy() throws Exception {
        // An account whose secrets are gone cannot sync, whatever the attempt.
        UUID account = new TestAccounts(ds).create();
        long deadBefore = publisher.messageCount(topology.deadQueue());
        publisher.publish(SyncJob.of(account, SyncReason.SCHEDULED, Instant.now()));
        await("the job dead-lettered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> publisher.messageCount(topology.deadQueue()) != deadBefore);
        assertThat(publisher.messageCount(topology.deadQueue())).isEqualTo(deadBefore + 1);
        // Three attempts (max-attempts), each recorded as a failed run; then the reason on the account.
        assertThat(rows("select count(*) from sync_run where account_id = ? and outcome = 'retry'", account))
                .containsExactly("3");
        assertThat(rows("select status_reason from account where id = ?", account).get(0))
                .startsWith("sync job dead-lettered after 3 attempts");
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select failure_count from account where id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    private double duplicates() {
        var counter = metrics.find("fxhome.worker.jobs").tag("outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }
}
