# SPDX-License-Identifier: Apache-2.0
"""Every command that allocates an id, run 20 times, 8 at a time, against one store: every run
exits 0 and prints its own id (none prints an id another run printed), the store holds 20 new
records, and the audit log 20 new entries for them. The id is chosen inside the write
transaction (BEGIN IMMEDIATE), so no run can pick the same one and overwrite another's record.
A record named by the user (a plan priority's code) given by 8 runs at once is added once; the
other runs fail with exit 65 and change nothing."""

import json
import os
import time
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import EXAMPLES, NACSA_BIN, TIMEOUT_SCALE, WRAPPER, write_first_load

RUNS = 20
AT_ONCE = 8


def _run(nacsa, args):
    proc = subprocess.run([*WRAPPER, NACSA_BIN, *args], cwd=nacsa.workdir, env=nacsa.env,
                          capture_output=True, text=True, timeout=120 * TIMEOUT_SCALE)
    return proc


def _json(nacsa, *args):
    return json.loads(nacsa.ok("--format", "json", *args).out)


def _audited(nacsa, kind):
    return len(_json(nacsa, "log", "--kind", kind))


def _parallel(nacsa, make_args):
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(lambda i: _run(nacsa, make_args(i)), range(RUNS)))


# id: (setup commands, the command of run i, the list that shows the records, audit kind)
CASES = {
    "member add": (
        [],
        lambda i: ["member", "add", "--name", f"Organizacion Paralela {i}", "--type", "ngo"],
        ["member", "list"], "member"),
    "committee interest add": (
        [],
        lambda i: ["committee", "interest", "add", "--for", "working_group_lead",
                   "--working-group", f"grupo-{i}", "cecosh"],
        ["committee", "interest", "list"], "interest"),
    "committee election open": (
        [],
        lambda i: ["committee", "election", "open", "--role", "member", "--on", "2026-03-02",
                   "--title", f"Eleccion {i}"],
        ["committee", "election", "list"], "election"),
    "committee observer add": (
        [],
        lambda i: ["committee", "observer", "add", "--name", f"Persona {i}", "--institution",
                   "Ministerio de Justicia", "--from", "2026-04-01"],
        ["committee", "observer", "list"], "observer"),
    "wg create": (
        [],
        lambda i: ["wg", "create", f"Grupo paralelo {i}"],
        ["wg", "list", "--all"], "working_group"),
    "wg task add": (
        [],
        lambda i: ["wg", "task", "add", "experticia_tecnica", f"Tarea {i}"],
        ["wg", "task", "list", "--status", "all"], "wg_task"),
    "meeting schedule": (
        [],
        lambda i: ["meeting", "schedule", "--title", f"Reunion {i}", "--kind", "steering_committee",
                   "--start", f"2026-12-{1 + i:02} 10:00"],
        ["meeting", "list"], "meeting"),
    "meeting action add": (
        [],
        lambda i: ["meeting", "action", "add", f"Accion {i}", "--owner", "cecosh"],
        ["meeting", "action", "list", "--status", "all"], "action_item"),
    "meeting decide": (
        [["meeting", "schedule", "--title", "Comite", "--kind", "steering_committee",
          "--start", "2026-11-02 10:00"],
         ["meeting", "held", "M-2026-001", "--force"]],
        lambda i: ["meeting", "decide", "M-2026-001", f"Decision {i}"],
        ["meeting", "show", "M-2026-001"], "meeting"),
    "meeting participant add": (
        [["meeting", "schedule", "--title", "Taller", "--kind", "capacity_building", "--body",
          "all_members", "--start", "2026-11-02 10:00"],
         ["meeting", "held", "M-2026-001", "--force"]],
        lambda i: ["meeting", "participant", "add", "M-2026-001", "--guest", f"Invitada {i}",
                   "--gender", "female"],
        ["meeting", "participant", "list", "M-2026-001"], "meeting"),
    "plan priority add": (
        [],
        lambda i: ["plan", "priority", "add", f"P{i + 1}", "--title", f"Prioridad {i}"],
        ["plan", "priority", "list"], "plan_priority"),
    "plan activity add": (
        [],
        lambda i: ["plan", "activity", "add", "--title", f"Actividad {i}", "--kind", "research",
                   "--start", "2026-01-01", "--end", "2026-12-31", "--no-priority"],
        ["plan", "activity", "list"], "plan_activity"),
    "plan indicator add": (
        [["plan", "activity", "add", "--title", "Base", "--kind", "research", "--start",
          "2026-01-01", "--end", "2026-12-31", "--no-priority"]],
        lambda i: ["plan", "indicator", "add", "--activity", "A1", "--name", f"Indicador {i}",
                   "--unit", "talleres", "--baseline", "0", "--target", "10",
                   "--target-date", "2026-12-31"],
        ["plan", "indicator", "list"], "plan_indicator"),
    "plan contribution add": (
        [],
        lambda i: ["plan", "contribution", "add", "--questionnaire", f"Articulo {i}",
                   "--submitted", "2026-01-01", "--to", "Cancilleria", "--summary", "Aportes"],
        ["plan", "contribution", "list"], "plan_contribution"),
}


def _records(nacsa, list_args, case):
    listed = _json(nacsa, *list_args)
    if case == "meeting decide":
        return listed["decisions"]
    return listed


