#!/usr/bin/env bash
# Runs the pg_regress suite and the pgTAP suite on PostgreSQL 18, which the
# distribution does not package: PostgreSQL is built from Debian's source
# package (the "plain" flavour of scripts/pgbuild.sh, built once and cached
# in TB_PG_CACHE, default /var/tmp/tb_pg_builds), the extension is built in
# a copy of the tree and installed into that build only, and the suites run
# in a throwaway cluster, stopped at the end.
#
# pgTAP is pure SQL: its control and SQL files, as the distribution's
# postgresql-15-pgtap ships them (TB_PGTAP_DIR, default
# /usr/share/postgresql/15/extension), are copied into the build's
# extension directory.  After pg_regress (which stops the server) the server
# is started again, a database is loaded as scripts/test.sh loads it
# (CREATE EXTENSION trafficking_baseline and pgtap, scripts/load_baseline.sql)
# and pg_prove -v runs test/*.sql on it, one file at a time.
#
# Prints one TAP line per test and per assertion, numbered within each
# suite:
#     ok N - regress: NAME            (or "not ok N - regress: NAME")
#     ok N - pgtap: FILE: ASSERTION   (or "not ok N - pgtap: ...")
# A pgTAP file that dies, or whose plan does not match what ran, adds
# "not ok N - pgtap: FILE: ..." with pg_prove's reason; diagnostics follow
# as "#" lines.  Then the time the build and each suite took.  Exit status
# 0 only if both suites ran and passed.  Usage:
#     scripts/pg18.sh                   both suites
#     scripts/pg18.sh install fold ...  only these pg_regress tests (in this
#                                       order; "install" must come first),
#                                       no pgTAP
# TB_PG18_PGTAP=0 skips the pgTAP suite, =1 runs it even with named tests.
# TB_PG18_PORT (default 54413) is the server's port.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# before lib.sh, which derives its paths and packages from it
export PG_MAJOR=18
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# shellcheck source=scripts/pgbuild.sh
source scripts/pgbuild.sh

tests=("$@")
port=${TB_PG18_PORT:-54413}
if [ ${#tests[@]} -eq 0 ]; then pgtap=${TB_PG18_PGTAP:-1}; else pgtap=${TB_PG18_PGTAP:-0}; fi
pgtap_dir=${TB_PGTAP_DIR:-/usr/share/postgresql/15/extension}

# no postgresql-18 packages to install: only what building it needs, and
# for pgTAP the distribution's SQL files and pg_prove
TB_PACKAGES=()
[ "$pgtap" = 1 ] && TB_PACKAGES+=(postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl)

pgb_build plain
bin=$PGB_PREFIX/bin

if [ "$pgtap" = 1 ]; then
    extdir=$("$PGB_PG_CONFIG" --sharedir)/extension
    [ -f "$pgtap_dir/pgtap.control" ] || die "no pgtap.control in $pgtap_dir"
    log "installing pgTAP's SQL files from $pgtap_dir into $extdir"
    cp "$pgtap_dir"/pgtap.control "$pgtap_dir"/pgtap*.sql "$extdir"/ || die "cannot copy pgTAP into $extdir"
fi

work=$(mktemp -d /tmp/tb_pg18.XXXXXX)
chmod 755 "$work"
pgb_ext_build "$work/ext"
mkdir -p "$work/socket"
chown postgres: "$work" "$work/socket"

pgb_initdb "$work"

# start_server: start the build's server on the throwaway cluster
start_server() {
    log "starting PostgreSQL 18 (port $port)"
    as_owner "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 120 \
        -o "-p $port -c listen_addresses='' -c unix_socket_directories='$work/socket'" \
        start >/dev/null || { tail -20 "$work/server.log" >&2; die "the server did not start"; }
    pgb_started=1
}
start_server
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

# pgtap_suite: load a database as scripts/test.sh does and run each of
# test/*.sql with pg_prove -v, printing its assertions renumbered and
# prefixed; sets pgtap_status (0 only if every file ran and passed)
pgtap_suite() {
    local n=0 f name rc out why line
    pgtap_status=0
    "$bin/createdb" tb_check || { echo "not ok 1 - pgtap: createdb tb_check failed"; pgtap_status=1; return; }
    if ! "$bin/psql" -X -q -v ON_ERROR_STOP=1 -d tb_check \
            -c "CREATE EXTENSION trafficking_baseline" -c "CREATE EXTENSION pgtap" \
            -f scripts/load_baseline.sql >"$work/pgtap_load.out" 2>&1; then
        echo "not ok 1 - pgtap: loading the database (extensions and scripts/load_baseline.sql) failed"
        sed 's/^/# /' "$work/pgtap_load.out"
        pgtap_status=1
        return
    fi
    for f in test/*.sql; do
        name=$(basename "$f")
        out=$work/prove_${name%.sql}.out
        pg_prove -v --psql-bin "$bin/psql" -d tb_check "$f" >"$out" 2>&1
        rc=$?
        # assertions, renumbered across the suite; diagnostics as they are
        while IFS= read -r line; do
            if [[ $line =~ ^(not\ )?ok\ [0-9]+(\ -)?\ ?(.*)$ ]]; then
                n=$((n + 1))
                echo "${BASH_REMATCH[1]}ok $n - pgtap: $name: ${BASH_REMATCH[3]}"
            elif [[ $line == '#'* ]]; then
                echo "$line"
            fi
        done <"$out"
        # a file that died or whose plan does not match what ran: one more
        # "not ok" line, with pg_prove's reasons; any other failure without
        # a "not ok" line too
        why=$(sed -nE 's/^[[:space:]]*(Parse errors: )?((Dubious|Bad plan|No plan|No subtests).*)/\2/p' "$out" |
              sed 's/[[:space:]]*$//' | paste -sd ';' | sed 's/;/; /g')
        if [ "$rc" -ne 0 ] && [ -z "$why" ] && ! grep -qE '^not ok [0-9]+' "$out"; then
            why="pg_prove exited with status $rc"
        fi
        if [ -n "$why" ]; then
            n=$((n + 1))
            echo "not ok $n - pgtap: $name: $why"
        fi
        if [ "$rc" -ne 0 ] || [ -n "$why" ]; then
            pgtap_status=1
            grep -vE '^(not )?ok [0-9]+|^#' "$out" | sed 's/^/# /'
        fi
    done
    [ "$n" -gt 0 ] || { echo "not ok 1 - pgtap: no assertion ran"; pgtap_status=1; }
}

pgtap_elapsed=
if [ "$pgtap" = 1 ]; then
    start_server
    log "pgTAP on PostgreSQL 18: test/*.sql"
    pgtap_start=$(date +%s)
    pgtap_suite
    pgtap_elapsed=$(( $(date +%s) - pgtap_start ))
    [ "$pgtap_status" -eq 0 ] || status=1
    pgb_stop_server
fi

echo "# PostgreSQL $("$PGB_PG_CONFIG" --version | sed 's/^PostgreSQL //'): build $PGB_BUILD_SECONDS s (0: cached), pg_regress $pgb_elapsed s${pgtap_elapsed:+, pgTAP $pgtap_elapsed s}"
if [ "$status" -eq 0 ]; then rm -rf "$work"; else log "logs kept in $work"; fi
exit $status
