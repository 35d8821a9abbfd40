# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of `nacsa meeting`: calendar, agenda, invitees and attendance, quorum,
minutes, decisions, action items, iCalendar export and the meeting check.
"now" is 2026-11-29T12:00:00Z (America/Santiago: 09:00 -03)."""
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor

import icalendar
import pytest

from conftest import EXAMPLES


def add_members(nacsa, *ids, status="active", joined="2024-03-15"):
    nacsa.cached(record_members, ids, status, joined)


def record_members(nacsa, ids, status, joined):
    for member_id in ids:
        nacsa.ok("member", "add", "--id", member_id, "--name", member_id.replace("-", " ").title(), "--type", "ngo",
                 "--region", "metropolitana", "--joined", joined, "--status", status)


def schedule(nacsa, *args):
    result = nacsa.ok("meeting", "schedule", *args)
    return result.out.split()


def quorum(nacsa, mid):
    show = json.loads(nacsa.ok("--format", "json", "meeting", "show", mid).out)
    return (show["quorum_fraction"], show["voting_invited"], show["voting_present"], show["quorum_required"],
            show["quorum_met"])


def invited(nacsa, mid):
    return [(r["who"], r["role"], r["source"], r["attendance"])
            for r in json.loads(nacsa.ok("--format", "json", "meeting", "invitees", mid).out)]


def past_meeting(nacsa, kind="general_assembly", start="2026-11-10 10:00", *extra):
    (mid,) = schedule(nacsa, "--title", "Asamblea", "--kind", kind, "--start", start, *extra)
    return mid


@pytest.fixture
def members(alliance):
    add_members(alliance, "fundacion-a", "ong-b", "centro-c", "red-d")
    add_members(alliance, "antigua-e", status="withdrawn")
    return alliance


# ---- schedule, list, show ----

def test_help(alliance):
    result = alliance.ok("meeting", "--help")
    for sub in ("schedule", "list", "show", "edit", "cancel", "postpone", "agenda", "invitees", "attend",
                "attendance", "held", "minutes", "decide", "decision", "action", "ics", "check"):
        assert sub in result.out


def test_schedule_one_prints_id_and_stores_utc_and_zone(alliance):
    result = alliance.ok("meeting", "schedule", "--title", "Comité directivo", "--kind", "steering_committee",
                         "--start", "2026-12-10 10:00", "--place", "Santiago", "--duration", "90")
    assert result.out == "M-2026-001\n"
    assert result.err == "nacsa: scheduled M-2026-001 on 2026-12-10 10:00 -03\n"
    row = alliance.sql("SELECT id, title, kind, body, starts_at, time_zone, duration_minutes, place, format, language, "
                       "status, series_id FROM meeting")
    assert row == [("M-2026-001", "Comité directivo", "steering_committee", "committee", "2026-12-10T13:00:00Z",
                    "America/Santiago", 90, "Santiago", "in_person", "es", "scheduled", None)]
    assert quorum(alliance, "M-2026-001") == (0.5, 0, 0, 1, False)
    assert alliance.sql("SELECT record_kind, record_id, command FROM audit WHERE record_kind = 'meeting'") == [
        ("meeting", "M-2026-001", "meeting schedule")]


def test_schedule_every_new_kind_and_format_defaults(alliance):
    for kind in ("multistakeholder_preparation_day", "cop_side_event", "regional_network_meeting",
                 "constructive_dialogue", "capacity_building", "other"):
        schedule(alliance, "--title", kind, "--kind", kind, "--start", "2027-01-10 09:00",
                 "--link", "https://meet.example.org/x")
    assert alliance.sql("SELECT DISTINCT format, body FROM meeting") == [("online", "all_members")]
    schedule(alliance, "--title", "h", "--kind", "other", "--start", "2027-01-11 09:00", "--place", "Valparaíso",
             "--link", "https://meet.example.org/y", "--language", "en", "--tz", "Europe/Paris")
    assert alliance.sql("SELECT format, language, time_zone, starts_at FROM meeting WHERE title = 'h'") == [
        ("hybrid", "en", "Europe/Paris", "2027-01-11T08:00:00Z")]


def test_schedule_reports_every_problem_and_writes_nothing(alliance):
    before = alliance.dump()
    # A date option that is not a date is a usage error (exit 2), as everywhere.
    for args in (["meeting", "schedule", "--title", "x", "--kind", "other", "--start", "2026-13-01 10:00"],
                 ["meeting", "postpone", "M-2026-001", "--reason", "x", "--to", "2026-02-30 10:00"]):
        result = alliance.run(*args)
        assert result.code == 2, result
        assert result.err.startswith(f'nacsa: error: {args[-2]}: "{args[-1]}" is not a date and time'), result
    result = alliance.run("meeting", "schedule", "--title", " ", "--kind", "picnic", "--start", "2026-12-01 10:00",
                          "--tz", "Mars/Olympus", "--duration", "0", "--link", "ftp://x", "--language", "de")
    assert result.code == 65, result
    assert result.err.splitlines() == [
        'nacsa: error: field "title": must not be empty',
        'nacsa: error: field "kind": "picnic" is not a kind of meeting (known: steering_committee, general_assembly, '
        'working_group, government_consultation, capacity_building, constructive_dialogue, '
        'multistakeholder_preparation_day, cop_side_event, regional_network_meeting, other)',
        'nacsa: error: field "time_zone": "Mars/Olympus" is not an IANA time zone (e.g. America/Santiago)',
        'nacsa: error: field "duration": 0 minutes is not a meeting length (1 to 10080)',
        'nacsa: error: field "online_link": "ftp://x" is not a web address (http:// or https://)',
        'nacsa: error: field "language": "de" is not a language (known: en, es, fr)',
    ]
    assert alliance.dump() == before


def test_schedule_usage_errors(alliance):
    result = alliance.run("meeting", "schedule", "--title", "x", "--kind", "other")
    assert result.code == 2
    assert "--start is required" in result.err
    result = alliance.run("meeting", "schedule", "--title", "x", "--kind", "other", "--start", "2027-01-01 10:00",
                          "--repeat", "weekly")
    assert result.code == 2
    assert result.err == "nacsa: error: --repeat needs --count N or --until DATE\n"
    result = alliance.run("meeting", "schedule", "--title", "x", "--kind", "working_group", "--start",
                          "2027-01-01 10:00")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "body": a working_group meeting needs --body working_group:KEY\n'
    result = alliance.run("meeting", "schedule", "--title", "x", "--kind", "working_group", "--body",
                          "working_group:nope", "--start", "2027-01-01 10:00")
    assert result.code == 65
    assert result.err == 'nacsa: error: field "body": "nope" is not a working group of this alliance\n'


def test_dst_boundaries_america_santiago(alliance):
    # Chile leaves summer time on 2026-04-05 (-03 -> -04) and enters it on 2026-09-06 (-04 -> -03):
    # a weekly 10:00 meeting keeps its wall-clock time, so its UTC time moves.
    april = schedule(alliance, "--title", "Semanal", "--kind", "other", "--start", "2026-03-28 10:00",
                     "--repeat", "weekly", "--count", "3")
    september = schedule(alliance, "--title", "Semanal", "--kind", "other", "--start", "2026-08-29 10:00",
                         "--repeat", "weekly", "--count", "3")
    rows = dict(alliance.sql("SELECT id, starts_at FROM meeting"))
    assert [rows[i] for i in april] == ["2026-03-28T13:00:00Z", "2026-04-04T13:00:00Z", "2026-04-11T14:00:00Z"]
    assert [rows[i] for i in september] == ["2026-08-29T14:00:00Z", "2026-09-05T14:00:00Z", "2026-09-12T13:00:00Z"]
    listing = alliance.ok("meeting", "list", "--from", "2026-04-01", "--to", "2026-04-30").out
    assert "2026-04-04 10:00 -03" in listing and "2026-04-11 10:00 -04" in listing
    # 00:30 on 2026-09-06 does not exist in Santiago; 23:30 on 2026-04-04 happens twice (the first counts).
    before = alliance.dump()
    result = alliance.run("meeting", "schedule", "--title", "x", "--kind", "other", "--start", "2026-09-06 00:30")
    assert result.code == 65
    assert result.err == ("nacsa: error: 2026-09-06 00:30 does not exist in America/Santiago (the clocks skip it "
                          "for daylight saving time)\n")
    assert alliance.dump() == before
    (ambiguous,) = schedule(alliance, "--title", "x", "--kind", "other", "--start", "2026-04-04 23:30")
    assert alliance.sql("SELECT starts_at FROM meeting WHERE id = ?", ambiguous) == [("2026-04-05T02:30:00Z",)]


def test_recurring_series_crossing_a_year(alliance):
    schedule(alliance, "--title", "Antes", "--kind", "other", "--start", "2026-10-01 10:00")
    ids = schedule(alliance, "--title", "Comité", "--kind", "steering_committee", "--start", "2026-11-30 18:00",
                   "--repeat", "monthly", "--until", "2027-02-28")
    assert ids == ["M-2026-002", "M-2026-003", "M-2027-001", "M-2027-002"]
    rows = alliance.sql("SELECT id, starts_at, series_id FROM meeting WHERE series_id IS NOT NULL ORDER BY starts_at")
    # 30 November, then 30 December, 30 January and 28 February (clamped) at 18:00 summer time.
    assert rows == [("M-2026-002", "2026-11-30T21:00:00Z", "M-2026-002"),
                    ("M-2026-003", "2026-12-30T21:00:00Z", "M-2026-002"),
                    ("M-2027-001", "2027-01-30T21:00:00Z", "M-2026-002"),
                    ("M-2027-002", "2027-02-28T21:00:00Z", "M-2026-002")]
    quarterly = schedule(alliance, "--title", "Gobierno", "--kind", "government_consultation", "--start",
                         "2026-12-15 11:00", "--repeat", "quarterly", "--count", "2")
    assert quarterly == ["M-2026-004", "M-2027-003"]
    assert alliance.sql("SELECT starts_at FROM meeting WHERE id = 'M-2027-003'") == [("2027-03-15T14:00:00Z",)]


def test_monthly_series_on_the_second_tuesday(alliance):
    ids = schedule(alliance, "--title", "Comité", "--kind", "steering_committee", "--start", "2027-01-12 18:00",
                   "--repeat", "monthly", "--weekday", "2tue", "--count", "3")
    listed = json.loads(alliance.ok("meeting", "list", "--format", "json").out)
    assert [(m["id"], m["start"]) for m in listed if m["id"] in ids] == [
        (ids[0], "2027-01-12 18:00 -03"), (ids[1], "2027-02-09 18:00 -03"), (ids[2], "2027-03-09 18:00 -03")]
    before = alliance.dump()
    result = alliance.run("meeting", "schedule", "--title", "x", "--kind", "other", "--start", "2027-01-14 18:00",
                          "--repeat", "monthly", "--weekday", "2tue", "--count", "3")
    assert (result.code, result.err) == (
        65, 'nacsa: error: field "start": 2027-01-14 is not the 2nd Tuesday of its month (2027-01-12 is)\n')
    for extra, message in [(["--repeat", "weekly", "--weekday", "2tue", "--count", "2"],
                            "--weekday goes with --repeat monthly or quarterly"),
                           (["--repeat", "monthly", "--weekday", "second tuesday", "--count", "2"],
                            '--weekday: "second tuesday" is not a weekday of the month'),
                           (["--weekday", "2tue"], "--weekday needs --repeat too")]:
        result = alliance.run("meeting", "schedule", "--title", "x", "--kind", "other", "--start",
                              "2027-01-12 18:00", *extra)
        assert result.code == 2 and message in result.err, (extra, result)
    assert alliance.dump() == before


def test_list_filters(alliance):
    schedule(alliance, "--title", "Pasada", "--kind", "steering_committee", "--start", "2026-11-01 10:00")
    schedule(alliance, "--title", "Futura", "--kind", "government_consultation", "--start", "2026-12-01 10:00")
    schedule(alliance, "--title", "Otra", "--kind", "other", "--start", "2027-01-05 10:00")
    ids = lambda *args: [r["id"] for r in __import__("json").loads(alliance.ok("--format", "json", "meeting", "list", *args).out)]
    assert ids() == ["M-2026-001", "M-2026-002", "M-2027-001"]
    assert ids("--upcoming") == ["M-2026-002", "M-2027-001"]
    assert ids("--past") == ["M-2026-001"]
    assert ids("--kind", "government_consultation") == ["M-2026-002"]
    assert ids("--body", "committee") == ["M-2026-001", "M-2026-002"]
    assert ids("--from", "2026-12-01", "--to", "2026-12-31") == ["M-2026-002"]
    assert alliance.run("meeting", "list", "--from", "yesterday").code == 2
    assert alliance.run("meeting", "list", "--upcoming", "--past").code == 2


def test_show_and_not_found(members):
    mid = past_meeting(members)
    out = members.ok("meeting", "show", mid).out
    assert re.search(r"^Title: +Asamblea$", out, re.M)
    assert re.search(r"^Start: +2026-11-10 10:00 -03$", out, re.M)
    assert re.search(r"^Voting invited: +4$", out, re.M)
    result = members.run("meeting", "show", "M-2030-999")
    assert result.code == 3
    assert result.err == "nacsa: error: no meeting M-2030-999 (see `nacsa meeting list`)\n"


# ---- edit, cancel, postpone ----

def test_edit_bumps_sequence_and_reschedules(alliance):
    (mid,) = schedule(alliance, "--title", "A", "--kind", "other", "--start", "2026-12-10 10:00")
    alliance.ok("meeting", "edit", mid, "--title", "B", "--start", "2026-12-11 15:30", "--mode", "hybrid")
    assert alliance.sql("SELECT title, starts_at, format, sequence FROM meeting") == [
        ("B", "2026-12-11T18:30:00Z", "hybrid", 1)]
    result = alliance.ok("meeting", "edit", mid, "--title", "B")
    assert result.err == f"nacsa: {mid}: nothing to change\n"
    assert alliance.sql("SELECT sequence FROM meeting") == [(1,)]
    before = alliance.dump()
    assert alliance.run("meeting", "edit", mid, "--mode", "telepathy").code == 65
    assert alliance.dump() == before


def test_cancel_and_postpone_keep_history(alliance):
    a, b = schedule(alliance, "--title", "A", "--kind", "other", "--start", "2026-12-10 10:00", "--repeat", "weekly",
                    "--count", "2")
    assert alliance.run("meeting", "cancel", a).code == 2  # --reason is required
    alliance.ok("meeting", "cancel", a, "--reason", "Paro nacional")
    result = alliance.run("meeting", "cancel", a, "--reason", "otra vez")
    assert result.code == 65
    assert result.err == f"nacsa: error: {a} is cancelled: cannot cancel it\n"
    alliance.ok("meeting", "postpone", b, "--reason", "Sin sala")
    assert alliance.sql("SELECT status FROM meeting WHERE id = ?", b) == [("postponed",)]
    result = alliance.ok("meeting", "postpone", b, "--reason", "Nueva fecha", "--to", "2027-01-07 10:00")
    assert result.err == f"nacsa: moved {b} to 2027-01-07 10:00 -03\n"
    history = alliance.sql("SELECT status, starts_at, reason FROM meeting_status_history WHERE meeting_id = ? "
                           "ORDER BY id", b)
    assert history == [("scheduled", "2026-12-17T13:00:00Z", None),
                       ("postponed", "2026-12-17T13:00:00Z", "Sin sala"),
                       ("postponed", "2026-12-17T13:00:00Z", "Nueva fecha"),
                       ("scheduled", "2027-01-07T13:00:00Z", "rescheduled")]
    assert alliance.sql("SELECT status, sequence FROM meeting ORDER BY id") == [("cancelled", 1), ("scheduled", 2)]
    show = alliance.ok("meeting", "show", a).out
    assert "cancelled: Paro nacional" in show


# ---- agenda ----

def test_agenda_add_list_move_remove(alliance):
    (mid,) = schedule(alliance, "--title", "A", "--kind", "steering_committee", "--start", "2026-12-10 10:00")
    alliance.ok("meeting", "agenda", mid, "add", "Apertura")
    alliance.ok("plan", "import", EXAMPLES / "plan.yaml")
    before = alliance.dump()
    result = alliance.run("meeting", "agenda", mid, "add", "Plan", "--link", "P-1")
    assert result.code == 3
    assert result.err == ("nacsa: error: --link P-1: no activity or priority of that id in the plan (see "
                          "`nacsa plan activity list` and `nacsa plan priority list`)\n")
    assert alliance.dump() == before
    alliance.ok("meeting", "agenda", mid, "add", "Plan de trabajo", "--presenter", "Coordinación", "--link", "P1")
    alliance.ok("meeting", "agenda", mid, "add", "Actividad", "--link", "A1")
    alliance.ok("meeting", "agenda", mid, "remove", "3")
    alliance.ok("meeting", "agenda", mid, "add", "Varios")
    alliance.ok("meeting", "agenda", mid, "add", "Acta anterior", "--at", "2")
    titles = lambda: [t for (t,) in alliance.sql("SELECT title FROM agenda_item ORDER BY position")]
    assert titles() == ["Apertura", "Acta anterior", "Plan de trabajo", "Varios"]
    alliance.ok("meeting", "agenda", mid, "move", "4", "1")
    assert titles() == ["Varios", "Apertura", "Acta anterior", "Plan de trabajo"]
    alliance.ok("meeting", "agenda", mid, "remove", "1")
    assert titles() == ["Apertura", "Acta anterior", "Plan de trabajo"]
    out = alliance.ok("--format", "csv", "meeting", "agenda", mid, "list").out
    assert out.splitlines()[0] == "position,item,title,presenter,link,due,from_meeting"
    assert out.splitlines()[3] == "3,agenda_item,Plan de trabajo,Coordinación,P1,,"
    before = alliance.dump()
    result = alliance.run("meeting", "agenda", mid, "move", "1", "9")
    assert result.code == 65
    assert result.err == f"nacsa: error: position 9 is outside the agenda of {mid} (1 to 3)\n"
    assert alliance.run("meeting", "agenda", mid, "remove", "7").code == 3
    assert alliance.dump() == before
    assert alliance.sql("SELECT sequence FROM meeting") == [(8,)]  # each change of the agenda


def test_open_action_items_carry_forward_to_next_meeting_of_same_body(members):
    first, second = schedule(members, "--title", "Comité", "--kind", "steering_committee", "--start",
                             "2026-11-05 10:00", "--repeat", "monthly", "--count", "2")
    (other,) = schedule(members, "--title", "Asamblea", "--kind", "general_assembly", "--start", "2026-12-20 10:00")
    a1 = members.ok("meeting", "action", "add", "Enviar carta al Ministerio", "--meeting", first, "--owner",
                    "fundacion-a", "--due", "2026-11-20").out.strip()
    a2 = members.ok("meeting", "action", "add", "Preparar informe", "--meeting", first, "--owner",
                    "María Pérez").out.strip()
    a3 = members.ok("meeting", "action", "add", "Cerrada", "--meeting", first).out.strip()
    assert (a1, a2, a3) == ("A-2026-001", "A-2026-002", "A-2026-003")
    members.ok("meeting", "action", "done", a3, "--note", "hecho")
    members.ok("meeting", "agenda", second, "add", "Apertura")
    rows = __import__("json").loads(members.ok("--format", "json", "meeting", "agenda", second, "list").out)
    assert [(r["position"], r["item"], r["title"], r["presenter"], r["due"], r["from_meeting"]) for r in rows] == [
        (1, "agenda_item", "Apertura", None, None, None),
        (2, "A-2026-001", "Follow-up: Enviar carta al Ministerio", "fundacion-a", "2026-11-20", first),
        (3, "A-2026-002", "Follow-up: Preparar informe", "María Pérez", None, first),
    ]
    assert members.ok("meeting", "agenda", other, "list").out.count("Follow-up") == 0
    assert members.ok("meeting", "agenda", first, "list").out.count("Follow-up") == 0


# ---- invitees, attendance, quorum ----

def test_invitees_derived_from_all_active_members_and_adjusted(members):
    mid = past_meeting(members)
    assert invited(members, mid) == [("centro-c", "voting", "derived", None), ("fundacion-a", "voting", "derived", None),
                                     ("ong-b", "voting", "derived", None), ("red-d", "voting", "derived", None)]
    # Only what is not derived is stored.
    assert members.sql("SELECT count(*) FROM meeting_invitee") == [(0,)]
    # A withdrawn member is no one's invitee.
    result = members.run("meeting", "invitees", mid, "--add", "antigua-e")
    assert (result.code, result.err) == (65, f"nacsa: error: antigua-e is suspended or withdrawn on 2026-11-10: it "
                                             f"cannot be invited to {mid}\n")
    members.ok("meeting", "invitees", mid, "--remove", "red-d", "--guest", "Ana Gómez", "--observer",
               "Subsecretaría de Prevención")
    out = members.ok("--format", "csv", "meeting", "invitees", mid).out.splitlines()
    assert out == ["who,role,source,attendance,represented_by",
                   "centro-c,voting,derived,,", "fundacion-a,voting,derived,,", "ong-b,voting,derived,,",
                   "Subsecretaría de Prevención,observer,added,,", "Ana Gómez,guest,added,,"]
    # --refresh has nothing left to do: the changes made by hand stay.
    members.ok("meeting", "invitees", mid, "--refresh")
    assert members.ok("--format", "csv", "meeting", "invitees", mid).out.splitlines() == out
    result = members.run("meeting", "invitees", mid, "--add", "no-such-member")
    assert result.code == 3
    # The guest's name stays out of the audit log.
    assert not any("Ana" in s for (s,) in members.sql("SELECT summary FROM audit"))


def test_members_who_joined_later_or_left_are_not_invited(alliance):
    add_members(alliance, "vieja", joined="2024-01-01")
    add_members(alliance, "nueva", joined="2026-11-20")
    mid = past_meeting(alliance)
    assert invited(alliance, mid) == [("vieja", "voting", "derived", None)]


def test_quorum_met_and_not_met(members):
    mid = past_meeting(members)
    result = members.ok("meeting", "attend", mid, "fundacion-a", "--status", "present")
    assert result.err == f"nacsa: {mid}: 1 of 4 voting members present, 2 needed: no quorum\n"
    members.ok("meeting", "attend", mid, "ong-b", "--status", "represented", "--by", "fundacion-a")
    assert quorum(members, mid)[1:] == (4, 2, 2, True)
    members.ok("meeting", "attend", mid, "centro-c", "red-d", "--status", "excused")
    members.ok("meeting", "invitees", mid, "--guest", "Ana Gómez")
    members.ok("meeting", "attend", mid, "Ana Gómez", "--status", "present")
    assert quorum(members, mid)[2:] == (2, 2, True)
    # Changing one's mind: ong-b absent after all -> no quorum.
    members.ok("meeting", "attend", mid, "ong-b", "--status", "absent")
    assert quorum(members, mid)[2:] == (1, 2, False)


def test_committee_quorum_uses_steering_committee_fraction(members):
    (mid,) = schedule(members, "--title", "Comité", "--kind", "steering_committee", "--start", "2026-11-10 10:00")
    members.ok("meeting", "invitees", mid, "--add", "fundacion-a", "--add", "ong-b", "--add", "centro-c")
    members.ok("meeting", "attend", mid, "fundacion-a", "--status", "present")
    assert quorum(members, mid) == (0.5, 3, 1, 2, False)


def test_attend_errors(members):
    mid = past_meeting(members)
    before = members.dump()
    result = members.run("meeting", "attend", mid, "nadie", "--status", "present")
    assert result.code == 3
    assert result.err == (f"nacsa: error: nadie is not invited to {mid} (invite them with `nacsa meeting invitees "
                          f"{mid} --add` or --guest)\n")
    result = members.run("meeting", "attend", mid, "ong-b", "--status", "represented")
    assert result.code == 65
    assert result.err == ('nacsa: error: field "by": who represented them is required with --status represented\n')
    assert members.run("meeting", "attend", mid, "ong-b", "--status", "sleeping").code == 2
    (future,) = schedule(members, "--title", "F", "--kind", "other", "--start", "2026-12-20 10:00")
    result = members.run("meeting", "attend", future, "ong-b", "--status", "present")
    assert result.code == 65
    assert result.err == (f"nacsa: error: {future} has not started yet (it starts 2026-12-20 10:00 -03): cannot "
                          "record attendance\n")
    # One unknown name among several: nothing is recorded.
    assert members.run("meeting", "attend", mid, "ong-b", "nadie", "--status", "present").code == 3
    assert {k: v for k, v in members.dump().items() if k not in ("meeting", "meeting_status_history", "meeting_invitee", "audit")} == \
        {k: v for k, v in before.items() if k not in ("meeting", "meeting_status_history", "meeting_invitee", "audit")}
    assert members.sql("SELECT count(*) FROM meeting_invitee WHERE attendance IS NOT NULL") == [(0,)]


def test_invitees_follow_later_seats_and_withdrawals(example_members):
    n = example_members
    (mid,) = schedule(n, "--title", "Comité", "--kind", "steering_committee", "--start", "2026-11-10 10:00")
    n.ok("committee", "seat", "rutas-seguras", "--role", "coordinator", "--representative", "Carolina Fuentes",
         "--from", "2026-01-05")
    n.ok("committee", "seat", "cecosh", "--role", "member", "--representative", "Camila Soto Bravo",
         "--from", "2026-01-05")
    # Seated after the meeting was scheduled: invited and counted.
    assert invited(n, mid) == [("cecosh", "voting", "derived", None), ("rutas-seguras", "voting", "derived", None)]
    n.ok("meeting", "attend", mid, "cecosh", "CECOSH", "--status", "present")  # named twice: once
    assert quorum(n, mid)[1:] == (2, 1, 1, True)
    # Withdrawn from a date before the meeting (recorded later): out of the invitees and the quorum.
    n.ok("member", "status", "cecosh", "withdrawn", "--reason", "se retiró", "--date", "2026-11-01")
    assert invited(n, mid) == [("rutas-seguras", "voting", "derived", None)]
    assert quorum(n, mid)[1:] == (1, 0, 1, False)


# ---- held, minutes, decisions ----# ---- held, minutes, decisions ----

def test_held_needs_attendance_unless_forced(members):
    mid = past_meeting(members)
    result = members.run("meeting", "held", mid)
    assert result.code == 65
    assert result.err == (f"nacsa: error: no attendance is recorded for {mid}: record it with `nacsa meeting attend` "
                          "(or use --force)\n")
    members.ok("meeting", "held", mid, "--force")
    assert members.sql("SELECT status, held_at FROM meeting") == [("held", "2026-11-29T12:00:00Z")]
    mid2 = past_meeting(members, "general_assembly", "2026-11-11 10:00")
    members.ok("meeting", "attend", mid2, "fundacion-a", "ong-b", "--status", "present")
    result = members.ok("meeting", "held", mid2)
    assert result.err == f"nacsa: {mid2} held: 2 of 4 voting members present, 2 needed: quorum met\n"
    (future,) = schedule(members, "--title", "F", "--kind", "other", "--start", "2026-12-20 10:00")
    assert members.run("meeting", "held", future, "--force").code == 65


def test_minutes_text_and_file(members, tmp_path):
    mid = past_meeting(members)
    members.ok("meeting", "minutes", mid, "--text", "Se aprobó el plan.")
    assert members.sql("SELECT minutes, minutes_file, minutes_at FROM meeting") == [
        ("Se aprobó el plan.", None, "2026-11-29T12:00:00Z")]
    members.write("acta.md", "# Acta\n\nAsistieron cuatro miembros.\n")
    members.ok("meeting", "minutes", mid, "--file", "acta.md")
    assert members.sql("SELECT minutes, minutes_file FROM meeting") == [
        ("# Acta\n\nAsistieron cuatro miembros.\n", "acta.md")]
    assert members.run("meeting", "minutes", mid, "--file", "missing.md").code == 66
    assert members.run("meeting", "minutes", mid).code == 2
    assert members.run("meeting", "minutes", mid, "--file", "acta.md", "--text", "x").code == 2
    summaries = [s for (s,) in members.sql("SELECT summary FROM audit WHERE record_id = ?", mid)]
    assert summaries[-2:] == ["minutes recorded", "minutes replaced"]


def test_decisions_numbered_with_tally_and_quorum(members):
    mid = past_meeting(members)
    assert members.run("meeting", "decide", mid, "Aprobar", "--for", "1").code == 65  # nobody present yet
    members.ok("meeting", "attend", mid, "fundacion-a", "--status", "present")
    result = members.ok("meeting", "decide", mid, "Sin quórum", "--for", "1")
    assert result.out == f"{mid}#1\n"
    assert result.err == (f"nacsa: warning: decision 1 of {mid} recorded without quorum (1 of 4 voting members "
                          "present, 2 needed: no quorum)\n")
    members.ok("meeting", "attend", mid, "ong-b", "centro-c", "--status", "present")
    result = members.ok("meeting", "decide", mid, "Aprobar el plan anual", "--for", "2", "--against", "0",
                        "--abstain", "1")
    assert result.out == f"{mid}#2\n"
    members.ok("meeting", "decide", mid, "Sin votación")
    # The quorum of every decision is the meeting's as its attendance stands now.
    rows = json.loads(members.ok("--format", "json", "meeting", "decision", "list", mid).out)
    assert [(r["number"], r["text"], r["votes_for"], r["votes_against"], r["votes_abstain"], r["outcome"],
             r["quorum_met"]) for r in rows] == [
        (1, "Sin quórum", 1, None, None, "adopted", True),
        (2, "Aprobar el plan anual", 2, 0, 1, "adopted", True),
        (3, "Sin votación", None, None, None, "adopted", True)]
    result = members.run("meeting", "decide", mid, "Demasiados", "--for", "3", "--against", "1")
    assert result.code == 65
    assert result.err == ('nacsa: error: field "tally": 4 votes but only 3 voting members are present (record '
                          'attendance first)\n')
    assert members.run("meeting", "decide", mid, "x", "--for", "-1").code == 2
    assert "3. Sin votación: adopted" in members.ok("meeting", "show", mid).out


def test_decision_outcome_from_votes_or_set_and_its_links(members):
    mid = past_meeting(members)
    members.ok("plan", "import", EXAMPLES / "plan.yaml")
    members.ok("meeting", "attend", mid, "fundacion-a", "ong-b", "centro-c", "--status", "present")
    members.ok("meeting", "decide", mid, "Aprobar", "--for", "2", "--against", "1", "--activity", "A1")
    members.ok("meeting", "decide", mid, "Rechazar", "--for", "1", "--against", "1", "--abstain", "1")
    result = members.ok("meeting", "decide", mid, "Aplazar", "--outcome", "deferred")
    assert result.err == f"nacsa: recorded decision 3 of {mid}: deferred\n"
    result = members.run("meeting", "decide", mid, "x", "--activity", "A99")
    assert (result.code, result.err) == (3, "nacsa: error: --activity A99: no activity of that id in the plan (see "
                                            "`nacsa plan activity list`)\n")
    action = members.ok("meeting", "action", "add", "Carta", "--meeting", mid, "--decision", "1").out.strip()
    assert members.run("meeting", "action", "add", "Otra", "--decision", f"{mid}#9").code == 3
    rows = json.loads(members.ok("--format", "json", "meeting", "decision", "list", mid).out)
    assert [(r["decision"], r["votes_for"], r["votes_against"], r["votes_abstain"], r["outcome"], r["outcome_set"],
             r["activity"], r["action_items"]) for r in rows] == [
        (f"{mid}#1", 2, 1, None, "adopted", False, "A1", [action]),
        (f"{mid}#2", 1, 1, 1, "rejected", False, None, []),
        (f"{mid}#3", None, None, None, "deferred", True, None, [])]
    show = json.loads(members.ok("--format", "json", "meeting", "show", mid).out)
    assert show["decisions"] == [
        f"1. Aprobar [for 2, against 1, abstain 0]: adopted; activity A1; action items {action}",
        "2. Rechazar [for 1, against 1, abstain 1]: rejected",
        "3. Aplazar: deferred"]
    assert json.loads(members.ok("--format", "json", "meeting", "action", "list").out)[0]["decision"] == f"{mid}#1"


def test_corrections_are_audited_with_their_reason(members):
    mid = past_meeting(members)
    members.ok("meeting", "attend", mid, "fundacion-a", "ong-b", "--status", "present")
    members.ok("meeting", "agenda", mid, "add", "Apertura")
    members.ok("meeting", "agenda", mid, "add", "Cierre")
    members.ok("meeting", "decide", mid, "Aprobar", "--for", "1", "--against", "1")
    members.ok("meeting", "decide", mid, "Por error")
    action = members.ok("meeting", "action", "add", "Carta", "--meeting", mid, "--decision", "1").out.strip()
    # Decision: votes corrected, the outcome follows; then deleted.
    result = members.ok("meeting", "decision", "edit", f"{mid}#1", "--for", "2", "--against", "0",
                        "--reason", "conteo mal transcrito")
    assert result.err == f"nacsa: updated decision {mid}#1: votes_for, votes_against\n"
    members.ok("meeting", "decision", "delete", f"{mid}#2", "--yes", "--reason", "registrada dos veces")
    # Action item, agenda item, attendance.
    members.ok("meeting", "action", "edit", action, "--title", "Carta al ministerio", "--due", "2026-12-15",
               "--reason", "título incompleto")
    members.ok("meeting", "agenda", mid, "edit", "1", "--title", "Bienvenida", "--reason", "nombre del punto")
    members.ok("meeting", "agenda", mid, "delete", "2", "--yes", "--reason", "no se trató")
    members.ok("meeting", "attendance", mid, "edit", "ong-b", "--status", "excused", "--reason", "avisó")
    members.ok("meeting", "attendance", mid, "delete", "fundacion-a", "--yes", "--reason", "no estaba")
    show = json.loads(members.ok("--format", "json", "meeting", "show", mid).out)
    assert show["decisions"] == ["1. Aprobar [for 2, against 0, abstain 0]: adopted (without quorum); action "
                                 f"items {action}"]
    assert show["agenda"] == ["1. Bienvenida"]
    assert show["attendance"] == ["centro-c: not recorded", "fundacion-a: not recorded", "ong-b: excused",
                                  "red-d: not recorded"]
    items = json.loads(members.ok("--format", "json", "meeting", "action", "list").out)
    assert [(a["title"], a["due"]) for a in items] == [("Carta al ministerio", "2026-12-15")]
    log = [(e["record_kind"], e["record_id"], e["summary"])
           for e in json.loads(members.ok("--format", "json", "log").out)]
    for entry in [("decision", f"{mid}#1", "decision edited: votes_for, votes_against; reason: conteo mal transcrito"),
                  ("decision", f"{mid}#2", "decision deleted (was: Por error); reason: registrada dos veces"),
                  ("action_item", action, "edited: title, due; reason: título incompleto"),
                  ("meeting", mid, "agenda item 1 edited: title; reason: nombre del punto"),
                  ("meeting", mid, "agenda item 2 deleted; reason: no se trató"),
                  ("meeting", mid, "attendance of ong-b corrected: excused (was present); reason: avisó"),
                  ("meeting", mid, "attendance of fundacion-a deleted (was present); reason: no estaba")]:
        assert entry in log
    # A deleted decision's number is not given again.
    assert members.ok("meeting", "decide", mid, "Nueva").out == f"{mid}#3\n"
    members.ok("meeting", "action", "delete", action, "--yes", "--reason", "duplicada")
    assert json.loads(members.ok("--format", "json", "meeting", "action", "list", "--status", "all").out) == []
    # Not found: exit 3; a delete needs its reason (usage, exit 2).
    for args in (("decision", "edit", f"{mid}#7", "--text", "x"), ("decision", "delete", "M-2030-001#1", "--yes", "--reason", "r"),
                 ("action", "edit", "A-2026-099", "--title", "x"), ("action", "delete", "A-2026-099", "--yes", "--reason", "r"),
                 ("agenda", mid, "edit", "5", "--title", "x"), ("agenda", mid, "delete", "5", "--yes", "--reason", "r"),
                 ("attendance", mid, "edit", "fundacion-a", "--status", "present"),
                 ("attendance", mid, "delete", "nadie", "--yes", "--reason", "r")):
        assert members.run("meeting", *args).code == 3, args
    assert members.run("meeting", "decision", "delete", f"{mid}#1").code == 2
    assert members.run("meeting", "decision", "edit", "M-2026-001", "--text", "x").code == 2


# ---- action items ----

def test_action_items_list_done_drop_overdue_owner(members):
    mid = past_meeting(members)
    members.ok("meeting", "action", "add", "Carta", "--meeting", mid, "--owner", "fundacion-a", "--due", "2026-11-20")
    members.ok("meeting", "action", "add", "Informe", "--owner", "Luis Soto", "--due", "2026-12-20",
               "--body", "committee")
    members.ok("meeting", "action", "add", "Web")
    assert members.sql("SELECT id, meeting_id, body, owner_member, owner_person, due, opened_on FROM action_item") == [
        ("A-2026-001", mid, "all_members", "fundacion-a", None, "2026-11-20", "2026-11-10"),
        ("A-2026-002", None, "committee", None, "Luis Soto", "2026-12-20", "2026-11-29"),
        ("A-2026-003", None, None, None, None, None, "2026-11-29")]
    ids = lambda *a: [r["id"] for r in __import__("json").loads(members.ok("--format", "json", "meeting", "action",
                                                                            "list", *a).out)]
    assert ids() == ["A-2026-001", "A-2026-002", "A-2026-003"]
    assert ids("--overdue") == ["A-2026-001"]
    assert ids("--owner", "Luis Soto") == ["A-2026-002"]
    assert ids("--meeting", mid) == ["A-2026-001"]
    members.ok("meeting", "action", "done", "A-2026-001", "--note", "Enviada")
    members.ok("meeting", "action", "drop", "A-2026-003", "--reason", "Ya no aplica")
    assert ids() == ["A-2026-002"]
    assert ids("--status", "all") == ["A-2026-001", "A-2026-002", "A-2026-003"]
    assert ids("--status", "dropped") == ["A-2026-003"]
    result = members.run("meeting", "action", "done", "A-2026-001")
    assert result.code == 65
    assert result.err == "nacsa: error: A-2026-001 is already done\n"
    assert members.run("meeting", "action", "done", "A-2099-001").code == 3
    assert members.run("meeting", "action", "drop", "A-2026-002").code == 2  # --reason required
    assert members.run("meeting", "action", "add", "x", "--meeting", "M-2000-001").code == 3
    assert members.run("meeting", "action", "add", "x", "--due", "mañana").code == 2


# ---- iCalendar ----

def test_ics_parses_with_an_independent_parser_and_keeps_every_field(members):
    (mid,) = schedule(members, "--title", "Consulta trimestral con el Gobierno; revisión, prioridades y "
                      "seguimiento del informe de la Iniciativa Piloto Voluntaria — Ñuble",
                      "--kind", "government_consultation", "--start", "2026-12-10 10:00", "--duration", "90",
                      "--place", "Ministerio, Teatinos 180, Santiago", "--link", "https://meet.example.org/abc?x=1,2")
    (cancelled,) = schedule(members, "--title", "Comité", "--kind", "steering_committee", "--start",
                            "2027-01-10 10:00", "--tz", "Europe/Paris")
    members.ok("meeting", "agenda", mid, "add", "Apertura, bienvenida; y \\ presentación", "--presenter", "Coordinación")
    members.ok("meeting", "cancel", cancelled, "--reason", "x")
    out = members.ok("meeting", "ics", "--output", "cal.ics")
    data = members.path("cal.ics").read_bytes()
    assert oct(os.stat(members.path("cal.ics")).st_mode & 0o777) == "0o600"
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), [line for line in lines if len(line) > 75]
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0"
    assert "nacsa" in str(cal["PRODID"])
    zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
    events = {str(e["X-NACSA-ID"]): e for e in cal.walk("VEVENT")}
    ev = events[mid]
    assert str(ev["SUMMARY"]) == ("Consulta trimestral con el Gobierno; revisión, prioridades y seguimiento del "
                                  "informe de la Iniciativa Piloto Voluntaria — Ñuble")
    assert str(ev["LOCATION"]) == "Ministerio, Teatinos 180, Santiago"
    assert str(ev["URL"]) == "https://meet.example.org/abc?x=1,2"
    assert "1. Apertura, bienvenida; y \\ presentación (Coordinación)" in str(ev["DESCRIPTION"])
    # In the meeting's language (the alliance's, Spanish), with labels, not keys.
    assert str(ev["DESCRIPTION"]).startswith("Tipo: Consulta con el gobierno\nConvocada para: El Comité Directivo\n"
                                             "Formato: ")
    assert "government_consultation" not in str(ev["DESCRIPTION"])
    assert str(ev["UID"]) == "m-2026-001@ansc-chile.nacsa"
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert ev["DTSTART"].dt.isoformat() == "2026-12-10T10:00:00-03:00"
    assert ev["DTEND"].dt.isoformat() == "2026-12-10T11:30:00-03:00"
    assert ev["DTSTART"].params["TZID"] in zones
    assert ev["DTSTAMP"].dt.isoformat() == "2026-11-29T12:00:00+00:00"
    assert int(ev["SEQUENCE"]) == 1  # the agenda item changed it once
    assert str(ev["CATEGORIES"].cats[0]) == "government_consultation"
    assert str(ev["X-NACSA-BODY"]) == "committee"
    c = events[cancelled]
    assert str(c["STATUS"]) == "CANCELLED"
    assert int(c["SEQUENCE"]) == 1
    assert c["DTSTART"].dt.isoformat() == "2027-01-10T10:00:00+01:00"


def test_ics_uid_stable_and_sequence_bumps(alliance):
    (mid,) = schedule(alliance, "--title", "A", "--kind", "other", "--start", "2026-12-10 10:00")
    first = icalendar.Calendar.from_ical(alliance.ok("meeting", "ics").out)
    alliance.ok("meeting", "edit", mid, "--start", "2026-12-11 10:00")
    alliance.ok("meeting", "postpone", mid, "--reason", "r")
    second = icalendar.Calendar.from_ical(alliance.ok("meeting", "ics").out)
    (e1,) = first.walk("VEVENT")
    (e2,) = second.walk("VEVENT")
    assert str(e1["UID"]) == str(e2["UID"])
    assert (int(e1["SEQUENCE"]), int(e2["SEQUENCE"])) == (0, 2)
    assert str(e2["STATUS"]) == "TENTATIVE"


def test_ics_filters(alliance):
    schedule(alliance, "--title", "A", "--kind", "steering_committee", "--start", "2026-12-10 10:00")
    schedule(alliance, "--title", "B", "--kind", "other", "--start", "2027-02-10 10:00")
    count = lambda *a: len(icalendar.Calendar.from_ical(alliance.ok("meeting", "ics", *a).out).walk("VEVENT"))
    assert count() == 2
    assert count("--body", "committee") == 1
    assert count("--kind", "other") == 1
    assert count("--from", "2027-01-01") == 1
    assert count("--to", "2026-12-10") == 1
    assert count("--to", "2026-12-09") == 0
    result = alliance.run("meeting", "ics", "--output", "/nonexistent/dir/x.ics")
    assert result.code == 73


# ---- check ----

def held_meeting(nacsa, kind, start, attendance=True, minutes=True, quorum=True):
    (mid,) = schedule(nacsa, "--title", kind, "--kind", kind, "--start", start)
    if kind == "steering_committee" or kind == "government_consultation":
        nacsa.ok("meeting", "invitees", mid, "--add", "fundacion-a", "--add", "ong-b", "--add", "centro-c")
    if attendance:
        nacsa.ok("meeting", "attend", mid, "fundacion-a", "--status", "present")
        if quorum:
            nacsa.ok("meeting", "attend", mid, "ong-b", "--status", "present")
    nacsa.ok("meeting", "held", mid, "--force")
    if minutes:
        nacsa.ok("meeting", "minutes", mid, "--text", "Acta")
    return mid


def check_rules(nacsa, *args):
    result = nacsa.run("--format", "json", "meeting", "check", *args)
    import json
    return result.code, [(f["rule"], f["record"], f["severity"]) for f in json.loads(result.out or "[]")]


@pytest.fixture
def founded_recently(nacsa, tmp_path):
    """An alliance founded 2026-07-01 with a committee that meets and a consultation in 2026Q3."""
    from conftest import EXAMPLES
    text = (EXAMPLES / "alliance.yaml").read_text(encoding="utf-8").replace("founded: 2024-03-15", "founded: 2026-07-01")
    nacsa.write("alliance.yaml", text)
    nacsa.init(nacsa.path("alliance.yaml"))
    add_members(nacsa, "fundacion-a", "ong-b", "centro-c", "red-d")
    return nacsa


def test_check_passes_when_everything_is_recorded(founded_recently):
    n = founded_recently
    held_meeting(n, "government_consultation", "2026-08-15 10:00")
    for start in ("2026-07-10 10:00", "2026-08-10 10:00", "2026-09-10 10:00", "2026-10-10 10:00",
                  "2026-11-10 10:00"):
        held_meeting(n, "steering_committee", start)
    result = n.run("meeting", "check", "--as-of", "2026-11-29")
    assert result.code == 0, result
    assert result.err == "nacsa: no problems found\n"


def test_check_government_consultation_missing(founded_recently):
    n = founded_recently
    for start in ("2026-07-10 10:00", "2026-08-10 10:00", "2026-09-10 10:00", "2026-10-10 10:00",
                  "2026-11-10 10:00"):
        held_meeting(n, "steering_committee", start)
    code, rules = check_rules(n, "--as-of", "2026-11-29")
    assert (code, rules) == (1, [("government-consultation-missing", "2026Q3", "error")])
    # A scheduled (not held) consultation does not count; 2026Q4 is not complete yet.
    schedule(n, "--title", "G", "--kind", "government_consultation", "--start", "2026-09-30 10:00")
    code, rules = check_rules(n, "--as-of", "2026-11-29")
    assert ("government-consultation-missing", "2026Q3", "error") in rules
    code, rules = check_rules(n, "--as-of", "2027-01-05")
    assert ("government-consultation-missing", "2026Q4", "error") in rules


def test_a_past_quarter_without_consultation_can_be_acknowledged(founded_recently):
    n = founded_recently
    for start in ("2026-07-10 10:00", "2026-08-10 10:00", "2026-09-10 10:00", "2026-10-10 10:00",
                  "2026-11-10 10:00"):
        held_meeting(n, "steering_committee", start)
    # `meeting check || mail` would fire on every cron run for a quarter that cannot be mended.
    n.ok("meeting", "check", "ack", "government-consultation-missing:2026Q3", "--reason",
         "the ministry postponed it to October")
    result = n.run("meeting", "check")
    assert (result.code, result.out) == (0, "")
    assert result.err == "nacsa: no problems found\nnacsa: 1 acknowledged finding left out (--all shows it)\n"
    result = n.run("meeting", "check", "--all")
    assert result.code == 0
    assert "the ministry postponed it to October" in result.out
    # A new quarter without one still alerts.
    code, rules = check_rules(n, "--as-of", "2027-01-05")
    assert (code, ("government-consultation-missing", "2026Q4", "error") in rules) == (1, True)
    assert ("government-consultation-missing", "2026Q3", "error") not in rules
    n.ok("meeting", "check", "unack", "government-consultation-missing:2026Q3")
    # --since limits the check to recent periods: 2026Q3 ended before it.
    code, rules = check_rules(n, "--as-of", "2027-01-05", "--since", "2026-10-01")
    assert [r for r in rules if r[0] == "government-consultation-missing"] == [
        ("government-consultation-missing", "2026Q4", "error")]
    assert n.run("meeting", "check", "--since", "2026-13-01").code == 2


def test_check_committee_meeting_gap(founded_recently):
    n = founded_recently
    held_meeting(n, "government_consultation", "2026-08-15 10:00")
    first = held_meeting(n, "steering_committee", "2026-07-10 10:00")
    second = held_meeting(n, "steering_committee", "2026-10-10 10:00")
    code, rules = check_rules(n, "--as-of", "2026-11-15")
    assert code == 1
    assert rules == [("committee-meeting-gap", second, "error")]
    text = n.run("meeting", "check", "--as-of", "2026-11-15").out
    # 92 days: not "13 weeks" against a limit in whole weeks, which read as no gap at all.
    assert f"13 weeks and 1 day passed between the steering committee meetings of 2026-07-10 ({first}) and " \
        "2026-10-10; at most" in text
    code, rules = check_rules(n, "--as-of", "2026-11-29")
    assert rules[-1] == ("committee-meeting-gap", second, "error")
    assert "no steering committee meeting has been held since 2026-10-10 (7 weeks and 1 day)" in \
        n.run("meeting", "check", "--as-of", "2026-11-29").out
    # In the alliance's language (Spanish) and in French, the span too.
    es = n.run("meeting", "check", "--as-of", "2026-11-15", env={"NACSA_LANG": ""}).out
    assert f"pasaron 13 semanas y 1 día entre las reuniones del comité directivo del 2026-07-10 ({first}) y del " \
        "2026-10-10; se permiten como máximo" in es, es
    fr = n.run("--lang", "fr", "meeting", "check", "--as-of", "2026-11-29").out
    assert "depuis le 2026-10-10 (7 semaines et 1 jour)" in fr, fr


def test_check_records_missing_decisions_without_quorum_and_overdue_items(founded_recently):
    n = founded_recently
    held_meeting(n, "government_consultation", "2026-08-15 10:00")
    for start in ("2026-07-10 10:00", "2026-08-10 10:00", "2026-09-10 10:00", "2026-10-10 10:00"):
        held_meeting(n, "steering_committee", start)
    last = held_meeting(n, "steering_committee", "2026-11-10 10:00", attendance=False, minutes=False)
    code, rules = check_rules(n, "--as-of", "2026-11-20")  # within 14 days: not yet due
    assert (code, rules) == (0, [])
    code, rules = check_rules(n, "--as-of", "2026-11-29")
    assert (code, rules) == (1, [("attendance-missing", last, "error"), ("minutes-missing", last, "error")])
    n.ok("meeting", "attend", last, "fundacion-a", "--status", "present")
    n.ok("meeting", "minutes", last, "--text", "Acta")
    n.ok("meeting", "decide", last, "Sin quórum")
    code, rules = check_rules(n, "--as-of", "2026-11-29")
    assert (code, rules) == (1, [("decision-without-quorum", f"{last}#1", "error")])
    # Attendance entered after the decision gives it its quorum: the check stops erring.
    n.ok("meeting", "attend", last, "ong-b", "--status", "present")
    assert check_rules(n, "--as-of", "2026-11-29") == (0, [])
    assert ": adopted (without quorum)" not in n.ok("meeting", "show", last).out
    n.ok("meeting", "decide", last, "Con quórum")
    n.ok("meeting", "action", "add", "Carta", "--meeting", last, "--due", "2026-11-25")
    code, rules = check_rules(n, "--as-of", "2026-11-29")
    assert (code, rules) == (0, [("action-item-overdue", "A-2026-001", "warning")])
    # Corrected to absent: the decisions are without quorum again.
    n.ok("meeting", "attendance", last, "edit", "ong-b", "--status", "absent", "--reason", "se retiró antes")
    assert check_rules(n, "--as-of", "2026-11-29")[1][:2] == [("decision-without-quorum", f"{last}#1", "error"),
                                                             ("decision-without-quorum", f"{last}#2", "error")]
    n.ok("meeting", "action", "done", "A-2026-001")


def test_check_meeting_not_closed(founded_recently):
    n = founded_recently
    held_meeting(n, "government_consultation", "2026-08-15 10:00")
    for start in ("2026-07-10 10:00", "2026-08-10 10:00", "2026-09-10 10:00", "2026-10-10 10:00",
                  "2026-11-10 10:00"):
        held_meeting(n, "steering_committee", start)
    (open_one,) = schedule(n, "--title", "Taller", "--kind", "capacity_building", "--start", "2026-10-01 10:00")
    code, rules = check_rules(n, "--as-of", "2026-11-29")
    assert (code, rules) == (0, [("meeting-not-closed", open_one, "warning")])
    n.ok("meeting", "cancel", open_one, "--reason", "sin inscritos")
    assert check_rules(n, "--as-of", "2026-11-29") == (0, [])


def test_check_bad_as_of(alliance):
    result = alliance.run("meeting", "check", "--as-of", "2026-02-30")
    assert result.code == 2
    assert result.err == 'nacsa: error: --as-of: "2026-02-30" is not a date (expected YYYY-MM-DD)\n'


# ---- references: members by id, name or acronym; contacts by name ----

@pytest.fixture
def example_members(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    return alliance


def test_members_are_named_by_id_name_or_acronym(example_members):
    n = example_members
    (mid,) = schedule(n, "--title", "Comité", "--kind", "steering_committee", "--start", "2026-11-10 10:00")
    n.ok("meeting", "invitees", mid, "--add", "Fundación Rutas Seguras", "--add", "cecosh", "--add", "cpadm")
    invited = [r["who"] for r in json.loads(n.ok("--format", "json", "meeting", "invitees", mid).out)]
    (cpadm,) = [m["id"] for m in json.loads(n.ok("--format", "json", "member", "list").out)
                if m["acronym"] == "CPADM"]
    assert invited == ["cecosh", cpadm, "rutas-seguras"]
    n.ok("meeting", "attend", mid, "fundacion rutas seguras", "CECOSH", "--status", "present")
    n.ok("meeting", "invitees", mid, "--remove", "CPADM")
    rows = json.loads(n.ok("--format", "json", "meeting", "invitees", mid).out)
    assert [(r["who"], r["attendance"]) for r in rows] == [("cecosh", "present"), ("rutas-seguras", "present")]
    result = n.run("meeting", "invitees", mid, "--add", "Fundación Inexistente")
    assert result.code == 3
    assert result.err.startswith('nacsa: error: no member "Fundación Inexistente" (an id, name or acronym')
    # An action item's owner: a member by any of its names, else a person as typed.
    a1 = n.ok("meeting", "action", "add", "Carta", "--owner", "RECOT").out.strip()
    a2 = n.ok("meeting", "action", "add", "Acta", "--owner", "Claudia Ortega").out.strip()
    items = {r["id"]: r["owner"] for r in json.loads(n.ok("--format", "json", "meeting", "action", "list").out)}
    assert items == {a1: "recot", a2: "Claudia Ortega"}
    assert [r["id"] for r in json.loads(n.ok("--format", "json", "meeting", "action", "list", "--owner",
                                             "recot").out)] == [a1]
    assert [r["id"] for r in json.loads(n.ok("--format", "json", "meeting", "action", "list", "--owner",
                                             "claudia ortega").out)] == [a2]


def test_represented_by_a_contact_a_member_or_a_name(example_members):
    n = example_members
    mid = past_meeting(n)
    # A contact of the represented member, by a run of words of their name: their full name.
    n.ok("meeting", "attend", mid, "rutas-seguras", "--status", "represented", "--by", "matias rojas")
    # Another member: its id.
    n.ok("meeting", "attend", mid, "cecosh", "--status", "represented", "--by", "RECOT")
    # Anyone else: as typed.
    n.ok("meeting", "attend", mid, "recot", "--status", "represented", "--by", "  Juana Pérez ")
    rows = {r["who"]: r["represented_by"]
            for r in json.loads(n.ok("--format", "json", "meeting", "invitees", mid).out)
            if r["represented_by"]}
    assert rows == {"rutas-seguras": "Matías Rojas Lillo", "cecosh": "recot", "recot": "Juana Pérez"}


# ---- writes that decide on what they read, run at once ----

AT_ONCE = 8


def at_once(nacsa, commands):
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(lambda args: nacsa.run(*args), commands))


def assert_all_ok(results):
    failed = [str(r) for r in results if r.code != 0]
    assert not failed, "\n".join(failed)


def test_attendance_recorded_at_once_is_all_counted(example_members):
    n = example_members
    mid = past_meeting(n)
    invited = [r["who"] for r in json.loads(n.ok("--format", "json", "meeting", "invitees", mid).out)]
    chosen = invited[:AT_ONCE]
    results = at_once(n, [("meeting", "attend", mid, who, "--status", "present") for who in chosen])
    assert_all_ok(results)
    # Each run counted the attendance recorded before it: 1, 2, ... 8 present.
    counts = sorted(int(re.search(r": (\d+) of \d+ voting members present", r.err).group(1)) for r in results)
    assert counts == list(range(1, AT_ONCE + 1))
    show = json.loads(n.ok("--format", "json", "meeting", "show", mid).out)
    assert show["voting_invited"] == len(invited)
    assert show["voting_present"] == AT_ONCE
    assert show["quorum_met"] == (AT_ONCE >= show["quorum_required"])
    rows = json.loads(n.ok("--format", "json", "meeting", "invitees", mid).out)
    assert sorted(r["who"] for r in rows if r["attendance"] == "present") == sorted(chosen)
    audited = [e for e in json.loads(n.ok("--format", "json", "log", "--record", mid).out)
               if e["summary"].startswith("attendance of")]
    assert len(audited) == AT_ONCE


def test_agenda_items_added_at_once_get_distinct_positions(alliance):
    (mid,) = schedule(alliance, "--title", "A", "--kind", "other", "--start", "2026-12-10 10:00")
    results = at_once(alliance, [("meeting", "agenda", mid, "add", f"Punto {i}") for i in range(AT_ONCE)])
    assert_all_ok(results)
    positions = sorted(int(re.search(r"added agenda item (\d+) to", r.err).group(1)) for r in results)
    assert positions == list(range(1, AT_ONCE + 1))
    rows = json.loads(alliance.ok("--format", "json", "meeting", "agenda", mid, "list").out)
    assert [r["position"] for r in rows] == list(range(1, AT_ONCE + 1))
    assert sorted(r["title"] for r in rows) == sorted(f"Punto {i}" for i in range(AT_ONCE))
    assert json.loads(alliance.ok("--format", "json", "meeting", "show", mid).out)["sequence"] == AT_ONCE
    # Removing the first item eight times at once removes each item once.
    assert_all_ok(at_once(alliance, [("meeting", "agenda", mid, "remove", "1")] * AT_ONCE))
    assert json.loads(alliance.ok("--format", "json", "meeting", "agenda", mid, "list").out) == []


def test_invitees_added_at_once_are_all_counted_for_quorum(example_members):
    n = example_members
    (mid,) = schedule(n, "--title", "Comité", "--kind", "steering_committee", "--start", "2026-11-10 10:00")
    members = [m["id"] for m in json.loads(n.ok("--format", "json", "member", "list").out)
               if m["status"] == "active"][:AT_ONCE]
    results = at_once(n, [("meeting", "invitees", mid, "--add", m) for m in members])
    assert_all_ok(results)
    counts = sorted(int(re.search(r": (\d+) voting invitees", r.err).group(1)) for r in results)
    assert counts == list(range(1, AT_ONCE + 1))
    show = json.loads(n.ok("--format", "json", "meeting", "show", mid).out)
    assert (show["voting_invited"], show["quorum_required"]) == (AT_ONCE, AT_ONCE // 2)


def test_closing_an_action_item_twice_at_once_closes_it_once(alliance):
    action = alliance.ok("meeting", "action", "add", "Carta").out.strip()
    commands = [("meeting", "action", "done", action) if i % 2 == 0
                else ("meeting", "action", "drop", action, "--reason", f"razón {i}") for i in range(AT_ONCE)]
    results = at_once(alliance, commands)
    assert sorted(r.code for r in results) == [0] + [65] * (AT_ONCE - 1), [str(r) for r in results]
    (status,) = [r["status"] for r in json.loads(alliance.ok("--format", "json", "meeting", "action", "list",
                                                             "--status", "all").out)]
    assert all(r.err == f"nacsa: error: {action} is already {status}\n" for r in results if r.code == 65)
    closings = [e for e in json.loads(alliance.ok("--format", "json", "log", "--record", action).out)
                if e["summary"] != "opened"]
    assert len(closings) == 1


def test_marking_a_meeting_held_twice_at_once_marks_it_once(members):
    mid = past_meeting(members)
    results = at_once(members, [("meeting", "held", mid, "--force")] * AT_ONCE)
    assert sorted(r.code for r in results) == [0] + [65] * (AT_ONCE - 1), [str(r) for r in results]
    assert all(r.err == f"nacsa: error: {mid} is held: cannot mark it held\n" for r in results if r.code == 65)
    history = json.loads(members.ok("--format", "json", "meeting", "show", mid).out)["history"]
    assert [h.split(" ", 1)[1] for h in history] == ["scheduled", "held: forced without attendance"]
