package io.fxhome.sandbox;

import io.fxhome.sandbox.fxa.VerificationMode;

/**
 * What the admin API tells about an account. {@code totpSecret} (base32) is exposed on purpose so tests can compute
 * codes; {@code keyId} is the X-KeyID a correct client derives. {@code passwordVersion} is 0 for an account without
 * a password, else 1 or 2; {@code clientSalt} is set for version 2.
 */
public record AccountInfo(String email, String saltEmail, String uid, VerificationMode verification,
        String totpSecret, long storageUid, boolean onNode2, String storagePath, long keyRotationTimestamp,
        String keyId, String clientState, int passwordVersion, String clientSalt, boolean unblockCodeRequired) {
}
