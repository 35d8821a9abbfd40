# SPDX-License-Identifier: Apache-2.0
"""nacsa db dump and db load (man 5 nacsa-dump): the store as a folder of YAML files and back,
byte-identical; refusals with their exit codes, naming file, line and field, leaving nothing
behind; parallel loads; a generated store of 10,000 members. The demo store's round trip and
redaction are in test_demo.py, on the store it builds."""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import EXAMPLES, NACSA_BIN, SANITIZED, SOURCE_DIR, WRAPPER

FILES = ["audit.yaml", "committee.yaml", "meetings.yaml", "members.yaml", "nacsa-dump.yaml", "plan.yaml",
         "store.yaml", "working-groups.yaml"]


def _members(nacsa):
    nacsa.ok("init", "--config", str(EXAMPLES / "alliance.yaml"))
    nacsa.ok("member", "import", str(EXAMPLES / "members.yaml"))
    nacsa.ok("member", "contact", "add", "adah", "--name", "Ana Pérez Soto", "--email", "ana.perez@adah.example",
             "--phone", "+56 9 8765 4321", "--gender", "female")
    return None


@pytest.fixture
def members(nacsa):
    nacsa.cached(_members)
    return nacsa


def read_dump(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(folder: Path, name: str) -> list:
    return sorted(p.name for p in folder.iterdir() if name in p.name)


def test_a_dump_loads_into_a_store_that_dumps_byte_identically(members):
    r = members.ok("db", "dump", "dump")
    assert "dumped" in r.err and "records" in r.err
    first = read_dump(members.path("dump"))
    assert sorted(first) == FILES
    assert (members.path("dump").stat().st_mode & 0o777) == 0o700
    for name in FILES:
        assert (members.path("dump") / name).stat().st_mode & 0o777 == 0o600, name
    manifest = first["nacsa-dump.yaml"].decode()
    assert "format: 1\n" in manifest and "redacted: false\n" in manifest
    assert "schema_version: 16\n" in manifest

    r = members.ok("--db", "loaded.db", "db", "load", "dump")
    assert "built loaded.db" in r.err
    assert (members.path("loaded.db").stat().st_mode & 0o777) == 0o600
    members.ok("--db", "loaded.db", "db", "dump", "again")
    assert read_dump(members.path("again")) == first
    members.ok("--db", "loaded.db", "db", "check")
    # The loaded store answers as the first one does, searches included.
    for args in (["member", "list", "--format", "json"], ["member", "contact", "list", "--format", "json"],
                 ["member", "list", "--search", "perez", "--format", "json"], ["log", "--format", "json"]):
        assert members.ok("--db", "loaded.db", *args).out == members.ok(*args).out, args
    # A second dump of the same store, over the first, changes no byte.
    members.ok("db", "dump", "dump")
    assert read_dump(members.path("dump")) == first


def test_a_change_shows_in_the_files_it_touches_only(members):
    members.ok("db", "dump", "dump")
    before = read_dump(members.path("dump"))
    members.ok("member", "edit", "adah", "--city", "Valparaíso")
    members.ok("db", "dump", "dump")
    after = read_dump(members.path("dump"))
    assert sorted(n for n in FILES if before[n] != after[n]) == ["audit.yaml", "members.yaml"]
    removed = set(before["members.yaml"].decode().splitlines()) - set(after["members.yaml"].decode().splitlines())
    assert removed == {"  city: Providencia"}


def test_a_dump_goes_into_a_new_or_empty_folder_or_over_a_dump_only(members):
    members.write("taken/notes.txt", "mine\n")
    r = members.run("db", "dump", "taken")
    assert r.code == 73, str(r)
    assert "taken: holds files and no nacsa-dump.yaml" in r.err
    assert sorted(p.name for p in members.path("taken").iterdir()) == ["notes.txt"]
    members.write("repo/.git/HEAD", "ref: refs/heads/main\n")  # a git checkout to keep the dump in
    members.ok("db", "dump", "repo")
    assert sorted(p.name for p in members.path("repo").iterdir()) == sorted([".git", *FILES])
    members.write("file", "x")
    assert members.run("db", "dump", "file").code == 73


def test_a_redacted_dump_names_no_one_and_still_loads(members):
    members.ok("db", "dump", "--redact", "red")
    texts = {n: b.decode() for n, b in read_dump(members.path("red")).items()}
    assert "redacted: true\n" in texts["nacsa-dump.yaml"]
    for secret in ("Ana Pérez Soto", "ana.perez@adah.example", "+56 9 8765 4321", "8765"):
        for name, text in texts.items():
            assert secret not in text, (secret, name)
    assert "erasure_key: []" in texts["members.yaml"] and "erased_person: []" in texts["members.yaml"]
    members.ok("--db", "red.db", "db", "load", "red")
    names = [c["name"] for c in __import__("json").loads(
        members.ok("--db", "red.db", "member", "contact", "list", "--format", "json").out)]
    assert names and all(n.startswith("person-") and len(n) == 19 for n in names), names
    # Organisations stay, but for their e-mail and phone (often a person's).
    stats = ["member", "stats", "--format", "json"]
    assert members.ok("--db", "red.db", *stats).out == members.ok(*stats).out
    assert "  email: " not in texts["members.yaml"].split("contact:")[0]
    members.ok("db", "dump", "--redact", "red2")
    assert read_dump(members.path("red2")) == read_dump(members.path("red"))


def break_dump(members, file, old, new, count=1):
    path = members.path("dump") / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))


