package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Fields far beyond what a B-tree entry holds (about 2.7 KB), through the real path (sandbox records, worker,
 * PostgreSQL), first sync and a later merge: every text is stored whole and the sync goes through. The values are
 * random, so PostgreSQL cannot compress them under the limit, and as large as production storage allows: a record's
 * encrypted payload is at most 2 MiB (syncstorage's max_record_payload_bytes), which leaves about 1.5 MB of cleartext,
 * so the largest title is 1.4 MB (a 10 MB title cannot reach fxhome through Mozilla's servers).
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class OversizedFieldsTest extends SandboxSyncTestBase {
    /** syncstorage-rs's max_record_payload_bytes as Mozilla runs it. */
    private static final int PRODUCTION_MAX_PAYLOAD = 2 * 1024 * 1024;
    private static final int HUGE_TITLE = 1_400_000;
    private static final int LONG_URL = 100_000;
    private static final int OVER_INDEX_LIMIT = 3_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Random random = new Random(7_316);

    @Test
    void fieldsBeyondTheIndexLimitsAreStoredWholeAndNeverStopASync() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "oversized-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "pw-oversized").withProfile(ProfileSpec.small(nextSeed())));
        Records first = upload(sandbox, email);
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-oversized");

        // A first sync (history appended by COPY into an empty archive) ...
        syncAndAwait(account, SyncReason.FIRST_LINK, 1);
        assertStoredWhole(account, sandbox, email, first);

        // ... and a later one, where history pages merge and bookmarks upsert over the stored rows.
        Records second = upload(sandbox, email);
        syncAndAwait(account, SyncReason.SCHEDULED, 2);
        assertStoredWhole(account, sandbox, email, second);
        assertThat(rows("select outcome, records_skipped from sync_run where account_id = ? order by started_at", account))
                .containsExactly("done|0", "done|0");
    }

    /** What one round uploaded: the same record ids each round, new values. */
    private record Records(ObjectNode hugeTitleBookmark, ObjectNode longFieldsBookmark, ObjectNode longParentBookmark,
            ObjectNode hugeTitlePage, ObjectNode longUrlPage, ObjectNode device, ObjectNode tabs) {
    }

    private Records upload(Sandbox sandbox, String email) {
        String host = host(OVER_INDEX_LIMIT);
        ObjectNode hugeTitleBookmark = bookmark("oversizeBm01", "toolbar").put("title", text(HUGE_TITLE))
                .put("bmkUri", "https://example.com/" + path(20));
        ObjectNode longFieldsBookmark = bookmark("oversizeBm02", "toolbar").put("title", text(OVER_INDEX_LIMIT))
                .put("bmkUri", "https://" + host + "/" + path(LONG_URL)).put("keyword", text(OVER_INDEX_LIMIT))
                .put("description", text(OVER_INDEX_LIMIT));
        ArrayNode tags = longFieldsBookmark.putArray("tags");
        for (int i = 0; i < 3; i++) {
            tags.add(text(OVER_INDEX_LIMIT));
        }
        ObjectNode longParentBookmark = bookmark("oversizeBm03", text(OVER_INDEX_LIMIT)).put("title", "an orphan")
                .put("bmkUri", "https://example.org/orphan").put("keyword", "k" + text(OVER_INDEX_LIMIT));
        ObjectNode hugeTitlePage = page("oversizePg01", "https://example.net/" + path(20)).put("title", text(HUGE_TITLE));
        ObjectNode longUrlPage = page("oversizePg02", "https://" + host + ":8443/" + path(LONG_URL))
                .put("title", text(OVER_INDEX_LIMIT));
        ObjectNode device = JSON.objectNode().put("id", "oversizeDev1").put("name", text(OVER_INDEX_LIMIT))
                .put("type", "desktop").put("os", text(OVER_INDEX_LIMIT)).put("application", "Firefox")
                .put("version", "140.0");
        ObjectNode tabs = JSON.objectNode().put("id", "oversizeDev1").put("clientName", text(OVER_INDEX_LIMIT));
        ObjectNode tab = tabs.putArray("tabs").addObject().put("title", text(HUGE_TITLE / 2))
                .put("icon", "https://" + host + "/favicon.ico").put("lastUsed", System.currentTimeMillis() / 1000);
        tab.putArray("urlHistory").add("https://" + host + "/" + path(LONG_URL)).add("https://example.com/" + path(50));

        Records records = new Records(hugeTitleBookmark, longFieldsBookmark, longParentBookmark, hugeTitlePage,
                longUrlPage, device, tabs);
        for (ObjectNode b : List.of(hugeTitleBookmark, longFieldsBookmark, longParentBookmark)) {
            upsert(sandbox, email, "bookmarks", b);
        }
        upsert(sandbox, email, "history", hugeTitlePage);
        upsert(sandbox, email, "history", longUrlPage);
        upsert(sandbox, email, "clients", device);
        upsert(sandbox, email, "tabs", tabs);
        return records;
    }

    /** Uploads a record, checking that Mozilla's storage would take it. */
    private static void upsert(Sandbox sandbox, String email, String collection, ObjectNode record) {
        String id = sandbox.upsertRecord(email, collection, record);
        int payload = sandbox.storage(email).get(collection, id, System.currentTimeMillis()).payload().length();
        assertThat(payload).as(collection + "/" + id + " encrypted payload").isLessThanOrEqualTo(PRODUCTION_MAX_PAYLOAD);
    }

    private void assertStoredWhole(UUID account, Sandbox sandbox, String email, Records r) throws Exception {
        // Guid, parent, kind, title and URL of every bookmark, every page, device and tab equal the sandbox's truth.
        assertMirrors(account, sandbox.truth(email));
        ObjectNode b = r.longFieldsBookmark();
        assertThat(rows("select keyword, description, array_to_json(tags) from bookmark where account_id = ? and guid = '"
                + b.get("id").asText() + "'", account))
                .containsExactly(b.get("keyword").asText() + "|" + b.get("description").asText() + "|" + b.get("tags"));
        assertThat(rows("select keyword from bookmark where account_id = ? and guid = 'oversizeBm03'", account))
                .containsExactly(r.longParentBookmark().get("keyword").asText());
        ObjectNode tab = (ObjectNode) r.tabs().get("tabs").get(0);
        assertThat(rows("select t.title, array_to_json(t.url_history), t.icon, d.client_name from tab t"
                + " join device_tabs d on d.account_id = t.account_id and d.client_id = t.client_id"
                + " where t.account_id = ? and t.client_id = 'oversizeDev1'", account))
                .containsExactly(tab.get("title").asText() + "|" + tab.get("urlHistory") + "|" + tab.get("icon").asText()
                        + "|" + r.tabs().get("clientName").asText());
        assertThat(rows("select os from device where account_id = ? and client_id = 'oversizeDev1'", account))
                .containsExactly(r.device().get("os").asText());
        // The typed visit makes the long-host page an origin-autofill candidate: its host is too long to be a DNS name,
        // so it has none, and the index entry stays small.
        assertThat(rows("select last_typed_at is not null and fxhome_url_host(url) is null from history_place"
                + " where account_id = ? and guid = 'oversizePg02'", account)).containsExactly("t");
    }

    private static ObjectNode bookmark(String id, String parent) {
        return JSON.objectNode().put("id", id).put("type", "bookmark").put("parentid", parent).put("parentName", "")
                .put("dateAdded", System.currentTimeMillis());
    }

    private static ObjectNode page(String id, String url) {
        ObjectNode page = JSON.objectNode().put("id", id).put("histUri", url);
        long micros = System.currentTimeMillis() * 1000;
        ArrayNode visits = page.putArray("visits");
        visits.addObject().put("date", micros).put("type", 2); // typed
        visits.addObject().put("date", micros - 60_000_000).put("type", 1);
        return page;
    }

    /** Random letters, digits and some non-ASCII (never NUL): nothing PostgreSQL could compress under a limit. */
    private String text(int length) {
        return random(length, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éüßж中");
    }

    /** A URL path of random letters, digits and non-ASCII letters. */
    private String path(int length) {
        return random(length, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_éж");
    }

    private String random(int length, String alphabet) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** A host name of random labels, {@code length} characters in all. */
    private String host(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(sb.length() % 60 == 59 ? '.' : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
