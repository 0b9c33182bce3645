package io.fxhome.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The message that asks a worker to sync one account. Defined once, here; producers (scheduler, web-app) and the
 * consumer (sync-worker) share it through {@link SyncJobCodec}. Bump {@link #CURRENT_VERSION} on any change a
 * worker of the previous version could not read.
 *
 * @param version message format version
 * @param accountId the account to sync
 * @param reason why (decides the lane)
 * @param requestedAt when it was asked for (for lag metrics and to drop stale duplicates)
 * @param attempt 0 for the first delivery, then 1, 2, ... on each retry
 */
public record SyncJob(int version, UUID accountId, SyncReason reason, Instant requestedAt, int attempt) {
    public static final int CURRENT_VERSION = 1;

    public SyncJob {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0");
        }
    }

    public static SyncJob of(UUID accountId, SyncReason reason, Instant requestedAt) {
        return new SyncJob(CURRENT_VERSION, accountId, reason, requestedAt, 0);
    }

    public SyncJob nextAttempt() {
        return new SyncJob(version, accountId, reason, requestedAt, attempt + 1);
    }

    /** The queue this job belongs on. */
    public String queue() {
        return reason.interactive() ? SyncQueues.INTERACTIVE : SyncQueues.SCHEDULED;
    }
}
