package io.fxhome.sync.hawk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Hawk credentials. For Sync storage: id = the tokenserver {@code id} verbatim, key = the UTF-8 bytes of the
 * tokenserver {@code key} <em>string</em> (never its base64 decoding). For FxA: id = hex(tokenId), key = the raw
 * 32-byte reqHMACkey. The key is secret and redacted from {@link #toString()}.
 *
 * @param id the Hawk id
 * @param key the MAC key bytes
 * @param algorithm {@code sha256} everywhere in Sync/FxA; {@code sha1} only for Hawk's own test vectors
 */
public record HawkCredentials(String id, byte[] key, Algorithm algorithm) {

    /** Hawk MAC/hash algorithms. */
    public enum Algorithm {
        SHA256("HmacSHA256", "SHA-256"),
        SHA1("HmacSHA1", "SHA-1");

        final String macName;
        final String digestName;

        Algorithm(String macName, String digestName) {
            this.macName = macName;
            this.digestName = digestName;
        }

        /** Parses Hawk's lowercase names ({@code sha256}, {@code sha1}). */
        public static Algorithm of(String name) {
            switch (name) {
                case "sha256":
                    return SHA256;
                case "sha1":
                    return SHA1;
                default:
                    throw new IllegalArgumentException("unsupported Hawk algorithm " + name);
            }
        }
    }

    public HawkCredentials {
        if (id == null || key == null || algorithm == null) {
            throw new IllegalArgumentException("Hawk credentials need an id, a key and an algorithm");
        }
        key = key.clone();
    }

    public HawkCredentials(String id, byte[] key) {
        this(id, key, Algorithm.SHA256);
    }

    /** Credentials whose key is the UTF-8 bytes of a string (Sync storage tokens). */
    public static HawkCredentials withStringKey(String id, String key) {
        return new HawkCredentials(id, key.getBytes(StandardCharsets.UTF_8), Algorithm.SHA256);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    byte[] keyUnsafe() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HawkCredentials && ((HawkCredentials) o).id.equals(id)
                && ((HawkCredentials) o).algorithm == algorithm
                && MessageDigest.isEqual(((HawkCredentials) o).key, key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "HawkCredentials[id=<redacted>, key=<redacted>, " + algorithm + "]";
    }
}
