package io.fxhome.worker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.worker.e2e.LinkedAccounts;
import io.fxhome.worker.e2e.MirrorAssertions;

/**
 * Another Firefox sends two tabs; the worker process fetches them and is killed (SIGKILL) after the fetch and before
 * its commit: the test holds the lock of the account's send_tab_device row, so the worker's transaction waits on the
 * index update with both tabs inserted but not committed, and is killed there. The broker redelivers the job, a new
 * process fetches the same commands again, and each tab is in the inbox exactly once. No fault hook in the worker:
 * the kill is real, at a point chosen by a row lock.
 */
class InboxCrashIT {

    @Test
    void aWorkerKilledBetweenFetchAndCommitLeavesEachTabOnce() throws Exception {
        try (ProcessTestEnvironment env = new ProcessTestEnvironment("fxhome.test.inbox-crash")) {
            // Started first: it migrates the schema the account is then linked in.
            AppProcess first = ProcessTestEnvironment.startWorker("inbox-crash-first", env.workerEnv(), "256m");
            String email = "inbox-crash-" + UUID.randomUUID() + "@example.test";
            env.sandbox.sandbox().createAccount(NewAccount.of(email, "crash-pw"));
            UUID account = LinkedAccounts.link(env.db, env.cipher, env.sandbox.baseUrl(), email, "crash-pw");
            env.publisher.publish(SyncJob.of(account, SyncReason.FIRST_LINK, Instant.now()));
            MirrorAssertions.awaitRuns(env.db, account, 1, Duration.ofMinutes(2));
            assertThat(rows(env, "select count(*) from send_tab_device where account_id = ?", account)).isEqualTo(1);

            env.sandbox.sandbox().firefoxSendTab(email, null, "https://example.org/one", "One");
            env.sandbox.sandbox().firefoxSendTab(email, null, "https://example.org/two", "Two");
            try (Connection lock = env.db.getConnection()) {
                lock.setAutoCommit(false);
                try (PreparedStatement ps = lock.prepareStatement(
                        "select 1 from send_tab_device where account_id = ? for update")) {
                    ps.setObject(1, account);
                    ps.executeQuery().close();
                }
                env.publisher.publish(SyncJob.of(account, SyncReason.INTERACTIVE, Instant.now()));
                // Fetched, decrypted, both rows inserted: the worker now waits on the device row's index update.
                await("the worker waiting to commit the fetched tabs").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(100)).until(() -> rows(env, """
                                select count(*) from pg_stat_activity
                                 where wait_event_type = 'Lock' and query like 'update send_tab_device set command_index%'
                                   and ? is not null""", account) == 1);
                first.kill();
                lock.rollback();
            }
            // Killed before its commit: no tab, the index unmoved, the job still the broker's.
            assertThat(rows(env, "select count(*) from inbox where account_id = ?", account)).isZero();
            assertThat(rows(env, "select command_index from send_tab_device where account_id = ?", account)).isZero();
            // The broker takes the unacknowledged job back once it sees the dead process's connection close.
            await("the job back in its lane").atMost(Duration.ofSeconds(30)).until(() -> env.pendingJobs() == 1);

            try (AppProcess second = ProcessTestEnvironment.startWorker("inbox-crash-second", env.workerEnv(),
                    "256m")) {
                MirrorAssertions.awaitRuns(env.db, account, 2, Duration.ofMinutes(2));
                assertThat(MirrorAssertions.rows(env.db,
                        "select command_index, url, title from inbox where account_id = ? order by command_index",
                        account)).containsExactly("1|https://example.org/one|One", "2|https://example.org/two|Two");
                assertThat(rows(env, "select command_index from send_tab_device where account_id = ?", account))
                        .isEqualTo(2);
                // Another sync fetches from the stored index on: still each tab once.
                env.publisher.publish(SyncJob.of(account, SyncReason.INTERACTIVE, Instant.now()));
                MirrorAssertions.awaitRuns(env.db, account, 3, Duration.ofMinutes(2));
                assertThat(rows(env, "select count(*) from inbox where account_id = ?", account)).isEqualTo(2);
                assertThat(env.pendingJobs()).isZero();
            }
        }
    }

    private static long rows(ProcessTestEnvironment env, String sql, UUID account) throws Exception {
        try (Connection c = env.db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
