# SPDX-License-Identifier: Apache-2.0
"""Every command the README shows is run here, in order, so the README cannot go stale.

Blocks fenced as ```sh under the "Tour" heading (and the ones after it) are run line by line in
bash, in a temporary folder holding a copy of examples/, with `nacsa` being the built binary.
A line ending in `# exit N` must exit with N; every other line must exit 0. Lines that start
with `scripts/` (the set-up commands) and `crontab` lines are not run here: CI runs the former.
"""
import re
import shutil
import subprocess

from conftest import DEFAULT_EPOCH, NACSA_BIN, SOURCE_DIR


def tour_commands():
    text = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Tour")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text[start:], re.S):
        pending = ""
        for line in block.splitlines():
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            line = pending + line
            pending = ""
            stripped = line.strip()
            if not stripped or stripped.startswith("#") or stripped.startswith("scripts/"):
                continue
            if stripped.startswith("crontab") or stripped.startswith("0 ") or stripped.startswith("sudo "):
                continue
            expected = 0
            match = re.search(r"#\s*exit\s+(\d+)\s*$", stripped)
            if match:
                expected = int(match.group(1))
            commands.append((stripped, expected))
    return commands


def test_readme_has_a_tour():
    assert len(tour_commands()) >= 5


def test_every_tour_command_runs(tmp_path):
    shutil.copytree(SOURCE_DIR / "examples", tmp_path / "examples")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "nacsa").symlink_to(NACSA_BIN)
    env = {
        "PATH": f"{bindir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",
        "SOURCE_DATE_EPOCH": DEFAULT_EPOCH,
    }
    # One bash session, so `export` and `cd` carry over from one line to the next as for a reader.
    script = []
    for command, expected in tour_commands():
        quoted = command.replace("'", "'\\''")
        script.append(f"{command}\nrc=$?; if [ $rc -ne {expected} ]; then "
                      f"echo 'README command failed (exit '$rc', expected {expected}): {quoted}' >&2; exit 1; fi")
    proc = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + "\n" + proc.stderr[-3000:]
