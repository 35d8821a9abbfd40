# SPDX-License-Identifier: Apache-2.0
"""Bad input never crashes, hangs or half-writes: every file under tests/bad/ and every input
generated below is fed to nacsa, and the exit code, the message (with file and line), the absence
of a crash and the unchanged store are asserted.

tests/bad/<kind>/<name>.<ext> sits next to <name>.expect (YAML):
    exit: 78                       # the exit code
    stderr: '^nacsa: error: ...'   # regex (or a list of them) searched in stderr;
                                   # {file} stands for the input's name, as given to nacsa
The <kind> folder says how the input is fed (KINDS). Huge and binary inputs are generated at
run time (GENERATED) instead of being committed."""
import re
import shutil
import signal
import subprocess

import pytest
import yaml

from conftest import EXAMPLES, NACSA_BIN, SANITIZED, SOURCE_DIR, WRAPPER

BAD = SOURCE_DIR / "tests" / "bad"
# Seconds per command (conftest stretches it by NACSA_TIMEOUT_SCALE under valgrind).
TIMEOUT = 30

# How each kind of input is given to nacsa: mode name -> arguments ({file} = the input).
# "store" modes run against a store initialised with examples/alliance.yaml and check it is
# unchanged; "init" runs on no store and checks none is created.
KINDS = {
    "config": {
        "check": ["config", "check", "{file}"],
        "apply": ["config", "apply", "{file}"],
        "init": ["--db", "new.db", "init", "--config", "{file}"],
    },
    "members": {
        "import": ["member", "import", "{file}"],
        "dry-run": ["member", "import", "--dry-run", "{file}"],
    },
    "plan": {
        "import": ["plan", "import", "{file}"],
        "dry-run": ["plan", "import", "--dry-run", "{file}"],
    },
}

MINIMAL = (EXAMPLES / "alliance-minimal.yaml").read_text(encoding="utf-8")


def _replace(old, new):
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1).encode("utf-8")


def _replace_bytes(old, new):
    raw = MINIMAL.encode("utf-8")
    assert old in raw, old
    return raw.replace(old, new, 1)


def _laughs():
    """Aliases of aliases: 10^9 leaves if anything expanded them."""
    lines = ["    thematic_areas: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*l{i - 1}"] * 10)
        lines.append(f"  - key: g{i}\n    name: G\n    purpose: P\n    thematic_areas: &l{i} [{refs}]")
    groups = "working_groups:\n  - key: g0\n    name: G\n    purpose: P\n" + "\n".join(lines)
    return _replace("working_groups: []", groups)


def _laughs_in_scalars():
    """A billion laughs through merge keys (<<) and aliases of mappings."""
    body = "lol0: &l0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol, j: lol}\n"
    for i in range(1, 10):
        refs = ", ".join(f"k{j}: *l{i - 1}" for j in range(10))
        body += f"lol{i}: &l{i} {{{refs}}}\n"
    return (MINIMAL + body).encode("utf-8")


