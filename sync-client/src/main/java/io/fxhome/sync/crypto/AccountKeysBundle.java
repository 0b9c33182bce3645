package io.fxhome.sync.crypto;

import java.util.Arrays;

import io.fxhome.sync.error.CryptoException;

/**
 * The {@code GET /v1/account/keys} bundle (§2.6): {@code ciphertext(64) ‖ mac(32)} where
 * {@code HKDF(keyRequestKey, NS+"account/keys", 96)} gives respHMACkey(32) ‖ respXORkey(64), and the plaintext is
 * kA(32) ‖ wrapKB(32). The MAC is checked in constant time before anything is unwrapped.
 */
public final class AccountKeysBundle {
    public static final int BUNDLE_LENGTH = 96;
    private static final String INFO = OnePwCredentials.NAMESPACE + "account/keys";

    private AccountKeysBundle() {
    }

    /** kA and wrapKB, both secret. */
    public static final class AccountKeys {
        private final byte[] kA;
        private final byte[] wrapKB;

        AccountKeys(byte[] kA, byte[] wrapKB) {
            this.kA = kA;
            this.wrapKB = wrapKB;
        }

        public byte[] kA() {
            return kA.clone();
        }

        public byte[] wrapKB() {
            return wrapKB.clone();
        }

        /** kB = wrapKB XOR unwrapBKey (unwrapBKey of the same credential version that obtained the keyFetchToken). */
        public byte[] kB(byte[] unwrapBKey) {
            return Bytes.xor(wrapKB, unwrapBKey);
        }

        public void destroy() {
            Bytes.wipe(kA, wrapKB);
        }

        @Override
        public String toString() {
            return "AccountKeys[<redacted>]";
        }
    }

    /**
     * respHMACkey (32 bytes) and respXORkey (64 bytes) = HKDF(keyRequestKey, NS+"account/keys", 96); exposed for
     * known-answer tests and test servers. Secret.
     */
    public static byte[][] responseKeys(byte[] keyRequestKey) {
        byte[] km = Hkdf.derive(keyRequestKey, INFO, 96);
        try {
            return new byte[][] { Arrays.copyOfRange(km, 0, 32), Arrays.copyOfRange(km, 32, 96) };
        } finally {
            Bytes.wipe(km);
        }
    }

    /** Client direction: verify and decrypt a bundle. @throws CryptoException BAD_HMAC or BAD_FORMAT */
    public static AccountKeys unbundle(byte[] keyRequestKey, byte[] bundle) {
        if (bundle.length != BUNDLE_LENGTH) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT,
                    "account keys bundle is " + bundle.length + " bytes, expected " + BUNDLE_LENGTH);
        }
        byte[] km = Hkdf.derive(keyRequestKey, INFO, 96);
        byte[] respHmacKey = Arrays.copyOfRange(km, 0, 32);
        byte[] respXorKey = Arrays.copyOfRange(km, 32, 96);
        byte[] ciphertext = Arrays.copyOfRange(bundle, 0, 64);
        byte[] mac = Arrays.copyOfRange(bundle, 64, 96);
        try {
            if (!Bytes.constantTimeEquals(Digests.hmacSha256(respHmacKey, ciphertext), mac)) {
                throw new CryptoException(CryptoException.Problem.BAD_HMAC, "account keys bundle MAC mismatch");
            }
            byte[] plain = Bytes.xor(ciphertext, respXorKey);
            AccountKeys keys = new AccountKeys(Arrays.copyOfRange(plain, 0, 32), Arrays.copyOfRange(plain, 32, 64));
            Bytes.wipe(plain);
            return keys;
        } finally {
            Bytes.wipe(km, respHmacKey, respXorKey);
        }
    }

    /** Server direction (for test servers): encrypt kA ‖ wrapKB and append the MAC. */
    public static byte[] bundle(byte[] keyRequestKey, byte[] kA, byte[] wrapKB) {
        byte[] km = Hkdf.derive(keyRequestKey, INFO, 96);
        byte[] respHmacKey = Arrays.copyOfRange(km, 0, 32);
        byte[] respXorKey = Arrays.copyOfRange(km, 32, 96);
        try {
            byte[] ciphertext = Bytes.xor(Bytes.concat(kA, wrapKB), respXorKey);
            return Bytes.concat(ciphertext, Digests.hmacSha256(respHmacKey, ciphertext));
        } finally {
            Bytes.wipe(km, respHmacKey, respXorKey);
        }
    }
}
