-- The scoring pipeline as the two-step pattern runs it in production: the
-- per-indicator summaries are stored in a table (here rebuilt, and timed,
-- on every run), then every response is normalised against them and
-- combined per country and axis.  Against the same plain SQL with window
-- functions as scoring_pipeline; the same result.
--@ setup
\i bench/generate_responses.sql
DROP TABLE IF EXISTS bench_summaries;
--@ check
--@ extension
CREATE UNLOGGED TABLE bench_summaries AS
SELECT indicator, tb.tb_summary(value) AS s FROM bench_responses GROUP BY indicator;
ANALYZE bench_summaries;
SELECT count(*), count(score), round(sum(score)::numeric, 6)
  FROM (SELECT r.country, r.axis, tb.tb_wmean(tb.tb_norm_minmax(s.s, r.value, r.direction, 100), r.weight) AS score
          FROM bench_responses r JOIN bench_summaries s USING (indicator)
         GROUP BY r.country, r.axis) q;
DROP TABLE bench_summaries;
--@ plain
SELECT count(*), count(score), round(sum(score)::numeric, 6)
  FROM (SELECT country, axis,
               CASE WHEN sum(weight) FILTER (WHERE x IS NOT NULL) >= 0.8 * sum(weight)
                    THEN sum(weight * x) / sum(weight) FILTER (WHERE x IS NOT NULL) END AS score
          FROM (SELECT country, axis, weight,
                       CASE WHEN max(value) OVER w = min(value) OVER w THEN 100
                            WHEN direction = 'higher' THEN 100 * ((value - min(value) OVER w) / (max(value) OVER w - min(value) OVER w))
                            ELSE 100 * ((max(value) OVER w - value) / (max(value) OVER w - min(value) OVER w)) END AS x
                  FROM bench_responses WINDOW w AS (PARTITION BY indicator)) n
         GROUP BY country, axis) q;
