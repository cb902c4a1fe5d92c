#!/usr/bin/env bash
# Real BI clients: every bi_ table read through PgJDBC (Metabase, Tableau,
# DBeaver) and psqlODBC with unixODBC (Excel, Power BI), logged in as a LOGIN
# role that is a member of quito_bi_reader only: the column types each driver
# reports against the lists in test/clients/, the row count and every value
# against psql, what the login can browse in the schema, and the export of
# scripts/export_bi.sh.  PgJDBC needs TCP, and the test cluster listens on a
# socket only: a short-lived cluster of its own on 127.0.0.1 (port
# TB_CLIENTS_PORT, default 54415), loaded as scripts/test.sh loads DB, is
# stopped at the end.  Prints numbered TAP lines and the plan.
# TB_CLIENTS_PRINT=1 rewrites the expected lists from what the drivers report
# (review the diff before committing it).
# Usage: test/clients.sh DB WORKDIR (PG* variables name the server of DB).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
db=$1
work=$2/clients
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
main_host=${PGHOST:-} main_port=${PGPORT:-5432}
port=${TB_CLIENTS_PORT:-54415}
login=tb_clients_reader
password=clients-check
expected=test/clients
out=$work/tap.out
rm -rf "$work"
mkdir -p "$work/psql"
chmod 755 "$work"
: >"$out"

