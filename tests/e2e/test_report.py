# SPDX-License-Identifier: Apache-2.0
"""nacsa report: golden files in every format and language, the empty alliance, validity of the
HTML (tidy, headless chromium) and the JSON (schema), options, permissions and determinism.
Regenerate the golden files with NACSA_UPDATE_GOLDEN=1 (then review them like code)."""
import datetime
import json
import os
import re
import shutil
import stat
import subprocess

import jsonschema
import pytest

from conftest import EXAMPLES, SOURCE_DIR, TESTDATA

GOLDEN = TESTDATA / "report"
SCHEMA = json.loads((SOURCE_DIR / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
UPDATE = os.environ.get("NACSA_UPDATE_GOLDEN") == "1"
EXTENSIONS = {"md": "md", "html": "html", "json": "json"}

# A small, fixed register: joins and a withdrawal in 2026Q3, contacts of every gender.
MEMBERS = [
    ("Fundación Rutas Seguras", "foundation", "metropolitana", "trafficking_in_persons,untoc", "victim_assistance",
     "2024-03-15"),
    ("Centro de Estudios Penales", "academia", "valparaiso", "drugs_corruption,untoc", "crime_prevention",
     "2024-05-02"),
    ("Red Frontera Norte", "network", "arica_parinacota", "smuggling_of_migrants", "human_rights", "2026-07-20"),
    ("Observatorio Ambiental del Sur", "ngo", "los_lagos", "emerging_crimes", "advocacy_awareness", "2026-08-03"),
    ("Cámara de Comercio Segura", "private_sector", "metropolitana", "firearms", "crime_prevention", "2025-01-10"),
]
CONTACTS = [
    ("fundacion-rutas-seguras", "Ana Pérez", "female"),
    ("fundacion-rutas-seguras", "Luis Soto", "male"),
    ("centro-de-estudios-penales", "Carla Díaz", "female"),
    ("red-frontera-norte", "Alex Rivas", "non_binary"),
    ("observatorio-ambiental-del-sur", "María Loyola", "female"),
    ("camara-de-comercio-segura", "Pedro Ibáñez", "undisclosed"),
]


# No NACSA_LANG (conftest sets "en"): the report is in the alliance's language, Spanish.
ALLIANCE_LANGUAGE = {"NACSA_LANG": ""}


@pytest.fixture
def sample(alliance):
    alliance.cached(add_sample)
    return alliance


def add_sample(alliance):
    config = (EXAMPLES / "alliance.yaml").read_text(encoding="utf-8")
    for name, type_, region, themes, services, joined in MEMBERS:
        assert f"key: {type_}" in config, type_
        alliance.ok("member", "add", "--name", name, "--type", type_, "--region", region, "--theme", themes,
                    "--service", services, "--joined", joined)
    for member, name, gender in CONTACTS:
        alliance.ok("member", "contact", "add", member, "--name", name, "--gender", gender)
    for member in ("fundacion-rutas-seguras", "camara-de-comercio-segura"):  # in NET4U
        alliance.ok("member", "edit", member, "--net4u", "yes")
    alliance.ok("member", "status", "camara-de-comercio-segura", "withdrawn", "--date", "2026-09-15",
                "--reason", "Closed its programme")
    alliance.ok("committee", "seat", "fundacion-rutas-seguras", "--role", "coordinator", "--representative",
                "Ana Pérez", "--from", "2025-01-01", "--to", "2026-12-31")
    alliance.ok("committee", "seat", "centro-de-estudios-penales", "--role", "member", "--representative",
                "Carla Díaz", "--from", "2025-01-01")
    alliance.ok("committee", "observer", "add", "--name", "Jorge Muñoz", "--institution", "Ministerio de Justicia",
                "--gender", "male", "--from", "2025-06-01")
    # A committee meeting held in 2026Q3, no government consultation in 2026Q3, one scheduled in
    # September for 2026Q4 (as known at the end of 2026Q3).
    (held,) = alliance.ok("meeting", "schedule", "--title", "Comité de agosto", "--kind", "steering_committee",
                          "--start", "2026-08-12 10:00").out.split()
    alliance.ok("meeting", "held", held, "--force")
    alliance.ok("meeting", "schedule", "--title", "Consulta trimestral", "--kind", "government_consultation",
                "--start", "2026-12-10 10:00", env=on("2026-09-20"))


def check_golden(name, text):
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with NACSA_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_quarterly_golden(sample, lang, fmt):
    """The sample quarter is also the golden case of a quarter with a missing government
    consultation (stated in the meetings section and listed as an error finding) and of
    committee check findings, all in the report's language."""
    out = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", fmt, "--lang", lang).out
    check_golden(f"quarterly-2026Q3-{lang}.{EXTENSIONS[fmt]}", out)
    if fmt == "json":
        jsonschema.validate(json.loads(out), SCHEMA)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_empty_alliance_gets_a_short_valid_report(alliance, fmt):
    result = alliance.run("report", "quarterly", "--format", fmt, "--lang", "en")
    assert result.code == 0 and result.err == "", str(result)
    check_golden(f"quarterly-empty-en.{EXTENSIONS[fmt]}", result.out)
    if fmt == "json":
        data = json.loads(result.out)
        jsonschema.validate(data, SCHEMA)
        assert data["period"] == {"label": "2026Q3", "from": "2026-07-01", "to": "2026-09-30"}
        assert all(s["notes"] for s in data["sections"])
    # Nobody is named: the file is shared, not owner-only.
    alliance.ok("report", "quarterly", "--output", "empty.md")
    assert stat.S_IMODE(os.stat(alliance.path("empty.md")).st_mode) != 0o600


def test_membership_figures(sample):
    data = json.loads(sample.ok("report", "membership", "--quarter", "2026Q3", "--format", "json").out)
    (section,) = data["sections"]
    figures = {f["key"]: f["value"] for f in section["figures"]}
    # NET4U: two members, one of them withdrawn in the quarter.
    assert figures == {"active_members": 4, "net4u_members": 1, "new_members": 2, "withdrawals": 1,
                       "regions_without_members": 12}
    tables = {t["key"]: t for t in section["tables"]}
    status = {r["status"]: r["count"] for r in tables["members_by_status"]["rows"]}
    assert status == {"applicant": 0, "active": 4, "suspended": 0, "withdrawn": 1}
    assert [r["member"] for r in tables["new_members"]["rows"]] == ["Observatorio Ambiental del Sur",
                                                                   "Red Frontera Norte"]
    assert tables["withdrawals"]["rows"] == [{"member": "Cámara de Comercio Segura", "date": "2026-09-15"}]
    gender = {r["gender"]: r["count"] for r in tables["contacts_by_gender"]["rows"]}
    assert gender == {"female": 3, "male": 1, "non_binary": 1, "undisclosed": 0}
    # In the previous quarter the two new members had not joined and nobody had withdrawn.
    data = json.loads(sample.ok("report", "membership", "--quarter", "2026Q2", "--format", "json").out)
    figures = {f["key"]: f["value"] for f in data["sections"][0]["figures"]}
    assert figures["active_members"] == 3 and figures["new_members"] == 0 and figures["withdrawals"] == 0
    assert figures["net4u_members"] == 2


def test_quarterly_golden_with_the_example_register(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    out = alliance.ok("report", "quarterly", "--quarter", "2026Q3", "--lang", "en").out
    check_golden("quarterly-2026Q3-example-en.md", out)
    data = json.loads(alliance.ok("report", "membership", "--quarter", "2026Q3", "--format", "json").out)
    section = data["sections"][0]
    figures = {f["key"]: f["value"] for f in section["figures"]}
    # 41 active today, one of whom joined in October; the 3 applicants were recorded by the
    # import (after the period) and never joined: none of them counts at the end of 2026Q3.
    # The 8 members marked net4u in members.yaml are all active at the end of 2026Q3.
    assert figures == {"active_members": 40, "net4u_members": 8, "new_members": 1, "withdrawals": 0,
                       "regions_without_members": 0}
    tables = {t["key"]: t for t in section["tables"]}
    status = {r["status"]: r["count"] for r in tables["members_by_status"]["rows"]}
    assert status == {"applicant": 0, "active": 40, "suspended": 2, "withdrawn": 2}


def test_spanish_and_french_dates_and_numbers(sample):
    es = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--lang", "es").out
    assert "- Período: 1 de julio de 2026 – 30 de septiembre de 2026 (2026Q3)" in es
    assert "- Generado el: 29 de noviembre de 2026" in es
    assert "| Mujeres | 3 | 60,0\u202f% |" in es
    fr = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--lang", "fr").out
    assert "- Période\u00a0: 1er juillet 2026 – 30 septembre 2026 (2026Q3)" in fr
    en = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--lang", "en").out
    assert "| Women | 3 | 60.0% |" in en


def test_language_from_environment_then_alliance(sample):
    assert sample.ok("report", "membership", env=ALLIANCE_LANGUAGE).out.startswith("# Informe de membresía\n")
    out = sample.ok("report", "membership", env={"NACSA_LANG": "fr"}).out
    assert out.startswith("# Rapport sur les adhésions\n")


def test_csv_section_picks_one_table(sample):
    out = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--section",
                    "members_by_theme", env=ALLIANCE_LANGUAGE).out
    lines = out.split("\r\n")
    assert lines[0] == "theme,label,count"
    assert "trafficking_in_persons,\"Trata de personas, especialmente mujeres y niños\",1" in lines
    out = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--excel", "--section",
                    "members_by_region").out
    assert out.startswith("\ufeffregion;label;count\r\n")


def test_section_option_for_text_formats(sample):
    out = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--section", "membership", "--lang", "en").out
    assert "## 1. Membership" in out and "Governance" not in out and "## Contents" not in out


@pytest.mark.parametrize("args,message", [
    (["--quarter", "2026Q5"], 'nacsa: error: --quarter: "2026Q5" is not a quarter (expected YYYYQn, e.g. 2026Q3)\n'),
    (["--format", "csv"], "nacsa: error: --format csv needs --section TABLE (one table per CSV file)\n"),
    (["--section", "nope"], 'nacsa: error: --section: "nope" is not a section of this report (known: summary, '
                            'membership, governance, working_groups, meetings, plan, next_period)\n'),
    (["--from", "2026-02-01", "--to", "2026-01-01"], "nacsa: error: --to: 2026-01-01 is before --from 2026-02-01\n"),
])
def test_usage_errors(alliance, args, message):
    result = alliance.run("report", "quarterly", *args)
    assert (result.code, result.out, result.err) == (2, "", message)


def test_options_are_checked_before_the_store_is_opened(nacsa):
    # No store here: a bad option is still a usage error, not a missing store.
    result = nacsa.run("report", "quarterly", "--quarter", "2026Q5")
    assert (result.code, result.err) == (2, 'nacsa: error: --quarter: "2026Q5" is not a quarter '
                                            '(expected YYYYQn, e.g. 2026Q3)\n')
    result = nacsa.run("report", "quarterly", "--from", "2026-02-30", "--to", "2026-03-01")
    assert result.code == 2 and result.err.startswith("nacsa: error: --from"), str(result)
    assert nacsa.run("report", "quarterly").code == 66


def test_period_options_exclude_each_other(alliance):
    result = alliance.run("report", "quarterly", "--quarter", "2026Q3", "--year", "2026")
    assert result.code == 2 and "cannot be given together" in result.err
    result = alliance.run("report", "quarterly", "--from", "2026-01-01")
    assert result.code == 2 and "requires" in result.err.lower() or "needs" in result.err


def test_default_quarter_uses_the_alliance_time_zone(alliance):
    # 2027-01-01T02:00Z is still 31 December 2026 in Santiago: the last completed quarter is 2026Q3.
    data = json.loads(alliance.ok("report", "quarterly", "--format", "json",
                                  env={"SOURCE_DATE_EPOCH": "1798768800"}).out)
    assert data["period"]["label"] == "2026Q3" and data["generated_on"] == "2026-12-31"
    data = json.loads(alliance.ok("report", "annual", "--format", "json", env=ALLIANCE_LANGUAGE).out)
    assert data["period"]["label"] == "2025" and data["sections"][-1]["title"] == "Próximo período"
    data = json.loads(alliance.ok("report", "quarterly", "--from", "2026-01-01", "--to", "2026-01-31",
                                  "--format", "json").out)
    assert data["period"] == {"label": "2026-01-01/2026-01-31", "from": "2026-01-01", "to": "2026-01-31"}


def test_output_is_written_atomically_and_deterministically(sample):
    result = sample.run("report", "quarterly", "--quarter", "2026Q3", "--format", "html", "--output", "r.html")
    assert result.code == 0 and result.out == ""
    assert result.err == f"nacsa: wrote the quarterly report for 2026Q3 to r.html\n"
    first = sample.path("r.html").read_bytes()
    # Names of committee representatives: owner only.
    assert stat.S_IMODE(os.stat(sample.path("r.html")).st_mode) == 0o600
    sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "html", "--output", "r.html")
    assert sample.path("r.html").read_bytes() == first
    assert sorted(p.name for p in sample.workdir.iterdir() if p.name.startswith("r.")) == ["r.html"]
    result = sample.run("report", "quarterly", "--output", "missing-dir/r.md")
    assert result.code == 73


