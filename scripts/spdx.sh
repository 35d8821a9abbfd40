#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Puts an SPDX line naming the Apache License 2.0 (LICENSE) in every source file that lacks it,
# in the file's own comment syntax: "// " in C++ (cli/, lib/, tests/, bench/), "# " in
# shell, Python and CMake files (after the "#!" line if there is one), '.\" ' as the first line
# of the man pages. Idempotent: a file with the line among its first three is
# left alone, so it can be run again after any merge.
# Not touched: test data whose bytes are read or compared (tests/data, tests/bad, tests/golden,
# tests/fuzz/seeds.txt), the SQL migrations (applied and checked as they are), JSON (no
# comments), the translations (lib/i18n/po, rewritten by scripts/update-po.sh), examples/ and
# Markdown.
#   scripts/spdx.sh          adds the line where it is missing, naming each file it changes
#   scripts/spdx.sh --check  changes nothing; names each file without it and exits 1 if any
#                            (tests/e2e/test_install.py runs this)
set -eu
cd "$(dirname "$0")/.."
check=0
case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *) echo "usage: scripts/spdx.sh [--check]" >&2; exit 2 ;;
esac
tag="SPDX-License-Identifier: Apache-2.0"

sources() {
    dirs=""
    for d in cli lib tests bench scripts packaging; do
        [ -d "$d" ] && dirs="$dirs $d"
    done
    {
        if [ -n "$dirs" ]; then
            # shellcheck disable=SC2086
            find $dirs \( -path tests/data -o -path tests/bad -o -path tests/golden \
                          -o -name __pycache__ \) -prune -o -type f \
                 \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.hpp.in' \
                    -o -name '*.py' -o -name '*.sh' -o -name '*.cmake' -o -name CMakeLists.txt \) \
                 -print
        fi
        [ -f CMakeLists.txt ] && echo CMakeLists.txt
        [ -d man ] && find man -type f -name '*.[1-9]'
    } | LC_ALL=C sort
}

comment() {  # comment FILE: the comment leader of FILE's language
    case "$1" in
        *.cpp | *.hpp | *.h | *.hpp.in) echo "//" ;;
        man/*) echo '.\"' ;;
        *) echo "#" ;;
    esac
}

# The files without the line among their first three (one awk for all: a process per file
# would take seconds).
lacking=$(sources | tr '\n' '\0' | xargs -0 awk '
    FNR == 1 { if (seen != "" && !found) print seen; seen = FILENAME; found = 0 }
    FNR <= 3 && /^(\/\/|#|\.\\") SPDX-License-Identifier: Apache-2\.0$/ { found = 1 }
    FNR > 3 { nextfile }
    END { if (seen != "" && !found) print seen }')
missing=0
for f in $lacking; do
    if [ "$check" -eq 1 ]; then
        echo "$f: no \"$tag\" line (scripts/spdx.sh adds it)"
        missing=1
        continue
    fi
    line="$(comment "$f") $tag"
    tmp="$f.spdx-tmp"
    if [ "$(comment "$f")" = "#" ] && head -n 1 "$f" | grep -q '^#!'; then
        { head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$tmp"
    else
        { echo "$line"; cat "$f"; } >"$tmp"
    fi
    cat "$tmp" >"$f"   # keeps the file's mode
    rm -f "$tmp"
    echo "$f"
done
exit "$missing"
