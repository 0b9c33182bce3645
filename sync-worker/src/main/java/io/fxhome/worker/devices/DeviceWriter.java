package io.fxhome.worker.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/** Replaces the account's devices with the clients collection as downloaded in full (records expire without tombstones). */
public final class DeviceWriter {
    private static final String UPSERT = """
            insert into device (account_id, client_id, fxa_device_id, name, device_type, os, application, app_version,
                                form_factor, server_modified)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (account_id, client_id) do update
               set fxa_device_id = excluded.fxa_device_id, name = excluded.name, device_type = excluded.device_type,
                   os = excluded.os, application = excluded.application, app_version = excluded.app_version,
                   form_factor = excluded.form_factor, server_modified = excluded.server_modified
            """;
    private static final String DELETE_OTHERS = "delete from device where account_id = ? and not (client_id = any(?))";

    private final Connection connection;

    public DeviceWriter(Connection connection) {
        this.connection = connection;
    }

    /** Returns how many devices were removed because the server no longer has them. */
    public int replaceAll(UUID accountId, Collection<DeviceRow> devices) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
            for (DeviceRow d : devices) {
                ps.setObject(1, accountId);
                ps.setString(2, d.clientId());
                ps.setString(3, d.fxaDeviceId());
                ps.setString(4, d.name());
                ps.setString(5, d.type());
                ps.setString(6, d.os());
                ps.setString(7, d.application());
                ps.setString(8, d.appVersion());
                ps.setString(9, d.formFactor());
                ps.setBigDecimal(10, d.serverModified());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement(DELETE_OTHERS)) {
            ps.setObject(1, accountId);
            ps.setArray(2, connection.createArrayOf("text", devices.stream().map(DeviceRow::clientId).toArray()));
            return ps.executeUpdate();
        }
    }
}
