package io.fxhome.sandbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/** Sync 1.5 storage over real HTTP: paging, preconditions, formats, writes, batches, info endpoints. */
class StorageApiTest extends SandboxTestBase {

    private static String bsos(int from, int count) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < from + count; i++) {
            if (i > from) {
                sb.append(',');
            }
            sb.append("{\"id\":\"rec").append(String.format("%05d", i)).append("\",\"payload\":\"p").append(i)
                    .append("\",\"sortindex\":").append(i % 7).append('}');
        }
        return sb.append(']').toString();
    }

    private static Resp post(Session s, String collection, String body) throws Exception {
        Resp r = client.storage(s.token(), "POST", "/storage/" + collection, Map.of(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** 250 records in three POSTs: records share the timestamp of their POST. */
    private static Session sessionWith250Records(String collection) throws Exception {
        Session s = emptySession();
        post(s, collection, bsos(0, 100));
        post(s, collection, bsos(100, 100));
        post(s, collection, bsos(200, 50));
        return s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "oldest", "newest", "index", "" })
    void pagingReturnsEveryRecordExactlyOnceInOrder(String sort) throws Exception {
        Session s = sessionWith250Records("history");
        String sortParam = sort.isEmpty() ? "" : "&sort=" + sort;
        Resp all = client.storage(s.token(), "GET", "/storage/history?full=1" + sortParam);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("X-Weave-Next-Offset")).isNull();
        List<JsonNode> expected = new ArrayList<>();
        all.json().forEach(expected::add);
        assertThat(expected).hasSize(250);
        assertOrdered(expected, sort);

        List<String> seen = new ArrayList<>();
        String offset = null;
        String firstLastModified = null;
        int pages = 0;
        do {
            String path = "/storage/history?full=1&limit=7" + sortParam + (offset == null ? ""
                    : "&offset="
                            + enc(offset));
            Map<String, String> headers = firstLastModified == null ? Map.of()
                    : Map.of("X-If-Unmodified-Since", firstLastModified);
            Resp page = client.storage(s.token(), "GET", path, headers, null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            if (firstLastModified == null) {
                firstLastModified = page.header("X-Last-Modified");
            }
            assertThat(page.header("X-Weave-Records")).isEqualTo(Integer.toString(page.json().size()));
            page.json().forEach(b -> seen.add(b.get("id").asText()));
            offset = page.header("X-Weave-Next-Offset");
            if (offset != null && !sort.equals("index")) {
                assertThat(offset).contains(":");
            }
            pages++;
        } while (offset != null);
        assertThat(pages).isEqualTo(36);
        assertThat(seen).doesNotHaveDuplicates().hasSize(250);
        assertThat(seen).containsExactlyElementsOf(expected.stream().map(b -> b.get("id").asText()).toList());
    }

    private static void assertOrdered(List<JsonNode> bsos, String sort) {
        Comparator<JsonNode> byModified = Comparator.comparingDouble(b -> b.get("modified").asDouble());
        Comparator<JsonNode> byId = Comparator.comparing(b -> b.get("id").asText());
        Comparator<JsonNode> order = switch (sort) {
            case "oldest" -> byModified.thenComparing(byId);
            case "index" -> Comparator.<JsonNode> comparingInt(b -> b.get("sortindex").asInt()).thenComparing(byId)
                    .reversed();
            default -> byModified.thenComparing(byId).reversed();
        };
        List<JsonNode> sorted = new ArrayList<>(bsos);
        sorted.sort(order);
        assertThat(bsos).containsExactlyElementsOf(sorted);
        Set<String> modified = new HashSet<>();
        bsos.forEach(b -> modified.add(b.get("modified").asText()));
        assertThat(modified).as("one timestamp per POST").hasSize(3);
    }

    @Test
    void pagingContinuesCorrectlyWhenLimitChangesBetweenPages() throws Exception {
        Session s = sessionWith250Records("bookmarks");
        List<String> seen = new ArrayList<>();
        String offset = null;
        int limit = 3;
        do {
            Resp page = client.storage(s.token(), "GET", "/storage/bookmarks?sort=oldest&limit=" + limit
                    + (offset == null ? "" : "&offset=" + enc(offset)));
            page.json().forEach(id -> seen.add(id.asText()));
            offset = page.header("X-Weave-Next-Offset");
            limit = limit == 3 ? 101 : 3;
        } while (offset != null);
        assertThat(seen).doesNotHaveDuplicates().hasSize(250);
    }

    @Test
    void fabricatedOffsetsAreRefused() throws Exception {
        Session s = sessionWith250Records("history");
        Resp page = client.storage(s.token(), "GET", "/storage/history?sort=oldest&limit=10");
        String offset = page.header("X-Weave-Next-Offset");
        assertThat(client.storage(s.token(), "GET", "/storage/history?sort=oldest&limit=10&offset=" + enc(offset))
                .status()).isEqualTo(200);
        for (String fake : new String[] { "10", "1:1", offset + "0", "abc", "-1" }) {
            Resp r = client.storage(s.token(), "GET", "/storage/history?sort=oldest&limit=10&offset=" + enc(fake));
            assertThat(r.status()).as(fake).isEqualTo(400);
            assertThat(r.body()).isEqualTo("0");
        }
        // An offset is bound to the query it came from.
        assertThat(client.storage(s.token(), "GET", "/storage/history?sort=index&limit=10&offset=" + enc(offset))
                .status()).isEqualTo(400);
    }

    @Test
    void concurrentWriteBetweenPagesGives412() throws Exception {
        Session s = sessionWith250Records("history");
        Resp first = client.storage(s.token(), "GET", "/storage/history?full=1&sort=oldest&limit=100");
        String lastModified = first.header("X-Last-Modified");
        post(s, "history", bsos(500, 1));
        Resp second = client.storage(s.token(), "GET", "/storage/history?full=1&sort=oldest&limit=100&offset="
                + enc(first.header("X-Weave-Next-Offset")), Map.of("X-If-Unmodified-Since", lastModified), null);
        assertThat(second.status()).isEqualTo(412);
        assertThat(second.body()).isEmpty();
        assertThat(SyncTimestamps.parse(second.header("X-Last-Modified")))
                .isGreaterThan(SyncTimestamps.parse(lastModified));
        assertThat(second.header("X-Weave-Timestamp")).isNotNull();
    }

    @Test
    void ifModifiedSinceGives304AndBothPreconditionsGive400() throws Exception {
        Session s = sessionWith250Records("tabs");
        Resp info = client.storage(s.token(), "GET", "/info/collections");
        String storeTs = info.header("X-Last-Modified");
        Resp notModified = client.storage(s.token(), "GET", "/info/collections",
                Map.of("X-If-Modified-Since", storeTs), null);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("X-Last-Modified")).isEqualTo(storeTs);

        String collTs = info.json().get("tabs").asText();
        assertThat(client.storage(s.token(), "GET", "/storage/tabs", Map.of("X-If-Modified-Since",
                SyncTimestamps.header(SyncTimestamps.parse(collTs))), null).status()).isEqualTo(304);
        assertThat(client.storage(s.token(), "GET", "/storage/tabs", Map.of("X-If-Modified-Since", "1.00"), null)
                .status()).isEqualTo(200);

        Resp both = client.storage(s.token(), "GET", "/storage/tabs", Map.of("X-If-Modified-Since", "1.00",
                "X-If-Unmodified-Since", "1.00"), null);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("0");
        assertThat(client.storage(s.token(), "GET", "/storage/tabs", Map.of("X-If-Modified-Since", "-3"), null)
                .status()).isEqualTo(400);
    }

    @Test
    void timestampsHeadersAndInfoEndpoints() throws Exception {
        Session s = emptySession();
        Resp empty = client.storage(s.token(), "GET", "/info/collections");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("{}");
        assertThat(empty.header("X-Last-Modified")).isEqualTo("0.00");
        assertThat(empty.header("X-Weave-Timestamp")).matches("\\d+\\.\\d{2}");

        Resp w = post(s, "forms", bsos(0, 3));
        JsonNode result = w.json();
        assertThat(result.get("success")).hasSize(3);
        assertThat(result.get("failed").size()).isZero();
        String modified = result.get("modified").asText();
        assertThat(w.header("X-Last-Modified")).isEqualTo(SyncTimestamps.header(SyncTimestamps.parse(modified)));
        assertThat(w.header("X-Weave-Timestamp")).isEqualTo(w.header("X-Last-Modified"));

        Resp info = client.storage(s.token(), "GET", "/info/collections");
        assertThat(info.json().get("forms").asText()).isEqualTo(modified);
        assertThat(info.header("X-Weave-Records")).isEqualTo("1");
        assertThat(client.storage(s.token(), "GET", "/info/collection_counts").json().get("forms").asInt())
                .isEqualTo(3);
        assertThat(client.storage(s.token(), "GET", "/info/collection_usage").json().get("forms").asDouble())
                .isGreaterThan(0);
        JsonNode quota = client.storage(s.token(), "GET", "/info/quota").json();
        assertThat(quota.get(0).asDouble()).isGreaterThan(0);
        assertThat(quota.get(1).isNull()).isTrue();

        Resp config = client.storage(s.token(), "GET", "/info/configuration");
        assertThat(config.header("X-Last-Modified")).isEqualTo("0.00");
        assertThat(config.json().get("max_post_records").asInt()).isEqualTo(100);
        assertThat(config.json().get("max_request_bytes").asLong()).isEqualTo(2_625_536L);
        assertThat(config.json().get("max_total_records").asInt()).isEqualTo(10_000);

        // Timestamps are monotonic: the next write is later even within the same 10 ms.
        Resp w2 = post(s, "forms", bsos(3, 1));
        assertThat(SyncTimestamps.parse(w2.json().get("modified").asText()))
                .isGreaterThan(SyncTimestamps.parse(modified));
    }

    @Test
    void singleBsoGetPutDelete() throws Exception {
        Session s = emptySession();
        Resp missing = client.storage(s.token(), "GET", "/storage/prefs/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("0");

        Resp put = client.storage(s.token(), "PUT", "/storage/prefs/abc", Map.of(),
                "{\"payload\":\"hello\",\"sortindex\":5,\"ttl\":3600}");
        assertThat(put.status()).isEqualTo(200);
        String ts = put.body();
        assertThat(put.header("X-Last-Modified")).isEqualTo(SyncTimestamps.header(SyncTimestamps.parse(ts)));

        Resp got = client.storage(s.token(), "GET", "/storage/prefs/abc");
        assertThat(got.json().get("payload").asText()).isEqualTo("hello");
        assertThat(got.json().get("sortindex").asInt()).isEqualTo(5);
        assertThat(got.json().has("ttl")).isFalse();
        // As written on the wire (serde's f64 form, "1796591572.0" on a whole second): the parsed node would print
        // a whole second without its ".0".
        assertThat(got.body()).contains("\"modified\":" + ts + ",");

        // Omitted fields keep their value.
        client.storage(s.token(), "PUT", "/storage/prefs/abc", Map.of(), "{\"sortindex\":9}");
        got = client.storage(s.token(), "GET", "/storage/prefs/abc");
        assertThat(got.json().get("payload").asText()).isEqualTo("hello");
        assertThat(got.json().get("sortindex").asInt()).isEqualTo(9);

        // X-If-Unmodified-Since: 0 means "only if absent".
        Resp conflict = client.storage(s.token(), "PUT", "/storage/prefs/abc", Map.of("X-If-Unmodified-Since",
                "0"), "{\"payload\":\"x\"}");
        assertThat(conflict.status()).isEqualTo(412);

        Resp del = client.storage(s.token(), "DELETE", "/storage/prefs/abc");
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json().has("modified")).isTrue();
        assertThat(client.storage(s.token(), "GET", "/storage/prefs/abc").status()).isEqualTo(404);
        assertThat(client.storage(s.token(), "DELETE", "/storage/prefs/abc").status()).isEqualTo(404);

        Resp invalid = client.storage(s.token(), "PUT", "/storage/prefs/x", Map.of(), "{\"sortindex\":\"a\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo("8");
        assertThat(client.storage(s.token(), "PUT", "/storage/prefs/x", Map.of(), "{not json").body())
                .isEqualTo("6");
        assertThat(client.storage(s.token(), "PUT", "/storage/prefs/x", Map.of("Content-Type", "image/png"),
                "{}").status()).isEqualTo(415);
    }

    @Test
    void idsFilterNewerOlderAndNewlines() throws Exception {
        Session s = emptySession();
        String t1 = post(s, "history", bsos(0, 5)).json().get("modified").asText();
        String t2 = post(s, "history", bsos(5, 5)).json().get("modified").asText();

        JsonNode newer = client.storage(s.token(), "GET", "/storage/history?newer=" + t1 + "&sort=oldest").json();
        assertThat(newer).hasSize(5);
        assertThat(newer.get(0).asText()).isEqualTo("rec00005");
        JsonNode older = client.storage(s.token(), "GET", "/storage/history?older=" + t2 + "&sort=oldest").json();
        assertThat(older).hasSize(5);
        assertThat(client.storage(s.token(), "GET", "/storage/history?newer=" + t2).json()).isEmpty();

        JsonNode ids = client.storage(s.token(), "GET", "/storage/history?ids=rec00001,rec00007,nope&full=1").json();
        assertThat(ids).hasSize(2);

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("id").append(i);
        }
        Resp tooMany = client.storage(s.token(), "GET", "/storage/history?ids=" + many);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("0");
        assertThat(client.storage(s.token(), "GET", "/storage/history?sort=random").status()).isEqualTo(400);
        assertThat(client.storage(s.token(), "GET", "/storage/history?newer=abc").status()).isEqualTo(400);

        Resp lines = client.storage(s.token(), "GET", "/storage/history?full=1&sort=oldest",
                Map.of("Accept", "application/newlines"), null);
        assertThat(lines.header("Content-Type")).startsWith("application/newlines");
        String[] split = lines.body().split("\n");
        assertThat(split).hasSize(10);
        assertThat(SyncTestClient.parse(split[0]).get("id").asText()).isEqualTo("rec00000");
        assertThat(client.storage(s.token(), "GET", "/storage/history", Map.of("Accept", "image/png"), null)
                .status()).isEqualTo(406);

        // A missing collection is an empty list with timestamp 0.
        Resp none = client.storage(s.token(), "GET", "/storage/passwords?full=1");
        assertThat(none.body()).isEqualTo("[]");
        assertThat(none.header("X-Last-Modified")).isEqualTo("0.00");
        assertThat(client.storage(s.token(), "GET", "/storage/bad%20name").status()).isEqualTo(404);
    }

    @Test
    void postValidatesEachRecordAndTheLimits() throws Exception {
        Session s = emptySession();
        Resp mixed = post(s, "forms", "[{\"id\":\"ok1\",\"payload\":\"a\"},{\"id\":\"bad\\u0001\",\"payload\":\"b\"},"
                + "{\"id\":\"bad2\",\"sortindex\":\"x\"},{\"id\":\"ok2\",\"payload\":\"c\",\"ttl\":10}]");
        assertThat(mixed.json().get("success")).extracting(JsonNode::asText).containsExactly("ok1", "ok2");
        assertThat(mixed.json().get("failed").has("bad2")).isTrue();
        assertThat(mixed.json().get("failed").size()).isEqualTo(2);

        Resp tooMany = client.storage(s.token(), "POST", "/storage/forms", Map.of(), bsos(0, 101));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("17");
        Resp header = client.storage(s.token(), "POST", "/storage/forms", Map.of("X-Weave-Records", "101"),
                bsos(0, 1));
        assertThat(header.body()).isEqualTo("17");
        Resp totalsWithoutBatch = client.storage(s.token(), "POST", "/storage/forms",
                Map.of("X-Weave-Total-Records", "5"), bsos(0, 1));
        assertThat(totalsWithoutBatch.status()).isEqualTo(400);
        assertThat(totalsWithoutBatch.body()).isEqualTo("1");
        assertThat(client.storage(s.token(), "POST", "/storage/forms", Map.of(), "{\"id\":\"x\"}").body())
                .isEqualTo("8");
        assertThat(client.storage(s.token(), "POST", "/storage/forms", Map.of(), "[{").body()).isEqualTo("6");

        Resp lines = client.storage(s.token(), "POST", "/storage/forms", Map.of("Content-Type",
                "application/newlines"), "{\"id\":\"nl1\",\"payload\":\"x\"}\n{\"id\":\"nl2\",\"payload\":\"y\"}\n");
        assertThat(lines.json().get("success")).hasSize(2);
    }

    @Test
    void batchUploadsCommitAtOneTimestamp() throws Exception {
        Session s = emptySession();
        Resp open = client.storage(s.token(), "POST", "/storage/bookmarks?batch=true", Map.of(
                "X-Weave-Total-Records", "250"), bsos(0, 100));
        assertThat(open.status()).isEqualTo(202);
        String batch = open.json().get("batch").asText();
        assertThat(open.json().get("success")).hasSize(100);
        assertThat(client.storage(s.token(), "GET", "/storage/bookmarks").json()).as("not visible before commit")
                .isEmpty();

        Resp append = client.storage(s.token(), "POST", "/storage/bookmarks?batch=" + enc(batch), Map.of(),
                bsos(100, 100));
        assertThat(append.status()).isEqualTo(202);
        Resp commit = client.storage(s.token(), "POST", "/storage/bookmarks?batch=" + enc(batch) + "&commit=true",
                Map.of(), bsos(200, 50));
        assertThat(commit.status()).isEqualTo(200);
        String modified = commit.json().get("modified").asText();

        JsonNode all = client.storage(s.token(), "GET", "/storage/bookmarks?full=1").json();
        assertThat(all).hasSize(250);
        all.forEach(b -> assertThat(b.get("modified").asText()).isEqualTo(modified));

        assertThat(client.storage(s.token(), "POST", "/storage/bookmarks?batch=" + enc(batch) + "&commit=true",
                Map.of(), "[]").status()).as("a committed batch is gone").isEqualTo(400);
        assertThat(client.storage(s.token(), "POST", "/storage/bookmarks?commit=true", Map.of(), "[]").status())
                .isEqualTo(400);
        Resp tooBig = client.storage(s.token(), "POST", "/storage/bookmarks?batch=true", Map.of(
                "X-Weave-Total-Records", "10001"), "[]");
        assertThat(tooBig.body()).isEqualTo("17");
    }

    @Test
    void deletesOfCollectionsIdsAndEverything() throws Exception {
        Session s = sessionWith250Records("history");
        post(s, "tabs", bsos(0, 2));
        Resp ids = client.storage(s.token(), "DELETE", "/storage/history?ids=rec00000,rec00001");
        assertThat(ids.status()).isEqualTo(200);
        assertThat(client.storage(s.token(), "GET", "/info/collection_counts").json().get("history").asInt())
                .isEqualTo(248);
        Resp coll = client.storage(s.token(), "DELETE", "/storage/history");
        assertThat(coll.status()).isEqualTo(200);
        Map<String, String> remaining = new LinkedHashMap<>();
        client.storage(s.token(), "GET", "/info/collections").json().fields()
                .forEachRemaining(e -> remaining.put(e.getKey(), e.getValue().asText()));
        assertThat(remaining).containsOnlyKeys("tabs");
        Resp all = client.storage(s.token(), "DELETE", "/storage");
        assertThat(all.status()).isEqualTo(200);
        assertThat(client.storage(s.token(), "GET", "/info/collections").body()).isEqualTo("{}");
    }

    @Test
    void ttlExpiredRecordsDisappearWithoutTombstones() throws Exception {
        Session s = emptySession();
        post(s, "clients", "[{\"id\":\"gone\",\"payload\":\"x\",\"ttl\":0},{\"id\":\"kept\",\"payload\":\"y\"}]");
        Thread.sleep(20);
        JsonNode ids = client.storage(s.token(), "GET", "/storage/clients").json();
        assertThat(ids).extracting(JsonNode::asText).containsExactly("kept");
        assertThat(client.storage(s.token(), "GET", "/storage/clients/gone").status()).isEqualTo(404);
        Map<String, Integer> counts = new HashMap<>();
        client.storage(s.token(), "GET", "/info/collection_counts").json().fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        assertThat(counts).containsEntry("clients", 1);
    }
}
