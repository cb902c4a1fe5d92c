"""Reads every bi_ table of a baseline through psqlODBC (unixODBC), as Excel,
Power BI and many BI tools do, and prints TAP lines ("ok - ..." /
"not ok - ..."; the calling script numbers them): the column names and the
types SQLDescribeCol reports against an expected list, the row count against
psql's, every value (typed, through pyodbc) against psql's text of it, and,
with --browse, what the login can browse in the schema (SQLTables,
SQLColumns, SQLProcedures).

    odbc_check.py CONNSTR SCHEMA WORKDIR LABEL EXPECTED [--print | --browse]

CONNSTR is the driver's connection string with the DSN settings under test;
WORKDIR holds tables.txt, one psql COPY text file per table and catalog.txt
(see test/clients.sh).  --print writes the reported types to EXPECTED.
"""
import ctypes
import decimal
import os
import sys

import pyodbc

conn_str, schema, work, label, expected_file = sys.argv[1:6]
mode = sys.argv[6] if len(sys.argv) > 6 else ""

# SQL type codes (sql.h, sqlext.h, sqlucode.h) -> names
SQL_TYPES = {1: "CHAR", 12: "VARCHAR", -1: "LONGVARCHAR", -8: "WCHAR", -9: "WVARCHAR", -10: "WLONGVARCHAR",
             2: "NUMERIC", 3: "DECIMAL", 4: "INTEGER", 5: "SMALLINT", -5: "BIGINT", 6: "FLOAT", 7: "REAL",
             8: "DOUBLE", -7: "BIT", 16: "BOOLEAN", 91: "TYPE_DATE", 93: "TYPE_TIMESTAMP", -2: "BINARY",
             -3: "VARBINARY", -4: "LONGVARBINARY", -11: "GUID"}


def tap(ok, what):
    print(("ok - " if ok else "not ok - ") + "odbc (%s): %s" % (label, what))


def unescape(f):
    """One field of COPY's text format: \\N is NULL, backslash escapes."""
    if f == "\\N":
        return None
    out, i = [], 0
    while i < len(f):
        c = f[i]
        if c == "\\" and i + 1 < len(f):
            i += 1
            out.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}.get(f[i], f[i]))
        else:
            out.append(c)
        i += 1
    return "".join(out)


class Odbc:
    """SQLDescribeColW through the driver manager itself, as a Unicode
    application (Excel, Power BI) calls it: pyodbc's description gives a
    Python type, not the SQL type a BI tool sees.  unixODBC's SQLWCHAR is
    UTF-16."""

    def __init__(self, conn):
        self.lib = ctypes.CDLL("libodbc.so.2")
        self.env, self.dbc = ctypes.c_void_p(), ctypes.c_void_p()
        self.ok(self.lib.SQLAllocHandle(1, None, ctypes.byref(self.env)), "SQLAllocHandle(env)")
        self.ok(self.lib.SQLSetEnvAttr(self.env, 200, ctypes.c_void_p(3), 0), "SQLSetEnvAttr")
        self.ok(self.lib.SQLAllocHandle(2, self.env, ctypes.byref(self.dbc)), "SQLAllocHandle(dbc)")
        self.ok(self.lib.SQLDriverConnectW(self.dbc, None, wide(conn), -3, None, 0, None, 0),
                "SQLDriverConnectW")

    @staticmethod
    def ok(rc, what):
        if rc not in (0, 1):
            raise RuntimeError("%s returned %d" % (what, rc))

    def describe(self, query):
        stmt = ctypes.c_void_p()
        self.ok(self.lib.SQLAllocHandle(3, self.dbc, ctypes.byref(stmt)), "SQLAllocHandle(stmt)")
        self.ok(self.lib.SQLExecDirectW(stmt, wide(query), -3), "SQLExecDirectW")
        ncols = ctypes.c_short()
        self.ok(self.lib.SQLNumResultCols(stmt, ctypes.byref(ncols)), "SQLNumResultCols")
        cols = []
        for i in range(1, ncols.value + 1):
            name = ctypes.create_string_buffer(512)
            namelen, dtype, digits, nullable = ctypes.c_short(), ctypes.c_short(), ctypes.c_short(), ctypes.c_short()
            size = ctypes.c_uint64()
            self.ok(self.lib.SQLDescribeColW(stmt, i, name, 256, ctypes.byref(namelen), ctypes.byref(dtype),
                                            ctypes.byref(size), ctypes.byref(digits), ctypes.byref(nullable)),
                    "SQLDescribeColW")
            cols.append((name.raw[:2 * namelen.value].decode("utf-16-le"), SQL_TYPES.get(dtype.value, str(dtype.value)), size.value, digits.value))
        self.lib.SQLFreeHandle(3, stmt)
        return cols

    def close(self):
        self.lib.SQLDisconnect(self.dbc)
        self.lib.SQLFreeHandle(2, self.dbc)
        self.lib.SQLFreeHandle(1, self.env)


