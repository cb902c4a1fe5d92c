#!/usr/bin/env bash
# Loading at growing sizes: for each size N, a fresh database with the
# shipped baseline, N import rows (new answers to new rounds, with a share
# of duplicate lines and of answers the parser rejects), one
# tb_load_responses call, timed; prints the time, the time per row, the
# ratio to the previous size and the outcomes.  A linear loader costs about
# 4x the time for 4x the rows.  Usage: bench/load.sh [N ...]
# (default 2500 10000 40000 160000 1000000).  Uses the server the PG*
# variables point to, or starts the main job's cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2500 10000 40000 160000 1000000)
if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ]; then
    build_install
    start_cluster "${TB_CLUSTER_DIR:-$PWD/.cluster}"
fi
db=tb_bench_load
printf '%10s %12s %12s %8s  %s\n' rows "load ms" "us per row" "x prev" "outcomes"
prev=
for n in "${sizes[@]}"; do
    dropdb --if-exists "$db" >/dev/null 2>&1
    createdb "$db"
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION trafficking_baseline" \
        -f scripts/load_baseline.sql >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v n="$n" >/dev/null <<'SQL'
-- every (institution, survey indicator) pair once per round, as many rounds
-- as N needs; 1 line in 50 repeats the line before it, 1 in 97 is an answer
-- no parser reads
CREATE TEMP TABLE keys AS
SELECT row_number() OVER (ORDER BY i.code, d.code) - 1 AS k, i.code AS institution, i.country, i.lang,
       d.code AS indicator, d.kind
  FROM quito.institutions i CROSS JOIN quito.indicators d WHERE d.source = 'survey';
INSERT INTO quito.rounds
SELECT 1000 + r, 'Load benchmark ' || r, '2023-06-30'
  FROM generate_series(0, (:n / (SELECT count(*) FROM keys))::integer) r;
INSERT INTO quito.response_import (round, country, institution, indicator, lang, answer)
SELECT (1000 + g / nk)::text, k.country, k.institution, k.indicator, k.lang,
       CASE WHEN g % 97 = 0 THEN 'tal vez'
            WHEN k.kind = 'binary' THEN CASE WHEN g % 2 = 0 THEN 'Sí' ELSE 'No' END
            WHEN k.kind = 'ordinal' THEN 'Parcial'
            WHEN k.kind = 'percentage' THEN (g % 100)::text
            ELSE (g % 1000)::text END
  FROM (SELECT CASE WHEN g % 50 = 0 THEN g - 1 ELSE g END AS g, (SELECT count(*) FROM keys) AS nk
          FROM generate_series(1, :n) g) s
  JOIN keys k ON k.k = s.g % s.nk
 ORDER BY s.g;
SQL
    out=$(psql -X -qtA -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
\timing on
SELECT string_agg(outcome || coalesce(' (' || reason || ')', '') || ' ' || n, ', ') FROM quito.tb_load_responses('benchmark');
SQL
)
    ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' <<<"$out")
    outcomes=$(head -1 <<<"$out")
    x=$( [ -n "$prev" ] && awk -v a="$ms" -v b="$prev" 'BEGIN {printf "%.2f", a / b}' || echo -)
    printf '%10s %12.0f %12.2f %8s  %s\n' "$n" "$ms" "$(awk -v a="$ms" -v n="$n" 'BEGIN {print 1000 * a / n}')" "$x" "$outcomes"
    prev=$ms
done
dropdb --if-exists "$db"
