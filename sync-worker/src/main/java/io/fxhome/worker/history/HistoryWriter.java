package io.fxhome.worker.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fxhome.worker.db.CopyRows;

/**
 * Merges a page of history records into {@code history_place} and {@code history_visit}. History is an archive:
 * visits are added, never replaced, because each Sync record carries only its latest visits and Sync forgets pages
 * after 60 days. Only a tombstone removes a place (and its visits). One COPY per stage table and one set-based statement
 * per page, inside the caller's transaction.
 */
public final class HistoryWriter {
    private static final String STAGE = """
            create temp table if not exists stage_place (guid text, url text, title text, server_modified numeric)
                on commit delete rows;
            create temp table if not exists stage_visit (place_guid text, visited_at bigint, transition smallint)
                on commit delete rows;
            """;
    // One statement: new visits go in (duplicates skipped: a visit is its date and type), and each place is upserted
    // with its count and last visit raised by exactly the visits that were new. The record lists at most 20 visits,
    // so the archive's count is kept here, never taken from the record.
    private static final String MERGE = """
            with inserted as (
                insert into history_visit (account_id, place_guid, visited_at, transition)
                select ?, place_guid, visited_at, transition from stage_visit
                on conflict do nothing
                returning place_guid, visited_at),
            added as (
                select place_guid, count(*) as visits, max(visited_at) as last_visit from inserted group by place_guid)
            insert into history_place (account_id, guid, url, title, server_modified, visit_count, last_visit_at)
            select ?, s.guid, s.url, s.title, s.server_modified, coalesce(a.visits, 0), to_timestamp(a.last_visit / 1000000.0)
              from stage_place s left join added a on a.place_guid = s.guid
            on conflict (account_id, guid) do update
               set url = excluded.url, title = excluded.title, server_modified = excluded.server_modified,
                   visit_count = history_place.visit_count + excluded.visit_count,
                   last_visit_at = greatest(history_place.last_visit_at, excluded.last_visit_at)
            """;
    private static final String DELETE_VISITS = "delete from history_visit where account_id = ? and place_guid = any(?)";
    private static final String DELETE_PLACES = "delete from history_place where account_id = ? and guid = any(?)";

    private final Connection connection;

    public HistoryWriter(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement st = connection.createStatement()) {
            st.execute(STAGE);
        }
    }

    /** Writes one page; returns the number of places written. */
    public int write(UUID accountId, Collection<HistoryPlaceRow> page) throws SQLException {
        if (page.isEmpty()) {
            return 0;
        }
        // The same record can appear twice in one page after a restart; the last one wins, as on the server.
        Map<String, HistoryPlaceRow> byGuid = new LinkedHashMap<>();
        page.forEach(p -> byGuid.put(p.guid(), p));
        CopyRows places = new CopyRows();
        CopyRows visits = new CopyRows();
        for (HistoryPlaceRow p : byGuid.values()) {
            places.text(p.guid()).text(p.url()).text(p.title()).number(p.serverModified()).endRow();
            for (VisitRow v : p.visits()) {
                visits.text(p.guid()).number(v.visitedAtMicros()).number(v.transition()).endRow();
            }
        }
        places.copyInto(connection, "stage_place (guid, url, title, server_modified)");
        visits.copyInto(connection, "stage_visit (place_guid, visited_at, transition)");
        execute(MERGE, accountId, accountId);
        // The stage empties at commit; a later page in the same transaction must not see these rows again
        // (DELETE, not TRUNCATE: on a small temp table it is far cheaper).
        try (Statement st = connection.createStatement()) {
            st.execute("delete from stage_place; delete from stage_visit");
        }
        return byGuid.size();
    }

    /** Applies tombstones: the place and all its visits go. */
    public int delete(UUID accountId, List<String> guids) throws SQLException {
        if (guids.isEmpty()) {
            return 0;
        }
        var array = connection.createArrayOf("text", guids.toArray());
        try (PreparedStatement visits = connection.prepareStatement(DELETE_VISITS);
                PreparedStatement places = connection.prepareStatement(DELETE_PLACES)) {
            visits.setObject(1, accountId);
            visits.setArray(2, array);
            visits.executeUpdate();
            places.setObject(1, accountId);
            places.setArray(2, array);
            return places.executeUpdate();
        }
    }

    private void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
