package io.fxhome.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.InfoCollections;
import io.fxhome.sync.storage.MetaGlobal;

/**
 * Compares what fxhome's client decrypted with the sandbox's cleartext truth, exactly: per record the decrypted bytes,
 * the JSON (parsed independently of the client) and the client's own parse; tombstones; skipped ids with their reasons.
 */
final class TruthAssertions {
    /** A plain mapper, independent of the client's configuration. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private TruthAssertions() {
    }

    /** Downloads every collection of {@code info/collections} (but meta and crypto) and checks it against the truth. */
    static void assertAccountEqualsTruth(SyncClient client, CleartextTruth truth, int pageSize) {
        InfoCollections info = client.infoCollections(null).orElseThrow();
        MetaGlobal meta = client.metaGlobal().orElseThrow();
        assertMetaGlobal(meta, truth);
        CollectionKeys keys = client.collectionKeys().orElseThrow();
        Set<String> data = new TreeSet<>(info.collections().keySet());
        data.removeAll(Set.of("meta", "crypto"));
        assertThat(data).as("collections on the server").isEqualTo(nonEmptyCollections(truth));
        for (String collection : data) {
            CollectingSink sink = new CollectingSink();
            DownloadResult result = client.download(DownloadRequest.all(collection).withPageSize(pageSize), keys, sink);
            assertCollection(collection, sink, result, truth.collection(collection));
            assertThat(result.lastModified()).as("%s high-water mark", collection).isEqualTo(info.modified(collection)
                    .orElseThrow());
        }
    }

    static Set<String> nonEmptyCollections(CleartextTruth truth) {
        return truth.collections().entrySet().stream()
                .filter(e -> !e.getValue().records().isEmpty() || !e.getValue().tombstones().isEmpty()
                        || !e.getValue().skipped().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    static void assertMetaGlobal(MetaGlobal meta, CleartextTruth truth) {
        JsonNode expected = truth.metaGlobalJson();
        assertThat(meta.syncId()).isEqualTo(expected.path("syncID").asText());
        assertThat(meta.storageVersion()).isEqualTo(expected.path("storageVersion").asInt());
        Map<String, String> engines = new TreeMap<>();
        expected.path("engines").properties().forEach(e -> engines.put(e.getKey(),
                e.getValue().path("version").asInt() + "/" + e.getValue().path("syncID").asText()));
        Map<String, String> actual = new TreeMap<>();
        meta.engines().forEach((name, engine) -> actual.put(name, engine.version() + "/" + engine.syncId()));
        assertThat(actual).isEqualTo(engines);
        List<String> declined = new ArrayList<>();
        expected.path("declined").forEach(n -> declined.add(n.asText()));
        assertThat(meta.declined()).containsExactlyElementsOf(declined);
    }

    /** One collection: every live record, tombstone and skip, exactly once, and nothing else. */
    static void assertCollection(String collection, CollectingSink sink, DownloadResult result, CollectionTruth truth) {
        assertThat(sink.duplicatesInFinalPass()).as("%s: delivered twice in one pass", collection).isEmpty();
        Map<String, DecryptedRecord> live = new TreeMap<>();
        Set<String> tombstones = new TreeSet<>();
        sink.records().forEach((id, r) -> {
            if (r.tombstone()) {
                tombstones.add(id);
            } else {
                live.put(id, r);
            }
        });
        assertThat(live.keySet()).as("%s: live ids", collection).isEqualTo(new TreeSet<>(truth.records().keySet()));
        assertThat(tombstones).as("%s: tombstones", collection).isEqualTo(new TreeSet<>(truth.tombstones()));
        for (String id : tombstones) {
            DecryptedRecord r = sink.records().get(id);
            assertThat(r.cleartext().path("id").asText()).isEqualTo(id);
            assertThat(r.cleartext().path("deleted").asBoolean()).as("%s/%s deleted", collection, id).isTrue();
        }
        for (Map.Entry<String, DecryptedRecord> e : live.entrySet()) {
            String expected = truth.records().get(e.getKey());
            DecryptedRecord r = e.getValue();
            assertThat(new String(r.cleartextUtf8(), StandardCharsets.UTF_8)).as("%s/%s cleartext", collection,
                    e.getKey()).isEqualTo(expected);
            assertThat(plain(r.cleartextUtf8())).as("%s/%s JSON", collection, e.getKey()).isEqualTo(plain(expected));
            assertThat((JsonNode) r.cleartext()).as("%s/%s client's parse", collection, e.getKey())
                    .isEqualTo(clientParse(expected));
        }
        Map<String, String> skipped = new TreeMap<>();
        sink.skipped().forEach((id, reason) -> skipped.put(id, reason.name()));
        Map<String, String> expectedSkips = new TreeMap<>();
        truth.skipped().forEach((id, reason) -> expectedSkips.put(id, reason.name()));
        assertThat(skipped).as("%s: skipped ids and reasons", collection).isEqualTo(expectedSkips);
        assertThat(result.records()).isEqualTo(truth.records().size() + truth.tombstones().size());
        assertThat(result.tombstones()).isEqualTo(truth.tombstones().size());
        assertThat(result.skipped()).isEqualTo(truth.skipped().size());
    }

    private static JsonNode plain(byte[] json) {
        try {
            return PLAIN.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode plain(String json) {
        return plain(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode clientParse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
