#!/usr/bin/env bash
# Runs the pg_regress suite under valgrind (memcheck), on PostgreSQL built
# from source with USE_VALGRIND so that reads of undefined or freed palloc'd
# memory are reported, not only malloc'd memory (scripts/pgbuild.sh; the
# build is cached in TB_PG_CACHE, default /var/tmp/tb_pg_builds).  The
# extension is built in a copy of the tree and installed into that build
# only.  The server runs in a throwaway cluster under valgrind, as
# PostgreSQL's developers run it (src/tools/valgrind.supp).  Any valgrind
# error report, any report involving the extension, a crash, a failed
# assertion or a failed test fails the run; it ends with "valgrind reports: N".
# Usage:
#     scripts/memcheck.sh                   the whole suite
#     scripts/memcheck.sh --short           the 9 tests that need no loaded
#                                           data (the test command runs it;
#                                           agreement, practices, top-k and
#                                           gaps only in the whole suite)
#     scripts/memcheck.sh install fold ...  only these tests (in this order;
#                                           "install" must come first; gaps,
#                                           harmonization, practices,
#                                           coverage and scoring need load)
# TB_MEMCHECK_TESTS="install fold ..." does the same as arguments;
# TB_MEMCHECK_PORT (default 54411) is the server's port.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# shellcheck source=scripts/pgbuild.sh
source scripts/pgbuild.sh
PGB_PACKAGES+=(valgrind)

if [ "${1:-}" = --short ]; then
    tests="install fold parse_number country answers summary normalise composite text_rules"
else
    tests=${*:-${TB_MEMCHECK_TESTS:-}}
fi
port=${TB_MEMCHECK_PORT:-54411}

pgb_build valgrind
bin=$PGB_PREFIX/bin

work=$(mktemp -d /tmp/tb_memcheck.XXXXXX)
chmod 755 "$work"
pgb_ext_build "$work/ext"
mkdir -p "$work/valgrind" "$work/socket"
chown postgres: "$work" "$work/valgrind" "$work/socket"

pgb_initdb "$work"

log "starting the server under valgrind (port $port)"
# The server is started directly under valgrind (pg_ctl would put a shell
# between them); pg_ctl -D stops it.
as_owner valgrind --quiet --trace-children=yes --track-origins=yes --read-var-info=yes \
    --num-callers=30 --leak-check=no --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
    --suppressions="$PGB_SRC/src/tools/valgrind.supp" --log-file="$work/valgrind/valgrind.%p.log" \
    "$bin/postgres" -D "$work/data" -p "$port" -c listen_addresses='' \
    -c unix_socket_directories="$work/socket" -c huge_pages=off \
    >"$work/server.log" 2>&1 &
pgb_started=1
export PGHOST=$work/socket PGPORT=$port PGUSER=postgres
unset PGDATABASE
for _ in $(seq 300); do
    "$bin/pg_isready" -q && break
    sleep 1
done
"$bin/pg_isready" -q || { tail -20 "$work/server.log" >&2; die "the server did not start"; }

log "pg_regress under valgrind: ${tests:-the whole suite}"
pgb_regress "$work" $tests
status=$pgb_status
log "pg_regress took $pgb_elapsed s under valgrind"

# One report per VALGRINDERROR-BEGIN ... VALGRINDERROR-END block.
reports=$(cat "$work"/valgrind/*.log 2>/dev/null | grep -c '^==[0-9]*== VALGRINDERROR-BEGIN')
# Ours: a frame in the module, or in one of its sources (with debug information
# valgrind names the file and line, not the object).
ourfiles=$(cd src && ls ./*.c | sed 's|^\./||; s|\.c$||' | paste -sd '|')
ours=$(cat "$work"/valgrind/*.log 2>/dev/null |
    awk -v re="trafficking_baseline|[( ](${ourfiles})[.]c:" \
        '/VALGRINDERROR-BEGIN/ { b = ""; inb = 1 } inb { b = b $0 "\n" }
         /VALGRINDERROR-END/ { inb = 0; if (b ~ re) n++ } END { print n + 0 }')
# a backend that died (crash recovery), or an assertion that failed (the build
# has assertions)
crashes=$(grep -cE 'terminating any other active server processes|TRAP: ' "$work/server.log")
if [ "$reports" -gt 0 ]; then
    grep -l VALGRINDERROR-BEGIN "$work"/valgrind/*.log | head -5 | xargs sed -n '/VALGRINDERROR-BEGIN/,/VALGRINDERROR-END/p' | head -120
    status=1
fi
[ "$ours" -gt 0 ] && log "$ours of the reports involve trafficking_baseline.so"
if [ "$crashes" -gt 0 ]; then
    grep -E -B3 -A1 'terminating any other active server processes|TRAP: ' "$work/server.log" | head -40
    status=1
fi
echo "valgrind reports: $reports"
if [ "$status" -eq 0 ]; then rm -rf "$work"; else log "logs kept in $work"; fi
exit $status
