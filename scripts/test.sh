#!/bin/sh
# Installs what is missing, builds nacsa and runs every test (unit and end-to-end) with ctest.
#   scripts/test.sh              the README's test command: release build, all tests
#   scripts/test.sh --sanitize   the same in a separate ASan+UBSan build (build-sanitize/)
set -eu
cd "$(dirname "$0")/.."
preset=release
if [ "${1:-}" = "--sanitize" ]; then
    preset=sanitize
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
fi
scripts/deps.sh test
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j "$(nproc)"
