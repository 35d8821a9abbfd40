# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of the foundation: init, the store's safety, config, db, log, help, usage."""
import json
import os
import pwd
import re
import sqlite3
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import EXAMPLES, NACSA_BIN, SOURCE_DIR, TIMEOUT_SCALE, WRAPPER

EXAMPLE = EXAMPLES / "alliance.yaml"
MINIMAL = EXAMPLES / "alliance-minimal.yaml"
MIGRATIONS = sorted((SOURCE_DIR / "lib" / "store" / "migrations").glob("*.sql"))
LATEST = len(MIGRATIONS)
OS_USER = pwd.getpwuid(os.geteuid()).pw_name
USAGE_HINT = "Run 'nacsa --help' or 'nacsa help <command>' for usage.\n"


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def run_with_umask(nacsa, umask, *args, env=None):
    """Runs nacsa under a given umask (the test process's own umask stays as it is)."""
    full_env = dict(nacsa.env)
    full_env.update(env or {})
    full_env = {k: v for k, v in full_env.items() if v is not None}
    proc = subprocess.run(["sh", "-c", f'umask {umask:03o}; exec "$0" "$@"', os.path.abspath(NACSA_BIN), *map(str, args)],
                          cwd=nacsa.workdir, env=full_env, capture_output=True, text=True, timeout=120)
    return proc


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


# --- init ---------------------------------------------------------------------------------

def test_init_creates_a_private_wal_store_even_under_umask_000(nacsa):
    proc = run_with_umask(nacsa, 0o000, "init", "--config", EXAMPLE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == (f"nacsa: created {nacsa.db} for Alianza Nacional de la Sociedad Civil contra la "
                           "Delincuencia Organizada Transnacional (ANSC Chile); 3 working groups created\n")
    assert mode(nacsa.db) == 0o600
    for suffix in ("-wal", "-shm"):
        side = Path(str(nacsa.db) + suffix)
        if side.exists():
            assert mode(side) == 0o600
    con = sqlite3.connect(nacsa.db)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert con.execute("PRAGMA user_version").fetchone() == (LATEST,)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT yaml, file_name FROM config").fetchall() == [
            (EXAMPLE.read_text(encoding="utf-8"), "alliance.yaml")]
        assert dict(con.execute("SELECT key, value FROM meta WHERE key IN ('created_at', 'created_by')")) == {
            "created_at": "2026-11-29T12:00:00Z", "created_by": OS_USER}
    finally:
        con.close()


def test_init_needs_a_configuration_or_says_example(nacsa):
    """Without --config, init used to make the Chilean example alliance silently, which config
    apply could not then turn into the user's own."""
    result = nacsa.run("init")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("nacsa: error: init: give the alliance's configuration with --config FILE (`nacsa config "
                          "template --country CC > alliance.yaml` writes a starter to edit), or --example to try "
                          "nacsa with the example alliance\n")
    assert not nacsa.db.exists()
    assert nacsa.run("init", "--example", "--config", EXAMPLE).code == 2
    nacsa.ok("init", "--example")
    assert nacsa.ok("config", "show").out == EXAMPLE.read_text(encoding="utf-8")


def test_config_template_is_a_valid_starter_for_a_country(nacsa):
    result = nacsa.ok("config", "template", "--country", "pe", "--language", "es")
    text = result.out
    assert text.startswith("# Starter configuration of a national civil society alliance in Peru")
    assert "\ncountry: PE\nlanguage: es\ntime_zone: America/Lima\n" in text
    assert 'name: "Alianza Nacional de la Sociedad Civil de Peru"' in text
    assert '  - {key: la_libertad, name: "La Libertad"}' in text
    assert "\nthematic_areas:\n" in text and "\nworking_groups:" not in text
    nacsa.write("alliance.yaml", text)
    assert "valid configuration for Alianza Nacional de la Sociedad Civil de Peru (PE, 26 regions" in \
        nacsa.ok("config", "check", "alliance.yaml").err
    nacsa.ok("init", "--config", "alliance.yaml")
    assert nacsa.ok("config", "show").out == text
    for args, code in ((["--country", "XQ"], 2), ([], 2), (["--country", "PE", "--language", "de"], 2)):
        assert nacsa.run("config", "template", *args).code == code, args


