#!/bin/sh
# Installs what is missing, builds nacsa and runs the main job on examples/: a demo alliance
# store in demo-out/, with its members, committee, meetings, plan and quarterly report.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release
out=demo-out
rm -rf "$out"
mkdir -p "$out"
export NACSA_DB="$out/alliance.db"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795953600}"   # 2026-11-29: a reproducible "now"
nacsa=build/cli/nacsa

$nacsa init --config examples/alliance.yaml
$nacsa config show | head -n 12
$nacsa db check
# Meetings: a year of monthly steering committee meetings and quarterly consultations with the
# government; attendance, minutes, decisions and action items for the past ones; a calendar.
$nacsa -q meeting schedule --title "Comité directivo" --kind steering_committee \
    --start "2026-01-15 18:00" --link https://meet.example.org/ansc-cd --repeat monthly --count 12 >/dev/null
$nacsa -q meeting schedule --title "Consulta trimestral con el Gobierno" --kind government_consultation \
    --start "2026-02-20 10:00" --place "Ministerio de Justicia, Santiago" --repeat quarterly --count 4 >/dev/null
invitees() { $nacsa --format csv meeting invitees "$1" | tail -n +2 | cut -d, -f1 | tr -d '\r'; }
for id in $($nacsa --format csv meeting list --past | tail -n +2 | cut -d, -f1 | tr -d '\r'); do
    if [ -z "$(invitees "$id")" ]; then   # no committee seats recorded: invite members by hand
        for m in $($nacsa --format csv member list 2>/dev/null | tail -n +2 | cut -d, -f1 | tr -d '\r' | head -n 7); do
            $nacsa -q meeting invitees "$id" --add "$m"
        done
    fi
    all=$(invitees "$id")
    if [ -n "$all" ]; then
        # shellcheck disable=SC2086
        $nacsa -q meeting attend "$id" $(echo "$all" | head -n 5) --status present
        rest=$(echo "$all" | tail -n +6)
        # shellcheck disable=SC2086
        [ -z "$rest" ] || $nacsa -q meeting attend "$id" $rest --status excused
    fi
    $nacsa -q meeting held "$id" --force
    $nacsa -q meeting agenda "$id" add "Seguimiento del plan de actividades" --presenter "Coordinación Nacional"
    $nacsa -q meeting minutes "$id" --text "Acta de la reunión $id: se revisó el avance del plan de actividades."
    $nacsa -q meeting decide "$id" "Aprobar el acta de la reunión anterior" >/dev/null
done
$nacsa -q meeting action add "Enviar al Ministerio los aportes al cuestionario de autoevaluación" \
    --meeting M-2026-011 --owner "Coordinación Nacional" --due 2026-12-15 >/dev/null
$nacsa -q meeting action add "Publicar el calendario de talleres de 2027" --body committee --due 2026-11-20 >/dev/null
$nacsa meeting list --from 2026-10-01
$nacsa meeting agenda M-2026-012 list
$nacsa meeting ics --output "$out/meetings.ics"
$nacsa meeting check || true
echo "Demo store: $NACSA_DB (see the README's tour for what to try next)"
