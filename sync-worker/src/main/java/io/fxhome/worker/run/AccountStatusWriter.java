package io.fxhome.worker.run;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.fxhome.worker.db.Transactions;

/**
 * What the worker writes into an account's row about its syncing, each in a transaction of its own on the account's
 * shard: the server's request to back off, credentials that stopped working, one more failed attempt, a job given up
 * on. The operators and the scheduler read these; each run's own record (sync_run, its skipped records and the live
 * progress) and what a completed sync writes into the row are stored together by SyncRunRecorder (RunGroupCommit).
 */
final class AccountStatusWriter {
    private final Transactions tx;

    AccountStatusWriter(Transactions tx) {
        this.tx = tx;
    }

    /** A server asked us to wait: the scheduler skips the account until then. */
    void backedOff(UUID accountId, Instant until) {
        update("update account set backoff_until = ? where id = ?", until == null ? null : Timestamp.from(until),
                accountId);
    }

    /** The account waits for its user to sign in again; {@code reason} says why (never a secret). */
    void needsReauth(UUID accountId, String reason) {
        update("update account set status = 'needs_reauth', status_reason = ? where id = ?", reason, accountId);
    }

    /**
     * The sync was refused for a reason its operator must see (a storage endpoint the client will not use): the
     * account stays active, is retried, and says why until a sync completes.
     */
    void refused(UUID accountId, String reason) {
        update("update account set status_reason = ? where id = ?", reason, accountId);
    }

    /** One more attempt failed and is to be retried. */
    void failed(UUID accountId) {
        update("update account set failure_count = failure_count + 1 where id = ?", accountId);
    }

    /** The job was given up on after {@code attempts} attempts: the account says why. */
    void deadLettered(UUID accountId, int attempts, String reason) {
        update("update account set status_reason = ? where id = ?",
                "sync job dead-lettered after " + attempts + " attempts: " + reason, accountId);
    }

    private void update(String sql, Object... parameters) {
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                return ps.executeUpdate();
            }
        });
    }
}
