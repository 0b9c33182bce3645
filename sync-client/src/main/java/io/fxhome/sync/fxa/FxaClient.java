package io.fxhome.sync.fxa;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

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

/**
 * Client of the Firefox Accounts auth server ({@code <authUrl>/v1/...}) for what fxhome needs: password sign-in
 * (onepw v1 or v2 stretching, whichever the account uses) with session verification and unblock codes, fetching kB
 * once, the oldsync key rotation timestamp, OAuth refresh tokens, their refresh and revocation, and the profile of an
 * access token.
 *
 * <p>
 * Session- and keyFetch-authenticated calls carry the token the way {@link FxaConfig#tokenAuth()} says: the typed
 * Bearer form Mozilla's clients send today, or Hawk (id = hex tokenId, key = reqHMACkey) for servers without it. A
 * Hawk header has a payload hash only when the request has a body, over the Content-Type actually sent, as the
 * reference client does (application-services {@code http_client.rs}, {@code HawkRequestBuilder}, before 2026-06).
 *
 * <p>
 * Thread-safe; one instance can serve many users.
 */
public final class FxaClient {
    private static final System.Logger LOG = System.getLogger(FxaClient.class.getName());
    private static final String JSON = "application/json";
    private static final Pattern V2_SALT = Pattern.compile(
            Pattern.quote(OnePwCredentials.V2_SALT_PREFIX) + "[0-9a-f]{32}");

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
        return create(config, HttpTransport.create(config.userAgent()));
    }

    /** A client over {@code http} (its timeouts), with the system clock and random nonces. */
    public static FxaClient create(FxaConfig config, HttpTransport http) {
        return new FxaClient(config, http, new HawkSigner(Clock.systemUTC(), NonceSource.secureRandom()),
                Clock.systemUTC());
    }

    public FxaConfig config() {
        return config;
    }

    HttpTransport transport() {
        return http;
    }

    Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ sign-in

    /** {@link #signIn(String, String, SignInOptions)} with {@link SignInOptions#defaults()}. */
    public SignInResult signIn(String email, String password) {
        return signIn(email, password, SignInOptions.defaults());
    }

    /**
     * Asks which password stretching the account uses ({@code POST /v1/account/credentials/status}), stretches the
     * password accordingly (v2: the account's {@code clientSalt}, PBKDF2 650,000 rounds; v1: the email, 1,000 rounds)
     * and logs in with {@code keys=true}. If the server answers errno 120 (the account's v1 salt uses another email
     * spelling) it tries once more with the v1 salt made from the email the server names, still logging in as what
     * the user typed and sending that as {@code originalLoginEmail} too.
     *
     * @return signed in, or the verification the user must complete before {@link #completeLink}
     * @throws FxaException for wrong credentials ({@code INCORRECT_PASSWORD}, {@code UNKNOWN_ACCOUNT}), an account
     *         without a password ({@code NO_PASSWORD}), a block ({@code BLOCKED}, with its {@code verificationMethod}), a
     *         wrong unblock code ({@code INVALID_UNBLOCK_CODE}), the firewall's challenge page ({@code BROWSER_CHECK}),
     *         throttling and outages
     */
    public SignInResult signIn(String email, String password, SignInOptions options) {
        return signIn(email, email, password, options, null);
    }

    /**
     * One sign-in attempt. After errno 120 it runs once more as fxa-auth-client's {@code signIn} does: the same
     * {@code email} in the body, the v1 salt made with the email the server named, and {@code originalLoginEmail} =
     * what the user typed.
     */
    private SignInResult signIn(String email, String saltEmail, String password, SignInOptions options,
            String originalLoginEmail) {
        Optional<String> clientSalt = v2ClientSalt(email);
        OnePwCredentials credentials = clientSalt.isPresent() ? OnePwCredentials.v2(clientSalt.get(), password)
                : OnePwCredentials.v1(saltEmail, password);
        try {
            FxaAnswer answer = login(email, credentials, options, originalLoginEmail);
            String serverEmail = answer.errno() == 120 ? answer.body().path("email").asText(null) : null;
            if (serverEmail != null && originalLoginEmail == null) {
                credentials.destroy();
                return signIn(email, serverEmail, password, options, email);
            }
            return toSignInResult(answer.orThrow(), email, credentials);
        } finally {
            credentials.destroy();
        }
    }

    /**
     * The account's v2 {@code clientSalt} when it signs in with v2 credentials. Like fxa-auth-client
     * ({@code getCredentialSet}, {@code getCredentialStatusV2}): v2 only when the answer has a {@code clientSalt} and
     * {@code upgradeNeeded} is false; errno 102 (no such account) means v1, so that the login itself answers. fxhome
     * never upgrades an account to v2 (that is a password change). An auth server without the route (404) is an
     * older one, where every account is v1.
     */
    private Optional<String> v2ClientSalt(String email) {
        String route = "POST /v1/account/credentials/status";
        FxaAnswer answer = call("POST", "/account/credentials/status", Json.object().put("email", email), null, null);
        if (!answer.ok()) {
            if (answer.errno() == 102 || (answer.status() == 404 && answer.errno() == 0)) {
                return Optional.empty();
            }
            if (answer.errno() == 149) {
                // What this route answers for an account without a password (verifierSetAt <= 0); the login
                // would answer 210. mozilla/fxa fxa-auth-server lib/routes/account.ts, getCredentialsStatus.
                FxaException e = answer.error();
                throw new FxaException(FxaException.Kind.NO_PASSWORD, e.route(), e.httpStatus(), e.errno(),
                        "the account has no password; use the browser sign-in", null, null);
            }
            throw answer.error();
        }
        JsonNode body = answer.body();
        JsonNode salt = body.path("clientSalt");
        if (!salt.isTextual() || !body.path("upgradeNeeded").isBoolean() || body.path("upgradeNeeded").asBoolean()) {
            return Optional.empty();
        }
        if (!V2_SALT.matcher(salt.asText()).matches()) {
            throw new ServerProtocolException(route, "clientSalt is not a v2 salt");
        }
        return Optional.of(salt.asText());
    }

    private FxaAnswer login(String email, OnePwCredentials credentials, SignInOptions options,
            String originalLoginEmail) {
        // A v2 login sends its authPW in "authPW" too: the route's validator has no other password field
        // (mozilla/fxa fxa-auth-server lib/routes/account.ts, POST /account/login; fxa-auth-client signInWithAuthPW).
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
        return call("POST", "/account/login?keys=true", body, null, null);
    }

    private SignInResult toSignInResult(JsonNode body, String email, OnePwCredentials credentials) {
        String route = "POST /v1/account/login";
        String uid = requiredText(body, "uid", route);
        byte[] sessionToken = requiredToken(body, "sessionToken", route);
        // A v2 login answers keyFetchTokenVersion2 (its wrapKb is unwrapped with the v2 unwrapBKey); fxa-auth-client
        // takes it in place of keyFetchToken. A v1 login must not use a v2 token: kB would come out wrong.
        String kft = credentials.version() == 2 ? body.path("keyFetchTokenVersion2").asText(null) : null;
        if (kft == null) {
            kft = body.path("keyFetchToken").asText(null);
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
                credentials.unwrapBKey(), verified, method, reason, null);
        if (verified) {
            return new SignInResult.SignedIn(pending);
        }
        return new SignInResult.VerificationRequired(pending, method, reason);
    }

    /**
     * Asks FxA to email an unblock code after a sign-in was blocked (errno 125 with {@code email-captcha}):
     * {@code POST /v1/account/login/send_unblock_code} {@code {"email"}}. Then sign in again with
     * {@link SignInOptions#withUnblockCode}.
     */
    public void sendUnblockCode(String email) {
        call("POST", "/account/login/send_unblock_code", Json.object().put("email", email), null, null).orThrow();
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
        call("POST", tokenCode ? "/session/verify/token" : "/session/verify_code", body, pending.sessionToken(),
                FxaTokenKeys.Kind.SESSION).orThrow();
        pending.markVerified();
        return pending;
    }

    /** Verifies the session with an authenticator (TOTP) code. @return the same sign-in, verified */
    public PendingSignIn verifyTotp(PendingSignIn pending, String code) {
        ObjectNode body = Json.object().put("code", code.trim()).put("service", "sync");
        JsonNode answer = call("POST", "/session/verify/totp", body, pending.sessionToken(), FxaTokenKeys.Kind.SESSION)
                .orThrow();
        if (!answer.path("success").asBoolean(false)) {
            throw new FxaException(FxaException.Kind.INVALID_CODE, "POST /v1/session/verify/totp", 200, 0,
                    "the authenticator code was not accepted", null, null);
        }
        pending.markVerified();
        return pending;
    }

    /** Asks FxA to send a new verification email/code. */
    public void resendVerificationCode(PendingSignIn pending) {
        call("POST", "/session/resend_code", Json.object(), pending.sessionToken(), FxaTokenKeys.Kind.SESSION).orThrow();
    }

    /** {@code GET /v1/session/status}; marks the sign-in verified when the server says so. */
    public SessionStatus sessionStatus(PendingSignIn pending) {
        JsonNode body = call("GET", "/session/status", null, pending.sessionToken(), FxaTokenKeys.Kind.SESSION).orThrow();
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
                    keyRotationTimestamp, config.clientId());
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
        String route = "GET /v1/account/keys";
        try {
            JsonNode body = call("GET", "/account/keys", null, keyFetchToken, FxaTokenKeys.Kind.KEY_FETCH).orThrow();
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
            Bytes.wipe(keyFetchToken);
        }
    }

    private long keyRotationTimestamp(PendingSignIn pending) {
        String route = "POST /v1/account/scoped-key-data";
        ObjectNode body = Json.object().put("client_id", config.clientId())
                .put("scope", SyncKeyDerivation.OLDSYNC_SCOPE);
        JsonNode answer = call("POST", "/account/scoped-key-data", body, pending.sessionToken(),
                FxaTokenKeys.Kind.SESSION).orThrow();
        JsonNode ts = answer.path(SyncKeyDerivation.OLDSYNC_SCOPE).path("keyRotationTimestamp");
        if (!ts.canConvertToLong() || ts.asLong() < 0) {
            throw new ServerProtocolException(route, "no keyRotationTimestamp for the oldsync scope");
        }
        return ts.asLong();
    }

    private OAuthTokens createRefreshToken(PendingSignIn pending) {
        ObjectNode body = Json.object().put("grant_type", "fxa-credentials").put("client_id", config.clientId())
                .put("scope", SyncKeyDerivation.OLDSYNC_SCOPE).put("access_type", "offline");
        JsonNode answer = call("POST", "/oauth/token", body, pending.sessionToken(), FxaTokenKeys.Kind.SESSION)
                .orThrow();
        OAuthTokens tokens = OAuthTokens.parse(answer, "POST /v1/oauth/token", clock.instant());
        if (tokens.refreshToken() == null) {
            throw new ServerProtocolException("POST /v1/oauth/token", "no refresh_token although access_type=offline");
        }
        return tokens;
    }

    // ------------------------------------------------------------------ OAuth tokens

    /** {@link #refresh(String, String)} for a refresh token of {@link FxaConfig#clientId()}. */
    public RefreshResult refresh(String refreshToken) {
        return refresh(refreshToken, config.clientId());
    }

    /**
     * A new access token for the oldsync scope from the refresh token ({@code grant_type=refresh_token}, no session
     * needed, no Authorization header), with the body application-services sends
     * ({@code {grant_type, client_id, refresh_token, scope}}).
     *
     * @param clientId the client the refresh token was issued to ({@link SyncCredentials#clientId()})
     * @return the access token, and the new refresh token when the server rotated it (store it at once)
     * @throws FxaException INVALID_TOKEN when the refresh token is revoked, unknown or not this client's: a 401 (FxA
     *         answers 401 errno 110), or a 400 with errno 108/109/110/182 (re-authentication needed)
     */
    public RefreshResult refresh(String refreshToken, String clientId) {
        return refresh(refreshToken, clientId, SyncKeyDerivation.OLDSYNC_SCOPE);
    }

    RefreshResult refresh(String refreshToken, String clientId, String scope) {
        ObjectNode body = Json.object().put("grant_type", "refresh_token").put("client_id", clientIdOrDefault(clientId))
                .put("refresh_token", refreshToken).put("scope", scope);
        FxaAnswer answer = call("POST", "/oauth/token", body, null, null);
        if (!answer.ok()) {
            FxaException e = answer.error();
            // A refused refresh token: this route (the auth server's /v1/oauth/token) answers 401 errno 110 for an
            // unknown, revoked or other client's token, 400 errno 182 for an unknown one; the OAuth server's
            // /v1/token answers 400 errno 108 (invalid token) or 109. mozilla/fxa libs/accounts/errors
            // app-error.ts appErrorFromOauthError. A 401 means "sign in again" whatever its errno.
            if (answer.status() == 401 || (answer.status() == 400 && (e.errno() == 108 || e.errno() == 109
                    || e.errno() == 110 || e.errno() == 182))) {
                throw new FxaException(FxaException.Kind.INVALID_TOKEN, e.route(), e.httpStatus(), e.errno(),
                        "the refresh token was rejected", null, null);
            }
            throw e;
        }
        OAuthTokens tokens = OAuthTokens.parse(answer.orThrow(), "POST /v1/oauth/token", clock.instant());
        String rotated = tokens.refreshToken();
        if (rotated != null && (rotated.isEmpty() || rotated.equals(refreshToken))) {
            rotated = null;
        }
        return new RefreshResult(tokens.accessToken(), rotated);
    }

    /** {@link #destroy(String, String)} for a refresh token of {@link FxaConfig#clientId()}. */
    public void destroy(String refreshToken) {
        destroy(refreshToken, config.clientId());
    }

    /**
     * Revokes a refresh token, e.g. when the user unlinks the account: {@code POST /v1/oauth/destroy}
     * {@code {client_id, token, token_type_hint: "refresh_token"}}, the RFC 7009 route of the auth server (mozilla/fxa
     * fxa-auth-server {@code lib/routes/oauth/destroy.js}: its validator takes only {@code client_id},
     * {@code client_secret}, {@code token} and {@code token_type_hint}). Note that the server answers success for a
     * token it cannot find, including one of another client, so {@code clientId} must be the token's own.
     */
    public void destroy(String refreshToken, String clientId) {
        ObjectNode body = Json.object().put("client_id", clientIdOrDefault(clientId)).put("token", refreshToken)
                .put("token_type_hint", "refresh_token");
        call("POST", "/oauth/destroy", body, null, null).orThrow();
    }

    /** Revokes an access token we no longer need (best effort is the caller's choice). */
    void destroyAccessToken(String accessToken, String clientId) {
        ObjectNode body = Json.object().put("client_id", clientIdOrDefault(clientId)).put("token", accessToken)
                .put("token_type_hint", "access_token");
        call("POST", "/oauth/destroy", body, null, null).orThrow();
    }

    /**
     * Who an access token (with the {@code profile} scope) belongs to: {@code GET <profile-url>/v1/profile} with
     * {@code Authorization: Bearer}, as application-services' {@code get_profile} asks the openid
     * {@code userinfo_endpoint}.
     *
     * @throws FxaException INVALID_TOKEN for a 401 (the token lacks the scope, or is expired or revoked)
     */
    public FxaProfile profile(String accessToken) {
        URI uri = config.profileApi("/profile");
        String route = "GET /v1/profile";
        HttpRequest request = http.newRequest(uri).header("Accept", JSON)
                .header("Authorization", "Bearer " + accessToken).GET().build();
        FxaAnswer answer = exchange(request, route);
        JsonNode body = answer.orThrow();
        String uid = requiredText(body, "uid", route);
        String email = requiredText(body, "email", route);
        if (uid.length() != 32 || !Hex.isHex(uid)) {
            throw new ServerProtocolException(route, "uid is not 16 bytes of hex");
        }
        return new FxaProfile(uid, email);
    }

    /** The authorization-code grant of the OAuth flow (used by {@link OAuthCodeFlow}). */
    OAuthTokens exchangeCode(String clientId, String code, String codeVerifier) {
        ObjectNode body = Json.object().put("grant_type", "authorization_code").put("client_id", clientId)
                .put("code", code).put("code_verifier", codeVerifier);
        JsonNode answer = call("POST", "/oauth/token", body, null, null).orThrow();
        return OAuthTokens.parse(answer, "POST /v1/oauth/token", clock.instant());
    }

    private String clientIdOrDefault(String clientId) {
        return clientId == null || clientId.isBlank() ? config.clientId() : clientId;
    }

    // ------------------------------------------------------------------ HTTP

    /**
     * One auth-server call, authenticated with {@code token} of {@code kind} when given; with Hawk, retried once
     * after errno 111 (our clock is off) with the server's time. Never throws for an HTTP error status: the caller
     * decides via {@link FxaAnswer#orThrow()}.
     */
    private FxaAnswer call(String method, String pathAndQuery, ObjectNode jsonBody, byte[] token,
            FxaTokenKeys.Kind kind) {
        FxaTokenKeys keys = token == null ? null : FxaTokenKeys.derive(token, kind);
        try {
            FxaAnswer answer = callOnce(method, pathAndQuery, jsonBody, keys);
            if (keys != null && config.tokenAuth() == FxaConfig.TokenAuth.HAWK && answer.errno() == 111
                    && answer.body().path("serverTime").canConvertToLong()) {
                signer.learnServerTime(answer.body().path("serverTime").asLong());
                answer = callOnce(method, pathAndQuery, jsonBody, keys);
            }
            return answer;
        } finally {
            if (keys != null) {
                keys.destroy();
            }
        }
    }

    private FxaAnswer callOnce(String method, String pathAndQuery, ObjectNode jsonBody, FxaTokenKeys keys) {
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
        if (keys != null) {
            if (config.tokenAuth() == FxaConfig.TokenAuth.BEARER) {
                rb.header("Authorization", keys.bearerAuthorization());
            } else {
                // A payload hash only with a body, over the Content-Type that is sent with it.
                String hash = body == null ? null : PayloadHash.of(JSON, body);
                HawkCredentials hawk = keys.hawkCredentials();
                rb.header("Authorization", signer.authorization(hawk, method, uri, hash, null));
            }
        }
        return exchange(rb.build(), route);
    }

    private FxaAnswer exchange(HttpRequest request, String route) {
        try (HttpAnswer answer = http.send(request, route)) {
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
                // Non-JSON error pages: the firewall in front of FxA (429 throttling, mapped like the official
                // client does; 406 a challenge page meant for a browser), or a proxy.
                if (status == 429) {
                    return new FxaException(FxaException.Kind.THROTTLED, route, status, 114,
                            "request throttled by the web application firewall", retryAfterHeader, null);
                }
                if (status == 406) {
                    return new FxaException(FxaException.Kind.BROWSER_CHECK, route, status, 0,
                            "the web application firewall answered with a browser challenge; use the browser sign-in",
                            null, null);
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
        return switch (errno) {
            case 102 -> FxaException.Kind.UNKNOWN_ACCOUNT;
            case 103 -> FxaException.Kind.INCORRECT_PASSWORD;
            case 104, 138 -> FxaException.Kind.UNVERIFIED;
            case 105, 152, 153, 183 -> FxaException.Kind.INVALID_CODE;
            case 110 -> FxaException.Kind.INVALID_TOKEN;
            case 111 -> FxaException.Kind.INVALID_TIMESTAMP;
            case 114 -> FxaException.Kind.THROTTLED;
            case 120 -> FxaException.Kind.INCORRECT_EMAIL_CASE;
            case 125 -> FxaException.Kind.BLOCKED;
            case 127 -> FxaException.Kind.INVALID_UNBLOCK_CODE;
            case 201, 203 -> FxaException.Kind.SERVER_ERROR;
            case 204 -> FxaException.Kind.CLIENT_DISABLED;
            case 210 -> FxaException.Kind.NO_PASSWORD;
            default -> status >= 500 ? FxaException.Kind.SERVER_ERROR
                    : status == 429 ? FxaException.Kind.THROTTLED
                            : status == 401 ? FxaException.Kind.INVALID_TOKEN
                                    : FxaException.Kind.UNEXPECTED;
        };
    }

    /** Parsed {@code /v1/oauth/token} answer. */
    record OAuthTokens(AccessToken accessToken, String refreshToken, String keysJwe) {
        static OAuthTokens parse(JsonNode body, String route, Instant now) {
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
