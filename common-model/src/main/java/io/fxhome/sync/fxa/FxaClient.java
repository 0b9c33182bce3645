package io.fxhome.sync.fxa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxhome.sync.crypto.AccountKeysBundle;
import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.FxaTokenKeys;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.OnePwCredentials;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.hawk.HawkCredentials;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.NonceSource;
import io.fxhome.sync.hawk.PayloadHash;
import io.fxhome.sync.http.BackoffHeaders;
import io.fxhome.sync.http.HttpAnswer;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.json.Json;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Client of the Firefox Accounts auth server ({@code <authUrl>/v1/...}) for what fxhome needs: password sign-in
 * with session verification, fetching kB once, the oldsync key rotation timestamp, OAuth refresh tokens, and their
 * refresh and revocation. Session- and keyFetch-authenticated calls are Hawk-signed (id = hex tokenId, key =
 * reqHMACkey) with a payload hash of the JSON body (of "" for GET), as the official JS client does.
 *
 * <p>Thread-safe; one instance can serve many users.
 */
public final class FxaClient {
    private static final System.Logger LOG = System.getLogger(FxaClient.class.getName());
    private static final String JSON = "application/json";

    private final FxaConfig config;
    private final HttpTransport http;
    private final HawkSigner signer;
    private final Clock clock;

    public FxaClient(FxaConfig config, HttpTransport http, HawkSigner signer, Clock clock) {
        this.config = config;
        this.http = http;
        this.signer = signer;
        this.clock = clock;
    }

    /** A client with its own HTTP transport, system clock and random nonces. */
    public static FxaClient create(FxaConfig config) {
        return new FxaClient(config, HttpTransport.create(config.userAgent()),
                new HawkSigner(Clock.systemUTC(), NonceSource.secureRandom()), Clock.systemUTC());
    }

    public FxaConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ sign-in

    /** {@link #signIn(String, String, SignInOptions)} with {@link SignInOptions#defaults()}. */
    public SignInResult signIn(String email, String password) {
        return signIn(email, password, SignInOptions.defaults());
    }

    /**
     * Quick-stretches the password (onepw v1) and logs in with {@code keys=true}. If the server answers errno 120
     * (the account's salt uses another email spelling) it retries once with the email the server names, sending
     * what the user typed as {@code originalLoginEmail}.
     *
     * @return signed in, or the verification the user must complete before {@link #completeLink}
     * @throws FxaException for wrong credentials, throttling, blocks and outages
     */
    public SignInResult signIn(String email, String password, SignInOptions options) {
        OnePwCredentials credentials = OnePwCredentials.v1(email, password);
        try {
            FxaAnswer answer = login(email, credentials, options, null);
            String serverEmail = answer.errno() == 120 ? answer.body().path("email").asText(null) : null;
            if (serverEmail != null && !serverEmail.equals(email)) {
                credentials.destroy();
                credentials = OnePwCredentials.v1(serverEmail, password);
                answer = login(serverEmail, credentials, options, email);
            }
            JsonNode body = answer.orThrow();
            return toSignInResult(body, email, credentials);
        } finally {
            credentials.destroy();
        }
    }

    private FxaAnswer login(String email, OnePwCredentials credentials, SignInOptions options,
            String originalLoginEmail) {
        ObjectNode body = Json.object().put("email", email).put("authPW", credentials.authPwHex());
        body.put("reason", "login");
        if (options.service() != null) {
            body.put("service", options.service());
        }
        if (options.verificationMethod() != null) {
            body.put("verificationMethod", options.verificationMethod());
        }
        if (options.unblockCode() != null) {
            body.put("unblockCode", options.unblockCode());
        }
        if (originalLoginEmail != null) {
            body.put("originalLoginEmail", originalLoginEmail);
        }
        return call("POST", "/account/login?keys=true", body, null);
    }

