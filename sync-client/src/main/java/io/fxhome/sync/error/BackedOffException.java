package io.fxhome.sync.error;

import java.time.Instant;

/** A server asked us to go away (503/429 with Retry-After or X-Weave-Backoff): no request before {@link #until()}. */
public final class BackedOffException extends SyncException {
    private final Instant until;

    public BackedOffException(String route, Instant until) {
        super(route + " asked to back off until " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.BACKED_OFF;
    }
}
