# Shared by scripts/memcheck.sh and scripts/sanitize.sh: PostgreSQL built
# from the distribution's source package with instrumentation, and the
# extension built against it in a copy of the tree.  Source it after
# scripts/lib.sh; do not run it.
#
# Everything lives under TB_PG_CACHE (default /var/tmp/tb_pg_builds), outside
# the repository:
#     apt/                     private apt state (deb-src lists); the system's
#                              apt configuration is not touched
#     postgresql-MAJOR_*.orig.tar.bz2
#     src/postgresql-MAJOR.N/  the unpacked release tarball (never configured
#                              in place: each flavour builds out of tree)
#     build-MAJOR-FLAVOUR/     object tree of a flavour of PostgreSQL MAJOR
#     MAJOR-FLAVOUR/           its installation prefix (bin/pg_config ...)
#     MAJOR-FLAVOUR/.built     what it was built from; a change rebuilds it
# MAJOR is PG_MAJOR (scripts/lib.sh; 15 unless set), so that builds of two
# majors never replace each other.  Flavours:
#     valgrind   USE_VALGRIND (palloc'd chunks are tracked), -Og, assertions
#     asan       AddressSanitizer + UndefinedBehaviorSanitizer, -O1, no NLS
#     plain      no instrumentation, -O2 (another major than the
#                distribution's, e.g. scripts/pg18.sh)
# shellcheck shell=bash

TB_PG_CACHE=${TB_PG_CACHE:-/var/tmp/tb_pg_builds}
PGB_PACKAGES=(gcc make pkg-config libicu-dev perl bzip2)

# Flags of each flavour (configure options, CFLAGS, CPPFLAGS, LDFLAGS).
# AddressSanitizer does not see inside PostgreSQL's memory contexts (a
# palloc'd chunk lives in a larger malloc'd block); valgrind with
# USE_VALGRIND does, so the two runs complement each other.
pgb_flags() {
    case $1 in
        valgrind)
            PGB_CONFIGURE=(--with-icu --without-readline --without-zlib --enable-debug --enable-cassert)
            PGB_CFLAGS="-Og -g"
            PGB_CPPFLAGS="-DUSE_VALGRIND"
            PGB_LDFLAGS=""
            ;;
        asan)
            PGB_CONFIGURE=(--with-icu --without-readline --without-zlib --disable-nls)
            PGB_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -g"
            PGB_CPPFLAGS=""
            PGB_LDFLAGS="-fsanitize=address,undefined"
            ;;
        plain)
            PGB_CONFIGURE=(--with-icu --without-readline --without-zlib)
            PGB_CFLAGS="-O2 -g"
            PGB_CPPFLAGS=""
            PGB_LDFLAGS=""
            ;;
        *) die "unknown PostgreSQL flavour '$1' (valgrind, asan or plain)" ;;
    esac
}

