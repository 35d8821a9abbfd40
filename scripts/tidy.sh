#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# clang-tidy (Debian's clang-tidy 14, the checks of .clang-tidy) on C++ files, with the release
# build's compile_commands.json (build/; configured and built first if missing). Any warning
# fails (--warnings-as-errors='*'); each distinct finding is printed once.
#   scripts/tidy.sh            the C++ files of lib/, cli/ and tests/unit/ that differ from
#                              ${TIDY_BASE:-HEAD} (git diff, and untracked files): what
#                              scripts/test.sh runs after its build; nothing changed, nothing
#                              run (and nothing installed)
#   scripts/tidy.sh --all      every C++ file of lib/, cli/ and tests/unit/ (CI: test.sh --long)
#   scripts/tidy.sh FILE...    these files
# A .cpp file is checked with its own compile command; a header through the .cpp files of lib/,
# cli/ and tests/unit/ that include it by name, and only the headers named (or, with --all,
# every header of lib/, cli/ and tests/unit/) report findings, not the others those files
# include. Runs TIDY_JOBS files at once (default: every core; GNU xargs -P). TIDY_CHECKS adds
# to .clang-tidy's checks, as clang-tidy --checks (CI: -clang-analyzer-*, scripts/test.sh).
# File lists are split on white space (no path of the repository has any):
# shellcheck disable=SC2086
set -eu
cd "$(dirname "$0")/.."
src=$PWD

# One file, run by xargs below: scripts/tidy.sh --one FILE (logs and failures in $TIDY_OUT).
if [ "${1:-}" = "--one" ]; then
    log=$TIDY_OUT/$(printf '%s' "$2" | tr / _).log
    clang-tidy-14 -p build --quiet --warnings-as-errors='*' --header-filter="$TIDY_HEADERS" \
        ${TIDY_CHECKS:+"--checks=$TIDY_CHECKS"} "$2" \
        >"$log" 2>&1 || echo "$2" >>"$TIDY_OUT/failed"
    exit 0
fi

dirs="lib cli tests/unit"
cxx() { grep -E '\.(cpp|hpp|h)$' || true; }
if [ "${1:-}" = "--all" ]; then
    files=$(git ls-files -- $dirs | cxx)
    what="every C++ file of lib/, cli/ and tests/unit/"
elif [ $# -gt 0 ]; then
    files=$(printf '%s\n' "$@")
    what="$# file(s)"
else
    base=${TIDY_BASE:-HEAD}
    if ! git rev-parse --git-dir >/dev/null 2>&1; then
        echo "tidy: not a git checkout: no changed files to check (scripts/tidy.sh --all checks all)" >&2
        exit 0
    fi
    git rev-parse --quiet --verify "$base^{commit}" >/dev/null || {
        echo "tidy: TIDY_BASE=$base is not a commit" >&2
        exit 2
    }
    files=$({
        git diff --name-only --diff-filter=d "$base" -- $dirs
        git ls-files --others --exclude-standard -- $dirs
    } | cxx | sort -u)
    if [ -z "$files" ]; then
        echo "tidy: no C++ file of lib/, cli/ or tests/unit/ differs from $base: nothing to check" >&2
        exit 0
    fi
    what="the C++ files that differ from $base"
fi
for f in $files; do
    [ -f "$f" ] || {
        echo "tidy: no such file: $f" >&2
        exit 2
    }
done

scripts/deps.sh tidy
if [ ! -f build/compile_commands.json ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release
fi

# Translation units: the .cpp files named, and those that include a named header.
# Header filter: the named headers (anchored at this checkout), or none.
esc() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'; }
tus=$(printf '%s\n' $files | grep -E '\.cpp$' || true)
headers=""
for h in $(printf '%s\n' $files | grep -Ev '\.cpp$' || true); do
    tus="$tus
$(git ls-files -- $dirs | grep -E '\.cpp$' | xargs grep -lE "#include [\"<]([^\">]*/)?$(esc "$(basename "$h")")[\">]" || true)"
    headers="$headers${headers:+|}$(esc "$src/$h")"
done
if [ "${1:-}" = "--all" ]; then
    headers="$(esc "$src")/(lib|cli|tests/unit)/"
fi
TIDY_HEADERS="^(${headers:-\$.})"   # $. matches nothing
tus=$(printf '%s\n' $tus | sort -u)
if [ -z "$tus" ]; then
    echo "tidy: no .cpp file includes $files: nothing to check" >&2
    exit 0
fi

TIDY_OUT=$(mktemp -d)
trap 'rm -rf "$TIDY_OUT"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export TIDY_OUT TIDY_HEADERS
jobs=${TIDY_JOBS:-$(nproc)}
n=$(printf '%s\n' $tus | wc -l)
start=$(date +%s)
echo "tidy: clang-tidy-14 on $what ($n translation units, $jobs at once${TIDY_CHECKS:+; checks $TIDY_CHECKS})" >&2
printf '%s\n' $tus | xargs -P "$jobs" -n 1 "$src/scripts/tidy.sh" --one

# Each finding once (a header's findings come from every file that includes it): a finding is
# its "file:line:col: warning|error:" line and the lines under it up to the next finding.
cat "$TIDY_OUT"/*.log | awk '
    /^[^ ].*:[0-9]+:[0-9]+: (warning|error): / { key = $0; keep = !(key in seen); seen[key] = 1 }
    /^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$/ || /^Error while processing / ||
        /^Suppressed [0-9]+ warnings/ || /^Use -header-filter/ ||
        /^[0-9]+ warnings? treated as errors?$/ { next }
    keep || key == "" { print }
' >"$TIDY_OUT/findings"
took=$(($(date +%s) - start))
if [ -s "$TIDY_OUT/failed" ]; then
    cat "$TIDY_OUT/findings" >&2
    echo "tidy: findings by check:" >&2
    grep -oE '^[^ ].*:[0-9]+:[0-9]+: (warning|error): .*\[[^]]+\]$' "$TIDY_OUT/findings" |
        sed -E 's/.*\[([^],]+)(,-warnings-as-errors)?\]$/\1/' | sort | uniq -c | sort -rn >&2
    echo "tidy: FAILED in ${took}s: $(grep -cE '^[^ ].*:[0-9]+:[0-9]+: (warning|error): ' "$TIDY_OUT/findings") finding(s) in $(sort -u "$TIDY_OUT/failed" | wc -l) of $n translation units" >&2
    exit 1
fi
echo "tidy: clean in ${took}s ($n translation units)" >&2