def test_init_at_the_default_path_creates_private_folders(nacsa):
    xdg = nacsa.workdir / "xdg"
    proc = run_with_umask(nacsa, 0o000, "init", "--example", env={"NACSA_DB": None, "XDG_DATA_HOME": str(xdg)})
    assert proc.returncode == 0, proc.stderr
    store = xdg / "nacsa" / "nacsa.db"
    assert proc.stderr.startswith(f"nacsa: created {store} for ")
    assert mode(xdg) == 0o700
    assert mode(xdg / "nacsa") == 0o700
    assert mode(store) == 0o600
    # Without XDG_DATA_HOME: ~/.local/share/nacsa/nacsa.db
    proc = run_with_umask(nacsa, 0o022, "init", "--example", env={"NACSA_DB": None})
    assert proc.returncode == 0, proc.stderr
    home_store = nacsa.workdir / "home" / ".local" / "share" / "nacsa" / "nacsa.db"
    assert mode(home_store) == 0o600
    assert mode(home_store.parent) == 0o700
    # --db wins over NACSA_DB, which wins over the default.
    nacsa.ok("--db", nacsa.path("explicit.db"), "init", "--example")
    assert nacsa.path("explicit.db").exists()
    assert not nacsa.db.exists()


def test_init_twice_refuses_and_leaves_the_store_untouched(alliance):
    before = alliance.dump()
    raw = alliance.db.read_bytes()
    result = alliance.run("init", "--config", MINIMAL)
    assert result.code == 73
    assert result.out == ""
    assert result.err == (f"nacsa: error: {alliance.db}: a store already exists here; nacsa init never "
                          "overwrites one (use another --db path)\n")
    assert alliance.dump() == before
    assert alliance.db.read_bytes() == raw


def test_init_refuses_any_existing_file(nacsa):
    nacsa.write("store.db", "not mine\n")
    assert nacsa.run("init", "--example").code == 73
    assert nacsa.db.read_text() == "not mine\n"


def test_a_config_with_three_mistakes_reports_all_three_and_creates_nothing(nacsa):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("country: CL", "country: Chile").replace("language: es", "language: de")
    text = text.replace("  term_months: 24", "  term_months: twelve")
    bad = nacsa.write("bad.yaml", text)
    result = nacsa.run("init", "--config", bad)
    assert result.code == 78, str(result)
    assert result.out == ""
    assert result.err == (
        f'nacsa: error: {bad}:{line_of(text, "country:")}:10: field "country": "Chile" is not an ISO 3166-1 '
        'alpha-2 country code (e.g. CL, MX, FR)\n'
        f'nacsa: error: {bad}:{line_of(text, "language:")}:11: field "language": "de" is not supported '
        '(expected en, es or fr)\n'
        f'nacsa: error: {bad}:{line_of(text, "  term_months:")}:16: field "steering_committee.term_months": '
        'expected a whole number\n')
    assert not nacsa.db.exists()
    assert sorted(p.name for p in nacsa.workdir.iterdir()) == ["bad.yaml", "home"]
    # config check says the same, without a store.
    check = nacsa.run("config", "check", bad)
    assert (check.code, check.err) == (78, result.err)


def test_init_with_a_missing_config_file(nacsa):
    result = nacsa.run("init", "--config", "nowhere.yaml")
    assert (result.code, result.err) == (66, "nacsa: error: nowhere.yaml: no such file\n")
    assert not nacsa.db.exists()


# --- usage --------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--bogus"], "unknown option \"--bogus\" for 'nacsa'"),
    (["--bogus", "log"], "unknown option \"--bogus\" for 'nacsa log'"),
    (["log", "--bogus"], "unknown option \"--bogus\" for 'nacsa log'"),
    (["db", "--bogus"], "unknown option \"--bogus\" for 'nacsa db'"),
    (["init", "--confg", "x.yaml"], "unknown option \"--confg\" for 'nacsa init'"),
    (["frobnicate"], "unknown command \"frobnicate\" for 'nacsa' (known: init, config, db, member, committee, wg, meeting, plan, report, log, "),
    (["db", "frobnicate"], "unknown command \"frobnicate\" for 'nacsa db' (known: check, migrate, backup, dump, load)"),
    (["log", "extra"], "unexpected argument \"extra\" for 'nacsa log'"),
    (["db"], "'nacsa db' needs a command (one of: check, migrate, backup, dump, load)"),
    (["--format", "xml", "log"], '--format: "xml" is not one of table, json, csv, md, html, pdf'),
])
def test_usage_errors_exit_2_and_name_the_problem(nacsa, args, message):
    result = nacsa.run(*args)
    assert result.code == 2, str(result)
    assert result.out == ""
    assert result.err.startswith("nacsa: error: " + message), result.err
    assert result.err.endswith(USAGE_HINT)
    assert not nacsa.db.exists()


