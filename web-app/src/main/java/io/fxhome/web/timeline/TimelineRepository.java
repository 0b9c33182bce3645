package io.fxhome.web.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;
import io.fxhome.web.tabs.TabView;

/**
 * A device's tab timeline ({@code tab_snapshot}, V15), read through its primary key (account, device, time): pages
 * newest first, and the snapshot in effect at a moment (the latest taken at or before it).
 */
@ApplicationScoped
public class TimelineRepository {
    /** A page of a device's snapshots older than a time: account, device, before, limit. */
    static final String PAGE = """
            select taken_at, tab_count, client_name from tab_snapshot
             where account_id = ? and client_id = ? and taken_at < ?
             order by taken_at desc limit ?""";
    /** The snapshot in effect at a time, and when the next one began: account, device, at, account, device. */
    static final String AT = """
            select s.taken_at, s.client_name, s.tabs::text,
                   (select n.taken_at from tab_snapshot n
                     where n.account_id = s.account_id and n.client_id = s.client_id and n.taken_at > s.taken_at
                     order by n.taken_at limit 1)
              from tab_snapshot s
             where s.account_id = ? and s.client_id = ? and s.taken_at <= ?
             order by s.taken_at desc limit 1""";
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShardRouter shards;

    public TimelineRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public TimelinePage page(UUID accountId, String clientId, Optional<Instant> before, int limit) {
        List<TimelineEntry> items = new ArrayList<>();
        try (Connection c = shards.dataSource(accountId).getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setObject(1, accountId);
            ps.setString(2, clientId);
            ps.setTimestamp(3, Timestamp.from(before.orElse(FAR_FUTURE)));
            ps.setInt(4, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new TimelineEntry(Sql.instant(rs.getTimestamp(1)), rs.getInt(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tab timeline of account " + accountId + ": " + e.getMessage(), e);
        }
        String next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = TimelineCursor.encode(items.get(limit - 1).takenAt());
        }
        return new TimelinePage(clientId, items, next);
    }

    /** The tabs the device had open at {@code at}; empty if its timeline starts later (or it has none). */
    public Optional<TabSnapshot> at(UUID accountId, String clientId, Instant at) {
        try (Connection c = shards.dataSource(accountId).getConnection(); PreparedStatement ps = c.prepareStatement(AT)) {
            ps.setObject(1, accountId);
            ps.setString(2, clientId);
            ps.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TabSnapshot(clientId, rs.getString(2), Sql.instant(rs.getTimestamp(1)),
                        Sql.instant(rs.getTimestamp(4)), tabs(rs.getString(3))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tab timeline of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    private static List<TabView> tabs(String json) {
        List<TabView> tabs = new ArrayList<>();
        try {
            for (JsonNode t : JSON.readTree(json)) {
                String url = t.path("url").asText("");
                String lastUsed = t.path("lastUsed").isTextual() ? t.path("lastUsed").asText() : null;
                tabs.add(new TabView(t.path("title").isTextual() ? t.path("title").asText() : null, url,
                        lastUsed == null ? null : Instant.parse(lastUsed), t.path("pinned").asBoolean(),
                        t.path("inactive").asBoolean(), Links.linkable(url)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tab snapshot is not JSON: " + e.getMessage(), e);
        }
        return tabs;
    }
}
