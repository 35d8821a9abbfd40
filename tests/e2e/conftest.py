# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures of the end-to-end tests: they run the built nacsa binary in a temporary
folder, with its own store, and look at stdout, stderr, the exit code and the store itself."""
import atexit
import fcntl
import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import termios
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("NACSA_SOURCE_DIR", Path(__file__).resolve().parents[2]))
NACSA_BIN = os.path.abspath(os.environ.get("NACSA_BIN", str(SOURCE_DIR / "build" / "cli" / "nacsa")))
EXAMPLES = SOURCE_DIR / "examples"
TESTDATA = SOURCE_DIR / "tests" / "data"

# NACSA_WRAPPER runs every nacsa under a tool, e.g. "valgrind --error-exitcode=99 ..."
# (scripts/test.sh --long); timeouts stretch by NACSA_TIMEOUT_SCALE then.
WRAPPER = shlex.split(os.environ.get("NACSA_WRAPPER", ""))
TIMEOUT_SCALE = float(os.environ.get("NACSA_TIMEOUT_SCALE", "1"))
# The binary is built with ASan+UBSan (ctest of the sanitize preset sets it): memory figures are
# the sanitizers', not nacsa's.
SANITIZED = os.environ.get("NACSA_SANITIZED", "0") == "1"

# Under the sanitizers the suite starts nacsa thousands of times, and most of a short run is
# ASan's own work, in page faults: LeakSanitizer's scan at exit (a fifth of a run), registering
# every global and string literal with its red zones (6,300 page faults of 9,400 for --version:
# 167 ms against 54 ms without), and the depot of allocation stacks (2,000 page faults of a
# member list). So the first LEAK_RUNS runs of each subcommand ("meeting attend", "init") in
# each test file run with every check, as valgrind-some.sh does under valgrind, and the other
# runs without the leak scan, without overflow checks on globals (report_globals=0) and
# without the allocation stacks in reports (malloc_context_size=0): every heap, stack and
# undefined-behaviour check still fails them, and a failure found there is run again in full
# with NACSA_ASAN_FULL=1. (The unit tests and the valgrind stage keep every check on every
# run.)
LEAK_RUNS = 3
FULL_ASAN = os.environ.get("NACSA_ASAN_FULL", "0") == "1"
LIGHT_ASAN = {"detect_leaks": "0", "report_globals": "0", "malloc_context_size": "0"}
_leak_runs: dict = {}


def _subcommand(args) -> str:
    words = [str(a) for a in args if not str(a).startswith("-")][:2]
    return " ".join(words)


def _asan_options(options: str, args) -> str:
    if FULL_ASAN:
        return options
    key = _subcommand(args)
    _leak_runs[key] = _leak_runs.get(key, 0) + 1
    if _leak_runs[key] <= LEAK_RUNS:
        return options
    kept = [o for o in options.split(":") if o and o.split("=", 1)[0] not in LIGHT_ASAN]
    return ":".join(kept + [f"{name}={value}" for name, value in LIGHT_ASAN.items()])


# Stores built by Nacsa.cached, by key, for the other tests of this test file (one pytest process).
_STORES = Path(tempfile.mkdtemp(prefix="nacsa-e2e-stores-"))
atexit.register(shutil.rmtree, _STORES, True)
_built: dict = {}

# 2026-11-29T12:00:00Z: "now" for every test, so dates and reports are reproducible.
DEFAULT_EPOCH = "1795953600"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def __str__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


class Nacsa:
    """Runs nacsa against one store in one temporary folder."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.db = workdir / "store.db"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir / "home"),
            "SOURCE_DATE_EPOCH": DEFAULT_EPOCH,
            "LC_ALL": "C.UTF-8",
            # Messages and reports in English unless a test asks for another language: the
            # example alliance works in Spanish, and nacsa speaks the alliance's language.
            "NACSA_LANG": "en",
            "NACSA_DB": str(self.db),
        }
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                self.env[name] = os.environ[name]

    def run(self, *args, input=None, env=None, timeout=120, binary=False):
        full_env = dict(self.env)
        if env:
            full_env.update(env)
        if SANITIZED and "ASAN_OPTIONS" in full_env:
            full_env["ASAN_OPTIONS"] = _asan_options(full_env["ASAN_OPTIONS"], args)
        proc = subprocess.run(
            [*WRAPPER, NACSA_BIN, *map(str, args)],
            cwd=self.workdir,
            input=input if binary or input is None else input.encode("utf-8"),
            capture_output=True,
            env=full_env,
            timeout=timeout * TIMEOUT_SCALE,
        )
        if binary:
            return Result(proc.returncode, proc.stdout, proc.stderr)
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))

    def ok(self, *args, **kwargs):
        """Runs nacsa and asserts it succeeded."""
        result = self.run(*args, **kwargs)
        assert result.code == 0, str(result)
        return result

    def init(self, config=None):
        if config is None:
            return self.ok("init", "--example")
        path = Path(config) if Path(config).is_absolute() else self.workdir / config  # nacsa runs in workdir
        return self.cached(_init, str(config), hashlib.sha256(path.read_bytes()).hexdigest())

    def cached(self, build, *args):
        """build(self, *args), a module-level function that only runs nacsa commands on this
        store, with what it returns. The first test of this test file to ask runs it; later
        tests that ask for the same build from the same store (byte for byte) with the same
        environment get a copy of the store it left and the same return value: the e2e suite
        sets up the same alliance hundreds of times, and runs every test three times in CI
        (plainly, under ASan+UBSan and under valgrind). Tests of the set-up commands themselves
        run them directly."""
        store = Path(self.env["NACSA_DB"])
        before = hashlib.sha256(store.read_bytes()).hexdigest() if store.exists() else ""
        env = sorted((k, v) for k, v in self.env.items()
                     if k not in ("HOME", "NACSA_DB", "PATH") and not k.endswith("SAN_OPTIONS"))
        key = hashlib.sha256(repr((build.__module__, build.__qualname__, args, before, env)).encode()).hexdigest()
        saved = _STORES / key
        if key in _built:
            shutil.copy2(saved, store)
            return _built[key]
        result = build(self, *args)
        assert not isinstance(result, Nacsa), "a cached build returns data, not the store"
        for suffix in ("-wal", "-journal"):
            assert not Path(f"{store}{suffix}").exists(), f"{store}{suffix} left by {build.__qualname__}"
        shutil.copy2(store, saved)
        _built[key] = result
        return result

    def sql(self, query, *params):
        """Rows of a query on the store (read-only)."""
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    def dump(self):
        """Every table's rows, to compare a store before and after a command."""
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name")]
            return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
        finally:
            con.close()

    def path(self, name):
        return self.workdir / name

    def write(self, name, text, encoding="utf-8"):
        p = self.workdir / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding=encoding)
        return p


