#!/usr/bin/env bash
# The README's five-minute tour runs as written, from the repository's root:
# its SQL block through psql with ON_ERROR_STOP, and its load_round.sh
# command, on a database of its own loaded as the README says.  TAP output.
# Usage: test/tour.sh WORKDIR (PG* set to a running server).
set -uo pipefail
cd "$(dirname "$0")/.."
work=$1/tour
mkdir -p "$work"
db=tb_tour
n=0
check() {   # DESCRIPTION COMMAND...
    local what=$1
    shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
# the fenced block after a heading, up to its closing fence
block() {   # HEADING LANGUAGE
    awk -v h="$1" -v lang="$2" '
        $0 == h { found = 1; next }
        found && !inside && $0 == "```" lang { inside = 1; next }
        inside && $0 == "```" { exit }
        inside { print }' README.md
}

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" &&
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION trafficking_baseline" \
         -v baseline=quito -f scripts/load_baseline.sql >"$work/load.out" 2>&1
check "a database loaded as the README says" test $? = 0

block '## Five-minute tour' sql >"$work/tour.sql"
check "the README has a tour ($(grep -c ';' "$work/tour.sql") statements)" test -s "$work/tour.sql"
psql -X -v ON_ERROR_STOP=1 -d "$db" -f "$work/tour.sql" >"$work/tour.out" 2>&1
status=$?
[ $status = 0 ] || tail -5 "$work/tour.out" | sed 's/^/# /'
check "the tour's SQL runs as written, every statement" test $status = 0
every_row_duplicate() {   # the loader's outcome table after the COPY: duplicates only
    sed -n '/^COPY 1299$/,/rows)$/p' "$work/tour.out" >"$work/outcomes.txt"
    grep -q '^ duplicate |' "$work/outcomes.txt" && ! grep -qE '^ (loaded|rejected) ' "$work/outcomes.txt"
}
check "the tour's load of round 1 finds every row a duplicate" every_row_duplicate
check "the tour's impact query lists the planted effect first" \
    bash -c "grep -A3 ' practice | outcome ' '$work/tour.out' | sed -n 3p | grep -q 'PROS03 *| PROS07'"

cmd=$(awk '/^```sh$/ { inside = 1; next } /^```$/ { inside = 0 } inside && /^scripts\/load_round.sh/ { print; exit }' README.md)
check "the README shows a load_round.sh command" test -n "$cmd"
PGDATABASE=$db bash -c "$cmd" >"$work/load_round.out" 2>&1
status=$?
[ $status = 0 ] || tail -5 "$work/load_round.out" | sed 's/^/# /'
check "its load_round.sh command runs as written: $cmd" test $status = 0
check "and says what it detected and loaded" grep -q 'duplicates 1299' "$work/load_round.out"

dropdb "$db"
echo "1..$n"
