# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of `nacsa wg`: groups, memberships, leads, tasks, checks, and the end of
memberships when a member withdraws. "Today" is 2026-11-29 (SOURCE_DATE_EPOCH)."""
import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import EXAMPLES, NACSA_BIN, TIMEOUT_SCALE, WRAPPER

PAZ = "fundacion-paz-ciudadana"
NORTE = "red-norte"
SOLA = "fundacion-sola"
ET = "experticia_tecnica"
CE = "comunicacion_estrategica"
IA = "incidencia_y_accion"


@pytest.fixture
def wg(alliance):
    """The example alliance with three members: two with contacts, one without."""
    alliance.cached(add_wg_members)
    return alliance


def add_wg_members(alliance):
    alliance.ok("member", "add", "--name", "Fundación Paz Ciudadana", "--type", "foundation", "--joined", "2024-03-15")
    alliance.ok("member", "contact", "add", PAZ, "--name", "Ana Pérez", "--gender", "female", "--primary")
    alliance.ok("member", "contact", "add", PAZ, "--name", "Luis Soto", "--gender", "male")
    alliance.ok("member", "add", "--name", "Red Norte", "--type", "network", "--joined", "2024-04-01")
    alliance.ok("member", "contact", "add", NORTE, "--name", "Carla Ríos", "--primary")
    alliance.ok("member", "add", "--name", "Fundación Sola", "--type", "foundation")


def contact_id(nacsa, name):
    return nacsa.sql("SELECT id FROM contact WHERE name = ?", name)[0][0]


def rules(out):
    return [(f["rule"], f["record"]) for f in json.loads(out)]


# ---- help and init ----------------------------------------------------------------------------

def test_wg_help_lists_every_subcommand(nacsa):
    out = nacsa.ok("wg", "--help").out
    for sub in ("create", "list", "show", "edit", "archive", "join", "leave", "lead", "task", "check"):
        assert re.search(rf"^\s+{sub}\s", out, re.M), sub
    out = nacsa.ok("wg", "task", "--help").out
    for sub in ("add", "list", "done", "drop"):
        assert re.search(rf"^\s+{sub}\s", out, re.M), sub


def test_wg_without_subcommand_is_a_usage_error(nacsa):
    assert nacsa.run("wg").code == 2
    assert nacsa.run("wg", "task").code == 2


def test_init_creates_the_configured_groups(nacsa):
    result = nacsa.init(EXAMPLES / "alliance.yaml")
    assert result.err.endswith("; 3 working groups created\n")
    assert nacsa.sql("SELECT id, name, status, created, archived FROM working_group ORDER BY id") == [
        (CE, "Comunicación estratégica", "active", "2024-03-15", None),
        (ET, "Experticia técnica", "active", "2024-03-15", None),
        (IA, "Incidencia y acción", "active", "2024-03-15", None)]
    assert nacsa.sql("SELECT theme FROM wg_theme WHERE wg_id = ? ORDER BY theme", IA) == [
        ("drugs_corruption",), ("firearms",), ("untoc",)]
    assert nacsa.sql("SELECT count(*) FROM audit WHERE record_kind = 'working_group'") == [(3,)]
    listed = json.loads(nacsa.ok("wg", "list", "--format", "json").out)
    assert [g["id"] for g in listed] == [CE, ET, IA]
    assert listed[2] == {"id": IA, "name": "Incidencia y acción", "status": "active",
                         "themes": ["untoc", "firearms", "drugs_corruption"], "lead": None, "members": 0,
                         "open_tasks": 0, "overdue_tasks": 0}


def test_init_without_configured_groups_creates_none(nacsa):
    result = nacsa.init(EXAMPLES / "alliance-minimal.yaml")
    assert "working group" not in result.err
    assert nacsa.ok("wg", "list", "--format", "json").out.strip() == "[]"


# ---- create, show, list, edit, archive --------------------------------------------------------

def test_create_prints_the_id_and_audits(wg):
    result = wg.ok("wg", "create", "Género y Derechos Humanos", "--purpose", "Perspectiva de género",
                   "--theme", "emerging_crimes,untoc", "--created", "2026-01-10")
    assert result.out == "genero-y-derechos-humanos\n"
    assert result.err == "nacsa: created working group genero-y-derechos-humanos (Género y Derechos Humanos)\n"
    shown = json.loads(wg.ok("wg", "show", "genero-y-derechos-humanos", "--format", "json").out)
    assert shown == {"id": "genero-y-derechos-humanos", "name": "Género y Derechos Humanos",
                     "purpose": "Perspectiva de género", "status": "active", "created": "2026-01-10",
                     "archived": None, "themes": ["untoc", "emerging_crimes"], "lead": None,
                     "lead_representative": None, "lead_since": None, "former_leads": [], "members": [],
                     "former_members": [],
                     "open_tasks": 0, "overdue_tasks": 0}
    assert wg.sql("SELECT command, summary FROM audit WHERE record_id = 'genero-y-derechos-humanos'") == [
        ("wg create", "created working group (themes: untoc, emerging_crimes)")]


def test_create_reports_every_problem_and_writes_nothing(wg):
    before = wg.dump()
    result = wg.run("wg", "create", "  ", "--id", "Mal Id", "--theme", "piracy")
    assert result.code == 65
    assert result.err.splitlines() == [
        'nacsa: error: field "name": must not be empty',
        'nacsa: error: field "themes": "piracy" is not a thematic area of this alliance (known: untoc, '
        'trafficking_in_persons, smuggling_of_migrants, firearms, drugs_corruption, emerging_crimes)',
        'nacsa: error: field "id": "Mal Id" is not a valid id (lower-case letters and digits, separated by '
        "single '-' or '_')"]
    result = wg.run("wg", "create", "Experticia Técnica")
    assert result.code == 65
    assert result.err.splitlines() == [
        'nacsa: error: field "id": a working group with id experticia_tecnica already exists (give another with --id)',
        'nacsa: error: field "name": working group experticia_tecnica already has this name']
    result = wg.run("wg", "create", "Otra cosa", "--id", "experticia-tecnica")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "id": a working group with id experticia_tecnica already exists\n'
    assert wg.run("wg", "create", "X", "--created", "2026-02-30").code == 2
    assert wg.dump() == before


def test_show_and_unknown_group(wg):
    out = wg.ok("wg", "show", "experticia-tecnica").out
    assert out.startswith("Id:                  experticia_tecnica\nName:                Experticia técnica\n")
    result = wg.run("wg", "show", "nope")
    assert result.code == 3
    assert result.err == (f'nacsa: error: no working group "nope" (known: {CE}, {ET}, {IA})\n')


def test_edit_changes_name_purpose_and_themes(wg):
    result = wg.ok("wg", "edit", IA, "--name", "Incidencia", "--add-theme", "trafficking_in_persons",
                   "--remove-theme", "firearms")
    assert result.err == ("nacsa: incidencia_y_accion: changed name; themes: untoc, trafficking_in_persons, "
                          "drugs_corruption\n")
    assert wg.sql("SELECT name FROM working_group WHERE id = ?", IA) == [("Incidencia",)]
    result = wg.ok("wg", "edit", IA, "--theme", "untoc")
    assert wg.sql("SELECT theme FROM wg_theme WHERE wg_id = ?", IA) == [("untoc",)]
    result = wg.ok("wg", "edit", IA, "--name", "Incidencia")
    assert result.err == "nacsa: incidencia_y_accion: nothing changed\n"
    before = wg.dump()
    result = wg.run("wg", "edit", IA)
    assert result.code == 2
    assert "nothing to change" in result.err
    result = wg.run("wg", "edit", IA, "--remove-theme", "firearms", "--add-theme", "piracy")
    assert result.code == 65
    assert result.err.splitlines() == [
        'nacsa: error: field "themes": "piracy" is not a thematic area of this alliance (known: untoc, '
        'trafficking_in_persons, smuggling_of_migrants, firearms, drugs_corruption, emerging_crimes)',
        'nacsa: error: field "themes": incidencia_y_accion does not work on "firearms" (themes: untoc)']
    assert wg.run("wg", "edit", IA, "--theme", "untoc", "--add-theme", "firearms").code == 2
    assert wg.run("wg", "edit", "nope", "--name", "x").code == 3
    assert wg.dump() == before


def test_archive_ends_memberships_and_needs_open_tasks_closed(wg):
    wg.ok("wg", "lead", CE, PAZ, "--representative", "Ana", "--date", "2026-01-01")
    wg.ok("wg", "join", CE, NORTE, "--date", "2026-01-01")
    wg.ok("wg", "task", "add", CE, "Campaña")
    before = wg.dump()
    result = wg.run("wg", "archive", CE)
    assert result.code == 65
    assert result.err == ('nacsa: error: field "working group": comunicacion_estrategica has 1 open task; '
                          "mark it done or dropped first, or pass --drop-open-tasks\n")
    assert wg.dump() == before
    result = wg.ok("wg", "archive", CE, "--drop-open-tasks", "--date", "2026-11-30")
    assert result.err == ("nacsa: archived comunicacion_estrategica on 2026-11-30: 2 memberships ended, "
                          "lead ended, 1 open task dropped\n")
    assert wg.sql("SELECT status, archived FROM working_group WHERE id = ?", CE) == [("archived", "2026-11-30")]
    assert wg.sql("SELECT member_id, ended, end_reason FROM wg_membership WHERE wg_id = ? ORDER BY member_id",
                  CE) == [(PAZ, "2026-11-30", "archived"), (NORTE, "2026-11-30", "archived")]
    assert wg.sql("SELECT ended, end_reason FROM wg_lead WHERE wg_id = ?", CE) == [("2026-11-30", "archived")]
    assert wg.sql("SELECT status, closed, close_note FROM wg_task") == [
        ("dropped", "2026-11-30", "working group archived")]
    assert [g["id"] for g in json.loads(wg.ok("wg", "list", "--format", "json").out)] == [ET, IA]
    assert [g["id"] for g in json.loads(wg.ok("wg", "list", "--all", "--format", "json").out)] == [CE, ET, IA]
    result = wg.run("wg", "join", CE, PAZ)
    assert result.code == 65
    assert result.err == 'nacsa: error: field "working group": comunicacion_estrategica was archived on 2026-11-30\n'
    assert wg.run("wg", "archive", CE).code == 65


# ---- join, leave, lead ------------------------------------------------------------------------

def test_join_defaults_to_the_primary_contact(wg):
    result = wg.ok("wg", "join", ET, PAZ, "--date", "2026-05-01")
    assert result.err == f"nacsa: {PAZ} joined {ET} on 2026-05-01 (represented by Ana Pérez)\n"
    result = wg.ok("wg", "join", ET, SOLA)
    assert result.err == (f"nacsa: {SOLA} joined {ET} on 2026-11-29 "
                          "(no representative: it has no primary contact)\n")
    assert wg.sql("SELECT member_id, contact_id, joined, ended FROM wg_membership ORDER BY id") == [
        (PAZ, contact_id(wg, "Ana Pérez"), "2026-05-01", None), (SOLA, None, "2026-11-29", None)]
    audit = wg.sql("SELECT command, record_kind, record_id, summary FROM audit WHERE command = 'wg join'")
    assert audit[0] == ("wg join", "working_group", ET,
                        f"{PAZ} joined on 2026-05-01 (contact #{contact_id(wg, 'Ana Pérez')})")
    assert "Ana" not in " ".join(a[3] for a in audit)


def test_join_with_a_representative_and_changing_it(wg):
    wg.ok("wg", "join", ET, PAZ, "--representative", "luis soto")
    result = wg.ok("wg", "join", ET, PAZ, "--representative", str(contact_id(wg, "Ana Pérez")))
    assert result.err == f"nacsa: {ET}: {PAZ} is now represented by Ana Pérez\n"
    assert wg.sql("SELECT count(*), max(contact_id) FROM wg_membership") == [(1, contact_id(wg, "Ana Pérez"))]
    show = json.loads(wg.ok("wg", "show", ET, "--format", "json").out)
    assert show["members"] == [f"{PAZ} (Ana Pérez, since 2026-11-29)"]


def test_join_refusals(wg):
    wg.ok("wg", "join", ET, PAZ)
    wg.ok("member", "contact", "add", PAZ, "--name", "Andrea Pérez")
    wg.ok("member", "status", NORTE, "suspended", "--reason", "sin actividad")
    contacts = ", ".join(f"#{contact_id(wg, n)} {n}" for n in ("Ana Pérez", "Luis Soto", "Andrea Pérez"))
    before = wg.dump()
    cases = [
        (("wg", "join", ET, PAZ), 65,
         f'nacsa: error: field "member": {PAZ} is already a member of {ET} (since 2026-11-29)\n'),
        (("wg", "join", ET, PAZ, "--representative", "Ana"), 65,
         f'nacsa: error: field "representative": Ana Pérez already represents {PAZ} in {ET}\n'),
        (("wg", "join", IA, PAZ, "--representative", "Carla Ríos"), 65,
         f'nacsa: error: field "representative": "Carla Ríos" is not a contact of {PAZ} (contacts: {contacts})\n'),
        (("wg", "join", IA, PAZ, "--representative", "perez"), 65,
         f'nacsa: error: field "representative": "perez" matches 2 contacts of {PAZ}: '
         f'#{contact_id(wg, "Ana Pérez")} Ana Pérez, #{contact_id(wg, "Andrea Pérez")} Andrea Pérez; '
         "give the contact's number or e-mail\n"),
        (("wg", "join", IA, PAZ, "--representative", "AN"), 65,
         f'nacsa: error: field "representative": "AN" is not a contact of {PAZ} (contacts: {contacts})\n'),
        (("wg", "join", IA, SOLA, "--representative", "Ana"), 65,
         f'nacsa: error: field "representative": {SOLA} has no contacts on record '
         f"(add one with 'nacsa member contact add {SOLA}')\n"),
        (("wg", "join", IA, NORTE), 65,
         f'nacsa: error: field "member": {NORTE} is suspended; only active members can join a working group\n'),
        (("wg", "join", IA, PAZ, "--date", "2020-01-01"), 65,
         'nacsa: error: field "date": 2020-01-01 is before the group was created (2024-03-15)\n'),
        (("wg", "join", IA, "nadie"), 3,
         "nacsa: error: no member \"nadie\" (an id, name or acronym; see 'nacsa member list')\n"),
        (("wg", "join", IA, "Fundación"), 3,
         f'nacsa: error: no member "Fundación" (an id, name or acronym; did you mean: {PAZ} '
         f"(Fundación Paz Ciudadana), {SOLA} (Fundación Sola)?)\n"),
        (("wg", "join", "nope", PAZ), 3,
         f'nacsa: error: no working group "nope" (known: {CE}, {ET}, {IA})\n'),
    ]
    for args, code, err in cases:
        result = wg.run(*args)
        assert (result.code, result.err) == (code, err), args
    assert wg.run("wg", "join", IA).code == 2
    assert wg.run("wg", "join", IA, PAZ, "--date", "mañana").code == 2
    assert wg.dump() == before


def test_leave_keeps_the_history(wg):
    wg.ok("wg", "join", ET, PAZ, "--date", "2026-01-10")
    before = wg.dump()
    result = wg.run("wg", "leave", ET, PAZ, "--date", "2026-01-01")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "date": 2026-01-01 is before it joined (2026-01-10)\n'
    assert wg.dump() == before
    result = wg.ok("wg", "leave", ET, PAZ, "--date", "2026-06-30")
    assert result.err == f"nacsa: {PAZ} left {ET} on 2026-06-30\n"
    result = wg.run("wg", "leave", ET, PAZ)
    assert result.code == 65
    assert result.err == f'nacsa: error: field "member": {PAZ} is not a member of {ET}\n'
    wg.ok("wg", "join", ET, PAZ, "--date", "2026-09-01")
    assert wg.sql("SELECT joined, ended, end_reason FROM wg_membership ORDER BY id") == [
        ("2026-01-10", "2026-06-30", "left"), ("2026-09-01", None, None)]
    show = json.loads(wg.ok("wg", "show", ET, "--format", "json").out)
    assert show["former_members"] == [f"{PAZ} (2026-01-10 to 2026-06-30, left)"]
    assert show["members"] == [f"{PAZ} (Ana Pérez, since 2026-09-01)"]


def test_lead_joins_replaces_and_keeps_history(wg):
    result = wg.ok("wg", "lead", ET, PAZ, "--representative", "Ana", "--date", "2026-02-01")
    assert result.err == f"nacsa: {PAZ} leads {ET} from 2026-02-01, represented by Ana Pérez; {PAZ} joined the group\n"
    result = wg.ok("wg", "lead", ET, NORTE, "--representative", "carla rios", "--date", "2026-08-01")
    assert result.err == (f"nacsa: {NORTE} leads {ET} from 2026-08-01, represented by Carla Ríos (replacing {PAZ}); "
                          f"{NORTE} joined the group\n")
    assert wg.sql("SELECT member_id, contact_id, started, ended, end_reason FROM wg_lead ORDER BY id") == [
        (PAZ, contact_id(wg, "Ana Pérez"), "2026-02-01", "2026-08-01", "replaced"),
        (NORTE, contact_id(wg, "Carla Ríos"), "2026-08-01", None, None)]
    show = json.loads(wg.ok("wg", "show", ET, "--format", "json").out)
    assert (show["lead"], show["lead_representative"], show["lead_since"]) == (NORTE, "Carla Ríos", "2026-08-01")
    assert show["former_leads"] == [f"{PAZ} (Ana Pérez, 2026-02-01 to 2026-08-01, replaced)"]
    # Leaving ends the lead too.
    result = wg.ok("wg", "leave", ET, NORTE, "--date", "2026-10-01")
    assert result.err == f"nacsa: {NORTE} left {ET} on 2026-10-01; the group has no lead now\n"
    show = json.loads(wg.ok("wg", "show", ET, "--format", "json").out)
    assert show["lead"] is None
    assert show["former_leads"] == [f"{PAZ} (Ana Pérez, 2026-02-01 to 2026-08-01, replaced)",
                                    f"{NORTE} (Carla Ríos, 2026-08-01 to 2026-10-01, left)"]


def test_lead_refusals(wg):
    wg.ok("wg", "lead", ET, PAZ, "--representative", "Ana", "--date", "2026-02-01")
    before = wg.dump()
    result = wg.run("wg", "lead", ET, PAZ)
    assert result.code == 2
    assert "--representative is required" in result.err
    result = wg.run("wg", "lead", ET, PAZ, "--representative", "Ana")
    assert result.code == 65
    assert result.err == (f'nacsa: error: field "member": {PAZ} already leads {ET} (since 2026-02-01), '
                          "represented by Ana Pérez\n")
    result = wg.run("wg", "lead", ET, NORTE, "--representative", "Ana")
    assert result.code == 65
    assert result.err.startswith(f'nacsa: error: field "representative": "Ana" is not a contact of {NORTE}')
    result = wg.run("wg", "lead", ET, NORTE, "--representative", "Carla", "--date", "2026-01-15")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "date": 2026-01-15 is before the current lead started (2026-02-01)\n'
    assert wg.run("wg", "lead", ET, "nadie", "--representative", "x").code == 3
    assert wg.dump() == before


# ---- tasks ------------------------------------------------------------------------------------

def test_task_add_list_done_drop(wg):
    wg.ok("wg", "join", ET, PAZ)
    # A task links to an activity of the plan; a link to an activity the plan lacks is refused.
    refused = wg.run("wg", "task", "add", ET, "Minuta", "--activity", "A7")
    assert (refused.code, refused.err) == (3, 'nacsa: error: no activity "A7" in the plan (see `nacsa plan activity list`)\n')
    wg.write("plan.yaml", "priorities:\n  - code: P1\n    title: Trata de personas\n    thematic_areas: [trafficking_in_persons]\n"
             "    source: vpi_report\nactivities:\n  - id: A7\n    title: Minuta de política\n    kind: policy_brief\n"
             "    priorities: [P1]\n    start: 2026-10-01\n    end: 2026-12-31\n    status: in_progress\n")
    wg.ok("plan", "import", "plan.yaml")
    result = wg.ok("wg", "task", "add", ET, "Minuta sobre trata", "--owner", PAZ, "--due", "2026-12-15",
                   "--description", "Dos páginas", "--activity", "A7")
    assert result.out == "1\n"
    assert result.err == f"nacsa: added task 1 to {ET}, due 2026-12-15\n"
    assert wg.ok("wg", "task", "add", ET, "Segunda").out == "2\n"
    assert wg.sql("SELECT wg_id, title, description, owner_id, due, status, activity_id, created FROM wg_task "
                  "WHERE id = 1") == [(ET, "Minuta sobre trata", "Dos páginas", PAZ, "2026-12-15", "open", "A7",
                                       "2026-11-29")]
    listed = json.loads(wg.ok("wg", "task", "list", "--format", "json").out)
    assert listed[0] == {"id": 1, "working_group": ET, "title": "Minuta sobre trata", "owner": PAZ,
                         "due": "2026-12-15", "status": "open", "overdue": False, "activity": "A7",
                         "created": "2026-11-29", "closed": None}
    assert [t["id"] for t in listed] == [1, 2]
    result = wg.ok("wg", "task", "done", "1", "--note", "enviada")
    assert result.err == f"nacsa: task 1 of {ET} done on 2026-11-29\n"
    result = wg.ok("wg", "task", "drop", "2", "--date", "2026-11-30", "--note", "ya no hace falta")
    assert result.err == f"nacsa: task 2 of {ET} dropped on 2026-11-30\n"
    assert wg.sql("SELECT id, status, closed, close_note FROM wg_task ORDER BY id") == [
        (1, "done", "2026-11-29", "enviada"), (2, "dropped", "2026-11-30", "ya no hace falta")]
    assert json.loads(wg.ok("wg", "task", "list", "--format", "json").out) == []
    assert [t["status"] for t in json.loads(wg.ok("wg", "task", "list", ET, "--status", "all",
                                                  "--format", "json").out)] == ["done", "dropped"]
    assert wg.sql("SELECT command, record_kind, record_id, summary FROM audit WHERE record_kind = 'wg_task' "
                  "ORDER BY id") == [
        ("wg task add", "wg_task", "1", f"added to {ET}, due 2026-12-15"),
        ("wg task add", "wg_task", "2", f"added to {ET}"),
        ("wg task done", "wg_task", "1", "done on 2026-11-29"),
        ("wg task drop", "wg_task", "2", "dropped on 2026-11-30")]


def test_task_refusals(wg):
    wg.ok("wg", "task", "add", ET, "Una")
    wg.ok("wg", "task", "done", "1")
    before = wg.dump()
    cases = [
        (("wg", "task", "add", ET, "X", "--owner", NORTE), 65,
         f'nacsa: error: field "owner": {NORTE} is not a member of {ET} (add it with `nacsa wg join {ET} {NORTE}`)\n'),
        (("wg", "task", "add", ET, " "), 65, 'nacsa: error: field "title": must not be empty\n'),
        (("wg", "task", "add", ET, "X", "--owner", "nadie"), 3,
         "nacsa: error: no member \"nadie\" (an id, name or acronym; see 'nacsa member list')\n"),
        (("wg", "task", "add", "nope", "X"), 3, f'nacsa: error: no working group "nope" (known: {CE}, {ET}, {IA})\n'),
        (("wg", "task", "add", ET, "X", "--due", "2026-13-01"), 2,
         'nacsa: error: --due: "2026-13-01" is not a date (expected YYYY-MM-DD)\n'),
        (("wg", "task", "done", "1"), 65, 'nacsa: error: field "task": task 1 is already done (on 2026-11-29)\n'),
        (("wg", "task", "drop", "9"), 3, "nacsa: error: no task 9 (see `nacsa wg task list`)\n"),
        (("wg", "task", "done", "1", "--date", "2026-01-01"), 65,
         'nacsa: error: field "task": task 1 is already done (on 2026-11-29)\n'),
    ]
    for args, code, err in cases:
        result = wg.run(*args)
        assert (result.code, result.err) == (code, err), args
    assert wg.run("wg", "task", "done", "uno").code == 2
    assert wg.run("wg", "task", "list", "--status", "later").code == 2
    assert wg.dump() == before


def test_task_list_overdue(wg):
    wg.ok("wg", "task", "add", ET, "Vencida", "--due", "2026-11-01")
    wg.ok("wg", "task", "add", IA, "A tiempo", "--due", "2026-12-31")
    wg.ok("wg", "task", "add", IA, "Sin fecha")
    overdue = json.loads(wg.ok("wg", "task", "list", "--overdue", "--format", "json").out)
    assert [(t["title"], t["overdue"]) for t in overdue] == [("Vencida", True)]
    later = json.loads(wg.ok("wg", "task", "list", "--overdue", "--as-of", "2027-01-15", "--format", "json").out)
    assert [t["title"] for t in later] == ["Vencida", "A tiempo"]
    assert [t["title"] for t in json.loads(wg.ok("wg", "task", "list", IA, "--format", "json").out)] == [
        "A tiempo", "Sin fecha"]
    table = wg.ok("wg", "task", "list", "--overdue").out
    assert table.splitlines()[0].split() == ["ID", "GROUP", "TITLE", "OWNER", "DUE", "STATUS", "OVERDUE",
                                             "ACTIVITY", "CREATED", "CLOSED"]


# ---- check ------------------------------------------------------------------------------------

def healthy(nacsa):
    """Every configured group with a lead, and no open problems."""
    for group in (CE, ET, IA):
        nacsa.ok("wg", "lead", group, PAZ, "--representative", "Ana", "--date", "2026-11-01")


def test_check_passes_a_healthy_alliance(wg):
    healthy(wg)
    result = wg.run("wg", "check")
    assert (result.code, result.out, result.err) == (0, "", "nacsa: no problems found\n")
    assert json.loads(wg.ok("wg", "check", "--format", "json").out) == []


def test_check_no_lead_and_no_members(wg):
    result = wg.run("wg", "check", "--format", "json")
    assert result.code == 1
    found = rules(result.out)
    assert found == [("wg-no-lead", CE), ("wg-no-lead", ET), ("wg-no-lead", IA),
                     ("wg-no-members", CE), ("wg-no-members", ET), ("wg-no-members", IA)]
    first = json.loads(result.out)[0]
    assert first == {"severity": "error", "rule": "wg-no-lead", "record": CE,
                     "message": f"{CE} has no lead (set one with `nacsa wg lead {CE} MEMBER --representative NAME`)"}


def test_check_inactive_member(wg):
    healthy(wg)
    wg.ok("wg", "join", ET, NORTE)
    wg.ok("member", "status", NORTE, "suspended", "--reason", "cuotas impagas")
    result = wg.run("wg", "check")
    assert result.code == 1
    assert re.search(rf"^error\s+wg-inactive-member\s+{ET}\s+{NORTE} is suspended but still a member of {ET} "
                     rf"\(end it with `nacsa wg leave {ET} {NORTE}`\)$", result.out, re.M)
    # Its status on the day checked counts: the day before, it was active.
    assert wg.run("wg", "check", "--as-of", "2026-11-28").code == 0
    wg.ok("wg", "leave", ET, NORTE)
    assert wg.run("wg", "check").code == 0


def test_check_overdue_tasks(wg):
    healthy(wg)
    wg.ok("wg", "task", "add", ET, "Informe", "--owner", PAZ, "--due", "2026-11-20")
    result = wg.run("wg", "check", "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == [{"severity": "error", "rule": "wg-overdue-task", "record": ET,
                                       "message": f'task 1 "Informe" was due on 2026-11-20 (9 days overdue, '
                                                  f'owner {PAZ})'}]
    # As of its due date it is not overdue yet.
    assert wg.run("wg", "check", "--as-of", "2026-11-20").code == 0
    wg.ok("wg", "task", "done", "1")
    assert wg.run("wg", "check").code == 0
    assert wg.run("wg", "check", "--as-of", "someday").code == 2


def test_check_findings_in_spanish_and_french(wg):
    healthy(wg)
    wg.ok("wg", "join", ET, NORTE)
    wg.ok("member", "status", NORTE, "suspended", "--reason", "cuotas impagas")
    wg.ok("wg", "task", "add", ET, "Informe", "--owner", PAZ, "--due", "2026-11-28")
    es = wg.run("--lang", "es", "wg", "check").out
    assert re.search(rf"^error\s+wg-inactive-member\s+{ET}\s+{NORTE} está suspendido pero sigue siendo miembro de "
                     rf"{ET} \(póngale fin con `nacsa wg leave {ET} {NORTE}`\)$", es, re.M), es
    assert f'la tarea 1 «Informe» vencía el 2026-11-28 (1 día de atraso, responsable {PAZ})' in es
    assert es.startswith("GRAVEDAD ")
    fr = wg.run("wg", "check", env={"NACSA_LANG": "fr"}).out
    assert f"{NORTE} est suspendu mais reste membre de {ET}" in fr
    assert "(1 jour de retard, responsable" in fr
    # JSON keeps the English sentence, for scripts.
    data = json.loads(wg.run("--lang", "es", "wg", "check", "--format", "json").out)
    assert {f["message"] for f in data} >= {f'task 1 "Informe" was due on 2026-11-28 (1 day overdue, owner {PAZ})'}


def test_check_themes_no_group_covers(wg):
    healthy(wg)
    wg.ok("wg", "edit", ET, "--remove-theme", "emerging_crimes")
    wg.ok("wg", "edit", CE, "--remove-theme", "emerging_crimes")
    result = wg.run("wg", "check", "--format", "json")
    assert result.code == 0  # a warning only
    assert json.loads(result.out) == [{"severity": "warning", "rule": "wg-theme-uncovered",
                                       "record": "emerging_crimes",
                                       "message": "no active working group covers the thematic area "
                                                  "emerging_crimes"}]


def test_check_no_meeting_in_the_last_months(wg):
    healthy(wg)
    # No meeting recorded at all: the alliance does not keep its meetings in nacsa, no finding.
    assert wg.run("wg", "check").code == 0
    # Once meetings are kept, a group that has not met in the last 3 months is reported.
    wg.ok("meeting", "schedule", "--title", "Asamblea", "--kind", "general_assembly", "--start", "2026-10-01 10:00")
    result = wg.run("wg", "check", "--format", "json")
    assert result.code == 1
    assert rules(result.out) == [("wg-no-meeting", CE), ("wg-no-meeting", ET), ("wg-no-meeting", IA)]
    assert json.loads(result.out)[1]["message"] == f"{ET} has not met in the last 3 months (no meeting recorded)"


# ---- withdrawal and configuration -------------------------------------------------------------

def test_withdrawing_a_member_ends_its_memberships_and_leads(wg):
    wg.ok("wg", "lead", ET, PAZ, "--representative", "Luis", "--date", "2026-03-01")
    wg.ok("wg", "join", IA, PAZ, "--date", "2026-04-01")
    wg.ok("wg", "join", IA, NORTE, "--date", "2026-04-01")
    result = wg.ok("member", "status", PAZ, "withdrawn", "--reason", "cierre", "--date", "2026-11-15")
    assert result.err == (f"nacsa: member {PAZ}: active -> withdrawn on 2026-11-15\n"
                          f"nacsa: member {PAZ}: ended on 2026-11-15: working-group memberships of {ET}, {IA}; "
                          f"lead of {ET}\n")
    assert wg.sql("SELECT wg_id, member_id, ended, end_reason FROM wg_membership ORDER BY wg_id, member_id") == [
        (ET, PAZ, "2026-11-15", "withdrawn"), (IA, PAZ, "2026-11-15", "withdrawn"), (IA, NORTE, None, None)]
    assert wg.sql("SELECT wg_id, ended, end_reason FROM wg_lead") == [(ET, "2026-11-15", "withdrawn")]
    audit = wg.sql("SELECT command, record_id, summary FROM audit WHERE command = 'member status' "
                   "AND record_kind = 'working_group' ORDER BY id")
    assert audit == [("member status", ET, f"lead of {PAZ} ended on 2026-11-15 (withdrawn)"),
                     ("member status", ET, f"membership of {PAZ} ended on 2026-11-15 (member withdrawn)"),
                     ("member status", IA, f"membership of {PAZ} ended on 2026-11-15 (member withdrawn)")]
    # Suspending does not end memberships (the check reports it instead); nothing to end says nothing.
    result = wg.ok("member", "status", NORTE, "suspended", "--reason", "x")
    assert result.err == f"nacsa: member {NORTE}: active -> suspended on 2026-11-29\n"
    result = wg.ok("member", "status", SOLA, "withdrawn", "--reason", "x")
    assert result.err == f"nacsa: member {SOLA}: active -> withdrawn on 2026-11-29\n"


def test_config_apply_refuses_to_drop_a_theme_a_group_uses(wg):
    text = (EXAMPLES / "alliance.yaml").read_text(encoding="utf-8")
    # Drop emerging_crimes from the thematic areas and from the configured groups.
    start = text.index("  - key: emerging_crimes")
    end = text.index("\n\n", start)
    dropped = (text[:start] + text[end + 1:]).replace(", emerging_crimes]", "]")
    path = wg.write("dropped.yaml", dropped)
    assert wg.run("config", "check", path).code == 0, wg.run("config", "check", path)
    before = wg.dump()
    result = wg.run("config", "apply", path)
    assert result.code == 65
    assert result.err == (f'nacsa: error: {path}: field "thematic_areas": "emerging_crimes" is dropped but '
                          f"still used by 2 records: {CE}, {ET}\n")
    assert wg.dump() == before
    wg.ok("wg", "edit", ET, "--remove-theme", "emerging_crimes")
    wg.ok("wg", "edit", CE, "--remove-theme", "emerging_crimes")
    wg.ok("config", "apply", path)


# ---- members and contacts by the one rule -----------------------------------------------------

def test_members_and_contacts_are_named_by_id_name_acronym_number_or_email(wg):
    wg.ok("member", "edit", NORTE, "--acronym", "RN")
    wg.ok("member", "contact", "edit", PAZ, "Luis Soto", "--email", "luis@paz.example")
    result = wg.ok("wg", "join", ET, "fundacion paz ciudadana", "--representative", "LUIS@paz.example")
    assert result.err == f"nacsa: {PAZ} joined {ET} on 2026-11-29 (represented by Luis Soto)\n"
    result = wg.ok("wg", "lead", ET, "rn", "--representative", "Ríos")
    assert result.err == (f"nacsa: {NORTE} leads {ET} from 2026-11-29, represented by Carla Ríos; "
                          f"{NORTE} joined the group\n")
    ana = contact_id(wg, "Ana Pérez")
    result = wg.ok("wg", "join", ET, "Fundación Paz Ciudadana", "--representative", f"#{ana}")
    assert result.err == f"nacsa: {ET}: {PAZ} is now represented by Ana Pérez\n"
    assert wg.ok("wg", "task", "add", ET, "Informe", "--owner", "Red Norte").out == "1\n"
    assert [t["owner"] for t in json.loads(wg.ok("wg", "task", "list", "--owner", "RN", "--format",
                                                 "json").out)] == [NORTE]
    result = wg.run("wg", "task", "list", "--owner", "nadie")
    assert (result.code, result.err) == (
        3, "nacsa: error: no member \"nadie\" (an id, name or acronym; see 'nacsa member list')\n")
    result = wg.ok("wg", "leave", ET, "Red Norte", "--date", "2026-11-30")
    assert result.err == f"nacsa: {NORTE} left {ET} on 2026-11-30; the group has no lead now\n"


def test_join_defaults_to_the_only_contact_when_none_is_primary(wg):
    wg.ok("member", "contact", "add", SOLA, "--name", "Rosa Díaz")
    result = wg.ok("wg", "join", ET, SOLA)
    assert result.err == f"nacsa: {SOLA} joined {ET} on 2026-11-29 (represented by Rosa Díaz)\n"


def test_an_erased_representative_is_shown_by_number(wg):
    wg.ok("wg", "lead", ET, PAZ, "--representative", "Ana")
    ana = contact_id(wg, "Ana Pérez")
    wg.ok("member", "forget", PAZ, "--contact", "Ana Pérez", "--yes")
    show = json.loads(wg.ok("wg", "show", ET, "--format", "json").out)
    assert show["members"] == [f"{PAZ} (contact {ana} (erased), since 2026-11-29)"]
    assert show["lead_representative"] == f"contact {ana} (erased)"
    result = wg.run("wg", "join", ET, PAZ, "--representative", str(ana))
    assert (result.code, result.err) == (
        65, f'nacsa: error: field "representative": contact #{ana} of {PAZ} was erased\n')


# ---- runs at the same time ----------------------------------------------------------------------

AT_ONCE = 8


def _at_once(nacsa, make_args):
    def run(i):
        return subprocess.run([*WRAPPER, NACSA_BIN, *make_args(i)], cwd=nacsa.workdir, env=nacsa.env,
                              capture_output=True, text=True, timeout=120 * TIMEOUT_SCALE)
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(run, range(AT_ONCE)))


def test_eight_leads_at_once_replace_each_other_in_turn(alliance):
    for i in range(AT_ONCE):
        alliance.ok("member", "add", "--name", f"Organizacion {i}", "--type", "ngo")
        alliance.ok("member", "contact", "add", f"organizacion-{i}", "--name", f"Persona {i}", "--primary")
    results = _at_once(alliance, lambda i: ["wg", "lead", ET, f"organizacion-{i}",
                                            "--representative", f"Persona {i}"])
    assert [r.returncode for r in results] == [0] * AT_ONCE, [r.stderr for r in results]
    replaced = {}
    for r in results:
        m = re.fullmatch(rf"nacsa: (\S+) leads {ET} from 2026-11-29, represented by Persona \d"
                         r"(?: \(replacing (\S+)\))?; \1 joined the group\n", r.stderr)
        assert m, r.stderr
        replaced[m.group(1)] = m.group(2)
    history = alliance.sql("SELECT member_id, started, ended, end_reason FROM wg_lead WHERE wg_id = ? "
                           "ORDER BY id", ET)
    assert sorted(h[0] for h in history) == sorted(f"organizacion-{i}" for i in range(AT_ONCE))
    # One current lead; each earlier one was replaced by the next, which says so.
    assert [h[2:] for h in history] == [("2026-11-29", "replaced")] * (AT_ONCE - 1) + [(None, None)]
    assert replaced[history[0][0]] is None
    for before, after in zip(history, history[1:]):
        assert replaced[after[0]] == before[0]
    shown = json.loads(alliance.ok("wg", "show", ET, "--format", "json").out)
    assert shown["lead"] == history[-1][0]
    assert len(shown["members"]) == AT_ONCE
    audit = [a["summary"] for a in json.loads(alliance.ok("--format", "json", "log", "--record", ET).out)]
    assert sum(" leads from " in a for a in audit) == AT_ONCE
    assert sum(a.endswith("(replaced)") for a in audit) == AT_ONCE - 1
    assert alliance.run("db", "check").code == 0


def test_the_same_member_joining_eight_times_at_once_joins_once(wg):
    results = _at_once(wg, lambda i: ["wg", "join", ET, PAZ])
    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [65] * (AT_ONCE - 1), [(r.returncode, r.stderr) for r in results]
    refused = {r.stderr for r in results if r.returncode == 65}
    assert refused == {f'nacsa: error: field "member": {PAZ} is already a member of {ET} (since 2026-11-29)\n'}
    assert len(json.loads(wg.ok("wg", "show", ET, "--format", "json").out)["members"]) == 1
    assert wg.sql("SELECT count(*) FROM wg_membership") == [(1,)]
    audit = json.loads(wg.ok("--format", "json", "log", "--record", ET).out)
    assert [a["summary"] for a in audit if a["command"] == "wg join"] == [
        f"{PAZ} joined on 2026-11-29 (contact #{contact_id(wg, 'Ana Pérez')})"]


def test_a_task_closed_eight_times_at_once_is_closed_once(wg):
    wg.ok("wg", "task", "add", ET, "Informe")
    results = _at_once(wg, lambda i: ["wg", "task", "done" if i % 2 else "drop", "1", "--note", f"nota {i}"])
    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [65] * (AT_ONCE - 1), [(r.returncode, r.stderr) for r in results]
    winner = next(i for i, r in enumerate(results) if r.returncode == 0)
    task = json.loads(wg.ok("wg", "task", "list", "--status", "all", "--format", "json").out)
    assert [t["status"] for t in task] == ["done" if winner % 2 else "dropped"]
    assert wg.sql("SELECT close_note FROM wg_task") == [(f"nota {winner}",)]
    assert len(json.loads(wg.ok("--format", "json", "log", "--kind", "wg_task").out)) == 2


def test_the_same_group_created_eight_times_at_once_is_created_once(wg):
    results = _at_once(wg, lambda i: ["wg", "create", "Grupo Único", "--purpose", f"Propósito {i}"])
    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [65] * (AT_ONCE - 1), [(r.returncode, r.stderr) for r in results]
    assert all("a working group with id grupo-unico already exists" in r.stderr
               for r in results if r.returncode == 65)
    groups = [g["id"] for g in json.loads(wg.ok("wg", "list", "--format", "json").out)]
    assert groups.count("grupo-unico") == 1


def test_task_edit_and_delete_audited_with_reason(wg):
    wg.ok("wg", "join", ET, PAZ)
    wg.ok("wg", "task", "add", ET, "Minuta", "--due", "2026-12-15")
    wg.ok("wg", "task", "add", ET, "Duplicada")
    result = wg.ok("wg", "task", "edit", "1", "--title", "Minuta sobre trata", "--owner", PAZ,
                   "--due", "2027-01-15", "--reason", "acordado en la reunión")
    assert result.err == (f'nacsa: task 1 of {ET}: changed title "Minuta" -> "Minuta sobre trata"; '
                          f"owner none -> {PAZ}; due 2026-12-15 -> 2027-01-15\n")
    assert wg.ok("wg", "task", "edit", "1", "--due", "2027-01-15").err == "nacsa: task 1: nothing changed\n"
    result = wg.ok("wg", "task", "delete", "2", "--yes", "--reason", "entrada duplicada")
    assert result.err == f'nacsa: deleted task 2 of {ET} ("Duplicada")\n'
    listed = json.loads(wg.ok("wg", "task", "list", "--status", "all", "--format", "json").out)
    assert [(t["id"], t["title"], t["owner"], t["due"]) for t in listed] == [
        (1, "Minuta sobre trata", PAZ, "2027-01-15")]
    log = json.loads(wg.ok("--format", "json", "log", "--kind", "wg_task").out)
    assert sorted(e["summary"] for e in log if e["command"] in ("wg task edit", "wg task delete")) == [
        f'changed title "Minuta" -> "Minuta sobre trata", owner none -> {PAZ}, due 2026-12-15 -> 2027-01-15; '
        "reason: acordado en la reunión",
        f'deleted task "Duplicada" of {ET} (open); reason: entrada duplicada']
    wg.ok("wg", "task", "edit", "1", "--no-owner", "--no-due")
    assert [(t["owner"], t["due"]) for t in json.loads(
        wg.ok("wg", "task", "list", "--format", "json").out)] == [(None, None)]
    before = wg.dump()
    for args, code in [(("edit", "9", "--title", "X"), 3), (("delete", "9", "--yes", "--reason", "x"), 3),
                       (("delete", "1"), 2), (("edit", "1"), 2), (("delete", "1", "--yes", "--reason", " "), 65),
                       (("edit", "1", "--owner", NORTE), 65), (("edit", "1", "--due", "2026-01-01"), 65)]:
        assert wg.run("wg", "task", *args).code == code, args
    # A delete is destructive: in a script it needs --yes (CLI.md), and nothing is deleted without.
    result = wg.run("wg", "task", "delete", "1", "--reason", "x")
    assert (result.code, result.err) == (2, "nacsa: error: deleting this task needs confirmation: add --yes\n")
    assert wg.dump() == before
