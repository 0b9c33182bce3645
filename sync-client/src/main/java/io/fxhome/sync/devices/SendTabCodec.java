package io.fxhome.sync.devices;

import java.security.SecureRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.webpush.PushKeys;
import io.fxhome.sync.webpush.WebPushCipher;

/**
 * The {@code payload} of an {@code open-uri} command as {@code invoke_command} carries it:
 * {@code {"encrypted": b64url(aes128gcm(SendTabPayload JSON))}}, encrypted (RFC 8291) to the target device's
 * published keys.
 */
public final class SendTabCodec {
    /** The device command Send Tab uses. */
    public static final String COMMAND = "https://identity.mozilla.com/cmd/open-uri";
    /** The largest encrypted payload read (a few tabs are a few kilobytes). */
    public static final int MAX_ENCRYPTED_CHARS = 1 << 20;

    private final WebPushCipher cipher;

    public SendTabCodec(SecureRandom random) {
        this.cipher = new WebPushCipher(random);
    }

    /** The command payload for a target device. */
    public ObjectNode encrypt(PublicCommandKeys target, SendTabPayload payload) {
        byte[] clear = payload.toJsonBytes();
        try {
            ObjectNode out = Json.object();
            out.put("encrypted", Bytes.base64UrlNoPad(cipher.encrypt(target.publicKey(), target.authSecret(), clear)));
            return out;
        } finally {
            Bytes.wipe(clear);
        }
    }

    /**
     * Decrypts a command payload sent to this device.
     *
     * @throws CryptoException when it is malformed, too large, or not encrypted to {@code keys}
     */
    public static SendTabPayload decrypt(JsonNode commandPayload, PushKeys keys) {
        JsonNode enc = commandPayload == null ? null : commandPayload.get("encrypted");
        if (enc == null || !enc.isTextual() || enc.asText().length() > MAX_ENCRYPTED_CHARS) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "open-uri payload has no usable 'encrypted'");
        }
        byte[] body;
        try {
            body = Bytes.base64UrlDecode(enc.asText());
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "open-uri payload is not base64url", e);
        }
        byte[] clear = WebPushCipher.decrypt(keys, body);
        try {
            return SendTabPayload.parse(clear);
        } finally {
            Bytes.wipe(clear);
        }
    }
}
