------------------------------------------------------------------------------
-- The indicator matrix of each round: ranks with their uncertainty, and
-- the statistical coherence of the composite
------------------------------------------------------------------------------

CREATE FUNCTION @baseline@.tb_round_matrix(round integer)
RETURNS @extschema@.tb_matrix
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- the countries' values of the survey's indicators, each with its axis,
    -- weight and direction, and its goalposts and target where it has them
    SELECT @extschema@.tb_matrix(v.country, v.indicator, v.value, i.axis, i.weight, i.direction,
                                 CASE WHEN g.worst <> g.best THEN least(g.worst, g.best) END,
                                 CASE WHEN g.worst <> g.best THEN greatest(g.worst, g.best) END,
                                 CASE WHEN (i.direction = 'higher' AND i.target > 0)
                                        OR (i.direction = 'lower' AND i.target >= 0) THEN i.target END)
      FROM @baseline@.indicator_values v
      JOIN @baseline@.indicators i ON i.code = v.indicator
      CROSS JOIN LATERAL (SELECT CASE WHEN i.direction = 'higher' THEN i.lower_bound ELSE i.upper_bound END AS worst,
                                 coalesce(i.target, CASE WHEN i.direction = 'higher' THEN i.upper_bound
                                                         ELSE i.lower_bound END) AS best) g
     WHERE v.round_no = round AND i.source = 'survey'
$$;
COMMENT ON FUNCTION @baseline@.tb_round_matrix(integer) IS
'The indicator matrix (tb.tb_matrix) of a round: every country''s value of every survey indicator (NULL where it gave none), with the indicator''s axis, weight and direction, its goalposts (from the worst bound to the target or best bound, as indicator_scores uses them) and target where it has them. Read it with the tb_matrix_ functions: SELECT * FROM tb.tb_matrix_scores(quito.tb_round_matrix(1)).';

CREATE VIEW @baseline@.composite_ranks AS
WITH r AS (
    SELECT DISTINCT round_no FROM @baseline@.responses
), s AS (
    SELECT c.round_no, c.country, c.score,
           rank() OVER (PARTITION BY c.round_no ORDER BY c.score DESC)::integer AS rank
      FROM @baseline@.country_scores c WHERE c.score IS NOT NULL
), u AS (
    SELECT r.round_no, q.*
      FROM r CROSS JOIN LATERAL @extschema@.tb_matrix_uncertainty(@baseline@.tb_round_matrix(r.round_no), 1000, 0.25, 1) q
)
SELECT s.round_no, s.country, s.score, s.rank,
       u.median_rank, u.rank_p05, u.rank_p95, u.mean_abs_shift, u.nominal_rank AS matrix_rank
  FROM s LEFT JOIN u ON u.round_no = s.round_no AND u.unit = s.country;
COMMENT ON VIEW @baseline@.composite_ranks IS 'Each scored country''s overall score and rank per round (country_scores), with how far the rank moves under the analyst''s choices: 1,000 seeded runs of tb_matrix_uncertainty over the round''s indicator matrix (each indicator''s weight within +-25%, the normalisation, the aggregation, the imputation of missing values, one indicator left out; countries without an overall score are ranked in no run), giving the median rank, the 5th-95th percentile rank interval and the mean absolute shift. Publish a rank with its interval: two countries whose intervals overlap are not told apart by the data.';
COMMENT ON COLUMN @baseline@.composite_ranks.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.composite_ranks.country IS 'Country with an overall score.';
COMMENT ON COLUMN @baseline@.composite_ranks.score IS 'Overall score 0-100 (country_scores).';
COMMENT ON COLUMN @baseline@.composite_ranks.rank IS 'Rank by score, 1 the best (ties share the lowest).';
COMMENT ON COLUMN @baseline@.composite_ranks.median_rank IS 'Median rank over the Monte Carlo runs.';
COMMENT ON COLUMN @baseline@.composite_ranks.rank_p05 IS '5th percentile of the rank (the best it gets, but for 5% of the runs).';
COMMENT ON COLUMN @baseline@.composite_ranks.rank_p95 IS '95th percentile of the rank.';
COMMENT ON COLUMN @baseline@.composite_ranks.mean_abs_shift IS 'Mean absolute shift of the rank from the matrix''s nominal rank.';
COMMENT ON COLUMN @baseline@.composite_ranks.matrix_rank IS 'Rank by the matrix''s nominal composite (min-max, arithmetic, 80% coverage), which the runs perturb.';

