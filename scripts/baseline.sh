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
# a baseline made by an earlier version is brought to this version's model;
# its previous copy is kept aside (the notice names it)
psql -X -q -v ON_ERROR_STOP=1 -v baseline="$baseline" >/dev/null <<'SQL'
SELECT count(*) AS tables_copied
  FROM tb.baselines b, tb.tb_upgrade_baseline(b.schema_name)
 WHERE b.schema_name = :'baseline' AND b.model_version <> tb.tb_baseline_model_version();
SQL
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
# One profile per member and observer, in its default language and in English.
mkdir -p report/profiles
profiles=$(psql -X -qtA -F ' ' -v ON_ERROR_STOP=1 -c "SELECT DISTINCT m.country, l.lang
    FROM \"$baseline\".memberships m
    CROSS JOIN LATERAL (VALUES (\"$baseline\".tb_country_lang(m.country)), ('en')) AS l(lang) ORDER BY 1, 2")
while read -r cc lang; do
    psql -X -qtA -v ON_ERROR_STOP=1 -c "SELECT \"$baseline\".country_profile_html('$cc', '$lang')" \
        -o "report/profiles/${cc}_$lang.html"
done <<<"$profiles"
log "country profiles: $PWD/report/profiles/ ($(wc -l <<<"$profiles") pages)"
# PDFs of the report and the profiles, when Chromium is installed.  Chromium
# refuses to run as root with its sandbox on: --no-sandbox (the pages are our
# own files, with no script and nothing fetched).
if command -v chromium >/dev/null 2>&1; then
    browser_home=$(mktemp -d)
    for f in report/*.html report/profiles/*.html; do
        [ -e "$f" ] || continue
        timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
            --user-data-dir="$browser_home" --print-to-pdf="${f%.html}.pdf" "file://$PWD/$f" >/dev/null 2>&1 ||
            log "no PDF made of $f"
    done
    rm -rf "$browser_home"
    log "PDF: $PWD/report/*.pdf and $PWD/report/profiles/*.pdf"
else
    log "no PDF: chromium is not installed"
fi
if [ -n "${TB_STARTED:-}" ]; then
    log "connect: psql -h $PGHOST -p $PGPORT -U postgres baseline"
    log "stop:    scripts/baseline.sh stop"
fi
