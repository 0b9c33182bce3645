package io.fxhome.sync.crypto;

import java.util.Arrays;

/**
 * kB to what Sync needs (§2.7): kSync = HKDF(kB, "identity.mozilla.com/picl/v1/oldsync", 64); client state =
 * SHA-256(kB)[0:16] (of kB, not kSync); X-KeyID = {@code <keyRotationTimestamp ms>-<b64url nopad(client state)>};
 * X-Client-State = hex(client state).
 */
public final class SyncKeyDerivation {
    public static final String OLDSYNC_SCOPE = "https://identity.mozilla.com/apps/oldsync";
    static final String OLDSYNC_INFO = OnePwCredentials.NAMESPACE + "oldsync";

    private SyncKeyDerivation() {
    }

    /** 64 bytes: AES key then HMAC key. */
    public static byte[] kSync(byte[] kB) {
        requireKb(kB);
        return Hkdf.derive(kB, OLDSYNC_INFO, 64);
    }

    public static KeyBundle syncKeyBundle(byte[] kB) {
        byte[] k = kSync(kB);
        try {
            return KeyBundle.fromKSync(k);
        } finally {
            Bytes.wipe(k);
        }
    }

    /** SHA-256(kB)[0:16]. */
    public static byte[] clientState(byte[] kB) {
        return Arrays.copyOf(Digests.sha256(kB), 16);
    }

    public static String clientStateHex(byte[] kB) {
        return Hex.encode(clientState(kB));
    }

    /** The X-KeyID / oldsync {@code kid}; the timestamp is milliseconds, as received from scoped-key-data. */
    public static String keyId(long keyRotationTimestampMs, byte[] kB) {
        return new KeyId(keyRotationTimestampMs, clientState(kB)).format();
    }

    private static void requireKb(byte[] kB) {
        // FxA's kB is 32 bytes; the storage-format docs' own HKDF example uses a 16-byte key, so only refuse nothing.
        if (kB.length == 0) {
            throw new IllegalArgumentException("kB is empty");
        }
    }
}
