package io.fxhome.job;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of a user's request to sync now.
 *
 * @param result what happened
 * @param retryAt for {@link Result#RATE_LIMITED}: when the next request will be accepted (a 429's Retry-After)
 */
public record InteractiveSyncOutcome(Result result, Optional<Instant> retryAt) {
    public enum Result {
        /** The job is on the interactive lane (confirmed by the broker). */
        ENQUEUED,
        /** The account had been paused for disuse: it is active again, and the job is on the interactive lane. */
        RESUMED_AND_ENQUEUED,
        /** Another interactive job for this account was enqueued moments ago; nothing was published. */
        RATE_LIMITED,
        /** The account's credentials stopped working: the user must sign in again first. */
        NEEDS_REAUTH,
        /** The account is being unlinked. */
        DELETED,
        /** No such account. */
        UNKNOWN_ACCOUNT
    }

    public static InteractiveSyncOutcome of(Result result) {
        return new InteractiveSyncOutcome(result, Optional.empty());
    }

    public static InteractiveSyncOutcome rateLimited(Instant retryAt) {
        return new InteractiveSyncOutcome(Result.RATE_LIMITED, Optional.of(retryAt));
    }

    public boolean enqueued() {
        return result == Result.ENQUEUED || result == Result.RESUMED_AND_ENQUEUED;
    }
}
