package io.fxhome.sync.testsupport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.EncryptedPayload;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.json.Json;

/** Builds encrypted BSOs the way a Firefox client uploads them, for test servers. */
public final class SyncFixtures {
    public static final SecureRandom RANDOM = new SecureRandom();

    private SyncFixtures() {
    }

    /** A BSO object {@code {id, modified, sortindex?, payload}} whose payload encrypts {@code cleartext}. */
    public static ObjectNode encryptedBso(KeyBundle keys, String id, String modified, Integer sortindex,
            String cleartext) {
        return encryptedBso(new RecordCipher(keys), id, modified, sortindex, cleartext);
    }

    /** Same, reusing a cipher (for generating many records). */
    public static ObjectNode encryptedBso(RecordCipher cipher, String id, String modified, Integer sortindex,
            String cleartext) {
        EncryptedPayload p = cipher.encrypt(cleartext.getBytes(StandardCharsets.UTF_8));
        return bso(id, modified, sortindex, p.toJson());
    }

    public static ObjectNode bso(String id, String modified, Integer sortindex, String payload) {
        ObjectNode o = Json.object().put("id", id);
        o.set("modified", Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(modified)));
        if (sortindex != null) {
            o.put("sortindex", sortindex);
        }
        return o.put("payload", payload);
    }

    /** A JSON array of BSOs. */
    public static String array(List<ObjectNode> bsos) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        bsos.forEach(a::add);
        return a.toString();
    }

    /** The crypto/keys BSO holding {@code bulk} as default, encrypted with the root bundle. */
    public static String cryptoKeysBso(KeyBundle root, KeyBundle bulk, String modified) {
        return encryptedBso(root, "keys", modified, null, new CollectionKeys(bulk, Map.of()).toCleartext().toString())
                .toString();
    }

    /** A meta/global BSO with the given storage version and the usual engines. */
    public static String metaGlobalBso(int storageVersion, String modified) {
        ObjectNode payload = Json.object().put("syncID", "7vO3Zcdu6V4I").put("storageVersion", storageVersion);
        ObjectNode engines = payload.putObject("engines");
        engines.putObject("bookmarks").put("version", 2).put("syncID", "ApPN6v8VY42s");
        engines.putObject("history").put("version", 1).put("syncID", "9Tvy_Vlb44b2");
        engines.putObject("tabs").put("version", 1).put("syncID", "G1nU87H-7jdl");
        engines.putObject("clients").put("version", 1).put("syncID", "Re1DKzUQE2jt");
        payload.putArray("declined").add("passwords");
        return bso("global", modified, null, payload.toString()).toString();
    }

    public static String historyCleartext(String id, String url, long visitMicros) {
        return "{\"id\":\"" + id + "\",\"histUri\":\"" + url + "\",\"title\":\"Page " + id
                + "\",\"visits\":[{\"date\":" + visitMicros + ",\"type\":1}]}";
    }
}
