package io.fxhome.sync.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /info/collections}: last-modified time per collection, and the store's X-Last-Modified (the value to
 * send as {@code X-If-Modified-Since} next time).
 */
public record InfoCollections(Map<String, ServerTimestamp> collections, ServerTimestamp lastModified) {

    public InfoCollections {
        collections = Collections.unmodifiableMap(new LinkedHashMap<>(collections));
    }

    public Optional<ServerTimestamp> modified(String collection) {
        return Optional.ofNullable(collections.get(collection));
    }

    public boolean has(String collection) {
        return collections.containsKey(collection);
    }
}
