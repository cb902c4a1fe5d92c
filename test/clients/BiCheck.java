/*
 * Reads every bi_ table of a baseline through PgJDBC, as Metabase, Tableau
 * and DBeaver do, and prints TAP lines ("ok - ..." / "not ok - ..."; the
 * calling script numbers them): the column names and types the driver
 * reports against an expected list, the row count against psql's, every
 * value (getString) against psql's text of it, and what the login can
 * browse in the schema with DatabaseMetaData.
 *
 * Run as a single-file source (java BiCheck.java, JDK 11+):
 *   java -cp postgresql.jar BiCheck.java URL USER PASSWORD SCHEMA WORKDIR EXPECTED [--print]
 * WORKDIR holds tables.txt (table TAB order-by columns), one psql COPY text
 * file per table (TABLE.copy) and catalog.txt (what psql counts in the
 * schema); --print writes the reported types instead of checking them.
 */
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public class BiCheck {
    static void tap(boolean ok, String what) {
        System.out.println((ok ? "ok - " : "not ok - ") + "jdbc: " + what);
    }

    /* One field of COPY's text format: \N is NULL, backslash escapes. */
    static String unescape(String f) {
        if (f.equals("\\N"))
            return null;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '\\' && i + 1 < f.length()) {
                char d = f.charAt(++i);
                switch (d) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'v': b.append('\u000b'); break;
                    default: b.append(d);
                }
            } else
                b.append(c);
        }
        return b.toString();
    }

    public static void main(String[] a) throws Exception {
        String url = a[0], user = a[1], password = a[2], schema = a[3];
        Path work = Path.of(a[4]), expectedFile = Path.of(a[5]);
        boolean print = a.length > 6 && a[6].equals("--print");

        Map<String, String> expected = new HashMap<>();
        if (!print)
            for (String l : Files.readAllLines(expectedFile, StandardCharsets.UTF_8))
                if (!l.isBlank() && !l.startsWith("#"))
                    expected.put(l.substring(0, l.indexOf(' ')), l);
        List<String> printed = new ArrayList<>();

        try (Connection c = DriverManager.getConnection(url, user, password)) {
            DatabaseMetaData md = c.getMetaData();
            System.out.println("# " + md.getDriverName() + " " + md.getDriverVersion() + ", server "
                               + md.getDatabaseProductVersion() + ", user " + md.getUserName());
            for (String line : Files.readAllLines(work.resolve("tables.txt"), StandardCharsets.UTF_8)) {
                String[] t = line.split("\t");
                String table = t[0], orderBy = t[1];
                List<String> want = Files.readAllLines(work.resolve(table + ".copy"), StandardCharsets.UTF_8);
                List<String> typesSeen = new ArrayList<>();
                int rows = 0, mismatches = 0;
                String firstMismatch = null;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM " + schema + "." + table + " ORDER BY " + orderBy)) {
                    ResultSetMetaData m = rs.getMetaData();
                    for (int i = 1; i <= m.getColumnCount(); i++)
                        typesSeen.add(table + "." + m.getColumnName(i) + " " + m.getColumnTypeName(i) + " "
                                      + m.getPrecision(i) + " " + m.getScale(i) + " " + m.getColumnClassName(i));
                    while (rs.next()) {
                        String[] fields = rows < want.size() ? want.get(rows).split("\t", -1) : new String[0];
                        for (int i = 1; i <= m.getColumnCount(); i++) {
                            String got = rs.getString(i);
                            Object obj = rs.getObject(i);
                            String exp = i <= fields.length ? unescape(fields[i - 1]) : "<missing>";
                            boolean same = got == null ? exp == null : got.equals(exp);
                            /* the typed value too: a BI tool calls getObject */
                            if (same && obj != null && !obj.getClass().getName().equals(m.getColumnClassName(i)))
                                same = false;
                            if (same && obj instanceof Double && !((Double) obj).equals(Double.valueOf(exp)))
                                same = false;
                            if (!same) {
                                mismatches++;
                                if (firstMismatch == null)
                                    firstMismatch = "row " + (rows + 1) + " " + m.getColumnName(i) + ": read "
                                                    + got + ", psql " + exp;
                            }
                        }
                        rows++;
                    }
                }
                if (print) {
                    printed.addAll(typesSeen);
                    continue;
                }
                List<String> wantTypes = new ArrayList<>();
                for (String k : expected.keySet())
                    if (k.startsWith(table + "."))
                        wantTypes.add(expected.get(k));
                boolean typesOk = typesSeen.size() == wantTypes.size();
                for (String s : typesSeen)
                    if (!s.equals(expected.get(s.substring(0, s.indexOf(' '))))) {
                        typesOk = false;
                        System.out.println("# " + table + ": reported " + s + ", expected "
                                           + expected.get(s.substring(0, s.indexOf(' '))));
                    }
                tap(typesOk, table + ": " + typesSeen.size() + " columns, names and types as in " + expectedFile.getFileName());
                tap(rows == want.size(), table + ": " + rows + " rows read, psql counts " + want.size());
                if (firstMismatch != null)
                    System.out.println("# " + table + ": " + mismatches + " values differ; first: " + firstMismatch);
                tap(mismatches == 0 && rows == want.size(), table + ": every value read (getString, getObject) equals psql's text");
            }
            if (print) {
                Files.write(expectedFile, printed, StandardCharsets.UTF_8);
                return;
            }

            /* What the login can browse, compared with what psql counts. */
            Map<String, Integer> cat = new HashMap<>();
            for (String l : Files.readAllLines(work.resolve("catalog.txt"), StandardCharsets.UTF_8)) {
                String[] kv = l.split(" ");
                cat.put(kv[0], Integer.parseInt(kv[1]));
            }
            int tables = 0, views = 0, columns = 0, commented = 0, functions = 0, tableComments = 0, readable = 0;
            Set<String> rels = new HashSet<>();
            try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE", "VIEW"})) {
                while (rs.next()) {
                    rels.add(rs.getString("TABLE_NAME"));
                    if (rs.getString("TABLE_TYPE").equals("TABLE")) tables++; else views++;
                    if (rs.getString("REMARKS") != null) tableComments++;
                }
            }
            try (ResultSet rs = md.getColumns(null, schema, "%", "%")) {
                while (rs.next())
                    if (rels.contains(rs.getString("TABLE_NAME"))) {
                        columns++;
                        if (rs.getString("REMARKS") != null) commented++;
                    }
            }
            try (ResultSet rs = md.getFunctions(null, schema, "%")) {
                while (rs.next()) functions++;
            }
            for (String r : rels)
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT 1 FROM " + schema + "." + r + " LIMIT 0").close();
                    readable++;
                } catch (SQLException e) {
                    if (!"42501".equals(e.getSQLState())) throw e;
                }
            System.out.println("# browsing " + schema + ": " + tables + " tables and " + views + " views (" + tableComments
                               + " with a comment), " + columns + " columns (" + commented + " with a comment), "
                               + functions + " functions; " + readable + " readable");
            tap(tables == cat.get("tables") && views == cat.get("views"),
                "getTables lists every table (" + tables + ") and view (" + views + ") of the schema, as psql counts");
            tap(columns == cat.get("columns") && commented == cat.get("commented"),
                "getColumns lists their " + columns + " columns, " + commented + " with their comment");
            tap(functions == cat.get("functions"), "getFunctions lists the schema's " + functions + " functions");
            tap(readable == cat.get("readable"), "the login reads only the " + readable + " bi_ tables (42501 on the rest)");
        }
        /* the URL docs/clients.md gives: tables found without the schema's name */
        try (Connection c = DriverManager.getConnection(url + "?currentSchema=" + schema, user, password);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM bi_scores")) {
            rs.next();
            tap(rs.getLong(1) > 0, "with currentSchema=" + schema + " in the URL, bi_scores is found by its name alone");
        }
    }
}
