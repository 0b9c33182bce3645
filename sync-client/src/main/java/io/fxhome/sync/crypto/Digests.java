package io.fxhome.sync.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One-shot SHA-256 and HMAC-SHA256 on the JDK providers (hardware-accelerated where the JVM can). */
public final class Digests {
    private Digests() {
    }

    public static byte[] sha256(byte[]... parts) {
        MessageDigest md = newSha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        Mac mac = newHmacSha256(key);
        return mac.doFinal(data);
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** A keyed HMAC-SHA256 instance; not thread-safe, reuse it per thread. */
    public static Mac newHmacSha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
