package io.fxhome.sandbox.tokenserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token epoch of its user at the time each token was minted: storage refuses a token older than the user's
 * current epoch (the "expire tokens" fault, node reassignment). Bounded: forgotten tokens are simply not checked.
 */
public final class TokenEpochs {
    private static final int MAX_REMEMBERED = 200_000;

    private final Map<String, Long> byTokenId = new ConcurrentHashMap<>();

    /** Remembers the epoch of the user at mint time. */
    public void record(String tokenId, long epoch) {
        if (byTokenId.size() > MAX_REMEMBERED) {
            byTokenId.clear();
        }
        byTokenId.put(tokenId, epoch);
    }

    /** The epoch the token was minted in; null when not remembered. */
    public Long epochOf(String tokenId) {
        return byTokenId.get(tokenId);
    }
}
