#!/usr/bin/env bash
# Runs the pg_regress suite against a build of the extension with
# AddressSanitizer and UndefinedBehaviorSanitizer, in a throwaway cluster
# whose server preloads the ASan runtime (PostgreSQL itself is not
# instrumented; the extension is).  Any report fails the run.  Usage:
#     scripts/sanitize.sh
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
install_packages
log "building with -fsanitize=address,undefined"
make -s PG_CONFIG="$PG_BIN/pg_config" clean >/dev/null
make -s PG_CONFIG="$PG_BIN/pg_config" PG_CFLAGS="-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g" \
    SHLIB_LINK="$(pkg-config --libs icu-uc icu-i18n) -fsanitize=address,undefined" || die "build failed"
as_root make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
work=$(mktemp -d /tmp/tb_asan.XXXXXX)
chmod 755 "$work"
asan=$(gcc -print-file-name=libasan.so)
ubsan=$(gcc -print-file-name=libubsan.so)
# the server inherits these through pg_ctl
export LD_PRELOAD="$asan $ubsan"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:log_path=$work/asan:detect_odr_violation=0"
export UBSAN_OPTIONS="print_stacktrace=1:log_path=$work/ubsan"
TB_PORT=54379 start_cluster "$work"
unset LD_PRELOAD
export PGHOST=$work/socket PGPORT=54379 PGUSER=postgres
make -s PG_CONFIG="$PG_BIN/pg_config" installcheck >"$work/regress.out" 2>&1
status=$?
tail -3 "$work/regress.out"
stop_cluster "$work"
reports=$(ls "$work"/asan.* "$work"/ubsan.* 2>/dev/null | wc -l)
if [ "$reports" -gt 0 ]; then
    cat "$work"/asan.* "$work"/ubsan.* 2>/dev/null | head -60
    echo "sanitizer reports: $reports (in $work)"
    status=1
else
    echo "sanitizer reports: 0"
    rm -rf "$work"
fi
# leave a normal build installed
build_install >/dev/null
exit $status
