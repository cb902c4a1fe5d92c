#!/usr/bin/env bash
# Loads one round from a CSV file as people export it, in one command:
#     scripts/load_round.sh FILE [LABEL]
# Reads the first 64 kB of FILE, asks tb.tb_detect_csv for its encoding,
# byte order mark, delimiter and line ending and prints them, checks that its
# header names the columns of the baseline's import table (in any order and
# case), stages its rows with \copy into an import table of the session and
# loads them with the baseline's tb_load_responses(LABEL) (LABEL defaults to
# the file's name), then prints the outcome.  Nothing is recorded unless the
# whole file is staged.  The server is the one the PG* variables name; the
# baseline is TB_BASELINE (default quito).
set -euo pipefail

usage() {
    printf 'usage: %s FILE [LABEL]\n' "$0" >&2
    printf '  loads a CSV export of the form into the baseline TB_BASELINE (default quito)\n' >&2
    exit 2
}
fail() {
    printf 'error: %s\n' "$1" >&2
    [ -z "${2:-}" ] || printf 'hint: %s\n' "$2" >&2
    exit 1
}
# psql's errors without its "psql:<stdin>:N: " prefix
show_errors() { sed 's/^psql:[^ ]*:[0-9]*: //' "$1" >&2; }

[ $# -ge 1 ] && [ $# -le 2 ] || usage
file=$1
label=${2:-$(basename -- "$file")}
baseline=${TB_BASELINE:-quito}

[[ $baseline =~ ^[a-z_][a-z0-9_]*$ ]] || fail "TB_BASELINE='$baseline' is not the name of a baseline's schema"
[ -n "$label" ] || fail "the label is empty" "Pass a label that names the round, e.g. 'round 1'."
case $file in *$'\n'* | *$'\r'*) fail "the file name holds a line break" "Rename the file." ;; esac
[ -e "$file" ] || fail "$file: no such file" "The path is relative to the current directory ($PWD); the shipped rounds are data/illustrative/responses_round0.csv and responses_round1.csv."
[ -f "$file" ] && [ -r "$file" ] || fail "$file: not a readable file"
[ -s "$file" ] || fail "$file is empty (0 bytes): nothing to load; nothing was recorded" \
    "Export the form again: a header line (round, country, institution, indicator, lang, answer), then one line per answer."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The extension (at a version with tb_detect_csv) and the baseline must be there.
if ! ready=$(psql -X -qtA -v ON_ERROR_STOP=1 -v baseline="$baseline" -F '|' 2>"$tmp/err" <<'SQL'
SELECT to_regprocedure('tb.tb_detect_csv(bytea)') IS NOT NULL,
       to_regclass(format('%I.response_import', :'baseline')) IS NOT NULL;
SQL
); then
    show_errors "$tmp/err"
    fail "cannot reach the database" "Set PGHOST, PGPORT, PGUSER and PGDATABASE to the server of the baseline."
fi
case $ready in
    t\|t) ;;
    f\|*) fail "the database ${PGDATABASE:-${PGUSER:-$(id -un)}} has no tb.tb_detect_csv" \
        "CREATE EXTENSION trafficking_baseline, or ALTER EXTENSION trafficking_baseline UPDATE to 0.4 or later." ;;
    *) fail "the database ${PGDATABASE:-${PGUSER:-$(id -un)}} has no baseline $baseline" \
        "Create it with SELECT tb.tb_create_baseline('$baseline'), or set TB_BASELINE to the baseline's schema." ;;
esac

# Detection, on the first 64 kB, and the header against the import table's
# columns, names folded (tb_fold: case and accents) and trimmed.
us=$'\x1f'
{
    printf '\\set ON_ERROR_STOP on\n'
    printf "WITH d AS (SELECT * FROM tb.tb_detect_csv('\\\\x"
    head -c 65536 -- "$file" | od -An -v -tx1 | tr -d ' \n'
    printf "'::bytea)),\n"
    cat <<'SQL'
     need AS (SELECT a.attname::text AS name, a.attnum
                FROM pg_attribute a
               WHERE a.attrelid = format('%I.response_import', :'baseline')::regclass
                 AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''),
     head AS (SELECT h.name, h.o, n.name AS column_name
                FROM d, unnest(d.columns) WITH ORDINALITY AS h(name, o)
                LEFT JOIN need n ON tb.tb_fold(n.name) = tb.tb_fold(btrim(h.name)))
SELECT d.encoding, d.confidence, d.bom, d.delimiter, coalesce(d.line_ending, 'none'), cardinality(d.columns),
       (SELECT string_agg(CASE WHEN h.name = '' THEN '(empty)' ELSE h.name END, ', ' ORDER BY h.o) FROM head h),
       (SELECT string_agg(n.name, ', ' ORDER BY n.attnum) FROM need n),
       (SELECT string_agg(n.name, ', ' ORDER BY n.attnum) FROM need n
         WHERE NOT EXISTS (SELECT 1 FROM head h WHERE h.column_name = n.name)),
       (SELECT string_agg(CASE WHEN h.name = '' THEN '(empty)' ELSE h.name END, ', ' ORDER BY h.o)
          FROM head h WHERE h.column_name IS NULL),
       (SELECT string_agg(DISTINCT h.column_name, ', ') FROM head h
         WHERE (SELECT count(*) FROM head h2 WHERE h2.column_name = h.column_name) > 1),
       (SELECT string_agg(quote_ident(h.column_name), ', ' ORDER BY h.o) FROM head h)
  FROM d;
SQL
} >"$tmp/detect.sql"
if ! detected=$(psql -X -qtA -v ON_ERROR_STOP=1 -v baseline="$baseline" -F "$us" -f "$tmp/detect.sql" 2>"$tmp/err"); then
    printf '%s: ' "$file" >&2
    show_errors "$tmp/err"
    fail "$file cannot be read as a CSV file; nothing was loaded"
