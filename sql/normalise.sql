-- Normalisations: worked examples, edge cases, cross-checks, errors.
\i sql/include/err.sql

-- DESIGN.md worked examples: goalposts 0 and 10; SDG-Index rescaling LB 72.6, UB 0.
SELECT tb.tb_norm_goalposts(1, 0, 10) AS "1 -> 0.1", tb.tb_norm_goalposts(11, 0, 10) AS "11 -> 1",
       tb.tb_norm_goalposts(-1, 0, 10) AS "-1 -> 0";
SELECT abs(tb.tb_norm_goalposts(5, 72.6, 0, 100) - 93.113) < 0.0005 AS sdg_93_113,
       abs(tb.tb_norm_goalposts(5, 72.6, 0, 100) - 100 * (5 - 72.6) / (0 - 72.6)) < 1e-12 AS exact_formula;

-- Min-max, z-score, frontier on a summary of 2, 4, 4, 10.
CREATE TEMP TABLE s AS SELECT tb.tb_summary(x) AS s FROM (VALUES (2), (4), (4), (10)) v(x);
SELECT x, tb.tb_norm_minmax(s, x) AS minmax, tb.tb_norm_minmax(s, x, 'lower', 100) AS minmax_lower,
       round(tb.tb_norm_zscore(s, x)::numeric, 12) AS z, round(tb.tb_norm_zscore(s, x, 'lower')::numeric, 12) AS z_lower,
       tb.tb_norm_frontier(s, x) AS frontier, tb.tb_norm_frontier(s, x, 'lower', 100) AS frontier_lower
  FROM s, (VALUES (2), (4), (10), (12)) v(x);
-- No spread: one value, or all equal; an empty summary gives NULL.
SELECT tb.tb_norm_minmax(s, 5) AS minmax, tb.tb_norm_zscore(s, 5) AS z, tb.tb_norm_frontier(s, 5) AS frontier
  FROM (SELECT tb.tb_summary(5) AS s) q;
SELECT tb.tb_norm_minmax(s, 5, 'lower') AS minmax, tb.tb_norm_zscore(s, 7) AS z
  FROM (SELECT tb.tb_summary(x) AS s FROM (VALUES (5), (5), (5)) v(x)) q;
SELECT tb.tb_norm_minmax(s, 5) IS NULL AS empty_minmax, tb.tb_norm_zscore(s, 5) IS NULL AS empty_z
  FROM (SELECT tb.tb_summary(NULL::float8) AS s) q;
-- Frontier when everyone is at 0.
SELECT tb.tb_norm_frontier(s, 0) AS higher_all_zero, tb.tb_norm_frontier(s, 0, 'lower') AS lower_at_zero
  FROM (SELECT tb.tb_summary(0) AS s) q;
SELECT tb.tb_norm_frontier(s, 3, 'lower') AS lower_frontier_zero
  FROM (SELECT tb.tb_summary(x) AS s FROM (VALUES (0), (3)) v(x)) q;

-- Distance to target.
SELECT tb.tb_norm_target(45, 90) AS half, tb.tb_norm_target(120, 90) AS capped,
       tb.tb_norm_target(5, 10, 'lower') AS below_lower_target, tb.tb_norm_target(40, 10, 'lower', 100) AS quarter,
       tb.tb_norm_target(0, 0, 'lower') AS zero_target_met, tb.tb_norm_target(3, 0, 'lower') AS zero_target_missed;

-- Ordinal levels.
SELECT l, tb.tb_norm_ordinal(l) AS five_levels, tb.tb_norm_ordinal(l, 5, 100) AS on_100,
       tb.tb_norm_ordinal_map(l, '{0, 10, 40, 80, 100}') AS mapped
  FROM generate_series(0, 4) l;
SELECT tb.tb_norm_ordinal_map(1, '{0, NULL, 1}') IS NULL AS null_score_level;

-- Ranks: window functions over the non-NULL values of each partition.
SELECT g, x, tb.tb_rank(x, 'higher') OVER w AS rank_hi, tb.tb_rank(x, 'lower') OVER w AS rank_lo,
       tb.tb_percent_rank(x, 'higher') OVER w AS pr_hi, tb.tb_percent_rank(x, 'lower', 100) OVER w AS pr_lo
  FROM (VALUES (1, 3), (1, 1), (1, 2), (1, 2), (1, NULL), (2, 7), (3, 5), (3, 5)) v(g, x)
WINDOW w AS (PARTITION BY g)
 ORDER BY g, x NULLS LAST;

-- Cross-checks on generated data against plain SQL, to 1e-9 relative.
CREATE TEMP TABLE gen AS
SELECT (g % 40) AS ind, g AS country,
       CASE WHEN g % 13 = 0 THEN NULL ELSE ((hashint4(g) & 65535) % 1000)::float8 / 10 END AS x,
       CASE WHEN g % 3 = 0 THEN 'lower' ELSE 'higher' END AS dir
  FROM generate_series(1, 4000) g;
