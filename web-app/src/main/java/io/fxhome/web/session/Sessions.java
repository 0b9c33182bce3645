package io.fxhome.web.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.web.config.WebConfig;

/**
 * Sessions: created at sign-in, checked on every request, ended at sign-out. A checked session is trusted from memory
 * for {@code fxhome.web.session.cache-ttl}, so that a phone's burst of requests costs one database read; the row is
 * touched (idle expiry slid, account marked seen) at most every {@code last-seen-interval}.
 */
@ApplicationScoped
public class Sessions {
    private static final int MAX_CACHED = 100_000;

    private final SessionStore store;
    private final WebConfig.Session config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(UUID accountId, Instant checkedAt, Instant expiresAt, Instant touchedAt) {
    }

    public Sessions(SessionStore store, WebConfig config) {
        this.store = store;
        this.config = config.session();
    }

    public SessionCookie create(UUID accountId, String userAgent) {
        return store.create(accountId, userAgent, clock.instant());
    }

    /** The account this cookie is signed in to, if the session is live. */
    public Optional<UUID> resolve(SessionCookie cookie) {
        Instant now = clock.instant();
        String key = key(cookie);
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAt().isAfter(now)
                && Duration.between(cached.checkedAt(), now).compareTo(config.cacheTtl()) < 0) {
            return Optional.of(cached.accountId());
        }
        Optional<StoredSession> stored = store.find(cookie, now);
        if (stored.isEmpty()) {
            cache.remove(key);
            return Optional.empty();
        }
        StoredSession s = stored.get();
        Instant touchedAt = cached != null ? cached.touchedAt() : s.lastUsedAt();
        Instant expiresAt = s.expiresAt();
        if (Duration.between(touchedAt, now).compareTo(config.lastSeenInterval()) >= 0) {
            boolean seen = s.accountLastSeenAt() == null
                    || Duration.between(s.accountLastSeenAt(), now).compareTo(config.lastSeenInterval()) >= 0;
            store.touch(cookie, now, seen);
            touchedAt = now;
            Instant idle = now.plus(config.idleTimeout());
            Instant absolute = s.createdAt().plus(config.maxAge());
            expiresAt = idle.isBefore(absolute) ? idle : absolute;
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(s.accountId(), now, expiresAt, touchedAt));
        return Optional.of(s.accountId());
    }

    public void end(SessionCookie cookie) {
        cache.remove(key(cookie));
        store.delete(cookie);
    }

    /** Forgets every cached session of the account (its rows are being deleted). */
    public void forgetAccount(UUID accountId) {
        cache.values().removeIf(c -> c.accountId().equals(accountId));
    }

    private static String key(SessionCookie cookie) {
        // The account id is part of the key: a cookie pairing one account's id with another's secret is no session.
        return cookie.accountId() + ":" + Base64.getEncoder().encodeToString(cookie.secretHash());
    }
}
