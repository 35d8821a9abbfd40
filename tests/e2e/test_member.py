# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of `nacsa member add|show|list|edit|status` and `member contact`."""
import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

from conftest import NACSA_BIN, TIMEOUT_SCALE, WRAPPER


def add_paz(nacsa, *extra):
    return nacsa.ok("member", "add", "--name", "Fundación Paz Ciudadana", "--type", "foundation",
                    "--region", "metropolitana", "--city", "Santiago", "--theme", "untoc,drugs_corruption",
                    "--service", "crime_prevention", "--joined", "2024-03-15", *extra)


def test_member_help(nacsa):
    result = nacsa.ok("member", "--help")
    for sub in ("add", "show", "list", "edit", "status", "contact"):
        assert sub in result.out


def test_add_derives_the_id_from_the_name(alliance):
    result = add_paz(alliance)
    assert result.out == "fundacion-paz-ciudadana\n"
    assert result.err == "nacsa: added member fundacion-paz-ciudadana (Fundación Paz Ciudadana)\n"
    rows = alliance.sql("SELECT id, name, type, region, city, status, joined, search_text FROM member")
    assert rows == [("fundacion-paz-ciudadana", "Fundación Paz Ciudadana", "foundation", "metropolitana",
                     "Santiago", "active", "2024-03-15", "fundacion paz ciudadana santiago")]
    assert alliance.sql("SELECT theme FROM member_theme ORDER BY theme") == [("drugs_corruption",), ("untoc",)]
    assert alliance.sql("SELECT status, date, reason FROM member_status_history") == [
        ("active", "2024-03-15", "added")]
    audit = alliance.sql("SELECT command, record_kind, record_id, summary FROM audit WHERE record_kind='member'")
    assert audit == [("member add", "member", "fundacion-paz-ciudadana",
                      "added member (foundation, active, region metropolitana)")]


def test_add_checks_every_field_against_the_configuration(alliance):
    before = alliance.dump()
    result = alliance.run("member", "add", "--name", "X Y", "--type", "club", "--region", "norte",
                          "--theme", "untoc,piracy", "--email", "nope")
    assert result.code == 65
    lines = result.err.splitlines()
    assert lines[0].startswith('nacsa: error: field "--type": "club" is not an organisation type of this '
                               'alliance (known: ')
    assert any(line.startswith('nacsa: error: field "--region": "norte" is not a region of this alliance')
               for line in lines)
    assert any('field "--theme": "piracy" is not a thematic area of this alliance' in line for line in lines)
    assert 'nacsa: error: field "--email": "nope" is not an e-mail address' in lines
    assert len(lines) == 4
    # A date option that is not a date is a usage error (exit 2), as everywhere.
    result = alliance.run("member", "add", "--name", "X Y", "--type", "ngo", "--joined", "2024-13-01")
    assert (result.code, result.err) == (2, 'nacsa: error: --joined: "2024-13-01" is not a date (expected YYYY-MM-DD)\n')
    assert alliance.dump() == before


def test_add_refuses_a_taken_id_and_a_same_name(alliance):
    add_paz(alliance)
    result = alliance.run("member", "add", "--name", "FUNDACION paz  ciudadana", "--type", "ngo",
                          "--id", "otra")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "--name": member "fundacion-paz-ciudadana" already has this name\n'
    result = alliance.run("member", "add", "--name", "Paz", "--type", "ngo", "--id", "fundacion-paz-ciudadana")
    assert result.code == 65
    assert result.err == ('nacsa: error: field "--id": a member with id "fundacion-paz-ciudadana" '
                          'already exists\n')


def test_add_requires_name_and_type(alliance):
    result = alliance.run("member", "add", "--name", "X")
    assert result.code == 2
    assert "--type is required" in result.err


