# SPDX-License-Identifier: Apache-2.0
"""Every man page is clean mdoc (mandoc -Tlint -W warning prints nothing), and the pages of the
foundation document what nacsa does."""
import re
import shutil
import subprocess

import pytest

from conftest import SOURCE_DIR

MAN = SOURCE_DIR / "man"
PAGES = sorted(MAN.glob("*.[15]"))
MANDOC = shutil.which("mandoc")


def test_mandoc_is_installed():
    # scripts/deps.sh test installs it; a missing linter must not pass silently.
    assert MANDOC, "mandoc is missing: run scripts/deps.sh test"


def test_the_foundation_pages_exist():
    names = {p.name for p in PAGES}
    assert {"nacsa.1", "nacsa-init.1", "nacsa-config.1", "nacsa-db.1", "nacsa-log.1",
            "nacsa-alliance.5"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_is_lint_clean(page):
    proc = subprocess.run([MANDOC, "-Tlint", "-W", "warning", str(page)], capture_output=True, text=True)
    assert proc.stdout + proc.stderr == ""
    assert proc.returncode == 0


def render(name):
    return subprocess.run([MANDOC, "-Tascii", str(MAN / name)], capture_output=True, text=True,
                          check=True).stdout


def test_nacsa_1_documents_options_environment_and_exit_status():
    text = re.sub(r".\x08", "", render("nacsa.1"))  # no overstrike bold
    for word in ("--db", "--format", "--excel", "--lang", "--quiet", "--no-color", "--version",
                 "NACSA_DB", "NACSA_LANG", "NACSA_BUSY_TIMEOUT", "SOURCE_DATE_EPOCH", "NO_COLOR", "XDG_DATA_HOME"):
        assert word in text, word
    for code in ("0", "1", "2", "3", "65", "66", "73", "74", "75", "78"):
        assert re.search(rf"^\s+{code}\s", text, re.M), code


def test_nacsa_alliance_5_documents_every_key_of_the_schema():
    import json
    schema = json.loads((SOURCE_DIR / "schemas" / "alliance.schema.json").read_text(encoding="utf-8"))
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema)
    source = (MAN / "nacsa-alliance.5").read_text(encoding="utf-8")
    missing = [k for k in sorted(keys) if not re.search(rf"\b{k}\b", source)]
    assert missing == []
