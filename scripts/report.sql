-- The baseline report: one section per capability.  Run with
--     psql -X -f scripts/report.sql
\set ON_ERROR_STOP on
-- The baseline's schema: psql -v baseline=NAME, default quito.
\if :{?baseline}
\else
\set baseline quito
\endif
\pset footer off
\pset null '-'

\qecho
\qecho '================================================================'
\qecho ' Baseline of the Quito Process Regional Coordination Mechanism'
\qecho ' against human trafficking'
\qecho ' Survey data: ILLUSTRATIVE (generated, not real survey results)'
\qecho ' TIP tiers: real, US Department of State TIP Reports 2001-2015'
\qecho '================================================================'

\qecho
\qecho '1. Loads'
SELECT load_id, label, rows_read, loaded, duplicates, rejected
  FROM :"baseline".loads ORDER BY load_id;

\qecho
\qecho '2. Coverage: indicators with a value (what the scores use; not "don''t know" or "not applicable")'
\qecho '   / expected, per country and axis, and answered at all'
SELECT c.round_no AS round, c.country,
       max(c.with_value || '/' || c.expected) FILTER (WHERE c.axis = 'PREV') AS "PREV",
       max(c.with_value || '/' || c.expected) FILTER (WHERE c.axis = 'PROT') AS "PROT",
       max(c.with_value || '/' || c.expected) FILTER (WHERE c.axis = 'PROS') AS "PROS",
       max(c.with_value || '/' || c.expected) FILTER (WHERE c.axis = 'GOV')  AS "GOV",
       sum(c.with_value) || '/' || sum(c.expected) AS "with a value",
       round(100.0 * sum(c.with_value) / sum(c.expected), 1) AS "%",
       sum(c.answered) AS answered
  FROM :"baseline".coverage c
 GROUP BY c.round_no, c.country
 ORDER BY c.round_no, c.country;

\qecho
\qecho '3. Rejected rows, per country and reason'
SELECT country, reason, rejected FROM :"baseline".reject_summary ORDER BY country, reason;

\qecho
\qecho '4. US TIP Report tier per member (1 best, 2.5 watch list, 3 worst)'
SELECT c.iso2 AS country, c.name_en,
       max(e.value) FILTER (WHERE e.year = 2001) AS "2001",
       max(e.value) FILTER (WHERE e.year = 2005) AS "2005",
       max(e.value) FILTER (WHERE e.year = 2010) AS "2010",
       max(e.value) FILTER (WHERE e.year = 2015) AS "2015",
       count(e.value) AS years_rated
  FROM :"baseline".countries c
  JOIN :"baseline".external_values e ON e.country = c.iso2 AND e.indicator = 'TIP_TIER'
 GROUP BY c.iso2, c.name_en
 ORDER BY c.iso2;

\qecho
\qecho '5. Scoring, latest round: composite score 0-100 per axis (traffic light),'
\qecho '   overall score with letter band, and Copeland outranking'
SELECT a.country,
       max(round(a.score::numeric, 1) || ' ' || a.traffic_light) FILTER (WHERE a.axis = 'PREV') AS "PREV",
       max(round(a.score::numeric, 1) || ' ' || a.traffic_light) FILTER (WHERE a.axis = 'PROT') AS "PROT",
       max(round(a.score::numeric, 1) || ' ' || a.traffic_light) FILTER (WHERE a.axis = 'PROS') AS "PROS",
       max(round(a.score::numeric, 1) || ' ' || a.traffic_light) FILTER (WHERE a.axis = 'GOV')  AS "GOV",
       round(c.score::numeric, 1) AS overall, c.letter, k.copeland
  FROM :"baseline".axis_scores a
  JOIN :"baseline".country_scores c ON c.round_no = a.round_no AND c.country = a.country
  LEFT JOIN :"baseline".country_copeland k ON k.round_no = a.round_no AND k.country = a.country
 WHERE a.round_no = (SELECT max(round_no) FROM :"baseline".rounds)
 GROUP BY a.country, c.score, c.letter, k.copeland
 ORDER BY c.score DESC NULLS LAST, a.country;
\qecho 'Ranks with their uncertainty: the 5th-95th percentile of each rank over 1,000 runs that vary'
\qecho 'the weights (+-25%), the normalisation, the aggregation, the imputation of missing values and leave one'
\qecho 'indicator out; only countries with an overall score are ranked'
SELECT country, round(score::numeric, 1) AS score, rank, median_rank AS "median rank",
       rank_p05 || ' - ' || rank_p95 AS "5th-95th percentile", round(mean_abs_shift::numeric, 2) AS "mean shift"
  FROM :"baseline".composite_ranks
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".responses)
 ORDER BY rank, country;
