-- Country profiles: country_profile_html and its pictures on the shipped
-- data, each figure checked against the views and functions it comes from.
BEGIN;
SELECT plan(27);

-- each member's and observer's profile in its default language, made once
-- (a profile runs 1,000 uncertainty runs over the matrix and reads the gap views)
CREATE TEMP TABLE profile AS
SELECT m.country, quito.tb_country_lang(m.country) AS lang, quito.country_profile_html(m.country) AS html
  FROM (SELECT DISTINCT country FROM quito.memberships) m;
INSERT INTO profile SELECT c, l, quito.country_profile_html(c, l) FROM (VALUES ('AR', 'en'), ('PE', 'en'), ('PE', 'pt')) v(c, l);

-- who gets a profile, and in which language
SELECT throws_ok($$SELECT quito.country_profile_html('XX')$$, '22023', NULL,
                 'a country that is not in the catalogue: 22023');
SELECT throws_ok($$SELECT quito.country_profile_html('VE')$$, '22023', NULL,
                 'a country of the catalogue that is neither member nor observer: 22023');
SELECT throws_ok($$SELECT quito.country_profile_html(NULL)$$, '22023', NULL, 'no country: 22023');
SELECT throws_ok($$SELECT quito.country_profile_html('PE', 'de')$$, '22023', NULL,
                 'a language without profile strings: 22023');
SELECT is(quito.country_profile_html('Perú', 'es'), (SELECT html FROM profile WHERE country = 'PE' AND lang = 'es'),
          'a country given by its name gets the same profile as by its code');
SELECT is(quito.country_profile_html('per', 'en'), (SELECT html FROM profile WHERE country = 'PE' AND lang = 'en'),
          'and by its alpha-3 code, in any case');
SELECT ok((SELECT html FROM profile WHERE country = 'BR' AND lang = 'pt') LIKE '<!DOCTYPE html><html lang="pt">%',
          'Brazil''s profile is in Portuguese by default');
SELECT ok((SELECT html FROM profile WHERE country = 'GY' AND lang = 'en') LIKE '<!DOCTYPE html><html lang="en">%', 'Guyana''s is in English');
SELECT is((SELECT count(*) FROM profile WHERE html LIKE '<!DOCTYPE html>%</html>' AND lang = quito.tb_country_lang(country)),
          (SELECT count(DISTINCT country) FROM quito.memberships),
          'every member and observer has a whole profile');

-- names, not codes: indicator and country codes only in tooltips and data attributes
SELECT is((SELECT count(*) FROM profile p
            WHERE p.lang = quito.tb_country_lang(p.country) AND regexp_replace(regexp_replace(p.html,
                                                ' (title|data-[a-z]+)="[^"]*"', '', 'g'),
                                 '<title>[^<]*</title>', '', 'g')
                  ~ '\m((PREV|PROT|PROS|GOV)[0-9]{2}|AR|BR|CL|CO|CR|CW|DO|EC|GY|MX|PA|PE|PY|UY|PREV|PROT|PROS|GOV)\M'),
          0::bigint, 'no profile shows a country, axis or indicator code outside a tooltip');

-- the summary: overall score, rank
SELECT ok((SELECT html FROM profile WHERE country = 'MX' AND lang = 'es')
          LIKE '%<span class="big" style="color:' || quito.tb_svg_colour(s.score) || '">'
               || quito.tb_num(s.score, 1, 'es') || '</span>%',
          'the overall score as country_scores has it, in the band''s colour, written with a decimal comma')
  FROM quito.country_scores s WHERE s.country = 'MX' AND s.round_no = 1;
SELECT ok((SELECT html FROM profile WHERE country = 'AR' AND lang = 'en') LIKE '%<span class="big">' || r.rnk || ' / ' || r.n || '</span>%',
          'the rank among the countries with an overall score')
  FROM (SELECT country, rank() OVER (ORDER BY score DESC) AS rnk, count(*) OVER () AS n
          FROM quito.country_scores WHERE round_no = 1 AND score IS NOT NULL) r
 WHERE r.country = 'AR';
SELECT ok((SELECT html FROM profile WHERE country = 'AR' AND lang = 'en') LIKE '%lies between ' || quito.tb_num(u.rank_p05, 0, 'en') || ' and ' || quito.tb_num(u.rank_p95, 0, 'en')
          || ' in 90% of 1000 simulations (median ' || quito.tb_num(u.median_rank, 0, 'en') || ')%',
          'the rank interval is tb_matrix_uncertainty''s over the latest round''s matrix')
  FROM (SELECT tb.tb_matrix(v.country, v.indicator, v.value, i.axis, i.weight, i.direction) AS m
          FROM quito.indicator_values v JOIN quito.indicators i ON i.code = v.indicator
         WHERE v.round_no = 1) mm,
       tb.tb_matrix_uncertainty(mm.m, 1000, 0.25, 1) u
 WHERE u.unit = 'AR';

