package io.fxhome.web.syncing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The account's syncing as its user sees it, for the status page and the first-sync screen: state, the running sync's
 * progress and the last run.
 *
 * @param state {@code syncing} (a worker is on it: see {@code progress}), {@code queued} (asked for, not started),
 *        {@code idle}, or {@code needs-reauth} (sign in again)
 * @param firstSyncDone whether any sync has completed, i.e. the lists show the user's data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncOverview(String state, String accountStatus, String statusReason, boolean firstSyncDone,
        Instant lastSyncAt, Instant nextSyncAt, Instant requestedAt, Instant backoffUntil, Progress progress,
        LastRun lastRun) {

    /** The running sync: which collection, how many records so far. */
    public record Progress(Instant startedAt, String collection, int recordsDone, Integer recordsExpected, Instant updatedAt) {
    }

    /** The latest finished run. */
    public record LastRun(Instant startedAt, Instant finishedAt, String reason, String outcome, String error,
            int recordsApplied,
            int recordsSkipped) {
    }
}
