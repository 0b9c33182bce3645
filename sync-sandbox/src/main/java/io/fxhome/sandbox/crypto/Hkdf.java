package io.fxhome.sandbox.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** HKDF-SHA256 (RFC 5869). An empty or absent salt means 32 zero bytes, as the RFC says. */
public final class Hkdf {
    /** Namespace of every onepw/FxA derivation. */
    public static final String NS = "identity.mozilla.com/picl/v1/";

    private Hkdf() {
    }

    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }

    public static byte[] derive(byte[] ikm, String info, int length) {
        return derive(ikm, null, info.getBytes(StandardCharsets.UTF_8), length);
    }

    /** FxA's {@code HKDF(ikm, NS + name, length)}. */
    public static byte[] deriveNs(byte[] ikm, String name, int length) {
        return derive(ikm, NS + name, length);
    }

    public static byte[] extract(byte[] salt, byte[] ikm) {
        return Hmacs.hmacSha256(salt == null || salt.length == 0 ? new byte[32] : salt, ikm);
    }

    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length > 255 * 32) {
            throw new IllegalArgumentException("HKDF output too long");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        byte[] previous = new byte[0];
        for (int counter = 1; out.size() < length; counter++) {
            byte[] input = new byte[previous.length + info.length + 1];
            System.arraycopy(previous, 0, input, 0, previous.length);
            System.arraycopy(info, 0, input, previous.length, info.length);
            input[input.length - 1] = (byte) counter;
            previous = Hmacs.hmacSha256(prk, input);
            out.write(previous, 0, Math.min(previous.length, length - out.size()));
        }
        return out.toByteArray();
    }
}
