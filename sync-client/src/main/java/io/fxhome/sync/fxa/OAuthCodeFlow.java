package io.fxhome.sync.fxa;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.sync.crypto.JweDecrypter;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.KeyId;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.error.TokenServerException;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.token.TokenServerClient;

/**
 * The browser sign-in: OAuth with PKCE and scoped keys (§2.9 of the protocol notes), as a public client such as
 * Firefox for iOS runs it. fxhome never sees the password; kSync and its key id come back end-to-end encrypted
 * ({@code keys_jwe}) to an ephemeral P-256 key.
 *
 * <p>
 * {@code keys_jwe} is made by the user's browser and passed through FxA unread, so it proves nothing about whose
 * keys they are. {@link #complete} therefore takes the identity from Mozilla (the profile server, for the access
 * token) and accepts the keys only once the tokenserver has accepted their key id for that account; a refusal is
 * {@link FxaException.Kind#KEY_MISMATCH} and nothing is linked.
 */
public final class OAuthCodeFlow {
    /** What the browser sign-in asks for: the profile (uid and email) and Sync's keys. */
    public static final String SCOPE = "profile " + SyncKeyDerivation.OLDSYNC_SCOPE;
    /** The {@code entrypoint} metrics parameter sent with the authorization request. */
    public static final String ENTRYPOINT = "fxhome";
    private static final System.Logger LOG = System.getLogger(OAuthCodeFlow.class.getName());
    private static final String TOKEN_ROUTE = "POST /v1/oauth/token";
    /** How far a key id's timestamp may lie ahead of our clock before it is taken as forged. */
    private static final Duration FUTURE_KEY_ID_TOLERANCE = Duration.ofHours(1);

    private final FxaClient fxa;
    private final TokenServerClient tokenServer;
    private final SecureRandom random;

    public OAuthCodeFlow(FxaClient fxa, TokenServerClient tokenServer, SecureRandom random) {
        this.fxa = fxa;
        this.tokenServer = tokenServer;
        this.random = random;
    }

    public OAuthCodeFlow(FxaClient fxa, TokenServerClient tokenServer) {
        this(fxa, tokenServer, new SecureRandom());
    }

    /**
     * A flow that checks keys with the tokenserver at {@code tokenserverUrl} ({@code /1.0/sync/1.5} is appended),
     * over the FxA client's HTTP transport.
     */
    public static OAuthCodeFlow create(FxaClient fxa, URI tokenserverUrl) {
        TokenServerClient tokens = new TokenServerClient(tokenserverUrl, fxa.transport(), fxa.clock(),
                new BackoffTracker(fxa.clock()), null);
        return new OAuthCodeFlow(fxa, tokens);
    }

    /**
     * The authorization URL for {@link FxaConfig#browserClientId()} and
     * {@link FxaConfig#effectiveBrowserRedirectUri()}, and the secrets to keep until the redirect.
     */
    public OAuthStart begin() {
        return begin(fxa.config().effectiveBrowserRedirectUri());
    }

    /**
     * The authorization URL for {@link FxaConfig#browserClientId()} with another redirect URI (it must be registered
     * for that client), and the secrets to keep until the redirect.
     *
     * <p>
     * {@code <contentUrl>/authorization?} with the parameters, in the order, application-services' fxa-client
     * sends them ({@code internal/oauth.rs}, {@code begin_oauth_flow} then {@code oauth_flow}): {@code action=email},
     * {@code response_type=code}, {@code entrypoint}, {@code client_id}, {@code scope}, {@code state} (16 random
     * bytes), {@code code_challenge_method=S256}, {@code code_challenge}, {@code access_type=offline},
     * {@code keys_jwk}, {@code redirect_uri}; form-encoded as its {@code url} crate does (a space is {@code +}).
     */
    public OAuthStart begin(String redirectUri) {
        String clientId = fxa.config().browserClientId();
        String state = randomBase64Url(16);
        // application-services: a 43-byte random verifier, base64url (58 characters).
        String verifier = randomBase64Url(43);
        String challenge = Bytes.base64UrlNoPad(Digests.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        JweDecrypter keyPair = JweDecrypter.generate(random);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "email");
        params.put("response_type", "code");
        params.put("entrypoint", ENTRYPOINT);
        params.put("client_id", clientId);
        params.put("scope", SCOPE);
        params.put("state", state);
        params.put("code_challenge_method", "S256");
        params.put("code_challenge", challenge);
        params.put("access_type", "offline");
        params.put("keys_jwk", keyPair.keysJwk());
        params.put("redirect_uri", redirectUri);
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI url = URI.create(fxa.config().contentUrl() + "/authorization?" + q);
        byte[] d = keyPair.privateKeyBytes();
        try {
            return new OAuthStart(url, new OAuthPending(state, verifier, d, redirectUri, clientId));
        } finally {
            Bytes.wipe(d);
        }
    }