def test_redact_marks_the_report(sample):
    out = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--redact", "--lang", "en").out
    assert "- Personal data left out." in out
    data = json.loads(sample.ok("report", "quarterly", "--quarter", "2026Q3", "--redact", "--format", "json").out)
    assert data["redacted"] is True


def test_missing_government_consultation_is_an_error_for_strict(sample):
    out = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--lang", "en").out
    message = "No government consultation was held in 2026Q3: 0 held, 1 required per quarter."
    assert message in out
    result = sample.run("report", "quarterly", "--quarter", "2026Q3", "--strict", "--lang", "en",
                        "--output", "r.md")
    assert result.code == 1
    assert f"nacsa: warning: {message}\n" in result.err
    # The committee check of the governance section counts too: the sample committee has 2 seats,
    # no gender balance and three uncovered themes (6 errors), plus the missing consultation.
    assert "nacsa: warning: The committee has 2 seats; the configuration asks for 5 to 11.\n" in result.err
    assert result.err.endswith("nacsa: warning: --strict: the report has 7 error-level findings\n")
    assert sample.path("r.md").read_text(encoding="utf-8") == out
    data = json.loads(sample.ok("report", "meetings", "--quarter", "2026Q3", "--format", "json").out)
    assert data["has_errors"] is True
    assert [f["rule"] for f in data["sections"][0]["findings"]] == ["missing-government-consultation"]


