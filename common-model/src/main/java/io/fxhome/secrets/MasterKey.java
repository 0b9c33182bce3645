package io.fxhome.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The operator's 32-byte master key. It wraps the per-account data keys and never enters the database: only its
 * {@link #version()}, a short one-way fingerprint, is stored beside each wrapped key so that a process can tell which
 * key a ciphertext needs (and that it was given the wrong one).
 */
public final class MasterKey {
    private static final byte[] VERSION_LABEL = "fxhome/master-key-version/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;
    private final int version;

    public MasterKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a master key is 32 bytes, this one has " + key.length);
        }
        this.key = key.clone();
        this.version = versionOf(this.key);
    }

    /** A positive 31-bit fingerprint of the key, HMAC-derived so it reveals nothing of the key. */
    public int version() {
        return version;
    }

    byte[] bytes() {
        return key;
    }

    private static int versionOf(byte[] key) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(VERSION_LABEL, 0, VERSION_LABEL.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return ((out[0] & 0x7f) << 24) | ((out[1] & 0xff) << 16) | ((out[2] & 0xff) << 8) | (out[3] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKey other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return version;
    }

    @Override
    public String toString() {
        return "MasterKey[version=" + version + ", key=<redacted>]";
    }

    /** Overwrites the key material; the instance is unusable afterwards. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}
