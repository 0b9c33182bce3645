package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole path against the sync-sandbox over real HTTP, real RabbitMQ and real PostgreSQL: sign in with fxhome's
 * FxA client, publish a job, let the worker consume it, and compare the mirror with the generator's cleartext truth.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class FirstSyncTest extends SandboxSyncTestBase {

    @Test
    void firstSyncEqualsTheTruthThenFollowsAnotherFirefoxsChanges() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "first-sync-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "correct horse battery").withProfile(ProfileSpec.small(nextSeed())));
        UUID account = LinkedAccounts.link(ds, cipher, email, "correct horse battery");

        List<String> vacuumsBefore = vacuums(account);
        publisher.publish(SyncJob.of(account, SyncReason.FIRST_LINK, Instant.now()));
        awaitRuns(account, 1);
        assertMirrors(account, sandbox.truth(email));
        assertThat(rows("select outcome, records_skipped from sync_run where account_id = ?", account))
                .containsExactly("done|0");
        // The first sync merged what it wrote into the search's trigram indexes (SearchIndexes): merging again finds no
        // pending page, where a search straight after the sync would otherwise read every one.
        assertThat(rows("select gin_clean_pending_list('history_place_match_idx'::regclass)"
                + " + gin_clean_pending_list('bookmark_match_idx'::regclass) where ?::uuid is not null", account))
                .containsExactly("0");
        // ... and vacuumed the two tables' heaps (SearchIndexes.markVisible), which marks the new pages all-visible, so that
        // the search's frecency walks (index-only scans) read the index alone. (Whether a page can be marked depends on
        // what earlier tests left on it, dead line pointers that only an index vacuum removes: the count is what is
        // certain here; docs/benchmarks.md measures the effect.) Bookmarks twice: after their download and after history's.
        List<String> vacuumed = vacuums(account);
        assertThat(vacuumed).hasSize(1);
        assertThat(vacuumed.get(0).split("\\|")).containsExactly(
                String.valueOf(Long.parseLong(vacuumsBefore.get(0).split("\\|")[0]) + 1),
                String.valueOf(Long.parseLong(vacuumsBefore.get(0).split("\\|")[1]) + 2));

        // Another Firefox adds a bookmark, retitles a page and deletes one; the next (scheduled) sync follows.
        CleartextTruth before = sandbox.truth(email);
        String pageId = before.collection("history").records().keySet().stream().sorted().findFirst().orElseThrow();
        ObjectNode page = before.collection("history").cleartext(pageId);
        page.put("title", "Renamed \"page\" <i>elsewhere</i>");
        sandbox.upsertRecord(email, "history", page);
        String goneId = before.collection("history").records().keySet().stream().sorted().skip(1).findFirst().orElseThrow();
        sandbox.deleteRecord(email, "history", goneId);
        ObjectNode bookmark = before.collection("bookmarks")
                .cleartext(before.collection("bookmarks").records().keySet().stream()
                        .filter(id -> "bookmark".equals(before.collection("bookmarks").cleartext(id).path("type").asText()))
                        .sorted().findFirst().orElseThrow());
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

    /** How many times the tables were vacuumed by hand (not by autovacuum), "history_place|bookmark". */
    private List<String> vacuums(UUID account) throws SQLException {
        return rows("select string_agg(vacuum_count::text, '|' order by relname desc) from pg_stat_user_tables"
                + " where relname in ('history_place', 'bookmark') and ?::uuid is not null", account);
    }

    @Test
    void aCorruptRecordIsSkippedAndCountedNeverTheWholeSync() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "corrupt-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "pw-corrupt").withProfile(ProfileSpec.small(nextSeed())));
        String badHmac = sandbox.injectBadHmacRecord(email, "history");
        String notJson = sandbox.injectNotJsonRecord(email, "bookmarks");
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-corrupt");

        publisher.publish(SyncJob.of(account, SyncReason.FIRST_LINK, Instant.now()));
        awaitRuns(account, 1);
        assertMirrors(account, sandbox.truth(email));
        assertThat(rows("select outcome, records_skipped from sync_run where account_id = ?", account))
                .containsExactly("done|2");
        assertThat(
                rows("select collection, record_id, reason from sync_skipped_record where account_id = ? order by collection",
                        account))
                .containsExactly("bookmarks|" + notJson + "|NOT_JSON", "history|" + badHmac + "|BAD_HMAC");
    }
}