# Debian's development suite, in the private apt state only: it serves the
# newest major (postgresql-18) that the system's stable suites do not.
TB_PG_SID_URI=${TB_PG_SID_URI:-http://deb.debian.org/debian}

# pgb_source: download (once) and unpack the release tarball of PostgreSQL
# PG_MAJOR from the distribution's source package, through a private apt
# state whose deb-src entries mirror the system's deb entries, plus Debian
# sid when those do not carry postgresql-PG_MAJOR.  Sets PGB_SRC.
pgb_source() {
    local apt=$TB_PG_CACHE/apt tarball f
    mkdir -p "$TB_PG_CACHE"
    tarball=$(ls "$TB_PG_CACHE"/postgresql-"$PG_MAJOR"_"$PG_MAJOR".*.orig.tar.bz2 2>/dev/null | sort -V | tail -1)
    if [ -z "$tarball" ]; then
        log "downloading the source of postgresql-$PG_MAJOR"
        rm -rf "$apt"
        mkdir -p "$apt/parts" "$apt/lists/partial"
        # deb-src twins of the system's package sources (same archives,
        # suites, components and keys)
        for f in /etc/apt/sources.list.d/*.sources; do
            [ -f "$f" ] && sed 's/^Types:.*/Types: deb-src/' "$f" >"$apt/parts/$(basename "$f")"
        done
        for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [ -f "$f" ] && sed -n 's/^deb[[:space:]]/deb-src /p' "$f"
        done >"$apt/parts/system.list"
        local o=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/parts"
                 -o "Dir::State::Lists=$apt/lists" -o APT::Sandbox::User=root)
        apt-get "${o[@]}" -qq update || die "apt-get update (source lists) failed"
        if [ -z "$(apt-cache "${o[@]}" showsrc "postgresql-$PG_MAJOR" 2>/dev/null)" ]; then
            log "postgresql-$PG_MAJOR is not in the system's suites; adding deb-src for Debian sid (private apt state only)"
            printf '%s\n' "Types: deb-src" "URIs: $TB_PG_SID_URI" "Suites: sid" "Components: main" \
                "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" >"$apt/parts/sid.sources"
            apt-get "${o[@]}" -qq update || die "apt-get update (source lists with sid) failed"
        fi
        # newest version first; a mirror may list a version whose files it
        # does not (yet) carry, so fall back to the next one
        local v got=
        for v in $(apt-cache "${o[@]}" showsrc "postgresql-$PG_MAJOR" | sed -n 's/^Version: //p' | sort -urV); do
            if (cd "$TB_PG_CACHE" && apt-get "${o[@]}" -qq source --download-only "postgresql-$PG_MAJOR=$v") >/dev/null 2>&1; then
                got=$v
                break
            fi
            log "postgresql-$PG_MAJOR $v could not be downloaded; trying an older version"
        done
        [ -n "$got" ] || die "apt-get source postgresql-$PG_MAJOR failed"
        # only the upstream tarball is used; drop the Debian packaging
        rm -f "$TB_PG_CACHE"/postgresql-"$PG_MAJOR"_*.debian.tar.* "$TB_PG_CACHE"/postgresql-"$PG_MAJOR"_*.dsc
        tarball=$(ls "$TB_PG_CACHE"/postgresql-"$PG_MAJOR"_"$PG_MAJOR".*.orig.tar.bz2 2>/dev/null | sort -V | tail -1)
        [ -n "$tarball" ] || die "no postgresql-$PG_MAJOR orig tarball was downloaded"
    fi
    # postgresql-15_15.8.orig.tar.bz2 unpacks to postgresql-15.8/
    f=$(basename "$tarball" .orig.tar.bz2)
    PGB_SRC=$TB_PG_CACHE/src/postgresql-${f#*_}
    if [ ! -f "$PGB_SRC/configure" ]; then
        log "unpacking $(basename "$tarball")"
        rm -rf "$PGB_SRC"
        mkdir -p "$TB_PG_CACHE/src"
        tar -xjf "$tarball" -C "$TB_PG_CACHE/src" || die "cannot unpack $tarball"
        [ -f "$PGB_SRC/configure" ] || die "$PGB_SRC/configure missing after unpacking"
    fi
}

# pgb_build FLAVOUR: build and install PostgreSQL in FLAVOUR into
# $TB_PG_CACHE/FLAVOUR unless an identical build is there.  Sets PGB_PREFIX,
# PGB_PG_CONFIG and PGB_SRC.
pgb_build() {
    local flavour=$1 build stamp want start
    TB_PACKAGES+=("${PGB_PACKAGES[@]}")
    install_packages || die "could not install the packages to build PostgreSQL"
    pgb_flags "$flavour"
    pgb_source
    PGB_PREFIX=$TB_PG_CACHE/$PG_MAJOR-$flavour
    PGB_PG_CONFIG=$PGB_PREFIX/bin/pg_config
    build=$TB_PG_CACHE/build-$PG_MAJOR-$flavour
    stamp=$PGB_PREFIX/.built
    want="$(basename "$PGB_SRC") ${PGB_CONFIGURE[*]} CFLAGS=$PGB_CFLAGS CPPFLAGS=$PGB_CPPFLAGS LDFLAGS=$PGB_LDFLAGS"
    if [ -x "$PGB_PG_CONFIG" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        PGB_BUILD_SECONDS=0
        log "reusing PostgreSQL ($flavour) in $PGB_PREFIX"
        return 0
    fi
    log "building PostgreSQL $(basename "$PGB_SRC") ($flavour) in $build"
    start=$(date +%s)
    rm -rf "$build" "$PGB_PREFIX"
    mkdir -p "$build"
    # LeakSanitizer would fail configure's test programs and the build tools
    (
        cd "$build" &&
        export ASAN_OPTIONS=detect_leaks=0 &&
        "$PGB_SRC/configure" --prefix="$PGB_PREFIX" "${PGB_CONFIGURE[@]}" \
            CFLAGS="$PGB_CFLAGS" CPPFLAGS="$PGB_CPPFLAGS" LDFLAGS="$PGB_LDFLAGS" \
            >"$build/configure.out" 2>&1 || { tail -30 "$build/configure.out" >&2; exit 1; }
        make -j2 -s >"$build/make.out" 2>&1 || { grep -E -B2 -A5 'error|Error' "$build/make.out" | tail -40 >&2; exit 1; }
        make -s install >"$build/install.out" 2>&1 || { tail -30 "$build/install.out" >&2; exit 1; }
    ) || die "building PostgreSQL ($flavour) failed; logs in $build"
    echo "$want" >"$stamp"
    PGB_BUILD_SECONDS=$(( $(date +%s) - start ))
    log "built PostgreSQL ($flavour) in $PGB_BUILD_SECONDS s"
}

# pgb_ext_build DIR: copy the extension's files (tracked and new, not
# ignored ones) into DIR, then build it there against PGB_PG_CONFIG and
# install it into that prefix.  The working tree and its build against the
# distribution's PostgreSQL are left alone.
pgb_ext_build() {
    local dir=$1
    mkdir -p "$dir"
    git ls-files -z --cached --others --exclude-standard |
        xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -T - -cf - | tar -xf - -C "$dir" || die "cannot copy the tree into $dir"
    log "building the extension against $PGB_PG_CONFIG"
    # pg_config of the asan flavour is instrumented: no LeakSanitizer at its exit
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
    make -C "$dir" -s PG_CONFIG="$PGB_PG_CONFIG" >"$dir/build.out" 2>&1 || { cat "$dir/build.out" >&2; die "extension build failed"; }
    make -C "$dir" -s PG_CONFIG="$PGB_PG_CONFIG" install >/dev/null || die "extension install into $PGB_PREFIX failed"
}

# pgb_initdb WORK: a throwaway cluster in WORK/data for the build's server,
# and pgb_stop_server to stop it (a trap on EXIT calls it; pgb_started=1
# once the server runs).
pgb_initdb() {
    local work=$1
    log "creating cluster in $work/data"
    as_owner "$PGB_PREFIX/bin/initdb" -D "$work/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust \
        >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; die "initdb failed"; }
    pgb_work=$work
    pgb_started=
    trap pgb_stop_server EXIT
}
pgb_stop_server() {
    [ -n "${pgb_started:-}" ] || return 0
    as_owner "$PGB_PREFIX/bin/pg_ctl" -D "$pgb_work/data" -m fast -w -t 600 stop >/dev/null 2>&1
    pgb_started=
}

# pgb_regress WORK TESTS...: pg_regress of the copy in WORK/ext on the
# running server (the whole suite when no TESTS); prints its output and
# diffs, stops the server; sets pgb_status (0 only if tests ran and passed)
# and pgb_elapsed (seconds).
pgb_regress() {
    local work=$1 start
    shift
    start=$(date +%s)
    make -C "$work/ext" -s PG_CONFIG="$PGB_PG_CONFIG" installcheck ${*:+REGRESS="$*"} \
        >"$work/regress.out" 2>&1
    pgb_status=$?
    pgb_elapsed=$(( $(date +%s) - start ))
    cat "$work/regress.out"
    [ -f "$work/ext/regression.diffs" ] && head -100 "$work/ext/regression.diffs"
    grep -qE '(\.\.\. ok|^ok [0-9]+ )' "$work/regress.out" || pgb_status=1   # nothing ran
    pgb_stop_server
}
