package io.fxhome.sandbox.crypto;

import java.util.Arrays;

/** kB-derived Sync values (§2.7): kSync, the client state and the X-KeyID / oldsync JWK kid. */
public final class SyncKeys {
    public static final String OLDSYNC_SCOPE = "https://identity.mozilla.com/apps/oldsync";

    private SyncKeys() {
    }

    /** kSync = HKDF(kB, NS + "oldsync", 64): AES key then HMAC key. */
    public static byte[] kSync(byte[] kB) {
        return Hkdf.deriveNs(kB, "oldsync", 64);
    }

    /** SHA-256(kB)[0:16]. */
    public static byte[] clientState(byte[] kB) {
        return Arrays.copyOf(Hmacs.sha256(kB), 16);
    }

    public static String clientStateHex(byte[] kB) {
        return Hex.encode(clientState(kB));
    }

    /** {@code <keyRotationTimestamp ms>-<b64url nopad(clientState)>}. */
    public static String keyId(long keyRotationTimestamp, byte[] kB) {
        return keyRotationTimestamp + "-" + Base64s.urlNoPad(clientState(kB));
    }
}
