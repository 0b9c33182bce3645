package io.fxhome.sync.webpush;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Hkdf;
import io.fxhome.sync.error.CryptoException;

/**
 * Web Push message encryption (RFC 8291): the sender makes an ephemeral P-256 key, agrees a secret with the receiver's
 * public key, mixes in the receiver's auth secret ({@code IKM = HKDF(auth, ecdh, "WebPush: info" ‖ 0 ‖ ua_public ‖
 * as_public, 32)}) and encodes with {@link Aes128Gcm}, one record of 4096, the ephemeral public key as the key id.
 */
public final class WebPushCipher {
    private static final byte[] INFO_PREFIX = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random;

    public WebPushCipher(SecureRandom random) {
        this.random = random;
    }

    /** Encrypts for a receiver with a fresh ephemeral key and salt. */
    public byte[] encrypt(byte[] receiverPublic, byte[] authSecret, byte[] plaintext) {
        byte[] salt = new byte[Aes128Gcm.SALT_LENGTH];
        random.nextBytes(salt);
        return encrypt(receiverPublic, authSecret, plaintext, P256.generate(random), salt);
    }

    /** Encrypts with the given ephemeral key pair and salt (deterministic; for the RFC's known answer). */
    public static byte[] encrypt(byte[] receiverPublic, byte[] authSecret, byte[] plaintext, KeyPair ephemeral,
            byte[] salt) {
        ECPublicKey ua = P256.publicKey(receiverPublic);
        byte[] asPublic = P256.encode((ECPublicKey) ephemeral.getPublic());
        byte[] ikm = ikm((ECPrivateKey) ephemeral.getPrivate(), ua, authSecret, receiverPublic, asPublic);
        try {
            return Aes128Gcm.encrypt(ikm, salt, asPublic, Aes128Gcm.DEFAULT_RECORD_SIZE, plaintext);
        } finally {
            Bytes.wipe(ikm);
        }
    }

    /**
     * Decrypts a message sent to {@code keys}.
     *
     * @throws CryptoException when the key id is not a P-256 point, or the message does not authenticate or is
     *         malformed
     */
    public static byte[] decrypt(PushKeys keys, byte[] body) {
        return Aes128Gcm.decrypt(body, header -> {
            byte[] asPublic = header.keyId();
            if (asPublic.length != P256.PUBLIC_LENGTH) {
                throw new CryptoException(CryptoException.Problem.BAD_FORMAT,
                        "the key id is not the sender's public key");
            }
            return ikm(keys.privateKey(), P256.publicKey(asPublic), keys.authSecret(), keys.publicKey(), asPublic);
        });
    }

    static byte[] ikm(ECPrivateKey mine, ECPublicKey theirs, byte[] authSecret, byte[] uaPublic, byte[] asPublic) {
        if (authSecret.length != PushKeys.AUTH_SECRET_LENGTH) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "the auth secret is not 16 octets");
        }
        byte[] ecdh = P256.agree(mine, theirs);
        try {
            return Hkdf.derive(ecdh, authSecret, Bytes.concat(INFO_PREFIX, uaPublic, asPublic), 32);
        } finally {
            Bytes.wipe(ecdh);
        }
    }
}
