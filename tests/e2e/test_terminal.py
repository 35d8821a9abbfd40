# SPDX-License-Identifier: Apache-2.0
"""Tables at a terminal: they fit its width (COLUMNS, else the pseudo-terminal's size), show the
configuration's labels instead of keys, --wide shows everything, pipes get whole lines, and long
output goes through the pager ($NACSA_PAGER, $PAGER, less -FRX) unless --no-pager.

The terminal is a real pseudo-terminal (os.openpty) set to 80x24 with TIOCSWINSZ."""
import json
import unicodedata

import pytest

from conftest import EXAMPLES, Nacsa, tty

COMMANDS = [("member", "list"), ("committee", "show"), ("log",), ("meeting", "list")]


def width(line):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in line)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The example alliance with its members, an elected committee and two meetings."""
    workdir = tmp_path_factory.mktemp("terminal")
    (workdir / "home").mkdir()
    n = Nacsa(workdir)
    n.env["NO_COLOR"] = "1"
    n.env["NACSA_LANG"] = ""  # the alliance's language, Spanish
    n.init(EXAMPLES / "alliance.yaml")
    n.ok("member", "import", EXAMPLES / "members.yaml")
    election = n.ok("-q", "committee", "election", "open", "--role", "coordinator", "--on", "2026-03-02",
                    "--title", "Coordinación Nacional 2026-2028").out.strip()
    n.ok("-q", "committee", "election", "candidate", election, "cecosh")
    n.ok("-q", "committee", "election", "tally", election, "cecosh=19", "--ballots", "20", "--blank", "1")
    n.ok("-q", "committee", "election", "close", election, "--on", "2026-03-20")
    n.ok("-q", "committee", "seat", "rutas-seguras", "--role", "member", "--representative", "Carolina Fuentes",
         "--from", "2026-03-20")
    n.ok("-q", "meeting", "schedule", "--title", "Consulta trimestral con el Gobierno sobre la Estrategia Nacional "
         "contra el Crimen Organizado", "--kind", "government_consultation", "--start", "2026-12-10 10:00",
         "--place", "Ministerio de Justicia, Santiago", "--repeat", "quarterly", "--count", "4")
    return n




def widest(text):
    return max(width(line) for line in text.splitlines())


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_tables_fit_an_80_column_terminal(store, command):
    code, out, err = tty(store, "--no-pager", *command)
    assert code == 0, err
    assert widest(out) <= 80, out
    whole = store.ok(*command).out  # a pipe: whole lines, as before
    assert widest(whole) > 80
    assert len(out.splitlines()) == len(whole.splitlines())


def test_labels_instead_of_keys_in_tables_keys_in_json(store):
    _, members, _ = tty(store, "--no-pager", "member", "list")
    assert "Fundación" in members and " foundation " not in members  # es: the alliance's language
    en = store.ok("--lang", "en", "member", "list").out
    assert "Foundation" in en and "Tarapacá" in en and "tarapaca" not in en
    committee = store.ok("committee", "show").out
    assert "trafficking_in_persons" not in committee and "Trata de personas" in committee
    shown = store.ok("member", "show", "rutas-seguras").out
    assert "Trata de personas" in shown and "trafficking_in_persons" not in shown
    code, out, _ = tty(store, "--no-pager", "--format", "json", "member", "list", env={"COLUMNS": "40"})
    assert code == 0
    listed = json.loads(out)
    assert "foundation" in {m["type"] for m in listed} and "tarapaca" in {m["region"] for m in listed}
    assert "thematic_areas" in listed[0] and "joined" in listed[0]  # every field, whatever the width
    csv = store.ok("--format", "csv", "member", "list", env={"COLUMNS": "40"}).out
    assert "trafficking_in_persons" in csv and len(csv.splitlines()[0]) > 40


def test_wide_shows_every_column_whole(store):
    _, fitted, _ = tty(store, "--no-pager", "committee", "show")
    code, wide, err = tty(store, "--no-pager", "--wide", "committee", "show")
    assert code == 0, err
    assert "NOMBRE DEL CARGO" not in fitted and "NOMBRE DEL CARGO" in wide  # "ROLE LABEL" in Spanish
    assert wide == store.ok("committee", "show").out
    assert widest(wide) > 80


def test_columns_narrows_even_a_pipe(store):
    whole = store.ok("log").out
    narrow = store.ok("log", env={"COLUMNS": "60"}).out
    assert widest(narrow) <= 60 < widest(whole)
    assert "…" in narrow
    # COLUMNS before the terminal's size.
    code, out, _ = tty(store, "--no-pager", "member", "list", env={"COLUMNS": "70"})
    assert code == 0 and widest(out) <= 70
    assert widest(tty(store, "--no-pager", "member", "list", cols=70)[1]) <= 70
    assert store.ok("--wide", "log", env={"COLUMNS": "60"}).out == whole


@pytest.fixture
def pager(store, tmp_path):
    """A pager script that records it ran, then shows its input."""
    called = tmp_path / "called"
    script = tmp_path / "pager.sh"
    script.write_text(f"#!/bin/sh\necho ran >> '{called}'\nexec cat\n")
    script.chmod(0o755)
    return script, called


def test_long_output_on_a_terminal_goes_through_the_pager(store, pager):
    script, called = pager
    code, out, err = tty(store, "member", "list", env={"NACSA_PAGER": str(script)})
    assert (code, err) == (0, "")
    assert called.read_text() == "ran\n"
    assert "rutas-seguras" in out and widest(out) <= 80
    # $PAGER when NACSA_PAGER is not set; an empty NACSA_PAGER or "cat" is no pager.
    tty(store, "member", "list", env={"PAGER": str(script)})
    assert called.read_text() == "ran\n" * 2
    for value in ("", "cat"):
        code, out, _ = tty(store, "member", "list", env={"NACSA_PAGER": value, "PAGER": str(script)})
        assert code == 0 and "rutas-seguras" in out
    assert called.read_text() == "ran\n" * 2


def test_the_pager_is_bypassed_without_a_terminal_with_no_pager_or_when_short(store, pager):
    script, called = pager
    env = {"NACSA_PAGER": str(script)}
    assert "rutas-seguras" in store.ok("member", "list", env=env).out
    assert "rutas-seguras" in store.ok("--format", "json", "member", "list", env=env).out
    code, out, _ = tty(store, "--no-pager", "member", "list", env=env)
    assert code == 0 and "rutas-seguras" in out
    code, out, _ = tty(store, "wg", "list", env=env)  # fits on the screen
    assert code == 0 and "experticia_tecnica" in out
    assert not called.exists()


def test_quitting_the_pager_early_is_not_an_error(store):
    code, _, err = tty(store, "log", env={"NACSA_PAGER": "true"})
    assert (code, err) == (0, "")
    code, _, err = tty(store, "member", "list", env={"NACSA_PAGER": "exit 3"})
    assert (code, err) == (0, "")


def field_words(text, label):
    """The words of a record view's field, on its first line and the indented lines after it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(label + ":"))
    words = lines[start][len(label) + 1:].split()
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        words += line.split()
    return words


def test_record_views_wrap_long_text_at_the_terminal_width(store):
    code, out, err = tty(store, "--no-pager", "wg", "show", "experticia_tecnica", cols=60)
    assert code == 0, err
    assert widest(out) <= 60, out
    assert "…" not in out
    whole = store.ok("wg", "show", "experticia_tecnica").out  # a pipe: one line per text line
    assert widest(whole) > 60
    assert field_words(out, "Propósito") == field_words(whole, "Propósito")
    assert len(field_words(out, "Propósito")) > 10
    _, wide, _ = tty(store, "--no-pager", "--wide", "wg", "show", "experticia_tecnica", cols=60)
    assert wide == whole
