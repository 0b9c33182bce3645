package io.fxhome.sandbox.fxa;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fxhome.sandbox.crypto.AccountKeysBundle;
import io.fxhome.sandbox.crypto.FxaTokenKeys;
import io.fxhome.sandbox.crypto.Hex;

/** Live session and keyFetch tokens, by token id (hex). */
public final class FxaTokens {
    private final Map<String, SessionToken> sessions = new ConcurrentHashMap<>();
    private final Map<String, KeyFetchToken> keyFetchTokens = new ConcurrentHashMap<>();
    private final SecureRandom random;

    public FxaTokens(SecureRandom random) {
        this.random = random;
    }

    /** A new token as the client sees it (64 hex) plus the stored session. */
    public record Issued<T>(String tokenHex, T token) {
        @Override
        public String toString() {
            return "Issued[redacted]";
        }
    }

    public Issued<SessionToken> newSession(String uid, long authAtSeconds, boolean verified) {
        byte[] token = new byte[32];
        random.nextBytes(token);
        FxaTokenKeys keys = FxaTokenKeys.derive(token, "sessionToken");
        SessionToken s = new SessionToken(keys.tokenIdHex(), keys.reqHMACkey(), uid, authAtSeconds, verified);
        sessions.put(s.tokenId(), s);
        return new Issued<>(Hex.encode(token), s);
    }

    public Issued<KeyFetchToken> newKeyFetchToken(String uid, String sessionTokenId, byte[] kA, byte[] wrapKB) {
        byte[] token = new byte[32];
        random.nextBytes(token);
        FxaTokenKeys keys = FxaTokenKeys.derive(token, "keyFetchToken");
        KeyFetchToken k = new KeyFetchToken(keys.tokenIdHex(), keys.reqHMACkey(), uid, sessionTokenId,
                AccountKeysBundle.bundle(keys.keyRequestKey(), kA, wrapKB));
        keyFetchTokens.put(k.tokenId(), k);
        return new Issued<>(Hex.encode(token), k);
    }

    public SessionToken session(String tokenId) {
        return tokenId == null ? null : sessions.get(tokenId);
    }

    public KeyFetchToken keyFetchToken(String tokenId) {
        return tokenId == null ? null : keyFetchTokens.get(tokenId);
    }

    /** Removes and returns the token: single use, whatever the outcome of the request. */
    public KeyFetchToken consumeKeyFetchToken(String tokenId) {
        return tokenId == null ? null : keyFetchTokens.remove(tokenId);
    }

    public void destroySession(String tokenId) {
        sessions.remove(tokenId);
    }

    public void destroyAllFor(String uid) {
        sessions.values().removeIf(s -> s.uid().equals(uid));
        keyFetchTokens.values().removeIf(k -> k.uid().equals(uid));
    }
}
