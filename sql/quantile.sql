-- Exact quantiles that merge (src/quantile.c): tb_median and tb_quantile
-- read the values state of tb_values, and equal percentile_cont to the bit.
\i sql/include/err.sql
SET search_path = tb, public;

SELECT tb_median(x) AS odd, (SELECT tb_median(x) FROM (VALUES (1), (2), (3), (10)) v(x)) AS even_interpolated,
       (SELECT tb_median(x) FROM (VALUES (NULL::float8), (4)) v(x)) AS nulls_skipped,
       (SELECT tb_median(x) FROM (VALUES (NULL::float8)) v(x)) AS only_null,
       (SELECT tb_median(x) FROM (VALUES (1.0::float8)) v(x) WHERE false) AS no_rows
  FROM (VALUES (3), (1), (2)) v(x);

-- Against percentile_cont: many groups, duplicates, negatives, -0, a range of
-- quantiles including both ends; every value identical (IS NOT DISTINCT).
CREATE TEMP TABLE qv AS
SELECT g % 37 AS grp, CASE WHEN g % 11 = 0 THEN NULL WHEN g % 13 = 0 THEN -0.0::float8
                           ELSE ((hashint4(g) % 1000) / (1 + g % 7))::float8 END AS x
  FROM generate_series(1, 20000) g;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE tb_quantile(s, q) IS DISTINCT FROM pc) AS differ
  FROM (SELECT grp, q, tb_values(x) AS s, percentile_cont(q) WITHIN GROUP (ORDER BY x) AS pc
          FROM qv, (VALUES (0.0::float8), (0.1), (0.25), (0.5), (0.75), (0.9), (0.999), (1.0)) u(q)
         GROUP BY grp, q) t;
SELECT count(*) FILTER (WHERE m IS DISTINCT FROM pc) AS median_differs
  FROM (SELECT grp, tb_median(x) AS m, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS pc FROM qv GROUP BY grp) t;

-- The median of parts is the median of the rollup of their states.
SELECT tb_median(tb_rollup(s)) = (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM qv) AS rollup_of_parts
  FROM (SELECT tb_values(x) AS s FROM qv GROUP BY grp) p;

-- Parallel = serial.
CREATE TABLE qbig AS SELECT g % 5 AS grp, ((hashint4(g) % 100000) / 10.0)::float8 AS x FROM generate_series(1, 200000) g;
ANALYZE qbig;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT grp, tb_median(x) FROM qbig GROUP BY grp;
CREATE TEMP TABLE par AS SELECT grp, tb_median(x) AS m FROM qbig GROUP BY grp;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.m IS DISTINCT FROM s.pc) AS parallel_differs
  FROM par p JOIN (SELECT grp, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS pc FROM qbig GROUP BY grp) s USING (grp);
DROP TABLE qbig;

-- The state's text form reads back to the same state, and the same quantiles.
SELECT s::text::tb_agreement::text = s::text AS text_round_trip,
       tb_quantile(s::text::tb_agreement, 0.3) = tb_quantile(s, 0.3) AS same_quantile
  FROM (SELECT tb_values(x) AS s FROM qv) t;

-- Errors: a quantile outside [0, 1] or NaN; values that cannot be ordered.
SELECT pg_temp.err($$SELECT tb_quantile(tb_values(x), 1.5) FROM qv$$);
SELECT pg_temp.err($$SELECT tb_quantile(tb_values(x), -0.1) FROM qv$$);
SELECT pg_temp.err($$SELECT tb_quantile(tb_values(x), 'NaN') FROM qv$$);
SELECT pg_temp.err($$SELECT tb_median(x) FROM (VALUES (1.0::float8), ('Infinity')) v(x)$$);
SELECT tb_quantile(tb_values(x), NULL) IS NULL AS null_q FROM qv;
DROP TABLE qv;
