package io.fxhome.sync.crypto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;

/**
 * The bulk keys from the decrypted crypto/keys record (§6.3): a {@code default} bundle plus optional per-collection
 * overrides. {@link #keyFor(String)} picks the override when present. Two instances are equal when they hold the
 * same keys (Firefox sometimes re-uploads identical keys just to bump the timestamp).
 */
public final class CollectionKeys {
    private final KeyBundle defaultKeys;
    private final Map<String, KeyBundle> collections;

    public CollectionKeys(KeyBundle defaultKeys, Map<String, KeyBundle> collections) {
        this.defaultKeys = defaultKeys;
        this.collections = Collections.unmodifiableMap(new LinkedHashMap<>(collections));
    }

    /** Parses {@code {"default": [enc, hmac], "collections": {name: [enc, hmac]}}}. @throws CryptoException BAD_FORMAT */
    public static CollectionKeys fromCleartext(JsonNode cleartext) {
        if (cleartext == null || !cleartext.isObject()) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "crypto/keys cleartext is not an object");
        }
        KeyBundle def = pair(cleartext.get("default"), "default");
        Map<String, KeyBundle> per = new LinkedHashMap<>();
        JsonNode colls = cleartext.get("collections");
        if (colls != null && !colls.isNull()) {
            if (!colls.isObject()) {
                throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "crypto/keys collections is not an object");
            }
            for (Map.Entry<String, JsonNode> e : colls.properties()) {
                per.put(e.getKey(), pair(e.getValue(), "collections." + e.getKey()));
            }
        }
        return new CollectionKeys(def, per);
    }

    private static KeyBundle pair(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isTextual()
                || !node.get(1).isTextual()) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT,
                    "crypto/keys " + where + " is not a pair of base64 strings");
        }
        try {
            return KeyBundle.fromBase64Pair(node.get(0).asText(), node.get(1).asText());
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "crypto/keys " + where + " is malformed", e);
        }
    }

    public KeyBundle keyFor(String collection) {
        KeyBundle k = collections.get(collection);
        return k != null ? k : defaultKeys;
    }

    public KeyBundle defaultKeys() {
        return defaultKeys;
    }

    public Map<String, KeyBundle> collections() {
        return collections;
    }

    /** The crypto/keys cleartext for these keys (for test servers and round trips). */
    public ObjectNode toCleartext() {
        ObjectNode o = Json.object();
        o.put("id", "keys").put("collection", "crypto");
        ArrayNode def = o.putArray("default");
        defaultKeys.toBase64Pair().forEach(def::add);
        ObjectNode colls = o.putObject("collections");
        collections.forEach((name, k) -> {
            ArrayNode a = colls.putArray(name);
            k.toBase64Pair().forEach(a::add);
        });
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollectionKeys && ((CollectionKeys) o).defaultKeys.equals(defaultKeys)
                && ((CollectionKeys) o).collections.equals(collections);
    }

    @Override
    public int hashCode() {
        return defaultKeys.hashCode();
    }

    @Override
    public String toString() {
        return "CollectionKeys[default=" + defaultKeys.fingerprint() + ", overrides=" + collections.keySet() + "]";
    }
}
