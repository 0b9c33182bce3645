package io.fxhome.sync.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.fxhome.sync.error.CryptoException;

/**
 * Encrypts and decrypts Sync records with one {@link KeyBundle} (§6.4): HMAC-SHA256 over the ASCII bytes of the
 * base64 ciphertext text, compared in constant time with the hex {@code hmac} before anything is decrypted; then
 * AES-256-CBC with PKCS#7 padding.
 *
 * <p>
 * Holds its {@link Mac} and {@link Cipher} instances so that a download pays their setup once, not per record;
 * therefore <b>not thread-safe</b>: use one instance per thread (e.g. per download).
 */
public final class RecordCipher {
    private static final int IV_LENGTH = 16;
    private static final int TAG_LENGTH = 32;

    private final Mac mac;
    private final Cipher cipher;
    private final SecretKeySpec aesKey;
    private SecureRandom random;

    public RecordCipher(KeyBundle keys) {
        this.mac = Digests.newHmacSha256(keys.hmacKey);
        this.aesKey = new SecretKeySpec(keys.encKey, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/CBC/PKCS5Padding", e);
        }
    }

    public byte[] decrypt(EncryptedPayload payload) {
        return decrypt(payload.ciphertext(), payload.iv(), payload.hmac());
    }

    /**
     * Verifies, then decrypts. @return the cleartext bytes (UTF-8 JSON for Sync records)
     *
     * @throws CryptoException BAD_HMAC when the MAC does not match (nothing decrypted), BAD_CIPHERTEXT when the
     *         base64, the IV or the padding is malformed
     */
    public byte[] decrypt(String ciphertextB64, String ivB64, String hmacHex) {
        if (!hmacMatches(ciphertextB64, hmacHex)) {
            throw new CryptoException(CryptoException.Problem.BAD_HMAC, "record HMAC mismatch");
        }
        byte[] iv;
        byte[] ct;
        try {
            iv = Base64.getDecoder().decode(ivB64);
            ct = Base64.getDecoder().decode(ciphertextB64);
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT, "ciphertext or IV is not base64", e);
        }
        return decryptCbc(iv, ct);
    }

    /** Constant-time check of {@code hmacHex} against HMAC(hmacKey, ASCII(ciphertextB64)); false on malformed hex. */
    public boolean hmacMatches(String ciphertextB64, String hmacHex) {
        if (hmacHex.length() != 2 * TAG_LENGTH || !Hex.isHex(hmacHex)) {
            return false;
        }
        // ISO-8859-1 is a straight copy for the (ASCII) base64 text; a stray non-ASCII char can only fail the MAC.
        byte[] expected = mac.doFinal(ciphertextB64.getBytes(StandardCharsets.ISO_8859_1));
        return Bytes.constantTimeEquals(expected, Hex.decode(hmacHex));
    }

    /** Encrypts with a fresh random IV. */
    public EncryptedPayload encrypt(byte[] cleartext) {
        if (random == null) {
            random = new SecureRandom();
        }
        byte[] iv = new byte[IV_LENGTH];
        // syncstorage-rs rejects an all-zero IV; SecureRandom producing one is astronomically unlikely but cheap to rule out.
        do {
            random.nextBytes(iv);
        } while (isAllZero(iv));
        return encrypt(cleartext, iv);
    }

    /** Encrypts with the given IV (deterministic; for known-answer tests). */
    public EncryptedPayload encrypt(byte[] cleartext, byte[] iv) {
        byte[] ct = encryptCbc(iv, cleartext);
        String ctB64 = Base64.getEncoder().encodeToString(ct);
        String hmac = Hex.encode(mac.doFinal(ctB64.getBytes(StandardCharsets.US_ASCII)));
        return new EncryptedPayload(ctB64, Base64.getEncoder().encodeToString(iv), hmac);
    }

    /**
     * application-services' rc_crypto "legacy Sync AEAD" form of the same construction: input is
     * {@code ciphertext ‖ tag}, tag = HMAC over the base64 text of the ciphertext.
     */
    public byte[] openCombined(byte[] iv, byte[] ciphertextAndTag) {
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT, "shorter than the tag");
        }
        byte[] ct = Arrays.copyOfRange(ciphertextAndTag, 0, ciphertextAndTag.length - TAG_LENGTH);
        byte[] tag = Arrays.copyOfRange(ciphertextAndTag, ciphertextAndTag.length - TAG_LENGTH,
                ciphertextAndTag.length);
        byte[] expected = mac.doFinal(Base64.getEncoder().encode(ct));
        if (!Bytes.constantTimeEquals(expected, tag)) {
            throw new CryptoException(CryptoException.Problem.BAD_HMAC, "record HMAC mismatch");
        }
        return decryptCbc(iv, ct);
    }

    /** Inverse of {@link #openCombined}. */
    public byte[] sealCombined(byte[] iv, byte[] cleartext) {
        byte[] ct = encryptCbc(iv, cleartext);
        return Bytes.concat(ct, mac.doFinal(Base64.getEncoder().encode(ct)));
    }

    private byte[] decryptCbc(byte[] iv, byte[] ct) {
        if (iv.length != IV_LENGTH) {
            throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT, "IV is " + iv.length + " bytes");
        }
        if (ct.length == 0 || ct.length % 16 != 0) {
            throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT,
                    "ciphertext length " + ct.length + " is not a positive multiple of 16");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(iv));
            return cipher.doFinal(ct);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Problem.BAD_CIPHERTEXT, "AES-CBC decryption failed", e);
        }
    }

    private byte[] encryptCbc(byte[] iv, byte[] cleartext) {
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("IV must be 16 bytes");
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
            return cipher.doFinal(cleartext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    private static boolean isAllZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
