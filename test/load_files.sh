#!/usr/bin/env bash
# Files as people export them: the shipped round 1 written as Excel writes
# it in a Spanish and a Portuguese locale (semicolons, Windows-1252, CRLF),
# as Excel's "CSV UTF-8" (a byte order mark), as LibreOffice writes it
# (UTF-8, commas, LF, text quoted) and as UTF-8 with CRLF, each loaded with
# scripts/load_round.sh into a fresh baseline, must load the same rows as the
# shipped file loaded the README's way; files it cannot load (no consistent
# delimiter, a missing column, an empty file, a header alone, a ragged line
# past the first 64 kB) must fail with a clear error and load nothing.
# Prints numbered "ok" / "not ok" lines.  Usage: test/load_files.sh (PG*
# variables set, the extension installed); it makes its own databases and
# drops them.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# shellcheck source=test/tap.sh
source test/tap.sh

work=$(mktemp -d)
dbs=()
cleanup() {
    local d
    for d in "${dbs[@]}"; do dropdb --if-exists "$d" >/dev/null 2>&1; done
    rm -rf "$work"
}
trap cleanup EXIT
q() { psql -X -qtA -v ON_ERROR_STOP=1 "$@"; }

# fresh_db NAME: a database with the extension and a baseline quito holding
# the catalogue, loaded as scripts/load_baseline.sql loads it (its part
# before the survey rounds).
fresh_db() {
    dropdb --if-exists "$1" >/dev/null 2>&1
    createdb "$1" || return 1
    dbs+=("$1")
    q -d "$1" -c 'CREATE EXTENSION trafficking_baseline' >/dev/null || return 1
    sed '/^-- Survey rounds/,$d' scripts/load_baseline.sql | q -d "$1" -v baseline=quito >/dev/null
}

# What a load left, in three lines: the load's counts, the answers, the
# rejects (with or without their line numbers).
counts() { q -d "$1" -c "SELECT rows_read || ' read, ' || loaded || ' loaded, ' || duplicates || ' duplicates, ' || rejected || ' rejected' FROM quito.loads ORDER BY load_id"; }
answers() {
    q -d "$1" -c "SELECT count(*) || ' ' || md5(string_agg(concat_ws('|', round_no, country, institution, indicator, raw_answer, value, status), E'\n'
                   ORDER BY round_no, country, institution, indicator)) FROM quito.responses"
}
rejects() {   # DATABASE [lines]
    local line=NULL
    [ "${2:-}" = lines ] && line=line_no
    q -d "$1" -c "SELECT count(*) || ' ' || md5(string_agg(x, E'\n' ORDER BY x)) FROM (
                    SELECT concat_ws('|', $line, round_raw, country_raw, institution_raw, indicator_raw, lang_raw,
                                     raw_answer, reason, detail) AS x FROM quito.rejects) r"
}
nothing_loaded() {
    test "$(q -d "$1" -c "SELECT (SELECT count(*) FROM quito.loads) + (SELECT count(*) FROM quito.responses)
                                + (SELECT count(*) FROM quito.rejects) + (SELECT count(*) FROM quito.response_import)")" = 0
}

# The reference: the shipped file, loaded the README's way.
original=data/illustrative/responses_round1.csv
fresh_db tb_files_original
q -d tb_files_original -c "SET search_path = quito" \
    -c "\\copy response_import (round, country, institution, indicator, lang, answer) FROM '$original' CSV HEADER" \
    -c "SELECT * FROM quito.tb_load_responses('responses_round1.csv')" >/dev/null
want_counts=$(counts tb_files_original)
want_answers=$(answers tb_files_original)
want_rejects=$(rejects tb_files_original lines)
want_rejects_any=$(rejects tb_files_original)
echo "# $original, loaded with \\copy: $want_counts"
check "the shipped round loads the README's way" test "$want_counts" = "1299 read, 1282 loaded, 3 duplicates, 14 rejected"

