#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Start-up of nacsa against a bare C++ program linked to fmt, SQLite and yaml-cpp
# (build/bench/bare_start): CPU time per run (perf stat, when perf is installed) and
# instructions (valgrind --tool=callgrind, when valgrind is), for --version, --help, a command's
# --help and `completion bash`. The aim (issue #21): --version, --help and completion within
# 1.3 times the bare program; a command's --help, which builds that command, is shown beside.
#
# This machine's CPU time moves by half from one minute to the next (a shared VM), so the
# programs take turns: ROUNDS rounds, each running every command RUNS times (perf stat -r)
# right after RUNS runs of the bare program, and each program's figure is its best round's
# mean; and, since a lucky round of the bare program moves every ratio of best rounds, the
# median over the rounds of each pair's own ratio (the figure the aim is read against).
# Instructions do not move.
# Usage: bench/startup.sh [build/cli/nacsa] [RUNS] [ROUNDS]
set -eu
NACSA=$(realpath "${1:-build/cli/nacsa}")
RUNS=${2:-50}
ROUNDS=${3:-5}
BARE=$(dirname "$(dirname "$NACSA")")/bench/bare_start
HERE=$(dirname "$(realpath "$0")")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export NACSA_DB="$WORK/none.db" LC_ALL=C.UTF-8
COMMANDS="--version|--help|member add --help|completion bash"

cpu_ms() {  # the mean CPU milliseconds of a command over RUNS runs
    perf stat -r "$RUNS" -x, -e task-clock "$@" 2>&1 >/dev/null | tail -1 | cut -d, -f1
}
instructions() {
    if command -v valgrind >/dev/null 2>&1; then
        valgrind --tool=callgrind --callgrind-out-file="$WORK/cg" "$@" >/dev/null 2>"$WORK/cg.err"
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/cg.err"
    else
        echo "-"
    fi
}

# One line "NAME MS ROUND" per program and round, in $WORK/cpu. In each round every command
# comes right after a run of the bare program of its own ("bare_NAME"), so that each pair sees
# the same machine: with one bare run per round, the commands run last were compared with a
# machine a second older, and the medians of the same binary moved by a third between runs.
if command -v perf >/dev/null 2>&1; then
    round=1
    while [ "$round" -le "$ROUNDS" ]; do
        echo "$COMMANDS" | tr '|' '\n' | while read -r args; do
            name=$(echo "$args" | tr ' ' _)
            echo "bare_$name $(cpu_ms "$BARE") $round" >>"$WORK/cpu"
            # shellcheck disable=SC2086 # (the words of a command line)
            echo "$name $(cpu_ms "$NACSA" $args) $round" >>"$WORK/cpu"
        done
        round=$((round + 1))
    done
fi
median_ratio() {  # the median over the rounds of each pair's own ratio, or "-" without perf
    if [ -f "$WORK/cpu" ]; then
        awk -v name="$1" -v bare="bare_$1" -f "$HERE/median_ratio.awk" "$WORK/cpu"
    else
        echo "-"
    fi
}
best_ms() {  # the best round of the programs matching an awk pattern, or "-" without perf
    if [ -f "$WORK/cpu" ]; then
        awk -v re="$1" '$1 ~ re && (best == "" || $2 < best) { best = $2 } END { print best }' "$WORK/cpu"
    else
        echo "-"
    fi
}

bare_ms=$(best_ms '^bare_')
bare_ir=$(instructions "$BARE")
echo "bare program: $bare_ms ms CPU, $bare_ir instructions (best of $ROUNDS rounds of $RUNS runs)"
echo "$COMMANDS" | tr '|' '\n' | while read -r args; do
    ms=$(best_ms "^$(echo "$args" | tr ' ' _)\$")
    # shellcheck disable=SC2086
    ir=$(instructions "$NACSA" $args)
    echo "nacsa $args: $ms ms CPU, $ir instructions" \
        "($(echo "$ms $bare_ms $ir $bare_ir" |
            awk '{ if ($2 > 0) printf "%.2f times the CPU", $1 / $2; if ($4 > 0) printf ", %.2f times the instructions", $3 / $4 }');" \
        "median of the rounds' own ratios: $(median_ratio "$(echo "$args" | tr ' ' _)"))"
done
