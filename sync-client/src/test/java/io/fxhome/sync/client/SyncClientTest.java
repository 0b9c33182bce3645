package io.fxhome.sync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fxhome.clock.testing.MutableClock;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.error.AuthenticationException;
import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.KeysInvalidException;
import io.fxhome.sync.error.NodeReassignedException;
import io.fxhome.sync.error.StorageVersionException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.SyncCredentials;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.records.HistoryRecord;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.InfoCollections;
import io.fxhome.sync.storage.MetaGlobal;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.testsupport.HawkVerifier;
import io.fxhome.sync.testsupport.PagedCollection;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Request;
import io.fxhome.sync.testsupport.TestHttpServer.Response;
import io.fxhome.sync.token.StorageNode;

/**
 * The façade over real HTTP against one small server playing FxA OAuth, the tokenserver and a storage node that
 * checks Hawk: token caching and renewal, OAuth refresh on invalid-credentials, node reassignment, meta/global and
 * crypto/keys rules, back-off.
 */
class SyncClientTest {
    private static final String KEY_ID = "1510726317123-BAik7hEOdpGnPZnPBSdaTg";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final KeyBundle root = KeyBundle.random(SyncFixtures.RANDOM);
    private final KeyBundle bulk = KeyBundle.random(SyncFixtures.RANDOM);
    private final SyncCredentials credentials = new SyncCredentials("r".repeat(64), root, KEY_ID, 1510726317123L);
    private final AtomicInteger oauthCalls = new AtomicInteger();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Map<String, String> hawkKeys = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private volatile Function<Request, Response> tokenserver;
    private volatile String endpointUid = "42";
    private TestHttpServer server;
    private PagedCollection history;

