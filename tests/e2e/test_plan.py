# SPDX-License-Identifier: Apache-2.0
"""nacsa plan: priorities, activities, indicators, contributions, import/export, status,
timeline and check, run end to end against a store made from examples/alliance.yaml."""
import datetime
import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, NACSA_BIN, SOURCE_DIR, TIMEOUT_SCALE, WRAPPER, copy_example


@pytest.fixture
def planned(alliance):
    """A store holding examples/plan.yaml."""
    copy_example(alliance, "plan.yaml")
    alliance.ok("plan", "import", "plan.yaml")
    return alliance


def add_member(nacsa, name):
    """Adds a member through `nacsa member add`; returns its id."""
    return nacsa.ok("member", "add", "--name", name, "--type", "ngo", "--theme", "trafficking_in_persons").out.strip()


# ---- help ----

@pytest.mark.parametrize("path", [
    ("plan",), ("plan", "priority"), ("plan", "activity"), ("plan", "indicator"), ("plan", "contribution"),
    ("plan", "import"), ("plan", "export"), ("plan", "status"), ("plan", "timeline"), ("plan", "check"),
])
def test_help(nacsa, path):
    result = nacsa.ok(*path, "--help")
    assert "Usage" in result.out or "usage" in result.out.lower()


def test_help_needs_no_store(nacsa):
    result = nacsa.run("plan", "status", "--help")
    assert result.code == 0
    assert not nacsa.db.exists()


# ---- priorities ----

def test_priority_add_list_show_edit(alliance):
    result = alliance.ok("plan", "priority", "add", "P1", "--title", "Trata de personas",
                         "--theme", "trafficking_in_persons", "--source-reference", "Informe IPV, rec. 1",
                         "--source-date", "2025-10-15")
    assert result.out == "P1\n"
    assert result.err == "nacsa: added priority P1\n"
    rows = alliance.sql("SELECT code, title, source, source_reference, source_date FROM plan_priority")
    assert rows == [("P1", "Trata de personas", "vpi_report", "Informe IPV, rec. 1", "2025-10-15")]
    assert alliance.sql("SELECT theme FROM plan_priority_theme") == [("trafficking_in_persons",)]
    assert alliance.sql("SELECT record_kind, record_id, summary FROM audit WHERE record_kind = 'plan_priority'") == [
        ("plan_priority", "P1", "added")]

    listed = json.loads(alliance.ok("plan", "priority", "list", "--format", "json").out)
    assert listed == [{"code": "P1", "title": "Trata de personas", "thematic_areas": ["trafficking_in_persons"],
                       "source": "vpi_report", "source_reference": "Informe IPV, rec. 1",
                       "source_date": "2025-10-15", "activities": 0, "indicators": 0}]

    alliance.ok("plan", "priority", "edit", "P1", "--title", "Trata de personas y explotación",
                "--theme", "trafficking_in_persons", "--theme", "untoc", "--source", "government")
    shown = json.loads(alliance.ok("plan", "priority", "show", "P1", "--format", "json").out)
    assert shown["title"] == "Trata de personas y explotación"
    assert shown["thematic_areas"] == ["trafficking_in_persons", "untoc"]
    assert shown["source"] == "government"
    assert shown["activities"] == [] and shown["indicators"] == []

    text = alliance.ok("plan", "priority", "show", "P1").out
    assert "Trata de personas y explotación" in text

    result = alliance.ok("plan", "priority", "edit", "P1", "--source", "government")
    assert result.err == "nacsa: priority P1: nothing changed\n"


def test_priority_add_refuses_bad_fields_and_duplicates(alliance):
    alliance.ok("plan", "priority", "add", "P1", "--title", "Uno")
    before = alliance.dump()
    result = alliance.run("plan", "priority", "add", "P1", "--title", "Otra")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "code": priority "P1" already exists\n'
    result = alliance.run("plan", "priority", "add", "P2", "--title", " ", "--theme", "piracy")
    assert result.code == 65
    assert 'field "title": must not be empty' in result.err
    assert 'field "thematic_areas[0]": "piracy" is not a thematic area of this alliance (known: untoc,' in result.err
    result = alliance.run("plan", "priority", "add", "P3", "--title", "T", "--source", "ngo")
    assert result.code == 2
    assert result.err == ('nacsa: error: --source: "ngo" is not a source '
                          "(expected one of: vpi_report, government, alliance)\n")
    assert alliance.dump() == before


def test_priority_not_found(alliance):
    result = alliance.run("plan", "priority", "show", "P9")
    assert result.code == 3
    assert result.err == 'nacsa: error: no priority "P9" in the plan\n'


def test_priority_list_theme_filter(planned):
    listed = json.loads(planned.ok("plan", "priority", "list", "--theme", "firearms", "--format", "json").out)
    assert [p["code"] for p in listed] == ["P3"]


# ---- activities ----

def test_activity_add_list_show(alliance):
    alliance.ok("plan", "priority", "add", "P1", "--title", "Trata")
    assert add_member(alliance, "Fundación Frontera Norte") == "fundacion-frontera-norte"
    result = alliance.ok("plan", "activity", "add", "--title", "Taller en Arica", "--kind", "capacity_building",
                         "--priority", "P1", "--working-group", "experticia_tecnica",
                         "--member", "fundacion-frontera-norte", "--start", "2026-03-01", "--end", "2026-06-30")
    assert result.out == "A1\n"
    assert alliance.ok("plan", "activity", "add", "--title", "Boletín", "--kind", "publication", "--no-priority",
                       "--start", "2026-01-01", "--end", "2026-12-31", "--status", "in_progress").out == "A2\n"
    rows = alliance.sql("SELECT id, kind, serves_no_priority, working_group, member_id, status FROM plan_activity "
                        "ORDER BY id")
    assert rows == [("A1", "capacity_building", 0, "experticia_tecnica", "fundacion-frontera-norte", "planned"),
                    ("A2", "publication", 1, None, None, "in_progress")]
    assert alliance.sql("SELECT activity_id, status, date FROM plan_activity_status ORDER BY id") == [
        ("A1", "planned", "2026-11-29"), ("A2", "in_progress", "2026-11-29")]

    listed = json.loads(alliance.ok("plan", "activity", "list", "--format", "json").out)
    assert listed[0] == {"id": "A1", "title": "Taller en Arica", "kind": "capacity_building", "priorities": ["P1"],
                         "status": "planned", "start": "2026-03-01", "end": "2026-06-30",
                         "working_group": "experticia_tecnica", "member": "fundacion-frontera-norte"}
    assert [a["id"] for a in json.loads(alliance.ok("plan", "activity", "list", "--priority", "P1",
                                                    "--format", "json").out)] == ["A1"]
    assert [a["id"] for a in json.loads(alliance.ok("plan", "activity", "list", "--status", "in_progress",
                                                    "--format", "json").out)] == ["A2"]
    assert [a["id"] for a in json.loads(alliance.ok("plan", "activity", "list", "--overdue",
                                                    "--format", "json").out)] == ["A1"]
    shown = json.loads(alliance.ok("plan", "activity", "show", "A2", "--format", "json").out)
    assert shown["serves_no_priority"] is True
    assert shown["status_history"] == ["2026-11-29 in_progress"]