def test_held_government_consultation_is_stated_plainly(sample):
    (mid,) = sample.ok("meeting", "schedule", "--title", "Consulta", "--kind", "government_consultation",
                       "--start", "2026-09-02 10:00").out.split()
    sample.ok("meeting", "held", mid, "--force")
    result = sample.run("report", "meetings", "--quarter", "2026Q3", "--strict", "--lang", "es")
    assert result.code == 0, str(result)
    assert f"La consulta con el gobierno de 2026Q3 se realizó el 2 de septiembre de 2026 ({mid})." in result.out


def test_decisions_are_reported_with_their_outcome_and_votes(sample):
    (mid,) = sample.ok("meeting", "schedule", "--title", "Asamblea", "--kind", "general_assembly",
                       "--start", "2026-09-03 10:00").out.split()
    members = [m["id"] for m in json.loads(sample.ok("member", "list", "--status", "active", "--format",
                                                   "json").out)][:3]
    for member in members:
        sample.ok("meeting", "attend", mid, member, "--status", "present")
    sample.ok("meeting", "held", mid, "--force")
    sample.ok("meeting", "decide", mid, "Aprobar el plan", "--for", "2", "--against", "1", "--abstain", "0")
    sample.ok("meeting", "decide", mid, "Cambiar la sede", "--for", "1", "--against", "2")
    sample.ok("meeting", "decide", mid, "Revisar estatutos", "--outcome", "deferred")
    report = json.loads(sample.ok("report", "meetings", "--quarter", "2026Q3", "--format", "json",
                                  "--lang", "es").out)
    tables = [t for s in report["sections"] for t in s["tables"] if t["key"] == "decisions"]
    assert [[r["outcome"], r["votes_for"], r["votes_against"], r["votes_abstain"]] for r in tables[0]["rows"]] == [
        ["aprobada", 2, 1, 0], ["rechazada", 1, 2, None], ["aplazada", None, None, None]]
    md = sample.ok("report", "meetings", "--quarter", "2026Q3", "--lang", "fr").out
    assert "| Cambiar la sede | rejetée | 1 | 2 |" in md


def test_report_naming_people_is_owner_only_and_redact_drops_them(sample):
    sample.ok("report", "quarterly", "--quarter", "2026Q3", "--output", "named.md")
    assert stat.S_IMODE(os.stat(sample.path("named.md")).st_mode) == 0o600
    assert "Ana Pérez" in sample.path("named.md").read_text(encoding="utf-8")
    sample.ok("report", "quarterly", "--quarter", "2026Q3", "--redact", "--output", "redacted.md")
    text = sample.path("redacted.md").read_text(encoding="utf-8")
    for person in ("Ana Pérez", "Carla Díaz", "Jorge Muñoz"):
        assert person not in text
    assert "Fundación Rutas Seguras" in text and "Ministerio de Justicia" in text
    data = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--redact", "--format", "json").out
    assert "Ana Pérez" not in data and "Jorge Muñoz" not in data


def test_html_is_valid_for_tidy(sample, tmp_path):
    tidy = shutil.which("tidy")
    assert tidy, "tidy is missing: scripts/deps.sh test installs it"
    for lang in ("en", "es", "fr"):
        html = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "html", "--lang", lang).out
        path = tmp_path / f"r-{lang}.html"
        path.write_text(html, encoding="utf-8")
        proc = subprocess.run([tidy, "-errors", "-q", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        assert "<script" not in html and "src=" not in html and "<link" not in html


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def test_html_renders_in_headless_chromium(sample, tmp_path):
    chromium = find_chromium()
    if chromium is None:
        pytest.fail("chromium is missing: scripts/deps.sh test installs it")
    sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "html", "--lang", "es", "--output",
              "r.html")
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}"]
    pdf = tmp_path / "r.pdf"
    png = tmp_path / "r.png"
    url = f"file://{sample.path('r.html')}"
    subprocess.run(base + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url], capture_output=True,
                   timeout=120)
    subprocess.run(base + ["--window-size=900,1400", "--hide-scrollbars", f"--screenshot={png}", url],
                   capture_output=True, timeout=120)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    assert png.is_file() and png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000
    if os.environ.get("NACSA_KEEP_RENDER"):
        shutil.copy(png, os.environ["NACSA_KEEP_RENDER"])