    private SignInResult toSignInResult(JsonNode body, String email, OnePwCredentials credentials) {
        String route = "POST /v1/account/login";
        String uid = requiredText(body, "uid", route);
        byte[] sessionToken = requiredToken(body, "sessionToken", route);
        String kft = body.path("keyFetchToken").asText(null);
        if (kft == null) {
            kft = body.path("keyFetchTokenVersion2").asText(null);
        }
        if (kft == null || kft.length() != 64 || !Hex.isHex(kft)) {
            throw new ServerProtocolException(route, "no keyFetchToken although keys=true was asked");
        }
        boolean verified;
        if (body.has("verified")) {
            verified = body.path("verified").asBoolean(false);
        } else {
            verified = body.path("emailVerified").asBoolean(false) && body.path("sessionVerified").asBoolean(false);
        }
        String methodText = body.path("verificationMethod").asText(null);
        String reason = body.path("verificationReason").asText(null);
        VerificationMethod method = methodText == null ? null : VerificationMethod.fromWire(methodText);
        if (!verified && method == null) {
            method = "signup".equals(reason) ? VerificationMethod.EMAIL : VerificationMethod.UNKNOWN;
        }
        PendingSignIn pending = new PendingSignIn(uid, email, sessionToken, Hex.decode(kft),
                credentials.unwrapBKey(), verified, method, reason);
        if (verified) {
            return new SignInResult.SignedIn(pending);
        }
        return new SignInResult.VerificationRequired(pending, method, reason);
    }

    /** Asks FxA to email an unblock code after a sign-in was blocked (errno 125). */
    public void sendUnblockCode(String email) {
        call("POST", "/account/login/send_unblock_code", Json.object().put("email", email), null).orThrow();
    }

    // ------------------------------------------------------------------ session verification

    /**
     * Verifies the session with the code FxA emailed: {@code POST /v1/session/verify_code} for {@code email-otp},
     * {@code POST /v1/session/verify/token} for the older {@code email-2fa} token codes.
     *
     * @return the same sign-in, verified
     * @throws FxaException INVALID_CODE when the server rejects the code
     */
    public PendingSignIn verifyEmailCode(PendingSignIn pending, String code) {
        ObjectNode body = Json.object().put("code", code.trim());
        boolean tokenCode = pending.verificationMethod().orElse(null) == VerificationMethod.EMAIL_2FA;
        call("POST", tokenCode ? "/session/verify/token" : "/session/verify_code", body, sessionCredentials(pending))
                .orThrow();
        pending.markVerified();
        return pending;
    }

    /** Verifies the session with an authenticator (TOTP) code. @return the same sign-in, verified */
    public PendingSignIn verifyTotp(PendingSignIn pending, String code) {
        ObjectNode body = Json.object().put("code", code.trim()).put("service", "sync");
        JsonNode answer = call("POST", "/session/verify/totp", body, sessionCredentials(pending)).orThrow();
        if (!answer.path("success").asBoolean(false)) {
            throw new FxaException(FxaException.Kind.INVALID_CODE, "POST /v1/session/verify/totp", 200, 0,
                    "the authenticator code was not accepted", null, null);
        }
        pending.markVerified();
        return pending;
    }

    /** Asks FxA to send a new verification email/code. */
    public void resendVerificationCode(PendingSignIn pending) {
        call("POST", "/session/resend_code", Json.object(), sessionCredentials(pending)).orThrow();
    }

    /** {@code GET /v1/session/status}; marks the sign-in verified when the server says so. */
    public SessionStatus sessionStatus(PendingSignIn pending) {
        JsonNode body = call("GET", "/session/status", null, sessionCredentials(pending)).orThrow();
        String state = body.path("state").asText("");
        JsonNode details = body.path("details");
        SessionStatus status = new SessionStatus("verified".equals(state), body.path("uid").asText(null),
                details.has("accountEmailVerified") ? details.get("accountEmailVerified").asBoolean() : null,
                details.has("sessionVerified") ? details.get("sessionVerified").asBoolean() : null);
        if (status.verified()) {
            pending.markVerified();
        }
        return status;
    }

    // ------------------------------------------------------------------ linking

