package io.fxhome.sync.fxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.PayloadHash;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.testsupport.HawkVerifier;
import io.fxhome.sync.testsupport.MutableClock;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Request;
import io.fxhome.sync.testsupport.TestHttpServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The FxA client against a small auth server that answers like the real one, with the onepw vector credentials so
 * that authPW, token derivations and the key bundle are the published values.
 */
class FxaClientTest {
    // onepw.json vectors: email/password → authPW; sessionToken/keyFetchToken → Hawk ids and keys; the bundle.
    private static final String EMAIL = "andré@example.org";
    private static final String PASSWORD = "pässwörd";
    private static final String AUTH_PW = "247b675ffb4c46310bc87e26d712153abe5e1c90ef00a4784594f97ef54f2375";
    private static final String SESSION_TOKEN = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
    private static final String SESSION_ID = "c0a29dcf46174973da1378696e4c82ae10f723cf4f4d9f75e39f4ae3851595ab";
    private static final String SESSION_KEY = "9d8f22998ee7f5798b887042466b72d53e56ab0c094388bf65831f702d2febc0";
    private static final String KEY_FETCH_TOKEN = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
    private static final String KEY_FETCH_ID = "3d0a7c02a15a62a2882f76e39b6494b500c022a8816e048625a495718998ba60";
    private static final String KEY_FETCH_KEY = "87b8937f61d38d0e29cd2d5600b3f4da0aa48ac41de36a0efe84bb4a9872ceb7";
    private static final String BUNDLE = "ee5c58845c7c9412b11bbd20920c2fddd83c33c9cd2c2de2d66b222613364636"
            + "fc7e59d854d599f10e212801de3a47c34333f3b838ee3471e0f285649c332bbb"
            + "4c17f42a0b319bbba327d2b326ad23e937219b4de32e3ec7b3e3f740522ad6ef";
    private static final String KB = "a095c51c1c6e384e8d5777d97e3c487a4fc2128a00ab395a73d57fedf41631f0";
    private static final String UID = "aeaa1725c7a24ff983c6295725d5fc9b";
    private static final long KEY_ROTATION = 1510726317123L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private TestHttpServer server;
    private FxaClient fxa;
    private HawkSigner signer;

