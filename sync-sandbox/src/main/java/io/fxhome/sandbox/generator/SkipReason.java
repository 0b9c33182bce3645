package io.fxhome.sandbox.generator;

/** Why a correct client must skip a record (and carry on with the rest). */
public enum SkipReason {
    /** The payload's hmac does not match HMAC-SHA256(hmacKey, ciphertext text). */
    BAD_HMAC,
    /** It decrypts, but the cleartext is not JSON. */
    NOT_JSON
}