def wide(s):
    return ctypes.create_string_buffer((s + "\0").encode("utf-16-le"))


def same(value, text):
    """A value read by pyodbc against psql's text of it."""
    if value is None or text is None:
        return value is None and text is None
    if isinstance(value, bool):
        return text == ("t" if value else "f")
    if isinstance(value, str):
        # BoolsAsChar=1 (the default) hands a boolean over as the text 1 / 0
        return value == text or (text in ("t", "f") and value == {"t": "1", "f": "0"}[text])
    if isinstance(value, float):
        return value == float(text)
    if isinstance(value, int):
        return value == int(text)
    if isinstance(value, decimal.Decimal):
        return value == decimal.Decimal(text) and str(value) == text
    return False


# What each DSN setting changes, measured on columns of every kind a query
# can return: the bi_ tables hold only the last four kinds.
SETTINGS = ["", "BoolsAsChar=0", "TextAsLongVarchar=0", "TextAsLongVarchar=0;MaxVarcharSize=1000",
            "MaxLongVarcharSize=65536", "UnknownsAsLongVarchar=1"]
KINDS = ("SELECT state::tb.tb_summary AS extension_type, to_jsonb(state) AS jsonb, 1.5::numeric AS bare_numeric, "
         "state::varchar AS bare_varchar, state AS text, poorly_harmonized AS boolean, "
         "answered_pct AS numeric_4_1, c.country AS varchar_2 "
         "FROM %s.bi_indicator_summaries, %s.bi_priorities, %s.bi_coverage c LIMIT 1")


def settings():
    seen = []
    for extra in SETTINGS:
        od = Odbc(conn_str + (";" + extra if extra else ""))
        for n, t, size, digits in od.describe(KINDS % (schema, schema, schema)):
            seen.append("%s %s %s %d %d" % (extra or "(default)", n, t, size, digits))
        od.close()
    if mode == "--print":
        with open(expected_file, "w", encoding="utf-8") as f:
            f.write("\n".join(seen) + "\n")
        return
    want = [l.rstrip("\n") for l in open(expected_file, encoding="utf-8") if l.strip() and not l.startswith("#")]
    for s in seen:
        if s not in want:
            print("# reported %s, not in %s" % (s, os.path.basename(expected_file)))
    tap(seen == want, "what %d DSN settings change in the declared types, as in %s"
        % (len(SETTINGS) - 1, os.path.basename(expected_file)))


