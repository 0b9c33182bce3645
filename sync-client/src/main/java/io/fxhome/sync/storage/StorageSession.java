package io.fxhome.sync.storage;

import io.fxhome.sync.error.AuthenticationException;
import io.fxhome.sync.token.SyncToken;

/**
 * Supplies the token the storage client signs with. {@link io.fxhome.sync.client.SyncClient} implements renewal
 * (new token, OAuth refresh, node-reassignment check); {@link #fixed} serves a single token.
 */
public interface StorageSession {

    /** The token to use now. */
    SyncToken currentToken();

    /**
     * The storage server answered 401 to {@code rejected}: return a fresh token to retry once with.
     *
     * @throws AuthenticationException when no fresh token can be had
     */
    SyncToken renewAfterUnauthorized(SyncToken rejected);

    /** One token, no renewal. */
    static StorageSession fixed(SyncToken token) {
        return new StorageSession() {
            @Override
            public SyncToken currentToken() {
                return token;
            }

            @Override
            public SyncToken renewAfterUnauthorized(SyncToken rejected) {
                throw new AuthenticationException("the storage server rejected the token and no renewal is possible");
            }
        };
    }
}
