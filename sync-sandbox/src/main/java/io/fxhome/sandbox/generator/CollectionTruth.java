package io.fxhome.sandbox.generator;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.Json;

/**
 * What a correct client must end up with for one collection: every live record's decrypted cleartext (JSON text, by
 * id), the ids that are tombstones, and the ids it must skip with the reason.
 */
public record CollectionTruth(Map<String, String> records, Set<String> tombstones, Map<String, SkipReason> skipped) {

    public CollectionTruth {
        records = Map.copyOf(records);
        tombstones = Set.copyOf(tombstones);
        skipped = Map.copyOf(skipped);
    }

    /** The cleartext of a live record as a Jackson object (parsed on each call), or null. */
    public ObjectNode cleartext(String id) {
        String text = records.get(id);
        return text == null ? null : Json.parseObject(text);
    }
}