def main():
    if label == "settings":
        return settings()
    tables = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "tables.txt"), encoding="utf-8")]
    expected = {}
    if mode != "--print":
        for line in open(expected_file, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                expected[line.split(" ", 1)[0]] = line.rstrip("\n")
    printed = []
    od = Odbc(conn_str)
    cn = pyodbc.connect(conn_str, autocommit=False)
    print("# %s %s, unixODBC %s" % (cn.getinfo(pyodbc.SQL_DRIVER_NAME), cn.getinfo(pyodbc.SQL_DRIVER_VER),
                                    cn.getinfo(pyodbc.SQL_DM_VER)))
    for table, order_by in tables:
        query = "SELECT * FROM %s.%s ORDER BY %s" % (schema, table, order_by)
        seen = ["%s.%s %s %d %d" % (table, n, t, s, d) for n, t, s, d in od.describe(query)]
        if mode == "--print":
            printed += seen
            continue
        want = [unescape_row(l) for l in open(os.path.join(work, table + ".copy"), encoding="utf-8")]
        cur = cn.cursor()
        cur.execute(query)
        rows = cur.fetchall()
        names = [d[0] for d in cur.description]
        cur.close()
        mismatches, first = 0, None
        for r, row in enumerate(rows):
            fields = want[r] if r < len(want) else []
            for i, v in enumerate(row):
                t = fields[i] if i < len(fields) else "<missing>"
                if not same(v, t):
                    mismatches += 1
                    if first is None:
                        first = "row %d %s: read %r, psql %r" % (r + 1, names[i], v, t)
        wanted = sorted(v for k, v in expected.items() if k.startswith(table + "."))
        types_ok = sorted(seen) == wanted
        for s in seen:
            if s != expected.get(s.split(" ", 1)[0]):
                print("# %s: reported %s, expected %s" % (table, s, expected.get(s.split(" ", 1)[0])))
        tap(types_ok, "%s: %d columns, names and SQLDescribeCol types as in %s"
            % (table, len(seen), os.path.basename(expected_file)))
        tap(len(rows) == len(want), "%s: %d rows read, psql counts %d" % (table, len(rows), len(want)))
        if first:
            print("# %s: %d values differ; first: %s" % (table, mismatches, first))
        tap(mismatches == 0 and len(rows) == len(want), "%s: every value read equals psql's text" % table)
    if mode == "--print":
        with open(expected_file, "w", encoding="utf-8") as f:
            f.write("\n".join(printed) + "\n")
    elif mode == "--browse":
        browse(cn)
    cn.close()
    od.close()


def unescape_row(line):
    return [unescape(f) for f in line.rstrip("\n").split("\t")]


def browse(cn):
    """What the login can browse, compared with what psql counts."""
    cat = dict((k, int(v)) for k, v in (l.split() for l in open(os.path.join(work, "catalog.txt"))))
    cur = cn.cursor()
    rels = {}
    for r in cur.tables(schema=schema, tableType="TABLE,VIEW").fetchall():
        rels[r.table_name] = (r.table_type, r.remarks)
    tables = sum(1 for t, _ in rels.values() if t == "TABLE")
    views = sum(1 for t, _ in rels.values() if t == "VIEW")
    table_comments = sum(1 for _, c in rels.values() if c)
    columns = commented = 0
    for name in rels:
        for c in cur.columns(schema=schema, table=name).fetchall():
            columns += 1
            commented += 1 if c.remarks else 0
    functions = len(cur.procedures(schema=schema).fetchall())
    readable = 0
    for name in rels:
        try:
            cur.execute("SELECT 1 FROM %s.%s LIMIT 0" % (schema, name)).fetchall()
            readable += 1
        except pyodbc.Error as e:
            if "42501" not in str(e.args):
                raise
        cn.rollback()
    print("# browsing %s: %d tables and %d views (%d with a comment), %d columns (%d with a comment), "
          "%d functions; %d readable" % (schema, tables, views, table_comments, columns, commented, functions,
                                         readable))
    tap(tables == cat["tables"] and views == cat["views"],
        "SQLTables lists every table (%d) and view (%d) of the schema, as psql counts" % (tables, views))
    # psqlODBC gives no comments (REMARKS): counted above, not required
    tap(columns == cat["columns"], "SQLColumns lists their %d columns" % columns)
    tap(functions == cat["functions"], "SQLProcedures lists the schema's %d functions" % functions)
    tap(readable == cat["readable"], "the login reads only the %d bi_ tables (42501 on the rest)" % readable)


main()