def test_no_command_is_a_usage_error(nacsa):
    result = nacsa.run()
    assert result.code == 2
    assert result.err.startswith("nacsa: error: 'nacsa' needs a command (one of: init, config, db, member, committee, wg, meeting, plan, report, log, ")


def test_a_bad_date_option_is_a_usage_error(alliance):
    result = alliance.run("log", "--since", "2026-13-01")
    assert (result.code, result.err) == (2, 'nacsa: error: --since: "2026-13-01" is not a date (expected YYYY-MM-DD)\n')


# --- read commands without a store --------------------------------------------------------

@pytest.mark.parametrize("args", [["log"], ["config", "show"], ["db", "check"], ["db", "migrate"],
                                  ["db", "backup", "copy.db"], ["config", "apply", str(MINIMAL)]])
def test_a_missing_store_is_reported_and_never_created(nacsa, args):
    missing = nacsa.path("sub") / "missing.db"
    result = nacsa.run("--db", missing, *args)
    assert result.code == 66, str(result)
    assert result.out == ""
    assert result.err == f"nacsa: error: {missing}: no store here (create one with `nacsa init`, or give --db)\n"
    assert not missing.parent.exists()
    assert not nacsa.path("copy.db").exists()


def test_the_default_store_is_not_created_by_a_read_command(nacsa):
    xdg = nacsa.workdir / "xdg"
    result = nacsa.run("log", env={"NACSA_DB": "", "XDG_DATA_HOME": str(xdg)})
    assert result.code == 66
    assert str(xdg / "nacsa" / "nacsa.db") in result.err
    assert not xdg.exists()


# --- db check -----------------------------------------------------------------------------

def test_db_check_ok(alliance):
    result = alliance.run("db", "check")
    assert (result.code, result.out, result.err) == (0, "", f"nacsa: {alliance.db}: ok\n")
    assert json.loads(alliance.ok("--format", "json", "db", "check").out) == []


