package io.fxhome.worker.run;

/** How one job ended, which decides what happens to its message. */
public record SyncOutcome(Kind kind, String reason) {
    public enum Kind {
        /** Synced (or nothing had changed). Ack. */
        DONE,
        /** Nothing to do for this account now (paused, deleted, unknown). Ack. */
        SKIPPED,
        /** Another worker is syncing this account right now. Ack: that sync covers it. */
        DUPLICATE,
        /** Credentials or keys stopped working; the account waits for its user. Ack. */
        NEEDS_REAUTH,
        /** The server asked us to wait; the account's "not before" is set. Ack. */
        BACKED_OFF,
        /** A transient failure: retry with a growing delay, then dead-letter. */
        RETRY
    }

    public static SyncOutcome done() {
        return new SyncOutcome(Kind.DONE, null);
    }

    public static SyncOutcome skipped(String reason) {
        return new SyncOutcome(Kind.SKIPPED, reason);
    }

    public static SyncOutcome duplicate() {
        return new SyncOutcome(Kind.DUPLICATE, "account already syncing");
    }

    public static SyncOutcome needsReauth(String reason) {
        return new SyncOutcome(Kind.NEEDS_REAUTH, reason);
    }

    public static SyncOutcome backedOff(String reason) {
        return new SyncOutcome(Kind.BACKED_OFF, reason);
    }

    public static SyncOutcome retry(String reason) {
        return new SyncOutcome(Kind.RETRY, reason);
    }
}
