------------------------------------------------------------------------------
-- Gaps, progress and convergence over the baseline (views; standard column types only)
------------------------------------------------------------------------------

CREATE VIEW @baseline@.indicator_gaps AS
WITH v AS (
    SELECT s.round_no, s.country, s.axis, s.indicator, s.kind, s.direction, s.weight, s.value,
           i.target, CASE WHEN s.direction = 'higher' THEN i.lower_bound ELSE i.upper_bound END AS worst_bound
      FROM @baseline@.indicator_scores s
      JOIN @baseline@.indicators i ON i.code = s.indicator
), region AS (
    SELECT round_no, indicator,
           CASE WHEN min(direction) = 'higher' THEN max(value) ELSE min(value) END AS frontier,
           CASE WHEN min(direction) = 'higher' THEN min(value) ELSE max(value) END AS worst_observed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median
      FROM v WHERE value IS NOT NULL
     GROUP BY round_no, indicator
), h AS MATERIALIZED (
    -- the verdicts once per query: each is a bootstrap
    SELECT round_no, indicator, verdict FROM @baseline@.indicator_harmonization
), g AS (
    SELECT v.*, r.frontier, r.median, coalesce(h.verdict = 'not harmonized', false) AS poorly_harmonized,
           coalesce(v.worst_bound, r.worst_observed) AS worst
      FROM v JOIN region r USING (round_no, indicator)
      LEFT JOIN h USING (round_no, indicator)
)
SELECT g.round_no, g.country, g.axis, g.indicator, g.kind, g.direction, g.weight, g.value,
       g.target, g.frontier, g.median,
       @extschema@.tb_gap(g.value, g.target, g.direction) AS gap_target,
       @extschema@.tb_gap(g.value, g.frontier, g.direction) AS gap_frontier,
       @extschema@.tb_gap(g.value, g.median, g.direction) AS gap_median,
       @extschema@.tb_gap_share(g.value, g.target,
           CASE WHEN g.direction = 'higher' THEN least(g.worst, g.target) ELSE greatest(g.worst, g.target) END,
           g.direction) AS gap_target_share,
       @extschema@.tb_gap_share(g.value, g.frontier,
           CASE WHEN g.direction = 'higher' THEN least(g.worst, g.frontier) ELSE greatest(g.worst, g.frontier) END,
           g.direction) AS gap_frontier_share,
       @extschema@.tb_gap_share(g.value, g.median,
           CASE WHEN g.direction = 'higher' THEN least(g.worst, g.median) ELSE greatest(g.worst, g.median) END,
           g.direction) AS gap_median_share,
       g.poorly_harmonized
  FROM g;
COMMENT ON VIEW @baseline@.indicator_gaps IS 'Gap of every expected indicator per round and country to its target, to the regional frontier (best value that round) and to the regional median; raw (tb_gap) and as the share of the way from the worst value still to go (tb_gap_share, the worst value being the indicator''s worst bound, else the worst observed). NULL when the value (or the target) is missing.';
COMMENT ON COLUMN @baseline@.indicator_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_gaps.country IS 'Country.';
COMMENT ON COLUMN @baseline@.indicator_gaps.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.indicator_gaps.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_gaps.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.indicator_gaps.direction IS 'higher or lower is better.';
COMMENT ON COLUMN @baseline@.indicator_gaps.weight IS 'Weight of the indicator.';
COMMENT ON COLUMN @baseline@.indicator_gaps.value IS 'Country value.';
COMMENT ON COLUMN @baseline@.indicator_gaps.target IS 'Target of the indicator, if set.';
COMMENT ON COLUMN @baseline@.indicator_gaps.frontier IS 'Best value among the countries that round.';
COMMENT ON COLUMN @baseline@.indicator_gaps.median IS 'Median value among the countries that round.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_target IS 'Shortfall to the target, in the indicator''s unit (0 when met).';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_frontier IS 'Shortfall to the frontier.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_median IS 'Shortfall to the median (0 at or better than the median).';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_target_share IS 'Share (0-1) of the way from the worst value to the target still to go.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_frontier_share IS 'Share (0-1) of the way to the frontier still to go.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_median_share IS 'Share (0-1) of the way to the median still to go.';
COMMENT ON COLUMN @baseline@.indicator_gaps.poorly_harmonized IS 'The region is poorly harmonized on the indicator that round: the verdict of indicator_harmonization is not harmonized (the whole bootstrap interval of the diversity, or of the coefficient of variation, is above its analysis_settings threshold). False where the data cannot tell.';

CREATE VIEW @baseline@.axis_gaps AS
SELECT round_no, country, axis,
       @extschema@.tb_wmean(gap_target_share, weight, 0.8) FILTER (WHERE target IS NOT NULL) AS gap_target_share,
       @extschema@.tb_wmean(gap_frontier_share, weight, 0.8) AS gap_frontier_share,
       @extschema@.tb_wmean(gap_median_share, weight, 0.8) AS gap_median_share
  FROM @baseline@.indicator_gaps
 GROUP BY round_no, country, axis;
