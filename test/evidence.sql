-- The baseline's two questions with their evidence: harmonization verdicts
-- from intervals, each country's influence, agreement within a country, a
-- reference standard's coverage, and the impact of practices on outcomes
-- (with the planted effect of the illustrative data found).
BEGIN;
SELECT plan(29);

-- Harmonization of one indicator: levels by their diversity, amounts by
-- their coefficient of variation, and a verdict that follows the interval.
SELECT is((SELECT count(*) FROM quito.indicator_harmonization
            WHERE (kind IN ('binary', 'ordinal')) <> (measure = 'diversity')), 0::bigint,
          'levels are judged by diversity, amounts by the coefficient of variation');
SELECT is((SELECT count(*) FROM quito.indicator_harmonization
            WHERE kind IN ('count', 'rate', 'percentage')
              AND (percent_agreement IS NOT NULL OR entropy IS NOT NULL)), 0::bigint,
          'amounts get no percent agreement or entropy (equal amounts are chance)');
SELECT is((SELECT count(*) FROM quito.indicator_harmonization
            WHERE verdict IS DISTINCT FROM CASE WHEN dispersion_upper <= threshold THEN 'harmonized'
                                                WHEN dispersion_lower > threshold THEN 'not harmonized'
                                                ELSE 'cannot tell' END), 0::bigint,
          'every verdict follows its interval and threshold');
SELECT ok((SELECT bool_and(dispersion_lower <= dispersion AND dispersion <= dispersion_upper)
             FROM quito.indicator_harmonization WHERE countries >= 5),
          'each interval holds its estimate');
SELECT ok((SELECT count(DISTINCT verdict) = 3 FROM quito.indicator_harmonization),
          'the three verdicts occur on the baseline');
SELECT is((SELECT string_agg(DISTINCT kind, ',' ORDER BY kind)
             FROM (SELECT kind FROM quito.indicator_harmonization ORDER BY dispersion_ratio DESC LIMIT 10) x) <> 'count,percentage,rate',
          true, 'least harmonized first is not only the amounts');

-- The priorities' flag is the verdict
SELECT is((SELECT count(*) FROM quito.indicator_gaps g
             LEFT JOIN quito.indicator_harmonization h USING (round_no, indicator)
            WHERE g.poorly_harmonized IS DISTINCT FROM coalesce(h.verdict = 'not harmonized', false)), 0::bigint,
          'indicator_gaps.poorly_harmonized is the verdict not harmonized');
SELECT cmp_ok((SELECT count(*) FILTER (WHERE poorly_harmonized) FROM quito.country_priorities),
              '<', (SELECT count(*) / 2 FROM quito.country_priorities),
              'fewer than half of the priorities are flagged');
INSERT INTO quito.analysis_settings VALUES ('poor_harmonization_cv', 1000), ('poor_harmonization_diversity', 1000);
SELECT is((SELECT count(*) FROM quito.indicator_harmonization WHERE verdict = 'not harmonized'), 0::bigint,
          'a threshold set in analysis_settings changes the verdicts');
DELETE FROM quito.analysis_settings;

-- Alpha per axis and kind, with its interval
SELECT is((SELECT count(*) FROM quito.axis_harmonization h
            WHERE h.alpha IS DISTINCT FROM
                  (SELECT CASE WHEN tb.tb_units(a) >= 2 THEN tb.tb_alpha(a, h.metric) END
                     FROM (SELECT tb.tb_agreement(r.indicator, r.rating) a FROM quito.country_ratings r
                            WHERE r.round_no = h.round_no AND r.axis = h.axis AND r.kind = h.kind) s)), 0::bigint,
          'axis alpha is tb_alpha of the axis and kind');
SELECT is((SELECT count(*) FROM quito.axis_harmonization
            WHERE verdict IS DISTINCT FROM tb.tb_harmonization_verdict(alpha_lower, alpha_upper, 0.667)), 0::bigint,
          'axis verdicts follow the interval against 0.667');

-- Each country's influence: alpha without it, computed again
SELECT is((SELECT count(*) FROM quito.country_harmonization c
            WHERE c.round_no = 1 AND c.alpha_without IS DISTINCT FROM
                  (SELECT tb.tb_alpha(tb.tb_agreement(r.indicator, r.rating), c.metric)
                     FROM quito.country_ratings r
                    WHERE r.round_no = 1 AND r.kind = c.kind AND r.country <> c.country)), 0::bigint,
          'alpha_without is alpha of the other countries');
SELECT is((SELECT count(*) FROM quito.country_harmonization WHERE influence IS DISTINCT FROM alpha_without - alpha),
          0::bigint, 'influence is alpha without the country minus alpha');
SELECT is((SELECT count(*) FROM quito.country_harmonization WHERE distance NOT BETWEEN 0 AND 1), 0::bigint,
          'distances from the consensus are between 0 and 1');
