package io.fxhome.worker.tabs;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keeps the tab timeline ({@code tab_snapshot}, V15): one snapshot per device each time its tabs record changes. The
 * fingerprint covers the device's name and each tab's title, URL, pinned and inactive flags, in order: a record
 * uploaded again unchanged, or one where only the last-used times or icons moved (Firefox rewrites those as the user
 * switches tabs), adds nothing. One statement per device, run in the transaction that replaces the device's tabs.
 */
final class TabSnapshotWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Inserted only when the device's latest snapshot has another fingerprint (or there is none); the latest is the
    // first entry of the primary key read backwards.
    private static final String INSERT_IF_CHANGED = """
            insert into tab_snapshot (account_id, client_id, taken_at, client_name, fingerprint, tab_count, tabs)
            select ?, ?, ?, ?, ?, ?, ?::jsonb
             where (select s.fingerprint from tab_snapshot s where s.account_id = ? and s.client_id = ?
                     order by s.taken_at desc limit 1) is distinct from ?
            on conflict (account_id, client_id, taken_at) do nothing
            """;

    private final Connection connection;

    TabSnapshotWriter(Connection connection) {
        this.connection = connection;
    }

    /** Adds a snapshot for every device whose tabs differ from its latest one; returns how many were added. */
    int record(UUID accountId, Collection<DeviceTabsRow> devices, Instant fallbackTime) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = connection.prepareStatement(INSERT_IF_CHANGED)) {
            for (DeviceTabsRow d : devices) {
                byte[] fingerprint = fingerprint(d);
                ps.setObject(1, accountId);
                ps.setString(2, d.clientId());
                ps.setTimestamp(3, Timestamp.from(takenAt(d.serverModified(), fallbackTime)));
                ps.setString(4, d.clientName());
                ps.setBytes(5, fingerprint);
                ps.setInt(6, d.tabs().size());
                ps.setString(7, tabsJson(d));
                ps.setObject(8, accountId);
                ps.setString(9, d.clientId());
                ps.setBytes(10, fingerprint);
                added += ps.executeUpdate();
            }
        }
        return added;
    }

    private static Instant takenAt(BigDecimal serverModified, Instant fallback) {
        if (serverModified == null) {
            return fallback;
        }
        return Instant.ofEpochMilli(serverModified.movePointRight(3).longValue());
    }

    static byte[] fingerprint(DeviceTabsRow d) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // Length-prefixed fields: no two different lists of tabs give the same bytes.
        field(sha, d.clientName());
        for (TabRow t : d.tabs()) {
            field(sha, t.title());
            field(sha, t.url());
            field(sha, (t.pinned() ? "p" : "-") + (t.inactive() ? "i" : "-"));
        }
        return sha.digest();
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(new byte[] { -1 });
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] { (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length });
        sha.update(bytes);
    }

    private static String tabsJson(DeviceTabsRow d) {
        ArrayNode tabs = JSON.createArrayNode();
        for (TabRow t : d.tabs()) {
            ObjectNode tab = tabs.addObject();
            tab.put("title", t.title());
            tab.put("url", t.url());
            tab.put("lastUsed", t.lastUsed() == null ? null : t.lastUsed().toString());
            tab.put("pinned", t.pinned());
            tab.put("inactive", t.inactive());
        }
        try {
            // No NUL reaches here (TabsNormalizer cleans every string), which jsonb would refuse.
            return JSON.writeValueAsString(tabs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
