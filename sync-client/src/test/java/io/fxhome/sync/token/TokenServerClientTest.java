package io.fxhome.sync.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fxhome.clock.testing.MutableClock;
import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.error.TokenServerException;
import io.fxhome.sync.error.UntrustedEndpointException;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Response;

/** Tokenserver request headers, §3.2 parsing, §3.3 error statuses and back-off, over real HTTP. */
class TokenServerClientTest {
    private static final String KID = "1510726317123-BAik7hEOdpGnPZnPBSdaTg";
    private static final String OK_BODY = "{\"id\":\"eyJub2RlIjoiaHR0cHM6Ly9zeW5jIn0=\","
            + "\"key\":\"dSi3EoZyHwgDp-O9OG1jRHtmbGl2M1bwcWsi04C4F58=\",\"uid\":999999999,"
            + "\"api_endpoint\":\"https://sync-1-us-west1-g.sync.services.mozilla.com/1.5/999999999/\","
            + "\"duration\":3600,\"hashed_fxa_uid\":\"0e8df5d41398a389913bd84024356495\",\"hashalg\":\"sha256\","
            + "\"node_type\":\"spanner\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private TestHttpServer server;
    private BackoffTracker backoff;
    private HawkSigner signer;
    private TokenServerClient client;

    @BeforeEach
    void start() {
        server = new TestHttpServer();
        backoff = new BackoffTracker(clock);
        signer = new HawkSigner(clock, () -> "n0nce");
        client = new TokenServerClient(server.baseUri(), HttpTransport.create("fxhome-test/1"), clock, backoff, signer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsBearerAndKeyIdAndParsesTheToken() {
        server.on("GET /1.0/sync/1.5", req -> Response.json(200, OK_BODY).header("X-Timestamp", "1764496830"));

        SyncToken token = client.fetch("access-token-hex", KID, null);

        TestHttpServer.Request req = server.requests().get(0);
        assertThat(req.header("Authorization")).isEqualTo("Bearer access-token-hex");
        assertThat(req.header("X-KeyID")).isEqualTo(KID);
        assertThat(req.header("X-Client-State")).isNull();
        assertThat(req.header("Accept")).isEqualTo("application/json");
        assertThat(token.id()).isEqualTo("eyJub2RlIjoiaHR0cHM6Ly9zeW5jIn0=");
        assertThat(token.uid()).isEqualTo(999999999L);
        assertThat(token.apiEndpoint())
                .isEqualTo(URI.create("https://sync-1-us-west1-g.sync.services.mozilla.com/1.5/999999999"));
        assertThat(token.durationSeconds()).isEqualTo(3600);
        assertThat(token.validUntil()).isEqualTo(clock.instant().plusSeconds(3600));
        // The Hawk key is the UTF-8 bytes of the key string, never its base64 decoding.
        assertThat(token.hawkCredentials().key())
                .isEqualTo("dSi3EoZyHwgDp-O9OG1jRHtmbGl2M1bwcWsi04C4F58=".getBytes(StandardCharsets.US_ASCII));
        assertThat(token.hawkCredentials().id()).isEqualTo(token.id());
        assertThat(token.toString()).doesNotContain("dSi3EoZy").doesNotContain("eyJub2Rl");
        // X-Timestamp teaches the Hawk signer the server clock.
        assertThat(signer.timestampSeconds()).isEqualTo(1764496830L);
    }

    @Test
    void sendsXClientStateWhenAskedAndAppendsThePathOnlyOnce() {
        server.on("GET /1.0/sync/1.5", req -> Response.json(200, OK_BODY));
        TokenServerClient withPath = new TokenServerClient(URI.create(server.baseUri() + "/1.0/sync/1.5/"),
                HttpTransport.create("ua"), clock, backoff, null);
        withPath.fetch("t", KID, "0408a4ee110e7691a73d99cf05275a4e");
        assertThat(server.requests().get(0).path()).isEqualTo("/1.0/sync/1.5");
        assertThat(server.requests().get(0).header("X-Client-State")).isEqualTo("0408a4ee110e7691a73d99cf05275a4e");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "401, invalid-credentials, INVALID_CREDENTIALS, AUTH",
            "401, invalid-key-id, INVALID_KEY_ID, AUTH",
            "401, invalid-generation, INVALID_GENERATION, AUTH",
            "401, invalid-keysChangedAt, INVALID_KEYS_CHANGED_AT, AUTH",
            "401, invalid-client-state, INVALID_CLIENT_STATE, AUTH",
            "403, new-users-disabled, NEW_USERS_DISABLED, AUTH",
            "400, error, BAD_REQUEST, OTHER",
            "404, error, BAD_REQUEST, OTHER",
            "500, internal-error, SERVER_ERROR, SERVICE",
            "504, elapsed, SERVER_ERROR, SERVICE" })
    void mapsErrorStatuses(int http, String status, TokenServerException.Kind kind, SyncStatus syncStatus) {
        server.on("GET /1.0/sync/1.5", req -> Response.json(http, "{\"status\":\"" + status
                + "\",\"errors\":[{\"location\":\"header\",\"name\":\"X-KeyID\",\"description\":\"Unauthorized\"}]}"));
        assertThatThrownBy(() -> client.fetch("secret-access-token", KID, null))
                .isInstanceOfSatisfying(TokenServerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.httpStatus()).isEqualTo(http);
                    assertThat(e.statusText()).isEqualTo(status);
                    assertThat(e.status()).isEqualTo(syncStatus);
                    assertThat(e.getMessage()).doesNotContain("secret-access-token").doesNotContain(KID);
                });
    }

    @Test
    void a401WithoutJsonIsStillInvalidCredentials() {
        server.on("GET /1.0/sync/1.5", req -> Response.text(401, "Unauthorized", "text/plain"));
        assertThatThrownBy(() -> client.fetch("t", KID, null)).isInstanceOfSatisfying(TokenServerException.class,
                e -> assertThat(e.kind()).isEqualTo(TokenServerException.Kind.INVALID_CREDENTIALS));
    }

    @Test
    void a503BacksOffWithRetryAfterOrTheDefault() {
        server.on("GET /1.0/sync/1.5", req -> Response.json(503, "{\"status\":\"error\"}").header("Retry-After", "30"));
        assertThatThrownBy(() -> client.fetch("t", KID, null)).isInstanceOfSatisfying(BackedOffException.class,
                e -> assertThat(e.until()).isEqualTo(clock.instant().plusSeconds(30)));
        assertThat(backoff.hardBackoffUntil()).contains(clock.instant().plusSeconds(30));

        server.on("GET /1.0/sync/1.5", req -> Response.json(503, "{\"status\":\"error\"}"));
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> client.fetch("t", KID, null)).isInstanceOfSatisfying(BackedOffException.class,
                e -> assertThat(e.until()).isEqualTo(clock.instant().plus(TokenServerClient.DEFAULT_BACKOFF)));
    }

    @Test
    void xBackoffOnSuccessIsRecorded() {
        server.on("GET /1.0/sync/1.5", req -> Response.json(200, OK_BODY).header("X-Backoff", "600"));
        client.fetch("t", KID, null);
        assertThat(backoff.backoffUntil()).contains(clock.instant().plusSeconds(600));
        assertThat(backoff.hardBackoffUntil()).isEmpty();
    }

    @Test
    void malformedTokensAreProtocolErrors() {
        server.on("GET /1.0/sync/1.5", req -> Response.json(200, "{\"id\":\"x\",\"uid\":1,\"duration\":3600,"
                + "\"api_endpoint\":\"https://n/1.5/1\"}"));
        assertThatThrownBy(() -> client.fetch("t", KID, null)).isInstanceOf(ServerProtocolException.class)
                .hasMessageContaining("missing key");

        server.on("GET /1.0/sync/1.5", req -> Response.json(200, "{\"id\":\"x\",\"key\":\"k\",\"uid\":1,"
                + "\"duration\":3600,\"api_endpoint\":\"/relative\"}"));
        assertThatThrownBy(() -> client.fetch("t", KID, null)).isInstanceOf(UntrustedEndpointException.class)
                .hasMessageContaining("storage endpoint was refused: scheme '' is not http(s)");

        server.on("GET /1.0/sync/1.5", req -> Response.text(200, "<html/>", "text/html"));
        assertThatThrownBy(() -> client.fetch("t", KID, null)).isInstanceOf(ServerProtocolException.class)
                .hasMessageContaining("GET /1.0/sync/1.5");
    }
}
