package io.fxhome.sandbox.firefox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.KeyBundle;
import io.fxhome.sandbox.crypto.RecordCipher;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sandbox.generator.GeneratedProfile;
import io.fxhome.sandbox.generator.GeneratedRecord;
import io.fxhome.sandbox.generator.Randoms;
import io.fxhome.sandbox.generator.SkipReason;
import io.fxhome.sandbox.http.Json;
import io.fxhome.sandbox.storage.StoredBso;
import io.fxhome.sandbox.storage.SyncTimestamps;
import io.fxhome.sandbox.storage.UserStorage;

/**
 * "Another Firefox" signed in to the account: it knows kSync, owns meta/global and crypto/keys, and writes records
 * to the storage the way Firefox does (envelope of §6.4, keys per collection, uploads of up to 100 records sharing a
 * timestamp). Its local record set is the cleartext truth of what the server holds.
 */
public final class SimulatedFirefox {
    private static final List<String> ENGINES = List.of("bookmarks", "clients", "forms", "history", "prefs", "tabs",
            "addons");
    private static final Map<String, Integer> TTL = Map.of("history", 5_184_000, "clients", 15_552_000, "tabs",
            15_552_000);

    private final KeyBundle rootKeys;
    private final long ivSeed;
    private final SplittableRandom random;
    private final List<String> perCollectionKeyNames;
    private final Map<String, LinkedHashMap<String, GeneratedRecord>> records = new TreeMap<>();
    private CollectionKeys keys;
    private MetaGlobal meta;
    private long revision;

    public SimulatedFirefox(byte[] kB, long seed, List<String> perCollectionKeyNames) {
        this.rootKeys = KeyBundle.fromKB(kB);
        this.random = Randoms.stream(seed, "firefox", 0);
        this.ivSeed = random.nextLong();
        this.perCollectionKeyNames = List.copyOf(perCollectionKeyNames);
    }

    private String newSyncId() {
        return Randoms.guid(random);
    }

    private void freshKeysAndIds() {
        Map<String, KeyBundle> per = new HashMap<>();
        for (String c : perCollectionKeyNames) {
            per.put(c, newBundle());
        }
        keys = new CollectionKeys(newBundle(), per);
        Map<String, MetaGlobal.Engine> engines = new TreeMap<>();
        for (String e : ENGINES) {
            engines.put(e, new MetaGlobal.Engine(MetaGlobal.ENGINE_VERSIONS.get(e), newSyncId()));
        }
        meta = new MetaGlobal(newSyncId(), engines, List.of("passwords"));
    }

    private KeyBundle newBundle() {
        return new KeyBundle(Randoms.bytes(random, 32), Randoms.bytes(random, 32));
    }

    /** Fresh start with a generated profile: meta/global, crypto/keys, then every record at its upload time. */
    public synchronized void uploadProfile(GeneratedProfile profile, UserStorage storage, long now) {
        freshKeysAndIds();
        long first = Long.MAX_VALUE;
        for (List<GeneratedRecord> list : profile.collections().values()) {
            for (GeneratedRecord r : list) {
                first = Math.min(first, r.uploadedAt());
            }
        }
        // Uploads keep their spacing but end by now even when the profile's anchor lies in the past, so that
        // records with a ttl (history: 60 days) are still on the server.
        long shift = Math.max(0, now - profile.spec().anchor().toEpochMilli());
        long start = SyncTimestamps.truncate(Math.min(first == Long.MAX_VALUE ? now : first - 1_000 + shift, now));
        storage.writeStored("meta", List.of(new StoredBso("global", start - 10, null, meta.cleartext(),
                Long.MAX_VALUE)));
        storage.writeStored("crypto", List.of(keysBso(start)));
        for (Map.Entry<String, List<GeneratedRecord>> e : profile.collections().entrySet()) {
            LinkedHashMap<String, GeneratedRecord> local = records.computeIfAbsent(e.getKey(),
                    k -> new LinkedHashMap<>());
            List<GeneratedRecord> list = e.getValue();
            long base = revision;
            revision += list.size();
            StoredBso[] built = new StoredBso[list.size()];
            IntStream.range(0, list.size()).parallel().forEach(i -> {
                GeneratedRecord r = list.get(i);
                long t = SyncTimestamps.truncate(Math.min(r.uploadedAt() + shift, now));
                built[i] = encrypt(r, t, base + i);
            });
            Arrays.sort(built, (a, b) -> Long.compare(a.modified(), b.modified()));
            storage.writeStored(e.getKey(), Arrays.asList(built));
            list.forEach(r -> local.put(r.id(), r));
        }
    }

