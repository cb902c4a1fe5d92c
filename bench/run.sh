#!/usr/bin/env bash
# Benchmark harness (not part of the tests).  For each case in bench/cases/,
# runs its setup once (which generates its data, of -n ROWS rows, once per
# size), then its extension query, its query with PostgreSQL's built-in
# aggregates and its plain-SQL equivalent, alternately, -r times each on
# the same cluster; prints the median of each, the ratios to the extension
# (> 1: the extension is faster) and whether the queries returned the same
# result.  Usage:
#     bench/run.sh [-n ROWS] [-r REPS] [CASE ...]
# Uses the server PG* variables point to, or starts the main job's cluster;
# (re)creates the extension in its own database (tb_bench), so that it
# measures the build installed now.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

rows=1000000
reps=5
while getopts n:r: opt; do
    case $opt in
        n) rows=$OPTARG ;;
        r) reps=$OPTARG ;;
        *) die "usage: bench/run.sh [-n ROWS] [-r REPS] [CASE ...]" ;;
    esac
done
shift $((OPTIND - 1))
cases=("$@")
[ ${#cases[@]} -eq 0 ] && for f in bench/cases/*.sql; do cases+=("$(basename "$f" .sql)"); done

if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ]; then
    build_install
    start_cluster "${TB_CLUSTER_DIR:-$PWD/.cluster}"
fi
export PGDATABASE=${PGDATABASE:-tb_bench}
# JIT compilation time varies by hundreds of milliseconds from run to run
# and says nothing about either query: measure without it.
export PGOPTIONS="${PGOPTIONS:-} -c jit=off"
psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'" | grep -q 1 ||
    createdb "$PGDATABASE"
# a baseline (quito) of its own, for the cases that read its vocabulary:
# dropped with its data before the extension, as nothing else drops it
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
     -c "SELECT tb.tb_drop_baseline(schema_name, drop_roles => false) FROM tb.baselines" 2>/dev/null || true
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
     -c "DROP EXTENSION IF EXISTS trafficking_baseline" -c "CREATE EXTENSION trafficking_baseline" \
     -c "SELECT tb.tb_create_baseline('quito')" -c "CREATE EXTENSION IF NOT EXISTS unaccent"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# section CASE NAME: the lines of bench/cases/CASE.sql under "--@ NAME".
section() { awk -v want="--@ $2" '/^--@ /{on = ($0 == want); next} on' "bench/cases/$1.sql"; }

# time_ms FILE: wall time of one run of the statements in FILE, summed, in milliseconds.
time_ms() {
    { echo '\timing on'; cat "$1"; } | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null 2>&1 |
        sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{t += $1} END {print t}'
}

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "") print "-"; else printf "%.2f", a / b}'; }

printf '\n%-22s %10s %10s %10s %12s %10s %6s\n' case "ext ms" "built-in" "plain ms" "built-in/ext" "plain/ext" same
for c in "${cases[@]}"; do
    [ -f "bench/cases/$c.sql" ] || die "no case bench/cases/$c.sql"
    section "$c" setup >"$work/setup.sql"
    psql -X -q -v ON_ERROR_STOP=1 -v rows="$rows" -f "$work/setup.sql" >/dev/null
    kinds=()
    for k in extension builtin plain; do
        section "$c" "$k" >"$work/$k.sql"
        if [ -s "$work/$k.sql" ]; then
            kinds+=("$k")
            psql -X -qtA -v ON_ERROR_STOP=1 -f "$work/$k.sql" >"$work/$k.out"   # warm up, keep the result
        fi
        : >"$work/$k.times"
    done
    for _ in $(seq "$reps"); do
        for k in "${kinds[@]}"; do time_ms "$work/$k.sql" >>"$work/$k.times"; done
    done
    e=$(median <"$work/extension.times")
    b=$([ -s "$work/builtin.times" ] && median <"$work/builtin.times" || true)
    p=$([ -s "$work/plain.times" ] && median <"$work/plain.times" || true)
    # cases marked "--@ check" return comparable results
    same=-
    if grep -qx -- '--@ check' "bench/cases/$c.sql"; then
        same=yes
        for k in builtin plain; do
            if [ -s "$work/$k.sql" ] && ! cmp -s "$work/extension.out" "$work/$k.out"; then same=NO; fi
        done
    fi
    printf '%-22s %10.1f %10s %10s %12s %10s %6s\n' "$c" "$e" "${b:--}" "${p:--}" \
        "$(ratio "$b" "$e")" "$(ratio "$p" "$e")" "$same"
done
echo "rows=$rows reps=$reps; medians; ratio > 1: the extension is faster; same: plain result equals the extension's"
