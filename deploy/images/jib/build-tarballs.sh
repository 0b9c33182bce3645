#!/usr/bin/env bash
# Daemon-free images: packages the apps if needed, makes the base image tarball once (make-base-image.sh), then lets Jib
# write one `docker load`-able tarball per process into deploy/images/jib/target/:
#   deploy/images/jib/build-tarballs.sh [module...]      default: web-app scheduler sync-worker sync-sandbox
# Load one where an engine exists with `docker load -i deploy/images/jib/target/fxhome-web-app-0.1.0.tar`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
. bin/fxhome-env.sh
fx_select_jdk

BASE="deploy/images/jib/target/base-jre.tar"
[ -s "$BASE" ] || deploy/images/jib/make-base-image.sh "$BASE"

modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(web-app scheduler sync-worker sync-sandbox)
port_of() { case "$1" in web-app) echo 8080 ;; sync-sandbox) echo 8090 ;; sync-worker) echo 8091 ;; scheduler) echo 8092 ;; esac; }
# As deploy/images/<module>.Dockerfile: the worker runs C1 only (its first sync after a start, docs/benchmarks.md).
java_opts_of() {
    case "$1" in
        sync-worker) echo "-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError" ;;
        *) echo "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" ;;
    esac
}

for m in "${modules[@]}"; do
    [ -n "$(port_of "$m")" ] || { echo "build-tarballs: unknown module $m" >&2; exit 2; }
    mkdir -p deploy/images/jib/target/classes   # Jib wants a classes directory, even an empty one
    [ -f "$m/target/quarkus-app/quarkus-run.jar" ] || ./mvnw -B -ntp -q -DskipTests -pl "$m" -am package
    ./mvnw -B -ntp -q -f deploy/images/jib/pom.xml -Dfxhome.module="$m" -Dfxhome.port="$(port_of "$m")" \
        -Dfxhome.java-opts="$(java_opts_of "$m")" \
        com.google.cloud.tools:jib-maven-plugin:buildTar
    ls -l "deploy/images/jib/target/fxhome-$m-0.1.0.tar"
done
