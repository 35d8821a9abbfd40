# SPDX-License-Identifier: Apache-2.0
"""The demo (scripts/demo-run.sh, what scripts/demo.sh runs after building) works end to end, and
every command of the man pages' EXAMPLES runs on the store it leaves."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import DEFAULT_EPOCH, EXAMPLES, NACSA_BIN, SOURCE_DIR, TIMEOUT_SCALE, WRAPPER

ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo's store (demo-out/alliance.db), made once for this file."""
    top = tmp_path_factory.mktemp("demo")
    out = top / "demo-out"
    proc = subprocess.run([SOURCE_DIR / "scripts" / "demo-run.sh", NACSA_BIN, out], capture_output=True, text=True,
                          env={**ENV, "HOME": str(top)}, timeout=600 * TIMEOUT_SCALE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / "alliance.db"


def test_demo_runs_and_leaves_a_healthy_store(demo, tmp_path):
    assert (demo.stat().st_mode & 0o777) == 0o600
    check = subprocess.run([NACSA_BIN, "--db", demo, "db", "check"], capture_output=True, text=True,
                           env={**ENV, "HOME": str(tmp_path)})
    assert check.returncode == 0, check.stderr


# ---- the man pages' EXAMPLES ------------------------------------------------------------------

PAGES = sorted((SOURCE_DIR / "man").glob("nacsa*.1"))
CRON = re.compile(r"^(\S+\s+){5}(?=nacsa\b)")  # a crontab line's five time fields


def unescape(line):
    """mdoc text as a shell reads it."""
    for escaped, plain in ((r"\(dq", '"'), (r"\-", "-"), (r"\&", ""), (r"\e", "\\")):
        line = line.replace(escaped, plain)
    return line


def example_commands(page):
    """The shell commands of a page's EXAMPLES: its .Dl lines and literal displays. In a display
    that shows a prompt ("$ "), only the prompted lines (and their continuations) are commands, the
    others are output; crontab lines lose their time fields and the % escapes cron wants."""
    lines = page.read_text(encoding="utf-8").splitlines()
    commands, block, inside = [], [], False
    section = ""
    for line in lines:
        if line.startswith(".Sh "):
            section = line[4:].strip()
            continue
        if section != "EXAMPLES":
            continue
        if line.startswith(".Dl "):
            commands.append(unescape(line[4:]).removeprefix("$ "))
        elif line.startswith(".Bd -literal"):
            block, inside = [], True
        elif line.startswith(".Ed"):
            inside = False
            commands += display_commands([unescape(text) for text in block])
        elif inside:
            block.append(line)
    return commands


def display_commands(block):
    prompted = any(text.startswith("$ ") for text in block)
    commands, continued = [], False
    for text in block:
        if continued:
            commands[-1] += "\n" + text
        elif not prompted or text.startswith("$ "):
            text = text.removeprefix("$ ")
            if CRON.match(text):
                text = CRON.sub("", text).replace("\\%", "%")
            commands.append(text)
        else:
            continue
        continued = text.endswith("\\")
    return commands


def test_every_page_has_examples():
    for page in PAGES:
        assert example_commands(page), page.name


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_example_runs_on_the_demo_store(demo, page, tmp_path):
    """A page's examples run in order as one script (`set -eux`: a variable set by one is there for
    the next) on a copy of the demo's store at the default path, or on no store when the page shows
    how to create one (`nacsa init`), in a folder holding a copy of examples/ and
    examples/alliance.yaml as alliance.yaml. $EDITOR changes nothing; mail and gpg are stand-ins
    that read their input."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    nacsa = " ".join([*map(str, WRAPPER), NACSA_BIN])
    (bin_dir / "nacsa").write_text(f"#!/bin/sh\nexec {nacsa} \"$@\"\n")
    for stand_in in ("mail", "gpg"):
        (bin_dir / stand_in).write_text("#!/bin/sh\ncat\n")
    for program in bin_dir.iterdir():
        program.chmod(0o755)
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work / "examples")
    shutil.copy(EXAMPLES / "alliance.yaml", work / "alliance.yaml")
    home = tmp_path / "home"
    store = home / ".local" / "share" / "nacsa" / "nacsa.db"
    store.parent.mkdir(parents=True)
    commands = example_commands(page)
    if not any(re.search(r"\bnacsa\b.*\binit\b", command) for command in commands):
        shutil.copy2(demo, store)
    env = {**ENV, "PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(home), "EDITOR": "true",
           "SOURCE_DATE_EPOCH": DEFAULT_EPOCH}
    for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    proc = subprocess.run(["/bin/bash", "-eux", "-c", "\n".join(commands)], cwd=work, env=env, capture_output=True,
                          text=True, timeout=300 * TIMEOUT_SCALE)
    assert proc.returncode == 0, f"{page.name}: exit {proc.returncode}\n{proc.stdout}{proc.stderr[-3000:]}"


# ---- the quarterly report on paper ------------------------------------------------------------

PDF_ENGINES = [name for name in ("weasyprint", "chromium") if shutil.which(name, path=ENV["PATH"])]
FIRST_PAGE = {"en": ("At a glance", "Next quarter", "1. Membership"),
              "es": ("Resumen", "Próximo trimestre", "1. Membresía"),
              "fr": ("En bref", "Trimestre suivant", "1. Adhésions")}


def pdf_text(pdf, page):
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("engine", ["weasyprint", "chromium"])
def test_the_example_quarterly_report_prints_on_six_a4_pages(demo, tmp_path, engine):
    """The issue's aim: the example alliance's quarterly report, printed by either engine, is at
    most six A4 pages in each language; the first page carries the quarter, each section begins
    a page. The PDF is the same bytes when written again."""
    assert engine in PDF_ENGINES, f"{engine} is missing: scripts/deps.sh test installs it"
    env = {**ENV, "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}
    for lang, (glance, next_quarter, membership) in FIRST_PAGE.items():
        pdf = tmp_path / f"q-{lang}.pdf"
        args = [NACSA_BIN, "--db", demo, "--lang", lang, "report", "quarterly", "--quarter", "2026Q3",
                "--format", "pdf", "--pdf-engine", engine, "-o", pdf]
        proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=180 * TIMEOUT_SCALE)
        assert proc.returncode == 0, proc.stderr
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
        assert 2 <= pages <= 6, info
        assert re.search(r"^Page size:\s+59[45]\.\d* x 841\.\d* pts \(A4\)$", info, re.M), info
        assert re.search(r"^Title:\s+.* – ANSC Chile – 2026Q3$", info, re.M), info
        first = pdf_text(pdf, 1)
        assert glance in first and next_quarter in first and membership not in first
        assert pdf_text(pdf, 2).lstrip().startswith(membership)
    again = tmp_path / "again.pdf"
    proc = subprocess.run([NACSA_BIN, "--db", demo, "--lang", "fr", "report", "quarterly", "--quarter", "2026Q3",
                           "--format", "pdf", "--pdf-engine", engine, "-o", again],
                          capture_output=True, text=True, env=env, timeout=180 * TIMEOUT_SCALE)
    assert proc.returncode == 0 and again.read_bytes() == (tmp_path / "q-fr.pdf").read_bytes()


# ---- the whole alliance as text (nacsa db dump, db load; man 5 nacsa-dump) ---------------------

def demo_run(tmp_path, *args):
    env = {**ENV, "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": DEFAULT_EPOCH, "NACSA_LANG": "en"}
    for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    proc = subprocess.run([*map(str, WRAPPER), NACSA_BIN, *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300 * TIMEOUT_SCALE)
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def folder_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_demo_store_dumps_loads_and_dumps_again_byte_identically(demo, tmp_path):
    demo_run(tmp_path, "--db", demo, "db", "dump", "first")
    first = folder_bytes(tmp_path / "first")
    assert len(first) == 8
    # Every part of the record is there (the demo has some of everything).
    for name, lists in (("members.yaml", ("member:\n- ", "contact:\n- ", "member_status_history:\n- ")),
                        ("committee.yaml", ("election:\n- ", "seat:\n- ", "observer:\n- ")),
                        ("working-groups.yaml", ("wg_lead:\n- ", "wg_task:\n- ")),
                        ("meetings.yaml", ("meeting:\n- ", "meeting_invitee:\n- ", "decision:\n- ")),
                        ("plan.yaml", ("plan_activity:\n- ", "plan_measurement:\n- ")),
                        ("audit.yaml", ("audit:\n- ",)), ("store.yaml", ("config:\n- ",))):
        for start in lists:
            assert start in first[name].decode(), (name, start)
    demo_run(tmp_path, "--db", "loaded.db", "db", "load", "first")
    demo_run(tmp_path, "--db", "loaded.db", "db", "dump", "second")
    assert folder_bytes(tmp_path / "second") == first
    demo_run(tmp_path, "--db", "loaded.db", "db", "check")
    # The loaded store answers every reading command as the demo's does.
    for args in (["member", "list", "--format", "json"], ["member", "list", "--search", "asociacion"],
                 ["committee", "show", "--format", "json"], ["wg", "show", "experticia_tecnica"],
                 ["meeting", "list", "--format", "json"], ["plan", "status", "--format", "json"],
                 ["report", "quarterly", "--quarter", "2026Q3", "--format", "json"],
                 ["log", "--format", "json"]):
        assert demo_run(tmp_path, "--db", "loaded.db", *args) == demo_run(tmp_path, "--db", demo, *args), args


def test_a_redacted_dump_of_the_demo_store_names_no_one(demo, tmp_path):
    import json
    contacts = json.loads(demo_run(tmp_path, "--db", demo, "member", "contact", "list", "--format", "json"))
    secrets = {c[k] for c in contacts for k in ("name", "email", "phone") if c.get(k)}
    secrets.add("Claudia Ortega Vidal")  # the demo's observer
    assert len(secrets) > 50
    demo_run(tmp_path, "--db", demo, "db", "dump", "--redact", "shared")
    dump = {n: b.decode() for n, b in folder_bytes(tmp_path / "shared").items()}
    for secret in secrets:
        for name, text in dump.items():
            assert secret not in text, (secret, name)
    demo_run(tmp_path, "--db", "shared.db", "db", "load", "shared")
    # Organisations stay, without their e-mail and phone.
    loaded = json.loads(demo_run(tmp_path, "--db", "shared.db", "member", "list", "--format", "json"))
    original = json.loads(demo_run(tmp_path, "--db", demo, "member", "list", "--format", "json"))
    assert [m["name"] for m in loaded] == [m["name"] for m in original]
    assert [m["status"] for m in loaded] == [m["status"] for m in original]
