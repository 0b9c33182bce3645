package io.fxhome.worker.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sync.records.BookmarkRoots;

/**
 * What the mirror must hold for a collection, computed from the sandbox's cleartext truth in the same one-line-per-row
 * form as {@link io.fxhome.worker.AccountRows#query} prints the tables, so that a test compares whole sets.
 */
final class MirrorExpectations {
    private static final Set<String> JUNK_IDS = Set.of("places", "pinned", "readinglist");
    private static final Set<String> KINDS = Set.of("bookmark", "folder", "separator", "query", "livemark");

    private MirrorExpectations() {
    }

    /** {@code guid|parent|kind|title|url}, one per bookmark row. */
    static Set<String> bookmarks(CollectionTruth truth) {
        Set<String> rows = new TreeSet<>();
        for (String id : truth.records().keySet()) {
            ObjectNode b = truth.cleartext(id);
            String parent = text(b, "parentid");
            String type = text(b, "type");
            if (JUNK_IDS.contains(id) || "pinned".equals(parent) || "readinglist".equals(parent) || !KINDS.contains(type)) {
                continue;
            }
            String url = "livemark".equals(type) ? firstNonNull(text(b, "siteUri"), text(b, "feedUri")) : text(b, "bmkUri");
            // Firefox's record-by-record corrections (BookmarkNormalizer.parent): roots under places, no parent or
            // itself as parent: unfiled.
            String kept = BookmarkRoots.isRoot(id) ? "places" : parent == null || parent.equals(id) ? "unfiled" : parent;
            rows.add(id + "|" + kept + "|" + type + "|" + text(b, "title") + "|" + url);
        }
        return rows;
    }

    /** {@code guid|url|title}, one per place with a URL. */
    static Set<String> places(CollectionTruth truth) {
        Set<String> rows = new TreeSet<>();
        for (String id : truth.records().keySet()) {
            ObjectNode h = truth.cleartext(id);
            if (text(h, "histUri") != null) {
                rows.add(id + "|" + text(h, "histUri") + "|" + text(h, "title"));
            }
        }
        return rows;
    }

    /** {@code guid|date|type}, every distinct visit of the records. */
    static Set<String> visits(CollectionTruth truth) {
        Set<String> rows = new TreeSet<>();
        for (String id : truth.records().keySet()) {
            ObjectNode h = truth.cleartext(id);
            if (text(h, "histUri") == null) {
                continue;
            }
            for (JsonNode v : h.path("visits")) {
                rows.add(id + "|" + v.path("date").asLong() + "|" + v.path("type").asInt());
            }
        }
        return rows;
    }

    /** {@code clientId|name}, one per device. */
    static Set<String> devices(CollectionTruth truth) {
        Set<String> rows = new TreeSet<>();
        truth.records().keySet().forEach(id -> rows.add(id + "|" + text(truth.cleartext(id), "name")));
        return rows;
    }

    /** {@code clientId|position|url}, every tab with a URL, in each device's order. */
    static Set<String> tabs(CollectionTruth truth) {
        Set<String> rows = new TreeSet<>();
        for (String id : truth.records().keySet()) {
            int position = 0;
            for (JsonNode tab : truth.cleartext(id).path("tabs")) {
                List<String> history = new ArrayList<>();
                tab.path("urlHistory").forEach(u -> history.add(u.asText()));
                if (!history.isEmpty() && !history.get(0).isEmpty()) {
                    rows.add(id + "|" + position++ + "|" + history.get(0));
                }
            }
        }
        return rows;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