def damage(nacsa, how):
    if how == "truncated":
        data = nacsa.db.read_bytes()
        nacsa.db.write_bytes(data[:len(data) // 2 + 123])
    elif how == "random":
        nacsa.db.write_bytes(os.urandom(64 * 1024))
    elif how == "garbled header":
        data = bytearray(nacsa.db.read_bytes())
        data[100:4096] = os.urandom(3996)
        nacsa.db.write_bytes(bytes(data))
    elif how == "empty":
        nacsa.db.write_bytes(b"")
    elif how == "text":
        nacsa.db.write_text("name: not a store\n")
    for suffix in ("-wal", "-shm"):
        Path(str(nacsa.db) + suffix).unlink(missing_ok=True)


@pytest.mark.parametrize("how", ["truncated", "random", "garbled header", "empty", "text"])
def test_db_check_on_a_damaged_store_reports_it_without_crashing(alliance, how):
    damage(alliance, how)
    result = alliance.run("db", "check")
    assert result.code in (1, 74), str(result)
    assert "Traceback" not in result.err and "Sanitizer" not in result.err
    if result.code == 1:
        assert str(alliance.db) in result.out
        assert re.search(r"error +(open|integrity|config|schema-version)", result.out), result.out
    else:
        assert result.err.startswith(f"nacsa: error: {alliance.db}: ")
    # Other commands refuse it with a clear message too.
    log = alliance.run("log")
    assert log.code == 74, str(log)
    assert log.err.startswith(f"nacsa: error: {alliance.db}: "), log.err
    assert len(log.err.splitlines()) == 1


def test_db_check_on_a_directory(nacsa):
    nacsa.db.mkdir()
    result = nacsa.run("db", "check")
    assert (result.code, result.err) == (66, f"nacsa: error: {nacsa.db}: is a directory, not a store\n")


def test_db_check_finds_a_store_readable_by_others(alliance):
    os.chmod(alliance.db, 0o644)
    result = alliance.run("db", "check")
    assert result.code == 1
    assert result.out.splitlines()[0].split() == ["SEVERITY", "RULE", "RECORD", "MESSAGE"]
    assert f"{alliance.db} has mode 0644; it holds personal data and must be 0600 (chmod 600 {alliance.db})" \
        in result.out
    # Opened once at 0644, its -wal and -shm files now have that mode too: each is a finding.
    findings = json.loads(alliance.run("--format", "json", "db", "check").out)
    assert {(f["severity"], f["rule"], f["record"]) for f in findings} == {("error", "file-mode", str(alliance.db))}
    assert findings[0]["message"].startswith(f"{alliance.db} has mode 0644")
    assert {f["message"].split()[0] for f in findings} <= {str(alliance.db) + s for s in ("", "-wal", "-shm")}
    es = alliance.run("--lang", "es", "db", "check").out
    assert f"{alliance.db} tiene permisos 0644; contiene datos personales y debe tener 0600" in es, es
    fr = alliance.run("db", "check", env={"NACSA_LANG": "fr"}).out
    assert f"{alliance.db} a les droits 0644 ; il contient des données personnelles" in fr, fr


def test_db_check_finds_a_missing_configuration(alliance):
    con = sqlite3.connect(alliance.db)
    con.execute("DELETE FROM config")
    con.commit()
    con.close()
    result = alliance.run("--format", "json", "db", "check")
    assert result.code == 1
    assert [f["rule"] for f in json.loads(result.out)] == ["config"]


# --- db backup ----------------------------------------------------------------------------

WRITER = r"""
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
n = int(con.execute("SELECT max(n) FROM load").fetchone()[0])
while True:
    n += 1
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO load (n, payload) VALUES (?, randomblob(2000))", (n,))
    con.execute("UPDATE load_last SET n = ?", (n,))
    con.execute("COMMIT")
    if n % 50 == 0:
        print(n, flush=True)
"""


def test_db_backup_is_a_consistent_private_copy_while_another_process_writes(alliance):
    con = sqlite3.connect(alliance.db, isolation_level=None)
    con.execute("CREATE TABLE load (n INTEGER PRIMARY KEY, payload BLOB)")
    con.execute("CREATE TABLE load_last (n INTEGER)")
    con.execute("BEGIN")
    con.executemany("INSERT INTO load VALUES (?, randomblob(8000))", [(i,) for i in range(1, 3001)])
    con.execute("INSERT INTO load_last VALUES (3000)")
    con.execute("COMMIT")
    con.close()

    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(alliance.db)], stdout=subprocess.PIPE, text=True)
    try:
        writer.stdout.readline()  # the writer is running
        copy = alliance.path("backup.db")
        proc = run_with_umask(alliance, 0o000, "db", "backup", copy)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == f"nacsa: backed up {alliance.db} to {copy}\n"
        writer.stdout.readline()  # and still running after the backup
    finally:
        writer.kill()
        writer.wait()

    assert mode(copy) == 0o600
    backup = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert backup.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        last = backup.execute("SELECT n FROM load_last").fetchone()[0]
        count, top = backup.execute("SELECT count(*), max(n) FROM load").fetchone()
        assert count == top == last  # one snapshot: every row up to the last one, nothing after it
        assert last > 3000
        assert backup.execute("SELECT yaml FROM config").fetchone()[0] == EXAMPLE.read_text(encoding="utf-8")
    finally:
        backup.close()
    assert not Path(str(copy) + "-wal").exists()
    assert not [p for p in alliance.workdir.iterdir() if p.name.startswith(".")]
    # The copy is a store nacsa can use.
    alliance.ok("--db", copy, "db", "check")


def test_db_backup_never_overwrites(alliance):
    alliance.write("taken.db", "mine\n")
    result = alliance.run("db", "backup", "taken.db")
    assert (result.code, result.err) == (
        73, "nacsa: error: taken.db: already exists; nacsa db backup never overwrites a file\n")
    assert alliance.path("taken.db").read_text() == "mine\n"
    result = alliance.run("db", "backup", "no/such/folder/x.db")
    assert (result.code, result.err) == (
        73, "nacsa: error: no/such/folder/x.db: the folder no/such/folder does not exist\n")


