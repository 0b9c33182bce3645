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

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.secrets.AccountSecretsCipher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The whole path against the sync-sandbox over real HTTP, real RabbitMQ and real PostgreSQL: sign in with fxhome's
 * FxA client, publish a job, let the worker consume it, and compare the mirror with the generator's cleartext truth.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class FirstSyncTest {
    private static final AtomicLong SEEDS = new AtomicLong(7100);

    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;
    @Inject
    SyncJobPublisher publisher;

    @Test
    void firstSyncEqualsTheTruthThenFollowsAnotherFirefoxsChanges() throws Exception {
        Sandbox sandbox = SandboxTestResource.server().sandbox();
        String email = "first-sync-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "correct horse battery").withProfile(ProfileSpec.small(SEEDS.getAndIncrement())));
        UUID account = LinkedAccounts.link(ds, cipher, email, "correct horse battery");

        publisher.publish(SyncJob.of(account, SyncReason.FIRST_LINK, Instant.now()));
        awaitRuns(account, 1);
        assertMirrors(account, sandbox.truth(email));
        assertThat(rows("select outcome, records_skipped from sync_run where account_id = ?", account)).containsExactly("done|0");

        // Another Firefox adds a bookmark, retitles a page and deletes one; the next (scheduled) sync follows.
        CleartextTruth before = sandbox.truth(email);
        String pageId = before.collection("history").records().keySet().stream().sorted().findFirst().orElseThrow();
        ObjectNode page = before.collection("history").cleartext(pageId);
        page.put("title", "Renamed \"page\" <i>elsewhere</i>");
        sandbox.upsertRecord(email, "history", page);
        String goneId = before.collection("history").records().keySet().stream().sorted().skip(1).findFirst().orElseThrow();
        sandbox.deleteRecord(email, "history", goneId);
        ObjectNode bookmark = before.collection("bookmarks").cleartext(before.collection("bookmarks").records().keySet().stream()
                .filter(id -> "bookmark".equals(before.collection("bookmarks").cleartext(id).path("type").asText())).sorted().findFirst().orElseThrow());
        bookmark.put("title", "Changed on another device");
        sandbox.upsertRecord(email, "bookmarks", bookmark);

        publisher.publish(SyncJob.of(account, SyncReason.SCHEDULED, Instant.now()));
        awaitRuns(account, 2);
        CleartextTruth after = sandbox.truth(email);
        assertThat(after.collection("history").records()).doesNotContainKey(goneId);
        assertMirrors(account, after);
        assertThat(rows("select title from history_place where account_id = ? and guid = '" + pageId + "'", account))
                .containsExactly("Renamed \"page\" <i>elsewhere</i>");
    }

    @Test
    void aCorruptRecordIsSkippedAndCountedNeverTheWholeSync() throws Exception {
        Sandbox sandbox = SandboxTestResource.server().sandbox();
        String email = "corrupt-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "pw-corrupt").withProfile(ProfileSpec.small(SEEDS.getAndIncrement())));
        String badHmac = sandbox.injectBadHmacRecord(email, "history");
        String notJson = sandbox.injectNotJsonRecord(email, "bookmarks");
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-corrupt");

        publisher.publish(SyncJob.of(account, SyncReason.FIRST_LINK, Instant.now()));
        awaitRuns(account, 1);
        assertMirrors(account, sandbox.truth(email));
        assertThat(rows("select outcome, records_skipped from sync_run where account_id = ?", account)).containsExactly("done|2");
        assertThat(rows("select collection, record_id, reason from sync_skipped_record where account_id = ? order by collection", account))
                .containsExactly("bookmarks|" + notJson + "|NOT_JSON", "history|" + badHmac + "|BAD_HMAC");
    }

    private void assertMirrors(UUID account, CleartextTruth truth) throws SQLException {
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

    private Set<String> set(String sql, UUID account) throws SQLException {
        return new TreeSet<>(rows(sql, account));
    }

    private List<String> rows(String sql, UUID account) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return query(c, sql, account);
        }
    }

    private void awaitRuns(UUID account, int runs) throws Exception {
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
