package io.fxhome.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param work what to do: a whole sync (the default, and what a message without the field means), or only fetch the
 *        tabs other Firefoxes sent. Written only when it is not a whole sync, so a sync's message is byte for byte
 *        what it was before the field existed; a worker that predates it ignores it and syncs the account in full
 *        (more work, never a lost message), which is why the version stays 1.
 */
public record SyncJob(int version, UUID accountId, SyncReason reason, Instant requestedAt, int attempt,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Work.WholeSyncFilter.class) Work work) {
    public static final int CURRENT_VERSION = 1;

    /** What a job asks of the worker. */
    public enum Work {
        /** Sync the account's collections (then receive its Send Tab commands). */
        SYNC,
        /** Only fetch the Send Tab commands sent to fxhome (the app's short poll while it is open). */
        RECEIVE_COMMANDS;

        /** Leaves {@link #SYNC} out of the JSON (Jackson's custom filter: {@code equals} true means "omit"). */
        static final class WholeSyncFilter {
            @Override
            public boolean equals(Object value) {
                return value == null || value == SYNC;
            }

            @Override
            public int hashCode() {
                return 0;
            }
        }
    }

    public SyncJob {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0");
        }
        if (work == null) {
            work = Work.SYNC;
        }
    }

    public SyncJob(int version, UUID accountId, SyncReason reason, Instant requestedAt, int attempt) {
        this(version, accountId, reason, requestedAt, attempt, Work.SYNC);
    }

    public static SyncJob of(UUID accountId, SyncReason reason, Instant requestedAt) {
        return new SyncJob(CURRENT_VERSION, accountId, reason, requestedAt, 0, Work.SYNC);
    }

    /** A job that only fetches the account's Send Tab commands, on the interactive lane (the user has the app open). */
    public static SyncJob receiveCommands(UUID accountId, Instant requestedAt) {
        return new SyncJob(CURRENT_VERSION, accountId, SyncReason.INTERACTIVE, requestedAt, 0, Work.RECEIVE_COMMANDS);
    }

    public SyncJob nextAttempt() {
        return new SyncJob(version, accountId, reason, requestedAt, attempt + 1, work);
    }

    /** The queue this job belongs on. */
    public String queue() {
        return reason.interactive() ? SyncQueues.INTERACTIVE : SyncQueues.SCHEDULED;
    }
}
