-- Builds the search benchmark's data with set-based SQL (not the sync path): :accounts accounts of :places history
-- places each, then the measured account with :big_places places, :big_bookmarks bookmarks and three devices' tabs.
-- Run by run.sh on a freshly migrated database. Titles and URLs are drawn from one shared vocabulary with a skewed
-- (Zipf-like) distribution, so common words match thousands of an account's pages and rare ones a handful, and every
-- account's trigrams share the GIN index's posting lists, as real accounts would.
\set ON_ERROR_STOP on
set maintenance_work_mem = '512MB';
set synchronous_commit = off;
select setseed(0.42);

-- The vocabulary: 130 common web words (a few accented), then invented words for the long tail; word(k) for k in
-- 1..5000, as an expression (no table lookup per row).
create function pg_temp.word(k integer) returns text language sql immutable
    return case when k <= 130 then (string_to_array(
        'home news login search video music recipe github google docs wiki mail maps shop store cart blog forum '
     || 'weather sport football travel hotel flight booking bank account settings profile photo gallery watch '
     || 'download release linux windows android apple iphone python java rust javascript tutorial guide manual '
     || 'review price deal sale online free best how what guides learn course school university library book '
     || 'movie series episode season trailer stream live chat community support help issue pull request code '
     || 'project team calendar meeting report invoice order delivery tracking job career salary city local '
     || 'restaurant menu pizza coffee health doctor garden house rent apartment car bike train ticket event '
     || 'concert game games player score table chart data analysis science space history art design photos '
     || 'café crème résumé naïve über señor façade piñata jalapeño', ' '))[k]
    else (array['ka','lo','mi','ne','ro','ta','vi','zu','be','do','fa','gu','ha','ji','ku','ma','no','pe','qu','sa'])[1 + k % 20]
      || (array['ran','lex','mor','tin','vak','bel','dor','fen','gal','hin','jor','kel','lum','nar','pol','rix','sel','tor','ush','vel'])[1 + (k / 20) % 20]
      || (array['','a','o','er','is','um','ex','on','ia','ly','ine','ot'])[1 + (k / 400) % 12] end;

-- A skewed pick in 1..m: most picks are small numbers (a Zipf-like word and site popularity).
create function pg_temp.skew(m integer, p double precision) returns integer language sql volatile
    return 1 + floor(m * power(random(), p))::integer;

create function pg_temp.pick_word() returns text language sql volatile
    return pg_temp.word(pg_temp.skew(5000, 2.2));

-- 20,000 sites, named from the vocabulary.
create function pg_temp.site(k integer) returns text language sql immutable
    return pg_temp.word(1 + (k * 7919) % 5000)
        || case when k % 4 = 0 then '-' || pg_temp.word(1 + (k * 104729) % 5000) else '' end
        || '.' || (array['com', 'org', 'net', 'io', 'de', 'fr', 'co.uk', 'dev'])[1 + k % 8];

