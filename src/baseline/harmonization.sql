------------------------------------------------------------------------------
-- Harmonization over the baseline (views; standard column types only)
------------------------------------------------------------------------------

CREATE VIEW @baseline@.country_ratings AS
SELECT v.round_no, v.country, i.axis, v.indicator, i.kind,
       CASE WHEN i.kind IN ('binary', 'ordinal') THEN round(v.value) ELSE v.value END AS rating
  FROM @baseline@.indicator_values v
  JOIN @baseline@.indicators i ON i.code = v.indicator
 WHERE v.value IS NOT NULL AND i.source = 'survey';
COMMENT ON VIEW @baseline@.country_ratings IS 'Each country as a rater of each indicator: its value (the mean of its institutions''), on the nearest level for binary and ordinal indicators.';
COMMENT ON COLUMN @baseline@.country_ratings.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_ratings.country IS 'Country (the rater).';
COMMENT ON COLUMN @baseline@.country_ratings.axis IS 'Axis of the indicator.';
COMMENT ON COLUMN @baseline@.country_ratings.indicator IS 'Indicator (the unit rated).';
COMMENT ON COLUMN @baseline@.country_ratings.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.country_ratings.rating IS 'The country''s value, on the nearest level for binary and ordinal indicators.';

CREATE VIEW @baseline@.indicator_harmonization AS
SELECT round_no, indicator, axis, kind, @extschema@.tb_n(a)::integer AS countries,
       @extschema@.tb_percent_agreement(a) AS percent_agreement,
       @extschema@.tb_gini_simpson(a) AS gini_simpson,
       @extschema@.tb_entropy(a) AS entropy
  FROM (SELECT round_no, indicator, axis, kind, @extschema@.tb_agreement(indicator, rating) AS a
          FROM @baseline@.country_ratings GROUP BY round_no, indicator, axis, kind) s;
COMMENT ON VIEW @baseline@.indicator_harmonization IS 'How alike the countries'' practices are on each indicator and round: the share of pairs of countries giving the same value, and the diversity of the values (Gini-Simpson, normalised entropy over the values seen).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.countries IS 'Countries with a value.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.percent_agreement IS 'Share (0-1) of pairs of countries with the same value.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.gini_simpson IS 'Gini-Simpson diversity of the values (0: all alike).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.entropy IS 'Entropy of the values over ln of the number of distinct values seen (0: all alike, 1: evenly spread).';

CREATE VIEW @baseline@.axis_harmonization AS
SELECT round_no, axis, kind,
       CASE kind WHEN 'binary' THEN 'nominal' WHEN 'ordinal' THEN 'ordinal' ELSE 'interval' END AS metric,
       @extschema@.tb_units(a) AS indicators, @extschema@.tb_n(a)::integer AS ratings,
       -- with a single indicator, observed and expected disagreement are the same thing: no alpha
       CASE WHEN @extschema@.tb_units(a) >= 2
            THEN @extschema@.tb_alpha(a, CASE kind WHEN 'binary' THEN 'nominal' WHEN 'ordinal' THEN 'ordinal' ELSE 'interval' END)
       END AS alpha,
       @extschema@.tb_percent_agreement(a) AS percent_agreement
  FROM (SELECT round_no, axis, kind, @extschema@.tb_agreement(indicator, rating) AS a
          FROM @baseline@.country_ratings GROUP BY round_no, axis, kind) s;
COMMENT ON VIEW @baseline@.axis_harmonization IS 'Chance-corrected agreement among the countries (raters) over the indicators (units) of each axis and kind, per round: Krippendorff''s alpha with the metric of the kind (binary: nominal; ordinal: ordinal; counts, rates and percentages: interval), and percent agreement. 1: harmonized; 0: no more alike than chance.';
COMMENT ON COLUMN @baseline@.axis_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.axis_harmonization.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.axis_harmonization.metric IS 'Metric of Krippendorff''s alpha.';
COMMENT ON COLUMN @baseline@.axis_harmonization.indicators IS 'Indicators (units).';
COMMENT ON COLUMN @baseline@.axis_harmonization.ratings IS 'Country values (ratings).';
COMMENT ON COLUMN @baseline@.axis_harmonization.alpha IS 'Krippendorff''s alpha; NULL with fewer than two indicators, without two ratings of an indicator, or with a single value overall.';
COMMENT ON COLUMN @baseline@.axis_harmonization.percent_agreement IS 'Mean share of pairs of countries with the same value.';

