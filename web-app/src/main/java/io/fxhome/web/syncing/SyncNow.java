package io.fxhome.web.syncing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.job.InteractiveSyncOutcome;
import io.fxhome.job.InteractiveSyncService;
import io.fxhome.job.SyncJobPublishException;
import io.fxhome.job.SyncReason;
import io.fxhome.web.problem.Problem;

/** The "sync now" button: one interactive job, rate-limited per account by {@link InteractiveSyncService}. */
@ApplicationScoped
public class SyncNow {
    private final InteractiveSyncService requests;

    public SyncNow(InteractiveSyncService requests) {
        this.requests = requests;
    }

    /** @throws Problem when the sync cannot be enqueued now (rate limited, re-authentication needed, broker down) */
    public InteractiveSyncOutcome request(UUID accountId) {
        InteractiveSyncOutcome outcome;
        try {
            outcome = requests.request(accountId, SyncReason.INTERACTIVE);
        } catch (SyncJobPublishException e) {
            throw new Problem(503, "queue-unavailable", "Sync not started",
                    "The sync queue is not reachable right now; try again in a minute.",
                    Duration.ofSeconds(30), null);
        }
        return switch (outcome.result()) {
            case ENQUEUED, RESUMED_AND_ENQUEUED -> outcome;
            case RATE_LIMITED -> {
                Duration wait = Duration.between(Instant.now(), outcome.retryAt().orElse(Instant.now())).plusSeconds(1);
                throw new Problem(429, "sync-rate-limited", "Just synced",
                        "A sync was started moments ago. You can ask again in " + Math.max(1, wait.toSeconds()) + " seconds.",
                        wait, null);
            }
            case NEEDS_REAUTH -> throw new Problem(409, "needs-reauth", "Sign in again",
                    "Firefox Accounts no longer accepts fxhome's access for this account. Sign in again to resume syncing.");
            case DELETED, UNKNOWN_ACCOUNT -> throw Problem.notSignedIn();
        };
    }
}
