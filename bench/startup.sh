#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Start-up of nacsa against a bare C++ program linked to fmt, SQLite and yaml-cpp
# (build/bench/bare_start): CPU time per run (perf stat, RUNS runs, when perf is installed) and
# instructions (valgrind --tool=callgrind, when valgrind is), for --version, --help, a command's
# --help and `completion bash`. The aim (issue #21): within 1.3 times the bare program.
# Usage: bench/startup.sh [build/cli/nacsa] [RUNS]
set -eu
NACSA=$(realpath "${1:-build/cli/nacsa}")
RUNS=${2:-200}
BARE=$(dirname "$(dirname "$NACSA")")/bench/bare_start
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export NACSA_DB="$WORK/none.db" LC_ALL=C.UTF-8

cpu_ms() {  # the mean CPU milliseconds of a command over RUNS runs
    if command -v perf >/dev/null 2>&1; then
        perf stat -r "$RUNS" -x, -e task-clock "$@" 2>&1 >/dev/null | tail -1 | cut -d, -f1
    else
        echo "-"
    fi
}
instructions() {
    if command -v valgrind >/dev/null 2>&1; then
        valgrind --tool=callgrind --callgrind-out-file="$WORK/cg" "$@" >/dev/null 2>"$WORK/cg.err"
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/cg.err"
    else
        echo "-"
    fi
}

bare_ms=$(cpu_ms "$BARE")
bare_ir=$(instructions "$BARE")
echo "bare program: $bare_ms ms CPU, $bare_ir instructions"
for args in "--version" "--help" "member add --help" "completion bash"; do
    # shellcheck disable=SC2086 # (the words of a command line)
    ms=$(cpu_ms "$NACSA" $args)
    # shellcheck disable=SC2086
    ir=$(instructions "$NACSA" $args)
    echo "nacsa $args: $ms ms CPU, $ir instructions" \
        "($(echo "$ms $bare_ms $ir $bare_ir" |
            awk '{ if ($2 > 0) printf "%.2f times the CPU", $1 / $2; if ($4 > 0) printf ", %.2f times the instructions", $3 / $4 }'))"
done
