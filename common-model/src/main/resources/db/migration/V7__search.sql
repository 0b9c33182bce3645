-- Address-bar search (docs/search.md): Firefox's frecency stored by the worker, the text the search matches, and the
-- indexes that answer a query from one account's rows only. Every index of per-user data still starts with account_id.

-- Trusted extensions (PostgreSQL 13+): the database owner may create them.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
-- btree_gin lets one GIN index hold account_id beside the trigrams, so a text match never leaves the account.
create extension if not exists btree_gin;

-- ---------------------------------------------------------------------------------------------------------------------
-- Matching text. Firefox matches each word case- and accent-insensitively in the first 255 characters of the title and
-- of the URL, the URL unescaped and without its http://, https:// or ftp:// prefix (SQLFunctions.cpp, fixupURISpec).
-- The search stores "<title>\n<url>" folded that way, so that one LIKE per word answers "in the title or the URL" and
-- the newline (never inside a word: words are split on white space) tells the two apart for # and $.
-- These run for every page the worker writes, so they are PL/pgSQL (cached plans; nested SQL functions cost ~10x more)
-- and name what they call by schema, so that they never depend on a caller's search_path.
-- ---------------------------------------------------------------------------------------------------------------------

-- unaccent with its dictionary, bound here (an SQL-standard body is resolved once, at creation).
create function fxhome_unaccent(t text) returns text
    language sql immutable strict parallel safe
    return unaccent('unaccent'::regdictionary, t);

