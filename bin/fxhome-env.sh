# Shared shell functions of ./fxhome and .ci/run: pick a JDK, make sure PostgreSQL and RabbitMQ answer, create the
# project's role and databases. Sourced, never run.

fx_log() { printf 'fxhome: %s\n' "$*" >&2; }

# Prints the major version of the java binary in $1/bin/java, or nothing.
fx_java_major() {
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

# Exports JAVA_HOME pointing at a JDK 21 or newer (the code needs release 21): the current JAVA_HOME if it qualifies,
# else the newest one under /usr/lib/jvm. Without one it says so and fails: there is no older fallback.
fx_select_jdk() {
    local candidate major best="" best_major=0
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(fx_java_major "$candidate")
        [ -n "$major" ] || continue
        # The caller's own choice wins when it is new enough.
        if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then
            best="$candidate"; best_major="$major"; break
        fi
        if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
    done
    if [ -z "$best" ] || [ "$best_major" -lt 21 ]; then
        fx_log "no JDK 21 or newer found${best:+ (the newest is Java $best_major at $best)}:" \
            "install one (e.g. Temurin 25) and set JAVA_HOME"
        return 1
    fi
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
}

fx_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

fx_wait_port() { # host port seconds
    local i
    for ((i = 0; i < $3; i++)); do
        fx_port_open "$1" "$2" && return 0
        sleep 1
    done
    return 1
}

fx_ensure_postgres() {
    local host=${FXHOME_PG_HOST:-127.0.0.1} port=${FXHOME_PG_PORT:-5432}
    if ! fx_port_open "$host" "$port"; then
        fx_log "PostgreSQL does not answer on $host:$port, starting it"
        if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
            pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
        fi
        fx_wait_port "$host" "$port" 60 || { fx_log "PostgreSQL is not reachable on $host:$port"; return 1; }
    fi
    # A freshly started cluster accepts TCP a moment before it accepts queries.
    local i
    for ((i = 0; i < 30; i++)); do
        psql -h "$host" -p "$port" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 && return 0
        sleep 1
    done
    fx_log "PostgreSQL on $host:$port does not accept queries as user postgres"
    return 1
}

fx_ensure_rabbitmq() {
    local host=${FXHOME_RABBITMQ_HOST:-127.0.0.1} port=${FXHOME_RABBITMQ_PORT:-5672}
    if ! fx_port_open "$host" "$port"; then
        fx_log "RabbitMQ does not answer on $host:$port, starting it"
        command -v rabbitmq-server >/dev/null 2>&1 && rabbitmq-server -detached || true
        fx_wait_port "$host" "$port" 90 || { fx_log "RabbitMQ is not reachable on $host:$port"; return 1; }
    fi
}

# The role and databases: fxhome (the demo and a local install) and one test database per module, so that module
# builds can run side by side without cleaning each other's data; the *_shard2 ones are a second shard for the sharding
# tests (docs/sharding.md).
FX_DATABASES="fxhome fxhome_test_model fxhome_test_worker fxhome_test_worker_shard2 fxhome_test_scheduler fxhome_test_scheduler_shard2
    fxhome_test_web fxhome_test_web_shard2"

fx_create_databases() {
    local host=${FXHOME_PG_HOST:-127.0.0.1} port=${FXHOME_PG_PORT:-5432} db
    local psql_admin=(psql -h "$host" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq)
    "${psql_admin[@]}" -c "do \$\$ begin
        if not exists (select from pg_roles where rolname = 'fxhome') then create role fxhome login password 'fxhome'; end if;
        end \$\$;" || return 1
    for db in $FX_DATABASES; do
        if [ -z "$("${psql_admin[@]}" -c "select 1 from pg_database where datname = '$db'")" ]; then
            "${psql_admin[@]}" -c "create database $db owner fxhome" || return 1
        fi
    done
}

# Drops and recreates the per-module test databases, so that a test run never depends on what an earlier run (or an
# older checkout's migrations) left behind.
fx_fresh_test_databases() {
    local host=${FXHOME_PG_HOST:-127.0.0.1} port=${FXHOME_PG_PORT:-5432} db
    for db in $FX_DATABASES; do
        case "$db" in
            fxhome_test_*) psql -h "$host" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq \
                -c "drop database if exists $db with (force)" -c "create database $db owner fxhome" || return 1 ;;
        esac
    done
}

# The web app's browser tests drive Debian's headless Chromium through its chromedriver and WebKitGTK's MiniBrowser
# through WebKitWebDriver on an Xvfb display (no tool may download a browser), and validate the HTML4 pages against the
# W3C DTDs with OpenSP; the benchmark uses wrk. All from Debian's packages.
fx_ensure_chromium() {
    local missing=""
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || missing="$missing chromium chromium-driver"
    [ -x /usr/bin/WebKitWebDriver ] && [ -x /usr/bin/Xvfb ] || missing="$missing webkit2gtk-driver xvfb"
    command -v onsgmls >/dev/null 2>&1 && [ -f /usr/share/xml/w3c-sgml-lib/schema/dtd/REC-html401-19991224/strict.dtd ] \
        || missing="$missing opensp w3c-sgml-lib"
    [ -n "$missing" ] || return 0
    fx_log "installing$missing (web-app browser and HTML4 tests)"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
    else
        sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
    fi
}

# Node.js and npm for the deploy validator (deploy/validate: Kubernetes and compose schemas from the npm registry).
fx_ensure_node() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
    fx_log "installing nodejs npm (deploy/ validation)"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    else
        sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    fi
}

fx_ensure_services() {
    fx_ensure_postgres && fx_create_databases && fx_ensure_rabbitmq
}
