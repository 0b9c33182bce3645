package io.fxhome.sync.webpush;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.sync.crypto.Hex;

/**
 * A receiver's Web Push keys: a P-256 key pair and a 16-octet auth secret. The private scalar and the auth secret are
 * secret; {@link #toString()} shows only a fingerprint of the public key.
 */
public final class PushKeys {
    public static final int AUTH_SECRET_LENGTH = 16;

    private final byte[] privateKey;
    private final byte[] publicKey;
    private final byte[] authSecret;

    private PushKeys(byte[] privateKey, byte[] publicKey, byte[] authSecret) {
        if (authSecret.length != AUTH_SECRET_LENGTH) {
            throw new IllegalArgumentException("the auth secret is 16 octets, got " + authSecret.length);
        }
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.authSecret = authSecret;
    }

    /** Fresh keys. */
    public static PushKeys generate(SecureRandom random) {
        KeyPair pair = P256.generate(random);
        byte[] auth = new byte[AUTH_SECRET_LENGTH];
        random.nextBytes(auth);
        return new PushKeys(P256.encode((ECPrivateKey) pair.getPrivate()), P256.encode((ECPublicKey) pair.getPublic()),
                auth);
    }

    /**
     * Keys from their raw forms; the public key is checked against the private one.
     *
     * @throws io.fxhome.sync.error.CryptoException BAD_KEY when they do not belong together or are malformed
     */
    public static PushKeys of(byte[] privateScalar, byte[] publicUncompressed, byte[] authSecret) {
        P256.publicKey(publicUncompressed);
        PushKeys keys = new PushKeys(privateScalar.clone(), publicUncompressed.clone(), authSecret.clone());
        // ECDH with the generator gives the X of s·G, which must be the published point's X.
        byte[] x = P256.agree(keys.privateKey(), P256.generator());
        boolean matches = Bytes.constantTimeEquals(x, Arrays.copyOfRange(publicUncompressed, 1, 33));
        Bytes.wipe(x);
        if (!matches) {
            throw new io.fxhome.sync.error.CryptoException(io.fxhome.sync.error.CryptoException.Problem.BAD_KEY,
                    "the public key does not belong to the private key");
        }
        return keys;
    }

    ECPrivateKey privateKey() {
        return P256.privateKey(privateKey);
    }

    /** The private scalar (secret: only for sealing at rest). */
    public byte[] privateScalar() {
        return privateKey.clone();
    }

    /** The uncompressed public point (published). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The auth secret (secret). */
    public byte[] authSecret() {
        return authSecret.clone();
    }

    /** A short non-secret identifier of the public key, for logs. */
    public String fingerprint() {
        byte[] h = Digests.sha256("fxhome push key fingerprint".getBytes(StandardCharsets.US_ASCII), publicKey);
        return Hex.encode(Arrays.copyOf(h, 8));
    }

    @Override
    public String toString() {
        return "PushKeys[<redacted>, fingerprint=" + fingerprint() + "]";
    }
}
