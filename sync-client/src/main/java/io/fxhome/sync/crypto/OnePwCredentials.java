package io.fxhome.sync.crypto;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;

/**
 * The FxA "onepw" client-side password stretch (§2.2): quickStretchedPW = PBKDF2-SHA256(password, salt), then
 * authPW (sent to the server instead of the password) and unwrapBKey (kept to unwrap kB).
 *
 * <p>
 * Version 1 salts with the account's original email and runs 1000 iterations; every account accepts it.
 * Version 2 salts with the server-issued {@code clientSalt} and runs 650 000 iterations. The password is UTF-8 encoded
 * as given, without Unicode normalization, exactly like the reference client.
 */
public final class OnePwCredentials {
    public static final String NAMESPACE = "identity.mozilla.com/picl/v1/";
    public static final String V1_SALT_PREFIX = NAMESPACE + "quickStretch:";
    public static final String V2_SALT_PREFIX = NAMESPACE + "quickStretchV2:";
    public static final int V1_ITERATIONS = 1000;
    public static final int V2_ITERATIONS = 650_000;

    private final byte[] quickStretchedPW;
    private final byte[] authPW;
    private final byte[] unwrapBKey;
    private final int version;

    private OnePwCredentials(byte[] quickStretchedPW, int version) {
        this.quickStretchedPW = quickStretchedPW;
        this.authPW = Hkdf.derive(quickStretchedPW, NAMESPACE + "authPW", 32);
        // Lower-case k in "unwrapBkey" is what the protocol uses.
        this.unwrapBKey = Hkdf.derive(quickStretchedPW, NAMESPACE + "unwrapBkey", 32);
        this.version = version;
    }

    /** Version 1: salt = {@code identity.mozilla.com/picl/v1/quickStretch:} + email (the address the salt was made with). */
    public static OnePwCredentials v1(String email, String password) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] salt = (V1_SALT_PREFIX + email).getBytes(StandardCharsets.UTF_8);
        try {
            return new OnePwCredentials(pbkdf2Sha256(pw, salt, V1_ITERATIONS, 32), 1);
        } finally {
            Bytes.wipe(pw);
        }
    }

    /** Version 2: {@code clientSalt} is the full string {@code identity.mozilla.com/picl/v1/quickStretchV2:<32 hex>}. */
    public static OnePwCredentials v2(String clientSalt, String password) {
        return v2(clientSalt, password, V2_ITERATIONS);
    }

    static OnePwCredentials v2(String clientSalt, String password, int iterations) {
        if (!clientSalt.startsWith(V2_SALT_PREFIX)) {
            throw new IllegalArgumentException("a V2 client salt starts with " + V2_SALT_PREFIX);
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        try {
            return new OnePwCredentials(
                    pbkdf2Sha256(pw, clientSalt.getBytes(StandardCharsets.UTF_8), iterations, 32), 2);
        } finally {
            Bytes.wipe(pw);
        }
    }

    /** PBKDF2-HMAC-SHA256 over raw bytes (no char[] encoding ambiguity as with PBEKeySpec). */
    public static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length) {
        Mac mac = Digests.newHmacSha256(password);
        byte[] out = new byte[length];
        int blocks = (length + 31) / 32;
        for (int block = 1; block <= blocks; block++) {
            mac.update(salt);
            mac.update(new byte[] { (byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block });
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            int offset = (block - 1) * 32;
            System.arraycopy(t, 0, out, offset, Math.min(32, length - offset));
            Bytes.wipe(u, t);
        }
        return out;
    }

    /** 1 or 2. */
    public int version() {
        return version;
    }

    /** The stretched password (secret; only exposed for test vectors). */
    public byte[] quickStretchedPW() {
        return quickStretchedPW.clone();
    }

    /** What the login request carries instead of the password (secret). */
    public byte[] authPW() {
        return authPW.clone();
    }

    public String authPwHex() {
        return Hex.encode(authPW);
    }

    /** XOR key that turns wrapKB into kB (secret). */
    public byte[] unwrapBKey() {
        return unwrapBKey.clone();
    }

    /** Overwrites the derived secrets. */
    public void destroy() {
        Bytes.wipe(quickStretchedPW, authPW, unwrapBKey);
    }

    @Override
    public String toString() {
        return "OnePwCredentials[v" + version + ", <redacted>]";
    }
}
