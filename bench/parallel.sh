#!/usr/bin/env bash
# Parallel speed-up of the aggregates (not part of the tests): each query run
# serially (max_parallel_workers_per_gather = 0) and with 2 workers, -r
# times each, alternately, on ROWS rows (default 10 million); prints the
# medians, the speed-up, whether both returned the same result, and the
# parallel plan (EXPLAIN ANALYZE: the workers launched).  Usage:
#     bench/parallel.sh [-n ROWS] [-r REPS]
# Uses the database of bench/run.sh (tb_bench; run that first) on the server
# PG* variables point to, or the main job's cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

rows=10000000
reps=3
while getopts n:r: opt; do
    case $opt in
        n) rows=$OPTARG ;;
        r) reps=$OPTARG ;;
        *) die "usage: bench/parallel.sh [-n ROWS] [-r REPS]" ;;
    esac
done
if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ]; then
    build_install
    start_cluster "${TB_CLUSTER_DIR:-$PWD/.cluster}"
fi
export PGDATABASE=${PGDATABASE:-tb_bench}
export PGOPTIONS="${PGOPTIONS:-} -c jit=off"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS trafficking_baseline" \
     -v rows="$rows" -f bench/generate_values.sql -f bench/generate_ratings.sql -f bench/generate_responses.sql >/dev/null

# the three aggregates whose states combine: summary, agreement, composite
names=(summary agreement composite)
queries=(
    "SELECT tb.tb_summary(value)::text FROM bench_values"
    "SELECT round(tb.tb_alpha(tb.tb_agreement(unit, v), 'ordinal')::numeric, 12) FROM bench_ratings"
    "SELECT tb.tb_composite(value, weight)::text FROM bench_responses"
)
# run WORKERS QUERY: one timed run, in milliseconds; the result in $work/out
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
    psql -X -qtA -v ON_ERROR_STOP=1 -c "SET max_parallel_workers_per_gather = $1" -c '\timing on' -c "$2" \
        >"$work/raw"
    grep -v '^Time:' "$work/raw" >"$work/out.$1"
    sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$work/raw"
}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '\n%-10s %10s %12s %12s %9s %5s\n' aggregate rows "serial ms" "2 workers" speed-up same
for i in "${!names[@]}"; do
    : >"$work/t0"
    : >"$work/t2"
    run 0 "${queries[$i]}" >/dev/null
    run 2 "${queries[$i]}" >/dev/null
    for _ in $(seq "$reps"); do
        run 0 "${queries[$i]}" >>"$work/t0"
        run 2 "${queries[$i]}" >>"$work/t2"
    done
    s=$(median <"$work/t0")
    p=$(median <"$work/t2")
    same=NO
    cmp -s "$work/out.0" "$work/out.2" && same=yes
    printf '%-10s %10s %12.1f %12.1f %9s %5s\n' "${names[$i]}" "$rows" "$s" "$p" \
        "$(awk -v a="$s" -v b="$p" 'BEGIN {printf "%.2f", a / b}')" "$same"
done
echo
for i in "${!names[@]}"; do
    echo "${names[$i]}, 2 workers:"
    psql -X -qtA -c "SET max_parallel_workers_per_gather = 2" \
        -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${queries[$i]}" | sed 's/^/    /'
done