COMMENT ON VIEW @baseline@.axis_gaps IS 'Gaps per round, country and axis: weighted means of the indicators'' gap shares (indicators with a target only, for the target gap), weights renormalised; NULL when less than 80% of the weight has a value.';
COMMENT ON COLUMN @baseline@.axis_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.axis_gaps.country IS 'Country.';
COMMENT ON COLUMN @baseline@.axis_gaps.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_gaps.gap_target_share IS 'Weighted share (0-1) of the way to the targets still to go.';
COMMENT ON COLUMN @baseline@.axis_gaps.gap_frontier_share IS 'Weighted share (0-1) of the way to the regional frontier still to go.';
COMMENT ON COLUMN @baseline@.axis_gaps.gap_median_share IS 'Weighted share (0-1) of the way to the regional median still to go.';

CREATE VIEW @baseline@.country_gaps AS
SELECT round_no, country,
       @extschema@.tb_wmean(gap_target_share, weight, 0.8) FILTER (WHERE target IS NOT NULL) AS gap_target_share,
       @extschema@.tb_wmean(gap_frontier_share, weight, 0.8) AS gap_frontier_share,
       @extschema@.tb_wmean(gap_median_share, weight, 0.8) AS gap_median_share
  FROM @baseline@.indicator_gaps
 GROUP BY round_no, country;
COMMENT ON VIEW @baseline@.country_gaps IS 'Gaps per round and country over all its indicators, weighted as in axis_gaps.';
COMMENT ON COLUMN @baseline@.country_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_gaps.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_gaps.gap_target_share IS 'Weighted share (0-1) of the way to the targets still to go.';
COMMENT ON COLUMN @baseline@.country_gaps.gap_frontier_share IS 'Weighted share (0-1) of the way to the regional frontier still to go.';
COMMENT ON COLUMN @baseline@.country_gaps.gap_median_share IS 'Weighted share (0-1) of the way to the regional median still to go.';

CREATE VIEW @baseline@.axis_progress AS
WITH ends AS (
    SELECT min(round_no) AS first_round, max(round_no) AS last_round FROM @baseline@.rounds
), s AS (
    SELECT a.country, a.axis,
           max(a.score) FILTER (WHERE a.round_no = e.first_round) AS baseline_score,
           max(a.score) FILTER (WHERE a.round_no = e.last_round) AS current_score,
           (SELECT extract(year FROM reference_date)::integer FROM @baseline@.rounds WHERE round_no = e.first_round) AS baseline_year,
           (SELECT extract(year FROM reference_date)::integer FROM @baseline@.rounds WHERE round_no = e.last_round) AS current_year
      FROM @baseline@.axis_scores a CROSS JOIN ends e
     WHERE e.last_round > e.first_round
     GROUP BY a.country, a.axis, e.first_round, e.last_round
), p AS (SELECT @baseline@.tb_setting('target_year')::integer AS target_year,
                @baseline@.tb_setting('trend_moderate') AS moderate,
                @baseline@.tb_setting('trend_on_track') AS on_track)
SELECT s.country, s.axis, s.baseline_year, s.current_year, s.baseline_score, s.current_score,
       @extschema@.tb_progress(s.current_score, s.baseline_score, 100) AS progress,
       @extschema@.tb_progress_status(s.current_score, s.baseline_score, 100) AS progress_status,
       @extschema@.tb_trend_pace(s.baseline_score, s.current_score, 100, s.baseline_year, s.current_year, p.target_year) AS pace,
       @extschema@.tb_trend(s.baseline_score, s.current_score, 100, s.baseline_year, s.current_year, p.target_year,
                            'higher', p.moderate, p.on_track) AS trend
  FROM s CROSS JOIN p;
COMMENT ON VIEW @baseline@.axis_progress IS 'Progress and trend of each country''s axis score from the baseline (first round) to the latest round, toward the full score of 100 by the target year of analysis_settings.';
COMMENT ON COLUMN @baseline@.axis_progress.country IS 'Country.';
COMMENT ON COLUMN @baseline@.axis_progress.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_progress.baseline_year IS 'Year of the baseline round.';
COMMENT ON COLUMN @baseline@.axis_progress.current_year IS 'Year of the latest round.';
COMMENT ON COLUMN @baseline@.axis_progress.baseline_score IS 'Axis score at the baseline.';
COMMENT ON COLUMN @baseline@.axis_progress.current_score IS 'Axis score in the latest round.';
COMMENT ON COLUMN @baseline@.axis_progress.progress IS 'tb_progress toward 100: share of the distance covered (< 0: regression).';
COMMENT ON COLUMN @baseline@.axis_progress.progress_status IS 'tb_progress_status: the case of the progress.';
COMMENT ON COLUMN @baseline@.axis_progress.pace IS 'tb_trend_pace: observed pace over the pace needed to reach 100 by the target year.';
COMMENT ON COLUMN @baseline@.axis_progress.trend IS 'tb_trend: on track, moderately improving, stagnating or decreasing.';

