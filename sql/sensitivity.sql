-- Sensitivity: the Saltelli design (tb_sobol_design) and the first-order
-- and total-effect Sobol' indices (tb_sobol_indices, src/sensitivity.c).
\i sql/include/err.sql
SET search_path = tb, public;
SET extra_float_digits = 0;

-- By hand: N = 2 base rows, one input.  f(A) = (1, 3), f(B) = (2, 4),
-- f(A_B^1) = (2, 3).  Over A and B the four outputs 1, 3, 2, 4 have the
-- mean 2.5 and V = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
-- S = mean(f(B) (f(A_B) - f(A))) / V = ((2 * 1 + 4 * 0) / 2) / 1.25 = 0.8;
-- ST = mean((f(A) - f(A_B))^2) / 2 / V = ((1 + 0) / 2) / 2 / 1.25 = 0.2.
SELECT * FROM tb_sobol_indices('{1,3}', '{2,4}', '{2,3}', 0);
-- The same as a 2 x 1 array; with replicates, intervals and standard errors.
SELECT input, first_order, total_effect FROM tb_sobol_indices('{1,3}', '{2,4}', '{{2},{3}}', 0);
SELECT input, first_order_lower <= first_order AND first_order <= first_order_upper AS s_in_interval,
       total_lower <= total_effect AND total_effect <= total_upper AS st_in_interval,
       first_order_se > 0 AS has_se
  FROM tb_sobol_indices('{1,3}', '{2,4}', '{2,3}', 200);

-- The design: 2 n k rows, u in [0,1).  Unshifted it is the Sobol' sequence
-- itself, point 0 the origin: the first 4 points of dimensions 1 and 2 (A's
-- inputs) are 0, 1/2, 3/4, 1/4 and 0, 1/2, 1/4, 3/4.
SELECT sample, matrix, input, u FROM tb_sobol_design(4, 2, shift => false) ORDER BY sample, matrix, input;
SELECT count(*) AS rows, min(u) >= 0 AND max(u) < 1 AS in_unit_interval, count(DISTINCT sample) AS samples
  FROM tb_sobol_design(1000, 7);
-- Shifted or not, every column of 2^m samples is balanced: one sample in
-- each interval [j/1024, (j+1)/1024) (the digital shift keeps the nets).
SELECT shift, bool_and(cells = 1024) AS every_column_balanced
  FROM (SELECT s.shift, d.matrix, d.input, count(DISTINCT floor(d.u * 1024)) AS cells
          FROM (VALUES (false), (true)) s(shift), LATERAL tb_sobol_design(1024, 5, 3, s.shift) d
         GROUP BY 1, 2, 3) q GROUP BY shift ORDER BY shift;
-- The seed moves the shifted design only.
SELECT (SELECT array_agg(u ORDER BY sample, matrix, input) FROM tb_sobol_design(16, 3, 1))
     = (SELECT array_agg(u ORDER BY sample, matrix, input) FROM tb_sobol_design(16, 3, 1)) AS same_seed_same_design,
       (SELECT array_agg(u ORDER BY sample, matrix, input) FROM tb_sobol_design(16, 3, 1))
    <> (SELECT array_agg(u ORDER BY sample, matrix, input) FROM tb_sobol_design(16, 3, 2)) AS other_seed_other_design,
       (SELECT array_agg(u ORDER BY sample, matrix, input) FROM tb_sobol_design(16, 3, 1, false))
     = (SELECT array_agg(u ORDER BY sample, matrix, input) FROM tb_sobol_design(16, 3, 2, false)) AS unshifted_ignores_seed;