def test_activity_add_reports_every_problem(alliance):
    before = alliance.dump()
    result = alliance.run("plan", "activity", "add", "--title", "X", "--kind", "research", "--priority", "P7",
                          "--working-group", "finanzas", "--member", "nadie", "--start", "2026-05-01",
                          "--end", "2026-04-01")
    assert result.code == 65
    assert result.err == (
        'nacsa: error: field "priorities[0]": "P7" is not a priority of the plan\n'
        'nacsa: error: field "working_group": "finanzas" is not a working group of this alliance '
        "(known: comunicacion_estrategica, experticia_tecnica, incidencia_y_accion)\n"
        'nacsa: error: field "member": "nadie" is not a member in the register\n'
        'nacsa: error: field "end": ends before it starts (2026-04-01 is before 2026-05-01)\n')
    assert alliance.dump() == before
    result = alliance.run("plan", "activity", "add", "--title", "X", "--kind", "fiesta", "--start", "2026-05-01",
                          "--end", "2026-06-01")
    assert result.code == 2
    assert '--kind: "fiesta" is not a kind of activity' in result.err
    result = alliance.run("plan", "activity", "add", "--title", "X", "--kind", "research", "--priority", "P1",
                          "--no-priority", "--start", "2026-05-01", "--end", "2026-06-01")
    assert result.code == 2


def test_activity_edit_and_progress(planned):
    planned.ok("plan", "activity", "edit", "A4", "--title", "Documento de política sobre armas",
               "--end", "2027-01-31", "--member", "")
    planned.ok("plan", "activity", "edit", "A4", "--progress", "Comentarios recibidos", "--date", "2026-11-20")
    shown = json.loads(planned.ok("plan", "activity", "show", "A4", "--format", "json").out)
    assert shown["title"] == "Documento de política sobre armas"
    assert shown["end"] == "2027-01-31"
    assert shown["progress"] == ["2026-10-30: Borrador enviado al Comité Directivo para comentarios.",
                                 "2026-11-20: Comentarios recibidos"]
    summaries = planned.sql("SELECT summary FROM audit WHERE record_id = 'A4' ORDER BY id")
    assert summaries[-2:] == [("edited",), ("progress note added",)]
    result = planned.run("plan", "activity", "edit", "A4", "--date", "2026-11-20")
    assert result.code == 2
    result = planned.run("plan", "activity", "edit", "A99", "--title", "x")
    assert result.code == 3
    assert result.err == 'nacsa: error: no activity "A99" in the plan\n'


def test_activity_status_history(planned):
    result = planned.ok("plan", "activity", "status", "A4", "done", "--note", "Publicado")
    assert result.err == "nacsa: activity A4: in_progress -> done\n"
    assert planned.sql("SELECT status FROM plan_activity WHERE id = 'A4'") == [("done",)]
    assert planned.sql("SELECT status, date, note FROM plan_activity_status WHERE activity_id = 'A4' ORDER BY id")[-1] \
        == ("done", "2026-11-29", "Publicado")
    assert planned.sql("SELECT summary FROM audit WHERE record_id = 'A4' ORDER BY id DESC LIMIT 1") == [
        ("status in_progress -> done on 2026-11-29",)]
    before = planned.dump()
    result = planned.run("plan", "activity", "status", "A4", "done")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "status": activity A4 is already done\n'
    result = planned.run("plan", "activity", "status", "A3", "done", "--date", "2026-01-01")
    assert result.code == 65
    assert result.err == ('nacsa: error: field "date": 2026-01-01 is before the latest status change '
                          "(2026-01-15)\n")
    result = planned.run("plan", "activity", "status", "A3", "finished")
    assert result.code == 2
    assert planned.dump() == before



def test_activity_status_correction_voids_the_latest_change(planned, tmp_path):
    """A status entered by mistake is voided with a reason: the history shows both, the activity
    and the plan as of any day read without it, and an older plan file does not bring it back."""
    exported = planned.ok("plan", "export").out
    planned.ok("plan", "activity", "status", "A4", "done", "--date", "2026-11-20")
    assert planned.run("plan", "status", "--as-of", "2026-11-25", "--format", "json").code == 0
    result = planned.ok("plan", "activity", "status", "A4", "--correct", "--reason", "Marcada por error")
    assert result.err == "nacsa: activity A4: status done of 2026-11-20 voided; the activity is in_progress again\n"
    shown = json.loads(planned.ok("plan", "activity", "show", "A4", "--format", "json").out)
    assert shown["status"] == "in_progress"
    assert shown["status_history"] == ["2026-01-10 planned", "2026-07-06 in_progress",
                                       "2026-11-20 done [voided 2026-11-29: Marcada por error]"]
    status = json.loads(planned.ok("plan", "status", "--as-of", "2026-11-25", "--format", "json").out)
    a4 = next(a for p in status["priorities"] for a in p["activities"] if a["id"] == "A4")
    assert a4["status"] == "in_progress"
    log = json.loads(planned.ok("--format", "json", "log", "--record", "A4").out)
    assert log[-1]["summary"] == ("status done of 2026-11-20 voided as entered by mistake: status done -> "
                                 "in_progress; reason: Marcada por error")
    # The plan file written before the correction does not bring the mistake back.
    (planned.workdir / "old-plan.yaml").write_text(exported, encoding="utf-8")
    planned.ok("plan", "activity", "status", "A4", "done", "--date", "2026-11-21")
    planned.ok("plan", "activity", "status", "A4", "--correct", "--reason", "Otra vez no")
    planned.ok("plan", "import", "old-plan.yaml")
    shown = json.loads(planned.ok("plan", "activity", "show", "A4", "--format", "json").out)
    assert shown["status"] == "in_progress" and len(shown["status_history"]) == 4

    new = planned.ok("plan", "activity", "add", "--title", "Nueva", "--kind", "other", "--no-priority",
                     "--start", "2026-12-01", "--end", "2026-12-31").out.strip()
    before = planned.dump()
    result = planned.run("plan", "activity", "status", new, "--correct", "--reason", "x")
    assert (result.code, result.err) == (
        65, f'nacsa: error: field "status": activity {new} has no status change to correct (only its '
            "first status, its entry into the plan)\n")
    for args, message in [
        (["A4", "--correct"], "--correct needs --reason TEXT"),
        (["A4", "done", "--correct", "--reason", "x"], "--correct takes no new status"),
        (["A4", "done", "--reason", "x"], "--reason goes with --correct"),
        (["A4"], "give the new status, or --correct"),
    ]:
        result = planned.run("plan", "activity", "status", *args)
        assert result.code == 2 and message in result.err, args
    result = planned.run("plan", "activity", "status", "A4", "--correct", "--reason", "  ")
    assert result.code == 65 and "needs a reason" in result.err
    assert planned.dump() == before


