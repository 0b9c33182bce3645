package io.fxhome.sync.fxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.clock.testing.MutableClock;
import io.fxhome.sync.crypto.FxaTokenKeys;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.PayloadHash;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.testsupport.HawkVerifier;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Request;
import io.fxhome.sync.testsupport.TestHttpServer.Response;

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

    // Password stretching v2, computed independently by src/test/python/onepw_v2_signin.py
    // (`python3 sync-client/src/test/python/onepw_v2_signin.py`), same email and password as above.
    private static final String CLIENT_SALT = "identity.mozilla.com/picl/v1/quickStretchV2:0123456789abcdef0123456789abcdef";
    private static final String AUTH_PW_V2 = "d278c764bd1852a14bfc4e9d8c1682b4f1a57edb9a9372bf8c370cc41592155b";
    private static final String KEY_FETCH_TOKEN_V2 = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf";
    private static final String BUNDLE_V2 = "ecfcf55bbb1ceb5bb8c6f5ba7e0a0880de31fd93feb25a5c5e8983da176caa48"
            + "2304f270f3c76ef1a667e1c0c4e0b3c25d5ff7c49408b0278b4eb0369965ffcb"
            + "8d848ed7e58d7d15c926051b85134a8780176d24ad0929cc964550ed6c057cd7";
    private static final String KB_V2 = "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f";
    private static final String KSYNC_V2 = "9c1a0255705c279c9a937e63afb5af82579b3a60d8b600de0b2757b5e6e7e4f9"
            + "2e3bb72dded393be67e963229a9dad34a93d0961381268fbd692594b71f56030";
    private static final String KID_V2 = "1700000000123-TY0nT_fhdq-XepWgBVyMXw";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private TestHttpServer server;
    private FxaClient fxa;
    /** The same client configured for Hawk ({@code fxhome.fxa.token-auth=hawk}). */
    private FxaClient hawkFxa;
    private HawkSigner signer;

    @BeforeEach
    void start() {
        server = new TestHttpServer();
        signer = new HawkSigner(clock, () -> "nonce1");
        FxaConfig config = FxaConfig.production().withAuthUrl(server.baseUri()).withUserAgent("fxhome-test/1");
        fxa = new FxaClient(config, HttpTransport.create("fxhome-test/1"), signer, clock);
        hawkFxa = new FxaClient(config.withTokenAuth(FxaConfig.TokenAuth.HAWK), HttpTransport.create("fxhome-test/1"),
                signer, clock);
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
        // An account on v1 credentials, as FxA answers while it does not ask for an upgrade.
        server.on("POST /v1/account/credentials/status", req -> Response.json(200,
                "{\"currentVersion\":\"v1\",\"upgradeNeeded\":false}"));
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

    /** The typed Bearer form Mozilla's clients send: {@code fxs_} for a session token, {@code fxk_} for a keyFetchToken. */
    private static void assertBearer(Request r, String prefix, String id) {
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + prefix + "_" + id);
        assertContentTypeOnlyWithABody(r);
    }

    private static void assertSession(Request r) {
        assertBearer(r, "fxs", SESSION_ID);
    }

    private static void assertContentTypeOnlyWithABody(Request r) {
        if (r.body().length == 0) {
            assertThat(r.header("Content-Type")).as("no Content-Type without a body").isNull();
        } else {
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
        }
    }

    /** Hawk as the reference client signed: a payload hash only with a body, over the Content-Type it sends. */
    static void assertHawk(Request r, String id, String keyHex) {
        Map<String, String> attrs = HawkVerifier.parse(r.header("Authorization"));
        assertThat(attrs.get("id")).isEqualTo(id);
        if (r.body().length == 0) {
            assertThat(attrs).as("no payload hash without a body").doesNotContainKey("hash");
        } else {
            assertThat(attrs.get("hash")).isEqualTo(PayloadHash.of(r.header("Content-Type"), r.body()));
        }
        assertContentTypeOnlyWithABody(r);
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
        assertBearer(keys, "fxk", KEY_FETCH_ID);
        Request scoped = server.requests("POST", "/v1/account/scoped-key-data").get(0);
        assertSession(scoped);
        assertThat(json(scoped)).isEqualTo(Json.object().put("client_id", "e7ce535d93522896")
                .put("scope", "https://identity.mozilla.com/apps/oldsync"));
        Request token = server.requests("POST", "/v1/oauth/token").get(0);
        assertSession(token);
        assertThat(json(token)).isEqualTo(Json.object().put("grant_type", "fxa-credentials")
                .put("client_id", "e7ce535d93522896").put("scope", "https://identity.mozilla.com/apps/oldsync")
                .put("access_type", "offline"));

        byte[] kB = Hex.decode(KB);
        assertThat(linked.uid()).isEqualTo(UID);
        assertThat(linked.email()).isEqualTo(EMAIL);
        SyncCredentials creds = linked.credentials();
        assertThat(creds.refreshToken()).isEqualTo("r".repeat(64));
        assertThat(creds.clientId()).isEqualTo("e7ce535d93522896");
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
        assertSession(server.requests("GET", "/v1/session/status").get(0));
        assertThat(server.requests("GET", "/v1/account/keys")).as("keyFetchToken not burnt").isEmpty();

        fxa.verifyEmailCode(pending, " 123456 ");
        Request verify = server.requests("POST", "/v1/session/verify_code").get(0);
        assertSession(verify);
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
        assertSession(totp);
        assertThat(result.pending().verified()).isTrue();
    }

    @Test
    void incorrectEmailCaseIsRetriedOnceWithTheServersEmailAsTheSalt() {
        server.on("POST /v1/account/credentials/status", req -> Response.json(200,
                "{\"currentVersion\":\"v1\",\"upgradeNeeded\":false}"));
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
        assertThat(json(logins.get(0)).has("originalLoginEmail")).isFalse();
        // As fxa-auth-client signIn retries: the typed email stays the login email and is sent as
        // originalLoginEmail; only the v1 salt changes to the email the server named.
        JsonNode retry = json(logins.get(1));
        assertThat(retry.get("email").asText()).isEqualTo("ANDRÉ@example.org");
        assertThat(retry.get("originalLoginEmail").asText()).isEqualTo("ANDRÉ@example.org");
        // The retry's authPW is stretched with the server's email: the published vector value.
        assertThat(retry.get("authPW").asText()).isEqualTo(AUTH_PW);
        assertThat(json(logins.get(0)).get("authPW").asText()).isNotEqualTo(AUTH_PW);
        assertThat(server.requests("POST", "/v1/account/credentials/status")).hasSize(2);
    }

    @Test
    void anAccountWithoutAPasswordIsNamedSo() {
        server.on("POST /v1/account/credentials/status", req -> Response.json(400, "{\"code\":400,\"errno\":149,"
                + "\"error\":\"Bad Request\",\"message\":\"This email can not currently be used to login\"}"));
        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD)).isInstanceOfSatisfying(FxaException.class, e -> {
            assertThat(e.kind()).isEqualTo(FxaException.Kind.NO_PASSWORD);
            assertThat(e.errno()).isEqualTo(149);
            assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
        });
        assertThat(server.requests("POST", "/v1/account/login")).isEmpty();
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
            "406 | text/html | <html><script>challenge()</script></html> | BROWSER_CHECK | 0 | -1 | SERVICE",
            "400 | application/json | {\"code\":400,\"errno\":127,\"error\":\"Bad Request\",\"message\":\"Invalid unblock code\"} | INVALID_UNBLOCK_CODE | 127 | -1 | AUTH",
            "400 | application/json | {\"code\":400,\"errno\":210,\"error\":\"Bad Request\",\"message\":\"Unable to login, no password set.\"} | NO_PASSWORD | 210 | -1 | AUTH",
            "502 | text/html | <html>Bad gateway</html> | SERVER_ERROR | 0 | -1 | SERVICE",
            "400 | application/json | {\"code\":400,\"errno\":999,\"message\":\"Unspecified error\"} | UNEXPECTED | 999 | -1 | OTHER" })
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
    void refreshesAndRevokesWithoutTokenAuthentication() {
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"" + "b".repeat(64)
                + "\",\"token_type\":\"bearer\",\"scope\":\"https://identity.mozilla.com/apps/oldsync\","
                + "\"expires_in\":3600}"));
        server.on("POST /v1/oauth/destroy", req -> Response.json(200, "{}"));

        RefreshResult refreshed = fxa.refresh("r".repeat(64));
        AccessToken token = refreshed.accessToken();

        assertThat(refreshed.rotatedRefreshToken()).isEmpty();
        assertThat(token.token()).isEqualTo("b".repeat(64));
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        Request refresh = server.requests("POST", "/v1/oauth/token").get(0);
        assertThat(refresh.header("Authorization")).isNull();
        assertThat(json(refresh)).isEqualTo(Json.object().put("grant_type", "refresh_token")
                .put("client_id", "e7ce535d93522896").put("refresh_token", "r".repeat(64))
                .put("scope", "https://identity.mozilla.com/apps/oldsync"));

        fxa.destroy("r".repeat(64));
        Request destroy = server.requests("POST", "/v1/oauth/destroy").get(0);
        assertThat(destroy.header("Authorization")).isNull();
        assertThat(destroy.header("Content-Type")).isEqualTo("application/json");
        // Exactly the fields the route's validator takes (fxa-auth-server lib/routes/oauth/destroy.js).
        assertThat(destroy.bodyText()).isEqualTo("{\"client_id\":\"e7ce535d93522896\",\"token\":\"" + "r".repeat(64)
                + "\",\"token_type_hint\":\"refresh_token\"}");

        fxa.destroy("s".repeat(64), "1b1a3e44c54fbb58");
        assertThat(json(server.requests("POST", "/v1/oauth/destroy").get(1)).get("client_id").asText())
                .isEqualTo("1b1a3e44c54fbb58");
    }

    @Test
    void aRotatedRefreshTokenIsHandedBackUnderTheTokensOwnClient() {
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"" + "b".repeat(64)
                + "\",\"token_type\":\"bearer\",\"scope\":\"https://identity.mozilla.com/apps/oldsync\","
                + "\"expires_in\":3600,\"refresh_token\":\"" + "n".repeat(64) + "\"}"));

        RefreshResult refreshed = fxa.refresh("r".repeat(64), "1b1a3e44c54fbb58");

        assertThat(refreshed.rotatedRefreshToken()).contains("n".repeat(64));
        assertThat(refreshed.toString()).doesNotContain("nnnn").doesNotContain("bbbb");
        assertThat(json(server.requests("POST", "/v1/oauth/token").get(0))).isEqualTo(Json.object()
                .put("grant_type", "refresh_token").put("client_id", "1b1a3e44c54fbb58")
                .put("refresh_token", "r".repeat(64)).put("scope", "https://identity.mozilla.com/apps/oldsync"));
    }

    @Test
    void theSameRefreshTokenAgainIsNoRotation() {
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"" + "b".repeat(64)
                + "\",\"expires_in\":3600,\"scope\":\"s\",\"refresh_token\":\"" + "r".repeat(64) + "\"}"));
        assertThat(fxa.refresh("r".repeat(64)).rotatedRefreshToken()).isEmpty();
    }

    @Test
    void aRefusalThatIsNotAboutTheTokenDoesNotAskForReauthentication() {
        server.on("POST /v1/oauth/token", req -> Response.json(400,
                "{\"code\":400,\"errno\":107,\"message\":\"Invalid parameter in request body\"}"));
        assertThatThrownBy(() -> fxa.refresh("r".repeat(64))).isInstanceOfSatisfying(FxaException.class,
                e -> assertThat(e.kind()).isEqualTo(FxaException.Kind.UNEXPECTED));
    }

    @ParameterizedTest(name = "refresh answered {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"code\":400,\"errno\":110,\"message\":\"Invalid authentication token\"}",
            "401 | {\"code\":401,\"errno\":110,\"message\":\"Invalid authentication token\"}",
            "400 | {\"code\":400,\"errno\":108,\"message\":\"Invalid token\"}",
            "400 | {\"code\":400,\"errno\":109,\"message\":\"Invalid request parameter\"}",
            "400 | {\"code\":400,\"errno\":182,\"message\":\"Unknown refresh token\"}",
            "401 | {\"code\":401,\"errno\":999,\"message\":\"Unauthorized\"}" })
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

        SessionStatus status = hawkFxa.sessionStatus(hawkFxa.signIn(EMAIL, PASSWORD).pending());

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
                .isInstanceOf(ServerProtocolException.class)
                .hasMessageContaining("GET /v1/account/keys");
    }

    @Test
    void hawkModeSignsLikeTheReferenceClientDid() {
        loginAnswers(true);
        linkAnswers();

        LinkedAccount linked = hawkFxa.completeLink(hawkFxa.signIn(EMAIL, PASSWORD).pending());

        assertThat(linked.uid()).isEqualTo(UID);
        Request keys = server.requests("GET", "/v1/account/keys").get(0);
        assertHawk(keys, KEY_FETCH_ID, KEY_FETCH_KEY);
        assertThat(keys.header("Content-Type")).isNull();
        Request scoped = server.requests("POST", "/v1/account/scoped-key-data").get(0);
        assertHawk(scoped, SESSION_ID, SESSION_KEY);
        assertThat(HawkVerifier.parse(scoped.header("Authorization"))).containsKey("hash");
        assertHawk(server.requests("POST", "/v1/oauth/token").get(0), SESSION_ID, SESSION_KEY);
    }

    @Test
    void aSessionGetCarriesNoBodyAndNoContentType() {
        loginAnswers(false);
        server.on("GET /v1/session/status", req -> Response.json(200, "{\"state\":\"unverified\",\"uid\":\"" + UID
                + "\"}"));
        fxa.sessionStatus(fxa.signIn(EMAIL, PASSWORD).pending());
        Request status = server.requests("GET", "/v1/session/status").get(0);
        assertThat(status.body()).isEmpty();
        assertThat(status.header("Content-Type")).isNull();
        assertSession(status);
    }

    @Test
    void anAccountOnV2SignsInWithItsClientSaltAndUnwrapsKbWithTheV2Key() {
        server.on("POST /v1/account/credentials/status", req -> Response.json(200, "{\"currentVersion\":\"v2\","
                + "\"clientSalt\":\"" + CLIENT_SALT + "\",\"upgradeNeeded\":false}"));
        server.on("POST /v1/account/login", req -> Response.json(200, "{\"uid\":\"" + UID + "\",\"sessionToken\":\""
                + SESSION_TOKEN + "\",\"keyFetchTokenVersion2\":\"" + KEY_FETCH_TOKEN_V2
                + "\",\"verified\":true,\"authAt\":1764496800,\"metricsEnabled\":true}"));
        linkAnswers();
        server.on("GET /v1/account/keys", req -> Response.json(200, "{\"bundle\":\"" + BUNDLE_V2 + "\"}"));
        server.on("POST /v1/account/scoped-key-data", req -> Response.json(200,
                "{\"https://identity.mozilla.com/apps/oldsync\":{\"identifier\":"
                        + "\"https://identity.mozilla.com/apps/oldsync\",\"keyRotationSecret\":\"" + "0".repeat(64)
                        + "\",\"keyRotationTimestamp\":1700000000123}}"));

        LinkedAccount linked = fxa.completeLink(fxa.signIn(EMAIL, PASSWORD).pending());

        Request status = server.requests("POST", "/v1/account/credentials/status").get(0);
        assertThat(status.bodyText()).isEqualTo("{\"email\":\"" + EMAIL + "\"}");
        assertThat(status.header("Authorization")).isNull();
        Request login = server.requests("POST", "/v1/account/login").get(0);
        // The v2 authPW goes in "authPW": the login route's validator has no other password field.
        assertThat(login.bodyText()).isEqualTo("{\"email\":\"" + EMAIL + "\",\"authPW\":\"" + AUTH_PW_V2
                + "\",\"reason\":\"login\",\"service\":\"sync\",\"verificationMethod\":\"email-otp\"}");
        assertBearer(server.requests("GET", "/v1/account/keys").get(0), "fxk",
                Hex.encode(FxaTokenKeys.deriveHex(KEY_FETCH_TOKEN_V2,
                        FxaTokenKeys.Kind.KEY_FETCH).tokenId()));
        assertThat(linked.credentials().keyId()).isEqualTo(KID_V2);
        assertThat(linked.credentials().syncKeys()).isEqualTo(KeyBundle.fromKSync(Hex.decode(KSYNC_V2)));
        assertThat(linked.credentials().syncKeys()).isEqualTo(SyncKeyDerivation.syncKeyBundle(Hex.decode(KB_V2)));
    }

    @ParameterizedTest(name = "credentials/status {0} -> v1")
    @CsvSource(delimiter = '|', value = {
            "{\"currentVersion\":\"v1\",\"upgradeNeeded\":true}",
            "{\"currentVersion\":\"v2\",\"clientSalt\":\"identity.mozilla.com/picl/v1/quickStretchV2:0123456789abcdef0123456789abcdef\",\"upgradeNeeded\":true}",
            "{\"currentVersion\":\"v1\"}" })
    void accountsWithoutUsableV2CredentialsSignInWithV1(String answer) {
        loginAnswers(true);
        server.on("POST /v1/account/credentials/status", req -> Response.json(200, answer));
        fxa.signIn(EMAIL, PASSWORD);
        assertThat(json(server.requests("POST", "/v1/account/login").get(0)).get("authPW").asText()).isEqualTo(AUTH_PW);
    }

    @Test
    void anUnknownAccountIsLeftForTheLoginToAnswer() {
        server.on("POST /v1/account/credentials/status", req -> Response.json(400,
                "{\"code\":400,\"errno\":102,\"error\":\"Bad Request\",\"message\":\"Unknown account\"}"));
        server.on("POST /v1/account/login", req -> Response.json(400,
                "{\"code\":400,\"errno\":102,\"error\":\"Bad Request\",\"message\":\"Unknown account\"}"));
        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD)).isInstanceOfSatisfying(FxaException.class, e -> {
            assertThat(e.kind()).isEqualTo(FxaException.Kind.UNKNOWN_ACCOUNT);
            assertThat(e.route()).isEqualTo("POST /v1/account/login");
        });
        assertThat(json(server.requests("POST", "/v1/account/login").get(0)).get("authPW").asText()).isEqualTo(AUTH_PW);
    }

    @Test
    void aChallengePageBeforeTheLoginStopsTheSignIn() {
        server.on("POST /v1/account/credentials/status", req -> Response.text(406,
                "<html><script>solve()</script></html>", "text/html"));
        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD)).isInstanceOfSatisfying(FxaException.class, e -> {
            assertThat(e.kind()).isEqualTo(FxaException.Kind.BROWSER_CHECK);
            assertThat(e.errno()).isZero();
            assertThat(e.getMessage()).doesNotContain("solve");
        });
        assertThat(server.requests("POST", "/v1/account/login")).isEmpty();
    }

    @Test
    void aMalformedV2SaltIsAProtocolError() {
        server.on("POST /v1/account/credentials/status", req -> Response.json(200, "{\"currentVersion\":\"v2\","
                + "\"clientSalt\":\"identity.mozilla.com/picl/v1/quickStretchV2:XYZ\",\"upgradeNeeded\":false}"));
        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD))
                .isInstanceOf(ServerProtocolException.class);
        assertThat(server.requests("POST", "/v1/account/login")).isEmpty();
    }

    @Test
    void theUnblockFlowSendsFxasFields() {
        server.on("POST /v1/account/credentials/status", req -> Response.json(200,
                "{\"currentVersion\":\"v1\",\"upgradeNeeded\":false}"));
        server.on("POST /v1/account/login", req -> json(req).has("unblockCode")
                ? Response.json(200, "{\"uid\":\"" + UID + "\",\"sessionToken\":\"" + SESSION_TOKEN
                        + "\",\"keyFetchToken\":\"" + KEY_FETCH_TOKEN + "\",\"verified\":true}")
                : Response.json(400, "{\"code\":400,\"errno\":125,\"error\":\"Request blocked\","
                        + "\"message\":\"The request was blocked for security reasons\","
                        + "\"verificationMethod\":\"email-captcha\",\"verificationReason\":\"login\"}"));
        server.on("POST /v1/account/login/send_unblock_code", req -> Response.json(200, "{}"));

        assertThatThrownBy(() -> fxa.signIn(EMAIL, PASSWORD)).isInstanceOfSatisfying(FxaException.class, e -> {
            assertThat(e.kind()).isEqualTo(FxaException.Kind.BLOCKED);
            assertThat(e.verificationMethod()).contains("email-captcha");
        });
        fxa.sendUnblockCode(EMAIL);
        SignInResult result = fxa.signIn(EMAIL, PASSWORD, SignInOptions.defaults().withUnblockCode(" ABCD 1234\n"));

        assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
        Request send = server.requests("POST", "/v1/account/login/send_unblock_code").get(0);
        assertThat(send.bodyText()).isEqualTo("{\"email\":\"" + EMAIL + "\"}");
        assertThat(send.header("Authorization")).isNull();
        Request unblocked = server.requests("POST", "/v1/account/login").get(1);
        assertThat(unblocked.bodyText()).isEqualTo("{\"email\":\"" + EMAIL + "\",\"authPW\":\"" + AUTH_PW
                + "\",\"reason\":\"login\",\"service\":\"sync\",\"verificationMethod\":\"email-otp\","
                + "\"unblockCode\":\"ABCD1234\"}");
    }

    @Test
    void theProfileNamesTheAccessTokensAccount() {
        server.on("GET /v1/profile", req -> Response.json(200, "{\"uid\":\"" + UID + "\",\"email\":\"" + EMAIL
                + "\",\"displayName\":null,\"avatar\":\"https://example/a.png\",\"avatarDefault\":true}"));
        FxaClient withProfile = new FxaClient(FxaConfig.production().withAuthUrl(server.baseUri())
                .withProfileUrl(server.baseUri()), HttpTransport.create("ua"), signer, clock);

        FxaProfile profile = withProfile.profile("a".repeat(64));

        assertThat(profile).isEqualTo(new FxaProfile(UID, EMAIL));
        assertThat(profile.toString()).doesNotContain(EMAIL);
        Request r = server.requests("GET", "/v1/profile").get(0);
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + "a".repeat(64));
        assertThat(r.header("Content-Type")).isNull();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void theConfiguredProfileServerIsAskedAtV1Profile() {
        FxaConfig c = FxaConfig.production().withProfileUrl(URI.create("https://profile.example/v1/"));
        assertThat(c.profileApi("/profile").toString()).isEqualTo("https://profile.example/v1/profile");
        assertThat(FxaConfig.production().profileApi("/profile").toString())
                .isEqualTo("https://profile.accounts.firefox.com/v1/profile");
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
