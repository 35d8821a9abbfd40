# SPDX-License-Identifier: Apache-2.0
"""Hostile text is data, never code: SQL and shell metacharacters, format strings, terminal
escapes and bidi overrides are stored and printed back verbatim in JSON and CSV, and escaped on
a terminal-facing table. Files holding personal data are created 0600 even under umask 000."""

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess

import pytest

from conftest import EXAMPLES, NACSA_BIN, WRAPPER, tty

HOSTILE = {
    "name": "Robert'); DROP TABLE members;-- \"quoted\" $(rm -rf ~) `id` %s%n%x {} {0} ${HOME}",
    "city": "Red\x1b[31m city\x1b[0m \u202eevil\u202c \u200f",
    "notes": "; | & < > * ? \\ \n second line \t tab \x07 bell",
    "acronym": "%s{}",
}


@pytest.fixture
def hostile(alliance):
    added = alliance.ok("member", "add", "--name", HOSTILE["name"], "--acronym", HOSTILE["acronym"],
                        "--type", "ngo", "--region", "maule", "--city", HOSTILE["city"],
                        "--notes", HOSTILE["notes"], "--theme", "untoc", "--joined", "2025-01-02")
    member_id = added.out.strip()
    assert member_id
    return alliance, member_id


def test_hostile_text_is_stored_verbatim(hostile):
    nacsa, member_id = hostile
    shown = json.loads(nacsa.ok("--format", "json", "member", "show", member_id).out)
    assert (shown["name"], shown["acronym"], shown["city"], shown["notes"]) == (
        HOSTILE["name"], HOSTILE["acronym"], HOSTILE["city"], HOSTILE["notes"])
    # The injection did nothing: the table is still there with one member.
    assert len(json.loads(nacsa.ok("--format", "json", "member", "list").out)) == 1


def test_hostile_text_round_trips_in_json_and_csv(hostile):
    nacsa, member_id = hostile
    listed = json.loads(nacsa.ok("member", "list", "--format", "json").out)
    assert len(listed) == 1
    record = listed[0]
    assert record["id"] == member_id
    assert record["name"] == HOSTILE["name"]
    assert record["city"] == HOSTILE["city"]
    shown = json.loads(nacsa.ok("member", "show", member_id, "--format", "json").out)
    assert shown["name"] == HOSTILE["name"]
    assert shown["notes"] == HOSTILE["notes"]
    out = nacsa.ok("member", "list", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[0]["name"] == HOSTILE["name"]
    assert rows[0]["city"] == HOSTILE["city"]


def test_table_output_escapes_terminal_controls(hostile):
    nacsa, member_id = hostile
    for args in (["member", "list"], ["member", "show", member_id]):
        out = nacsa.ok(*args).out
        assert "\x1b" not in out and "\x07" not in out, out
        assert "\u202e" not in out and "\u202c" not in out and "\u200f" not in out, out
        assert "DROP TABLE members" in out


# C0 and C1 controls a terminal obeys: ESC c resets it, U+009B is an 8-bit CSI, U+0085 NEL.
C1_NAME = "Org \x1bc reset \u009b31m csi \u0085 nel"


@pytest.fixture
def controls(alliance):
    alliance.write("c1.jsonl", json.dumps({"name": C1_NAME, "type": "ngo", "region": "maule",
                                           "thematic_areas": ["untoc"], "joined": "2026-07-01"}) + "\n")
    alliance.ok("member", "import", "c1.jsonl")
    return alliance


def _raw_controls(text):
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0]


def test_markdown_and_html_reports_escape_c0_and_c1_controls(controls):
    for fmt in ("md", "html"):
        out = controls.ok("report", "quarterly", "--quarter", "2026Q3", "--format", fmt).out
        assert "Org \\x1bc reset \\u009b31m csi \\u0085 nel" in out.replace("\\\\", "\\"), fmt
        assert _raw_controls(out) == [], fmt


def test_json_escapes_c1_controls_and_reads_back_the_same(controls):
    for args in (["member", "list", "--format", "json"], ["report", "quarterly", "--quarter", "2026Q3",
                                                          "--format", "json"]):
        raw = controls.ok(*args).out
        assert _raw_controls(raw) == [], args
        assert "\\u009b" in raw and "\\u0085" in raw and "\\u001b" in raw, args
    listed = json.loads(controls.ok("member", "list", "--format", "json").out)
    assert listed[0]["name"] == C1_NAME
    exported = controls.ok("member", "export", "--format", "jsonl").out
    assert _raw_controls(exported) == []
    assert json.loads(exported)["name"] == C1_NAME


def test_csv_keeps_controls_for_files_and_escapes_them_on_a_terminal(controls):
    piped = controls.ok("member", "list", "--format", "csv").out
    assert C1_NAME in piped  # verbatim for scripts and files
    code, shown, _ = tty(controls, "member", "list", "--format", "csv")
    assert code == 0
    assert "Org \\x1bc reset \\u009b31m csi \\u0085 nel" in shown
    assert _raw_controls(shown.replace("\r", "")) == []


