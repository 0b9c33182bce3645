package io.fxhome.sandbox.tokenserver;

import java.util.HashSet;
import java.util.Set;

/**
 * The tokenserver's record of one FxA user: which storage uid and node serve them, and the key-change bookkeeping
 * (generation, keys_changed_at, client state and retired client states) that syncstorage-rs validates. Guarded by
 * its own monitor.
 */
public final class SyncUser {
    private final String fxaUid;
    private long uid;
    private boolean node2;
    private long generation;
    private long keysChangedAt;
    private String clientState;
    private final Set<String> oldClientStates = new HashSet<>();
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

    public synchronized boolean isOldClientState(String cs) {
        return oldClientStates.contains(cs);
    }

    public synchronized void update(long newGeneration, long newKeysChangedAt) {
        generation = Math.max(generation, newGeneration);
        keysChangedAt = Math.max(keysChangedAt, newKeysChangedAt);
    }

    /** A new client state with a keys change: retire the old one and move to a new storage uid. */
    public synchronized void replace(long newUid, String newClientState, long newGeneration, long newKeysChangedAt) {
        if (!clientState.isEmpty()) {
            oldClientStates.add(clientState);
        }
        clientState = newClientState;
        uid = newUid;
        update(newGeneration, newKeysChangedAt);
        tokenEpoch++;
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
