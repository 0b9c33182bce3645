package io.fxhome.sync.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.json.Json;

/**
 * The cleartext {@code meta/global} record (§6.1): storage format version, global syncID, per-engine version and
 * syncID, and the engines the user declined.
 *
 * @param syncId the global syncID; a change means "everything was reset"
 * @param storageVersion the storage format, 5 today
 * @param engines engine name to version and syncID
 * @param declined engines the user explicitly disabled
 * @param modified the BSO's server timestamp
 */
public record MetaGlobal(String syncId, int storageVersion, Map<String, EngineInfo> engines, List<String> declined,
        ServerTimestamp modified) {

    /** One entry of {@code engines}. */
    public record EngineInfo(int version, String syncId) {
    }

    public MetaGlobal {
        engines = Collections.unmodifiableMap(new LinkedHashMap<>(engines));
        declined = List.copyOf(declined);
    }

    public Optional<EngineInfo> engine(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    /** Listed in {@code engines} wins over {@code declined}; absent from both means not enabled. */
    public boolean isEnabled(String engine) {
        return engines.containsKey(engine);
    }

    /** Parses the payload leniently (numbers as strings accepted). @throws IllegalArgumentException when unusable */
    public static MetaGlobal parse(String payload, ServerTimestamp modified) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("meta/global payload is not JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("meta/global payload is not a JSON object");
        }
        JsonNode sv = json.get("storageVersion");
        Integer storageVersion = asInt(sv);
        if (storageVersion == null) {
            throw new IllegalArgumentException("meta/global has no storageVersion");
        }
        Map<String, EngineInfo> engines = new LinkedHashMap<>();
        JsonNode e = json.get("engines");
        if (e != null && e.isObject()) {
            for (Map.Entry<String, JsonNode> entry : e.properties()) {
                JsonNode v = entry.getValue();
                if (v != null && v.isObject()) {
                    Integer version = asInt(v.get("version"));
                    engines.put(entry.getKey(), new EngineInfo(version == null ? 0 : version,
                            v.path("syncID").isTextual() ? v.get("syncID").asText() : null));
                }
            }
        }
        List<String> declined = new ArrayList<>();
        JsonNode d = json.get("declined");
        if (d != null && d.isArray()) {
            for (JsonNode n : d) {
                if (n.isTextual()) {
                    declined.add(n.asText());
                }
            }
        }
        String syncId = json.path("syncID").isTextual() ? json.get("syncID").asText() : null;
        return new MetaGlobal(syncId, storageVersion, engines, declined, modified);
    }

    private static Integer asInt(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.canConvertToInt()) {
            return n.asInt();
        }
        if (n.isTextual()) {
            try {
                return Integer.parseInt(n.asText().trim());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }
}
