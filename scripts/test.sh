#!/bin/sh
# Installs what is missing, builds nacsa and runs every test (unit and end-to-end) with ctest.
#   scripts/test.sh              the README's test command: release build, all tests
#   scripts/test.sh --sanitize   the same in a separate ASan+UBSan build (build-sanitize/)
set -eu
cd "$(dirname "$0")/.."
preset=release
[ "${1:-}" = "--sanitize" ] && preset=sanitize
scripts/deps.sh test
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j "$(nproc)"
