#!/usr/bin/env bash
# Benchmark harness (not part of the tests): generates data of a given size,
# then runs each case's extension query and its plain-SQL equivalent
# alternately on the same cluster, and prints the median of each and their
# ratio.  Usage:
#     bench/run.sh [-n ROWS] [-r REPS] [CASE ...]      (cases: bench/cases/*.sql)
# Uses the server PG* variables point to, or starts the main job's cluster.
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
psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'" | grep -q 1 ||
    createdb "$PGDATABASE"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS trafficking_baseline" \
     -c "CREATE EXTENSION IF NOT EXISTS unaccent"

log "generating $rows rows (bench/generate.sql)"
psql -X -q -v ON_ERROR_STOP=1 -v rows="$rows" -f bench/generate.sql

# section CASE NAME: the lines of bench/cases/CASE.sql under "--@ NAME".
section() { awk -v want="--@ $2" '/^--@ /{on = ($0 == want); next} on' "bench/cases/$1.sql"; }

# time_ms SQL: server-side wall time of one run, in milliseconds.
time_ms() {
    { echo '\timing on'; echo "$1"; } | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null 2>&1 |
        sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '\n%-28s %12s %12s %12s\n' case "extension ms" "plain ms" "plain/ext"
for c in "${cases[@]}"; do
    [ -f "bench/cases/$c.sql" ] || die "no case bench/cases/$c.sql"
    setup=$(section "$c" setup)
    [ -n "$setup" ] && psql -X -q -v ON_ERROR_STOP=1 -c "$setup" >/dev/null
    ext=$(section "$c" extension)
    plain=$(section "$c" plain)
    : >"/tmp/tb_bench_ext.$$"
    : >"/tmp/tb_bench_plain.$$"
    time_ms "$ext" >/dev/null          # warm the cache once
    for _ in $(seq "$reps"); do
        time_ms "$ext" >>"/tmp/tb_bench_ext.$$"
        time_ms "$plain" >>"/tmp/tb_bench_plain.$$"
    done
    e=$(median <"/tmp/tb_bench_ext.$$")
    p=$(median <"/tmp/tb_bench_plain.$$")
    printf '%-28s %12.1f %12.1f %12.2f\n' "$c" "$e" "$p" "$(awk -v p="$p" -v e="$e" 'BEGIN {print p / e}')"
    rm -f "/tmp/tb_bench_ext.$$" "/tmp/tb_bench_plain.$$"
done
echo "rows=$rows reps=$reps (medians; ratio > 1: the extension is faster)"
