package io.fxhome.scheduler.status;

import java.time.Instant;

/**
 * Accounts by state and the scheduling backlog, counted at {@code countedAt}.
 *
 * @param active status active (including those an operator paused)
 * @param needsReauth status needs_reauth: waiting for the user to sign in again
 * @param paused status paused: not used for a long time, waiting for the user to come back
 * @param deleted status deleted: being unlinked
 * @param schedulePaused active accounts whose scheduled syncs an operator paused
 * @param due active, not operator-paused accounts whose next sync time has passed
 * @param oldestOverdueSeconds how late the most overdue of them is, in seconds (0 when none is due)
 */
public record AccountCounts(Instant countedAt, long active, long needsReauth, long paused, long deleted, long schedulePaused,
        long due, long oldestOverdueSeconds) {
}
