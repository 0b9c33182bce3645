package io.fxhome.sandbox.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

/** A Sync key bundle: 32-byte AES-256 key and 32-byte HMAC-SHA256 key. Secret: never printed. */
public final class KeyBundle {
    private final byte[] encKey;
    private final byte[] hmacKey;
    private final SecretKeySpec aesSpec;
    private final SecretKeySpec hmacSpec;

    public KeyBundle(byte[] encKey, byte[] hmacKey) {
        if (encKey.length != 32 || hmacKey.length != 32) {
            throw new IllegalArgumentException("key bundle halves must be 32 bytes");
        }
        this.encKey = encKey.clone();
        this.hmacKey = hmacKey.clone();
        this.aesSpec = new SecretKeySpec(this.encKey, "AES");
        this.hmacSpec = new SecretKeySpec(this.hmacKey, "HmacSHA256");
    }

    /** The keys as JCE specs, built once (encrypting 100,000 records reuses them). */
    SecretKeySpec aesSpec() {
        return aesSpec;
    }

    SecretKeySpec hmacSpec() {
        return hmacSpec;
    }

    public static KeyBundle fromKSync(byte[] kSync) {
        if (kSync.length != 64) {
            throw new IllegalArgumentException("kSync must be 64 bytes");
        }
        return new KeyBundle(Arrays.copyOfRange(kSync, 0, 32), Arrays.copyOfRange(kSync, 32, 64));
    }

    public static KeyBundle fromKB(byte[] kB) {
        return fromKSync(SyncKeys.kSync(kB));
    }

    public static KeyBundle random(SecureRandom random) {
        byte[] enc = new byte[32];
        byte[] mac = new byte[32];
        random.nextBytes(enc);
        random.nextBytes(mac);
        return new KeyBundle(enc, mac);
    }

    /** crypto/keys representation: {@code [b64(enc), b64(hmac)]}. */
    public List<String> toBase64Pair() {
        return List.of(Base64s.std(encKey), Base64s.std(hmacKey));
    }

    public static KeyBundle fromBase64Pair(String enc, String hmac) {
        return new KeyBundle(Base64s.fromStd(enc), Base64s.fromStd(hmac));
    }

    public byte[] encKey() {
        return encKey.clone();
    }

    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyBundle other && Hmacs.equal(encKey, other.encKey) && Hmacs.equal(hmacKey, other.hmacKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmacKey);
    }

    @Override
    public String toString() {
        return "KeyBundle[redacted]";
    }
}
