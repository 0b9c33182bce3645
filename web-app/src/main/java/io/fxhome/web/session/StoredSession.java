package io.fxhome.web.session;

import java.time.Instant;
import java.util.UUID;

/** A session row (without its hash) and what the request path needs of its account. */
public record StoredSession(UUID accountId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
        Instant accountLastSeenAt) {
}
