package io.fxhome.worker.e2e;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import io.agroal.api.AgroalDataSource;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.worker.backoff.ServerBackoffGate;

/** What the end-to-end worker tests share: the beans they use, and how they wait for and check a sync. */
abstract class SandboxSyncTestBase {
    private static final AtomicLong SEEDS = new AtomicLong(7100);

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    ServerBackoffGate serverBackoffs;

    /**
     * A 503 or a backoff header a test injects holds for every account on the sandbox's node (docs/sync-worker.md,
     * "Server backoff"): forgotten after each test, so that the next one's accounts are not deferred.
     */
    @AfterEach
    void forgetServerBackoffs() throws SQLException {
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("delete from upstream_backoff");
        }
        serverBackoffs.refreshNow();
    }

    static long nextSeed() {
        return SEEDS.getAndIncrement();
    }

    static Sandbox sandbox() {
        return SandboxTestResource.server().sandbox();
    }

    /** Publishes a job and waits until the worker recorded the account's n-th run. */
    void syncAndAwait(UUID account, SyncReason reason, int runs) throws Exception {
        publisher.publish(SyncJob.of(account, reason, Instant.now()));
        awaitRuns(account, runs);
    }

    void assertMirrors(UUID account, CleartextTruth truth) throws SQLException {
        MirrorAssertions.assertMirrors(ds, account, truth);
    }

    List<String> rows(String sql, UUID account) throws SQLException {
        return MirrorAssertions.rows(ds, sql, account);
    }

    void awaitRuns(UUID account, int runs) throws Exception {
        MirrorAssertions.awaitRuns(ds, account, runs, Duration.ofSeconds(90));
    }
}