CREATE VIEW @baseline@.country_priorities AS
WITH latest AS (SELECT max(round_no) AS round_no FROM @baseline@.rounds),
     top AS (
    SELECT g.round_no, g.country,
           @extschema@.tb_top_gaps(g.indicator, coalesce(g.gap_target_share, g.gap_frontier_share), g.weight,
                                   @baseline@.tb_setting('priorities')::integer,
                                   g.poorly_harmonized) AS items
      FROM @baseline@.indicator_gaps g JOIN latest USING (round_no)
     GROUP BY g.round_no, g.country
)
SELECT t.round_no, t.country, r.rank, r.indicator, r.gap, r.weight, r.weighted_gap, r.poorly_harmonized
  FROM top t, jsonb_to_recordset(t.items) AS r(rank integer, indicator text, gap double precision,
                                               weight double precision, weighted_gap double precision,
                                               poorly_harmonized boolean);
COMMENT ON VIEW @baseline@.country_priorities IS 'Each country''s largest weighted gaps in the latest round (tb_top_gaps): the share of the way to the target still to go (to the frontier where there is no target) times the weight; ties by indicator code; flagged where the region is poorly harmonized.';
COMMENT ON COLUMN @baseline@.country_priorities.round_no IS 'Latest round.';
COMMENT ON COLUMN @baseline@.country_priorities.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_priorities.rank IS '1 for the largest weighted gap.';
COMMENT ON COLUMN @baseline@.country_priorities.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.country_priorities.gap IS 'Gap share (0-1).';
COMMENT ON COLUMN @baseline@.country_priorities.weight IS 'Weight of the indicator.';
COMMENT ON COLUMN @baseline@.country_priorities.weighted_gap IS 'gap * weight, the ranking key.';
COMMENT ON COLUMN @baseline@.country_priorities.poorly_harmonized IS 'The region is poorly harmonized on the indicator, with evidence (indicator_harmonization.verdict is not harmonized).';

CREATE VIEW @baseline@.external_trends AS
WITH rated AS (
    SELECT e.indicator, e.country, e.year, e.value, i.direction, i.target,
           first_value(e.year) OVER w AS first_year, first_value(e.value) OVER w AS first_value,
           last_value(e.year) OVER w AS last_year, last_value(e.value) OVER w AS last_value
      FROM @baseline@.external_values e JOIN @baseline@.indicators i ON i.code = e.indicator
     WHERE e.value IS NOT NULL
    WINDOW w AS (PARTITION BY e.indicator, e.country ORDER BY e.year
                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), p AS (SELECT @baseline@.tb_setting('target_year')::integer AS target_year,
                @baseline@.tb_setting('trend_moderate') AS moderate,
                @baseline@.tb_setting('trend_on_track') AS on_track)
SELECT DISTINCT r.indicator, r.country, r.first_year, r.first_value, r.last_year, r.last_value, r.target,
       @extschema@.tb_gap(r.last_value, r.target, r.direction) AS gap_target,
       CASE WHEN r.last_year > r.first_year
            THEN @extschema@.tb_trend_pace(r.first_value, r.last_value, r.target, r.first_year, r.last_year,
                                           greatest(p.target_year, r.last_year + 1), r.direction) END AS pace,
       CASE WHEN r.last_year > r.first_year
            THEN @extschema@.tb_trend(r.first_value, r.last_value, r.target, r.first_year, r.last_year,
                                      greatest(p.target_year, r.last_year + 1), r.direction, p.moderate, p.on_track) END AS trend
  FROM rated r CROSS JOIN p
 WHERE r.target IS NOT NULL;
COMMENT ON VIEW @baseline@.external_trends IS 'External indicators (US TIP tiers): each country''s first and last rated year, its gap to the target (Tier 1) in the last year, and the trend from the first to the last year at the pace needed to reach the target by the target year.';
COMMENT ON COLUMN @baseline@.external_trends.indicator IS 'External indicator.';
COMMENT ON COLUMN @baseline@.external_trends.country IS 'Country.';
COMMENT ON COLUMN @baseline@.external_trends.first_year IS 'First year rated.';
COMMENT ON COLUMN @baseline@.external_trends.first_value IS 'Value in the first year rated.';
COMMENT ON COLUMN @baseline@.external_trends.last_year IS 'Last year rated.';
COMMENT ON COLUMN @baseline@.external_trends.last_value IS 'Value in the last year rated.';
COMMENT ON COLUMN @baseline@.external_trends.target IS 'Target of the indicator (Tier 1).';
COMMENT ON COLUMN @baseline@.external_trends.gap_target IS 'Gap to the target in the last year (tiers to climb).';
COMMENT ON COLUMN @baseline@.external_trends.pace IS 'tb_trend_pace from the first to the last year; NULL when the target is met.';
COMMENT ON COLUMN @baseline@.external_trends.trend IS 'tb_trend from the first to the last year.';

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
