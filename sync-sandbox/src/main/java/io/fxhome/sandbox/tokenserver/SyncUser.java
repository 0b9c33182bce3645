package io.fxhome.sandbox.tokenserver;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tokenserver's record of one FxA user: which storage uid and node serve them, and the key-change bookkeeping
 * (generation, keys_changed_at, client state, the client states used before) that syncstorage-rs validates and
 * updates (syncserver/src/tokenserver/extractors.rs {@code validate}, handlers.rs {@code update_user}). It starts with
 * the account's true values, as if the Firefox that uploaded the data had already fetched a token. Node
 * reassignment and the "expire tokens" fault move the uid and the token epoch. Guarded by its own monitor.
 */
public final class SyncUser {
    private final String fxaUid;
    private long uid;
    private boolean node2;
    private long generation;
    private long keysChangedAt;
    private String clientState;
    private final Set<String> oldClientStates = new LinkedHashSet<>();
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

    /** The client states of the user's earlier rows (a request with one of them is "stale"). */
    public synchronized Set<String> oldClientStates() {
        return Set.copyOf(oldClientStates);
    }

    /** Node reassignment: a new uid on the other node; tokens for the old uid stop working. */
    public synchronized void reassign(long newUid) {
        uid = newUid;
        node2 = !node2;
        tokenEpoch++;
    }

    /**
     * handlers.rs update_user after a request passed validation: keys_changed_at and generation move forward; a new
     * client state makes a new user row with a new uid on the same node (the old state is remembered as stale).
     * Returns true when the uid changed.
     */
    public synchronized boolean update(Long requestKeysChangedAt, Long requestGeneration, String requestClientState,
            long newUidIfKeysChanged) {
        if (requestGeneration != null) {
            generation = requestGeneration;
        } else if (requestKeysChangedAt != null && requestKeysChangedAt > keysChangedAt
                && requestKeysChangedAt > generation) {
            generation = requestKeysChangedAt;
        }
        if (requestKeysChangedAt != null) {
            keysChangedAt = requestKeysChangedAt;
        }
        if (!requestClientState.equals(clientState)) {
            oldClientStates.add(clientState);
            clientState = requestClientState;
            uid = newUidIfKeysChanged;
            return true;
        }
        return false;
    }

    /** Tokens minted before the current epoch are refused by storage. */
    public synchronized long tokenEpoch() {
        return tokenEpoch;
    }

    public synchronized void expireTokens() {
        tokenEpoch++;
    }
}
