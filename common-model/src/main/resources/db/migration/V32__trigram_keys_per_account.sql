-- Words anywhere, looked up per account (issue 17; docs/search.md, "How PostgreSQL answers"). The GIN indexes of V7
-- held account_id beside the trigrams as keys of their own, so a trigram's posting list spanned every account of the
-- database: a lookup read the posting lists of its trigrams for all accounts and intersected them with the account's,
-- 4-10 ms of a keystroke on 10 million places, mostly pages outside shared buffers. Here each key is the account's
-- and the trigram's together, so a lookup reads only the account's own posting lists (measured in docs/benchmarks.md,
-- "Trigram keys per account": 3.5-7 ms against 0.7-3 ms for the same bounded looks).
--
-- The account's part of a key is the last 8 hex digits of its id (random in a v4 UUID): accounts that share them share
-- posting lists, which costs a lookup only rows of the other account, dropped by the account_id condition every
-- search keeps. The key "<account>*" is in every row: the lookup of words without a trigram pg_trgm would use, which
-- would otherwise read the whole index.

create function fxhome_trigram_account(account uuid) returns text
    language sql immutable parallel safe
    return right(account::text, 8);

-- The row's keys: pg_trgm's trigrams of the match text (show_trgm, as gin_trgm_ops takes them), each behind the
-- account's part, and the account's own key. String functions rather than a query over unnest: a third of the cost.
create function fxhome_trigram_keys(account uuid, match_text text) returns text[]
    language sql immutable parallel safe
    return string_to_array(
        fxhome_trigram_account(account) || '*' || E'\x01' || fxhome_trigram_account(account)
            || replace(array_to_string(show_trgm(match_text), E'\x01'), E'\x01', E'\x01' || fxhome_trigram_account(account)),
        E'\x01');

-- A query's keys: the trigrams every text holding each word somewhere holds, which are the word's trigrams that do not
-- depend on its ends (pg_trgm pads a word's ends with blanks; inside a longer word they are letters): those the word
-- shares with itself between two letters, tried with two letters so that a padded trigram pg_trgm stores as a hash
-- of non-ASCII characters never stays by a collision. A word separated from the rest by a non-letter keeps its padded
-- trigrams, as it starts or ends a word in every text that holds it. No trigram at all: the account's own key.
create function fxhome_trigram_query(account uuid, words text[]) returns text[]
    language sql immutable parallel safe
    return coalesce(
        (select array_agg(distinct fxhome_trigram_account(account) || t)
           from unnest(words) w, unnest(show_trgm(w)) t
          where t = any (show_trgm('x' || w || 'x')) and t = any (show_trgm('q' || w || 'q'))),
        array[fxhome_trigram_account(account) || '*']);

drop index history_place_match_idx;
create index history_place_match_idx on history_place
    using gin ((fxhome_trigram_keys(account_id, match_text)) collate "C");

drop index bookmark_match_idx;
create index bookmark_match_idx on bookmark
    using gin ((fxhome_trigram_keys(account_id, match_text)) collate "C")
    where kind = 'bookmark' and url is not null;
