package io.fxhome.worker.bookmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.fuzz.testing.Fuzz;
import io.fxhome.fuzz.testing.Gen;
import io.fxhome.shard.testing.ShardDatabases;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.ServerTimestamp;

/**
 * Fuzzing ({@link Fuzz}, {@value #TRIES} tries by default: each writes to the database) of the bookmark tree: any sequence of
 * syncs of any bookmark records (cycles, self-parents, duplicate
 * children, children listed by two folders, missing parents and children, reparented roots, huge children arrays,
 * tombstones), written as {@code CollectionSyncs.bookmarks} writes them into the real PostgreSQL, never throws and
 * leaves rows where every item has exactly one parent, the four roots stay under {@code places}, and each item's
 * position is where its own parent's {@code children} first lists it (none when the parent does not list it).
 *
 * <p>
 * Runs without Quarkus (it needs no bean), on the worker's test database over plain connections.
 */
class BookmarkTreeFuzzTest {
    private static final List<String> ROOTS = List.of("menu", "toolbar", "unfiled", "mobile");
    private static final List<String> GUIDS = List.of("menu", "toolbar", "unfiled", "mobile", "places", "pinned",
            "folderAAAAA", "folderBBBBB", "folderCCCCC", "itemDDDDDDD", "itemEEEEEEE", "itemFFFFFFF");
    private static final String SELF = "(self)";
    static final int TRIES = 60;

    private static DataSource db;
    private static TestAccounts accounts;
    private static Connection connection;

