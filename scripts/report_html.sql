-- The baseline report as one HTML page: the tables of the text report and
-- the extension's SVG pictures.  Run with psql -qtAX -f scripts/report_html.sql -o FILE
\set ON_ERROR_STOP on
-- The baseline's schema: psql -v baseline=NAME, default quito.
\if :{?baseline}
\else
\set baseline quito
\endif
\pset format unaligned
\pset tuples_only on
SELECT '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Quito Process baseline</title>'
    || '<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}'
    || 'td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}td:first-child{text-align:left}'
    || 'h2{margin-top:2em}.note{color:#555}</style></head><body>'
    || '<h1>Baseline of the Quito Process Regional Coordination Mechanism against human trafficking</h1>'
    || '<p class="note">Survey data: illustrative (generated, not real survey results). US TIP Report tiers: real data, 2001-2015.</p>'
    || '<h2>1. Scores by country and axis, latest round</h2>' || :"baseline".tb_svg_dashboard()
    || '<h2>2. Overall scores</h2><table><tr><th>Country</th><th>Score</th><th>Letter</th><th>Copeland</th></tr>'
    || (SELECT string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>',
                                 :"baseline".tb_svg_text(c.country), coalesce(round(c.score::numeric, 1)::text, '-'),
                                 coalesce(c.letter, '-'), coalesce(k.copeland::text, '-')),
                          '' ORDER BY c.score DESC NULLS LAST, c.country)
          FROM :"baseline".country_scores c
          LEFT JOIN :"baseline".country_copeland k USING (round_no, country)
         WHERE c.round_no = (SELECT max(round_no) FROM :"baseline".rounds))
    || '</table>'
    || '<h2>3. Progress since the baseline</h2>' || :"baseline".tb_svg_progress()
    || '<h2>4. Harmonization</h2>' || :"baseline".tb_svg_harmonization()
    || '<h2>5. Priorities: the largest weighted gaps (* poorly harmonized in the region)</h2><table><tr><th>Country</th><th>Priorities</th></tr>'
    || (SELECT string_agg(format('<tr><td>%s</td><td style="text-align:left">%s</td></tr>', :"baseline".tb_svg_text(country), p), '' ORDER BY country)
          FROM (SELECT country, string_agg(indicator || CASE WHEN poorly_harmonized THEN '*' ELSE '' END, ' ' ORDER BY rank) AS p
                  FROM :"baseline".country_priorities GROUP BY country) q)
    || '</table>'
    || '<h2>6. Scores by country and indicator, latest round</h2>' || :"baseline".tb_svg_indicator_dashboard()
    || '<h2>7. Coverage: indicators answered / expected</h2><table><tr><th>Round</th><th>Country</th><th>Answered</th><th>Expected</th><th>%</th></tr>'
    || (SELECT string_agg(format('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>', round_no,
                                 :"baseline".tb_svg_text(country), a, e, round(100.0 * a / e, 1)), '' ORDER BY round_no, country)
          FROM (SELECT round_no, country, sum(answered) AS a, sum(expected) AS e FROM :"baseline".coverage GROUP BY 1, 2) q)
    || '</table></body></html>';
