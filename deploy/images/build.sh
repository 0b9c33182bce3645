#!/usr/bin/env bash
# Builds the four images with a container engine (docker, or podman/buildah where installed) from the packaged apps:
#   deploy/images/build.sh [TAG]          default tag 0.1.0; images fxhome/<module>:<tag>
# Without an engine (as on fxhome's build machines), see deploy/images/jib/build-tarballs.sh: the same images as
# `docker load`-able tarballs, built by Jib with no daemon.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG="${1:-0.1.0}"
ENGINE="${FXHOME_IMAGE_ENGINE:-$(command -v docker || command -v podman || true)}"
[ -n "$ENGINE" ] || { echo "build.sh: no docker or podman; use deploy/images/jib/build-tarballs.sh" >&2; exit 1; }
cd "$ROOT"
./fxhome build -q
for module in web-app scheduler sync-worker sync-sandbox; do
    "$ENGINE" build -f "deploy/images/$module.Dockerfile" -t "fxhome/$module:$TAG" .
done