def test_help(nacsa):
    result = nacsa.run("report", "quarterly", "--help")
    assert result.code == 0
    for option in ("--quarter", "--year", "--from", "--to", "--output", "--section", "--redact", "--strict"):
        assert option in result.out
    result = nacsa.run("report")
    assert result.code == 2


def po_entries(path):
    """msgid -> msgstr of a PO file (single-line entries, as scripts/update-po.sh writes them)."""
    entries, msgid = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith('msgid "'):
            msgid = json.loads(line[6:])
        elif line.startswith('msgstr "') and msgid is not None:
            entries[msgid] = json.loads(line[7:])
            msgid = None
    entries.pop("", None)
    return entries


def test_every_message_of_the_code_is_translated():
    # Every message marked in lib/ and cli/ (the reports', the labels and months of lib/i18n,
    # check findings, errors, warnings and table headers), extracted as scripts/update-po.sh
    # extracts them: none lacks a translation, none in a catalog is unused.
    assert shutil.which("xgettext"), "xgettext is missing (package gettext)"
    check = subprocess.run(["sh", SOURCE_DIR / "scripts" / "update-po.sh", "--check"], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    for lang in ("es", "fr"):
        catalog = po_entries(SOURCE_DIR / "lib" / "i18n" / "po" / f"{lang}.po")
        assert len(catalog) > 50 and catalog.get("Nothing to report."), lang
        for msgid, msgstr in catalog.items():
            placeholders = lambda s: sorted(re.findall(r"\{(\w*)\}", s))
            assert placeholders(msgid) == placeholders(msgstr), f"{lang}.po: placeholders differ in {msgid!r}"


def on(day):
    """The environment of a command run on a day (15:00 UTC, midday in Santiago)."""
    stamp = datetime.datetime.fromisoformat(f"{day}T15:00:00+00:00").timestamp()
    return {"SOURCE_DATE_EPOCH": str(int(stamp))}


def without_generation_date(text):
    """A report's text without the line that says when it was written."""
    return re.sub(r'(- Generated on: .*\n|<tr><th scope="row">Generated on</th><td>.*</td></tr>\n|'
                  r'  "generated_on": ".*",\n)', "",
                  text)


@pytest.fixture
def year(nacsa):
    """An alliance recorded day by day through 2026Q3: a plan with activities done, delayed and due
    next quarter, a measured indicator, a contribution, a held committee meeting and two meetings
    scheduled for 2026Q4."""
    nacsa.cached(record_year)
    return nacsa


def record_year(nacsa):
    nacsa.ok("init", "--config", EXAMPLES / "alliance.yaml", env=on("2026-06-01"))
    july = on("2026-07-01")
    nacsa.ok("plan", "priority", "add", "P1", "--title", "Trata de personas", env=july)
    for title, end in [("Taller", "2026-09-10"), ("Estudio", "2026-09-20"), ("Boletín", "2026-11-30")]:
        nacsa.ok("plan", "activity", "add", "--title", title, "--kind", "other", "--priority", "P1",
                 "--start", "2026-07-01", "--end", end, env=july)
    nacsa.ok("plan", "indicator", "add", "--activity", "A3", "--name", "Suscriptores", "--unit", "personas",
             "--baseline", "0", "--target", "10", "--target-date", "2026-12-31", env=july)
    for name, joined, contact in [("Fundación Rutas Seguras", "2024-03-15", "Ana Pérez"),
                                  ("Centro de Estudios Penales", "2024-05-02", "Carla Díaz"),
                                  ("Red Frontera Norte", "2026-07-20", "Alex Rivas")]:
        (member,) = nacsa.ok("member", "add", "--name", name, "--type", "ngo", "--region", "metropolitana",
                             "--joined", joined, env=on("2026-07-21")).out.split()
        nacsa.ok("member", "contact", "add", member, "--name", contact, "--gender", "female", env=on("2026-07-21"))
    nacsa.ok("committee", "seat", "fundacion-rutas-seguras", "--role", "coordinator", "--representative",
             "Ana Pérez", "--from", "2025-01-01", env=on("2026-07-21"))
    nacsa.ok("wg", "join", "experticia_tecnica", "fundacion-rutas-seguras", env=on("2026-07-21"))
    nacsa.ok("wg", "task", "add", "experticia_tecnica", "Informe sombra", "--due", "2026-09-15", env=on("2026-07-21"))
    nacsa.ok("plan", "activity", "status", "A2", "in_progress", env=on("2026-08-01"))
    nacsa.ok("plan", "indicator", "measure", "I1", "4", env=on("2026-08-31"))
    nacsa.ok("plan", "activity", "status", "A1", "done", env=on("2026-09-10"))
    nacsa.ok("plan", "contribution", "add", "--questionnaire", "Art. 5", "--submitted", "2026-09-12",
             "--to", "Ministerio de Justicia", "--summary", "Aportes", env=on("2026-09-12"))
    (held,) = nacsa.ok("meeting", "schedule", "--title", "Comité de agosto", "--kind", "steering_committee",
                       "--start", "2026-08-12 10:00", env=july).out.split()
    nacsa.ok("meeting", "held", held, "--force", env=on("2026-08-12"))
    nacsa.ok("meeting", "action", "add", "Enviar el acta", "--meeting", held, "--due", "2026-09-01",
             env=on("2026-08-12"))
    september = on("2026-09-20")
    for title, kind, start in [("Consulta de noviembre", "government_consultation", "2026-11-10 10:00"),
                               ("Comité de diciembre", "steering_committee", "2026-12-02 10:00")]:
        nacsa.ok("meeting", "schedule", "--title", title, "--kind", kind, "--start", start, env=september)


def write_q3(store, day):
    """The 2026Q3 report written on a day, in every format (and one CSV table)."""
    env = on(day)
    out = {fmt: store.ok("report", "quarterly", "--quarter", "2026Q3", "--format", fmt, "--lang", "en",
                         env=env).out for fmt in ("md", "html", "json")}
    out["csv"] = store.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--section",
                          "scheduled_meetings", env=env).out
    return out


