#!/bin/sh
# Import benchmark: generates 100,000 members (bench/generate.py), imports each format into a
# fresh store, and times `member list --search` on the result. Peak memory from GNU time.
# Usage: bench/run.sh [build/cli/nacsa] [N]
set -eu
NACSA=$(realpath "${1:-build/cli/nacsa}")
N=${2:-100000}
HERE=$(dirname "$(realpath "$0")")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1795953600
/usr/bin/python3 "$HERE/generate.py" "$N" "$WORK"
ls -l "$WORK"
for fmt in csv jsonl yaml; do
    db="$WORK/$fmt.db"
    "$NACSA" --db "$db" init -q --config "$HERE/../examples/alliance.yaml"
    /usr/bin/time -f "$fmt import: %e s elapsed, %M KB peak" "$NACSA" --db "$db" member import "$WORK/members.$fmt"
done
for text in "esperanza 000123" "nandu" "concepcion"; do
    /usr/bin/time -f "list --search '$text': %e s elapsed, %M KB peak" \
        "$NACSA" --db "$WORK/csv.db" member list --search "$text" --format csv >"$WORK/out.csv"
    echo "  $(($(wc -l <"$WORK/out.csv") - 1)) members found"
done
