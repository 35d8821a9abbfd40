#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets of tests/fuzz with clang (build-fuzz/, ASan + UBSan) and runs each
# for FUZZ_SECONDS (default 60), seeded from examples/ and tests/bad/. Fails on any crash, leak
# or sanitizer report; the input that triggered it is left in build-fuzz/crashes/<target>/ (add
# it to tests/bad/ as a regression case once fixed).
#   scripts/fuzz.sh                 every target
#   scripts/fuzz.sh fuzz_config     only the named targets
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
scripts/deps.sh fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

targets=$*
if [ -z "$targets" ]; then  # every fuzz_* program built (not fuzz_*.cmake and the like)
    for f in build-fuzz/tests/fuzz/fuzz_*; do
        case ${f##*/} in *.*) ;; *) [ -f "$f" ] && targets="$targets ${f##*/}" ;; esac
    done
fi

# Seeds for a target: the files its formats take (fuzz_<name> -> tests/fuzz/seeds.txt globs).
seed_globs() {
    sed -n "s/^$1[[:space:]]\{1,\}//p" tests/fuzz/seeds.txt
}

status=0
for t in $targets; do
    corpus=build-fuzz/corpus/$t
    crashes=build-fuzz/crashes/$t
    mkdir -p "$corpus" "$crashes"
    for g in $(seed_globs "$t"); do
        for f in $g; do
            [ -f "$f" ] && cp "$f" "$corpus/"
        done
    done
    dict=""
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    echo "fuzz: $t for ${seconds}s ($(find "$corpus" -type f | wc -l) seeds)" >&2
    # shellcheck disable=SC2086
    if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/" $dict "$corpus" >"build-fuzz/$t.log" 2>&1; then
        echo "fuzz: $t FAILED; see build-fuzz/$t.log and $crashes/" >&2
        tail -n 60 "build-fuzz/$t.log" >&2
        status=1
    else
        grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "build-fuzz/$t.log" | tail -n 1 >&2 || true
    fi
done
exit $status
