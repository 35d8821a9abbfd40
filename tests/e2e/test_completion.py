# SPDX-License-Identifier: Apache-2.0
"""nacsa completion: scripts generated from the command tree, checked in real bash, zsh and fish.

Each helper asks several completions of one shell process, so the number of nacsa runs stays
small: one to print the script, then one per completion that reads the store."""
import json
import os
import shutil
import subprocess

import pytest

from conftest import EXAMPLES, NACSA_BIN

MARK = "@@@"


def shell_env(nacsa):
    """nacsa's environment, with the binary on PATH as `nacsa` (the scripts run it by name)."""
    bindir = nacsa.workdir / "bin"
    if not bindir.exists():
        bindir.mkdir()
        os.symlink(NACSA_BIN, bindir / "nacsa")
    env = dict(nacsa.env)
    env["PATH"] = f"{bindir}:{env['PATH']}"
    return env


def run_shell(nacsa, argv, **kwargs):
    proc = subprocess.run(argv, cwd=nacsa.workdir, capture_output=True, text=True, env=shell_env(nacsa),
                          timeout=60, **kwargs)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def answers(output):
    """The candidates of each query, split at the MARK lines."""
    out = [[]]
    for line in output.split("\n"):
        if line == MARK:
            out.append([])
        elif line:
            out[-1].append(line)
    return [sorted(set(x)) for x in out[:-1]]


def bash_complete(nacsa, *queries):
    """COMPREPLY of `nacsa completion bash`'s function for each query (a list of words, the last
    one the word being completed), in one non-interactive bash with bash-completion loaded."""
    nacsa.write("completion.bash", nacsa.ok("completion", "bash").out)
    program = "source /usr/share/bash-completion/bash_completion 2>/dev/null\nsource completion.bash\n"
    for words in queries:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
        program += f"""COMP_WORDS=({quoted}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMPREPLY=()
_nacsa; printf '%s\\n' "${{COMPREPLY[@]}}" {MARK}
"""
    return answers(run_shell(nacsa, ["bash", "-c", program]))


def fish_complete(nacsa, *lines):
    """What fish offers after each command line (`complete -C`), without descriptions."""
    nacsa.write("nacsa.fish", nacsa.ok("completion", "fish").out)
    program = "source nacsa.fish\n"
    for line in lines:
        program += f"complete -C {fish_quote(line)}\necho {MARK}\n"
    out = run_shell(nacsa, ["fish", "--no-config", "-c", program])
    return [[c.split("\t")[0] for c in answer] for answer in answers(out)]


