-- A bootstrap of Krippendorff's alpha: tb_alpha_ci with 1,000 replicates
-- (units resampled, ordinal metric, the metric whose replicates cost most:
-- the mid-ranks are recomputed from each replicate's marginals) on the
-- stored agreement state of the ratings of bench/generate_ratings.sql (1M
-- ratings: 20,000 units x 50 raters).  The floor is alpha alone from the
-- same stored state, so ext / floor is the cost of the 1,000 replicates over
-- one.  The target: under 2 s on the 1M-rating state.
--@ setup
\i bench/generate_ratings.sql
DROP TABLE IF EXISTS bench_alpha_state;
CREATE TABLE bench_alpha_state AS SELECT tb.tb_agreement(unit, v) AS s FROM bench_ratings;
--@ extension
SELECT round(alpha::numeric, 9), round(lower::numeric, 9), round(upper::numeric, 9), reps
  FROM bench_alpha_state, tb.tb_alpha_ci(s, 'ordinal', 'units', 1000, 0.95, 1);
--@ floor
SELECT round(tb.tb_alpha(s, 'ordinal')::numeric, 9) FROM bench_alpha_state;