    /**
     * Turns a verified sign-in into stored-credential material: fetches kB with the single-use keyFetchToken (only
     * after checking the session is verified, since a failed fetch burns the token too), reads the oldsync key
     * rotation timestamp, derives kSync and the X-KeyID, and obtains an offline refresh token. On success every
     * secret of {@code pending} is overwritten; on failure after the key fetch, kB stays in memory so the call can
     * be repeated.
     *
     * @throws FxaException UNVERIFIED when the session still needs verification, or any server error
     * @throws IllegalStateException when the keyFetchToken was already used and kB is not held
     */
    public LinkedAccount completeLink(PendingSignIn pending) {
        if (!pending.verified()) {
            SessionStatus status = sessionStatus(pending);
            if (!status.verified()) {
                throw new FxaException(FxaException.Kind.UNVERIFIED, "GET /v1/session/status", 200, 0,
                        "the session is not verified yet", null, null);
            }
        }
        byte[] kB = pending.kB();
        if (kB == null) {
            kB = fetchKb(pending);
            pending.rememberKb(kB);
        }
        long keyRotationTimestamp = keyRotationTimestamp(pending);
        byte[] kSync = SyncKeyDerivation.kSync(kB);
        try {
            KeyBundle syncKeys = KeyBundle.fromKSync(kSync);
            String keyId = SyncKeyDerivation.keyId(keyRotationTimestamp, kB);
            OAuthTokens tokens = createRefreshToken(pending);
            SyncCredentials credentials = new SyncCredentials(tokens.refreshToken(), syncKeys, keyId,
                    keyRotationTimestamp);
            LinkedAccount linked = new LinkedAccount(pending.uid(), pending.email(), credentials,
                    tokens.accessToken());
            pending.forget();
            return linked;
        } finally {
            Bytes.wipe(kSync);
        }
    }

    private byte[] fetchKb(PendingSignIn pending) {
        byte[] keyFetchToken = pending.takeKeyFetchToken();
        if (keyFetchToken == null) {
            throw new IllegalStateException("the keyFetchToken was already used; sign in again");
        }
        FxaTokenKeys keys = FxaTokenKeys.derive(keyFetchToken, FxaTokenKeys.Kind.KEY_FETCH);
        Bytes.wipe(keyFetchToken);
        String route = "GET /v1/account/keys";
        try {
            JsonNode body = call("GET", "/account/keys", null, keys.hawkCredentials()).orThrow();
            String bundleHex = body.path("bundle").asText("");
            if (bundleHex.length() != 2 * AccountKeysBundle.BUNDLE_LENGTH || !Hex.isHex(bundleHex)) {
                throw new ServerProtocolException(route, "bundle is not 96 bytes of hex");
            }
            AccountKeysBundle.AccountKeys accountKeys;
            try {
                accountKeys = AccountKeysBundle.unbundle(keys.keyRequestKey(), Hex.decode(bundleHex));
            } catch (CryptoException e) {
                throw new ServerProtocolException(route, "key bundle does not verify", e);
            }
            byte[] kB = accountKeys.kB(pending.unwrapBKey());
            accountKeys.destroy();
            return kB;
        } finally {
            keys.destroy();
        }
    }

    private long keyRotationTimestamp(PendingSignIn pending) {
        String route = "POST /v1/account/scoped-key-data";
        ObjectNode body = Json.object().put("client_id", config.clientId())
                .put("scope", SyncKeyDerivation.OLDSYNC_SCOPE);
        JsonNode answer = call("POST", "/account/scoped-key-data", body, sessionCredentials(pending)).orThrow();
        JsonNode ts = answer.path(SyncKeyDerivation.OLDSYNC_SCOPE).path("keyRotationTimestamp");
        if (!ts.canConvertToLong() || ts.asLong() < 0) {
            throw new ServerProtocolException(route, "no keyRotationTimestamp for the oldsync scope");
        }
        return ts.asLong();
    }

    private OAuthTokens createRefreshToken(PendingSignIn pending) {
        ObjectNode body = Json.object().put("grant_type", "fxa-credentials").put("client_id", config.clientId())
                .put("scope", SyncKeyDerivation.OLDSYNC_SCOPE).put("access_type", "offline");
        JsonNode answer = call("POST", "/oauth/token", body, sessionCredentials(pending)).orThrow();
        OAuthTokens tokens = OAuthTokens.parse(answer, "POST /v1/oauth/token", clock.instant());
        if (tokens.refreshToken() == null) {
            throw new ServerProtocolException("POST /v1/oauth/token", "no refresh_token although access_type=offline");
        }
        return tokens;
    }

    // ------------------------------------------------------------------ OAuth tokens

