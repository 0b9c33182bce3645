package io.fxhome.sandbox.hawk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers (credentials id, ts, nonce) triples for as long as their timestamp is inside the skew window, so a replay
 * of a valid request is refused (hawkauthlib's nonce cache; syncstorage-rs itself keeps none).
 */
public final class NonceCache {
    /**
     * How often expired entries are swept. A sweep reads every entry, and none inside the window can go: sweeping more
     * often (it swept on every request once the map held 100,000, which a thousand requests a second reach within the
     * window) only repeats the read, and that was 41 % of the sandbox's CPU in the fleet benchmark.
     */
    private static final long SWEEP_EVERY_SECONDS = 10;
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
        if (Math.abs(now - lastSweep) < SWEEP_EVERY_SECONDS) {
            return;
        }
        lastSweep = now;
        seen.values().removeIf(ts -> Math.abs(now - ts) > 2 * windowSeconds + 1);
    }
}