    /** {@link #complete(OAuthPending, String, String)} with what {@link OAuthRedirect#parse} read. */
    public LinkedAccount complete(OAuthPending pending, OAuthRedirect redirect) {
        if (redirect.isError()) {
            pending.forget();
            throw new FxaException(FxaException.Kind.UNEXPECTED, "OAuth redirect", 0, 0,
                    "Firefox Accounts ended the sign-in with error " + redirect.error(), null, null);
        }
        return complete(pending, redirect.code(), redirect.state());
    }

    /**
     * Finishes the browser sign-in. In order: checks {@code state} (constant time) before any request; exchanges the
     * code with the PKCE verifier under the client the authorization named; decrypts {@code keys_jwe} with the
     * ephemeral key and wipes that key; asks the profile server who the access token belongs to (uid, email); takes
     * an access token for the oldsync scope alone (the refresh grant, as application-services does per scope) and
     * asks the tokenserver for a Sync token with it and the key id from {@code keys_jwe}. Only when the tokenserver
     * accepts that key id for the account are the credentials returned. The code-exchange access token, which holds
     * both scopes, is revoked afterwards, as application-services does; on any failure after the exchange the new
     * refresh token is revoked too, so no grant is left behind.
     *
     * @return the account with its real uid and email, the credentials (refresh token of the browser client), and an
     *         access token for the oldsync scope
     * @throws FxaException STATE_MISMATCH for a state we did not issue; KEY_MISMATCH when the tokenserver refuses the
     *         key id ({@code invalid-client-state}, {@code invalid-keysChangedAt}, {@code invalid-key-id}) or the key id
     *         lies in the future; any token-endpoint or profile error
     */
    public LinkedAccount complete(OAuthPending pending, String code, String state) {
        if (state == null || !Bytes.constantTimeEquals(state.getBytes(StandardCharsets.UTF_8),
                pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new FxaException(FxaException.Kind.STATE_MISMATCH, "OAuth redirect", 0, 0,
                    "the state parameter does not match this sign-in attempt", null, null);
        }
        if (pending.isForgotten()) {
            throw new IllegalStateException("this browser sign-in was already completed or abandoned; start again");
        }
        String clientId = pending.clientId();
        FxaClient.OAuthTokens tokens;
        try {
            tokens = fxa.exchangeCode(clientId, code, pending.codeVerifier());
        } catch (RuntimeException e) {
            pending.forget();
            throw e;
        }
        String refreshToken = tokens.refreshToken();
        boolean linked = false;
        try {
            if (refreshToken == null) {
                throw new ServerProtocolException(TOKEN_ROUTE, "no refresh_token although access_type=offline");
            }
            ScopedSyncKey key = decryptKeys(pending, tokens);
            try {
                checkNotFromTheFuture(key.kid());
                FxaProfile profile = fxa.profile(tokens.accessToken().token());
                RefreshResult oldsync = fxa.refresh(refreshToken, clientId);
                if (oldsync.newRefreshToken() != null) {
                    refreshToken = oldsync.newRefreshToken();
                }
                proveKeyId(oldsync.accessToken().token(), key.kid());
                revokeQuietly(() -> fxa.destroyAccessToken(tokens.accessToken().token(), clientId), "access token");
                SyncCredentials credentials = new SyncCredentials(refreshToken, KeyBundle.fromKSync(key.kSync()),
                        key.kid(), key.keysChangedAt(), clientId);
                linked = true;
                return new LinkedAccount(profile.uid(), profile.email(), credentials, oldsync.accessToken());
            } finally {
                key.wipe();
            }
        } finally {
            if (!linked && refreshToken != null) {
                String token = refreshToken;
                revokeQuietly(() -> fxa.destroy(token, clientId), "refresh token");
            }
        }
    }

    /** Decrypts {@code keys_jwe} with the pending key, which is wiped whatever happens. */
    private static ScopedSyncKey decryptKeys(OAuthPending pending, FxaClient.OAuthTokens tokens) {
        byte[] d = pending.privateKey();
        pending.forget();
        byte[] plaintext;
        try {
            String jwe = tokens.keysJweOptional().orElseThrow(
                    () -> new ServerProtocolException(TOKEN_ROUTE, "no keys_jwe although keys_jwk was sent"));
            plaintext = JweDecrypter.fromPrivateKey(d).decrypt(jwe);
        } catch (CryptoException e) {
            throw new ServerProtocolException(TOKEN_ROUTE, "keys_jwe does not decrypt with our key", e);
        } finally {
            Bytes.wipe(d);
        }
        byte[] kSync = null;
        try {
            JsonNode keys = Json.MAPPER.readTree(plaintext);
            JsonNode jwk = keys == null ? null : keys.get(SyncKeyDerivation.OLDSYNC_SCOPE);
            if (jwk == null || !"oct".equals(jwk.path("kty").asText()) || !jwk.path("k").isTextual()
                    || !jwk.path("kid").isTextual()) {
                throw new ServerProtocolException(TOKEN_ROUTE, "keys_jwe has no oldsync key");
            }
            kSync = Bytes.base64UrlDecode(jwk.get("k").asText());
            String kid = jwk.get("kid").asText();
            KeyId parsed = KeyId.parse(kid);
            if (kSync.length != 64) {
                throw new ServerProtocolException(TOKEN_ROUTE, "oldsync key is not 64 bytes");
            }
            if (parsed.clientState().length != 16 || parsed.keysChangedAt() < 0) {
                throw new ServerProtocolException(TOKEN_ROUTE, "oldsync key id is malformed");
            }
            ScopedSyncKey key = new ScopedSyncKey(kSync, kid, parsed.keysChangedAt());
            kSync = null;
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new ServerProtocolException(TOKEN_ROUTE, "keys_jwe plaintext is malformed", e);
        } finally {
            Bytes.wipe(plaintext, kSync);
        }
    }

    /**
     * A key id dated after now cannot be real (FxA dates it from the account's last key change). Sending one could
     * move a first-seen user to storage under keys that are not theirs, so it is refused before the tokenserver.
     */
    private void checkNotFromTheFuture(String kid) {
        Instant keysChangedAt = Instant.ofEpochMilli(KeyId.parse(kid).keysChangedAt());
        if (keysChangedAt.isAfter(fxa.clock().instant().plus(FUTURE_KEY_ID_TOLERANCE))) {
            throw new FxaException(FxaException.Kind.KEY_MISMATCH, "keys_jwe", 0, 0,
                    "the key id of the browser sign-in is dated in the future; these are not the account's keys",
                    null, null);
        }
    }

    /**
     * The tokenserver knows the account's current client state and key rotation time (it refuses a new client state
     * unless FxA's generation or keys_changed_at moved forward: syncstorage-rs
     * {@code syncserver/src/tokenserver/extractors.rs}, {@code TokenserverRequest::validate}); it takes the uid from
     * the access token, never from us. So its acceptance is what ties these keys to this account.
     */
    private void proveKeyId(String oldsyncAccessToken, String kid) {
        try {
            tokenServer.fetch(oldsyncAccessToken, kid, null);
        } catch (TokenServerException e) {
            switch (e.kind()) {
                case INVALID_CLIENT_STATE:
                case INVALID_KEYS_CHANGED_AT:
                case INVALID_KEY_ID:
                    throw new FxaException(FxaException.Kind.KEY_MISMATCH, "GET /1.0/sync/1.5", e.httpStatus(), 0,
                            "the tokenserver refused the key id of the browser sign-in (" + e.statusText()
                                    + "): these are not the account's Sync keys, nothing was linked",
                            null, null);
                default:
                    throw e;
            }
        }
    }

    private static void revokeQuietly(Runnable revoke, String what) {
        try {
            revoke.run();
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "could not revoke the browser sign-in''s {0}: {1}", what, e.getMessage());
        }
    }

    private String randomBase64Url(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Bytes.base64UrlNoPad(b);
    }

    /** kSync and its key id from keys_jwe. */
    private record ScopedSyncKey(byte[] kSync, String kid, long keysChangedAt) {
        void wipe() {
            Bytes.wipe(kSync);
        }

        @Override
        public String toString() {
            return "ScopedSyncKey[<redacted>]";
        }
    }
}