CREATE VIEW @baseline@.external_harmonization AS
SELECT e.indicator, e.year, @extschema@.tb_n(a)::integer AS countries,
       @extschema@.tb_percent_agreement(a) AS percent_agreement,
       @extschema@.tb_gini_simpson(a) AS gini_simpson
  FROM (SELECT indicator, year, @extschema@.tb_agreement(indicator, value) AS a
          FROM @baseline@.external_values
         WHERE country IN (SELECT country FROM @baseline@.memberships WHERE role = 'member')
         GROUP BY indicator, year) s
  JOIN (SELECT DISTINCT indicator, year FROM @baseline@.external_values) e USING (indicator, year);
COMMENT ON VIEW @baseline@.external_harmonization IS 'External ratings (US TIP tiers) of the member countries, per year: how many were rated, the share of pairs of members with the same tier, and the diversity of tiers.';
COMMENT ON COLUMN @baseline@.external_harmonization.indicator IS 'External indicator.';
COMMENT ON COLUMN @baseline@.external_harmonization.year IS 'Year.';
COMMENT ON COLUMN @baseline@.external_harmonization.countries IS 'Members rated that year.';
COMMENT ON COLUMN @baseline@.external_harmonization.percent_agreement IS 'Share of pairs of members with the same rating.';
COMMENT ON COLUMN @baseline@.external_harmonization.gini_simpson IS 'Gini-Simpson diversity of the ratings.';

CREATE VIEW @baseline@.sigma_convergence AS
SELECT round_no, axis, count(score)::integer AS countries,
       @extschema@.tb_cv(score) AS cv, @extschema@.tb_gini(score) AS gini, @extschema@.tb_theil(score) AS theil
  FROM @baseline@.axis_scores
 GROUP BY round_no, axis;
COMMENT ON VIEW @baseline@.sigma_convergence IS 'Sigma convergence: dispersion of the countries'' axis scores per round (coefficient of variation, Gini, Theil). The region converges on an axis when its dispersion falls from round to round.';
COMMENT ON COLUMN @baseline@.sigma_convergence.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.sigma_convergence.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.sigma_convergence.countries IS 'Countries with a score.';
COMMENT ON COLUMN @baseline@.sigma_convergence.cv IS 'Coefficient of variation of the scores.';
COMMENT ON COLUMN @baseline@.sigma_convergence.gini IS 'Gini coefficient of the scores.';
COMMENT ON COLUMN @baseline@.sigma_convergence.theil IS 'Theil index of the scores.';

CREATE VIEW @baseline@.beta_convergence AS
WITH p AS (SELECT * FROM @baseline@.axis_progress WHERE baseline_score IS NOT NULL AND current_score IS NOT NULL),
     b AS (SELECT axis, count(*)::integer AS countries, min(current_year - baseline_year) AS years,
                  regr_slope((current_score - baseline_score) / (current_year - baseline_year), baseline_score) AS beta
             FROM p GROUP BY axis)
SELECT axis, countries, years, beta,
       CASE WHEN beta < 0 AND 1 + beta * years > 0 THEN -ln(1 + beta * years) / years END AS speed,
       CASE WHEN beta < 0 AND 1 + beta * years > 0 THEN ln(2) / (-ln(1 + beta * years) / years) END AS half_life
  FROM b;
COMMENT ON VIEW @baseline@.beta_convergence IS 'Beta convergence from the baseline to the latest round, per axis: beta is the slope of the countries'' annual change in score on their baseline score (negative: laggards catch up); speed = -ln(1 + beta T) / T per year over the T years, half-life = ln 2 / speed (years to close half of the gaps). Speed and half-life NULL when there is no convergence.';
COMMENT ON COLUMN @baseline@.beta_convergence.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.beta_convergence.countries IS 'Countries with both scores.';
COMMENT ON COLUMN @baseline@.beta_convergence.years IS 'Years from the baseline to the latest round.';
COMMENT ON COLUMN @baseline@.beta_convergence.beta IS 'Slope of annual change on the baseline score (regr_slope).';
COMMENT ON COLUMN @baseline@.beta_convergence.speed IS 'Speed of convergence per year.';
COMMENT ON COLUMN @baseline@.beta_convergence.half_life IS 'Years to close half of the gaps at that speed.';