-- Lower case without accents. Plain ASCII needs no dictionary (unaccent's rules map only non-ASCII characters), and
-- the web app folds ASCII words the same way without asking the database.
create function fxhome_fold(t text) returns text
    language plpgsql immutable strict parallel safe as $$
begin
    if octet_length(t) = char_length(t) then
        return lower(t);
    end if;
    return lower(${flyway:defaultSchema}.fxhome_unaccent(t));
end $$;

-- Percent-escapes decoded as Firefox does (NS_UnescapeURL with esc_SkipControl, kept only if the result is valid
-- UTF-8): every escape but those of control characters; on invalid UTF-8, the URL as it was.
create function fxhome_url_unescape(u text) returns text
    language plpgsql immutable strict parallel safe as $$
begin
    if u !~ '%(7[0-9A-Ea-e]|[2-689A-Fa-f][0-9A-Fa-f])' then
        return u;
    end if;
    begin
        return convert_from((select string_agg(case when m[1] is null then convert_to(m[2], 'UTF8')
                                                    else decode(m[1], 'hex') end, ''::bytea order by n)
                               from regexp_matches(u, '%(7[0-9A-Ea-e]|[2-689A-Fa-f][0-9A-Fa-f])|([^%]+|%)', 'g')
                                    with ordinality as r(m, n)), 'UTF8');
    exception when others then
        return u;
    end;
end $$;

-- "<title words>\n<url>", folded; null parts count as empty. Line breaks inside a part become spaces. Each part stays
-- within 255 characters after folding too, so that the text fits in a B-tree entry (at most about 2 KB).
create function fxhome_match_text(title_part text, url text) returns text
    language plpgsql immutable parallel safe as $$
declare
    u text := coalesce(url, '');
begin
    if starts_with(u, 'https://') then
        u := substr(u, 9);
    elsif starts_with(u, 'http://') then
        u := substr(u, 8);
    elsif starts_with(u, 'ftp://') then
        u := substr(u, 7);
    end if;
    u := ${flyway:defaultSchema}.fxhome_url_unescape(left(u, 1020));
    return left(${flyway:defaultSchema}.fxhome_fold(translate(left(coalesce(title_part, ''), 255), E'\n\r', '  ')), 255)
        || E'\n' || left(${flyway:defaultSchema}.fxhome_fold(translate(left(u, 255), E'\n\r', '  ')), 255);
end $$;

-- The host of a URL, lower case, without "www." and without user info or port: what origin autofill completes.
create function fxhome_url_host(u text) returns text
    language sql immutable parallel safe
    return nullif(regexp_replace(lower(substring(u from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)')),
                                 '^www\.', ''), '');

-- ---------------------------------------------------------------------------------------------------------------------
-- Frecency, as Firefox computes it since version 147 (toolkit/components/places/SQLFunctions.cpp, calculate_frecency;
-- browser/components/urlbar/docs/ranking.rst). The score of a page is the mean of its sampled visits' weights, each
-- decayed with a 30-day half-life towards the newest sample, times its visit count; what is stored is the day (since
-- the epoch) on which that score, still decaying, would fall to 1. A later day ranks higher and nothing ever needs a
-- nightly decay. Weights: 100 for bookmarked or typed pages and visits from a bookmark, 50 for other visits (links,
-- redirect targets), 20 for embedded ones. Sync carries no interaction data, redirect sources or visit sources, so the
-- 200 "interesting" bucket is never used, no visit counts as a redirect source, and "visited from a bookmark" is
-- approximated by "the page is bookmarked now" (docs/search.md lists every approximation).
--   sampled_micros/types: the page's 10 latest visits of types 1-6 (Firefox leaves out downloads, framed links and
--     reloads), any order; counted_visits: its visits of types 1, 2, 3, 5, 6 (Firefox's visit_count);
--   bookmarked / bookmark_added: for a page without such visits, its latest bookmark's date is the only sample.
-- ---------------------------------------------------------------------------------------------------------------------
create function fxhome_page_frecency(sampled_micros bigint[], sampled_types smallint[], counted_visits integer,
                                     bookmarked boolean, bookmark_added timestamptz, url text) returns integer
    language sql immutable parallel safe
    return case when starts_with(url, 'place:') then 0 else coalesce((
        with samples (days, weight) as (
                 select v.micros / 86400000000,
                        case when bookmarked or v.type in (2, 3) then 100 when v.type = 4 then 20 else 50 end
                   from unnest(sampled_micros, sampled_types) as v (micros, type)
                  where v.type between 1 and 6
                 union all
                 select floor(extract(epoch from bookmark_added) / 86400)::bigint, 100
                  where bookmarked and bookmark_added is not null and coalesce(cardinality(sampled_micros), 0) = 0),
             reference (days, samples) as (select max(days), count(*) from samples)
        select r.days + trunc(ln(sum(s.weight * exp(-(ln(2) / 30) * (r.days - s.days))) / r.samples
                                 * greatest(counted_visits, r.samples)) / (ln(2) / 30))::integer
          from samples s cross join reference r
         group by r.days, r.samples), 0) end;

-- The same for a page already stored, from its archived visits.
create function fxhome_stored_page_frecency(account uuid, place text, counted_visits integer, bookmarked boolean,
                                            url text) returns integer
    language sql stable parallel safe
    return (select fxhome_page_frecency(array_agg(s.visited_at), array_agg(s.transition), counted_visits, bookmarked,
                                        null, url)
              from (select v.visited_at, v.transition from history_visit v
                     where v.account_id = account and v.place_guid = place and v.transition between 1 and 6
                     order by v.visited_at desc limit 10) s);

-- ---------------------------------------------------------------------------------------------------------------------
-- History places.
--   frecency: see above, kept by the worker as visits arrive (0: none, like a page only ever downloaded);
--   frecency_visits: Firefox's visit_count (visit_count here counts every archived visit, as the history list shows);
--   bookmarked: a bookmark has this URL (drives the bookmark weight; kept by the worker after bookmark downloads);
--   last_typed_at: the latest typed visit seen (origin autofill needs a recent one, as Firefox does).
-- ---------------------------------------------------------------------------------------------------------------------
alter table history_place
    add column frecency        integer     not null default 0,
    add column frecency_visits integer     not null default 0,
    add column bookmarked      boolean     not null default false,
    add column last_typed_at   timestamptz,
    add column match_text      text        generated always as (fxhome_match_text(title, url)) stored;

-- The most frecent pages first, with what a match needs: a search reads them in this order from the index alone
-- (an index-only scan) and stops once it has enough.
create index history_place_frecency_idx on history_place (account_id, frecency desc, last_visit_at desc)
    include (guid, match_text);
-- Words anywhere, for searches the most frecent pages do not answer; account_id is part of every lookup.
create index history_place_match_idx on history_place using gin (account_id, match_text gin_trgm_ops);
-- A URL's place(s): bookmarks, tabs and adaptive history find their page by it (URLs can be too long for a B-tree).
create index history_place_url_idx on history_place (account_id, hashtextextended(url, 0));
-- Origin autofill considers hosts with a typed visit (a small part of history).
create index history_place_typed_host_idx on history_place (account_id, fxhome_url_host(url) text_pattern_ops)
    where last_typed_at is not null;
-- Pages marked bookmarked, to unmark them when their bookmark goes.
create index history_place_bookmarked_idx on history_place (account_id) where bookmarked;
-- Index-only scans need the visibility map: vacuum after 1 % of new or changed rows rather than 20 %.
alter table history_place set (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02);

-- ---------------------------------------------------------------------------------------------------------------------
-- Bookmarks: the page's frecency (Firefox ranks a bookmark by its page; an unvisited one by its date added), and the
-- match text, whose title part holds the title, the tags and the keyword.
-- ---------------------------------------------------------------------------------------------------------------------
-- Keyword and tags first: with a long title they are what the 255 characters must keep.
create function fxhome_bookmark_title_part(title text, tags text[], keyword text) returns text
    language sql immutable parallel safe
    return concat_ws(' ', keyword, nullif(array_to_string(tags, ' '), ''), title);

alter table bookmark
    add column frecency   integer not null default 0,
    add column match_text text    generated always as (
        case when kind = 'bookmark' and url is not null
             then fxhome_match_text(fxhome_bookmark_title_part(title, tags, keyword), url) end) stored;

create index bookmark_frecency_idx on bookmark (account_id, frecency desc, date_added desc) include (guid, match_text)
    where kind = 'bookmark' and url is not null;
create index bookmark_match_idx on bookmark using gin (account_id, match_text gin_trgm_ops)
    where kind = 'bookmark' and url is not null;
create index bookmark_url_idx on bookmark (account_id, hashtextextended(url, 0)) where url is not null;
create index bookmark_keyword_idx on bookmark (account_id, lower(keyword)) where keyword is not null;
create index bookmark_host_idx on bookmark (account_id, fxhome_url_host(url) text_pattern_ops)
    where kind = 'bookmark' and url is not null;

-- Open tabs (a few dozen per account, read through their primary key): only the match text.
alter table tab add column match_text text generated always as (fxhome_match_text(title, url)) stored;

-- ---------------------------------------------------------------------------------------------------------------------
-- Adaptive history (Firefox's moz_inputhistory): what the user typed and the result picked. use_count rises as
-- use_count * 0.9 + 1 on every pick and decays by 0.975 a day (Firefox's daily decay), applied when read, from used_at;
-- a pair below 0.1 (about 90 days unused) no longer counts and is removed on the account's next pick.
-- ---------------------------------------------------------------------------------------------------------------------
create table search_input_history (
    account_id uuid             not null references account (id) on delete cascade,
    input      text collate "C" not null,
    url_hash   bigint           not null,
    url        text             not null,
    use_count  double precision not null,
    used_at    timestamptz      not null,
    primary key (account_id, input, url_hash)
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Rows written before this version get their values once.
-- ---------------------------------------------------------------------------------------------------------------------
update history_place p
   set frecency_visits = v.counted, last_typed_at = v.typed,
       bookmarked = exists (select 1 from bookmark b
                             where b.account_id = p.account_id and hashtextextended(b.url, 0) = hashtextextended(p.url, 0)
                               and b.url = p.url and b.kind = 'bookmark')
  from (select account_id, place_guid, count(*) filter (where transition in (1, 2, 3, 5, 6)) as counted,
               to_timestamp(max(visited_at) filter (where transition = 2) / 1000000.0) as typed
          from history_visit group by account_id, place_guid) v
 where v.account_id = p.account_id and v.place_guid = p.guid;
update history_place
   set frecency = fxhome_stored_page_frecency(account_id, guid, frecency_visits, bookmarked, url);
update bookmark b
   set frecency = coalesce((select max(p.frecency) from history_place p
                             where p.account_id = b.account_id and hashtextextended(p.url, 0) = hashtextextended(b.url, 0)
                               and p.url = b.url and p.frecency <> 0),
                           fxhome_page_frecency('{}', '{}', 0, true, b.date_added, b.url))
 where b.kind = 'bookmark' and b.url is not null;