def test_db_backup_to_standard_output_is_the_store_and_leaves_no_copy(alliance):
    alliance.ok("member", "add", "--name", "Fundación Copia", "--type", "ngo")
    tmp = alliance.path("tmp")
    tmp.mkdir()
    result = alliance.run("db", "backup", "-", binary=True, env={"TMPDIR": str(tmp)})
    assert result.code == 0 and result.err == b"nacsa: backed up " + str(alliance.db).encode() + b" to standard output\n"
    assert result.out.startswith(b"SQLite format 3\x00")
    alliance.path("piped.db").write_bytes(result.out)
    copy = sqlite3.connect(alliance.path("piped.db"))
    assert copy.execute("SELECT name FROM member WHERE name = 'Fundación Copia'").fetchall() == [("Fundación Copia",)]
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    copy.close()
    assert list(tmp.iterdir()) == []  # the private temporary copy is gone
    assert not alliance.path("-").exists()
    # A store's bytes are not for a terminal.
    master, slave = os.openpty()
    try:
        proc = subprocess.run([*WRAPPER, NACSA_BIN, "db", "backup", "-"], cwd=alliance.workdir, env=alliance.env,
                              stdout=slave, stderr=subprocess.PIPE, timeout=60 * TIMEOUT_SCALE)
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 2
    assert proc.stderr.decode() == ("nacsa: error: db backup -: standard output is a terminal; redirect it to a "
                                    "file or a program (nacsa db backup - | gpg -e ...)\n")


# --- schema versions ----------------------------------------------------------------------

def make_version_1_store(path):
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.executescript(MIGRATIONS[0].read_text(encoding="utf-8"))
    con.execute("INSERT INTO config (yaml, file_name, applied_at) VALUES (?, 'alliance.yaml', "
                "'2025-06-01T10:00:00Z')", (EXAMPLE.read_text(encoding="utf-8"),))
    con.execute("INSERT INTO meta (key, value) VALUES ('created_at', '2025-06-01T10:00:00Z')")
    con.execute("INSERT INTO audit (at, os_user, command, record_kind, record_id, summary) VALUES "
                "('2025-06-01T10:00:00Z', 'ana', 'init', 'store', 'nacsa.db', 'created the store')")
    con.execute("PRAGMA user_version = 1")
    con.close()
    os.chmod(path, 0o600)


def test_db_migrate_upgrades_a_version_1_store(nacsa):
    assert MIGRATIONS[0].name == "0001_foundation.sql"
    make_version_1_store(nacsa.db)
    refused = nacsa.run("log")
    assert refused.code == 74
    assert refused.err == (f"nacsa: error: {nacsa.db}: the store has schema version 1, this nacsa needs version "
                           f"{LATEST}; back it up with `nacsa db backup FILE`, then run `nacsa db migrate`\n")
    check = nacsa.run("db", "check")
    assert check.code == 1
    assert f"schema version 1 is older than this nacsa's ({LATEST}); run `nacsa db migrate`" in check.out

    # As the message says: back it up, then migrate.
    nacsa.ok("db", "backup", "before-migrate.db")
    result = nacsa.run("db", "migrate")
    assert (result.code, result.out) == (0, "")
    assert result.err == f"nacsa: {nacsa.db}: migrated from schema version 1 to {LATEST}\n"
    assert nacsa.sql("PRAGMA user_version") == [(LATEST,)]
    nacsa.ok("db", "check")
    log = json.loads(nacsa.ok("--format", "json", "log").out)
    assert [(e["user"], e["command"], e["summary"]) for e in log if e["id"] > 1] == [
        (OS_USER, "db migrate", f"migrated to schema version {v}") for v in range(2, LATEST + 1)]
    again = nacsa.run("db", "migrate")
    assert (again.code, again.err) == (0, f"nacsa: {nacsa.db}: already at schema version {LATEST}\n")
    backup = sqlite3.connect(nacsa.path("before-migrate.db"))
    assert backup.execute("PRAGMA user_version").fetchone() == (1,)
    backup.close()


