package io.fxhome.sandbox.generator;

import io.fxhome.sandbox.http.Json;

/**
 * One record as the simulated Firefox holds it before encryption.
 *
 * @param cleartext the exact cleartext to encrypt (JSON text, or garbage for {@link SkipReason#NOT_JSON})
 * @param tombstone {@code {"id","deleted":true}}
 * @param corruption null for a good record
 * @param uploadedAt epoch ms of the upload that stored it (shared by every record of that upload)
 */
public record GeneratedRecord(String collection, String id, String cleartext, boolean tombstone, Integer sortindex,
        Integer ttlSeconds, SkipReason corruption, long uploadedAt) {

    public GeneratedRecord withUploadedAt(long value) {
        return new GeneratedRecord(collection, id, cleartext, tombstone, sortindex, ttlSeconds, corruption, value);
    }

    public static String tombstoneJson(String id) {
        return "{\"id\":" + Json.quote(id) + ",\"deleted\":true}";
    }
}
