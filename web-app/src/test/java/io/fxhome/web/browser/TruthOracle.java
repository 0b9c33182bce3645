package io.fxhome.web.browser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
        for (String id : new TreeSet<>(b.records().keySet())) {
            ObjectNode f = b.cleartext(id);
            if (!"folder".equals(f.path("type").asText()) || !ROOTS.contains(f.path("parentid").asText())
                    || ROOTS.contains(id)) {
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
}
