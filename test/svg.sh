#!/usr/bin/env bash
# The pictures and the regional report: every SVG function, in English,
# Spanish and Portuguese, returns well-formed XML (xmllint) with a title, a
# colour key or legend and a source line; the dashboards hold one cell per
# country and axis (and per country and indicator); names, not codes, label
# the rows; the harmonization chart's scale reaches below zero for a negative
# alpha; the maps colour every shape; report_html is well-formed, in its
# language, and escapes what it is given.  Prints "ok" / "not ok".
# Usage: test/svg.sh DATABASE WORKDIR (PG* variables set).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
db=$1
work=$2
# shellcheck source=test/tap.sh
source test/tap.sh
q() { psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
x() { xmllint --xpath "$1" "$2" 2>/dev/null; }
# equal, and not empty nor zero: a check that cannot pass on nothing
same() { [ -n "$1" ] && [ "$1" != 0 ] && [ "$1" = "$2" ]; }
positive() { [ -n "$1" ] && [ "$1" -gt 0 ] 2>/dev/null; }

for lang in en es pt; do
    for f in "tb_svg_dashboard(NULL, '$lang')" "tb_svg_dashboard(0, '$lang')" "tb_svg_indicator_dashboard(NULL, '$lang')" \
        "tb_svg_harmonization(NULL, '$lang')" "tb_svg_progress('$lang')" "tb_svg_map(NULL, '$lang')" \
        "tb_svg_tip_map(NULL, '$lang')" "tb_svg_rank_intervals(NULL, '$lang')"; do
        svg=$work/picture.svg
        q "SELECT quito.$f" >"$svg"
        check "$f is well-formed SVG" xmllint --noout "$svg"
        check "$f has a title, a key and a source line" same \
            "$(x "concat(boolean(/*[local-name()='svg']/*[local-name()='title'][string-length(.) > 0]),
                        count(//*[@class='legend']) > 0, count(//*[@class='source']) > 0)" "$svg")" truetruetrue
    done
done
check "the pictures still answer without a language (English)" same "$(q "SELECT quito.tb_svg_dashboard()")" \
    "$(q "SELECT quito.tb_svg_dashboard(NULL, 'en')")"

cells() { x "count(//*[local-name()='rect'][@class='cell'])" "$1"; }
q "SELECT quito.tb_svg_dashboard(1)" >"$work/dashboard.svg"
check "the dashboard has one cell per country and axis" same "$(cells "$work/dashboard.svg")" \
    "$(q "SELECT count(DISTINCT country) * count(DISTINCT axis) FROM quito.axis_scores WHERE round_no = 1")"
q "SELECT quito.tb_svg_indicator_dashboard(1)" >"$work/indicators.svg"
check "the indicator dashboard has one cell per country and indicator" same "$(cells "$work/indicators.svg")" \
    "$(q "SELECT count(DISTINCT country) * count(DISTINCT indicator) FROM quito.indicator_scores WHERE round_no = 1")"
check "a cell carries its country's colour" same "$(x \
    "string(//*[local-name()='rect'][@data-country='MX'][@data-axis='PROS']/@fill)" "$work/dashboard.svg")" \
    "$(q "SELECT quito.tb_svg_colour(score) FROM quito.axis_scores WHERE round_no = 1 AND country = 'MX' AND axis = 'PROS'")"
q "SELECT quito.tb_svg_dashboard(1, 'es')" >"$work/dashboard_es.svg"
check "rows and columns are named in the language, codes in tooltips" same \
    "$(x "concat(count(//*[local-name()='text'][normalize-space(text())='República Dominicana'][*[local-name()='title']='DO']),
                 count(//*[local-name()='tspan'][.='Prevención']))" "$work/dashboard_es.svg")" 11
check "no row is labelled with a bare code" same \
    "$(x "count(//*[local-name()='text'][normalize-space(text())='DO' or normalize-space(text())='MX'])" \
        "$work/dashboard_es.svg")0" 00
check "the colour key names every traffic-light band in the language" same \
    "$(x "count(//*[@class='legend']/*[local-name()='text'][starts-with(., 'verde') or starts-with(., 'amarillo')
                  or starts-with(., 'naranja') or starts-with(., 'rojo') or .='Sin puntaje'])" "$work/dashboard_es.svg")" \
    "$(q "SELECT count(*) + 1 FROM quito.rating_bands WHERE scheme = 'traffic_light'")"

# the harmonization chart: GOV ordinal's alpha is below 0; it must show left of the zero line
q "SELECT quito.tb_svg_harmonization(1)" >"$work/harmonization.svg"
zero=$(x "string(//*[local-name()='line'][@class='zero']/@x1)" "$work/harmonization.svg")
leftmost=$(x "string(//*[local-name()='circle'][@class='alpha'][not(@cx > //*[local-name()='circle'][@class='alpha']/@cx)]/@cx)" \
    "$work/harmonization.svg")
check "a negative alpha is drawn left of the zero line" same \
    "$(q "SELECT ($leftmost < $zero) = (min(alpha) < 0) AND min(alpha) < 0 FROM quito.axis_harmonization WHERE round_no = 1")" t
check "the harmonization scale has ticks from below 0 to 1" same \
    "$(x "concat(count(//*[local-name()='text'][.='-0.1']), count(//*[local-name()='text'][.='1.0']))" "$work/harmonization.svg")" 11
check "every alpha is a dot with its value written beside it" same \
    "$(x "count(//*[local-name()='circle'][@class='alpha'])" "$work/harmonization.svg")" \
    "$(q "SELECT count(alpha) FROM quito.axis_harmonization WHERE round_no = 1")"

# the maps
q "SELECT quito.tb_svg_map(1)" >"$work/map.svg"
check "the map draws every shape of map_shapes" same "$(x "count(//*[local-name()='path'][@class='country'])" "$work/map.svg")" \
    "$(q "SELECT count(*) FROM quito.map_shapes")"
check "a member is coloured by its overall score" same \
    "$(x "string(//*[local-name()='path'][@data-country='MX']/@fill)" "$work/map.svg")" \
    "$(q "SELECT quito.tb_svg_colour(score) FROM quito.country_scores WHERE round_no = 1 AND country = 'MX'")"
check "every member and the observer has a shape" same \
    "$(q "SELECT count(*) FROM quito.memberships m JOIN quito.countries c ON c.iso2 = m.country
           JOIN quito.map_shapes s USING (iso_numeric)")" "$(q "SELECT count(*) FROM quito.memberships")"
q "SELECT quito.tb_svg_tip_map()" >"$work/tip.svg"
check "the TIP map has one small map per year, the first and last rated among them" same \
    "$(x "concat(count(//*[@class='year']), '/', //*[@class='year'][1]/@data-year, '/', //*[@class='year'][last()]/@data-year)" \
        "$work/tip.svg")" "$(q "SELECT '4/' || min(year) || '/' || max(year) FROM quito.external_values WHERE indicator = 'TIP_TIER'")"
check "a tier is coloured in its year (Mexico, watch list in 2005)" same \
    "$(x "string(//*[@data-year='2005']/*[@data-country='MX']/@fill)" "$work/tip.svg")/$(q "SELECT value FROM quito.external_values
        WHERE indicator = 'TIP_TIER' AND country = 'MX' AND year = 2005")" '#ef6c00/2.5'

# the report: one page per language, well-formed, its language set
for lang in en es pt; do
    page=$work/report_$lang.html
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v lang="$lang" -f scripts/report_html.sql -o "$page"
    check "the $lang report is well-formed (every inline SVG with it)" xmllint --noout "$page"
    check "the $lang report declares its language and UTF-8" same \
        "$(x "concat(/*[local-name()='html']/@lang, '/', //*[local-name()='meta']/@charset)" "$page")" "$lang/utf-8"
    check "the $lang report carries its seven pictures (the ranks with their intervals among them)" same \
        "$(x "count(//*[local-name()='figure']/*[local-name()='svg'])" "$page")" 7
    check "the $lang report's headings come from ui_strings" same \
        "$(x "string(//*[local-name()='section'][@id='map']/*[local-name()='h2'])" "$page")" \
        "$(q "SELECT '1. ' || quito.tb_ui('section.map', '$lang')")"
done
check "report_html is what scripts/report_html.sql writes" same "$(q "SELECT md5(quito.report_html('es'))")" \
    "$(printf '%s' "$(cat "$work/report_es.html")" | md5sum | head -c 32)"
# a string with markup, in a language added by INSERT, comes out escaped
psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" -o "$work/report_xx.html" <<'SQL'
BEGIN;
INSERT INTO quito.ui_strings (key, lang, text) VALUES ('report.title', 'xx', '<b>Trata & "tráfico"</b>'),
       ('section.map', 'xx', 'Mapa <i>');
SELECT quito.report_html('xx');
ROLLBACK;
SQL
check "a language added by INSERT is used, its markup escaped" same \
    "$(x "concat(/*[local-name()='html']/@lang, '|', //*[local-name()='h1'], '|', count(//*[local-name()='b']))" "$work/report_xx.html")" \
    'xx|<b>Trata & "tráfico"</b>|0'

# a new baseline without answers (and without reference rows) still draws every picture and the page
{
    echo "BEGIN;"
    echo "SELECT tb.tb_create_baseline('svg_empty', false) \\g /dev/null"
    i=0
    for f in "tb_svg_dashboard()" "tb_svg_indicator_dashboard()" "tb_svg_harmonization()" "tb_svg_progress()" \
        "tb_svg_map()" "tb_svg_tip_map()" "report_html('pt')"; do
        i=$((i + 1))
        echo "\\o $work/empty_$i.xml"
        echo "SELECT svg_empty.$f;"
    done
    echo "\\o"
    echo "ROLLBACK;"
} | psql -X -qtA -v ON_ERROR_STOP=1 -d "$db" >/dev/null
wellformed_all() { for f in "$work"/empty_{1..7}.xml; do [ -s "$f" ] && xmllint --noout "$f" || return 1; done; }
check "an empty new baseline draws every picture and the page, well-formed" wellformed_all
