#!/bin/sh
# Installs what is missing, builds nacsa and runs the main job on examples/: a demo alliance
# store in demo-out/, with its members, committee, meetings, plan and quarterly report.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release
out=demo-out
rm -rf "$out"
mkdir -p "$out"
export NACSA_DB="$out/alliance.db"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795953600}"   # 2026-11-29: a reproducible "now"
nacsa=build/cli/nacsa

$nacsa init --config examples/alliance.yaml
$nacsa config show | head -n 12
$nacsa db check
$nacsa db backup "$out/alliance-backup.db"
$nacsa log
echo "Demo store: $NACSA_DB (see the README's tour for what to try next)"
