-- The measured account (:account) of the search benchmarks: :big_places history places, :big_bookmarks bookmarks
-- (tags, keywords) and :devices devices with 30 open tabs each. run.sh loads it after load.sql, before the indexes;
-- keystrokes.sh loads it into the indexed table that already holds the other accounts, with no ANALYZE or VACUUM
-- afterwards, as the account's first sync leaves it. Needs the pg_temp functions of load-functions.sql
-- (psql -f load-functions.sql -f load-account.sql).
\set ON_ERROR_STOP on
set synchronous_commit = off;
-- The joins below on the URL: hashed, whatever the statistics say (there may be none yet for these rows).
set enable_nestloop = off;
select setseed(0.43);

insert into account (id, fxa_uid, email, last_sync_at)
values (:'account', 'benchuid-' || :'account', 'bench-' || :'account' || '@example.test', now())
on conflict (id) do nothing;

-- The pages first, aside: the worker writes bookmarks before history, and each page arrives with its bookmarked mark
-- (HistoryWriter), so a first sync leaves history_place with inserted rows only, never updated ones.
create temp table account_place as
select i as k,
       'https://' || case when i % 3 = 0 then 'www.' else '' end
       || pg_temp.site(1 + (7717 + pg_temp.skew(3000, 2.5)) % 20000) || '/' || pg_temp.pick_word()
       || case when i % 2 = 0 then '/' || pg_temp.pick_word() else '' end
       || case when i % 5 = 0 then '?id=' || i else '' end as url,
       initcap(pg_temp.pick_word()) || ' ' || pg_temp.pick_word() || ' ' || pg_temp.pick_word()
       || case when i % 2 = 0 then ' ' || pg_temp.pick_word() || ' ' || pg_temp.pick_word() else '' end
       || case when i % 7 = 0 then ' - ' || initcap(pg_temp.pick_word()) else '' end as title,
       1 + floor(-ln(1 - random()) * 3)::integer as visits,
       now() - make_interval(secs => 730 * 86400 * power(random(), 2.0)) as last_visit,
       random() < 0.1 as typed
  from generate_series(1, :big_places) i;
create index on account_place (k);
analyze account_place;

-- The measured account's bookmarks: 70 % of them pages it visited, the rest unvisited; some tagged, a few with keywords.
insert into bookmark (account_id, guid, parent_guid, kind, title, children)
values (:'account', 'menu________', 'places', 'folder', 'menu', '{}'),
       (:'account', 'toolbar_____', 'places', 'folder', 'toolbar', '{}'),
       (:'account', 'unfiled_____', 'places', 'folder', 'unfiled', '{}');
insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, tags, keyword, date_added)
select :'account', 'b' || lpad(to_hex(i), 11, '0'),
       (array['menu________', 'toolbar_____', 'unfiled_____'])[1 + i % 3], i / 3, 'bookmark',
       coalesce(p.title, initcap(pg_temp.pick_word()) || ' ' || pg_temp.pick_word()),
       coalesce(p.url, 'https://' || pg_temp.site(1 + (i * 31) % 20000) || '/saved/' || pg_temp.pick_word() || '/' || i),
       case when i % 5 = 0 then array[pg_temp.pick_word(), pg_temp.pick_word()] else '{}' end,
       case when i % 50 = 0 then 'kw' || i end,
       now() - make_interval(secs => 1500 * 86400 * random())
  from generate_series(1, :big_bookmarks) i
  left join account_place p on p.k = 1 + (i * 9973) % :big_places and i % 10 < 7;

insert into history_place (account_id, guid, url, title, match_text, visit_count, frecency_visits, last_visit_at, last_typed_at,
                           frecency, server_modified, bookmarked)
select :'account', 'g' || lpad(to_hex(k), 11, '0'), url, title, fxhome_match_text(title, url),
       visits, visits, last_visit, case when typed then last_visit end, pg_temp.frecency(last_visit, visits, typed), 1700000000,
       exists (select 1 from bookmark b where b.account_id = :'account' and b.url = p.url and b.kind = 'bookmark')
  from account_place p
 order by k;
-- Scores as the worker leaves them: bookmarks take their pages' (updated rows, as the worker's passOnPageScores).
update bookmark b
   -- (fxhome_page_frecency of one weight-100 sample on the day added: that day + 199)
   set frecency = coalesce(x.frecency, floor(extract(epoch from b.date_added) / 86400)::integer + 199)
  from (select c.guid, max(p.frecency) as frecency
          from bookmark c left join history_place p on p.account_id = c.account_id and p.url = c.url
         where c.account_id = :'account' and c.kind = 'bookmark'
         group by c.guid) x
 where b.account_id = :'account' and b.guid = x.guid;

-- :devices devices with 30 open tabs each, most of them pages from history.
insert into device (account_id, client_id, name, device_type, os)
select :'account', 'dev' || d, (array['Laptop', 'Phone', 'Desktop', 'Tablet', 'Work'])[1 + (d - 1) % 5] || case when d > 5 then ' ' || d else '' end, 'desktop', 'Linux'
  from generate_series(1, :devices) d;
insert into tab (account_id, client_id, position, title, url, last_used)
select :'account', 'dev' || d, t, p.title, p.url, now() - make_interval(secs => 86400 * 30 * random())
  from generate_series(1, :devices) d cross join generate_series(0, 29) t
  join history_place p on p.account_id = :'account'
                      and p.guid = 'g' || lpad(to_hex(1 + (d * 1000 + t * 37) % :big_places), 11, '0');