# ---- indicators ----

def test_indicator_add_measure_list(planned):
    result = planned.ok("plan", "indicator", "add", "--activity", "A4", "--name", "Organizaciones que firman",
                        "--unit", "organizaciones", "--baseline", "0", "--target", "20", "--target-date", "2026-12-31")
    assert result.out == "I6\n"
    planned.ok("plan", "indicator", "measure", "I6", "5", "--date", "2026-09-30", "--note", "primera ronda")
    planned.ok("plan", "indicator", "measure", "I6", "6", "--date", "2026-09-30")
    assert planned.sql("SELECT date, value, note FROM plan_measurement WHERE indicator_id = 'I6'") == [
        ("2026-09-30", 6.0, None)]
    listed = json.loads(planned.ok("plan", "indicator", "list", "--activity", "A4", "--format", "json").out)
    assert listed == [{"id": "I6", "activity": "A4", "priority": None, "name": "Organizaciones que firman",
                       "unit": "organizaciones", "baseline": 0.0, "target": 20.0, "target_date": "2026-12-31",
                       "latest_value": 6.0, "latest_date": "2026-09-30", "expected": 16.5, "standing": "at_risk"}]
    # I1: 84 of 120 on 2026-09-30, where 75% of the year had passed (expected share 0.745): on track.
    listed = json.loads(planned.ok("plan", "indicator", "list", "--priority", "P1", "--format", "json").out)
    assert [(i["id"], i["standing"]) for i in listed] == [("I1", "on_track")]
    result = planned.ok("plan", "indicator", "add", "--priority", "P3", "--name", "Armas incautadas",
                        "--unit", "armas", "--baseline", "100", "--baseline-date", "2026-01-01",
                        "--target", "60", "--target-date", "2027-12-31")
    assert result.out == "I7\n"


def test_indicator_errors(planned):
    before = planned.dump()
    result = planned.run("plan", "indicator", "add", "--name", "x", "--unit", "u", "--baseline", "0",
                         "--target", "1", "--target-date", "2026-12-31")
    assert result.code == 2
    assert result.err == "nacsa: error: give --activity or --priority: the indicator measures one of them\n"
    result = planned.run("plan", "indicator", "add", "--activity", "A4", "--name", "x", "--unit", "u",
                         "--baseline", "cero", "--target", "1", "--target-date", "2026-12-31")
    assert result.code == 2
    assert result.err == 'nacsa: error: --baseline: "cero" is not a number\n'
    result = planned.run("plan", "indicator", "add", "--activity", "A4", "--name", "x", "--unit", "u",
                         "--baseline", "3", "--target", "3", "--target-date", "2026-12-31")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "target": equals the baseline: nothing to measure\n'
    result = planned.run("plan", "indicator", "add", "--activity", "A9", "--name", "x", "--unit", "u",
                         "--baseline", "0", "--target", "3", "--target-date", "2026-12-31")
    assert result.code == 3
    result = planned.run("plan", "indicator", "measure", "I99", "3")
    assert result.code == 3
    assert result.err == 'nacsa: error: no indicator "I99" in the plan\n'
    assert planned.dump() == before


# ---- contributions ----

def test_contribution_add_list(alliance):
    result = alliance.ok("plan", "contribution", "add", "--questionnaire", "Grupo temático 1, art. 5",
                         "--submitted", "2026-05-29", "--to", "Ministerio de Relaciones Exteriores",
                         "--summary", "Insumos sobre penalización", "--file", "aporte.pdf")
    assert result.out == "C1\n"
    listed = json.loads(alliance.ok("plan", "contribution", "list", "--format", "json").out)
    assert listed == [{"id": "C1", "questionnaire": "Grupo temático 1, art. 5", "submitted": "2026-05-29",
                       "submitted_to": "Ministerio de Relaciones Exteriores",
                       "summary": "Insumos sobre penalización", "file_reference": "aporte.pdf"}]
    assert alliance.sql("SELECT record_id, summary FROM audit WHERE record_kind = 'plan_contribution'") == [
        ("C1", "added")]
    result = alliance.run("plan", "contribution", "add", "--questionnaire", "x", "--submitted", "29/05/2026",
                          "--to", "y", "--summary", "z")
    assert result.code == 2
    assert result.err == 'nacsa: error: --submitted: "29/05/2026" is not a date (expected YYYY-MM-DD)\n'


# ---- import / export ----