\qecho 'Coherence of the composite, latest round: Cronbach''s alpha and the first principal component''s'
\qecho 'share of each axis; each axis against the overall score; the overall score against the US TIP tier'
SELECT x AS axis, round(max(value) FILTER (WHERE kind = 'alpha')::numeric, 3) AS "Cronbach's alpha",
       round(max(value) FILTER (WHERE kind = 'pc1_share')::numeric, 3) AS "first component's share",
       round(max(pearson) FILTER (WHERE kind = 'axis_overall')::numeric, 3) AS "r with overall"
  FROM :"baseline".composite_coherence
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".responses) AND kind IN ('alpha', 'pc1_share', 'axis_overall')
 GROUP BY x
 ORDER BY (SELECT sort_order FROM :"baseline".axes WHERE code = x);
SELECT n AS countries, round(pearson::numeric, 3) AS pearson, round(spearman::numeric, 3) AS spearman
  FROM :"baseline".composite_coherence
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".responses) AND kind = 'external_overall';
\qecho 'Which choice moves the ranks most: Sobol indices on the mean rank shift (first order: alone;'
\qecho 'total effect: with its interactions), latest round'
SELECT input, round(first_order::numeric, 3) AS "first order",
       round(first_lower::numeric, 3) || ' - ' || round(first_upper::numeric, 3) AS "95% interval",
       round(total_effect::numeric, 3) AS "total effect",
       round(total_lower::numeric, 3) || ' - ' || round(total_upper::numeric, 3) AS "95% interval "
  FROM :"baseline".composite_sensitivity
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".responses)
 ORDER BY total_effect DESC NULLS LAST;

\qecho
\qecho '6. Gaps, latest round: share of the way still to go (0-100%) to the targets and to the'
\qecho '   regional frontier, per axis; trend of the axis score since the baseline; top priorities'
SELECT g.country,
       max(round(100 * g.gap_target_share)::text || '% / ' || round(100 * g.gap_frontier_share)::text || '%')
           FILTER (WHERE g.axis = 'PREV') AS "PREV target/frontier",
       max(round(100 * g.gap_target_share)::text || '% / ' || round(100 * g.gap_frontier_share)::text || '%')
           FILTER (WHERE g.axis = 'PROT') AS "PROT",
       max(round(100 * g.gap_target_share)::text || '% / ' || round(100 * g.gap_frontier_share)::text || '%')
           FILTER (WHERE g.axis = 'PROS') AS "PROS",
       max(round(100 * g.gap_target_share)::text || '% / ' || round(100 * g.gap_frontier_share)::text || '%')
           FILTER (WHERE g.axis = 'GOV') AS "GOV"
  FROM :"baseline".axis_gaps g
 WHERE g.round_no = (SELECT max(round_no) FROM :"baseline".rounds)
 GROUP BY g.country
 ORDER BY g.country;
WITH q AS (   -- the priorities once, not once per country
    SELECT country, string_agg(indicator || CASE WHEN poorly_harmonized THEN '*' ELSE '' END, ' ' ORDER BY rank) AS items
      FROM :"baseline".country_priorities GROUP BY country
)
SELECT p.country,
       max(p.trend) FILTER (WHERE p.axis = 'PREV') AS "PREV trend",
       max(p.trend) FILTER (WHERE p.axis = 'PROT') AS "PROT trend",
       max(p.trend) FILTER (WHERE p.axis = 'PROS') AS "PROS trend",
       max(p.trend) FILTER (WHERE p.axis = 'GOV') AS "GOV trend",
       min(q.items) AS "priorities (* poorly harmonized)"
  FROM :"baseline".axis_progress p LEFT JOIN q USING (country)
 GROUP BY p.country
 ORDER BY p.country;
\qecho
\qecho '7. US TIP Report (real data): gap to Tier 1 in the last year rated, and trend since the'
\qecho '   first rating at the pace needed to reach Tier 1 by the target year'
SELECT country, first_year, first_value AS first_tier, last_year, last_value AS last_tier,
       gap_target AS tiers_to_climb, round(pace::numeric, 2) AS pace, trend
  FROM :"baseline".external_trends
 WHERE indicator = 'TIP_TIER'
 ORDER BY country;

\qecho
\qecho '8. Harmonization, latest round: Krippendorff''s alpha among the countries over the'
\qecho '   indicators of each axis and kind (1 harmonized, 0 chance), its 95% bootstrap interval,'
\qecho '   and the verdict against 0.667: with so few indicators per axis, the interval decides'
SELECT axis, kind, metric, indicators, round(alpha::numeric, 3) AS alpha,
       round(alpha_lower::numeric, 3) AS lower, round(alpha_upper::numeric, 3) AS upper, verdict
  FROM :"baseline".axis_harmonization
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".rounds)
 ORDER BY (SELECT sort_order FROM :"baseline".axes WHERE code = axis), kind;
\qecho 'Verdicts per indicator, latest round (levels: diversity; amounts: coefficient of variation;'
\qecho 'each with a 95% interval over the countries against its threshold)'
SELECT measure, verdict, count(*) AS indicators
  FROM :"baseline".indicator_harmonization
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".rounds)
 GROUP BY measure, verdict ORDER BY measure, verdict;
