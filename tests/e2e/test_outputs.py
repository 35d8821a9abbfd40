# SPDX-License-Identifier: Apache-2.0
"""Every output a command writes (-o, --skip-invalid, db backup) goes through one function:
it never replaces the store or its companions however the path is spelled, writes through to
FIFOs and character devices, follows a symbolic link to write its target, and leaves no
temporary file behind."""
import json
import subprocess
import os
import stat
import threading

import pytest

from conftest import EXAMPLES

# Each command that writes a file, as the arguments before the path it writes.
WRITERS = {
    "member export": ["member", "export", "-o"],
    "report": ["report", "quarterly", "--quarter", "2026Q3", "-o"],
    "meeting ics": ["meeting", "ics", "-o"],
    "plan export": ["plan", "export", "-o"],
    "import rejects": ["member", "import", "--skip-invalid"],
    "db backup": ["db", "backup"],
}


def write(alliance, name, path):
    args = list(WRITERS[name]) + [str(path)]
    if name == "import rejects":
        args.append(str(alliance.path("in.csv")))
    return alliance.run(*args)


@pytest.fixture
def filled(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    alliance.ok("plan", "import", EXAMPLES / "plan.yaml")
    alliance.write("in.csv", "name,type,region\nNueva Org,ngo,biobio\nMala,club,biobio\n")
    return alliance


def state(alliance):
    """What the store holds, through commands."""
    return (alliance.ok("member", "list", "--format", "json").out,
            alliance.ok("log", "--format", "json").out)


def store_spellings(alliance):
    db = alliance.db
    (alliance.workdir / "sub").mkdir(exist_ok=True)
    os.symlink(db, alliance.workdir / "link-to-store")
    os.link(db, alliance.workdir / "hard-link")
    return {
        "as given": str(db),
        "relative": "store.db",
        "dot": "./store.db",
        "dot-dot": "sub/../store.db",
        "symlink": "link-to-store",
        "hard link": "hard-link",
        "wal": f"{db}-wal",
        "shm": "./store.db-shm",
        "journal": "sub/../store.db-journal",
    }


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_no_output_replaces_the_store_or_its_companions(filled, writer):
    before = state(filled)
    store_bytes = filled.db.read_bytes()
    for spelling, path in store_spellings(filled).items():
        result = write(filled, writer, path)
        assert result.code == 73, f"{writer} -> {spelling}: {result}"
        which = ("the store's write-ahead log" if spelling == "wal" else
                 "the store's shared-memory index" if spelling == "shm" else
                 "the store's rollback journal" if spelling == "journal" else "the store")
        assert f"{path}: is {which} (" in result.err, f"{writer} -> {spelling}: {result}"
        assert "name another file" in result.err
        assert not os.path.exists(f"{filled.db}-journal")
    (filled.workdir / "link-to-store").unlink()
    (filled.workdir / "hard-link").unlink()
    assert filled.db.read_bytes() == store_bytes
    assert state(filled) == before
    assert filled.ok("db", "check").code == 0
    assert not [p for p in os.listdir(filled.workdir) if ".nacsa-" in p]


def test_an_output_onto_the_wal_of_a_store_in_use_is_refused_and_loses_nothing(filled):
    # Another process holds the store open (its -wal and -shm exist) while outputs are tried.
    import sqlite3
    con = sqlite3.connect(filled.db)
    con.execute("SELECT count(*) FROM member").fetchall()
    try:
        for writer in ("member export", "report", "db backup"):
            for suffix in ("-wal", "-shm"):
                assert write(filled, writer, f"{filled.db}{suffix}").code == 73
        filled.ok("member", "add", "--name", "Después", "--type", "ngo", "--region", "biobio", "--theme", "untoc")
    finally:
        con.close()
    names = [m["name"] for m in json.loads(filled.ok("member", "list", "--format", "json").out)]
    assert "Después" in names


def test_a_fifo_is_written_through_not_replaced(filled):
    fifo = filled.workdir / "pipe"
    os.mkfifo(fifo)
    got = {}

    def read():
        with open(fifo, "rb") as f:
            got["data"] = f.read()

    reader = threading.Thread(target=read)
    reader.start()
    result = filled.run("member", "export", "-o", fifo, "--format", "yaml")
    reader.join(timeout=60)
    assert result.code == 0, result
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got["data"] == filled.ok("member", "export", "--format", "yaml").out.encode()


def test_a_character_device_is_written_through(filled):
    result = filled.run("report", "quarterly", "--quarter", "2026Q3", "-o", "/dev/null")
    assert result.code == 0, result
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_symlink_keeps_pointing_at_its_target_which_is_written(filled):
    (filled.workdir / "real").mkdir()
    target = filled.workdir / "real" / "members.yaml"
    target.write_text("old\n")
    os.symlink("real/members.yaml", filled.workdir / "out.yaml")
    filled.ok("member", "export", "-o", "out.yaml")
    assert os.path.islink(filled.workdir / "out.yaml")
    assert target.read_text() == filled.ok("member", "export").out
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    # A dangling link: its target is created.
    os.symlink("real/new.ics", filled.workdir / "cal.ics")
    filled.ok("meeting", "ics", "-o", "cal.ics")
    assert (filled.workdir / "real" / "new.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert os.path.islink(filled.workdir / "cal.ics")
    # A loop is an error naming the file, not a hang.
    os.symlink("loop-b", filled.workdir / "loop-a")
    os.symlink("loop-a", filled.workdir / "loop-b")
    result = filled.run("plan", "export", "-o", "loop-a")
    assert result.code == 73
    assert result.err == "nacsa: error: loop-a: too many levels of symbolic links\n"


def test_a_directory_socket_or_missing_folder_is_refused(filled):
    result = filled.run("member", "export", "-o", ".")
    assert (result.code, result.err) == (73, "nacsa: error: .: is a directory\n")
    result = filled.run("member", "export", "-o", "nowhere/x.yaml")
    assert result.code == 73
    assert result.err.startswith("nacsa: error: nowhere/x.yaml: cannot create: ")
    import socket
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(filled.workdir / "sock"))
    try:
        result = filled.run("member", "export", "-o", "sock")
        assert result.code == 73
        assert result.err == ("nacsa: error: sock: is a socket; nacsa writes to files, FIFOs and "
                              "character devices\n")
    finally:
        sock.close()


def test_leftover_temporaries_are_flagged_by_db_check_and_removed_by_the_next_write(filled):
    # What a `db backup` killed with SIGKILL leaves (a process id that is not running).
    dead = 4194303
    while True:
        try:
            os.kill(dead, 0)
            dead -= 1
        except ProcessLookupError:
            break
        except PermissionError:
            dead -= 1
    left = filled.workdir / f".backup.db.nacsa-{dead}-a1b2c3"
    left.write_bytes(b"SQLite format 3\0 personal data")
    mine = filled.workdir / f".other.nacsa-{os.getpid()}-a1b2c3"  # a live process: kept
    mine.write_bytes(b"x")
    result = filled.run("db", "check")
    assert result.code == 1
    assert f"{left} is a temporary file a killed nacsa left behind" in result.out
    assert str(mine) not in result.out
    filled.ok("db", "backup", "backup.db")
    assert not left.exists()
    assert mine.exists()
    assert filled.run("db", "check").code == 0


def test_source_date_epoch_must_be_a_sane_time(alliance):
    before = alliance.dump()
    for bad in ("abc", "-5", "1.5", "99999999999999999999", "253402300800", " 1"):
        result = alliance.run("member", "add", "--name", "X", "--type", "ngo", "--region", "biobio",
                              "--theme", "untoc", env={"SOURCE_DATE_EPOCH": bad})
        assert result.code == 2, (bad, result)
        assert result.err.startswith(f'nacsa: error: SOURCE_DATE_EPOCH="{bad}" is not a time nacsa can use')
        assert "from 0 to 253402300799" in result.err
    assert alliance.dump() == before
    alliance.ok("member", "list", env={"SOURCE_DATE_EPOCH": "253402300799"})
    alliance.ok("member", "list", env={"SOURCE_DATE_EPOCH": "0"})
    alliance.ok("member", "list", env={"SOURCE_DATE_EPOCH": ""})


def test_init_onto_a_symlink_says_so(nacsa):
    os.symlink("/nonexistent/x.db", nacsa.workdir / "dangling.db")
    result = nacsa.run("--db", "dangling.db", "init", "--config", EXAMPLES / "alliance.yaml")
    assert result.code == 73
    assert result.err == ("nacsa: error: dangling.db: is a symbolic link (to /nonexistent/x.db, which does not "
                          "exist); nacsa init creates a store only where nothing is: give the real path with "
                          "--db, or another one\n")


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_planted_companion_link_is_named(alliance, suffix):
    (alliance.workdir / "elsewhere").write_text("x")
    os.symlink("elsewhere", f"{alliance.db}{suffix}")
    result = alliance.run("member", "list")
    assert result.code == 74
    assert result.err == (f"nacsa: error: {alliance.db}{suffix}: is a symbolic link beside the store, where "
                          "SQLite keeps its own file; it will not open the store so (someone may have put it "
                          f"there to redirect the store's writes): remove it (rm {alliance.db}{suffix}) when no "
                          "nacsa is running\n")
    assert (alliance.workdir / "elsewhere").read_text() == "x"
    os.unlink(f"{alliance.db}{suffix}")
    alliance.ok("member", "list")


# ---- the language of messages, findings and headers (#19) -----------------------------------
# --lang, else NACSA_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG) when it is Spanish or
# French, else English; the conftest's LC_ALL=C.UTF-8 keeps every other test in English.

SPANISH = {"NACSA_LANG": "es"}


def test_errors_are_said_in_the_chosen_language_with_the_same_exit_status(alliance):
    no_member = {
        "es": "nacsa: error: no hay ningún miembro \"nadie\" (un id, nombre o sigla; vea 'nacsa member list')\n",
        "fr": "nacsa: error: aucun membre «\u00a0nadie\u00a0» (un identifiant, un nom ou un sigle\u00a0; voir 'nacsa member list')\n",
    }
    r = alliance.run("member", "show", "nadie", env=SPANISH)
    assert (r.code, r.err) == (3, no_member["es"])
    r = alliance.run("--lang", "fr", "member", "show", "nadie")
    assert (r.code, r.err) == (3, no_member["fr"])
    r = alliance.run("log", "--since", "2026-13-01", env=SPANISH)
    assert (r.code, r.err) == (2, 'nacsa: error: --since: "2026-13-01" no es una fecha (se espera AAAA-MM-DD)\n')
    r = alliance.run("--lang", "fr", "log", "--since", "2026-13-01")
    assert (r.code, r.err) == (2, "nacsa: error: --since\u00a0: «\u00a02026-13-01\u00a0» n'est pas une date (attendu\u00a0: AAAA-MM-JJ)\n")
    # An import: the file, line, column and field name stay as they are; the word "field" and the
    # problem are translated.
    alliance.write("in.csv", "name,type,region\nNueva Org,ngo,Atlantis\n")
    r = alliance.run("member", "import", "in.csv", env=SPANISH)
    assert r.code == 65
    assert r.err.startswith('nacsa: error: in.csv:2:3: campo "region": "Atlantis" no es una región de esta alianza '
                            "(valores conocidos: arica_parinacota, ")
    alliance.write("no-name.csv", "nombre,type\nX,ngo\n")
    r = alliance.run("member", "import", "no-name.csv", env=SPANISH)
    assert r.code == 65 and 'no-name.csv:1: campo "name": la cabecera no tiene columna name' in r.err, r.err
    assert "contact_<campo> o contactN_<campo> con <campo> uno de name, " in r.err
    r = alliance.run("--lang", "fr", "member", "import", "in.csv")
    assert r.code == 65
    assert r.err.startswith("nacsa: error: in.csv:2:3: champ «\u00a0region\u00a0»\u00a0: «\u00a0Atlantis\u00a0» n'est pas une région de cette "
                            "alliance (valeurs connues\u00a0: arica_parinacota, ")
    # A usage error of the command line, and its hint.
    r = alliance.run("bogus", env=SPANISH)
    assert r.code == 2
    assert r.err.startswith('nacsa: error: comando desconocido "bogus" para \'nacsa\' (conocidos: init, ')
    assert r.err.endswith("Ejecute 'nacsa --help' o 'nacsa help <comando>' para ver el uso.\n")
    # The usage errors CLI11 words itself: a missing option, options that exclude or need each
    # other, a value not among the choices, a number out of range.
    for args, es, fr in [
        (["member", "add"], "--name es obligatorio", "--name est obligatoire"),
        (["report", "quarterly", "--quarter", "2026Q3", "--year", "2026"],
         "--quarter y --year no pueden usarse juntas", "--quarter et --year ne peuvent pas être données ensemble"),
        (["report", "quarterly", "--from", "2026-01-01"], "--from necesita también --to", "--from demande aussi --to"),
        (["member", "list", "--status", "bogus"],
         "--status: «bogus» no es uno de estos valores: applicant, active, suspended, withdrawn",
         "--status\u00a0: «\u00a0bogus\u00a0» n'est pas l'une de ces valeurs\u00a0: applicant, active, suspended, withdrawn"),
        (["report", "annual", "--year", "1800"], "--year: «1800» no es un número entero de 1900 a 9999",
         "--year\u00a0: «\u00a01800\u00a0» n'est pas un nombre entier de 1900 à 9999"),
        (["member", "list", "--region"], "--region necesita un valor", "--region demande une valeur"),
        (["log", "--limit", "0"], "--limit: «0» debe ser al menos 1", "--limit\u00a0: «\u00a00\u00a0» doit valoir au moins 1"),
        (["log", "--limit", "x"], "--limit: «x» no es un número entero", "--limit\u00a0: «\u00a0x\u00a0» n'est pas un nombre entier"),
    ]:
        r = alliance.run(*args, env=SPANISH)
        assert (r.code, r.err.splitlines()[0]) == (2, "nacsa: error: " + es)
        r = alliance.run("--lang", "fr", *args)
        assert (r.code, r.err.splitlines()[0]) == (2, "nacsa: error: " + fr)


def test_findings_and_headers_are_said_in_the_chosen_language_json_keeps_keys(alliance):
    r = alliance.run("committee", "check", env=SPANISH)
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0].split() == ["GRAVEDAD", "REGLA", "REGISTRO", "MENSAJE"]
    assert "el comité tiene 0 puestos; la configuración pide entre 5 y 11" in lines[1]
    r = alliance.run("--lang", "fr", "committee", "check")
    assert r.code == 1
    assert r.out.splitlines()[0].split() == ["GRAVITÉ", "RÈGLE", "ENREGISTREMENT", "MESSAGE"]
    assert "le comité compte 0 sièges\u00a0; la configuration en demande de 5 à 11" in r.out
    r = alliance.run("--lang", "fr", "log", "-n", "1")
    assert r.out.splitlines()[0].split() == ["ID", "DATE", "ET", "HEURE", "UTILISATEUR", "COMMANDE", "TYPE",
                                             "ENREGISTREMENT", "RÉSUMÉ"]
    # Scripts are unaffected: JSON keeps its keys and the English message; so does CSV.
    r = alliance.run("committee", "check", "--format", "json", env=SPANISH)
    assert r.code == 1
    seat_count = [f for f in json.loads(r.out) if f["rule"] == "seat-count"][0]
    assert seat_count == {"severity": "error", "rule": "seat-count", "record": None,
                          "message": "the committee has 0 seats; the configuration asks for 5 to 11"}
    r = alliance.run("--format", "csv", "log", "-n", "1", env=SPANISH)
    assert r.out.startswith("id,at,user,command,record_kind,record_id,summary\r\n")


