package io.fxhome.web.history;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;

/** History pages newest first, by keyset on (last visit, guid) over history_place_recent_idx. */
@ApplicationScoped
public class HistoryRepository {
    static final String PAGE = """
            select guid, url, title, last_visit_at, visit_count from history_place
             where account_id = ? and last_visit_at is not null %s
             order by last_visit_at desc, guid desc limit ?""";

    /** Every query runs on the account's shard. */
    private final ShardRouter shards;

    public HistoryRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public HistoryPage page(UUID accountId, Optional<HistoryCursor> after, int limit) {
        try {
            return HistoryPageQuery.run(shards.dataSource(accountId), PAGE, List.of(accountId), after, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history of account " + accountId + ": " + e.getMessage(), e);
        }
    }
}
