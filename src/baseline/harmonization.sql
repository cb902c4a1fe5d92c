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
WITH s AS (
    SELECT round_no, indicator, axis, kind, @extschema@.tb_agreement(indicator, rating) AS a,
           @extschema@.tb_values(rating) AS v
      FROM @baseline@.country_ratings GROUP BY round_no, indicator, axis, kind
), d AS (
    -- levels are categories, judged by their diversity over its maximum
    -- for the kind (2 or 5 levels); amounts by their coefficient of
    -- variation, as equal amounts are a matter of chance
    SELECT s.*, kind IN ('binary', 'ordinal') AS levels,
           CASE kind WHEN 'binary' THEN 0.5 WHEN 'ordinal' THEN 0.8 ELSE 1 END AS scale,
           @baseline@.tb_setting(CASE WHEN kind IN ('binary', 'ordinal') THEN 'poor_harmonization_diversity'
                                      ELSE 'poor_harmonization_cv' END) AS threshold
      FROM s
)
SELECT round_no, indicator, axis, kind, @extschema@.tb_n(a)::integer AS countries,
       CASE WHEN levels THEN @extschema@.tb_percent_agreement(a) END AS percent_agreement,
       CASE WHEN levels THEN @extschema@.tb_gini_simpson(a) END AS gini_simpson,
       CASE WHEN levels THEN @extschema@.tb_entropy(a) END AS entropy,
       CASE WHEN levels THEN 'diversity' ELSE 'cv' END AS measure,
       ci.estimate / scale AS dispersion, ci.lower / scale AS dispersion_lower, ci.upper / scale AS dispersion_upper,
       threshold,
       ci.estimate / scale / threshold AS dispersion_ratio,
       -- a dispersion below the threshold is agreement: the verdict of the
       -- negated interval against the negated threshold
       @extschema@.tb_harmonization_verdict(-ci.upper / scale, -ci.lower / scale, -threshold) AS verdict
  FROM d
  CROSS JOIN LATERAL @extschema@.tb_dispersion_ci(d.v, CASE WHEN d.levels THEN 'gini_simpson' ELSE 'cv' END,
                                                  2000, 0.95, 1) ci;
COMMENT ON VIEW @baseline@.indicator_harmonization IS 'How alike the countries'' practices are on each indicator and round, with its uncertainty. Binary and ordinal indicators: the share of pairs of countries giving the same level, and the diversity of the levels (Gini-Simpson over its maximum for the kind); counts, rates and percentages: the coefficient of variation of the amounts. Each with a 95% BCa bootstrap interval over the countries (tb_dispersion_ci, 2,000 replicates, seed 1) and a verdict against the analysis_settings threshold: harmonized when the whole interval is at or below it, not harmonized when the whole interval is above it, cannot tell otherwise (too few countries to say). Least harmonized first: ORDER BY dispersion_ratio DESC.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.countries IS 'Countries with a value.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.percent_agreement IS 'Share (0-1) of pairs of countries with the same level; NULL for amounts (counts, rates, percentages).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.gini_simpson IS 'Gini-Simpson diversity of the levels (0: all alike); NULL for amounts.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.entropy IS 'Entropy of the levels over ln of the number of distinct levels seen (0: all alike, 1: evenly spread); NULL for amounts.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.measure IS 'diversity (binary, ordinal: Gini-Simpson over its maximum, 0.5 for 2 levels, 0.8 for 5) or cv (amounts: population standard deviation over |mean|).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.dispersion IS 'The measure (0: all countries alike).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.dispersion_lower IS 'Lower bound of its 95% BCa bootstrap interval over the countries.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.dispersion_upper IS 'Upper bound.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.threshold IS 'Dispersion above which the region is poorly harmonized (tb_setting poor_harmonization_diversity or poor_harmonization_cv).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.dispersion_ratio IS 'dispersion / threshold, comparable across measures: above 1, more dispersed than the threshold.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.verdict IS 'harmonized (interval at or below the threshold), not harmonized (interval above it) or cannot tell (the interval straddles it, or there is none).';

CREATE VIEW @baseline@.axis_harmonization AS
WITH s AS (
    SELECT round_no, axis, kind,
           CASE kind WHEN 'binary' THEN 'nominal' WHEN 'ordinal' THEN 'ordinal' ELSE 'interval' END AS metric,
           @extschema@.tb_agreement(indicator, rating) AS a
      FROM @baseline@.country_ratings GROUP BY round_no, axis, kind
)
SELECT s.round_no, s.axis, s.kind, s.metric, @extschema@.tb_units(s.a) AS indicators,
       @extschema@.tb_n(s.a)::integer AS ratings,
       ci.alpha AS alpha,
       CASE WHEN s.metric <> 'interval' THEN @extschema@.tb_percent_agreement(s.a) END AS percent_agreement,
       ci.lower AS alpha_lower, ci.upper AS alpha_upper,
       ci.p_below_0667 AS p_below_0667, ci.p_below_080 AS p_below_080,
       @extschema@.tb_harmonization_verdict(ci.lower, ci.upper, @baseline@.tb_setting('harmonized_alpha')) AS verdict
  FROM s
  -- with a single indicator, observed and expected disagreement are the
  -- same thing: no alpha
  LEFT JOIN LATERAL @extschema@.tb_alpha_ci(s.a, s.metric, 'units', 2000, 0.95, 1) ci ON @extschema@.tb_units(s.a) >= 2;
