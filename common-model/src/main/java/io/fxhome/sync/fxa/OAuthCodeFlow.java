package io.fxhome.sync.fxa;

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
import io.fxhome.sync.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browser OAuth flow with PKCE and scoped keys (§2.9): fxhome never sees the password; kSync and the kid come
 * back end-to-end encrypted ({@code keys_jwe}) to an ephemeral P-256 key. The client id must be trusted for the
 * oldsync scope and have the redirect URI registered.
 */
public final class OAuthCodeFlow {
    private static final String TOKEN_ROUTE = "POST /v1/oauth/token";

    private final FxaClient fxa;
    private final SecureRandom random;

    public OAuthCodeFlow(FxaClient fxa, SecureRandom random) {
        this.fxa = fxa;
        this.random = random;
    }

    public OAuthCodeFlow(FxaClient fxa) {
        this(fxa, new SecureRandom());
    }

    /** Builds the authorization URL and the secrets to keep until the redirect. */
    public OAuthStart begin(String redirectUri) {
        String state = randomBase64Url(16);
        String verifier = randomBase64Url(32);
        String challenge = Bytes.base64UrlNoPad(Digests.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        JweDecrypter keyPair = JweDecrypter.generate(random);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", fxa.config().clientId());
        params.put("scope", SyncKeyDerivation.OLDSYNC_SCOPE);
        params.put("state", state);
        params.put("code_challenge_method", "S256");
        params.put("code_challenge", challenge);
        params.put("access_type", "offline");
        params.put("keys_jwk", keyPair.keysJwk());
        params.put("redirect_uri", redirectUri);
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=').append(encode(v)));
        URI url = URI.create(fxa.config().contentUrl() + "/authorization?" + q);
        byte[] d = keyPair.privateKeyBytes();
        try {
            return new OAuthStart(url, new OAuthPending(state, verifier, d, redirectUri));
        } finally {
            Bytes.wipe(d);
        }
    }

    /**
     * Checks {@code state}, exchanges the code (with the PKCE verifier), decrypts {@code keys_jwe} and returns the
     * linked account. uid and email are unknown in this flow (null).
     *
     * @throws FxaException STATE_MISMATCH when the redirect's state is not ours, or any token-endpoint error
     */
    public LinkedAccount complete(OAuthPending pending, String code, String state) {
        if (state == null || !Bytes.constantTimeEquals(state.getBytes(StandardCharsets.UTF_8),
                pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new FxaException(FxaException.Kind.STATE_MISMATCH, "OAuth redirect", 0, 0,
                    "the state parameter does not match this sign-in attempt", null, null);
        }
        FxaClient.OAuthTokens tokens = fxa.exchangeCode(code, pending.codeVerifier());
        if (tokens.refreshToken() == null) {
            throw new ServerProtocolException(TOKEN_ROUTE, "no refresh_token although access_type=offline");
        }
        String jwe = tokens.keysJweOptional()
                .orElseThrow(() -> new ServerProtocolException(TOKEN_ROUTE, "no keys_jwe although keys_jwk was sent"));
        byte[] d = pending.privateKey();
        byte[] plaintext;
        try {
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
            SyncCredentials credentials = new SyncCredentials(tokens.refreshToken(), KeyBundle.fromKSync(kSync), kid,
                    parsed.keysChangedAt());
            pending.forget();
            return new LinkedAccount(null, null, credentials, tokens.accessToken());
        } catch (IOException | IllegalArgumentException e) {
            throw new ServerProtocolException(TOKEN_ROUTE, "keys_jwe plaintext is malformed", e);
        } finally {
            Bytes.wipe(plaintext, kSync);
        }
    }

    private String randomBase64Url(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Bytes.base64UrlNoPad(b);
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
