package io.fxhome.secrets;

import java.util.Arrays;

/**
 * What fxhome keeps to sync on a user's behalf, in the clear: only ever in memory, briefly.
 *
 * @param refreshToken the FxA OAuth refresh token (offline access to the oldsync scope)
 * @param syncKeyBundle kSync, 64 bytes: AES key then HMAC key of the root bundle that decrypts crypto/keys
 * @param keyId the X-KeyID the tokenserver expects: {@code <keyRotationTimestamp ms>-<b64url client state>}
 */
public record AccountSecrets(String refreshToken, byte[] syncKeyBundle, String keyId) {
    public AccountSecrets {
        if (syncKeyBundle.length != 64) {
            throw new IllegalArgumentException("kSync is 64 bytes");
        }
        syncKeyBundle = syncKeyBundle.clone();
    }

    @Override
    public byte[] syncKeyBundle() {
        return syncKeyBundle.clone();
    }

    /** The key rotation timestamp in ms, the part of the key id before the dash. */
    public long keyRotationTimestamp() {
        int dash = keyId.indexOf('-');
        return Long.parseLong(dash < 0 ? keyId : keyId.substring(0, dash));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountSecrets other && refreshToken.equals(other.refreshToken)
                && Arrays.equals(syncKeyBundle, other.syncKeyBundle) && keyId.equals(other.keyId);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "AccountSecrets[refreshToken=<redacted>, syncKeyBundle=<redacted>, keyId=<redacted>]";
    }
}
