package io.fxhome.sandbox.fxa;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fxhome.sandbox.crypto.Hex;

/** OAuth access tokens, refresh tokens and authorization codes (all 64 hex), with what they grant. */
public final class OAuthTokens {
    private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final SecureRandom random;

    public OAuthTokens(SecureRandom random) {
        this.random = random;
    }

    /**
     * What an access token grants; {@code generation} is the account's verifierSetAt ("fxa-generation"),
     * {@code profileChangedAt} its "fxa-profileChangedAt".
     */
    public record AccessToken(String uid, String clientId, Set<String> scope, long expiresAtMillis, long generation,
            long authAt, long profileChangedAt) {
    }

    public record RefreshToken(String uid, String clientId, Set<String> scope, long authAt) {
    }

    /** A pending authorization code of the PKCE flow (15 minutes, single use). */
    public record AuthorizationCode(String uid, String clientId, Set<String> scope, String codeChallenge,
            String keysJwe, boolean offline, long authAt, long expiresAtMillis, String redirectUri) {
    }

    private String newHex() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Hex.encode(b);
    }

    public String issueAccessToken(AccessToken grant) {
        String token = newHex();
        accessTokens.put(token, grant);
        return token;
    }

    public String issueRefreshToken(RefreshToken grant) {
        String token = newHex();
        refreshTokens.put(token, grant);
        return token;
    }

    public String issueCode(AuthorizationCode code) {
        String c = newHex();
        codes.put(c, code);
        return c;
    }

    /** The grant of a live access token, else null. */
    public AccessToken access(String token, long now) {
        AccessToken t = accessIncludingExpired(token);
        return t != null && t.expiresAtMillis() > now ? t : null;
    }

    /** The grant of an access token the server still knows, expired or not. */
    public AccessToken accessIncludingExpired(String token) {
        return token == null ? null : accessTokens.get(token.toLowerCase(Locale.ROOT));
    }

    public RefreshToken refresh(String token) {
        return token == null ? null : refreshTokens.get(token.toLowerCase(Locale.ROOT));
    }

    /** A pending code, left in place (FxA removes a code only once every check passed). */
    public AuthorizationCode code(String code) {
        return code == null ? null : codes.get(code.toLowerCase(Locale.ROOT));
    }

    public AuthorizationCode consumeCode(String code) {
        return code == null ? null : codes.remove(code.toLowerCase(Locale.ROOT));
    }

    /** Destroys whichever kind of token this is; true if one was found. */
    public boolean destroy(String token) {
        return token != null && (accessTokens.remove(token) != null | refreshTokens.remove(token) != null);
    }

    public boolean destroyAccess(String token) {
        return token != null && accessTokens.remove(token.toLowerCase(Locale.ROOT)) != null;
    }

    public boolean destroyRefresh(String token) {
        return token != null && refreshTokens.remove(token.toLowerCase(Locale.ROOT)) != null;
    }

    /** A non-secret id of a refresh token (as production's jti is a hash of the token): SHA-256 hex. */
    public static String refreshTokenId(String token) {
        try {
            return Hex.encode(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the refresh token with this {@link #refreshTokenId id} is still alive. */
    public boolean refreshIdAlive(String id) {
        return refreshTokens.keySet().stream().anyMatch(t -> refreshTokenId(t).equals(id));
    }

    /** Revokes the refresh token with this {@link #refreshTokenId id} (destroying its device does). */
    public void destroyRefreshById(String id) {
        refreshTokens.keySet().removeIf(t -> refreshTokenId(t).equals(id));
    }

    public void destroyAllFor(String uid) {
        accessTokens.values().removeIf(t -> t.uid().equals(uid));
        refreshTokens.values().removeIf(t -> t.uid().equals(uid));
        codes.values().removeIf(c -> c.uid().equals(uid));
    }
}
