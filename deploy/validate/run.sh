#!/usr/bin/env bash
# Validates deploy/k8s and deploy/compose (validate.js), installing the validator's npm packages first when they are
# missing or the lock file changed: `npm ci` from package-lock.json, into deploy/validate/node_modules.
#   deploy/validate/run.sh [--selftest]     --selftest: then also prove it catches mistakes (selftest.js, ~30 s)
# Run by `./fxhome test` with --selftest (so by CI) and by `./fxhome validate-deploy`. Needs Node.js 20+ and npm.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
for tool in node npm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "validate-deploy: $tool not found (install Node.js 20+ with npm)" >&2; exit 1; }
done
stamp=node_modules/.fxhome-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "validate-deploy: installing the validator's packages (npm ci)" >&2
    npm ci --no-audit --no-fund --loglevel=error >&2
    echo "$want" >"$stamp"
fi
repo="$(cd ../.. && pwd)"
node validate.js "$repo"
if [ "${1:-}" = "--selftest" ]; then
    node selftest.js "$repo"
fi
