-- fxhome_url_host, the same values faster. V14's bounded host, [^/?#:]{1,253}, costs PostgreSQL's regular expression
-- engine about thirty times what the unbounded run does (26,231 history URLs of the fleet benchmark: 9.7 s against
-- 0.32 s, docs/benchmarks.md "A fleet under load"), and the function runs for every history place written (two
-- indexes), for every bookmark with a URL, on every host lookup, and on ANALYZE's sample of up to 30,000 rows (10 s of
-- a first sync's ANALYZE of history_place went to it). The host is now taken unbounded and its length checked; only a
-- host over 253 characters (no DNS name) takes V14's expression. Every string V14's pattern matches, this one matches
-- too, and where the host it finds has at most 253 characters V14's finds the same (the bound removes no shorter
-- alternative): the function returns V14's value for every input, so the indexes built with it stay valid and nothing
-- is rebuilt (UrlHostFunctionTest compares the two).
create or replace function fxhome_url_host(u text) returns text
    language sql immutable parallel safe
    return case
        when substring(u from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)(?:[/?#:]|$)') is null then null
        when length(substring(u from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)(?:[/?#:]|$)')) <= 253
            then nullif(regexp_replace(lower(substring(u from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)(?:[/?#:]|$)')),
                                       '^www\.', ''), '')
        else nullif(regexp_replace(lower(substring(u from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]{1,253})(?:[/?#:]|$)')),
                                   '^www\.', ''), '')
    end;
