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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.fxhome.worker.db.CopyRows;
import io.fxhome.worker.frecency.BookmarkFrecency;
import io.fxhome.worker.frecency.Frecency;
import io.fxhome.worker.frecency.Visit;

/**
 * Merges a page of history records into {@code history_place} and {@code history_visit}. History is an archive:
 * visits are added, never replaced, because each Sync record carries only its latest visits and Sync forgets pages
 * after 60 days. Only a tombstone removes a place (and its visits). One COPY per stage table and one set-based statement
 * per page, inside the caller's transaction.
 * <p>
 * The same statement keeps each page's Firefox frecency (the {@code fxhome_page_frecency} function of migration V7, see
 * docs/search.md) up to date from its 10 latest visits, old and new, and {@link BookmarkFrecency} passes it on to
 * bookmarks of the same URL: the address-bar search never computes a score itself.
 */
public final class HistoryWriter {
    // The page's transaction skips JIT: compiling the merge for every page cost more than running it.
    static final String STAGE = """
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
    // its archived visits and the page's (the inserted ones are not visible to the rest of the statement). It returns
    // the bookmarked pages' new frecency, for their bookmarks.
    // The stored place and the bookmark are looked up by LATERAL aggregates so that each stays one probe of the index
    // made for it whatever the statistics say: with a new account's rows not yet analyzed, a join hashed all of the
    // account's places for every page (a first sync quadratic in its size), and an EXISTS or LIMIT 1 probe walked
    // another index of the account's rows hoping for an early match.
    static final String MERGE = """
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
                       case when not old.found and not f.bookmarked then s.frecency else (
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
                 cross join lateral (
                       select count(*) > 0 as found, max(o.frecency_visits) as frecency_visits,
                              max(o.last_typed_at) as last_typed_at
                         from history_place o
                        where o.account_id = ? and o.guid = s.guid) old
                 cross join lateral (
                       select count(*) > 0 as bookmarked from bookmark b
                        where b.account_id = ? and hashtextextended(b.url, 0) = hashtextextended(s.url, 0)
                          and b.url = s.url and b.kind = 'bookmark') bm
                 cross join lateral (
                       select (coalesce(old.frecency_visits, 0) + coalesce(a.counted, 0))::integer as counted,
                              bm.bookmarked) f
                on conflict (account_id, guid) do update
                   set url = excluded.url, title = excluded.title, server_modified = excluded.server_modified,
                       visit_count = history_place.visit_count + excluded.visit_count,
                       last_visit_at = greatest(history_place.last_visit_at, excluded.last_visit_at),
                       frecency_visits = excluded.frecency_visits, last_typed_at = excluded.last_typed_at,
                       bookmarked = excluded.bookmarked, frecency = excluded.frecency
                returning url, frecency, bookmarked)
            select url, max(frecency) from merged where bookmarked group by url
            """;
    private static final long MERGE_PARAMETERS = MERGE.chars().filter(c -> c == '?').count();
    private static final String DELETE_VISITS = "delete from history_visit where account_id = ? and place_guid = any(?)";
    private static final String DELETE_PLACES = "delete from history_place where account_id = ? and guid = any(?) returning url";

    private final Connection connection;

    public HistoryWriter(Connection connection) {
        this.connection = connection;
    }

    /** Merges one page into the archive; returns the number of places written. */
    public int write(UUID accountId, Collection<HistoryPlaceRow> page) throws SQLException {
        Collection<HistoryPlaceRow> places = lastOfEachGuid(page);
        if (places.isEmpty()) {
            return 0;
        }
        // Only a merge stages (an append goes straight to the tables): its temp tables are made, or found, here.
        try (Statement st = connection.createStatement()) {
            st.execute(STAGE);
        }
        CopyRows stagedPlaces = new CopyRows();
        CopyRows stagedVisits = new CopyRows();
        for (HistoryPlaceRow p : places) {
            Set<Visit> distinct = Frecency.distinct(p.visits());
            List<Visit> sample = Frecency.sample(distinct);
            stagePlace(stagedPlaces, p, sample, Frecency.countedVisits(distinct)).endRow();
            for (Visit v : distinct) {
                stagedVisits.text(p.guid()).number(v.visitedAtMicros()).number(v.transition()).endRow();
            }
        }
        stagedPlaces.copyInto(connection,
                "stage_place (guid, url, title, server_modified, frecency, sample_micros, sample_types)");
        stagedVisits.copyInto(connection, "stage_visit (place_guid, visited_at, transition)");
        new BookmarkFrecency(connection).passOnPageScores(accountId, mergeStaged(accountId));
        // The stage empties at commit; a later page in the same transaction must not see these rows again
        // (DELETE, not TRUNCATE: on a small temp table it is far cheaper).
        try (Statement st = connection.createStatement()) {
            st.execute("delete from stage_place; delete from stage_visit");
        }
        return places.size();
    }

    /**
     * Writes one page of places that are not in the archive: for a download into an account whose archive was empty
     * when it began (a first sync), where no record comes twice. Nothing is merged: places and visits go straight into
     * {@code history_place} and {@code history_visit} by COPY, with counts, dates and frecency taken from the records
     * (a bookmarked page scored as one), the same rows {@link #write} would produce at several times the cost. A place
     * that is there after all (which the caller rules out) fails the page with a unique violation; the retried sync
     * then merges.
     */
    public int append(UUID accountId, Collection<HistoryPlaceRow> page) throws SQLException {
        Collection<HistoryPlaceRow> places = lastOfEachGuid(page);
        if (places.isEmpty()) {
            return 0;
        }
        BookmarkFrecency bookmarks = new BookmarkFrecency(connection);
        Set<String> bookmarkedUrls = bookmarks.bookmarkedUrls(accountId,
                places.stream().map(HistoryPlaceRow::url).distinct().toList());
        SortedMap<String, Integer> bookmarked = new TreeMap<>();
        String account = accountId.toString();
        CopyRows placeRows = new CopyRows();
        CopyRows visitRows = new CopyRows();
        for (HistoryPlaceRow p : places) {
            Set<Visit> distinct = Frecency.distinct(p.visits());
            long lastVisit = Long.MIN_VALUE;
            long lastTyped = Long.MIN_VALUE;
            for (Visit v : distinct) {
                visitRows.text(account).text(p.guid()).number(v.visitedAtMicros()).number(v.transition()).endRow();
                lastVisit = Math.max(lastVisit, v.visitedAtMicros());
                if (v.transition() == 2) {
                    lastTyped = Math.max(lastTyped, v.visitedAtMicros());
                }
            }
            int counted = Frecency.countedVisits(distinct);
            boolean isBookmarked = bookmarkedUrls.contains(p.url());
            int frecency = Frecency.of(Frecency.sample(distinct), counted, isBookmarked, p.url());
            if (isBookmarked) {
                bookmarked.merge(p.url(), frecency, Math::max);
            }
            placeRows.text(account).text(p.guid()).text(p.url()).text(p.title()).number(p.serverModified())
                    .number(distinct.size()).timestampMicros(lastVisit == Long.MIN_VALUE ? null : lastVisit)
                    .number(counted).timestampMicros(lastTyped == Long.MIN_VALUE ? null : lastTyped)
                    .bool(isBookmarked).number(frecency).endRow();
        }
        visitRows.copyInto(connection, "history_visit (account_id, place_guid, visited_at, transition)");
        placeRows.copyInto(connection, "history_place (account_id, guid, url, title, server_modified, visit_count, "
                + "last_visit_at, frecency_visits, last_typed_at, bookmarked, frecency)");
        bookmarks.passOnPageScores(accountId, bookmarked);
        return places.size();
    }

    /**
     * Locks the account's row against deletion until the page commits, as the foreign keys history no longer has would
     * (migration V10): a page written for an account deleted meanwhile fails instead of leaving rows behind.
     */
    public void holdAccount(UUID accountId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from account where id = ? for key share")) {
            ps.setObject(1, accountId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("account " + accountId + " no longer exists", "23503");
                }
            }
        }
    }

    /** Whether the account's history archive is empty: a download may then {@link #append}. */
    public static boolean archiveEmpty(Connection connection, UUID accountId) throws SQLException {
        try (PreparedStatement ps = connection
                .prepareStatement("select not exists (select 1 from history_place where account_id = ?)")) {
            ps.setObject(1, accountId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    // The same record can appear twice in one page after a restart; the last one wins, as on the server.
    private static Collection<HistoryPlaceRow> lastOfEachGuid(Collection<HistoryPlaceRow> page) {
        Map<String, HistoryPlaceRow> byGuid = new LinkedHashMap<>();
        page.forEach(p -> byGuid.put(p.guid(), p));
        return byGuid.values();
    }

    private static CopyRows stagePlace(CopyRows rows, HistoryPlaceRow p, List<Visit> sample, int counted) {
        return rows.text(p.guid()).text(p.url()).text(p.title()).number(p.serverModified())
                .number(Frecency.of(sample, counted, false, p.url()))
                .text(sample.stream().map(v -> Long.toString(v.visitedAtMicros())).collect(Collectors.joining(",", "{", "}")))
                .text(sample.stream().map(v -> Integer.toString(v.transition())).collect(Collectors.joining(",", "{", "}")));
    }

    /** Runs MERGE over the staged page (its parameters are all the account); returns bookmarked URLs' frecency. */
    private SortedMap<String, Integer> mergeStaged(UUID accountId) throws SQLException {
        // In URL order: pages written at once then lock shared bookmarks in the same order (no deadlock).
        SortedMap<String, Integer> bookmarked = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(MERGE)) {
            for (int i = 1; i <= MERGE_PARAMETERS; i++) {
                ps.setObject(i, accountId);
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    bookmarked.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return bookmarked;
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
}
