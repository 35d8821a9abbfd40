# SPDX-License-Identifier: Apache-2.0
"""The import benchmark (bench/run.sh) still runs: a few hundred members, one round.

It times nothing here (speed is checked by running the benchmark itself, see bench/README.md);
this only keeps the script, its floor program and the generator from rotting.
"""
import re
import subprocess
from pathlib import Path

import pytest

from conftest import NACSA_BIN, SOURCE_DIR

BARE = Path(NACSA_BIN).parent.parent / "bench" / "bare_import"


@pytest.mark.skipif(not BARE.exists(), reason="bench/bare_import is not built next to nacsa")
def test_benchmark_runs_on_a_small_register(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C.UTF-8", "TMPDIR": str(tmp_path),
           "NACSA_LANG": "en"}
    proc = subprocess.run([SOURCE_DIR / "bench" / "run.sh", NACSA_BIN, "300", "1"], capture_output=True,
                          text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout + proc.stderr
    for fmt in ("csv", "jsonl", "yaml"):
        assert re.search(rf"round 1: nacsa {fmt} import: [0-9.]+ s, [0-9]+ KB peak", out), out
        assert re.search(rf"^{fmt}: [0-9.]+ s, [0-9.]+ times the floor", out, re.M), out
    assert re.search(r"round 1: bare CSV import: [0-9.]+ s", out), out
    assert re.search(r"round 1: bare CSV import, rollback journal: [0-9.]+ s", out), out
    assert re.search(r"^like with like: the floor with a rollback journal, best [0-9.]+ s; csv, median of the "
                     r"rounds' own ratios to it [0-9.]+$", out, re.M), out
    assert "members found" in out
    assert re.search(r"re-import of the same CSV \(nothing changes\): [0-9.]+ s elapsed", out), out
    assert "nacsa: nothing changed: 300 records read" in out
    # Nothing left behind: run.sh works in its own temporary folder and removes it.
    assert list(tmp_path.iterdir()) == []