@pytest.fixture
def nacsa(tmp_path):
    (tmp_path / "home").mkdir()
    return Nacsa(tmp_path)


@pytest.fixture
def alliance(nacsa):
    """A store initialised with the example alliance (examples/alliance.yaml)."""
    nacsa.init(EXAMPLES / "alliance.yaml")
    return nacsa


def _init(nacsa, config, _digest):
    return nacsa.ok("init", "--config", config)


def write_first_load(path, count, label):
    """A JSON Lines register of `count` members of its own (their names carry `label`), at
    least 1 MB from 2,500 members on: a first load of it into an empty store goes through a
    rollback journal (Store::bulk_transaction)."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(count):
            f.write(json.dumps({
                "name": f"Asociación {label} número {i:05d}", "type": "ngo", "region": "maule",
                "notes": f"Registro {i} de la carga {label}. " + "Trabaja en terreno. " * 12,
                "contacts": [{"name": f"Persona {label}-{i:05d}", "email": f"p{i}@carga{label}.example"}],
            }, ensure_ascii=False) + "\n")
    assert os.path.getsize(path) > 1 << 20
    return path


def copy_example(nacsa, name):
    target = nacsa.workdir / name
    shutil.copy(EXAMPLES / name, target)
    return target


def tty(n, *args, env=None, cols=80, rows=24):
    """Runs nacsa with stdout on a pseudo-terminal of cols x rows: (exit code, what the terminal
    got with \\r\\n as \\n, stderr)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    full_env = dict(n.env)
    full_env.update(env or {})
    try:
        proc = subprocess.Popen([*WRAPPER, NACSA_BIN, *map(str, args)], cwd=n.workdir, env=full_env,
                                stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        err = proc.stderr.read().decode("utf-8", "replace")
        code = proc.wait(timeout=120)
    finally:
        os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"), err
