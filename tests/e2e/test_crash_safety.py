# SPDX-License-Identifier: Apache-2.0
"""A large member import killed with SIGKILL at many moments leaves a store that passes
`nacsa db check` and holds none or all of the import; a full disk fails with exit 74 and
leaves the store unchanged. Each of them both through the write-ahead log (files under 1 MB)
and as a first load through a rollback journal (Store::bulk_transaction, 1 MB and more).

The kill loop takes a few minutes: it runs with NACSA_LONG=1 (scripts/test.sh --long); without
it a short version (8 kills) runs."""

import json
import os
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import resource

import pytest

from conftest import EXAMPLES, NACSA_BIN

KILLS = 50 if os.environ.get("NACSA_LONG") else 8
# Members per import: 3,000 (630 KB) go through the write-ahead log; 6,000 (1.3 MB) make a
# first load big enough for the rollback journal.
SIZES = pytest.mark.parametrize("members", [3000, 6000], ids=["wal", "rollback-journal"])
FIRST_LOAD_BYTES = 1 << 20


def _write_import(path, count):
    themes = ["untoc", "firearms", "emerging_crimes"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            record = {
                "name": f"Organización de prueba número {i:05d}",
                "type": "ngo",
                "region": "maule",
                "city": "Talca",
                "thematic_areas": [themes[i % 3]],
                "contacts": [{"name": f"Persona {i:05d}", "email": f"persona{i}@example.org"}],
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def _timed_import(nacsa, source):
    start = time.monotonic()
    nacsa.ok("member", "import", source, timeout=600)
    return time.monotonic() - start


@SIZES
def test_sigkill_during_import_keeps_all_or_nothing(alliance, members):
    nacsa = alliance
    source = nacsa.path("big.jsonl")
    _write_import(source, members)
    assert (os.path.getsize(source) >= FIRST_LOAD_BYTES) == (members == 6000)
    pristine = nacsa.path("pristine.db")
    shutil.copy(nacsa.db, pristine)
    # How long a whole import takes, to spread the kills over it (and a bit past it).
    duration = _timed_import(nacsa, source)
    assert len(json.loads(nacsa.ok("--format", "json", "member", "list").out)) == members
    assert nacsa.sql("PRAGMA journal_mode") == [("wal",)]
    outcomes = {"none": 0, "all": 0}
    journals_left = 0
    for k in range(KILLS):
        for suffix in ("", "-wal", "-shm", "-journal"):
            side = nacsa.db.with_name(nacsa.db.name + suffix)
            if side.exists():
                side.unlink()
        shutil.copy(pristine, nacsa.db)
        delay = duration * 1.1 * (k + 0.5) / KILLS
        proc = subprocess.Popen([NACSA_BIN, "member", "import", str(source)], cwd=nacsa.workdir, env=nacsa.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        journal = f"{nacsa.db}-journal"
        journals_left += os.path.exists(journal) and os.path.getsize(journal) > 0
        # Read-only first, four at once: one of them rolls a killed first load's journal back,
        # the others wait for it, and all read the same store.
        with ThreadPoolExecutor(max_workers=4) as pool:
            reads = list(pool.map(lambda _: nacsa.run("--format", "json", "member", "list"), range(4)))
        assert [r.code for r in reads] == [0] * 4, f"kill {k} after {delay:.3f}s: {reads}"
        assert len({r.out for r in reads}) == 1, f"kill {k} after {delay:.3f}s"
        listed = json.loads(reads[0].out)
        check = nacsa.run("db", "check")
        assert check.code == 0, f"kill {k} after {delay:.3f}s: {check}"
        count = len(listed)
        contacts = sum(m["contacts"] for m in listed)
        imports = len(json.loads(nacsa.ok("--format", "json", "log", "--kind", "import").out))
        assert (count, contacts, imports) in ((0, 0, 0), (members, members, 1)), \
            f"kill {k} after {delay:.3f}s left {count} members, {contacts} contacts, {imports} import entries"
        assert not os.path.exists(f"{nacsa.db}-journal"), f"kill {k} after {delay:.3f}s"
        outcomes["none" if count == 0 else "all"] += 1
    # Some kills left a first load's journal behind, and it was rolled back.
    assert (journals_left > 0) == (members == 6000), journals_left
    # A command that writes puts the write-ahead log back, whatever the kill left.
    nacsa.ok("member", "add", "--name", "Fundación Después", "--type", "ngo")
    assert nacsa.sql("PRAGMA journal_mode") == [("wal",)]
    # Spread delays: some kills landed before the commit.
    assert outcomes["none"] > 0, outcomes


def _can_mount_tmpfs(target):
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    target.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(target)],
                          capture_output=True)
    return proc.returncode == 0


@SIZES
def test_disk_full_during_import(nacsa, tmp_path, members):
    small = tmp_path / "small"
    if not _can_mount_tmpfs(small):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount)")
    try:
        nacsa.db = small / "store.db"
        nacsa.env["NACSA_DB"] = str(nacsa.db)
        nacsa.init(EXAMPLES / "alliance.yaml")
        if members < 6000:
            nacsa.ok("member", "import", EXAMPLES / "members.yaml")
        before = nacsa.dump()
        source = nacsa.path("big.jsonl")
        _write_import(source, members)
        result = nacsa.run("member", "import", source, timeout=600)
        assert result.code == 74, str(result)
        assert result.err.startswith("nacsa: error: "), result.err
        assert "full" in result.err.lower(), result.err
        assert nacsa.dump() == before
        assert nacsa.run("db", "check").code == 0
        assert nacsa.sql("PRAGMA journal_mode") == [("wal",)]
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True)


@SIZES
def test_file_size_limit_during_import(alliance, members):
    """Where no tmpfs can be mounted this still runs: a write past RLIMIT_FSIZE fails (EFBIG)
    as a full disk does, and the import must roll back as cleanly."""
    nacsa = alliance
    before = nacsa.dump()
    source = nacsa.path("big.jsonl")
    _write_import(source, members)
    limit = nacsa.db.stat().st_size + 200_000

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run([NACSA_BIN, "member", "import", str(source)], cwd=nacsa.workdir, env=nacsa.env,
                          capture_output=True, text=True, preexec_fn=limit_file_size, timeout=600)
    assert proc.returncode == 74, proc
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"nacsa: error: {nacsa.db}: I/O error"), proc.stderr
    assert "nothing was changed" in proc.stderr, proc.stderr
    assert nacsa.dump() == before
    assert nacsa.run("db", "check").code == 0
    assert nacsa.sql("PRAGMA journal_mode") == [("wal",)]
