package io.fxhome.sandbox.generator;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.Json;

/**
 * The decrypted content of an account's Sync storage, as a correct client must see it: meta/global (null when the
 * storage is empty) and, per data collection, the records, tombstones and records to skip.
 */
public record CleartextTruth(String metaGlobal, Map<String, CollectionTruth> collections) {

    public CleartextTruth {
        collections = Map.copyOf(collections);
    }

    public CollectionTruth collection(String name) {
        CollectionTruth t = collections.get(name);
        return t == null ? new CollectionTruth(Map.of(), Set.of(), Map.of()) : t;
    }

    public ObjectNode metaGlobalJson() {
        return metaGlobal == null ? null : Json.parseObject(metaGlobal);
    }

    /** Total live records over all collections. */
    public int liveRecordCount() {
        return collections.values().stream().mapToInt(c -> c.records().size()).sum();
    }

    /** Sorted view, handy for equality checks and JSON output. */
    public Map<String, CollectionTruth> sorted() {
        return new TreeMap<>(collections);
    }
}
