package io.fxhome.sandbox.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/**
 * Downloads and decrypts a whole account the way a correct read-only client must (meta/global, crypto/keys with
 * kSync, then each collection paged with limit/offset and X-If-Unmodified-Since), with the independent decryptor,
 * sorting every record into live cleartexts, tombstones and skipped ids.
 */
public final class StorageDownload {
    private StorageDownload() {
    }

    /** What the client ended up with for one collection. */
    public record Decrypted(Map<String, String> records, Set<String> tombstones, Map<String, String> skipped) {
    }

    public static String metaGlobal(SyncTestClient client, SyncTestClient.SyncToken token) throws Exception {
        Resp r = client.storage(token, "GET", "/storage/meta/global");
        if (r.status() != 200) {
            return null;
        }
        return r.json().get("payload").asText();
    }

    /** The decrypted crypto/keys: collection name (or "default") → 64-byte enc‖hmac bundle. */
    public static Map<String, byte[]> bulkKeys(SyncTestClient client, SyncTestClient.SyncToken token, byte[] kSync)
            throws Exception {
        Resp r = client.storage(token, "GET", "/storage/crypto/keys");
        if (r.status() != 200) {
            throw new AssertionError("crypto/keys: " + r.status());
        }
        JsonNode keys = SyncTestClient.parse(RecordDecryptor.decrypt(r.json().get("payload").asText(), kSync));
        Map<String, byte[]> out = new HashMap<>();
        out.put("default", pair(keys.get("default")));
        keys.get("collections").fields().forEachRemaining(e -> out.put(e.getKey(), pair(e.getValue())));
        return out;
    }

    private static byte[] pair(JsonNode p) {
        byte[] enc = Base64.getDecoder().decode(p.get(0).asText());
        byte[] mac = Base64.getDecoder().decode(p.get(1).asText());
        byte[] out = new byte[64];
        System.arraycopy(enc, 0, out, 0, 32);
        System.arraycopy(mac, 0, out, 32, 32);
        return out;
    }

    public static Decrypted collection(SyncTestClient client, SyncTestClient.SyncToken token, String collection,
            byte[] bundle, int pageSize) throws Exception {
        Map<String, String> records = new LinkedHashMap<>();
        Set<String> tombstones = new LinkedHashSet<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<JsonNode> bsos = new ArrayList<>();
        String offset = null;
        String lastModified = null;
        do {
            Resp page = client.storage(token, "GET", "/storage/" + collection + "?full=1&sort=oldest&limit="
                    + pageSize + (offset == null ? "" : "&offset=" + URLEncoder.encode(offset, StandardCharsets.UTF_8)),
                    lastModified == null ? Map.of() : Map.of("X-If-Unmodified-Since", lastModified), null);
            if (page.status() != 200) {
                throw new AssertionError("GET " + collection + ": " + page.status());
            }
            lastModified = lastModified == null ? page.header("X-Last-Modified") : lastModified;
            page.json().forEach(bsos::add);
            offset = page.header("X-Weave-Next-Offset");
        } while (offset != null);
        for (JsonNode bso : bsos) {
            String id = bso.get("id").asText();
            String cleartext;
            try {
                cleartext = RecordDecryptor.decrypt(bso.get("payload").asText(), bundle);
            } catch (RecordDecryptor.BadHmacException e) {
                skipped.put(id, "BAD_HMAC");
                continue;
            }
            JsonNode json;
            try {
                json = SyncTestClient.parse(cleartext);
            } catch (AssertionError e) {
                skipped.put(id, "NOT_JSON");
                continue;
            }
            if (!json.isObject()) {
                skipped.put(id, "NOT_JSON");
            } else if (json.has("deleted")) {
                tombstones.add(id);
            } else {
                records.put(id, cleartext);
            }
        }
        return new Decrypted(records, tombstones, skipped);
    }
}
