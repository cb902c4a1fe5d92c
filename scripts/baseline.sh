#!/usr/bin/env bash
# README command 1: install what is missing, build and install the extension,
# start a throwaway cluster in .cluster/ (unless PGHOST, PGPORT or PGDATABASE
# point to a server), create the extension, create the baseline of the Quito
# Process in the schema TB_BASELINE (default quito) and load it, print the
# report.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

cluster_dir=${TB_CLUSTER_DIR:-$PWD/.cluster}
if [ "${1:-}" = stop ]; then
    stop_cluster "$cluster_dir"
    log "stopped the cluster in $cluster_dir"
    exit 0
fi

install_packages
build_install
if [ -z "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}" ]; then
    start_cluster "$cluster_dir"
    TB_STARTED=1
    export PGDATABASE=baseline
    psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'baseline'" | grep -q 1 ||
        createdb baseline
fi
baseline=${TB_BASELINE:-quito}
log "loading the baseline into schema $baseline of database ${PGDATABASE:-${PGUSER:-$(id -un)}}"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS trafficking_baseline" \
    -c "ALTER EXTENSION trafficking_baseline UPDATE"
psql -X -q -v ON_ERROR_STOP=1 -v baseline="$baseline" -f scripts/load_baseline.sql >/dev/null
psql -X -v ON_ERROR_STOP=1 -v baseline="$baseline" -f scripts/report.sql
mkdir -p report
# the regional report in English, Spanish and Portuguese
for lang in en es pt; do
    file=report/baseline.html
    [ "$lang" = en ] || file=report/baseline_$lang.html
    psql -X -q -v ON_ERROR_STOP=1 -v baseline="$baseline" -v lang="$lang" -f scripts/report_html.sql -o "$file"
    log "HTML report ($lang): $PWD/$file"
done
if [ -n "${TB_STARTED:-}" ]; then
    log "connect: psql -h $PGHOST -p $PGPORT -U postgres baseline"
    log "stop:    scripts/baseline.sh stop"
fi
