package io.fxhome.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.clock.testing.MutableClock;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.error.AuthenticationException;
import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.StorageHttpException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.NonceSource;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.testsupport.HawkVerifier;
import io.fxhome.sync.testsupport.PagedCollection;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Response;
import io.fxhome.sync.token.SyncToken;

/** The storage client's paging, restart, back-off, 401 and error handling, over real HTTP. */
class StorageClientTest {
    private static final String KEY = "aW50ZXJuYWwtdGVzdC1rZXktc3RyaW5nLXh4eHh4eA==";
    private static final String KEY2 = "c2Vjb25kLXRva2VuLWtleS1zdHJpbmctMDEyMzQ1Njc=";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final KeyBundle bulk = KeyBundle.random(SyncFixtures.RANDOM);
    private final CollectionKeys keys = new CollectionKeys(bulk, Map.of());
    private TestHttpServer server;
    private BackoffTracker backoff;
    private CountingSession session;
    private StorageClient client;

    @BeforeEach
    void start() {
        server = new TestHttpServer();
        backoff = new BackoffTracker(clock);
        session = new CountingSession(token("token-one", KEY));
        client = new StorageClient(HttpTransport.create("fxhome-test/1"), session,
                new HawkSigner(clock, NonceSource.secureRandom()), backoff, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SyncToken token(String id, String key) {
        return new SyncToken(id, key, 42, URI.create(server.baseUri() + "/1.5/42"), 3600, clock.instant().plusSeconds(3600));
    }

    private PagedCollection history(int n, String lastModified) {
        PagedCollection coll = new PagedCollection(lastModified);
        for (int i = 0; i < n; i++) {
            String id = String.format("hist%08d", i);
            coll.add(SyncFixtures.encryptedBso(bulk, id, "1700000000." + (10 + i % 80), 100 + i,
                    SyncFixtures.historyCleartext(id, "https://example.com/" + i, 1_700_000_000_000_000L + i)));
        }
        return coll;
    }

    @Test
    void pagesFollowOffsetsWithUnmodifiedSinceAndSignTheFinalUri() {
        PagedCollection coll = history(5, "1700000100.55");
        server.on("GET /1.5/42/storage/history", coll);
        CollectingSink sink = new CollectingSink();

        DownloadResult result = client.download(
                DownloadRequest.incremental("history", ServerTimestamp.parse("1600000000.00")).withPageSize(2), keys,
                sink);

        assertThat(result.lastModified().text()).isEqualTo("1700000100.55");
        assertThat(result.records()).isEqualTo(5);
        assertThat(result.pages()).isEqualTo(3);
        assertThat(result.restarts()).isZero();
        assertThat(sink.ids()).containsExactly("hist00000000", "hist00000001", "hist00000002", "hist00000003",
                "hist00000004");
        assertThat(sink.pageEnds).containsExactly(true, true, false);

        List<TestHttpServer.Request> reqs = server.requests("GET", "/1.5/42/storage/history");
        assertThat(reqs).hasSize(3);
        assertThat(reqs.get(0).rawQuery()).isEqualTo("full=1&newer=1600000000.00&sort=oldest&limit=2");
        assertThat(reqs.get(0).header("X-If-Unmodified-Since")).isNull();
        // The opaque offset is URL-encoded exactly once (its colon becomes %3A), other parameters kept identical.
        assertThat(reqs.get(1).rawQuery()).isEqualTo("full=1&newer=1600000000.00&sort=oldest&limit=2&offset=1700000000000%3A2");
        assertThat(reqs.get(1).header("X-If-Unmodified-Since")).isEqualTo("1700000100.55");
        assertThat(reqs.get(2).header("X-If-Unmodified-Since")).isEqualTo("1700000100.55");
        for (TestHttpServer.Request r : reqs) {
            assertThat(r.header("Authorization")).startsWith("Hawk id=\"token-one\", ts=\"");
            assertThat(HawkVerifier.verify(r, KEY.getBytes(StandardCharsets.UTF_8))).as("Hawk MAC over " + r.uri())
                    .isTrue();
            assertThat(HawkVerifier.parse(r.header("Authorization"))).doesNotContainKey("hash");
            assertThat(r.header("User-Agent")).isEqualTo("fxhome-test/1");
            assertThat(r.header("Accept")).isEqualTo("application/json");
        }
    }

    @Test
    void followsNextOffsetEvenWithoutALimit() {
        PagedCollection coll = history(7, "1700000100.00").defaultLimit(3);
        server.on("GET /1.5/42/storage/history", coll);
        CollectingSink sink = new CollectingSink();

        DownloadResult result = client.download(DownloadRequest.all("history").withPageSize(0), keys, sink);

        assertThat(result.records()).isEqualTo(7);
        assertThat(result.pages()).isEqualTo(3);
        assertThat(server.requests().get(0).query()).doesNotContainKey("limit");
    }

    @Test
    void restartsFromTheFirstPageWhenTheCollectionChangesMidDownload() {
        PagedCollection coll = history(4, "1700000100.00");
        coll.afterFirstPage(() -> {
            coll.add(SyncFixtures.encryptedBso(bulk, "late00000000", "1700000200.00", 1,
                    SyncFixtures.historyCleartext("late00000000", "https://late.example/", 1_700_000_200_000_000L)));
            coll.setLastModified("1700000200.00");
        });
        server.on("GET /1.5/42/storage/history", coll);
        CollectingSink sink = new CollectingSink();

        DownloadResult result = client.download(DownloadRequest.all("history").withPageSize(2), keys, sink);

        assertThat(sink.restarts).isEqualTo(1);
        assertThat(result.restarts()).isEqualTo(1);
        assertThat(result.lastModified().text()).isEqualTo("1700000200.00");
        assertThat(result.records()).isEqualTo(5);
        assertThat(sink.idsSinceRestart()).containsExactly("hist00000000", "hist00000001", "hist00000002",
                "hist00000003", "late00000000");
        List<TestHttpServer.Request> reqs = server.requests("GET", "/1.5/42/storage/history");
        assertThat(reqs.get(1).header("X-If-Unmodified-Since")).isEqualTo("1700000100.00");
        assertThat(reqs.get(2).header("X-If-Unmodified-Since")).isNull();
        assertThat(reqs.get(2).query()).doesNotContainKey("offset");
    }

    @Test
    void givesUpWithAServiceErrorWhenTheCollectionKeepsChanging() {
        server.on("GET /1.5/42/storage/history", req -> req.header("X-If-Unmodified-Since") != null
                ? Response.empty(412).header("X-Last-Modified", "1700000300.00")
                : Response.json(200, "[]").header("X-Last-Modified", "1700000100.00")
                        .header("X-Weave-Next-Offset", "2"));

        assertThatThrownBy(() -> client.download(DownloadRequest.all("history"), keys, new CollectingSink()))
                .isInstanceOfSatisfying(StorageHttpException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(412);
                    assertThat(e.status()).isEqualTo(SyncStatus.SERVICE);
                });
        assertThat(server.requests()).hasSize(2 * (StorageClient.MAX_RESTARTS + 1));
    }

    @Test
    void skipsCorruptRecordsAndCountsThemByReason() {
        KeyBundle other = KeyBundle.random(SyncFixtures.RANDOM);
        List<ObjectNode> bsos = new ArrayList<>();
        bsos.add(SyncFixtures.encryptedBso(bulk, "good00000001", "1700000001.00", null,
                "{\"id\":\"good00000001\",\"histUri\":\"https://a.example/\",\"visits\":[]}"));
        bsos.add(SyncFixtures.encryptedBso(other, "badhmac00001", "1700000002.00", null, "{\"id\":\"badhmac00001\"}"));
        bsos.add(SyncFixtures.bso("notjson00001", "1700000003.00", null, "this is not JSON"));
        bsos.add(SyncFixtures.encryptedBso(bulk, "mismatch0001", "1700000004.00", null, "{\"id\":\"someoneelse\"}"));
        bsos.add(SyncFixtures.encryptedBso(bulk, "plaintext001", "1700000005.00", null, "not a JSON object"));
        bsos.add(SyncFixtures.encryptedBso(bulk, "tomb00000001", "1700000006.00", null,
                "{\"id\":\"tomb00000001\",\"deleted\":true}"));
        bsos.add((ObjectNode) SyncFixtures.bso("nopayload001", "1700000007.00", null, "x").without("payload"));
        bsos.add(SyncFixtures.encryptedBso(bulk, "noid00000001", "1700000008.00", 7, "{\"title\":\"no id inside\"}"));
        // A sortindex beyond the protocol's range is dropped, not fatal for the page.
        bsos.add(SyncFixtures.encryptedBso(bulk, "hugesort0001", "1700000009.00", null, "{\"id\":\"hugesort0001\"}")
                .put("sortindex", 99_999_999_999L));
        server.on("GET /1.5/42/storage/history",
                req -> Response.json(200, SyncFixtures.array(bsos)).header("X-Last-Modified", "1700000010.00"));
        CollectingSink sink = new CollectingSink();

        DownloadResult result = client.download(DownloadRequest.all("history"), keys, sink);

        assertThat(sink.ids()).containsExactly("good00000001", "tomb00000001", "noid00000001", "hugesort0001");
        assertThat(sink.records.get(3).sortindex()).isNull();
        assertThat(sink.records.get(1).tombstone()).isTrue();
        assertThat(sink.records.get(0).tombstone()).isFalse();
        assertThat(sink.records.get(2).sortindex()).isEqualTo(7);
        assertThat(result.records()).isEqualTo(4);
        assertThat(result.tombstones()).isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(5);
        assertThat(result.skippedByReason()).containsOnly(Map.entry(SkipReason.BAD_HMAC, 1L),
                Map.entry(SkipReason.BAD_ENVELOPE, 1L), Map.entry(SkipReason.ID_MISMATCH, 1L),
                Map.entry(SkipReason.NOT_JSON, 1L), Map.entry(SkipReason.BAD_BSO, 1L));
        assertThat(sink.skipped).containsEntry("badhmac00001", SkipReason.BAD_HMAC)
                .containsEntry("notjson00001", SkipReason.BAD_ENVELOPE)
                .containsEntry("mismatch0001", SkipReason.ID_MISMATCH)
                .containsEntry("plaintext001", SkipReason.NOT_JSON)
                .containsEntry("nopayload001", SkipReason.BAD_BSO);
    }

    @Test
    void idOnlyListingsDeliverIds() {
        server.on("GET /1.5/42/storage/history", history(3, "1700000100.00"));
        CollectingSink sink = new CollectingSink();
        DownloadResult result = client.download(
                new DownloadRequest("history", Optional.empty(), SortOrder.OLDEST, 0, false), keys, sink);
        assertThat(sink.listedIds).containsExactly("hist00000000", "hist00000001", "hist00000002");
        assertThat(result.records()).isEqualTo(3);
        assertThat(server.requests().get(0).query()).doesNotContainKey("full");
    }

    @Test
    void a401GetsOneNewTokenAndOneRetry() {
        session.next = token("token-two", KEY2);
        server.on("GET /1.5/42/info/collections", req -> HawkVerifier.parse(req.header("Authorization")).get("id")
                .equals("token-one") ? Response.json(401, "{\"status\":\"invalid-credentials\"}")
                        : Response.json(200, "{\"history\":1700000000.25}").header("X-Last-Modified", "1700000000.25"));

        Optional<InfoCollections> info = client.infoCollections(null);

        assertThat(info).isPresent();
        assertThat(info.get().modified("history")).contains(ServerTimestamp.parse("1700000000.25"));
        assertThat(session.renewals).isEqualTo(1);
        List<TestHttpServer.Request> reqs = server.requests();
        assertThat(reqs).hasSize(2);
        assertThat(HawkVerifier.verify(reqs.get(1), KEY2.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void aSecond401IsAnAuthenticationFailure() {
        session.next = token("token-two", KEY2);
        server.on("GET /1.5/42/storage/history", req -> Response.json(401, "0"));

        assertThatThrownBy(() -> client.download(DownloadRequest.all("history"), keys, new CollectingSink()))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.status()).isEqualTo(SyncStatus.AUTH));
        assertThat(session.renewals).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void a503WithRetryAfterBacksOffAndLaterRequestsFailFast() {
        server.on("GET /1.5/42/info/collections", req -> Response.json(503, "\"server issue: pool exhausted\"")
                .header("Retry-After", "120"));

        assertThatThrownBy(() -> client.infoCollections(null)).isInstanceOfSatisfying(BackedOffException.class, e -> {
            assertThat(e.until()).isEqualTo(clock.instant().plusSeconds(120));
            assertThat(e.status()).isEqualTo(SyncStatus.BACKED_OFF);
        });
        assertThat(backoff.backoffUntil()).contains(clock.instant().plusSeconds(120));
        assertThatThrownBy(() -> client.infoCollections(null)).isInstanceOf(BackedOffException.class);
        assertThat(server.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(121));
        server.on("GET /1.5/42/info/collections", req -> Response.json(200, "{}"));
        assertThat(client.infoCollections(null)).isPresent();
    }

    @Test
    void a429WithoutHeadersBacksOffForADefaultTime() {
        server.on("GET /1.5/42/info/collections", req -> Response.text(429, "slow down", "text/plain"));
        assertThatThrownBy(() -> client.infoCollections(null)).isInstanceOfSatisfying(BackedOffException.class,
                e -> assertThat(e.until()).isEqualTo(clock.instant().plus(StorageClient.DEFAULT_BACKOFF)));
    }

    @Test
    void weaveBackoffAndRetryAfterOnSuccessAreRecordedButDoNotFail() {
        server.on("GET /1.5/42/info/collections", req -> Response.json(200, "{\"tabs\":1700000000.5}")
                .header("X-Weave-Backoff", "300").header("X-Last-Modified", "1700000000.50"));
        assertThat(client.infoCollections(null)).isPresent();
        assertThat(backoff.backoffUntil()).contains(clock.instant().plusSeconds(300));
        assertThat(backoff.hardBackoffUntil()).isEmpty();

        server.on("GET /1.5/42/info/collections", req -> Response.json(200, "{}").header("Retry-After", "900"));
        assertThat(client.infoCollections(null)).isPresent();
        assertThat(backoff.backoffUntil()).contains(clock.instant().plusSeconds(900));
        assertThat(client.infoCollections(null)).isPresent();
    }

    @Test
    void infoCollectionsHonoursIfModifiedSince() {
        server.on("GET /1.5/42/info/collections", req -> "1700000000.25".equals(req.header("X-If-Modified-Since"))
                ? Response.empty(304).header("X-Last-Modified", "1700000000.25")
                : Response.json(200, "{\"history\":1700000000.25,\"meta\":1600000000,\"crypto\":1600000000.1}")
                        .header("X-Last-Modified", "1700000000.25"));

        InfoCollections info = client.infoCollections(null).orElseThrow();
        assertThat(info.lastModified().text()).isEqualTo("1700000000.25");
        assertThat(info.modified("meta").orElseThrow().centiseconds()).isEqualTo(160000000000L);
        assertThat(info.modified("crypto").orElseThrow().text()).isEqualTo("1600000000.1");
        assertThat(info.has("bookmarks")).isFalse();

        assertThat(client.infoCollections(info.lastModified())).isEmpty();
    }

    @Test
    void infoConfigurationFallsBackToDefaultsOn404() {
        server.on("GET /1.5/42/info/configuration", req -> Response.json(404, "0"));
        assertThat(client.infoConfiguration()).isEqualTo(InfoConfiguration.defaults());

        server.on("GET /1.5/42/info/configuration", req -> Response.json(200,
                "{\"max_request_bytes\":2101248,\"max_post_records\":100,\"max_post_bytes\":2097152,"
                        + "\"max_total_records\":1664,\"max_total_bytes\":100000000,"
                        + "\"max_record_payload_bytes\":2097152,\"max_quota_limit\":2097152000}"));
        InfoConfiguration c = client.infoConfiguration();
        assertThat(c.maxTotalRecords()).isEqualTo(1664);
        assertThat(c.maxRecordPayloadBytes()).isEqualTo(2097152);
        assertThat(c.capPageSize(5000)).isEqualTo(1664);
        assertThat(c.capPageSize(1000)).isEqualTo(1000);
    }

    @Test
    void missingRecordsAreEmptyAndIdsArePathEncoded() {
        server.on("GET /1.5/42/storage/clients*", req -> Response.json(404, "0"));
        assertThat(client.fetchRecord("clients", "a b/c?")).isEmpty();
        assertThat(server.requests().get(0).uri().getRawPath()).isEqualTo("/1.5/42/storage/clients/a%20b%2Fc%3F");
        assertThat(HawkVerifier.verify(server.requests().get(0), KEY.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void malformedAnswersAreProtocolErrorsNamingTheRouteWithoutQuery() {
        server.on("GET /1.5/42/storage/history", req -> Response.json(200, "[{\"id\":").header("X-Last-Modified", "1.00"));
        assertThatThrownBy(() -> client.download(DownloadRequest.incremental("history",
                ServerTimestamp.parse("1600000000.00")), keys, new CollectingSink()))
                .isInstanceOfSatisfying(ServerProtocolException.class, e -> {
                    assertThat(e.getMessage()).contains("GET /storage/history").doesNotContain("newer")
                            .doesNotContain("token-one").doesNotContain(KEY);
                    assertThat(e.status()).isEqualTo(SyncStatus.SERVICE);
                });

        server.on("GET /1.5/42/storage/history", req -> Response.json(200, "[]"));
        assertThatThrownBy(() -> client.download(DownloadRequest.all("history"), keys, new CollectingSink()))
                .isInstanceOf(ServerProtocolException.class).hasMessageContaining("X-Last-Modified");

        server.on("GET /1.5/42/info/collections", req -> Response.text(200, "<html>oops</html>", "text/html"));
        assertThatThrownBy(() -> client.infoCollections(null)).isInstanceOf(ServerProtocolException.class)
                .hasMessageContaining("GET /info/collections");
    }

    @Test
    void httpErrorsCarryStatusAndWeaveCode() {
        server.on("GET /1.5/42/storage/history", req -> Response.json(400, "8"));
        assertThatThrownBy(() -> client.download(DownloadRequest.all("history"), keys, new CollectingSink()))
                .isInstanceOfSatisfying(StorageHttpException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.weaveErrorCode()).hasValue(8);
                    assertThat(e.status()).isEqualTo(SyncStatus.OTHER);
                });
        server.on("GET /1.5/42/storage/history", req -> Response.text(500, "boom", "text/plain"));
        assertThatThrownBy(() -> client.download(DownloadRequest.all("history"), keys, new CollectingSink()))
                .isInstanceOfSatisfying(StorageHttpException.class,
                        e -> assertThat(e.status()).isEqualTo(SyncStatus.SERVICE));
    }

    @Test
    void gzippedPagesAreDecompressed() {
        PagedCollection coll = history(3, "1700000100.00");
        server.on("GET /1.5/42/storage/history", req -> {
            Response plain = coll.apply(req);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(plain.bodyBytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Response.bytes(200, out.toByteArray(), "application/json").header("Content-Encoding", "gzip")
                    .header("X-Last-Modified", "1700000100.00");
        });
        DownloadResult result = client.download(DownloadRequest.all("history"), keys, new CollectingSink());
        assertThat(result.records()).isEqualTo(3);
        assertThat(server.requests().get(0).header("Accept-Encoding")).isEqualTo("gzip");
    }

    /** Records what the download delivers. */
    static final class CollectingSink implements RecordSink {
        final List<DecryptedRecord> records = new ArrayList<>();
        final Map<String, SkipReason> skipped = new LinkedHashMap<>();
        final List<String> listedIds = new ArrayList<>();
        final List<Boolean> pageEnds = new ArrayList<>();
        int restarts;
        int recordsBeforeRestart;

        @Override
        public void accept(DecryptedRecord record) {
            records.add(record);
        }

        @Override
        public void skipped(String id, SkipReason reason) {
            skipped.put(id, reason);
        }

        @Override
        public void acceptId(String id) {
            listedIds.add(id);
        }

        @Override
        public void restart() {
            restarts++;
            recordsBeforeRestart = records.size();
        }

        @Override
        public void endOfPage(boolean more) {
            pageEnds.add(more);
        }

        List<String> ids() {
            return records.stream().map(DecryptedRecord::id).toList();
        }

        List<String> idsSinceRestart() {
            return ids().subList(recordsBeforeRestart, records.size());
        }
    }

    /** A session whose renewal hands out {@link #next}. */
    static final class CountingSession implements StorageSession {
        SyncToken current;
        SyncToken next;
        int renewals;

        CountingSession(SyncToken first) {
            this.current = first;
        }

        @Override
        public SyncToken currentToken() {
            return current;
        }

        @Override
        public SyncToken renewAfterUnauthorized(SyncToken rejected) {
            renewals++;
            if (next == null) {
                throw new AuthenticationException("no renewal");
            }
            current = next;
            return current;
        }
    }
}
