-- Composite scores: weighted arithmetic, geometric and harmonic means.
\i sql/include/err.sql

-- DESIGN.md worked examples, to 1e-12.
SELECT abs(tb.tb_wgeomean(x, w) - (1 * 2 * 3 ^ 2) ^ (1.0 / 4)) < 1e-12 AS geometric,
       abs(tb.tb_wmean(x, w) - (1 + 2 + 2 * 3) / 4.0) < 1e-12 AS arithmetic
  FROM (VALUES (1, 1), (2, 1), (3, 2)) v(x, w);
SELECT abs(tb.tb_wharmean(x, w) - 4 / (2 / 1.0 + 1 / 2.0 + 1 / 3.0)) < 1e-12 AS harmonic
  FROM (VALUES (1, 2), (2, 1), (3, 1)) v(x, w);

-- Weights renormalise over the scores present; the coverage rule.
SELECT tb.tb_wmean(x, w) AS default_rule, tb.tb_wmean(x, w, 0.5) AS half_needed,
       tb.tb_wmean(x, w, 0) AS always
  FROM (VALUES (80, 3), (40, 1), (NULL, 1)) v(x, w);
SELECT tb.tb_wmean(x, w) AS exactly_80_percent
  FROM (VALUES (80, 2), (40, 2), (NULL, 1)) v(x, w);
SELECT tb.tb_wmean(x, w) IS NULL AS below_80_percent
  FROM (VALUES (80, 2), (40, 1), (NULL, 1)) v(x, w);
-- The two-step form: one state, every mean, any coverage, the coverage itself.
SELECT c, tb.tb_wmean(c) AS arith, tb.tb_wgeomean(c, 0.5) AS geo, tb.tb_wharmean(c, 0.5) AS harm,
       tb.tb_coverage(c), tb.tb_n(c), tb.tb_missing(c)
  FROM (SELECT tb.tb_composite(x, w) AS c FROM (VALUES (1, 1), (4, 2), (NULL, 1)) v(x, w)) q;
-- Zeros and empty groups.
SELECT tb.tb_wgeomean(x, w) AS geo_with_zero, tb.tb_wharmean(x, w) AS harm_with_zero, tb.tb_wmean(x, w) AS arith
  FROM (VALUES (0, 1), (50, 1)) v(x, w);
SELECT tb.tb_wmean(x, w) IS NULL AS no_rows FROM (VALUES (1::float8, 1::float8)) v(x, w) WHERE false;
SELECT tb.tb_wmean(x, w) IS NULL AS all_missing FROM (VALUES (NULL::float8, 1::float8)) v(x, w);
SELECT tb.tb_coverage(tb.tb_composite(x, w)) IS NULL AS no_weight FROM (VALUES (1::float8, 1::float8)) v(x, w) WHERE false;
-- Negative scores have an arithmetic mean only.
SELECT tb.tb_wmean(x, w, 0) AS arith FROM (VALUES (-1, 1), (3, 1)) v(x, w);

-- Cross-check against plain SQL on generated data with missing scores, to 1e-9 relative.
CREATE TABLE cgen AS
SELECT (g % 50) AS grp, g,
       CASE WHEN g % 9 = 0 THEN NULL ELSE 1 + ((hashint4(g) & 65535) % 1000)::float8 / 10 END AS x,
       1 + (g % 4)::float8 / 2 AS w
  FROM generate_series(1, 5000) g;
WITH ext AS (
    SELECT grp, tb.tb_wmean(x, w, 0) AS a, tb.tb_wgeomean(x, w, 0) AS ge, tb.tb_wharmean(x, w, 0) AS h,
           tb.tb_coverage(tb.tb_composite(x, w)) AS cov
      FROM cgen GROUP BY grp
), plain AS (
    SELECT grp, sum(w * x) / sum(w) FILTER (WHERE x IS NOT NULL) AS a,
           exp(sum(w * ln(x)) / sum(w) FILTER (WHERE x IS NOT NULL)) AS ge,
           sum(w) FILTER (WHERE x IS NOT NULL) / sum(w / x) AS h,
           sum(w) FILTER (WHERE x IS NOT NULL) / sum(w) AS cov
      FROM cgen GROUP BY grp
)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE abs(e.a - p.a) <= 1e-9 * p.a) AS arith_equal,
       count(*) FILTER (WHERE abs(e.ge - p.ge) <= 1e-9 * p.ge) AS geo_equal,
       count(*) FILTER (WHERE abs(e.h - p.h) <= 1e-9 * p.h) AS harm_equal,
       count(*) FILTER (WHERE abs(e.cov - p.cov) <= 1e-12) AS coverage_equal
  FROM ext e JOIN plain p USING (grp);
-- Order, parallelism and rollup do not change a bit.
SELECT count(DISTINCT c::text) AS distinct_states
  FROM (SELECT tb.tb_composite(x, w ORDER BY g) AS c FROM cgen
        UNION ALL SELECT tb.tb_composite(x, w ORDER BY g DESC) FROM cgen
        UNION ALL SELECT tb.tb_rollup(c) FROM (SELECT tb.tb_composite(x, w) AS c FROM cgen GROUP BY grp) p) q;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT tb.tb_wgeomean(x, w) FROM cgen;