def test_example_plan_matches_the_schema():
    schema = json.loads((SOURCE_DIR / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))

    def stringify(value):
        if isinstance(value, dict):
            return {k: stringify(v) for k, v in value.items()}
        if isinstance(value, list):
            return [stringify(v) for v in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    data = stringify(yaml.safe_load((EXAMPLES / "plan.yaml").read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)


def test_import_example(alliance):
    copy_example(alliance, "plan.yaml")
    result = alliance.ok("plan", "import", "plan.yaml")
    assert result.err.splitlines()[-1] == "nacsa: plan.yaml: 19 added, 0 updated, 0 unchanged"
    assert alliance.sql("SELECT count(*) FROM plan_priority") == [(4,)]
    assert alliance.sql("SELECT count(*) FROM plan_activity") == [(8,)]
    assert alliance.sql("SELECT count(*) FROM plan_indicator") == [(5,)]
    assert alliance.sql("SELECT count(*) FROM plan_contribution") == [(2,)]
    assert alliance.sql("SELECT count(*) FROM audit WHERE record_kind LIKE 'plan_%'") == [(19,)]


def test_reimport_changes_nothing(planned):
    before = planned.dump()
    result = planned.ok("plan", "import", "plan.yaml")
    assert result.err == "nacsa: plan.yaml: nothing changed (19 records)\n"
    assert planned.dump() == before


def test_round_trip_is_byte_identical(planned, tmp_path):
    first = planned.ok("plan", "export").out
    other = type(planned)(tmp_path / "other")
    (tmp_path / "other" / "home").mkdir(parents=True)
    other.init(EXAMPLES / "alliance.yaml")
    other.write("exported.yaml", first)
    other.ok("plan", "import", "exported.yaml")
    assert other.ok("plan", "export").out == first
    # and importing the export into the original store changes nothing
    planned.write("exported.yaml", first)
    assert planned.ok("plan", "import", "exported.yaml").err == "nacsa: exported.yaml: nothing changed (19 records)\n"


TRICKY = """\
priorities:
  - code: P1
    title: "Trata: \\"explotación\\" # no es comentario"
    description: |-
      Línea uno: con dos puntos.

      Línea tres, después de una vacía — con acentos ñ é ü.
    thematic_areas: [trafficking_in_persons]
    source: alliance
    source_reference: 'comillas ''simples'' y "dobles"'
  - code: P2
    title: "true"
    description: "  espacios al final y tab\\tinterno "
    source: vpi_report
activities:
  - id: A1
    title: "- empieza con guion"
    kind: other
    priorities: [P1, P2]
    start: 2026-01-01
    end: 2026-12-31
    status: planned
    progress:
      - date: 2026-02-01
        note: "multi\\nlínea con espacio al final \\nfin"
contributions: []
"""


def test_round_trip_with_accents_quotes_colons_and_multiline(alliance, tmp_path):
    alliance.write("tricky.yaml", TRICKY)
    alliance.ok("plan", "import", "tricky.yaml")
    first = alliance.ok("plan", "export").out
    assert yaml.safe_load(first)["priorities"][0]["title"] == 'Trata: "explotación" # no es comentario'
    assert yaml.safe_load(first)["priorities"][1]["title"] == "true"
    assert yaml.safe_load(first)["priorities"][0]["description"] == (
        "Línea uno: con dos puntos.\n\nLínea tres, después de una vacía — con acentos ñ é ü.")
    other = type(alliance)(tmp_path / "other")
    (tmp_path / "other" / "home").mkdir(parents=True)
    other.init(EXAMPLES / "alliance.yaml")
    other.write("exported.yaml", first)
    other.ok("plan", "import", "exported.yaml")
    assert other.ok("plan", "export").out == first
    assert other.sql("SELECT title FROM plan_priority WHERE code = 'P2'") == [("true",)]
    assert other.sql("SELECT note FROM plan_progress_note") == [("multi\nlínea con espacio al final \nfin",)]


def test_export_to_file(planned):
    planned.ok("plan", "export", "-o", "out.yaml")
    assert planned.path("out.yaml").read_text(encoding="utf-8") == planned.ok("plan", "export").out


def test_dry_run_writes_nothing(alliance):
    copy_example(alliance, "plan.yaml")
    before = alliance.dump()
    result = alliance.ok("plan", "import", "--dry-run", "plan.yaml")
    assert result.err.splitlines()[-1] == ("nacsa: dry run: plan.yaml: 19 added, 0 updated, 0 unchanged; "
                                           "nothing was written")
    assert "nacsa: activity A1: added" in result.err
    assert alliance.dump() == before


def test_import_updates_status_progress_and_measurements(planned):
    data = yaml.safe_load(planned.ok("plan", "export").out)
    a4 = next(a for a in data["activities"] if a["id"] == "A4")
    a4["status"] = "done"
    a4["progress"].append({"date": datetime.date(2026, 11, 28), "note": "Publicado en la web"})
    a2 = next(a for a in data["activities"] if a["id"] == "A2")
    a2["indicators"][0]["measurements"].append({"date": datetime.date(2026, 11, 27), "value": 30})
    planned.write("edited.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = planned.ok("plan", "import", "edited.yaml")
    assert result.err == ("nacsa: activity A4: status in_progress -> done, 1 progress note(s) added\n"
                          "nacsa: indicator I3: 1 measurement(s) added\n"
                          "nacsa: edited.yaml: 0 added, 2 updated, 17 unchanged\n")
    assert planned.sql("SELECT status, date FROM plan_activity_status WHERE activity_id = 'A4' ORDER BY id")[-1] == (
        "done", "2026-11-29")
    assert planned.sql("SELECT record_id, summary FROM audit ORDER BY id DESC LIMIT 2") == [
        ("I3", "import: 1 measurement(s) added"), ("A4", "import: status in_progress -> done, 1 progress note(s) added")]
    # The same file again, the next day: nothing changes (the dated change is already there).
    result = planned.ok("plan", "import", "edited.yaml", env={"SOURCE_DATE_EPOCH": str(1795953600 + 86400)})
    assert result.err == "nacsa: edited.yaml: nothing changed (19 records)\n"


BAD = """\
priorities:
  - code: P1
    title: Trata
    thematic_areas: [trafficking_in_persons, pirateria]
    source: informe
  - code: P1
    title: ""
    source: vpi_report
activities:
  - id: A1
    title: Taller
    kind: taller
    priorities: [P1, P9]
    working_group: finanzas
    member: nadie
    start: 2026-02-30
    end: 2026-01-01
    status: started
    colour: red
    indicators:
      - id: I1
        name: Personas
        unit: personas
        baseline: cero
        target: 10
        target_date: 2026-12-31
contributions:
  - id: C1
    questionnaire: Grupo 1
    submitted: 2026-05-29
    summary: Insumos
"""


def test_bad_file_reports_every_problem_with_lines(alliance):
    alliance.write("bad.yaml", BAD)
    before = alliance.dump()
    result = alliance.run("plan", "import", "bad.yaml")
    assert result.code == 65
    assert result.out == ""
    assert result.err == (
        'nacsa: error: bad.yaml:4:46: field "priorities[0].thematic_areas[1]": "pirateria" is not a thematic area '
        "of this alliance (known: untoc, trafficking_in_persons, smuggling_of_migrants, firearms, drugs_corruption, "
        "emerging_crimes)\n"
        'nacsa: error: bad.yaml:5:13: field "priorities[0].source": "informe" is not a source '
        "(expected one of: vpi_report, government, alliance)\n"
        'nacsa: error: bad.yaml:6:11: field "priorities[1].code": priority "P1" is defined twice\n'
        'nacsa: error: bad.yaml:7:12: field "priorities[1].title": must not be empty\n'
        'nacsa: error: bad.yaml:12:11: field "activities[0].kind": "taller" is not a kind of activity '
        "(expected one of: meeting_series, capacity_building, engagement, policy_brief, publication, research, "
        "awareness_campaign, questionnaire_contribution, other)\n"
        'nacsa: error: bad.yaml:13:22: field "activities[0].priorities[1]": "P9" is not a priority of the plan\n'
        'nacsa: error: bad.yaml:14:20: field "activities[0].working_group": "finanzas" is not a working group of '
        "this alliance (known: comunicacion_estrategica, experticia_tecnica, incidencia_y_accion)\n"
        'nacsa: error: bad.yaml:15:13: field "activities[0].member": "nadie" is not a member in the register\n'
        'nacsa: error: bad.yaml:16:12: field "activities[0].start": "2026-02-30" is not a date (expected YYYY-MM-DD)\n'
        'nacsa: error: bad.yaml:18:13: field "activities[0].status": "started" is not a status '
        "(expected one of: planned, in_progress, done, delayed, cancelled)\n"
        'nacsa: error: bad.yaml:19:5: field "activities[0].colour": unknown key (expected one of: id, title, kind, '
        "start, end, status, description, priorities, working_group, member, status_history, progress, indicators)\n"
        'nacsa: error: bad.yaml:24:19: field "activities[0].indicators[0].baseline": "cero" is not a number\n'
        'nacsa: error: bad.yaml:28:5: field "contributions[0].submitted_to": required key is missing\n')
    assert alliance.dump() == before


def test_import_syntax_error_and_missing_file(alliance):
    alliance.write("broken.yaml", "priorities:\n  - code: P1\n    title: [unclosed\n")
    result = alliance.run("plan", "import", "broken.yaml")
    assert result.code == 65
    assert result.err.startswith("nacsa: error: broken.yaml:")
    result = alliance.run("plan", "import", "nope.yaml")
    assert result.code == 66


def test_import_rejects_deep_nesting(alliance):
    alliance.write("deep.yaml", "priorities: " + "[" * 100 + "]" * 100 + "\n")
    result = alliance.run("plan", "import", "deep.yaml")
    assert result.code == 65
    assert "nests deeper than 64 levels" in result.err


def test_import_from_stdin(alliance):
    text = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8")
    result = alliance.ok("plan", "import", "-", input=text)
    assert result.err.splitlines()[-1] == "nacsa: <stdin>: 19 added, 0 updated, 0 unchanged"


# ---- status ----

def test_status_table(planned):
    out = planned.ok("plan", "status", "--as-of", "2026-11-29").out
    lines = out.splitlines()
    assert lines[0] == "Plan status as of 2026-11-29"
    p2 = lines.index("P2  Tráfico ilícito de migrantes por tierra, mar y aire")
    assert lines[p2 + 1].startswith("  A2     delayed")
    assert "OVERDUE" in lines[p2 + 1]
    assert "No priority" in lines
    assert max(len(line) for line in lines if line.startswith("  A")) < 140


def test_status_json(planned):
    data = json.loads(planned.ok("plan", "status", "--as-of", "2026-11-29", "--format", "json").out)
    assert data["as_of"] == "2026-11-29"
    codes = [p["code"] for p in data["priorities"]]
    assert codes == ["P1", "P2", "P3", "P4", None]
    p1 = data["priorities"][0]
    assert p1["indicators"][0]["id"] == "I1"
    assert p1["indicators"][0]["standing"] == "on_track"
    assert [a["id"] for a in p1["activities"]] == ["A6", "A1", "A3"]
    a2 = data["priorities"][1]["activities"][0]
    assert a2["id"] == "A2" and a2["overdue"] is True and a2["status"] == "delayed"
    # I3: 22 of 40 (55%) on 2026-08-31, when 87.6% of the way from 2026-02-01 to 2026-09-30 was
    # expected: 63% of the expected progress, at risk then; its target date has passed since
    # without reaching 40: missed.
    assert a2["indicators"][0]["standing"] == "missed"
    assert a2["completion"] == pytest.approx(22 / 40)
    a1 = next(a for a in p1["activities"] if a["id"] == "A1")
    assert a1["completion"] == 1.0
    assert a1["indicators"][0]["standing"] == "achieved"
    assert set(a1) == {"id", "title", "kind", "status", "start", "end", "overdue", "completion", "working_group",
                       "member", "indicators"}


def test_status_as_of_early_date(planned):
    data = json.loads(planned.ok("plan", "status", "--as-of", "2026-01-05", "--format", "json").out)
    i1 = data["priorities"][0]["indicators"][0]
    assert i1["standing"] == "no_data"
    # The activities of the priorities entered the plan on 2026-01-10 at the earliest (their first
    # status); only A7, serving none, was in it. P4 was agreed on 2026-03-12 (its source date).
    assert [p["code"] for p in data["priorities"]] == ["P1", "P2", "P3", None]
    assert [[a["id"] for a in p["activities"]] for p in data["priorities"]] == [[], [], [], ["A7"]]
    # A5 entered the plan on 2026-06-01; its indicator's baseline is its start, 2026-09-01.
    data = json.loads(planned.ok("plan", "status", "--as-of", "2026-07-01", "--format", "json").out)
    a5 = next(a for a in data["priorities"][3]["activities"] if a["id"] == "A5")
    assert a5["status"] == "planned"
    assert [i["standing"] for i in a5["indicators"]] == ["not_started"]


def test_status_and_check_read_the_records_dated_up_to_the_day(planned):
    """A2 was delayed on 2026-08-14 and A1 done on 2026-06-28: on 2026-06-30 A2 was in progress and
    not yet due, A1 done; marking A2 done later does not change that day's answer."""
    before = planned.ok("plan", "status", "--as-of", "2026-06-30", "--format", "json").out
    a2 = next(a for a in json.loads(before)["priorities"][1]["activities"] if a["id"] == "A2")
    assert (a2["id"], a2["status"], a2["overdue"]) == ("A2", "in_progress", False)
    planned.ok("plan", "activity", "status", "A2", "done", "--note", "Terminado")
    assert planned.ok("plan", "status", "--as-of", "2026-06-30", "--format", "json").out == before
    # On 2026-11-28 A2 was still delayed and overdue; today it is done.
    result = planned.run("plan", "check", "--as-of", "2026-11-28", "--format", "json")
    assert result.code == 1
    assert [(f["rule"], f["record"]) for f in json.loads(result.out)] == [("activity-overdue", "A2")]
    assert planned.run("plan", "check", "--as-of", "2026-11-29").code == 0


# ---- timeline ----

def test_timeline_fits_80_columns(planned):
    out = planned.ok("plan", "timeline", "--from", "2026-01-01", "--to", "2026-12-31").out
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), out
    assert lines[0].strip() == "2026"
    assert "Jan" in lines[1] and "Dec" in lines[1]
    a1 = next(line for line in lines if line.startswith("A1 "))
    bar = a1[a1.index("|") + 1:a1.rindex("|")]
    assert bar == "      ############                  "
    assert lines[-2].endswith("^ today")
    assert lines[-1] == "- planned  = in progress  # done  ! delayed  x cancelled"


def test_timeline_by_quarter_and_default_range(planned):
    out = planned.ok("plan", "timeline").out
    lines = out.splitlines()
    assert lines[1].endswith("|Q1 Q2 Q3 Q4 Q1 |")
    assert lines[0].split() == ["2026", "'27"]
    assert all(len(line) <= 80 for line in lines)
    out = planned.ok("plan", "timeline", "--by", "quarter", "--from", "2026-01-01", "--to", "2026-12-31").out
    a8 = next(line for line in out.splitlines() if line.startswith("A8 "))
    assert a8.endswith("|         ---|")


def test_timeline_errors(planned):
    result = planned.run("plan", "timeline", "--from", "2026-12-01", "--to", "2026-01-01")
    assert result.code == 2
    assert result.err == "nacsa: error: --to 2026-01-01 is before --from 2026-12-01\n"
    result = planned.run("plan", "timeline", "--from", "2000-01-01", "--to", "2026-01-01")
    assert result.code == 2
    assert "do not fit in 80 columns" in result.err


# ---- check ----

def test_check_example_plan(planned):
    result = planned.run("plan", "check", "--as-of", "2026-11-29", "--format", "json")
    assert result.code == 1
    findings = json.loads(result.out)
    assert [(f["severity"], f["rule"], f["record"]) for f in findings] == [("error", "activity-overdue", "A2")]


def test_an_acknowledged_finding_leaves_the_check_until_its_date(planned):
    planned.ok("plan", "check", "ack", "activity-overdue:A2", "--reason", "extended by the donor",
               "--until", "2026-12-31")
    result = planned.run("plan", "check")
    assert (result.code, result.out) == (0, "")
    assert result.err == "nacsa: no problems found\nnacsa: 1 acknowledged finding left out (--all shows it)\n"
    result = planned.run("plan", "check", "--all", "--format", "json")
    assert result.code == 0
    assert [(f["rule"], f["record"], f["acknowledged"]) for f in json.loads(result.out)] == [
        ("activity-overdue", "A2", "until 2026-12-31: extended by the donor")]
    result = planned.run("plan", "check", env={"SOURCE_DATE_EPOCH": "1798848000"})  # 2027-01-02
    assert result.code == 1


def test_check_each_rule(alliance):
    alliance.ok("plan", "priority", "add", "P1", "--title", "Sin actividades")
    alliance.ok("plan", "priority", "add", "P2", "--title", "Con actividad")
    alliance.ok("plan", "activity", "add", "--title", "Sin prioridad", "--kind", "other",
                "--start", "2026-01-01", "--end", "2026-12-31")
    alliance.ok("plan", "activity", "add", "--title", "Vencida", "--kind", "research", "--priority", "P2",
                "--start", "2026-01-01", "--end", "2026-10-31", "--status", "in_progress")
    alliance.ok("plan", "indicator", "add", "--activity", "A2", "--name", "Informes", "--unit", "informes",
                "--baseline", "0", "--target", "2", "--target-date", "2026-12-31")
    alliance.ok("plan", "indicator", "measure", "I1", "1", "--date", "2026-03-31")
    result = alliance.run("plan", "check")
    assert result.code == 1
    findings = json.loads(alliance.run("plan", "check", "--format", "json").out)
    assert [(f["severity"], f["rule"], f["record"], f["message"]) for f in findings] == [
        ("error", "priority-without-activity", "P1", 'priority "Sin actividades" has no activity'),
        ("error", "activity-without-priority", "A1",
         "serves no priority and does not say so (give priorities, or none explicitly)"),
        ("error", "activity-overdue", "A2", "ended 2026-10-31 but is in_progress"),
        ("warning", "indicator-not-measured", "I1", "no measurement since 2026-07-01"),
    ]
    # At the terminal, in the alliance's language (Spanish) or another.
    es = alliance.run("plan", "check", env={"NACSA_LANG": ""}).out
    for sentence in ("la prioridad «Sin actividades» no tiene actividades",
                     "no sirve a ninguna prioridad y no lo declara", "terminaba el 2026-10-31 pero está en curso",
                     "sin mediciones desde el 2026-07-01"):
        assert sentence in es, es
    fr = alliance.run("--lang", "fr", "plan", "check").out
    assert "se terminait le 2026-10-31 mais est en cours" in fr and "aucune mesure depuis le 2026-07-01" in fr
    # Fix them all: the check passes.
    alliance.ok("plan", "activity", "edit", "A1", "--no-priority")
    alliance.ok("plan", "activity", "add", "--title", "Para P1", "--kind", "other", "--priority", "P1",
                "--start", "2026-01-01", "--end", "2026-12-31")
    alliance.ok("plan", "activity", "status", "A2", "done")
    result = alliance.run("plan", "check")
    assert result.code == 0
    assert result.err == "nacsa: no problems found\n"


def test_check_warning_alone_exits_zero(alliance):
    alliance.ok("plan", "priority", "add", "P1", "--title", "Uno")
    alliance.ok("plan", "activity", "add", "--title", "Act", "--kind", "other", "--priority", "P1",
                "--start", "2026-01-01", "--end", "2026-12-31")
    alliance.ok("plan", "indicator", "add", "--activity", "A1", "--name", "N", "--unit", "u",
                "--baseline", "0", "--target", "2", "--target-date", "2026-12-31")
    result = alliance.run("plan", "check")
    assert result.code == 0
    assert "indicator-not-measured" in result.out


# ---- config ----

def test_config_cannot_drop_a_theme_used_by_a_priority(planned):
    text = (EXAMPLES / "alliance.yaml").read_text(encoding="utf-8")
    start = text.index("  - key: firearms")
    end = text.index("  - key: drugs_corruption")
    text = (text[:start] + text[end:]).replace(", firearms", "")
    planned.write("smaller.yaml", text)
    before = planned.dump()
    result = planned.run("config", "apply", "smaller.yaml")
    assert result.code == 65
    assert '"firearms" is dropped but still used by 1 record: P3' in result.err
    assert planned.dump() == before


def test_status_csv_and_list_tables(planned):
    out = planned.ok("plan", "status", "--as-of", "2026-11-29", "--format", "csv").out
    lines = out.split("\r\n")
    assert lines[0] == "priority,activity,title,status,end,overdue,completion"
    assert lines[1].startswith("P1,A6,")
    table = planned.ok("plan", "activity", "list").out.splitlines()
    assert table[0].split()[:3] == ["ID", "TITLE", "KIND"]
    assert len(table) == 9
    shown = planned.ok("plan", "activity", "show", "A2").out
    assert "2026-08-14 delayed: Trabajo de campo en Colchane suspendido: faltan permisos de acceso." in shown
    assert planned.ok("plan", "contribution", "list").out.splitlines()[0].split()[:3] == ["ID", "QUESTIONNAIRE",
                                                                                         "SUBMITTED"]


def test_member_is_exported_and_checked_on_import(alliance):
    member = add_member(alliance, "Corporación Humanas")
    alliance.ok("plan", "priority", "add", "P1", "--title", "Trata")
    alliance.ok("plan", "activity", "add", "--title", "Informe", "--kind", "research", "--priority", "P1",
                "--member", member, "--start", "2026-01-01", "--end", "2026-12-31")
    exported = alliance.ok("plan", "export").out
    assert "    member: corporacion-humanas\n" in exported
    alliance.write("other.yaml", exported.replace("corporacion-humanas", "corporacion-otra"))
    result = alliance.run("plan", "import", "other.yaml")
    assert result.code == 65
    line = exported.splitlines().index("    member: corporacion-humanas") + 1
    assert result.err == (f'nacsa: error: other.yaml:{line}:13: field "activities[0].member": '
                          '"corporacion-otra" is not a member in the register\n')


def test_audit_log_names_plan_changes(planned):
    planned.ok("plan", "activity", "status", "A8", "in_progress", "--date", "2026-11-02")
    out = planned.ok("log", "--kind", "plan_activity", "--record", "A8", "--format", "json").out
    entries = json.loads(out)
    assert [e["summary"] for e in entries] == ["import: added", "status planned -> in_progress on 2026-11-02"]
    assert entries[-1]["command"] == "plan activity status"


def test_import_reports_a_repeated_key(alliance):
    alliance.write("dup.yaml", "priorities:\n  - code: P1\n    title: Uno\n    title: Dos\n    source: vpi_report\n")
    result = alliance.run("plan", "import", "dup.yaml")
    assert result.code == 65
    assert result.err == ('nacsa: error: dup.yaml:4:5: field "priorities[0].title": '
                          "duplicate key (first given on line 3)\n")


# ---- edits added with the use cases ----

def test_indicator_and_contribution_edit(planned):
    result = planned.ok("plan", "indicator", "edit", "I3", "--target", "45", "--name", "Entrevistas")
    assert result.err == "nacsa: updated indicator I3\n"
    listed = json.loads(planned.ok("plan", "indicator", "list", "--activity", "A2", "--format", "json").out)
    assert (listed[0]["name"], listed[0]["target"]) == ("Entrevistas", 45.0)
    assert planned.ok("plan", "indicator", "edit", "I3", "--target", "45").err == \
        "nacsa: indicator I3: nothing changed\n"
    result = planned.run("plan", "indicator", "edit", "I3", "--baseline", "45")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "target": equals the baseline: nothing to measure\n'
    assert planned.run("plan", "indicator", "edit", "I99", "--target", "1").code == 3

    result = planned.ok("plan", "contribution", "edit", "C1", "--file", "", "--to", "Cancillería")
    assert result.err == "nacsa: updated contribution C1\n"
    listed = json.loads(planned.ok("plan", "contribution", "list", "--format", "json").out)
    assert (listed[0]["submitted_to"], listed[0]["file_reference"]) == ("Cancillería", None)
    result = planned.run("plan", "contribution", "edit", "C9", "--to", "x")
    assert result.code == 3
    assert result.err == 'nacsa: error: no contribution "C9" in the plan\n'
    summaries = [e["summary"] for e in json.loads(planned.ok("--format", "json", "log", "--kind",
                                                              "plan_contribution", "--record", "C1").out)]
    assert summaries == ["import: added", "edited"]


def test_activity_member_by_name_and_checked_texts(alliance):
    add_member(alliance, "Corporación Humanas")
    result = alliance.ok("plan", "activity", "add", "--title", "Informe", "--kind", "research", "--no-priority",
                         "--member", "corporacion HUMANAS", "--start", "2026-01-01", "--end", "2026-12-31")
    assert result.out == "A1\n"
    assert json.loads(alliance.ok("plan", "activity", "show", "A1", "--format", "json").out)["member"] == \
        "corporacion-humanas"
    before = alliance.dump()
    result = alliance.run("plan", "activity", "edit", "A1", "--title", "Informe\x1b[2J")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "title": contains the control character U+001B\n'
    result = alliance.run("plan", "activity", "edit", "A1", "--progress", " ")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "progress": must not be empty\n'
    assert alliance.dump() == before


def test_priority_themes_may_be_comma_separated(alliance):
    alliance.ok("plan", "priority", "add", "P1", "--title", "Trata", "--theme", "untoc,trafficking_in_persons")
    shown = json.loads(alliance.ok("plan", "priority", "show", "P1", "--format", "json").out)
    assert shown["thematic_areas"] == ["trafficking_in_persons", "untoc"]


# ---- writes at the same time ----

AT_ONCE = 8


def _parallel(nacsa, make_args, runs=AT_ONCE):
    def run(i):
        return subprocess.run([*WRAPPER, NACSA_BIN, *make_args(i)], cwd=nacsa.workdir, env=nacsa.env,
                              capture_output=True, text=True, timeout=120 * TIMEOUT_SCALE)
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(run, range(runs)))


def _log(nacsa, kind, record):
    return [e["summary"] for e in json.loads(nacsa.ok("--format", "json", "log", "--kind", kind,
                                                      "--record", record).out)]


def test_the_same_status_change_eight_times_at_once_is_recorded_once(planned):
    results = _parallel(planned, lambda i: ["plan", "activity", "status", "A8", "in_progress",
                                            "--date", "2026-11-02"])
    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [65] * (AT_ONCE - 1), [(r.returncode, r.stderr) for r in results]
    assert all(r.stderr == 'nacsa: error: field "status": activity A8 is already in_progress\n'
               for r in results if r.returncode == 65)
    shown = json.loads(planned.ok("plan", "activity", "show", "A8", "--format", "json").out)
    assert shown["status_history"] == ["2026-06-01 planned", "2026-11-02 in_progress"]
    assert _log(planned, "plan_activity", "A8") == ["import: added",
                                                    "status planned -> in_progress on 2026-11-02"]


def test_progress_notes_and_measurements_at_once_are_all_kept(planned):
    results = _parallel(planned, lambda i: ["plan", "activity", "edit", "A4", "--progress", f"Nota {i}",
                                            "--date", "2026-11-20"])
    assert [r.returncode for r in results] == [0] * AT_ONCE, [r.stderr for r in results]
    progress = json.loads(planned.ok("plan", "activity", "show", "A4", "--format", "json").out)["progress"]
    assert sorted(progress[1:]) == sorted(f"2026-11-20: Nota {i}" for i in range(AT_ONCE))
    assert _log(planned, "plan_activity", "A4").count("progress note added") == AT_ONCE

    results = _parallel(planned, lambda i: ["plan", "indicator", "measure", "I5", str(7000 + i),
                                            "--date", f"2026-11-{10 + i}"])
    assert [r.returncode for r in results] == [0] * AT_ONCE, [r.stderr for r in results]
    exported = yaml.safe_load(planned.ok("plan", "export").out)
    a5 = next(a for a in exported["activities"] if a["id"] == "A5")
    assert len(a5["indicators"][0]["measurements"]) == 1 + AT_ONCE
    assert len([s for s in _log(planned, "plan_indicator", "I5") if s.startswith("measured on")]) == AT_ONCE



# ---- corrections ----

def test_corrections_are_audited_and_the_report_follows_them(planned):
    def plan_report():
        data = json.loads(planned.ok("report", "plan", "--year", "2026", "--format", "json").out)
        return {t["key"]: t["rows"] for t in data["sections"][0]["tables"]}

    rows = plan_report()
    # A3 serves four priorities: its indicator I4 is listed once.
    assert sorted(r["indicator"] for r in rows["indicators"]) == ["I1", "I2", "I3", "I4", "I5"]
    assert next(r for r in rows["indicators"] if r["indicator"] == "I1")["latest"] == 84
    assert [r["contribution"] for r in rows["review_contributions"]] == ["C1", "C2"]
    planned.ok("plan", "measurement", "edit", "I1", "2026-09-30", "--value", "48", "--note", "",
               "--reason", "Cifra duplicada en la planilla")
    planned.ok("plan", "measurement", "delete", "I3", "2026-08-31", "--yes", "--reason", "Medición no verificada")
    planned.ok("plan", "indicator", "edit", "I1", "--target", "100", "--reason", "Meta revisada")
    planned.ok("plan", "indicator", "delete", "I5", "--yes", "--reason", "Indicador repetido")
    planned.ok("plan", "contribution", "delete", "C2", "--yes", "--reason", "Registrada dos veces")
    rows = plan_report()
    indicators = {r["indicator"]: r for r in rows["indicators"]}
    assert (indicators["I1"]["latest"], indicators["I1"]["target"]) == (48, 100)
    assert indicators["I3"]["latest"] == 18 and "I5" not in indicators
    assert [r["contribution"] for r in rows["review_contributions"]] == ["C1"]
    listed = planned.ok("plan", "contribution", "list", "--format", "json").out
    assert "C2" not in [c["id"] for c in json.loads(listed)]

    log = json.loads(planned.ok("--format", "json", "log", "--limit", "5").out)
    assert [(e["record_kind"], e["record_id"], e["summary"]) for e in log] == [
        ("plan_indicator", "I1", "measurement of 2026-09-30 corrected: Cifra duplicada en la planilla"),
        ("plan_indicator", "I3", "measurement of 2026-08-31 deleted: Medición no verificada"),
        ("plan_indicator", "I1", "edited: Meta revisada"),
        ("plan_indicator", "I5", "deleted with 1 measurement: Indicador repetido"),
        ("plan_contribution", "C2", "deleted: Registrada dos veces"),
    ]


@pytest.mark.parametrize("args, code, message", [
    (["measurement", "delete", "I1", "2026-01-01", "--yes", "--reason", "x"], 3,
     "indicator I1 has no measurement on 2026-01-01"),
    (["measurement", "edit", "I9", "2026-03-31", "--value", "1", "--reason", "x"], 3, 'no indicator "I9"'),
    (["measurement", "edit", "I1", "2026-03-31", "--value", "1", "--reason", " "], 65,
     "a correction needs a reason (--reason TEXT)"),
    (["contribution", "delete", "C1"], 2, "--reason is required"),
    (["indicator", "delete", "I9", "--yes", "--reason", "x"], 3, 'no indicator "I9"'),
])
def test_corrections_refuse_what_is_not_there_or_has_no_reason(planned, args, code, message):
    before = planned.dump()
    result = planned.run("plan", *args)
    assert result.code == code and message in result.err, str(result)
    assert planned.dump() == before
