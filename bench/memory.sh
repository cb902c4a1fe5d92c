#!/usr/bin/env bash
# Memory of the summary aggregate's state as the number of rows grows:
# the size of the summary it returns, and the memory of a grouped
# aggregate (1,000 groups) as EXPLAIN ANALYZE reports it.  Usage:
#     bench/memory.sh              (against the bench database of bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGDATABASE=${PGDATABASE:-tb_bench}
export PGOPTIONS="${PGOPTIONS:-} -c jit=off -c max_parallel_workers_per_gather=0"
printf '%12s %14s %22s\n' rows "summary bytes" "grouped agg memory"
for n in 1000 100000 1000000 10000000; do
    bytes=$(psql -X -qtA -c "SELECT pg_column_size(tb.tb_summary(((hashint8(g) & 1048575) / 100.0)::float8))
                               FROM generate_series(1, $n) g")
    mem=$(psql -X -qtA -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
                           SELECT g % 1000, tb.tb_summary(((hashint8(g) & 1048575) / 100.0)::float8)
                             FROM generate_series(1, $n) g GROUP BY g % 1000" |
          sed -n 's/.*Memory Usage: \([0-9]*kB\).*/\1/p' | head -1)
    printf '%12s %14s %22s\n' "$n" "$bytes" "$mem"
done
