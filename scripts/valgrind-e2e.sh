#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The end-to-end tests under valgrind memcheck (scripts/test.sh --long), on both cores at once
# (any valgrind error exits 99 and fails): the parsers' and the store's tests (member import and
# export, security) with every nacsa run under it, and all the others with the first run of
# each subcommand under it (scripts/valgrind-some.sh). Under valgrind each of the suite's 3,400
# nacsa runs takes 2 s more, hours in all, and the sanitized suite already runs every test
# under ASan+UBSan. Uses the release build (build/), building it if needed.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh long
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
others=""
for f in tests/e2e/test_*.py; do
    case " $full " in
        *" $f "*) ;;
        *) others="$others $f" ;;
    esac
done
runs=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$runs" "$log"' EXIT
# shellcheck disable=SC2086
e2e "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect" \
    $full >"$log" 2>&1 &
every=$!
some=0
# shellcheck disable=SC2086
e2e "$PWD/scripts/valgrind-some.sh $runs 1" $others || some=$?
all=0
wait "$every" || all=$?
echo "-- every run under valgrind: $full" >&2
cat "$log" >&2
echo "-- the first runs of $(find "$runs" -mindepth 1 -maxdepth 1 | sed 's/\.[0-9]*$//' | sort -u | wc -l) subcommands under valgrind ($(find "$runs" -mindepth 1 -maxdepth 1 | wc -l) runs)" >&2
if [ "$all" -ne 0 ] || [ "$some" -ne 0 ]; then
    echo "valgrind stage failed" >&2
    exit 1
fi
