package io.fxhome.worker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.worker.e2e.LinkedAccounts;
import io.fxhome.worker.e2e.MirrorAssertions;

/**
 * The worker process is killed (SIGKILL) in the middle of a large first sync. After a restart the broker redelivers
 * the unacknowledged job, the new process takes the lease (the dead one's advisory lock went with its connection) and
 * finishes the sync: the data equal the truth, with no duplicate rows and no lost job.
 */
class WorkerCrashIT {

    @Test
    void aKilledWorkersJobIsRedeliveredAndCompletesCorrectly() throws Exception {
        try (ProcessTestEnvironment env = new ProcessTestEnvironment("fxhome.test.crash")) {
            Map<String, String> workerEnv = env.workerEnv();
            workerEnv.put("FXHOME_WORKER_PAGE_SIZE", "500");
            // The first process starts from an empty schema; the account is linked once it has migrated.
            Map<String, String> freshEnv = new HashMap<>(workerEnv);
            freshEnv.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
            freshEnv.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
            AppProcess first = ProcessTestEnvironment.startWorker("crash-first", freshEnv, "256m");

            String email = "crash-" + UUID.randomUUID() + "@example.test";
            env.sandbox.sandbox().createAccount(NewAccount.of(email, "crash-pw")
                    .withProfile(ProfileSpec.large(4242).withSizes(1_000, 20_000, 5)));
            UUID account = LinkedAccounts.link(env.db, env.cipher, env.sandbox.baseUrl(), email, "crash-pw");
            env.publisher.publish(SyncJob.of(account, SyncReason.FIRST_LINK, Instant.now()));
            awaitHistoryProgress(env, account, 3_000);
            first.kill();

            // Killed mid-way: some history is in, the run never finished, the job is still the broker's.
            long partial = Long.parseLong(
                    MirrorAssertions.rows(env.db, "select count(*) from history_place where account_id = ?", account).get(0));
            assertThat(partial).isBetween(1L, 19_999L);
            assertThat(MirrorAssertions.rows(env.db, "select count(*) from sync_run where account_id = ?", account))
                    .containsExactly("0");
            assertThat(env.pendingJobs()).isEqualTo(1);
            // The first-sync screen had its "n of m": the count came from info/collection_counts.
            String[] progress = MirrorAssertions.rows(env.db,
                    "select records_done, records_expected from sync_progress where account_id = ?", account).get(0)
                    .split("\\|");
            assertThat(Long.parseLong(progress[1])).isGreaterThanOrEqualTo(20_000)
                    .isGreaterThanOrEqualTo(Long.parseLong(progress[0]));

            try (AppProcess second = ProcessTestEnvironment.startWorker("crash-second", workerEnv, "256m")) {
                MirrorAssertions.awaitRuns(env.db, account, 1, Duration.ofMinutes(5));
                assertThat(MirrorAssertions.rows(env.db, "select outcome from sync_run where account_id = ?", account))
                        .containsExactly("done");
                MirrorAssertions.assertMirrors(env.db, account, env.sandbox.sandbox().truth(email));
                assertThat(env.pendingJobs()).isZero();
            }
        }
    }

    private static void awaitHistoryProgress(ProcessTestEnvironment env, UUID account, int records) {
        // Polled often: the worker must be killed early in the sync, not after it.
        await("the first sync getting " + records + " history records in").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    var progress = MirrorAssertions.rows(env.db,
                            "select records_done from sync_progress where account_id = ? and collection = 'history'", account);
                    return !progress.isEmpty() && Integer.parseInt(progress.get(0)) >= records;
                });
    }
}
