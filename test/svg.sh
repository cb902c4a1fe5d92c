#!/usr/bin/env bash
# The pictures: every SVG function returns well-formed XML (xmllint), the
# dashboards hold one cell per country and axis (and per country and
# indicator), and the HTML report carries them.  Prints "ok" / "not ok".
# Usage: test/svg.sh DATABASE WORKDIR (PG* variables set).
set -uo pipefail
cd "$(dirname "$0")/.."
db=$1
work=$2
# shellcheck source=test/tap.sh
source test/tap.sh
q() { psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

for f in "tb_svg_dashboard()" "tb_svg_dashboard(0)" "tb_svg_indicator_dashboard()" "tb_svg_harmonization()" "tb_svg_progress()"; do
    q "SELECT quito.$f" >"$work/picture.svg"
    check "$f is well-formed SVG" xmllint --noout "$work/picture.svg"
done
cells() { xmllint --xpath "count(//*[local-name()='rect'][@class='cell'])" "$1" 2>/dev/null; }
# equal, and not empty nor zero: a check that cannot pass on nothing
same() { [ -n "$1" ] && [ "$1" != 0 ] && [ "$1" = "$2" ]; }
q "SELECT quito.tb_svg_dashboard(1)" >"$work/dashboard.svg"
check "the dashboard has one cell per country and axis" same "$(cells "$work/dashboard.svg")" \
    "$(q "SELECT count(DISTINCT country) * count(DISTINCT axis) FROM quito.axis_scores WHERE round_no = 1")"
q "SELECT quito.tb_svg_indicator_dashboard(1)" >"$work/indicators.svg"
check "the indicator dashboard has one cell per country and indicator" same "$(cells "$work/indicators.svg")" \
    "$(q "SELECT count(DISTINCT country) * count(DISTINCT indicator) FROM quito.indicator_scores WHERE round_no = 1")"
check "a cell carries its country's colour" same "$(xmllint --xpath \
    "string(//*[local-name()='rect'][@data-country='MX'][@data-axis='PROS']/@fill)" "$work/dashboard.svg" 2>/dev/null)" \
    "$(q "SELECT quito.tb_svg_colour(score) FROM quito.axis_scores WHERE round_no = 1 AND country = 'MX' AND axis = 'PROS'")"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f scripts/report_html.sql -o "$work/report.html"
check "the HTML report is written with its four pictures" test "$(grep -o '<svg' "$work/report.html" | wc -l)" = 4
