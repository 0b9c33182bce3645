package io.fxhome.sync.fxa;

import java.util.Optional;

import io.fxhome.sync.crypto.KeyBundle;

/**
 * Everything fxhome must keep (encrypted at rest, by its caller) to sync an account later without the password.
 *
 * @param refreshToken the OAuth refresh token for the oldsync scope (secret)
 * @param syncKeys the root key bundle from kSync, which decrypts crypto/keys (secret)
 * @param keyId the exact X-KeyID for the tokenserver, {@code <keyRotationTimestamp ms>-<b64url client state>}
 * @param keyRotationTimestamp the ms timestamp at the start of {@code keyId}
 * @param clientId the OAuth client the refresh token was issued to, which must be named when it is refreshed or
 *        revoked: {@link FxaConfig#clientId()} after a password sign-in, {@link FxaConfig#browserClientId()} after the
 *        browser sign-in; {@code null} means {@link FxaConfig#clientId()} (credentials stored before this was kept)
 */
public record SyncCredentials(String refreshToken, KeyBundle syncKeys, String keyId, long keyRotationTimestamp,
        String clientId) {

    public SyncCredentials {
        if (refreshToken == null || syncKeys == null || keyId == null) {
            throw new IllegalArgumentException("refresh token, sync keys and key id are required");
        }
        if (clientId != null && clientId.isBlank()) {
            clientId = null;
        }
    }

    /** Credentials whose refresh token belongs to {@link FxaConfig#clientId()}. */
    public SyncCredentials(String refreshToken, KeyBundle syncKeys, String keyId, long keyRotationTimestamp) {
        this(refreshToken, syncKeys, keyId, keyRotationTimestamp, null);
    }

    /** The OAuth client of the refresh token, when it is not the configured password client. */
    public Optional<String> oauthClientId() {
        return Optional.ofNullable(clientId);
    }

    /** The same credentials with another refresh token (after FxA rotated it). */
    public SyncCredentials withRefreshToken(String token) {
        return new SyncCredentials(token, syncKeys, keyId, keyRotationTimestamp, clientId);
    }

    @Override
    public String toString() {
        return "SyncCredentials[refreshToken=<redacted>, syncKeys=<redacted>, keyId=<redacted>, keyRotationTimestamp="
                + keyRotationTimestamp + ", clientId=" + clientId + "]";
    }
}
