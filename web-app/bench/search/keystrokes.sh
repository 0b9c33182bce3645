#!/usr/bin/env bash
# Keystroke benchmark (docs/benchmarks.md, "Search as a person types"): GET /api/v1/search as one signed-in client
# types, p50/p95/p99 per prefix length, (a) straight after the account's first sync (no VACUUM or ANALYZE) and (b)
# after maintenance (VACUUM ANALYZE), beside the same queries as bare SQL (the naive query of run.sh, through psql).
#
#   web-app/bench/search/keystrokes.sh      (from the repository root; builds the web app)
#
# It needs the database run.sh keeps (fxhome_bench_search, 10,100,000 places); without it, it loads it first with
# BENCH_LOAD_ONLY=1 BENCH_DEVICES=5 run.sh (most of an hour on two shared cores). Each run starts and warms up the web
# app, then adds a new measured account as its first sync leaves it: 100,000 places, 10,000 bookmarks, 5 devices with
# 30 tabs each, inserted into the indexed tables (load-account.sql), with no ANALYZE or VACUUM before (a). The account
# stays in the database afterwards, as one more of the others. Queries: keystrokes.sql. Beside the latencies: the floor
# (an empty query, which does no database work: the HTTP path alone) and the CPU time per query of the web app and of
# its PostgreSQL backends.
#
# Environment: BENCH_PG_PORT (PostgreSQL, default FXHOME_PG_PORT or 5432), BENCH_HTTP_PORT (18194), BENCH_ROUNDS (5:
# times each query set is sent), BENCH_SQL_ROUNDS (2), BENCH_WARM (20: seconds of warm-up on run.sh's measured account,
# before the first sync), BENCH_SKIP_BUILD=1 to use the web app built last time, BENCH_APP_DIR to use another build (a
# quarkus-app directory, e.g. a copy of the one before a change), BENCH_APP_OPTS (JVM options of the web app),
# BENCH_NAME (results in web-app/target/bench-keystrokes-NAME/ rather than .../bench-keystrokes/: summary.txt),
# BENCH_PER_ROUND=1 (each round measured on its own, with PostgreSQL's work in it: needs pg_stat_statements in
# shared_preload_libraries; rounds.txt, pss.txt),
# BENCH_FIRST_SYNC_MERGE (1: the first sync ends with the worker's merge of the trigram indexes' pending lists, timed;
# 0: without it, as the worker did before), BENCH_FIRST_SYNC_VISIBLE (1: and then with the worker's VACUUM of the heap
# alone, which marks the new pages all-visible, timed; 0: without it, as the worker did before).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
. bin/fxhome-env.sh

