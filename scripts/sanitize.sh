#!/usr/bin/env bash
# Runs the pg_regress suite against a build of the extension with
# UndefinedBehaviorSanitizer (and, with TB_ASAN=1, AddressSanitizer) in a
# throwaway cluster.  PostgreSQL itself is not instrumented, so ASan's runtime
# must be preloaded into the server; on Debian 12 that deadlocks at startup
# (glibc's bindtextdomain lock under the preloaded runtime), hence opt-in.
# Any report fails the run.  Usage:
#     scripts/sanitize.sh
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_packages
if [ "${TB_ASAN:-0}" = 1 ]; then san=address,undefined; else san=undefined; fi
log "building with -fsanitize=$san"
make -s PG_CONFIG="$PG_BIN/pg_config" clean >/dev/null
make -s PG_CONFIG="$PG_BIN/pg_config" PG_CFLAGS="-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -fsanitize=$san -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g" \
    SHLIB_LINK="$(pkg-config --libs icu-uc icu-i18n) -fsanitize=$san" || die "build failed"
as_root make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
work=$(mktemp -d /tmp/tb_asan.XXXXXX)
chmod 755 "$work"
chown postgres: "$work"   # the server writes the sanitizer logs here
asan=$(gcc -print-file-name=libasan.so)
ubsan=$(gcc -print-file-name=libubsan.so)
# the server inherits these through pg_ctl
if [ "$san" = address,undefined ]; then export LD_PRELOAD="$asan $ubsan"; fi
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:log_path=$work/asan:detect_odr_violation=0"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$work/ubsan"
TB_PORT=54379 start_cluster "$work"
unset LD_PRELOAD || true
export PGHOST=$work/socket PGPORT=54379 PGUSER=postgres
make -s PG_CONFIG="$PG_BIN/pg_config" installcheck >"$work/regress.out" 2>&1
status=$?
tail -3 "$work/regress.out"
stop_cluster "$work"
# reports go to the log files, or to the server's log when those cannot be written
reports=$(( $(ls "$work"/asan.* "$work"/ubsan.* 2>/dev/null | wc -l) +
            $(grep -c -E 'runtime error|ERROR: AddressSanitizer' "$work/server.log") ))
if [ "$reports" -gt 0 ]; then
    cat "$work"/asan.* "$work"/ubsan.* 2>/dev/null | head -60
    grep -E -A3 'runtime error|ERROR: AddressSanitizer' "$work/server.log" | head -60
    echo "sanitizer reports: $reports (in $work)"
    status=1
else
    echo "sanitizer reports: 0"
    rm -rf "$work"
fi
# leave a normal build installed
build_install >/dev/null
exit $status
