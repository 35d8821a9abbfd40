#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Convert a nacsa member import file from YAML to CSV as Spanish-locale Excel saves it.

Usage: scripts/members-yaml-to-csv.py [examples/members.yaml] [examples/members.csv]

Output: UTF-8 with BOM, ';' delimiter, CRLF row endings, RFC 4180 quoting (only fields that
contain ';', '"', CR or LF are quoted; embedded quotes doubled). One row per contact, the
member's columns repeated on each row; a member without contacts gets one row with empty
contact columns. List cells are joined with '|', booleans written yes/no, absent keys empty.
"""
import csv
import sys

import yaml

MEMBER_COLS = ["id", "name", "acronym", "type", "region", "city", "website", "email", "phone",
               "thematic_areas", "services", "joined", "status", "interest", "ecosoc_status",
               "net4u", "notes"]
CONTACT_COLS = ["name", "position", "email", "phone", "gender", "primary", "consent"]
HEADER = MEMBER_COLS + ["contact_" + c for c in CONTACT_COLS]


class StringDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps ISO dates as strings (as nacsa reads them), not datetime.date."""


StringDateLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def cell(value):
    """Render one YAML value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "|".join(cell(v) for v in value)
    return str(value)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "examples/members.yaml"
    dst = sys.argv[2] if len(sys.argv) > 2 else "examples/members.csv"
    with open(src, encoding="utf-8") as f:
        members = yaml.load(f, Loader=StringDateLoader)
    # newline="" so the csv module's CRLF is written as is and embedded LFs stay LF.
    with open(dst, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                       lineterminator="\r\n")
        w.writerow(HEADER)
        for m in members:
            base = [cell(m.get(c)) for c in MEMBER_COLS]
            for c in m.get("contacts") or [{}]:
                w.writerow(base + [cell(c.get(k)) for k in CONTACT_COLS])


if __name__ == "__main__":
    main()
