# SPDX-License-Identifier: Apache-2.0
"""cmake --install lays files where Unix tools look for them; the Debian package is one Debian
would accept (lintian: no error, no warning; stripped; under 8 MB; gzip'd man pages, copyright
and changelog) and installs and removes cleanly (that part as root in CI only, since it changes
the machine); every source file names its licence (scripts/spdx.sh --check)."""
import glob
import gzip
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import DEFAULT_EPOCH, NACSA_BIN, SOURCE_DIR

BUILD_DIR = Path(NACSA_BIN).resolve().parents[1]
IN_CI = os.environ.get("CI") == "true"
# The package ships the release build; a sanitized binary (ctest of the sanitize preset) is not
# what anyone installs, and lintian rightly finds fault with it.
SANITIZED = os.environ.get("NACSA_SANITIZED", "0") == "1"
release_only = pytest.mark.skipif(SANITIZED, reason="the package is checked on the release build")
MAX_DEB_BYTES = 8 * 1024 * 1024
MODULES = ("libnacsa-parsers.so", "libnacsa-ondemand.so")


def test_program_links_no_library_a_start_does_not_need():
    """The libraries only some commands use are in the modules, not in the program's own list:
    every start would load them (and search them for every symbol)."""
    dynamic = subprocess.run(["readelf", "-d", NACSA_BIN], capture_output=True, text=True,
                             check=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^]]+)\]", dynamic)
    assert "libsqlite3.so.0" in needed, needed
    for prefix in ("libyaml-0", "libcsv", "libicu", "libical", "libnettle", "libdate-tz"):
        assert not [n for n in needed if n.startswith(prefix)], needed
    parsers = subprocess.run(["readelf", "-d", BUILD_DIR / "cli" / "libnacsa-parsers.so"],
                             capture_output=True, text=True, check=True).stdout
    assert "[libyaml-0.so.2]" in parsers and "[libcsv.so.3]" in parsers, parsers


