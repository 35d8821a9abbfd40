# SPDX-License-Identifier: Apache-2.0
"""nacsa report regional: the reports of three alliances of different languages and sizes
(Chile in Spanish with the example register and plan, Haiti in French, Jamaica in English), as
nacsa writes them, added up per country and in total; golden files in three languages; every
refusal names the file; no store is read or made."""
import csv
import io
import json
import os
import re
import shutil
import subprocess

import jsonschema
import pytest

from conftest import EXAMPLES, SOURCE_DIR, TESTDATA, Nacsa

GOLDEN = TESTDATA / "report"
SCHEMA = json.loads((SOURCE_DIR / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def config(name, short_name, country, language, time_zone, regions):
    """The example configuration with another identity and regions (and no working groups)."""
    text = (EXAMPLES / "alliance.yaml").read_text(encoding="utf-8")
    for key, value in (("name", name), ("short_name", short_name), ("country", country),
                       ("language", language), ("time_zone", time_zone)):
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    start = text.index("regions:\n")
    end = text.index("\n\n", start)
    listed = "".join(f"  - {{key: {key}, name: {label}}}\n" for key, label in regions)
    text = text[:start] + "regions:\n" + listed + text[end + 1:]
    return text[:text.index("working_groups:\n")]


def consultation(n, date):
    (meeting,) = n.ok("meeting", "schedule", "--title", "Consultation", "--kind", "government_consultation",
                      "--start", f"{date} 10:00").out.split()
    n.ok("meeting", "held", meeting, "--force")


def chile(n):
    n.init(EXAMPLES / "alliance.yaml")
    n.ok("member", "import", EXAMPLES / "members.yaml")
    n.ok("plan", "import", EXAMPLES / "plan.yaml")
    n.ok("committee", "seat", "rutas-seguras", "--role", "coordinator", "--representative",
         "Carolina Fuentes Araya", "--from", "2026-03-20")
    consultation(n, "2026-08-20")


def haiti(n):
    n.write("haiti.yaml", config("Alliance nationale de la société civile contre la criminalité organisée",
                                 "ANSC Haïti", "HT", "fr", "America/Port-au-Prince",
                                 [("ouest", "Ouest"), ("nord", "Nord"), ("sud", "Sud")]))
    n.init("haiti.yaml")
    n.ok("member", "add", "--name", "Fondation Espoir", "--type", "ngo", "--region", "ouest", "--theme",
         "untoc,trafficking_in_persons", "--joined", "2025-01-10", "--net4u", "yes")
    n.ok("member", "add", "--name", "Université du Nord", "--type", "academia", "--region", "nord", "--theme",
         "smuggling_of_migrants", "--joined", "2025-02-01")
    n.ok("member", "contact", "add", "fondation-espoir", "--name", "Marie Joseph", "--gender", "female")
    n.ok("member", "contact", "add", "universite-du-nord", "--name", "Jean Pierre", "--gender", "male")
    n.ok("committee", "seat", "fondation-espoir", "--role", "coordinator", "--representative", "Marie Joseph",
         "--from", "2026-01-15")
    n.ok("committee", "seat", "universite-du-nord", "--role", "member", "--representative", "Jean Pierre",
         "--from", "2026-01-15")
    consultation(n, "2026-09-10")


def jamaica(n):
    n.write("jamaica.yaml", config("National Civil Society Alliance against Organized Crime", "NCSA Jamaica",
                                   "JM", "en", "America/Jamaica",
                                   [("kingston", "Kingston"), ("st_james", "Saint James")]))
    n.init("jamaica.yaml")
    n.ok("member", "add", "--name", "Kingston Youth Trust", "--type", "ngo", "--region", "kingston", "--theme",
         "firearms", "--joined", "2025-03-01")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The three alliances' 2026Q3 reports as JSON, each in its alliance's language."""
    folder = tmp_path_factory.mktemp("reports")
    for name, build in (("chile", chile), ("haiti", haiti), ("jamaica", jamaica)):
        workdir = tmp_path_factory.mktemp(name)
        (workdir / "home").mkdir()
        n = Nacsa(workdir)
        n.env["NACSA_LANG"] = ""
        build(n)
        n.ok("report", "quarterly", "--quarter", "2026Q3", "--format", "json", "-o", folder / f"{name}.json")
    return folder


def national(reports, name):
    return json.loads((reports / f"{name}.json").read_text(encoding="utf-8"))


def figures(report, section):
    (s,) = [s for s in report["sections"] if s["key"] == section]
    return {f["key"]: f["value"] for f in s["figures"]}


def table(report, key):
    (t,) = [t for s in report["sections"] for t in s["tables"] if t["key"] == key]
    return t


def check_golden(name, text):
    path = GOLDEN / name
    if os.environ.get("NACSA_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with NACSA_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_the_reports_are_of_three_languages_and_sizes(reports):
    languages = {name: national(reports, name)["language"] for name in ("chile", "haiti", "jamaica")}
    assert languages == {"chile": "es", "haiti": "fr", "jamaica": "en"}
    sizes = [figures(national(reports, name), "membership")["active_members"] for name in ("chile", "haiti", "jamaica")]
    assert sizes == [40, 2, 1]


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_regional_golden(nacsa, reports, lang):
    out = nacsa.ok("report", "regional", reports, "--lang", lang, "--network", "NET4U Americas").out
    check_golden(f"regional-2026Q3-{lang}.md", out)


def test_regional_json_adds_up_the_national_reports(nacsa, reports):
    """Every total is the sum of the countries' figures, read from the national reports here;
    the countries are listed by name; each type, theme and gender row adds up."""
    result = nacsa.ok("report", "regional", *(reports / f"{n}.json" for n in ("jamaica", "chile", "haiti")),
                      "--format", "json", "--lang", "en")
    data = json.loads(result.out)
    jsonschema.validate(data, SCHEMA)
    assert data["report"] == "regional" and data["period"]["label"] == "2026Q3"
    assert data["alliance"]["name"] == "NET4U"
    names = ("chile", "haiti", "jamaica")
    nationals = {n: national(reports, n) for n in names}
    totals = figures(data, "alliances")
    for key, section in (("active_members", "membership"), ("net4u_members", "membership"),
                         ("seats_held", "governance"), ("government_consultations", "meetings"),
                         ("activities_completed", "plan"), ("activities_delayed", "plan"),
                         ("review_contributions", "plan")):
        # A section with nothing to report (no plan) has no figures: 0.
        assert totals[key] == sum(figures(nationals[n], section).get(key, 0) for n in names), key
    assert totals["alliances"] == 3
    rows = table(data, "alliances")["rows"]
    assert [r["country"] for r in rows] == ["Chile", "Haiti", "Jamaica"]
    assert [r["country_code"] for r in rows] == ["CL", "HT", "JM"]
    assert [r["language"] for r in rows] == ["es", "fr", "en"]
    assert [r["alliance"] for r in rows] == ["ANSC Chile", "ANSC Haïti", "NCSA Jamaica"]
    for key, column in (("members_by_type", "type"), ("members_by_theme", "theme")):
        regional = {r[column]: r for r in table(data, key)["rows"]}
        for code, n in (("cl", "chile"), ("ht", "haiti"), ("jm", "jamaica")):
            for row in table(nationals[n], key)["rows"]:
                assert regional[row[column]][code] == row["count"], (key, n, row)
        assert all(r["total"] == r["cl"] + r["ht"] + r["jm"] for r in regional.values())
    # Labels come from a report in the regional report's language when one has the key.
    assert {r["type"]: r["label"] for r in table(data, "members_by_type")["rows"]}["ngo"] == \
        "Non-governmental organisation"
    gender = {r["gender"]: r for r in table(data, "committee_by_gender_by_country")["rows"]}
    assert (gender["female"]["cl"], gender["female"]["ht"], gender["male"]["ht"]) == (1, 1, 1)
    assert {r["gender"]: r["count"] for r in table(data, "committee_by_gender")["rows"]}["female"] == \
        gender["female"]["total"]
    # Jamaica held no government consultation: a warning naming it.
    (consultations,) = [s for s in data["sections"] if s["key"] == "consultations"]
    assert [(f["severity"], f["record"]) for f in consultations["findings"]] == [("warning", "JM")]
    indicators = table(data, "indicators")["rows"]
    assert {r["country_code"] for r in indicators} == {"CL"}
    assert len(indicators) == len(table(nationals["chile"], "indicators")["rows"])


def test_regional_formats_and_no_store(nacsa, reports):
    out = nacsa.ok("report", "regional", reports, "--format", "csv", "--section", "alliances").out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["country_code"] for r in rows] == ["CL", "HT", "JM"]
    html = nacsa.ok("report", "regional", reports, "--format", "html", "--lang", "fr").out
    assert '<html lang="fr">' in html and "Rapport trimestriel régional" in html
    nacsa.ok("report", "regional", reports, "--format", "csv", "--section", "all", "-o", "tables")
    assert (nacsa.path("tables") / "indicators.csv").is_file()
    assert not nacsa.db.exists()  # no store was read, none was made


def test_regional_refusals_name_the_file(nacsa, reports):
    chile = national(reports, "chile")

    def write(name, data):
        return nacsa.write(name, json.dumps(data) if not isinstance(data, str) else data)

    other_period = dict(chile, period={"label": "2026Q2", "from": "2026-04-01", "to": "2026-06-30"})
    other_period["alliance"] = dict(chile["alliance"], country="PE")
    cases = [
        ([reports / "chile.json", write("q2.json", other_period)], 65,
         "q2.json: field \"period\": period 2026Q2 (2026-04-01 to 2026-06-30), where"),
        ([reports / "chile.json", write("again.json", chile)], 65, "again.json: field \"alliance.country\": a second report for CL"),
        ([write("v2.json", dict(chile, schema_version=2))], 65, "v2.json: field \"schema_version\": 2: this nacsa reads reports of schema version 1"),
        ([write("old.json", {k: v for k, v in chile.items() if k != "schema_version"})], 65,
         "old.json: field \"schema_version\": missing: the report was written by an older nacsa"),
        ([write("kind.json", dict(chile, report="membership"))], 65, "kind.json: field \"report\""),
        ([write("annual.json", dict(chile, report="annual"))], 0, ""),
        ([write("broken.json", '{\n  "report": "quarterly",\n  oops\n}\n')], 65, "broken.json:3:3: not JSON"),
        ([write("section.json", dict(chile, sections=[s for s in chile["sections"] if s["key"] != "plan"]))], 65,
         "section.json: field \"sections\": no plan section"),
        ([write("country.json", dict(chile, alliance=dict(chile["alliance"], country="Chile")))], 65,
         "country.json: field \"alliance.country\": should be an ISO 3166 country code"),
        ([nacsa.path("missing.json")], 66, "missing.json"),
    ]
    for files, code, message in cases:
        result = nacsa.run("report", "regional", *files, "--lang", "en")
        assert result.code == code, (files, str(result))
        assert message in result.err, (files, result.err)
        if code:
            assert result.out == ""
    mixed = nacsa.run("report", "regional", reports / "chile.json", nacsa.path("annual.json"), "--lang", "en")
    assert mixed.code == 65 and 'annual.json: field "report": "annual", where' in mixed.err, mixed.err
    nacsa.path("empty").mkdir()
    empty = nacsa.run("report", "regional", nacsa.path("empty"))
    assert empty.code == 66 and "has no .json report" in empty.err
    spanish = nacsa.run("--lang", "es", "report", "regional", nacsa.path("v2.json"))
    assert "este nacsa lee informes de la versión de esquema 1" in spanish.err
    assert not nacsa.db.exists()


def test_regional_pdf(nacsa, reports):
    """Printed by WeasyPrint (scripts/deps.sh test installs it): a PDF with the report's title."""
    assert shutil.which("weasyprint"), "no PDF engine: scripts/deps.sh test installs weasyprint"
    nacsa.ok("report", "regional", reports, "--format", "pdf", "--pdf-engine", "weasyprint", "--lang", "fr",
             "-o", "net4u.pdf", timeout=300)
    info = subprocess.run(["pdfinfo", nacsa.path("net4u.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Rapport trimestriel régional – NET4U – Chili, Haïti, Jamaïque" in info
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) >= 3
