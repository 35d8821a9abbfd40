#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, builds nacsa and runs every test (unit and end-to-end) with ctest.
#   scripts/test.sh              the README's test command: release build, all tests (minutes),
#                                then clang-tidy on the C++ files that differ from HEAD
#                                (scripts/tidy.sh: uncommitted changes; none in a clean clone)
#   scripts/test.sh --sanitize   the same in a separate ASan+UBSan build (build-sanitize/)
#   scripts/test.sh --long       the long stages CI runs after the README's command, each timed:
#                                  1. the whole suite under ASan+UBSan (--sanitize)
#                                  2. the end-to-end tests under valgrind memcheck
#                                     (scripts/valgrind-e2e.sh)
#                                  3. the libFuzzer targets, FUZZ_SECONDS each (scripts/fuzz.sh)
#                                  4. the crash-safety kill loop and disk-full test (NACSA_LONG=1)
#                                  5. the README's two set-up commands on a fresh Debian 12
#                                     chroot (scripts/fresh-debian.sh), started first and run
#                                     beside the others at a lower priority
#                                (clang-tidy on every file, scripts/tidy.sh --all, is not
#                                among them: it takes longer than CI's hour leaves; README)
set -eu
cd "$(dirname "$0")/.."
stage() { echo "== $1 ($(date -u +%H:%M:%S))" >&2; }

if [ "${1:-}" = "--long" ]; then
    scripts/deps.sh long
    start=$(date +%s)
    times=$(mktemp)
    fresh=""
    # On any exit, the fresh-Debian stage (below, in its own process group) is stopped too.
    trap 'rm -f "$times" "$times.cpu"; [ -z "$fresh" ] || kill -TERM "-$fresh" 2>/dev/null || true' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    # CPU seconds used by this shell's finished children, user + system (times, run in this
    # shell: in a pipe it would count a subshell's).
    cpu() {
        times >"$times.cpu"
        awk 'NR == 2 { for (i = 1; i <= NF; i++) { split($i, t, "m"); s += t[1] * 60 + t[2] } printf "%d", s }' "$times.cpu"
    }
    note() {  # note SECONDS CPU_BEFORE NAME: a stage's time and CPU time, for the summary
        echo "$1 s  ($(($(cpu) - $2)) CPU s)  $3" >>"$times"
    }
    timed() {  # timed NAME COMMAND...: runs a stage and notes its time
        name=$1
        shift
        stage "$name"
        t=$(date +%s)
        c=$(cpu)
        "$@"
        note "$(($(date +%s) - t))" "$c" "$name"
    }
    # The README's set-up commands on a fresh Debian run beside all the other stages, at a lower
    # priority (nice 10): debootstrap and apt download while the sanitized build compiles, and
    # the chroot's build and tests take the core that the fuzzers (one process at a time) and the
    # kill loop leave idle, and the moments the others wait on links and single tests.
    fresh_name="the README's set-up commands on a fresh Debian (beside the other stages)"
    stage "$fresh_name: started, output in build-debian/fresh-debian.log"
    mkdir -p build-debian
    fresh_t=$(date +%s)
    setsid -w nice -n 10 scripts/fresh-debian.sh >build-debian/fresh-debian.log 2>&1 &
    fresh=$!
    timed "ASan + UBSan: every test" scripts/test.sh --sanitize
    timed "valgrind memcheck: end-to-end tests" scripts/valgrind-e2e.sh
    timed "fuzzing, ${FUZZ_SECONDS:-60}s per target" scripts/fuzz.sh
    timed "crash safety: kill loop and disk full" env NACSA_LONG=1 NACSA_BIN=build/cli/nacsa \
        NACSA_SOURCE_DIR="$PWD" PYTHONDONTWRITEBYTECODE=1 \
        /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/e2e/test_crash_safety.py
    stage "waiting for: $fresh_name"
    c=$(cpu)
    fresh_status=0
    wait "$fresh" || fresh_status=$?
    fresh=""
    cat build-debian/fresh-debian.log >&2
    note "$(($(date +%s) - fresh_t))" "$c" "$fresh_name"
    if [ "$fresh_status" -ne 0 ]; then
        echo "the fresh-Debian stage failed (build-debian/fresh-debian.log, above)" >&2
        exit 1
    fi
    cat "$times" >&2
    stage "long stages passed in $(($(date +%s) - start))s"
    exit 0
fi

# ccache (scripts/deps.sh installs it) keys a compile by paths relative to the checkout, not by
# the folder it runs in nor by the locale (LANG only changes the language of the compiler's
# messages), so that another clone of the same commit on another environment, such as the
# fresh-Debian stage's, finds the compiles of this one (its objects' debug paths name the first).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-locale}"
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
if [ "$preset" = release ]; then
    scripts/tidy.sh
fi
