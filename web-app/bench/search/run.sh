#!/usr/bin/env bash
# Search benchmark (docs/benchmarks.md, "Search"): GET /api/v1/search p50/p95/p99 for a fixed mix of 1-, 2- and
# 3-word queries, one client and 16 concurrent (wrk), beside the naive bare-SQL query (ILIKE on title and URL, ordered
# by frecency, trigram indexes on (account, title) and (account, URL); pgbench) in the same run, on a database of its own:
# 200 accounts x 50,000 history places, plus the measured account with 100,000 places, 10,000 bookmarks and 90 tabs.
#
#   web-app/bench/search/run.sh       (from the repository root; builds the web app; about an hour on 2 shared cores)
#
# Environment: BENCH_ACCOUNTS (200), BENCH_PLACES (50000), BENCH_BIG_PLACES (100000), BENCH_BIG_BOOKMARKS (10000),
# BENCH_DURATION (60s per measurement), BENCH_PG_PORT (PostgreSQL, default FXHOME_PG_PORT or 5432), BENCH_HTTP_PORT
# (18193), BENCH_KEEP_DB=1 to keep the database fxhome_bench_search afterwards,
# BENCH_LOAD_ONLY=1 to stop after loading (implies BENCH_KEEP_DB=1), BENCH_REUSE_DB=1 to measure on the database a
# previous run kept (loading takes most of the hour and needs no quiet machine; the measurements do).
# PostgreSQL must let the postgres role in from 127.0.0.1 (to create and drop the database); everything else runs as
# fxhome. Results go to web-app/target/bench-search/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
. bin/fxhome-env.sh

ACCOUNTS=${BENCH_ACCOUNTS:-200}
PLACES=${BENCH_PLACES:-50000}
BIG_PLACES=${BENCH_BIG_PLACES:-100000}
BIG_BOOKMARKS=${BENCH_BIG_BOOKMARKS:-10000}
DURATION=${BENCH_DURATION:-60s}
DB=fxhome_bench_search
PORT=${BENCH_HTTP_PORT:-18193}
PG_PORT=${BENCH_PG_PORT:-${FXHOME_PG_PORT:-5432}}
HERE="$ROOT/web-app/bench/search"
WORK="$ROOT/web-app/target/bench-search"
MEASURED=00000000-0000-4000-8000-000000000000
mkdir -p "$WORK"
rm -f "$WORK"/naive-*.log* "$WORK"/naive-*.sql
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U fxhome -d "$DB" -v ON_ERROR_STOP=1 -Atq)
ADMIN=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq)
load() { cut -d' ' -f1-3 /proc/loadavg; }

for tool in wrk pgbench; do
    [ "${BENCH_LOAD_ONLY:-0}" = 1 ] && break
    command -v "$tool" >/dev/null 2>&1 || { fx_log "$tool is needed (Debian: apt-get install wrk postgresql-client)"; exit 1; }
done
fx_select_jdk
fx_log "building the web app"
./mvnw -B -ntp -o -q -pl web-app -am package -DskipTests
rm -rf "$WORK/app" && cp -r web-app/target/quarkus-app "$WORK/app"

reuse=0
if [ "${BENCH_REUSE_DB:-0}" = 1 ] && [ "$("${ADMIN[@]}" -c "select count(*) from pg_database where datname = '$DB'")" = 1 ]; then
    reuse=1
fi
[ "${BENCH_LOAD_ONLY:-0}" = 1 ] && BENCH_KEEP_DB=1
[ "$reuse" = 1 ] || "${ADMIN[@]}" -c "drop database if exists $DB with (force)" -c "create database $DB owner fxhome"
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
    [ "${BENCH_KEEP_DB:-0}" = 1 ] || "${ADMIN[@]}" -c "drop database if exists $DB with (force)" || true
}
trap cleanup EXIT

start_app() {
    QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" \
        FXHOME_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" FXHOME_JOBS_NAMESPACE=fxhome.bench.search \
        java -Xmx512m -jar "$WORK/app/quarkus-run.jar" >"$WORK/web.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done
    fx_log "the web app did not start; see $WORK/web.log"; exit 1
}

if [ "$reuse" = 0 ]; then
# 1. The schema (Flyway, as in production), then the data with set-based SQL, the search indexes built afterwards.
fx_log "migrating $DB"
start_app
kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
app_pid=
"${PSQL[@]}" -c "select indexdef from pg_indexes where tablename in ('history_place', 'bookmark') and indexname not like '%pkey'" >"$WORK/indexes.sql"
"${PSQL[@]}" -c "select 'drop index ' || indexname || ';' from pg_indexes where tablename in ('history_place', 'bookmark') and indexname not like '%pkey'" \
    | "${PSQL[@]}"
t0=$(date +%s)
fx_log "loading $ACCOUNTS x $PLACES places and the measured account (load average $(load))"
"${PSQL[@]}" -v accounts="$ACCOUNTS" -v places="$PLACES" -v big_places="$BIG_PLACES" -v big_bookmarks="$BIG_BOOKMARKS" \
    -v devices="${BENCH_DEVICES:-3}" -v account="$MEASURED" -f "$HERE/load-functions.sql" -f "$HERE/load.sql" -f "$HERE/load-account.sql"
t1=$(date +%s)
fx_log "indexing (load average $(load))"
{ echo "set maintenance_work_mem = '512MB';"; sed 's/$/;/' "$WORK/indexes.sql"
  echo "vacuum analyze history_place; vacuum analyze bookmark; vacuum analyze tab; vacuum analyze device;"; } | "${PSQL[@]}"