COMMENT ON VIEW @baseline@.axis_harmonization IS 'Chance-corrected agreement among the countries (raters) over the indicators (units) of each axis and kind, per round: Krippendorff''s alpha with the metric of the kind (binary: nominal; ordinal: ordinal; counts, rates and percentages: interval), its 95% bootstrap interval over the indicators (tb_alpha_ci, units, 2,000 replicates, seed 1), the shares of replicates below 0.667 and 0.8, and the verdict against tb_setting(''harmonized_alpha'') (0.667): harmonized when the interval''s lower bound reaches it, not harmonized when its upper bound is below it, cannot tell otherwise. 1: harmonized; 0: no more alike than chance.';
COMMENT ON COLUMN @baseline@.axis_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.axis_harmonization.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.axis_harmonization.metric IS 'Metric of Krippendorff''s alpha.';
COMMENT ON COLUMN @baseline@.axis_harmonization.indicators IS 'Indicators (units).';
COMMENT ON COLUMN @baseline@.axis_harmonization.ratings IS 'Country values (ratings).';
COMMENT ON COLUMN @baseline@.axis_harmonization.alpha IS 'Krippendorff''s alpha; NULL with fewer than two indicators, without two ratings of an indicator, or with a single value overall.';
COMMENT ON COLUMN @baseline@.axis_harmonization.percent_agreement IS 'Mean share of pairs of countries with the same value; NULL for amounts (interval metric), where equal values are chance.';
COMMENT ON COLUMN @baseline@.axis_harmonization.alpha_lower IS 'Lower bound of the 95% bootstrap interval of alpha (indicators resampled).';
COMMENT ON COLUMN @baseline@.axis_harmonization.alpha_upper IS 'Upper bound.';
COMMENT ON COLUMN @baseline@.axis_harmonization.p_below_0667 IS 'Share of bootstrap replicates of alpha below 0.667 (Krippendorff''s lowest acceptable).';
COMMENT ON COLUMN @baseline@.axis_harmonization.p_below_080 IS 'Share of replicates below 0.8 (firm conclusions).';
COMMENT ON COLUMN @baseline@.axis_harmonization.verdict IS 'harmonized, not harmonized or cannot tell (tb_harmonization_verdict of the interval against tb_setting(''harmonized_alpha'')).';

CREATE VIEW @baseline@.country_harmonization AS
WITH rated AS (
    SELECT r.*, CASE r.kind WHEN 'binary' THEN 'nominal' WHEN 'ordinal' THEN 'ordinal' ELSE 'interval' END AS metric
      FROM @baseline@.country_ratings r
), everyone AS (
    SELECT round_no, kind, metric, @extschema@.tb_alpha(@extschema@.tb_agreement(indicator, rating), metric) AS alpha
      FROM rated GROUP BY round_no, kind, metric
), without AS (
    -- each country left out in turn
    SELECT c.round_no, c.country, r.kind, r.metric,
           @extschema@.tb_alpha(@extschema@.tb_agreement(r.indicator, r.rating), r.metric) AS alpha_without
      FROM (SELECT DISTINCT round_no, country FROM rated) c
      JOIN rated r ON r.round_no = c.round_no AND r.country <> c.country
     GROUP BY c.round_no, c.country, r.kind, r.metric
), consensus AS (
    -- levels: the regional mode (the lowest of tied modes); amounts: the
    -- country's distance from the median as |percent rank - 1/2| * 2
    SELECT round_no, indicator, mode() WITHIN GROUP (ORDER BY rating) AS mode
      FROM rated WHERE kind IN ('binary', 'ordinal') GROUP BY round_no, indicator
), distance AS (
    SELECT r.round_no, r.country, r.kind,
           count(*)::integer AS indicators,
           avg(CASE WHEN r.kind IN ('binary', 'ordinal') THEN (r.rating <> m.mode)::integer::double precision
                    ELSE abs(r.pr - 0.5) * 2 END) AS distance
      FROM (SELECT rated.*, percent_rank() OVER (PARTITION BY round_no, indicator ORDER BY rating) AS pr FROM rated) r
      LEFT JOIN consensus m ON m.round_no = r.round_no AND m.indicator = r.indicator
     GROUP BY r.round_no, r.country, r.kind
)
SELECT d.round_no, d.country, d.kind, e.metric, d.indicators, e.alpha, w.alpha_without,
       w.alpha_without - e.alpha AS influence, d.distance,
       rank() OVER (PARTITION BY d.round_no, d.kind ORDER BY w.alpha_without - e.alpha DESC NULLS LAST)::integer AS work_first
  FROM distance d
  JOIN everyone e ON e.round_no = d.round_no AND e.kind = d.kind
  LEFT JOIN without w ON w.round_no = d.round_no AND w.country = d.country AND w.kind = d.kind;
