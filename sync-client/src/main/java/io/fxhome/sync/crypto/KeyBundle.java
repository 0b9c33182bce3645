package io.fxhome.sync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Sync key bundle: a 32-byte AES-256 key and a 32-byte HMAC-SHA256 key. The root bundle comes from kSync
 * (encryption key first); bulk bundles come from crypto/keys as a pair of standard-base64 strings.
 * Redacts itself; equality is a constant-time comparison of the key bytes.
 */
public final class KeyBundle {
    public static final int KEY_LENGTH = 32;

    final byte[] encKey;
    final byte[] hmacKey;
    private volatile String fingerprint;

    private KeyBundle(byte[] encKey, byte[] hmacKey) {
        if (encKey.length != KEY_LENGTH || hmacKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("Sync bundle keys are 32 bytes each, got " + encKey.length + " and "
                    + hmacKey.length);
        }
        this.encKey = encKey;
        this.hmacKey = hmacKey;
    }

    public static KeyBundle of(byte[] encKey, byte[] hmacKey) {
        return new KeyBundle(encKey.clone(), hmacKey.clone());
    }

    /** kSync (64 bytes, from HKDF of kB or from the OAuth scoped key {@code k}): enc = [0:32], hmac = [32:64]. */
    public static KeyBundle fromKSync(byte[] kSync) {
        if (kSync.length != 2 * KEY_LENGTH) {
            throw new IllegalArgumentException("kSync is 64 bytes, got " + kSync.length);
        }
        return new KeyBundle(Arrays.copyOfRange(kSync, 0, 32), Arrays.copyOfRange(kSync, 32, 64));
    }

    /** The {@code [encB64, hmacB64]} pair of crypto/keys. @throws IllegalArgumentException when malformed */
    public static KeyBundle fromBase64Pair(String encB64, String hmacB64) {
        Base64.Decoder d = Base64.getDecoder();
        return new KeyBundle(d.decode(encB64), d.decode(hmacB64));
    }

    /** A fresh random bundle (tests, sandboxes). */
    public static KeyBundle random(SecureRandom random) {
        byte[] e = new byte[KEY_LENGTH];
        byte[] h = new byte[KEY_LENGTH];
        random.nextBytes(e);
        random.nextBytes(h);
        return new KeyBundle(e, h);
    }

    public byte[] encryptionKey() {
        return encKey.clone();
    }

    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    /** enc ‖ hmac, 64 bytes (secret; for storing the root bundle). */
    public byte[] toKSync() {
        return Bytes.concat(encKey, hmacKey);
    }

    /** The crypto/keys form: standard base64 with padding, encryption key first. */
    public List<String> toBase64Pair() {
        Base64.Encoder e = Base64.getEncoder();
        return List.of(e.encodeToString(encKey), e.encodeToString(hmacKey));
    }

    /**
     * A short non-secret identifier (first 8 bytes of a domain-separated SHA-256 of both keys, hex) to tell bundles
     * apart in logs without revealing them.
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            byte[] h = Digests.sha256("fxhome key bundle fingerprint".getBytes(StandardCharsets.US_ASCII),
                    encKey, hmacKey);
            f = Hex.encode(Arrays.copyOf(h, 8));
            fingerprint = f;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KeyBundle)) {
            return false;
        }
        KeyBundle other = (KeyBundle) o;
        return Bytes.constantTimeEquals(encKey, other.encKey) & Bytes.constantTimeEquals(hmacKey, other.hmacKey);
    }

    @Override
    public int hashCode() {
        return fingerprint().hashCode();
    }

    @Override
    public String toString() {
        return "KeyBundle[<redacted>, fingerprint=" + fingerprint() + "]";
    }
}