# Generated inputs: (kind, name, content factory, exit code, stderr regex).
GENERATED = [
    ("config", "invalid-utf8.yaml", lambda: _replace_bytes(b"short_name: ANSC France", b"short_name: ANSC \xff\xfe France"),
     78, r"^nacsa: error: {file}:7:18: is not valid UTF-8 text"),
    ("config", "overlong-utf8.yaml", lambda: _replace_bytes(b"country: FR", b"country: F\xc0\x80R"),
     78, r"^nacsa: error: {file}:8:11: is not valid UTF-8 text"),
    ("config", "surrogate-utf8.yaml", lambda: _replace_bytes(b"country: FR", b"country: F\xed\xa0\x80R"),
     78, r"^nacsa: error: {file}:8:11: is not valid UTF-8 text"),
    ("config", "nul-byte.yaml", lambda: _replace("country: FR", "country: F\x00R"),
     78, r"^nacsa: error: {file}:8:11: contains a NUL byte"),
    ("config", "utf16.yaml", lambda: MINIMAL.encode("utf-16"),
     78, r"^nacsa: error: {file}:1:1: is UTF-16 \(little-endian\) text; nacsa reads UTF-8: save it as UTF-8"),
    ("config", "huge-field.yaml", lambda: _replace("short_name: ANSC France", "short_name: " + "A" * 10_000_000),
     78, r"^nacsa: error: {file}:7:13: field \"short_name\": is 10000000 bytes long \(at most 4000\)"),
    ("config", "huge-file.yaml", lambda: MINIMAL.encode("utf-8") + b"#" * (65 << 20),
     66, r"^nacsa: error: {file}: is larger than 64 MiB, the most nacsa reads"),
    ("config", "deep-flow.yaml", lambda: _replace("working_groups: []", "working_groups: " + "[" * 100_000 + "]" * 100_000),
     78, r"^nacsa: error: {file}:\d+:\d+: nests deeper than 64 levels"),
    ("config", "deep-block.yaml", lambda: _replace("working_groups: []", "working_groups:\n" + "".join("  " * (i + 1) + "- \n" for i in range(5000))),
     78, r"^nacsa: error: {file}:\d+:1: (nests deeper than 64 levels|the file is \d+ bytes)"),
    ("config", "deep-mapping.yaml", lambda: _replace("working_groups: []", "working_groups:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(2000))),
     78, r"^nacsa: error: {file}:\d+:1: (nests deeper than 64 levels|the file is \d+ bytes)"),
    ("config", "billion-laughs.yaml", _laughs,
     78, r"^nacsa: error: {file}:\d+:\d+: expands to more than 200000 values through its aliases"),
    ("config", "billion-laughs-mappings.yaml", _laughs_in_scalars,
     78, r"^nacsa: error: {file}:\d+:\d+: expands to more than 200000 values through its aliases"),
    ("config", "empty.yaml", lambda: b"",
     78, r"^nacsa: error: {file}(:1:1)?: the file is empty \(expected the alliance configuration\)"),
    ("config", "whitespace.yaml", lambda: b"\n\n   \n\t\n",
     78, r"^nacsa: error: {file}"),
    ("config", "binary.yaml", lambda: bytes(range(1, 256)) * 64,
     78, r"^nacsa: error: {file}:\d+:\d+: is not valid UTF-8 text"),
    ("config", "directory.yaml", None,
     66, r"^nacsa: error: {file}: is a directory, not a file"),
    ("config", "missing.yaml", "missing",
     66, r"^nacsa: error: {file}: no such file"),
    ("members", "invalid-utf8.csv", lambda: b"id,name,type,region\r\nuno,Fundaci\xc3\xb3n,ngo,maule\r\ndos,Fundaci\xf3n,ngo,maule\r\n",
     65, r"^nacsa: error: {file}:3:"),
    ("members", "nul-byte.csv", lambda: b"id,name,type,region\r\nuno,Fund\x00,ngo,maule\r\n",
     65, r"^nacsa: error: {file}:2:"),
    ("members", "utf16-bom.csv", lambda: "id,name,type,region\r\nuno,Uno,ngo,maule\r\n".encode("utf-16"),
     65, r"^nacsa: error: {file}:1:"),
    ("members", "double-bom.csv", lambda: "\ufeff\ufeffid,name,type,region\r\nuno,Uno,ngo,maule\r\n".encode("utf-8"),
     65, r"^nacsa: error: {file}:1:"),
    ("members", "huge-field.csv", lambda: ("id,name,type,region\r\nuno," + "A" * 500_000 + ",ngo,maule\r\n").encode(),
     65, r'^nacsa: error: {file}:2:2: field "name": is too long \(500000 bytes; at most 1000\)'),
    ("members", "huge-field.jsonl", lambda: ('{"id":"uno","name":"' + "A" * 500_000 + '","type":"ngo","region":"maule"}\n').encode(),
     65, r'^nacsa: error: {file}:1: field "name": is too long \(500000 bytes; at most 1000\)'),
    ("members", "huge-line.csv", lambda: ("id,name,type,region\r\nuno," + "A" * 10_000_000 + ",ngo,maule\r\n").encode(),
     65, r"^nacsa: error: {file}:2: a line longer than 1 MiB, the most nacsa reads in one"),
    ("members", "huge-record.csv", lambda: ('id,name,type,region\r\nuno,"A' + "\r\n" * 1_000_000 + '",ngo,maule\r\n').encode(),
     65, r"^nacsa: error: {file}:2: a record longer than 1 MiB, the most nacsa reads in one: is this the right "
         r"file \(or a quoted field that is never closed\)\?"),
    ("members", "huge-line.jsonl", lambda: ('{"id":"uno","name":"' + "A" * 10_000_000 + '","type":"ngo","region":"maule"}\n').encode(),
     65, r"^nacsa: error: {file}:1: a line longer than 1 MiB, the most nacsa reads in one"),
    ("members", "utf16-no-bom.csv", lambda: "id,name,type,region\r\nuno,Uno,ngo,maule\r\n".encode("utf-16-le"),
     65, r"^nacsa: error: {file}:1:1: is UTF-16 \(little-endian\) text; nacsa reads UTF-8: save it as UTF-8 "
         r"\(in a spreadsheet: Save As, \"CSV UTF-8\"; or: iconv -f UTF-16LE -t UTF-8\)"),
    ("members", "utf16-be.jsonl", lambda: '{"id":"uno","name":"Uno","type":"ngo","region":"maule"}\n'.encode("utf-16-be"),
     65, r"^nacsa: error: {file}:1:1: is UTF-16 \(big-endian\) text; nacsa reads UTF-8"),
    ("members", "utf32.yaml", lambda: "- id: uno\n  name: Uno\n  type: ngo\n  region: maule\n".encode("utf-32"),
     65, r"^nacsa: error: {file}:1:1: is UTF-32 \(little-endian\) text; nacsa reads UTF-8"),
    ("members", "utf16.yaml", lambda: "- id: uno\n  name: Uno\n  type: ngo\n  region: maule\n".encode("utf-16"),
     65, r"^nacsa: error: {file}:1:1: is UTF-16 \(little-endian\) text; nacsa reads UTF-8"),
    ("members", "latin1.csv", lambda: "id,name,type,region\r\nuno,Fundaci\xf3n,ngo,maule\r\n".encode("latin-1"),
     65, r"^nacsa: error: {file}:2:12: is Latin-1 or Windows-1252 text; nacsa reads UTF-8: save it as UTF-8"),
    ("members", "inner-bom.csv", lambda: "id,name,type,region\r\nuno,Uno,ngo,maule\r\n\ufeffdos,Dos,ngo,maule\r\n".encode(),
     65, r"^nacsa: error: {file}:3: holds a byte-order mark \(U\+FEFF, invisible in most editors\) inside the text: "
         r"were two files joined together\?"),
    ("members", "inner-bom.jsonl", lambda: '{"id":"uno","name":"Uno","type":"ngo","region":"maule"}\n\ufeff{"id":"dos"}\n'.encode(),
     65, r"^nacsa: error: {file}:2:1: holds a byte-order mark \(U\+FEFF"),
    ("config", "inner-bom.yaml", lambda: _replace("country: FR", "country: \ufeffFR"),
     78, r"^nacsa: error: {file}:8:10: holds a byte-order mark \(U\+FEFF"),
    ("config", "utf16-no-bom.yaml", lambda: MINIMAL.encode("utf-16-le"),
     78, r"^nacsa: error: {file}:1:1: is UTF-16 \(little-endian\) text"),
    ("members", "invalid-utf8.yaml", lambda: b"- id: uno\n  name: Fundaci\xf3n\n  type: ngo\n  region: maule\n",
     65, r"^nacsa: error: {file}:2:"),
    ("members", "nul-byte.jsonl", lambda: b'{"id":"uno","name":"A\x00","type":"ngo","region":"maule"}\n',
     65, r"^nacsa: error: {file}:1:"),
    ("members", "deep.jsonl", lambda: b"[" * 100_000 + b"]" * 100_000 + b"\n",
     65, r"^nacsa: error: {file}:1:65: nests deeper than 64 levels; a member record needs 3"),
    ("members", "deep-after-a-key.jsonl", lambda: b'{"name":"x","notes":' + b"[" * 100_000 + b"\n",
     65, r"^nacsa: error: {file}:1:84: nests deeper than 64 levels"),
    ("members", "overflow.jsonl", lambda: b'{"name":"X","type":"ngo","region":"maule","net4u":1e400}\n',
     65, r"^nacsa: error: {file}:1: invalid JSON: number overflow parsing '1e400'$"),
    ("members", "directory.csv", None,
     66, r"^nacsa: error: {file}: is a directory, not a file"),
    ("members", "missing.jsonl", "missing",
     66, r"^nacsa: error: {file}: no such file"),
    ("config", "/dev/zero", "device",
     66, r"^nacsa: error: /dev/zero: is larger than 64 MiB, the most nacsa reads"),
]


def _committed_cases():
    cases = []
    for kind in sorted(KINDS):
        folder = BAD / kind
        for expect in sorted(folder.glob("*.expect")):
            inputs = [p for p in folder.glob(expect.stem + ".*") if p.suffix != ".expect"]
            assert len(inputs) == 1, f"{expect}: expected exactly one input next to it, found {inputs}"
            spec = yaml.safe_load(expect.read_text(encoding="utf-8"))
            cases.append((kind, inputs[0], spec))
    return cases


COMMITTED = _committed_cases()


def test_there_are_enough_bad_inputs():
    modes = sum(len(KINDS[kind]) for kind, _, _ in COMMITTED) + sum(len(KINDS[c[0]]) for c in GENERATED)
    assert len(COMMITTED) + len(GENERATED) >= 60, len(COMMITTED) + len(GENERATED)
    assert modes >= 180


def test_every_bad_input_has_an_expectation():
    for kind in KINDS:
        for path in (BAD / kind).iterdir():
            if path.suffix != ".expect":
                assert path.with_suffix(".expect").exists(), f"{path} has no .expect file"


def _run_case(nacsa, kind, mode, name, exit_code, patterns):
    args = [a.replace("{file}", name) for a in KINDS[kind][mode]]
    if mode in ("init", "check"):
        before = None
    else:
        nacsa.init(EXAMPLES / "alliance.yaml")
        before = nacsa.dump()
    result = nacsa.run(*args, timeout=TIMEOUT, binary=True)
    err = result.err.decode("utf-8", "replace")
    assert result.code >= 0, f"killed by signal {signal.Signals(-result.code).name}\n{err}"
    assert result.code == exit_code, f"exit {result.code}, expected {exit_code}\n{err[:3000]}"
    for pattern in patterns:
        rx = pattern.replace("{file}", re.escape(name))
        assert re.search(rx, err, re.MULTILINE), f"stderr does not match {rx!r}:\n{err[:3000]}"
    assert "AddressSanitizer" not in err and "runtime error:" not in err, err
    assert len(result.out) == 0 or mode == "check", result.out[:500]
    if mode == "init":
        assert not nacsa.path("new.db").exists(), "a store was created from a bad configuration"
    elif before is not None:
        assert nacsa.dump() == before, "the store changed"


@pytest.mark.parametrize(
    "kind,path,spec,mode",
    [pytest.param(k, p, s, m, id=f"{k}/{p.name}:{m}") for k, p, s in COMMITTED for m in KINDS[k]],
)
def test_committed_bad_input(nacsa, kind, path, spec, mode):
    shutil.copy(path, nacsa.path(path.name))
    patterns = spec["stderr"] if isinstance(spec["stderr"], list) else [spec["stderr"]]
    _run_case(nacsa, kind, mode, path.name, spec["exit"], patterns)


@pytest.mark.parametrize(
    "kind,name,make,exit_code,pattern,mode",
    [pytest.param(*case, m, id=f"{case[0]}/{case[1]}:{m}") for case in GENERATED for m in KINDS[case[0]]],
)
def test_generated_bad_input(nacsa, kind, name, make, exit_code, pattern, mode):
    if make is None:
        nacsa.path(name).mkdir()
    elif make == "missing" or make == "device":
        pass
    else:
        nacsa.write(name, make())
    _run_case(nacsa, kind, mode, name, exit_code, [pattern])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("input_format", ["csv", "jsonl", "yaml"])
def test_an_endless_input_stops_at_its_start_with_little_memory(alliance, device, input_format):
    """What never ends is refused from its first bytes (not text), before it is read further; the
    peak memory of the whole run stays far below what reading it would take."""
    before = alliance.dump()
    proc = subprocess.Popen([*WRAPPER, NACSA_BIN, "member", "import", "--input-format", input_format, device],
                            cwd=alliance.workdir, env=alliance.env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 65, err
    assert re.match(rf"^nacsa: error: {device}:\d+:\d+: holds (NUL bytes|bytes that are not text)", err.decode()), err
    assert out == b""
    assert alliance.dump() == before


@pytest.mark.skipif(bool(WRAPPER) or SANITIZED, reason="memory is valgrind's or the sanitizers' then")
def test_member_import_of_dev_zero_stays_under_50_mb(alliance):
    script = ("import resource, subprocess, sys\n"
              "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
              "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    for input_format in ("csv", "jsonl", "yaml"):
        # A child Python of its own, so that the peak is this nacsa's alone.
        result = subprocess.run(["/usr/bin/python3", "-c", script, NACSA_BIN, "member", "import",
                                 "--input-format", input_format, "/dev/zero"],
                                cwd=alliance.workdir, env=alliance.env, capture_output=True, text=True,
                                timeout=TIMEOUT)
        code, peak_kib = map(int, result.stdout.split())
        assert code == 65
        assert peak_kib < 50 * 1024, f"{input_format}: {peak_kib} KiB"


@pytest.mark.parametrize("args,message", [
    (["meeting", "decide", "m", "t", "--for", "-3"], '--for: "-3" cannot be negative'),
    (["meeting", "decide", "m", "t", "--against", "1e9"], '--against: "1e9" is not a whole number'),
    (["meeting", "decide", "m", "t", "--abstain", "99999999999999999999"],
     '--abstain: "99999999999999999999" is not a whole number'),
    (["committee", "election", "tally", "1", "adah=-5", "--ballots", "3"], 'tally: "adah=-5": votes cannot be negative'),
    (["committee", "election", "tally", "1", "adah=2", "--ballots", "-1"], '--ballots: "-1" cannot be negative'),
    (["committee", "election", "open", "--role", "coordinator", "--seats", "0"], '--seats: "0" must be at least 1'),
    (["committee", "election", "open", "--role", "coordinator", "--quorum", "1.5"],
     '--quorum: "1.5" is not a fraction from 0 to 1 (such as 0.5)'),
    (["log", "--limit", "0"], '--limit: "0" must be at least 1'),
    (["meeting", "schedule", "--title", "T", "--kind", "other", "--start", "2027-01-05 10:00", "--repeat",
      "weekly", "--count", "521"],
     '--count: "521" is more than 520, the most it can be'),
])
def test_numbers_on_the_command_line_say_what_is_wrong(alliance, args, message):
    before = alliance.dump()
    result = alliance.run(*args)
    assert result.code == 2, result
    assert result.err.splitlines()[0] == f"nacsa: error: {message}", result.err
    assert alliance.dump() == before


@pytest.mark.parametrize("name,content,message", [
    ("utf16.md", "Acta\n".encode("utf-16"), r":1:1: is UTF-16 \(little-endian\) text; nacsa reads UTF-8"),
    ("latin1.md", "Acta de la sesi\xf3n\n".encode("latin-1"), r":1:16: is Latin-1 or Windows-1252 text"),
    ("joined.md", "Acta\n\ufeffOtra acta\n".encode(), r":2:1: holds a byte-order mark"),
    ("nul.md", b"Acta\x00\n", r":1:5: holds NUL bytes, so it is not a text file"),
])
def test_minutes_files_must_be_utf8_text(alliance, name, content, message):
    mid = alliance.ok("meeting", "schedule", "--title", "Comité", "--kind", "steering_committee",
                      "--start", "2026-11-20 10:00").out.split()[0]
    alliance.write(name, content)
    before = alliance.dump()
    result = alliance.run("meeting", "minutes", mid, "--file", name)
    assert result.code == 65, result
    assert re.match(rf"^nacsa: error: {re.escape(name)}{message}", result.err), result.err
    assert alliance.dump() == before
