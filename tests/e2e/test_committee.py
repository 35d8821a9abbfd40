# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of `nacsa committee`: seats, history, observer, interest, elections and
`committee check`, set up with the real `nacsa member` commands."""
import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import NACSA_BIN, TIMEOUT_SCALE, WRAPPER

# id, name, region, themes, interest, contacts (name, gender)
MEMBERS = [
    ("rutas-seguras", "Fundación Rutas Seguras", "tarapaca", "untoc,trafficking_in_persons",
     "steering_committee,secretariat", [("Carolina Fuentes", "female"), ("Matías Rojas", "male")]),
    ("puente-andino", "Corporación Puente Andino", "arica_parinacota", "smuggling_of_migrants",
     "steering_committee", [("Rodrigo Mamani", "male")]),
    ("cecosh", "Centro de Estudios CECOSH", "metropolitana", "firearms", "steering_committee,coordinator",
     [("Valentina Quispe", "female")]),
    ("red-norte", "Red Norte", "tarapaca", "drugs_corruption", "", [("Diego Lara", "male")]),
    ("cibersur", "Observatorio Cibersur", "biobio", "emerging_crimes", "steering_committee",
     [("Elena Soto", "female")]),
    ("valle-austral", "Fundación Valle Austral", "magallanes", "firearms", "", [("Fabio Ruiz", "male")]),
]


def add_members(nacsa, members=MEMBERS):
    for mid, name, region, themes, interest, contacts in members:
        args = ["member", "add", "--id", mid, "--name", name, "--type", "ngo", "--region", region,
                "--theme", themes, "--joined", "2025-01-10"]
        if interest:
            args += ["--interest", interest]
        nacsa.ok(*args)
        for i, (person, gender) in enumerate(contacts):
            extra = ["--primary"] if i == 0 else []
            email = person.split()[0].lower() + "@" + mid + ".example"
            nacsa.ok("member", "contact", "add", mid, "--name", person, "--gender", gender, "--email", email, *extra)


@pytest.fixture
def members(alliance):
    alliance.cached(add_members)
    return alliance


def seat_all(nacsa, start="2026-01-05"):
    """A compliant committee: 5 seats, coordinator from an organisation that offered to be secretariat."""
    nacsa.ok("committee", "seat", "rutas-seguras", "--role", "coordinator", "--representative", "Carolina Fuentes",
             "--from", start)
    nacsa.ok("committee", "seat", "puente-andino", "--role", "member", "--representative", "Rodrigo Mamani",
             "--from", start)
    nacsa.ok("committee", "seat", "cecosh", "--role", "member", "--representative", "valentina quispe",
             "--from", start)
    nacsa.ok("committee", "seat", "red-norte", "--role", "administrative_coordinator", "--representative",
             "diego@red-norte.example", "--from", start)
    nacsa.ok("committee", "seat", "cibersur", "--role", "member", "--representative", "Elena Soto", "--from", start)


def check(nacsa, *args):
    r = nacsa.run("committee", "check", "--format", "json", *args)
    return r.code, json.loads(r.out)


def rules(findings):
    return {f["rule"] for f in findings}


# ---- seats ----------------------------------------------------------------------------------

def test_help(alliance):
    r = alliance.ok("committee", "--help")
    for sub in ("show", "seat", "unseat", "observer", "interest", "history", "election", "check"):
        assert sub in r.out


def test_seat_and_show(members):
    r = members.run("committee", "seat", "rutas-seguras", "--role", "coordinator", "--representative",
                    "carolina fuentes", "--from", "2026-01-05")
    assert r.code == 0, r
    assert r.err == ("nacsa: seated rutas-seguras as coordinator until 2028-01-04 (seat 1)\n"
                     "nacsa: rutas-seguras serves as secretariat\n")
    show = json.loads(members.ok("committee", "show", "--format", "json", "--lang", "en").out)
    assert show["as_of"] == "2026-11-29"
    assert show["secretariat"] == "rutas-seguras"
    assert show["observers"] == []
    assert show["seats"] == [{
        "role": "coordinator", "role_label": "National Coordinator", "member_id": "rutas-seguras",
        "member": "Fundación Rutas Seguras", "representative": "Carolina Fuentes", "gender": "female",
        "region": "tarapaca", "thematic_areas": ["trafficking_in_persons", "untoc"],
        "term_start": "2026-01-05", "term_end": "2028-01-04"}]
    assert members.sql("SELECT member_id, from_date, until_date FROM secretariat") == [
        ("rutas-seguras", "2026-01-05", None)]
    # Spanish labels with --lang.
    table = members.ok("committee", "show", "--lang", "es").out
    assert "Coordinador/a Nacional" in table
    # Before the term started the committee was empty.
    assert json.loads(members.ok("committee", "show", "--as-of", "2025-12-31", "--format", "json").out)["seats"] == []


def test_seat_errors_leave_the_store_unchanged(members):
    members.ok("committee", "seat", "rutas-seguras", "--role", "coordinator", "--representative", "Carolina Fuentes")
    before = members.dump()

    r = members.run("committee", "seat", "no-such-org", "--role", "member", "--representative", "X")
    assert (r.code, r.err) == (
        3, "nacsa: error: no member \"no-such-org\" (an id, name or acronym; see 'nacsa member list')\n")

    r = members.run("committee", "seat", "cecosh", "--role", "member", "--representative", "Rodrigo Mamani")
    assert r.code == 65
    assert r.err == ("nacsa: error: field \"representative\": \"Rodrigo Mamani\" is not a contact of cecosh "
                     "(contacts: #4 Valentina Quispe)\n")

    r = members.run("committee", "seat", "cecosh", "--role", "coordinator", "--representative", "Valentina Quispe")
    assert r.code == 65
    assert "the leading role \"coordinator\" is already held by rutas-seguras until 2028-11-28" in r.err

    r = members.run("committee", "seat", "rutas-seguras", "--role", "member", "--representative", "Matías Rojas")
    assert r.code == 65
    assert "rutas-seguras already holds a seat (coordinator, 2026-11-29 to 2028-11-28)" in r.err

    r = members.run("committee", "seat", "cecosh", "--role", "president", "--representative", "Valentina Quispe")
    assert r.code == 65
    assert "\"president\" is not a role of this alliance (known: coordinator, member," in r.err

    r = members.run("committee", "seat", "cecosh", "--role", "member")
    assert r.code == 2
    r = members.run("committee", "seat", "cecosh", "--role", "member", "--representative", "Valentina Quispe",
                    "--from", "2026-02-30")
    assert (r.code, r.err) == (2, "nacsa: error: --from: \"2026-02-30\" is not a date (expected YYYY-MM-DD)\n")
    assert members.dump() == before


def test_history_after_seats_change(members):
    members.ok("committee", "seat", "cecosh", "--role", "member", "--representative", "Valentina Quispe",
               "--from", "2026-01-05")
    r = members.run("committee", "unseat", "cecosh", "--reason", "representative left the organisation",
                    "--on", "2026-06-01")
    assert (r.code, r.err) == (0, "nacsa: unseated cecosh (seat 1)\n")
    members.ok("committee", "seat", "cecosh", "--role", "administrative_coordinator", "--representative",
               "Valentina Quispe", "--from", "2026-06-01", "--to", "2027-05-31")
    members.ok("committee", "seat", "cibersur", "--role", "member", "--representative", "Elena Soto",
               "--from", "2026-03-01")
    hist = json.loads(members.ok("committee", "history", "cecosh", "--format", "json").out)
    assert [(h["seat"], h["role"], h["term_start"], h["term_end"], h["ended_on"], h["end_reason"]) for h in hist] == [
        (1, "member", "2026-01-05", "2028-01-04", "2026-06-01", "representative left the organisation"),
        (2, "administrative_coordinator", "2026-06-01", "2027-05-31", None, None),
    ]
    everyone = json.loads(members.ok("committee", "history", "--format", "json").out)
    assert [h["member_id"] for h in everyone] == ["cecosh", "cibersur", "cecosh"]
    # The committee as of a date between the changes.
    on_may = json.loads(members.ok("committee", "show", "--as-of", "2026-05-31", "--format", "json").out)
    assert [(s["member_id"], s["role"]) for s in on_may["seats"]] == [("cecosh", "member"), ("cibersur", "member")]
    # Nothing was overwritten: the ended seat's row is still there, and the log has each change.
    assert members.sql("SELECT COUNT(*) FROM seat") == [(3,)]
    assert members.sql("SELECT summary FROM audit WHERE record_kind = 'seat' ORDER BY id") == [
        ("seated cecosh as member from 2026-01-05 to 2028-01-04",),
        ("unseated cecosh (member) from 2026-06-01",),
        ("seated cecosh as administrative_coordinator from 2026-06-01 to 2027-05-31",),
        ("seated cibersur as member from 2026-03-01 to 2028-02-29",),
    ]
    r = members.run("committee", "history", "nobody")
    assert r.code == 3
    r = members.run("committee", "unseat", "red-norte", "--reason", "x")
    assert (r.code, r.err) == (3, "nacsa: error: red-norte holds no seat on 2026-11-29\n")
    r = members.run("committee", "unseat", "cecosh")
    assert r.code == 2


# ---- observer and interest --------------------------------------------------------------------

def test_observer_add_end(members):
    r = members.run("committee", "observer", "add", "--name", "Paula Herrera", "--institution",
                    "Ministerio de Justicia y Derechos Humanos", "--email", "pherrera@minjusticia.example",
                    "--gender", "female", "--from", "2026-02-01")
    assert (r.code, r.out) == (0, "1\n")
    table = members.ok("committee", "show").out
    assert "Observer (not members, no vote):" in table
    assert "Ministerio de Justicia y Derechos Humanos" in table
    # The observer's name is personal data: never in the audit log.
    assert members.sql("SELECT COUNT(*) FROM audit WHERE summary LIKE '%Paula%'") == [(0,)]
    members.ok("committee", "observer", "end", "1", "--reason", "new minister", "--on", "2026-10-01")
    assert json.loads(members.ok("committee", "show", "--format", "json").out)["observers"] == []
    listed = json.loads(members.ok("committee", "observer", "list", "--format", "json").out)
    assert listed[0]["until"] == "2026-10-01" and listed[0]["end_reason"] == "new minister"
    assert members.run("committee", "observer", "end", "9").code == 3
    assert members.run("committee", "observer", "end", "1").code == 65
    assert members.run("committee", "observer", "add", "--name", "X", "--institution", "Y", "--gender", "f").code == 65


def test_interest_add_list_withdraw(members):
    r = members.run("committee", "interest", "add", "red-norte", "--for", "secretariat", "--date", "2026-03-01",
                    "--statement", "We can host the secretariat")
    assert r.code == 0, r
    iid = int(r.out)
    listed = json.loads(members.ok("committee", "interest", "list", "--for", "secretariat", "--format", "json").out)
    assert sorted((i["member_id"], i["status"]) for i in listed) == [("red-norte", "open"), ("rutas-seguras", "open")]
    assert members.run("committee", "interest", "add", "red-norte", "--for", "secretariat").code == 65
    assert members.run("committee", "interest", "add", "red-norte", "--for", "president").code == 65
    assert members.run("committee", "interest", "add", "nobody", "--for", "secretariat").code == 3
    members.ok("committee", "interest", "withdraw", str(iid))
    assert members.sql("SELECT status FROM interest WHERE id = ?", iid) == [("withdrawn",)]
    assert members.run("committee", "interest", "withdraw", str(iid)).code == 65
    assert members.run("committee", "interest", "withdraw", "999").code == 3
    assert members.run("committee", "interest", "list", "--status", "closed").code == 2


# ---- elections ----------------------------------------------------------------------------------

def open_coordinator_election(nacsa, *candidates):
    eid = nacsa.ok("committee", "election", "open", "--role", "coordinator", "--on", "2026-11-01").out.strip()
    for c in candidates:
        nacsa.ok("committee", "election", "candidate", eid, c)
    return eid


def test_election_quorum_not_reached(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh")
    members.ok("committee", "election", "vote", eid, "--voter", "red-norte", "--for", "rutas-seguras")
    members.ok("committee", "election", "vote", eid, "--voter", "cibersur", "--for", "cecosh")
    r = members.run("committee", "election", "close", eid, "--format", "json")
    assert r.code == 0, r
    assert r.err == "nacsa: closed election 1: quorum not reached: 2 of 6 voting members voted, 3 needed (50%)\n"
    out = json.loads(r.out)
    assert out["result"] == "quorum_not_reached" and out["elected"] == []
    assert members.sql("SELECT result, electorate, ballots FROM election") == [("quorum_not_reached", 6, 2)]
    assert members.sql("SELECT COUNT(*) FROM seat") == [(0,)]


def test_election_tie_is_reported_not_broken(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh")
    for voter, choice in [("red-norte", "rutas-seguras"), ("cibersur", "cecosh"),
                          ("rutas-seguras", "rutas-seguras"), ("cecosh", "cecosh")]:
        members.ok("committee", "election", "vote", eid, "--voter", voter, "--for", choice)
    r = members.run("committee", "election", "close", eid, "--format", "json")
    assert r.code == 0, r
    out = json.loads(r.out)
    assert out["result"] == "tie"
    assert out["tied"] == ["cecosh", "rutas-seguras"]
    assert "tie: cecosh, rutas-seguras have 2 votes each for 1 seat; the tie is not broken by nacsa" in r.err
    assert members.sql("SELECT COUNT(*) FROM seat") == [(0,)]
    assert members.sql("SELECT COUNT(*) FROM secretariat") == [(0,)]


def test_election_clean_win_seats_the_coordinator(members):
    # An earlier coordinator, succeeded by the winner.
    members.ok("committee", "seat", "cecosh", "--role", "coordinator", "--representative", "Valentina Quispe",
               "--from", "2025-01-10")
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh")
    r = members.run("committee", "election", "candidate", eid, "red-norte")
    assert r.err.endswith("nacsa: warning: red-norte has not expressed interest in this role "
                          "(see 'nacsa committee interest list')\n")
    votes = [("rutas-seguras", "rutas-seguras"), ("puente-andino", "rutas-seguras"), ("cibersur", "rutas-seguras"),
             ("cecosh", "cecosh")]
    for voter, choice in votes:
        members.ok("committee", "election", "vote", eid, "--voter", voter, "--for", choice)
    # One vote per organisation; a ballot only for candidates.
    r = members.run("committee", "election", "vote", eid, "--voter", "cibersur", "--for", "cecosh")
    assert r.code == 65 and "cibersur already voted in election 1" in r.err
    r = members.run("committee", "election", "vote", eid, "--voter", "valle-austral", "--for", "valle-austral")
    assert r.code == 65 and "\"valle-austral\" is not a candidate in election 1" in r.err
    assert members.run("committee", "election", "vote", eid, "--voter", "valle-austral").code == 2
    members.ok("committee", "election", "vote", eid, "--voter", "valle-austral", "--blank")

    r = members.run("committee", "election", "close", eid, "--on", "2026-11-29", "--format", "json")
    assert r.code == 0, r
    out = json.loads(r.out)
    assert out["result"] == "elected" and out["elected"] == ["rutas-seguras"]
    assert [(c["member_id"], c["votes"]) for c in out["candidates"]] == [
        ("rutas-seguras", 3), ("cecosh", 1), ("red-norte", 0)]
    assert "nacsa: rutas-seguras serves as secretariat" in r.err
    show = json.loads(members.ok("committee", "show", "--format", "json").out)
    assert [(s["member_id"], s["role"]) for s in show["seats"]] == [("rutas-seguras", "coordinator")]
    assert show["secretariat"] == "rutas-seguras"
    assert members.sql("SELECT member_id, ended_on, end_reason FROM seat ORDER BY id") == [
        ("cecosh", "2026-11-29", "succeeded after election 1"), ("rutas-seguras", None, None)]
    assert members.sql("SELECT election_id FROM seat WHERE member_id = 'rutas-seguras'") == [(1,)]
    listed = json.loads(members.ok("committee", "election", "list", "--format", "json").out)
    assert listed[0]["result"] == "elected" and listed[0]["elected"] == ["rutas-seguras"]
    # Closed: no more votes, no second close.
    assert members.run("committee", "election", "close", eid).code == 65
    assert members.run("committee", "election", "show", "42").code == 3


def test_election_tally(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh")
    r = members.run("committee", "election", "tally", eid, "rutas-seguras=3", "cecosh=1", "--ballots", "9")
    assert r.code == 65 and "9 ballots, but the electorate is 6 active members" in r.err
    members.ok("committee", "election", "tally", eid, "rutas-seguras=3", "cecosh=1", "--ballots", "5", "--blank", "1")
    assert members.run("committee", "election", "vote", eid, "--voter", "cibersur", "--for", "cecosh").code == 65
    out = json.loads(members.ok("committee", "election", "close", eid, "--format", "json").out)
    assert out["result"] == "elected" and out["ballots"] == 5 and out["blank"] == 1


# ---- corrections: seats --------------------------------------------------------------------------

def test_seat_edit_corrects_dates_representative_and_role(members):
    seat_all(members)
    why = "wrong date and person"
    r = members.run("committee", "seat", "edit", "1", "--from", "2026-01-06", "--representative", "Matías Rojas",
                    "--reason", why)
    assert r.code == 0, r
    assert r.err.startswith("nacsa: corrected seat 1 of rutas-seguras\n")
    history = json.loads(members.ok("committee", "history", "--format", "json").out)
    first = [h for h in history if h["seat"] == 1][0]
    assert (first["representative"], first["term_start"]) == ("Matías Rojas", "2026-01-06")
    # The secretariat recorded with the seat moves with its first day.
    before = json.loads(members.ok("committee", "show", "--as-of", "2026-01-05", "--format", "json").out)
    assert (len(before["seats"]), before["secretariat"]) == (4, None)
    after = json.loads(members.ok("committee", "show", "--as-of", "2026-01-06", "--format", "json").out)
    assert (len(after["seats"]), after["secretariat"]) == (5, "rutas-seguras")
    logged = summaries(members, "seat")
    assert f"edited seat 1 of rutas-seguras: from 2026-01-06 (was 2026-01-05), representative; reason: {why}" in logged
    assert not [s for s in logged if "Matías" in s]
    r = members.run("committee", "seat", "edit", "2", "--role", "coordinator", "--reason", "x")
    assert (r.code, r.err) == (65, "nacsa: error: field \"role\": the leading role is not given or taken by "
                                   "a correction (unseat and seat instead)\n")
    assert members.run("committee", "seat", "edit", "2", "--from", "2026-02-01", "--to", "2026-01-31",
                       "--reason", "x").code == 65
    assert members.run("committee", "seat", "edit", "2", "--reason", "x").code == 65
    assert members.run("committee", "seat", "edit", "9", "--to", "2027-01-01", "--reason", "x").code == 3
    assert members.run("committee", "seat", "edit", "2", "--to", "2027-01-01").code == 2
    assert members.run("committee", "seat", "valle-austral", "--representative", "Fabio Ruiz").code == 2
    # A seat ended early is checked for the days it was held: the member's next seat is no conflict.
    members.ok("committee", "unseat", "puente-andino", "--on", "2026-06-01", "--reason", "resigned")
    members.ok("committee", "seat", "puente-andino", "--role", "member", "--representative", "Rodrigo Mamani",
               "--from", "2026-07-01")
    members.ok("committee", "seat", "edit", "2", "--to", "2027-01-03", "--reason", "term misread")
    r = members.run("committee", "seat", "edit", "2", "--from", "2026-06-02", "--reason", "x")
    assert r.code == 65 and "seat 2 ended on 2026-06-01; its term cannot start after" in r.err
    assert [(h["seat"], h["term_end"], h["ended_on"]) for h in
            json.loads(members.ok("committee", "history", "puente-andino", "--format", "json").out)] == [
        (2, "2027-01-03", "2026-06-01"), (6, "2028-06-30", None)]


# ---- corrections: void a ballot, withdraw a candidate -----------------------------------------

def election_show(nacsa, eid):
    return json.loads(nacsa.ok("committee", "election", "show", eid, "--format", "json").out)


def summaries(nacsa, kind):
    return [e["summary"] for e in json.loads(nacsa.ok("--format", "json", "log", "--kind", kind).out)]


def test_a_voided_ballot_stays_recorded_and_no_longer_counts(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh")
    for voter, choice in [("red-norte", "rutas-seguras"), ("cibersur", "cecosh"),
                          ("puente-andino", "rutas-seguras"), ("valle-austral", "cecosh")]:
        members.ok("committee", "election", "vote", eid, "--voter", voter, "--for", choice)
    why = "recorded for the wrong organisation"
    r = members.run("committee", "election", "ballot", "void", eid, "--voter", "Corporación Puente Andino",
                    "--reason", why)
    assert (r.code, r.err) == (0, "nacsa: voided the ballot of puente-andino in election 1\n")
    shown = election_show(members, eid)
    assert (shown["ballots"], shown["blank"]) == (3, 0)
    assert [(c["member_id"], c["votes"]) for c in shown["candidates"]] == [("cecosh", 2), ("rutas-seguras", 1)]
    assert shown["voided_ballots"] == [
        {"voter_id": "puente-andino", "cast_on": "2026-11-29", "voided_on": "2026-11-29", "reason": why}]
    assert f"voided the ballot of puente-andino in election 1; reason: {why}" in summaries(members, "election")
    # Once voided, the voter has no valid ballot to void, and may vote again.
    r = members.run("committee", "election", "ballot", "void", eid, "--voter", "puente-andino", "--reason", "x")
    assert (r.code, r.err) == (3, "nacsa: error: puente-andino has no valid ballot in election 1 "
                                  "(its ballot was voided)\n")
    assert members.run("committee", "election", "ballot", "void", eid, "--voter", "cecosh", "--reason", "x").code == 3
    assert members.run("committee", "election", "ballot", "void", "42", "--voter", "cecosh", "--reason", "x").code == 3
    assert members.run("committee", "election", "ballot", "void", eid, "--voter", "nobody", "--reason", "x").code == 3
    assert members.run("committee", "election", "ballot", "void", eid, "--voter", "cibersur").code == 2
    r = members.run("committee", "election", "ballot", "void", eid, "--voter", "cibersur", "--reason", " ")
    assert r.code == 65
    for voter, choice in [("puente-andino", "cecosh"), ("rutas-seguras", "rutas-seguras")]:
        members.ok("committee", "election", "vote", eid, "--voter", voter, "--for", choice)
    out = json.loads(members.ok("committee", "election", "close", eid, "--format", "json").out)
    assert (out["result"], out["elected"], out["ballots"]) == ("elected", ["cecosh"], 5)
    assert [(c["member_id"], c["votes"]) for c in out["candidates"]] == [("cecosh", 3), ("rutas-seguras", 2)]
    # A closed election's result stands.
    r = members.run("committee", "election", "ballot", "void", eid, "--voter", "cibersur", "--reason", "late")
    assert (r.code, r.err) == (65, "nacsa: error: field \"election\": election 1 was closed on 2026-11-29: its ballots "
                                   "can no longer be voided (its result stands)\n")
    assert len(election_show(members, eid)["voided_ballots"]) == 1


def test_a_withdrawn_candidate_stays_recorded_and_is_not_counted(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh", "cibersur")
    for voter, choice in [("red-norte", "cibersur"), ("valle-austral", "cibersur"), ("puente-andino", "rutas-seguras"),
                          ("rutas-seguras", "rutas-seguras"), ("cecosh", "cecosh")]:
        members.ok("committee", "election", "vote", eid, "--voter", voter, "--for", choice)
    why = "stands for the secretariat instead"
    r = members.run("committee", "election", "candidate", "withdraw", eid, "Observatorio Cibersur", "--reason", why)
    assert (r.code, r.err) == (0, "nacsa: cibersur withdrew from election 1\n")
    shown = election_show(members, eid)
    # Its two ballots still count as cast (quorum), but as blank ones.
    assert (shown["ballots"], shown["blank"]) == (5, 2)
    assert [(c["member_id"], c["votes"], c["withdrawn_on"], c["withdraw_reason"]) for c in shown["candidates"]] == [
        ("rutas-seguras", 2, None, None), ("cecosh", 1, None, None), ("cibersur", 0, "2026-11-29", why)]
    assert f"cibersur withdrew from election 1; reason: {why}" in summaries(members, "election")
    r = members.run("committee", "election", "vote", eid, "--voter", "cibersur", "--for", "cibersur")
    assert r.code == 65 and "cibersur withdrew from election 1 on 2026-11-29" in r.err
    assert members.run("committee", "election", "candidate", eid, "cibersur").code == 65
    assert members.run("committee", "election", "candidate", "withdraw", eid, "cibersur", "--reason", "x").code == 65
    assert members.run("committee", "election", "candidate", "withdraw", eid, "red-norte", "--reason", "x").code == 3
    assert members.run("committee", "election", "candidate", "withdraw", "42", "cecosh", "--reason", "x").code == 3
    assert members.run("committee", "election", "candidate", "withdraw", eid, "cecosh").code == 2
    assert members.run("committee", "election", "candidate", eid).code == 2
    # A voter of the withdrawn candidate chooses again.
    members.ok("committee", "election", "ballot", "void", eid, "--voter", "red-norte", "--reason", "chooses again")
    members.ok("committee", "election", "vote", eid, "--voter", "red-norte", "--for", "cecosh")
    members.ok("committee", "election", "vote", eid, "--voter", "cibersur", "--for", "rutas-seguras")
    r = members.run("committee", "election", "close", eid, "--format", "json")
    assert "elected: rutas-seguras (3 of 5 votes)" in r.err
    out = json.loads(r.out)
    assert (out["result"], out["ballots"], out["blank"]) == ("elected", 6, 1)
    assert [(c["member_id"], c["votes"]) for c in out["candidates"]] == [("rutas-seguras", 3), ("cecosh", 2)]
    shown = election_show(members, eid)
    assert [(c["member_id"], c["votes"], c["elected"]) for c in shown["candidates"]] == [
        ("rutas-seguras", 3, True), ("cecosh", 2, False), ("cibersur", 0, False)]
    r = members.run("committee", "election", "candidate", "withdraw", eid, "cecosh", "--reason", "late")
    assert r.code == 65 and "its candidates can no longer withdraw" in r.err


def test_a_withdrawal_in_a_tally_counts_its_votes_as_blank(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh", "cibersur")
    members.ok("committee", "election", "tally", eid, "rutas-seguras=2", "cecosh=1", "cibersur=2", "--ballots", "5")
    r = members.run("committee", "election", "ballot", "void", eid, "--voter", "cecosh", "--reason", "x")
    assert r.code == 65 and "records its votes as a tally" in r.err
    members.ok("committee", "election", "candidate", "withdraw", eid, "cibersur", "--reason", "withdrew at the meeting")
    shown = election_show(members, eid)
    assert (shown["ballots"], shown["blank"]) == (5, 2)
    assert [(c["member_id"], c["votes"]) for c in shown["candidates"]] == [
        ("rutas-seguras", 2), ("cecosh", 1), ("cibersur", 0)]
    r = members.run("committee", "election", "tally", eid, "rutas-seguras=2", "cibersur=1", "--ballots", "3")
    assert r.code == 65 and "cibersur withdrew from election 1" in r.err


# ---- corrections: observers ---------------------------------------------------------------------

def test_observer_edit_and_delete(members):
    oid = members.ok("committee", "observer", "add", "--name", "Paula Herera", "--institution",
                     "Ministerio del Interior", "--from", "2026-02-01").out.strip()
    r = members.run("committee", "observer", "edit", oid, "--name", "Paula Herrera", "--email",
                    "pherrera@interior.example", "--gender", "female", "--from", "2026-02-03",
                    "--reason", "typo in the name")
    assert (r.code, r.err) == (0, "nacsa: corrected observer 1\n")
    listed = json.loads(members.ok("committee", "observer", "list", "--format", "json").out)
    assert [(o["name"], o["email"], o["gender"], o["from"]) for o in listed] == [
        ("Paula Herrera", "pherrera@interior.example", "female", "2026-02-03")]
    r = members.run("committee", "observer", "edit", oid, "--until", "2026-10-01")
    assert (r.code, r.err) == (65, "nacsa: error: field \"until\": observer 1 has not ended (see 'nacsa committee "
                                   "observer end')\n")
    assert members.run("committee", "observer", "edit", oid, "--name", "Paula Herrera").code == 65
    assert members.run("committee", "observer", "edit", oid, "--gender", "f").code == 65
    assert members.run("committee", "observer", "edit", oid, "--from", "someday").code == 2
    assert members.run("committee", "observer", "edit", "9", "--name", "X").code == 3
    members.ok("committee", "observer", "end", oid, "--on", "2026-10-01")
    members.ok("committee", "observer", "edit", oid, "--until", "2026-09-30", "--email", "", "--reason",
               "left a day earlier")
    listed = json.loads(members.ok("committee", "observer", "list", "--format", "json").out)
    assert (listed[0]["until"], listed[0]["email"]) == ("2026-09-30", None)
    assert members.run("committee", "observer", "edit", oid, "--from", "2026-10-05").code == 65
    # Entered twice by mistake: deleted, with the reason.
    twice = members.ok("committee", "observer", "add", "--name", "Paula Herrera", "--institution",
                       "Ministerio del Interior").out.strip()
    assert members.run("committee", "observer", "delete", twice).code == 2
    assert members.run("committee", "observer", "delete", "9", "--yes", "--reason", "x").code == 3
    members.ok("committee", "observer", "delete", twice, "--yes", "--reason", "entered twice")
    assert [o["id"] for o in json.loads(members.ok("committee", "observer", "list", "--format", "json").out)] == [1]
    logged = summaries(members, "observer")
    assert "edited observer 1: name, email, gender, from; reason: typo in the name" in logged
    assert "edited observer 1: email, until; reason: left a day earlier" in logged
    assert "deleted observer 2 from Ministerio del Interior; reason: entered twice" in logged
    # The observer's name and e-mail are personal data: never in the audit log.
    assert not [s for s in logged if "Paula" in s or "pherrera" in s]


# ---- committee check --------------------------------------------------------------------------

def test_check_passes_on_a_compliant_committee(members):
    seat_all(members)
    code, findings = check(members)
    # Only warnings: Magallanes has a member but no seat.
    assert code == 0
    assert [(f["severity"], f["rule"], f["record"]) for f in findings] == [
        ("warning", "region-without-seat", "magallanes")]
    r = members.run("committee", "check", "--as-of", "2026-11-29", "-q")
    assert r.code == 0


def test_check_seat_count(members):
    seat_all(members)
    members.ok("committee", "unseat", "cibersur", "--reason", "resigned", "--on", "2026-10-01")
    code, findings = check(members)
    assert code == 1
    f = [f for f in findings if f["rule"] == "seat-count"][0]
    assert f["severity"] == "error"
    assert f["message"] == "the committee has 4 seats; the configuration asks for 5 to 11"
    code, findings = check(members, "--as-of", "2026-09-30")
    assert "seat-count" not in rules(findings)


def test_check_no_coordinator(members):
    seat_all(members)
    members.ok("committee", "unseat", "rutas-seguras", "--reason", "resigned", "--on", "2026-10-01")
    members.ok("committee", "seat", "valle-austral", "--role", "member", "--representative", "Fabio Ruiz",
               "--from", "2026-10-01")
    code, findings = check(members)
    assert code == 1
    assert "no-coordinator" in rules(findings)
    assert "no-coordinator" not in rules(check(members, "--as-of", "2026-09-30")[1])


def test_check_coordinator_not_secretariat(members):
    seat_all(members)
    assert "coordinator-not-secretariat" not in rules(check(members)[1])
    # red-norte, which never offered to serve as secretariat, becomes coordinator.
    members.ok("committee", "unseat", "rutas-seguras", "--reason", "resigned", "--on", "2026-10-01")
    members.ok("committee", "unseat", "red-norte", "--reason", "moves to coordinator", "--on", "2026-10-01")
    members.ok("committee", "seat", "red-norte", "--role", "coordinator", "--representative", "Diego Lara",
               "--from", "2026-10-01")
    members.ok("committee", "seat", "rutas-seguras", "--role", "member", "--representative", "Carolina Fuentes",
               "--from", "2026-10-01")
    code, findings = check(members)
    assert code == 1
    f = [f for f in findings if f["rule"] == "coordinator-not-secretariat"][0]
    assert f["record"] == "red-norte"
    assert f["message"] == ("the National Coordinator is from red-norte, which has not expressed interest in "
                            "serving as secretariat")
    # Once it expresses that interest, the finding goes.
    members.ok("committee", "interest", "add", "red-norte", "--for", "secretariat", "--date", "2026-09-01")
    assert "coordinator-not-secretariat" not in rules(check(members)[1])


def test_check_gender_balance_passes_at_the_minimum(members):
    seat_all(members)
    members.ok("committee", "unseat", "cibersur", "--reason", "resigned", "--on", "2026-10-01")
    members.ok("committee", "seat", "valle-austral", "--role", "member", "--representative", "Fabio Ruiz",
               "--from", "2026-10-01")
    # 2 female, 3 male: exactly 40% female is enough.
    assert "gender-balance" not in rules(check(members)[1])


def test_check_gender_balance_fails(members):
    seat_all(members)
    members.ok("committee", "unseat", "cecosh", "--reason", "resigned", "--on", "2026-10-01")
    members.ok("committee", "seat", "valle-austral", "--role", "member", "--representative", "Fabio Ruiz",
               "--from", "2026-10-01")
    members.ok("committee", "unseat", "cibersur", "--reason", "resigned", "--on", "2026-10-01")
    members.ok("member", "contact", "add", "cibersur", "--name", "Tomás Vera", "--gender", "male")
    members.ok("committee", "seat", "cibersur", "--role", "member", "--representative", "Tomás Vera",
               "--from", "2026-10-01")
    code, findings = check(members)
    assert code == 1
    f = [f for f in findings if f["rule"] == "gender-balance"][0]
    assert f["severity"] == "error"
    assert f["message"] == ("gender balance: of 5 representatives with a disclosed gender, female 1 (20%), "
                            "male 4 (80%); each must be at least 40%")


def test_a_change_that_breaks_a_rule_warns_when_it_is_made(members):
    seat_all(members)
    result = members.ok("committee", "unseat", "cecosh", "--reason", "resigned", "--on", "2026-10-01")
    # Unseating the only firearms organisation of the only Metropolitana one leaves four seats, a
    # theme and a region without a seat: each said once, as a warning, when the change is made.
    lines = result.err.splitlines()
    assert lines[0] == "nacsa: unseated cecosh (seat 3)"
    assert all(line.startswith("nacsa: warning: committee: ") and line.endswith("; see nacsa committee check)")
               for line in lines[1:])
    assert [line.rsplit("(", 1)[1].split(";")[0] for line in lines[1:]] == [
        "seat-count", "theme-without-seat:firearms", "region-without-seat:metropolitana"]
    assert "thematic area \"Illicit manufacturing of and trafficking in firearms\" (firearms) has no seat" in lines[2]
    members.ok("member", "contact", "add", "valle-austral", "--name", "Hugo Paz", "--gender", "male")
    result = members.ok("committee", "seat", "valle-austral", "--role", "member", "--representative",
                        "Hugo Paz", "--from", "2026-10-01")
    assert "theme-without-seat" not in result.err
    assert "gender-balance" not in result.err  # 2 women of 5: at the minimum
    result = members.ok("member", "status", "puente-andino", "suspended", "--reason", "cuotas",
                        "--date", "2026-10-01")
    assert "nacsa: warning: committee: " in result.err and "(inactive-member-seat:" in result.err
    result = members.ok("committee", "unseat", "cibersur", "--reason", "resigned", "--on", "2026-10-02")
    assert "(gender-balance; see nacsa committee check)" in result.err


def test_check_theme_without_seat(members):
    seat_all(members)
    assert "theme-without-seat" not in rules(check(members)[1])
    members.ok("committee", "unseat", "cibersur", "--reason", "resigned", "--on", "2026-10-01")
    members.ok("committee", "seat", "valle-austral", "--role", "member", "--representative", "Fabio Ruiz",
               "--from", "2026-10-01")
    code, findings = check(members)
    f = [f for f in findings if f["rule"] == "theme-without-seat"]
    assert [x["record"] for x in f] == ["emerging_crimes"]
    assert f[0]["severity"] == "error"


def test_check_region_without_seat(members):
    seat_all(members)
    assert "region-without-seat" in rules(check(members)[1])
    members.ok("committee", "seat", "valle-austral", "--role", "member", "--representative", "Fabio Ruiz",
               "--from", "2026-10-01")
    code, findings = check(members)
    assert code == 0 and findings == []
    r = members.run("committee", "check")
    assert (r.code, r.out, r.err) == (0, "", "nacsa: no problems found\n")


def test_check_inactive_member_seat(members):
    seat_all(members)
    assert "inactive-member-seat" not in rules(check(members)[1])
    r = members.run("member", "status", "cecosh", "suspended", "--reason", "dues unpaid", "--date", "2026-11-01")
    assert r.code == 0, r
    code, findings = check(members)
    assert code == 1
    f = [f for f in findings if f["rule"] == "inactive-member-seat"][0]
    assert f["record"] == "cecosh"
    assert f["message"] == "cecosh holds a seat (member) but is suspended, not active"


def test_check_term_ending(members):
    seat_all(members, start="2025-03-10")
    code, findings = check(members)
    assert "term-ending" not in rules(findings)  # 100 days left; the warning starts at 60
    code, findings = check(members, "--as-of", "2027-01-08")
    ending = [f for f in findings if f["rule"] == "term-ending"]
    assert len(ending) == 5 and all(f["severity"] == "warning" for f in ending)
    assert ending[0]["message"] == "the coordinator term of rutas-seguras ends on 2027-03-09 (in 60 days)"


def test_check_observer_counted_as_member(members):
    seat_all(members)
    members.ok("committee", "observer", "add", "--name", "Paula Herrera", "--institution", "Ministerio del Interior")
    assert "observer-counted-as-member" not in rules(check(members)[1])
    members.ok("committee", "observer", "add", "--name", "Elena Soto", "--institution", "Subsecretaría de Prevención",
               "--email", "elena@cibersur.example")
    code, findings = check(members)
    assert code == 1
    f = [f for f in findings if f["rule"] == "observer-counted-as-member"][0]
    assert f["record"] == "2"
    assert "also represents cibersur on the committee" in f["message"]


def test_check_table_output_and_exit_code(members):
    r = members.run("committee", "check")
    assert r.code == 1
    assert r.out.splitlines()[0].split() == ["SEVERITY", "RULE", "RECORD", "MESSAGE"]
    assert "no-coordinator" in r.out and "seat-count" in r.out
    assert members.run("committee", "check", "--as-of", "yesterday").code == 2


def test_config_cannot_drop_a_held_role(members, tmp_path):
    members.ok("committee", "seat", "red-norte", "--role", "administrative_focal_point", "--representative",
               "Diego Lara")
    from conftest import EXAMPLES
    text = (EXAMPLES / "alliance.yaml").read_text(encoding="utf-8")
    start = text.index("  - key: administrative_focal_point")
    end = text.index("\n\n", start)
    members.write("less.yaml", text[:start] + text[end + 1:])
    before = members.dump()
    r = members.run("config", "apply", "less.yaml")
    assert r.code == 65, r
    assert "\"administrative_focal_point\" is dropped but still used by 1 record: seat of red-norte" in r.err
    assert members.dump() == before


# ---- members and representatives by name ----------------------------------------------------------

def test_members_and_representatives_by_name_or_acronym(members):
    members.ok("member", "edit", "puente-andino", "--acronym", "CPA")
    # A member by name (accents and case ignored) or acronym; a representative by a run of the
    # words of a contact's name.
    r = members.run("committee", "seat", "fundacion RUTAS seguras", "--role", "coordinator",
                    "--representative", "Carolina", "--from", "2026-01-05")
    assert (r.code, r.err) == (0, "nacsa: seated rutas-seguras as coordinator until 2028-01-04 (seat 1)\n"
                                  "nacsa: rutas-seguras serves as secretariat\n")
    r = members.run("committee", "seat", "CPA", "--role", "member", "--representative", "mamani",
                    "--from", "2026-01-05")
    assert (r.code, r.err) == (0, "nacsa: seated puente-andino as member until 2028-01-04 (seat 2)\n")
    show = json.loads(members.ok("committee", "show", "--format", "json").out)
    assert [(s["member_id"], s["representative"]) for s in show["seats"]] == [
        ("rutas-seguras", "Carolina Fuentes"), ("puente-andino", "Rodrigo Mamani")]
    # A contact's number names it too.
    r = members.run("committee", "seat", "Centro de Estudios CECOSH", "--role", "member",
                    "--representative", "#4", "--from", "2026-01-05")
    assert r.code == 0, r
    hist = json.loads(members.ok("committee", "history", "Corporación Puente Andino", "--format", "json").out)
    assert [h["member_id"] for h in hist] == ["puente-andino"]
    r = members.run("committee", "unseat", "cpa", "--reason", "resigned", "--on", "2026-06-01")
    assert (r.code, r.err) == (0, "nacsa: unseated puente-andino (seat 2)\n")
    # Several contacts share the word: the error lists them, and nothing changes.
    members.ok("member", "contact", "add", "red-norte", "--name", "Diego Soto", "--gender", "male")
    r = members.run("committee", "seat", "Red Norte", "--role", "member", "--representative", "Diego")
    assert r.code == 65
    assert "\"Diego\" matches 2 contacts of red-norte" in r.err
    r = members.run("committee", "seat", "Red Sur", "--role", "member", "--representative", "Diego")
    assert r.code == 3 and "no member \"Red Sur\"" in r.err


def test_elections_take_names_and_acronyms(members):
    members.ok("member", "edit", "cibersur", "--acronym", "OCS")
    eid = members.ok("committee", "election", "open", "--role", "coordinator", "--on", "2026-11-01").out.strip()
    r = members.run("committee", "election", "candidate", eid, "Fundación Rutas Seguras")
    assert (r.code, r.err) == (0, "nacsa: rutas-seguras stands in election 1\n")
    r = members.run("committee", "election", "candidate", eid, "OCS", "--representative", "elena soto")
    assert r.code == 0 and r.err.startswith("nacsa: cibersur stands in election 1\n")
    assert members.run("committee", "election", "candidate", eid, "ocs").code == 65
    r = members.run("committee", "election", "vote", eid, "--voter", "Red Norte", "--for", "OCS")
    assert (r.code, r.err) == (0, "nacsa: recorded the ballot of red-norte in election 1\n")
    for voter in ("Centro de Estudios CECOSH", "Corporación Puente Andino"):
        members.ok("committee", "election", "vote", eid, "--voter", voter, "--for", "Fundación Rutas Seguras")
    r = members.run("committee", "election", "vote", eid, "--voter", "red-norte", "--for", "cecosh")
    assert r.code == 65 and "red-norte already voted in election 1" in r.err
    shown = json.loads(members.ok("committee", "election", "show", eid, "--format", "json").out)
    assert [(c["member_id"], c["votes"]) for c in shown["candidates"]] == [("rutas-seguras", 2), ("cibersur", 1)]
    # A tally names candidates the same way.
    tid = members.ok("committee", "election", "open", "--role", "member", "--on", "2026-11-01").out.strip()
    members.ok("committee", "election", "candidate", tid, "red-norte")
    members.ok("committee", "election", "candidate", tid, "valle-austral")
    members.ok("committee", "election", "tally", tid, "Red Norte=3", "Fundación Valle Austral=1", "--ballots", "4")
    out = json.loads(members.ok("committee", "election", "close", tid, "--format", "json").out)
    assert out["elected"] == ["red-norte"]
    assert [(c["member_id"], c["votes"]) for c in out["candidates"]] == [("red-norte", 3), ("valle-austral", 1)]


# ---- runs at once ---------------------------------------------------------------------------------

AT_ONCE = 8

MORE_MEMBERS = [
    ("sur-seguro", "Fundación Sur Seguro", "magallanes", "firearms", "", [("Gloria Paz", "female")]),
    ("ojo-civico", "Observatorio Ojo Cívico", "biobio", "untoc", "", [("Hugo Vera", "male")]),
]


def _at_once(nacsa, runs):
    """Runs each argument list at the same time; returns their (exit code, stderr)."""
    def run(args):
        proc = subprocess.run([*WRAPPER, NACSA_BIN, *args], cwd=nacsa.workdir, env=nacsa.env,
                              capture_output=True, text=True, timeout=120 * TIMEOUT_SCALE)
        return proc.returncode, proc.stderr
    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        return list(pool.map(run, runs))


def _one_wins(results):
    codes = sorted(code for code, _ in results)
    assert codes == [0] + [65] * (len(results) - 1), results
    return [err for code, err in results if code == 65]


def test_eight_members_seated_at_once_for_a_role_of_one_holder(members):
    add_members(members, MORE_MEMBERS)
    everyone = [m[0] for m in MEMBERS + MORE_MEMBERS]
    assert len(everyone) == AT_ONCE
    runs = [["committee", "seat", mid, "--role", "administrative_focal_point", "--representative",
             contacts[0][0], "--from", "2026-01-05"]
            for mid, _, _, _, _, contacts in MEMBERS + MORE_MEMBERS]
    errors = _one_wins(_at_once(members, runs))
    assert all("role \"administrative_focal_point\" is already held by" in e for e in errors)
    seats = json.loads(members.ok("committee", "show", "--format", "json").out)["seats"]
    assert len(seats) == 1 and seats[0]["role"] == "administrative_focal_point"
    assert len(json.loads(members.ok("committee", "history", "--format", "json").out)) == 1
    assert len(json.loads(members.ok("--format", "json", "log", "--kind", "seat").out)) == 1


def test_one_member_seated_eight_times_at_once_holds_one_seat(members):
    runs = [["committee", "seat", "cecosh", "--role", "member", "--representative", "Valentina Quispe"]] * AT_ONCE
    errors = _one_wins(_at_once(members, runs))
    assert all("cecosh already holds a seat" in e for e in errors)
    assert len(json.loads(members.ok("committee", "history", "cecosh", "--format", "json").out)) == 1


def test_eight_coordinators_at_once_make_one_secretariat(members):
    runs = [["committee", "seat", mid, "--role", "coordinator", "--representative", contacts[0][0]]
            for mid, _, _, _, _, contacts in MEMBERS] + \
           [["committee", "seat", "rutas-seguras", "--role", "coordinator", "--representative", "Carolina Fuentes"]] * 2
    _one_wins(_at_once(members, runs))
    show = json.loads(members.ok("committee", "show", "--format", "json").out)
    assert len(show["seats"]) == 1
    assert show["secretariat"] == show["seats"][0]["member_id"]
    assert len(json.loads(members.ok("--format", "json", "log", "--kind", "secretariat").out)) == 1


def test_eight_ballots_of_one_voter_at_once_count_once(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh")
    runs = [["committee", "election", "vote", eid, "--voter", "red-norte",
             *(["--for", ("rutas-seguras", "cecosh")[i % 3]] if i % 3 < 2 else ["--blank"])]
            for i in range(AT_ONCE)]
    errors = _one_wins(_at_once(members, runs))
    assert all("red-norte already voted in election 1" in e for e in errors)
    shown = json.loads(members.ok("committee", "election", "show", eid, "--format", "json").out)
    assert shown["ballots"] == 1
    assert sum(c["votes"] for c in shown["candidates"]) + shown["blank"] == 1


def test_ballots_and_tallies_at_once_never_mix(members):
    eid = open_coordinator_election(members, "rutas-seguras", "cecosh")
    voters = ["puente-andino", "red-norte", "cibersur", "valle-austral"]
    runs = [["committee", "election", "vote", eid, "--voter", v, "--for", "cecosh"] for v in voters] + \
           [["committee", "election", "tally", eid, "rutas-seguras=3", "cecosh=1", "--ballots", "4"]] * 4
    results = _at_once(members, runs)
    assert all(code in (0, 65) for code, _ in results), results
    won = [i for i, (code, _) in enumerate(results) if code == 0]
    # Either a ballot came first (every ballot counts, no tally), or a tally did (no ballot).
    assert won in ([0, 1, 2, 3], [4, 5, 6, 7]), results
    shown = json.loads(members.ok("committee", "election", "show", eid, "--format", "json").out)
    if won == [0, 1, 2, 3]:
        assert (shown["ballots"], [c["votes"] for c in shown["candidates"]]) == (4, [4, 0])
    else:
        assert (shown["ballots"], [c["votes"] for c in shown["candidates"]]) == (4, [3, 1])


def test_eight_candidacies_and_closes_at_once(members):
    eid = members.ok("committee", "election", "open", "--role", "coordinator", "--on", "2026-11-01").out.strip()
    errors = _one_wins(_at_once(members, [["committee", "election", "candidate", eid, "rutas-seguras"]] * AT_ONCE))
    assert all("rutas-seguras already stands in election 1" in e for e in errors)
    for voter in ("rutas-seguras", "cecosh", "red-norte", "cibersur"):
        members.ok("committee", "election", "vote", eid, "--voter", voter, "--for", "rutas-seguras")
    errors = _one_wins(_at_once(members, [["committee", "election", "close", eid]] * AT_ONCE))
    assert all("election 1 was closed on 2026-11-29" in e for e in errors)
    assert len(json.loads(members.ok("committee", "history", "--format", "json").out)) == 1
    assert len(json.loads(members.ok("--format", "json", "log", "--kind", "secretariat").out)) == 1


def test_an_observer_ended_eight_times_at_once_ends_once(members):
    oid = members.ok("committee", "observer", "add", "--name", "Paula Herrera", "--institution",
                     "Ministerio del Interior", "--from", "2026-02-01").out.strip()
    runs = [["committee", "observer", "end", oid, "--reason", f"reason {i}", "--on", "2026-10-01"]
            for i in range(AT_ONCE)]
    errors = _one_wins(_at_once(members, runs))
    assert all(f"observer {oid} already ended on 2026-10-01" in e for e in errors)
    assert len([e for e in json.loads(members.ok("--format", "json", "log", "--kind", "observer").out)
                if "ended" in e["summary"]]) == 1


def test_findings_can_be_acknowledged_until_a_date(alliance):
    result = alliance.run("committee", "check")
    assert result.code == 1
    assert "seat-count" in result.out and "no-coordinator" in result.out
    # A mistyped key is refused, not kept.
    result = alliance.run("committee", "check", "ack", "seat-cuont", "--reason", "x")
    assert result.code == 3
    assert '"seat-cuont" is not a finding of `nacsa committee check` today' in result.err
    assert alliance.run("committee", "check", "ack", "seat-count", "--reason", "x", "--until", "2026-01-01").code == 65
    alliance.ok("committee", "check", "ack", "seat-count", "--reason", "elections in December",
                "--until", "2026-12-15")
    alliance.ok("committee", "check", "ack", "no-coordinator", "--reason", "elections in December")
    result = alliance.ok("committee", "check")  # exit 0: nothing left that is not acknowledged
    assert result.err == "nacsa: no problems found\nnacsa: 2 acknowledged findings left out (--all shows them)\n"
    shown = json.loads(alliance.ok("committee", "check", "--all", "--format", "json").out)
    assert {f["rule"]: f["acknowledged"] for f in shown} == {
        "seat-count": "until 2026-12-15: elections in December", "no-coordinator": "elections in December"}
    log = json.loads(alliance.ok("log", "--format", "json").out)
    assert [e["summary"] for e in log if e["record_kind"] == "finding"] == [
        "acknowledged until 2026-12-15: elections in December", "acknowledged: elections in December"]
    # After its date the finding counts again; unack makes the other one count at once.
    later = {"SOURCE_DATE_EPOCH": "1797465600"}  # 2026-12-17
    result = alliance.run("committee", "check", "--format", "json", env=later)
    assert result.code == 1
    assert [f["rule"] for f in json.loads(result.out)] == ["seat-count"]
    alliance.ok("committee", "check", "unack", "no-coordinator")
    assert alliance.run("committee", "check", "unack", "no-coordinator").code == 3
    assert [f["rule"] for f in json.loads(alliance.run("committee", "check", "--format", "json").out)] == [
        "no-coordinator"]
