package io.fxhome.sync.storage;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.EncryptedPayload;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;

/**
 * Turns one encrypted BSO into a {@link DecryptedRecord} or a {@link SkipReason} (§6.4 steps 1–7). One instance per
 * download and thread: it owns a {@link RecordCipher}.
 */
final class BsoDecoder {
    private final RecordCipher cipher;
    private SkipReason lastSkip;

    BsoDecoder(KeyBundle keys) {
        this.cipher = new RecordCipher(keys);
    }

    /** The record, or null with {@link #lastSkip()} set. */
    DecryptedRecord decode(String id, ServerTimestamp modified, Integer sortindex, String payload) {
        if (id == null || !validId(id) || modified == null || payload == null) {
            return skip(SkipReason.BAD_BSO);
        }
        EncryptedPayload envelope;
        try {
            envelope = EncryptedPayload.parse(payload);
        } catch (CryptoException e) {
            return skip(SkipReason.BAD_ENVELOPE);
        }
        byte[] clear;
        try {
            clear = cipher.decrypt(envelope);
        } catch (CryptoException e) {
            return skip(e.problem() == CryptoException.Problem.BAD_HMAC ? SkipReason.BAD_HMAC
                    : SkipReason.DECRYPT_FAILED);
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(clear);
        } catch (IOException | NumberFormatException e) {
            // Jackson throws a bare NumberFormatException for a number BigDecimal refuses (an exponent beyond int).
            return skip(SkipReason.NOT_JSON);
        }
        if (json == null || !json.isObject()) {
            return skip(SkipReason.NOT_JSON);
        }
        JsonNode cleartextId = json.get("id");
        // Some writers omit the id; when present it must be the BSO's (application-services bso/content.rs).
        if (cleartextId != null && !cleartextId.isNull() && !(cleartextId.isTextual() && id.equals(cleartextId.asText()))) {
            return skip(SkipReason.ID_MISMATCH);
        }
        JsonNode deleted = json.get("deleted");
        boolean tombstone = deleted != null && !deleted.isNull() && !(deleted.isBoolean() && !deleted.asBoolean());
        return new DecryptedRecord(id, modified, sortindex, (ObjectNode) json, tombstone, clear);
    }

    /**
     * A BSO id Mozilla's storage accepts: 1 to 64 printable ASCII characters (syncstorage-rs
     * {@code web/extractors.rs}, {@code VALID_ID_REGEX = ^[ -~]{1,64}$}). Only a compromised or broken server sends
     * another; skipping it keeps the id columns and their indexes within bounds.
     */
    static boolean validId(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    SkipReason lastSkip() {
        return lastSkip;
    }

    private DecryptedRecord skip(SkipReason reason) {
        lastSkip = reason;
        return null;
    }
}
