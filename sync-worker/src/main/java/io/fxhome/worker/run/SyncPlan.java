package io.fxhome.worker.run;

import java.time.Instant;
import java.util.Optional;

import io.fxhome.job.RetryTier;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncTopology;
import io.fxhome.model.account.AccountStatus;
import io.fxhome.sync.storage.MetaGlobal;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.token.StorageNode;
import io.fxhome.worker.state.AccountSyncState;
import io.fxhome.worker.state.CollectionState;

/**
 * What a sync job comes to, decided from the account's state and what the Sync client reported, and from nothing else:
 * no database, no HTTP, not even a clock (the caller passes the time). AccountSyncer asks at each turn and does what it
 * is told: whether to sync now, what to download again in full, what a failure means for the account, and what becomes
 * of the job's message.
 */
public final class SyncPlan {
    private SyncPlan() {
    }

    /** What a failed sync leaves the account with. */
    sealed interface AfterFailure {
    }

    /** A server asked us to wait until then: the account is not synced before, and the job is done. */
    record BackOff(Instant until, String reason) implements AfterFailure {
    }

    /** The stored credentials or keys stopped working: the account waits for its user to sign in again. */
    record NeedsReauth(String reason) implements AfterFailure {
    }

    /**
     * Anything else: the job is tried again later (see {@link #settle}). {@code shownOnAccount}: the account's status
     * says why at once (a refused storage endpoint needs its operator, not only time).
     */
    record Retry(String reason, boolean shownOnAccount) implements AfterFailure {
        Retry(String reason) {
            this(reason, false);
        }
    }

    /** What becomes of a job's message once its sync ended. */
    public sealed interface Settlement {
    }

    /** Acknowledged: done, or nothing more to do about it now. */
    public record Ack() implements Settlement {
    }

    /** {@code next} is published to wait in {@code tier}, then comes back to its lane. */
    public record RetryLater(SyncJob next, RetryTier tier) implements Settlement {
    }

    /** {@code next} goes to the dead-letter queue, and the account says why. */
    public record DeadLetter(SyncJob next) implements Settlement {
    }

    /**
     * Before any request: empty to sync now, else the outcome of a job that has nothing to do yet (the account is not
     * active, or a server asked us to wait and the time has not come).
     */
    static Optional<SyncOutcome> holdBack(AccountRow account, Instant now) {
        if (account.status() != AccountStatus.ACTIVE) {
            return Optional.of(SyncOutcome.skipped("account is " + account.status().dbValue()));
        }
        if (account.backoffUntil() != null && account.backoffUntil().isAfter(now)) {
            return Optional.of(SyncOutcome.backedOff("server backoff until " + account.backoffUntil()));
        }
        return Optional.empty();
    }

    /** Whether the stored state was taken on this storage node: only then do its timestamps and marks hold. */
    static boolean sameNode(AccountSyncState stored, StorageNode node) {
        return node.apiEndpoint().toString().equals(stored.apiEndpoint())
                && Long.toString(node.uid()).equals(stored.storageUid());
    }

    /**
     * Whether every collection is downloaded again in full: on another node, after a new global syncID (the server was
     * wiped and filled again), or with other bulk keys (crypto/keys changed, so every record was encrypted anew). A
     * fingerprint stored by an older worker (see BulkKeysFingerprint) never equals today's: such an account downloads
     * everything once.
     */
    static boolean downloadAllAgain(AccountSyncState stored, boolean sameNode, String globalSyncId,
            String keysFingerprint) {
        return !sameNode || !globalSyncId.equals(stored.globalSyncId())
                || !keysFingerprint.equals(stored.keysFingerprint());
    }

    /**
     * Where one collection's download starts: null for a full download (everything is downloaded again, the
     * collection never completed one, or its engine's syncID or version changed), else its high-water mark.
     */
    static ServerTimestamp downloadFrom(boolean all, CollectionState current, MetaGlobal.EngineInfo engine) {
        boolean full = all || current.highWaterMark() == null || (engine != null
                && (!engine.syncId().equals(current.syncId())
                        || !Integer.valueOf(engine.version()).equals(current.engineVersion())));
        return full ? null : ServerTimestamp.parse(current.highWaterMark());
    }

    /**
     * Whether a collection is to be downloaded: always in full, else when info/collections says it changed after
     * {@code mark} (or says nothing of it).
     */
    static boolean changedSince(ServerTimestamp mark, Optional<ServerTimestamp> modified) {
        return mark == null || modified.isEmpty() || modified.get().isAfter(mark);
    }

    /**
     * Whether a sync that failed so starts over at once, with the same client, from an empty state: when the account's
     * data moved to another storage node, nothing known about the old one holds (marks, syncIDs, keys).
     */
    static boolean startsOver(ClientFailure failure) {
        return failure.nodeReassigned();
    }

    /** What a failure the client reported means for the account: by its status, the only place that reads it. */
    static AfterFailure afterFailure(ClientFailure failure) {
        return switch (failure.status()) {
            case AUTH -> new NeedsReauth(failure.message());
            // A server's 503/429 (or its hard backoff still running) names a time; FxA's throttling may not, and is
            // retried with the growing delays of the retry tiers instead.
            case BACKED_OFF -> failure.backoffUntil().<AfterFailure> map(until -> new BackOff(until, failure.message()))
                    .orElseGet(() -> retry(failure));
            // Network and server errors pass; OTHER (a protocol or crypto problem, a second node reassignment in one
            // job) may too, and after max-attempts the job is dead-lettered for operators to look at. OK is no failure
            // and never comes here.
            case NETWORK, SERVICE, OTHER, OK -> retry(failure);
        };
    }

    private static Retry retry(ClientFailure failure) {
        return new Retry(failure.status() + ": " + failure.message(), failure.endpointRefused());
    }

    /**
     * What becomes of the job's message: acknowledged unless the outcome asks for a retry, which waits in the retry
     * tier of its attempt, until the attempt that reaches {@code maxAttempts} is dead-lettered instead.
     */
    public static Settlement settle(SyncOutcome outcome, SyncJob job, SyncTopology topology, int maxAttempts) {
        return switch (outcome.kind()) {
            case DONE, SKIPPED, DUPLICATE, NEEDS_REAUTH, BACKED_OFF -> new Ack();
            case RETRY -> {
                SyncJob next = job.nextAttempt();
                yield next.attempt() >= maxAttempts ? new DeadLetter(next)
                        : new RetryLater(next, topology.retryTierFor(next.attempt()));
            }
        };
    }
}