-- Accounts: the measured one is account 0.
insert into account (id, fxa_uid, email, last_sync_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'benchuid' || i, 'bench' || i || '@example.test', now()
  from generate_series(0, :accounts) i;

-- The other accounts share a pool of 200,000 generated pages (people visit the same sites); account a holds 50,000
-- of them from offset a * 7919, with its own visit counts and dates. The pool's match text is computed once by
-- fxhome_match_text, the function behind the generated column, and copied: the column is made a plain one in this
-- database only (DROP EXPRESSION), which keeps building 10 million rows to minutes. The measured account's pages are
-- its own, generated and stored through the generated column as the worker would store them.
create temp table pool as
select i,
       'https://' || case when i % 3 = 0 then 'www.' else '' end
       || pg_temp.site(1 + pg_temp.skew(20000, 2.5) - 1) || '/' || pg_temp.pick_word()
       || case when i % 2 = 0 then '/' || pg_temp.pick_word() else '' end
       || case when i % 5 = 0 then '?id=' || i else '' end as url,
       initcap(pg_temp.pick_word()) || ' ' || pg_temp.pick_word() || ' ' || pg_temp.pick_word()
       || case when i % 2 = 0 then ' ' || pg_temp.pick_word() || ' ' || pg_temp.pick_word() else '' end
       || case when i % 7 = 0 then ' - ' || initcap(pg_temp.pick_word()) else '' end as title
  from generate_series(0, 199999) i;
alter table pool add column match_text text;
update pool set match_text = fxhome_match_text(title, url);
create index on pool (i);
analyze pool;
alter table history_place alter column match_text drop expression;

-- Frecency of a page whose samples all fall on its last visit day (weights: 100 typed, 50 link).
create function pg_temp.frecency(last_visit timestamptz, visits integer, typed boolean) returns integer language sql immutable
    return floor(extract(epoch from last_visit) / 86400)::integer
           + trunc(ln(case when typed then 100 else 50 end * visits) / (ln(2) / 30))::integer;

create function pg_temp.fill(acct integer, n integer) returns void language plpgsql as $$
declare
    id uuid := ('00000000-0000-4000-8000-' || lpad(to_hex(acct), 12, '0'))::uuid;
begin
    insert into history_place (account_id, guid, url, title, match_text, visit_count, frecency_visits, last_visit_at,
                               last_typed_at, frecency, server_modified)
    select id, 'g' || lpad(to_hex(k), 11, '0'), p.url, p.title, p.match_text, v.visits, v.visits, v.last_visit,
           case when v.typed then v.last_visit end, pg_temp.frecency(v.last_visit, v.visits, v.typed), 1700000000
      from generate_series(0, n - 1) k
      join pool p on p.i = (acct * 7919 + k) % 200000
     cross join lateral (select 1 + floor(-ln(1 - random()) * 3)::integer as visits,
                                now() - make_interval(secs => 730 * 86400 * power(random(), 2.0)) as last_visit,
                                random() < 0.1 as typed, k as dummy) v;
end $$;

\echo loading :accounts accounts x :places places
select pg_temp.fill(a, :places) from generate_series(1, :accounts) a;

\echo loading the measured account

insert into history_place (account_id, guid, url, title, match_text, visit_count, frecency_visits, last_visit_at, last_typed_at,
                           frecency, server_modified)
select '00000000-0000-4000-8000-000000000000', 'g' || lpad(to_hex(i), 11, '0'), url, title, fxhome_match_text(title, url),
       visits, visits, last_visit, case when typed then last_visit end, pg_temp.frecency(last_visit, visits, typed), 1700000000
  from (select i,
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
          from generate_series(1, :big_places) i) p;

-- The measured account's bookmarks: 70 % of them pages it visited, the rest unvisited; some tagged, a few with keywords.
insert into bookmark (account_id, guid, parent_guid, kind, title, children)
values ('00000000-0000-4000-8000-000000000000', 'menu________', 'places', 'folder', 'menu', '{}'),
       ('00000000-0000-4000-8000-000000000000', 'toolbar_____', 'places', 'folder', 'toolbar', '{}'),
       ('00000000-0000-4000-8000-000000000000', 'unfiled_____', 'places', 'folder', 'unfiled', '{}');
insert into bookmark (account_id, guid, parent_guid, position, kind, title, url, tags, keyword, date_added)
select '00000000-0000-4000-8000-000000000000', 'b' || lpad(to_hex(i), 11, '0'),
       (array['menu________', 'toolbar_____', 'unfiled_____'])[1 + i % 3], i / 3, 'bookmark',
       coalesce(p.title, initcap(pg_temp.pick_word()) || ' ' || pg_temp.pick_word()),
       coalesce(p.url, 'https://' || pg_temp.site(1 + (i * 31) % 20000) || '/saved/' || pg_temp.pick_word() || '/' || i),
       case when i % 5 = 0 then array[pg_temp.pick_word(), pg_temp.pick_word()] else '{}' end,
       case when i % 50 = 0 then 'kw' || i end,
       now() - make_interval(secs => 1500 * 86400 * random())
  from generate_series(1, :big_bookmarks) i
  left join history_place p on p.account_id = '00000000-0000-4000-8000-000000000000'
                            and p.guid = 'g' || lpad(to_hex(1 + (i * 9973) % :big_places), 11, '0') and i % 10 < 7;
-- Marks and scores as the worker leaves them (joins on the URL: the URL indexes are built later; with statistics the
-- planner hashes them).
analyze history_place;
analyze bookmark;
update history_place p set bookmarked = true
  from bookmark b
 where p.account_id = '00000000-0000-4000-8000-000000000000' and b.account_id = p.account_id and b.url = p.url
   and b.kind = 'bookmark';
update bookmark b
   set frecency = coalesce(x.frecency, fxhome_page_frecency('{}', '{}', 0, true, b.date_added, b.url))
  from (select c.guid, max(p.frecency) as frecency
          from bookmark c left join history_place p on p.account_id = c.account_id and p.url = c.url
         where c.account_id = '00000000-0000-4000-8000-000000000000' and c.kind = 'bookmark'
         group by c.guid) x
 where b.account_id = '00000000-0000-4000-8000-000000000000' and b.guid = x.guid;

-- Three devices with 30 open tabs each, most of them pages from history.
insert into device (account_id, client_id, name, device_type, os)
select '00000000-0000-4000-8000-000000000000', 'dev' || d, (array['Laptop', 'Phone', 'Desktop'])[d], 'desktop', 'Linux'
  from generate_series(1, 3) d;
insert into tab (account_id, client_id, position, title, url, last_used)
select '00000000-0000-4000-8000-000000000000', 'dev' || d, t, p.title, p.url, now() - make_interval(secs => 86400 * 30 * random())
  from generate_series(1, 3) d cross join generate_series(0, 29) t
  join history_place p on p.account_id = '00000000-0000-4000-8000-000000000000'
                      and p.guid = 'g' || lpad(to_hex(1 + (d * 1000 + t * 37) % :big_places), 11, '0');
