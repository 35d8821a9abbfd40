# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of `nacsa member import`: formats, validation, dry run, idempotence, duplicates."""
import hashlib
import json
import os

import pytest
from conftest import EXAMPLES, TESTDATA, Nacsa, write_first_load

HEADER = "id,name,type,region,thematic_areas,services,contact_name,contact_email,contact_gender,contact_primary"


@pytest.fixture
def nacsa_factory(tmp_path):
    """Makes more stores initialised with the example alliance, each in its own folder."""
    count = [0]

    def make():
        count[0] += 1
        folder = tmp_path / f"other{count[0]}"
        (folder / "home").mkdir(parents=True)
        other = Nacsa(folder)
        other.init(EXAMPLES / "alliance.yaml")
        return other
    return make


def members_json(nacsa):
    return json.loads(nacsa.ok("member", "list", "--format", "json").out)


def test_examples_import_cleanly_in_yaml_and_csv(alliance):
    result = alliance.ok("member", "import", EXAMPLES / "members.yaml")
    assert result.err == "nacsa: imported 48 records: 48 new, 0 updated, 0 unchanged (76 contacts added)\n"
    assert alliance.sql("SELECT count(*) FROM member") == [(48,)]
    assert alliance.sql("SELECT count(*) FROM contact") == [(76,)]
    audit = alliance.sql("SELECT command, record_kind, record_id, summary FROM audit WHERE record_kind='import'")
    assert audit == [("member import", "import", "members", "imported members: 48 new, 0 updated, 0 unchanged")]
    before = alliance.dump()
    # The same data as Spanish Excel saves it (BOM, ';', CRLF): nothing to change.
    result = alliance.ok("member", "import", EXAMPLES / "members.csv")
    assert result.err == "nacsa: nothing changed: 48 records read; 0 new, 0 updated, 48 unchanged\n"
    assert alliance.dump() == before


def test_csv_example_alone_gives_the_same_register(alliance, nacsa_factory):
    alliance.ok("member", "import", EXAMPLES / "members.csv")
    other = nacsa_factory()
    other.ok("member", "import", EXAMPLES / "members.yaml")
    assert members_json(alliance) == members_json(other)
    assert alliance.sql("SELECT member_id, name, position, email, phone, gender, is_primary, consent_date "
                        "FROM contact ORDER BY id") == \
        other.sql("SELECT member_id, name, position, email, phone, gender, is_primary, consent_date "
                  "FROM contact ORDER BY id")


