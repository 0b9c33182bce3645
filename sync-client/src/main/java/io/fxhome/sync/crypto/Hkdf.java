package io.fxhome.sync.crypto;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;

/**
 * HKDF-SHA256 (RFC 5869). An empty or absent salt means the RFC default, 32 zero bytes, which is what every FxA and
 * Sync derivation uses.
 */
public final class Hkdf {
    public static final int HASH_LEN = 32;
    private static final byte[] ZERO_SALT = new byte[HASH_LEN];

    private Hkdf() {
    }

    /** Extract + expand with the default salt and a UTF-8 info string. */
    public static byte[] derive(byte[] ikm, String info, int length) {
        return derive(ikm, null, info.getBytes(StandardCharsets.UTF_8), length);
    }

    /** Extract + expand; {@code salt} may be null or empty for the default. */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Bytes.wipe(prk);
        }
    }

    public static byte[] extract(byte[] salt, byte[] ikm) {
        byte[] s = salt == null || salt.length == 0 ? ZERO_SALT : salt;
        return Digests.hmacSha256(s, ikm);
    }

    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        Mac mac = Digests.newHmacSha256(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int pos = 0;
        for (int counter = 1; pos < length; counter++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) counter);
            t = mac.doFinal();
            int n = Math.min(t.length, length - pos);
            System.arraycopy(t, 0, out, pos, n);
            pos += n;
        }
        Bytes.wipe(t);
        return out;
    }
}