    @BeforeAll
    static void database() throws SQLException {
        db = ShardDatabases.database(System.getProperty("it.jdbc-url",
                "jdbc:postgresql://" + env("FXHOME_TEST_PG_HOST", "127.0.0.1") + ":" + env("FXHOME_TEST_PG_PORT", "5432")
                        + "/fxhome_test_worker"));
        // The Quarkus tests of this module migrate at start; run alone, this class migrates the same way.
        Flyway.configure().dataSource(db).load().migrate();
        accounts = new TestAccounts(db);
        connection = db.getConnection();
        connection.setAutoCommit(false);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void anyBookmarkRecordsMakeOneConsistentTree() {
        Fuzz.forAll(TRIES, syncs(), BookmarkTreeFuzzTest::makeOneConsistentTree);
    }

    private static void makeOneConsistentTree(List<Sync> syncs) throws SQLException {
        UUID account = accounts.create();
        try {
            Map<String, ObjectNode> stored = new HashMap<>();
            for (Sync sync : syncs) {
                apply(account, sync);
                expect(stored, sync);
            }
            assertOneTree(rows(account), stored);
        } finally {
            accounts.update("delete from account where id = '" + account + "'");
        }
    }

    /** What CollectionSyncs.bookmarks does with one download: pages, then removal (full) and positions. */
    private static void apply(UUID account, Sync sync) throws SQLException {
        Set<String> live = new HashSet<>();
        for (List<DecryptedRecord> page : sync.pages()) {
            List<BookmarkRow> rows = new ArrayList<>();
            List<String> tombstones = new ArrayList<>();
            for (DecryptedRecord r : page) {
                if (r.tombstone()) {
                    tombstones.add(r.id());
                } else {
                    BookmarkNormalizer.normalize(r).ifPresent(row -> {
                        rows.add(row);
                        live.add(row.guid());
                    });
                }
            }
            BookmarkWriter writer = new BookmarkWriter(connection);
            writer.write(account, rows);
            writer.delete(account, tombstones);
            connection.commit();
        }
        BookmarkWriter writer = new BookmarkWriter(connection);
        if (sync.full()) {
            writer.deleteAllExcept(account, live);
        }
        writer.reposition(account);
        connection.commit();
    }

    /** The records whose rows the mirror holds after {@code sync}: the newest usable one per id. */
    private static void expect(Map<String, ObjectNode> stored, Sync sync) {
        Set<String> live = new HashSet<>();
        for (DecryptedRecord r : sync.records()) {
            if (r.tombstone()) {
                stored.remove(r.id());
            } else if (BookmarkNormalizer.normalize(r).isPresent()) {
                stored.put(r.id(), r.cleartext());
                live.add(r.id());
            }
        }
        if (sync.full()) {
            stored.keySet().retainAll(live);
        }
    }

    private static void assertOneTree(Map<String, Row> rows, Map<String, ObjectNode> stored) {
        assertThat(rows.keySet()).as("one row per stored record").isEqualTo(stored.keySet());
        Map<String, Set<Integer>> positionsByParent = new HashMap<>();
        for (Row row : rows.values()) {
            ObjectNode record = stored.get(row.guid());
            assertThat(row.parent()).as("parent of %s", row.guid()).isEqualTo(expectedParent(record))
                    .isNotEqualTo(row.guid());
            Row parent = rows.get(row.parent());
            int listed = parent == null || parent.children() == null ? -1 : parent.children().indexOf(row.guid());
            assertThat(row.position()).as("position of %s in %s", row.guid(), row.parent())
                    .isEqualTo(listed < 0 ? null : listed);
            if (row.position() != null) {
                assertThat(positionsByParent.computeIfAbsent(row.parent(), p -> new HashSet<>()).add(row.position()))
                        .as("position %s used twice in %s", row.position(), row.parent()).isTrue();
            }
        }
    }

    /**
     * Firefox's rules where they can be applied record by record (dogear's tree builder): a user content root is
     * always a child of the Places root; an item without a parent goes to unfiled, and one naming itself is no
     * better. Anything else keeps the parent its record names, as the mirror keeps the server's tree.
     */
    private static String expectedParent(ObjectNode record) {
        String id = record.get("id").asText();
        if (ROOTS.contains(id)) {
            return "places";
        }
        String parent = record.hasNonNull("parentid") ? record.get("parentid").asText() : null;
        return parent == null || parent.equals(id) ? "unfiled" : parent;
    }

    private static Map<String, Row> rows(UUID account) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select guid, parent_guid, position, children from bookmark where account_id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array children = rs.getArray(4);
                    rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                            children == null ? null : Arrays.asList((String[]) children.getArray())));
                }
            }
        }
        connection.commit();
        return rows;
    }

    private static Gen<List<Sync>> syncs() {
        Gen<ObjectNode> record = record();
        Gen<Sync> sync = r -> {
            // Up to 12 records, one per id (a repeated id is drawn again; GUIDS holds 12).
            int size = r.nextInt(13);
            Map<String, ObjectNode> byId = new LinkedHashMap<>();
            while (byId.size() < size) {
                ObjectNode o = record.next(r);
                byId.putIfAbsent(o.get("id").asText(), o);
            }
            return new Sync(new ArrayList<>(byId.values()), r.nextInt(13), r.nextBoolean());
        };
        // The first sync of an account is a full download.
        return sync.list(1, 3).map(list -> {
            List<Sync> out = new ArrayList<>(list);
            out.set(0, out.get(0).asFull());
            return out;
        });
    }

    private static Gen<ObjectNode> record() {
        Gen<String> guid = Gen.of(GUIDS);
        Gen<String> parent = Gen.frequency(
                Gen.weight(8, Gen.of(GUIDS)),
                Gen.weight(1, Gen.just("missingPare")),
                Gen.weight(1, Gen.just(SELF)),
                Gen.weight(1, Gen.just((String) null)));
        Gen<String> type = Gen.frequency(
                Gen.weight(4, Gen.just("folder")),
                Gen.weight(3, Gen.just("bookmark")),
                Gen.weight(1, Gen.of("separator", "livemark", "query", "hologram")),
                Gen.weight(1, Gen.just((String) null)));
        Gen<String> child = Gen.frequency(
                Gen.weight(8, Gen.of(GUIDS)),
                Gen.weight(1, Gen.just("missingChil")));
        Gen<List<String>> children = Gen.frequency(
                Gen.weight(20, child.list(0, 6)),
                Gen.weight(1, child.list(1_000, 5_000)));
        Gen<ObjectNode> item = r -> {
            String id = guid.next(r);
            String p = parent.next(r);
            String t = type.next(r);
            List<String> kids = children.next(r);
            ObjectNode o = Json.object().put("id", id).put("title", "T " + id);
            if (t != null) {
                o.put("type", t);
            }
            if (p != null) {
                o.put("parentid", SELF.equals(p) ? id : p);
            }
            if ("bookmark".equals(t)) {
                o.put("bmkUri", "https://" + id + ".example/");
            }
            ArrayNode array = o.putArray("children");
            kids.forEach(array::add);
            return o;
        };
        Gen<ObjectNode> tombstone = guid.map(id -> Json.object().put("id", id).put("deleted", true));
        return Gen.frequency(Gen.weight(7, item), Gen.weight(1, tombstone));
    }

    /** One download: its records (one per id, oldest first) in two pages, full (newer=null) or incremental. */
    record Sync(List<ObjectNode> cleartexts, int split, boolean full) {
        Sync asFull() {
            return new Sync(cleartexts, split, true);
        }

        List<DecryptedRecord> records() {
            List<DecryptedRecord> out = new ArrayList<>();
            for (int i = 0; i < cleartexts.size(); i++) {
                ObjectNode o = cleartexts.get(i);
                out.add(new DecryptedRecord(o.get("id").asText(), ServerTimestamp.ofCentiseconds(170_000_000_000L + i),
                        null, o, o.has("deleted"), o.toString().getBytes(StandardCharsets.UTF_8)));
            }
            return out;
        }

        List<List<DecryptedRecord>> pages() {
            List<DecryptedRecord> all = records();
            int at = Math.min(split, all.size());
            return List.of(all.subList(0, at), all.subList(at, all.size()));
        }

        @Override
        public String toString() {
            return (full ? "full " : "incremental ") + cleartexts + " split at " + split;
        }
    }

    record Row(String guid, String parent, Integer position, List<String> children) {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