def test_the_alliance_then_the_locale_names_the_language_when_nothing_else_does(alliance):
    spanish = "nacsa: error: no hay ningún miembro \"nadie\" (un id, nombre o sigla; vea 'nacsa member list')\n"
    english = "nacsa: error: no member \"nadie\" (an id, name or acronym; see 'nacsa member list')\n"
    unset = {"NACSA_LANG": ""}
    # Once the store is open, the alliance's language (the example's is Spanish), whatever the locale.
    assert alliance.run("member", "show", "nadie", env={**unset, "LC_ALL": "C.UTF-8"}).err == spanish
    assert alliance.run("member", "show", "nadie", env={**unset, "LC_ALL": "", "LANG": "fr_FR.UTF-8"}).err == spanish
    assert alliance.run("member", "show", "nadie", env={"NACSA_LANG": "en", "LANG": "es_CL.UTF-8"}).err == english

    # Before it (a mistake in the command line), the locale: LC_ALL, then LC_MESSAGES, then LANG;
    # a locale in another language is English; NACSA_LANG wins over all of them.
    def usage(**env):
        return alliance.run("member", "list", "--nope", env={**unset, **env}).err.splitlines()[0]
    assert usage(LC_ALL="", LANG="es_CL.UTF-8") == "nacsa: error: opción desconocida \"--nope\" para 'nacsa member list'"
    assert usage(LC_ALL="", LC_MESSAGES="fr_FR.UTF-8", LANG="es_CL.UTF-8").startswith(
        "nacsa: error: option inconnue")
    assert usage(LC_ALL="C.UTF-8", LANG="es_CL.UTF-8") == "nacsa: error: unknown option \"--nope\" for 'nacsa member list'"
    assert usage(LC_ALL="", LANG="de_DE.UTF-8").startswith("nacsa: error: unknown option")
    assert usage(LC_ALL="", LANG="fr_FR.UTF-8", NACSA_LANG="es").startswith("nacsa: error: opción desconocida")


