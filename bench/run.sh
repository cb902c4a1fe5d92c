#!/usr/bin/env bash
# Benchmark harness (not part of the tests).  For each case in bench/cases/
# and each size, runs the case's setup once (which generates its data), then
# its queries alternately, -r times each, on the same cluster: the
# extension's, the same with PostgreSQL's built-in aggregates, the plain-SQL
# way, the executor's floor over the same rows, and a peer outside the
# database (numpy or pandas, the export included).  Prints the median of
# each, the ratios to the extension, whether the ways returned the same
# result, and how the extension's time grew from one size to the next.
# Usage:
#     bench/run.sh [-n ROWS[,ROWS...]] [-r REPS] [CASE ...]
# Uses the server PG* variables point to, or starts the main job's cluster;
# (re)creates the extension in its own database (tb_bench), so that it
# measures the build installed now.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

sizes=250000,1000000
reps=5
while getopts n:r: opt; do
    case $opt in
        n) sizes=$OPTARG ;;
        r) reps=$OPTARG ;;
        *) die "usage: bench/run.sh [-n ROWS[,ROWS...]] [-r REPS] [CASE ...]" ;;
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
# The harness drops and rebuilds the extension, its baselines and its tables
# in its database: only in one it made itself (marked by its comment), never
# in a database that holds anyone's answers.
marker='scratch database of bench/run.sh: dropped and rebuilt by every run'
if psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'" | grep -q 1; then
    [ "$(psql -X -q -d postgres -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database
                                      WHERE datname = '$PGDATABASE'")" = "$marker" ] ||
        die "database $PGDATABASE was not made by bench/run.sh: choose another PGDATABASE (or none: tb_bench)"
else
    createdb "$PGDATABASE"
    psql -X -q -d postgres -c "COMMENT ON DATABASE \"$PGDATABASE\" IS '$marker'"
fi
# a baseline (quito) of its own, for the cases that read its vocabulary:
# dropped with its data before the extension, as nothing else drops it
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
     -c "SELECT tb.tb_drop_baseline(schema_name, drop_roles => false) FROM tb.baselines" 2>/dev/null || true
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
     -c "DO \$\$ DECLARE t regclass; BEGIN
           -- the cases' tables of the previous run holding the extension's types (made again by their setup)
           FOR t IN SELECT DISTINCT a.attrelid::regclass FROM pg_attribute a JOIN pg_type y ON y.oid = a.atttypid
                     JOIN pg_class c ON c.oid = a.attrelid
                    WHERE y.typnamespace = 'tb'::regnamespace AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
                      AND c.relname LIKE 'bench\\_%'
           LOOP EXECUTE format('DROP TABLE %s', t); END LOOP;
           EXCEPTION WHEN invalid_schema_name THEN NULL; END \$\$" \
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

# time_cmd FILE: wall time of the shell command in FILE, in milliseconds;
# its standard error goes to FILE.err
time_cmd() {
    local t0 t1
    t0=$(date +%s%N)
    bash "$1" >/dev/null 2>"$1.err"
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}
fmt() { if [ -n "$1" ]; then printf '%.1f' "$1"; else echo -; fi; }

IFS=, read -r -a rows_list <<<"$sizes"
printf '\n%-18s %9s %9s %9s %9s %9s %9s %9s %8s %8s %8s %8s %5s %7s\n' case rows "ext ms" built-in plain floor peer \
    "peer core" bi/ext plain/ext ext/floor peer/ext same growth
for c in "${cases[@]}"; do
    [ -f "bench/cases/$c.sql" ] || die "no case bench/cases/$c.sql"
    prev_rows= prev_e=
    for rows in "${rows_list[@]}"; do
        section "$c" setup >"$work/setup.sql"
        psql -X -q -v ON_ERROR_STOP=1 -v rows="$rows" -f "$work/setup.sql" >/dev/null
        kinds=()
        for k in extension builtin plain floor peer; do
            section "$c" "$k" >"$work/$k.sql"
            : >"$work/$k.times"
            : >"$work/$k.core"
            [ -s "$work/$k.sql" ] || continue
            kinds+=("$k")
            # warm up, keep the result
            if [ "$k" = peer ]; then
                bash "$work/peer.sql" >"$work/peer.out" 2>/dev/null
            else
                psql -X -qtA -v ON_ERROR_STOP=1 -f "$work/$k.sql" >"$work/$k.out"
            fi
        done
        for _ in $(seq "$reps"); do
            for k in "${kinds[@]}"; do
                if [ "$k" = peer ]; then
                    time_cmd "$work/peer.sql" >>"$work/peer.times"
                    sed -n 's/^peer-core-ms: *//p' "$work/peer.sql.err" >>"$work/peer.core"
                else
                    time_ms "$work/$k.sql" >>"$work/$k.times"
                fi
            done
        done
        med() { [ -s "$1" ] && median <"$1" || true; }
        e=$(med "$work/extension.times")
        b=$(med "$work/builtin.times")
        p=$(med "$work/plain.times")
        f=$(med "$work/floor.times")
        q=$(med "$work/peer.times")
        qc=$(med "$work/peer.core")
        # cases marked "--@ check" return comparable results
        same=-
        if grep -qx -- '--@ check' "bench/cases/$c.sql"; then
            same=yes
            for k in builtin plain peer; do
                if [ -s "$work/$k.sql" ] && ! cmp -s "$work/extension.out" "$work/$k.out"; then same=NO; fi
            done
        fi
        growth=-
        [ -n "$prev_e" ] && growth=$(awk -v a="$e" -v b="$prev_e" -v r="$rows" -v s="$prev_rows" \
            'BEGIN {printf "%.2f/x%g", a / b, r / s}')
        printf '%-18s %9s %9s %9s %9s %9s %9s %9s %8s %8s %8s %8s %5s %7s\n' "$c" "$rows" "$(fmt "$e")" "$(fmt "$b")" \
            "$(fmt "$p")" "$(fmt "$f")" "$(fmt "$q")" "$(fmt "$qc")" "$(ratio "$b" "$e")" "$(ratio "$p" "$e")" \
            "$(ratio "$e" "$f")" "$(ratio "$q" "$e")" "$same" "$growth"
        prev_rows=$rows prev_e=$e
    done
done
echo "reps=$reps; medians in ms; bi/ext, plain/ext, peer/ext > 1: the extension is faster; ext/floor: the"
echo "extension's time over the executor's floor on the same rows; peer core: the peer's own computation,"
echo "its export excluded; same: every other way returned the extension's result; growth: the extension's"
echo "time over its time at the previous size, for that many times the rows"
