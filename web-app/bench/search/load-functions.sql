-- Functions shared by load.sql and load-account.sql (the search benchmarks' data): the vocabulary, skewed picks,
-- site names and frecency as the worker stores it. Session-local (pg_temp): run in the same psql session as the
-- loading script (psql -f load-functions.sql -f load.sql).
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

-- Frecency of a page whose samples all fall on its last visit day (weights: 100 typed, 50 link).
create function pg_temp.frecency(last_visit timestamptz, visits integer, typed boolean) returns integer language sql immutable
    return floor(extract(epoch from last_visit) / 86400)::integer
           + trunc(ln(case when typed then 100 else 50 end * visits) / (ln(2) / 30))::integer;

