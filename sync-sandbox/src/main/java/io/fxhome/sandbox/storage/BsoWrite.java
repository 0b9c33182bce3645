package io.fxhome.sandbox.storage;

/**
 * One BSO to write. Null fields keep the stored value (or take the default for a new BSO: empty payload, no
 * sortindex, no expiry), as syncstorage-rs treats omitted fields. {@code ttlSeconds} is relative to the write time.
 */
public record BsoWrite(String id, String payload, Integer sortindex, Integer ttlSeconds) {
}
