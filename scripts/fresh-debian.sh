#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The README's set-up commands on a fresh Debian 12, as root: builds a `debootstrap
# --variant=minbase bookworm` tree in build-debian/root/, puts a clean clone of this checkout's
# HEAD (committed files only) in its /root/nacsa, and runs there, one after the other, the two
# commands of the README's "Set up" block exactly as the README writes them. Fails if either
# fails (printing its output, which holds the output of any failing test), so that an install
# step missing from scripts/deps.sh fails CI. Part of scripts/test.sh --long.
#
# The chroot gets what the tests need and no more: /proc (nosuid, nodev, noexec; not read-only,
# as on a real machine, where programs write their own /proc/self entries), /sys read-only, the
# device nodes debootstrap made in its /dev with a private devpts instance on /dev/pts and a
# tmpfs on /dev/shm (nothing of the host's /dev is bound in).
# It all happens in a private mount namespace (unshare), so no mount can outlive the run or be
# seen outside it; a trap also unmounts everything under the tree on exit, failure or
# interruption, and checks that nothing is left mounted before the tree is removed.
# The tree is built anew each run (debootstrap takes under a minute here, of which the download
# is a part: a cached tarball would save too little to be worth a stale base) and removed
# afterwards; the commands' logs stay in build-debian/.
# Inside, CI=true (the chroot is a throwaway machine: tests/e2e/test_install.py installs and
# removes the Debian package there, as in CI) and otherwise a root login's environment, but for
# the compile cache: when this machine has ccache, its cache folder is bound into the chroot and
# named by CCACHE_DIR (with CCACHE_BASEDIR, CCACHE_NOHASHDIR and CCACHE_SLOPPINESS, as
# scripts/test.sh sets them here), so that the chroot's build of the same commit takes the compiles of the build before it
# instead of compiling everything again beside the other stages. It hides nothing the stage is
# there to find: scripts/deps.sh must still install ccache, the compiler and every -dev package
# in the chroot (a cached compile is used only when every header it read is there with the same
# content; a missing one is compiled, and fails, as without a cache), linking and the tests are
# never cached, and the log ends with the chroot's ccache figures.
#   scripts/fresh-debian.sh      (root; scripts/deps.sh long installs debootstrap)
#   FRESH_DEBIAN_KEEP=1          keeps the tree (unmounted) for a look afterwards
#   DEBIAN_MIRROR=URL            default http://deb.debian.org/debian
set -eu
cd "$(dirname "$0")/.."
src=$PWD
top=$src/build-debian
root=$top/root
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

say() { echo "fresh-debian: $*" >&2; }
die() {
    say "$*"
    exit 1
}

# The README's set-up commands: the non-blank lines of the first ```sh block under "## Set up".
readme_commands() {
    awk '
        /^## / { setup = ($0 == "## Set up") }
        setup && !done && /^```sh[[:space:]]*$/ { block = 1; next }
        block && /^```/ { block = 0; done = 1; next }
        block && NF { print }
    ' README.md
}

if [ -z "${NACSA_FRESH_DEBIAN_NS:-}" ]; then
    [ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and mounts)"
    command -v debootstrap >/dev/null || die "debootstrap is missing: scripts/deps.sh long installs it"
    n=$(readme_commands | wc -l)
    [ "$n" -eq 2 ] ||
        die "README.md's \"Set up\" block must hold exactly two commands (demo, test); it holds $n:
$(readme_commands)"
    # A private mount namespace: every mount made from here on, the tests' own included, is
    # gone when the last process in it ends, however the run ends.
    NACSA_FRESH_DEBIAN_NS=1 exec unshare --mount --propagation private -- "$src/scripts/fresh-debian.sh" "$@"
fi

# Mount points under the tree, deepest first (a path sorts after its parent).
mounts_under() {
    awk -v r="$1" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}
unmount_all() {
    for m in $(mounts_under "$root"); do
        umount "$m" 2>/dev/null || umount -l "$m" || say "cannot unmount $m"
    done
    left=$(mounts_under "$root")
    [ -z "$left" ] || {
        say "still mounted (tree kept): $left"
        return 1
    }
}
remove_tree() {
    unmount_all || return 1
    rm -rf --one-file-system "$root"
}
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    status=$?
    trap - EXIT INT TERM HUP
    if [ -n "${FRESH_DEBIAN_KEEP:-}" ]; then
        unmount_all || status=1
        say "tree kept in $root"
    else
        remove_tree || status=1
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

elapsed() { echo "$(($(date +%s) - $1))s"; }

mkdir -p "$top"
remove_tree || die "a previous run's mounts are still under $root"
rm -f "$top"/command-*.log "$top/debootstrap.log"

head=$(git rev-parse HEAD)
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
    say "note: uncommitted changes are not tested here: the chroot gets a clone of HEAD ($head)"

t=$(date +%s)
say "debootstrap --variant=minbase bookworm from $mirror"
if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$top/debootstrap.log" 2>&1; then
    cat "$top/debootstrap.log" >&2
    die "debootstrap failed"
fi
say "minbase tree in $(elapsed "$t") ($(du -sh --one-file-system "$root" | cut -f1))"

git clone -q --no-hardlinks "$src" "$root/root/nacsa"
git -C "$root/root/nacsa" checkout -q --detach "$head"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys" ||
    { mount --rbind /sys "$root/sys" && mount -o remount,bind,ro "$root/sys"; }
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,nosuid,noexec devpts "$root/dev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"

# The compile cache of this machine, if it has one (see above).
cache_env=""
if command -v ccache >/dev/null && cache=$(ccache -k cache_dir 2>/dev/null) && mkdir -p "$cache"; then
    mkdir -p "$root/var/cache/host-ccache"
    mount --bind "$cache" "$root/var/cache/host-ccache"
    cache_env="CCACHE_DIR=/var/cache/host-ccache CCACHE_BASEDIR=/root/nacsa CCACHE_NOHASHDIR=1"
    cache_env="$cache_env CCACHE_SLOPPINESS=locale"
    cache_env="$cache_env CCACHE_LOGFILE=/root/ccache.log"
fi

status=0
i=0
readme_commands >"$top/commands"
while IFS= read -r command; do
    i=$((i + 1))
    log=$top/command-$i.log
    say "in the chroot, as root, in /root/nacsa: $command"
    t=$(date +%s)
    # A root login's environment, no terminal, CI=true and the compile cache (see above).
    # shellcheck disable=SC2086  # $cache_env: words
    if chroot "$root" /usr/bin/env -i -C /root/nacsa HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin CI=true $cache_env \
        /bin/sh -c "$command" </dev/null >"$log" 2>&1; then
        say "passed in $(elapsed "$t"): $command"
        tail -n 5 "$log" >&2
    else
        code=$?
        cat "$log" >&2
        say "FAILED (exit $code, after $(elapsed "$t")) on a fresh Debian: $command (output above, and in $log)"
        status=1
        break
    fi
done <"$top/commands"
if [ -n "$cache_env" ]; then
    log=$root/root/ccache.log
    hits=$(grep -c 'Result: [a-z]*_cache_hit$' "$log" 2>/dev/null || true)
    misses=$(grep -c 'Result: cache_miss$' "$log" 2>/dev/null || true)
    say "the chroot's compiles: ${hits:-0} taken from the compile cache, ${misses:-0} compiled"
fi
exit "$status"
