package io.fxhome.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

/**
 * Firefox's record envelope (storage format 5): AES-256-CBC with PKCS#7 over the UTF-8 cleartext, then
 * {@code hmac = hex(HMAC-SHA256(hmacKey, ASCII bytes of the base64 ciphertext text))}. The payload is the JSON text
 * {@code {"ciphertext":...,"IV":...,"hmac":...}}, in that field order, as Firefox writes it.
 */
public final class RecordCipher {
    private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private RecordCipher() {
    }

    /** The three envelope fields, before JSON encoding. */
    public record Envelope(String ciphertext, String iv, String hmac) {
        /** The BSO payload string; base64 and hex need no JSON escaping. */
        public String toPayload() {
            return "{\"ciphertext\":\"" + ciphertext + "\",\"IV\":\"" + iv + "\",\"hmac\":\"" + hmac + "\"}";
        }
    }

    public static Envelope encrypt(byte[] cleartext, KeyBundle keys, byte[] iv) {
        if (iv.length != 16) {
            throw new IllegalArgumentException("IV must be 16 bytes");
        }
        try {
            Cipher aes = AES.get();
            aes.init(Cipher.ENCRYPT_MODE, keys.aesSpec(), new IvParameterSpec(iv));
            String ciphertext = Base64s.std(aes.doFinal(cleartext));
            return new Envelope(ciphertext, Base64s.std(iv), hmacHex(ciphertext, keys));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC failed", e);
        }
    }

    public static Envelope encrypt(String cleartext, KeyBundle keys, byte[] iv) {
        return encrypt(cleartext.getBytes(StandardCharsets.UTF_8), keys, iv);
    }

    /** Lower-case hex HMAC over the ASCII bytes of the base64 ciphertext text. */
    public static String hmacHex(String ciphertextBase64, KeyBundle keys) {
        try {
            Mac mac = HMAC.get();
            mac.init(keys.hmacSpec());
            return Hex.encode(mac.doFinal(ciphertextBase64.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }
}
