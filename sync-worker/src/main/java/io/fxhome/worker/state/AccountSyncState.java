package io.fxhome.worker.state;

/**
 * What the worker remembers of an account's Sync storage as a whole: the node and uid the tokenserver assigned, the
 * global syncID, and the store/crypto timestamps (server strings). A change in any of the first three means the
 * mirror must be rebuilt from a full download.
 */
public record AccountSyncState(String apiEndpoint, String storageUid, String globalSyncId, Integer storageVersion,
        String storeLastModified, String cryptoModified, String keysFingerprint) {

    public static final AccountSyncState EMPTY = new AccountSyncState(null, null, null, null, null, null, null);
}
