package io.fxhome.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.http.Json;
import io.fxhome.sandbox.storage.SyncTimestamps;
import io.fxhome.sandbox.testsupport.RecordDecryptor;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.StorageDownload;
import io.fxhome.sandbox.testsupport.SyncTestClient;

/** Records added, changed and deleted "as another Firefox", seen by a client and reflected in the truth. */
class RecordsAsAnotherFirefoxTest extends SandboxTestBase {

    @Test
    void upsertChangeAndDeleteAreEncryptedWithTheCurrentKeys() throws Exception {
        Session s = profileSession(ProfileSpec.small(21).withSizes(10, 20, 2));
        String hwm = client.storage(s.token(), "GET", "/info/collections").json().get("history").asText();
        Map<String, byte[]> keys = StorageDownload.bulkKeys(client, s.token(), s.linked().kSync());

        ObjectNode page = Json.object().put("histUri", "https://example.org/new").put("title", "New page");
        page.putArray("visits").addObject().put("date", System.currentTimeMillis() * 1000).put("type", 2);
        String id = sandbox().upsertRecord(s.email(), "history", page);
        assertThat(id).hasSize(12);

        JsonNode newer = client.storage(s.token(), "GET", "/storage/history?full=1&newer=" + hwm).json();
        assertThat(newer).hasSize(1);
        JsonNode cleartext = SyncTestClient.parse(RecordDecryptor.decrypt(newer.get(0).get("payload").asText(),
                keys.get("default")));
        assertThat(cleartext.get("id").asText()).isEqualTo(id);
        assertThat(cleartext.get("title").asText()).isEqualTo("New page");
        assertThat(SyncTimestamps.parse(newer.get(0).get("modified").asText())).isGreaterThan(SyncTimestamps.parse(hwm));
        assertThat(sandbox().truth(s.email()).collection("history").records()).containsKey(id);

        page.put("id", id).put("title", "Renamed");
        sandbox().upsertRecord(s.email(), "history", page);
        assertThat(sandbox().truth(s.email()).collection("history").cleartext(id).get("title").asText())
                .isEqualTo("Renamed");

        sandbox().deleteRecord(s.email(), "history", id);
        JsonNode tombstone = SyncTestClient.parse(RecordDecryptor.decrypt(client.storage(s.token(), "GET",
                "/storage/history/" + id).json().get("payload").asText(), keys.get("default")));
        assertThat(tombstone.get("deleted").asBoolean()).isTrue();
        assertThat(tombstone.get("id").asText()).isEqualTo(id);
        assertThat(sandbox().truth(s.email()).collection("history").tombstones()).contains(id);
        assertThat(sandbox().truth(s.email()).collection("history").records()).doesNotContainKey(id);

        // Bookmarks use their own key from crypto/keys.
        String bm = sandbox().upsertRecord(s.email(), "bookmarks", Json.object().put("type", "bookmark")
                .put("parentid", "unfiled").put("parentName", "unfiled").put("title", "x").put("bmkUri",
                        "https://example.org/")
                .put("dateAdded", System.currentTimeMillis()));
        String payload = client.storage(s.token(), "GET", "/storage/bookmarks/" + bm).json().get("payload").asText();
        assertThat(RecordDecryptor.decrypt(payload, keys.get("bookmarks"))).contains("\"bmkUri\"");
    }

    @Test
    void purgedTabsRecordsDisappearWithoutATombstone() throws Exception {
        Session s = profileSession(ProfileSpec.small(22).withSizes(5, 5, 3));
        String tabsId = sandbox().truth(s.email()).collection("tabs").records().keySet().iterator().next();
        sandbox().purgeRecord(s.email(), "tabs", tabsId);
        assertThat(client.storage(s.token(), "GET", "/storage/tabs/" + tabsId).status()).isEqualTo(404);
        assertThat(sandbox().truth(s.email()).collection("tabs").records()).doesNotContainKey(tabsId);
        assertThat(sandbox().truth(s.email()).collection("tabs").tombstones()).doesNotContain(tabsId);
    }

    @Test
    void writingToAnAccountWithoutSyncDataSetsItUpFirst() throws Exception {
        Session s = emptySession();
        assertThat(client.storage(s.token(), "GET", "/storage/meta/global").status()).isEqualTo(404);
        String id = sandbox().upsertRecord(s.email(), "clients", Json.object().put("name", "Laptop")
                .put("type", "desktop"));
        assertThat(client.storage(s.token(), "GET", "/storage/meta/global").status()).isEqualTo(200);
        Map<String, byte[]> keys = StorageDownload.bulkKeys(client, s.token(), s.linked().kSync());
        String payload = client.storage(s.token(), "GET", "/storage/clients/" + id).json().get("payload").asText();
        assertThat(SyncTestClient.parse(RecordDecryptor.decrypt(payload, keys.get("default"))).get("name").asText())
                .isEqualTo("Laptop");
    }
}
