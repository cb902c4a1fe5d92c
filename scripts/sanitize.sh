#!/usr/bin/env bash
# Runs the pg_regress suite on PostgreSQL built from source with
# AddressSanitizer and UndefinedBehaviorSanitizer (scripts/pgbuild.sh; the
# build is cached in TB_PG_CACHE, default /var/tmp/tb_pg_builds), with the
# extension built with the same flags (PGXS takes them from the build) in a
# copy of the tree and installed into that build only, in a throwaway
# cluster.  UBSan aborts on its first report.  Any report (in the sanitizer
# log files or the server's log), a crash or a failed test fails the run; it
# ends with "sanitizer reports: N".  Usage:
#     scripts/sanitize.sh                   the whole suite
#     scripts/sanitize.sh install fold ...  only these tests (in this order;
#                                           "install" must come first)
# TB_SANITIZE_TESTS="install fold ..." does the same as arguments;
# TB_SANITIZE_PORT (default 54412) is the server's port.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# shellcheck source=scripts/pgbuild.sh
source scripts/pgbuild.sh

tests=${*:-${TB_SANITIZE_TESTS:-}}
port=${TB_SANITIZE_PORT:-54412}

pgb_build asan
bin=$PGB_PREFIX/bin

work=$(mktemp -d /tmp/tb_sanitize.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/san" "$work/socket"
chown postgres: "$work" "$work/san" "$work/socket"   # the server writes the sanitizer logs

# Every instrumented program (pg_config, initdb, the server and its children)
# inherits these.  No leak checking: PostgreSQL's programs leave
# process-lifetime allocations to exit (PostgreSQL's own CI runs ASan so too).
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:print_stacktrace=1:log_path=$work/san/asan"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$work/san/ubsan"
pgb_ext_build "$work/ext"

pgb_initdb "$work"

log "starting the server (port $port)"
as_owner "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 120 \
    -o "-p $port -c listen_addresses='' -c unix_socket_directories='$work/socket'" \
    start >/dev/null || { tail -20 "$work/server.log" >&2; die "the server did not start"; }
pgb_started=1
export PGHOST=$work/socket PGPORT=$port PGUSER=postgres
unset PGDATABASE

log "pg_regress with ASan and UBSan: ${tests:-the whole suite}"
pgb_regress "$work" $tests
status=$pgb_status
log "pg_regress took $pgb_elapsed s"

# Reports go to the log files (asan.PID, ubsan.PID), or to stderr (the
# server's log) when those cannot be written.
pattern='runtime error|ERROR: AddressSanitizer|ERROR: LeakSanitizer|SUMMARY: UndefinedBehaviorSanitizer'
files=$(ls "$work"/san/asan.* "$work"/san/ubsan.* 2>/dev/null | wc -l)
inlog=$(cat "$work/server.log" "$work/initdb.log" | grep -cE 'runtime error|ERROR: AddressSanitizer')
reports=$(( files + inlog ))
crashes=$(grep -cE 'terminating any other active server processes' "$work/server.log")
if [ "$reports" -gt 0 ]; then
    cat "$work"/san/asan.* "$work"/san/ubsan.* 2>/dev/null | head -80
    grep -hE -A3 "$pattern" "$work/server.log" "$work/initdb.log" | head -60
    status=1
fi
if [ "$crashes" -gt 0 ]; then
    grep -E -B3 -A1 'terminating any other active server processes' "$work/server.log" | head -40
    status=1
fi
echo "sanitizer reports: $reports"
if [ "$status" -eq 0 ]; then rm -rf "$work"; else log "logs kept in $work"; fi
exit $status
