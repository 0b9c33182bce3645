package io.fxhome.web.sendtab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobPublishException;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.shard.ShardRouter;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.devices.DeviceName;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.web.problem.Problem;
import io.quarkus.logging.Log;

/**
 * The name fxhome's device carries in the account's "Send to device" menus. A name the user chooses is sent to Mozilla
 * at once, as Firefox renames itself (a device update holding the name alone), and kept in
 * {@code send_tab_device.chosen_name} so that the worker's re-registrations keep it. An empty name goes back to the
 * install's ({@code fxhome.send-tab.device-name}): the worker sends it in a "receive commands" job asked for here, or
 * at the account's next sync when one is running (the job then arrives as a duplicate of its lease).
 */
@ApplicationScoped
public class FxhomeDeviceName {
    /** @param chosen whether the user chose the name (else it is the install's) */
    public record Current(String deviceId, String name, boolean chosen) {
    }

    private final ShardRouter shards;
    private final DeviceCredentials credentials;
    private final DeviceClient devices;
    private final SyncJobPublisher publisher;

    FxhomeDeviceName(ShardRouter shards, DeviceCredentials credentials, DeviceClient devices,
            SyncJobPublisher publisher) {
        this.shards = shards;
        this.credentials = credentials;
        this.devices = devices;
        this.publisher = publisher;
    }

    /** Empty until fxhome registered as one of the account's devices (its first sync). */
    public Optional<Current> current(UUID accountId) {
        return read(accountId, "select device_id, coalesce(chosen_name, device_name), chosen_name is not null "
                + "from send_tab_device where account_id = ?");
    }

    /**
     * Renames the device: {@code name} stripped; blank for the install's name.
     *
     * @throws Problem 400 {@code invalid-device-name}, 409 {@code not-registered} before the first sync, or Mozilla's
     *         refusal ({@code needs-reauth}, {@code throttled}, ...)
     */
    public Current rename(UUID accountId, String name) {
        String wanted = name == null ? "" : name.strip();
        if (!DeviceName.isValid(wanted)) {
            throw new Problem(400, "invalid-device-name", "Name not accepted",
                    "A device name has at most " + DeviceName.MAX_LENGTH
                            + " characters, without control or private-use characters.");
        }
        Current now = current(accountId).orElseThrow(() -> new Problem(409, "not-registered", "Not a device yet",
                "fxhome becomes one of your devices during its first sync of your account; name it after that."));
        if (wanted.isEmpty()) {
            update(accountId, "update send_tab_device set chosen_name = null where account_id = ?", null);
            try {
                publisher.publish(SyncJob.receiveCommands(accountId, Instant.now()));
            } catch (SyncJobPublishException e) {
                // The next scheduled sync sends the install's name all the same.
                Log.infof("account %s: the device's name goes back at the next sync (queue: %s)", accountId,
                        e.getMessage());
            }
            // The install's name is the worker's setting: unknown here, and Mozilla still shows the old one for now.
            return new Current(now.deviceId(), null, false);
        }
        AccountSecrets secrets = credentials.open(accountId);
        try {
            devices.rename(secrets.refreshToken(), wanted);
        } catch (SyncException e) {
            Problem p = SendTabProblems.of(e);
            if (e instanceof FxaException fxa) {
                Log.infof("account %s: renaming its device refused (%s, status %d, errno %d)", accountId, fxa.kind(),
                        fxa.httpStatus(), fxa.errno());
            }
            throw p;
        }
        update(accountId, "update send_tab_device set chosen_name = ?, device_name = ? where account_id = ?",
                wanted);
        Log.infof("account %s: its device renamed", accountId);
        return new Current(now.deviceId(), wanted, true);
    }

    private Optional<Current> read(UUID accountId, String sql) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Current(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the device of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    private void update(UUID accountId, String sql, String name) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (name != null) {
                ps.setString(i++, name);
                ps.setString(i++, name);
            }
            ps.setObject(i, accountId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot name the device of account " + accountId + ": " + e.getMessage(), e);
        }
    }
}