COMMENT ON VIEW @baseline@.country_harmonization IS 'Where each country stands on harmonization, per round and kind of indicator: Krippendorff''s alpha of all countries over the indicators of the kind, alpha with the country left out, its influence (alpha without it minus alpha: positive when the region agrees more without it) and its distance from the regional consensus (levels: the share of its indicators where it differs from the regional mode; amounts: the mean of |percent rank - 1/2| * 2, 0 at the median, 1 at an extreme). work_first ranks the countries by influence, the largest first: whom to work with first to harmonize.';
COMMENT ON COLUMN @baseline@.country_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_harmonization.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.country_harmonization.metric IS 'Metric of alpha (nominal, ordinal, interval).';
COMMENT ON COLUMN @baseline@.country_harmonization.indicators IS 'Indicators of the kind the country has a value for.';
COMMENT ON COLUMN @baseline@.country_harmonization.alpha IS 'Alpha of all countries.';
COMMENT ON COLUMN @baseline@.country_harmonization.alpha_without IS 'Alpha with this country left out.';
COMMENT ON COLUMN @baseline@.country_harmonization.influence IS 'alpha_without - alpha: how much the country lowers the region''s agreement (negative: it raises it).';
COMMENT ON COLUMN @baseline@.country_harmonization.distance IS 'Distance from the regional consensus, 0-1 (see the view).';
COMMENT ON COLUMN @baseline@.country_harmonization.work_first IS 'Rank by influence within the round and kind, 1 the largest.';

CREATE VIEW @baseline@.institution_agreement AS
WITH r AS (
    SELECT s.round_no, s.country, i.kind,
           CASE i.kind WHEN 'binary' THEN 'nominal' WHEN 'ordinal' THEN 'ordinal' ELSE 'interval' END AS metric,
           @extschema@.tb_agreement(s.indicator, s.value) AS a,
           count(DISTINCT s.institution)::integer AS institutions
      FROM @baseline@.responses s
      JOIN @baseline@.indicators i ON i.code = s.indicator
     WHERE s.status = 'value' AND i.source = 'survey'
     GROUP BY s.round_no, s.country, i.kind
)
SELECT r.round_no, r.country, r.kind, r.metric, r.institutions,
       @extschema@.tb_units(r.a) AS indicators,
       (SELECT count(*) FROM @extschema@.tb_unit_diversity(r.a) u WHERE u.ratings >= 2)::integer AS indicators_compared,
       ci.alpha AS alpha, ci.lower AS alpha_lower, ci.upper AS alpha_upper,
       CASE WHEN r.metric <> 'interval' THEN @extschema@.tb_percent_agreement(r.a) END AS percent_agreement,
       @extschema@.tb_harmonization_verdict(ci.lower, ci.upper, @baseline@.tb_setting('harmonized_alpha')) AS verdict
  FROM r
  CROSS JOIN LATERAL @extschema@.tb_alpha_ci(r.a, r.metric, 'units', 1000, 0.95, 1) ci;
COMMENT ON VIEW @baseline@.institution_agreement IS 'Agreement among the institutions of one country that answered the same form, per round and kind of indicator (units: indicators; raters: institutions): Krippendorff''s alpha with the kind''s metric, its 95% bootstrap interval over the indicators (1,000 replicates, seed 1), percent agreement for levels, and the verdict against tb_setting(''harmonized_alpha''). A data-quality signal: institutions of one country that disagree (not harmonized) describe their country differently, and its mean value hides it.';
COMMENT ON COLUMN @baseline@.institution_agreement.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.institution_agreement.country IS 'Country.';
COMMENT ON COLUMN @baseline@.institution_agreement.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.institution_agreement.metric IS 'Metric of alpha.';
COMMENT ON COLUMN @baseline@.institution_agreement.institutions IS 'Institutions that gave a value.';
COMMENT ON COLUMN @baseline@.institution_agreement.indicators IS 'Indicators with a value.';
COMMENT ON COLUMN @baseline@.institution_agreement.indicators_compared IS 'Indicators with values from two institutions or more (the pairable units).';
COMMENT ON COLUMN @baseline@.institution_agreement.alpha IS 'Krippendorff''s alpha among the institutions; NULL without two pairable indicators or with a single value overall.';
COMMENT ON COLUMN @baseline@.institution_agreement.alpha_lower IS 'Lower bound of its 95% bootstrap interval.';
COMMENT ON COLUMN @baseline@.institution_agreement.alpha_upper IS 'Upper bound.';
COMMENT ON COLUMN @baseline@.institution_agreement.percent_agreement IS 'Share of pairs of institutions giving the same value; NULL for amounts.';
COMMENT ON COLUMN @baseline@.institution_agreement.verdict IS 'harmonized, not harmonized or cannot tell.';

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
