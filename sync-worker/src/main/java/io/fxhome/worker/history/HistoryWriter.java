package io.fxhome.worker.history;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import io.fxhome.worker.db.Text;
import io.fxhome.worker.frecency.BookmarkFrecency;
import io.fxhome.worker.frecency.Frecency;
import io.fxhome.worker.frecency.Visit;

/**
 * Merges a page of history records into {@code history_place} and {@code history_visit}. History is an archive:
 * visits are added, never replaced, because each Sync record carries only its latest visits and Sync forgets pages
 * after 60 days. Only a tombstone removes a place (and its visits). A page merges in one exchange with PostgreSQL (its
 * columns as arrays, one set-based statement), or, into an empty archive, goes in by COPY; inside the caller's
 * transaction.
 * <p>
 * The same statement keeps each page's Firefox frecency (the {@code fxhome_page_frecency} function of migration V7, see
 * docs/search.md) up to date from its 10 latest visits, old and new, and {@link BookmarkFrecency} passes it on to
 * bookmarks of the same URL: the address-bar search never computes a score itself.
 */
public final class HistoryWriter {
    // The page's settings and the account's hold (see append) go in the merge's exchange, ahead of it: a page of a few
    // records costs three round trips in all with its transaction's, where staging it took ten (temporary tables, two
    // COPYs, their emptying), and PostgreSQL's share of a sync that found a few changes went with them
    // (docs/benchmarks.md, "A fleet under load"). The merge skips JIT: compiling it for every page cost more than
    // running it. And it keeps one plan per connection: the planner cannot see how long the arrays are in a generic
    // plan and prices them at 100 rows, so left to choose it planned a custom one for every page, 1.5 ms each, as
    // long as the merge itself; the plan is built to be right for any page (below).
    static final String BEFORE_MERGE = """
            select set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true);
            select 1 from account where id = ? for key share;
            """;
    // One statement: new visits go in (duplicates skipped: a visit is its date and type), and each place is upserted
    // with its count and last visit raised by exactly the visits that were new. The record lists at most 20 visits,
    // so the archive's count is kept here, never taken from the record. A page seen for the first time and not
    // bookmarked keeps the frecency computed before the merge (Frecency); any other is scored here from the union of
    // its archived visits and the page's (the inserted ones are not visible to the rest of the statement). It returns
    // the bookmarked pages' new frecency, for their bookmarks.
    // The stored place and the bookmark are looked up by LATERAL aggregates so that each stays one probe of the index
    // made for it whatever the statistics say: with a new account's rows not yet analyzed, a join hashed all of the
    // account's places for every page (a first sync quadratic in its size), and an EXISTS or LIMIT 1 probe walked
    // another index of the account's rows hoping for an early match.
    // The page comes as arrays, one per column (a place's sampled visits as array literals, which have no other way into
    // one array element), unnested under the names the statement reads.
    static final String MERGE = """
            with stage_place as (
                select s.guid, s.url, s.title, s.server_modified, s.frecency, s.sample_micros::bigint[] as sample_micros,
                       s.sample_types::smallint[] as sample_types
                  from unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::int[], ?::text[], ?::text[])
                       as s (guid, url, title, server_modified, frecency, sample_micros, sample_types)),
            stage_visit as (
                select * from unnest(?::text[], ?::bigint[], ?::smallint[]) as v (place_guid, visited_at, transition)),
            inserted as (
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
    /** The merge's parameters after the page's ten arrays: each is the account. */
    private static final long MERGE_ACCOUNT_PARAMETERS = MERGE.chars().filter(c -> c == '?').count() - 10;
    private static final String DELETE_VISITS = "delete from history_visit where account_id = ? and place_guid = any(?)";
    private static final String DELETE_PLACES = "delete from history_place where account_id = ? and guid = any(?) returning url";

    private final Connection connection;

    public HistoryWriter(Connection connection) {
        this.connection = connection;
    }

    /**
     * Merges one page into the archive; returns the number of places written. Fails with SQLState 23503 if the account
     * no longer exists (see {@link #append}); the caller's transaction then rolls back what the statement wrote.
     */
    public int write(UUID accountId, Collection<HistoryPlaceRow> page) throws SQLException {
        Collection<HistoryPlaceRow> places = lastOfEachGuid(page);
        if (places.isEmpty()) {
            return 0;
        }
        int n = places.size();
        String[] guids = new String[n];
        String[] urls = new String[n];
        String[] titles = new String[n];
        BigDecimal[] serverModified = new BigDecimal[n];
        Integer[] frecency = new Integer[n];
        String[] sampleMicros = new String[n];
        String[] sampleTypes = new String[n];
        List<String> visitGuids = new ArrayList<>();
        List<Long> visitedAt = new ArrayList<>();
        List<Short> transitions = new ArrayList<>();
        int i = 0;
        for (HistoryPlaceRow p : places) {
            Set<Visit> distinct = Frecency.distinct(p.visits());
            List<Visit> sample = Frecency.sample(distinct);
            // NUL cannot travel in text (the COPY of append replaces it the same way).
            guids[i] = Text.clean(p.guid());
            urls[i] = Text.clean(p.url());
            titles[i] = Text.clean(p.title());
            serverModified[i] = p.serverModified();
            frecency[i] = Frecency.of(sample, Frecency.countedVisits(distinct), false, p.url());
            sampleMicros[i] = sample.stream().map(v -> Long.toString(v.visitedAtMicros()))
                    .collect(Collectors.joining(",", "{", "}"));
            sampleTypes[i] = sample.stream().map(v -> Integer.toString(v.transition()))
                    .collect(Collectors.joining(",", "{", "}"));
            for (Visit v : distinct) {
                visitGuids.add(guids[i]);
                visitedAt.add(v.visitedAtMicros());
                transitions.add((short) v.transition());
            }
            i++;
        }
        // In URL order: pages written at once then lock shared bookmarks in the same order (no deadlock).
        SortedMap<String, Integer> bookmarked = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(BEFORE_MERGE + MERGE)) {
            int k = 1;
            ps.setObject(k++, accountId);
            ps.setArray(k++, connection.createArrayOf("text", guids));
            ps.setArray(k++, connection.createArrayOf("text", urls));
            ps.setArray(k++, connection.createArrayOf("text", titles));
            ps.setArray(k++, connection.createArrayOf("numeric", serverModified));
            ps.setArray(k++, connection.createArrayOf("int4", frecency));
            ps.setArray(k++, connection.createArrayOf("text", sampleMicros));
            ps.setArray(k++, connection.createArrayOf("text", sampleTypes));
            ps.setArray(k++, connection.createArrayOf("text", visitGuids.toArray()));
            ps.setArray(k++, connection.createArrayOf("int8", visitedAt.toArray()));
            ps.setArray(k++, connection.createArrayOf("int2", transitions.toArray()));
            for (int a = 0; a < MERGE_ACCOUNT_PARAMETERS; a++) {
                ps.setObject(k++, accountId);
            }
            ps.execute();
            // The results in order: the settings, the hold, the merge's bookmarked pages.
            ps.getMoreResults();
            try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                    throw goneAccount(accountId);
                }
            }
            ps.getMoreResults();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    bookmarked.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        new BookmarkFrecency(connection).passOnPageScores(accountId, bookmarked);
        return n;
    }

    /**
     * Writes one page of places that are not in the archive: for a download into an account whose archive was empty
     * when it began (a first sync), where no record comes twice. Nothing is merged: places and visits go straight into
     * {@code history_place} and {@code history_visit} by COPY, with counts, dates and frecency taken from the records
     * (a bookmarked page scored as one), the same rows {@link #write} would produce at several times the cost. A place
     * that is there after all (which the caller rules out) fails the page with a unique violation; the retried sync
     * then merges. Holds the account's row until the transaction ends: a page for an account deleted meanwhile fails
     * with SQLState 23503 instead of leaving rows behind, as the foreign keys history no longer has would (migration
     * V10).
     */
    public int append(UUID accountId, Collection<HistoryPlaceRow> page) throws SQLException {
        Collection<HistoryPlaceRow> places = lastOfEachGuid(page);
        if (places.isEmpty()) {
            return 0;
        }
        holdAccount(accountId);
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

    private void holdAccount(UUID accountId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from account where id = ? for key share")) {
            ps.setObject(1, accountId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw goneAccount(accountId);
                }
            }
        }
    }

    private static SQLException goneAccount(UUID accountId) {
        return new SQLException("account " + accountId + " no longer exists", "23503");
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
