#!/usr/bin/env bash
# pg_dump of a database holding two loaded baselines restores with the same
# data in every table of both baselines, of the extension's registry and of a
# user table holding values of every type of the extension, in custom format (pg_restore) and in plain SQL (psql, which
# restores with an empty search_path, as pg_dump writes it), and the report
# reads the same.  Prints one "ok" / "not ok" line per
# check.  Usage: test/dump_restore.sh DATABASE WORKDIR (PG* variables set).
set -uo pipefail
db=$1
work=$2

# shellcheck source=test/tap.sh
source "$(dirname "$0")/tap.sh"

# One line per table: schema.name and md5 of its rows in a fixed order.
fingerprint() {
    psql -X -qtA -d "$1" <<'SQL'
SELECT c.relnamespace::regnamespace || '.' || c.relname || ' ' || (xpath('/row/m/text()',
         query_to_xml(format('SELECT md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) AS m FROM %s t',
                             c.oid::regclass), false, true, '')))[1]::text
  FROM pg_class c
 WHERE (c.relnamespace IN ('tb'::regnamespace, 'public'::regnamespace)
        OR c.relnamespace::regnamespace::text IN (SELECT schema_name FROM tb.baselines))
   AND c.relkind = 'r'
 ORDER BY 1;
SQL
}

report() {
    psql -X -q -d "$1" -f scripts/report.sql 2>&1
    psql -X -q -d "$1" -v baseline=quito_two -f scripts/report.sql 2>&1
}

# A second baseline beside the first, loaded from the same files.
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v baseline=quito_two -f scripts/load_baseline.sql >/dev/null

# Rows a user adds to tables the extension also ships rows into must survive.
psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO quito.answer_vocabulary (term, applies_to, meaning, value, lang)
VALUES (tb.tb_fold('A veces'), 'ordinal', 'value', 2, 'es') ON CONFLICT DO NOTHING;
INSERT INTO quito.axes (code, name_es, name_pt, name_en, sort_order)
VALUES ('DATA', 'Datos', 'Dados', 'Data', 5) ON CONFLICT DO NOTHING;
-- Values of every type of the extension stored in a user table.
DROP TABLE IF EXISTS public.stored_states;
CREATE TABLE public.stored_states AS
SELECT r.round_no, r.indicator, tb.tb_summary(r.value) AS summary,
       tb.tb_composite(r.value, 1) AS composite, tb.tb_agreement(r.country, r.value) AS agreement,
       tb.tb_practice_set(r.country) AS practices, tb.tb_top_gaps_state(r.country, abs(r.value), 1, 3, false) AS top,
       min(r.country)::tb.tb_country AS first_country
  FROM quito.responses r GROUP BY r.round_no, r.indicator;
SQL

fingerprint "$db" >"$work/before.txt"
report "$db" >"$work/report_before.txt"
ntables=$(psql -X -qtA -d "$db" -c "SELECT count(*) FROM pg_class WHERE relkind = 'r'
    AND relnamespace::regnamespace::text IN (SELECT schema_name FROM tb.baselines UNION ALL SELECT 'tb')")
check "the source database has two baselines, $ntables tables with the extension's, and a user table of its types fingerprinted" \
    test "$(wc -l <"$work/before.txt")" -eq "$((ntables + 1))" -a "$(psql -X -qtA -d "$db" -c 'SELECT count(*) FROM tb.baselines')" = 2

for fmt in custom plain; do
    target=tb_restored_$fmt
    dropdb --if-exists "$target" 2>/dev/null
    createdb "$target"
    if [ $fmt = custom ]; then
        pg_dump -Fc -f "$work/dump.$fmt" "$db" &&
            pg_restore --exit-on-error -d "$target" "$work/dump.$fmt" 2>"$work/restore_$fmt.err"
    else
        pg_dump -Fp -f "$work/dump.$fmt" "$db" &&
            psql -X -q -v ON_ERROR_STOP=1 -d "$target" -f "$work/dump.$fmt" >/dev/null 2>"$work/restore_$fmt.err"
    fi
    check "$fmt dump restores without error" test $? -eq 0
    fingerprint "$target" >"$work/after_$fmt.txt"
    while read -r table sum; do
        # text_rules describes the server, not the data: not dumped, and a
        # restore records the ICU it runs with
        [ "$table" = tb.text_rules ] && continue
        check "$fmt dump: table $table has the same rows" \
            grep -qx "$table $sum" "$work/after_$fmt.txt"
    done <"$work/before.txt"
    check "$fmt dump: text_rules records the restoring server's ICU" test "$(psql -X -qtA -d "$target" -c \
        "SELECT count(*) FILTER (WHERE icu_version = tb.tb_icu_version()) || '/' || count(*) FROM tb.text_rules")" = 1/1
    report "$target" >"$work/report_$fmt.txt"
    check "$fmt dump: the report reads the same" cmp -s "$work/report_before.txt" "$work/report_$fmt.txt"
    check "$fmt dump: both baselines are registered" test "$(psql -X -qtA -d "$target" -c \
        "SELECT string_agg(schema_name, ',' ORDER BY schema_name) FROM tb.baselines")" = quito,quito_two
    check "$fmt dump: DROP EXTENSION still refuses" bash -c "! psql -X -q -d $target -c 'DROP EXTENSION trafficking_baseline' 2>/dev/null"
    check "$fmt dump: a new load continues the sequences" psql -X -qtA -d "$target" -v ON_ERROR_STOP=1 -c \
        "SELECT * FROM quito.tb_load_responses('after restore', 'quito.response_import')" -o /dev/null
done
dropdb tb_restored_custom
dropdb tb_restored_plain
