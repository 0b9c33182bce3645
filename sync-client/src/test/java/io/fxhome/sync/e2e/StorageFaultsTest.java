package io.fxhome.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.NetworkException;
import io.fxhome.sync.error.NodeReassignedException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.error.UntrustedEndpointException;
import io.fxhome.sync.http.HttpTimeouts;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.MetaGlobal;
import io.fxhome.sync.storage.SkipReason;
import io.fxhome.sync.token.StorageNode;

/**
 * Every storage-side fault the sandbox injects, met by fxhome's client over real HTTP: back-off signals, tokens expiring
 * mid-download, node reassignment, server wipe, key rotation, corrupt records, and another Firefox writing between two
 * pages. After each, what the client decrypts equals the truth.
 */
class StorageFaultsTest {
    private static final int PAGE = 1000;
    private static ClientSandbox env;

    @BeforeAll
    static void start() {
        env = ClientSandbox.start();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static ClientSandbox.Linked account(String label) {
        return env.linkedAccount(label, ProfileSpec.small(ClientSandbox.nextSeed()));
    }

    @Test
    void a503WithRetryAfterBacksOffUntilTheRightTimeAndLaterRequestsFailFast() {
        ClientSandbox.Linked a = account("503");
        SyncClient client = env.client(a.account(), PAGE);
        client.token();
        env.sandbox().storageUnavailable(a.email(), 1, 120);

        Instant before = Instant.now();
        BackedOffException e = catchThrowableOfType(BackedOffException.class, () -> client.infoCollections(null));

        assertThat(e.until()).isBetween(before.plusSeconds(120), Instant.now().plusSeconds(121));
        assertThat(e.status()).isEqualTo(SyncStatus.BACKED_OFF);
        assertThat(e.getMessage()).contains("GET /info/collections");
        assertThat(client.backoffUntil()).contains(e.until());
        // The sandbox would answer again (one 503 only), but the client does not ask before the time has come.
        BackedOffException again = catchThrowableOfType(BackedOffException.class, client::metaGlobal);
        assertThat(again.until()).isEqualTo(e.until());
        TruthAssertions.assertAccountEqualsTruth(env.client(a.account(), PAGE), env.sandbox().truth(a.email()), PAGE);
    }

    @Test
    void aTokenserver503BacksOffToo() {
        ClientSandbox.Linked a = account("ts-503");
        env.sandbox().tokenserverUnavailable(a.email(), 1, 45);
        SyncClient client = env.client(a.account(), PAGE);

        Instant before = Instant.now();
        BackedOffException e = catchThrowableOfType(BackedOffException.class, client::token);

        assertThat(e.until()).isBetween(before.plusSeconds(45), Instant.now().plusSeconds(46));
        assertThat(e.getMessage()).contains("GET /1.0/sync/1.5");
    }

    @Test
    void xWeaveBackoffIsRecordedWhileTheRequestsGoOn() {
        ClientSandbox.Linked a = account("soft-backoff");
        SyncClient client = env.client(a.account(), PAGE);
        env.sandbox().backoff(a.email(), 1, 300);

        Instant before = Instant.now();
        assertThat(client.infoCollections(null)).isPresent();

        assertThat(client.backoffUntil()).get().satisfies(until -> assertThat(until)
                .isBetween(before.plusSeconds(300), Instant.now().plusSeconds(301)));
        TruthAssertions.assertAccountEqualsTruth(client, env.sandbox().truth(a.email()), PAGE);
        assertThat(client.backoffUntil()).isPresent();
    }

    @Test
    void tokensExpiringInTheMiddleOfAPagedDownloadAreRenewedAndEveryRecordArrivesOnce() {
        ClientSandbox.Linked a = account("expiry");
        SyncClient client = env.client(a.account(), PAGE);
        CollectionKeys keys = client.collectionKeys().orElseThrow();
        int tokensBefore = env.sandbox().issuedSecrets(a.email()).storageTokenIds().size();
        CollectingSink sink = new CollectingSink((page, more) -> {
            if (page == 1) {
                env.sandbox().expireTokens(a.email());
            }
        });

        DownloadResult result = client.download(DownloadRequest.all("history").withPageSize(20), keys, sink);

        CollectionTruth truth = env.sandbox().truth(a.email()).collection("history");
        assertThat(result.pages()).isGreaterThan(5);
        assertThat(result.restarts()).isZero();
        assertThat(sink.deliveries().values()).allMatch(n -> n == 1);
        TruthAssertions.assertCollection("history", sink, result, truth);
        assertThat(env.sandbox().issuedSecrets(a.email()).storageTokenIds()).hasSize(tokensBefore + 1);
    }

    @Test
    void nodeReassignmentIsReportedThenTheClientWorksOnTheNewNode() {
        ClientSandbox.Linked a = account("reassigned");
        SyncClient client = env.client(a.account(), PAGE);
        StorageNode before = client.node();
        assertThat(client.infoCollections(null)).isPresent();

        AccountInfo moved = env.sandbox().reassignNode(a.email(), true);

        NodeReassignedException e = catchThrowableOfType(NodeReassignedException.class,
                () -> client.infoCollections(null));
        assertThat(e.previousUid()).isEqualTo(before.uid());
        assertThat(e.previousEndpoint()).isEqualTo(before.apiEndpoint());
        assertThat(e.newUid()).isEqualTo(moved.storageUid());
        assertThat(e.newEndpoint()).isEqualTo(URI.create(env.baseUrl() + moved.storagePath()));
        assertThat(client.node()).isEqualTo(new StorageNode(e.newEndpoint(), e.newUid()));
        TruthAssertions.assertAccountEqualsTruth(client, env.sandbox().truth(a.email()), PAGE);

        // The next cycle, told where the data was, learns of the move with its first token.
        SyncClient nextCycle = SyncClient.builder(env.clientConfig(PAGE), a.account().credentials())
                .http(env.http()).knownNode(before).build();
        assertThat(catchThrowableOfType(NodeReassignedException.class, nextCycle::token).newUid())
                .isEqualTo(moved.storageUid());
        assertThat(nextCycle.infoCollections(null)).isPresent();
    }

    @Test
    void aReassignmentToAnEmptyNodeMeansNoDataYet() {
        ClientSandbox.Linked a = account("empty-node");
        SyncClient client = env.client(a.account(), PAGE);
        client.node();
        env.sandbox().reassignNode(a.email(), false);

        catchThrowableOfType(NodeReassignedException.class, () -> client.infoCollections(null));

        assertThat(client.infoCollections(null).orElseThrow().collections()).isEmpty();
        assertThat(client.metaGlobal()).isEmpty();
        assertThat(client.collectionKeys()).isEmpty();
    }

    @Test
    void aWipeBringsANewSyncIdAndNewKeysThatDecryptTheReuploadedData() {
        ClientSandbox.Linked a = account("wipe");
        SyncClient client = env.client(a.account(), PAGE);
        MetaGlobal metaBefore = client.metaGlobal().orElseThrow();
        CollectionKeys keysBefore = client.collectionKeys().orElseThrow();

        env.sandbox().wipeServer(a.email(), true);

        MetaGlobal meta = client.metaGlobal().orElseThrow();
        assertThat(meta.syncId()).isNotEqualTo(metaBefore.syncId());
        assertThat(meta.engine("history").orElseThrow().syncId())
                .isNotEqualTo(metaBefore.engine("history").orElseThrow().syncId());
        assertThat(client.collectionKeys().orElseThrow()).isNotEqualTo(keysBefore);
        CleartextTruth truth = env.sandbox().truth(a.email());
        assertThat(truth.collection("history").tombstones()).isEmpty();
        TruthAssertions.assertAccountEqualsTruth(client, truth, PAGE);
    }

    @Test
    void aWipeWithoutReuploadLeavesNoData() {
        ClientSandbox.Linked a = account("wipe-empty");
        SyncClient client = env.client(a.account(), PAGE);
        assertThat(client.metaGlobal()).isPresent();

        env.sandbox().wipeServer(a.email(), false);

        assertThat(client.infoCollections(null).orElseThrow().has("meta")).isFalse();
        assertThat(client.metaGlobal()).isEmpty();
        assertThat(client.collectionKeys()).isEmpty();
    }

    @Test
    void afterAKeyRotationTheNewKeysDecryptEverythingAndTheOldOnesNothing() {
        ClientSandbox.Linked a = account("rotation");
        SyncClient client = env.client(a.account(), PAGE);
        String syncId = client.metaGlobal().orElseThrow().syncId();
        CollectionKeys old = client.collectionKeys().orElseThrow();

        env.sandbox().rotateKeys(a.email());

        CollectionKeys rotated = client.collectionKeys().orElseThrow();
        assertThat(rotated).isNotEqualTo(old);
        assertThat(client.metaGlobal().orElseThrow().syncId()).isEqualTo(syncId);
        CollectionTruth history = env.sandbox().truth(a.email()).collection("history");
        CollectingSink stale = new CollectingSink();
        DownloadResult withOld = client.download(DownloadRequest.all("history"), old, stale);
        assertThat(withOld.records()).isZero();
        assertThat(stale.skipped()).hasSize(history.records().size() + history.tombstones().size())
                .allSatisfy((id, reason) -> assertThat(reason).isEqualTo(SkipReason.BAD_HMAC));
        TruthAssertions.assertAccountEqualsTruth(client, env.sandbox().truth(a.email()), PAGE);
    }

    @Test
    void badHmacAndNonJsonRecordsAreSkippedWithTheirReasonAndTheRestIsIntact() {
        ClientSandbox.Linked a = account("injected");
        String badHmac = env.sandbox().injectBadHmacRecord(a.email(), "history");
        String notJson = env.sandbox().injectNotJsonRecord(a.email(), "bookmarks");
        String notJsonTabs = env.sandbox().injectNotJsonRecord(a.email(), "tabs");
        CleartextTruth truth = env.sandbox().truth(a.email());
        assertThat(truth.collection("history").skipped()).containsOnlyKeys(badHmac);
        assertThat(truth.collection("bookmarks").skipped()).containsOnlyKeys(notJson);
        assertThat(truth.collection("tabs").skipped()).containsOnlyKeys(notJsonTabs);

        TruthAssertions.assertAccountEqualsTruth(env.client(a.account(), 30), truth, 30);
    }

    @Test
    void anotherFirefoxWritingBetweenTwoPagesRestartsTheDownloadAndEveryRecordStillArrives() {
        ClientSandbox.Linked a = account("412");
        SyncClient client = env.client(a.account(), PAGE);
        CollectionKeys keys = client.collectionKeys().orElseThrow();
        CleartextTruth before = env.sandbox().truth(a.email());
        String changedId = new TreeSet<>(before.collection("history").records().keySet()).last();
        AtomicReference<String> addedId = new AtomicReference<>();
        CollectingSink sink = new CollectingSink((page, more) -> {
            if (page == 1) {
                ObjectNode changed = before.collection("history").cleartext(changedId);
                changed.put("title", "Retitled on another device between two pages \u202e");
                env.sandbox().upsertRecord(a.email(), "history", changed);
                ObjectNode added = changed.deepCopy();
                added.remove("id");
                added.put("histUri", "https://example.org/added-between-pages");
                addedId.set(env.sandbox().upsertRecord(a.email(), "history", added));
            }
        });

        DownloadResult result = client.download(DownloadRequest.all("history").withPageSize(25), keys, sink);

        assertThat(result.restarts()).isEqualTo(1);
        assertThat(sink.restarts()).isEqualTo(1);
        CollectionTruth after = env.sandbox().truth(a.email()).collection("history");
        Set<String> ids = after.records().keySet();
        assertThat(ids).contains(changedId, addedId.get());
        TruthAssertions.assertCollection("history", sink, result, after);
        assertThat(sink.records().get(changedId).cleartext().path("title").asText())
                .startsWith("Retitled on another device");
        assertThat(result.lastModified()).isEqualTo(client.infoCollections(null).orElseThrow().modified("history")
                .orElseThrow());
    }

    @Test
    void aPageThatStallsMidBodyFailsAsANetworkErrorWithinTheReadTimeoutAndTheNextDownloadIsWhole() {
        ClientSandbox.Linked a = account("stall");
        HttpTransport http = HttpTransport.create(ClientSandbox.USER_AGENT,
                new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        SyncClient client = SyncClient.builder(env.clientConfig(PAGE), a.account().credentials()).http(http)
                .fxaClient(env.fxa()).accessToken(a.account().accessToken()).build();
        CollectionKeys keys = client.collectionKeys().orElseThrow();
        // The next storage answer (the first history page) sends its headers and 300 bytes, then nothing.
        env.sandbox().stallBody(a.email(), 1, 300);

        long start = System.nanoTime();
        NetworkException e = catchThrowableOfType(NetworkException.class,
                () -> client.download(DownloadRequest.all("history").withPageSize(50), keys, new CollectingSink()));

        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween(900L, 20_000L);
        assertThat(e.status()).isEqualTo(SyncStatus.NETWORK);
        assertThat(e.getMessage()).contains("GET /storage/history").contains("no byte for 1 s in the middle of the body");
        TruthAssertions.assertAccountEqualsTruth(client, env.sandbox().truth(a.email()), PAGE);
    }

    @Test
    void aTokenserverNamingAnotherSchemeForStorageIsRefusedBeforeAnyStorageRequest() {
        ClientSandbox.Linked a = account("bad-endpoint");
        env.sandbox().storageEndpoint(a.email(), "ftp://storage.elsewhere.example/1.5/42");
        SyncClient client = env.client(a.account(), PAGE);

        UntrustedEndpointException e = catchThrowableOfType(UntrustedEndpointException.class, client::token);

        assertThat(e.status()).isEqualTo(SyncStatus.OTHER);
        assertThat(e.getMessage()).isEqualTo("The tokenserver's storage endpoint was refused: scheme 'ftp' is not http(s)");
        env.sandbox().clearFaults(a.email());
        TruthAssertions.assertAccountEqualsTruth(env.client(a.account(), PAGE), env.sandbox().truth(a.email()), PAGE);
    }
}
