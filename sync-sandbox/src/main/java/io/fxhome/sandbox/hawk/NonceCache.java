package io.fxhome.sandbox.hawk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers (credentials id, ts, nonce) triples for as long as their timestamp is inside the skew window, so a replay
 * of a valid request is refused (hawkauthlib's nonce cache; syncstorage-rs itself keeps none).
 */
public final class NonceCache {
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final long windowSeconds;
    private volatile long lastSweep;

    public NonceCache(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    /** Records the nonce; false if it was already used with this id and timestamp. */
    public boolean firstUse(String id, long ts, String nonce, long nowSeconds) {
        sweep(nowSeconds);
        return seen.putIfAbsent(id.length() + ":" + id + ts + ":" + nonce, ts) == null;
    }

    private void sweep(long now) {
        if (now - lastSweep < 10 && seen.size() < 100_000) {
            return;
        }
        lastSweep = now;
        seen.values().removeIf(ts -> Math.abs(now - ts) > 2 * windowSeconds + 1);
    }
}