# The same rows, written as the spreadsheets write them.
/usr/bin/python3 - "$original" "$work" <<'PY' || echo "# could not write the files"
import csv, io, re, sys

src, out = sys.argv[1], sys.argv[2]
with open(src, encoding='utf-8', newline='') as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
text = '\n'.join(r[-1] for r in body)
assert 'Sí' in text and 'Não' in text, 'the round has no accented answers'


def write(name, rows, delimiter, encoding, eol, bom=False, quote_text=False):
    buf = io.StringIO()
    if quote_text:
        # LibreOffice's "Quote all text cells": text quoted, numbers and empty cells bare
        for r in rows:
            buf.write(delimiter.join(c if re.fullmatch(r'(-?[0-9]+)?', c)
                                     else '"' + c.replace('"', '""') + '"' for c in r) + eol)
    else:
        # Excel and the default of most tools: quotes only where needed
        csv.writer(buf, delimiter=delimiter, lineterminator=eol).writerows(rows)
    data = buf.getvalue().encode(encoding)
    with open(f'{out}/{name}', 'wb') as f:
        f.write((b'\xef\xbb\xbf' if bom else b'') + data)


write('excel_es.csv', rows, ';', 'cp1252', '\r\n')
# Portuguese answers first, so that the start of the file is Portuguese
write('excel_pt.csv', [header] + [r for r in body if r[4] == 'pt'] + [r for r in body if r[4] != 'pt'],
      ';', 'cp1252', '\r\n')
write('excel_utf8.csv', rows, ';', 'utf-8', '\r\n', bom=True)
write('libreoffice.csv', rows, ',', 'utf-8', '\n', quote_text=True)
write('utf8_crlf.csv', rows, ',', 'utf-8', '\r\n')
PY
# shellcheck disable=SC2059  # the bytes are printf escapes
has_bytes() { LC_ALL=C grep -qaF "$(printf "$2")" "$work/$1"; }
excel_bytes() { has_bytes "$1" 'S\xed\r' && has_bytes "$1" 'N\xe3o' && has_bytes "$1" ';es;' && has_bytes "$1" ';pt;'; }
check "Excel es: Windows-1252 bytes for 'Sí' and 'Não', semicolons, CRLF" excel_bytes excel_es.csv
check "Excel pt: the same, Portuguese answers first" \
    eval 'excel_bytes excel_pt.csv && sed -n 2p "$work/excel_pt.csv" | grep -qaF ";pt;"'
check "Excel CSV UTF-8: a byte order mark, then UTF-8 'Sí'" \
    eval 'head -c 3 "$work/excel_utf8.csv" | od -An -tx1 | grep -q "ef bb bf" && has_bytes excel_utf8.csv "S\xc3\xad\r"'
check "LibreOffice: text quoted, LF" eval 'sed -n 2p "$work/libreoffice.csv" | grep -q "^1,\"[A-Za-z]*\",\"[A-Z-]*\",\".*\"$"'

