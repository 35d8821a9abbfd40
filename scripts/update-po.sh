#!/bin/sh
# Extracts the report's messages (tr("...") and N_("...") in lib/report) into a template and
# merges it into each catalog of lib/i18n/po, for translators. Usage: scripts/update-po.sh
set -eu
cd "$(dirname "$0")/.."
pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=N_ \
    --add-comments=TRANSLATORS: --sort-output --no-wrap --no-location --package-name=nacsa -o "$pot" lib/i18n/*.cpp lib/report/*.cpp lib/governance/check.cpp
for po in lib/i18n/po/*.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-output --no-wrap --no-location "$po" "$pot"
done
