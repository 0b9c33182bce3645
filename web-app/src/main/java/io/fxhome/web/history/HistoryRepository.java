package io.fxhome.web.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;

/** History pages newest first, by keyset on (last visit, guid) over history_place_recent_idx. */
@ApplicationScoped
public class HistoryRepository {
    /** Every query runs on the account's shard. */
    private final ShardRouter shards;

    public HistoryRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public HistoryPage page(UUID accountId, Optional<HistoryCursor> after, int limit) {
        List<HistoryEntry> items = new ArrayList<>();
        String sql = """
                select guid, url, title, last_visit_at, visit_count from history_place
                 where account_id = ? and last_visit_at is not null %s
                 order by last_visit_at desc, guid desc limit ?"""
                .formatted(after.isPresent() ? "and (last_visit_at, guid) < (?, ?)" : "");
        try (Connection c = shards.dataSource(accountId).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, accountId);
            if (after.isPresent()) {
                ps.setTimestamp(i++, Timestamp.from(after.get().before()));
                ps.setString(i++, after.get().guid());
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String url = rs.getString(2);
                    items.add(new HistoryEntry(rs.getString(1), url, rs.getString(3), Sql.instant(rs.getTimestamp(4)),
                            rs.getInt(5),
                            Links.linkable(url)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history of account " + accountId + ": " + e.getMessage(), e);
        }
        if (items.size() <= limit) {
            return new HistoryPage(items, null);
        }
        List<HistoryEntry> page = List.copyOf(items.subList(0, limit));
        HistoryEntry last = page.get(limit - 1);
        return new HistoryPage(page, new HistoryCursor(last.lastVisitAt(), last.guid()).encode());
    }
}
