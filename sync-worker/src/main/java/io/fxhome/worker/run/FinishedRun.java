package io.fxhome.worker.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one sync run leaves behind once it is over: its sync_run row, its first skipped records and, for a sync that
 * completed, what the account's row says about it ({@code synced}, else null). Written by RunGroupCommit.
 */
record FinishedRun(UUID accountId, Instant startedAt, Instant finishedAt, String reason, int attempt, String outcome,
        String error, long applied, long skipped, long deleted, List<SkippedRecord> skippedKept, Synced synced) {

    /**
     * A completed sync: failures are forgotten, the server's soft backoff (X-Weave-Backoff) is kept, and a sync that
     * changed data says so (the scheduler syncs such accounts sooner).
     *
     * @param backoffUntil null without one
     */
    record Synced(Instant backoffUntil, boolean dataChanged) {
    }

    long durationMs() {
        return Duration.between(startedAt, finishedAt).toMillis();
    }
}
