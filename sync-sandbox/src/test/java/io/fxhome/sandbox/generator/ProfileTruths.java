package io.fxhome.sandbox.generator;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.testsupport.SyncTestClient;

/** Builds a truth straight from the generator (no storage) and parses it, for content checks. */
final class ProfileTruths {
    private ProfileTruths() {
    }

    static CleartextTruth of(ProfileSpec spec) {
        GeneratedProfile p = ProfileGenerator.generate(spec);
        Map<String, CollectionTruth> out = new TreeMap<>();
        p.collections().forEach((c, records) -> {
            Map<String, String> live = new LinkedHashMap<>();
            Set<String> tombstones = new LinkedHashSet<>();
            Map<String, SkipReason> skipped = new LinkedHashMap<>();
            for (GeneratedRecord r : records) {
                if (r.corruption() != null) {
                    skipped.put(r.id(), r.corruption());
                } else if (r.tombstone()) {
                    tombstones.add(r.id());
                } else {
                    live.put(r.id(), r.cleartext());
                }
            }
            out.put(c, new CollectionTruth(live, tombstones, skipped));
        });
        return new CleartextTruth(null, out);
    }

    static Map<String, JsonNode> parsed(CollectionTruth t) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        t.records().forEach((id, text) -> out.put(id, SyncTestClient.parse(text)));
        return out;
    }
}
