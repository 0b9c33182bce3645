package io.fxhome.sync.storage;

/** Why a downloaded record was not handed to the sink as a {@link DecryptedRecord}. */
public enum SkipReason {
    /** The BSO itself lacks an id, a payload or a modified time. */
    BAD_BSO,
    /** The payload is not an {@code {ciphertext, IV, hmac}} JSON envelope. */
    BAD_ENVELOPE,
    /** The HMAC did not verify with the collection's key: wrong key or corrupt record. Not decrypted. */
    BAD_HMAC,
    /** Base64, IV length or padding were malformed although the HMAC matched. */
    DECRYPT_FAILED,
    /** The cleartext is not a UTF-8 JSON object. */
    NOT_JSON,
    /** The cleartext names another id than the BSO. */
    ID_MISMATCH,
    /** The BSO, as sent, is larger than the record cap ({@code fxhome.sync.max-record-bytes}). Not decrypted. */
    TOO_LARGE
}
