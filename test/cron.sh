#!/usr/bin/env bash
# pg_cron runs the scheduled refresh: a throwaway cluster with pg_cron
# preloaded (background workers, socket only), the extension and the
# baseline loaded, tb_refresh scheduled every minute; waits (up to 150 s)
# for pg_cron to report a successful run and for quito.refresh_log to show it.
# Prints "ok" / "not ok" lines.  Usage: test/cron.sh WORKDIR
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
work=$1
# shellcheck source=test/tap.sh
source test/tap.sh

dir=$work/cron
TB_PORT=${TB_CRON_PORT:-54349}
TB_SERVER_OPTS="-c shared_preload_libraries=pg_cron -c cron.database_name=tb_cron -c cron.use_background_workers=on -c max_worker_processes=16"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
if ! ( TB_PORT=$TB_PORT TB_SERVER_OPTS=$TB_SERVER_OPTS start_cluster "$dir" ) 2>"$work/cron_start.err"; then
    check "a cluster with pg_cron preloaded starts" false
    exit 0
fi
export PGHOST=$dir/socket PGPORT=$TB_PORT PGUSER=postgres
createdb tb_cron
psql -X -q -v ON_ERROR_STOP=1 -d tb_cron -c "CREATE EXTENSION pg_cron" -c "CREATE EXTENSION trafficking_baseline" \
    -f scripts/load_baseline.sql >/dev/null
check "pg_cron and the extension install side by side" test $? -eq 0
psql -X -qtA -d tb_cron -c "SELECT cron.schedule('tb-refresh', '* * * * *', 'SELECT quito.tb_refresh()')" >/dev/null
check "the refresh is scheduled" test "$(psql -X -qtA -d tb_cron -c "SELECT count(*) FROM cron.job WHERE jobname = 'tb-refresh'")" = 1
ran=0
for _ in $(seq 75); do
    if [ "$(psql -X -qtA -d tb_cron -c "SELECT count(*) FROM cron.job_run_details WHERE status = 'succeeded'")" -gt 0 ]; then
        ran=1
        break
    fi
    sleep 2
done
check "pg_cron ran the refresh and it succeeded" test $ran = 1
check "the refresh logged what it did" test "$(psql -X -qtA -d tb_cron -c \
    "SELECT count(*) FROM quito.refresh_log WHERE finished_at IS NOT NULL AND rounds = '{0,1}'")" -ge 1
check "the BI tables are filled" test "$(psql -X -qtA -d tb_cron -c "SELECT count(*) FROM quito.bi_scores")" -gt 0
psql -X -qtA -d tb_cron -c "SELECT cron.unschedule('tb-refresh')" >/dev/null
stop_cluster "$dir"
