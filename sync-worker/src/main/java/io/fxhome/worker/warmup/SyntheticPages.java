package io.fxhome.worker.warmup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.json.Json;

/**
 * Collection pages as a storage server sends them (a JSON array of BSOs, each payload encrypted and HMAC-signed), made
 * up under a key generated for the warm-up: no account's key or data is ever used. Record shapes follow what Firefox
 * uploads, so the parser and the normalizers take the branches a real sync takes (visits, tags, several tabs).
 */
final class SyntheticPages {
    private final KeyBundle keys;
    private final RecordCipher cipher;
    private final String run;

    /** @param run a per-process tag that keeps the generated ids and URLs apart from every real record's */
    SyntheticPages(KeyBundle keys, String run) {
        this.keys = keys;
        this.cipher = new RecordCipher(keys);
        this.run = run;
    }

    KeyBundle keys() {
        return keys;
    }

    byte[] history(int first, int count) {
        return page(first, count, i -> {
            ObjectNode r = Json.object().put("id", id("h", i)).put("histUri", "https://warm-up.invalid/" + run + "/page/" + i)
                    .put("title", "Warm-up page " + i + " – ünïcode");
            ArrayNode visits = r.putArray("visits");
            for (int v = 0; v < 1 + i % 5; v++) {
                visits.addObject().put("date", 1_700_000_000_000_000L + i * 1_000_000L + v * 60_000_000L).put("type",
                        1 + (i + v) % 3);
            }
            return r;
        });
    }

    byte[] bookmarks(int first, int count) {
        return page(first, count, i -> {
            ObjectNode r = Json.object().put("id", id("b", i)).put("parentid", "unfiled").put("parentName", "Other")
                    .put("dateAdded", 1_700_000_000_000L + i);
            if (i % 10 == 0) {
                r.put("type", "folder").put("title", "Folder " + i).putArray("children").add(id("b", i + 1))
                        .add(id("b", i + 2));
            } else {
                r.put("type", "bookmark").put("title", "Warm-up bookmark " + i)
                        .put("bmkUri", "https://warm-up.invalid/" + run + "/page/" + i).putArray("tags").add("warm-up");
            }
            return r;
        });
    }

    byte[] tabs(int first, int count) {
        return page(first, count, i -> {
            ObjectNode r = Json.object().put("id", id("t", i)).put("clientName", "Warm-up device " + i);
            ArrayNode tabs = r.putArray("tabs");
            for (int t = 0; t < 20; t++) {
                tabs.addObject().put("title", "Tab " + t).put("lastUsed", 1_700_000_000L + t).put("icon", "")
                        .putArray("urlHistory").add("https://warm-up.invalid/" + run + "/tab/" + t);
            }
            return r;
        });
    }

    private byte[] page(int first, int count, IntFunction<ObjectNode> record) {
        ArrayNode page = Json.MAPPER.createArrayNode();
        for (int i = first; i < first + count; i++) {
            ObjectNode cleartext = record.apply(i);
            String payload = cipher.encrypt(cleartext.toString().getBytes(StandardCharsets.UTF_8)).toJson();
            page.addObject().put("id", cleartext.get("id").asText())
                    .put("modified", 1_700_000_000L + i / 100 + "." + String.format("%02d", i % 100))
                    .put("payload", payload);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            Json.MAPPER.writeValue(body, page);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreachable: writing to memory", e);
        }
        return body.toByteArray();
    }

    /** Twelve characters, as Firefox's GUIDs. */
    private String id(String kind, int i) {
        return kind + run.substring(0, 3) + String.format("%08d", i);
    }
}
