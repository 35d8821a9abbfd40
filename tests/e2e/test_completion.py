"""nacsa completion: scripts generated from the command tree, checked in a real bash."""
import shutil
import subprocess

from conftest import EXAMPLES, NACSA_BIN


def complete(nacsa, words, db=None):
    """Loads `nacsa completion bash` in bash and returns COMPREPLY for the given words (the last
    one is the word being completed)."""
    script = nacsa.ok("completion", "bash").out
    nacsa.write("completion.bash", script)
    quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    program = f"""
source completion.bash
nacsa() {{ "{NACSA_BIN}" "$@"; }}
COMP_WORDS=({quoted})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_nacsa
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    env = dict(nacsa.env)
    proc = subprocess.run(["bash", "-c", program], cwd=nacsa.workdir, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return sorted(x for x in proc.stdout.split("\n") if x)


def test_commands_complete_from_prefix(nacsa):
    assert complete(nacsa, ["nacsa", "co"]) == ["committee", "completion", "config"]
    assert "db" in complete(nacsa, ["nacsa", ""])


def test_subcommands_and_options(nacsa):
    assert complete(nacsa, ["nacsa", "db", ""]) == ["backup", "check", "migrate"]
    options = complete(nacsa, ["nacsa", "log", "--s"])
    assert options == ["--since"]


def test_known_values(nacsa):
    assert complete(nacsa, ["nacsa", "--format", "j"]) == ["json", "jsonl"]
    assert complete(nacsa, ["nacsa", "--lang", ""]) == ["en", "es", "fr"]


def test_global_option_value_is_skipped_when_finding_the_command(nacsa):
    assert complete(nacsa, ["nacsa", "--db", "x.db", "db", "m"]) == ["migrate"]


def test_member_ids_from_the_store(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    ids = complete(alliance, ["nacsa", "--db", str(alliance.db), "member", "show", "fundacion-"])
    assert ids and all(i.startswith("fundacion-") for i in ids)


def test_member_ids_command_is_hidden_but_works(alliance):
    result = alliance.ok("completion", "--member-ids")
    assert result.err == ""
    help_text = alliance.ok("completion", "--help").out
    assert "--member-ids" not in help_text


def test_zsh_and_fish_scripts(nacsa):
    zsh = nacsa.ok("completion", "zsh").out
    assert zsh.startswith("#compdef nacsa")
    assert "complete -F _nacsa nacsa" in zsh
    fish = nacsa.ok("completion", "fish").out
    assert "complete -c nacsa -n '__nacsa_at \\'db\\'' -a 'check migrate backup'" in fish
    if shutil.which("fish"):
        proc = subprocess.run(["fish", "--no-execute"], input=fish, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_unknown_shell_is_a_usage_error(nacsa):
    result = nacsa.run("completion", "tcsh")
    assert result.code == 2
    assert "tcsh" in result.err