    @BeforeEach
    void start() {
        server = new TestHttpServer();
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"access-"
                + oauthCalls.incrementAndGet() + "\",\"token_type\":\"bearer\",\"expires_in\":86399,"
                + "\"scope\":\"https://identity.mozilla.com/apps/oldsync\"}"));
        tokenserver = req -> issueToken();
        server.on("GET /1.0/sync/1.5", req -> tokenserver.apply(req));
        history = new PagedCollection("1700000300.00");
        for (int i = 0; i < 5; i++) {
            String id = String.format("hist%08d", i);
            history.add(SyncFixtures.encryptedBso(bulk, id, "1700000200." + (10 + i), null,
                    SyncFixtures.historyCleartext(id, "https://example.com/" + i, 1_700_000_000_000_000L + i)));
        }
        storage("GET /1.5/42/info/collections", req -> Response.json(200,
                "{\"meta\":1700000000.00,\"crypto\":1700000000.00,\"history\":1700000300.00}")
                .header("X-Last-Modified", "1700000300.00"));
        storage("GET /1.5/42/storage/meta/global", req -> Response.json(200,
                SyncFixtures.metaGlobalBso(5, "1700000000.00")));
        storage("GET /1.5/42/storage/crypto/keys", req -> Response.json(200,
                SyncFixtures.cryptoKeysBso(root, bulk, "1700000000.00")));
        storage("GET /1.5/42/storage/history", history);
        storage("GET /1.5/42/info/configuration", req -> Response.json(200, "{\"max_total_records\":2}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response issueToken() {
        int n = tokenCalls.incrementAndGet();
        String id = "tok-" + n;
        String key = "key-" + n + "-" + "x".repeat(38);
        hawkKeys.put(id, key);
        return Response.json(200, "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"uid\":" + endpointUid
                + ",\"api_endpoint\":\"" + server.baseUri() + "/1.5/" + endpointUid + "\",\"duration\":3600,"
                + "\"hashalg\":\"sha256\",\"hashed_fxa_uid\":\"abc\",\"node_type\":\"spanner\"}")
                .header("X-Timestamp", Long.toString(clock.instant().getEpochSecond()));
    }

    /** A storage route that, like syncstorage-rs, answers 401 unless the Hawk MAC verifies with a live token. */
    private void storage(String route, Function<Request, Response> handler) {
        server.on(route, req -> {
            String id = HawkVerifier.parse(req.header("Authorization")).get("id");
            String key = hawkKeys.get(id);
            if (key == null || revoked.contains(id)
                    || !HawkVerifier.verify(req, key.getBytes(StandardCharsets.UTF_8))) {
                return Response.json(401, "\"invalid credentials\"");
            }
            return handler.apply(req);
        });
    }

    private SyncClient client() {
        return SyncClient.builder(config(), credentials).build();
    }

    private SyncClientConfig config() {
        return new SyncClientConfig(server.baseUri(), FxaConfig.production().withAuthUrl(server.baseUri()),
                "fxhome-test/1", 1000, clock);
    }

    @Test
    void readsAnAccountEndToEnd() {
        SyncClient client = client();

        InfoCollections info = client.infoCollections(null).orElseThrow();
        MetaGlobal meta = client.metaGlobal().orElseThrow();
        CollectionKeys keys = client.collectionKeys().orElseThrow();
        List<DecryptedRecord> records = new ArrayList<>();
        DownloadResult result = client.download("history", null, keys, records::add);

        assertThat(info.modified("history")).contains(ServerTimestamp.parse("1700000300.00"));
        assertThat(meta.storageVersion()).isEqualTo(5);
        assertThat(meta.engine("bookmarks").orElseThrow().version()).isEqualTo(2);
        assertThat(meta.declined()).containsExactly("passwords");
        assertThat(meta.isEnabled("history")).isTrue();
        assertThat(keys.defaultKeys()).isEqualTo(bulk);
        assertThat(result.records()).isEqualTo(5);
        assertThat(result.lastModified().text()).isEqualTo("1700000300.00");
        assertThat(HistoryRecord.from(records.get(0)).histUri()).isEqualTo("https://example.com/0");
        // Page size capped by info/configuration's max_total_records (2): 3 pages.
        assertThat(result.pages()).isEqualTo(3);

        assertThat(oauthCalls.get()).isEqualTo(1);
        assertThat(tokenCalls.get()).isEqualTo(1);
        Request tokenRequest = server.requests("GET", "/1.0/sync/1.5").get(0);
        assertThat(tokenRequest.header("Authorization")).isEqualTo("Bearer access-1");
        assertThat(tokenRequest.header("X-KeyID")).isEqualTo(KEY_ID);
        Request refresh = server.requests("POST", "/v1/oauth/token").get(0);
        assertThat(refresh.bodyText()).contains("\"grant_type\":\"refresh_token\"");
        assertThat(client.node()).isEqualTo(new StorageNode(URI.create(server.baseUri() + "/1.5/42"), 42));
    }

    @Test
    void tokensAreCachedUntilAMinuteBeforeExpiry() {
        SyncClient client = client();
        client.token();
        client.token();
        assertThat(tokenCalls.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(3600 - 61));
        client.token();
        assertThat(tokenCalls.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(client.token().id()).isEqualTo("tok-2");
        assertThat(oauthCalls.get()).as("the 24 h access token is reused").isEqualTo(1);
    }

    @Test
    void suppliedCredentialsAreAskedOnlyWhenARequestNeedsThemAndOnce() {
        SyncClient first = client();
        first.infoCollections(null).orElseThrow();
        AtomicInteger asked = new AtomicInteger();
        // The next cycle with the tokens of the first: nothing-new needs neither refresh token nor keys.
        SyncClient cached = SyncClient.builder(config(), () -> {
            asked.incrementAndGet();
            return credentials;
        }).accessToken(first.accessToken().orElseThrow()).token(first.currentToken().orElseThrow()).build();
        assertThat(cached.infoCollections(null)).isPresent();
        assertThat(cached.metaGlobal()).isPresent();
        assertThat(asked.get()).as("no refresh, no token, nothing decrypted").isZero();
        // Decrypting needs the keys: asked once, and kept for everything after.
        CollectionKeys keys = cached.collectionKeys().orElseThrow();
        cached.download("history", null, keys, record -> {
        });
        assertThat(asked.get()).isEqualTo(1);

        // Without cached tokens the refresh token and the key id are needed at the first request.
        AtomicInteger askedFresh = new AtomicInteger();
        SyncClient fresh = SyncClient.builder(config(), () -> {
            askedFresh.incrementAndGet();
            return credentials;
        }).build();
        fresh.infoCollections(null).orElseThrow();
        fresh.collectionKeys().orElseThrow();
        assertThat(askedFresh.get()).isEqualTo(1);
        assertThat(oauthCalls.get()).isEqualTo(2);
        assertThat(server.requests("GET", "/1.0/sync/1.5").get(1).header("X-KeyID")).isEqualTo(KEY_ID);
    }

    @Test
    void aStorage401FetchesANewTokenAndRetries() {
        SyncClient client = client();
        client.infoCollections(null);
        revoked.add("tok-1");

        assertThat(client.metaGlobal()).isPresent();

        assertThat(tokenCalls.get()).isEqualTo(2);
        assertThat(oauthCalls.get()).isEqualTo(1);
        assertThat(client.token().id()).isEqualTo("tok-2");
    }

    @Test
    void aStorage401WithAFreshTokenNeedsReauthentication() {
        SyncClient client = client();
        client.token();
        tokenserver = req -> {
            Response r = issueToken();
            revoked.add("tok-" + tokenCalls.get());
            return r;
        };
        revoked.add("tok-1");

        assertThatThrownBy(client::metaGlobal).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.status()).isEqualTo(SyncStatus.AUTH));
        assertThat(tokenCalls.get()).isEqualTo(2);
    }

    @Test
    void invalidCredentialsRefreshesTheAccessTokenOnce() {
        tokenserver = req -> "Bearer access-1".equals(req.header("Authorization"))
                ? Response.json(401, "{\"status\":\"invalid-credentials\",\"errors\":[]}")
                : issueToken();

        assertThat(client().token().id()).isEqualTo("tok-1");
        assertThat(oauthCalls.get()).isEqualTo(2);
        assertThat(server.requests("GET", "/1.0/sync/1.5")).hasSize(2);
    }

    @Test
    void invalidCredentialsTwiceNeedsReauthentication() {
        tokenserver = req -> Response.json(401, "{\"status\":\"invalid-credentials\",\"errors\":[]}");
        assertThatThrownBy(() -> client().token()).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.getMessage()).contains("invalid-credentials").doesNotContain("access-"));
        assertThat(oauthCalls.get()).isEqualTo(2);
    }

    @Test
    void staleKeysAreAnAuthenticationFailureWithoutRefreshing() {
        tokenserver = req -> Response.json(401, "{\"status\":\"invalid-client-state\",\"errors\":[]}");
        assertThatThrownBy(() -> client().token()).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.getMessage()).contains("invalid-client-state"));
        assertThat(oauthCalls.get()).isEqualTo(1);
    }

    @Test
    void aRevokedRefreshTokenNeedsReauthentication() {
        server.on("POST /v1/oauth/token", req -> Response.json(400, "{\"code\":400,\"errno\":110,"
                + "\"message\":\"Invalid authentication token\"}"));
        assertThatThrownBy(() -> client().token()).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.getMessage()).doesNotContain("rrrr"));
        assertThat(tokenCalls.get()).isZero();
    }

    @Test
    void aRotatedRefreshTokenIsReportedAtOnceAndUsedForTheNextRefresh() {
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"access-"
                + oauthCalls.incrementAndGet() + "\",\"token_type\":\"bearer\",\"expires_in\":86399,"
                + "\"scope\":\"https://identity.mozilla.com/apps/oldsync\",\"refresh_token\":\"" + "n".repeat(64)
                + "\"}"));
        tokenserver = req -> "Bearer access-1".equals(req.header("Authorization"))
                ? Response.json(401, "{\"status\":\"invalid-credentials\",\"errors\":[]}")
                : issueToken();
        List<String> told = new ArrayList<>();
        SyncClient client = SyncClient.builder(config(), credentials.withRefreshToken("r".repeat(64)))
                .onRefreshTokenRotated(told::add).build();

        client.token();

        // The second answer names the token sent: no rotation, nothing more to store.
        assertThat(told).containsExactly("n".repeat(64));
        assertThat(client.rotatedRefreshToken()).contains("n".repeat(64));
        var refreshes = server.requests("POST", "/v1/oauth/token");
        assertThat(refreshes.get(0).bodyText()).contains("\"refresh_token\":\"" + "r".repeat(64) + "\"");
        assertThat(refreshes.get(1).bodyText()).contains("\"refresh_token\":\"" + "n".repeat(64) + "\"");
    }

    @Test
    void aRefreshTokenOfTheBrowserClientIsRefreshedUnderThatClient() {
        SyncClient client = SyncClient.builder(config(), new SyncCredentials(credentials.refreshToken(),
                credentials.syncKeys(), credentials.keyId(), credentials.keyRotationTimestamp(), "1b1a3e44c54fbb58"))
                .build();
        client.token();
        assertThat(server.requests("POST", "/v1/oauth/token").get(0).bodyText())
                .contains("\"client_id\":\"1b1a3e44c54fbb58\"");
    }

    @Test
    void aRefreshTokenRefusedWith401NeedsReauthentication() {
        server.on("POST /v1/oauth/token", req -> Response.json(401, "{\"code\":401,\"errno\":110,"
                + "\"message\":\"Unauthorized for route\"}"));
        assertThatThrownBy(() -> client().token()).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.status()).isEqualTo(SyncStatus.AUTH));
        assertThat(tokenCalls.get()).isZero();
    }

    @Test
    void aTokenForAnotherNodeThanTheKnownOneIsAReassignment() {
        SyncClient client = SyncClient.builder(config(), credentials)
                .knownNode(new StorageNode(URI.create("https://old-node.example/1.5/7"), 7)).build();

        assertThatThrownBy(client::token).isInstanceOfSatisfying(NodeReassignedException.class, e -> {
            assertThat(e.previousUid()).isEqualTo(7);
            assertThat(e.newUid()).isEqualTo(42);
            assertThat(e.newEndpoint()).isEqualTo(URI.create(server.baseUri() + "/1.5/42"));
        });
        // The caller resets its state and carries on with the same client on the new node.
        assertThat(client.metaGlobal()).isPresent();
    }

    @Test
    void aNewUidAfterA401IsAReassignment() {
        SyncClient client = client();
        client.infoCollections(null);
        revoked.add("tok-1");
        endpointUid = "43";

        assertThatThrownBy(client::metaGlobal).isInstanceOf(NodeReassignedException.class);
        assertThat(client.node().uid()).isEqualTo(43);
    }

    @Test
    void metaGlobalRules() {
        SyncClient client = client();
        storage("GET /1.5/42/storage/meta/global", req -> Response.json(404, "0"));
        assertThat(client.metaGlobal()).as("no Sync data yet").isEmpty();

        storage("GET /1.5/42/storage/meta/global", req -> Response.json(200, SyncFixtures.metaGlobalBso(6, "1.00")));
        assertThatThrownBy(client::metaGlobal).isInstanceOfSatisfying(StorageVersionException.class, e -> {
            assertThat(e.clientTooOld()).isTrue();
            assertThat(e.status()).isEqualTo(SyncStatus.OTHER);
        });
        storage("GET /1.5/42/storage/meta/global", req -> Response.json(200, SyncFixtures.metaGlobalBso(4, "1.00")));
        assertThatThrownBy(client::metaGlobal).isInstanceOfSatisfying(StorageVersionException.class,
                e -> assertThat(e.clientTooOld()).isFalse());
    }

    @Test
    void cryptoKeysThatDoNotVerifyMeanStaleKeys() {
        SyncClient client = client();
        storage("GET /1.5/42/storage/crypto/keys", req -> Response.json(200,
                SyncFixtures.cryptoKeysBso(KeyBundle.random(SyncFixtures.RANDOM), bulk, "1700000000.00")));
        assertThatThrownBy(client::collectionKeys).isInstanceOfSatisfying(KeysInvalidException.class,
                e -> assertThat(e.status()).isEqualTo(SyncStatus.AUTH));

        storage("GET /1.5/42/storage/crypto/keys", req -> Response.json(404, "0"));
        assertThat(client.collectionKeys()).isEmpty();
    }

    @Test
    void aTokenserverOutageBacksOffWithoutHammering() {
        tokenserver = req -> Response.json(503, "{\"status\":\"error\"}").header("Retry-After", "600");
        SyncClient client = client();

        assertThatThrownBy(client::token).isInstanceOfSatisfying(BackedOffException.class,
                e -> assertThat(e.until()).isEqualTo(clock.instant().plusSeconds(600)));
        assertThat(client.backoffUntil()).contains(clock.instant().plusSeconds(600));
        assertThatThrownBy(client::token).isInstanceOf(BackedOffException.class);
        assertThat(tokenCalls.get()).isZero();
        assertThat(server.requests("GET", "/1.0/sync/1.5")).hasSize(1);
    }

    @Test
    void storageAndTokenserverBackoffsAreKeptApartPerServer() {
        SyncClient client = client();
        storage("GET /1.5/42/info/collections", req -> Response.json(503, "0").header("Retry-After", "120"));
        assertThatThrownBy(() -> client.infoCollections(null)).isInstanceOf(BackedOffException.class);
        assertThat(client.storageBackoff()).contains(new BackoffTracker.Backoff(clock.instant().plusSeconds(120), true));
        assertThat(client.tokenserverBackoff()).isEmpty();
        assertThat(client.backoffUntil()).contains(clock.instant().plusSeconds(120));

        // The tokenserver asks for a longer one on an answer that succeeds: soft, and its own.
        tokenserver = req -> issueToken().header("X-Backoff", "300");
        clock.advance(Duration.ofHours(2));
        client.token();
        assertThat(client.tokenserverBackoff())
                .contains(new BackoffTracker.Backoff(clock.instant().plusSeconds(300), false));
        assertThat(client.storageBackoff()).isEmpty();
        assertThat(client.backoffUntil()).contains(clock.instant().plusSeconds(300));
    }

    @Test
    void explicitPageSizesAreCappedToo() {
        SyncClient client = client();
        CollectionKeys keys = client.collectionKeys().orElseThrow();
        DownloadResult result = client.download(DownloadRequest.all("history").withPageSize(1000), keys,
                new RecordSink() {
                    @Override
                    public void accept(DecryptedRecord record) {
                    }
                });
        assertThat(result.pages()).isEqualTo(3);
        assertThat(server.requests("GET", "/1.5/42/storage/history").get(0).query()).containsEntry("limit", "2");
    }
}
