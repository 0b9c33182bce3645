-- Builds the search benchmark's data with set-based SQL (not the sync path): :accounts accounts of :places history
-- places each (the measured account itself: load-account.sql). Run by run.sh on a freshly migrated database, after
-- load-functions.sql in the same session. Titles and URLs are drawn from one shared vocabulary with a skewed
-- (Zipf-like) distribution, so common words match thousands of an account's pages and rare ones a handful, and every
-- account's trigrams share the GIN index's posting lists, as real accounts would.
\set ON_ERROR_STOP on
set maintenance_work_mem = '512MB';
set synchronous_commit = off;
select setseed(0.42);

-- Accounts: the measured one is account 0.
insert into account (id, fxa_uid, email, last_sync_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'benchuid' || i, 'bench' || i || '@example.test', now()
  from generate_series(0, :accounts) i;

-- The other accounts share a pool of 200,000 generated pages (people visit the same sites); account a holds 50,000
-- of them from offset a * 7919, with its own visit counts and dates. The pool's match text is computed once by
-- fxhome_match_text, the function behind the generated column, and copied: the column is made a plain one in this
-- database only (DROP EXPRESSION), which keeps building 10 million rows to minutes. The measured account's pages are
-- its own (load-account.sql), their match text computed by the same function.
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
