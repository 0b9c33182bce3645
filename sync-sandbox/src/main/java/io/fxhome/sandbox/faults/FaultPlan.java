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
    /**
     * {@code POST /v1/account/devices/invoke_command} answers 429 errno 114 with retryAfter, as fxa-auth-server does
     * when customs ({@code checkAuthenticated(…, 'invokeDeviceCommand')}) blocks the account.
     */
    public final CountedFault invokeThrottled = new CountedFault();
    /**
     * The target of the next {@code invoke_command} re-registers without commands just before it is looked up (a
     * Firefox that stopped taking tabs between the sender's device list and its send), so the server's own check
     * answers 400 errno 157.
     */
    public final CountedFault invokeRacesCommandRemoval = new CountedFault();
    /** Auth-server answers 503 errno 201. */
    public final CountedFault fxaUnavailable = new CountedFault();
    /** Storage answers send their headers and then only this many body bytes, and hold the connection silent. */
    public final CountedFault stallBody = new CountedFault();
    private volatile long latencyMillis;
    private volatile String storageEndpoint;

    public long latencyMillis() {
        return latencyMillis;
    }

    /** Delays every answer by this many milliseconds (0 to stop). */
    public void latencyMillis(long millis) {
        latencyMillis = Math.max(0, millis);
    }

    /** The {@code api_endpoint} the tokenserver hands out instead of the real one, or null. */
    public String storageEndpoint() {
        return storageEndpoint;
    }

    /** Tokens name this storage endpoint (a hostile or misconfigured tokenserver) until cleared; null stops it. */
    public void storageEndpoint(String endpoint) {
        storageEndpoint = endpoint;
    }

    public void clear() {
        stallBody.clear();
        storageEndpoint = null;
        storageUnavailable.clear();
        tokenserverUnavailable.clear();
        backoff.clear();
        tokenserverBackoff.clear();
        signInThrottled.clear();
        signInBlocked.clear();
        signInChallenged.clear();
        fxaUnavailable.clear();
        invokeThrottled.clear();
        invokeRacesCommandRemoval.clear();
        latencyMillis = 0;
    }
}
