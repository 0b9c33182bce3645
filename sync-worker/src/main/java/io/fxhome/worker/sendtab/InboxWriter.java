package io.fxhome.worker.sendtab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.fxhome.worker.db.Text;

/**
 * Adds received tabs to the account's inbox and moves the device's command index past them, in the caller's
 * transaction: either both happen or neither, so a crash between fetch and commit fetches the same commands again,
 * and the unique (account, device, command index) keeps them from being stored twice.
 */
final class InboxWriter {
    private InboxWriter() {
    }

    /** A tab to store: the command it came in and its current page. */
    record ReceivedTab(long commandIndex, String url, String title, String senderId, String senderName) {
    }

    static int write(Connection c, UUID accountId, String deviceId, List<ReceivedTab> tabs, long nextIndex,
            Instant fetchedAt) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into inbox (account_id, device_id, command_index, url, title, sender_id, sender_name)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (account_id, device_id, command_index) do nothing""")) {
            for (ReceivedTab t : tabs) {
                ps.setObject(1, accountId);
                ps.setString(2, deviceId);
                ps.setLong(3, t.commandIndex());
                ps.setString(4, Text.clean(t.url()));
                ps.setString(5, Text.clean(t.title()));
                ps.setString(6, t.senderId());
                ps.setString(7, t.senderName() == null ? null : Text.clean(t.senderName()));
                added += ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update send_tab_device set command_index = greatest(command_index, ?), commands_fetched_at = ?
                 where account_id = ? and device_id = ?""")) {
            ps.setLong(1, nextIndex);
            ps.setTimestamp(2, Timestamp.from(fetchedAt));
            ps.setObject(3, accountId);
            ps.setString(4, deviceId);
            ps.executeUpdate();
        }
        return added;
    }
}