@pytest.mark.parametrize("case", sorted(CASES))
def test_parallel_adds_print_distinct_ids_and_lose_nothing(alliance, case):
    nacsa = alliance
    nacsa.ok("member", "import", EXAMPLES / "members.yaml")
    setup, make_args, list_args, kind = CASES[case]
    for args in setup:
        nacsa.ok(*args)
    records_before = len(_records(nacsa, list_args, case))
    audited_before = _audited(nacsa, kind)

    results = _parallel(nacsa, make_args)

    failed = [f"{r.args[1:]}: exit {r.returncode}: {r.stderr}" for r in results if r.returncode != 0]
    assert not failed, "\n".join(failed)
    printed = [r.stdout.strip() for r in results]
    assert all(printed), printed
    assert len(set(printed)) == RUNS, f"ids printed twice: {sorted(printed)}"
    assert len(_records(nacsa, list_args, case)) == records_before + RUNS
    assert _audited(nacsa, kind) == audited_before + RUNS
    assert nacsa.run("db", "check").code == 0


def test_the_same_priority_code_eight_times_at_once_is_added_once(alliance):
    nacsa = alliance
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        results = list(pool.map(
            lambda i: _run(nacsa, ["plan", "priority", "add", "P1", "--title", f"Prioridad {i}"]),
            range(AT_ONCE)))
    codes = sorted(r.returncode for r in results)
    assert codes == [0] + [65] * (AT_ONCE - 1), [(r.returncode, r.stderr) for r in results]
    assert all("already exists" in r.stderr for r in results if r.returncode == 65)
    assert len(_json(nacsa, "plan", "priority", "list")) == 1
    assert _audited(nacsa, "plan_priority") == 1


def test_eight_acknowledgements_of_one_finding_at_once_keep_one_each_audited(alliance):
    """An acknowledgement is an upsert on the finding's key: eight at once all exit 0, the check
    shows one acknowledgement (the last one's reason), and the log has the eight."""
    nacsa = alliance
    nacsa.ok("plan", "import", EXAMPLES / "plan.yaml")
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        results = list(pool.map(
            lambda i: _run(nacsa, ["plan", "check", "ack", "activity-overdue:A2", "--reason", f"motivo {i}"]),
            range(AT_ONCE)))
    assert [r.returncode for r in results] == [0] * AT_ONCE, [r.stderr for r in results]
    findings = [f for f in _json(nacsa, "plan", "check", "--all") if f["record"] == "A2"]
    assert len(findings) == 1
    reasons = [e["summary"] for e in _json(nacsa, "log", "--kind", "finding")]
    assert sorted(reasons) == sorted(f"acknowledged: motivo {i}" for i in range(AT_ONCE))
    assert findings[0]["acknowledged"] == reasons[-1].removeprefix("acknowledged: ")


def test_eight_status_corrections_at_once_void_only_what_there_is(alliance):
    """An activity with two status changes after its first status: of eight corrections at once,
    two void one change each (the latest, then the one before), six find nothing left to void
    (exit 65), and the first status stands."""
    nacsa = alliance
    nacsa.ok("plan", "import", EXAMPLES / "plan.yaml")
    nacsa.ok("plan", "activity", "status", "A4", "delayed", "--date", "2026-11-20")
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        results = list(pool.map(
            lambda i: _run(nacsa, ["plan", "activity", "status", "A4", "--correct", "--reason", f"error {i}"]),
            range(AT_ONCE)))
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 0] + [65] * (AT_ONCE - 2), [(r.returncode, r.stderr) for r in results]
    shown = _json(nacsa, "plan", "activity", "show", "A4")
    assert shown["status"] == "planned"
    assert [h.split(" [")[0] for h in shown["status_history"]] == [
        "2026-01-10 planned", "2026-07-06 in_progress", "2026-11-20 delayed"]
    assert sum("[voided" in h for h in shown["status_history"]) == 2
    assert len([e for e in _json(nacsa, "log", "--record", "A4") if "voided" in e["summary"]]) == 2


def test_a_first_load_with_imports_and_readers_meanwhile_loses_nothing(alliance):
    """A large import into an empty store goes through a rollback journal; seven more imports
    and eight readers started while it runs wait for it (the write lock, then the readers'),
    or use the write-ahead log once members are there: every run exits 0, every reader sees
    whole imports only, and the store holds all eight, is in WAL mode again, and passes db
    check."""
    nacsa = alliance
    count = 2500
    files = [nacsa.path(f"load{run}.jsonl") for run in range(AT_ONCE)]
    for run, path in enumerate(files):
        write_first_load(path, count, run)
    nacsa.env["NACSA_BUSY_TIMEOUT"] = str(int(300_000 * TIMEOUT_SCALE))
    journal = f"{nacsa.db}-journal"
    with ThreadPoolExecutor(max_workers=2 * AT_ONCE) as pool:
        first = pool.submit(_run, nacsa, ["member", "import", str(files[0])])
        deadline = time.monotonic() + 60 * TIMEOUT_SCALE
        while not os.path.exists(journal) and not first.done() and time.monotonic() < deadline:
            time.sleep(0.001)
        assert os.path.exists(journal), "the first load did not take the rollback journal"
        commands = [["member", "import", str(path)] for path in files[1:]]
        commands += [["--format", "json", "member", "list"]] * AT_ONCE
        results = [first, *(pool.submit(_run, nacsa, args) for args in commands)]
        results = [r.result() for r in results]  # the first load's, the imports', the readers'
    failed = [f"{r.args[1:]}: exit {r.returncode}: {r.stderr}" for r in results if r.returncode != 0]
    assert not failed, "\n".join(failed)
    for reader in results[AT_ONCE:]:
        assert len(json.loads(reader.stdout)) % count == 0, len(json.loads(reader.stdout))
    assert len(_json(nacsa, "member", "list")) == AT_ONCE * count
    assert _audited(nacsa, "import") == AT_ONCE
    assert nacsa.run("db", "check").code == 0
    assert nacsa.sql("PRAGMA journal_mode") == [("wal",)]