CREATE TEMP TABLE par AS SELECT tb.tb_wmean(x, w, 0) AS a, tb.tb_wgeomean(x, w, 0) AS ge, tb.tb_wharmean(x, w, 0) AS h FROM cgen;
SET max_parallel_workers_per_gather = 0;
SELECT p.a = s.a AND p.ge = s.ge AND p.h = s.h AS parallel_equals_serial
  FROM par p, (SELECT tb.tb_wmean(x, w, 0) AS a, tb.tb_wgeomean(x, w, 0) AS ge, tb.tb_wharmean(x, w, 0) AS h FROM cgen) s;
RESET ALL;
-- Text and binary round trips.
CREATE TEMP TABLE states AS SELECT grp, tb.tb_composite(x, w) AS c FROM cgen GROUP BY grp;
SELECT count(*) FILTER (WHERE c::text::tb.tb_composite::text = c::text) AS text_round_trips FROM states;
\copy states TO 'results/composite.bin' WITH (FORMAT binary)
CREATE TEMP TABLE states2 (LIKE states);
\copy states2 FROM 'results/composite.bin' WITH (FORMAT binary)
SELECT count(*) FILTER (WHERE a.c::text = b.c::text) AS binary_round_trips FROM states a JOIN states2 b USING (grp);

-- Errors.
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w) FROM (VALUES (1, 0)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w) FROM (VALUES (1, -1)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w) FROM (VALUES (1, NULL::float8)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w) FROM (VALUES (1, 'NaN'::float8)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w) FROM (VALUES ('Infinity'::float8, 1)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w, 1.5) FROM (VALUES (1, 1)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w, NULL) FROM (VALUES (1, 1)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(x, w, c) FROM (VALUES (1, 1, 0.5), (2, 1, 0.8)) v(x, w, c) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wgeomean(x, w) FROM (VALUES (-1, 1), (3, 1)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wharmean(x, w) FROM (VALUES (-1, 1), (3, 1)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wmean(tb.tb_composite(x, w), 2) FROM (VALUES (1, 1)) v(x, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_wgeomean('kinds=arith coverage=default n=1 missing=0 zero=false negative=false w=0x1p0 wmissing=0 wx=0x1p0 wlnx=0 wdivx=0'::tb.tb_composite) $$);
SELECT pg_temp.err($$ SELECT 'kinds=mode coverage=default n=0 missing=0 zero=false negative=false w=0 wmissing=0 wx=0 wlnx=0 wdivx=0'::tb.tb_composite $$);
SELECT pg_temp.err($$ SELECT 'kinds=arith coverage=default n=99999999999999999999 missing=0 zero=false negative=false w=0 wmissing=0 wx=0 wlnx=0 wdivx=0'::tb.tb_composite $$);
SELECT pg_temp.err($$ SELECT 'kinds=arith coverage=2 n=0 missing=0 zero=false negative=false w=0 wmissing=0 wx=0 wlnx=0 wdivx=0'::tb.tb_composite $$);
SELECT pg_temp.err($$ SELECT 'kinds=arith coverage=default n=1 missing=0 zero=false negative=false w=0 wmissing=0 wx=0 wlnx=0 wdivx=0'::tb.tb_composite $$);
SELECT pg_temp.err($$ SELECT 'kinds=arith coverage=default n=0 missing=0 zero=false negative=false w=-0x1p0 wmissing=0 wx=0 wlnx=0 wdivx=0'::tb.tb_composite $$);
SELECT pg_temp.err($$ SELECT 'kinds=arith coverage=default n=1 missing=0 zero=false negative=false w=0x1p0 wmissing=0 wx=0x1p0 wlnx=0x1p0 wdivx=0'::tb.tb_composite $$);
SELECT pg_temp.err($$ SELECT 'kinds=arith coverage=default n=1'::tb.tb_composite $$);
SELECT pg_temp.err($$ SELECT tb.tb_rollup(c) FROM (SELECT tb.tb_composite(1, 1) UNION ALL SELECT 'kinds=arith coverage=default n=0 missing=0 zero=false negative=false w=0 wmissing=0 wx=0 wlnx=0 wdivx=0'::tb.tb_composite) q(c) $$);
-- A state counts at most 2^63 - 1 rows, missing ones apart: past that, 54000.
SELECT pg_temp.err($$ SELECT tb.tb_rollup(c) FROM (SELECT tb.tb_composite(1, 1) UNION ALL SELECT 'kinds=arith,geo,harm coverage=default n=9223372036854775807 missing=0 zero=false negative=false w=0x1p1 wmissing=0 wx=0x3p0 wlnx=0x162e42fefa39efp-53 wdivx=0x3p-1'::tb.tb_composite) q(c) $$);
-- One message in full.
SELECT tb.tb_wgeomean(x, w) FROM (VALUES (-1, 1), (3, 1)) v(x, w);
DROP TABLE cgen;