    /**
     * A new access token from the refresh token ({@code grant_type=refresh_token}; no session needed).
     *
     * @throws FxaException INVALID_TOKEN when the refresh token is revoked or unknown (re-authentication needed)
     */
    public AccessToken refresh(String refreshToken) {
        ObjectNode body = Json.object().put("grant_type", "refresh_token").put("client_id", config.clientId())
                .put("refresh_token", refreshToken).put("scope", SyncKeyDerivation.OLDSYNC_SCOPE);
        FxaAnswer answer = call("POST", "/oauth/token", body, null);
        if (!answer.ok() && (answer.status() == 400 || answer.status() == 401)) {
            FxaException e = answer.error();
            if (e.kind() == FxaException.Kind.UNEXPECTED || e.kind() == FxaException.Kind.INVALID_TOKEN) {
                throw new FxaException(FxaException.Kind.INVALID_TOKEN, e.route(), e.httpStatus(), e.errno(),
                        "the refresh token was rejected", null, null);
            }
            throw e;
        }
        return OAuthTokens.parse(answer.orThrow(), "POST /v1/oauth/token", clock.instant()).accessToken();
    }

    /** Revokes a refresh token ({@code POST /v1/oauth/destroy}), e.g. when the user unlinks the account. */
    public void destroy(String refreshToken) {
        ObjectNode body = Json.object().put("client_id", config.clientId()).put("refresh_token", refreshToken);
        call("POST", "/oauth/destroy", body, null).orThrow();
    }

    /** The authorization-code grant of the OAuth flow (used by {@link OAuthCodeFlow}). */
    OAuthTokens exchangeCode(String code, String codeVerifier) {
        ObjectNode body = Json.object().put("grant_type", "authorization_code").put("client_id", config.clientId())
                .put("code", code).put("code_verifier", codeVerifier);
        JsonNode answer = call("POST", "/oauth/token", body, null).orThrow();
        return OAuthTokens.parse(answer, "POST /v1/oauth/token", clock.instant());
    }

    // ------------------------------------------------------------------ HTTP

    private static HawkCredentials sessionCredentials(PendingSignIn pending) {
        FxaTokenKeys keys = FxaTokenKeys.derive(pending.sessionToken(), FxaTokenKeys.Kind.SESSION);
        try {
            return keys.hawkCredentials();
        } finally {
            keys.destroy();
        }
    }

    /**
     * One auth-server call; retries once after errno 111 (our clock is off) with the server's time. Never throws
     * for an HTTP error status: the caller decides via {@link FxaAnswer#orThrow()}.
     */
    private FxaAnswer call(String method, String pathAndQuery, ObjectNode jsonBody, HawkCredentials hawk) {
        FxaAnswer answer = callOnce(method, pathAndQuery, jsonBody, hawk);
        if (hawk != null && answer.errno() == 111 && answer.body().path("serverTime").canConvertToLong()) {
            signer.learnServerTime(answer.body().path("serverTime").asLong());
            answer = callOnce(method, pathAndQuery, jsonBody, hawk);
        }
        return answer;
    }

