#!/bin/sh
# Installs what is missing, builds nacsa and runs every test (unit and end-to-end) with ctest.
#   scripts/test.sh              the README's test command: release build, all tests (minutes)
#   scripts/test.sh --sanitize   the same in a separate ASan+UBSan build (build-sanitize/)
#   scripts/test.sh --long       the long stages CI runs after the README's command:
#                                  1. the whole suite under ASan+UBSan (--sanitize)
#                                  2. the end-to-end tests under valgrind memcheck (any
#                                     error exits 99 and fails), on both cores at once:
#                                     the parsers' and the store's (member import and
#                                     export, security) with every nacsa run under it, and
#                                     all the others with the first 3 runs of each
#                                     subcommand under it (scripts/valgrind-some.sh): under
#                                     valgrind each of the suite's 3,400 nacsa runs takes
#                                     2 s more, hours in all, and stage 1 already runs every
#                                     test under ASan+UBSan
#                                  3. the libFuzzer targets, FUZZ_SECONDS each (scripts/fuzz.sh)
#                                  4. the crash-safety kill loop and disk-full test (NACSA_LONG=1)
set -eu
cd "$(dirname "$0")/.."
stage() { echo "== $1 ($(date -u +%H:%M:%S))" >&2; }

if [ "${1:-}" = "--long" ]; then
    scripts/deps.sh long
    start=$(date +%s)
    stage "ASan + UBSan: every test"
    scripts/test.sh --sanitize
    stage "valgrind memcheck: end-to-end tests"
    cmake --preset release >/dev/null
    cmake --build --preset release
    # pytest directly, not ctest: ctest's 10-minute limit per file is too short under valgrind
    # (each command keeps its own limit, stretched 20 times).
    e2e() {  # e2e WRAPPER FILE...
        wrapper=$1
        shift
        NACSA_TIMEOUT_SCALE=20 NACSA_BIN="$PWD/build/cli/nacsa" NACSA_SOURCE_DIR="$PWD" \
            PYTHONDONTWRITEBYTECODE=1 NACSA_WRAPPER="$wrapper" \
            /usr/bin/python3 -m pytest -q -p no:cacheprovider "$@"
    }
    full="tests/e2e/test_member_import.py tests/e2e/test_member_export.py tests/e2e/test_security.py"
    runs=$(mktemp -d)
    log=$(mktemp)
    # shellcheck disable=SC2086
    e2e "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect" \
        $full >"$log" 2>&1 &
    every=$!
    some=0
    # shellcheck disable=SC2046,SC2086
    e2e "$PWD/scripts/valgrind-some.sh $runs 3" \
        $(ls tests/e2e/test_*.py | grep -v -e test_member_import -e test_member_export -e test_security) ||
        some=$?
    all=0
    wait "$every" || all=$?
    echo "-- every run under valgrind: $full" >&2
    cat "$log" >&2
    echo "-- the first runs of $(ls "$runs" | sed 's/\.[0-9]*$//' | sort -u | wc -l) subcommands under valgrind ($(ls "$runs" | wc -l) runs)" >&2
    rm -rf "$runs" "$log"
    if [ "$all" -ne 0 ] || [ "$some" -ne 0 ]; then
        echo "valgrind stage failed" >&2
        exit 1
    fi
    stage "fuzzing, ${FUZZ_SECONDS:-60}s per target"
    scripts/fuzz.sh
    stage "crash safety: kill loop and disk full"
    NACSA_LONG=1 NACSA_BIN=build/cli/nacsa NACSA_SOURCE_DIR="$PWD" PYTHONDONTWRITEBYTECODE=1 \
        /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/e2e/test_crash_safety.py
    stage "long stages passed in $(( $(date +%s) - start ))s"
    exit 0
fi

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
