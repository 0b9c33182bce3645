package io.fxhome.web.history.visits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.http.Links;

/** Pages of visits (the day view, a range, a site, a search in a range, one page's story), by {@link VisitQuery}. */
@ApplicationScoped
public class VisitsRepository {
    private final ShardRouter shards;

    public VisitsRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public VisitPage page(UUID account, VisitQuery query, int limit) {
        try (Connection c = shards.dataSource(account).getConnection()) {
            return page(c, query, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the visits of account " + account + ": " + e.getMessage(), e);
        }
    }

    public static VisitPage page(Connection c, VisitQuery query, int limit) throws SQLException {
        List<Visit> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query.sql())) {
            List<Object> params = query.params(limit);
            for (int i = 0; i < params.size(); i++) {
                Object value = params.get(i);
                if (value instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, value);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(visit(rs));
                }
            }
        }
        if (items.size() <= limit) {
            return new VisitPage(items, null);
        }
        List<Visit> page = List.copyOf(items.subList(0, limit));
        return new VisitPage(page, page.get(limit - 1).position().encode());
    }

    /** A row of url, title, visited_at, transition, place_guid. */
    static Visit visit(ResultSet rs) throws SQLException {
        String url = rs.getString(1);
        long micros = rs.getLong(3);
        int transition = rs.getInt(4);
        return new Visit(url, rs.getString(2), VisitRange.instant(micros), Transitions.name(transition), Links.linkable(url),
                new VisitCursor(micros, transition, rs.getString(5)));
    }
}
