package io.fxhome.sandbox.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.storage.BsoQuery;
import io.fxhome.sandbox.storage.Page;
import io.fxhome.sandbox.storage.Sort;
import io.fxhome.sandbox.storage.UserStorage;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.StorageDownload;
import io.fxhome.sandbox.testsupport.SyncTestClient;

/** The deterministic profile generator and its cleartext truth. */
class ProfileGeneratorTest extends SandboxTestBase {
    private static final Instant ANCHOR = Instant.parse("2026-06-01T00:00:00Z");

    private static Map<String, List<String>> cleartexts(GeneratedProfile p) {
        Map<String, List<String>> out = new TreeMap<>();
        p.collections().forEach((c, list) -> out.put(c, list.stream().map(r -> r.id() + "=" + r.cleartext())
                .toList()));
        return out;
    }

    @Test
    void sameSpecGivesTheSameTruth() {
        ProfileSpec spec = ProfileSpec.small(42).withAnchor(ANCHOR).withCorruptRecords(true, true);
        assertThat(cleartexts(ProfileGenerator.generate(spec))).isEqualTo(cleartexts(ProfileGenerator.generate(spec)));
        assertThat(cleartexts(ProfileGenerator.generate(spec)))
                .isNotEqualTo(cleartexts(ProfileGenerator.generate(ProfileSpec.small(43).withAnchor(ANCHOR))));

        String a = newEmail();
        String b = newEmail();
        sandbox().createAccount(NewAccount.of(a, PASSWORD).withProfile(spec));
        sandbox().createAccount(NewAccount.of(b, PASSWORD).withProfile(spec));
        CleartextTruth ta = sandbox().truth(a);
        CleartextTruth tb = sandbox().truth(b);
        assertThat(ta).isEqualTo(tb);
        assertThat(ta.collection("history").skipped()).hasSize(2)
                .containsValues(SkipReason.BAD_HMAC, SkipReason.NOT_JSON);
        assertThat(ta.metaGlobalJson().get("syncID").asText()).isEqualTo(tb.metaGlobalJson().get("syncID").asText());
    }

    @Test
    void truthDecryptsBackFromWhatStorageServes() throws Exception {
        ProfileSpec spec = ProfileSpec.small(7).withSizes(120, 600, 4).withCorruptRecords(true, true);
        Session s = profileSession(spec);
        CleartextTruth truth = sandbox().truth(s.email());

        String meta = StorageDownload.metaGlobal(client, s.token());
        assertThat(SyncTestClient.parse(meta)).isEqualTo(SyncTestClient.parse(truth.metaGlobal()));
        Map<String, byte[]> keys = StorageDownload.bulkKeys(client, s.token(), s.linked().kSync());
        assertThat(keys).containsKeys("default", "bookmarks");
        assertThat(keys.get("bookmarks")).isNotEqualTo(keys.get("default"));

        for (String collection : List.of("bookmarks", "history", "clients", "tabs")) {
            byte[] bundle = keys.getOrDefault(collection, keys.get("default"));
            StorageDownload.Decrypted got = StorageDownload.collection(client, s.token(), collection, bundle, 97);
            CollectionTruth expected = truth.collection(collection);
            assertThat(got.records()).as(collection).isEqualTo(expected.records());
            assertThat(got.tombstones()).as(collection).isEqualTo(expected.tombstones());
            Map<String, String> skipped = new HashMap<>();
            expected.skipped().forEach((k, v) -> skipped.put(k, v.name()));
            assertThat(got.skipped()).as(collection).isEqualTo(skipped);
        }
        assertThat(truth.collection("bookmarks").tombstones()).isNotEmpty();
        assertThat(truth.collection("history").tombstones()).isNotEmpty();
    }