WITH ext AS (
    SELECT ind, country, x, dir,
           tb.tb_norm_minmax(tb.tb_summary(x) OVER w, x, 'higher', 100) AS mm,
           tb.tb_norm_zscore(tb.tb_summary(x) OVER w, x, 'lower') AS z,
           tb.tb_norm_frontier(tb.tb_summary(x) OVER w, x, 'higher') AS fr,
           tb.tb_rank(x, 'higher') OVER w AS rk,
           tb.tb_percent_rank(x, 'lower') OVER w AS pr
      FROM gen WHERE x IS NOT NULL WINDOW w AS (PARTITION BY ind)
), plain AS (
    SELECT ind, country,
           100 * (x - min(x) OVER w) / (max(x) OVER w - min(x) OVER w) AS mm,
           -(x - avg(x) OVER w) / stddev_samp(x) OVER w AS z,
           x / max(x) OVER w AS fr,
           rank() OVER (PARTITION BY ind ORDER BY x DESC) AS rk,
           percent_rank() OVER (PARTITION BY ind ORDER BY x DESC) AS pr
      FROM gen WHERE x IS NOT NULL WINDOW w AS (PARTITION BY ind)
)
SELECT count(*) AS rows,
       count(*) FILTER (WHERE abs(e.mm - p.mm) <= 1e-9 * greatest(abs(p.mm), 1)) AS minmax_equal,
       count(*) FILTER (WHERE abs(e.z - p.z) <= 1e-9 * greatest(abs(p.z), 1)) AS zscore_equal,
       count(*) FILTER (WHERE abs(e.fr - p.fr) <= 1e-9) AS frontier_equal,
       count(*) FILTER (WHERE e.rk = p.rk) AS rank_equal,
       count(*) FILTER (WHERE abs(e.pr - p.pr) <= 1e-12) AS percent_rank_equal
  FROM ext e JOIN plain p USING (ind, country);
-- A stored summary gives what the window gives.
SELECT count(*) AS rows, count(*) FILTER (WHERE a.mm = b.mm) AS equal
  FROM (SELECT ind, country, tb.tb_norm_minmax(tb.tb_summary(x) OVER (PARTITION BY ind), x) AS mm FROM gen WHERE x IS NOT NULL) a
  JOIN (SELECT g.ind, g.country, tb.tb_norm_minmax(s.s, g.x) AS mm
          FROM gen g JOIN (SELECT ind, tb.tb_summary(x) AS s FROM gen GROUP BY ind) s USING (ind)
         WHERE g.x IS NOT NULL) b USING (ind, country);
-- Goalposts and target against their formulas.
SELECT count(*) FILTER (WHERE abs(tb.tb_norm_goalposts(x, 0, 100) - least(greatest(x / 100, 0), 1)) > 1e-15) AS goalposts_wrong,
       count(*) FILTER (WHERE abs(tb.tb_norm_target(x, 50) - least(x / 50, 1)) > 1e-15) AS target_wrong,
       count(*) FILTER (WHERE abs(tb.tb_norm_target(x, 20, 'lower') - CASE WHEN x <= 20 THEN 1 ELSE 20 / x END) > 1e-15) AS target_lower_wrong
  FROM gen WHERE x IS NOT NULL;

-- Errors.
SELECT pg_temp.err($$ SELECT tb.tb_norm_minmax(s, 1, 'up') FROM s $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_minmax(s, 'NaN') FROM s $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_zscore(s, 'Infinity') FROM s $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_minmax(s, 1, 'higher', 0) FROM s $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_minmax(s, 1, 'higher', 'Infinity') FROM s $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_frontier(s, -1) FROM s $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_frontier(tb.tb_summary(x), 1) FROM (VALUES (-2), (3)) v(x) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_goalposts(1, 5, 5) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_goalposts(1, 'NaN', 5) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_target(1, 0) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_target(-1, 10) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_target(1, -10, 'lower') $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal(5) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal(1.5) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal(-1) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal(0, 1) $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal_map(0, '{1}') $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal_map(0, '{{1,2},{3,4}}') $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal_map(3, '{0, 1, 2}') $$);
SELECT pg_temp.err($$ SELECT tb.tb_norm_ordinal_map(0, '{NaN, 1}') $$);
SELECT pg_temp.err($$ SELECT tb.tb_rank(x, NULL) OVER () FROM (VALUES (1)) v(x) $$);
SELECT pg_temp.err($$ SELECT tb.tb_rank(x, 'best') OVER () FROM (VALUES (1)) v(x) $$);
SELECT pg_temp.err($$ SELECT tb.tb_percent_rank(x, 'higher', -1) OVER () FROM (VALUES (1)) v(x) $$);
SELECT pg_temp.err($$ SELECT tb.tb_percent_rank(x, 'higher') OVER () FROM (VALUES (1), ('NaN')) v(x) $$);
-- One message in full.
SELECT tb.tb_norm_minmax(s, 1, 'up') FROM s;