def test_a_closed_quarter_written_again_later_is_the_same_document(year):
    """The golden test of issue 18: the 2026Q3 report written on 2 October, and again on
    5 December after activities were done, measurements added, meetings cancelled, moved, held
    and scheduled, a member withdrawn and a seat filled, all dated after the quarter."""
    first = write_q3(year, "2026-10-02")
    data = json.loads(first["json"])
    assert data["as_of"] == "2026-09-30" and data["generated_on"] == "2026-10-02"
    tables = {t["key"]: t for s in data["sections"] for t in s["tables"]}
    assert [r["activity"] for r in tables["activities_delayed"]["rows"]] == ["A2"]
    assert [r["activity"] for r in tables["activities_completed"]["rows"]] == ["A1"]
    assert tables["progress_by_priority"]["rows"][0]["done"] == 1
    assert [r["latest"] for r in tables["indicators"]["rows"]] == [4]
    assert [r["title"] for r in tables["scheduled_meetings"]["rows"]] == ["Consulta de noviembre",
                                                                        "Comité de diciembre"]
    assert [r["activity"] for r in tables["activities_due"]["rows"]] == ["A3"]
    assert "- Records as of: 30 September 2026\n" in first["md"]
    groups = {r["working_group"]: r for r in tables["working_groups"]["rows"]}
    assert (groups["experticia_tecnica"]["members"], groups["experticia_tecnica"]["tasks_overdue"]) == (1, 1)
    assert [r["title"] for r in tables["action_items_overdue"]["rows"]] == ["Enviar el acta"]

    (consultation, committee) = [r["meeting"] for r in tables["scheduled_meetings"]["rows"]]
    later = [
        ("2026-10-20", ["meeting", "cancel", consultation, "--reason", "Ministerio sin agenda"]),
        ("2026-10-20", ["meeting", "schedule", "--title", "Consulta de diciembre", "--kind",
                        "government_consultation", "--start", "2026-12-15 10:00"]),
        ("2026-10-21", ["meeting", "edit", committee, "--start", "2027-01-12 10:00"]),
        ("2026-11-01", ["member", "status", "centro-de-estudios-penales", "withdrawn", "--reason", "Cierre"]),
        ("2026-11-03", ["wg", "task", "done", "1"]),
        ("2026-11-03", ["meeting", "action", "done", "A-2026-001"]),
        ("2026-11-03", ["wg", "join", "experticia_tecnica", "red-frontera-norte"]),
        ("2026-11-02", ["committee", "seat", "red-frontera-norte", "--role", "member", "--representative",
                        "Alex Rivas", "--from", "2026-11-02"]),
        ("2026-11-05", ["plan", "activity", "add", "--title", "Nueva", "--kind", "other", "--priority", "P1",
                        "--start", "2026-08-01", "--end", "2026-12-15"]),
        ("2026-11-15", ["plan", "activity", "status", "A2", "done"]),
        ("2026-11-15", ["plan", "activity", "status", "A3", "done"]),
        ("2026-11-15", ["plan", "indicator", "measure", "I1", "9"]),
        ("2026-11-16", ["plan", "contribution", "add", "--questionnaire", "Art. 6", "--submitted", "2026-11-16",
                        "--to", "Cancillería", "--summary", "Más aportes"]),
        # Added to the plan after the quarter, undated or dated later: not in the plan of 2026Q3.
        ("2026-11-17", ["plan", "priority", "add", "P2", "--title", "Lavado de activos"]),
        ("2026-11-17", ["plan", "indicator", "add", "--priority", "P2", "--name", "Informes", "--unit",
                        "informes", "--baseline", "0", "--baseline-date", "2026-01-01", "--target", "2",
                        "--target-date", "2026-12-31"]),
        ("2026-11-17", ["plan", "indicator", "add", "--activity", "A1", "--name", "Asistentes", "--unit",
                        "personas", "--baseline", "0", "--target", "30", "--target-date", "2026-12-31"]),
        ("2026-11-18", ["plan", "indicator", "measure", "I3", "12", "--date", "2026-11-18"]),
    ]
    for day, args in later:
        year.ok(*args, env=on(day))
    again = write_q3(year, "2026-12-05")
    for fmt in ("md", "html", "json", "csv"):
        assert first[fmt] != "" and without_generation_date(again[fmt]) == without_generation_date(first[fmt]), fmt
    assert first["md"] != again["md"] and "- Generated on: 5 December 2026\n" in again["md"]

    # The next quarter's report shows what happened since.
    data = json.loads(year.ok("report", "quarterly", "--quarter", "2026Q4", "--format", "json",
                              env=on("2026-12-05")).out)
    tables = {t["key"]: t for s in data["sections"] for t in s["tables"]}
    assert data["as_of"] == "2026-12-31"
    assert [(r["activity"], r["date"]) for r in tables["activities_completed"]["rows"]] == [
        ("A2", "2026-11-15"), ("A3", "2026-11-15")]
    assert [r["activity"] for r in tables["activities_delayed"]["rows"]] == ["A4"]
    assert sorted((r["indicator"], r["latest"]) for r in tables["indicators"]["rows"]) == [
        ("I1", 9), ("I2", None), ("I3", 12)]
    assert [r["contribution"] for r in tables["review_contributions"]["rows"]] == ["C2"]
    assert tables["withdrawals"]["rows"] == [{"member": "Centro de Estudios Penales", "date": "2026-11-01"}]
    assert sorted(r["member"] for r in tables["committee"]["rows"]) == ["Fundación Rutas Seguras",
                                                                       "Red Frontera Norte"]
    assert [r["title"] for r in tables["scheduled_meetings"]["rows"]] == ["Comité de diciembre"]
    groups = {r["working_group"]: r for r in tables["working_groups"]["rows"]}
    assert (groups["experticia_tecnica"]["members"], groups["experticia_tecnica"]["tasks_done"]) == (2, 1)
    assert [r["title"] for r in tables["action_items_closed"]["rows"]] == ["Enviar el acta"]
    progress = tables["progress_by_priority"]["rows"][0]
    assert (progress["activities"], progress["done"]) == (4, 3)


