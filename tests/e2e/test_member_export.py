# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of `nacsa member export`, `member forget` and `member stats`."""
import json
import os

import pytest
from conftest import EXAMPLES, Nacsa

TRICKY = [
    {"id": "centro-la-esperanza", "name": 'Centro "La Esperanza"; Ñuñoa, O\'Higgins', "type": "ngo",
     "region": "ohiggins", "city": "Rancagua", "thematic_areas": ["untoc", "firearms"],
     "notes": "Línea 1\nLínea \"2\"; con, comas\r\n- una lista\n=SUMA(1;2)", "net4u": False,
     "contacts": [{"name": "José \"Pepe\" Muñoz", "position": "Director, área sur", "phone": "+56 9 1111 2222",
                   "gender": "male", "primary": True, "consent": "2025-01-02"},
                  {"name": "Ana María D'Alessandro", "gender": "female"}]},
    {"name": "Fundación Ética Pública", "type": "foundation", "status": "applicant", "interest": ["secretariat"],
     "website": "https://etica.example/quienes-somos?x=1#a", "email": "info@etica.example", "net4u": True,
     "acronym": "@FEP", "notes": "true"},
    {"name": "yes", "type": "other", "city": "  Isla de Pascua  ", "notes": "#hashtag: colon\ttab"},
    # Text that starts with ' before a formula character, as a spreadsheet user might type it.
    {"name": "Red Apóstrofo", "type": "other", "city": "'=Ciudad", "notes": "''@nota"},
]


