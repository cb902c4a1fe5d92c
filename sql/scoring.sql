-- Ratings, and scoring over the loaded baseline.
\i sql/include/err.sql

-- Traffic lights and letter bands, at and around every threshold.
SELECT s, quito.tb_rate(s) AS light, quito.tb_rate(s, 'letter') AS letter, quito.tb_rate(s, 'letter', 'BBB') AS capped
  FROM (VALUES (-5), (0), (9.999), (10), (39.9), (40), (59.99), (60), (79.99), (80), (90), (100), (120)) v(s);
SELECT quito.tb_rate(NULL) IS NULL AS null_score;
-- Thresholds are data: a scheme of one's own.
INSERT INTO quito.rating_bands (scheme, label, min_score) VALUES ('pass', 'pass', 50), ('pass', 'fail', 0);
SELECT quito.tb_rate(49, 'pass'), quito.tb_rate(50, 'pass');
DELETE FROM quito.rating_bands WHERE scheme = 'pass';
SELECT pg_temp.err($$ SELECT quito.tb_rate(50, 'stars') $$);
SELECT pg_temp.err($$ SELECT quito.tb_rate(50, 'letter', 'Z') $$);
SELECT pg_temp.err($$ SELECT quito.tb_rate('NaN') $$);
SELECT pg_temp.err($$ INSERT INTO quito.rating_bands (scheme, label, min_score) VALUES ('letter', 'E', 0) $$);
SELECT pg_temp.err($$ INSERT INTO quito.rating_bands (scheme, label, min_score, colour) VALUES ('x', 'y', 0, 'red') $$);
SELECT quito.tb_rate(50, 'stars');

-- Indicator scores: every expected indicator once, with a method.
SELECT round_no, method, count(*) AS indicators, count(score) AS scored,
       min(score) >= 0 AND max(score) <= 100 AS within_0_100
  FROM quito.indicator_scores GROUP BY round_no, method ORDER BY round_no, method;
SELECT count(*) = (SELECT count(*) FROM quito.expected_answers) AS one_row_per_expected_answer FROM quito.indicator_scores;
-- Binary and ordinal scores are plain shares of the scale.
SELECT count(*) FILTER (WHERE kind = 'binary' AND score <> 100 * value) AS binary_wrong,
       count(*) FILTER (WHERE kind = 'ordinal' AND abs(score - 25 * value) > 1e-12) AS ordinal_wrong
  FROM quito.indicator_scores WHERE score IS NOT NULL;
-- Min-max scores against plain SQL over the countries of the round.
SELECT count(*) AS minmax_scores,
       count(*) FILTER (WHERE abs(s.score - 100 * CASE WHEN s.direction = 'higher' THEN s.value - p.mn ELSE p.mx - s.value END
                                          / nullif(p.mx - p.mn, 0)) < 1e-9) AS equal
  FROM quito.indicator_scores s
  JOIN (SELECT round_no, indicator, min(value) AS mn, max(value) AS mx FROM quito.indicator_scores GROUP BY 1, 2) p
 USING (round_no, indicator)
 WHERE s.method = 'minmax' AND s.score IS NOT NULL;
-- Axis scores against plain SQL: weights renormalised, no score below 80% coverage.
WITH plain AS (
    SELECT round_no, country, axis,
           sum(weight * score) FILTER (WHERE score IS NOT NULL) / sum(weight) FILTER (WHERE score IS NOT NULL) AS score,
           sum(weight) FILTER (WHERE score IS NOT NULL) / sum(weight) AS coverage
      FROM quito.indicator_scores GROUP BY 1, 2, 3
)
SELECT count(*) AS cells,
       count(*) FILTER (WHERE p.coverage >= 0.8 AND abs(a.score - p.score) <= 1e-9 * p.score) AS scored_equal,
       count(*) FILTER (WHERE p.coverage < 0.8 AND a.score IS NULL) AS unscored_equal,
       count(*) FILTER (WHERE abs(a.coverage - p.coverage) < 1e-12) AS coverage_equal
  FROM quito.axis_scores a JOIN plain p USING (round_no, country, axis);
-- Country scores need three axes of four.
SELECT count(*) FILTER (WHERE axes_scored >= 3 AND score IS NOT NULL) AS scored,
       count(*) FILTER (WHERE axes_scored < 3 AND score IS NULL) AS unscored,
       count(*) AS countries
  FROM quito.country_scores;
-- Copeland: among the countries with an overall score, every pair counted
-- once each way, wins and losses balance; a country without a score (the
-- observer, below the coverage rule) is not ranked.
SELECT round_no, sum(copeland) AS zero_sum, sum(wins) = sum(losses) AS balanced,
       bool_and(wins + losses + ties = count_countries - 1) AS every_pair
  FROM quito.country_copeland
  JOIN (SELECT round_no, count(*) AS count_countries
          FROM quito.country_scores WHERE score IS NOT NULL GROUP BY round_no) n USING (round_no)
 GROUP BY round_no ORDER BY round_no;
SELECT count(*) AS unscored_ranked
  FROM quito.country_copeland k JOIN quito.country_scores s USING (round_no, country) WHERE s.score IS NULL;
-- The views expose standard types only.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'tb'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
   AND a.atttypid NOT IN ('boolean'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype,
                          'double precision'::regtype, 'text'::regtype, 'date'::regtype, 'timestamptz'::regtype,
                          'jsonb'::regtype);