def refused(members, code, *expected):
    r = members.run("--db", "new.db", "db", "load", "dump")
    assert r.code == code, str(r)
    for e in expected:
        assert e in r.err, (e, r.err)
    assert leftovers(members.workdir, "new.db") == [], "a refused load leaves nothing"
    return r


def test_a_load_refuses_a_wrong_value_naming_file_line_and_field(members):
    members.ok("db", "dump", "dump")
    text = (members.path("dump") / "members.yaml").read_text()
    line = text.splitlines().index("  status: active") + 1
    break_dump(members, "members.yaml", "  status: active", "  status: dormant")
    break_dump(members, "members.yaml", "  net4u: false", "  net4u: maybe")
    r = refused(members, 65,
                f'dump/members.yaml:{line}:11: field "member[0].status": "dormant" is not one of: applicant, active, '
                "suspended, withdrawn", 'field "member[', '.net4u": expected true or false')
    # The records that name a refused member say so too, with their own place.
    assert 'field "member_theme[0]": refers to a record that is missing from the dump' in r.err
    r = members.run("--lang", "es", "--db", "new.db", "db", "load", "dump")
    assert r.code == 65 and 'campo "member[0].status": "dormant" no es uno de estos valores' in r.err, str(r)


@pytest.mark.parametrize("file, old, new, expected", [
    ("members.yaml", "member_service:", "member_services:", 'unknown key (expected one of: member, member_theme'),
    ("members.yaml", "  type: ngo\n", "  type: ngo\n  colour: red\n", 'colour": unknown key'),
    ("store.yaml", "  applied_at: ", "  applied_at: 2026-13-01T00:00:00Z\n  x_applied_at: ", "unknown key"),
    ("committee.yaml", "election: []", "election: {}", 'field "election": expected a list'),
    ("members.yaml", "  created_at: \"", "  created_at: \"2026-01-01 ", "is not a time in UTC"),
    ("plan.yaml", "plan_priority: []", "plan_priority: [", "not valid YAML"),
    ("audit.yaml", "- id: 1\n", "- id: one\n", 'field "audit[0].id": expected a whole number'),
])
def test_a_load_refuses_what_is_not_a_dump_of_nacsa(members, file, old, new, expected):
    members.ok("db", "dump", "dump")
    break_dump(members, file, old, new)
    r = refused(members, 65, f"dump/{file}:", expected)
    assert r.out == ""


def test_a_load_checks_keys_against_the_configuration_it_loads_first(members):
    members.ok("db", "dump", "dump")
    break_dump(members, "members.yaml", "  type: ngo\n", "  type: club\n")
    break_dump(members, "members.yaml", "  theme: untoc\n", "  theme: piracy\n")
    refused(members, 65, '"club" is not an organisation type of the configuration (known: ngo, ',
            '"piracy" is not a thematic area of the configuration (known: ')
    members.ok("db", "dump", "dump")
    break_dump(members, "store.yaml", "language: es", "language: xx")
    r = refused(members, 78)
    assert "language" in r.err, str(r)


def test_the_manifest_says_which_dumps_this_nacsa_reads(members):
    members.ok("db", "dump", "dump")
    manifest = members.path("dump") / "nacsa-dump.yaml"
    original = manifest.read_text()
    manifest.write_text(original.replace("format: 1", "format: 2"))
    refused(members, 65, 'nacsa-dump.yaml:2:9: field "format": 2 is newer than this nacsa\'s 1')
    manifest.write_text(original.replace("schema_version: 16", "schema_version: 17"))
    refused(members, 65, 'field "schema_version": 17 is newer than this nacsa\'s 16')
    manifest.write_text(original.replace("audit.yaml", "audit.yml"))
    refused(members, 65, 'field "files": expected [store.yaml, members.yaml')
    # A dump of an older schema in the same format loads: the upgrade path.
    manifest.write_text(original.replace("schema_version: 16", "schema_version: 15"))
    members.ok("--db", "new.db", "db", "load", "dump")
    members.ok("--db", "new.db", "db", "check")