@pytest.fixture
def tricky(alliance):
    alliance.write("tricky.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in TRICKY))
    alliance.ok("member", "import", "tricky.jsonl")
    return alliance


def fresh(tmp_path, name):
    folder = tmp_path / name
    (folder / "home").mkdir(parents=True)
    other = Nacsa(folder)
    other.init(EXAMPLES / "alliance.yaml")
    return other


@pytest.mark.parametrize("fmt", ["yaml", "csv", "jsonl"])
def test_round_trip_is_byte_identical(tricky, tmp_path, fmt):
    tricky.ok("member", "import", EXAMPLES / "members.yaml")
    tricky.ok("member", "export", "--format", fmt, "--output", f"one.{fmt}")
    first = tricky.path(f"one.{fmt}").read_bytes()
    other = fresh(tmp_path, "other")
    other.ok("member", "import", tricky.path(f"one.{fmt}"))
    second = other.run("member", "export", "--format", fmt, binary=True)
    assert second.code == 0
    assert second.out == first
    assert other.sql("SELECT notes FROM member WHERE id='centro-la-esperanza'") == [
        ("Línea 1\nLínea \"2\"; con, comas\r\n- una lista\n=SUMA(1;2)",)]
    assert other.sql("SELECT name, position FROM contact WHERE member_id='centro-la-esperanza' ORDER BY id") == [
        ('José "Pepe" Muñoz', "Director, área sur"), ("Ana María D'Alessandro", None)]
    assert other.sql("SELECT city, notes FROM member WHERE id='yes'") == [("Isla de Pascua", "#hashtag: colon\ttab")]
    assert other.sql("SELECT city, notes FROM member WHERE id='red-apostrofo'") == [("'=Ciudad", "''@nota")]


def test_export_csv_excel_and_formula_neutralised(tricky):
    out = tricky.run("member", "export", "--format", "csv", "--excel", binary=True).out
    assert out.startswith(b"\xef\xbb\xbfid;name;acronym;")
    text = out.decode("utf-8")
    assert "'@FEP" in text
    assert "'+56 9 1111 2222" in text


def test_forget_reaches_the_name_given_as_a_representative_at_a_meeting(tricky):
    # Invites every member active that day (the members were recorded today, 2026-11-29).
    (mid,) = tricky.ok("meeting", "schedule", "--title", "Asamblea", "--kind", "general_assembly",
                       "--start", "2026-11-29 08:00").out.split()
    # Typed by hand, in another case and without the accent.
    tricky.ok("meeting", "attend", mid, "centro-la-esperanza", "--status", "represented",
              "--by", "ana maria d'alessandro")
    tricky.ok("meeting", "attend", mid, "yes", "--status", "represented",
              "--by", "Ana María D'Alessandro")
    tricky.ok("member", "forget", "centro-la-esperanza", "--contact", "Ana María D'Alessandro", "--yes")
    # Only the mention at her own organisation is hers for certain; the other member's stays.
    assert tricky.sql("SELECT member_id, attendance, represented_by FROM meeting_invitee "
                      "WHERE represented_by IS NOT NULL ORDER BY member_id") == [
        ("centro-la-esperanza", "represented", "personal data erased"),
        ("yes", "represented", "Ana María D'Alessandro")]
    assert tricky.sql("SELECT summary FROM audit WHERE command = 'member forget'") == [
        ("erased the personal data of 1 contact on request, and 1 mention in meeting records and "
         "statements of interest",)]


def test_export_file_mode_and_redact(tricky):
    tricky.ok("member", "export", "-o", "all.jsonl")
    assert os.stat(tricky.path("all.jsonl")).st_mode & 0o777 == 0o600
    lines = [json.loads(line) for line in tricky.path("all.jsonl").read_text().splitlines()]
    assert [m["id"] for m in lines] == ["centro-la-esperanza", "fundacion-etica-publica", "red-apostrofo",
                                        "yes"]
    assert lines[0]["contacts"][0] == {"name": 'José "Pepe" Muñoz', "position": "Director, área sur",
                                       "phone": "+56 9 1111 2222", "gender": "male", "primary": True,
                                       "consent": "2025-01-02"}
    redacted = tricky.ok("member", "export", "--format", "csv", "--redact").out
    assert "Muñoz" not in redacted and "contact_name" not in redacted
    assert "Muñoz" not in tricky.ok("member", "export", "--redact").out


def test_export_of_an_empty_register_reimports(alliance, tmp_path):
    alliance.ok("member", "export", "-o", "empty.yaml")
    assert alliance.path("empty.yaml").read_text() == "[]\n"
    result = alliance.ok("member", "import", "empty.yaml")
    assert result.err == "nacsa: nothing changed: 0 records read; 0 new, 0 updated, 0 unchanged\n"


def test_forget_erases_contact_data_and_audit_entries(tricky):
    tricky.ok("member", "contact", "edit", "centro-la-esperanza", "ana maría d'alessandro", "--email",
              "ana@esperanza.example")
    result = tricky.run("member", "forget", "centro-la-esperanza", "--contact", "Ana María D'Alessandro")
    assert result.code == 2
    assert result.err == "nacsa: error: erasing personal data needs confirmation: add --yes\n"
    result = tricky.ok("member", "forget", "centro-la-esperanza", "--contact", "Ana María D'Alessandro", "--yes")
    assert result.err == "nacsa: erased the personal data of 1 contact of member centro-la-esperanza\n"
    dump = str(tricky.dump())
    assert "Alessandro" not in dump
    assert "ana@esperanza.example" not in dump
    assert "Muñoz" in dump
    rows = tricky.sql("SELECT name, email, gender, erased_at FROM contact WHERE id=2")
    assert rows == [("", None, "undisclosed", "2026-11-29T12:00:00Z")]
    assert tricky.sql("SELECT summary FROM audit WHERE contact_id=2") == [("personal data erased",)]
    assert tricky.sql("SELECT summary FROM audit WHERE command='member forget'") == [
        ("erased the personal data of 1 contact on request",)]
    assert "Alessandro" not in tricky.ok("member", "show", "centro-la-esperanza").out
    tricky.ok("member", "forget", "centro-la-esperanza", "--all-contacts", "--yes")
    assert "Muñoz" not in str(tricky.dump())
    assert tricky.run("member", "forget", "centro-la-esperanza", "--contact", "Nadie", "--yes").code == 3
    assert tricky.run("member", "forget", "centro-la-esperanza", "--yes").code == 2
    assert tricky.run("member", "forget", "centro-la-esperanza", "--contact", "x", "--all-contacts").code == 2


def test_stats_counts_by_dimension(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    rows = json.loads(alliance.ok("member", "stats", "--format", "json").out)
    by = {}
    for r in rows:
        by.setdefault(r["dimension"], {})[r["key"]] = r["count"]
    assert sum(by["status"].values()) == 48
    assert sum(by["type"].values()) == 48
    assert sum(by["gender"].values()) == 76
    assert set(by) == {"status", "type", "region", "theme", "service", "gender"}
    total_themes = alliance.sql("SELECT count(*) FROM member_theme")[0][0]
    assert sum(by["theme"].values()) == total_themes
    labels = {r["key"]: r["label"] for r in rows if r["dimension"] == "region"}
    assert labels["tarapaca"] == "Tarapacá"


def test_stats_labels_statuses_and_genders_and_names_members_without_a_region(alliance):
    alliance.ok("member", "add", "--name", "Red Norte", "--type", "network", "--status", "applicant",
                "--theme", "untoc")
    alliance.ok("member", "add", "--name", "Fundación Sur", "--type", "foundation", "--region", "biobio",
                "--theme", "untoc,firearms", "--service", "youth_at_risk")
    alliance.ok("member", "contact", "add", "red-norte", "--name", "Ana", "--gender", "female")
    alliance.ok("member", "contact", "add", "red-norte", "--name", "Luis")
    result = alliance.ok("member", "stats", "--lang", "en")
    assert result.err == ""
    assert result.out == (
        "BY       KEY            LABEL                                                 COUNT\n"
        "status   applicant      Applicants                                                1\n"
        "status   active         Active                                                    1\n"
        "type     foundation     Foundation                                                1\n"
        "type     network        Network                                                   1\n"
        "region   (none)                                                                   1\n"
        "region   biobio         Biobío                                                    1\n"
        "theme    untoc          UNTOC and its implementation                              2\n"
        "theme    firearms       Illicit manufacturing of and trafficking in firearms      1\n"
        "service  youth_at_risk  Support to youth at risk                                  1\n"
        "gender   female         Women                                                     1\n"
        "gender   undisclosed    Not stated                                                1\n")
    # In the alliance's language (Spanish) by default, as the quarterly report labels them.
    out = alliance.ok("member", "stats", env={"NACSA_LANG": ""}).out  # in the alliance's language
    assert "status   applicant      Solicitantes " in out
    assert "gender   undisclosed    No indicado " in out
    # For programs the key of members without a region stays empty: null in JSON, "" in CSV.
    result = alliance.ok("member", "stats", "--lang", "en", "--format", "csv")
    assert result.out.split("\r\n") == [
        "dimension,key,label,count", "status,applicant,Applicants,1", "status,active,Active,1",
        "type,foundation,Foundation,1", "type,network,Network,1", "region,,,1", "region,biobio,Biobío,1",
        "theme,untoc,UNTOC and its implementation,2",
        "theme,firearms,Illicit manufacturing of and trafficking in firearms,1",
        "service,youth_at_risk,Support to youth at risk,1", "gender,female,Women,1",
        "gender,undisclosed,Not stated,1", ""]
    rows = json.loads(alliance.ok("member", "stats", "--lang", "fr", "--format", "json").out)
    assert [r for r in rows if r["dimension"] in ("status", "region", "gender")] == [
        {"count": 1, "dimension": "status", "key": "applicant", "label": "Candidats"},
        {"count": 1, "dimension": "status", "key": "active", "label": "Actifs"},
        {"count": 1, "dimension": "region", "key": None, "label": None},
        {"count": 1, "dimension": "region", "key": "biobio", "label": "Biobío"},
        {"count": 1, "dimension": "gender", "key": "female", "label": "Femmes"},
        {"count": 1, "dimension": "gender", "key": "undisclosed", "label": "Non précisé"}]
