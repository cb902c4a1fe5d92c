-- The scoring pipeline of scoring_pipeline.sql (min-max per indicator,
-- direction-aware, 0-100; the weighted mean per country and axis with the
-- 80% coverage rule) through the indicator matrix: the tb_matrix aggregate
-- over the responses (their integer keys as they are: the bigint form),
-- then tb_matrix_scores, against the window-function
-- SQL, against the executor's floor (tb_summary over the same rows) and
-- against pandas outside the database (bench/peers/scoring.py: the export,
-- then the same computation on the exported data).
--@ setup
\i bench/generate_responses.sql
--@ check
--@ extension
SELECT count(*), count(score), round(sum(score)::numeric, 6)
  FROM (SELECT tb.tb_matrix(country, indicator, value, axis, weight, direction) AS m
          FROM bench_responses) q,
       tb.tb_matrix_scores(q.m) s
 WHERE s.axis IS NOT NULL;
--@ floor
SELECT tb.tb_n(tb.tb_summary(value)) > 0 FROM bench_responses;
--@ peer
psql -X -q -c "COPY bench_responses (country, indicator, axis, direction, weight, value) TO STDOUT" | /usr/bin/python3 bench/peers/scoring.py
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
