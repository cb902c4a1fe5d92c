#!/usr/bin/env bash
# Concurrent load for D seconds (default 300) on loopback: 4 loaders (new
# answers through the shared import table and tb_load_responses), 2 BI
# readers and 1 refresher (tb_refresh) at once; then checks against the
# ledger that no answer was lost or loaded twice, and that the server never
# restarted.  Prints pgbench's figures.  The refresh runs on average every
# TB_REFRESH_EVERY seconds (default 10, as a frequent pg_cron job would; 0:
# back to back).  Usage: bench/concurrency/run.sh [D]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
d=${1:-300}
if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ]; then
    build_install
    start_cluster "${TB_CLUSTER_DIR:-$PWD/.cluster}"
fi
export PGDATABASE=${PGDATABASE:-tb_load}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# a database of its own, made afresh: the run's baseline is thrown away
dropdb --if-exists "$PGDATABASE"
createdb "$PGDATABASE"
psql -X -q -c "CREATE EXTENSION trafficking_baseline" \
     -f scripts/load_baseline.sql -f bench/concurrency/setup.sql >/dev/null
psql -X -q -c "SELECT count(*) FROM quito.tb_refresh()" >/dev/null
started=$(psql -X -qtA -c "SELECT pg_postmaster_start_time()")
before=$(psql -X -qtA -c "SELECT count(*) FROM quito.responses")
every=${TB_REFRESH_EVERY:-10}
out=$(mktemp -d /tmp/tb_load.XXXXXX)
run() {
    "$PG_BIN/pgbench" -n -T "$d" -c "$1" -j "$1" -P 60 -r -l --log-prefix="$out/$2" "${@:3}" \
        -f "bench/concurrency/$2.sql" 2>&1 | sed "s/^/$2: /"
}
run 4 loader >"$out/loader.txt" &
run 2 reader >"$out/reader.txt" &
if [ "$every" = 0 ]; then rate=(); else rate=(-R "$(awk "BEGIN { print 1 / $every }")"); fi
run 1 refresher "${rate[@]}" >"$out/refresher.txt" &
wait
for c in loader reader refresher; do
    grep -E 'tps|latency|failed|number of transactions|aborted|ERROR' "$out/$c.txt" | grep -v 'progress'
    # per-transaction log: the third field is the latency in microseconds
    cat "$out/$c".[0-9]* | awk '{ print $3 }' | sort -n |
        awk -v c="$c" '{ v[NR] = $1 } END { if (NR) printf "%s: latency p50 = %.3f ms, p95 = %.3f ms, p99 = %.3f ms, max = %.3f ms\n",
            c, v[int(NR * .50) + 1] / 1000, v[int(NR * .95) + 1] / 1000, v[int(NR * .99) + 1] / 1000, v[NR] / 1000 }'
done
rm -rf "$out"
# anything left in the import table (a load cut short at the end) is loaded now
psql -X -q -c "SELECT count(*) FROM quito.tb_load_responses('after the load test')" >/dev/null
psql -X -qtA <<SQL
SELECT 'ledger: ' || (SELECT count(*) FROM bench_ledger) || ' answers submitted';
SELECT 'loaded exactly once: ' || count(*) FROM bench_ledger l
  JOIN quito.responses r ON r.round_no = l.round_no AND r.institution = l.institution AND r.indicator = l.indicator
                     AND r.raw_answer = l.answer;
SELECT 'answers in the load-test rounds not in the ledger: ' || count(*) FROM quito.responses r
 WHERE r.round_no >= 1000 AND NOT EXISTS (SELECT 1 FROM bench_ledger l WHERE l.round_no = r.round_no
                                          AND l.institution = r.institution AND l.indicator = r.indicator);
SELECT 'rejected: ' || count(*) FROM quito.rejects WHERE round_raw::integer >= 1000;
SELECT 'loads: ' || count(*) || ', rows read ' || sum(rows_read) || ' = loaded ' || sum(loaded) || ' + duplicates '
       || sum(duplicates) || ' + rejected ' || sum(rejected) FROM quito.loads WHERE load_id > 2;
SELECT 'refreshes logged: ' || count(*) FROM quito.refresh_log;
SQL
[ "$started" = "$(psql -X -qtA -c "SELECT pg_postmaster_start_time()")" ] && echo "the server never restarted" ||
    echo "THE SERVER RESTARTED"
