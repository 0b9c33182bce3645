#!/usr/bin/env bash
# Web app benchmark: requests per second and latency (p50/p99) of GET /api/v1/tabs, of the HTML5 history page's data
# (GET /api/v1/history) and of the HTML5 shell, for a signed-in user, beside a bare Quarkus endpoint (GET /ping), all
# measured in the same run with wrk (16 connections, 2 threads).
#
#   web-app/bench/run.sh            (from the repository root; builds what is missing; about 4 minutes)
#
# It starts its own sandbox (with the demo account: 4 devices, 400 bookmarks, 5,000 pages), worker and web app on
# ports 18090-18092 against a database of its own (fxhome_bench), signs in, waits for the first sync, measures, and
# stops everything. Environment: BENCH_DURATION (default 30s), BENCH_WARMUP (20s), BENCH_CONNECTIONS (16), BENCH_THREADS (2).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. bin/fxhome-env.sh

DURATION=${BENCH_DURATION:-30s}
# Long enough for the JIT to finish compiling the request path: with both cores busy serving 16 connections, its
# compiler threads lag, and a 5-second warm-up left compilations (and their 1-second stalls) in the measured run.
WARMUP=${BENCH_WARMUP:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
SANDBOX_PORT=18090 WORKER_PORT=18091 WEB_PORT=18092
WORK="$ROOT/web-app/target/bench"
mkdir -p "$WORK"

if ! command -v wrk >/dev/null 2>&1; then
    fx_log "installing wrk"
    if [ "$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q wrk; else sudo apt-get update -q && sudo apt-get install -y -q wrk; fi
fi
fx_ensure_services
fx_select_jdk
for m in sync-sandbox sync-worker web-app; do
    if [ ! -f "$m/target/quarkus-app/quarkus-run.jar" ]; then
        ./mvnw -B -ntp -q -pl common-model,sync-sandbox,sync-worker,web-app -am package -DskipTests
        break
    fi
done
psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq -c "drop database if exists fxhome_bench with (force)" \
    -c "create database fxhome_bench owner fxhome"

export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/fxhome_bench
export FXHOME_MASTER_KEY
FXHOME_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
export FXHOME_FXA_AUTH_URL="http://127.0.0.1:$SANDBOX_PORT" FXHOME_SYNC_TOKENSERVER_URL="http://127.0.0.1:$SANDBOX_PORT"
export FXHOME_JOBS_NAMESPACE=fxhome.bench FXHOME_SANDBOX_DEMO_ACCOUNT=true
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
QUARKUS_HTTP_PORT=$SANDBOX_PORT java -jar sync-sandbox/target/quarkus-app/quarkus-run.jar >"$WORK/sandbox.log" 2>&1 & pids+=($!)
ready() { for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done; return 1; }
ready $SANDBOX_PORT
QUARKUS_HTTP_PORT=$WORKER_PORT java -jar sync-worker/target/quarkus-app/quarkus-run.jar >"$WORK/worker.log" 2>&1 & pids+=($!)
QUARKUS_HTTP_PORT=$WEB_PORT java ${BENCH_WEB_JAVA_OPTS:-} -jar web-app/target/quarkus-app/quarkus-run.jar >"$WORK/web.log" 2>&1 & pids+=($!)
ready $WORKER_PORT
ready $WEB_PORT

WEB="http://127.0.0.1:$WEB_PORT"
creds=$(curl -fsS "http://127.0.0.1:$SANDBOX_PORT/__sandbox/demo")
curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' -d "$creds" "$WEB/api/v1/session" >/dev/null
COOKIE="fxhome_session=$(awk '$6 == "fxhome_session" { print $7 }' "$WORK/cookies")"
for _ in $(seq 1 180); do
    curl -fsS -H "Cookie: $COOKIE" "$WEB/api/v1/sync" | grep -q '"firstSyncDone":true' && break
    sleep 1
done
tabs=$(curl -fsS -H "Cookie: $COOKIE" "$WEB/api/v1/tabs" | grep -o '"url"' | wc -l)
fx_log "signed in to the demo account; first sync done; $tabs open tabs"
# The first sync just wrote 5,000 pages: let vacuum and analyze run now rather than inside a measurement, as
# autovacuum would have long before a user's steady state.
psql -h 127.0.0.1 -U postgres -d fxhome_bench -Atq -c "vacuum analyze"

measure() { # name path
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Cookie: $COOKIE" "$WEB$2" >/dev/null    # warm-up (JIT, pools)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $COOKIE" "$WEB$2" >"$WORK/$1.txt"
    local rps p50 p99
    rps=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/$1.txt")
    p50=$(awk '$1 == "50%" { print $2 }' "$WORK/$1.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$WORK/$1.txt")
    printf '| %-32s | %10s | %8s | %8s |\n' "$1 ($2)" "$rps" "$p50" "$p99"
}
echo
echo "wrk, $THREADS threads, $CONNECTIONS connections, $DURATION per endpoint, $(nproc) cores ($(date -u +%Y-%m-%d))"
echo
echo "| endpoint | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
measure "bare Quarkus endpoint" /ping
measure "tabs" /api/v1/tabs
measure "history page data" /api/v1/history
measure "HTML5 shell" /
