#!/usr/bin/env bash
# A newcomer finds any function from the docs: every function, aggregate and
# procedure of the library (schema tb) that is not a support function (of a
# type's I/O, an operator, an operator class, a cast or an aggregate) is in
# the function index of docs/reference.md, and every name in the index
# exists.  Prints TAP lines.  Usage: test/docs_index.sh DATABASE (PG* set).
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=test/tap.sh
source test/tap.sh
db=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" >"$work/catalogue.txt" <<'SQL'
WITH support AS (
    SELECT aggtransfn AS f FROM pg_aggregate UNION SELECT aggfinalfn FROM pg_aggregate
    UNION SELECT aggcombinefn FROM pg_aggregate
    UNION SELECT typinput FROM pg_type UNION SELECT typoutput FROM pg_type
    UNION SELECT typreceive FROM pg_type UNION SELECT typsend FROM pg_type
    UNION SELECT oprcode FROM pg_operator UNION SELECT amproc FROM pg_amproc
    UNION SELECT castfunc FROM pg_cast
)
SELECT DISTINCT p.proname FROM pg_proc p
 WHERE p.pronamespace = 'tb'::regnamespace AND p.oid NOT IN (SELECT f FROM support WHERE f <> 0)
 ORDER BY 1;
SQL
sed -n '/^## Function index/,/^## Conventions/p' docs/reference.md | grep -o '^| `[a-z_0-9]*`' | tr -d '|` ' |
    sort -u >"$work/index.txt"
# the index may also name types, support functions a user calls (tb_topk_jsonb)
# and a baseline's own functions (tb_load_responses, tb_refresh: in each baseline)
psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" -c "SELECT proname FROM pg_proc WHERE pronamespace = 'tb'::regnamespace
    UNION SELECT typname FROM pg_type WHERE typnamespace = 'tb'::regnamespace
    UNION SELECT p.proname FROM pg_proc p JOIN tb.baselines b ON p.pronamespace = b.schema_name::regnamespace" |
    sort -u >"$work/all.txt"

missing=$(comm -23 "$work/catalogue.txt" "$work/index.txt" | tr '\n' ' ')
[ -n "$missing" ] && echo "# not in the function index of docs/reference.md: $missing"
check "every function of the library is in the function index of docs/reference.md" test -z "$missing"
stale=$(comm -13 "$work/all.txt" "$work/index.txt" | tr '\n' ' ')
[ -n "$stale" ] && echo "# in the index but not in the catalogue: $stale"
check "every name in the function index exists" test -z "$stale"
sed -n '/^## Function index/,/^## Conventions/p' docs/reference.md | grep -o '^| `[a-z_0-9]*`' | tr -d '|` ' >"$work/order.txt"
check "the function index is in alphabetical order" bash -c "LC_ALL=C sort -c '$work/order.txt'"
