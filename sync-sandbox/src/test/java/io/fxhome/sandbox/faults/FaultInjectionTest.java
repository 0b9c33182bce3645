package io.fxhome.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.generator.SkipReason;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.StorageDownload;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;
import io.fxhome.sandbox.testsupport.TestHawk;

/** Each fault of the admin API does what it says, seen by a client over real HTTP. */
class FaultInjectionTest extends SandboxTestBase {
    private static ProfileSpec spec(long seed) {
        return ProfileSpec.small(seed).withSizes(30, 60, 2);
    }

    private static Map<String, byte[]> keys(Session s) throws Exception {
        return StorageDownload.bulkKeys(client, s.token(), s.linked().kSync());
    }

    /** Downloads and decrypts everything and compares it with the sandbox's truth. */
    private static void assertStorageMatchesTruth(Session s, SyncTestClient.SyncToken token) throws Exception {
        CleartextTruth truth = sandbox().truth(s.email());
        assertThat(SyncTestClient.parse(StorageDownload.metaGlobal(client, token)))
                .isEqualTo(SyncTestClient.parse(truth.metaGlobal()));
        Map<String, byte[]> keys = StorageDownload.bulkKeys(client, token, s.linked().kSync());
        for (String c : truth.collections().keySet()) {
            StorageDownload.Decrypted got = StorageDownload.collection(client, token, c,
                    keys.getOrDefault(c, keys.get("default")), 40);
            assertThat(got.records()).as(c).isEqualTo(truth.collection(c).records());
            assertThat(got.tombstones()).as(c).isEqualTo(truth.collection(c).tombstones());
            assertThat(got.skipped().keySet()).as(c).isEqualTo(truth.collection(c).skipped().keySet());
        }
    }

    @Test
    void storageAnswers503WithRetryAfterNTimes() throws Exception {
        Session s = profileSession(spec(1));
        Session other = profileSession(spec(2));
        sandbox().storageUnavailable(s.email(), 2, 30);
        for (int i = 0; i < 2; i++) {
            Resp r = client.storage(s.token(), "GET", "/info/collections");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("30");
            assertThat(r.header("X-Weave-Timestamp")).isNotNull();
        }
        assertThat(client.storage(other.token(), "GET", "/info/collections").status()).as("other accounts")
                .isEqualTo(200);
        assertThat(client.storage(s.token(), "GET", "/info/collections").status()).isEqualTo(200);

        sandbox().storageUnavailable(null, 1, 5);
        assertThat(client.storage(other.token(), "GET", "/info/collections").header("Retry-After")).isEqualTo("5");
        assertThat(client.storage(s.token(), "GET", "/info/collections").status()).isEqualTo(200);
    }

    @Test
    void tokenserverAnswers503() throws Exception {
        Session s = profileSession(spec(3));
        sandbox().tokenserverUnavailable(s.email(), 1, 12);
        Resp r = client.tokenRaw(s.linked().accessToken(), s.linked().keyId(), null);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("12");
        assertThat(r.json().get("status").asText()).isEqualTo("error");
        assertThat(client.tokenRaw(s.linked().accessToken(), s.linked().keyId(), null).status()).isEqualTo(200);
    }

    @Test
    void tokenserverSendsXBackoffOnAnswersAndOnA503() throws Exception {
        Session s = profileSession(spec(31));
        sandbox().tokenserverBackoff(s.email(), 2, 300);
        sandbox().tokenserverUnavailable(s.email(), 1, 20);
        Resp refused = client.tokenRaw(s.linked().accessToken(), s.linked().keyId(), null);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(refused.header("X-Backoff")).isEqualTo("300");
        Resp served = client.tokenRaw(s.linked().accessToken(), s.linked().keyId(), null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("X-Backoff")).isEqualTo("300");
        assertThat(client.tokenRaw(s.linked().accessToken(), s.linked().keyId(), null).header("X-Backoff")).isNull();
    }

    @Test
    void countsEachAccountsRequestsToTheTokenserverAndStorage() throws Exception {
        Session s = profileSession(spec(32));
        int before = sandbox().upstreamCalls(s.email());
        client.tokenRaw(s.linked().accessToken(), s.linked().keyId(), null);
        client.storage(s.token(), "GET", "/info/collections");
        sandbox().storageUnavailable(s.email(), 1, 5);
        client.storage(s.token(), "GET", "/info/collections");
        assertThat(sandbox().upstreamCalls(s.email())).isEqualTo(before + 3);
    }

