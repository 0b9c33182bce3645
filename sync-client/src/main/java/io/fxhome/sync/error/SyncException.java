package io.fxhome.sync.error;

/**
 * Root of every failure the Sync client reports. One sealed family so that callers can reduce any failure to a
 * {@link SyncStatus}. Messages never contain secrets (passwords, tokens, keys): only routes, status codes and
 * server-chosen error texts.
 */
public abstract sealed class SyncException extends RuntimeException
        permits AuthenticationException, BackedOffException, CryptoException, FxaException, KeysInvalidException,
        NetworkException, NodeReassignedException, ServerProtocolException, StorageHttpException,
        StorageVersionException, TokenServerException, UntrustedEndpointException {

    protected SyncException(String message) {
        super(message);
    }

    protected SyncException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the caller should do about this failure. */
    public abstract SyncStatus status();
}
