package io.fxhome.sync.fxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.clock.testing.MutableClock;
import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.TokenServerException;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Response;
import io.fxhome.sync.testsupport.TestJwe;
import io.fxhome.sync.token.TokenServerClient;

/**
 * The browser sign-in against one real HTTP server playing the auth server, the profile server and the tokenserver:
 * the authorization URL as application-services builds it, then the code exchange whose keys_jwe the test encrypts
 * to the published key the way FxA's browser side does (ECDH-ES + A256GCM, written independently in TestJwe), the
 * identity from the profile server and the key id proven by the tokenserver.
 */
class OAuthCodeFlowTest {
    private static final String KID = "1526414944666-zgTjf5oXmPmBjxwXWFsDWg";
    private static final String BROWSER_CLIENT = "1b1a3e44c54fbb58";
    private static final String UID = "aeaa1725c7a24ff983c6295725d5fc9b";
    private static final String EMAIL = "andré@example.org";
    private static final String OLDSYNC = "https://identity.mozilla.com/apps/oldsync";

    private TestHttpServer server;
    private OAuthCodeFlow flow;
    private final byte[] kSync = new byte[64];
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

    @BeforeEach
    void start() {
        server = new TestHttpServer();
        FxaConfig config = FxaConfig.production().withAuthUrl(server.baseUri()).withProfileUrl(server.baseUri())
                .withContentUrl(URI.create("https://accounts.example.test/"));
        HttpTransport http = HttpTransport.create("ua");
        FxaClient fxa = new FxaClient(config, http, new HawkSigner(clock, () -> "n"), clock);
        flow = new OAuthCodeFlow(fxa, new TokenServerClient(server.baseUri(), http, clock, new BackoffTracker(clock),
                null));
        SyncFixtures.RANDOM.nextBytes(kSync);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, String> params(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : url.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            out.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static JsonNode json(TestHttpServer.Request r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void authorizationUrlIsWhatApplicationServicesSends() throws Exception {
        OAuthStart start = flow.begin();

        URI url = start.authorizationUrl();
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
                .isEqualTo("https://accounts.example.test/authorization");
        Map<String, String> p = params(url);
        assertThat(p.keySet()).containsExactly("action", "response_type", "entrypoint", "client_id", "scope", "state",
                "code_challenge_method", "code_challenge", "access_type", "keys_jwk", "redirect_uri");
        assertThat(p).containsEntry("action", "email").containsEntry("response_type", "code")
                .containsEntry("entrypoint", "fxhome").containsEntry("client_id", BROWSER_CLIENT)
                .containsEntry("scope", "profile " + OLDSYNC)
                .containsEntry("code_challenge_method", "S256").containsEntry("access_type", "offline")
                .containsEntry("redirect_uri", "https://accounts.example.test/oauth/success/" + BROWSER_CLIENT)
                .containsEntry("state", start.pending().state());
        // Form encoding as the url crate does it: the space of the scope list is "+".
        assertThat(url.getRawQuery()).contains("&scope=profile+https%3A%2F%2Fidentity.mozilla.com%2Fapps%2Foldsync&");
        assertThat(p.get("code_challenge")).isEqualTo(Bytes.base64UrlNoPad(
                Digests.sha256(start.pending().codeVerifier().getBytes(StandardCharsets.US_ASCII))));
        assertThat(start.pending().state()).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(start.pending().codeVerifier()).hasSize(58).matches("[A-Za-z0-9_-]+");
        String jwkJson = new String(Bytes.base64UrlDecode(p.get("keys_jwk")), StandardCharsets.UTF_8);
        assertThat(jwkJson).startsWith("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":");
        JsonNode jwk = Json.MAPPER.readTree(jwkJson);
        assertThat(jwk.has("d")).isFalse();
        assertThat(p.get("keys_jwk")).hasSize(168);
        assertThat(start.pending().clientId()).isEqualTo(BROWSER_CLIENT);
        assertThat(start.pending().redirectUri()).isEqualTo(p.get("redirect_uri"));
        assertThat(start.pending().toString()).doesNotContain(start.pending().state())
                .doesNotContain(start.pending().codeVerifier());
    }

    @Test
    void theConfiguredRedirectAndClientAreUsed() {
        FxaConfig config = FxaConfig.production().withBrowserClientId("0123456789abcdef")
                .withBrowserRedirectUri("https://fxhome.example/oauth/callback");
        OAuthCodeFlow other = new OAuthCodeFlow(new FxaClient(config, HttpTransport.create("ua"),
                new HawkSigner(clock, () -> "n"), clock), null);
        Map<String, String> p = params(other.begin().authorizationUrl());
        assertThat(p).containsEntry("client_id", "0123456789abcdef")
                .containsEntry("redirect_uri", "https://fxhome.example/oauth/callback");
        assertThat(FxaConfig.production().effectiveBrowserRedirectUri())
                .isEqualTo("https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58");
    }

    /** The exchange answer, the profile, the oldsync refresh and the tokenserver, all agreeing. */
    private void mozillaAnswers(OAuthStart start, String kid, String rotatedRefreshToken) throws Exception {
        JsonNode jwk = Json.MAPPER.readTree(Bytes.base64UrlDecode(params(start.authorizationUrl()).get("keys_jwk")));
        String keys = "{\"" + OLDSYNC + "\":{\"kty\":\"oct\",\"scope\":\"" + OLDSYNC + "\",\"k\":\""
                + Bytes.base64UrlNoPad(kSync) + "\",\"kid\":\"" + kid + "\"}}";
        String jwe = TestJwe.encrypt(jwk, keys.getBytes(StandardCharsets.UTF_8));
        server.on("POST /v1/oauth/token", req -> "authorization_code".equals(json(req).path("grant_type").asText())
                ? Response.json(200, "{\"access_token\":\"" + "c".repeat(64) + "\",\"refresh_token\":\""
                        + "d".repeat(64) + "\",\"expires_in\":86399,\"token_type\":\"bearer\",\"scope\":\"profile "
                        + OLDSYNC + "\",\"auth_at\":1764496800,\"keys_jwe\":\"" + jwe + "\"}")
                : Response.json(200, "{\"access_token\":\"" + "e".repeat(64) + "\",\"expires_in\":3600,"
                        + "\"token_type\":\"bearer\",\"scope\":\"" + OLDSYNC + "\""
                        + (rotatedRefreshToken == null ? "" : ",\"refresh_token\":\"" + rotatedRefreshToken + "\"")
                        + "}"));
        server.on("GET /v1/profile", req -> Response.json(200, "{\"uid\":\"" + UID + "\",\"email\":\"" + EMAIL
                + "\",\"displayName\":null,\"avatar\":\"https://a/b.png\",\"avatarDefault\":true}"));
        server.on("GET /1.0/sync/1.5", req -> Response.json(200, "{\"id\":\"tok\",\"key\":\"k\",\"uid\":42,"
                + "\"api_endpoint\":\"https://storage.example/1.5/42\",\"duration\":3600,\"hashalg\":\"sha256\"}")
                .header("X-Timestamp", "1764496800"));
        server.on("POST /v1/oauth/destroy", req -> Response.json(200, "{}"));
    }

    @Test
    void completesWithTheIdentityFromMozillaAndAKeyIdTheTokenserverAccepts() throws Exception {
        OAuthStart start = flow.begin();
        mozillaAnswers(start, KID, null);

        LinkedAccount linked = flow.complete(start.pending(), "f".repeat(64), start.pending().state());

        TestHttpServer.Request exchange = server.requests("POST", "/v1/oauth/token").get(0);
        assertThat(exchange.header("Authorization")).isNull();
        assertThat(exchange.bodyText()).isEqualTo("{\"grant_type\":\"authorization_code\",\"client_id\":\""
                + BROWSER_CLIENT + "\",\"code\":\"" + "f".repeat(64) + "\",\"code_verifier\":\""
                + start.pending().codeVerifier() + "\"}");
        TestHttpServer.Request profile = server.requests("GET", "/v1/profile").get(0);
        assertThat(profile.header("Authorization")).isEqualTo("Bearer " + "c".repeat(64));
        TestHttpServer.Request refresh = server.requests("POST", "/v1/oauth/token").get(1);
        assertThat(refresh.bodyText()).isEqualTo("{\"grant_type\":\"refresh_token\",\"client_id\":\""
                + BROWSER_CLIENT + "\",\"refresh_token\":\"" + "d".repeat(64) + "\",\"scope\":\"" + OLDSYNC + "\"}");
        TestHttpServer.Request token = server.requests("GET", "/1.0/sync/1.5").get(0);
        assertThat(token.header("Authorization")).isEqualTo("Bearer " + "e".repeat(64));
        assertThat(token.header("X-KeyID")).isEqualTo(KID);
        // The exchange's access token holds both scopes: revoked once used, as application-services does.
        assertThat(server.requests("POST", "/v1/oauth/destroy")).singleElement().satisfies(d -> assertThat(json(d))
                .isEqualTo(Json.object().put("client_id", BROWSER_CLIENT).put("token", "c".repeat(64))
                        .put("token_type_hint", "access_token")));

        assertThat(linked.uid()).isEqualTo(UID);
        assertThat(linked.email()).isEqualTo(EMAIL);
        assertThat(linked.credentials().syncKeys()).isEqualTo(KeyBundle.fromKSync(kSync));
        assertThat(linked.credentials().keyId()).isEqualTo(KID);
        assertThat(linked.credentials().keyRotationTimestamp()).isEqualTo(1526414944666L);
        assertThat(linked.credentials().refreshToken()).isEqualTo("d".repeat(64));
        assertThat(linked.credentials().clientId()).isEqualTo(BROWSER_CLIENT);
        assertThat(linked.accessToken().token()).isEqualTo("e".repeat(64));
        assertThat(start.pending().privateKey()).containsOnly(0);
        assertThat(linked.toString()).doesNotContain(EMAIL).doesNotContain("dddd");
    }

    @Test
    void aRefreshTokenRotatedOnTheWayIsTheOneKept() throws Exception {
        OAuthStart start = flow.begin();
        mozillaAnswers(start, KID, "9".repeat(64));
        LinkedAccount linked = flow.complete(start.pending(), "f".repeat(64), start.pending().state());
        assertThat(linked.credentials().refreshToken()).isEqualTo("9".repeat(64));
    }

    @ParameterizedTest(name = "tokenserver says {0}")
    @ValueSource(strings = { "invalid-client-state", "invalid-keysChangedAt", "invalid-key-id" })
    void aKeyIdTheTokenserverRefusesLinksNothing(String status) throws Exception {
        OAuthStart start = flow.begin();
        mozillaAnswers(start, KID, null);
        server.on("GET /1.0/sync/1.5", req -> Response.json(401, "{\"status\":\"" + status + "\",\"errors\":[{"
                + "\"location\":\"header\",\"name\":\"X-Client-State\",\"description\":\"Unauthorized\"}]}"));

        assertThatThrownBy(() -> flow.complete(start.pending(), "f".repeat(64), start.pending().state()))
                .isInstanceOfSatisfying(FxaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FxaException.Kind.KEY_MISMATCH);
                    assertThat(e.getMessage()).contains(status).doesNotContain(KID).doesNotContain("eeee");
                });
        // The grant the exchange created is revoked, under the browser client.
        assertThat(server.requests("POST", "/v1/oauth/destroy")).anySatisfy(d -> assertThat(json(d))
                .isEqualTo(Json.object().put("client_id", BROWSER_CLIENT).put("token", "d".repeat(64))
                        .put("token_type_hint", "refresh_token")));
        assertThat(start.pending().privateKey()).containsOnly(0);
    }

    @Test
    void aKeyIdDatedInTheFutureIsRefusedBeforeTheTokenserver() throws Exception {
        OAuthStart start = flow.begin();
        long future = clock.instant().plusSeconds(86400).toEpochMilli();
        mozillaAnswers(start, future + "-zgTjf5oXmPmBjxwXWFsDWg", null);

        assertThatThrownBy(() -> flow.complete(start.pending(), "f".repeat(64), start.pending().state()))
                .isInstanceOfSatisfying(FxaException.class,
                        e -> assertThat(e.kind()).isEqualTo(FxaException.Kind.KEY_MISMATCH));
        assertThat(server.requests("GET", "/1.0/sync/1.5")).isEmpty();
        assertThat(server.requests("POST", "/v1/oauth/destroy")).hasSize(1);
    }

    @Test
    void anotherTokenserverErrorIsNotAKeyMismatch() throws Exception {
        OAuthStart start = flow.begin();
        mozillaAnswers(start, KID, null);
        server.on("GET /1.0/sync/1.5", req -> Response.json(500, "{\"status\":\"internal-error\",\"errors\":[]}"));
        assertThatThrownBy(() -> flow.complete(start.pending(), "f".repeat(64), start.pending().state()))
                .isInstanceOf(TokenServerException.class);
        assertThat(server.requests("POST", "/v1/oauth/destroy")).hasSize(1);
    }

    @Test
    void aRestoredPendingSignInCompletes() throws Exception {
        OAuthStart start = flow.begin();
        mozillaAnswers(start, KID, null);
        OAuthPending restored = OAuthPending.decode(start.pending().encode());
        assertThat(restored).isEqualTo(start.pending());
        start.pending().forget();

        OAuthRedirect redirect = OAuthRedirect.parse("https://accounts.example.test/oauth/success/" + BROWSER_CLIENT
                + "?code=" + "f".repeat(64) + "&state=" + restored.state());
        LinkedAccount linked = flow.complete(restored, redirect);

        assertThat(linked.uid()).isEqualTo(UID);
        assertThatThrownBy(() -> flow.complete(restored, redirect)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aForeignStateIsRejectedBeforeAnyRequest() {
        OAuthStart start = flow.begin();
        assertThatThrownBy(() -> flow.complete(start.pending(), "code", "not-our-state"))
                .isInstanceOfSatisfying(FxaException.class,
                        e -> assertThat(e.kind()).isEqualTo(FxaException.Kind.STATE_MISMATCH));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void keysEncryptedToAnotherKeyAreAProtocolErrorAndTheGrantIsRevoked() throws Exception {
        OAuthStart start = flow.begin();
        OAuthStart other = flow.begin();
        JsonNode wrongJwk = Json.MAPPER.readTree(Bytes.base64UrlDecode(params(other.authorizationUrl()).get("keys_jwk")));
        String jwe = TestJwe.encrypt(wrongJwk, "{}".getBytes(StandardCharsets.UTF_8));
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"x\",\"refresh_token\":\"y\","
                + "\"expires_in\":1,\"keys_jwe\":\"" + jwe + "\"}"));
        server.on("POST /v1/oauth/destroy", req -> Response.json(200, "{}"));
        assertThatThrownBy(() -> flow.complete(start.pending(), "code", start.pending().state()))
                .isInstanceOf(ServerProtocolException.class).hasMessageContaining("keys_jwe");
        assertThat(json(server.requests("POST", "/v1/oauth/destroy").get(0)).get("token").asText()).isEqualTo("y");
        assertThat(server.requests("GET", "/v1/profile")).isEmpty();
        assertThat(start.pending().privateKey()).containsOnly(0);
    }
}
