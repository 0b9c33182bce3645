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
 * after 60 days. Only a tombstone removes a place (and its visits). One COPY per table and three set-based statements
 * per page, inside the caller's transaction.
 */
public final class HistoryWriter {
    private static final String STAGE = """
            create temp table if not exists stage_place (guid text, url text, title text, server_modified numeric)
                on commit delete rows;
            create temp table if not exists stage_visit (place_guid text, visited_at bigint, transition smallint)
                on commit delete rows;
            """;
    private static final String MERGE_PLACES = """
            insert into history_place (account_id, guid, url, title, server_modified)
            select ?, guid, url, title, server_modified from stage_place
            on conflict (account_id, guid) do update
               set url = excluded.url, title = excluded.title, server_modified = excluded.server_modified
            """;
    private static final String MERGE_VISITS = """
            insert into history_visit (account_id, place_guid, visited_at, transition)
            select ?, place_guid, visited_at, transition from stage_visit
            on conflict do nothing
            """;
    // Counts come from the archive, not the record: the record lists at most 20 visits.
    private static final String REFRESH_COUNTS = """
            update history_place p
               set visit_count = v.visits, last_visit_at = to_timestamp(v.last_visit / 1000000.0)
              from (select place_guid, count(*) as visits, max(visited_at) as last_visit
                      from history_visit
                     where account_id = ? and place_guid in (select guid from stage_place)
                     group by place_guid) v
             where p.account_id = ? and p.guid = v.place_guid
            """;
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
        execute(MERGE_PLACES, accountId);
        execute(MERGE_VISITS, accountId);
        execute(REFRESH_COUNTS, accountId, accountId);
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
        try (PreparedStatement ps = connection.prepareStatement(DELETE_PLACES)) {
            ps.setObject(1, accountId);
            ps.setArray(2, connection.createArrayOf("text", guids.toArray()));
            return ps.executeUpdate();
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
