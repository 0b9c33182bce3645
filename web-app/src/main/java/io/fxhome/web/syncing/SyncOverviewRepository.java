package io.fxhome.web.syncing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.jdbc.Sql;

/** Reads what the worker records: account timestamps, live progress (sync_progress) and the last run (sync_run). */
@ApplicationScoped
public class SyncOverviewRepository {
    /** Every query runs on the account's shard. */
    private final ShardRouter shards;

    public SyncOverviewRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public Optional<SyncOverview> overview(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection()) {
            SyncOverview.LastRun lastRun = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    select started_at, finished_at, reason, outcome, error, records_applied, records_skipped
                      from sync_run where account_id = ? order by started_at desc limit 1""")) {
                ps.setObject(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        lastRun = new SyncOverview.LastRun(Sql.instant(rs.getTimestamp(1)),
                                Sql.instant(rs.getTimestamp(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    """
                            select a.status, a.status_reason, a.last_sync_at, a.next_sync_at, a.interactive_requested_at, a.backoff_until,
                                   p.run_started_at, p.collection, p.records_done, p.records_expected, p.updated_at
                              from account a left join sync_progress p on p.account_id = a.id
                             where a.id = ?""")) {
                ps.setObject(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String status = rs.getString(1);
                    Instant lastSync = Sql.instant(rs.getTimestamp(3));
                    Instant requested = Sql.instant(rs.getTimestamp(5));
                    SyncOverview.Progress progress = rs.getTimestamp(7) == null ? null
                            : new SyncOverview.Progress(Sql.instant(rs.getTimestamp(7)), rs.getString(8), rs.getInt(9),
                                    (Integer) rs.getObject(10), Sql.instant(rs.getTimestamp(11)));
                    String state;
                    if ("needs_reauth".equals(status)) {
                        state = "needs-reauth";
                    } else if (progress != null) {
                        state = "syncing";
                    } else if (requested != null && (lastRun == null || lastRun.startedAt().isBefore(requested))) {
                        state = "queued";
                    } else {
                        state = "idle";
                    }
                    boolean firstSyncDone = lastSync != null || lastRun != null && "done".equals(lastRun.outcome());
                    return Optional.of(new SyncOverview(state, status, rs.getString(2), firstSyncDone, lastSync,
                            Sql.instant(rs.getTimestamp(4)), requested, Sql.instant(rs.getTimestamp(6)), progress,
                            lastRun));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sync status of account " + accountId + ": " + e.getMessage(), e);
        }
    }
}
