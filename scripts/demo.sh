#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, builds nacsa and runs the main job on examples/ (scripts/demo-run.sh):
# a demo alliance store in demo-out/ with its members, committee, meetings, plan and report.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release
scripts/demo-run.sh build/cli/nacsa demo-out