PG_PORT=${BENCH_PG_PORT:-${FXHOME_PG_PORT:-5432}}
PORT=${BENCH_HTTP_PORT:-18194}
ROUNDS=${BENCH_ROUNDS:-5}
SQL_ROUNDS=${BENCH_SQL_ROUNDS:-2}
WARM=${BENCH_WARM:-20}
BIG_PLACES=100000
DB=fxhome_bench_search
HERE="$ROOT/web-app/bench/search"
WORK="$ROOT/web-app/target/bench-keystrokes${BENCH_NAME:+-$BENCH_NAME}"
mkdir -p "$WORK"
ACCOUNT=00000000-0000-4000-8001-$(printf '%012x' "$(date +%s)")
WARM_ACCOUNT=00000000-0000-4000-8000-000000000000
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U fxhome -d "$DB" -v ON_ERROR_STOP=1 -Atq)
ADMIN=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq)
DB_ADMIN=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -Atq)
load() { cut -d' ' -f1-3 /proc/loadavg; }
mkdir -p "$WORK"
rm -f "$WORK"/*.out "$WORK"/*.txt

if [ "$("${ADMIN[@]}" -c "select count(*) from pg_database where datname = '$DB'")" = 0 ]; then
    fx_log "no $DB yet: loading it with run.sh"
    BENCH_PG_PORT=$PG_PORT BENCH_LOAD_ONLY=1 BENCH_DEVICES=5 BENCH_BIG_PLACES=$BIG_PLACES "$HERE/run.sh"
fi
fx_select_jdk
APP=${BENCH_APP_DIR:-$WORK/app}
if [ -z "${BENCH_APP_DIR:-}" ] && { [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -d "$WORK/app" ]; }; then
    fx_log "building the web app"
    ./mvnw -B -ntp -o -q -pl web-app -am package -DskipTests
    rm -rf "$WORK/app" && cp -r web-app/target/quarkus-app "$WORK/app"
fi
app_pid=
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true; }
trap cleanup EXIT

stats() {
    "${PSQL[@]}" -F ' ' -c "select relname, n_live_tup, n_mod_since_analyze, n_ins_since_vacuum,
        coalesce(to_char(greatest(last_autoanalyze, last_analyze), 'HH24:MI:SS'), '-') as analyzed,
        coalesce(to_char(greatest(last_autovacuum, last_vacuum), 'HH24:MI:SS'), '-') as vacuumed
      from pg_stat_user_tables where relname in ('history_place', 'bookmark', 'tab', 'device') order by relname"
    # What VACUUM changes for the search: the trigram indexes' pending lists (GIN fastupdate), and heap pages marked
    # all-visible (index-only scans) as of the last VACUUM.
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -Atq -F ' ' -c "create extension if not exists pgstattuple" \
        -c "select i, 'pending pages/tuples', pending_pages, pending_tuples from unnest(array['history_place_match_idx',
              'bookmark_match_idx']) i, pgstatginindex(i::regclass)" \
        -c "select relname, 'all-visible pages of', relallvisible, relpages from pg_class where relname in ('history_place', 'bookmark')"
}

session() { # account -> cookie (only the hash of the secret is stored, as by a sign-in)
    local secret hash
    head -c 32 /dev/urandom >"$WORK/secret"
    secret=$(base64 -w0 "$WORK/secret" | tr '+/' '-_' | tr -d '=')
    hash=$(sha256sum "$WORK/secret" | cut -d' ' -f1)
    rm -f "$WORK/secret"
    "${PSQL[@]}" -c "insert into web_session (account_id, secret_hash, expires_at) values ('$1', decode('$hash', 'hex'), now() + interval '1 day')"
    echo "fxhome_session=$1.$secret"
}
WARM_COOKIE=$(session "$WARM_ACCOUNT")

QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" \
    FXHOME_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" FXHOME_JOBS_NAMESPACE=fxhome.bench.keystrokes \
    java -Xmx512m ${BENCH_APP_OPTS:-} -jar "$APP/quarkus-run.jar" >"$WORK/web.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { fx_log "the web app did not start: $WORK/web.log"; exit 1; }
# 1. Warm-up (JIT, connection pool, prepared plans) on run.sh's account of the same size, with its own titles'
# queries, before the measured account exists, as an installation's web app runs before a new account's first sync.
# (Until December 2026 the warm-up came between the first sync and (a), on an account not read since the load: its
# cold pages pushed the new account's out of shared buffers, and (a)'s first searches read them back from storage;
# docs/benchmarks.md, "Run-to-run spread".)
"${PSQL[@]}" -v account="$WARM_ACCOUNT" -v big_places="$BIG_PLACES" -f "$HERE/keystrokes.sql" >"$WORK/warm-queries.tsv"
python3 "$HERE/keystrokes.py" warm 127.0.0.1 "$PORT" "$WARM_COOKIE" "$WORK/warm-queries.tsv" "$WARM"

# 2. The account's first sync: its rows arrive in the indexed tables that hold the other accounts.
fx_log "first sync of $ACCOUNT (load average $(load))"
t0=$(date +%s)
"${PSQL[@]}" -v account="$ACCOUNT" -v big_places="$BIG_PLACES" -v big_bookmarks=10000 -v devices=5 \
    -f "$HERE/load-functions.sql" -f "$HERE/load-account.sql"
fx_log "loaded in $(( $(date +%s) - t0 )) s"
# The end of the worker's full download: since issue 17's second round, it merges the trigram indexes' pending lists
# (SearchIndexes). BENCH_FIRST_SYNC_MERGE=0 leaves them as the worker before it did.
if [ "${BENCH_FIRST_SYNC_MERGE:-1}" = 1 ]; then
    t0=$(date +%s%N)
    merged=$("${PSQL[@]}" -c "select gin_clean_pending_list('history_place_match_idx'::regclass)" \
        -c "select gin_clean_pending_list('bookmark_match_idx'::regclass)" | paste -sd' ')
    echo "first sync: the worker's merge of the pending lists (pages history, bookmarks: $merged) took $(( ($(date +%s%N) - t0) / 1000000 )) ms" >"$WORK/merge.txt"
else
    echo "first sync: pending lists left as they are (BENCH_FIRST_SYNC_MERGE=0)" >"$WORK/merge.txt"
fi
# Then, since issue 17's fourth round, it marks the new pages all-visible (SearchIndexes.markVisible): the same VACUUM.
if [ "${BENCH_FIRST_SYNC_VISIBLE:-1}" = 1 ]; then
    t0=$(date +%s%N)
    "${PSQL[@]}" -c "vacuum (index_cleanup off, truncate false, process_toast false, skip_locked) history_place" \
        -c "vacuum (index_cleanup off, truncate false, process_toast false, skip_locked) bookmark"
    echo "first sync: the worker's VACUUM of history_place and bookmark without their indexes took $(( ($(date +%s%N) - t0) / 1000000 )) ms" >>"$WORK/merge.txt"
else
    echo "first sync: new pages left to autovacuum (BENCH_FIRST_SYNC_VISIBLE=0)" >>"$WORK/merge.txt"
fi
fx_log "$(cat "$WORK/merge.txt")"
"${PSQL[@]}" -v account="$ACCOUNT" -v big_places="$BIG_PLACES" -f "$HERE/keystrokes.sql" >"$WORK/queries.tsv"
grep -P '^words\t' "$WORK/queries.tsv" >"$WORK/words.tsv"
grep -P '^keys\t' "$WORK/queries.tsv" >"$WORK/keys.tsv"
fx_log "$(wc -l <"$WORK/words.tsv") word queries (e.g. $(cut -f4 "$WORK/words.tsv" | sed -n '1p;2p;3p' | paste -sd'|')), $(wc -l <"$WORK/keys.tsv") keystrokes"

COOKIE=$(session "$ACCOUNT")

naive_sql() { # queries.tsv -> psql script: the naive query of each line, timed by psql
    echo '\timing on'
    while IFS=$'\t' read -r _ _ _ text; do
        local cond="" w
        for w in $text; do cond="$cond and (title ilike '%$w%' or url ilike '%$w%')"; done
        printf "select url, title from history_place where account_id = '%s'%s order by frecency desc limit 25;\n" "$ACCOUNT" "$cond"
    done <"$1"
}
# CPU time (clock ticks) of the web app and of its PostgreSQL backends (the JDBC driver's connections to $DB): less
# noisy than latency on a shared machine, where most of a slow answer is waiting for a core.
cpu_ticks() {
    local pids
    pids=$("${ADMIN[@]}" -c "select string_agg(pid::text, ' ') from pg_stat_activity where datname = '$DB' and application_name = 'PostgreSQL JDBC Driver'")
    awk '{ sum += $14 + $15 } END { print sum + 0 }' "/proc/$app_pid/stat" $(for p in $pids; do [ -r "/proc/$p/stat" ] && echo "/proc/$p/stat"; done)
}
app_ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
# BENCH_PER_ROUND=1: each round on its own, with what PostgreSQL did for the web app in it (pg_stat_statements, reset
# before each round: blocks hit, read from outside shared buffers, dirtied, written; JIT; read time if track_io_timing
# is on) and what the web app's backends and the web app cost (page faults, CPU ticks): rounds.txt, pss.txt.
page_faults() { # minor/major page faults of the web app's PostgreSQL backends, summed
    local pids
    pids=$("${ADMIN[@]}" -c "select string_agg(pid::text, ' ') from pg_stat_activity where datname = '$DB' and application_name = 'PostgreSQL JDBC Driver'")
    awk '{ mn += $10; mj += $12 } END { printf "%d/%d", mn, mj }' $(for p in $pids; do [ -r "/proc/$p/stat" ] && echo "/proc/$p/stat"; done) /dev/null
}
per_round() { # phase set
    local r f0 f1 c0 c1 a0 a1
    : >"$WORK/$1-http-$2.out"
    for r in $(seq 1 "$ROUNDS"); do
        "${DB_ADMIN[@]}" -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null
        f0=$(page_faults); c0=$(cpu_ticks); a0=$(app_ticks)
        python3 "$HERE/keystrokes.py" http 127.0.0.1 "$PORT" "$COOKIE" "$WORK/$2.tsv" 1 "$WORK/round.out"
        f1=$(page_faults); c1=$(cpu_ticks); a1=$(app_ticks)
        echo "$1 $2 round $r: backends' minor/major page faults $f0 -> $f1; CPU ticks all $((c1 - c0)), web app $((a1 - a0)); p95 $(cut -f4 "$WORK/round.out" | sort -g | awk '{ v[NR] = $1 } END { print v[int(NR * 0.95)] }') ms" >>"$WORK/rounds.txt"
        cat "$WORK/round.out" >>"$WORK/$1-http-$2.out"
        "${DB_ADMIN[@]}" -F ' ' -c "select '$1 $2 round $r: calls', sum(calls), 'exec ms', round(sum(total_exec_time)::numeric, 1),
                'blocks hit', sum(shared_blks_hit), 'read', sum(shared_blks_read), 'dirtied', sum(shared_blks_dirtied),
                'written', sum(shared_blks_written), 'JIT functions', sum(jit_functions), 'read ms', round(sum(blk_read_time)::numeric, 1)
              from pg_stat_statements s join pg_roles u on u.oid = s.userid where u.rolname = 'fxhome'" >>"$WORK/pss.txt"
    done
}
# The floor: an empty query, answered without any database work (session from the cache, JSON, ETag).
for _ in $(seq 1 300); do printf 'floor\t0\t\t\n'; done >"$WORK/floor.tsv"
measure() { # phase
    local set r c0 a0 c1 a1 n
    echo "$1: load average $(load) before" >>"$WORK/load.txt"
    stats | sed "s/^/$1: /" >>"$WORK/stats.txt"
    python3 "$HERE/keystrokes.py" http 127.0.0.1 "$PORT" "$COOKIE" "$WORK/floor.tsv" 1 "$WORK/$1-http-floor.out"
    for set in words keys; do
        c0=$(cpu_ticks); a0=$(app_ticks)
        if [ "${BENCH_PER_ROUND:-0}" = 1 ]; then
            per_round "$1" "$set"
        else
            python3 "$HERE/keystrokes.py" http 127.0.0.1 "$PORT" "$COOKIE" "$WORK/$set.tsv" "$ROUNDS" "$WORK/$1-http-$set.out"
        fi
        c1=$(cpu_ticks); a1=$(app_ticks); n=$(wc -l <"$WORK/$1-http-$set.out")
        awk -v p="$1" -v s="$set" -v n="$n" -v all=$((c1 - c0)) -v app=$((a1 - a0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {
            printf "%s: %s: CPU per query %.2f ms (web app %.2f ms, PostgreSQL %.2f ms), %d queries\n", p, s,
                all * 1000 / hz / n, app * 1000 / hz / n, (all - app) * 1000 / hz / n, n }' >>"$WORK/cpu.txt"
    done
    for set in words keys; do
        naive_sql "$WORK/$set.tsv" >"$WORK/naive-$set.sql"
        : >"$WORK/$1-sql-$set.out"
        for r in $(seq 1 "$SQL_ROUNDS"); do
            psql -h 127.0.0.1 -p "$PG_PORT" -U fxhome -d "$DB" -X -q -o /dev/null -f "$WORK/naive-$set.sql" \
                | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | paste "$WORK/$set.tsv" - \
                | awk -F'\t' -v OFS='\t' '{ print $1, $2, length($4), $5, $4 }' >>"$WORK/$1-sql-$set.out"
        done
    done
    echo "$1: load average $(load) after" >>"$WORK/load.txt"
}
fx_log "(a) straight after the first sync (load average $(load))"
measure a-first-sync
fx_log "maintenance: vacuum analyze"
t0=$(date +%s)
"${PSQL[@]}" -c "vacuum analyze history_place" -c "vacuum analyze bookmark" -c "vacuum analyze tab" -c "vacuum analyze device"
fx_log "maintenance took $(( $(date +%s) - t0 )) s; (b) after it (load average $(load))"
measure b-maintained

{
    echo "Keystroke benchmark ${BENCH_NAME:-}, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, web app $APP, account $ACCOUNT, $ROUNDS rounds over HTTP, $SQL_ROUNDS as bare SQL"
    cat "$WORK/merge.txt" "$WORK/load.txt" "$WORK/stats.txt" "$WORK/cpu.txt"
    echo "phase/side	set	group	n	p50	p95	p99	max (ms)"
    for phase in a-first-sync b-maintained; do
        for side in http sql; do
            python3 "$HERE/keystrokes.py" report "$phase/$side" "$WORK/$phase-$side-words.out" "$WORK/$phase-$side-keys.out" \
                $([ "$side" = http ] && echo "$WORK/$phase-http-floor.out")
        done
    done
} | tee "$WORK/summary.txt"
