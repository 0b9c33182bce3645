package io.fxhome.sandbox.firefox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.KeyBundle;
import io.fxhome.sandbox.http.Json;

/** The bulk keys of crypto/keys: a default bundle and per-collection overrides. */
public record CollectionKeys(KeyBundle defaultKeys, Map<String, KeyBundle> perCollection) {

    public CollectionKeys {
        perCollection = Map.copyOf(perCollection);
    }

    public KeyBundle keyFor(String collection) {
        return perCollection.getOrDefault(collection, defaultKeys);
    }

    /** The crypto/keys cleartext, as Firefox writes it. */
    public String cleartext() {
        ObjectNode o = Json.object();
        o.put("id", "keys").put("collection", "crypto");
        o.set("default", Json.MAPPER.valueToTree(defaultKeys.toBase64Pair()));
        ObjectNode collections = o.putObject("collections");
        new TreeMap<>(perCollection)
                .forEach((name, keys) -> collections.set(name, Json.MAPPER.valueToTree(keys.toBase64Pair())));
        return Json.write(o);
    }

    @Override
    public String toString() {
        return "CollectionKeys[" + new LinkedHashMap<>(perCollection).keySet() + ", redacted]";
    }
}
