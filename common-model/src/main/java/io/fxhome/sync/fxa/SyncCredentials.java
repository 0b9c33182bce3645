package io.fxhome.sync.fxa;

import io.fxhome.sync.crypto.KeyBundle;

/**
 * Everything fxhome must keep (encrypted at rest, by its caller) to sync an account later without the password.
 *
 * @param refreshToken the OAuth refresh token for the oldsync scope (secret)
 * @param syncKeys the root key bundle from kSync, which decrypts crypto/keys (secret)
 * @param keyId the exact X-KeyID for the tokenserver, {@code <keyRotationTimestamp ms>-<b64url client state>}
 * @param keyRotationTimestamp the ms timestamp at the start of {@code keyId}
 */
public record SyncCredentials(String refreshToken, KeyBundle syncKeys, String keyId, long keyRotationTimestamp) {

    public SyncCredentials {
        if (refreshToken == null || syncKeys == null || keyId == null) {
            throw new IllegalArgumentException("refresh token, sync keys and key id are required");
        }
    }

    @Override
    public String toString() {
        return "SyncCredentials[refreshToken=<redacted>, syncKeys=<redacted>, keyId=<redacted>, keyRotationTimestamp="
                + keyRotationTimestamp + "]";
    }
}
