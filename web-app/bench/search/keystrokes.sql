-- The keystroke benchmark's queries (keystrokes.sh), from the page titles of the account :account (:big_places places,
-- loaded by load-account.sql), as a person types them in the address bar, in lower case:
--   words: 60 queries of 1, 2 or 3 words of a title (20 each), the last word cut to a prefix of 1 letter up to all of it;
--   keys:  every keystroke of typing the first two words of 30 titles ("w", "wi", ... "wiki", "wiki t", ...; the state
--          right after the space is the previous query again, and is left out).
-- Output: "<set>\t<words in the query>\t<query, URL-encoded>\t<query>" per line, in a fixed order (typing order for keys).
create function pg_temp.urlencode(s text) returns text language sql immutable
    return (select string_agg(case when ch ~ '^[A-Za-z0-9._~-]$' then ch when ch = ' ' then '+'
                                   else upper(regexp_replace(encode(convert_to(ch, 'UTF8'), 'hex'), '(..)', '%\1', 'g')) end, '' order by n)
              from regexp_split_to_table(s, '') with ordinality as c (ch, n));
create function pg_temp.title_words(acct uuid, k integer, n integer) returns text[] language sql stable
    return (select array(select w from regexp_split_to_table(lower(p.title), '[^[:alpha:]]+') as w where w <> '')
              from history_place p where p.account_id = acct and p.guid = 'g' || lpad(to_hex(1 + k % n), 11, '0'));

with picked as (
    select i, words, 1 + (i - 1) % 3 as n, 1 + (i * 3) % greatest(cardinality(words) - (i - 1) % 3, 1) as first
      from generate_series(1, 60) i, pg_temp.title_words(:'account', i * 7919, :big_places) as words),
queries as (
    select i, array(select case when k = n - 1 then left(words[first + k], 1 + (i * 5) % length(words[first + k]))
                                else words[first + k] end
                      from generate_series(0, n - 1) k where words[first + k] is not null) as q
      from picked)
select 'words' || E'\t' || cardinality(q) || E'\t' || pg_temp.urlencode(array_to_string(q, ' ')) || E'\t' || array_to_string(q, ' ')
  from queries order by i;

with titles as (
    select i, words[1] as w1, words[2] as w2
      from generate_series(1, 30) i, pg_temp.title_words(:'account', i * 104729, :big_places) as words
     where cardinality(words) >= 2),
typed as (
    select i, k, left(w1, k) as q, 1 as n from titles, generate_series(1, length(w1)) k
    union all
    select i, 100 + k, w1 || ' ' || left(w2, k), 2 from titles, generate_series(1, length(w2)) k)
select 'keys' || E'\t' || n || E'\t' || pg_temp.urlencode(q) || E'\t' || q from typed order by i, k;
