#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Benchmark: the quarterly report on a store with 100,000 members, 300,000 contacts and (when
# the meetings module is in the build) 10,000 meetings, generated with SQL directly.
# Then the annual report of 2025 (a whole year the store covers) in Markdown and JSON.
# Usage: bench/report.sh [NACSA_BINARY]   (default build/cli/nacsa). Aims (#21): the quarterly
# report under 0.5 s, the annual under 1 s.
set -eu
cd "$(dirname "$0")/.."
nacsa=$(realpath "${1:-build/cli/nacsa}")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NACSA_DB="$dir/bench.db" SOURCE_DATE_EPOCH=1795953600
"$nacsa" -q init --config examples/alliance.yaml
sqlite3 "$NACSA_DB" <<'SQL'
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO member (id, name, name_key, search_text, sort_key, type, region, joined, status, created_at, updated_at)
SELECT 'member-' || i, 'Member ' || i, 'member ' || i, 'member ' || i, CAST(printf('%08d', i) AS BLOB),
       CASE i % 4 WHEN 0 THEN 'ngo' WHEN 1 THEN 'academia' WHEN 2 THEN 'foundation' ELSE 'network' END,
       CASE i % 5 WHEN 0 THEN 'metropolitana' WHEN 1 THEN 'valparaiso' WHEN 2 THEN 'biobio'
                  WHEN 3 THEN 'los_lagos' ELSE 'antofagasta' END,
       date('2024-01-01', '+' || (i % 1000) || ' days'),
       CASE WHEN i % 50 = 0 THEN 'withdrawn' ELSE 'active' END,
       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM n;
-- Every member's history starts at its joined date, as `nacsa member add` and import record it.
INSERT INTO member_status_history (member_id, status, date, reason, recorded_at)
SELECT id, 'active', joined, 'added', '2026-01-01T00:00:00Z' FROM member;
INSERT INTO member_status_history (member_id, status, date, recorded_at)
SELECT id, 'withdrawn', date('2026-07-01', '+' || (rowid % 90) || ' days'), '2026-10-01T00:00:00Z'
  FROM member WHERE status = 'withdrawn';
INSERT INTO member_theme (member_id, theme)
SELECT id, CASE rowid % 3 WHEN 0 THEN 'untoc' WHEN 1 THEN 'firearms' ELSE 'emerging_crimes' END FROM member;
INSERT INTO member_service (member_id, service) SELECT id, 'crime_prevention' FROM member;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
INSERT INTO contact (member_id, name, gender)
SELECT 'member-' || ((i - 1) % 100000 + 1), 'Person ' || i,
       CASE i % 3 WHEN 0 THEN 'female' WHEN 1 THEN 'male' ELSE 'undisclosed' END FROM n;
COMMIT;
SQL
if sqlite3 "$NACSA_DB" "SELECT 1 FROM sqlite_schema WHERE name = 'meeting'" | grep -q 1; then
    sqlite3 "$NACSA_DB" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO meeting (id, uid, title, kind, body, starts_at, time_zone, duration_minutes, status,
                     created_at, updated_at)
SELECT printf('M-B-%05d', i), 'bench-' || i, 'Meeting ' || i,
       CASE i % 3 WHEN 0 THEN 'steering_committee' WHEN 1 THEN 'working_group' ELSE 'government_consultation' END,
       'committee', strftime('%Y-%m-%dT14:00:00Z', date('2024-01-01', '+' || (i % 1000) || ' days')),
       'America/Santiago', 90, 'held', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM n;
SQL
fi
sqlite3 "$NACSA_DB" "SELECT 'members', count(*) FROM member UNION ALL SELECT 'contacts', count(*) FROM contact"
for format in md html json; do
    start=$(date +%s.%N)
    "$nacsa" report quarterly --quarter 2026Q3 --format "$format" --output "$dir/report.$format"
    end=$(date +%s.%N)
    echo "quarterly report ($format): $(echo "$end - $start" | bc) s"
done
for format in md json; do
    start=$(date +%s.%N)
    "$nacsa" report annual --year 2025 --format "$format" --output "$dir/annual.$format"
    end=$(date +%s.%N)
    echo "annual report 2025 ($format): $(echo "$end - $start" | bc) s"
done
