# Shared by scripts/baseline.sh and scripts/test.sh: packages, build, and a
# throwaway PostgreSQL cluster on a Unix socket.  Source it; do not run it.
# shellcheck shell=bash

export LANG=C.UTF-8 LC_ALL=C.UTF-8
PG_MAJOR=${PG_MAJOR:-15}
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
TB_PACKAGES=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-$PG_MAJOR-pgtap
             libtap-parser-sourcehandler-pgtap-perl libicu-dev pkg-config make gcc python3
             python3-statsmodels postgresql-$PG_MAJOR-cron libxml2-utils chromium
             # test/clients.sh: PgJDBC and psqlODBC as BI tools use them; Debian's JRE
             # image holds jdk.compiler, so "java File.java" runs without a JDK
             libpostgresql-jdbc-java default-jre-headless odbc-postgresql unixodbc python3-pyodbc
             # scripts/export_bi.sh writes the .xlsx workbook
             python3-openpyxl)

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, else through sudo.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Run a command as the cluster's owner: postgres when we are root (initdb
# and postgres refuse root), else ourselves.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

install_packages() {
    local missing=() p
    for p in "${TB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build_install [WERROR]: build with PGXS against PG_MAJOR and install.
build_install() {
    local werror=${1:-}
    log "building and installing (PostgreSQL $PG_MAJOR${werror:+, -Werror})"
    make -s PG_CONFIG="$PG_BIN/pg_config" clean >/dev/null
    make -s PG_CONFIG="$PG_BIN/pg_config" ${werror:+WERROR=1} || die "build failed"
    as_root make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null || die "install failed"
}

# start_cluster DIR: initdb DIR if empty, start it on a socket in DIR/socket
# with no TCP, and export PGHOST/PGPORT/PGUSER for psql and pg_regress.
start_cluster() {
    local dir=$1
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -s "$dir/data/PG_VERSION" ]; then
        log "creating cluster in $dir/data"
        as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth=trust >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi
    as_owner mkdir -p "$dir/socket"
    export PGHOST=$dir/socket PGPORT=${TB_PORT:-54329} PGUSER=postgres
    if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses='' -c unix_socket_directories='$dir/socket' -p $PGPORT ${TB_SERVER_OPTS:-}" \
            start >/dev/null || { tail -20 "$dir/server.log" >&2; die "the cluster did not start"; }
    fi
    log "cluster running: psql -h $PGHOST -p $PGPORT -U postgres"
}

stop_cluster() {
    local dir=$1
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}
