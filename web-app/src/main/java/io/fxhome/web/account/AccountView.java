package io.fxhome.web.account;

import java.time.Instant;
import java.util.UUID;

/**
 * The signed-in account as the API shows it.
 *
 * @param email empty for accounts linked by single sign-on, which does not reveal it
 * @param status {@code active}, {@code needs_reauth} (sign in again) or {@code paused}
 */
public record AccountView(UUID id, String email, String status, String statusReason, Instant createdAt, Instant lastSeenAt,
        Instant lastSyncAt, Instant nextSyncAt) {
}
