package io.fxhome.sync.records;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.storage.DecryptedRecord;

/**
 * A deletion marker, {@code {"id": "...", "deleted": true}} (§7.0). Like application-services, any object with a
 * {@code deleted} member counts, unless that member is {@code false} or {@code null}.
 */
public record Tombstone(String id) {

    public static boolean isTombstone(JsonNode cleartext) {
        JsonNode d = cleartext.get("deleted");
        return d != null && !d.isNull() && !(d.isBoolean() && !d.asBoolean());
    }

    public static Optional<Tombstone> from(DecryptedRecord record) {
        return record.tombstone() ? Optional.of(new Tombstone(Fields.id(record.cleartext(), record.id())))
                : Optional.empty();
    }
}