def fish_quote(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


# Drives an interactive zsh on a pseudo-terminal (zsh/zpty) with compinit and _nacsa on fpath,
# presses TAB after the line, and prints the candidates the completion system adds: compadd is
# wrapped to print its matches between two NUL lines, then the shell exits.
ZSH_CAPTURE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source ${(q)1}"
local line
repeat 10; do
    zpty -r z line
    [[ $line == ok* ]] && break
done
zpty -w z "$2"$'\t'
integer seen=0
while zpty -r z line; do
    if [[ $line == *$'\0'* ]]; then
        (( seen++ )) && break || continue
    fi
    (( seen )) && print -r -- ${line%$'\r'}
done
zpty -d z
"""

ZSH_INIT = r"""
PROMPT=
fpath=({fpath} $fpath)
autoload -Uz compinit && compinit -u -d {dump}
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
null-line() {{ print -r -- $'\0' }}
compprefuncs=(null-line)
comppostfuncs=(null-line exit)
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd() {{
    if [[ ${{@[1,(i)(-|--)]}} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"
        return $?
    fi
    local -a __hits
    builtin compadd -A __hits "$@"
    local hit
    for hit in $__hits; do print -r -- "$hit"; done
    builtin compadd "$@"
}}
print ok
"""


def zsh_complete(nacsa, *lines):
    """What an interactive zsh offers when TAB is pressed after each command line."""
    funcs = nacsa.workdir / "zfunc"
    funcs.mkdir(exist_ok=True)
    (funcs / "_nacsa").write_text(nacsa.ok("completion", "zsh").out)
    init = ZSH_INIT.format(fpath=funcs, dump=nacsa.workdir / "zcompdump")
    nacsa.write("init.zsh", init)
    nacsa.write("capture.zsh", ZSH_CAPTURE)
    out = []
    for line in lines:
        got = run_shell(nacsa, ["zsh", "-f", "capture.zsh", str(nacsa.workdir / "init.zsh"), line])
        out.append(sorted(set(x for x in got.split("\n") if x)))
    return out


@pytest.fixture
def filled(alliance):
    """An alliance with members, a working group and a meeting."""
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    alliance.ok("meeting", "schedule", "--title", "Comité directivo", "--kind", "steering_committee",
                "--start", "2026-12-10 10:00", "--place", "Santiago", "--duration", "90")
    return alliance


def wg_ids(nacsa):
    import json
    return sorted(g["id"] for g in json.loads(nacsa.ok("wg", "list", "--format", "json").out))


def test_bash(filled):
    member_statuses = ["active", "applicant", "suspended", "withdrawn"]
    groups = wg_ids(filled)
    assert groups
    (filled.workdir / "plan-file.yaml").write_text("")
    got = bash_complete(
        filled,
        ["nacsa", ""],
        ["nacsa", "co"],
        ["nacsa", "db", ""],
        ["nacsa", "log", "--s"],
        ["nacsa", "-q", "--no-color", "me"],
        ["nacsa", "wg", "list", "--all", ""],
        ["nacsa", "wg", "join", ""],
        ["nacsa", "wg", "join", groups[0], "rutas-"],
        ["nacsa", "member", "list", "--status", ""],
        ["nacsa", "member", "list", "--region", "ta"],
        ["nacsa", "meeting", "show", ""],
        ["nacsa", "--db", str(filled.db), "member", "show", "rutas-"],
        ["nacsa", "plan", "import", "plan-f"],
        ["nacsa", "member", "list", "--search", ""],
        ["nacsa", "--format", "j"],
        ["nacsa", "--db", "x.db", "db", "m"],
    )
    assert "member" in got[0] and "wg" in got[0] and not any(w.startswith("-") for w in got[0])
    assert got[1] == ["committee", "completion", "config"]
    assert got[2] == ["backup", "check", "dump", "load", "migrate"]
    assert got[3] == ["--since"]
    assert set(got[4]) == {"meeting", "member"}, "value-less flags do not swallow the command"
    assert got[5] == [], "wg list takes no positional; --all takes no value"
    assert got[6] == groups, "the first positional of wg join is the group"
    assert got[7] == ["rutas-seguras"], "the second is the member"
    assert got[8] == member_statuses
    assert got[9] == ["tarapaca"]
    assert got[10] == ["M-2026-001"]
    assert got[11] == ["rutas-seguras"]
    assert got[12] == ["plan-file.yaml"], "a FILE positional completes file names"
    assert got[13] == [], "free text never falls back to file names"
    assert got[14] == ["json"]
    assert got[15] == ["migrate"]


def test_bash_completes_plan_codes_contacts_and_log_kinds(filled):
    filled.ok("plan", "import", EXAMPLES / "plan.yaml")
    got = bash_complete(
        filled,
        ["nacsa", "plan", "activity", "status", "A"],
        ["nacsa", "plan", "activity", "list", "--priority", ""],
        ["nacsa", "plan", "indicator", "measure", "I"],
        ["nacsa", "plan", "priority", "add", ""],
        ["nacsa", "meeting", "decide", "M-2026-001", "x", "--activity", "A1"],
        ["nacsa", "committee", "seat", "rutas-seguras", "--representative", "cfu"],
        ["nacsa", "log", "--kind", ""],
    )
    assert got[0] == [f"A{i}" for i in range(1, 9)]
    assert got[1] == ["P1", "P2", "P3", "P4"]
    assert got[2] == ["I1", "I2", "I3", "I4", "I5"]
    assert got[3] == [], "a new priority's code is not an existing one"
    assert got[4] == ["A1"]
    assert got[5] == ["cfuentes@rutasseguras.cl.example"]
    assert got[6] == sorted({e["record_kind"] for e in json.loads(filled.ok("log", "--format", "json").out)
                             if e["record_kind"]}) and "meeting" in got[6]


def test_zsh(filled):
    if not shutil.which("zsh"):
        pytest.skip("zsh is not installed (scripts/deps.sh test)")
    groups = wg_ids(filled)
    got = zsh_complete(
        filled,
        "nacsa ",
        "nacsa -q wg jo",
        "nacsa wg join ",
        f"nacsa wg join {groups[0]} rutas-",
        "nacsa meeting list --status ",
        "nacsa member list --region ta",
        "nacsa meeting show M-",
    )
    assert {"member", "wg", "meeting", "completion"} <= set(got[0]), got[0]
    assert got[1] == ["join"]
    assert set(groups) <= set(got[2]), got[2]
    assert got[3] == ["rutas-seguras"]
    assert got[4] == ["cancelled", "held", "postponed", "scheduled"]
    assert got[5] == ["tarapaca"]
    assert got[6] == ["M-2026-001"]


def test_zsh_script_is_native_and_leaves_path_alone(nacsa):
    zsh = nacsa.ok("completion", "zsh").out
    assert zsh.startswith("#compdef nacsa\n")
    assert "bashcompinit" not in zsh and "_arguments" in zsh and "_describe" in zsh
    assert "local path" not in zsh and "typeset path" not in zsh


def test_fish(filled):
    groups = wg_ids(filled)
    got = fish_complete(
        filled,
        "nacsa ",
        "nacsa -q --no-color wg jo",
        "nacsa wg join ",
        f"nacsa wg join {groups[0]} rutas-",
        "nacsa plan activity list --status ",
        "nacsa member list --region ta",
        "nacsa meeting show ",
    )
    assert {"member", "wg", "meeting"} <= set(got[0])
    assert got[1] == ["join"]
    assert got[2] == groups
    assert got[3] == ["rutas-seguras"]
    assert got[4] == ["cancelled", "delayed", "done", "in_progress", "planned"]
    assert got[5] == ["tarapaca"]
    assert got[6] == ["M-2026-001"]
    fish = filled.ok("completion", "fish").out
    assert "complete -c nacsa -l quiet -s q -d 'Print only errors on stderr'\n" in fish, "a flag takes no value"
    assert "-l status -d 'Only members with this status' -x -a 'applicant active suspended withdrawn'" in fish


def test_values_command_is_hidden_fast_and_silent(alliance, nacsa):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    ids = alliance.ok("completion", "--member-ids").out.split()
    assert "rutas-seguras" in ids
    assert alliance.ok("completion", "--values", "member-id").out.split() == ids
    regions = alliance.ok("completion", "--values", "region").out.split()
    assert "tarapaca" in regions
    help_text = alliance.ok("completion", "--help").out
    assert "--member-ids" not in help_text and "--values" not in help_text
    missing = nacsa.run("--db", str(nacsa.workdir / "none.db"), "completion", "--values", "wg-id")
    assert (missing.code, missing.out, missing.err) == (0, "", "")
    assert not (nacsa.workdir / "none.db").exists()


def test_unknown_shell_is_a_usage_error(nacsa):
    result = nacsa.run("completion", "tcsh")
    assert result.code == 2
    assert "tcsh" in result.err


@pytest.mark.parametrize("kind", ["bash", "zsh", "fish", "help"])
def test_built_in_texts_are_the_command_trees(nacsa, kind):
    """nacsa prints the completion scripts and its own --help as the build made them
    (cli/completion-scripts.cmake), without building its command tree (`completion SHELL`
    alone into a pipe: without building even `completion`); nacsa-unscripted, which made them,
    builds the tree each time. All print the same for every way of choosing the language."""
    unscripted = os.path.join(os.path.dirname(NACSA_BIN), "nacsa-unscripted")
    words = ["--help"] if kind == "help" else ["completion", kind]
    choices = [([], {}), (["--lang", "es"], {}), (["--lang=fr"], {}), ([], {"NACSA_LANG": "fr"}),
               ([], {"NACSA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "es_CL.UTF-8"}),
               (["--lang", "en"], {"NACSA_LANG": "fr"})]
    if kind == "help":
        choices += [(["-h"], {}), (["--lang", "fr", "-h"], {})]
    texts = set()
    for args, env in choices:
        built_in = nacsa.ok(*args, *words, env=env).out
        env = dict(nacsa.env, **env)
        made = subprocess.run([unscripted, *args, *words], capture_output=True, text=True, env=env,
                              check=True).stdout
        assert built_in == made, (args, env)
        if kind != "help":  # with another option, nacsa builds `completion` and prints the same
            assert nacsa.ok("--no-pager", *args, *words, env=env).out == built_in, (args, env)
        texts.add(built_in)
    # bash shows no descriptions; zsh, fish and the help describe in English, Spanish and French.
    assert len(texts) == (1 if kind == "bash" else 3)