-- The Ishigami function, f = sin x1 + a sin^2 x2 + b x3^4 sin x1 with
-- a = 7, b = 0.1 and x uniform on [-pi, pi], evaluated in SQL over the
-- design of n = 2^13 base rows.  Its indices are known (Ishigami & Homma
-- 1990; Saltelli et al. 2008): with D = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,
-- D1 = b pi^4/5 + b^2 pi^8/50 + 1/2, D2 = a^2/8, D13 = 8 b^2 pi^8/225:
-- S = (D1, D2, 0) / D = (0.3139, 0.4424, 0), ST = (D1 + D13, D2, D13) / D =
-- (0.5576, 0.4424, 0.2437).
CREATE FUNCTION pg_temp.ishigami(u float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT sin(x1) + 7 * sin(x2) ^ 2 + 0.1 * x3 ^ 4 * sin(x1)
      FROM (SELECT -pi() + 2 * pi() * u[1] AS x1, -pi() + 2 * pi() * u[2] AS x2, -pi() + 2 * pi() * u[3] AS x3) x
$$;
CREATE TEMP TABLE ishigami_runs AS
SELECT sample, pg_temp.ishigami(a) AS fa, pg_temp.ishigami(b) AS fb,
       ARRAY[pg_temp.ishigami(ARRAY[b[1], a[2], a[3]]), pg_temp.ishigami(ARRAY[a[1], b[2], a[3]]),
             pg_temp.ishigami(ARRAY[a[1], a[2], b[3]])] AS fab
  FROM (SELECT sample, array_agg(u ORDER BY input) FILTER (WHERE matrix = 'A') AS a,
               array_agg(u ORDER BY input) FILTER (WHERE matrix = 'B') AS b
          FROM tb_sobol_design(8192, 3) GROUP BY sample) d;
CREATE TEMP TABLE ishigami AS
WITH c AS (SELECT 7.0::float8 AS a, 0.1::float8 AS b),
     v AS (SELECT a * a / 8 + b * pi() ^ 4 / 5 + b * b * pi() ^ 8 / 18 + 0.5 AS d,
                  b * pi() ^ 4 / 5 + b * b * pi() ^ 8 / 50 + 0.5 AS d1, a * a / 8 AS d2,
                  8 * b * b * pi() ^ 8 / 225 AS d13 FROM c),
     truth AS (SELECT i.input, i.s, i.st FROM v, LATERAL (VALUES (1, d1 / d, (d1 + d13) / d), (2, d2 / d, d2 / d),
                                                                 (3, 0.0, d13 / d)) i(input, s, st))
SELECT t.s AS s_true, t.st AS st_true, x.*
  FROM truth t JOIN (SELECT e.* FROM (SELECT array_agg(fa ORDER BY sample) AS fa, array_agg(fb ORDER BY sample) AS fb,
                                             array_agg(fab ORDER BY sample) AS fab FROM ishigami_runs) r,
                                     tb_sobol_indices(r.fa, r.fb, r.fab) e) x USING (input);
-- The estimates to two decimals, and the analytic values checked against
-- the sampling error: each lies in its 95% bootstrap interval and within 3
-- bootstrap standard errors of the estimate (the standard errors are 0.005
-- to 0.016; the bootstrap treats the quasi-random rows as independent, so
-- it overstates the error of the Sobol' design, never understates it).
SELECT input, round(s_true::numeric, 4) AS s_true, round(first_order::numeric, 2) AS s,
       first_order_lower <= s_true AND s_true <= first_order_upper AS s_in_interval,
       abs(first_order - s_true) <= 3 * first_order_se AS s_within_3_se,
       round(st_true::numeric, 4) AS st_true, round(total_effect::numeric, 2) AS st,
       total_lower <= st_true AND st_true <= total_upper AS st_in_interval,
       abs(total_effect - st_true) <= 3 * total_se AS st_within_3_se,
       first_order_se < 0.02 AND total_se < 0.02 AS se_below_002
  FROM ishigami ORDER BY input;
-- Same seed, same result; another seed, other intervals, the same indices.
SELECT (SELECT array_agg(row(e.*)::text ORDER BY e.input) FROM tb_sobol_indices(r.fa, r.fb, r.fab, 300, 0.9, 42) e)
     = (SELECT array_agg(row(e.*)::text ORDER BY e.input) FROM tb_sobol_indices(r.fa, r.fb, r.fab, 300, 0.9, 42) e) AS same_seed_same_result,
       (SELECT array_agg(e.first_order_lower ORDER BY e.input) FROM tb_sobol_indices(r.fa, r.fb, r.fab, 300, 0.9, 1) e)
    <> (SELECT array_agg(e.first_order_lower ORDER BY e.input) FROM tb_sobol_indices(r.fa, r.fb, r.fab, 300, 0.9, 2) e) AS other_seed_other_interval,
       (SELECT array_agg(e.first_order ORDER BY e.input) FROM tb_sobol_indices(r.fa, r.fb, r.fab, 300, 0.9, 1) e)
     = (SELECT array_agg(e.first_order ORDER BY e.input) FROM tb_sobol_indices(r.fa, r.fb, r.fab, 0) e) AS indices_without_seed
  FROM (SELECT array_agg(fa ORDER BY sample) AS fa, array_agg(fb ORDER BY sample) AS fb,
               array_agg(fab ORDER BY sample) AS fab FROM ishigami_runs) r;
-- A wider interval at a higher level.
SELECT bool_and(w99.first_order_upper - w99.first_order_lower > w80.first_order_upper - w80.first_order_lower) AS wider_at_099
  FROM (SELECT array_agg(fa ORDER BY sample) AS fa, array_agg(fb ORDER BY sample) AS fb,
               array_agg(fab ORDER BY sample) AS fab FROM ishigami_runs) r,
       LATERAL tb_sobol_indices(r.fa, r.fb, r.fab, 500, 0.99) w99
       JOIN LATERAL tb_sobol_indices(r.fa, r.fb, r.fab, 500, 0.8) w80 USING (input);

-- A linear model f = x1 + 2 x2 + 0 x3 of uniform inputs: S = ST =
-- (1, 4, 0) / 5.  An input the model ignores gives exactly 0 (f(A_B^3) is
-- f(A) in every row).
SELECT e.input, round(e.first_order::numeric, 3) AS s, round(e.total_effect::numeric, 3) AS st,
       e.input < 3 OR (e.first_order = 0 AND e.total_effect = 0) AS ignored_input_exactly_0
  FROM (SELECT array_agg(a[1] + 2 * a[2] ORDER BY sample) AS fa, array_agg(b[1] + 2 * b[2] ORDER BY sample) AS fb,
               array_agg(ARRAY[b[1] + 2 * a[2], a[1] + 2 * b[2], a[1] + 2 * a[2]] ORDER BY sample) AS fab
          FROM (SELECT sample, array_agg(u ORDER BY input) FILTER (WHERE matrix = 'A') AS a,
                       array_agg(u ORDER BY input) FILTER (WHERE matrix = 'B') AS b
                  FROM tb_sobol_design(4096, 3) GROUP BY sample) d) r,
       tb_sobol_indices(r.fa, r.fb, r.fab, 0) e ORDER BY e.input;

-- NULL arguments: STRICT, no rows.
SELECT count(*) FROM tb_sobol_indices(NULL, '{1}', '{1}');
SELECT count(*) FROM tb_sobol_design(NULL, 3);

-- Errors.
-- arrays that do not fit one design: 2202E
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4,5}', '{2,3}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{2,3,4}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{{2,3,4}}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{{{2}},{{3}}}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{{1,3}}', '{2,4}', '{2,3}') $$);
-- no base row, no input (k < 1): 22023
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{}', '{}', '{}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{}') $$);
-- zero variance: 22012
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{5,5,5}', '{5,5,5}', '{1,2,3}') $$);
-- NULL elements: 22004
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,NULL,3}', '{2,4,5}', '{2,3,4}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{1,2,3,NULL}') $$);
-- non-finite values and overflow: 22003
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{NaN,4}', '{2,3}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{{2,3},{4,-Infinity}}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1e300,-1e300}', '{2,4}', '{2,3}') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{1e300,3}') $$);
-- reps and level: 22023
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{2,3}', -1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{2,3}', 100001) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{2,3}', 10, 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1,3}', '{2,4}', '{2,3}', 10, 'NaN') $$);
-- limits: 54000
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1}', '{2}', (SELECT array_agg(g::float8) FROM generate_series(1, 10001) g)) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_indices('{1}', '{2}', (SELECT array_agg(g::float8) FROM generate_series(1, 101) g), 100000) $$);
SELECT pg_temp.err($$ SELECT e.* FROM (SELECT array_agg(g::float8) AS a FROM generate_series(1, 100000) g) q, tb.tb_sobol_indices(q.a, q.a, q.a, 100000) e $$);
-- the design: 22023, 54000
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_design(0, 3) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_design(8, 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_design(8, 129) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_design(16777217, 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_sobol_design(1048576, 64) $$);
