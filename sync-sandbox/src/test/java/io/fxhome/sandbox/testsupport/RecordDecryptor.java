package io.fxhome.sandbox.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An independent record decryptor: HMAC over the base64 ciphertext text first, then AES-256-CBC. */
public final class RecordDecryptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The HMAC did not verify. */
    public static final class BadHmacException extends Exception {
        public BadHmacException() {
            super("bad HMAC");
        }
    }

    private RecordDecryptor() {
    }

    /** Decrypts a BSO payload string; returns the cleartext text. */
    public static String decrypt(String payload, byte[] encKey, byte[] hmacKey) throws Exception {
        JsonNode p = JSON.readTree(payload);
        String ciphertext = p.get("ciphertext").asText();
        byte[] expected = ClientCrypto.hmac(hmacKey, ciphertext.getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, ClientCrypto.unhex(p.get("hmac").asText()))
                || !p.get("hmac").asText().equals(ClientCrypto.hex(expected))) {
            throw new BadHmacException();
        }
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, "AES"),
                new IvParameterSpec(Base64.getDecoder().decode(p.get("IV").asText())));
        return new String(c.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
    }

    public static String decrypt(String payload, byte[] bundle64) throws Exception {
        return decrypt(payload, Arrays.copyOfRange(bundle64, 0, 32), Arrays.copyOfRange(bundle64, 32, 64));
    }
}
