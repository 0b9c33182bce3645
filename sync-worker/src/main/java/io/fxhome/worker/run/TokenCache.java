package io.fxhome.worker.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.fxhome.sync.fxa.AccessToken;
import io.fxhome.sync.token.SyncToken;

/**
 * The OAuth access token and tokenserver token of recently synced accounts, kept in this process's memory only
 * (never stored: they are secrets) and reused until shortly before they expire, so a sync every 15 minutes does not
 * cost two extra round trips to Mozilla each time. Bounded: least recently used entries go first.
 */
final class TokenCache {
    record Tokens(AccessToken accessToken, SyncToken syncToken) {
        @Override
        public String toString() {
            return "Tokens[<redacted>]";
        }
    }

    private final Map<UUID, Tokens> entries;

    TokenCache(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Tokens> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Tokens> get(UUID account) {
        return Optional.ofNullable(entries.get(account));
    }

    synchronized void put(UUID account, Optional<AccessToken> access, Optional<SyncToken> sync) {
        if (access.isEmpty() && sync.isEmpty()) {
            entries.remove(account);
        } else {
            entries.put(account, new Tokens(access.orElse(null), sync.orElse(null)));
        }
    }

    /** After credentials stopped working, or the user signed in again: start from the refresh token. */
    synchronized void forget(UUID account) {
        entries.remove(account);
    }
}
