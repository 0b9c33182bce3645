-- The benchmark's query mix: 60 queries from words of the measured account's page titles, as typed in the address
-- bar: 20 of one word, 20 of two, 20 of three; every other one ends in a prefix (3 to 5 letters of the last word).
-- Output: "<query, URL-encoded>\t<query>" per line, in a fixed order.
create function pg_temp.urlencode(s text) returns text language sql immutable
    return (select string_agg(case when ch ~ '^[A-Za-z0-9._~-]$' then ch when ch = ' ' then '+'
                                   else upper(regexp_replace(encode(convert_to(ch, 'UTF8'), 'hex'), '(..)', '%\1', 'g')) end, '' order by n)
              from regexp_split_to_table(s, '') with ordinality as c (ch, n));

with titles as (
    select i, array(select w from regexp_split_to_table(lower(p.title), '[^[:alpha:]]+') as w where w <> '') as words
      from generate_series(1, 60) i
      join history_place p on p.account_id = '00000000-0000-4000-8000-000000000000'
                          and p.guid = 'g' || lpad(to_hex(1 + (i * 7919) % (select count(*) from history_place
                                                                               where account_id = '00000000-0000-4000-8000-000000000000')), 11, '0')),
picked as (
    select i, words, ((i - 1) / 20) + 1 as n, 1 + (i * 3) % greatest(cardinality(words) - ((i - 1) / 20), 1) as first
      from titles),
queries as (
    select i, array(select case when k = n - 1 and i % 2 = 0 and length(words[first + k]) > 3 + i % 3
                                then left(words[first + k], 3 + i % 3) else words[first + k] end
                      from generate_series(0, n - 1) k where words[first + k] is not null) as q
      from picked)
select pg_temp.urlencode(array_to_string(q, ' ')) || E'\t' || array_to_string(q, ' ') from queries order by i;
