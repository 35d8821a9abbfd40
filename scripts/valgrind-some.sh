#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# NACSA_WRAPPER for the end-to-end tests: runs a nacsa command under valgrind memcheck if
# fewer than RUNS runs of the same subcommand ("meeting attend", "report quarterly", "init")
# have been under it in this test run, else runs it as it is. Every subcommand the suite
# uses is checked, in whichever test uses it first, at a cost the CI limit allows: each run
# under valgrind takes about 2 s more, and the suite starts nacsa about 3,400 times. Runs
# are counted in DIR, one directory per run made with mkdir, which is atomic: parallel
# tests never take the same run. (The tests pass nacsa a clean environment: hence
# arguments, not variables.)
# Usage: NACSA_WRAPPER="scripts/valgrind-some.sh DIR RUNS" (then nacsa ARGS... follow)
set -eu
# The command's own PATH may hold no tools at all (a test that hides the PDF engines):
# this script finds its own in the system's directories and gives the command its PATH back.
command_path=${PATH-}
PATH=/usr/bin:/bin${PATH:+:$PATH}
dir=$1
runs=$2
shift 2

# The subcommand: the command and, for those that have them, the next word, leaving out
# options and the values of the global ones.
key=""
skip=no
shift_done=no
for arg in "$@"; do
    if [ "$shift_done" = no ]; then
        shift_done=yes  # the nacsa binary itself
        continue
    fi
    if [ "$skip" = yes ]; then
        skip=no
        continue
    fi
    case "$arg" in
        --db | --format | --lang) skip=yes ;;
        -*) ;;
        *)
            key="${key:+$key-}$arg"
            # init and log have no subcommands; the rest take one, then their own words.
            case "$key" in init | log | *-*) break ;; esac
            ;;
    esac
done
key=$(printf '%s' "${key:-none}" | tr -c 'a-z0-9_-' '_')

i=1
while [ "$i" -le "$runs" ]; do
    if mkdir "$dir/$key.$i" 2>/dev/null; then
        valgrind=$(command -v valgrind)
        PATH=$command_path
        exec "$valgrind" -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect "$@"
    fi
    i=$((i + 1))
done
PATH=$command_path
exec "$@"
