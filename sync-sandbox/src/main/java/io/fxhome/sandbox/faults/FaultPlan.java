package io.fxhome.sandbox.faults;

/** The armed faults of one account, or the global ones. */
public final class FaultPlan {
    /** Storage answers 503 with Retry-After. */
    public final CountedFault storageUnavailable = new CountedFault();
    /** The tokenserver answers 503 with Retry-After. */
    public final CountedFault tokenserverUnavailable = new CountedFault();
    /** Storage answers carry X-Weave-Backoff. */
    public final CountedFault backoff = new CountedFault();
    /** Tokenserver answers carry X-Backoff (a 503 of {@link #tokenserverUnavailable} too). */
    public final CountedFault tokenserverBackoff = new CountedFault();
    /** Sign-in answers 429 errno 114 with retryAfter. */
    public final CountedFault signInThrottled = new CountedFault();
    /** Sign-in answers 400 errno 125 (request blocked). */
    public final CountedFault signInBlocked = new CountedFault();
    /** Sign-in answers HTTP 406 with an HTML/JavaScript bot challenge (the CDN in front of production). */
    public final CountedFault signInChallenged = new CountedFault();
    /** Auth-server answers 503 errno 201. */
    public final CountedFault fxaUnavailable = new CountedFault();
    private volatile long latencyMillis;

    public long latencyMillis() {
        return latencyMillis;
    }

    /** Delays every answer by this many milliseconds (0 to stop). */
    public void latencyMillis(long millis) {
        latencyMillis = Math.max(0, millis);
    }

    public void clear() {
        storageUnavailable.clear();
        tokenserverUnavailable.clear();
        backoff.clear();
        tokenserverBackoff.clear();
        signInThrottled.clear();
        signInBlocked.clear();
        signInChallenged.clear();
        fxaUnavailable.clear();
        latencyMillis = 0;
    }
}
