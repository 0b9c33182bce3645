package io.fxhome.secrets;

import java.security.SecureRandom;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM (Bouncy Castle) in the one envelope fxhome stores secrets in:
 * {@code format(1) ‖ keyVersion(4, big-endian) ‖ nonce(12) ‖ ciphertext ‖ tag(16)}. The header is authenticated as
 * associated data together with the caller's context, so a ciphertext cannot be moved to another account or field.
 */
final class AesGcm {
    static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + 4 + NONCE_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    static byte[] seal(byte[] key, int keyVersion, byte[] plaintext, byte[] context) {
        byte[] out = new byte[HEADER_BYTES + plaintext.length + TAG_BITS / 8];
        out[0] = FORMAT;
        writeInt(out, 1, keyVersion);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 5, NONCE_BYTES);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData(out, context)));
        int n = gcm.processBytes(plaintext, 0, plaintext.length, out, HEADER_BYTES);
        try {
            gcm.doFinal(out, HEADER_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return out;
    }

    static byte[] open(byte[] key, byte[] envelope, byte[] context) {
        if (envelope.length < HEADER_BYTES + TAG_BITS / 8 || envelope[0] != FORMAT) {
            throw new SecretDecryptionException("not an fxhome secret envelope (unknown format)");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(envelope, 5, nonce, 0, NONCE_BYTES);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData(envelope, context)));
        byte[] out = new byte[gcm.getOutputSize(envelope.length - HEADER_BYTES)];
        int n = gcm.processBytes(envelope, HEADER_BYTES, envelope.length - HEADER_BYTES, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new SecretDecryptionException("secret does not authenticate under this key (wrong key or tampered data)");
        }
        return out;
    }

    static int keyVersion(byte[] envelope) {
        if (envelope.length < HEADER_BYTES || envelope[0] != FORMAT) {
            throw new SecretDecryptionException("not an fxhome secret envelope (unknown format)");
        }
        return ((envelope[1] & 0xff) << 24) | ((envelope[2] & 0xff) << 16) | ((envelope[3] & 0xff) << 8) | (envelope[4] & 0xff);
    }

    private static byte[] associatedData(byte[] header, byte[] context) {
        byte[] aad = new byte[5 + context.length];
        System.arraycopy(header, 0, aad, 0, 5);
        System.arraycopy(context, 0, aad, 5, context.length);
        return aad;
    }

    private static void writeInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }
}