def test_as_of_gives_the_period_as_known_that_day(year):
    data = json.loads(year.ok("report", "quarterly", "--quarter", "2026Q3", "--as-of", "2026-08-20",
                              "--format", "json").out)
    assert data["as_of"] == "2026-08-20" and data["period"]["to"] == "2026-09-30"
    tables = {t["key"]: t for s in data["sections"] for t in s["tables"]}
    # A1 was done on 10 September, the indicator measured on 31 August; the meeting of
    # 12 August was held; the meetings of 2026Q4 were scheduled on 20 September.
    assert tables["activities_completed"]["rows"] == []
    assert [r["standing"] for r in tables["indicators"]["rows"]] == ["no_data"]
    assert [r["title"] for r in tables["meetings_held"]["rows"]] == ["Comité de agosto"]
    assert tables["scheduled_meetings"]["rows"] == []
    md = year.ok("report", "plan", "--quarter", "2026Q3", "--as-of", "2026-08-20", "--lang", "es").out
    assert "- Registros al: 20 de agosto de 2026\n" in md
    result = year.run("report", "quarterly", "--quarter", "2026Q3", "--as-of", "2026-06-30")
    assert (result.code, result.err) == (2, "nacsa: error: --as-of: 2026-06-30 is before the period 2026Q3 "
                                            "begins (2026-07-01)\n")
    result = year.run("report", "quarterly", "--as-of", "2026-02-30")
    assert result.code == 2 and "--as-of" in result.err


# ---- PDF ----------------------------------------------------------------------------------------

def fake_engine(folder, name, script):
    """A stand-in PDF engine: an executable NAME in FOLDER running the shell SCRIPT."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


def test_pdf_without_an_engine_says_what_to_install(sample, tmp_path):
    result = sample.run("report", "quarterly", "--quarter", "2026Q3", "--format", "pdf", "-o", "r.pdf",
                        "--lang", "en", env={"PATH": str(tmp_path)})
    assert result.code == 73
    assert result.err == ("nacsa: error: --format pdf needs a PDF engine and none is installed: install one "
                          "(Debian: apt install weasyprint, or apt install chromium) or name one with "
                          "--pdf-engine PROGRAM or NACSA_PDF_ENGINE\n")
    assert not sample.path("r.pdf").exists()
    result = sample.run("report", "quarterly", "--format", "pdf", "-o", "r.pdf", "--pdf-engine", "wkhtmltopdf")
    assert result.code == 73 and "is not a PDF engine nacsa knows" in result.err
    result = sample.run("report", "quarterly", "--format", "pdf", "-o", "r.pdf", "--lang", "es",
                        env={"NACSA_PDF_ENGINE": str(tmp_path / "chromium")})
    assert result.code == 73
    assert result.err.startswith(f"nacsa: error: el motor PDF «{tmp_path / 'chromium'}» no está instalado: "
                                 "instale uno (Debian: apt install weasyprint")
    assert not sample.path("r.pdf").exists()


def test_a_failing_engine_fails_the_command_and_writes_nothing(sample, tmp_path):
    bin_dir = tmp_path / "bin"
    fake_engine(bin_dir, "weasyprint", 'echo "fontconfig: out of fonts" >&2\nexit 3\n')
    result = sample.run("report", "quarterly", "--quarter", "2026Q3", "--format", "pdf", "-o", "r.pdf",
                        "--lang", "en", env={"PATH": f"{bin_dir}:/usr/bin:/bin"})
    assert result.code == 73
    assert result.err == (f"nacsa: error: the PDF engine {bin_dir / 'weasyprint'} failed (exit status 3): "
                          "fontconfig: out of fonts\n")
    assert not sample.path("r.pdf").exists()


def test_pdf_dates_are_the_source_date_epoch_and_the_html_is_private(sample, tmp_path):
    """Chromium stamps the time it printed: nacsa writes SOURCE_DATE_EPOCH's time instead. The
    engine gets the HTML in a folder only its owner can enter, removed afterwards."""
    bin_dir = tmp_path / "bin"
    seen = tmp_path / "seen"
    fake_engine(bin_dir, "chromium", r'''
for a in "$@"; do case $a in --print-to-pdf=*) out=${a#--print-to-pdf=} ;; file://*) in=${a#file://} ;; esac; done
dir=$(dirname "$in")
{ echo "$dir"; stat -c %a "$dir"; grep -c "Quarterly report" "$in"; } > "$SEEN"
printf "%%PDF-1.4\n/CreationDate (D:20991231235959+00'00')\n/ModDate (D:20991231235959+00'00')\n" > "$out"
''')
    sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "pdf", "-o", "r.pdf", "--lang", "en",
              "--pdf-engine", str(bin_dir / "chromium"),
              env={"SOURCE_DATE_EPOCH": "1795953600", "SEEN": str(seen)})
    pdf = sample.path("r.pdf").read_bytes()
    # 1795953600 is 2026-11-29 12:00:00 UTC.
    assert pdf == (b"%PDF-1.4\n/CreationDate (D:20261129120000+00'00')\n"
                   b"/ModDate (D:20261129120000+00'00')\n")
    folder, mode, titles = seen.read_text().split()
    assert mode == "700" and int(titles) >= 1
    assert not os.path.exists(folder)
    # The report names people: the PDF is owner only, like the HTML.
    assert stat.S_IMODE(os.stat(sample.path("r.pdf")).st_mode) == 0o600


def test_excel_csv_has_the_decimal_comma_and_the_shown_precision(sample):
    """--excel: a spreadsheet in Spanish or French reads 0,571 as a number; English keeps the
    point; shares keep three decimals (57.1%), numbers one, whole values none."""
    es = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--excel", "--section",
                   "contacts_by_gender", "--lang", "es").out.split("\r\n")
    en = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--excel", "--section",
                   "contacts_by_gender", "--lang", "en").out.split("\r\n")
    raw = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--section",
                    "contacts_by_gender").out.split("\r\n")
    assert es[0] == "\ufeffgender;label;count;share"
    shares = {line.split(";")[0]: line.split(";")[3] for line in es[1:] if line}
    raw_shares = {line.split(",")[0]: float(line.split(",")[3]) for line in raw[1:] if line}
    for gender, share in shares.items():
        assert share == f"{raw_shares[gender]:.3f}".rstrip("0").rstrip(".").replace(".", ","), (gender, share)
    assert any("," in s for s in shares.values())
    assert all("," not in line.split(";")[3] for line in en[1:] if line)


def test_section_all_writes_every_table_to_a_folder(sample):
    result = sample.run("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--section", "all",
                        "--lang", "en")
    assert result.code == 2
    assert result.err == "nacsa: error: --section all writes one CSV file per table: give -o DIRECTORY\n"
    result = sample.run("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--section", "all",
                        "-o", "tables", "--lang", "en")
    assert result.code == 0
    data = json.loads(sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "json").out)
    keys = [t["key"] for s in data["sections"] for t in s["tables"]]
    folder = sample.path("tables")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.csv" for k in keys)
    assert result.err == f"nacsa: wrote {len(keys)} tables of the report for 2026Q3 to tables\n"
    for key in ("members_by_region", "committee"):
        one = sample.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "csv", "--section", key).out
        with open(folder / f"{key}.csv", encoding="utf-8", newline="") as f:
            assert f.read() == one
    # The committee names its representatives: the folder and its files are the owner's only.
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / "committee.csv").st_mode) == 0o600


# ---- meeting documents ------------------------------------------------------------------------

def add_meeting_records(alliance):
    """A committee meeting with an agenda, attendance (one represented), a decision by vote and
    one by consensus, action items owned by a member and by a person, and minutes; an earlier
    meeting's open action item is carried into the next one."""
    add_sample(alliance)
    (earlier,) = alliance.ok("meeting", "schedule", "--title", "Comité de julio", "--kind", "steering_committee",
                             "--start", "2026-07-08 10:00").out.split()
    alliance.ok("meeting", "action", "add", "Enviar el informe al Ministerio", "--meeting", earlier, "--owner",
                "fundacion-rutas-seguras", "--due", "2026-09-30")
    (meeting,) = alliance.ok("meeting", "schedule", "--title", "Comité de septiembre", "--kind",
                             "steering_committee", "--start", "2026-09-09 10:00", "--place",
                             "Sede de la Alianza, Santiago").out.split()
    alliance.ok("meeting", "agenda", meeting, "add", "Aprobación del acta anterior")
    alliance.ok("meeting", "agenda", meeting, "add", "Plan de trabajo del cuarto trimestre", "--presenter",
                "Ana Pérez")
    alliance.ok("meeting", "attend", meeting, "fundacion-rutas-seguras", "--status", "present")
    alliance.ok("meeting", "attend", meeting, "centro-de-estudios-penales", "--status", "represented", "--by",
                "Luis Soto")
    alliance.ok("meeting", "decide", meeting, "Aprobar el acta de agosto")
    alliance.ok("meeting", "decide", meeting, "Aprobar el plan del cuarto trimestre", "--for", "2", "--against",
                "0", "--abstain", "0")
    alliance.ok("meeting", "action", "add", "Circular el plan a los miembros", "--meeting", meeting, "--owner",
                "Ana Pérez", "--due", "2026-10-15", "--decision", "2")
    alliance.ok("meeting", "minutes", meeting, "--text",
                "Se aprobó el acta de agosto.\n\nSe aprobó el plan del cuarto trimestre por unanimidad.")
    return meeting


