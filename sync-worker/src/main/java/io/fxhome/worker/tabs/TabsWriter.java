package io.fxhome.worker.tabs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Replaces the account's open tabs with the tabs collection as downloaded in full: one record per device, each
 * replacing that device's tabs; devices whose record is gone (disconnected, expired) lose theirs. A device whose tabs
 * changed also gets a snapshot in its tab timeline ({@link TabSnapshotWriter}).
 */
public final class TabsWriter {
    private final Connection connection;

    public TabsWriter(Connection connection) {
        this.connection = connection;
    }

    public int replaceAll(UUID accountId, Collection<DeviceTabsRow> devices) throws SQLException {
        for (String table : new String[] { "tab", "device_tabs" }) {
            try (PreparedStatement ps = connection.prepareStatement("delete from " + table + " where account_id = ?")) {
                ps.setObject(1, accountId);
                ps.executeUpdate();
            }
        }
        int written = 0;
        try (PreparedStatement device = connection.prepareStatement(
                "insert into device_tabs (account_id, client_id, client_name, server_modified) values (?, ?, ?, ?)");
                PreparedStatement tab = connection.prepareStatement(
                        """
                                insert into tab (account_id, client_id, position, title, url, url_history, icon, last_used, pinned, inactive)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                """)) {
            for (DeviceTabsRow d : devices) {
                device.setObject(1, accountId);
                device.setString(2, d.clientId());
                device.setString(3, d.clientName());
                device.setBigDecimal(4, d.serverModified());
                device.addBatch();
                int position = 0;
                for (TabRow t : d.tabs()) {
                    tab.setObject(1, accountId);
                    tab.setString(2, d.clientId());
                    tab.setInt(3, position++);
                    tab.setString(4, t.title());
                    tab.setString(5, t.url());
                    tab.setArray(6, connection.createArrayOf("text", t.urlHistory().toArray()));
                    tab.setString(7, t.icon());
                    tab.setTimestamp(8, t.lastUsed() == null ? null : Timestamp.from(t.lastUsed()));
                    tab.setBoolean(9, t.pinned());
                    tab.setBoolean(10, t.inactive());
                    tab.addBatch();
                    written++;
                }
            }
            device.executeBatch();
            tab.executeBatch();
        }
        new TabSnapshotWriter(connection).record(accountId, devices, Instant.now());
        return written;
    }
}