ok() { if [ "$1" = 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fi >>"$out"; }
finish() {
    stop_cluster "$work"
    # number the lines of every part, then the plan
    awk '/^ok - / { n++; sub(/^ok - /, "ok " n " - ") } /^not ok - / { n++; sub(/^not ok - /, "not ok " n " - ") }
         { print } END { print "1.." n }' "$out"
    exit 0
}

# --- the loopback cluster, loaded like the test database ------------------
if ! (TB_PORT=$port TB_SERVER_OPTS="-c listen_addresses=127.0.0.1" start_cluster "$work") 2>"$work/start.err"; then
    cat "$work/start.err" >&2
    ok 1 "a cluster on 127.0.0.1:$port starts"
    finish
fi
export PGHOST=$work/socket PGPORT=$port PGUSER=postgres
# clients log in with a password over TCP, as they would on a real server
as_owner sed -i -E 's/^(host +all +all +127\.0\.0\.1\/32 +)trust/\1scram-sha-256/' "$work/data/pg_hba.conf"
as_owner "$PG_BIN/pg_ctl" -D "$work/data" reload >/dev/null
q() { psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" "$@"; }
createdb "$db" &&
    q -c "CREATE EXTENSION trafficking_baseline" -f scripts/load_baseline.sql >/dev/null &&
    q -c "SELECT tb.tb_create_baseline_roles('quito')" \
      -c "CREATE ROLE $login LOGIN PASSWORD '$password' IN ROLE quito_bi_reader" >/dev/null
ok $? "a cluster on 127.0.0.1:$port holds the baseline, and a login in quito_bi_reader"
grep -q '^not ok' "$out" && finish
member_of=$(q -c "SELECT string_agg(m.roleid::regrole::text, ',') FROM pg_auth_members m WHERE m.member = '$login'::regrole")
ok "$([ "$member_of" = quito_bi_reader ]; echo $?)" "the login is a member of quito_bi_reader only ($member_of)"

# psql's side: the tables with their key order, each table as COPY text,
# and what the schema holds
q -F $'\t' -c "SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
                 FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
                 CROSS JOIN unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                WHERE c.relnamespace = 'quito'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'bi\_%'
                GROUP BY c.relname ORDER BY c.relname" >"$work/psql/tables.txt"
ntables=$(wc -l <"$work/psql/tables.txt")
while IFS=$'\t' read -r t order; do
    q -c "\\copy (SELECT * FROM quito.$t ORDER BY $order) TO '$work/psql/$t.copy'"
done <"$work/psql/tables.txt"
q -F ' ' -c "WITH r AS (SELECT c.oid, c.relkind, c.relname FROM pg_class c
                         WHERE c.relnamespace = 'quito'::regnamespace AND c.relkind IN ('r', 'v'))
             SELECT 'tables', count(*) FILTER (WHERE relkind = 'r') FROM r
             UNION ALL SELECT 'views', count(*) FILTER (WHERE relkind = 'v') FROM r
             UNION ALL SELECT 'columns', count(*) FROM r JOIN pg_attribute a ON a.attrelid = r.oid
                        WHERE a.attnum > 0 AND NOT a.attisdropped
             UNION ALL SELECT 'commented', count(col_description(r.oid, a.attnum)) FROM r
                        JOIN pg_attribute a ON a.attrelid = r.oid WHERE a.attnum > 0 AND NOT a.attisdropped
             UNION ALL SELECT 'functions', count(*) FROM pg_proc p
                        WHERE p.pronamespace = 'quito'::regnamespace AND p.prokind = 'f'
             UNION ALL SELECT 'readable', count(*) FROM r WHERE has_table_privilege('$login', r.oid, 'SELECT')" \
    >"$work/psql/catalog.txt"
ok "$([ "$ntables" -ge 7 ] && [ "$(grep -c '^readable '"$ntables"'$' "$work/psql/catalog.txt")" = 1 ]; echo $?)" \
    "psql lists $ntables bi_ tables, the login's only readable tables in the schema"
# the copy here holds what the test database DB holds
same_as_db=0
while IFS=$'\t' read -r t order; do
    PGHOST=$main_host PGPORT=$main_port q -c "\\copy (SELECT * FROM quito.$t ORDER BY $order) TO '$work/$t.db'"
    cmp -s "$work/$t.db" "$work/psql/$t.copy" || { same_as_db=1; echo "# $t differs from $db's" >>"$out"; }
done <"$work/psql/tables.txt"
[ "$ntables" -gt 0 ] || same_as_db=1
ok $same_as_db "the bi_ tables on 127.0.0.1 hold, byte for byte, what $db's hold"

# --- PgJDBC ---------------------------------------------------------------
jar=/usr/share/java/postgresql.jar
java -cp "$jar" test/clients/BiCheck.java "jdbc:postgresql://127.0.0.1:$port/$db" "$login" "$password" quito \
    "$work/psql" "$expected/jdbc_types.txt" ${TB_CLIENTS_PRINT:+--print} >>"$out" 2>"$work/jdbc.err"
ok $? "PgJDBC: the check ran to its end"
sed 's/^/# /' "$work/jdbc.err" >>"$out"

# --- psqlODBC -------------------------------------------------------------
odbc="Driver={PostgreSQL Unicode};Servername=127.0.0.1;Port=$port;Database=$db;Uid=$login;Pwd=$password"
# odbc LABEL EXPECTED SETTINGS [--browse]
odbc() {
    local mode=${4:-}
    [ -n "${TB_CLIENTS_PRINT:-}" ] && mode=--print
    /usr/bin/python3 test/clients/odbc_check.py "$odbc${3:+;$3}" quito "$work/psql" "$1" "$expected/$2" ${mode:+"$mode"} \
        >>"$out" 2>"$work/odbc.err"
    ok $? "psqlODBC ($1): the check ran to its end"
    sed 's/^/# /' "$work/odbc.err" >>"$out"
}
odbc "default DSN" odbc_types_default.txt ""
odbc "BoolsAsChar=0" odbc_types.txt "BoolsAsChar=0" --browse
odbc "BoolsAsChar=0, TextAsLongVarchar=0, MaxVarcharSize=1000" odbc_types_text_as_varchar.txt \
    "BoolsAsChar=0;TextAsLongVarchar=0;MaxVarcharSize=1000"
odbc "BoolsAsChar=0, UseDeclareFetch=1, Fetch=10" odbc_types.txt "BoolsAsChar=0;UseDeclareFetch=1;Fetch=10"
odbc settings odbc_settings.txt ""
# the DSN as docs/clients.md writes it, from an odbc.ini of its own
cat >"$work/odbc.ini" <<INI
[baseline]
Driver      = PostgreSQL Unicode
Servername  = 127.0.0.1
Port        = $port
Database    = $db
BoolsAsChar = 0
INI
odbc="DSN=baseline;Uid=$login;Pwd=$password" ODBCINI=$work/odbc.ini odbc "the documented DSN" odbc_types.txt ""

# --- the export: CSV and .xlsx, made by the login over TCP -----------------
PGHOST=127.0.0.1 PGUSER=$login PGPASSWORD=$password PGDATABASE=$db \
    bash scripts/export_bi.sh "$work/export" >"$work/export.log" 2>&1
ok $? "scripts/export_bi.sh exports as the login ($(tail -1 "$work/export.log" | sed "s#^.*/##"))"
csv_rows=0
while IFS=$'\t' read -r t order; do
    [ "$(($(wc -l <"$work/export/$t.csv") - 1))" = "$(wc -l <"$work/psql/$t.copy")" ] || csv_rows=1
done <"$work/psql/tables.txt"
ok $csv_rows "every CSV file has a header and psql's row count"
/usr/bin/python3 - "$work" >>"$out" 2>&1 <<'PY'
import os
import sys

import openpyxl

work = sys.argv[1]
tables = [line.split("\t")[0] for line in open(os.path.join(work, "psql", "tables.txt"))]
book = openpyxl.load_workbook(os.path.join(work, "export", "quito_bi.xlsx"), read_only=True)


def tap(ok, what):
    print(("ok - " if ok else "not ok - ") + "xlsx: " + what)


def same(cell, text):
    if text == "\\N":
        return cell is None
    if isinstance(cell, bool):
        return text == ("t" if cell else "f")
    if isinstance(cell, (int, float)):
        # Excel keeps 15 significant digits; openpyxl writes up to 17
        return abs(cell - float(text)) <= 1e-15 * max(1.0, abs(float(text)))
    try:
        float(text)
        return False        # a number stored as text
    except ValueError:
        return cell == text


tap(book.sheetnames == tables, "the workbook opens with one sheet per bi_ table: " + ", ".join(book.sheetnames))
for t in tables:
    want = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "psql", t + ".copy"), encoding="utf-8")]
    rows = list(book[t].iter_rows(values_only=True)) if t in book.sheetnames else []
    bad = sum(1 for r, w in zip(rows[1:], want) for c, v in zip(r, w) if not same(c, v))
    tap(len(rows) == len(want) + 1 and bad == 0,
        "%s: a header and %d rows (psql counts %d), every cell equal to psql's value, numbers and booleans typed"
        % (t, len(rows) - 1, len(want)))
PY

finish