def test_cmake_install_layout(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", str(BUILD_DIR), "--prefix", str(prefix)], check=True,
                   capture_output=True)
    assert os.access(prefix / "bin" / "nacsa", os.X_OK)
    assert (prefix / "share/bash-completion/completions/nacsa").is_file()
    assert (prefix / "share/zsh/vendor-completions/_nacsa").is_file()
    assert (prefix / "share/fish/vendor_completions.d/nacsa.fish").is_file()
    assert (prefix / "share/doc/nacsa/examples/alliance.yaml").is_file()
    assert (prefix / "share/nacsa/schemas/alliance.schema.json").is_file()
    pages = {p.name for p in (SOURCE_DIR / "man").glob("*.[15]")}
    installed = {p.name for p in prefix.glob("share/man/man[15]/*")}
    assert pages == installed
    out = subprocess.run([prefix / "bin" / "nacsa", "--version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("nacsa ")
    # The on-demand modules (ICU, libical, time zones; libyaml and libcsv) are found from the
    # installed binary.
    for name in MODULES:
        module, = prefix.glob(f"lib/**/nacsa/{name}")
        assert module.is_file() and stat.S_IMODE(module.stat().st_mode) == 0o644
    init = subprocess.run([prefix / "bin" / "nacsa", "--db", tmp_path / "s.db", "init", "--example"],
                          capture_output=True, text=True)
    assert init.returncode == 0, init.stderr


def test_binary_starts_without_its_module_until_a_command_needs_it(tmp_path):
    """--version, --help and completion never load ICU, libical, the time-zone reader, libyaml
    or libcsv: a nacsa copied alone answers them; a command that needs a module says which
    file is missing (exit 74) and writes nothing."""
    alone = tmp_path / "bin" / "nacsa"
    alone.parent.mkdir()
    shutil.copy2(NACSA_BIN, alone)
    env = dict(os.environ, NACSA_DB=str(tmp_path / "s.db"), NACSA_LANG="en")
    for args in (["--version"], ["--help"], ["member", "add", "--help"], ["completion", "bash"],
                 ["completion", "zsh"], ["--lang", "fr", "help", "meeting"]):
        proc = subprocess.run([alone, *args], capture_output=True, text=True, env=env)
        assert (proc.returncode, proc.stderr) == (0, ""), args
        assert proc.stdout
    # The configuration is read first (libyaml), then folded (ICU): each module is asked for
    # in turn.
    for module in MODULES:
        proc = subprocess.run([alone, "init", "--example"], capture_output=True, text=True, env=env)
        assert proc.returncode == 74, proc.stderr
        assert "cannot find its module" in proc.stderr and "reinstall nacsa" in proc.stderr, proc.stderr
        assert str(tmp_path / "lib") in proc.stderr and f"/nacsa/{module}" in proc.stderr, proc.stderr
        assert not (tmp_path / "s.db").exists()
        shutil.copy2(Path(NACSA_BIN).parent / module, alone.parent / module)
    # A module that is there but does not load is named with the loader's reason.
    (tmp_path / "bin" / "libnacsa-ondemand.so").write_text("not a library\n")
    proc = subprocess.run([alone, "init", "--example"], capture_output=True, text=True, env=env)
    assert proc.returncode == 74, proc.stderr
    assert f"cannot load its module {tmp_path}/bin/libnacsa-ondemand.so (" in proc.stderr, proc.stderr
    assert not (tmp_path / "s.db").exists()


@pytest.fixture(scope="module")
def deb(tmp_path_factory):
    """The .deb, built once for this file by CPack, dated like the tests' "now"."""
    out = tmp_path_factory.mktemp("deb")
    env = dict(os.environ, SOURCE_DATE_EPOCH=DEFAULT_EPOCH)
    proc = subprocess.run(["cpack", "-G", "DEB", "-B", str(out)], cwd=BUILD_DIR, capture_output=True, text=True,
                          env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    debs = glob.glob(str(out / "nacsa_*.deb"))
    assert len(debs) == 1
    return Path(debs[0])


def deb_field(deb, name):
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.rstrip("\n")


@release_only
def test_debian_package_is_lintian_clean(deb):
    if shutil.which("lintian") is None:
        if IN_CI:
            pytest.fail("lintian is missing: scripts/deps.sh test installs it")
        pytest.skip("lintian is not installed (scripts/deps.sh test installs it)")
    proc = subprocess.run(["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True)
    findings = [line for line in proc.stdout.splitlines() if re.match(r"^[EW]: ", line)]
    assert findings == [], proc.stdout + proc.stderr
    # lintian exits 2 when it cannot check at all, 1 when it finds an error.
    assert proc.returncode == 0, proc.stdout + proc.stderr


@release_only
def test_debian_package_contents(deb, tmp_path):
    assert deb.stat().st_size < MAX_DEB_BYTES
    # Owners and modes: root, 0755 folders and programs, 0644 everything else.
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        mode, owner, _size, _day, _time, path = line.split(None, 5)
        assert owner == "root/root", line
        if mode.startswith("d") or path.startswith("./usr/bin/"):
            assert mode[1:] == "rwxr-xr-x", line
        else:
            assert mode == "-rw-r--r--", line
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    modules = [module for name in MODULES for module in root.glob(f"usr/lib/*/nacsa/{name}")]
    assert len(modules) == len(MODULES), modules
    for program in (root / "usr/bin/nacsa", *modules):
        binary = subprocess.run(["file", "-b", str(program)], capture_output=True, text=True,
                                check=True).stdout
        assert "ELF" in binary and ", stripped" in binary, binary
    # Man pages and the changelog compressed with gzip -9n: no file name, no time stamp.
    pages = {p.name for p in (SOURCE_DIR / "man").glob("*.[15]")}
    installed = sorted(root.glob("usr/share/man/man[15]/*"))
    assert {p.name for p in installed} == {f"{name}.gz" for name in pages}
    doc = root / "usr/share/doc/nacsa"
    for packed in [*installed, doc / "changelog.Debian.gz", doc / "README.md.gz"]:
        head = packed.read_bytes()[:10]
        assert head[:3] == b"\x1f\x8b\x08" and head[3] & 0x08 == 0 and head[4:8] == b"\0\0\0\0", packed
    copyright_text = (doc / "copyright").read_text(encoding="utf-8")
    assert copyright_text.startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n")
    assert "\nLicense: Apache-2.0\n" in copyright_text
    assert '"/usr/share/common-licenses/Apache-2.0"' in copyright_text
    version = deb_field(deb, "Version")
    changelog = gzip.decompress((doc / "changelog.Debian.gz").read_bytes()).decode("utf-8")
    assert changelog.startswith(f"nacsa ({version}) unstable; urgency=medium\n\n  * ")
    assert changelog.endswith("  Sun, 29 Nov 2026 12:00:00 +0000\n")  # SOURCE_DATE_EPOCH
    (tmp_path / "changelog").write_text(changelog, encoding="utf-8")
    parsed = subprocess.run(["dpkg-parsechangelog", "-l", str(tmp_path / "changelog"), "-S", "Version"],
                            capture_output=True, text=True)
    assert (parsed.returncode, parsed.stdout.strip(), parsed.stderr) == (0, version, "")
    assert (doc / "examples/alliance.yaml").is_file()
    # Control fields: a short description without an article, lines under 80 columns.
    summary, *long_lines = deb_field(deb, "Description").splitlines()
    assert len(summary) < 80 and not re.match(r"(?i)(a|an|the) ", summary), summary
    assert long_lines and all(len(line) < 80 for line in long_lines), long_lines
    assert (deb_field(deb, "Section"), deb_field(deb, "Priority")) == ("utils", "optional")
    depends = deb_field(deb, "Depends")
    assert "libc6" in depends and "tzdata" in depends and "libsqlite3-0" in depends, depends
    assert deb_field(deb, "Recommends") == "iso-codes"


@release_only
@pytest.mark.skipif(os.environ.get("CI") != "true" or os.geteuid() != 0,
                    reason="installs a package on the machine: CI (as root) only")
def test_debian_package_installs_and_removes(deb):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", str(deb)], check=True, capture_output=True, env=env)
    try:
        version = subprocess.run(["/usr/bin/nacsa", "--version"], capture_output=True, text=True, check=True)
        assert "schema version" in version.stdout
        page = subprocess.run(["man", "-w", "nacsa-member"], capture_output=True, text=True, check=True)
        assert page.stdout.strip() == "/usr/share/man/man1/nacsa-member.1.gz"
        assert Path("/usr/share/doc/nacsa/copyright").is_file()
        store = Path(tempfile.mkdtemp()) / "s.db"  # a command that loads the on-demand module
        subprocess.run(["/usr/bin/nacsa", "--db", str(store), "init", "--example"], check=True,
                       capture_output=True)
        shutil.rmtree(store.parent)
    finally:
        subprocess.run(["dpkg", "-r", "nacsa"], check=True, capture_output=True, env=env)
    assert not os.path.exists("/usr/bin/nacsa")


def test_every_source_file_names_its_licence():
    proc = subprocess.run(["sh", str(SOURCE_DIR / "scripts" / "spdx.sh"), "--check"], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_spdx_script_adds_the_line_once_in_each_language(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(SOURCE_DIR / "scripts" / "spdx.sh", tmp_path / "scripts" / "spdx.sh")
    files = {
        "lib/a.cpp": ("int a;\n", "// SPDX-License-Identifier: Apache-2.0\nint a;\n"),
        "tests/e2e/test_a.py": ('"""A."""\n', '# SPDX-License-Identifier: Apache-2.0\n"""A."""\n'),
        "bench/run.sh": ("#!/bin/sh\necho\n", "#!/bin/sh\n# SPDX-License-Identifier: Apache-2.0\necho\n"),
        "man/x.1": (".Dd May 1, 2026\n", '.\\" SPDX-License-Identifier: Apache-2.0\n.Dd May 1, 2026\n'),
        "CMakeLists.txt": ("project(x)\n", "# SPDX-License-Identifier: Apache-2.0\nproject(x)\n"),
        "tests/data/members.csv": ("name\n", "name\n"),
        "tests/bad/x.cpp": ("int b;\n", "int b;\n"),
    }
    for name, (before, _after) in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(before, encoding="utf-8")
    (tmp_path / "bench/run.sh").chmod(0o755)
    script = ["sh", str(tmp_path / "scripts" / "spdx.sh")]
    check = subprocess.run([*script, "--check"], capture_output=True, text=True)
    assert check.returncode == 1
    assert "lib/a.cpp: no" in check.stdout and "tests/data" not in check.stdout and "tests/bad" not in check.stdout
    subprocess.run(script, check=True, capture_output=True)
    again = subprocess.run(script, check=True, capture_output=True, text=True)
    assert again.stdout == ""
    for name, (_before, after) in files.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == after, name
    assert stat.S_IMODE((tmp_path / "bench/run.sh").stat().st_mode) == 0o755
    assert subprocess.run([*script, "--check"], capture_output=True).returncode == 0