    @Test
    void backoffHeaderOnTheNextAnswers() throws Exception {
        Session s = profileSession(spec(4));
        sandbox().backoff(s.email(), 2, 120);
        assertThat(client.storage(s.token(), "GET", "/info/collections").header("X-Weave-Backoff")).isEqualTo("120");
        Resp second = client.storage(s.token(), "GET", "/storage/history?limit=1");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("X-Weave-Backoff")).isEqualTo("120");
        assertThat(client.storage(s.token(), "GET", "/info/collections").header("X-Weave-Backoff")).isNull();
    }

    @Test
    void expiredTokensGet401UntilANewTokenIsFetched() throws Exception {
        Session s = profileSession(spec(5));
        sandbox().expireTokens(s.email());
        assertThat(client.storage(s.token(), "GET", "/storage/history?limit=5").status()).isEqualTo(401);
        assertThat(client.storage(s.token(), "GET", "/info/collections").status()).isEqualTo(401);
        SyncTestClient.SyncToken fresh = client.token(s.linked());
        assertThat(fresh.apiEndpoint()).isEqualTo(s.token().apiEndpoint());
        assertThat(client.storage(fresh, "GET", "/storage/history?limit=5").status()).isEqualTo(200);
    }

    @Test
    void nodeReassignmentMovesTheUserToEmptyStorageOnNode2() throws Exception {
        Session s = profileSession(spec(6));
        AccountInfo moved = sandbox().reassignNode(s.email(), false);
        assertThat(moved.onNode2()).isTrue();
        assertThat(client.storage(s.token(), "GET", "/info/collections").status()).isEqualTo(401);
        SyncTestClient.SyncToken fresh = client.token(s.linked());
        assertThat(fresh.uid()).isNotEqualTo(s.token().uid());
        assertThat(fresh.apiEndpoint()).isEqualTo(server.baseUrl() + "/node2/1.5/" + fresh.uid());
        assertThat(client.storage(fresh, "GET", "/info/collections").body()).isEqualTo("{}");
        assertThat(client.storage(fresh, "GET", "/storage/meta/global").status()).isEqualTo(404);
        assertThat(sandbox().truth(s.email()).metaGlobal()).isNull();
        // A token for the new node does not open the old one.
        assertThat(client.send("GET", server.baseUrl() + "/1.5/" + fresh.uid() + "/info/collections", Map.of(
                "Authorization", TestHawk.header("GET", URI.create(
                        server.baseUrl() + "/1.5/" + fresh.uid() + "/info/collections"), fresh.id(),
                        fresh.key()
                                .getBytes())),
                null).status()).isEqualTo(401);
    }

    @Test
    void nodeReassignmentCanCopyTheData() throws Exception {
        Session s = profileSession(spec(7));
        sandbox().reassignNode(s.email(), true);
        SyncTestClient.SyncToken fresh = client.token(s.linked());
        assertThat(fresh.apiEndpoint()).contains("/node2/1.5/");
        assertStorageMatchesTruth(s, fresh);
        // And back to the first node.
        sandbox().reassignNode(s.email(), true);
        SyncTestClient.SyncToken back = client.token(s.linked());
        assertThat(back.apiEndpoint()).isEqualTo(server.baseUrl() + "/1.5/" + back.uid());
        assertStorageMatchesTruth(s, back);
    }

    @Test
    void serverWipeWithFreshUploadChangesSyncIdAndKeys() throws Exception {
        Session s = profileSession(spec(8).withTombstoneRate(0.2));
        JsonNode metaBefore = SyncTestClient.parse(StorageDownload.metaGlobal(client, s.token()));
        Map<String, byte[]> keysBefore = keys(s);
        assertThat(sandbox().truth(s.email()).collection("history").tombstones()).isNotEmpty();

        sandbox().wipeServer(s.email(), true);
        JsonNode metaAfter = SyncTestClient.parse(StorageDownload.metaGlobal(client, s.token()));
        assertThat(metaAfter.get("syncID").asText()).isNotEqualTo(metaBefore.get("syncID").asText());
        assertThat(metaAfter.get("engines").get("history").get("syncID").asText())
                .isNotEqualTo(metaBefore.get("engines").get("history").get("syncID").asText());
        assertThat(keys(s).get("default")).isNotEqualTo(keysBefore.get("default"));
        assertThat(sandbox().truth(s.email()).collection("history").tombstones()).isEmpty();
        assertStorageMatchesTruth(s, s.token());
    }

    @Test
    void serverWipeCanLeaveTheStorageEmpty() throws Exception {
        Session s = profileSession(spec(9));
        sandbox().wipeServer(s.email(), false);
        assertThat(client.storage(s.token(), "GET", "/info/collections").body()).isEqualTo("{}");
        assertThat(client.storage(s.token(), "GET", "/storage/crypto/keys").status()).isEqualTo(404);
        assertThat(sandbox().truth(s.email()).metaGlobal()).isNull();
        assertThat(sandbox().truth(s.email()).liveRecordCount()).isZero();
    }

    @Test
    void keyRotationReEncryptsEveryRecord() throws Exception {
        Session s = profileSession(spec(10));
        JsonNode metaBefore = SyncTestClient.parse(StorageDownload.metaGlobal(client, s.token()));
        Map<String, byte[]> before = keys(s);
        String cryptoTs = client.storage(s.token(), "GET", "/info/collections").json().get("crypto").asText();

        sandbox().rotateKeys(s.email());
        Map<String, byte[]> after = keys(s);
        assertThat(Arrays.equals(after.get("default"), before.get("default"))).isFalse();
        assertThat(Arrays.equals(after.get("bookmarks"), before.get("bookmarks"))).isFalse();
        assertThat(client.storage(s.token(), "GET", "/info/collections").json().get("crypto").asText())
                .isNotEqualTo(cryptoTs);
        assertThat(SyncTestClient.parse(StorageDownload.metaGlobal(client, s.token())).get("syncID"))
                .isEqualTo(metaBefore.get("syncID"));
        assertStorageMatchesTruth(s, s.token());
        // With the old keys every history record now fails its HMAC.
        StorageDownload.Decrypted stale = StorageDownload.collection(client, s.token(), "history",
                before.get("default"), 100);
        assertThat(stale.records()).isEmpty();
        assertThat(stale.skipped()).isNotEmpty();
    }

    @Test
    void badHmacAndNotJsonRecordsAreInTheTruthAsSkipped() throws Exception {
        Session s = profileSession(spec(11));
        String bad = sandbox().injectBadHmacRecord(s.email(), "history");
        String notJson = sandbox().injectNotJsonRecord(s.email(), "bookmarks");
        CleartextTruth truth = sandbox().truth(s.email());
        assertThat(truth.collection("history").skipped()).containsEntry(bad, SkipReason.BAD_HMAC);
        assertThat(truth.collection("bookmarks").skipped()).containsEntry(notJson, SkipReason.NOT_JSON);
        Map<String, byte[]> keys = keys(s);
        assertThat(StorageDownload.collection(client, s.token(), "history", keys.get("default"), 50).skipped())
                .containsEntry(bad, "BAD_HMAC");
        assertThat(StorageDownload.collection(client, s.token(), "bookmarks", keys.get("bookmarks"), 50).skipped())
                .containsEntry(notJson, "NOT_JSON");
    }

    @Test
    void slowAnswers() throws Exception {
        Session s = profileSession(spec(12));
        sandbox().latency(s.email(), 400);
        long t0 = System.nanoTime();
        assertThat(client.storage(s.token(), "GET", "/info/collections").status()).isEqualTo(200);
        long tokenStart = System.nanoTime();
        assertThat(client.tokenRaw(s.linked().accessToken(), s.linked().keyId(), null).status()).isEqualTo(200);
        long end = System.nanoTime();
        assertThat((tokenStart - t0) / 1_000_000).isGreaterThanOrEqualTo(400);
        assertThat((end - tokenStart) / 1_000_000).isGreaterThanOrEqualTo(400);
        sandbox().clearFaults(s.email());
        long t1 = System.nanoTime();
        client.storage(s.token(), "GET", "/info/collections");
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(400);
    }
}