-- the observer, without enough answers for a score
SELECT ok((SELECT html FROM profile WHERE country = 'CW' AND lang = 'en') LIKE '%' || quito.tb_svg_text(quito.tb_ui('note.no_score', 'en')) || '%'
          AND (SELECT html FROM profile WHERE country = 'CW' AND lang = 'en') LIKE '%' || quito.tb_svg_text(quito.tb_ui('profile.rank.none', 'en')) || '%',
          'the observer''s profile says it has no score and no rank');
SELECT is((length(quito.tb_svg_profile_scores('CW')) - length(replace(quito.tb_svg_profile_scores('CW'), 'class="bar"', '')))
          / length('class="bar"'), 0, 'the observer''s axis chart draws no bar');

-- axis scores against the region
SELECT is((length(p) - length(replace(p, 'class="bar"', ''))) / length('class="bar"'),
          (SELECT count(*)::integer FROM quito.axis_scores WHERE country = 'MX' AND round_no = 1 AND score IS NOT NULL),
          'the axis chart draws a bar for each axis with a score')
  FROM quito.tb_svg_profile_scores('MX', 'en') p;
SELECT ok(quito.tb_svg_profile_scores('MX', 'en')
          LIKE '%<rect class="bar" data-axis="PROS" x="40" y="%" width="' || round((5 * s.score)::numeric, 1) || '"%',
          'a bar is 5 units per point of its score')
  FROM quito.axis_scores s WHERE s.country = 'MX' AND s.axis = 'PROS' AND s.round_no = 1;
SELECT ok(quito.tb_svg_profile_scores('AR', 'en')
          LIKE '%<line class="median" x1="' || round((40 + 5 * m.median)::numeric, 1) || '"%',
          'the regional median drawn where the median of the axis scores lies')
  FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS median FROM quito.axis_scores
         WHERE round_no = 1 AND axis = 'PREV' AND score IS NOT NULL) m;

-- gaps, practices, TIP tiers
SELECT ok((SELECT html FROM profile WHERE country = 'AR' AND lang = 'es')
          LIKE '%<abbr title="' || p.indicator || '">' || quito.tb_svg_text(quito.tb_name('indicator', p.indicator, 'es')) || '</abbr>%',
          'the largest gap named in Spanish, its code in the tooltip')
  FROM quito.country_priorities p WHERE p.country = 'AR' AND p.rank = 1;
SELECT ok((SELECT html FROM profile WHERE country = 'AR' AND lang = 'en') LIKE '%has ' || p.practice_count || ' of the '
          || (SELECT count(*) FROM quito.indicators WHERE kind = 'binary' AND source = 'survey') || ' practices%',
          'the practices in place counted as country_practices has them')
  FROM quito.country_practices p WHERE p.country = 'AR' AND p.round_no = 1;
SELECT is((length(t) - length(replace(t, 'class="tier"', ''))) / length('class="tier"'),
          (SELECT count(*)::integer FROM quito.external_values WHERE indicator = 'TIP_TIER' AND country = 'AR'
              AND value IS NOT NULL),
          'the TIP chart has a point for each year the country was rated')
  FROM quito.tb_svg_tip_history('AR', 'en') t;
SELECT ok((SELECT html FROM profile WHERE country = 'AR' AND lang = 'en') LIKE '%Latest tier: Tier 2 (2015).%',
          'the latest TIP tier in words');

-- progress
SELECT ok((SELECT html FROM profile WHERE country = 'PE' AND lang = 'pt')
          LIKE '%' || quito.tb_num(p.current_score - p.baseline_score, 1, 'pt') || '</td><td class="t">'
               || quito.tb_ui('trend.' || replace(p.trend, ' ', '_'), 'pt') || '</td>%',
          'the change since the baseline and its trend, in Portuguese')
  FROM quito.axis_progress p WHERE p.country = 'PE' AND p.axis = 'PREV';
SELECT ok((SELECT html FROM profile WHERE country = 'PE' AND lang = 'es') !~ '\{[a-z_]+\}', 'no placeholder left unfilled');

-- a new baseline with a member and nothing else: a whole page that says there is no data
SELECT is(tb.tb_create_baseline('tb_profile_check')::text, 'tb_profile_check', 'a new baseline for the next checks');
INSERT INTO tb_profile_check.memberships (country, role, valid_from) VALUES ('PE', 'member', '2018-09-04');
SELECT ok(tb_profile_check.country_profile_html('PE') LIKE '<!DOCTYPE html><html lang="es">%'
          || quito.tb_ui('profile.rank.none', 'es') || '%' || quito.tb_ui('profile.no_data', 'es') || '%</html>',
          'a member of a baseline without answers gets a whole profile that says it has no rank and no data');
SELECT throws_ok($$SELECT tb_profile_check.country_profile_html('AR')$$, '22023', NULL,
                 'and a country that is not a member of that baseline gets 22023');

SELECT * FROM finish();
ROLLBACK;
