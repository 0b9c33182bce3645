package io.fxhome.web.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.secret.AccountSecret;
import io.fxhome.web.session.BearerTokens;

/**
 * Personal API tokens: created (the token shown once), listed, revoked, and checked on read-only API requests. A
 * checked token is trusted from memory for {@code fxhome.web.tokens.cache-ttl}, and its last use is written at most
 * every {@code last-used-interval}: a script polling every second costs one database read per cache period and one
 * write a minute, not one per request.
 */
@ApplicationScoped
public class ApiTokens implements BearerTokens {
    private static final int MAX_CACHED = 100_000;

    private final ApiTokenStore store;
    private final TokensConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(UUID accountId, UUID id, Instant checkedAt, Instant touchedAt) {
    }

    /** A new token: its id and its value, which is never stored and cannot be shown again. */
    public record Created(UUID id, String token) {
        @Override
        public String toString() {
            return "Created[" + id + ", token=<redacted>]";
        }
    }

    public ApiTokens(ApiTokenStore store, TokensConfig config) {
        this.store = store;
        this.config = config;
    }

    public Created create(UUID accountId, String name) {
        AccountSecret token = AccountSecret.generate(accountId);
        UUID id = store.insert(token, TokenNames.check(name), config.maxPerAccount(), clock.instant())
                .orElseThrow(() -> new Problem(409, "too-many-tokens", "Too many tokens",
                        "An account can hold at most " + config.maxPerAccount() + " API tokens. Revoke one first."));
        return new Created(id, token.value(AccountSecret.TOKEN_PREFIX));
    }

    /** A page of the account's tokens, newest first. */
    public TokenPage page(UUID accountId, Optional<TokenCursor> after, int limit) {
        return store.page(accountId, after, limit);
    }

    public boolean revoke(UUID accountId, UUID id) {
        cache.values().removeIf(c -> c.accountId().equals(accountId) && c.id().equals(id));
        return store.delete(accountId, id);
    }

    @Override
    public Optional<UUID> resolve(String bearer) {
        Optional<AccountSecret> parsed = AccountSecret.parse(AccountSecret.TOKEN_PREFIX, bearer);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        AccountSecret token = parsed.get();
        Instant now = clock.instant();
        String key = token.cacheKey();
        Cached cached = cache.get(key);
        if (cached != null && Duration.between(cached.checkedAt(), now).compareTo(config.cacheTtl()) < 0) {
            return Optional.of(cached.accountId());
        }
        Optional<UUID> id = store.find(token);
        if (id.isEmpty()) {
            cache.remove(key);
            return Optional.empty();
        }
        Instant touchedAt = cached == null ? null : cached.touchedAt();
        if (touchedAt == null || Duration.between(touchedAt, now).compareTo(config.lastUsedInterval()) >= 0) {
            store.touch(token.accountId(), id.get(), now);
            touchedAt = now;
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(token.accountId(), id.get(), now, touchedAt));
        return Optional.of(token.accountId());
    }

    /** Forgets every cached token of the account (its rows are being deleted). */
    public void forgetAccount(UUID accountId) {
        cache.values().removeIf(c -> c.accountId().equals(accountId));
    }
}
