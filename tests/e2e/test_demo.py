"""The demo (scripts/demo-run.sh, what scripts/demo.sh runs after building) works end to end."""
import subprocess

from conftest import NACSA_BIN, SOURCE_DIR


def test_demo_runs_and_leaves_a_healthy_store(tmp_path):
    out = tmp_path / "demo-out"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LC_ALL": "C.UTF-8"}
    proc = subprocess.run([SOURCE_DIR / "scripts" / "demo-run.sh", NACSA_BIN, out], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    store = out / "alliance.db"
    assert (store.stat().st_mode & 0o777) == 0o600
    check = subprocess.run([NACSA_BIN, "--db", store, "db", "check"], capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stderr