@pytest.mark.parametrize("kind", ["agenda", "minutes", "attendance"])
def test_meeting_documents_golden(alliance, kind):
    meeting = alliance.cached(add_meeting_records)
    for lang in ("en", "es", "fr"):
        out = alliance.ok("meeting", "document", meeting, "--kind", kind, "--lang", lang).out
        check_golden(f"meeting-{kind}-{lang}.md", out)
    # In the meeting's language when none is asked for: the alliance's (Spanish) here.
    assert alliance.ok("meeting", "document", meeting, "--kind", kind, env=ALLIANCE_LANGUAGE).out == \
        alliance.ok("meeting", "document", meeting, "--kind", kind, "--lang", "es").out


def test_meeting_document_html_is_valid_and_private(alliance, tmp_path):
    meeting = alliance.cached(add_meeting_records)
    result = alliance.run("meeting", "document", meeting, "--kind", "minutes", "--format", "html", "-o",
                          "acta.html", "--lang", "en")
    assert result.code == 0 and result.err == f"nacsa: wrote the minutes of {meeting} to acta.html\n"
    html = alliance.path("acta.html").read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(alliance.path("acta.html")).st_mode) == 0o600
    proc = subprocess.run(["tidy", "-errors", "-q", alliance.path("acta.html")], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert "<td>Luis Soto</td>" in html and "adopted by consensus" in html
    sheet = alliance.ok("meeting", "document", meeting, "--kind", "attendance", "--format", "html").out
    assert '<table class="sign">' in sheet
    for args, code, message in [
        (["--kind", "minutes", "--format", "json"], 2,
         "nacsa: error: --format json: a meeting document is written as md, html or pdf\n"),
        (["--kind", "summary"], 2, None),
    ]:
        result = alliance.run("meeting", "document", meeting, *args, "--lang", "en")
        assert result.code == code, result.err
        assert message is None or result.err == message
    result = alliance.run("meeting", "document", "M-2099-001", "--kind", "agenda", "--lang", "en")
    assert result.code == 3 and "M-2099-001" in result.err


def test_meeting_minutes_print_to_pdf(alliance, tmp_path):
    meeting = alliance.cached(add_meeting_records)
    engines = [name for name in ("weasyprint", "chromium") if shutil.which(name)]
    assert engines, "no PDF engine: scripts/deps.sh test installs weasyprint and chromium"
    alliance.ok("meeting", "document", meeting, "--kind", "minutes", "--format", "pdf", "-o", "acta.pdf",
                "--pdf-engine", engines[0], env=ALLIANCE_LANGUAGE)
    info = subprocess.run(["pdfinfo", alliance.path("acta.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = subprocess.run(["pdftotext", alliance.path("acta.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Acta" in text and "Comité de septiembre" in text and "Circular el plan a los miembros" in text


def test_participation_by_sex_in_reports_and_minutes(alliance):
    """People who took part, named for their organisation (a contact, with the gender its record
    has) or as guests with a gender, give the reports' participants by sex: all meetings held,
    and capacity-building sessions apart. Erasing a person keeps the count, not the name."""
    meeting = alliance.cached(add_meeting_records)
    alliance.ok("meeting", "held", meeting, "--force")
    assert alliance.ok("meeting", "participant", "add", meeting, "--member", "fundacion-rutas-seguras",
                       "--contact", "Ana").out == "1\n"
    alliance.ok("meeting", "participant", "add", meeting, "--member", "centro-de-estudios-penales",
                "--contact", "Carla Díaz")
    alliance.ok("meeting", "participant", "add", meeting, "--guest", "Rosa Quispe", "--gender", "female")
    (training,) = alliance.ok("meeting", "schedule", "--title", "Taller de identificación de víctimas", "--kind",
                              "capacity_building", "--body", "all_members", "--start", "2026-09-16 09:00").out.split()
    alliance.ok("meeting", "attend", training, "fundacion-rutas-seguras", "--status", "present")
    alliance.ok("meeting", "held", training)
    alliance.ok("meeting", "participant", "add", training, "--member", "fundacion-rutas-seguras", "--contact",
                "Luis Soto")
    (guest,) = alliance.ok("meeting", "participant", "add", training, "--guest", "Marco Díaz", "--gender",
                           "male").out.split()

    # Refused: a member not recorded present, a guest without gender, the same person twice.
    result = alliance.run("meeting", "participant", "add", training, "--member", "red-frontera-norte",
                          "--contact", "Alex Rivas", "--lang", "en")
    assert result.code == 65 and "is not recorded as present or represented" in result.err
    assert alliance.run("meeting", "participant", "add", training, "--guest", "Sin Género").code == 2
    result = alliance.run("meeting", "participant", "add", training, "--guest", "marco diaz", "--gender", "male",
                          "--lang", "en")
    assert result.code == 65 and "already a participant" in result.err

    data = json.loads(alliance.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "json").out)
    tables = {t["key"]: t for s in data["sections"] for t in s["tables"]}
    jsonschema.validate(data, SCHEMA)
    counts = {r["gender"]: (r["count"], r["share"]) for r in tables["participants_by_gender"]["rows"]}
    assert counts == {"female": (3, 0.6), "male": (2, 0.4), "non_binary": (0, 0.0), "undisclosed": (0, 0.0)}
    training_counts = {r["gender"]: r["count"] for r in tables["capacity_building_participants_by_gender"]["rows"]}
    assert training_counts == {"female": 0, "male": 2, "non_binary": 0, "undisclosed": 0}
    annual = json.loads(alliance.ok("report", "annual", "--year", "2026", "--format", "json").out)
    jsonschema.validate(annual, SCHEMA)
    annual_tables = {t["key"]: t for s in annual["sections"] for t in s["tables"]}
    assert annual_tables["participants_by_gender"]["rows"] == tables["participants_by_gender"]["rows"]
    assert annual_tables["capacity_building_participants_by_gender"]["rows"] == \
        tables["capacity_building_participants_by_gender"]["rows"]
    html = alliance.ok("report", "annual", "--year", "2026", "--format", "html", "--lang", "es").out
    assert "Participantes" in html
    minutes = alliance.ok("meeting", "document", meeting, "--kind", "minutes", "--lang", "en").out
    assert "| Ana Pérez | Fundación Rutas Seguras |" in minutes and "| Rosa Quispe | Guest |" in minutes

    # member forget: the name goes, the gender stays counted; the log never named anyone.
    alliance.ok("member", "forget", "fundacion-rutas-seguras", "--contact", "Luis Soto", "--yes")
    listed = alliance.ok("meeting", "participant", "list", training, "--format", "json").out
    assert [p["name"] for p in json.loads(listed)] == ["personal data erased", "Marco Díaz"]
    again = json.loads(alliance.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "json").out)
    tables = {t["key"]: t for s in again["sections"] for t in s["tables"]}
    assert {r["gender"]: r["count"] for r in tables["participants_by_gender"]["rows"]}["male"] == 2
    log = alliance.ok("log", "--format", "json").out
    assert "Rosa Quispe" not in log and "Marco Díaz" not in log
    alliance.ok("meeting", "participant", "remove", training, guest, "--reason", "Registrado por error")
    assert [p["name"] for p in json.loads(alliance.ok("meeting", "participant", "list", training,
                                                      "--format", "json").out)] == ["personal data erased"]


def test_the_first_page_puts_the_previous_quarter_as_its_own_report_read_it(year):
    """Each key figure's previous value is the one the previous quarter's report gives, however
    the first page counts it."""
    def figures(quarter):
        data = json.loads(year.ok("report", "quarterly", "--quarter", quarter, "--format", "json",
                                  env=on("2026-12-05")).out)
        out = {f["key"]: f["value"] for s in data["sections"] for f in s["figures"]}
        indicators = next((t for s in data["sections"] for t in s["tables"] if t["key"] == "indicators"), None)
        if indicators is not None:
            out["indicators_on_track"] = sum(r["standing"] in ("achieved", "on_track") for r in indicators["rows"])
        summary = next(s for s in data["sections"] if s["key"] == "summary")
        return out, {r["figure"]: r for r in summary["tables"][0]["rows"]}

    q2, _ = figures("2026Q2")
    q3, glance = figures("2026Q3")
    assert set(glance) >= {"active_members", "new_members", "withdrawals", "meetings_held",
                           "government_consultations", "activities_completed", "activities_delayed"}
    for key, row in glance.items():
        assert row["previous"] == q2.get(key), key
        assert row["value"] == q3.get(key), key
    assert any(row["previous"] for row in glance.values())