def test_a_store_made_by_a_newer_nacsa_is_refused(alliance):
    con = sqlite3.connect(alliance.db)
    con.execute(f"PRAGMA user_version = {LATEST + 7}")
    con.close()
    before = alliance.dump()
    for args in (["log"], ["config", "show"], ["config", "apply", MINIMAL]):
        result = alliance.run(*args)
        assert result.code == 74
        assert result.err == (f"nacsa: error: {alliance.db}: the store has schema version {LATEST + 7}, made by a "
                              f"newer nacsa; this nacsa knows up to version {LATEST} (upgrade nacsa)\n")
    migrate = alliance.run("db", "migrate")
    assert migrate.code == 74
    assert "made by a newer nacsa" in migrate.err
    check = alliance.run("db", "check")
    assert check.code == 1
    assert f"schema version {LATEST + 7} is newer than this nacsa knows ({LATEST})" in check.out
    assert alliance.dump() == before


# --- config -------------------------------------------------------------------------------

def test_config_show_prints_the_stored_configuration(alliance):
    result = alliance.ok("config", "show")
    assert result.out == EXAMPLE.read_text(encoding="utf-8")
    assert result.err == ""


def test_config_check(nacsa):
    result = nacsa.ok("config", "check", MINIMAL)
    assert result.err == (f"nacsa: {MINIMAL}: valid configuration for Alliance nationale de la société civile "
                          "contre la criminalité transnationale organisée (FR, 3 regions, 6 thematic areas)\n")
    assert nacsa.ok("-q", "config", "check", MINIMAL).err == ""
    stdin = nacsa.ok("config", "check", "-", input=EXAMPLE.read_text(encoding="utf-8"))
    assert stdin.err.startswith("nacsa: -: valid configuration for Alianza Nacional")
    assert nacsa.run("config", "check", "nowhere.yaml").code == 66
    assert not nacsa.db.exists()


def test_config_apply_updates_and_audits(alliance):
    before = alliance.dump()
    result = alliance.ok("config", "apply", "--dry-run", MINIMAL)
    assert result.err == (f"nacsa: dry run: would apply {MINIMAL}: configuration updated (regions: 16 -> 3; "
                          "organisation types: 9 -> 1; roles: 4 -> 2)\n")
    assert alliance.dump() == before
    result = alliance.ok("config", "apply", MINIMAL)
    assert result.err == "nacsa: configuration updated (regions: 16 -> 3; organisation types: 9 -> 1; roles: 4 -> 2)\n"
    assert alliance.ok("config", "show").out == MINIMAL.read_text(encoding="utf-8")
    assert alliance.sql("SELECT file_name FROM config ORDER BY id") == [("alliance.yaml",), ("alliance-minimal.yaml",)]
    last = json.loads(alliance.ok("--format", "json", "log", "-n", "1").out)
    assert [(e["user"], e["command"], e["record_kind"], e["record_id"]) for e in last] == [
        (OS_USER, "config apply", "config", "ANSC France")]
    before = alliance.dump()
    again = alliance.ok("config", "apply", MINIMAL)
    assert again.err == "nacsa: the configuration is unchanged\n"
    assert alliance.dump() == before


def test_config_apply_of_an_invalid_file_changes_nothing(alliance):
    before = alliance.dump()
    bad = alliance.write("bad.yaml", MINIMAL.read_text(encoding="utf-8").replace("quorum: 0.5", "quorum: 2", 1))
    result = alliance.run("config", "apply", bad)
    assert result.code == 78
    assert 'field "steering_committee.quorum": 2 is out of range' in result.err
    assert alliance.dump() == before


