-- The scoring pipeline: normalise every response min-max across countries
-- per indicator (direction-aware, 0-100), then a weighted composite per
-- country and axis with the 80% coverage rule.  The extension's two steps
-- (a summary per indicator, then normalise and combine) against the
-- plain-SQL formulation with window functions.
--@ setup
\i bench/generate_responses.sql
--@ check
--@ extension
WITH s AS (SELECT indicator, tb.tb_summary(value) AS s FROM bench_responses GROUP BY indicator)
SELECT count(*), count(score), round(sum(score)::numeric, 6)
  FROM (SELECT r.country, r.axis, tb.tb_wmean(tb.tb_norm_minmax(s.s, r.value, r.direction, 100), r.weight) AS score
          FROM bench_responses r JOIN s USING (indicator)
         GROUP BY r.country, r.axis) q;
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