def test_yaml_export_round_trips_controls(controls):
    first = controls.ok("member", "export", "--format", "yaml").out
    assert _raw_controls(first) == []
    controls.write("again.yaml", first)
    other = controls.workdir / "other.db"
    env = {"NACSA_DB": str(other)}
    controls.ok("init", "--config", EXAMPLES / "alliance.yaml", env=env)
    controls.ok("member", "import", "again.yaml", env=env)
    assert controls.ok("member", "export", "--format", "yaml", env=env).out == first


def test_log_escapes_terminal_controls(hostile):
    nacsa, _ = hostile
    out = nacsa.ok("log").out
    assert "\x1b" not in out and "\u202e" not in out, out


def _umask_run(nacsa, *args):
    """Runs nacsa under umask 000, as a careless cron job would."""
    env = dict(nacsa.env)
    return subprocess.run([*WRAPPER, NACSA_BIN, *map(str, args)], cwd=nacsa.workdir, env=env, capture_output=True,
                          preexec_fn=lambda: os.umask(0), timeout=120)


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_personal_data_files_are_0600_under_umask_000(nacsa):
    proc = _umask_run(nacsa, "init", "--example")
    assert proc.returncode == 0, proc.stderr
    proc = _umask_run(nacsa, "member", "add", "--name", "Fundación Uno", "--type", "ngo", "--region", "maule")
    assert proc.returncode == 0, proc.stderr
    assert _mode(nacsa.db) == 0o600
    for suffix in ("-wal", "-shm", "-journal"):
        side = nacsa.db.with_name(nacsa.db.name + suffix)
        if side.exists():
            assert _mode(side) == 0o600, side
    proc = _umask_run(nacsa, "db", "backup", "backup.db")
    assert proc.returncode == 0, proc.stderr
    assert _mode(nacsa.path("backup.db")) == 0o600


