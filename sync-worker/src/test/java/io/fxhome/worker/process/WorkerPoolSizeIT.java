package io.fxhome.worker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.process.testing.AppProcess;

/**
 * The packaged worker runs as many syncs at once as its N says: Quarkus builds the messaging worker pool from the
 * static-init configuration, and until WorkerConcurrencyConfigSourceFactory was marked static-init safe the pool kept
 * the build-time placeholder (4) whatever N was. The pool is created at the first job.
 */
class WorkerPoolSizeIT {

    @Test
    void theSyncPoolHasTheWorkersConcurrency() throws Exception {
        try (ProcessTestEnvironment env = new ProcessTestEnvironment("fxhome.test.poolsize")) {
            Map<String, String> workerEnv = env.workerEnv();
            workerEnv.put("FXHOME_WORKER_CONCURRENCY", "7");
            try (AppProcess worker = ProcessTestEnvironment.startWorker("pool-size", workerEnv, "256m")) {
                // An account nobody linked: the job is settled at once, but it makes the pool.
                env.publisher.publish(SyncJob.of(UUID.randomUUID(), SyncReason.SCHEDULED, Instant.now()));
                await("the sync pool created").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> worker.logText().contains("Created worker pool named sync-pool with concurrency of"));
                assertThat(worker.logText()).contains("Created worker pool named sync-pool with concurrency of 7")
                        .contains("7 accounts in parallel");
                assertThat(worker.get("/q/metrics").body()).containsPattern("(?m)^fxhome_worker_slots 7\\.0$");
            }
        }
    }
}
