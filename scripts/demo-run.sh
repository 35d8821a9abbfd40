#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
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

step "Member register: import the 48 organisations of examples/members.yaml (Spanish Excel CSV works too)"
$nacsa member import --dry-run examples/members.csv
$nacsa member import examples/members.yaml
$nacsa member import examples/members.csv      # the same data as Excel saves it: nothing changes
$nacsa member list --search asociacion
$nacsa member stats --lang es | head -n 12
$nacsa member export --redact --format csv --excel --output "$out/socios.csv"

step "Steering Committee: elect a coordinator, seat members who expressed interest, add a government observer"
$nacsa committee interest list --for secretariat
election=$($nacsa -q committee election open --role coordinator --on 2026-03-02 --title "Coordinación Nacional 2026-2028")
$nacsa -q committee election candidate "$election" cecosh
$nacsa -q committee election candidate "$election" fundacion-transparencia-activa-sur
$nacsa -q committee election tally "$election" cecosh=19 fundacion-transparencia-activa-sur=7 --ballots 28 --blank 2
$nacsa committee election close "$election" --on 2026-03-20
for seat in "rutas-seguras:Carolina Fuentes Araya" "recot:Javiera Morales Peña" \
            "observatorio-ciudadano-de-armas-pequenas:Ignacio Barrera Núñez" \
            "fundacion-bosque-nativo-vivo:Antonia Reyes Schmidt" \
            "fundacion-transparencia-activa-sur:Héctor Gutiérrez Rivas" "ong-frontera-digna:Jorge Challapa Mollo"; do
    $nacsa -q committee seat "${seat%%:*}" --role member --representative "${seat#*:}" --from 2026-03-20
done
$nacsa -q committee observer add --name "Claudia Ortega Vidal" --institution "Ministerio de Relaciones Exteriores" \
    --email cortega@minrel.example --gender female --from 2026-04-01 >/dev/null
$nacsa committee show
step "Committee check (regions with members but no seat are warnings)"
$nacsa committee check || true                 # exit 1 when a rule is broken

step "Working groups: the three configured groups get members, leads and tasks"
$nacsa wg lead experticia_tecnica cecosh --representative "Paula Henríquez" --date 2024-04-10
$nacsa wg join experticia_tecnica adah --date 2024-04-10
$nacsa wg join experticia_tecnica observatorio-ciudadano-de-armas-pequenas --date 2024-05-02
$nacsa wg lead comunicacion_estrategica rutas-seguras --representative "Carolina Fuentes" --date 2024-04-10
$nacsa wg join comunicacion_estrategica recot --representative "Alex Riquelme" --date 2024-04-10
$nacsa wg lead incidencia_y_accion recot --representative "Javiera Morales" --date 2024-04-10
$nacsa wg join incidencia_y_accion adah --date 2024-06-01
$nacsa wg task add experticia_tecnica "Insumos al cuestionario de autoevaluación (UNTOC)" \
    --owner cecosh --due 2026-11-15 >/dev/null
$nacsa wg task add experticia_tecnica "Minuta sobre tráfico de armas pequeñas" \
    --owner observatorio-ciudadano-de-armas-pequenas --due 2027-01-31 >/dev/null
campaign=$($nacsa wg task add comunicacion_estrategica "Campaña 30 de julio: Día Mundial contra la Trata" \
    --owner rutas-seguras --due 2026-07-30)
# shellcheck disable=SC1010  # "done" is the subcommand here
$nacsa wg task done "$campaign" --note "campaña difundida en 12 regiones"
$nacsa wg task add incidencia_y_accion "Preparar la consulta trimestral con el Gobierno" \
    --owner recot --due 2026-12-10 >/dev/null
$nacsa wg list
$nacsa wg show experticia_tecnica
$nacsa wg check || true    # one task is overdue on purpose: exit 1

step "Meetings: a year of monthly committee meetings and quarterly consultations with the government"
$nacsa -q meeting schedule --title "Comité directivo" --kind steering_committee \
    --start "2026-01-15 18:00" --link https://meet.example.org/ansc-cd --repeat monthly --count 12 >/dev/null
$nacsa -q meeting schedule --title "Consulta trimestral con el Gobierno" --kind government_consultation \
    --start "2026-02-20 10:00" --place "Ministerio de Justicia, Santiago" --repeat quarterly --count 4 >/dev/null
step "Attendance, minutes and decisions of the past meetings; action items carried forward"
invitees() { $nacsa --format csv meeting invitees "$1" | tail -n +2 | grep ',voting,' | cut -d, -f1 | tr -d '\r'; }   # voting members
for id in $($nacsa --format csv meeting list --past | tail -n +2 | cut -d, -f1 | tr -d '\r'); do
    if [ -z "$(invitees "$id")" ]; then   # no committee seats recorded: invite members by hand
        for m in $($nacsa --format csv member list --status active | tail -n +2 | cut -d, -f1 | tr -d '\r' | head -n 7); do
            $nacsa -q meeting invitees "$id" --add "$m"
        done
    fi
    all=$(invitees "$id")
    if [ -n "$all" ]; then
        # shellcheck disable=SC2046,SC2086  # one argument per member key
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
