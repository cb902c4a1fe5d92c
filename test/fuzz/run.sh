#!/usr/bin/env bash
# Fuzz every type of the extension through a live server (not part of the
# tests: a million inputs per type and format take a while).  Usage:
#     test/fuzz/run.sh [N]        (N inputs per type and format; default 1000000)
# Uses the server PG* variables point to, or starts the main job's cluster;
# checks at the end that the server never restarted.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
n=${1:-1000000}
if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ]; then
    build_install
    start_cluster "${TB_CLUSTER_DIR:-$PWD/.cluster}"
fi
export PGDATABASE=${PGDATABASE:-tb_fuzz}
psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'" | grep -q 1 || createdb "$PGDATABASE"
psql -X -q -c "DROP EXTENSION IF EXISTS trafficking_baseline CASCADE" -c "CREATE EXTENSION trafficking_baseline"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -Wall -o "$work/fuzz" test/fuzz/fuzz.c -I"$(pg_config --includedir)" -L"$(pg_config --libdir)" -lpq
started=$(psql -X -qtA -c "SELECT pg_postmaster_start_time()")
(cd "$work" && ./fuzz "$n" "") && status=0 || status=$?
[ "$started" = "$(psql -X -qtA -c "SELECT pg_postmaster_start_time()")" ] &&
    echo "the server never restarted" || { echo "THE SERVER RESTARTED"; status=1; }
exit $status
