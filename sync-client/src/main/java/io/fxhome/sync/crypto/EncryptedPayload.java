package io.fxhome.sync.crypto;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;

/**
 * The envelope inside an encrypted BSO {@code payload} string (§6.4):
 * {@code {"ciphertext": "<b64>", "IV": "<b64>", "hmac": "<64 hex>"}}. Field names are case-sensitive.
 *
 * @param ciphertext standard base64, kept as received (the HMAC covers exactly this text)
 * @param iv standard base64 of 16 bytes
 * @param hmac lowercase hex HMAC-SHA256 of the ASCII bytes of {@code ciphertext}
 */
public record EncryptedPayload(String ciphertext, String iv, String hmac) {

    /** Parses the payload JSON with the streaming parser. @throws CryptoException BAD_FORMAT */
    public static EncryptedPayload parse(String payloadJson) {
        String ct = null;
        String iv = null;
        String hmac = null;
        try (JsonParser p = Json.FACTORY.createParser(payloadJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "payload is not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING) {
                    switch (name) {
                        case "ciphertext":
                            ct = p.getText();
                            break;
                        case "IV":
                            iv = p.getText();
                            break;
                        case "hmac":
                            hmac = p.getText();
                            break;
                        default:
                            break;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "payload JSON is truncated");
            }
        } catch (IOException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "payload is not valid JSON", e);
        }
        if (ct == null || iv == null || hmac == null) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT,
                    "payload lacks " + (ct == null ? "ciphertext" : iv == null ? "IV" : "hmac"));
        }
        return new EncryptedPayload(ct, iv, hmac);
    }

    /** The payload JSON text, as a writer would put it into a BSO. */
    public String toJson() {
        return Json.object().put("ciphertext", ciphertext).put("IV", iv).put("hmac", hmac).toString();
    }
}
