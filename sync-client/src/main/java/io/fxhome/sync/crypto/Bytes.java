package io.fxhome.sync.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** Small byte helpers shared by the crypto code. */
public final class Bytes {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Bytes() {
    }

    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("xor of " + a.length + " and " + b.length + " bytes");
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Constant-time comparison (length is not secret). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** Overwrites secret material that is no longer needed; null-safe. */
    public static void wipe(byte[]... secrets) {
        for (byte[] s : secrets) {
            if (s != null) {
                Arrays.fill(s, (byte) 0);
            }
        }
    }

    /** base64url without padding, as used by X-KeyID, JWK, JWE and PKCE. */
    public static String base64UrlNoPad(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /** Decodes base64url with or without padding. @throws IllegalArgumentException when malformed */
    public static byte[] base64UrlDecode(String s) {
        return Base64.getUrlDecoder().decode(s);
    }
}
