package io.fxhome.sandbox.tokenserver;

/**
 * The tokenserver's record of one FxA user: which storage uid and node serve them, and the key-change bookkeeping
 * (generation, keys_changed_at, client state) that syncstorage-rs validates. Sandbox accounts never change kB, so
 * these stay as created; node reassignment and the "expire tokens" fault move the uid and the token epoch. Guarded
 * by its own monitor.
 */
public final class SyncUser {
    private final String fxaUid;
    private long uid;
    private boolean node2;
    private final long generation;
    private final long keysChangedAt;
    private final String clientState;
    private long tokenEpoch;

    public SyncUser(String fxaUid, long uid, long generation, long keysChangedAt, String clientState) {
        this.fxaUid = fxaUid;
        this.uid = uid;
        this.generation = generation;
        this.keysChangedAt = keysChangedAt;
        this.clientState = clientState;
    }

    public String fxaUid() {
        return fxaUid;
    }

    public synchronized long uid() {
        return uid;
    }

    public synchronized boolean onNode2() {
        return node2;
    }

    public synchronized long generation() {
        return generation;
    }

    public synchronized long keysChangedAt() {
        return keysChangedAt;
    }

    public synchronized String clientState() {
        return clientState;
    }

    /** Node reassignment: a new uid on the other node; tokens for the old uid stop working. */
    public synchronized void reassign(long newUid) {
        uid = newUid;
        node2 = !node2;
        tokenEpoch++;
    }

    /** Tokens minted before the current epoch are refused by storage. */
    public synchronized long tokenEpoch() {
        return tokenEpoch;
    }

    public synchronized void expireTokens() {
        tokenEpoch++;
    }
}
