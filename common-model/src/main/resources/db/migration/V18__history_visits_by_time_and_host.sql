-- The whole history in the web app (docs/web-app.md, "History"): visits by time and pages by site, each answered from
-- one account's rows.

-- Visits newest (or oldest) first across all pages: the day view, the calendar, the range lists, the date-range search
-- and the export. The whole visit is the key, so that a cursor (time, page, transition) is an index condition and a
-- page of visits is read from the index alone.
create index history_visit_time_idx on history_visit (account_id, visited_at, place_guid, transition);

-- Pages by site: the list of sites (hosts with their visit counts and last visit, read from the index alone) and a
-- site's pages newest first. fxhome_url_host is bounded to 253 characters (V14), so every entry fits a B-tree page.
create index history_place_host_idx on history_place (account_id, fxhome_url_host(url), last_visit_at desc, guid)
    include (visit_count);
