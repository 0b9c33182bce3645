package io.fxhome.job;

/**
 * Jobs were not (all) confirmed by the broker: not connected, refused (nack), unroutable, or no confirm in time.
 * Some of them may still have been enqueued, so a caller retrying the whole batch may create duplicates, which
 * workers drop cheaply; a caller must never assume that a failed publish enqueued nothing.
 */
public class SyncJobPublishException extends RuntimeException {
    public SyncJobPublishException(String message) {
        super(message);
    }

    public SyncJobPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
