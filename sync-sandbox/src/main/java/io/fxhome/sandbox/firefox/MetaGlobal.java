package io.fxhome.sandbox.firefox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.Json;

/** meta/global: storage version 5, the global syncID and each engine's version and syncID (§6.1). */
public record MetaGlobal(String syncId, Map<String, Engine> engines, List<String> declined) {

    /** Engine versions Firefox writes today (application-services DEFAULT_ENGINES). */
    public static final Map<String, Integer> ENGINE_VERSIONS = Map.of("clients", 1, "bookmarks", 2, "history", 1,
            "tabs", 1, "forms", 1, "prefs", 2, "addons", 1, "addresses", 1, "creditcards", 1, "passwords", 1);

    public record Engine(int version, String syncId) {
    }

    public String cleartext() {
        ObjectNode o = Json.object();
        o.put("syncID", syncId).put("storageVersion", 5);
        ObjectNode e = o.putObject("engines");
        new TreeMap<>(engines)
                .forEach((name, engine) -> e.putObject(name).put("version", engine.version()).put("syncID", engine.syncId()));
        ArrayNode d = o.putArray("declined");
        declined.forEach(d::add);
        return Json.write(o);
    }
}
