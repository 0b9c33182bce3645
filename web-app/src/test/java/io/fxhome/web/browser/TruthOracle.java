package io.fxhome.web.browser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;

/**
 * What the pages must show, computed from the sandbox's cleartext truth (what Firefox uploaded), independently of
 * fxhome's mirror and queries.
 */
final class TruthOracle {
    private static final Set<String> ROOTS = Set.of("menu", "toolbar", "unfiled", "mobile");
    private final CleartextTruth truth;

    private record Hit(String url, Long seen) {
    }

    TruthOracle(CleartextTruth truth) {
        this.truth = truth;
    }

    /** Device name → number of tabs with a URL, for every device with a tabs record. */
    Map<String, Integer> tabsByDevice() {
        Map<String, Integer> out = new HashMap<>();
        CollectionTruth clients = truth.collection("clients");
        CollectionTruth tabs = truth.collection("tabs");
        for (String id : tabs.records().keySet()) {
            ObjectNode client = clients.cleartext(id);
            if (client == null) {
                continue;
            }
            int n = 0;
            for (JsonNode tab : tabs.cleartext(id).path("tabs")) {
                if (!tab.path("urlHistory").path(0).asText("").isEmpty()) {
                    n++;
                }
            }
            out.put(client.path("name").asText(), n);
        }
        return out;
    }

    /** A folder directly under a root with at least two children, all present and not separators. */
    record Folder(String rootId, String title, List<String> childTitles) {
    }

    Folder someFolder() {
        CollectionTruth b = truth.collection("bookmarks");
        for (String id : new java.util.TreeSet<>(b.records().keySet())) {
            ObjectNode f = b.cleartext(id);
            if (!"folder".equals(f.path("type").asText()) || !ROOTS.contains(f.path("parentid").asText()) || ROOTS.contains(id)) {
                continue;
            }
            String title = f.path("title").asText("");
            if (title.isBlank() || !title.matches("[\\p{L}0-9 ]+")) {
                continue;
            }
            List<String> titles = new ArrayList<>();
            boolean usable = f.path("children").size() >= 2;
            for (JsonNode child : f.path("children")) {
                ObjectNode c = b.cleartext(child.asText());
                if (c == null || !id.equals(c.path("parentid").asText()) || "separator".equals(c.path("type").asText())) {
                    usable = false;
                    break;
                }
                String t = c.path("title").isNull() ? "" : c.path("title").asText("");
                boolean folder = "folder".equals(c.path("type").asText()) || "livemark".equals(c.path("type").asText());
                titles.add(folder ? (t.isEmpty() ? "(untitled folder)" : t)
                        : (t.trim().isEmpty() ? c.path("bmkUri").asText("(untitled)") : t));
            }
            if (usable) {
                return new Folder(f.path("parentid").asText(), title, titles);
            }
        }
        throw new AssertionError("the generated profile has no folder under a root with two or more children");
    }

    /** A word of the most recently visited page's title, to search for. */
    String searchWord() {
        CollectionTruth h = truth.collection("history");
        return h.records().keySet().stream().map(h::cleartext)
                .filter(r -> r.path("title").asText("").matches("[A-Za-z ]+.*"))
                .max(Comparator.comparingLong(TruthOracle::lastVisit))
                .map(r -> r.path("title").asText().split(" ")[0].toLowerCase(Locale.ROOT))
                .orElseThrow();
    }

    /** The URLs address-bar search must list first for a query: every word in title or URL; tab, bookmark, history. */
    List<String> searchTop(String query, int n) {
        String[] words = query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        Map<String, Hit> best = new LinkedHashMap<>();
        Map<String, Integer> pref = new HashMap<>();
        CollectionTruth clients = truth.collection("clients");
        CollectionTruth tabs = truth.collection("tabs");
        for (String id : tabs.records().keySet()) {
            if (clients.cleartext(id) == null) {
                continue;
            }
            for (JsonNode tab : tabs.cleartext(id).path("tabs")) {
                String url = tab.path("urlHistory").path(0).asText("");
                if (!url.isEmpty() && matches(words, tab.path("title").asText(""), url)) {
                    long used = new BigDecimal(tab.path("lastUsed").asText("0")).movePointRight(3).longValue();
                    Hit old = best.get(url);
                    if (pref.getOrDefault(url, 9) > 1 || old.seen() == null || old.seen() < used) {
                        best.put(url, new Hit(url, used));
                        pref.put(url, 1);
                    }
                }
            }
        }
        CollectionTruth bookmarks = truth.collection("bookmarks");
        for (String id : bookmarks.records().keySet()) {
            ObjectNode b = bookmarks.cleartext(id);
            String url = b.path("bmkUri").asText(null);
            if ("bookmark".equals(b.path("type").asText()) && url != null && matches(words, b.path("title").asText(""), url)
                    && pref.getOrDefault(url, 9) > 2) {
                best.put(url, new Hit(url, null));
                pref.put(url, 2);
            }
        }
        Map<String, Long> lastVisit = new HashMap<>();
        Map<String, Integer> visits = new HashMap<>();
        CollectionTruth history = truth.collection("history");
        for (String id : history.records().keySet()) {
            ObjectNode h = history.cleartext(id);
            String url = h.path("histUri").asText(null);
            if (url == null) {
                continue;
            }
            lastVisit.merge(url, lastVisit(h) / 1000, Math::max);
            visits.merge(url, h.path("visits").size(), Integer::sum);
            if (matches(words, h.path("title").isNull() ? "" : h.path("title").asText(""), url) && pref.getOrDefault(url, 9) > 3) {
                best.put(url, new Hit(url, lastVisit(h) / 1000));
                pref.put(url, 3);
            }
        }
        Comparator<Hit> order = Comparator.comparing((Hit hit) -> recency(hit, lastVisit), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(hit -> visits.getOrDefault(hit.url(), 0), Comparator.reverseOrder())
                .thenComparing(Hit::url);
        return best.values().stream().sorted(order).limit(n).map(Hit::url).toList();
    }

    private static Long recency(Hit hit, Map<String, Long> lastVisit) {
        Long visit = lastVisit.get(hit.url());
        if (visit == null) {
            return hit.seen();
        }
        return hit.seen() == null ? visit : Math.max(hit.seen(), visit);
    }

    private static long lastVisit(JsonNode h) {
        long max = 0;
        for (JsonNode v : h.path("visits")) {
            max = Math.max(max, v.path("date").asLong());
        }
        return max;
    }

    private static boolean matches(String[] words, String title, String url) {
        String t = title.toLowerCase(Locale.ROOT);
        String u = url.toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!t.contains(w) && !u.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
