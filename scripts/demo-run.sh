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

step "Working groups: the three configured groups get members, leads and tasks"
# (the member register's demo imports examples/members.yaml; import it here when it has not)
if [ "$($nacsa member list --format csv | wc -l)" -le 1 ]; then
    $nacsa -q member import examples/members.yaml
fi
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
$nacsa wg task done "$campaign" --note "campaña difundida en 12 regiones"
$nacsa wg task add incidencia_y_accion "Preparar la consulta trimestral con el Gobierno" \
    --owner recot --due 2026-12-10 >/dev/null
$nacsa wg list
$nacsa wg show experticia_tecnica
$nacsa wg check || true    # one task is overdue on purpose: exit 1

step "Done"
echo "Demo store: $NACSA_DB" >&2
