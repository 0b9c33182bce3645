package io.fxhome.web.tabs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.devices.Staleness;
import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;

/**
 * Open tabs grouped by device, the device that uploaded most recently first. As in Firefox, only devices present in
 * the clients collection are shown (a tabs record can outlive its device).
 */
@ApplicationScoped
public class TabsRepository {
    /** Every query runs on the account's shard. */
    private final ShardRouter shards;
    private final Staleness staleness;

    public TabsRepository(ShardRouter shards, Staleness staleness) {
        this.shards = shards;
        this.staleness = staleness;
    }

    /**
     * A fingerprint of the account's tabs and devices that changes whenever the worker writes different ones: every
     * device's and tabs record's server timestamp changes when that device uploads. Two index lookups, no join.
     */
    public String version(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement(
                        """
                                select (select count(*) || ':' || coalesce(sum(server_modified), 0) || ':' || coalesce(max(server_modified), 0)
                                          from device_tabs where account_id = ?)
                                       || '/' ||
                                       (select count(*) || ':' || coalesce(sum(server_modified), 0) || ':' || coalesce(max(server_modified), 0)
                                          from device where account_id = ?)""")) {
            ps.setObject(1, accountId);
            ps.setObject(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tabs version of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    public List<DeviceTabs> byDevice(UUID accountId) {
        Map<String, DeviceTabs> devices = new LinkedHashMap<>();
        Instant now = Instant.now();
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select dt.client_id, coalesce(d.name, dt.client_name), d.device_type, dt.server_modified,
                               t.title, t.url, t.last_used, t.pinned, t.inactive,
                               (select max(s.taken_at) from tab_snapshot s
                                 where s.account_id = dt.account_id and s.client_id = dt.client_id)
                          from device_tabs dt
                          join device d on d.account_id = dt.account_id and d.client_id = dt.client_id
                          left join tab t on t.account_id = dt.account_id and t.client_id = dt.client_id
                         where dt.account_id = ?
                         order by dt.server_modified desc nulls last, dt.client_id, t.position""")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String client = rs.getString(1);
                    DeviceTabs device = devices.computeIfAbsent(client, id -> {
                        try {
                            Instant changed = Sql.instant(rs.getTimestamp(10));
                            return new DeviceTabs(id, rs.getString(2), rs.getString(3), Sql.syncSeconds(rs.getBigDecimal(4)),
                                    new ArrayList<>(), changed, staleness.stale(changed, now));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String url = rs.getString(6);
                    if (url != null) {
                        device.tabs().add(new TabView(rs.getString(5), url, Sql.instant(rs.getTimestamp(7)), rs.getBoolean(8),
                                rs.getBoolean(9), Links.linkable(url)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tabs of account " + accountId + ": " + e.getMessage(), e);
        }
        return List.copyOf(devices.values());
    }
}