\qecho 'Least harmonized first (dispersion over its threshold), latest round'
SELECT indicator, kind, countries, measure, round(dispersion::numeric, 3) AS dispersion,
       round(dispersion_lower::numeric, 3) AS lower, round(dispersion_upper::numeric, 3) AS upper,
       round(threshold::numeric, 2) AS threshold, verdict
  FROM :"baseline".indicator_harmonization
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".rounds)
 ORDER BY dispersion_ratio DESC, indicator LIMIT 5;
\qecho 'Priorities flagged as poorly harmonized (the verdict, not a point estimate)'
SELECT count(*) FILTER (WHERE poorly_harmonized) AS flagged, count(*) AS priorities
  FROM :"baseline".country_priorities;
\qecho 'Whom to work with first: the countries whose absence raises alpha most (binary practices,'
\qecho 'latest round), with their distance from the regional consensus'
SELECT country, round(alpha::numeric, 3) AS alpha, round(alpha_without::numeric, 3) AS "alpha without",
       round(influence::numeric, 3) AS influence, round(distance::numeric, 2) AS distance
  FROM :"baseline".country_harmonization
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".rounds) AND kind = 'binary'
 ORDER BY work_first, country LIMIT 5;
\qecho 'Agreement among each country''s institutions (binary practices, latest round): a data-quality signal'
SELECT verdict, count(*) AS countries, string_agg(country, ' ' ORDER BY country) AS which
  FROM :"baseline".institution_agreement
 WHERE round_no = (SELECT max(round_no) FROM :"baseline".rounds) AND kind = 'binary'
 GROUP BY verdict ORDER BY verdict;
\qecho 'US TIP tiers of the members (real data): agreement by year, and alpha over the years'
SELECT year, countries, round(percent_agreement::numeric, 3) AS agreement, round(gini_simpson::numeric, 3) AS diversity
  FROM :"baseline".external_harmonization WHERE indicator = 'TIP_TIER' AND year IN (2001, 2005, 2010, 2015) ORDER BY year;
SELECT round(tb.tb_alpha(tb.tb_agreement(e.year::text, e.value), 'ordinal')::numeric, 3) AS "alpha (ordinal), units = years 2001-2015"
  FROM :"baseline".external_values e
 WHERE e.indicator = 'TIP_TIER' AND e.country IN (SELECT country FROM :"baseline".memberships WHERE role = 'member');
\qecho 'Convergence of the axis scores: dispersion by round (sigma) and catch-up of laggards (beta)'
SELECT s.axis, round(max(s.cv) FILTER (WHERE s.round_no = 0)::numeric, 3) AS "cv round 0",
       round(max(s.cv) FILTER (WHERE s.round_no = 1)::numeric, 3) AS "cv round 1",
       round(max(s.gini) FILTER (WHERE s.round_no = 1)::numeric, 3) AS "gini round 1",
       round(b.beta::numeric, 4) AS beta, round(b.half_life::numeric, 1) AS "half-life (years)"
  FROM :"baseline".sigma_convergence s JOIN :"baseline".beta_convergence b USING (axis)
 GROUP BY s.axis, b.beta, b.half_life
 ORDER BY (SELECT sort_order FROM :"baseline".axes WHERE code = s.axis);

\qecho
\qecho '9. A common standard: each member''s coverage of the minimum practices (ILLUSTRATIVE'
\qecho '   standard), latest round, change since the previous round, and what is missing'
SELECT c.country, s.code AS standard, c.met || '/' || c.practices AS met, round(100 * c.coverage) AS "%",
       c.met_change AS change, array_to_string(c.missing, ' ') AS missing
  FROM :"baseline".standard_coverage c JOIN :"baseline".standards s ON s.code = c.standard
 WHERE c.round_no = (SELECT max(round_no) FROM :"baseline".responses)
 ORDER BY c.standard, c.coverage DESC, c.country;

\qecho
\qecho '10. Impact of interventions: countries that adopted a practice between the rounds against'
\qecho '    those that did not, difference in differences of each outcome (log: of ln(1 + value)),'
\qecho '    exact permutation p-value, adjusted over every pair tested; the five smallest p-values'
\qecho '    (the illustrative data carry a PLANTED effect of PROS03 on PROS07: ln 2.5 = 0.916)'
SELECT practice, outcome, transform, treated, control, round(effect::numeric, 3) AS effect,
       round(lower::numeric, 3) AS lower, round(upper::numeric, 3) AS upper, round(p_value::numeric, 4) AS p,
       round(p_floor::numeric, 4) AS "smallest p possible", round(mde::numeric, 3) AS mde,
       round(p_holm::numeric, 3) AS holm, round(q_bh::numeric, 3) AS bh
  FROM :"baseline".intervention_effects
 WHERE p_holm IS NOT NULL
 ORDER BY p_value, practice, outcome LIMIT 5;
SELECT count(*) FILTER (WHERE p_holm IS NOT NULL) AS "pairs tested", count(*) AS pairs,
       count(*) FILTER (WHERE q_bh < 0.05) AS "discoveries (BH 5%)"
  FROM :"baseline".intervention_effects;