def test_interest_rows_come_from_the_interest_list(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    rows = alliance.sql("SELECT kind, status FROM interest WHERE member_id='rutas-seguras'")
    assert rows == [("steering_committee", "open")]


def test_every_problem_is_reported_with_file_line_and_field(alliance):
    alliance.write("bad.yaml", """\
- name: Fundación Uno
  type: ngo
  region: norte
  thematic_areas: [untoc]
- name: Dos
  type: club
  email: no-es-correo
  contacts:
    - name: Ana
      gender: robot
- type: ngo
  colour: blue
""")
    before = alliance.dump()
    result = alliance.run("member", "import", "bad.yaml")
    assert result.code == 65
    lines = result.err.splitlines()
    assert lines[0].startswith('nacsa: error: bad.yaml:3:11: field "region": "norte" is not a region of this '
                               'alliance (known: arica_parinacota, ')
    assert lines[1].startswith('nacsa: error: bad.yaml:6:9: field "type": "club" is not an organisation type')
    # Keyed values (type, region, gender...) are read first, then the other fields checked.
    assert lines[2].startswith('nacsa: error: bad.yaml:10:15: field "contacts[1].gender": "robot" is not a '
                               'gender (known: female, male, non_binary, undisclosed)')
    assert lines[3] == 'nacsa: error: bad.yaml:7:10: field "email": "no-es-correo" is not an e-mail address'
    assert lines[4].startswith('nacsa: error: bad.yaml:12:11: field "colour": unknown field (known: id, name,')
    assert lines[5] == 'nacsa: error: bad.yaml:11: field "name": a member needs a name'
    assert len(lines) == 6
    assert alliance.dump() == before


def test_csv_problems_name_line_and_column(alliance):
    alliance.write("bad.csv", HEADER + "\n"
                   ",Uno,ngo,biobio,untoc,,Ana,ana@uno.example,female,yes\n"
                   ",Dos,ngo,biobio,untoc|piracy,,,,,\n"
                   ',",Tres",ngo,"bio\nbio",untoc,,,,,\n')
    result = alliance.run("member", "import", "bad.csv")
    assert result.code == 65
    lines = result.err.splitlines()
    assert lines[0].startswith('nacsa: error: bad.csv:3:5: field "thematic_areas": "piracy" is not a thematic area')
    assert lines[1].startswith('nacsa: error: bad.csv:4:4: field "region": "bio\\x0abio" is not a region')
    assert len(lines) == 2


def test_unknown_csv_column_and_map(alliance):
    alliance.write("other.csv", "Nombre;Tipo;Región\nRed Sur;network;biobio\n")
    result = alliance.run("member", "import", "other.csv")
    assert result.code == 65
    assert result.err.splitlines()[0].startswith('nacsa: error: other.csv:1:1: field "Nombre": unknown column')
    alliance.ok("member", "import", "other.csv", "--map", "nombre=name", "--map", "TIPO=type", "--map",
                "región=region")
    assert alliance.sql("SELECT id, name, type, region FROM member") == [("red-sur", "Red Sur", "network", "biobio")]


def test_csv_with_numbered_contact_columns_and_forced_delimiter(alliance):
    alliance.write("c.txt", "name\ttype\tcontact1_name\tcontact1_gender\tcontact2_name\n"
                   "Red Sur\tnetwork\tAna\tfemale\tLuis\n")
    result = alliance.run("member", "import", "c.txt")
    assert result.code == 2
    assert result.err.startswith("nacsa: error: c.txt: cannot tell the format from the file name")
    alliance.ok("member", "import", "c.txt", "--input-format", "csv", "--delimiter", "tab")
    assert alliance.sql("SELECT name, gender FROM contact ORDER BY id") == [("Ana", "female"), ("Luis", "undisclosed")]


def test_csv_rows_of_one_member_must_agree(alliance):
    alliance.write("m.csv", "name,type,city,contact_name\nRed Sur,network,Concepción,Ana\n"
                   "Red Sur,network,Talca,Luis\n")
    result = alliance.run("member", "import", "m.csv")
    assert result.code == 65
    assert result.err == ('nacsa: error: m.csv:3:3: field "city": "Talca" differs from line 2 ("Concepción"): the '
                          'rows of one member must repeat its columns\n')


def test_jsonl_import_and_syntax_errors(alliance):
    alliance.write("m.jsonl", json.dumps({"name": "Red Sur", "type": "network", "net4u": True,
                                          "contacts": [{"name": "Ana", "primary": True}]}) + "\n\n"
                   + '{"name": "Dos", "type": \n' + json.dumps({"name": 5, "type": "ngo"}) + "\n")
    before = alliance.dump()
    result = alliance.run("member", "import", "m.jsonl")
    assert result.code == 65
    lines = result.err.splitlines()
    assert lines[0].startswith("nacsa: error: m.jsonl:3:")
    assert "invalid JSON" in lines[0]
    assert lines[1] == 'nacsa: error: m.jsonl:4: field "name": expected text'
    # The wrong type is the one problem of "name": it is not also reported as missing.
    assert len(lines) == 2
    assert alliance.dump() == before


def test_yaml_syntax_error_stops_with_its_line(alliance):
    alliance.write("s.yaml", "- name: A\n  type: ngo\n- name: [unclosed\n")
    result = alliance.run("member", "import", "s.yaml")
    assert result.code == 65
    assert result.err.startswith("nacsa: error: s.yaml:4:")
    assert "invalid YAML" in result.err


def test_missing_file_exits_66(alliance):
    result = alliance.run("member", "import", "nope.yaml")
    assert result.code == 66
    assert result.err == "nacsa: error: nope.yaml: no such file\n"


def test_skip_invalid_writes_rejects_with_reasons(alliance):
    alliance.write("m.csv", "name;type;region\nUno;ngo;biobio\nDos;club;biobio\nTres;ngo;maule\n")
    result = alliance.run("member", "import", "m.csv", "--skip-invalid", "rejects.csv")
    assert result.code == 0, result
    assert alliance.sql("SELECT id FROM member ORDER BY id") == [("tres",), ("uno",)]
    rejects = alliance.path("rejects.csv").read_bytes().decode("utf-8")
    assert rejects.startswith("name;type;region;errors\r\nDos;club;biobio;")
    assert 'm.csv:3:2: field ""type"": ""club"" is not an organisation type' in rejects
    assert oct(os.stat(alliance.path("rejects.csv")).st_mode & 0o777) == "0o600"
    assert "imported 3 records: 2 new, 0 updated, 0 unchanged, 1 rejected" in result.err
    assert "nacsa: wrote 1 rejected record to rejects.csv" in result.err


def test_dry_run_counts_and_writes_nothing(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    alliance.write("m.yaml", "- id: rutas-seguras\n  name: Fundación Rutas Seguras\n  type: foundation\n"
                   "  city: Alto Hospicio\n- name: Nueva Red\n  type: network\n")
    before = alliance.dump()
    result = alliance.ok("member", "import", "m.yaml", "--dry-run")
    assert result.err == ("nacsa: dry run: 2 records read; would import 1 new, 1 updated, 0 unchanged; "
                          "nothing written\n")
    assert alliance.dump() == before


def test_on_existing_update_skip_fail(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    alliance.write("m.yaml", "- name: FUNDACION rutas seguras\n  type: foundation\n  city: Alto Hospicio\n")
    before = alliance.dump()
    result = alliance.run("member", "import", "m.yaml", "--on-existing", "fail")
    assert result.code == 65
    assert result.err == ('nacsa: error: m.yaml:1:9: field "name": member "rutas-seguras" already exists '
                          '(--on-existing fail)\n')
    result = alliance.ok("member", "import", "m.yaml", "--on-existing", "skip")
    assert result.err == "nacsa: nothing changed: 1 record read; 0 new, 0 updated, 0 unchanged, 1 skipped\n"
    assert alliance.dump() == before
    result = alliance.ok("member", "import", "m.yaml")
    assert result.err == "nacsa: imported 1 record: 0 new, 1 updated, 0 unchanged (0 contacts added)\n"
    row = alliance.sql("SELECT city, region, email FROM member WHERE id='rutas-seguras'")
    assert row == [("Alto Hospicio", "tarapaca", "contacto@rutasseguras.cl.example")]
    assert alliance.sql("SELECT count(*) FROM contact WHERE member_id='rutas-seguras'") == [(2,)]


def test_duplicates_are_warned_and_strict_makes_them_errors(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    alliance.write("d.yaml", """\
- name: Rutas Seguras
  type: ngo
- name: Otra Cosa
  type: ngo
  website: http://www.puenteandino.example/inicio
- name: Asociación Civil Mar Azul
  type: ngo
- name: Mar Azul
  type: ngo
""")
    before = alliance.dump()
    result = alliance.ok("member", "import", "d.yaml", "--dry-run")
    lines = result.err.splitlines()
    assert lines[0] == ('nacsa: warning: d.yaml:1:9: field "name": suspected duplicate of member "rutas-seguras" '
                        '(the store, a similar name)')
    # A shared web site is reported at the web site (line 5, column 12), not at the name.
    assert lines[1].startswith('nacsa: warning: d.yaml:5:12: field "website": suspected duplicate of member '
                               '"corporacion-puente-andino')
    assert lines[1].endswith("(the store, the same web site)")
    assert lines[2] == ('nacsa: warning: d.yaml:8:9: field "name": suspected duplicate of member '
                        '"asociacion-civil-mar-azul" (d.yaml:6, a similar name)')
    assert lines[3] == ("nacsa: dry run: 4 records read; would import 4 new, 0 updated, 0 unchanged, "
                        "3 suspected duplicates; nothing written")
    result = alliance.run("member", "import", "d.yaml", "--strict")
    assert result.code == 65
    assert len(result.err.splitlines()) == 3
    assert alliance.dump() == before


def test_same_member_twice_in_a_file_is_an_error(alliance):
    alliance.write("t.jsonl", '{"id": "uno", "name": "Uno", "type": "ngo"}\n{"id": "uno", "name": "Una", "type": "ngo"}\n')
    result = alliance.run("member", "import", "t.jsonl")
    assert result.code == 65
    assert result.err == 'nacsa: error: t.jsonl:2: field "id": member "uno" is already given at t.jsonl:1\n'


def test_stdin_needs_a_format(alliance):
    result = alliance.run("member", "import", "-", input="- name: Uno\n  type: ngo\n")
    assert result.code == 2
    alliance.ok("member", "import", "-", "--input-format", "yaml", input="- name: Uno\n  type: ngo\n")
    assert alliance.sql("SELECT id FROM member") == [("uno",)]


def test_cr_only_line_ends_and_bom(alliance):
    alliance.write("cr.csv", "\ufeffname,type\rUno,ngo\rDos,academia\r".encode("utf-8"))
    alliance.ok("member", "import", "cr.csv")
    assert alliance.sql("SELECT id, type FROM member ORDER BY id") == [("dos", "academia"), ("uno", "ngo")]


def indexes(nacsa):
    return nacsa.sql("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")


def test_first_load_into_an_empty_store_keeps_indexes_and_name_matching(alliance):
    # An import into an empty store drops the member tables' indexes for the load and builds
    # them again before commit; records without an id are still matched by name against the
    # members inserted earlier in the same file (the smallest id first, as the index gives).
    schema = indexes(alliance)
    alliance.write("t.jsonl", '{"id": "zeta", "name": "Mar Azul", "type": "ngo"}\n'
                   '{"id": "alfa", "name": "Mar  azul", "type": "ngo"}\n'
                   '{"name": "MAR AZUL", "type": "ngo"}\n')
    result = alliance.run("member", "import", "t.jsonl")
    assert result.code == 65
    assert result.err.splitlines()[-1] == ('nacsa: error: t.jsonl:3: field "name": member "alfa" is already '
                                           'given at t.jsonl:2 (names are the same member when they differ '
                                           'only in case, accents, punctuation or spacing)')
    assert indexes(alliance) == schema
    assert alliance.sql("SELECT count(*) FROM member") == [(0,)]
    alliance.ok("member", "import", "t.jsonl", "--dry-run", "--skip-invalid", "rejects.jsonl")
    assert indexes(alliance) == schema
    assert alliance.sql("SELECT count(*) FROM member") == [(0,)]
    alliance.ok("member", "import", "t.jsonl", "--skip-invalid", "rejects.jsonl")
    assert indexes(alliance) == schema
    assert alliance.sql("SELECT id FROM member INDEXED BY member_name_key WHERE name_key = 'mar azul' "
                        "ORDER BY id") == [("alfa",), ("zeta",)]
    assert alliance.sql("PRAGMA integrity_check") == [("ok",)]
    # The store is no longer empty: the next import updates through the indexes.
    alliance.write("u.jsonl", '{"name": "mar azul", "type": "ngo", "city": "Arica"}\n')
    alliance.ok("member", "import", "u.jsonl")
    assert alliance.sql("SELECT id, city FROM member ORDER BY id") == [("alfa", "Arica"), ("zeta", None)]


def test_a_status_the_file_changes_follows_the_lifecycle(alliance):
    alliance.ok("member", "add", "--name", "Org W", "--type", "ngo", "--theme", "drugs_corruption")
    alliance.ok("member", "status", "org-w", "withdrawn", "--reason", "left")
    alliance.write("w.jsonl", '{"id": "org-w", "name": "Org W", "type": "ngo", "status": "applicant"}\n')
    before = alliance.dump()
    # The status `member status` recorded is kept over the file's (a warning)...
    result = alliance.ok("member", "import", "w.jsonl")
    assert result.err == ('nacsa: warning: w.jsonl:1: field "status": member "org-w" is withdrawn since '
                          '2026-11-29 (member status: "left"); the file\'s "applicant" is left out '
                          '(--status-from-file applies it)\n'
                          'nacsa: nothing changed: 1 record read; 0 new, 0 updated, 1 unchanged\n')
    assert alliance.dump() == before
    # ... unless --status-from-file, and then the lifecycle decides.
    result = alliance.run("member", "import", "w.jsonl", "--status-from-file")
    assert result.code == 65
    assert result.err == ('nacsa: error: w.jsonl:1: field "status": a member cannot go from withdrawn to applicant '
                          '(allowed: applicant -> active or withdrawn; active -> suspended or withdrawn; '
                          'suspended -> active or withdrawn; withdrawn -> active)\n')
    assert alliance.dump() == before
    # --on-existing skip leaves the member alone, so nothing is refused.
    alliance.ok("member", "import", "w.jsonl", "--on-existing", "skip", "--status-from-file")
    # A move the lifecycle allows goes into the history like any other.
    alliance.write("w.jsonl", '{"id": "org-w", "name": "Org W", "type": "ngo", "status": "active"}\n')
    alliance.ok("member", "import", "w.jsonl", "--status-from-file")
    assert alliance.sql("SELECT status, reason FROM member_status_history WHERE member_id='org-w' ORDER BY id") == \
        [("active", "added"), ("withdrawn", "left"), ("active", "imported")]


def test_a_reimport_keeps_later_suspensions_and_erasures(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    alliance.ok("member", "status", "rutas-seguras", "suspended", "--reason", "cuotas impagas")
    alliance.ok("member", "forget", "rutas-seguras", "--contact", "Matías Rojas Lillo", "--yes")
    before = alliance.dump()
    # The master spreadsheet again: the erased person is refused where the file names him...
    result = alliance.run("member", "import", EXAMPLES / "members.yaml")
    assert result.code == 65, str(result)
    assert f'{EXAMPLES / "members.yaml"}:32:' in result.err
    assert 'field "contacts[2].name": this person\'s personal data was erased from member "rutas-seguras"' \
        in result.err
    assert "--allow-erased" in result.err
    assert alliance.dump() == before
    # ... a dry run with --allow-erased says what would change, record by record, and the
    # suspension is kept with a warning.
    result = alliance.ok("member", "import", EXAMPLES / "members.yaml", "--allow-erased", "--dry-run")
    assert result.out == "update rutas-seguras: contact Matías Rojas Lillo added\n"
    spanish = alliance.ok("--lang", "es", "member", "import", EXAMPLES / "members.yaml", "--allow-erased", "--dry-run")
    assert spanish.out == "actualizar rutas-seguras: contacto Matías Rojas Lillo añadido\n"
    assert 'field "status": member "rutas-seguras" is suspended since 2026-11-29 (member status: ' \
        '"cuotas impagas"); the file\'s "active" is left out (--status-from-file applies it)' in result.err
    changes = json.loads(alliance.ok("member", "import", EXAMPLES / "members.yaml", "--allow-erased",
                                     "--dry-run", "--format", "json").out)
    assert changes == [{"id": "rutas-seguras", "action": "update", "fields": ["contact Matías Rojas Lillo added"]}]
    assert alliance.dump() == before
    alliance.ok("member", "import", EXAMPLES / "members.yaml", "--allow-erased")
    shown = json.loads(alliance.ok("member", "show", "rutas-seguras", "--format", "json").out)
    assert shown["status"] == "suspended"
    assert "Matías Rojas Lillo" in [c["name"] for c in shown["contacts"]]
    result = alliance.ok("member", "import", EXAMPLES / "members.yaml", "--status-from-file", "--dry-run")
    assert result.out == "update rutas-seguras: status\n"


def test_later_rows_of_a_member_may_leave_its_columns_empty(alliance):
    alliance.write("e.csv", "id,name,type,region,contact_name\n"
                   "ola,Fundación Ola,ngo,maule,Ana\n"
                   ",,,,Berta\n"              # the member's columns left empty
                   ",Fundación Ola,ngo,,Carla\n"  # or its name repeated without the id
                   "otra,Otra,ngo,maule,Dora\n")
    alliance.ok("member", "import", "e.csv")
    assert alliance.sql("SELECT member_id, name FROM contact ORDER BY id") == \
        [("ola", "Ana"), ("ola", "Berta"), ("ola", "Carla"), ("otra", "Dora")]
    # Without an id column too.
    alliance.write("f.csv", "name,type,contact_name\nRed Sur,network,Eva\n,,Fede\n")
    alliance.ok("member", "import", "f.csv")
    assert alliance.sql("SELECT name FROM contact WHERE member_id='red-sur' ORDER BY id") == [("Eva",), ("Fede",)]


def test_without_contact_columns_every_row_is_a_member(alliance):
    # Two rows whose names differ only in case are the same member given twice, not two rows of one.
    alliance.write("a.csv", "name,type\nRed Sur,ngo\nred sur,ngo\n")
    result = alliance.run("member", "import", "a.csv")
    assert result.code == 65
    assert result.err == ('nacsa: error: a.csv:3:1: field "name": member "red-sur" is already given at a.csv:2 '
                          '(names are the same member when they differ only in case, accents, punctuation or '
                          'spacing)\n')


def test_columns_without_a_header_are_ignored_when_empty(alliance):
    # Spreadsheets save empty trailing columns with empty headers.
    alliance.write("x.csv", "name;type;region;;\r\nX;ngo;biobio;;\r\n", encoding="utf-8-sig")
    alliance.ok("member", "import", "x.csv")
    assert alliance.sql("SELECT id, region FROM member") == [("x", "biobio")]


def test_map_must_name_a_field_and_a_column_once(alliance):
    alliance.write("m.csv", "Nombre,Tipo\nY,ngo\n")
    result = alliance.run("member", "import", "m.csv", "--map", "TIPO=bogus")
    assert result.code == 2
    assert result.err.startswith('nacsa: error: --map "TIPO=bogus": "bogus" is not a field (known: id, name, ')
    result = alliance.run("member", "import", "m.csv", "--map", "TIPO=type", "--map", "tipo=city")
    assert result.code == 2
    assert result.err == 'nacsa: error: --map: column "tipo" is mapped twice\n'
    # One COLUMN=FIELD per --map: the files after it are files.
    alliance.ok("member", "import", "--map", "nombre=name", "--map", "tipo=TYPE", "m.csv")
    assert alliance.sql("SELECT id, type FROM member") == [("y", "ngo")]


def test_skip_invalid_never_overwrites_an_input_or_the_store(alliance):
    alliance.write("in.csv", "name,type\nUno,ngo\nDos,club\n")
    before = alliance.path("in.csv").read_bytes()
    result = alliance.run("member", "import", "--skip-invalid", "in.csv", "in.csv")
    assert result.code == 2
    assert result.err == ("nacsa: error: --skip-invalid in.csv: that is an input file; name another file for "
                          "the rejected records\n")
    assert alliance.path("in.csv").read_bytes() == before
    store = alliance.sql("PRAGMA database_list")[0][2]
    result = alliance.run("member", "import", "--skip-invalid", store, "in.csv")
    assert result.code == 73
    assert result.err == (f"nacsa: error: {store}: is the store ({alliance.db}); nacsa never writes an "
                          "output there: name another file\n")
    assert alliance.sql("SELECT count(*) FROM member") == [(0,)]


def test_rejects_of_several_csv_files_share_one_header_and_read_back(alliance):
    alliance.write("r1.csv", "name,type,region\nUno,ngo,biobio\nDos,club,biobio\n")
    alliance.write("r2.csv", "type;Nombre;city\nngo;Tres;Talca\nbad;Cuatro;Talca\n")
    result = alliance.run("member", "import", "--skip-invalid", "rejects.csv", "--map", "nombre=name",
                          "r1.csv", "r2.csv")
    assert result.code == 0, result
    rows = alliance.path("rejects.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "name,type,region,city,errors"
    assert rows[1].startswith('Dos,club,biobio,,"r1.csv:3:2: field ""type"": ""club"" is not')
    assert rows[2].startswith('Cuatro,bad,,Talca,"r2.csv:3:1: field ""type"": ""bad"" is not')
    # Fixed, the rejects file imports as it is: its errors column is not read.
    alliance.write("rejects.csv", alliance.path("rejects.csv").read_text(encoding="utf-8")
                   .replace("Dos,club", "Dos,ngo").replace("Cuatro,bad", "Cuatro,ngo"))
    alliance.ok("member", "import", "rejects.csv")
    assert alliance.sql("SELECT id, region, city FROM member ORDER BY id") == \
        [("cuatro", None, "Talca"), ("dos", "biobio", None), ("tres", None, "Talca"), ("uno", "biobio", None)]


def test_rejects_of_mixed_formats_are_json_lines_with_what_was_read(alliance):
    alliance.write("r1.csv", "name,type\nDos,club\n")
    alliance.write("r3.yaml", "- name: Cinco\n  type: zzz\n")
    alliance.write("r4.jsonl", '{"name": "Seis", "type": "ngo"}\n{"name": "Siete", \n')
    alliance.ok("member", "import", "--skip-invalid", "rejects.jsonl", "r1.csv", "r3.yaml", "r4.jsonl")
    records = [json.loads(line) for line in alliance.path("rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["file"], r["line"]) for r in records] == [("r1.csv", 2), ("r3.yaml", 1), ("r4.jsonl", 2)]
    assert records[0]["rows"] == [{"name": "Dos", "type": "club"}]
    assert records[1]["record"] == {"name": "Cinco", "type": "zzz"}
    assert records[2]["text"] == '{"name": "Siete", '  # a line that is not JSON, as it was
    assert records[2]["errors"][0].startswith("r4.jsonl:2:19: invalid JSON")
    assert alliance.sql("SELECT id FROM member") == [("seis",)]


PERU = TESTDATA / "peru"


@pytest.fixture
def peru(nacsa):
    """A store of a Peruvian alliance: 25 regions; thematic areas labelled in Spanish only."""
    nacsa.init(PERU / "alliance.yaml")
    return nacsa


def test_labels_as_people_write_them_import(peru):
    """Regions, types, themes, services, statuses and genders written as labels, in any case,
    without accents or with other spacing: each becomes its key."""
    before = peru.dump()
    result = peru.ok("member", "import", "--dry-run", PERU / "members.csv")
    assert result.err.endswith("would import 8 new, 0 updated, 0 unchanged; nothing written\n")
    assert result.out.startswith("add asociacion-runa-wasi\nadd red-amazonica-de-defensa\n")
    assert peru.dump() == before
    result = peru.ok("member", "import", PERU / "members.csv", PERU / "members.yaml")
    assert result.err == "nacsa: imported 10 records: 10 new, 0 updated, 0 unchanged (4 contacts added)\n"
    got = {m["id"]: m for m in members_json(peru)}
    expected = {
        "asociacion-runa-wasi": ("ngo", "la_libertad", ["trafficking_in_persons", "illegal_mining"], "active"),
        "red-amazonica-de-defensa": ("network", "huanuco", ["trafficking_in_persons"], "active"),
        "fundacion-warmi": ("foundation", "huanuco", ["smuggling_of_migrants"], "applicant"),
        "centro-de-estudios-andinos": ("academia", "lima", ["untoc", "firearms"], "active"),
        "colectivo-selva-viva": ("community_based", "san_martin", ["illegal_mining"], "active"),
        "observatorio-del-sur": ("ngo", "lima", ["emerging_crimes"], "active"),
        "vigilancia-ciudadana-puno": ("ngo", "san_martin", ["drugs_corruption"], "active"),
        "mujeres-del-callao": ("community_based", "callao", ["trafficking_in_persons"], "active"),
        "defensoria-comunitaria-ayacucho": ("community_based", "ayacucho",
                                            ["trafficking_in_persons", "illegal_mining"], "active"),
        "red-loretana": ("network", "loreto", ["emerging_crimes", "untoc"], "active"),
    }
    assert {i: (m["type"], m["region"], m["thematic_areas"], m["status"]) for i, m in got.items()} == \
        {i: (t, r, sorted(themes), s) for i, (t, r, themes, s) in expected.items()}
    assert peru.sql("SELECT m.id, s.service FROM member_service s JOIN member m ON m.id = s.member_id "
                    "ORDER BY 1") == [("asociacion-runa-wasi", "crime_prevention"),
                                      ("fundacion-warmi", "victim_assistance"),
                                      ("mujeres-del-callao", "youth_at_risk")]
    assert peru.sql("SELECT name, gender FROM contact ORDER BY name") == [
        ("Carmen Rojas", "female"), ("Julia Mamani", "female"), ("Luis Huamán", "male"), ("Rosa Quispe", "female")]


def test_unknown_labels_say_did_you_mean_and_list_the_known_values_once(peru):
    peru.write("m.csv", "name,type,region,thematic_areas\n"
               "Uno,ngo,Huanuko,trata de personas\n"
               "Dos,ngo,La Libertat,Trata de persona\n"
               "Tres,ngo,Atlantis,pirateria\n"
               "Cuatro,ngo,Lima Metropolitana,untoc\n")
    before = peru.dump()
    result = peru.run("member", "import", "m.csv")
    assert result.code == 65
    regions = ("amazonas, ancash, apurimac, arequipa, ayacucho, cajamarca, callao, cusco, huancavelica, "
               "huanuco, ica, junin, la_libertad, lambayeque, lima, loreto, madre_de_dios, moquegua, pasco, "
               "piura, puno, san_martin, tacna, tumbes, ucayali")
    themes = ("untoc, trafficking_in_persons, smuggling_of_migrants, firearms, drugs_corruption, "
              "emerging_crimes, illegal_mining")
    assert result.err.splitlines() == [
        'nacsa: error: m.csv:2:3: field "region": "Huanuko" is not a region of this alliance '
        f'(did you mean "Huánuco"?) (known: {regions})',
        'nacsa: error: m.csv:3:3: field "region": "La Libertat" is not a region of this alliance '
        '(did you mean "La Libertad"?)',
        'nacsa: error: m.csv:3:4: field "thematic_areas": "Trata de persona" is not a thematic area of this '
        f'alliance (did you mean "Trata de personas"?) (known: {themes})',
        'nacsa: error: m.csv:4:3: field "region": "Atlantis" is not a region of this alliance',
        'nacsa: error: m.csv:4:4: field "thematic_areas": "pirateria" is not a thematic area of this alliance',
        'nacsa: error: m.csv:5:3: field "region": "Lima Metropolitana" is not a region of this alliance',
    ]
    assert peru.dump() == before
    # The spreadsheet's own words, mapped; the same dry run then finds nothing wrong there.
    peru.write("m.csv", "name,type,region,thematic_areas\nCuatro,ONG,Lima Metropolitana,untoc\n")
    result = peru.ok("member", "import", "m.csv", "--map-value", "region:Lima Metropolitana=lima",
                     "--map-value", "type:ong=ngo")
    assert peru.sql("SELECT id, type, region FROM member") == [("cuatro", "ngo", "lima")]


@pytest.mark.parametrize("mapping, message", [
    ("colour:Rojo=red", '--map-value "colour:Rojo=red": "colour" is not a field with keys (known: '),
    ("region:Lima Metropolitana=lima_metro",
     '--map-value "region:Lima Metropolitana=lima_metro": "lima_metro" is not a region of this alliance '
     '(known: amazonas, '),
    ("region=lima", '--map-value "region=lima": expected FIELD:TEXT=KEY'),
])
def test_map_value_with_an_unknown_field_or_key_is_a_usage_error(peru, mapping, message):
    peru.write("m.csv", "name,type,region\nUno,ngo,lima\n")
    result = peru.run("member", "import", "m.csv", "--map-value", mapping)
    assert result.code == 2, str(result)
    assert result.err.startswith("nacsa: error: " + message), result.err
    assert peru.sql("SELECT count(*) FROM member") == [(0,)]


def test_a_label_naming_two_keys_is_an_error_naming_both(nacsa):
    config = (PERU / "alliance.yaml").read_text(encoding="utf-8")
    config = config.replace("{key: callao, name: Callao}", "{key: callao, name: LIMA}")
    nacsa.write("alliance.yaml", config)
    nacsa.init("alliance.yaml")
    nacsa.write("m.yaml", "- {name: Uno, type: ngo, region: Lima}\n- {name: Dos, type: ngo, region: lima}\n")
    result = nacsa.run("member", "import", "m.yaml")
    assert result.code == 65
    assert result.err == ('nacsa: error: m.yaml:1:34: field "region": "Lima" could be callao or lima: write the '
                          'key, or map the text with --map-value\n')
    nacsa.ok("member", "import", "m.yaml", "--map-value", "region:Lima=callao")
    assert nacsa.sql("SELECT id, region FROM member ORDER BY id") == [("dos", "lima"), ("uno", "callao")]


def test_member_options_take_labels_as_import_does(peru):
    peru.ok("member", "add", "--name", "Red Selva", "--type", "organizacion no gubernamental", "--region",
            "SAN MARTIN", "--theme", "trata de personas,Minería ilegal")
    listed = json.loads(peru.ok("member", "list", "--region", "San Martín", "--theme", "mineria ilegal",
                                "--format", "json").out)
    assert [(m["id"], m["type"], m["region"], sorted(m["thematic_areas"])) for m in listed] == [
        ("red-selva", "ngo", "san_martin", ["illegal_mining", "trafficking_in_persons"])]


def test_a_first_load_goes_through_a_rollback_journal_and_a_dry_run_of_it_changes_no_byte(alliance):
    """Files of 1 MB or more into a store with no members: the load writes through a rollback
    journal and leaves the store in WAL mode; a dry run of it leaves the store's file byte for
    byte as it was (no journal mode switched back and forth)."""
    nacsa = alliance
    source = write_first_load(nacsa.path("register.jsonl"), 5000, "Registro")

    def digest():
        return hashlib.sha256(nacsa.db.read_bytes()).hexdigest()

    before = digest()
    result = nacsa.ok("member", "import", "--dry-run", source)
    assert "5000 new" in result.err, result.err
    assert digest() == before
    assert members_json(nacsa) == []

    nacsa.ok("member", "import", source)
    assert len(members_json(nacsa)) == 5000
    assert not os.path.exists(f"{nacsa.db}-journal")
    assert nacsa.sql("PRAGMA journal_mode") == [("wal",)]
    assert nacsa.run("db", "check").code == 0
