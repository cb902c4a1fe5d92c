#!/usr/bin/env bash
# Runs the pg_regress suite on PostgreSQL 18, which the distribution does
# not package: PostgreSQL is built from Debian's source package (the
# "plain" flavour of scripts/pgbuild.sh, built once and cached in
# TB_PG_CACHE, default /var/tmp/tb_pg_builds), the extension is built in a
# copy of the tree and installed into that build only, and the suite runs
# in a throwaway cluster, stopped at the end.  Prints one TAP line per test
# ("ok N - regress: NAME" or "not ok N - regress: NAME"), then the time the
# build and the suite took.  Usage:
#     scripts/pg18.sh                   the whole suite
#     scripts/pg18.sh install fold ...  only these tests (in this order;
#                                       "install" must come first)
# TB_PG18_PORT (default 54413) is the server's port.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# before lib.sh, which derives its paths and packages from it
export PG_MAJOR=18
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# shellcheck source=scripts/pgbuild.sh
source scripts/pgbuild.sh
# no postgresql-18 packages to install: only what building it needs
TB_PACKAGES=()

tests=("$@")
port=${TB_PG18_PORT:-54413}

pgb_build plain
bin=$PGB_PREFIX/bin

work=$(mktemp -d /tmp/tb_pg18.XXXXXX)
chmod 755 "$work"
pgb_ext_build "$work/ext"
mkdir -p "$work/socket"
chown postgres: "$work" "$work/socket"

pgb_initdb "$work"

log "starting PostgreSQL 18 (port $port)"
as_owner "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 120 \
    -o "-p $port -c listen_addresses='' -c unix_socket_directories='$work/socket'" \
    start >/dev/null || { tail -20 "$work/server.log" >&2; die "the server did not start"; }
pgb_started=1
export PGHOST=$work/socket PGPORT=$port PGUSER=postgres
unset PGDATABASE

log "pg_regress on PostgreSQL 18: ${*:-the whole suite}"
# pg_regress's own lines ("ok 1 - install  12 ms") are rewritten, not
# printed as they are, so that a caller counting TAP lines counts each
# test once; pgb_regress stops the server.
pgb_regress "$work" "${tests[@]}" >"$work/pgb_regress.out"
status=$pgb_status
sed -nE 's/^(not )?ok ([0-9]+)[[:space:]]+[-+][[:space:]]+([^[:space:]]+).*/\1ok \2 - regress: \3/p' \
    "$work/regress.out"
if ! grep -qE '^(not )?ok [0-9]+ ' "$work/regress.out"; then
    echo "not ok - regress: the suite did not run"
    sed 's/^/# /' "$work/regress.out"
fi
if [ -f "$work/ext/regression.diffs" ]; then
    head -200 "$work/ext/regression.diffs" | sed 's/^/# /'
fi
echo "# PostgreSQL $("$PGB_PG_CONFIG" --version | sed 's/^PostgreSQL //'): build $PGB_BUILD_SECONDS s (0: cached), pg_regress $pgb_elapsed s"
if [ "$status" -eq 0 ]; then rm -rf "$work"; else log "logs kept in $work"; fi
exit $status