def test_a_load_never_overwrites_and_names_what_is_missing(members):
    members.ok("db", "dump", "dump")
    before = members.path("store.db").read_bytes()
    r = members.run("db", "load", "dump")
    assert r.code == 73 and "store.db: already exists; nacsa db load never overwrites a file" in r.err, str(r)
    assert members.path("store.db").read_bytes() == before
    r = members.run("--db", "new.db", "db", "load", "nowhere")
    assert r.code == 66 and "nowhere: no such folder" in r.err, str(r)
    members.write("empty/.keep", "")
    r = members.run("--db", "new.db", "db", "load", "empty")
    assert r.code == 66 and "empty: not a dump of nacsa: it has no nacsa-dump.yaml" in r.err, str(r)
    (members.path("dump") / "plan.yaml").unlink()
    r = members.run("--db", "new.db", "db", "load", "dump")
    assert r.code == 66 and "dump/plan.yaml" in r.err, str(r)
    assert leftovers(members.workdir, "new.db") == []


def test_a_load_reads_regular_files_only_and_needs_a_configuration(members):
    members.ok("db", "dump", "dump")
    audit = members.path("dump") / "audit.yaml"
    audit.unlink()
    os.mkfifo(audit)  # nobody writes into it: a load that opened it would wait for ever
    refused(members, 66, "dump/audit.yaml: cannot be read as a file of a dump: not a regular file")
    audit.unlink()
    members.ok("db", "dump", "dump")
    text = (members.path("dump") / "store.yaml").read_text()
    start, end = text.index("config:\n"), text.index("finding_ack:")
    (members.path("dump") / "store.yaml").write_text(text[:start] + "config: []\n" + text[end:])
    refused(members, 65, 'dump/store.yaml: field "config": is empty: a store holds at least the configuration')


def test_eight_loads_at_once_make_one_store_and_seven_refusals(members):
    members.ok("db", "dump", "dump")

    def load(i):
        return members.run("--db", "one.db" if i % 2 == 0 else f"own-{i}.db", "db", "load", "dump")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(load, range(8)))
    same = [r.code for i, r in enumerate(results) if i % 2 == 0]
    assert sorted(same) == [0, 73, 73, 73], [str(r) for r in results]
    assert all(r.code == 0 for i, r in enumerate(results) if i % 2 == 1), [str(r) for r in results]
    for name in ["one.db", *(f"own-{i}.db" for i in (1, 3, 5, 7))]:
        members.ok("--db", name, "db", "dump", f"out-{name}")
        assert read_dump(members.path(f"out-{name}")) == read_dump(members.path("dump")), name
    assert [p.name for p in members.workdir.iterdir() if ".nacsa-" in p.name] == []


@pytest.mark.skipif(bool(WRAPPER) or SANITIZED,
                    reason="10,000 members under valgrind or ASan: the round trip of the small stores checks "
                           "the same code, which the plain run checks at this size")
def test_a_generated_store_of_ten_thousand_members_round_trips(nacsa):
    gen = nacsa.path("gen")
    subprocess.run([sys.executable, str(SOURCE_DIR / "bench" / "generate.py"), "10000", str(gen)], check=True,
                   capture_output=True)
    nacsa.ok("init", "--config", str(EXAMPLES / "alliance.yaml"))
    nacsa.ok("member", "import", str(gen / "members.csv"))
    r = nacsa.ok("db", "dump", "dump")
    records = int(r.err.rsplit("(", 1)[1].split()[0])
    assert records > 10000 * 3  # members, their themes and contacts at least
    nacsa.ok("--db", "big.db", "db", "load", "dump")
    nacsa.ok("--db", "big.db", "db", "dump", "again")
    assert read_dump(nacsa.path("again")) == read_dump(nacsa.path("dump"))
    stats = ["member", "stats", "--format", "json"]
    assert nacsa.ok("--db", "big.db", *stats).out == nacsa.ok(*stats).out
    search = ["member", "list", "--search", "fundacion", "--format", "json"]
    assert nacsa.ok("--db", "big.db", *search).out == nacsa.ok(*search).out
