#!/usr/bin/env bash
# Exports the BI tables of a baseline as files people open without a driver:
#     scripts/export_bi.sh DIR
# writes DIR/TABLE.csv for every bi_ table (psql's \copy: UTF-8, commas, a
# header line, rows in primary-key order, NULL as an empty field) and
# DIR/BASELINE_bi.xlsx, one sheet per table with its header, numbers and
# booleans as typed cells (python3-openpyxl, Debian's package).  The server is
# the one the PG* variables name; the baseline is TB_BASELINE (default quito).
# A login in BASELINE_bi_reader is enough: it reads the bi_ tables only.
set -euo pipefail

[ $# -eq 1 ] || { printf 'usage: %s DIR\n  exports the bi_ tables of TB_BASELINE (default quito) as CSV and .xlsx\n' "$0" >&2; exit 2; }
dir=$1
baseline=${TB_BASELINE:-quito}
mkdir -p "$dir"
q() { psql -X -qtA -v ON_ERROR_STOP=1 "$@"; }

# each table, its primary key for the order, and its columns' types
tables=$(q -F $'\t' -v s="$baseline" <<'SQL'
SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
  FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
 CROSS JOIN unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = :'s')
   AND c.relkind = 'r' AND c.relname LIKE 'bi\_%'
 GROUP BY c.relname ORDER BY c.relname;
SQL
)
[ -n "$tables" ] || { printf 'error: no bi_ table in schema %s\n' "$baseline" >&2; exit 1; }
qs=$(q -v s="$baseline" <<<"SELECT quote_ident(:'s');")
while IFS=$'\t' read -r t order; do
    q -c "\\copy (SELECT * FROM $qs.$t ORDER BY $order) TO '$dir/$t.csv' CSV HEADER"
    q -F $'\t' -v s="$baseline" -v t="$t" >"$dir/.$t.types" <<'SQL'
SELECT a.attname, a.atttypid::regtype FROM pg_attribute a
 WHERE a.attrelid = (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = :'s' AND c.relname = :'t')
   AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SQL
done <<<"$tables"

mapfile -t names < <(cut -f1 <<<"$tables")
/usr/bin/python3 - "$dir" "$baseline" "${names[@]}" <<'PY'
import csv
import decimal
import os
import sys

import openpyxl

out, baseline, tables = sys.argv[1], sys.argv[2], sys.argv[3:]
# psql's CSV: an empty unquoted field is NULL, booleans are t / f
CONVERT = {"integer": int, "bigint": int, "smallint": int, "double precision": float, "real": float,
           "numeric": decimal.Decimal, "boolean": lambda v: v == "t"}
book = openpyxl.Workbook()
book.remove(book.active)
for t in tables:
    types = [line.rstrip("\n").split("\t")[1] for line in open(os.path.join(out, "." + t + ".types"))]
    os.remove(os.path.join(out, "." + t + ".types"))
    sheet = book.create_sheet(t[:31])
    with open(os.path.join(out, t + ".csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        sheet.append(next(rows))
        for row in rows:
            sheet.append([None if v == "" else CONVERT.get(types[i].split("(")[0], str)(v)
                          for i, v in enumerate(row)])
    sheet.freeze_panes = "A2"
path = os.path.join(out, baseline + "_bi.xlsx")
book.save(path)
print("%s: %d sheets; %s" % (path, len(tables), ", ".join(tables)))
PY