def test_show_table_and_json(alliance):
    add_paz(alliance, "--acronym", "FPC", "--interest", "secretariat", "--net4u", "yes")
    alliance.ok("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "Ana Pérez",
                "--position", "Directora", "--email", "ana@paz.example", "--gender", "female", "--primary",
                "--consent", "2024-03-15")
    out = alliance.ok("member", "show", "fundacion-paz-ciudadana").out
    assert "\nName:           Fundación Paz Ciudadana\n" in out
    assert "Ana Pérez, Directora <ana@paz.example> (female, primary, consent 2024-03-15)" in out
    assert "2024-03-15 active: added" in out
    alliance.ok("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "Luis Soto")
    result = alliance.ok("member", "show", "fundacion-paz-ciudadana", "--format", "json")
    assert result.err == ""
    data = json.loads(result.out)
    assert data == {"id": "fundacion-paz-ciudadana", "name": "Fundación Paz Ciudadana", "acronym": "FPC",
                    "type": "foundation", "region": "metropolitana", "city": "Santiago", "website": None,
                    "email": None, "phone": None, "thematic_areas": ["drugs_corruption", "untoc"],
                    "services": ["crime_prevention"], "joined": "2024-03-15", "status": "active",
                    "interest": ["secretariat"], "ecosoc_status": None, "net4u": True, "notes": None,
                    "contacts": [{"name": "Ana Pérez", "position": "Directora", "email": "ana@paz.example",
                                  "phone": None, "gender": "female", "primary": True, "consent": "2024-03-15"},
                                 {"name": "Luis Soto", "position": None, "email": None, "phone": None,
                                  "gender": "undisclosed", "primary": False, "consent": None}],
                    "status_history": [{"status": "active", "date": "2024-03-15", "reason": "added"}]}
    assert list(data) == ["id", "name", "acronym", "type", "region", "city", "website", "email", "phone",
                          "thematic_areas", "services", "joined", "status", "interest", "ecosoc_status", "net4u",
                          "notes", "contacts", "status_history"]
    assert alliance.sql("SELECT kind, status FROM interest") == [("secretariat", "open")]


def test_show_json_keeps_empty_fields_as_null(alliance):
    alliance.ok("member", "add", "--name", "Red Norte", "--type", "network", "--status", "applicant")
    result = alliance.ok("member", "show", "red-norte", "--format", "json")
    assert result.err == ""
    assert result.out == """{
  "id": "red-norte",
  "name": "Red Norte",
  "acronym": null,
  "type": "network",
  "region": null,
  "city": null,
  "website": null,
  "email": null,
  "phone": null,
  "thematic_areas": [],
  "services": [],
  "joined": null,
  "status": "applicant",
  "interest": [],
  "ecosoc_status": null,
  "net4u": false,
  "notes": null,
  "contacts": [],
  "status_history": [
    {
      "status": "applicant",
      "date": "2026-11-29",
      "reason": "added"
    }
  ]
}
"""


def test_show_unknown_member_exits_3(alliance):
    result = alliance.run("member", "show", "nadie")
    assert result.code == 3
    assert result.err == "nacsa: error: no member \"nadie\" (an id, name or acronym; see 'nacsa member list')\n"


def test_list_sorts_by_name_with_accents_and_filters(alliance):
    for name, region, theme in [("Zeta Organización", "biobio", "untoc"),
                                ("Ética Pública", "metropolitana", "emerging_crimes"),
                                ("Asociación Eco", "biobio", "untoc"),
                                ("Educa Chile", "metropolitana", "untoc")]:
        alliance.ok("member", "add", "--name", name, "--type", "ngo", "--region", region, "--theme", theme)
    out = alliance.ok("member", "list", "--format", "csv").out
    names = [line.split(",")[1] for line in out.splitlines()[1:]]
    assert names == ["Asociación Eco", "Educa Chile", "Ética Pública", "Zeta Organización"]
    ids = [r["id"] for r in json.loads(alliance.ok("member", "list", "--region", "biobio", "--format", "json").out)]
    assert ids == ["asociacion-eco", "zeta-organizacion"]
    ids = [r["id"] for r in json.loads(alliance.ok("member", "list", "--search", "ETICA", "--format", "json").out)]
    assert ids == ["etica-publica"]
    ids = [r["id"] for r in json.loads(alliance.ok("member", "list", "--search", "asociación",
                                                   "--format", "json").out)]
    assert ids == ["asociacion-eco"]
    ids = [r["id"] for r in json.loads(alliance.ok("member", "list", "--theme", "untoc", "--status", "active",
                                                   "--format", "json").out)]
    assert ids == ["asociacion-eco", "educa-chile", "zeta-organizacion"]
    table = alliance.ok("member", "list").out
    assert table.splitlines()[0].split() == ["ID", "NAME", "TYPE", "REGION", "STATUS", "JOINED"]


def test_list_json_has_every_field(alliance):
    add_paz(alliance)
    data = json.loads(alliance.ok("member", "list", "--format", "json").out)
    assert data == [{"id": "fundacion-paz-ciudadana", "name": "Fundación Paz Ciudadana", "acronym": None,
                     "type": "foundation", "region": "metropolitana", "city": "Santiago", "website": None,
                     "email": None, "phone": None, "thematic_areas": ["drugs_corruption", "untoc"],
                     "services": ["crime_prevention"], "joined": "2024-03-15", "status": "active",
                     "ecosoc_status": None, "net4u": False, "contacts": 0}]


TYPES = "ngo, academia, private_sector, community_based, faith_based, foundation, network, media, other"
REGIONS = ("arica_parinacota, tarapaca, antofagasta, atacama, coquimbo, valparaiso, metropolitana, ohiggins, "
           "maule, nuble, biobio, araucania, los_rios, los_lagos, aysen, magallanes")
THEMES = "untoc, trafficking_in_persons, smuggling_of_migrants, firearms, drugs_corruption, emerging_crimes"
SERVICES = "crime_prevention, youth_at_risk, victim_assistance, human_rights, advocacy_awareness"


def test_list_refuses_filter_keys_the_configuration_does_not_define(alliance):
    add_paz(alliance)
    for option, value, what, known in [("--type", "bogus", "an organisation type", TYPES),
                                       ("--region", "Norte", "a region", REGIONS),
                                       ("--theme", "nope", "a thematic area", THEMES),
                                       ("--service", "nope", "a service", SERVICES)]:
        result = alliance.run("member", "list", option, value)
        assert (result.code, result.out) == (2, ""), option
        assert result.err == f'nacsa: error: {option}: "{value}" is not {what} of this alliance (known: {known})\n'
    result = alliance.run("member", "list", "--region", "norte", "--theme", "untoc", "--service", "piracy",
                          "--format", "json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (f'nacsa: error: --region: "norte" is not a region of this alliance (known: {REGIONS})\n'
                          f'nacsa: error: --service: "piracy" is not a service of this alliance (known: {SERVICES})\n')
    result = alliance.run("member", "list", "--status", "bogus")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith('nacsa: error: --status: "bogus" is not one of applicant, active, suspended, withdrawn\n')
    # A known key that no member has is an empty list, not an error.
    assert alliance.ok("member", "list", "--region", "aysen", "--format", "json").out == "[]\n"
    assert alliance.ok("member", "list", "--type", "foundation", "--region", "metropolitana", "--theme", "untoc",
                       "--service", "crime_prevention", "--format", "csv").out.splitlines()[1].startswith(
        "fundacion-paz-ciudadana,")


def test_list_joined_filters(alliance):
    add_paz(alliance)
    alliance.ok("member", "add", "--name", "Nueva", "--type", "ngo", "--joined", "2026-01-10")
    out = alliance.ok("member", "list", "--joined-since", "2025-01-01", "--format", "csv").out
    assert out.splitlines()[1].startswith("nueva,")
    assert len(out.splitlines()) == 2
    result = alliance.run("member", "list", "--joined-until", "ayer")
    assert result.code == 2
    assert result.err == 'nacsa: error: --joined-until: "ayer" is not a date (expected YYYY-MM-DD)\n'


def test_edit_changes_given_fields_and_audits(alliance):
    add_paz(alliance)
    result = alliance.ok("member", "edit", "fundacion-paz-ciudadana", "--city", "Valparaíso", "--region",
                         "valparaiso", "--clear", "joined")
    assert result.err == "nacsa: updated member fundacion-paz-ciudadana\n"
    assert alliance.sql("SELECT city, region, joined, search_text FROM member") == [
        ("Valparaíso", "valparaiso", None, "fundacion paz ciudadana valparaiso")]
    assert alliance.sql("SELECT summary FROM audit WHERE command='member edit'") == [
        ("changed region, city, joined",)]
    result = alliance.ok("member", "edit", "fundacion-paz-ciudadana", "--city", "Valparaíso")
    assert result.err == "nacsa: member fundacion-paz-ciudadana unchanged\n"
    before = alliance.dump()
    result = alliance.run("member", "edit", "fundacion-paz-ciudadana", "--service", "smuggling_of_migrants")
    assert result.code == 65
    assert result.err.startswith('nacsa: error: field "--service": "smuggling_of_migrants" is not a service of this alliance')
    assert alliance.dump() == before
    assert alliance.run("member", "edit", "nadie", "--city", "X").code == 3


# 2027-02-01T12:00:00Z: "now" for the changes dated after the fixture's today (2026-11-29).
LATER = {"SOURCE_DATE_EPOCH": "1801483200"}


def test_status_lifecycle_keeps_a_dated_history(alliance):
    alliance.ok("member", "add", "--name", "Red Norte", "--type", "network", "--status", "applicant")
    result = alliance.ok("member", "status", "red-norte", "active", "--reason", "admitted by the assembly")
    assert result.err == "nacsa: member red-norte: applicant -> active on 2026-11-29\n"
    assert alliance.sql("SELECT status, joined FROM member") == [("active", "2026-11-29")]
    alliance.env.update(LATER)
    alliance.ok("member", "status", "red-norte", "suspended", "--reason", "no activity", "--date", "2026-12-10")
    result = alliance.run("member", "status", "red-norte", "suspended", "--reason", "again")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "status": member "red-norte" is already suspended\n'
    result = alliance.run("member", "status", "red-norte", "applicant", "--reason", "x")
    assert result.code == 65
    assert "a member cannot go from suspended to applicant" in result.err
    result = alliance.run("member", "status", "red-norte", "withdrawn", "--reason", "x", "--date", "2026-12-01")
    assert result.code == 65
    assert result.err == ('nacsa: error: field "--date": 2026-12-01 is before the member\'s last status change '
                          '(suspended on 2026-12-10)\n')
    result = alliance.run("member", "status", "red-norte", "withdrawn", "--reason", "  ")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "--reason": a status change needs a reason\n'
    alliance.ok("member", "status", "red-norte", "withdrawn", "--reason", "asked to leave", "--date", "2026-12-20")
    alliance.ok("member", "status", "red-norte", "active", "--reason", "rejoined", "--date", "2027-01-05")
    history = alliance.sql("SELECT status, date, reason FROM member_status_history ORDER BY id")
    assert history == [("applicant", "2026-11-29", "added"), ("active", "2026-11-29", "admitted by the assembly"),
                       ("suspended", "2026-12-10", "no activity"), ("withdrawn", "2026-12-20", "asked to leave"),
                       ("active", "2027-01-05", "rejoined")]
    assert alliance.sql("SELECT count(*) FROM member") == [(1,)]
    summaries = alliance.sql("SELECT summary FROM audit WHERE command='member status' ORDER BY id")
    assert summaries[-1] == ("status withdrawn -> active on 2027-01-05",)
    result = alliance.run("member", "status", "red-norte", "suspended")
    assert result.code == 2
    assert alliance.run("member", "status", "nadie", "suspended", "--reason", "x").code == 3


def test_status_date_may_not_be_in_the_future(alliance):
    alliance.ok("member", "add", "--name", "Red Norte", "--type", "network", "--joined", "2024-05-02")
    before = alliance.dump()
    result = alliance.run("member", "status", "red-norte", "suspended", "--reason", "no activity",
                          "--date", "2099-01-01")
    assert (result.code, result.out) == (65, "")
    assert result.err == ('nacsa: error: field "--date": 2099-01-01 is in the future (today is 2026-11-29 in '
                          'America/Santiago)\n')
    # "Today" is the alliance's: at 2026-11-30T01:00Z it is still the 29th in Santiago (UTC-3).
    late_evening = {"SOURCE_DATE_EPOCH": "1796000400"}
    result = alliance.run("member", "status", "red-norte", "suspended", "--reason", "no activity",
                          "--date", "2026-11-30", env=late_evening)
    assert (result.code, result.out) == (65, "")
    assert result.err == ('nacsa: error: field "--date": 2026-11-30 is in the future (today is 2026-11-29 in '
                          'America/Santiago)\n')
    assert alliance.dump() == before
    # Today is not the future, and nothing blocks the changes that follow.
    result = alliance.ok("member", "status", "red-norte", "suspended", "--reason", "no activity",
                         "--date", "2026-11-29")
    assert result.err == "nacsa: member red-norte: active -> suspended on 2026-11-29\n"
    alliance.ok("member", "status", "red-norte", "active", "--reason", "back", "--date", "2026-11-29")
    assert alliance.sql("SELECT status, date FROM member_status_history ORDER BY id") == [
        ("active", "2024-05-02"), ("suspended", "2026-11-29"), ("active", "2026-11-29")]


def test_joined_may_not_be_in_the_future(alliance):
    # The joined date of a new member is the date its status history starts.
    result = alliance.run("member", "add", "--name", "Red Norte", "--type", "network", "--joined", "2099-01-01")
    assert (result.code, result.out) == (65, "")
    assert result.err == ('nacsa: error: field "--joined": "2099-01-01" is in the future (today is 2026-11-29 in '
                          'America/Santiago)\n')
    assert alliance.sql("SELECT count(*) FROM member") == [(0,)]
    alliance.ok("member", "add", "--name", "Red Norte", "--type", "network", "--joined", "2026-11-29")
    before = alliance.dump()
    result = alliance.run("member", "edit", "red-norte", "--joined", "2026-12-01")
    assert (result.code, result.out) == (65, "")
    assert result.err == ('nacsa: error: field "--joined": "2026-12-01" is in the future (today is 2026-11-29 in '
                          'America/Santiago)\n')
    alliance.write("members.yaml", "- name: Red Sur\n  type: network\n  joined: 2027-03-01\n")
    result = alliance.run("member", "import", "members.yaml")
    assert (result.code, result.out) == (65, "")
    assert result.err == ('nacsa: error: members.yaml:3:11: field "joined": "2027-03-01" is in the future (today '
                          'is 2026-11-29 in America/Santiago)\n')
    assert alliance.dump() == before


def test_contact_add_edit_remove(alliance):
    add_paz(alliance)
    alliance.ok("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "Ana Pérez", "--gender", "female",
                "--primary")
    alliance.ok("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "Luis Soto", "--gender", "male")
    result = alliance.run("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "ana perez")
    assert result.code == 65
    assert result.err == ('nacsa: error: field "--name": member "fundacion-paz-ciudadana" already has a contact '
                          'named "ana perez"\n')
    alliance.ok("member", "contact", "edit", "fundacion-paz-ciudadana", "luis soto", "--primary", "yes",
                "--email", "luis@paz.example")
    assert alliance.sql("SELECT name, email, is_primary FROM contact ORDER BY id") == [
        ("Ana Pérez", None, 0), ("Luis Soto", "luis@paz.example", 1)]
    summaries = alliance.sql("SELECT summary, contact_id FROM audit WHERE record_kind='contact' ORDER BY id")
    assert summaries == [("added contact Ana Pérez", 1), ("added contact Luis Soto", 2),
                         ("changed email, primary of contact Luis Soto", 2)]
    result = alliance.run("member", "contact", "edit", "fundacion-paz-ciudadana", "Nadie", "--phone", "+56 2 1234")
    assert result.code == 3
    result = alliance.run("member", "contact", "edit", "fundacion-paz-ciudadana", "Ana Pérez", "--phone", "abc")
    assert result.code == 65
    assert result.err == ('nacsa: error: field "--phone": "abc" is not a phone number (digits, spaces, ()- and '
                          'a leading +)\n')
    result = alliance.run("member", "contact", "remove", "fundacion-paz-ciudadana", "Ana Pérez")
    assert result.code == 2
    assert result.err == "nacsa: error: removing a contact needs confirmation: add --yes\n"
    alliance.ok("member", "contact", "remove", "fundacion-paz-ciudadana", "Ana Pérez", "--yes")
    assert alliance.sql("SELECT name FROM contact") == [("Luis Soto",)]
    assert alliance.run("member", "contact", "add", "nadie", "--name", "X").code == 3


def test_show_prints_notes_on_their_lines_and_contacts_one_per_line(alliance):
    alliance.write("n.yaml", "- name: Notas\n  type: ngo\n  notes: \"Primera línea\\r\\nSegunda\"\n"
                   "  contacts:\n    - name: Carolina Fuentes Araya\n      email: cfuentes@rutasseguras.cl.example\n"
                   "    - name: Matías Rojas Lillo\n      email: mrojas@rutasseguras.cl.example\n")
    alliance.ok("member", "import", "n.yaml")
    out = alliance.ok("member", "show", "notas").out
    assert "Notes:          Primera línea\n                Segunda\n" in out
    assert ("Contacts:       Carolina Fuentes Araya <cfuentes@rutasseguras.cl.example> (undisclosed)\n"
            "                Matías Rojas Lillo <mrojas@rutasseguras.cl.example> (undisclosed)\n") in out


def test_member_arguments_take_an_id_a_name_or_an_acronym(alliance):
    add_paz(alliance, "--acronym", "FPC")
    out = alliance.ok("member", "show", "fundacion paz ciudadana", "--format", "json").out
    assert json.loads(out)["id"] == "fundacion-paz-ciudadana"
    assert json.loads(alliance.ok("member", "show", "fpc", "--format", "json").out)["name"] == \
        "Fundación Paz Ciudadana"
    result = alliance.ok("member", "edit", "FPC", "--city", "Valparaíso")
    assert result.err == "nacsa: updated member fundacion-paz-ciudadana\n"
    result = alliance.ok("member", "status", "Fundacion Paz Ciudadana", "suspended", "--reason", "no activity")
    assert result.err == "nacsa: member fundacion-paz-ciudadana: active -> suspended on 2026-11-29\n"
    result = alliance.ok("member", "contact", "add", "fpc", "--name", "Ana Pérez", "--email", "ana@paz.example")
    assert result.err == "nacsa: added a contact to member fundacion-paz-ciudadana\n"
    result = alliance.ok("member", "forget", "FPC", "--contact", "ana", "--yes")
    assert result.err == "nacsa: erased the personal data of 1 contact of member fundacion-paz-ciudadana\n"
    result = alliance.run("member", "show", "Paz")
    assert (result.code, result.out) == (3, "")
    assert result.err == ("nacsa: error: no member \"Paz\" (an id, name or acronym; did you mean: "
                          "fundacion-paz-ciudadana (Fundación Paz Ciudadana)?)\n")


def test_an_acronym_two_members_share_is_ambiguous(alliance):
    alliance.ok("member", "add", "--name", "Red Norte", "--type", "network", "--acronym", "RN")
    alliance.ok("member", "add", "--name", "Red Nacional", "--type", "network", "--acronym", "rn")
    result = alliance.run("member", "edit", "RN", "--city", "Arica")
    assert (result.code, result.out) == (2, "")
    assert result.err == ('nacsa: error: "RN" is the acronym of 2 members: red-nacional (Red Nacional), '
                          'red-norte (Red Norte); give the id\n')
    alliance.ok("member", "edit", "red-norte", "--city", "Arica")


def test_contact_arguments_take_a_number_an_e_mail_or_a_name(alliance):
    add_paz(alliance)
    alliance.ok("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "Paula Henríquez Soto",
                "--email", "paula@paz.example")
    alliance.ok("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "Pablo Soto")
    alliance.ok("member", "contact", "add", "fundacion-paz-ciudadana", "--name", "Ana Díaz")
    alliance.ok("member", "contact", "edit", "fundacion-paz-ciudadana", "PAULA@paz.example", "--phone",
                "+56 2 1234 5678")
    alliance.ok("member", "contact", "edit", "fundacion-paz-ciudadana", "#2", "--position", "Tesorero")
    alliance.ok("member", "contact", "edit", "fundacion-paz-ciudadana", "henriquez", "--gender", "female")
    assert alliance.sql("SELECT id, phone, position, gender FROM contact ORDER BY id") == [
        (1, "+56 2 1234 5678", None, "female"), (2, None, "Tesorero", "undisclosed"),
        (3, None, None, "undisclosed")]
    before = alliance.dump()
    result = alliance.run("member", "contact", "edit", "fundacion-paz-ciudadana", "soto", "--phone", "+56 2 1111 2222")
    assert (result.code, result.out) == (2, "")
    assert result.err == ('nacsa: error: "soto" matches 2 contacts of fundacion-paz-ciudadana: '
                          '#1 Paula Henríquez Soto, #2 Pablo Soto; give the contact\'s number or e-mail\n')
    result = alliance.run("member", "contact", "remove", "fundacion-paz-ciudadana", "Nadie", "--yes")
    assert (result.code, result.out) == (3, "")
    assert result.err == 'nacsa: error: member "fundacion-paz-ciudadana" has no contact named "Nadie"\n'
    result = alliance.run("member", "contact", "edit", "fundacion-paz-ciudadana", "9", "--phone", "+56 2 1111 2222")
    assert result.code == 3
    assert alliance.dump() == before
    alliance.ok("member", "contact", "remove", "fundacion-paz-ciudadana", "3", "--yes")
    alliance.ok("member", "forget", "fundacion-paz-ciudadana", "--contact", "#2", "--yes")
    result = alliance.run("member", "contact", "edit", "fundacion-paz-ciudadana", "#2", "--phone", "+56 2 1111 2222")
    assert (result.code, result.out) == (3, "")
    assert result.err == 'nacsa: error: contact #2 of member "fundacion-paz-ciudadana" was erased\n'
    assert alliance.sql("SELECT id, name FROM contact ORDER BY id") == [(1, "Paula Henríquez Soto"), (2, "")]


AT_ONCE = 8


def _at_once(nacsa, commands):
    """Runs the commands at the same time against one store."""
    def run(args):
        return subprocess.run([*WRAPPER, NACSA_BIN, *args], cwd=nacsa.workdir, env=nacsa.env,
                              capture_output=True, text=True, timeout=120 * TIMEOUT_SCALE)
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(run, commands))


def test_eight_edits_of_one_member_at_once_keep_every_change(alliance):
    add_paz(alliance)
    changes = [("--acronym", "FPC"), ("--city", "Valparaíso"), ("--website", "https://paz.example"),
               ("--email", "info@paz.example"), ("--phone", "+56 2 2345 6789"), ("--notes", "Fundada en 1992"),
               ("--ecosoc", "special"), ("--net4u", "yes")]
    assert len(changes) == AT_ONCE
    results = _at_once(alliance, [["member", "edit", "fundacion-paz-ciudadana", option, value]
                                  for option, value in changes])
    assert [r.returncode for r in results] == [0] * AT_ONCE, [r.stderr for r in results]
    shown = json.loads(alliance.ok("member", "show", "fundacion-paz-ciudadana", "--format", "json").out)
    assert (shown["acronym"], shown["city"], shown["website"], shown["email"], shown["phone"], shown["notes"],
            shown["ecosoc_status"], shown["net4u"]) == (
        "FPC", "Valparaíso", "https://paz.example", "info@paz.example", "+56 2 2345 6789", "Fundada en 1992",
        "special", True)
    assert shown["region"] == "metropolitana" and shown["thematic_areas"] == ["drugs_corruption", "untoc"]
    log = json.loads(alliance.ok("log", "--kind", "member", "--format", "json").out)
    assert len([e for e in log if e["command"] == "member edit"]) == AT_ONCE


def test_eight_suspensions_of_one_member_at_once_suspend_it_once(alliance):
    add_paz(alliance)
    results = _at_once(alliance, [["member", "status", "fundacion-paz-ciudadana", "suspended", "--reason",
                                   f"run {i}"] for i in range(AT_ONCE)])
    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [65] * (AT_ONCE - 1), [(r.returncode, r.stderr) for r in results]
    refused = [r.stderr for r in results if r.returncode == 65]
    assert refused == ['nacsa: error: field "status": member "fundacion-paz-ciudadana" is already suspended\n'] * (
        AT_ONCE - 1)
    shown = json.loads(alliance.ok("member", "show", "fundacion-paz-ciudadana", "--format", "json").out)
    assert shown["status"] == "suspended"
    assert [h["status"] for h in shown["status_history"]] == ["active", "suspended"]
    log = json.loads(alliance.ok("log", "--kind", "member", "--format", "json").out)
    assert len([e for e in log if e["command"] == "member status"]) == 1


def test_an_empty_list_option_empties_the_list(alliance):
    add_paz(alliance, "--interest", "secretariat")
    alliance.ok("member", "edit", "fundacion-paz-ciudadana", "--service", "", "--interest", "")
    shown = json.loads(alliance.ok("member", "show", "fundacion-paz-ciudadana", "--format", "json").out)
    assert (shown["services"], shown["interest"]) == ([], [])
    result = alliance.run("member", "edit", "fundacion-paz-ciudadana", "--theme", " , ")
    assert (result.code, result.err) == (65, 'nacsa: error: field "--theme": a member needs at least one '
                                             'thematic area\n')
    alliance.ok("member", "edit", "fundacion-paz-ciudadana", "--theme", "untoc, firearms")
    shown = json.loads(alliance.ok("member", "show", "fundacion-paz-ciudadana", "--format", "json").out)
    assert shown["thematic_areas"] == ["firearms", "untoc"]


def test_list_options_take_commas_and_repeats_alike(alliance):
    alliance.ok("member", "add", "--name", "Fundación Paz Ciudadana", "--type", "foundation", "--theme", "untoc",
                "--theme", "Trata de personas, especialmente mujeres y niños", "--interest", "secretariat",
                "--interest", "steering_committee")
    alliance.ok("member", "edit", "fundacion-paz-ciudadana", "--service", "crime_prevention",
                "--service", "victim_assistance,human_rights")
    shown = json.loads(alliance.ok("member", "show", "fundacion-paz-ciudadana", "--format", "json").out)
    assert shown["thematic_areas"] == ["trafficking_in_persons", "untoc"]
    assert shown["services"] == ["crime_prevention", "human_rights", "victim_assistance"]
    assert shown["interest"] == ["secretariat", "steering_committee"]


def test_status_correction_voids_the_mistaken_withdrawal_and_gives_back_the_wg_lead(alliance):
    add_paz(alliance)
    paz = "fundacion-paz-ciudadana"
    alliance.ok("member", "contact", "add", paz, "--name", "Ana Pérez", "--primary")
    alliance.ok("wg", "lead", "experticia_tecnica", paz, "--representative", "Ana Pérez", "--date", "2026-02-01")
    result = alliance.ok("member", "status", paz, "withdrawn", "--reason", "wrong member", "--date", "2026-11-01")
    assert "lead of experticia_tecnica" in result.err
    assert json.loads(alliance.ok("wg", "show", "experticia_tecnica", "--format", "json").out)["lead"] is None
    before = alliance.dump()
    assert alliance.run("member", "status", paz, "active", "--correct", "--reason", "x").code == 2
    assert alliance.run("member", "status", paz, "--correct").code == 2
    assert alliance.run("member", "status", paz, "--correct", "--reason", " ").code == 65
    assert alliance.run("member", "status", "nadie", "--correct", "--reason", "x").code == 3
    assert alliance.dump() == before
    result = alliance.ok("member", "status", paz, "--correct", "--reason", "entered for the wrong member")
    assert result.err == (f"nacsa: member {paz}: status withdrawn of 2026-11-01 voided; the member is active again\n"
                          f"nacsa: member {paz}: given back what ended on 2026-11-01: working-group membership of "
                          "experticia_tecnica; lead of experticia_tecnica\n")
    shown = json.loads(alliance.ok("member", "show", paz, "--format", "json").out)
    assert shown["status"] == "active"
    assert shown["status_history"][-1] == {"status": "withdrawn", "date": "2026-11-01", "reason": "wrong member",
                                           "voided": "2026-11-29", "void_reason": "entered for the wrong member"}
    assert "[voided 2026-11-29: entered for the wrong member]" in alliance.ok("member", "show", paz).out
    group = json.loads(alliance.ok("wg", "show", "experticia_tecnica", "--format", "json").out)
    assert (group["lead"], group["lead_since"], group["former_leads"]) == (paz, "2026-02-01", [])
    assert [m["id"] for m in json.loads(alliance.ok("member", "list", "--status", "active",
                                                     "--format", "json").out)] == [paz]
    assert json.loads(alliance.ok("member", "list", "--status", "withdrawn", "--format", "json").out) == []
    log = json.loads(alliance.ok("--format", "json", "log", "--kind", "member").out)
    assert any(e["summary"] == "status withdrawn of 2026-11-01 voided as entered by mistake: status withdrawn -> "
               "active; reason: entered for the wrong member" for e in log)
    # Only the first status is left: nothing to correct. An ordinary reinstatement gives nothing back.
    assert alliance.run("member", "status", paz, "--correct", "--reason", "again").code == 65
    alliance.ok("member", "status", paz, "withdrawn", "--reason", "left")
    result = alliance.ok("member", "status", paz, "active", "--reason", "rejoined")
    assert "given back" not in result.err
    assert json.loads(alliance.ok("wg", "show", "experticia_tecnica", "--format", "json").out)["lead"] is None


# ---- people in reach: search over contacts, contact list, distribution lists ----

LONG_NAME = "María José de los Ángeles Fernández-Villavicencio y Altamirano, Jr; \\ hija"


def add_people(nacsa):
    """Three members: Paz (Ana primary with e-mail and phone, Luis without e-mail), KYT (Wanjiru),
    Rutas (a primary contact without e-mail, and one with a long name full of , ; and \\)."""
    nacsa.cached(record_people)


def record_people(nacsa):
    add_paz(nacsa)
    paz = "fundacion-paz-ciudadana"
    nacsa.ok("member", "contact", "add", paz, "--name", "Ana Pérez", "--primary", "--email", "ana@paz.example",
             "--phone", "+56 2 2345 6789", "--position", "Directora")
    nacsa.ok("member", "contact", "add", paz, "--name", "Luis Soto")
    nacsa.ok("member", "add", "--name", "Kenya Youth Trust", "--id", "kyt", "--type", "ngo", "--region", "biobio",
             "--theme", "untoc", "--joined", "2024-05-01")
    nacsa.ok("member", "contact", "add", "kyt", "--name", "Wanjirú Kamau", "--primary", "--email",
             "W.Kamau@kyt.example")
    nacsa.ok("member", "add", "--name", "Rutas Seguras", "--id", "rutas", "--type", "ngo", "--region", "biobio",
             "--theme", "untoc", "--joined", "2024-05-01")
    nacsa.ok("member", "contact", "add", "rutas", "--name", "Pedro Sin Correo", "--primary")
    nacsa.ok("member", "contact", "add", "rutas", "--name", LONG_NAME, "--email", "maria@rutas.example")


def test_search_finds_contacts_by_name_e_mail_and_phone_and_says_which(alliance):
    add_people(alliance)

    def search(text):
        rows = json.loads(alliance.ok("member", "list", "--search", text, "--format", "json").out)
        return [(r["id"], r["matched"]) for r in rows]

    wanjiru = [{"contact": 3, "name": "Wanjirú Kamau", "field": "name"}]
    assert search("Wanjiru") == [("kyt", wanjiru)]
    assert search("WANJIRÚ kam") == [("kyt", wanjiru)]
    assert search("w.kamau@KYT") == [("kyt", [{"contact": 3, "name": "Wanjirú Kamau", "field": "email"}])]
    # Phones compare on digits, however they are written.
    assert search("(2) 2345-6789") == [("fundacion-paz-ciudadana",
                                         [{"contact": 1, "name": "Ana Pérez", "field": "phone"}])]
    # A member found by its own name has no matched contact; one found by both says the contact.
    assert search("paz ciudadana") == [("fundacion-paz-ciudadana", [])]
    assert search("paz") == [("fundacion-paz-ciudadana", [{"contact": 1, "name": "Ana Pérez", "field": "email"}])]
    assert search("nadie") == []
    table = alliance.ok("member", "list", "--search", "kamau").out.splitlines()
    assert table[0].split()[-1] == "MATCHED" and table[1].endswith("Wanjirú Kamau")
    assert "MATCHED" not in alliance.ok("member", "list").out
    assert "matched" not in json.loads(alliance.ok("member", "list", "--format", "json").out)[0]
    # An erased person is no longer found.
    alliance.ok("member", "forget", "kyt", "--contact", "Wanjirú Kamau", "--yes")
    assert search("wanjiru") == []


def test_contact_list_shows_people_with_their_organisation_and_filters(alliance):
    add_people(alliance)
    rows = json.loads(alliance.ok("member", "contact", "list", "--format", "json").out)
    assert [(r["member"], r["name"], r["email"], r["primary"]) for r in rows] == [
        ("fundacion-paz-ciudadana", "Ana Pérez", "ana@paz.example", True),
        ("fundacion-paz-ciudadana", "Luis Soto", None, False),
        ("kyt", "Wanjirú Kamau", "W.Kamau@kyt.example", True),
        ("rutas", "Pedro Sin Correo", None, True),
        ("rutas", LONG_NAME, "maria@rutas.example", False)]
    assert rows[0] == {"member": "fundacion-paz-ciudadana", "organisation": "Fundación Paz Ciudadana",
                       "contact": 1, "name": "Ana Pérez", "position": "Directora", "email": "ana@paz.example",
                       "phone": "+56 2 2345 6789", "primary": True}
    found = json.loads(alliance.ok("member", "contact", "list", "--region", "biobio", "--search", "KAMAU",
                                   "--format", "json").out)
    assert [r["name"] for r in found] == ["Wanjirú Kamau"]
    table = alliance.ok("member", "contact", "list", "--search", "rutas").out
    assert "Pedro Sin Correo" in table and "Ana Pérez" not in table
    result = alliance.run("member", "contact", "list", "--redact")
    assert result.code == 2 and "personal data" in result.err and result.out == ""
    assert alliance.run("member", "contact", "list", "--region", "atlantis").code == 2


def parse_vcards(data: bytes):
    """vCards parsed structurally: every line ends CRLF and has at most 75 octets; folded lines
    unfolded; each card a list of (name, value) between BEGIN and END."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(len(line) <= 75 for line in physical), [len(line) for line in physical]
    logical = []
    for line in physical:
        line.decode("utf-8")  # folding never splits a character
        if line.startswith(b" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    cards, card = [], None
    for line in (entry.decode("utf-8") for entry in logical):
        name, value = line.split(":", 1)
        if name == "BEGIN":
            assert value == "VCARD" and card is None
            card = []
        elif name == "END":
            assert value == "VCARD"
            cards.append(card)
            card = None
        else:
            card.append((name, value))
    assert card is None
    return cards


def test_emails_of_a_member_list_as_to_csv_vcard_and_json(alliance):
    add_people(alliance)
    result = alliance.ok("member", "emails")
    assert result.out == '"Ana Pérez" <ana@paz.example>, "Wanjirú Kamau" <W.Kamau@kyt.example>\n'
    assert result.err == "nacsa: warning: left out: member rutas: contact 4 (Pedro Sin Correo) has no e-mail address\n"
    result = alliance.ok("member", "emails", "--region", "biobio", "--all-contacts", "--as", "csv")
    assert result.out.splitlines() == [
        "member,organisation,contact,name,position,email,phone,primary",
        "kyt,Kenya Youth Trust,3,Wanjirú Kamau,,W.Kamau@kyt.example,,yes",
        f'rutas,Rutas Seguras,5,"{LONG_NAME}",,maria@rutas.example,,no']
    assert "Pedro Sin Correo" in result.err
    out = alliance.ok("member", "emails", "--all-contacts", "--as", "to", "--search", "rutas").out
    assert out == '"María José de los Ángeles Fernández-Villavicencio y Altamirano, Jr; \\\\ hija" <maria@rutas.example>\n'
    data = alliance.run("member", "emails", "--all-contacts", "--as", "vcard", binary=True)
    assert data.code == 0
    cards = parse_vcards(data.out)
    assert len(cards) == 3
    assert cards[0] == [("VERSION", "4.0"), ("KIND", "individual"), ("FN", "Ana Pérez"),
                        ("EMAIL", "ana@paz.example"), ("TEL;TYPE=work", "+56 2 2345 6789"),
                        ("ORG", "Fundación Paz Ciudadana"), ("TITLE", "Directora")]
    assert dict(cards[2])["FN"] == ("María José de los Ángeles Fernández-Villavicencio y Altamirano\\, Jr\\; "
                                    "\\\\ hija")
    assert dict(cards[2])["ORG"] == "Rutas Seguras"
    rows = json.loads(alliance.ok("--format", "json", "member", "emails", "--search", "kamau").out)
    assert rows == [{"member": "kyt", "organisation": "Kenya Youth Trust", "contact": 3, "name": "Wanjirú Kamau",
                     "position": None, "email": "W.Kamau@kyt.example", "phone": None, "primary": True}]
    # Written with -o, the list is readable by its owner only; --redact is refused.
    alliance.ok("member", "emails", "--as", "vcard", "-o", "list.vcf")
    assert (alliance.path("list.vcf").stat().st_mode & 0o777) == 0o600
    assert parse_vcards(alliance.path("list.vcf").read_bytes())[0][2] == ("FN", "Ana Pérez")
    result = alliance.run("member", "emails", "--redact")
    assert (result.code, result.out) == (2, "") and "personal data" in result.err
    assert alliance.run("member", "emails", "--committee", "--region", "biobio").code == 2
    assert alliance.run("member", "emails", "--as", "pdf").code == 2


def test_emails_of_the_committee_a_working_group_and_a_meeting(alliance):
    add_people(alliance)
    # The committee: the seated representative, not the primary contact.
    alliance.ok("committee", "seat", "fundacion-paz-ciudadana", "--role", "member", "--representative", "Luis Soto",
                "--from", "2026-01-05")
    alliance.ok("committee", "seat", "kyt", "--role", "member", "--representative", "Wanjirú Kamau",
                "--from", "2026-01-05")
    result = alliance.ok("member", "emails", "--committee")
    assert result.out == '"Wanjirú Kamau" <W.Kamau@kyt.example>\n'
    assert "contact 2 (Luis Soto) has no e-mail address" in result.err
    assert alliance.ok("member", "emails", "--committee", "--as-of", "2025-12-31").out == ""
    # A working group: its members' primary contacts.
    alliance.ok("wg", "join", "experticia_tecnica", "rutas")
    alliance.ok("wg", "join", "experticia_tecnica", "kyt")
    result = alliance.ok("member", "emails", "--wg", "experticia_tecnica", "--all-contacts")
    assert result.out == '"Wanjirú Kamau" <W.Kamau@kyt.example>, "María José de los Ángeles ' \
                         'Fernández-Villavicencio y Altamirano, Jr; \\\\ hija" <maria@rutas.example>\n'
    assert alliance.run("member", "emails", "--wg", "nadie").code == 3
    # A meeting: its invitees; a guest invited by name has no e-mail on record.
    (mid,) = alliance.ok("meeting", "schedule", "--title", "Asamblea", "--kind", "general_assembly",
                         "--start", "2026-12-10 10:00").out.split()
    alliance.ok("meeting", "invitees", mid, "--remove", "kyt", "--guest", "Ana Gómez")
    result = alliance.ok("member", "emails", "--meeting", mid)
    assert result.out == '"Ana Pérez" <ana@paz.example>\n'
    assert 'invitee "Ana Gómez": invited by name, no e-mail on record' in result.err
    assert alliance.run("member", "emails", "--meeting", "nadie").code == 3