def test_config_apply_refuses_to_drop_a_region_still_in_use(alliance):
    con = sqlite3.connect(alliance.db)
    con.execute("INSERT INTO member (id, name, name_key, search_text, sort_key, type, region, created_at, updated_at)"
                " VALUES ('fundacion-paz-ciudadana', 'Fundación Paz Ciudadana', 'fundacion paz ciudadana', "
                "'fundacion paz ciudadana', x'00', 'ngo', 'maule', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
    con.commit()
    con.close()
    before = alliance.dump()
    for dry_run in ([], ["--dry-run"]):
        result = alliance.run("config", "apply", *dry_run, MINIMAL)
        assert result.code == 65, str(result)
        assert result.err == (f'nacsa: error: {MINIMAL}: field "regions": "maule" is dropped but still used by 1 '
                              "record: fundacion-paz-ciudadana\n")
        assert alliance.dump() == before


# --- audit log ----------------------------------------------------------------------------

def test_log_lists_every_change_with_user_and_command(alliance):
    # init records the store and the three working groups the configuration creates
    init_entries = json.loads(alliance.ok("--format", "json", "log").out)
    assert [(e["record_kind"], e["record_id"]) for e in init_entries] == [
        ("store", "store.db"), ("working_group", "experticia_tecnica"),
        ("working_group", "comunicacion_estrategica"), ("working_group", "incidencia_y_accion")]
    n = len(init_entries)
    alliance.ok("config", "apply", MINIMAL, env={"SOURCE_DATE_EPOCH": "1796040000"})  # 2026-11-30T12:00:00Z
    table = alliance.ok("log").out.splitlines()
    assert table[0].split() == ["ID", "AT", "USER", "COMMAND", "KIND", "RECORD", "SUMMARY"]
    assert table[1].split()[:7] == ["1", "2026-11-29T12:00:00Z", OS_USER, "init", "store", "store.db", "created"]
    assert re.match(rf" {n + 1}  2026-11-30T12:00:00Z  {OS_USER} +config apply  config +ANSC France +configuration "
                    r"updated \(regions: 16 -> 3", table[-1]), table[-1]

    entries = json.loads(alliance.ok("--format", "json", "log").out)
    assert all(sorted(e) == ["at", "command", "id", "record_id", "record_kind", "summary", "user"] for e in entries)
    assert [(e["id"], e["at"], e["user"], e["command"]) for e in entries] == [
        (i + 1, "2026-11-29T12:00:00Z", OS_USER, "init") for i in range(n)] + [
        (n + 1, "2026-11-30T12:00:00Z", OS_USER, "config apply")]

    since = json.loads(alliance.ok("log", "--since", "2026-11-30", "--format", "json").out)
    assert [e["id"] for e in since] == [n + 1]
    until = json.loads(alliance.ok("log", "--until", "2026-11-29", "--format", "json").out)
    assert [e["id"] for e in until] == list(range(1, n + 1))
    assert json.loads(alliance.ok("log", "--since", "2027-01-01", "--format", "json").out) == []
    assert [e["id"] for e in json.loads(alliance.ok("log", "-n", "1", "--format", "json").out)] == [n + 1]
    assert [e["id"] for e in json.loads(alliance.ok("log", "--kind", "store", "--format", "json").out)] == [1]

    csv = alliance.run("log", "--format", "csv", binary=True).out
    lines = csv.split(b"\r\n")
    assert lines[0] == b"id,at,user,command,record_kind,record_id,summary"
    assert lines[1] == f"1,2026-11-29T12:00:00Z,{OS_USER},init,store,store.db,created the store".encode()
    assert lines[-1] == b""
    excel = alliance.run("--excel", "log", "--format", "csv", binary=True).out
    assert excel.startswith(b"\xef\xbb\xbfid;at;user;command;record_kind;record_id;summary\r\n")


def test_commands_that_fail_leave_no_audit_entry(alliance):
    before = alliance.dump()
    alliance.run("init", "--example")
    alliance.run("config", "apply", "nowhere.yaml")
    alliance.run("member", "add", "--name", "Sin Tipo")  # no --type: refused
    assert alliance.dump() == before


def test_source_date_epoch_is_now(nacsa):
    nacsa.ok("init", "--example", env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01T00:00:00Z
    assert {e["at"] for e in json.loads(nacsa.ok("--format", "json", "log").out)} == {"2026-01-01T00:00:00Z"}
    assert nacsa.sql("SELECT applied_at FROM config") == [("2026-01-01T00:00:00Z",)]
    other = nacsa.path("other.db")
    nacsa.ok("--db", other, "init", "--example", env={"SOURCE_DATE_EPOCH": ""})
    con = sqlite3.connect(other)
    at = con.execute("SELECT at FROM audit").fetchone()[0]
    con.close()
    assert abs(time.mktime(time.strptime(at, "%Y-%m-%dT%H:%M:%SZ")) - time.mktime(time.gmtime())) < 120


# --- help and version ---------------------------------------------------------------------

def subcommands(help_text):
    """Names listed under "Subcommands:" in CLI11's help."""
    names, inside = [], False
    for line in help_text.splitlines():
        if line.startswith("Subcommands:"):
            inside = True
        elif inside and re.match(r"  [a-z]", line):
            names.append(line.split()[0])
        elif inside and line and not line.startswith(" "):
            inside = False
    return names


def command_args(nacsa, path):
    """The arguments that reach a command: a command that takes a required argument before its
    subcommands (meeting agenda ID add) gets a placeholder there."""
    args = []
    for word in path:
        args.append(word)
        help_text = nacsa.ok(*args, "--help").out
        if word != path[-1] and "SUBCOMMAND" in help_text and "REQUIRED" in help_text.split("Options:")[0]:
            args.append("PLACEHOLDER")
    return args


def all_commands(nacsa):
    """Every command path, each with its --help output, found by walking the help texts (the
    runs of one level go in parallel: under the sanitizers each start of nacsa is slow)."""
    found = {}
    level = [[name] for name in subcommands(nacsa.ok("--help").out) if name != "help"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        while level:
            results = list(pool.map(lambda path: nacsa.run(*command_args(nacsa, path), "--help"), level))
            following = []
            for path, result in zip(level, results):
                assert result.code == 0, (path, result)
                found[tuple(path)] = result
                following += [path + [name] for name in subcommands(result.out)]
            level = following
    return found


def test_help_for_every_command(nacsa):
    commands = all_commands(nacsa)
    assert ("init",) in commands and ("db", "backup") in commands and ("config", "apply") in commands
    assert ("log",) in commands
    with ThreadPoolExecutor(max_workers=4) as pool:
        via_help = dict(zip(commands, pool.map(lambda path: nacsa.run("help", *path), commands)))
    for path, result in commands.items():
        assert f"Usage: nacsa {' '.join(path)}" in result.out, result.out
        assert result.err == ""
        assert via_help[path].code == 0, path
        assert via_help[path].out == result.out
    # `member add --help` builds member's add alone (app.cpp subcommand_to_build; member, meeting,
    # committee, wg and plan say which part builds which); a global option between the command
    # and the subcommand has nacsa build the whole command: the same help either way. (Below a
    # meeting's subcommand the help may take a meeting id first: those are left out.)
    members = [path for path in commands
               if (path[0] == "member" and len(path) >= 2)
               or (path[0] in ("meeting", "committee", "wg", "plan") and len(path) == 2)]
    assert ("member", "add") in members and ("member", "import") in members
    assert ("meeting", "held") in members and ("meeting", "participant") in members
    with ThreadPoolExecutor(max_workers=4) as pool:
        whole = list(pool.map(lambda path: nacsa.run(path[0], "--no-pager", *path[1:], "--help"),
                              members))
    for path, result in zip(members, whole):
        assert (result.code, result.out) == (0, commands[path].out), path
    top = nacsa.ok("help").out
    assert top == nacsa.ok("--help").out
    assert "Usage: nacsa [OPTIONS]" in top
    for option in ("--db", "--format", "--excel", "--lang", "--quiet", "--no-color", "--version"):
        assert option in top
    unknown = nacsa.run("help", "frobnicate")
    assert (unknown.code, unknown.err) == (2, "nacsa: error: no such command: frobnicate\n")
    assert not nacsa.db.exists()


def test_version(nacsa):
    result = nacsa.ok("--version")
    lines = result.out.splitlines()
    assert re.fullmatch(r"nacsa \d+\.\d+\.\d+", lines[0])
    assert lines[1] == f"schema version {LATEST} (the store version this nacsa writes)"
    assert lines[2].startswith("SQLite 3.")


@pytest.mark.parametrize("args, prints", [
    (["config", "show"], "config show: --format {} does not apply: it prints the configuration as YAML"),
    (["plan", "timeline"], "plan timeline: --format {} does not apply: it prints a text chart"),
    (["plan", "export"], "plan export: --format {} does not apply: it prints the plan file (YAML)"),
    (["meeting", "ics"], "meeting ics: --format {} does not apply: it prints iCalendar (RFC 5545)"),
    (["completion", "bash"], "completion: --format {} does not apply: it prints a shell script"),
    (["member", "export"], "member export: --format {} does not apply: it writes yaml, csv or jsonl"),
    (["member", "list"], "--format {} is for reports (nacsa report); this command prints table, json or csv"),
])
def test_a_format_a_command_cannot_give_is_refused_not_ignored(alliance, args, prints):
    for fmt in (["json", "md"] if args != ["member", "list"] else ["md", "html"]):
        result = alliance.run("--format", fmt, *args)
        assert (result.code, result.out) == (2, ""), (fmt, result)
        assert result.err.startswith("nacsa: error: " + prints.format(fmt)), (fmt, result)
    assert alliance.run(*args).code == 0
