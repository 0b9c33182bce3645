package io.fxhome.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonGenerator;

import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sandbox.http.Json;

/**
 * The truth as JSON: {@code {"metaGlobal": {...}|null, "collections": {"<name>": {"records": {"<id>": cleartext},
 * "tombstones": [ids], "skipped": {"<id>": "BAD_HMAC"|"NOT_JSON"}}}}}. Cleartexts are written verbatim (they are the
 * exact JSON the client decrypts), streamed rather than re-parsed.
 */
final class TruthJson {
    private TruthJson() {
    }

    public static byte[] write(CleartextTruth truth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("metaGlobal");
            if (truth.metaGlobal() == null) {
                g.writeNull();
            } else {
                g.writeRawValue(truth.metaGlobal());
            }
            g.writeObjectFieldStart("collections");
            for (Map.Entry<String, CollectionTruth> e : truth.sorted().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeObjectFieldStart("records");
                for (Map.Entry<String, String> r : new TreeMap<>(e.getValue().records()).entrySet()) {
                    g.writeFieldName(r.getKey());
                    g.writeRawValue(r.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("tombstones");
                for (String id : new TreeSet<>(e.getValue().tombstones())) {
                    g.writeString(id);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("skipped");
                for (var s : new TreeMap<>(e.getValue().skipped()).entrySet()) {
                    g.writeStringField(s.getKey(), s.getValue().name());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