SELECT results_eq($$ SELECT work_first FROM quito.country_harmonization WHERE round_no = 1 AND kind = 'binary' ORDER BY work_first $$,
                  $$ SELECT generate_series(1, (SELECT count(*)::integer FROM quito.country_harmonization
                                                 WHERE round_no = 1 AND kind = 'binary')) $$,
                  'work_first ranks every country of a round and kind');

-- Agreement among a country's institutions
SELECT is((SELECT count(*) FROM quito.institution_agreement a
            WHERE a.alpha IS DISTINCT FROM
                  (SELECT tb.tb_alpha(tb.tb_agreement(s.indicator, s.value), a.metric)
                     FROM quito.responses s JOIN quito.indicators i ON i.code = s.indicator
                    WHERE s.round_no = a.round_no AND s.country = a.country AND i.kind = a.kind
                      AND s.status = 'value' AND i.source = 'survey')), 0::bigint,
          'institution agreement is alpha over the country''s own answers');
SELECT ok((SELECT bool_and(institutions >= 1 AND indicators_compared <= indicators) FROM quito.institution_agreement),
          'institutions and indicators compared are counted');

-- The reference standard
SELECT is((SELECT illustrative FROM quito.standards WHERE code = 'MIN_COMMON'), true,
          'the shipped standard is labelled illustrative');
SELECT is((SELECT count(*) FROM quito.standard_coverage c
            WHERE c.met IS DISTINCT FROM
                  (SELECT count(*)::integer FROM quito.standard_practices p
                     JOIN quito.indicator_values v ON v.indicator = p.indicator
                    WHERE p.standard = c.standard AND v.round_no = c.round_no AND v.country = c.country
                      AND v.value >= p.min_value)), 0::bigint,
          'practices met are counted from the country values (all practices here: higher is better)');
SELECT is((SELECT count(*) FROM quito.standard_coverage
            WHERE cardinality(missing) <> practices - met OR coverage <> met::float8 / practices), 0::bigint,
          'what is missing and the share met add up');
SELECT is((SELECT count(*) FROM quito.standard_coverage
            WHERE previous_round IS NOT NULL
              AND met_change <> cardinality(newly_met) - cardinality(no_longer_met)), 0::bigint,
          'the change between rounds is what was newly met minus what was lost');

-- Impact: the planted effect is found, and its size
SELECT is((SELECT practice || ' -> ' || outcome FROM quito.intervention_effects ORDER BY p_value NULLS LAST, practice LIMIT 1),
          'PROS03 -> PROS07', 'the planted pair has the smallest p-value');
SELECT ok((SELECT lower < ln(2.5) AND ln(2.5) < upper AND lower > 0
             FROM quito.intervention_effects WHERE practice = 'PROS03' AND outcome = 'PROS07'),
          'its interval holds the planted ln 2.5 and not 0');
SELECT ok((SELECT treated = 5 AND control = 6 AND exact AND p_value < 0.01
             FROM quito.intervention_effects WHERE practice = 'PROS03' AND outcome = 'PROS07'),
          'five adopters against six, an exact p-value below 0.01');
SELECT is((SELECT count(*) FROM quito.intervention_effects
            WHERE p_value < p_floor OR p_holm < p_value OR q_bh < p_value OR p_holm < q_bh), 0::bigint,
          'no p-value under its floor; Holm at least BH at least the raw p-value');
SELECT is((SELECT count(*) FROM quito.intervention_effects WHERE q_bh < 0.05 AND NOT (practice = 'PROS03' AND outcome = 'PROS07')),
          0::bigint, 'no other pair is a discovery at a 5% false discovery rate');
SELECT is((SELECT count(*) FROM quito.intervention_effects WHERE (treated < 2 OR control < 2) AND p_holm IS NOT NULL),
          0::bigint, 'pairs with fewer than two countries on a side are not in the adjustment');

-- A yearly external series as an outcome: read at its latest year by each
-- round's year.  The shipped TIP tiers end in 2015, before both rounds, so
-- they give no pair; with tiers for 2021 and 2023 (one tier better for the
-- adopters of PROS03) they do.
INSERT INTO quito.outcomes VALUES ('TIP_TIER', 'none');
SELECT is((SELECT count(*) FROM quito.intervention_effects WHERE outcome = 'TIP_TIER'), 0::bigint,
          'an external series with no value between the rounds gives no pair');
INSERT INTO quito.external_values
SELECT indicator, country, y, raw_value,
       CASE WHEN y = 2023 AND country IN ('AR', 'CO', 'MX', 'PY', 'UY') AND value > 1 THEN value - 1 ELSE value END
  FROM quito.external_values, (VALUES (2021), (2023)) v(y) WHERE year = 2015 AND indicator = 'TIP_TIER';
SELECT is((SELECT round(effect::numeric, 3) || ' ' || treated || '/' || control FROM quito.intervention_effects
            WHERE practice = 'PROS03' AND outcome = 'TIP_TIER'), '-1.000 5/6',
          'with yearly values by the rounds'' years, the tier''s change is compared (here one tier better for the adopters)');

SELECT * FROM finish();
ROLLBACK;
