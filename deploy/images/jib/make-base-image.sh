#!/usr/bin/env bash
# Builds the base image of the daemon-free image build as a `docker save` tarball: a minimal Debian (debootstrap,
# from Debian's own archive) with a Temurin Java runtime made by jlink from the local JDK, and the non-root user
# 10001. Why: no image registry is reachable from the build machines, so eclipse-temurin:25-jre cannot be pulled;
# this is the same kind of image (Debian/Ubuntu userland + Temurin JRE) made from what is reachable. Needs root
# (debootstrap), a JDK 24+ whose jlink can link from its run-time image (Temurin 25 can), and tar/sha256sum/python3.
#
#   deploy/images/jib/make-base-image.sh [OUT.tar]      default: deploy/images/jib/target/base-jre.tar
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/target/base-jre.tar}"
SUITE="${FXHOME_BASE_SUITE:-bookworm}"
MIRROR="${FXHOME_BASE_MIRROR:-http://deb.debian.org/debian}"
JDK="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
TAG="${FXHOME_BASE_TAG:-fxhome/base-jre:25}"

[ "$(id -u)" = 0 ] || { echo "make-base-image: debootstrap needs root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "make-base-image: apt-get install debootstrap" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

# 1. A minimal Debian userland: libc, bash (the health check uses bash's /dev/tcp), nothing else.
debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
# Nothing in the image ever runs apt: drop its lists and caches, docs and locales to keep the layer small.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true

# 2. The Java runtime: every module a JRE has, linked from the JDK's run-time image (no jmods needed since JDK 24).
modules=$("$JDK/bin/java" --list-modules | sed 's/@.*//' | grep -vE '^jdk\.(compiler|incubator\..*|editpad|graal\..*|hotspot\.agent|internal\.(ed|le|opt|vm\.ci)|jartool|javadoc|jconsole|jdeps|jdi|jdwp\.agent|jlink|jpackage|jshell|jstatd)$' | paste -sd, -)
"$JDK/bin/jlink" --add-modules "$modules" --strip-debug --compress=zip-6 --no-man-pages --no-header-files --output "$rootfs/opt/java"

# 3. The unprivileged user the apps run as (Kubernetes' runAsNonRoot wants a numeric id), and a writable /tmp.
echo 'fxhome:x:10001:10001:fxhome:/deployments:/usr/sbin/nologin' >>"$rootfs/etc/passwd"
echo 'fxhome:x:10001:' >>"$rootfs/etc/group"
mkdir -p "$rootfs/deployments"
chmod 1777 "$rootfs/tmp"

# 4. One layer, reproducible (sorted, numeric owners, fixed times), then a `docker save` style archive around it.
mkdir -p "$work/image"
tar --sort=name --numeric-owner --mtime='2024-01-01 00:00:00Z' -C "$rootfs" -cf "$work/image/layer.tar" .
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
java_version=$("$rootfs/opt/java/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
python3 - "$work/image" "$diff_id" "$TAG" "$java_version" <<'PY'
import hashlib, json, sys
out, diff_id, tag, java_version = sys.argv[1:5]
config = {
    "architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
    "config": {
        "Env": ["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "JAVA_HOME=/opt/java", "LANG=C.UTF-8", "JAVA_VERSION=" + java_version],
        "Cmd": ["/bin/bash"],
        "Labels": {"org.opencontainers.image.description": "Debian minbase + Temurin runtime (jlink), user 10001"},
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created": "2024-01-01T00:00:00Z", "created_by": "deploy/images/jib/make-base-image.sh"}],
}
raw = json.dumps(config, sort_keys=True).encode()
name = hashlib.sha256(raw).hexdigest() + ".json"
open(f"{out}/{name}", "wb").write(raw)
json.dump([{"Config": name, "RepoTags": [tag], "Layers": ["layer.tar"]}], open(f"{out}/manifest.json", "w"))
PY
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
# Member names without a leading "./": Jib refuses archive entries that could point outside its destination.
(cd "$work/image" && tar --sort=name --numeric-owner --mtime='2024-01-01 00:00:00Z' -cf "$OUT" -- *)
echo "make-base-image: $OUT ($TAG, Java $java_version, $(du -h "$OUT" | cut -f1))"
