#!/usr/bin/env bash
# A real browser: the regional report in es, pt and en and every member's and
# observer's profile (in its default language and in English) are written
# from the database, every inline SVG is parsed as XML, each page is rendered
# by headless Chromium, which must log nothing to the console (the pages carry
# no script, so any message is the browser's complaint: a bad SVG attribute,
# a failed load), and a screenshot of each is checked to be a drawn picture.
# One profile is printed to PDF as the main job does.  Prints TAP lines.
# Usage: test/browser.sh DATABASE WORKDIR [--docs]   (PG* variables set)
#   --docs also copies the regional report (en) and a profile (es) to
#   docs/screenshots/, as the README shows them.
set -uo pipefail
cd "$(dirname "$0")/.."
db=$1
work=$2/browser
docs=${3:-}
baseline=${TB_BASELINE:-quito}
# shellcheck source=test/tap.sh
source test/tap.sh
q() { psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" "$@"; }
rm -rf "$work"
mkdir -p "$work/home"

if ! command -v chromium >/dev/null 2>&1; then
    check "chromium is installed (Debian's chromium)" false
    exit 0
fi
check "chromium runs: $(chromium --version 2>/dev/null | head -1)" chromium --version

# Chromium refuses to run as root with its sandbox on: --no-sandbox (the
# pages are the test's own files).  A profile directory of the test's own.
browse() { timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/home" "$@"; }

# the pages
pages=()
for lang in es pt en; do
    f=$work/report_$lang.html
    if [ -n "$(q -c "SELECT to_regprocedure('\"$baseline\".report_html(text)')")" ]; then
        q -c "SELECT \"$baseline\".report_html('$lang')" -o "$f"
    else
        psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v baseline="$baseline" -v lang="$lang" -f scripts/report_html.sql -o "$f"
    fi
    pages+=("$f")
done
while read -r cc lang; do
    f=$work/profile_${cc}_$lang.html
    q -c "SELECT \"$baseline\".country_profile_html('$cc', '$lang')" -o "$f"
    pages+=("$f")
done < <(q -F ' ' -c "SELECT DISTINCT m.country, l.lang FROM \"$baseline\".memberships m
    CROSS JOIN LATERAL (VALUES (\"$baseline\".tb_country_lang(m.country)), ('en')) AS l(lang) ORDER BY 1, 2")
members=$(q -c "SELECT count(DISTINCT country) FROM \"$baseline\".memberships")
same() { [ -n "$1" ] && [ "$1" != 0 ] && [ "$1" = "$2" ]; }
check "a profile written for each of the $members members and observers" \
    same "$(ls "$work"/profile_*_en.html 2>/dev/null | wc -l)" "$members"

html_page() { head -c 15 "$1" | grep -qi '^<!DOCTYPE html>' && grep -q '</html>' "$1"; }
no_console() {
    local log=$1
    if grep -q 'CONSOLE' "$log"; then
        grep 'CONSOLE' "$log" | head -5 | sed 's/^/# /'
        return 1
    fi
}
for f in "${pages[@]}"; do
    name=$(basename "$f" .html)
    check "$name: an HTML page" html_page "$f"
    check "$name: well-formed as XML (xmllint)" xmllint --noout "$f"
    check "$name: every inline SVG well-formed, sized and titled" /usr/bin/python3 test/browser/svg_check.py "$f"
    browse --enable-logging=stderr --v=0 --window-size=1200,1600 --screenshot="$work/$name.png" "file://$f" \
        >"$work/$name.log" 2>&1
    check "$name: rendered by Chromium without a console error or warning" no_console "$work/$name.log"
    check "$name: the screenshot is a drawn page" /usr/bin/python3 test/browser/png_check.py "$work/$name.png" 1200 1600
done

# a PDF, as the main job prints one
pdf=$work/profile.pdf
first=$(ls "$work"/profile_*_es.html | head -1)
browse --no-pdf-header-footer --print-to-pdf="$pdf" "file://$first" >"$work/pdf.log" 2>&1
check "$(basename "$first" .html) printed to PDF (starts with %PDF)" bash -c "head -c 5 '$pdf' | grep -q '^%PDF-'"
check "the PDF has A4 pages" grep -aqE 'MediaBox \[0 0 59[45]' "$pdf"

if [ "$docs" = --docs ]; then
    mkdir -p docs/screenshots
    cp "$work/report_en.png" docs/screenshots/report_en.png
    cp "$work/profile_PE_es.png" docs/screenshots/profile_PE_es.png
    echo "# screenshots copied to docs/screenshots/"
fi
