package io.fxhome.job;

/** A message on the sync queues that no worker of this version can act on. */
public class InvalidSyncJobException extends RuntimeException {
    public InvalidSyncJobException(String message) {
        super(message);
    }
}