    private FxaAnswer callOnce(String method, String pathAndQuery, ObjectNode jsonBody, HawkCredentials hawk) {
        int q = pathAndQuery.indexOf('?');
        String route = HttpTransport.route(method, "/v1" + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)));
        URI uri = config.authApi(pathAndQuery);
        byte[] body = jsonBody == null ? null : jsonBody.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder rb = http.newRequest(uri).header("Accept", JSON);
        if (body != null) {
            rb.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (hawk != null) {
            String hash = PayloadHash.of(JSON, body == null ? new byte[0] : body);
            rb.header("Authorization", signer.authorization(hawk, method, uri, hash, null));
        }
        try (HttpAnswer answer = http.send(rb.build(), route)) {
            byte[] bytes = answer.bodyBytes();
            LOG.log(Level.DEBUG, "{0} -> {1}", route, answer.status());
            JsonNode json = null;
            try {
                json = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
            } catch (IOException notJson) {
                json = null;
            }
            Duration retryAfter = answer.header("Retry-After")
                    .flatMap(v -> BackoffHeaders.parse(v, clock.instant())).orElse(null);
            return new FxaAnswer(route, answer.status(), json, retryAfter);
        }
    }

    private static String requiredText(JsonNode body, String field, String route) {
        String v = body.path(field).asText(null);
        if (v == null || v.isEmpty()) {
            throw new ServerProtocolException(route, "missing " + field);
        }
        return v;
    }

    private static byte[] requiredToken(JsonNode body, String field, String route) {
        String v = requiredText(body, field, route);
        if (v.length() != 64 || !Hex.isHex(v)) {
            throw new ServerProtocolException(route, field + " is not 32 bytes of hex");
        }
        return Hex.decode(v);
    }

    /** An auth-server answer: the parsed body (null if not JSON) and the status. */
    private record FxaAnswer(String route, int status, JsonNode json, Duration retryAfterHeader) {

        boolean ok() {
            return status >= 200 && status < 300 && json != null && json.isObject();
        }

        JsonNode body() {
            return json == null ? Json.object() : json;
        }

        int errno() {
            return json == null ? 0 : json.path("errno").asInt(0);
        }

        JsonNode orThrow() {
            if (ok()) {
                return json;
            }
            throw error();
        }

        FxaException error() {
            if (status >= 200 && status < 300) {
                throw new ServerProtocolException(route, "answer is not a JSON object");
            }
            if (json == null || !json.isObject()) {
                // Non-JSON error pages: the WAF in front of FxA (406/429, mapped like the official client), proxies.
                if (status == 429) {
                    return new FxaException(FxaException.Kind.THROTTLED, route, status, 114,
                            "request throttled by the web application firewall", retryAfterHeader, null);
                }
                if (status == 406) {
                    return new FxaException(FxaException.Kind.BLOCKED, route, status, 125,
                            "request blocked by the web application firewall", null, null);
                }
                FxaException.Kind kind = status >= 500 ? FxaException.Kind.SERVER_ERROR
                        : status == 401 ? FxaException.Kind.INVALID_TOKEN : FxaException.Kind.UNEXPECTED;
                return new FxaException(kind, route, status, 0, "non-JSON error answer", retryAfterHeader, null);
            }
            int errno = errno();
            Duration retryAfter = retryAfterHeader;
            JsonNode ra = json.path("retryAfter");
            if (ra.canConvertToLong() && ra.asLong() >= 0) {
                retryAfter = Duration.ofSeconds(ra.asLong());
            }
            String message = json.path("message").asText(json.path("error").asText(null));
            return new FxaException(kindOf(status, errno), route, status, errno, message, retryAfter,
                    json.path("verificationMethod").asText(null));
        }
    }

    static FxaException.Kind kindOf(int status, int errno) {
        switch (errno) {
            case 102:
                return FxaException.Kind.UNKNOWN_ACCOUNT;
            case 103:
                return FxaException.Kind.INCORRECT_PASSWORD;
            case 104:
            case 138:
                return FxaException.Kind.UNVERIFIED;
            case 105:
            case 152:
            case 153:
            case 183:
                return FxaException.Kind.INVALID_CODE;
            case 110:
                return FxaException.Kind.INVALID_TOKEN;
            case 111:
                return FxaException.Kind.INVALID_TIMESTAMP;
            case 114:
                return FxaException.Kind.THROTTLED;
            case 120:
                return FxaException.Kind.INCORRECT_EMAIL_CASE;
            case 125:
                return FxaException.Kind.BLOCKED;
            case 201:
            case 203:
                return FxaException.Kind.SERVER_ERROR;
            case 204:
                return FxaException.Kind.CLIENT_DISABLED;
            default:
                break;
        }
        if (status >= 500) {
            return FxaException.Kind.SERVER_ERROR;
        }
        if (status == 429) {
            return FxaException.Kind.THROTTLED;
        }
        if (status == 401) {
            return FxaException.Kind.INVALID_TOKEN;
        }
        return FxaException.Kind.UNEXPECTED;
    }

    /** Parsed {@code /v1/oauth/token} answer. */
    record OAuthTokens(AccessToken accessToken, String refreshToken, String keysJwe) {
        static OAuthTokens parse(JsonNode body, String route, java.time.Instant now) {
            String access = body.path("access_token").asText(null);
            if (access == null || access.isEmpty()) {
                throw new ServerProtocolException(route, "no access_token");
            }
            long expiresIn = body.path("expires_in").asLong(3600);
            AccessToken token = new AccessToken(access, now.plusSeconds(Math.max(0, expiresIn)),
                    body.path("scope").asText(SyncKeyDerivation.OLDSYNC_SCOPE));
            return new OAuthTokens(token, body.path("refresh_token").asText(null), body.path("keys_jwe").asText(null));
        }

        Optional<String> keysJweOptional() {
            return Optional.ofNullable(keysJwe);
        }

        @Override
        public String toString() {
            return "OAuthTokens[<redacted>]";
        }
    }
}
