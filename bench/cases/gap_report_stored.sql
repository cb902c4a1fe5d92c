-- The gap report in two steps, as a scheduled refresh runs it: the
-- frontier and median per indicator stored first (the storing is timed),
-- then the weighted gap shares per country and axis read against them.  In
-- one statement (gap_report) PostgreSQL cannot run the per-indicator step
-- in parallel: each worker of the join computes it again.  Here the
-- extension's step runs in parallel (tb_summary and tb_median combine); the
-- plain-SQL step cannot (percentile_cont needs every value in one process).
--@ setup
\i bench/generate_responses.sql
--@ check
--@ extension
DROP TABLE IF EXISTS bench_gap_indicators;
CREATE UNLOGGED TABLE bench_gap_indicators AS
SELECT indicator, tb.tb_summary(value) AS s, tb.tb_median(value) AS median FROM bench_responses GROUP BY indicator;
ANALYZE bench_gap_indicators;
SELECT count(*), round(sum(gf)::numeric, 6), round(sum(gm)::numeric, 6)
  FROM (SELECT b.country, b.axis,
               tb.tb_wmean(tb.tb_gap_share(b.value, CASE WHEN b.direction = 'higher' THEN tb.tb_max(r.s) ELSE tb.tb_min(r.s) END,
                                           CASE WHEN b.direction = 'higher' THEN tb.tb_min(r.s) ELSE tb.tb_max(r.s) END,
                                           b.direction), b.weight) AS gf,
               tb.tb_wmean(tb.tb_gap_share(b.value, r.median,
                                           CASE WHEN b.direction = 'higher' THEN tb.tb_min(r.s) ELSE tb.tb_max(r.s) END,
                                           b.direction), b.weight) AS gm
          FROM bench_responses b JOIN bench_gap_indicators r USING (indicator)
         GROUP BY b.country, b.axis) q;
--@ plain
DROP TABLE IF EXISTS bench_gap_indicators_sql;
CREATE UNLOGGED TABLE bench_gap_indicators_sql AS
SELECT indicator, min(value) AS mn, max(value) AS mx, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median
  FROM bench_responses GROUP BY indicator;
ANALYZE bench_gap_indicators_sql;
WITH s AS (
    SELECT b.country, b.axis, b.weight,
           CASE WHEN b.value IS NULL THEN NULL
                WHEN r.mx = r.mn THEN 0
                WHEN b.direction = 'higher' THEN (r.mx - b.value) / (r.mx - r.mn)
                ELSE (b.value - r.mn) / (r.mx - r.mn) END AS gf,
           CASE WHEN b.value IS NULL THEN NULL
                WHEN b.direction = 'higher' AND b.value >= r.median THEN 0
                WHEN b.direction = 'lower' AND b.value <= r.median THEN 0
                WHEN b.direction = 'higher' THEN (r.median - b.value) / (r.median - r.mn)
                ELSE (b.value - r.median) / (r.mx - r.median) END AS gm
      FROM bench_responses b JOIN bench_gap_indicators_sql r USING (indicator)
)
SELECT count(*), round(sum(gf)::numeric, 6), round(sum(gm)::numeric, 6)
  FROM (SELECT country, axis,
               CASE WHEN sum(weight) FILTER (WHERE gf IS NOT NULL) >= 0.8 * sum(weight)
                    THEN sum(weight * gf) / sum(weight) FILTER (WHERE gf IS NOT NULL) END AS gf,
               CASE WHEN sum(weight) FILTER (WHERE gm IS NOT NULL) >= 0.8 * sum(weight)
                    THEN sum(weight * gm) / sum(weight) FILTER (WHERE gm IS NOT NULL) END AS gm
          FROM s GROUP BY country, axis) q;
