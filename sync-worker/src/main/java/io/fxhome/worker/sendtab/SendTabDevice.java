package io.fxhome.worker.sendtab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The account's fxhome device row ({@code send_tab_device}): id at Mozilla, the next command index to fetch, the
 * sealed keys, a hash of the oldsync key id they were published under, the name last sent to Mozilla and the one the
 * user chose in the web app (null: the install's). Read with the account at the start of its sync (AccountSnapshot,
 * {@link #COLUMNS}).
 */
public record SendTabDevice(String deviceId, String deviceName, long commandIndex, byte[] sealedKeys,
        byte[] publishedKeyHash, Instant commandsFetchedAt, String chosenName) {

    /** The columns {@link #fromRow} reads, of {@code send_tab_device} as {@code d} (which may be an outer join's). */
    public static final String COLUMNS = "d.account_id is not null, d.device_id, d.device_name, d.command_index, "
            + "d.sealed_keys, d.published_key_hash, d.commands_fetched_at, d.chosen_name";

    /** The name the device should carry: the user's choice, else the install's. */
    String wantedName(String installName) {
        return chosenName != null ? chosenName : installName;
    }

    /** The device from {@link #COLUMNS}, starting at column {@code first}; empty when the account has none. */
    public static Optional<SendTabDevice> fromRow(ResultSet rs, int first) throws SQLException {
        if (!rs.getBoolean(first)) {
            return Optional.empty();
        }
        Timestamp fetched = rs.getTimestamp(first + 6);
        return Optional.of(new SendTabDevice(rs.getString(first + 1), rs.getString(first + 2), rs.getLong(first + 3),
                rs.getBytes(first + 4), rs.getBytes(first + 5), fetched == null ? null : fetched.toInstant(),
                rs.getString(first + 7)));
    }

    /** Notes that the commands were fetched (and found none new): the poll interval counts from now. */
    static void fetched(Connection c, UUID accountId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update send_tab_device set commands_fetched_at = ? where account_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, accountId);
            ps.executeUpdate();
        }
    }

    /** Stores a (re-)registration; a new device id starts its command index again. */
    static void save(Connection c, UUID accountId, SendTabDevice d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into send_tab_device (account_id, device_id, device_name, command_index, sealed_keys,
                                             published_key_hash)
                values (?, ?, ?, ?, ?, ?)
                on conflict (account_id) do update set device_id = excluded.device_id,
                    device_name = excluded.device_name, command_index = excluded.command_index,
                    sealed_keys = excluded.sealed_keys, published_key_hash = excluded.published_key_hash,
                    commands_fetched_at = null, registered_at = now()""")) {
            ps.setObject(1, accountId);
            ps.setString(2, d.deviceId());
            ps.setString(3, d.deviceName());
            ps.setLong(4, d.commandIndex());
            ps.setBytes(5, d.sealedKeys());
            ps.setBytes(6, d.publishedKeyHash());
            ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "SendTabDevice[" + deviceId + ", index " + commandIndex + ", keys <sealed>]";
    }
}
