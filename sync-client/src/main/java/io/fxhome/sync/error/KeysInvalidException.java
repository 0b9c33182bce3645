package io.fxhome.sync.error;

/**
 * crypto/keys does not verify with our kSync: the keys we hold are stale (password reset elsewhere) or wrong. Never
 * "fix" this by uploading keys; the account needs re-authentication.
 */
public final class KeysInvalidException extends SyncException {
    public KeysInvalidException(String reason) {
        super(reason);
    }

    public KeysInvalidException(String reason, Throwable cause) {
        super(reason, cause);
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.AUTH;
    }
}
