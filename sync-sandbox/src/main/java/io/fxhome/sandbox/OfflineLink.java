package io.fxhome.sandbox;

/**
 * What a client holds once it has linked an account for offline Sync access, as a password sign-in (login, keys,
 * scoped-key-data, an {@code access_type=offline} fxa-credentials grant) leaves it: the refresh token, kSync and the
 * X-KeyID. Issued by {@link Sandbox#issueOfflineLink} without the sign-in, for benchmarks that link thousands of
 * accounts; the token is an ordinary refresh token that the OAuth endpoints treat like any other.
 *
 * @param uid the FxA uid
 * @param email the primary address
 * @param clientId the OAuth client the refresh token belongs to
 * @param refreshToken 64 hex
 * @param kSync 64 bytes: AES key then HMAC key
 * @param keyId {@code <keyRotationTimestamp>-<b64url(clientState)>}
 */
public record OfflineLink(String uid, String email, String clientId, String refreshToken, byte[] kSync, String keyId) {
    public OfflineLink {
        kSync = kSync.clone();
    }

    @Override
    public byte[] kSync() {
        return kSync.clone();
    }

    @Override
    public String toString() {
        return "OfflineLink[uid=" + uid + ", clientId=" + clientId + ", secrets redacted]";
    }
}