# variant  expected detection line (after "FILE: ")  rejects compared with their line numbers?
variants=(
    "excel_es|Windows-1252 (confidence *), delimiter ';', CRLF, BOM: no, 6 columns|lines"
    "excel_pt|Windows-1252 (confidence *), delimiter ';', CRLF, BOM: no, 6 columns|any"
    "excel_utf8|UTF-8 (confidence 100), delimiter ';', CRLF, BOM: yes, 6 columns|lines"
    "libreoffice|UTF-8 (confidence *), delimiter ',', LF, BOM: no, 6 columns|lines"
    "utf8_crlf|UTF-8 (confidence *), delimiter ',', CRLF, BOM: no, 6 columns|lines"
)
for v in "${variants[@]}"; do
    IFS='|' read -r name detection lines <<<"$v"
    db=tb_files_$name
    file=$work/$name.csv
    fresh_db "$db"
    PGDATABASE=$db bash scripts/load_round.sh "$file" "$name.csv" >"$work/$name.out" 2>&1
    status=$?
    sed 's/^/# /' "$work/$name.out"
    check "$name: scripts/load_round.sh loads it" test "$status" = 0
    # shellcheck disable=SC2053
    check "$name: detected as $detection" eval '[[ "$(head -n 1 "$work/$name.out")" == "$file: "$detection ]]'
    check "$name: the same counts as the shipped file ($want_counts)" test "$(counts "$db")" = "$want_counts"
    check "$name: the same answers, values and statuses" test "$(answers "$db")" = "$want_answers"
    if [ "$lines" = lines ]; then
        check "$name: the same rejects, on the same lines, with the same reasons" test "$(rejects "$db" lines)" = "$want_rejects"
    else
        check "$name: the same rejects with the same reasons (lines reordered)" test "$(rejects "$db")" = "$want_rejects_any"
    fi
    check "$name: the outcome printed" grep -qF "1299 rows read, loaded 1282, duplicates 3, rejected 14 (" "$work/$name.out"
    dropdb --if-exists "$db" >/dev/null 2>&1
done

# Files it cannot load: a clear error, nothing loaded, nothing recorded.
fresh_db tb_files_fail
fails() {   # NAME EXPECTED-TEXT...: load_round.sh fails on $work/NAME, says each text, loads nothing
    local name=$1 t
    shift
    PGDATABASE=tb_files_fail bash scripts/load_round.sh "$work/$name" >"$work/$name.out" 2>&1 && return 1
    sed 's/^/# /' "$work/$name.out"
    for t in "$@"; do grep -qF -- "$t" "$work/$name.out" || { echo "# missing: $t"; return 1; }; done
    nothing_loaded tb_files_fail
}
printf 'round;country;institution;indicator;lang;answer\r\n1;AR;AR-CE;GOV01;es;No\r\n1;AR;AR-CE;GOV03;es;No;S\xed\r\n1;AR;AR-CE\r\n' \
    >"$work/ragged.csv"
check "no consistent delimiter: an error naming the counts per delimiter, nothing loaded" \
    fails ragged.csv "no delimiter splits every line" '";" splits the header into 6 fields, 1 of the 3 other lines into as many' \
    "(line 3 into 7)" "HINT:" "nothing was loaded"
printf 'round,country,institution,indicator,answer\n1,AR,AR-CE,GOV01,No\n' >"$work/no_lang.csv"
check "a missing column: an error naming what was found and what is expected, nothing loaded" \
    fails no_lang.csv "missing: lang" "found: round, country, institution, indicator, answer" \
    "expected: round, country, institution, indicator, lang, answer" "nothing was loaded"
: >"$work/empty.csv"
check "an empty file: an error that says so, nothing recorded" \
    fails empty.csv "empty.csv is empty (0 bytes)" "nothing was recorded"
printf '\xef\xbb\xbfround;country;institution;indicator;lang;answer\r\n' >"$work/header_only.csv"
check "a header alone: an error that says so, nothing recorded" \
    fails header_only.csv "has a header but no line of data" "nothing was recorded"
/usr/bin/python3 - "$original" "$work/late_ragged.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
body = lines[1:] * 3
body.insert(len(body) - 5, '1,AR,AR-CE,GOV01,es,No,extra')
open(sys.argv[2], 'w', encoding='utf-8', newline='\n').write('\n'.join([lines[0]] + body) + '\n')
PY
check "a ragged line past the first 64 kB: COPY's error and line, nothing loaded" \
    fails late_ragged.csv "extra data after last expected column" "could not be staged as UTF-8 with delimiter ','" \
    "nothing was loaded"
check "a workbook instead of a CSV: an error that says what to save it as" \
    eval 'printf "PK\003\004\024\000\006\000" >"$work/book.xlsx"; fails book.xlsx "not a text CSV" "CSV UTF-8"'
