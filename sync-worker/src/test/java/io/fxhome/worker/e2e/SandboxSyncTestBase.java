package io.fxhome.worker.e2e;

import static io.fxhome.worker.TestAccounts.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.agroal.api.AgroalDataSource;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecretsCipher;
import jakarta.inject.Inject;

/** What the end-to-end worker tests share: the beans they use, and how they wait for and check a sync. */
abstract class SandboxSyncTestBase {
    private static final AtomicLong SEEDS = new AtomicLong(7100);

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    SyncJobPublisher publisher;

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
        assertThat(set("select guid, parent_guid, kind, title, url from bookmark where account_id = ?", account))
                .isEqualTo(MirrorExpectations.bookmarks(truth.collection("bookmarks")));
        assertThat(set("select guid, url, title from history_place where account_id = ?", account))
                .isEqualTo(MirrorExpectations.places(truth.collection("history")));
        // History is an archive: every visit the server ever showed is kept, so the mirror holds at least the truth.
        assertThat(set("select place_guid, visited_at, transition from history_visit where account_id = ?", account))
                .containsAll(MirrorExpectations.visits(truth.collection("history")));
        assertThat(set("select client_id, name from device where account_id = ?", account))
                .isEqualTo(MirrorExpectations.devices(truth.collection("clients")));
        assertThat(set("select client_id, position, url from tab where account_id = ?", account))
                .isEqualTo(MirrorExpectations.tabs(truth.collection("tabs")));
        // Every folder's children are positioned in the order the folder lists them.
        assertThat(rows("""
                select count(*) from bookmark f cross join lateral unnest(f.children) with ordinality c(guid, idx)
                  join bookmark b on b.account_id = f.account_id and b.guid = c.guid and b.parent_guid = f.guid
                 where f.account_id = ? and b.position is distinct from c.idx - 1""", account)).containsExactly("0");
    }

    Set<String> set(String sql, UUID account) throws SQLException {
        return new TreeSet<>(rows(sql, account));
    }

    List<String> rows(String sql, UUID account) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return query(c, sql, account);
        }
    }

    void awaitRuns(UUID account, int runs) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (Integer.parseInt(rows("select count(*) from sync_run where account_id = ?", account).get(0)) >= runs) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("account " + account + " did not complete " + runs + " sync run(s) in time");
    }
}