    @BeforeEach
    void start() {
        server = new TestHttpServer();
        signer = new HawkSigner(clock, () -> "nonce1");
        fxa = new FxaClient(FxaConfig.production().withAuthUrl(server.baseUri()).withUserAgent("fxhome-test/1"),
                HttpTransport.create("fxhome-test/1"), signer, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(Request r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loginAnswers(boolean verified) {
        server.on("POST /v1/account/login", req -> Response.json(200, "{\"uid\":\"" + UID + "\",\"sessionToken\":\""
                + SESSION_TOKEN + "\",\"keyFetchToken\":\"" + KEY_FETCH_TOKEN + "\",\"verified\":" + verified
                + (verified ? "" : ",\"verificationMethod\":\"email-otp\",\"verificationReason\":\"login\"")
                + ",\"authAt\":1764496800}"));
    }

    private void linkAnswers() {
        server.on("GET /v1/account/keys", req -> Response.json(200, "{\"bundle\":\"" + BUNDLE + "\"}"));
        server.on("POST /v1/account/scoped-key-data", req -> Response.json(200,
                "{\"https://identity.mozilla.com/apps/oldsync\":{\"identifier\":"
                        + "\"https://identity.mozilla.com/apps/oldsync\",\"keyRotationSecret\":\"" + "0".repeat(64)
                        + "\",\"keyRotationTimestamp\":" + KEY_ROTATION + "}}"));
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"" + "a".repeat(64)
                + "\",\"token_type\":\"bearer\",\"scope\":\"https://identity.mozilla.com/apps/oldsync\","
                + "\"expires_in\":86399,\"auth_at\":1764496800,\"refresh_token\":\"" + "r".repeat(64) + "\"}"));
    }

    private static void assertHawk(Request r, String id, String keyHex) {
        Map<String, String> attrs = HawkVerifier.parse(r.header("Authorization"));
        assertThat(attrs.get("id")).isEqualTo(id);
        // Payload hash of the JSON body (of "" for GET), as the official JS client sends it.
        assertThat(attrs.get("hash")).isEqualTo(PayloadHash.of("application/json", r.body()));
        assertThat(HawkVerifier.verify(r, Hex.decode(keyHex))).as("Hawk MAC of " + r.method() + " " + r.uri()).isTrue();
    }

    @Test
    void signsInAndLinksAVerifiedSession() {
        loginAnswers(true);
        linkAnswers();

        SignInResult result = fxa.signIn(EMAIL, PASSWORD);

        assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
        Request login = server.requests("POST", "/v1/account/login").get(0);
        assertThat(login.rawQuery()).isEqualTo("keys=true");
        assertThat(login.header("Authorization")).isNull();
        assertThat(login.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = json(login);
        assertThat(body.get("email").asText()).isEqualTo(EMAIL);
        assertThat(body.get("authPW").asText()).isEqualTo(AUTH_PW);
        assertThat(body.get("reason").asText()).isEqualTo("login");
        assertThat(body.get("service").asText()).isEqualTo("sync");
        assertThat(body.get("verificationMethod").asText()).isEqualTo("email-otp");
        assertThat(login.bodyText()).doesNotContain(PASSWORD);

        PendingSignIn pending = result.pending();
        LinkedAccount linked = fxa.completeLink(pending);

        assertThat(server.requests("GET", "/v1/session/status")).isEmpty();
        Request keys = server.requests("GET", "/v1/account/keys").get(0);
        assertHawk(keys, KEY_FETCH_ID, KEY_FETCH_KEY);
        Request scoped = server.requests("POST", "/v1/account/scoped-key-data").get(0);
        assertHawk(scoped, SESSION_ID, SESSION_KEY);
        assertThat(json(scoped)).isEqualTo(Json.object().put("client_id", "e7ce535d93522896")
                .put("scope", "https://identity.mozilla.com/apps/oldsync"));
        Request token = server.requests("POST", "/v1/oauth/token").get(0);
        assertHawk(token, SESSION_ID, SESSION_KEY);
        assertThat(json(token)).isEqualTo(Json.object().put("grant_type", "fxa-credentials")
                .put("client_id", "e7ce535d93522896").put("scope", "https://identity.mozilla.com/apps/oldsync")
                .put("access_type", "offline"));

        byte[] kB = Hex.decode(KB);
        assertThat(linked.uid()).isEqualTo(UID);
        assertThat(linked.email()).isEqualTo(EMAIL);
        SyncCredentials creds = linked.credentials();
        assertThat(creds.refreshToken()).isEqualTo("r".repeat(64));
        assertThat(creds.keyRotationTimestamp()).isEqualTo(KEY_ROTATION);
        assertThat(creds.keyId()).isEqualTo(SyncKeyDerivation.keyId(KEY_ROTATION, kB));
        assertThat(creds.syncKeys()).isEqualTo(SyncKeyDerivation.syncKeyBundle(kB));
        assertThat(linked.accessToken().token()).isEqualTo("a".repeat(64));
        assertThat(linked.accessToken().expiresAt()).isEqualTo(clock.instant().plusSeconds(86399));
        assertThat(linked.toString()).doesNotContain("rrrr").doesNotContain("aaaa").doesNotContain(EMAIL);

        assertThat(pending.isForgotten()).isTrue();
        assertThatThrownBy(() -> fxa.completeLink(pending)).isInstanceOf(IllegalStateException.class);
        assertThat(server.requests("GET", "/v1/account/keys")).hasSize(1);
    }

    @Test
    void anUnverifiedSessionIsANextStepAndKeysAreNotFetchedBeforeVerification() {
        loginAnswers(false);
        linkAnswers();
        server.on("GET /v1/session/status", req -> Response.json(200, "{\"state\":\"unverified\",\"uid\":\"" + UID
                + "\",\"details\":{\"accountEmailVerified\":true,\"sessionVerified\":false}}"));
        server.on("POST /v1/session/verify_code", req -> Response.json(200, "{}"));

        SignInResult result = fxa.signIn(EMAIL, PASSWORD);

        assertThat(result).isInstanceOfSatisfying(SignInResult.VerificationRequired.class, v -> {
            assertThat(v.method()).isEqualTo(VerificationMethod.EMAIL_OTP);
            assertThat(v.reason()).isEqualTo("login");
            assertThat(v.nextStep()).contains("code");
        });
        PendingSignIn pending = result.pending();
        assertThatThrownBy(() -> fxa.completeLink(pending)).isInstanceOfSatisfying(FxaException.class,
                e -> assertThat(e.kind()).isEqualTo(FxaException.Kind.UNVERIFIED));
        assertHawk(server.requests("GET", "/v1/session/status").get(0), SESSION_ID, SESSION_KEY);
        assertThat(server.requests("GET", "/v1/account/keys")).as("keyFetchToken not burnt").isEmpty();

        fxa.verifyEmailCode(pending, " 123456 ");
        Request verify = server.requests("POST", "/v1/session/verify_code").get(0);
        assertHawk(verify, SESSION_ID, SESSION_KEY);
        assertThat(json(verify)).isEqualTo(Json.object().put("code", "123456"));
        assertThat(pending.verified()).isTrue();

        LinkedAccount linked = fxa.completeLink(pending);
        assertThat(linked.credentials().keyId()).isEqualTo(SyncKeyDerivation.keyId(KEY_ROTATION, Hex.decode(KB)));
    }

    @Test
    void totpCodesAreCheckedByTheServer() {
        loginAnswers(false);
        server.on("POST /v1/account/login", req -> Response.json(200, "{\"uid\":\"" + UID + "\",\"sessionToken\":\""
                + SESSION_TOKEN + "\",\"keyFetchToken\":\"" + KEY_FETCH_TOKEN
                + "\",\"verified\":false,\"verificationMethod\":\"totp-2fa\",\"verificationReason\":\"login\"}"));
        SignInResult result = fxa.signIn(EMAIL, PASSWORD);
        assertThat(((SignInResult.VerificationRequired) result).method()).isEqualTo(VerificationMethod.TOTP_2FA);

        server.on("POST /v1/session/verify/totp", req -> Response.json(200, "{\"success\":false}"));
        assertThatThrownBy(() -> fxa.verifyTotp(result.pending(), "000000")).isInstanceOfSatisfying(FxaException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(FxaException.Kind.INVALID_CODE);
                    assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
                });
        assertThat(result.pending().verified()).isFalse();

        server.on("POST /v1/session/verify/totp", req -> Response.json(200, "{\"success\":true}"));
        fxa.verifyTotp(result.pending(), "123456");
        Request totp = server.requests("POST", "/v1/session/verify/totp").get(1);
        assertThat(json(totp)).isEqualTo(Json.object().put("code", "123456").put("service", "sync"));
        assertHawk(totp, SESSION_ID, SESSION_KEY);
        assertThat(result.pending().verified()).isTrue();
    }

    @Test
    void incorrectEmailCaseIsRetriedOnceWithTheServersEmail() {
        server.on("POST /v1/account/login", req -> json(req).has("originalLoginEmail")
                ? Response.json(200, "{\"uid\":\"" + UID + "\",\"sessionToken\":\"" + SESSION_TOKEN
                        + "\",\"keyFetchToken\":\"" + KEY_FETCH_TOKEN + "\",\"verified\":true}")
                : Response.json(400, "{\"code\":400,\"errno\":120,\"error\":\"Bad Request\","
                        + "\"message\":\"Incorrect email case\",\"email\":\"andré@example.org\"}"));

        SignInResult result = fxa.signIn("ANDRÉ@example.org", PASSWORD);

        assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
        var logins = server.requests("POST", "/v1/account/login");
        assertThat(logins).hasSize(2);
        assertThat(json(logins.get(0)).get("email").asText()).isEqualTo("ANDRÉ@example.org");
        JsonNode retry = json(logins.get(1));
        assertThat(retry.get("email").asText()).isEqualTo(EMAIL);
        assertThat(retry.get("originalLoginEmail").asText()).isEqualTo("ANDRÉ@example.org");
        // The retry's authPW is stretched with the server's email: the published vector value.
        assertThat(retry.get("authPW").asText()).isEqualTo(AUTH_PW);
        assertThat(json(logins.get(0)).get("authPW").asText()).isNotEqualTo(AUTH_PW);
    }

    @ParameterizedTest(name = "HTTP {0} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "400 | application/json | {\"code\":400,\"errno\":102,\"error\":\"Bad Request\",\"message\":\"Unknown account\"} | UNKNOWN_ACCOUNT | 102 | -1 | AUTH",
        "400 | application/json | {\"code\":400,\"errno\":103,\"error\":\"Bad Request\",\"message\":\"Incorrect password\"} | INCORRECT_PASSWORD | 103 | -1 | AUTH",
        "429 | application/json | {\"code\":429,\"errno\":114,\"error\":\"Too Many Requests\",\"message\":\"Client has sent too many requests\",\"retryAfter\":30} | THROTTLED | 114 | 30 | BACKED_OFF",
        "400 | application/json | {\"code\":400,\"errno\":125,\"error\":\"Request blocked\",\"message\":\"The request was blocked for security reasons\",\"verificationMethod\":\"email-captcha\"} | BLOCKED | 125 | -1 | AUTH",
        "400 | application/json | {\"code\":400,\"errno\":104,\"message\":\"Unverified account\"} | UNVERIFIED | 104 | -1 | AUTH",
        "401 | application/json | {\"code\":401,\"errno\":110,\"message\":\"Invalid authentication token in request signature\"} | INVALID_TOKEN | 110 | -1 | AUTH",
        "503 | application/json | {\"code\":503,\"errno\":201,\"message\":\"Service unavailable\",\"retryAfter\":60} | SERVER_ERROR | 201 | 60 | BACKED_OFF",
        "503 | application/json | {\"code\":503,\"errno\":204,\"message\":\"Client disabled\"} | CLIENT_DISABLED | 204 | -1 | OTHER",
        "429 | text/html | <html>Please complete the challenge</html> | THROTTLED | 114 | -1 | BACKED_OFF",
        "406 | text/html | <html>Blocked</html> | BLOCKED | 125 | -1 | AUTH",
        "502 | text/html | <html>Bad gateway</html> | SERVER_ERROR | 0 | -1 | SERVICE",
        "400 | application/json | {\"code\":400,\"errno\":999,\"message\":\"Unspecified error\"} | UNEXPECTED | 999 | -1 | OTHER"})
    void mapsLoginErrors(int http, String contentType, String body, FxaException.Kind kind, int errno,
            long retryAfter, SyncStatus status) {
        server.on("POST /v1/account/login", req -> Response.text(http, body, contentType));

        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD)).isInstanceOfSatisfying(FxaException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.errno()).isEqualTo(errno);
            assertThat(e.httpStatus()).isEqualTo(http);
            assertThat(e.status()).isEqualTo(status);
            if (retryAfter >= 0) {
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(retryAfter));
            }
            assertThat(e.route()).isEqualTo("POST /v1/account/login");
            assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(AUTH_PW).doesNotContain("keys=true");
        });
    }

    @Test
    void blockedSignInsNameTheUnblockMethod() {
        server.on("POST /v1/account/login", req -> Response.json(400, "{\"code\":400,\"errno\":125,"
                + "\"message\":\"The request was blocked for security reasons\",\"verificationMethod\":\"email-captcha\"}"));
        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD)).isInstanceOfSatisfying(FxaException.class,
                e -> assertThat(e.verificationMethod()).contains("email-captcha"));
    }

    @Test
    void retryAfterHeaderCountsWhenTheBodyHasNone() {
        server.on("POST /v1/account/login", req -> Response.json(503, "{\"code\":503,\"errno\":201}")
                .header("Retry-After", "45"));
        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD)).isInstanceOfSatisfying(FxaException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(45)));
    }

    @Test
    void refreshesAndRevokesWithoutHawk() {
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"" + "b".repeat(64)
                + "\",\"token_type\":\"bearer\",\"scope\":\"https://identity.mozilla.com/apps/oldsync\","
                + "\"expires_in\":3600}"));
        server.on("POST /v1/oauth/destroy", req -> Response.json(200, "{}"));

        AccessToken token = fxa.refresh("r".repeat(64));

        assertThat(token.token()).isEqualTo("b".repeat(64));
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        Request refresh = server.requests("POST", "/v1/oauth/token").get(0);
        assertThat(refresh.header("Authorization")).isNull();
        assertThat(json(refresh)).isEqualTo(Json.object().put("grant_type", "refresh_token")
                .put("client_id", "e7ce535d93522896").put("refresh_token", "r".repeat(64))
                .put("scope", "https://identity.mozilla.com/apps/oldsync"));

        fxa.destroy("r".repeat(64));
        assertThat(json(server.requests("POST", "/v1/oauth/destroy").get(0)))
                .isEqualTo(Json.object().put("client_id", "e7ce535d93522896").put("refresh_token", "r".repeat(64)));
    }

    @ParameterizedTest(name = "refresh answered {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "400 | {\"code\":400,\"errno\":110,\"message\":\"Invalid authentication token\"}",
        "401 | {\"code\":401,\"errno\":110,\"message\":\"Invalid authentication token\"}",
        "400 | {\"code\":400,\"errno\":108,\"message\":\"Invalid token\"}"})
    void aRejectedRefreshTokenNeedsReauthentication(int http, String body) {
        server.on("POST /v1/oauth/token", req -> Response.json(http, body));
        assertThatThrownBy(() -> fxa.refresh("r".repeat(64))).isInstanceOfSatisfying(FxaException.class, e -> {
            assertThat(e.kind()).isEqualTo(FxaException.Kind.INVALID_TOKEN);
            assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
            assertThat(e.getMessage()).doesNotContain("rrrr");
        });
    }

    @Test
    void aClockSkewErrorIsRetriedOnceWithTheServerTime() {
        loginAnswers(false);
        long serverTime = clock.instant().getEpochSecond() + 3600;
        server.on("GET /v1/session/status", req -> Long.parseLong(HawkVerifier.parse(req.header("Authorization"))
                .get("ts")) < serverTime - 60
                        ? Response.json(401, "{\"code\":401,\"errno\":111,\"message\":\"Invalid timestamp\","
                                + "\"serverTime\":" + serverTime + "}")
                        : Response.json(200, "{\"state\":\"verified\",\"uid\":\"" + UID + "\"}"));

        SessionStatus status = fxa.sessionStatus(fxa.signIn(EMAIL, PASSWORD).pending());

        assertThat(status.verified()).isTrue();
        var calls = server.requests("GET", "/v1/session/status");
        assertThat(calls).hasSize(2);
        assertThat(HawkVerifier.parse(calls.get(1).header("Authorization")).get("ts"))
                .isEqualTo(Long.toString(serverTime));
        assertHawk(calls.get(1), SESSION_ID, SESSION_KEY);
    }

    @Test
    void aFailureAfterTheKeyFetchCanBeRetriedWithoutANewKeyFetchToken() {
        loginAnswers(true);
        linkAnswers();
        server.on("POST /v1/oauth/token", req -> Response.json(503, "{\"code\":503,\"errno\":201,\"retryAfter\":5}"));
        PendingSignIn pending = fxa.signIn(EMAIL, PASSWORD).pending();

        assertThatThrownBy(() -> fxa.completeLink(pending)).isInstanceOf(FxaException.class);
        assertThat(pending.isForgotten()).isFalse();

        linkAnswers();
        LinkedAccount linked = fxa.completeLink(pending);
        assertThat(server.requests("GET", "/v1/account/keys")).hasSize(1);
        assertThat(linked.credentials().syncKeys()).isEqualTo(SyncKeyDerivation.syncKeyBundle(Hex.decode(KB)));
    }

    @Test
    void aBundleThatDoesNotVerifyIsAProtocolError() {
        loginAnswers(true);
        linkAnswers();
        String corrupted = BUNDLE.substring(0, BUNDLE.length() - 2) + "00";
        server.on("GET /v1/account/keys", req -> Response.json(200, "{\"bundle\":\"" + corrupted + "\"}"));
        assertThatThrownBy(() -> fxa.completeLink(fxa.signIn(EMAIL, PASSWORD).pending()))
                .isInstanceOf(io.fxhome.sync.error.ServerProtocolException.class)
                .hasMessageContaining("GET /v1/account/keys");
    }

    @Test
    void secretHoldersRedactThemselves() {
        loginAnswers(true);
        PendingSignIn pending = fxa.signIn(EMAIL, PASSWORD).pending();
        assertThat(pending.toString()).doesNotContain(SESSION_TOKEN).doesNotContain(KEY_FETCH_TOKEN);
        SyncCredentials creds = new SyncCredentials("r".repeat(64), KeyBundle.fromKSync(new byte[64]),
                "1510726317123-BAik7hEOdpGnPZnPBSdaTg", 1510726317123L);
        assertThat(creds.toString()).doesNotContain("rrrr").doesNotContain("BAik7hE");
        assertThat(new AccessToken("secret-token", Instant.EPOCH, "s").toString()).doesNotContain("secret-token");
        assertThat(new SignInOptions("sync", null, "unblock-me").toString()).doesNotContain("unblock-me");
    }
}