fi
IFS=$us read -r encoding confidence bom delimiter line_ending ncolumns found expected missing unexpected repeated copy_columns \
    <<<"$detected"

case $encoding in
    UTF8) encoding_name=UTF-8 ;;
    WIN125?) encoding_name=Windows-${encoding#WIN} ;;
    LATIN1) encoding_name=ISO-8859-1 ;;
    *) encoding_name=$encoding ;;
esac
case $delimiter in
    $'\t') delimiter_name=tab delimiter_sql="E'\\t'" ;;
    *) delimiter_name="'$delimiter'" delimiter_sql="'$delimiter'" ;;
esac
printf "%s: %s (confidence %s), delimiter %s, %s, BOM: %s, %s column%s\n" "$file" "$encoding_name" "$confidence" \
    "$delimiter_name" "$line_ending" "$([ "$bom" = t ] && echo yes || echo no)" "$ncolumns" "$([ "$ncolumns" = 1 ] || echo s)"

problems=()
[ -z "$missing" ] || problems+=("missing: $missing")
[ -z "$unexpected" ] || problems+=("not in the import table: $unexpected")
[ -z "$repeated" ] || problems+=("more than once: $repeated")
if [ ${#problems[@]} -gt 0 ]; then
    listed=$(printf "%s; " "${problems[@]}")
    fail "$file: the header does not name the columns of $baseline.response_import (${listed%; }); found: $found; expected: $expected; nothing was loaded" \
        "Name the header's columns $expected (in any order and case), one each, and run this again."
fi

# COPY does not strip a byte order mark: read the file without it.
data=$file
if [ "$bom" = t ]; then
    data=$tmp/without_bom.csv
    tail -c +4 -- "$file" >"$data"
fi

{
    printf '\\set ON_ERROR_STOP on\n'
    printf 'SET client_min_messages = warning;\n'
    printf 'BEGIN;\n'
    printf 'CREATE TEMP TABLE tb_round_import (LIKE %s.response_import INCLUDING ALL) ON COMMIT DROP;\n' "$baseline"
    printf "\\\\copy tb_round_import (%s) FROM '%s' WITH (FORMAT csv, HEADER true, DELIMITER %s, ENCODING '%s')\n" \
        "$copy_columns" "${data//\'/\'\'}" "$delimiter_sql" "$encoding"
    cat <<'SQL'
SELECT count(*) AS tb_staged, count(*) = 0 AS tb_nothing FROM tb_round_import \gset
\if :tb_nothing
\echo staged 0
ROLLBACK;
\quit
\endif
SELECT 'outcome', l.outcome, coalesce(l.reason, ''), l.n FROM :"baseline".tb_load_responses(:'label', 'tb_round_import') l;
SELECT 'load', l.load_id FROM :"baseline".loads l WHERE l.xmin = pg_current_xact_id()::xid;
COMMIT;
SQL
} >"$tmp/load.sql"

if ! out=$(psql -X -qtA -v ON_ERROR_STOP=1 -v baseline="$baseline" -v label="$label" -F "$us" -f "$tmp/load.sql" 2>"$tmp/err"); then
    show_errors "$tmp/err"
    fail "$file could not be staged as $encoding_name with delimiter $delimiter_name (as detected in its first 64 kB); nothing was loaded" \
        "Fix the line COPY names above, or save the sheet again as \"CSV UTF-8 (Comma delimited)\" (Excel) or \"Text CSV\" in UTF-8 (LibreOffice)."
fi
if [ "$out" = "staged 0" ]; then
    fail "$file has a header but no line of data: nothing to load; nothing was recorded" \
        "Export the form again with its answers."
fi

loaded=0 duplicates=0 rejected=0 reasons=() load_id=
while IFS=$us read -r kind outcome reason n; do
    case $kind in
        outcome)
            case $outcome in
                loaded) loaded=$((loaded + n)) ;;
                duplicate) duplicates=$((duplicates + n)) ;;
                rejected) rejected=$((rejected + n)); reasons+=("$reason $n") ;;
            esac ;;
        load) load_id=$outcome ;;
    esac
done <<<"$out"
summary="rejected $rejected"
if [ ${#reasons[@]} -gt 0 ]; then
    summary+=" ($(printf '%s, ' "${reasons[@]}" | sed 's/, $//'); see $baseline.rejects)"
fi
read_rows=$((loaded + duplicates + rejected))
printf "%s: load %s '%s': %s row%s read, loaded %s, duplicates %s, %s\n" "$file" "$load_id" "$label" \
    "$read_rows" "$([ "$read_rows" = 1 ] || echo s)" "$loaded" "$duplicates" "$summary"
