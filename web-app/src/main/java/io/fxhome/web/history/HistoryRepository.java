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
                    items.add(HistoryEntry.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history of account " + accountId + ": " + e.getMessage(), e);
        }
        return HistoryPage.of(items, limit);
    }
}
