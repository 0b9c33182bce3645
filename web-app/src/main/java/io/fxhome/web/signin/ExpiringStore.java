package io.fxhome.web.signin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Values that live in this process's memory only, for a short time, under a random handle: the secrets of half-done
 * sign-ins never reach the database or a cookie. Expired or evicted values are handed to {@code onDrop} (which wipes
 * them).
 */
final class ExpiringStore<V> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int max;
    private final Consumer<V> onDrop;
    private final Clock clock;

    ExpiringStore(Duration ttl, int max, Consumer<V> onDrop, Clock clock) {
        this.ttl = ttl;
        this.max = max;
        this.onDrop = onDrop;
        this.clock = clock;
    }

    /** Stores the value under a new random handle. */
    String put(V value) {
        purgeExpired();
        if (entries.size() >= max) {
            entries.entrySet().stream().min(Comparator.comparing(e -> e.getValue().expiresAt()))
                    .ifPresent(oldest -> drop(oldest.getKey()));
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        entries.put(handle, new Entry<>(value, clock.instant().plus(ttl)));
        return handle;
    }

    Optional<V> get(String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        Entry<V> e = entries.get(handle);
        if (e == null) {
            return Optional.empty();
        }
        if (!e.expiresAt().isAfter(clock.instant())) {
            drop(handle);
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    Optional<Instant> expiresAt(String handle) {
        Entry<V> e = handle == null ? null : entries.get(handle);
        return e == null ? Optional.empty() : Optional.of(e.expiresAt());
    }

    /** Removes the value without dropping it (the caller keeps using it). */
    Optional<V> take(String handle) {
        Entry<V> e = handle == null ? null : entries.remove(handle);
        return e == null || !e.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(e.value());
    }

    void drop(String handle) {
        Entry<V> e = handle == null ? null : entries.remove(handle);
        if (e != null) {
            onDrop.accept(e.value());
        }
    }

    int size() {
        return entries.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        entries.entrySet().removeIf(e -> {
            if (!e.getValue().expiresAt().isAfter(now)) {
                onDrop.accept(e.getValue().value());
                return true;
            }
            return false;
        });
    }
}
