# SPDX-License-Identifier: Apache-2.0
"""Several nacsa processes write one store at once while another reads it: no write fails with
"database is locked" within the busy timeout, none is lost, and every read sees a consistent
store (each listing's count is one some point in time had)."""

import json
import subprocess
import threading

from conftest import NACSA_BIN, WRAPPER, TIMEOUT_SCALE

WRITERS = 4
ADDS_PER_WRITER = 12
EDITS_PER_WRITER = 6


def _run(nacsa, *args):
    proc = subprocess.run([*WRAPPER, NACSA_BIN, *args], cwd=nacsa.workdir, env=nacsa.env, capture_output=True,
                          text=True, timeout=120 * TIMEOUT_SCALE)
    return proc


def test_parallel_writers_and_a_reader(alliance):
    nacsa = alliance
    failures = []
    seen_counts = []
    done = threading.Event()

    def writer(w):
        for i in range(ADDS_PER_WRITER):
            proc = _run(nacsa, "member", "add", "--name", f"Writer {w} Organisation {i}", "--type", "ngo",
                        "--region", "maule", "--theme", "untoc")
            if proc.returncode != 0:
                failures.append(f"writer {w} add {i}: exit {proc.returncode}: {proc.stderr}")
        for i in range(EDITS_PER_WRITER):
            proc = _run(nacsa, "member", "edit", f"writer-{w}-organisation-{i}", "--city", f"Ciudad {w}-{i}")
            if proc.returncode != 0:
                failures.append(f"writer {w} edit {i}: exit {proc.returncode}: {proc.stderr}")

    def reader():
        while not done.is_set():
            proc = _run(nacsa, "member", "list", "--format", "json")
            if proc.returncode != 0:
                failures.append(f"reader: exit {proc.returncode}: {proc.stderr}")
                continue
            members = json.loads(proc.stdout)
            ids = [m["id"] for m in members]
            assert len(ids) == len(set(ids))
            seen_counts.append(len(members))

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    read_thread = threading.Thread(target=reader)
    read_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    read_thread.join()

    assert not failures, "\n".join(failures)
    assert all("locked" not in f for f in failures)
    total = WRITERS * ADDS_PER_WRITER
    members = json.loads(nacsa.ok("--format", "json", "member", "list").out)
    assert len(members) == total
    edited = [m for m in members if (m["city"] or "").startswith("Ciudad ")]
    assert len(edited) == WRITERS * EDITS_PER_WRITER
    # Every change is in the audit log, once.
    log = json.loads(nacsa.ok("--format", "json", "log", "--kind", "member").out)
    audited = [e for e in log if e["record_id"].startswith("writer-")]
    assert len(audited) == total + WRITERS * EDITS_PER_WRITER
    # The reader saw the register grow, never shrink, and never a torn state.
    assert seen_counts, "the reader never ran"
    assert seen_counts == sorted(seen_counts)
    assert all(0 <= c <= total for c in seen_counts)
    assert _run(nacsa, "db", "check").returncode == 0
