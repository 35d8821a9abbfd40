#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs, with apt-get, the Debian packages nacsa needs to build and test. Does nothing when
# they are all present. Usage: scripts/deps.sh [build|test|fuzz|tidy|long]
#   test = build + test tools; fuzz = build + clang and libFuzzer; tidy = build + clang-tidy 14
#   (scripts/tidy.sh); long = test + fuzz + valgrind and debootstrap (scripts/fresh-debian.sh)
# ccache is among the build packages: CMakeLists.txt compiles through it when it is there, so a
# rebuild after a pull or a switch of branch recompiles only what changed, and CI's fresh-Debian
# stage shares the compile cache of the build before it (scripts/fresh-debian.sh).
set -eu
want=${1:-build}
build_pkgs="g++ cmake ninja-build ccache pkg-config gettext tzdata
libcli11-dev libsqlitecpp-dev libsqlite3-dev libfmt-dev libyaml-cpp-dev libyaml-dev doctest-dev
nlohmann-json3-dev libical-dev libicu-dev libhowardhinnant-date-dev libcsv-dev nettle-dev iso-codes"
test_pkgs="python3 python3-pytest python3-jsonschema python3-icalendar python3-yaml mandoc man-db lintian
tidy sqlite3 bash bash-completion fish zsh dpkg-dev chromium weasyprint poppler-utils time file"
fuzz_pkgs="clang clang-14 libclang-rt-14-dev"
tidy_pkgs="clang-tidy-14"
long_pkgs="valgrind debootstrap debian-archive-keyring"
pkgs=$build_pkgs
case $want in
    test) pkgs="$pkgs $test_pkgs" ;;
    fuzz) pkgs="$pkgs $fuzz_pkgs" ;;
    tidy) pkgs="$pkgs $tidy_pkgs" ;;
    long) pkgs="$pkgs $test_pkgs $fuzz_pkgs $long_pkgs" ;;
esac

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "nacsa: installing missing packages:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
    echo "nacsa: not root; run: sudo apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
