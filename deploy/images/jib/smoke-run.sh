#!/usr/bin/env bash
# Runs an image tarball without a container engine, to check it: unpacks its layers into a root file system and runs
# its entrypoint there with chroot, as the image's user, with the image's environment (plus NAME=VALUE arguments),
# in private mount and PID namespaces, on the host's network. Optionally in a memory cgroup (like a container's limit),
# so the JVM's container support sizes the heap from it. Needs root, unshare and chroot (util-linux, coreutils) and python3.
#   deploy/images/jib/smoke-run.sh IMAGE.tar [NAME=VALUE...] [-- COMMAND...]    (COMMAND replaces the entrypoint)
#   FXHOME_SMOKE_MEMORY=1073741824 deploy/images/jib/smoke-run.sh target/fxhome-sync-worker-0.1.0.tar ...
# Stops with the process (Ctrl-C). Not a sandbox: use it on images you built, for a smoke test.
set -euo pipefail
IMAGE="$(realpath "${1:?image tarball}")"; shift
EXTRA_ENV=(); COMMAND=()
while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; COMMAND=("$@"); break; fi
    EXTRA_ENV+=("$1"); shift
done
work="$(mktemp -d)"
cg=""
cleanup() {
    umount -R "$work/rootfs/sys" 2>/dev/null || true
    # This script is in the cgroup too: leave it for the parent before removing it.
    [ -z "$cg" ] || { echo $$ >"$(dirname "$cg")/cgroup.procs"; rmdir "$cg"; } 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/image" "$work/rootfs"
tar -C "$work/image" -xf "$IMAGE"

# manifest.json -> the config and the layers, in order; print the settings as shell-safe lines.
python3 - "$work/image" >"$work/settings" <<'PY'
import json, shlex, sys
d = sys.argv[1]
m = json.load(open(f"{d}/manifest.json"))[0]
c = json.load(open(f"{d}/{m['Config']}"))["config"]
print("LAYERS=(" + " ".join(shlex.quote(l) for l in m["Layers"]) + ")")
print("ENTRY=(" + " ".join(shlex.quote(a) for a in (c.get("Entrypoint") or []) + (c.get("Cmd") or [])) + ")")
print("ENVS=(" + " ".join(shlex.quote(e) for e in c.get("Env") or []) + ")")
print("IMG_USER=" + shlex.quote(c.get("User") or "0:0"))
print("WORKDIR=" + shlex.quote(c.get("WorkingDir") or "/"))
PY
. "$work/settings"
[ ${#COMMAND[@]} -eq 0 ] || ENTRY=("${COMMAND[@]}")
for layer in "${LAYERS[@]}"; do tar --warning=no-unknown-keyword -C "$work/rootfs" -xf "$work/image/$layer"; done  # gzip or not
rm -rf "$work/image"
# What a container runtime provides: name resolution, and a resolvable host name (Quartz builds its instance id from it).
cp /etc/resolv.conf /etc/hosts /etc/hostname "$work/rootfs/etc/" 2>/dev/null || cp /etc/resolv.conf /etc/hosts "$work/rootfs/etc/"
mkdir -p "$work/rootfs/proc" "$work/rootfs/sys" "$work/rootfs/tmp"

if [ -n "${FXHOME_SMOKE_MEMORY:-}" ]; then
    # A memory cgroup of our own, as a container runtime makes one (v1 or v2, whichever the host has).
    if [ -d /sys/fs/cgroup/memory ]; then
        cg="/sys/fs/cgroup/memory/fxhome-smoke-$$"; mkdir "$cg"; echo "$FXHOME_SMOKE_MEMORY" >"$cg/memory.limit_in_bytes"
    else
        cg="/sys/fs/cgroup/fxhome-smoke-$$"; mkdir "$cg"; echo "$FXHOME_SMOKE_MEMORY" >"$cg/memory.max"
    fi
    echo $$ >"$cg/cgroup.procs"
fi

uid="${IMG_USER%%:*}"; gid="${IMG_USER#*:}"; [ "$gid" != "$IMG_USER" ] || gid="$uid"
echo "smoke-run: ${ENTRY[*]} as $uid:$gid in $WORKDIR${cg:+, memory limit $FXHOME_SMOKE_MEMORY}" >&2
# Inside: bind /sys (the JVM reads its cgroup there), then chroot as the image's user, with only the image's environment
# (and the NAME=VALUE arguments), in its working directory. Arguments: root user dir NAME=VALUE... -- ENTRYPOINT...
unshare --mount --pid --fork --mount-proc="$work/rootfs/proc" bash -c '
    root="$1" user="$2" dir="$3"; shift 3
    envs=(); while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
    mount --rbind /sys "$root/sys"
    exec chroot --userspec="$user" "$root" /usr/bin/env -i "${envs[@]}" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$dir" "$@"
' _ "$work/rootfs" "$uid:$gid" "$WORKDIR" "${ENVS[@]}" "${EXTRA_ENV[@]}" -- "${ENTRY[@]}"
