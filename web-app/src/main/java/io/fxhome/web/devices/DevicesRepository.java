package io.fxhome.web.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.jdbc.Sql;

/** The user's devices, most recently active first. */
@ApplicationScoped
public class DevicesRepository {
    /** Every query runs on the account's shard. */
    private final ShardRouter shards;
    private final Staleness staleness;

    public DevicesRepository(ShardRouter shards, Staleness staleness) {
        this.shards = shards;
        this.staleness = staleness;
    }

    public List<DeviceView> list(UUID accountId) {
        List<DeviceView> out = new ArrayList<>();
        Instant now = Instant.now();
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select d.client_id, d.name, d.device_type, d.os, d.application, d.app_version, d.form_factor,
                               d.server_modified, dt.server_modified,
                               (select count(*) from tab t where t.account_id = d.account_id and t.client_id = d.client_id),
                               (select max(s.taken_at) from tab_snapshot s
                                 where s.account_id = d.account_id and s.client_id = d.client_id)
                          from device d
                          left join device_tabs dt on dt.account_id = d.account_id and dt.client_id = d.client_id
                         where d.account_id = ?
                         order by greatest(d.server_modified, dt.server_modified) desc nulls last, d.client_id""")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeviceView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), Sql.syncSeconds(rs.getBigDecimal(8)),
                            Sql.syncSeconds(rs.getBigDecimal(9)),
                            rs.getInt(10), Sql.instant(rs.getTimestamp(11)),
                            staleness.stale(Sql.instant(rs.getTimestamp(11)), now)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the devices of account " + accountId + ": " + e.getMessage(), e);
        }
        return out;
    }
}
