"""cmake --install lays files where Unix tools look for them; the Debian package installs and
removes cleanly (that part as root in CI only, since it changes the machine)."""
import glob
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import NACSA_BIN, SOURCE_DIR

BUILD_DIR = Path(NACSA_BIN).resolve().parents[1]


def test_cmake_install_layout(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", str(BUILD_DIR), "--prefix", str(prefix)], check=True,
                   capture_output=True)
    assert os.access(prefix / "bin" / "nacsa", os.X_OK)
    assert (prefix / "share/bash-completion/completions/nacsa").is_file()
    assert (prefix / "share/zsh/vendor-completions/_nacsa").is_file()
    assert (prefix / "share/fish/vendor_completions.d/nacsa.fish").is_file()
    assert (prefix / "share/nacsa/examples/alliance.yaml").is_file()
    assert (prefix / "share/nacsa/schemas/alliance.schema.json").is_file()
    pages = {p.name for p in (SOURCE_DIR / "man").glob("*.[15]")}
    installed = {p.name for p in prefix.glob("share/man/man[15]/*")}
    assert pages == installed
    out = subprocess.run([prefix / "bin" / "nacsa", "--version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("nacsa ")


@pytest.mark.skipif(os.environ.get("CI") != "true" or os.geteuid() != 0,
                    reason="installs a package on the machine: CI (as root) only")
def test_debian_package_installs_and_removes(tmp_path):
    subprocess.run(["cpack", "-G", "DEB", "-B", str(tmp_path)], cwd=BUILD_DIR, check=True, capture_output=True)
    debs = glob.glob(str(tmp_path / "nacsa_*.deb"))
    assert len(debs) == 1
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", debs[0]], check=True, capture_output=True, env=env)
    try:
        version = subprocess.run(["/usr/bin/nacsa", "--version"], capture_output=True, text=True, check=True)
        assert "schema version" in version.stdout
        page = subprocess.run(["man", "-w", "nacsa-member"], capture_output=True, text=True, check=True)
        assert page.stdout.strip().startswith("/usr/share/man/man1/nacsa-member.1")
    finally:
        subprocess.run(["dpkg", "-r", "nacsa"], check=True, capture_output=True, env=env)
    assert not os.path.exists("/usr/bin/nacsa")
