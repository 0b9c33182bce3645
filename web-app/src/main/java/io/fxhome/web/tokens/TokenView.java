package io.fxhome.web.tokens;

import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never its secret, which exists only in the answer that created it. */
public record TokenView(UUID id, String name, Instant createdAt, Instant lastUsedAt) {
}
