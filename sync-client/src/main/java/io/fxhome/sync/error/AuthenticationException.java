package io.fxhome.sync.error;

/**
 * The stored credentials no longer work: the refresh token was revoked, the tokenserver rejects our keys, or the
 * storage server refused a freshly issued token. The account needs the user to sign in again.
 */
public final class AuthenticationException extends SyncException {
    public AuthenticationException(String reason) {
        super(reason);
    }

    public AuthenticationException(String reason, Throwable cause) {
        super(reason, cause);
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.AUTH;
    }
}