CREATE VIEW @baseline@.composite_coherence AS
WITH r AS (
    SELECT DISTINCT round_no FROM @baseline@.responses
), tip AS (
    -- the latest US TIP tier of each member, the external series the
    -- composite is held against (lower is better: a coherent composite
    -- correlates negatively with it)
    SELECT array_agg(country ORDER BY country) AS units, array_agg(value ORDER BY country) AS tiers
      FROM (SELECT DISTINCT ON (country) country, value
              FROM @baseline@.external_values
             WHERE indicator = 'TIP_TIER' AND value IS NOT NULL
             ORDER BY country, year DESC) t
)
SELECT r.round_no, c.kind, c.x, c.y, c.n, c.pearson, c.spearman, c.value
  FROM r CROSS JOIN LATERAL @extschema@.tb_matrix_coherence(@baseline@.tb_round_matrix(r.round_no)) c
UNION ALL
SELECT r.round_no, 'external_' || k.level, k.name, 'TIP_TIER', k.n, k.pearson, k.spearman, NULL
  FROM r CROSS JOIN tip
  CROSS JOIN LATERAL @extschema@.tb_matrix_correlate(@baseline@.tb_round_matrix(r.round_no), tip.units, tip.tiers) k
 WHERE tip.units IS NOT NULL;
COMMENT ON VIEW @baseline@.composite_coherence IS 'Statistical coherence of the composite per round (tb_matrix_coherence over the round''s indicator matrix, min-max, arithmetic, 80% coverage): kind indicator (Pearson and Spearman of every pair of indicators), indicator_axis (an indicator with its axis score), axis_overall (an axis with the overall score), alpha (Cronbach''s alpha of an axis''s indicators, in value) and pc1_share (the first principal component''s share of an axis''s variance, in value); and kinds external_indicator, external_axis, external_overall: each against the latest US TIP tier of the members (tb_matrix_correlate; lower tiers are better, so coherence shows as a negative correlation).';
COMMENT ON COLUMN @baseline@.composite_coherence.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.composite_coherence.kind IS 'indicator, indicator_axis, axis_overall, alpha, pc1_share, or external_ and the level correlated with the TIP tier.';
COMMENT ON COLUMN @baseline@.composite_coherence.x IS 'First member of the pair (an indicator, an axis), or the axis of alpha and pc1_share.';
COMMENT ON COLUMN @baseline@.composite_coherence.y IS 'Second member (an indicator, an axis, overall, TIP_TIER); NULL for alpha and pc1_share.';
COMMENT ON COLUMN @baseline@.composite_coherence.n IS 'Countries with both.';
COMMENT ON COLUMN @baseline@.composite_coherence.pearson IS 'Pearson''s r.';
COMMENT ON COLUMN @baseline@.composite_coherence.spearman IS 'Spearman''s rho (average ranks for ties).';
COMMENT ON COLUMN @baseline@.composite_coherence.value IS 'Cronbach''s alpha or the first component''s share, for those kinds.';

CREATE VIEW @baseline@.composite_sensitivity AS
SELECT r.round_no, s.input, s.first_order, s.first_lower, s.first_upper, s.total_effect, s.total_lower, s.total_upper
  FROM (SELECT DISTINCT round_no FROM @baseline@.responses) r
  CROSS JOIN LATERAL @extschema@.tb_matrix_sensitivity(@baseline@.tb_round_matrix(r.round_no), 1024, 0.25, 1, 1000) s;
COMMENT ON VIEW @baseline@.composite_sensitivity IS 'Which of the analyst''s choices moves the ranks of a round (tb_matrix_sensitivity over the round''s indicator matrix, 1,024 base samples of a Saltelli design, seed 1): the first-order and total-effect Sobol indices, with 95% bootstrap intervals, of the weights (within +-25%), the normalisation, the aggregation, the imputation and the indicator left out, on the mean absolute shift of the ranks. First order: the share of the ranks'' variance the choice explains alone; total effect: with its interactions.';
COMMENT ON COLUMN @baseline@.composite_sensitivity.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.composite_sensitivity.input IS 'The choice: weights, normalisation, aggregation, imputation, indicator left out.';
COMMENT ON COLUMN @baseline@.composite_sensitivity.first_order IS 'First-order Sobol index (Saltelli 2010).';
COMMENT ON COLUMN @baseline@.composite_sensitivity.first_lower IS 'Lower bound of its 95% bootstrap interval.';
COMMENT ON COLUMN @baseline@.composite_sensitivity.first_upper IS 'Upper bound.';
COMMENT ON COLUMN @baseline@.composite_sensitivity.total_effect IS 'Total-effect Sobol index (Jansen 1999).';
COMMENT ON COLUMN @baseline@.composite_sensitivity.total_lower IS 'Lower bound of its 95% bootstrap interval.';
COMMENT ON COLUMN @baseline@.composite_sensitivity.total_upper IS 'Upper bound.';
