#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Import benchmark: generates 100,000 members (bench/generate.py), imports each format into a
# fresh store, times `member list --search` on the result and a re-import of the same CSV
# (nothing changes). Peak memory from GNU time.
# Each import is timed against bench/bare_import (built next to nacsa: build/bench/), the
# least work that produces the same tables from the CSV, run alternately with nacsa so that
# both see the same machine: the aim is 1.2 times that floor for every format (issue #21; an
# earlier issue allowed JSON Lines and YAML twice it). nacsa's first load writes through a
# rollback journal where the floor keeps the store's write-ahead log; the floor run that way
# too (bare_import --rollback-journal, right after each CSV import) gives the ratio of like
# with like.
# Usage: bench/run.sh [build/cli/nacsa] [N] [ROUNDS]
set -eu
NACSA=$(realpath "${1:-build/cli/nacsa}")
N=${2:-100000}
ROUNDS=${3:-5}
BARE=$(dirname "$(dirname "$NACSA")")/bench/bare_import
HERE=$(dirname "$(realpath "$0")")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795953600
/usr/bin/python3 "$HERE/generate.py" "$N" "$WORK"
ls -l "$WORK"

# Elapsed seconds of a command, its output thrown away; peak KB in $WORK/peak.
timed() {
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>&1
    cut -d' ' -f2 "$WORK/time" >"$WORK/peak"
    cut -d' ' -f1 "$WORK/time"
}
# A new store at $1, and the disk left quiet: the previous import's writes may still be going
# out to disk, and would slow whichever program runs next (in pairs of runs timed without
# it, the first of the two was often the quicker, whichever program it was).
fresh() {
    rm -f "$1" "$1-wal" "$1-shm"
    "$NACSA" --db "$1" init -q --config "$HERE/../examples/alliance.yaml"
    sync
}

# ROUNDS rounds; in each, every format's import right after a run of the floor, so that each
# pair sees the same machine (its speed moves by a third within a minute here). One line
# "NAME SECONDS ROUND" per run in $WORK/times (the floor's runs as bare_FORMAT). Each format's
# figures: its best round against the floor's best run, and the median over the rounds of
# each pair's own ratio (the figure the aim is read against, as in bench/startup.sh: a lucky
# run of the floor moves the first, not the second).
round=1
while [ "$round" -le "$ROUNDS" ]; do
    for fmt in csv jsonl yaml; do
        fresh "$WORK/bare.db"
        t=$(timed "$BARE" "$WORK/bare.db" "$WORK/members.csv")
        echo "round $round: bare CSV import: $t s, $(cat "$WORK/peak") KB peak"
        echo "bare_$fmt $t $round" >>"$WORK/times"
        fresh "$WORK/$fmt.db"
        t=$(timed "$NACSA" --db "$WORK/$fmt.db" member import "$WORK/members.$fmt")
        echo "round $round: nacsa $fmt import: $t s, $(cat "$WORK/peak") KB peak"
        echo "$fmt $t $round" >>"$WORK/times"
        if [ "$fmt" = csv ]; then
            fresh "$WORK/bare.db"
            t=$(timed "$BARE" "$WORK/bare.db" "$WORK/members.csv" --rollback-journal)
            echo "round $round: bare CSV import, rollback journal: $t s, $(cat "$WORK/peak") KB peak"
            echo "bare_journal $t $round" >>"$WORK/times"
        fi
    done
    round=$((round + 1))
done
best() {  # the best run of the names matching an awk pattern
    awk -v re="$1" '$1 ~ re && (b == "" || $2 < b) { b = $2 } END { print b }' "$WORK/times"
}
best_bare=$(best '^bare_(csv|jsonl|yaml)$')
echo "best of $ROUNDS: bare $best_bare s"
aim=1.2  # issue #21: every format within 1.2 times the floor
for fmt in csv jsonl yaml; do
    t=$(best "^$fmt\$")
    echo "$fmt: $t s, $(echo "$t $best_bare" | awk '{printf "%.2f", $1 / $2}') times the floor's" \
        "best; median of the rounds' own ratios $(awk -v name="$fmt" -v bare="bare_$fmt" \
            -f "$HERE/median_ratio.awk" "$WORK/times") (aim: under $aim)"
done

echo "like with like: the floor with a rollback journal, best $(best '^bare_journal$') s;" \
    "csv, median of the rounds' own ratios to it $(awk -v name=csv -v bare=bare_journal \
        -f "$HERE/median_ratio.awk" "$WORK/times")"

for text in "esperanza 000123" "nandu" "concepcion"; do
    /usr/bin/time -f "list --search '$text': %e s elapsed, %M KB peak" \
        "$NACSA" --db "$WORK/csv.db" member list --search "$text" --format csv >"$WORK/out.csv"
    echo "  $(($(wc -l <"$WORK/out.csv") - 1)) members found"
done

# The nightly sync: the same file again, into the store it filled (nothing changes).
/usr/bin/time -f "re-import of the same CSV (nothing changes): %e s elapsed, %M KB peak" \
    "$NACSA" --db "$WORK/csv.db" member import "$WORK/members.csv"
