#!/bin/sh
# The demo itself: scripts/demo-run.sh NACSA_BINARY OUTPUT_FOLDER
# Builds a demo alliance from examples/ in OUTPUT_FOLDER (replaced if it exists). The end-to-end
# tests run this script too, so the demo cannot rot.
set -eu
nacsa=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
rm -rf "$out"
mkdir -p "$out"
export NACSA_DB="$out/alliance.db"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795953600}"   # 2026-11-29: a reproducible "now"

step() { printf '\n== %s\n' "$*" >&2; }

step "Create the alliance store from examples/alliance.yaml"
$nacsa init --config examples/alliance.yaml
$nacsa db check
$nacsa db backup "$out/alliance-backup.db"

# (each area of the tool adds its demo steps below, in the order of the README's tour)

step "Members: import the register kept as YAML, then the same as Excel saves it (nothing changes)"
$nacsa member import --dry-run examples/members.yaml
$nacsa member import examples/members.yaml
$nacsa member import examples/members.csv
$nacsa member list --search asociacion
$nacsa member stats --lang es | head -n 12
$nacsa member export --redact --format csv --excel --output "$out/socios.csv"

step "Meetings: a year of monthly committee meetings and quarterly consultations with the government"
$nacsa -q meeting schedule --title "Comité directivo" --kind steering_committee \
    --start "2026-01-15 18:00" --link https://meet.example.org/ansc-cd --repeat monthly --count 12 >/dev/null
$nacsa -q meeting schedule --title "Consulta trimestral con el Gobierno" --kind government_consultation \
    --start "2026-02-20 10:00" --place "Ministerio de Justicia, Santiago" --repeat quarterly --count 4 >/dev/null
step "Attendance, minutes and decisions of the past meetings; action items carried forward"
if [ -z "$($nacsa --format csv member list | tail -n +2)" ]; then   # a few members, when none were imported
    for m in "Fundación Rutas Seguras" "Corporación Puente Andino" "Centro de Estudios sobre Crimen Organizado" \
             "Red de Organizaciones del Norte" "Observatorio Ciudadano del Sur" "Asociación Jóvenes en Acción"; do
        $nacsa -q member add --name "$m" --type ngo --region metropolitana --joined 2024-03-15 >/dev/null
    done
fi
invitees() { $nacsa --format csv meeting invitees "$1" | tail -n +2 | cut -d, -f1 | tr -d '\r'; }
for id in $($nacsa --format csv meeting list --past | tail -n +2 | cut -d, -f1 | tr -d '\r'); do
    if [ -z "$(invitees "$id")" ]; then   # no committee seats recorded: invite members by hand
        for m in $($nacsa --format csv member list | tail -n +2 | cut -d, -f1 | tr -d '\r' | head -n 7); do
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
step "Meeting check (the records start in 2026: earlier quarters are reported)"
$nacsa meeting check || true

step "Import the activity plan (VPI priorities, activities, indicators) and see where it stands"
$nacsa plan import examples/plan.yaml
$nacsa plan import examples/plan.yaml          # again: nothing changed
$nacsa plan status
$nacsa plan timeline --from 2026-01-01 --to 2026-12-31
$nacsa plan check || true                      # exit 1: an activity is overdue

step "Write the latest quarterly report as HTML and Markdown"
$nacsa report quarterly --format html --output "$out/quarterly-report.html"
$nacsa report quarterly --format md --output "$out/quarterly-report.md"
echo "Quarterly report: $out/quarterly-report.html and $out/quarterly-report.md" >&2

step "Done"
echo "Demo store: $NACSA_DB" >&2
