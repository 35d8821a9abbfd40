# SPDX-License-Identifier: Apache-2.0
"""Documentation cannot drift from the code: every man page passes mandoc's lint, and every
subcommand and option that `--help` shows is documented in its command's page."""
import re
import shutil
import subprocess

import pytest

from conftest import NACSA_BIN, SOURCE_DIR

MAN = SOURCE_DIR / "man"


def help_text(*path):
    proc = subprocess.run([NACSA_BIN, *path, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def parse_help(text):
    """(subcommands, options) listed in a CLI11 help text."""
    subcommands, options = [], []
    section = None
    for line in text.splitlines():
        if re.match(r"^(Subcommands|Options|Positionals):", line):
            section = line.split(":")[0]
            continue
        if not line.startswith("  ") or line.startswith("   " * 8):
            continue
        first = line.split()[0] if line.split() else ""
        if section == "Subcommands" and first:
            subcommands.append(first)
        elif section == "Options":
            for name in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", line.split("  ")[1] if line.startswith("  ") else line):
                options.append(name)
    return subcommands, options


def walk(path=()):
    subs, options = parse_help(help_text(*path))
    yield path, options
    for sub in subs:
        yield from walk(path + (sub,))


def top_level_commands():
    subs, _ = parse_help(help_text())
    return [s for s in subs if s != "help"]


def test_every_page_passes_mandoc_lint():
    if shutil.which("mandoc") is None:
        pytest.fail("mandoc is missing: scripts/deps.sh test installs it")
    pages = sorted(MAN.glob("*.[15]"))
    assert pages, "no man pages"
    for page in pages:
        proc = subprocess.run(["mandoc", "-Tlint", "-W", "warning", str(page)], capture_output=True, text=True)
        assert proc.stdout + proc.stderr == "", f"{page.name}:\n{proc.stdout}{proc.stderr}"


def test_every_command_has_a_page():
    for command in top_level_commands():
        assert (MAN / f"nacsa-{command}.1").is_file() or command == "completion", f"man/nacsa-{command}.1 is missing"
    assert (MAN / "nacsa.1").is_file()


@pytest.mark.parametrize("command", top_level_commands())
def test_every_subcommand_and_option_is_documented(command):
    page_file = MAN / f"nacsa-{command}.1"
    if command == "completion":
        page_file = MAN / "nacsa.1"
    page = page_file.read_text(encoding="utf-8")
    # mdoc writes options as ".Fl format" and hyphens as \- in places: normalise.
    page_text = page.replace("\\-", "-").replace("\\&", "")
    # "Fl" is a macro anywhere on a macro line: ".Fl x", ".It Fl x", ".Op Fl x", "... | Fl x".
    macro_lines = "\n".join(line for line in page_text.splitlines() if line.startswith("."))
    flags = set(re.findall(r"(?:^\.|(?<=\s))Fl\s+([\w-]+)", macro_lines, flags=re.M))
    global_options = set(parse_help(help_text())[1])
    missing = []
    for path, options in walk((command,)):
        for word in path[1:]:
            if not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", page_text):
                missing.append(f"subcommand {' '.join(path)}")
        for option in options:
            if option in ("-h", "--help") or option in global_options and path != (command,):
                continue
            bare = option[1:]  # ".Fl -name" documents "--name", ".Fl n" documents "-n"
            if bare not in flags and option not in page_text:
                missing.append(f"option {option} of {' '.join(path)}")
    assert not missing, f"{page_file.name} does not document: " + ", ".join(sorted(set(missing)))
