#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The catalogs of lib/i18n/po hold every message people read: tr("..."), N_("...") and
# msg("...", ...) anywhere in lib/ and cli/, and the texts of --help in cli/.
#   scripts/update-po.sh          extracts them and merges them into each catalog, for translators
#   scripts/update-po.sh --check  fails (exit 1) naming every message that a catalog lacks, leaves
#                                 untranslated or marks fuzzy, and every one the code no longer
#                                 uses (tests/e2e/test_report.py runs it)
set -eu
cd "$(dirname "$0")/.."
check=no
if [ "${1:-}" = "--check" ]; then
    check=yes
fi
pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
# The texts of --help (cli/help_text.cpp translates them): the descriptions given to CLI11's
# add_option, add_flag, add_subcommand, description and footer, and to cli/options.hpp's list
# options. (Only the English ones CLI11 adds itself need N_; the unit test "cli: every text of
# --help has its translations" finds any description written some other way.)
help_keywords="--keyword=add_option:3,3t --keyword=add_option:3,4t --keyword=add_flag:2,2t
--keyword=add_flag:3,3t --keyword=add_flag:3,4t --keyword=add_subcommand:2 --keyword=description:1
--keyword=footer:1 --keyword=add_list_option:4 --keyword=add_joined_list_option:4
--keyword=set_version_flag:3"
find lib cli \( -name '*.cpp' -o -name '*.hpp' \) | LC_ALL=C sort |
    xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=N_ --keyword=msg \
        $help_keywords \
        --add-comments=TRANSLATORS: --sort-output --no-wrap --no-location --package-name=nacsa \
        -o "$pot" --files-from=-
sed -i "s/charset=CHARSET/charset=UTF-8/" "$pot"
status=0
for po in lib/i18n/po/*.po; do
    if [ "$check" = no ]; then
        msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-output --no-wrap \
            --no-location "$po" "$pot"
        continue
    fi
    # The catalog as it would be merged: a message it lacks is then untranslated.
    merged=$(mktemp)
    msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$merged" "$po" "$pot"
    missing=$( (msgattrib --untranslated --no-obsolete --no-wrap "$merged";
                msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged") |
               grep '^msgid "..*"$' || true)
    # A message the code no longer uses is obsolete (#~) once merged.
    unused=$(msgattrib --only-obsolete --no-wrap "$merged" | grep '^#~ msgid "..*"$' || true)
    rm -f "$merged"
    if [ -n "$missing" ]; then
        echo "$po: no translation for:" >&2
        echo "$missing" | sed 's/^msgid /  /' >&2
        status=1
    fi
    if [ -n "$unused" ]; then
        echo "$po: messages the code no longer uses:" >&2
        echo "$unused" | sed 's/^#~ msgid /  /' >&2
        status=1
    fi
done
if [ "$status" -ne 0 ]; then
    echo "update-po.sh: run scripts/update-po.sh, then translate what it added" >&2
fi
exit "$status"