def test_store_folder_created_0700_under_umask_000(nacsa):
    env = dict(nacsa.env)
    del env["NACSA_DB"]
    env["XDG_DATA_HOME"] = str(nacsa.path("xdg"))
    proc = subprocess.run([*WRAPPER, NACSA_BIN, "init", "--example"], cwd=nacsa.workdir, env=env, capture_output=True,
                          preexec_fn=lambda: os.umask(0), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert _mode(nacsa.path("xdg") / "nacsa") == 0o700
    assert _mode(nacsa.path("xdg") / "nacsa" / "nacsa.db") == 0o600


def _raw_store_bytes(nacsa):
    """The store file and its write-ahead log, as bytes on disk."""
    data = b""
    for suffix in ("", "-wal"):
        path = nacsa.db.with_name(nacsa.db.name + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


def test_forgotten_personal_data_is_gone_from_the_file_bytes(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    # Another connection stays open (a report running, say): nacsa is then not the last to close
    # the store, so SQLite leaves the write-ahead log, old frames and all, on disk unless forget
    # empties it.
    other = sqlite3.connect(alliance.db)
    other.execute("SELECT count(*) FROM member").fetchall()
    secret_name = "Zoraida Quintanilla-Etxeberria"
    secret_mail = "zoraida.q@proteccion-testigos.example"
    alliance.ok("member", "contact", "add", "rutas-seguras", "--name", secret_name,
                "--email", secret_mail, "--phone", "+56 9 8765 4321")
    alliance.ok("member", "contact", "edit", "rutas-seguras", secret_name, "--position", "Testigo")
    assert secret_name.encode() in _raw_store_bytes(alliance)
    alliance.ok("member", "forget", "rutas-seguras", "--contact", secret_name, "--yes")
    raw = _raw_store_bytes(alliance)
    for secret in (secret_name, secret_mail, "8765 4321"):
        assert secret.encode() not in raw, f"{secret!r} is still in the store file"
    assert alliance.run("db", "check").code == 0
    other.close()


def _hold_a_read_transaction(nacsa):
    """Another process reading the store: a read transaction kept open on an old snapshot."""
    reader = sqlite3.connect(nacsa.db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM contact").fetchall()
    return reader


@pytest.mark.parametrize("command", [
    ("member", "forget", "rutas-seguras", "--contact", "Zoraida Quintanilla", "--yes"),
    ("member", "contact", "remove", "rutas-seguras", "Zoraida Quintanilla", "--yes"),
])
def test_an_erasure_under_a_long_reader_fails_cleanly_and_later_succeeds(alliance, command):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    secret_mail = "zoraida@proteccion.example"
    alliance.ok("member", "contact", "add", "rutas-seguras", "--name", "Zoraida Quintanilla",
                "--email", secret_mail)
    log_before = alliance.ok("log", "--format", "json").out
    reader = _hold_a_read_transaction(alliance)
    try:
        result = alliance.run(*command, env={"NACSA_BUSY_TIMEOUT": "300"})
        assert result.code == 75, str(result)
        assert "another process is reading the store" in result.err
        assert "the erasure was undone and nothing changed" in result.err
        # Nothing changed: the person is still a contact, and the log has no erasure.
        assert secret_mail in alliance.ok("member", "show", "rutas-seguras", "--format", "json").out
        assert alliance.ok("log", "--format", "json").out == log_before
    finally:
        reader.close()
    alliance.ok(*command)
    assert secret_mail not in alliance.ok("member", "show", "rutas-seguras", "--format", "json").out
    raw = _raw_store_bytes(alliance)
    for secret in (b"Zoraida", secret_mail.encode()):
        assert secret not in raw
    assert alliance.run("db", "check").code == 0


def test_removing_a_former_representative_keeps_the_seat_without_the_name(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    secret = "Eufrasia Villavicencio"
    alliance.ok("member", "contact", "add", "rutas-seguras", "--name", secret, "--gender", "female",
                "--email", "eufrasia@example.org")
    alliance.ok("committee", "seat", "rutas-seguras", "--role", "member", "--representative", secret,
                "--from", "2026-01-05")
    alliance.ok("committee", "unseat", "rutas-seguras", "--on", "2026-06-30", "--reason", "resigned")
    before = json.loads(alliance.ok("committee", "history", "--format", "json").out)
    result = alliance.run("member", "contact", "remove", "rutas-seguras", secret, "--yes")
    assert result.code == 0, str(result)
    assert "that record stays, without the person's data" in result.err
    after = json.loads(alliance.ok("committee", "history", "--format", "json").out)
    assert len(after) == len(before)  # the seat is still there
    assert secret not in json.dumps(after)
    member = alliance.ok("member", "show", "rutas-seguras", "--format", "json").out
    assert secret not in member and "eufrasia@example.org" not in member
    assert secret not in alliance.ok("log", "--format", "json").out
    assert secret.encode() not in _raw_store_bytes(alliance)
    assert alliance.run("db", "check").code == 0


def test_forget_reaches_guest_names_action_owners_and_statements_of_interest(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    secret = "Zoraida Quintanilla"
    alliance.ok("member", "contact", "add", "rutas-seguras", "--name", secret)
    (mid,) = alliance.ok("meeting", "schedule", "--title", "Consulta", "--kind", "general_assembly",
                         "--start", "2026-12-10 10:00").out.split()
    alliance.ok("meeting", "invitees", mid, "--guest", "zoraida quintanilla")  # typed in another case
    alliance.ok("meeting", "action", "add", "Enviar el informe", "--meeting", mid, "--owner", secret)
    alliance.ok("committee", "interest", "add", "rutas-seguras", "--for", "secretariat",
                "--statement", f"Nos representaría {secret}, abogada.")
    result = alliance.ok("member", "forget", "rutas-seguras", "--contact", secret, "--yes")
    everything = "".join(alliance.ok(*args, "--format", "json").out for args in (
        ("meeting", "show", mid), ("meeting", "action", "list"), ("committee", "interest", "list")))
    assert "zoraida" not in everything.lower()
    assert "Nos representaría [personal data erased], abogada." in everything
    assert everything.count("personal data erased") >= 3
    assert b"Zoraida" not in _raw_store_bytes(alliance)
    assert b"zoraida" not in _raw_store_bytes(alliance)


def test_removed_contact_leaves_no_personal_data_in_the_log_or_file(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    secret = "Eleuterio Valdivieso-Quiroga"
    alliance.ok("member", "contact", "add", "rutas-seguras", "--name", secret,
                "--email", "eleuterio@example.org")
    alliance.ok("member", "contact", "remove", "rutas-seguras", secret, "--yes")
    log = alliance.ok("log", "--format", "json").out
    assert secret not in log
    assert "removed contact #" in log and "personal data erased" in log
    assert secret.encode() not in _raw_store_bytes(alliance)


def test_forgotten_people_leave_nothing_searchable_not_even_folded(alliance):
    # --search reads folded copies of names, e-mails and phone digits (contact.search_text,
    # member_search): after forget none of them is left in the file, and no search finds them.
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    alliance.ok("member", "contact", "add", "rutas-seguras", "--name", "Zoraida Quintanilla-Etxeberría",
                "--email", "Zoraida.Q@Protección-Testigos.example", "--phone", "+56 9 8765 4321")
    found = alliance.ok("member", "list", "--search", "etxeberria", "--format", "csv").out
    assert "rutas-seguras" in found
    assert "rutas-seguras" in alliance.ok("member", "list", "--search", "9 8765 4321", "--format", "csv").out
    alliance.ok("member", "forget", "rutas-seguras", "--contact", "Zoraida Quintanilla-Etxeberría", "--yes")
    raw = _raw_store_bytes(alliance)
    for secret in ("zoraida quintanilla-etxeberria", "zoraida.q@proteccion-testigos.example", "56987654321"):
        assert secret.encode() not in raw, f"{secret!r} is still in the store file"
    for search in ("etxeberria", "zoraida.q", "9 8765 4321"):
        assert alliance.ok("member", "list", "--search", search, "--format", "csv").out.count("\n") == 1
        assert alliance.ok("member", "contact", "list", "--search", search, "--format", "csv").out.count("\n") == 1
    assert alliance.run("db", "check").code == 0
