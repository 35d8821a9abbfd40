#!/bin/sh
# The demo itself: scripts/demo-run.sh NACSA_BINARY OUTPUT_FOLDER
# Builds a demo alliance from examples/ in OUTPUT_FOLDER (replaced if it exists). The end-to-end
# tests run this script too, so the demo cannot rot.
set -eu
nacsa=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
rm -rf "$out"
mkdir -p "$out"
export NACSA_DB="$out/alliance.db"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795953600}"   # 2026-11-29: a reproducible "now"

step() { printf '\n== %s\n' "$*" >&2; }

step "Create the alliance store from examples/alliance.yaml"
$nacsa init --config examples/alliance.yaml
$nacsa db check

# (each area of the tool adds its demo steps below, in the order of the README's tour)

step "Done"
echo "Demo store: $NACSA_DB" >&2