    @Test
    void profileLooksLikeARealFirefoxProfile() {
        CleartextTruth truth = ProfileTruths.of(ProfileSpec.medium(11).withAnchor(ANCHOR));
        long anchorMs = ANCHOR.toEpochMilli();

        Map<String, JsonNode> bookmarks = ProfileTruths.parsed(truth.collection("bookmarks"));
        for (String root : List.of("menu", "toolbar", "unfiled", "mobile")) {
            assertThat(bookmarks.get(root).get("parentid").asText()).isEqualTo("places");
            assertThat(bookmarks.get(root).get("type").asText()).isEqualTo("folder");
        }
        Set<String> types = new HashSet<>();
        int nested = 0;
        boolean tags = false;
        boolean keyword = false;
        for (JsonNode b : bookmarks.values()) {
            types.add(b.get("type").asText());
            assertThat(b.get("dateAdded").asLong()).isBetween(anchorMs - 6L * 365 * 86_400_000, anchorMs);
            if (b.get("type").asText().equals("folder")) {
                for (JsonNode child : b.get("children")) {
                    assertThat(bookmarks.get(child.asText()).get("parentid").asText()).isEqualTo(b.get("id").asText());
                }
                if (!b.get("parentid").asText().equals("places")
                        && !List.of("menu", "toolbar", "unfiled", "mobile").contains(b.get("parentid").asText())) {
                    nested++;
                }
            }
            if (b.get("type").asText().equals("separator")) {
                assertThat(b.has("pos")).isTrue();
            }
            if (b.get("type").asText().equals("query")) {
                assertThat(b.get("bmkUri").asText()).startsWith("place:");
            }
            tags |= b.path("tags").size() > 0;
            keyword |= b.has("keyword");
        }
        assertThat(types).contains("folder", "bookmark", "separator", "query");
        assertThat(nested).as("folders inside folders").isPositive();
        assertThat(tags).isTrue();
        assertThat(keyword).isTrue();

        Map<String, JsonNode> history = ProfileTruths.parsed(truth.collection("history"));
        assertThat(history).hasSizeGreaterThan(4_800);
        Map<Integer, Integer> typeCounts = new HashMap<>();
        Map<String, Integer> hosts = new HashMap<>();
        int maxVisits = 0;
        for (JsonNode h : history.values()) {
            JsonNode visits = h.get("visits");
            assertThat(visits.size()).isBetween(1, 20);
            maxVisits = Math.max(maxVisits, visits.size());
            long previous = Long.MAX_VALUE;
            for (JsonNode v : visits) {
                long date = v.get("date").asLong();
                assertThat(v.get("date").isIntegralNumber()).isTrue();
                assertThat(date).as("microseconds").isBetween(anchorMs * 1000 - 5L * 365 * 86_400_000_000L,
                        anchorMs * 1000);
                assertThat(date).as("newest first").isLessThan(previous);
                previous = date;
                typeCounts.merge(v.get("type").asInt(), 1, Integer::sum);
            }
            String uri = h.get("histUri").asText();
            if (uri.startsWith("https://")) {
                hosts.merge(URI.create(uri).getHost(), 1, Integer::sum);
            }
        }
        assertThat(maxVisits).isEqualTo(20);
        assertThat(typeCounts.keySet()).allMatch(t -> t >= 1 && t <= 9);
        assertThat(typeCounts.get(1)).isGreaterThan(typeCounts.get(2)).isGreaterThan(typeCounts.getOrDefault(9, 0));
        assertThat(hosts.values().stream().mapToInt(Integer::intValue).max().orElse(0)).as("shared hosts")
                .isGreaterThan(100);

        Map<String, JsonNode> clients = ProfileTruths.parsed(truth.collection("clients"));
        Set<String> deviceTypes = new HashSet<>();
        clients.values().forEach(c -> deviceTypes.add(c.get("type").asText()));
        assertThat(deviceTypes).contains("desktop", "mobile", "tablet");
        assertThat(clients.values()).anyMatch(c -> c.get("os").asText().equals("iOS") && !c.has("fxaDeviceId"));
        assertThat(clients.values()).anyMatch(c -> c.path("fxaDeviceId").asText("").matches("[0-9a-f]{32}"));

        Set<String> lastUsedKinds = new HashSet<>();
        for (JsonNode t : ProfileTruths.parsed(truth.collection("tabs")).values()) {
            assertThat(clients).containsKey(t.get("id").asText());
            for (JsonNode tab : t.get("tabs")) {
                JsonNode lu = tab.get("lastUsed");
                lastUsedKinds.add(lu.isTextual() ? "string" : lu.isIntegralNumber() ? "int" : "float");
                assertThat(tab.get("urlHistory").size()).isPositive();
            }
        }
        assertThat(lastUsedKinds).containsExactlyInAnyOrder("string", "int", "float");

        String all = String.join("\n", truth.collection("history").records().values())
                + String.join("\n", truth.collection("bookmarks").records().values());
        assertThat(all).contains("<script>alert(1)</script>", "onerror=alert(1)>", "javascript:", "data:text/html",
                "𝄞", "🦊");
        assertThat(ProfileTruths.parsed(truth.collection("history")).values())
                .anyMatch(h -> h.path("title").asText("").length() == 10_000);
    }

    @Test
    void hundredThousandHistoryRecordsGenerateAndServeQuickly() {
        ProfileSpec spec = ProfileSpec.large(99).withAnchor(ANCHOR);
        long t0 = System.nanoTime();
        GeneratedProfile profile = ProfileGenerator.generate(spec);
        long t1 = System.nanoTime();
        assertThat(profile.collections().get("history")).hasSize(100_000);

        String email = newEmail();
        long t2 = System.nanoTime();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD).withProfile(spec));
        long t3 = System.nanoTime();
        UserStorage storage = sandbox().storage(email);
        long now = System.currentTimeMillis();
        storage.query("history", new BsoQuery(null, null, null, Sort.OLDEST, 1000, null, true), now);
        List<Long> pageNanos = new ArrayList<>();
        String offset = null;
        int served = 0;
        for (int i = 0; i < 20; i++) {
            long p0 = System.nanoTime();
            Page page = storage.query("history", new BsoQuery(null, null, null, Sort.OLDEST, 1000, offset, true), now);
            pageNanos.add(System.nanoTime() - p0);
            served += page.items().size();
            offset = page.nextOffset();
        }
        assertThat(served).isEqualTo(20_000);
        assertThat(info.storageUid()).isPositive();
        pageNanos.sort(Long::compare);
        System.out.printf("GENERATOR: 100,000 history (+%d other) records: cleartext in %d ms; generate+encrypt+store"
                + " in %d ms; a 1,000-record page in %.2f ms (median of 20)%n", profile.recordCount() - 100_000,
                (t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000, pageNanos.get(10) / 1e6);
    }
}