t2=$(date +%s)
fi
# The naive query's own indexes, the best simple ones for it: trigrams of the title and of the URL, each beside the
# account (btree_gin), so that every ILIKE reads one account's entries only.
if [ "$("${PSQL[@]}" -c "select count(*) from pg_indexes where indexname = 'bench_naive_title_idx' and indexdef like '%account_id%'")" = 0 ]; then
    fx_log "indexing for the naive query (load average $(load))"
    { echo "set maintenance_work_mem = '512MB';"
      echo "drop index if exists bench_naive_title_idx; drop index if exists bench_naive_url_idx;"
      echo "create index bench_naive_title_idx on history_place using gin (account_id, title gin_trgm_ops);"
      echo "create index bench_naive_url_idx on history_place using gin (account_id, url gin_trgm_ops);"
      echo "analyze history_place;"; } | "${PSQL[@]}"
fi
"${PSQL[@]}" -c "select count(*) from history_place" >"$WORK/rows.txt"
[ "$reuse" = 1 ] && fx_log "$(cat "$WORK/rows.txt") places, kept by an earlier run" \
    || fx_log "$(cat "$WORK/rows.txt") places; loaded in $((t1 - t0)) s, indexed in $((t2 - t1)) s"
if [ "${BENCH_LOAD_ONLY:-0}" = 1 ]; then fx_log "loaded; measure with BENCH_REUSE_DB=1"; exit 0; fi
"${PSQL[@]}" -c "select relname || ' ' || pg_size_pretty(pg_relation_size(oid)) from pg_class where relname like 'history_place%' or relname like 'bench_naive%' order by relname" >"$WORK/sizes.txt"

# 2. The query mix: 60 queries made of words of the measured account's titles, as typed (the last word often cut
#    short): 20 of one word, 20 of two, 20 of three. Fixed by the seed, so every run uses the same mix.
"${PSQL[@]}" -f "$HERE/queries.sql" >"$WORK/queries.txt"
fx_log "$(wc -l <"$WORK/queries.txt") queries, e.g. $(cut -f2 "$WORK/queries.txt" | sed -n '1p;21p;41p' | paste -sd'|')"

# 3. A session for the measured account (only the hash of its secret is stored, as by a sign-in).
head -c 32 /dev/urandom >"$WORK/secret"
SECRET=$(base64 -w0 "$WORK/secret" | tr '+/' '-_' | tr -d '=')
HASH=$(sha256sum "$WORK/secret" | cut -d' ' -f1)
rm -f "$WORK/secret"
"${PSQL[@]}" -c "insert into web_session (account_id, secret_hash, expires_at) values ('$MEASURED', decode('$HASH', 'hex'), now() + interval '1 day')"
export BENCH_COOKIE="fxhome_session=$MEASURED.$SECRET"
export BENCH_QUERIES="$WORK/queries.txt"

start_app
WEB="http://127.0.0.1:$PORT"
curl -fsS -H "Cookie: $BENCH_COOKIE" "$WEB/api/v1/search?q=$(head -1 "$WORK/queries.txt" | cut -f1)" >/dev/null

search_bench() { # name threads connections
    wrk -t"$2" -c"$3" -d10s -s "$HERE/wrk-search.lua" "$WEB" >/dev/null   # warm-up: JIT, pools, caches
    local before; before=$(load)
    wrk -t"$2" -c"$3" -d"$DURATION" -s "$HERE/wrk-search.lua" "$WEB" >"$WORK/$1.txt"
    echo "load $before -> $(load)" >>"$WORK/$1.txt"
}

# The naive bare-SQL query for each mix entry, as pgbench scripts of equal weight.
i=0
while IFS=$'\t' read -r _ words; do
    i=$((i + 1))
    cond=""
    for w in $words; do
        cond="$cond and (title ilike '%$w%' or url ilike '%$w%')"
    done
    printf "select url, title from history_place where account_id = '%s'%s order by frecency desc limit 25;\n" "$MEASURED" "$cond" \
        >"$WORK/naive-$i.sql"
done <"$WORK/queries.txt"
naive_bench() { # name clients
    local files=() f
    for f in "$WORK"/naive-*.sql; do files+=(-f "$f"); done
    pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U fxhome -c "$2" -j "$2" -T 10 "${files[@]}" "$DB" >/dev/null 2>&1     # warm-up
    local before; before=$(load)
    (cd "$WORK" && pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U fxhome -c "$2" -j "$2" -T "${DURATION%s}" -l --log-prefix="naive-$1" "${files[@]}" "$DB" \
        >"$WORK/$1.pgbench.txt" 2>&1)
    cat "$WORK"/naive-"$1".* | awk '{ print $3 }' | sort -n >"$WORK/$1.latencies"
    awk -v name="$1" -v before="$before" -v after="$(load)" '{ v[NR] = $1 } END {
        printf "%s: %d queries, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; load %s -> %s\n", name, NR,
            v[int(NR * 0.50)] / 1000, v[int(NR * 0.95)] / 1000, v[int(NR * 0.99)] / 1000, before, after }' "$WORK/$1.latencies" \
        | tee "$WORK/$1.txt"
    grep -E "^tps" "$WORK/$1.pgbench.txt" | tee -a "$WORK/$1.txt"
}

fx_log "measuring (load average $(load))"
search_bench search-1 1 1
search_bench search-16 2 16
naive_bench naive-1 1
naive_bench naive-16 16
"${PSQL[@]}" -c "select 1" >/dev/null

{
    echo "Search benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(cat "$WORK/rows.txt") places, $DURATION per measurement"
    echo "load average at start of measurements: see each line"
    for n in search-1 search-16; do echo "== $n"; grep -E "^(requests|p50|p95|p99|errors|load)" "$WORK/$n.txt"; done
    for n in naive-1 naive-16; do echo "== $n"; cat "$WORK/$n.txt"; done
} | tee "$WORK/summary.txt"
