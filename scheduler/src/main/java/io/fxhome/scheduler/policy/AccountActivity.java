package io.fxhome.scheduler.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the policy looks at for one due account.
 *
 * @param accountId the account
 * @param createdAt when it was linked (stands in for the last use of an account never seen since)
 * @param lastSeenAt when the user last used fxhome, or null
 * @param backoffUntil the Sync servers asked not to be called for this account before then, or null
 * @param dataChangedAt when a sync last downloaded changed records, or null
 * @param apiEndpoint the storage endpoint of its last sync ({@code sync_state.api_endpoint}), or null: its storage
 *        node's backoff holds for it
 */
public record AccountActivity(UUID accountId, Instant createdAt, Instant lastSeenAt, Instant backoffUntil,
        Instant dataChangedAt, String apiEndpoint) {
    public AccountActivity {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** An account whose storage node is not known (never synced). */
    public AccountActivity(UUID accountId, Instant createdAt, Instant lastSeenAt, Instant backoffUntil,
            Instant dataChangedAt) {
        this(accountId, createdAt, lastSeenAt, backoffUntil, dataChangedAt, null);
    }

    /** The last time the account counts as used. */
    public Instant lastUsedAt() {
        return lastSeenAt != null ? lastSeenAt : createdAt;
    }
}
