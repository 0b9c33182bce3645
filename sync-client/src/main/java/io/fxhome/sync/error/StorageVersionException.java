package io.fxhome.sync.error;

/**
 * meta/global declares a storage version other than 5. Newer: this client is too old and must not touch the data.
 * Older: the data predates the current format and Firefox itself would wipe it; nothing usable for a mirror.
 */
public final class StorageVersionException extends SyncException {
    public static final int SUPPORTED = 5;
    private final int storageVersion;

    public StorageVersionException(int storageVersion) {
        super(storageVersion > SUPPORTED
                ? "meta/global has storageVersion " + storageVersion + "; this client only understands "
                        + SUPPORTED + " (client upgrade required)"
                : "meta/global has obsolete storageVersion " + storageVersion + "; no usable Sync data");
        this.storageVersion = storageVersion;
    }

    public int storageVersion() {
        return storageVersion;
    }

    /** True when the server data is newer than this client understands. */
    public boolean clientTooOld() {
        return storageVersion > SUPPORTED;
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.OTHER;
    }
}
