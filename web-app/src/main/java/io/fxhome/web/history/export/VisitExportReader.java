package io.fxhome.web.history.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.history.visits.Transitions;
import io.fxhome.web.history.visits.VisitRange;
import io.fxhome.web.http.Links;

/**
 * Every visit of an account, oldest first, read through a server-side cursor ({@code fetchSize} rows at a time inside
 * one read-only transaction), in the order of the visit-time index, so that rows flow from the first one on: memory
 * stays flat however large the history. (A plain join let the planner read every page and sort all their visits first.)
 */
public final class VisitExportReader {
    public static final String ALL = """
            select v.visited_at, p.url, p.title, v.transition
              from history_visit v
             cross join lateral (select url, title from history_place p
                                  where p.account_id = ? and p.guid = v.place_guid limit 1) p
             where v.account_id = ?
             order by v.visited_at, v.place_guid, v.transition""";
    static final int FETCH_SIZE = 1_000;

    interface Sink {
        void accept(ExportedVisit visit) throws java.io.IOException;
    }

    private VisitExportReader() {
    }

    static void each(ShardRouter shards, UUID account, Sink sink) throws java.io.IOException {
        try (Connection c = shards.dataSource(account).getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(ALL)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setObject(1, account);
                ps.setObject(2, account);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String url = rs.getString(2);
                        sink.accept(new ExportedVisit(VisitRange.instant(rs.getLong(1)).toString(), url, rs.getString(3),
                                Transitions.name(rs.getInt(4)), Links.linkable(url)));
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export the history of account " + account + ": " + e.getMessage(), e);
        }
    }

}
