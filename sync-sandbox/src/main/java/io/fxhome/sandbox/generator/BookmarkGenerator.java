package io.fxhome.sandbox.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.Json;

/**
 * A bookmark tree (§7.1): the four roots under {@code places}, nested folders, bookmarks with tags and keywords,
 * separators with their position, {@code place:} queries, folder {@code children} in order, dateAdded in ms, and a
 * few tombstones.
 */
final class BookmarkGenerator {
    private static final long DAY = 86_400_000L;
    private static final String[][] ROOTS = {
            { "menu", "menu" }, { "toolbar", "toolbar" }, { "unfiled", "unfiled" }, { "mobile", "mobile" },
    };
    private static final String[][] QUERIES = {
            { "place:sort=8&maxResults=10", "Most Visited", null },
            { "place:type=6&sort=14&maxResults=10", "Recent Tags", null },
            { "place:tag=news", "news", "news" },
            { "place:parent=toolbar_____&sort=12", "Recently Bookmarked", null },
    };

    private BookmarkGenerator() {
    }

    private static final class Folder {
        final String id;
        final String title;
        final String parentId;
        final String parentName;
        final int depth;
        final long dateAdded;
        final List<String> children = new ArrayList<>();

        Folder(String id, String title, String parentId, String parentName, int depth, long dateAdded) {
            this.id = id;
            this.title = title;
            this.parentId = parentId;
            this.parentName = parentName;
            this.depth = depth;
            this.dateAdded = dateAdded;
        }
    }

    static List<GeneratedRecord> tree(ProfileSpec spec) {
        SplittableRandom r = Randoms.stream(spec.seed(), "bookmarks", 0);
        long anchor = spec.anchor().toEpochMilli();
        long created = anchor - 5 * 365 * DAY;
        Map<String, Folder> folders = new LinkedHashMap<>();
        List<Folder> pickable = new ArrayList<>();
        for (String[] root : ROOTS) {
            Folder f = new Folder(root[0], root[1], "places", "", 0, created);
            folders.put(f.id, f);
            pickable.add(f);
        }
        List<ObjectNode> items = new ArrayList<>();
        List<Integer> sortindexes = new ArrayList<>();
        for (int k = 0; k < spec.bookmarks(); k++) {
            Folder parent = pickParent(r, pickable, folders);
            String id = Randoms.guid(r);
            long dateAdded = Math.max(parent.dateAdded, anchor - r.nextLong(4 * 365 * DAY)) + r.nextInt(1000);
            double kind = r.nextDouble();
            ObjectNode o = Json.object();
            o.put("id", id);
            if (kind < 0.10 && parent.depth < 5 && !(spec.hostile() && k < 6)) {
                String title = Randoms.pick(r, Vocabulary.FOLDER_NAMES);
                Folder f = new Folder(id, title, parent.id, parent.title, parent.depth + 1, dateAdded);
                folders.put(id, f);
                pickable.add(f);
                parent.children.add(id);
                continue;
            } else if (kind < 0.14 && !(spec.hostile() && k < 6)) {
                o.put("type", "separator").put("parentid", parent.id).put("parentName", parent.title)
                        .put("dateAdded", dateAdded).put("pos", parent.children.size());
                sortindexes.add(-1);
            } else if (kind < 0.17 && !(spec.hostile() && k < 6)) {
                String[] q = QUERIES[r.nextInt(QUERIES.length)];
                o.put("type", "query").put("parentid", parent.id).put("parentName", parent.title)
                        .put("dateAdded", dateAdded).put("title", q[1]).put("bmkUri", q[0]);
                o.putArray("tags");
                if (q[2] != null) {
                    o.put("folderName", q[2]);
                }
                sortindexes.add(-1);
            } else {
                String[] site = Vocabulary.SITES[r.nextInt(Vocabulary.SITES.length)];
                String title = Vocabulary.titleWords(r, 2 + r.nextInt(5)) + " | " + site[1];
                String url = "https://" + site[0] + "/" + Vocabulary.slug(r, 1 + r.nextInt(3));
                ArrayNode tags = Json.MAPPER.createArrayNode();
                if (r.nextDouble() < 0.12) {
                    tags.add(Randoms.pick(r, Vocabulary.TAGS));
                    if (r.nextDouble() < 0.3) {
                        tags.add(Randoms.pick(r, Vocabulary.TAGS) + "-2");
                    }
                }
                String keyword = r.nextDouble() < 0.03 ? Vocabulary.word(r) + k : null;
                String description = r.nextDouble() < 0.05 ? Vocabulary.titleWords(r, 8) : null;
                if (spec.hostile()) {
                    switch (k) {
                        case 0 -> title = HostileContent.SCRIPT_TITLE;
                        case 1 -> {
                            title = "Bookmarklet: readability";
                            url = HostileContent.JAVASCRIPT_URL;
                        }
                        case 2 -> url = HostileContent.DATA_URL;
                        case 3 -> {
                            title = HostileContent.ATTRIBUTE_BREAKOUT;
                            description = HostileContent.SCRIPT_TITLE;
                        }
                        case 4 -> title = HostileContent.longTitle(10_000);
                        case 5 -> {
                            title = HostileContent.NON_BMP_TITLE;
                            tags.add("🦊");
                        }
                        default -> {
                        }
                    }
                }
                o.put("type", "bookmark").put("parentid", parent.id).put("parentName", parent.title)
                        .put("dateAdded", dateAdded).put("title", title).put("bmkUri", url);
                o.set("tags", tags);
                if (keyword != null) {
                    o.put("keyword", keyword);
                }
                if (description != null) {
                    o.put("description", description);
                }
                sortindexes.add(r.nextInt(2_000));
            }
            parent.children.add(id);
            items.add(o);
        }

        List<GeneratedRecord> out = new ArrayList<>();
        for (Folder f : folders.values()) {
            ObjectNode o = Json.object();
            o.put("id", f.id).put("type", "folder").put("parentid", f.parentId).put("parentName", f.parentName)
                    .put("dateAdded", f.dateAdded).put("title", f.title);
            ArrayNode children = o.putArray("children");
            f.children.forEach(children::add);
            out.add(record(f.id, Json.write(o), false, 1_000_000));
        }
        for (int i = 0; i < items.size(); i++) {
            out.add(record(items.get(i).path("id").asText(), Json.write(items.get(i)), false, sortindexes.get(i)));
        }
        int tombstones = (int) Math.round(spec.bookmarks() * spec.tombstoneRate());
        for (int i = 0; i < tombstones; i++) {
            String id = Randoms.guid(r);
            out.add(record(id, GeneratedRecord.tombstoneJson(id), true, null));
        }
        return out;
    }

    private static GeneratedRecord record(String id, String json, boolean tombstone, Integer sortindex) {
        return new GeneratedRecord("bookmarks", id, json, tombstone, sortindex, null, null, 0);
    }

    /** Roots get most items; subfolders get the rest, deeper ones less often. */
    private static Folder pickParent(SplittableRandom r, List<Folder> pickable, Map<String, Folder> folders) {
        double x = r.nextDouble();
        if (pickable.size() == 4 || x < 0.45) {
            double y = r.nextDouble();
            return folders.get(y < 0.35 ? "menu" : y < 0.55 ? "toolbar" : y < 0.9 ? "unfiled" : "mobile");
        }
        Folder f = pickable.get(4 + r.nextInt(pickable.size() - 4));
        return f.depth > 3 && r.nextBoolean() ? folders.get(f.parentId) : f;
    }
}