def test_help_is_in_the_language_of_lang_then_nacsa_lang_then_the_locale(nacsa):
    """--help and `nacsa help` speak the language asked for, wherever --lang stands; without it
    NACSA_LANG, then the locale. Option and command names stay as they are."""
    unset = {"NACSA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
    english = nacsa.run("member", "add", "--help", env=unset)
    assert english.code == 0 and english.out.startswith("Add a member organisation\nUsage: nacsa member add [OPTIONS]\n")
    cases = [
        (("--lang", "es", "member", "add", "--help"), {}, "es"),
        (("member", "add", "--help", "--lang=fr"), {}, "fr"),
        (("help", "member", "add"), {"NACSA_LANG": "es"}, "es"),
        (("member", "add", "-h"), {"LANG": "fr_FR.UTF-8"}, "fr"),
        (("--lang", "es", "member", "add", "--help"), {"NACSA_LANG": "fr"}, "es"),
    ]
    heads = {"es": "Añadir una organización miembro\n", "fr": "Ajouter une organisation membre\n"}
    usage = {"es": "Uso: nacsa member add [OPCIONES]\n\nOpciones:\n",
             "fr": "Utilisation\u00a0: nacsa member add [OPTIONS]\n\nOptions\u00a0:\n"}
    for args, env, lang in cases:
        r = nacsa.run(*args, env={**unset, **env})
        assert r.code == 0 and r.err == "", r
        assert r.out.startswith(heads[lang]), r.out
        assert usage[lang] in r.out
        assert "--name TEXT" in r.out and "Add a member organisation" not in r.out
    # The command list of the top, and an option's needs and exclusions.
    top = nacsa.run("--lang", "fr", "--help", env=unset).out
    assert "Sous-commandes\u00a0:\n" in top and "  member " in top
    period = nacsa.run("--lang", "es", "report", "quarterly", "--help", env=unset).out
    assert "Requiere: --to Excluye: --quarter --year" in period
    # The completion scripts describe commands and options in the same language, and still parse.
    for shell in ("bash", "zsh", "fish"):  # (bash's completion shows no descriptions)
        script = nacsa.run("--lang", "fr", "completion", shell, env=unset).out
        assert shell == "bash" or "Ajouter une organisation membre" in script
        check = subprocess.run([shell, "-n"], input=script, capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    assert not nacsa.db.exists()


def test_not_found_errors_of_meetings_plan_and_groups_in_spanish_and_french(alliance):
    r = alliance.run("--lang", "es", "meeting", "show", "M-2026-999")
    assert (r.code, r.err) == (3, "nacsa: error: no hay ninguna reunión M-2026-999 (vea `nacsa meeting list`)\n")
    r = alliance.run("--lang", "fr", "plan", "activity", "show", "A99")
    assert (r.code, r.err) == (3, "nacsa: error: aucune activité «\u00a0A99\u00a0» dans le plan\n")
    r = alliance.run("wg", "task", "done", "999", env={"NACSA_LANG": ""})  # the alliance's language
    assert (r.code, r.err) == (3, "nacsa: error: no hay ninguna tarea 999 (vea `nacsa wg task list`)\n")
    r = alliance.run("plan", "activity", "show", "A99")
    assert (r.code, r.err) == (3, 'nacsa: error: no activity "A99" in the plan\n')


# Words of English sentences that a Spanish or French session must not show on stderr (keys,
# ids, option names and file paths may stay as they are).
ENGLISH_WORDS = ("no such", "cannot", "is not", "expected", "already", "nothing", "added",
                 "updated", "recorded", "wrote", " the ", " must ", "unknown", "invalid")


def _no_english(err):
    found = [w for w in ENGLISH_WORDS if w in err.lower()]
    assert not found, f"English in: {err!r}"


def test_errors_warnings_and_notes_of_a_sweep_are_all_in_spanish_and_french(alliance):
    alliance.write("bad.yaml", "country: Chile\nlanguage: de\ntime_zone: Mars/Olympus\n")
    alliance.write("exists.db", "")
    said = {}
    for lang in ("es", "fr"):
        env = {"NACSA_LANG": lang}
        runs = [
            (alliance.run("config", "check", "bad.yaml", env=env), 78),
            (alliance.run("db", "backup", "exists.db", env=env), 73),
            (alliance.run("meeting", "list", "--kind", "picnic", env=env), 2),
            (alliance.run("member", "import", "missing.csv", env=env), 66),
            (alliance.run("committee", "election", "show", "99", env=env), 3),
            (alliance.run("member", "add", "--id", f"nueva-{lang}", "--name", f"Nueva {lang}", "--type",
                          "ngo", "--region", "biobio", env=env), 0),
        ]
        for r, code in runs:
            assert r.code == code, str(r)
            _no_english(r.err)
        said[lang] = "".join(r.err for r, _ in runs)
    assert 'campo "language": «de» no está soportado (se espera en, es o fr)' in said["es"]
    assert "exists.db: ya existe; nacsa db backup nunca sobrescribe un archivo" in said["es"]
    assert "missing.csv: no existe el archivo" in said["es"]
    assert "nacsa: se añadió el miembro nueva-es (Nueva es)" in said["es"]
    assert "exists.db\u00a0: existe déjà\u00a0; nacsa db backup n'écrase jamais un fichier" in said["fr"]
    assert "«\u00a0de\u00a0» n'est pas pris en charge" in said["fr"]
    assert "membre nueva-fr ajouté (Nueva fr)" in said["fr"]
    assert "champ «\u00a0language\u00a0»\u00a0: " in said["fr"]


def test_messages_of_imports_checks_dry_runs_and_init_are_in_spanish_and_french(alliance):
    # A member file with bad rows, a YAML file that is not one, a meeting of no length, a
    # committee with findings (the example alliance has no one seated), a dry run of the
    # configuration that drops a region, and a new store: errors, warnings, notes, the severity
    # of findings and their headers, all in the message language.
    alliance.write("bad.csv", "id,name,type,region\nx1,Uno,ngo,atlantis\n,Dos,ngo,biobio\n")
    alliance.write("tabs.yaml", "name: x\n\tshort_name: y\n")
    config = (EXAMPLES / "alliance.yaml").read_text(encoding="utf-8")
    alliance.write("fewer.yaml", config.replace("  - {key: arica_parinacota, name: Arica y Parinacota}\n", ""))
    said = {}
    for lang in ("es", "fr"):
        env = {"NACSA_LANG": lang}
        runs = [
            (alliance.run("member", "import", "bad.csv", env=env), 65),
            (alliance.run("config", "check", "tabs.yaml", env=env), 78),
            (alliance.run("meeting", "schedule", "--title", "X", "--kind", "steering_committee",
                          "--start", "2026-12-10 10:00", "--duration", "0", env=env), 65),
            (alliance.run("committee", "check", env=env), 1),
            (alliance.run("config", "apply", "--dry-run", "fewer.yaml", env=env), 0),
            (alliance.run("--db", f"new-{lang}.db", "init", "--config", EXAMPLES / "alliance.yaml", env=env), 0),
            (alliance.run("committee", "show", env=env), 0),
        ]
        for r, code in runs:
            assert r.code == code, str(r)
            _no_english(r.err)
        findings = runs[3][0].out
        assert "SEVERITY" not in findings and " warning " not in findings and " error " not in findings
        said[lang] = "".join(r.err for r, _ in runs) + findings + runs[6][0].out
    assert "no es una región de esta alianza" in said["es"]
    assert "GRAVEDAD" in said["es"] and "\nerror " in said["es"] and "\nerreur " in said["fr"]
    assert "Comité Directivo al 2026-11-29: 0 puestos" in said["es"]
    assert "Comité de pilotage au 2026-11-29\u00a0: 0 sièges" in said["fr"]
    assert "un tabulador donde YAML espera espacios" in said["es"]
    assert 'campo "duration": 0 minutos no es una duración de reunión (1 a 10080)' in said["es"]
    assert "configuración actualizada (regiones: " in said["es"]
    assert "grupos de trabajo creados" in said["es"]
    assert "une tabulation là où YAML attend des espaces" in said["fr"]
    assert "0 minutes n'est pas une durée de réunion (1 à 10080)" in said["fr"]
    assert "configuration mise à jour (régions\u00a0: " in said["fr"]
    assert "groupes de travail créés" in said["fr"]


def test_status_words_in_notes_are_in_the_message_language(alliance):
    """A status change's note says the statuses as words of the message language, not keys."""
    alliance.ok("member", "add", "--name", "Fundación Uno", "--type", "ngo", "--region", "biobio", "--id", "uno",
                "--joined", "2026-01-01")
    notes = {}
    for lang, status, day in (("es", "suspended", "2026-11-01"), ("fr", "active", "2026-11-02"),
                              ("en", "withdrawn", "2026-11-03")):
        result = alliance.run("member", "status", "uno", status, "--reason", "prueba", "--date", day,
                              env={"NACSA_LANG": lang})
        assert result.code == 0, result.err
        notes[lang] = result.err
    assert "nacsa: miembro uno: activo -> suspendido el 2026-11-01\n" in notes["es"]
    assert "membre uno\u00a0: suspendu -> actif le 2026-11-02\n" in notes["fr"]
    assert "nacsa: member uno: active -> withdrawn on 2026-11-03\n" in notes["en"]
    # Errors that name a status say it as a word too.
    result = alliance.run("member", "status", "uno", "active", "--reason", "prueba", "--date", "2026-10-01",
                          env={"NACSA_LANG": "es"})
    assert result.code == 65 and "(retirado el 2026-11-03)" in result.err, result.err
    (group,) = alliance.ok("wg", "create", "Grupo de prueba", "--created", "2026-01-01").out.split()
    result = alliance.run("--lang", "fr", "wg", "join", group, "uno")
    assert result.code == 65 and "uno est au statut retiré\u00a0;" in result.err and "withdrawn" not in result.err, result.err
