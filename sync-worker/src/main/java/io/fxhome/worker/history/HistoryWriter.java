package io.fxhome.worker.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.fxhome.worker.bookmarks.BookmarkFrecency;
import io.fxhome.worker.db.CopyRows;

/**
 * Merges a page of history records into {@code history_place} and {@code history_visit}. History is an archive:
 * visits are added, never replaced, because each Sync record carries only its latest visits and Sync forgets pages
 * after 60 days. Only a tombstone removes a place (and its visits). One COPY per stage table and one set-based statement
 * per page, inside the caller's transaction.
 * <p>
 * The same statement keeps each page's Firefox frecency (the {@code fxhome_page_frecency} function of migration V7, see
 * docs/search.md) up to date from its 10 latest visits, old and new, and passes it on to bookmarks of the same URL: the
 * address-bar search never computes a score itself.
 */
public final class HistoryWriter {
    // The page's transaction skips JIT: compiling the merge for every page cost more than running it.
    private static final String STAGE = """
            create temp table if not exists stage_place (guid text, url text, title text, server_modified numeric,
                                                         frecency integer, sample_micros bigint[], sample_types smallint[])
                on commit delete rows;
            create temp table if not exists stage_visit (place_guid text, visited_at bigint, transition smallint)
                on commit delete rows;
            set local jit = off;
            """;
    // One statement: new visits go in (duplicates skipped: a visit is its date and type), and each place is upserted
    // with its count and last visit raised by exactly the visits that were new. The record lists at most 20 visits,
    // so the archive's count is kept here, never taken from the record. A page seen for the first time and not
    // bookmarked keeps the frecency computed before the COPY (Frecency); any other is scored here from the union of
    // its archived visits and the page's (the inserted ones are not visible to the rest of the statement). Bookmarks
    // of a bookmarked page take its new frecency.
    private static final String MERGE = """
            with inserted as (
                insert into history_visit (account_id, place_guid, visited_at, transition)
                select ?, place_guid, visited_at, transition from stage_visit
                on conflict do nothing
                returning place_guid, visited_at, transition),
            added as (
                select place_guid, count(*) as visits,
                       count(*) filter (where transition in (1, 2, 3, 5, 6)) as counted,
                       max(visited_at) as last_visit,
                       max(visited_at) filter (where transition = 2) as last_typed
                  from inserted group by place_guid),
            merged as (
                insert into history_place (account_id, guid, url, title, server_modified, visit_count, last_visit_at,
                                           frecency_visits, last_typed_at, bookmarked, frecency)
                select ?, s.guid, s.url, s.title, s.server_modified, coalesce(a.visits, 0),
                       to_timestamp(a.last_visit / 1000000.0), f.counted,
                       greatest(old.last_typed_at, to_timestamp(a.last_typed / 1000000.0)), f.bookmarked,
                       case when old.guid is null and not f.bookmarked then s.frecency else (
                           select fxhome_page_frecency(array_agg(v.micros), array_agg(v.type), f.counted, f.bookmarked,
                                                       null::timestamptz, s.url)
                             from (select micros, type
                                     from ((select h.visited_at as micros, h.transition as type from history_visit h
                                             where h.account_id = ? and h.place_guid = s.guid and h.transition between 1 and 6
                                             order by h.visited_at desc limit 10)
                                           union
                                           select u.micros, u.type
                                             from unnest(s.sample_micros, s.sample_types) as u (micros, type)) as all_visits
                                    order by micros desc limit 10) v) end
                  from stage_place s
                  left join added a on a.place_guid = s.guid
                  left join history_place old on old.account_id = ? and old.guid = s.guid
                 cross join lateral (
                       select (coalesce(old.frecency_visits, 0) + coalesce(a.counted, 0))::integer as counted,
                              exists (select 1 from bookmark b
                                       where b.account_id = ? and hashtextextended(b.url, 0) = hashtextextended(s.url, 0)
                                         and b.url = s.url and b.kind = 'bookmark') as bookmarked) f
                on conflict (account_id, guid) do update
                   set url = excluded.url, title = excluded.title, server_modified = excluded.server_modified,
                       visit_count = history_place.visit_count + excluded.visit_count,
                       last_visit_at = greatest(history_place.last_visit_at, excluded.last_visit_at),
                       frecency_visits = excluded.frecency_visits, last_typed_at = excluded.last_typed_at,
                       bookmarked = excluded.bookmarked, frecency = excluded.frecency
                returning url, frecency, bookmarked)
            update bookmark b set frecency = m.frecency
              from (select url, max(frecency) as frecency from merged where bookmarked group by url) m
             where b.account_id = ? and hashtextextended(b.url, 0) = hashtextextended(m.url, 0) and b.url = m.url
               and b.kind = 'bookmark' and b.frecency is distinct from m.frecency
            """;
    private static final String DELETE_VISITS = "delete from history_visit where account_id = ? and place_guid = any(?)";
    private static final String DELETE_PLACES = "delete from history_place where account_id = ? and guid = any(?) returning url";

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
            Set<VisitRow> distinct = Frecency.distinct(p.visits());
            List<VisitRow> sample = Frecency.sample(distinct);
            places.text(p.guid()).text(p.url()).text(p.title()).number(p.serverModified())
                    .number(Frecency.of(sample, Frecency.countedVisits(distinct), false, p.url()))
                    .text(sample.stream().map(v -> Long.toString(v.visitedAtMicros())).collect(Collectors.joining(",", "{", "}")))
                    .text(sample.stream().map(v -> Integer.toString(v.transition())).collect(Collectors.joining(",", "{", "}")))
                    .endRow();
            for (VisitRow v : distinct) {
                visits.text(p.guid()).number(v.visitedAtMicros()).number(v.transition()).endRow();
            }
        }
        places.copyInto(connection, "stage_place (guid, url, title, server_modified, frecency, sample_micros, sample_types)");
        visits.copyInto(connection, "stage_visit (place_guid, visited_at, transition)");
        execute(MERGE, accountId, accountId, accountId, accountId, accountId, accountId);
        // The stage empties at commit; a later page in the same transaction must not see these rows again
        // (DELETE, not TRUNCATE: on a small temp table it is far cheaper).
        try (Statement st = connection.createStatement()) {
            st.execute("delete from stage_place; delete from stage_visit");
        }
        return byGuid.size();
    }

    /** Applies tombstones: the place and all its visits go; bookmarks of those URLs fall back to their own score. */
    public int delete(UUID accountId, List<String> guids) throws SQLException {
        if (guids.isEmpty()) {
            return 0;
        }
        var array = connection.createArrayOf("text", guids.toArray());
        List<String> urls = new ArrayList<>();
        try (PreparedStatement visits = connection.prepareStatement(DELETE_VISITS);
                PreparedStatement places = connection.prepareStatement(DELETE_PLACES)) {
            visits.setObject(1, accountId);
            visits.setArray(2, array);
            visits.executeUpdate();
            places.setObject(1, accountId);
            places.setArray(2, array);
            try (var rs = places.executeQuery()) {
                while (rs.next()) {
                    urls.add(rs.getString(1));
                }
            }
        }
        if (!urls.isEmpty()) {
            new BookmarkFrecency(connection).refreshUrls(accountId, urls);
        }
        return urls.size();
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