    private StoredBso keysBso(long t) {
        String payload = RecordCipher.encrypt(keys.cleartext(), rootKeys, iv("crypto", "keys", revision++))
                .toPayload();
        return new StoredBso("keys", t, null, payload, Long.MAX_VALUE);
    }

    /**
     * A deterministic, never-zero IV per upload revision (the same account re-generated gets the same ciphertexts;
     * syncstorage-rs refuses all-zero IVs).
     */
    private byte[] iv(String collection, String id, long rev) {
        SplittableRandom r = new SplittableRandom(ivSeed ^ (rev * 0x9E3779B97F4A7C15L) ^ collection.hashCode());
        byte[] iv = new byte[16];
        long a = r.nextLong();
        long b = r.nextLong() | 1L;
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (a >>> (8 * i));
            iv[8 + i] = (byte) (b >>> (8 * i));
        }
        return iv;
    }

    private StoredBso encrypt(GeneratedRecord r, long modified, long rev) {
        RecordCipher.Envelope env = RecordCipher.encrypt(r.cleartext(), keys.keyFor(r.collection()),
                iv(r.collection(), r.id(), rev));
        if (r.corruption() == SkipReason.BAD_HMAC) {
            char[] mac = env.hmac().toCharArray();
            mac[0] = mac[0] == '0' ? '1' : '0';
            env = new RecordCipher.Envelope(env.ciphertext(), env.iv(), new String(mac));
        }
        long expires = r.ttlSeconds() == null ? Long.MAX_VALUE : modified + r.ttlSeconds() * 1000L;
        return new StoredBso(r.id(), modified, r.sortindex(), env.toPayload(), expires);
    }

    private long uploadNow(UserStorage storage, String collection, List<GeneratedRecord> list, long now) {
        return storage.writeBuilt(collection, now, t -> {
            List<StoredBso> built = new ArrayList<>(list.size());
            for (GeneratedRecord r : list) {
                built.add(encrypt(r.withUploadedAt(t), t, revision++));
            }
            return built;
        });
    }

    /** Uploads meta/global and crypto/keys if the server has none (a Firefox syncing to empty storage). */
    private void ensureSetUp(UserStorage storage, long now) {
        if (meta == null || storage.collectionModified("meta") == 0) {
            if (meta == null) {
                freshKeysAndIds();
            }
            storage.writeBuilt("meta", now, t -> List.of(new StoredBso("global", t, null, meta.cleartext(),
                    Long.MAX_VALUE)));
            storage.writeBuilt("crypto", now, t -> List.of(keysBso(t)));
        }
    }

    /** Adds or changes a record, encrypted with the current keys; returns its id. */
    public synchronized String upsert(UserStorage storage, String collection, ObjectNode cleartext, long now) {
        ensureSetUp(storage, now);
        ObjectNode copy = cleartext.deepCopy();
        String id = copy.path("id").asText("");
        if (id.isEmpty()) {
            id = Randoms.guid(random);
            copy.put("id", id);
        }
        Integer sortindex = "bookmarks".equals(collection) && "folder".equals(copy.path("type").asText())
                ? 1_000_000
                : null;
        GeneratedRecord r = new GeneratedRecord(collection, id, Json.write(copy), copy.path("deleted").asBoolean(),
                sortindex, TTL.get(collection), null, now);
        records.computeIfAbsent(collection, k -> new LinkedHashMap<>()).put(id, r);
        uploadNow(storage, collection, List.of(r), now);
        return id;
    }

    /** Deletes a record the Firefox way: uploads a tombstone {@code {"id","deleted":true}}. */
    public synchronized void delete(UserStorage storage, String collection, String id, long now) {
        ensureSetUp(storage, now);
        GeneratedRecord r = new GeneratedRecord(collection, id, GeneratedRecord.tombstoneJson(id), true, null,
                TTL.get(collection), null, now);
        records.computeIfAbsent(collection, k -> new LinkedHashMap<>()).put(id, r);
        uploadNow(storage, collection, List.of(r), now);
    }

    /** Removes a record from the server without a tombstone (how tabs and clients records go away). */
    public synchronized void purge(UserStorage storage, String collection, String id, long now) {
        Map<String, GeneratedRecord> local = records.get(collection);
        if (local != null) {
            local.remove(id);
        }
        storage.deleteIds(collection, List.of(id), now);
    }

    /** Uploads one record a correct client must skip; returns its id. */
    public synchronized String injectCorrupt(UserStorage storage, String collection, SkipReason reason, long now) {
        ensureSetUp(storage, now);
        String id = Randoms.guid(random);
        String cleartext = reason == SkipReason.NOT_JSON ? "<html>not JSON" : "{\"id\":" + Json.quote(id) + "}";
        GeneratedRecord r = new GeneratedRecord(collection, id, cleartext, false, null, TTL.get(collection), reason,
                now);
        records.computeIfAbsent(collection, k -> new LinkedHashMap<>()).put(id, r);
        uploadNow(storage, collection, List.of(r), now);
        return id;
    }

    /** New bulk keys in crypto/keys and every record re-encrypted and re-uploaded with them. */
    public synchronized void rotateKeys(UserStorage storage, long now) {
        ensureSetUp(storage, now);
        Map<String, KeyBundle> per = new HashMap<>();
        for (String c : perCollectionKeyNames) {
            per.put(c, newBundle());
        }
        keys = new CollectionKeys(newBundle(), per);
        storage.writeBuilt("crypto", now, t -> List.of(keysBso(t)));
        for (Map.Entry<String, LinkedHashMap<String, GeneratedRecord>> e : records.entrySet()) {
            if (!e.getValue().isEmpty()) {
                uploadNow(storage, e.getKey(), new ArrayList<>(e.getValue().values()), now);
            }
        }
    }

    /**
     * A server wipe ({@code DELETE /storage}). With {@code reupload}, a fresh Firefox then starts over: new global
     * and engine syncIDs, new keys, and its live records uploaded again (tombstones and corrupt records are gone).
     * Without, the storage stays empty and so does the truth.
     */
    public synchronized void wipe(UserStorage storage, boolean reupload, long now) {
        storage.deleteAll(now);
        if (!reupload) {
            records.clear();
            meta = null;
            return;
        }
        records.values().forEach(m -> m.values().removeIf(r -> r.tombstone() || r.corruption() != null));
        freshKeysAndIds();
        ensureSetUp(storage, now);
        for (Map.Entry<String, LinkedHashMap<String, GeneratedRecord>> e : records.entrySet()) {
            if (!e.getValue().isEmpty()) {
                uploadNow(storage, e.getKey(), new ArrayList<>(e.getValue().values()), now);
            }
        }
    }

    /** The server's storage moved and nothing was copied: the new location holds nothing yet. */
    public synchronized void forgetServerState() {
        records.clear();
        meta = null;
    }

    public synchronized CleartextTruth truth() {
        Map<String, CollectionTruth> out = new TreeMap<>();
        for (Map.Entry<String, LinkedHashMap<String, GeneratedRecord>> e : records.entrySet()) {
            Map<String, String> live = new LinkedHashMap<>();
            Set<String> tombstones = new LinkedHashSet<>();
            Map<String, SkipReason> skipped = new LinkedHashMap<>();
            for (GeneratedRecord r : e.getValue().values()) {
                if (r.corruption() != null) {
                    skipped.put(r.id(), r.corruption());
                } else if (r.tombstone()) {
                    tombstones.add(r.id());
                } else {
                    live.put(r.id(), r.cleartext());
                }
            }
            out.put(e.getKey(), new CollectionTruth(live, tombstones, skipped));
        }
        return new CleartextTruth(meta == null ? null : meta.cleartext(), out);
    }

    /** The current bulk keys (the admin API exposes them to tests; they are sandbox keys, not a user's). */
    public synchronized CollectionKeys keys() {
        return keys;
    }
}
