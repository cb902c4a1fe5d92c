-- The indicator matrix: units by indicators with their axes, weights and
-- directions in one value, the composite scores and their uncertainty
-- (src/matrix.c).
\i sql/include/err.sql
SET search_path = tb, public;
SET extra_float_digits = 0;

-- By hand: four countries, four indicators in two axes.  Axis X: i1
-- (weight 2) and i2 (weight 1); axis Y: i3 (weight 1) and i4 (weight 4,
-- lower is better).  B has no value of i3.  Min-max on 0-100:
--   i1: A 0, B 33.3, C 66.7, D 100     i2: A 50, B 50, C 0, D 100
--   i3: A 0, B -,    C 100,  D 50      i4: A 0,  B 50, C 100, D 50
-- X = (2 i1 + i2) / 3: A 16.667, B 38.889, C 44.444, D 100.
-- Y = (i3 + 4 i4) / 5: A 0, B 50 (4/5 of the weight: coverage 0.8 exactly,
-- enough), C 100, D 50.  Overall (X + Y) / 2: A 8.333, B 44.444,
-- C 72.222, D 75; ranks D 1, C 2, B 3, A 4; on Y, B and D share rank 2.
CREATE TEMP TABLE cells (unit text, indicator text, value float8, axis text, weight float8, direction text);
INSERT INTO cells VALUES
  ('A', 'i1', 10, 'X', 2, 'higher'), ('B', 'i1', 20, 'X', 2, 'higher'), ('C', 'i1', 30, 'X', 2, 'higher'), ('D', 'i1', 40, 'X', 2, 'higher'),
  ('A', 'i2', 5, 'X', 1, 'higher'),  ('B', 'i2', 5, 'X', 1, 'higher'),  ('C', 'i2', 0, 'X', 1, 'higher'),  ('D', 'i2', 10, 'X', 1, 'higher'),
  ('A', 'i3', 1, 'Y', 1, 'higher'),  ('B', 'i3', NULL, 'Y', 1, 'higher'), ('C', 'i3', 3, 'Y', 1, 'higher'), ('D', 'i3', 2, 'Y', 1, 'higher'),
  ('A', 'i4', 100, 'Y', 4, 'lower'), ('B', 'i4', 50, 'Y', 4, 'lower'), ('C', 'i4', 0, 'Y', 4, 'lower'),  ('D', 'i4', 50, 'Y', 4, 'lower');
SELECT tb_matrix(unit, indicator, value, axis, weight, direction) FROM cells;
SELECT unit, axis, round(score::numeric, 6) AS score, rank
  FROM tb_matrix_scores((SELECT tb_matrix(unit, indicator, value, axis, weight, direction) FROM cells));
SELECT unit, axis, round(score::numeric, 6) AS score, rank
  FROM tb_matrix_scores((SELECT tb_matrix(unit, indicator, value, axis, weight, direction) FROM cells), 'rank', 'geometric');

-- The same scores composed in SQL from the extension's functions: every
-- (unit, indicator) of the grid (an absent cell is missing), normalised
-- in a window over the indicator, tb_wmean / tb_wgeomean per axis, then
-- over the axes with equal weights, ranked by rank().
CREATE FUNCTION pg_temp.composed(norm text, agg text, cov float8)
RETURNS TABLE (unit text, axis text, score float8, rank integer) LANGUAGE sql AS $$
  WITH defs AS (SELECT DISTINCT indicator, axis, weight, direction FROM cells),
  grid AS (SELECT u.unit, d.indicator, d.axis, d.weight, d.direction, c.value
             FROM (SELECT DISTINCT unit FROM cells) u CROSS JOIN defs d
             LEFT JOIN cells c ON c.unit = u.unit AND c.indicator = d.indicator),
  n AS (SELECT unit, axis, weight,
               CASE norm WHEN 'minmax' THEN tb.tb_norm_minmax(tb.tb_summary(value) OVER w, value, direction, 100)
                         WHEN 'zscore' THEN tb.tb_norm_zscore(tb.tb_summary(value) OVER w, value, direction)
                         WHEN 'ordinal' THEN tb.tb_rank(value, CASE direction WHEN 'higher' THEN 'lower' ELSE 'higher' END) OVER w
                         ELSE tb.tb_percent_rank(value, direction, 100) OVER w END AS s
          FROM grid WINDOW w AS (PARTITION BY indicator)),
  a AS (SELECT unit, axis, CASE agg WHEN 'arithmetic' THEN tb.tb_wmean(s, weight, cov) FILTER (WHERE agg = 'arithmetic')
                                     WHEN 'harmonic' THEN tb.tb_wharmean(s, weight, cov) FILTER (WHERE agg = 'harmonic')
                                     ELSE tb.tb_wgeomean(s, weight, cov) FILTER (WHERE agg = 'geometric') END AS score
          FROM n GROUP BY unit, axis),
  o AS (SELECT unit, NULL::text AS axis, CASE agg WHEN 'arithmetic' THEN tb.tb_wmean(score, 1, cov) FILTER (WHERE agg = 'arithmetic')
                                                  WHEN 'harmonic' THEN tb.tb_wharmean(score, 1, cov) FILTER (WHERE agg = 'harmonic')
                                                  ELSE tb.tb_wgeomean(score, 1, cov) FILTER (WHERE agg = 'geometric') END AS score
          FROM a GROUP BY unit),
  s AS (SELECT * FROM a UNION ALL SELECT * FROM o)
  SELECT unit, axis, score,
         CASE WHEN score IS NOT NULL THEN (rank() OVER (PARTITION BY axis ORDER BY score DESC NULLS LAST))::int END
    FROM s $$;
CREATE FUNCTION pg_temp.differs(norm text, agg text, cov float8) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM (SELECT * FROM tb.tb_matrix_scores((SELECT tb.tb_matrix(unit, indicator, value, axis, weight, direction) FROM cells), norm, agg, cov)) m
    FULL JOIN pg_temp.composed(norm, agg, cov) c ON c.unit = m.unit AND c.axis IS NOT DISTINCT FROM m.axis
   WHERE m.score IS DISTINCT FROM c.score OR m.rank IS DISTINCT FROM c.rank OR m.unit IS NULL OR c.unit IS NULL $$;
SELECT n, a, c, pg_temp.differs(n, a, c) AS rows_differing_from_sql
  FROM (VALUES ('minmax', 'arithmetic', 0.8), ('minmax', 'geometric', 0.8), ('zscore', 'arithmetic', 0.8),
               ('rank', 'arithmetic', 0.8), ('rank', 'geometric', 0.8), ('minmax', 'arithmetic', 0.9),
               ('minmax', 'arithmetic', 0), ('minmax', 'harmonic', 0.8), ('rank', 'harmonic', 0.8),
               ('percent_rank', 'geometric', 0.8), ('ordinal', 'arithmetic', 0.8), ('ordinal', 'harmonic', 0.9)) v(n, a, c);

-- Text and binary round trips; the same rows in another order, the same bits.
CREATE TEMP TABLE rt (k integer, m tb_matrix);
INSERT INTO rt SELECT 1, tb_matrix(unit, indicator, value, axis, weight, direction) FROM cells;
INSERT INTO rt VALUES (2, '[("a ""quoted"" unit","ind, 1",-0,"axis",0.1,lower) ("b","ind, 1",NULL,"axis",0.1,lower) ("é","j",1e-300,"",3,higher)]'),
                      (3, '[]');
SELECT k, m FROM rt WHERE k > 1 ORDER BY k;
SELECT (SELECT tb_matrix(unit, indicator, value, axis, weight, direction) FROM cells WHERE false) AS no_rows;
SELECT k, m::text::tb_matrix::text = m::text AS text_round_trip FROM rt ORDER BY k;
SELECT m::text = (SELECT tb_matrix(unit, indicator, value, axis, weight, direction ORDER BY value DESC, unit DESC)::text FROM cells) AS order_free
  FROM rt WHERE k = 1;
\getenv abs_builddir PG_ABS_BUILDDIR
\cd :abs_builddir
\copy rt TO 'results/matrix.bin' WITH (FORMAT binary)
CREATE TEMP TABLE rt2 (LIKE rt);
\copy rt2 FROM 'results/matrix.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, count(*) FILTER (WHERE a.m::text = b.m::text) AS equal,
       count(*) FILTER (WHERE tb_matrix_send(a.m) = tb_matrix_send(b.m)) AS same_bytes
  FROM rt a JOIN rt2 b USING (k);
SELECT tb_matrix_send('[("A","i",2,"X",1,lower) ("B","i",NULL,"X",1,lower)]');

-- Binary input: crafted payloads through tb_matrix_recv, each as the one
-- field of a binary COPY file.  valid: one cell, unit A, indicator i, axis
-- X, lower is better, value 2, weight 1.
CREATE TEMP TABLE payloads (name text PRIMARY KEY, p bytea);
WITH ok AS (SELECT '01' || '00000001' || '00000001' || '41' || '00000001' || '69' || '00000001' || '58'
                   || '02' || '4000000000000000' || '3ff0000000000000' AS h)
INSERT INTO payloads
SELECT v.name, decode(v.hx, 'hex') FROM ok, LATERAL (VALUES
    ('valid', h),
    ('version3', '03' || substr(h, 3)),
    ('short_header', substr(h, 1, 6)),
    ('truncated', substr(h, 1, length(h) - 2)),
    ('trailing', h || 'ff'),
    ('negative_count', '01ffffffff' || substr(h, 11)),
    ('too_many', '01' || '00989681' || substr(h, 11)),
    ('long_name', substr(h, 1, 10) || '7fffffff' || substr(h, 19)),
    ('zero_byte', substr(h, 1, 18) || '00' || substr(h, 21)),
    ('bad_utf8', substr(h, 1, 18) || 'ff' || substr(h, 21)),
    ('bad_flags', substr(h, 1, 40) || '04' || substr(h, 43)),
    ('nan_value', substr(h, 1, 42) || '7ff8000000000000' || substr(h, 59)),
    ('missing_with_value', substr(h, 1, 40) || '03' || substr(h, 43)),
    ('zero_weight', substr(h, 1, 58) || '0000000000000000'),
    -- version 2: flags 6 (lower is better, goalposts 0 and 10 after the weight)
    ('v2_goalposts', '02' || substr(h, 3, 38) || '06' || substr(h, 43) || '0000000000000000' || '4024000000000000'),
    ('v2_posts_reversed', '02' || substr(h, 3, 38) || '06' || substr(h, 43) || '4024000000000000' || '0000000000000000'),
    ('v2_posts_cut', '02' || substr(h, 3, 38) || '06' || substr(h, 43) || '0000000000000000'),
    ('v2_bad_flags', '02' || substr(h, 3, 38) || '42' || substr(h, 43)),
    ('v2_zero_target', '02' || substr(h, 3, 38) || '08' || substr(h, 43) || '0000000000000000')) AS v(name, hx);
CREATE TEMP TABLE payload (m tb_matrix);
\copy (SELECT p FROM payloads WHERE name = 'valid') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
SELECT m FROM payload;
\copy (SELECT p FROM payloads WHERE name = 'version3') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'v2_goalposts') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'v2_posts_reversed') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'v2_posts_cut') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'v2_bad_flags') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'v2_zero_target') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
SELECT m FROM payload ORDER BY m::text;
\copy (SELECT p FROM payloads WHERE name = 'short_header') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'truncated') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'trailing') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'negative_count') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'too_many') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'long_name') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'zero_byte') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'bad_utf8') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'bad_flags') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'nan_value') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'missing_with_value') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
\copy (SELECT p FROM payloads WHERE name = 'zero_weight') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
SELECT count(*) AS accepted FROM payload;

-- Rollup of parts = the whole: by axis, by unit; a cell in two parts is refused.
SELECT (SELECT tb_rollup(m)::text FROM (SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM cells GROUP BY axis) p)
     = (SELECT m::text FROM rt WHERE k = 1) AS rollup_by_axis,
       (SELECT tb_rollup(m)::text FROM (SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM cells GROUP BY unit) p)
     = (SELECT m::text FROM rt WHERE k = 1) AS rollup_by_unit;
SELECT pg_temp.err($$ SELECT tb.tb_rollup(m) FROM (SELECT tb.tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM cells GROUP BY unit
                      UNION ALL SELECT '[("C","i3",3,"Y",1,higher)]') p $$);

-- Parallel = serial on a generated matrix of 500 units x 100 indicators
-- (50,000 cells, 1 in 20 missing), and its scores equal the SQL composition.
CREATE TABLE mbig AS
SELECT 'u' || lpad(u::text, 3, '0') AS unit, 'k' || lpad(k::text, 3, '0') AS indicator,
       CASE WHEN hashint4(u * 1000 + k) % 20 = 0 THEN NULL ELSE ((hashint4(u * 7919 + k) % 10000) / 100.0)::float8 END AS value,
       'ax' || (k % 4) AS axis, (1 + k % 3)::float8 AS weight, CASE WHEN k % 5 = 0 THEN 'lower' ELSE 'higher' END AS direction
  FROM generate_series(1, 500) u, generate_series(1, 100) k;
ANALYZE mbig;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT tb_matrix(unit, indicator, value, axis, weight, direction) FROM mbig;
CREATE TEMP TABLE par AS SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM mbig;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM mbig;
RESET max_parallel_workers_per_gather;
SELECT tb_matrix_send(p.m) = tb_matrix_send(s.m) AS parallel_equals_serial FROM par p, ser s;
SELECT count(*) AS rows, count(*) FILTER (WHERE rank IS NOT NULL) AS ranked FROM tb_matrix_scores((SELECT m FROM ser));
TRUNCATE cells;
INSERT INTO cells SELECT * FROM mbig;
SELECT n, a, pg_temp.differs(n, a, 0.8) AS rows_differing_from_sql
  FROM (VALUES ('minmax', 'arithmetic'), ('minmax', 'geometric'), ('zscore', 'arithmetic'), ('rank', 'geometric'),
               ('minmax', 'harmonic'), ('ordinal', 'arithmetic')) v(n, a);
DROP TABLE mbig;

-- Uncertainty.  On the hand matrix: the same seed gives the same rows,
-- another seed other rows; the nominal rank is tb_matrix_scores' overall
-- rank; p05 <= median <= p95.
TRUNCATE cells;
INSERT INTO cells VALUES
  ('A', 'i1', 10, 'X', 2, 'higher'), ('B', 'i1', 20, 'X', 2, 'higher'), ('C', 'i1', 30, 'X', 2, 'higher'), ('D', 'i1', 40, 'X', 2, 'higher'),
  ('A', 'i2', 5, 'X', 1, 'higher'),  ('B', 'i2', 5, 'X', 1, 'higher'),  ('C', 'i2', 0, 'X', 1, 'higher'),  ('D', 'i2', 10, 'X', 1, 'higher'),
  ('A', 'i3', 1, 'Y', 1, 'higher'),  ('B', 'i3', NULL, 'Y', 1, 'higher'), ('C', 'i3', 3, 'Y', 1, 'higher'), ('D', 'i3', 2, 'Y', 1, 'higher'),
  ('A', 'i4', 100, 'Y', 4, 'lower'), ('B', 'i4', 50, 'Y', 4, 'lower'), ('C', 'i4', 0, 'Y', 4, 'lower'),  ('D', 'i4', 50, 'Y', 4, 'lower');
CREATE TEMP TABLE hm AS SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM cells;
SELECT u.unit, u.nominal_rank, u.median_rank, u.rank_p05, u.rank_p95, round(u.mean_abs_shift::numeric, 4) AS mean_abs_shift
  FROM hm, tb_matrix_uncertainty(hm.m, 200, 0.25, 7) u;
SELECT (SELECT array_agg(u ORDER BY u.unit)::text FROM hm, tb_matrix_uncertainty(hm.m, 300, 0.25, 42) u)
     = (SELECT array_agg(u ORDER BY u.unit)::text FROM hm, tb_matrix_uncertainty(hm.m, 300, 0.25, 42) u) AS same_seed_same_rows,
       (SELECT array_agg(u ORDER BY u.unit)::text FROM hm, tb_matrix_uncertainty(hm.m, 300, 0.25, 42) u)
     <> (SELECT array_agg(u ORDER BY u.unit)::text FROM hm, tb_matrix_uncertainty(hm.m, 300, 0.25, 43) u) AS other_seed_other_rows;
SELECT count(*) AS units,
       count(*) FILTER (WHERE u.nominal_rank IS NOT DISTINCT FROM s.rank) AS nominal_is_overall_rank,
       count(*) FILTER (WHERE u.rank_p05 <= u.median_rank AND u.median_rank <= u.rank_p95) AS ordered,
       count(*) FILTER (WHERE u.rank_p05 >= 1 AND u.rank_p95 <= 4 AND u.mean_abs_shift >= 0) AS in_range
  FROM hm, tb_matrix_uncertainty(hm.m) u
  JOIN tb_matrix_scores((SELECT m FROM hm)) s ON s.unit = u.unit AND s.axis IS NULL;
-- A deterministic property: W is strictly the best and Z strictly the
-- worst on every indicator, so every normalisation, aggregation, weighting
-- and indicator left out ranks W first and Z last: their rank intervals
-- are a point and they never shift.  A single run gives each unit one
-- rank: p05 = median = p95.
TRUNCATE cells;
INSERT INTO cells
SELECT u, 'k' || k, CASE u WHEN 'W' THEN 100 + k WHEN 'Z' THEN -100 - k ELSE (hashint4(k * 31 + ascii(u)) % 50)::float8 END,
       'ax' || (k % 3), 1 + k % 2, 'higher'
  FROM unnest(ARRAY['W', 'M', 'N', 'O', 'Z']) u, generate_series(1, 9) k;
SELECT u.unit, u.nominal_rank, u.median_rank, u.rank_p05, u.rank_p95, u.mean_abs_shift
  FROM (SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM cells) q, tb_matrix_uncertainty(q.m, 500, 0.5, 3) u
 WHERE u.unit IN ('W', 'Z');
SELECT u.unit, u.rank_p05 = u.rank_p95 AND u.rank_p05 = u.median_rank AS one_run_is_a_point
  FROM (SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM cells) q, tb_matrix_uncertainty(q.m, 1, 0, 11) u;
-- With weight_range 0 and the indicators all equal in every unit but one
-- value, the methods agree: every run ranks the units as the nominal run.
TRUNCATE cells;
INSERT INTO cells SELECT u, 'k' || k, u * 10 + k, 'ax' || (k % 2), 1, 'higher'
  FROM generate_series(1, 6) u, generate_series(1, 4) k;
SELECT count(*) AS units, count(*) FILTER (WHERE u.median_rank = u.nominal_rank AND u.rank_p05 = u.rank_p95 AND u.mean_abs_shift = 0) AS never_moves
  FROM (SELECT tb_matrix(unit::text, indicator, value, axis, weight, direction) AS m FROM cells) q, tb_matrix_uncertainty(q.m, 300, 0, 5) u;
SELECT count(*) AS units FROM tb_matrix_uncertainty('[]');
-- A geometric run reads the values on 1-100: a unit last on one indicator
-- and first on every other is not scored 0 (and ranked with the others
-- last on something); here V is last only on k1 and first on the rest.
TRUNCATE cells;
INSERT INTO cells SELECT u, 'k' || k,
       CASE WHEN u = 'V' THEN CASE WHEN k = 1 THEN 0 ELSE 100 END ELSE 50 + (hashint4(k * 7 + ascii(u)) % 40) END,
       'ax', 1, 'higher'
  FROM unnest(ARRAY['V', 'P', 'Q', 'R', 'S']) u, generate_series(1, 8) k;
SELECT u.unit, u.rank_p95 AS worst_rank_of_v
  FROM (SELECT tb_matrix(unit, indicator, value, axis, weight, direction) AS m FROM cells) q, tb_matrix_uncertainty(q.m, 400, 0, 9) u
 WHERE u.unit = 'V';

-- Sensitivity: which choice moves the ranks.  Five inputs, the indices in
-- [0, 1] up to their sampling error, total at least first order (up to
-- it); same seed, same indices; ranks that never move: all NULL.
SELECT s.input, s.first_order BETWEEN -0.2 AND 1.2 AS first_in_range, s.total_effect BETWEEN 0 AND 1.2 AS total_in_range,
       s.total_effect >= s.first_order - 0.1 AS total_at_least_first, s.first_lower <= s.first_upper AS interval
  FROM hm, tb_matrix_sensitivity(hm.m, 256, 0.25, 5, 200) s;
SELECT (SELECT array_agg(s ORDER BY s.input)::text FROM hm, tb_matrix_sensitivity(hm.m, 64, 0.25, 3, 50) s)
     = (SELECT array_agg(s ORDER BY s.input)::text FROM hm, tb_matrix_sensitivity(hm.m, 64, 0.25, 3, 50) s) AS same_seed_same_indices;
SELECT s.input, s.first_order, s.total_effect
  FROM (SELECT tb_matrix(unit::text, indicator, value, axis, weight, direction) AS m
          FROM (SELECT u, 'k' || k AS indicator, (u * 10 + k)::float8 AS value, 'ax' AS axis, 1::float8 AS weight, 'higher' AS direction
                  FROM generate_series(1, 4) u, generate_series(1, 3) k) c(unit, indicator, value, axis, weight, direction)) q,
       tb_matrix_sensitivity(q.m, 32, 0, 1, 0) s;

-- Errors.
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, 'i', 1, 'X', w, 'higher') FROM (VALUES ('A', 1.0), ('B', 2.0)) v(u, w) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, 'i', 1, a, 1, 'higher') FROM (VALUES ('A', 'X'), ('B', 'Y')) v(u, a) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, 'i', 1, 'X', 1, d) FROM (VALUES ('A', 'higher'), ('B', 'lower')) v(u, d) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', v, 'X', 1, 'higher') FROM (VALUES (1.0), (NULL)) v(v) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', 1, 'X', 1, 'up') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', 1, 'X', 0, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', 1, 'X', 'Infinity', 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', 'NaN', 'X', 1, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(NULL, 'i', 1, 'X', 1, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', NULL, 1, 'X', 1, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', 1, NULL, 1, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', 1, 'X', NULL, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i', 1, 'X', 1, NULL) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(repeat('u', 1001), 'i', 1, 'X', 1, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'i' || g, 1, 'X', 1, 'higher') FROM generate_series(1, 10001) g $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('u' || g, 'i', 1, 'X', 1, 'higher') FROM generate_series(1, 100001) g $$);
SELECT pg_temp.err($$ SELECT '[("A","i",1,"X",1,higher)'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",1,"X",1,higher)] '::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[(A,"i",1,"X",1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i", 1,"X",1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",x,"X",1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",Infinity,"X",1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",1,"X",-1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",1,"X",1,better)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",1,"X",1,higher)  ("B","i",1,"X",1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A,"i",1,"X",1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",1,"X",1,higher) ("A","i",2,"X",1,higher)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","i",1,"X",1,higher) ("B","i",2,"X",1,lower)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'robust') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'minmax', 'mean') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'zscore', 'geometric') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'minmax', 'arithmetic', 1.5) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'minmax', 'arithmetic', 'NaN') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 100001) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty((SELECT tb.tb_matrix('u' || g, 'i', g, 'X', 1, 'higher') FROM generate_series(1, 300) g), 100000) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 10, 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 10, -0.1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_sensitivity('[]', 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_sensitivity('[]', 100000) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_sensitivity('[]', 64, 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_sensitivity('[]', 64, 0.25, 1, -1) $$);
SELECT * FROM tb_matrix_scores('[]');

-- Goalposts and target: the nine-argument form.  Units A, B, C; g1 (axis
-- X, higher, goalposts 0 and 50, target 40): 10, 45, 60; g2 (axis X,
-- lower, goalposts 0 and 100, target 20): 20, 50, missing.
--   goalposts: g1 A 20, B 90, C 100 (clipped); g2 A 80, B 50.
--   target:    g1 A 25, B 100 (capped), C 100; g2 A 100 (at the target), B 40.
-- X (arithmetic): goalposts A 50, B 70; target A 62.5, B 70; C has half
-- the weight, under 0.8: NULL.
CREATE TEMP TABLE gcells (unit text, indicator text, value float8, axis text, weight float8, direction text,
                          lo float8, hi float8, target float8);
INSERT INTO gcells VALUES
  ('A', 'g1', 10, 'X', 1, 'higher', 0, 50, 40), ('B', 'g1', 45, 'X', 1, 'higher', 0, 50, 40), ('C', 'g1', 60, 'X', 1, 'higher', 0, 50, 40),
  ('A', 'g2', 20, 'X', 1, 'lower', 0, 100, 20), ('B', 'g2', 50, 'X', 1, 'lower', 0, 100, 20), ('C', 'g2', NULL, 'X', 1, 'lower', 0, 100, 20);
CREATE TEMP TABLE gm AS SELECT tb_matrix(unit, indicator, value, axis, weight, direction, lo, hi, target) AS m FROM gcells;
SELECT m FROM gm;
SELECT n, s.unit, s.axis, s.score, s.rank
  FROM gm, unnest(ARRAY['goalposts', 'target']) n, tb_matrix_scores(gm.m, n) s ORDER BY n, s.axis NULLS LAST, s.unit;
-- The same composed from tb_norm_goalposts and tb_norm_target.
SELECT count(*) AS rows,
       count(*) FILTER (WHERE g.score IS NOT DISTINCT FROM c.score) AS goalposts_equal
  FROM (SELECT * FROM gm, tb_matrix_scores(gm.m, 'goalposts', 'arithmetic', 0.5) s WHERE s.axis IS NOT NULL) g
  JOIN (SELECT unit, tb_wmean(tb_norm_goalposts(value, CASE direction WHEN 'higher' THEN lo ELSE hi END,
                                                CASE direction WHEN 'higher' THEN hi ELSE lo END, 100), weight, 0.5) AS score
          FROM gcells GROUP BY unit) c USING (unit);
SELECT count(*) AS rows,
       count(*) FILTER (WHERE g.score IS NOT DISTINCT FROM c.score) AS target_equal
  FROM (SELECT * FROM gm, tb_matrix_scores(gm.m, 'target', 'harmonic', 0.5) s WHERE s.axis IS NOT NULL) g
  JOIN (SELECT unit, tb_wharmean(tb_norm_target(value, target, direction, 100), weight, 0.5) AS score
          FROM gcells GROUP BY unit) c USING (unit);
-- Round trips; the six-argument form and the text without goalposts read
-- as before; marks (imputed, treated) are part of the text.
INSERT INTO rt VALUES (4, (SELECT m FROM gm)),
                      (5, '[("A","g",1,"X",1,higher,lower=0,upper=2,target=1,imputed,treated) ("B","g",NULL,"X",1,higher,lower=0,upper=2,target=1)]'),
                      (6, '[("A","t",0.5,"X",1,lower,target=0,treated)]');
SELECT k, m FROM rt WHERE k >= 4 ORDER BY k;
\copy rt TO 'results/matrix.bin' WITH (FORMAT binary)
TRUNCATE rt2;
\copy rt2 FROM 'results/matrix.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, count(*) FILTER (WHERE a.m::text = b.m::text) AS equal,
       count(*) FILTER (WHERE tb_matrix_send(a.m) = tb_matrix_send(b.m)) AS same_bytes,
       count(*) FILTER (WHERE a.m::text::tb_matrix::text = a.m::text) AS text_round_trip
  FROM rt a JOIN rt2 b USING (k);
-- A matrix of the six-argument form rolls up with one of the nine.
SELECT tb_rollup(m) FROM (SELECT m FROM gm UNION ALL SELECT '[("A","h",1,"Y",1,higher)]'::tb_matrix) p;
SELECT pg_temp.err($$ SELECT tb.tb_rollup(m) FROM (SELECT m FROM gm UNION ALL SELECT '[("D","g1",1,"X",1,higher)]'::tb.tb_matrix) p $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(unit, indicator, value, axis, weight, direction, lo, CASE unit WHEN 'A' THEN hi ELSE hi + 1 END, target) FROM gcells $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'g', 1, 'X', 1, 'higher', 0, NULL, NULL) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'g', 1, 'X', 1, 'higher', 5, 5, NULL) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'g', 1, 'X', 1, 'higher', 0, 'Infinity', NULL) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'g', 1, 'X', 1, 'higher', NULL, NULL, 0) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix('A', 'g', 1, 'X', 1, 'lower', NULL, NULL, -1) $$);
SELECT pg_temp.err($$ SELECT '[("A","g",1,"X",1,higher,lower=0)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","g",1,"X",1,higher,lower=3,upper=1)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT '[("A","g",1,"X",1,higher,treated,imputed)]'::tb.tb_matrix $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[("A","g",1,"X",1,higher)]', 'goalposts') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[("A","g",1,"X",1,higher)]', 'target') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[("A","g",-1,"X",1,higher,target=2)]', 'target') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[("A","g",-1,"X",1,higher)]', 'zscore', 'harmonic') $$);

-- Median and Copeland, by hand on the four countries (min-max scores as
-- at the top).  Weighted median, X (i1 weight 2, i2 weight 1): A 0, B
-- 33.333, C 66.667, D 100; Y (i3 1, i4 4): A 0, B 50, C 100, D 50;
-- overall, the midpoint of the two axes: A 0, B 41.667, C 83.333, D 75.
-- Copeland, X: D beats all (3), C beats A and B (1), B beats A (-1), A
-- (-3); Y: C 3, B and D tie (i4 50 each, B has no i3): 0 each, A -3;
-- overall over the axes' Copeland scores: C and D tie (each wins one
-- axis), both 2; B -1; A -3.
TRUNCATE cells;
INSERT INTO cells VALUES
  ('A', 'i1', 10, 'X', 2, 'higher'), ('B', 'i1', 20, 'X', 2, 'higher'), ('C', 'i1', 30, 'X', 2, 'higher'), ('D', 'i1', 40, 'X', 2, 'higher'),
  ('A', 'i2', 5, 'X', 1, 'higher'),  ('B', 'i2', 5, 'X', 1, 'higher'),  ('C', 'i2', 0, 'X', 1, 'higher'),  ('D', 'i2', 10, 'X', 1, 'higher'),
  ('A', 'i3', 1, 'Y', 1, 'higher'),  ('B', 'i3', NULL, 'Y', 1, 'higher'), ('C', 'i3', 3, 'Y', 1, 'higher'), ('D', 'i3', 2, 'Y', 1, 'higher'),
  ('A', 'i4', 100, 'Y', 4, 'lower'), ('B', 'i4', 50, 'Y', 4, 'lower'), ('C', 'i4', 0, 'Y', 4, 'lower'),  ('D', 'i4', 50, 'Y', 4, 'lower');
SELECT a, s.unit, s.axis, round(s.score::numeric, 3) AS score, s.rank
  FROM hm, unnest(ARRAY['median', 'copeland']) a, tb_matrix_scores(hm.m, 'minmax', a) s ORDER BY a, s.axis NULLS LAST, s.unit;
-- Equal weights: the weighted median is tb_median's median.
SELECT count(*) AS units, count(*) FILTER (WHERE s.score = q.med) AS median_equals_tb_median
  FROM (SELECT unit, tb_median(value) AS med FROM (VALUES ('P', 1.0::float8), ('P', 4), ('P', 2), ('P', 10), ('Q', 3), ('Q', 3), ('Q', 8)) v(unit, value)
         GROUP BY unit) q
  JOIN tb_matrix_scores((SELECT tb_matrix(u, 'k' || n, x, 'X', 1, 'higher', 0, 100, NULL)
                           FROM (SELECT u, x, row_number() OVER (PARTITION BY u) n
                                   FROM (VALUES ('P', 1.0::float8), ('P', 4), ('P', 2), ('P', 10), ('Q', 3), ('Q', 3), ('Q', 8)) v(u, x)) w),
                        'goalposts', 'median', 0) s ON s.unit = q.unit AND s.axis = 'X';

-- Screening: B has 3 of 4 indicators, i3 3 of 4 units.  At 0.8 both are
-- dropped; the screened matrix keeps A, C, D and i1, i2, i4.
SELECT s.* FROM hm, tb_matrix_screen(hm.m, 0.8, 0.8) s;
SELECT tb_matrix_screened(m, 0.8, 0.8) FROM hm;
SELECT tb_matrix_screened(m)::text = m::text AS nothing_dropped_at_0 FROM hm;
SELECT count(*) AS rows FROM tb_matrix_screen('[]');
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_screen('[]', 1.5, 0) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_screened('[]', 0, -0.1) $$);

-- Imputation, by hand.  Units P, Q, R, S; axis X: a = P 1, Q 2, R 9, S
-- missing; b (lower is better) = P 10, Q absent, R 30, S 40.
--   mean:         S a = 4,  Q b = 80 / 3
--   median:       S a = 2,  Q b = 30
--   group_mean (P, Q in g1; R, S in g2): S a = 9 (R), Q b = 10 (P)
--   axis_mean:    min-max a: P 0, Q 12.5, R 100; b: P 100, R 33.333, S 0.
--                 S a = 1 + 0 * 8 = 1; Q b = 40 - 0.125 * 30 = 36.25
--                 (lower is better: the score counts down from the worst)
--   locf (earlier: S a 5, Q b NULL): S a = 5, Q b stays absent.
CREATE TEMP TABLE im AS
SELECT '[("P","a",1,"X",1,higher) ("Q","a",2,"X",1,higher) ("R","a",9,"X",1,higher) ("S","a",NULL,"X",1,higher) ("P","b",10,"X",1,lower) ("R","b",30,"X",1,lower) ("S","b",40,"X",1,lower)]'::tb_matrix AS m;
SELECT meth, c.unit, c.indicator, round(c.value::numeric, 4) AS value, c.imputed
  FROM im, unnest(ARRAY['mean', 'median', 'axis_mean']) meth, tb_matrix_cells(tb_matrix_impute(im.m, meth)) c
 WHERE c.imputed ORDER BY meth, c.indicator, c.unit;
SELECT tb_matrix_impute(m) FROM im;
SELECT c.* FROM im, tb_matrix_cells(tb_matrix_impute(im.m, 'group_mean', ARRAY['P', 'Q', 'R', 'S', 'Z'], ARRAY['g1', 'g1', 'g2', 'g2', 'g3'])) c;
SELECT c.unit, c.indicator, c.value, c.imputed
  FROM im, tb_matrix_cells(tb_matrix_impute(im.m, 'group_median', ARRAY['P', 'Q'], ARRAY['g1', 'g1'])) c WHERE c.value IS NULL OR c.imputed;
SELECT tb_matrix_impute(m, 'locf', '[("S","a",5,"X",1,higher) ("Q","b",NULL,"X",1,lower) ("P","a",0,"X",1,higher)]') FROM im;
-- imputing again changes nothing; an imputed matrix scores with full coverage
SELECT tb_matrix_impute(tb_matrix_impute(m))::text = tb_matrix_impute(m)::text AS idempotent FROM im;
SELECT s.unit, s.score FROM im, tb_matrix_scores(tb_matrix_impute(im.m), 'minmax', 'arithmetic', 1) s WHERE s.axis IS NULL;
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute('[]', 'mode') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute('[]', 'group_mean') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute('[]', 'locf') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute('[]', 'mean', '[]'::tb.tb_matrix) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute('[]', 'mean', ARRAY['P'], ARRAY['g']) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute(m, 'group_mean', ARRAY['P', 'Q'], ARRAY['g']) FROM im $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute(m, 'group_mean', ARRAY['P', NULL], ARRAY['g', 'g']) FROM im $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute(m, 'group_mean', ARRAY['P', 'P'], ARRAY['g', 'h']) FROM im $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute(m, 'group_mean', ARRAY[['P', 'Q']], ARRAY[['g', 'g']]) FROM im $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_impute(tb.tb_matrix('u' || u, 'k' || k, 1, 'X', 1, 'higher'), 'mean')
                        FROM generate_series(1, 3163) u, generate_series(1, 3163) k WHERE u = k OR (u = 1 AND k < 10) $$);

-- Outlier treatment, COINr's default, by hand.  o1 = 1 .. 10, 30, 100:
-- skew 3.063, kurtosis 9.741; 100 becomes 30 (one point): skew 1.712,
-- passes.  o2 = fifteen 1s, 2, 3, 50, 1000, 5000: 5000 -> 1000 (skew
-- 2.881, kurtosis 7.011, still fails), then both 1000s -> 50: 3 points,
-- skew 2.120, kurtosis 2.767, passes.  o3 = -o1: skewed left, -100 -> -30.
-- With winmax 1, o2 still fails after one point: the log transform
-- log(x - 1 + 1) of the original values instead.  o4 = 1 .. 5 passes as is.
CREATE TEMP TABLE tr AS
SELECT tb_matrix(unit, ind, x, 'X', 1, 'higher') AS m FROM (
  SELECT 'u' || lpad(g::text, 2, '0') AS unit, 'o1' AS ind, (CASE WHEN g <= 10 THEN g WHEN g = 11 THEN 30 ELSE 100 END)::float8 AS x FROM generate_series(1, 12) g
  UNION ALL SELECT 'u' || lpad(g::text, 2, '0'), 'o2', (CASE WHEN g <= 15 THEN 1 WHEN g = 16 THEN 2 WHEN g = 17 THEN 3 WHEN g = 18 THEN 50 WHEN g = 19 THEN 1000 ELSE 5000 END)::float8 FROM generate_series(1, 20) g
  UNION ALL SELECT 'u' || lpad(g::text, 2, '0'), 'o3', -(CASE WHEN g <= 10 THEN g WHEN g = 11 THEN 30 ELSE 100 END)::float8 FROM generate_series(1, 12) g
  UNION ALL SELECT 'u' || lpad(g::text, 2, '0'), 'o4', g::float8 FROM generate_series(1, 5) g) v;
SELECT indicator, n, round(skew_before::numeric, 3) AS skew_before, round(kurt_before::numeric, 3) AS kurt_before,
       round(skew_after::numeric, 3) AS skew_after, round(kurt_after::numeric, 3) AS kurt_after, winsorised, log_applied
  FROM tr, tb_matrix_treatment(tr.m);
SELECT c.indicator, c.unit, c.value FROM tr, tb_matrix_cells(tb_matrix_treat(tr.m)) c WHERE c.treated;
SELECT indicator, winsorised, log_applied FROM tr, tb_matrix_treatment(tr.m, 1) WHERE indicator = 'o2';
SELECT count(*) AS treated, bool_and(abs(c.value - ln(o.value)) < 1e-15) AS log_of_original
  FROM tr, tb_matrix_cells(tb_matrix_treat(tr.m, 1)) c JOIN tb_matrix_cells((SELECT m FROM tr)) o USING (unit, indicator)
 WHERE c.indicator = 'o2' AND c.treated;
SELECT indicator, winsorised, log_applied FROM tr, tb_matrix_treatment(tr.m, 0);
SELECT count(*) FILTER (WHERE c.treated) AS treated_cells FROM tr, tb_matrix_cells(tb_matrix_treat(tr.m, 5, 100, 3.5)) c;
SELECT pg_temp.err($$ SELECT tb.tb_matrix_treat('[]', -1) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix_treat('[]', 5, 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_treatment('[]', 5, 2, 'NaN') $$);

-- Coherence.  Cronbach's alpha of a published worked example: 4
-- respondents x 3 items, item 1 = 4, 3, 5, 2; item 2 = 5, 4, 5, 3; item 3
-- = 4, 3, 5, 2 (calkulon.com, "Cronbach's alpha", step by step: item
-- variances 5/3, 2.75/3, 5/3, total-score variance 12.25), alpha =
-- 3/2 (1 - 4.25 / 12.25) = 0.97959.  Goalposts 0 and 100 leave the values
-- as they are.  pc1_share: the largest eigenvalue of the items' correlation
-- matrix / 3; items 1 and 3 are equal.
CREATE TEMP TABLE ca AS
SELECT tb_matrix('r' || r, 'item' || i, x, 'S', 1, 'higher', 0, 100, NULL) AS m
  FROM (VALUES (1, 1, 4), (2, 1, 3), (3, 1, 5), (4, 1, 2), (1, 2, 5), (2, 2, 4), (3, 2, 5), (4, 2, 3),
               (1, 3, 4), (2, 3, 3), (3, 3, 5), (4, 3, 2)) v(r, i, x);
SELECT kind, x, y, n, round(pearson::numeric, 6) AS pearson, round(spearman::numeric, 6) AS spearman, round(value::numeric, 6) AS value
  FROM ca, tb_matrix_coherence(ca.m, 'goalposts');
SELECT round(value::numeric, 12) = round((3.0 / 2 * (1 - 4.25 / 12.25))::numeric, 12) AS alpha_is_the_formula
  FROM ca, tb_matrix_coherence(ca.m, 'goalposts') WHERE kind = 'alpha';
-- An indicator without spread: alpha is still defined (item 2 constant: the
-- sums vary as item 1, alpha = 2 (1 - 1) = 0), the correlations are not.
SELECT kind, n, value FROM tb_matrix_coherence('[("a","i1",1,"S",1,higher) ("b","i1",2,"S",1,higher) ("c","i1",4,"S",1,higher) ("a","i2",5,"S",1,higher) ("b","i2",5,"S",1,higher) ("c","i2",5,"S",1,higher)]')
 WHERE kind IN ('alpha', 'pc1_share', 'indicator');
-- Pearson and Spearman by PostgreSQL's corr() and by ranks on the hand matrix.
SELECT c.x, c.y, c.n, abs(c.pearson - q.r) < 1e-12 AS pearson_is_corr
  FROM hm, tb_matrix_coherence(hm.m) c
  JOIN (SELECT a.indicator AS x, b.indicator AS y, corr(a.s, b.s) AS r
          FROM (SELECT unit, indicator, s FROM (SELECT unit, indicator, tb_norm_minmax(tb_summary(value) OVER w, value, direction, 100) AS s
                                                  FROM cells WINDOW w AS (PARTITION BY indicator)) z) a
          JOIN (SELECT unit, indicator, tb_norm_minmax(tb_summary(value) OVER w, value, direction, 100) AS s
                  FROM cells WINDOW w AS (PARTITION BY indicator)) b ON a.unit = b.unit AND a.indicator < b.indicator
         GROUP BY 1, 2) q ON q.x = c.x AND q.y = c.y
 WHERE c.kind = 'indicator' ORDER BY 1, 2;
SELECT kind, count(*) FROM hm, tb_matrix_coherence(hm.m) GROUP BY kind ORDER BY kind;
-- An external series: the TIP-like tier of each country (lower is better):
-- the overall score falls as the tier rises.
SELECT c.* FROM hm, tb_matrix_correlate(hm.m, ARRAY['A', 'B', 'C', 'D', 'Z'], ARRAY[3, 2.5, 1, NULL, 1]) c;
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_correlate('[]', ARRAY['A'], ARRAY[1, 2]) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_correlate('[("A","i",1,"X",1,higher)]', ARRAY['A', 'A'], ARRAY[1, 2]) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_correlate('[("A","i",1,"X",1,higher)]', ARRAY['A', NULL], ARRAY[1, 2]) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_correlate('[("A","i",1,"X",1,higher)]', ARRAY['A'], ARRAY['Infinity'::float8]) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_correlate('[]', ARRAY[['A']], ARRAY[[1]]) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_coherence('[]', 'zscore', 'geometric') $$);

-- The steps compose: screened, imputed, treated, then scored.
SELECT s.unit, s.axis, round(s.score::numeric, 3) AS score, s.rank
  FROM hm, tb_matrix_scores(tb_matrix_treat(tb_matrix_impute(tb_matrix_screened(hm.m, 0, 0.8), 'median')), 'minmax', 'arithmetic', 1) s;

-- The stored layout and the arithmetic mean's sums.  Weights from 1e-290 to
-- 1e280 and values over 600 decades (the products far from any scale take
-- the exact accumulator directly, the others the expansion), z-scores of
-- both signs, missing and absent cells: every axis score has the bits of
-- tb_wmean over the same normalised values.
CREATE TABLE matrix_adv AS
SELECT 'u' || u AS unit, 'i' || i AS ind, 'A' || (i % 3) AS axis,
       CASE i % 9 WHEN 0 THEN 1e-290 WHEN 1 THEN 1e280 WHEN 2 THEN 0.1 WHEN 3 THEN 1 / 3.0 WHEN 4 THEN 7
                  ELSE 1 + (i % 13) / 7.0 END::float8 AS w,
       CASE WHEN i % 2 = 0 THEN 'lower' ELSE 'higher' END AS dir,
       CASE WHEN (u * 31 + i * 17) % 7 = 0 THEN NULL
            ELSE (hashint8(u * 1000 + i)::float8 / 2147483648.0) * power(10::float8, ((i * 7 + u) % 600) - 300) END AS v
  FROM generate_series(1, 30) u, generate_series(1, 120) i;
WITH s AS (SELECT ind, tb_summary(v) AS s FROM matrix_adv GROUP BY ind),
     m AS (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM matrix_adv),
     q AS (SELECT 'zscore' AS norm, a.unit, a.axis, tb_wmean(tb_norm_zscore(s.s, a.v, a.dir), a.w, 0.5) AS score
             FROM matrix_adv a JOIN s USING (ind) GROUP BY a.unit, a.axis
           UNION ALL
           SELECT 'minmax', a.unit, a.axis, tb_wmean(tb_norm_minmax(s.s, a.v, a.dir, 100), a.w, 0.5)
             FROM matrix_adv a JOIN s USING (ind) GROUP BY a.unit, a.axis),
     x AS (SELECT n.norm, t.unit, t.axis, t.score
             FROM m, (VALUES ('zscore'), ('minmax')) n (norm), tb_matrix_scores(m.m, n.norm, 'arithmetic', 0.5) t
            WHERE t.axis IS NOT NULL)
SELECT norm, count(*) AS scores, count(*) FILTER (WHERE q.score < 0) AS negative,
       count(*) FILTER (WHERE float8send(q.score) = float8send(x.score)) AS same_bits
  FROM q JOIN x USING (norm, unit, axis) GROUP BY norm ORDER BY norm;
-- Weights whose sums a double holds exactly (halves here), added without
-- the check of their rounding: the same bits as tb_wmean, with the missing
-- cells given as NULL or absent from the matrix.
CREATE TABLE matrix_half AS
SELECT 'u' || u AS unit, 'i' || i AS ind, 'A' || (i % 3) AS axis, ((1 + i % 5) / 2.0)::float8 AS w,
       CASE WHEN i % 2 = 0 THEN 'lower' ELSE 'higher' END AS dir,
       CASE WHEN (u * 31 + i * 17) % 7 = 0 THEN NULL ELSE (hashint8(u * 1000 + i) % 100000) / 7.0 END::float8 AS v,
       (u * 31 + i * 17) % 7 = 0 AND u % 2 = 0 AS absent
  FROM generate_series(1, 30) u, generate_series(1, 120) i;
WITH s AS (SELECT ind, tb_summary(v) AS s FROM matrix_half GROUP BY ind),
     m AS (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM matrix_half WHERE NOT absent),
     q AS (SELECT 'zscore' AS norm, a.unit, a.axis, tb_wmean(tb_norm_zscore(s.s, a.v, a.dir), a.w, 0.5) AS score
             FROM matrix_half a JOIN s USING (ind) GROUP BY a.unit, a.axis
           UNION ALL
           SELECT 'minmax', a.unit, a.axis, tb_wmean(tb_norm_minmax(s.s, a.v, a.dir, 100), a.w, 0.5)
             FROM matrix_half a JOIN s USING (ind) GROUP BY a.unit, a.axis),
     x AS (SELECT n.norm, t.unit, t.axis, t.score
             FROM m, (VALUES ('zscore'), ('minmax')) n (norm), tb_matrix_scores(m.m, n.norm, 'arithmetic', 0.5) t
            WHERE t.axis IS NOT NULL)
SELECT norm, count(*) AS scores, (SELECT count(*) FROM matrix_half WHERE absent) AS absent_cells,
       count(*) FILTER (WHERE float8send(q.score) = float8send(x.score)) AS same_bits
  FROM q JOIN x USING (norm, unit, axis) GROUP BY norm ORDER BY norm;
DROP TABLE matrix_half;
-- The same matrix from a parallel plan (each worker's cells sent grouped by
-- indicator, merged by id), from rolled-up parts and read back from text:
-- the same value.
CREATE TEMP TABLE adv_m AS SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM matrix_adv;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_has(q text, what text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE l text;
BEGIN
  FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF l LIKE '%' || what || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$;
SELECT pg_temp.plan_has('SELECT tb_matrix(unit, ind, v, axis, w, dir) FROM matrix_adv', 'Partial Aggregate') AS parallel_plan;
SELECT md5(tb_matrix_send(p.m)) = md5(tb_matrix_send(a.m)) AS parallel_same,
       md5(tb_matrix_send(r.m)) = md5(tb_matrix_send(a.m)) AS rollup_same,
       md5(tb_matrix_send(a.m::text::tb_matrix)) = md5(tb_matrix_send(a.m)) AS text_same,
       a.m::text = p.m::text AS text_equal
  FROM adv_m a,
       (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM matrix_adv) p,
       (SELECT tb_rollup(m) AS m FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM matrix_adv GROUP BY unit) z) r;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE matrix_adv;

-- Integer keys (the bigint form; integer columns take it too): the same
-- matrix as the keys' decimal text, serially, in parallel and rolled up
-- with text-named parts; keys below zero and past the directly indexed
-- range (65,536) included.
CREATE TABLE kcells AS
SELECT CASE WHEN u % 7 = 0 THEN -u ELSE u * 100003 END::bigint AS unit, i::int AS ind,
       CASE WHEN hashint4(u * 101 + i) % 9 = 0 THEN NULL ELSE (hashint4(u * 31 + i) % 1000)::float8 END AS v,
       (i % 3)::int AS axis, (1 + i % 4)::float8 AS w, CASE WHEN i % 4 = 0 THEN 'lower' ELSE 'higher' END AS dir,
       CASE WHEN i % 5 = 0 THEN 0::float8 END AS lo, CASE WHEN i % 5 = 0 THEN 1000::float8 END AS hi
  FROM generate_series(1, 300) u, generate_series(1, 40) i;
ANALYZE kcells;
CREATE TEMP TABLE kref AS
SELECT tb_matrix(unit::text, ind::text, v, axis::text, w, dir) AS m6,
       tb_matrix(unit::text, ind::text, v, axis::text, w, dir, lo, hi, NULL) AS m9 FROM kcells;
SELECT tb_matrix_send(k.m6) = tb_matrix_send(r.m6) AS keys_same, tb_matrix_send(k.m9) = tb_matrix_send(r.m9) AS keys9_same
  FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m6, tb_matrix(unit, ind, v, axis, w, dir, lo, hi, NULL) AS m9 FROM kcells) k, kref r;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.plan_has('SELECT tb_matrix(unit, ind, v, axis, w, dir) FROM kcells', 'Partial Aggregate') AS keys_parallel_plan;
SELECT tb_matrix_send(k.m) = tb_matrix_send(r.m6) AS keys_parallel_same
  FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM kcells) k, kref r;
-- Integer columns take the integer form as they are (no cast to bigint a
-- key and a row): the same matrices, serially and in parallel; errors name
-- the keys.
CREATE TABLE kint AS SELECT unit::int AS unit, ind, v, axis, w, dir, lo, hi FROM kcells;
ANALYZE kint;
CREATE TEMP VIEW kint_v AS SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM kint;
SELECT pg_get_viewdef('kint_v') NOT LIKE '%bigint%' AS int_form_chosen;
SELECT pg_temp.plan_has('SELECT tb_matrix(unit, ind, v, axis, w, dir) FROM kint', 'Partial Aggregate') AS int_parallel_plan;
SELECT tb_matrix_send(k.m6) = tb_matrix_send(r.m6) AS int_parallel_same, tb_matrix_send(k.m9) = tb_matrix_send(r.m9) AS int9_parallel_same
  FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m6, tb_matrix(unit, ind, v, axis, w, dir, lo, hi, NULL) AS m9 FROM kint) k, kref r;
SET max_parallel_workers_per_gather = 0;
SELECT tb_matrix_send(k.m6) = tb_matrix_send(r.m6) AS int_same, tb_matrix_send(k.m9) = tb_matrix_send(r.m9) AS int9_same
  FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m6, tb_matrix(unit, ind, v, axis, w, dir, lo, hi, NULL) AS m9 FROM kint) k, kref r;
SELECT pg_temp.err($$ SELECT tb.tb_matrix(unit, ind, v, axis, CASE WHEN unit = 200006 AND ind = 3 THEN -1 ELSE w END, dir) FROM kint $$) AS int_bad_weight;
SELECT pg_temp.err($$ SELECT tb.tb_matrix(unit, ind, CASE WHEN unit = -14 AND ind = 5 THEN 'infinity' ELSE v END, axis, w, dir) FROM kint $$) AS int_bad_value;
SELECT pg_temp.err($$ SELECT tb.tb_matrix(unit, ind, v, axis, w, dir, lo, NULL, NULL) FROM kint $$) AS int_one_goalpost;
SELECT tb_matrix_add(NULL, 7, 8, 1, 9, 1, 'higher')::text AS int_called_directly;
-- smallint keys (each form above would take them), and every width mixed
SELECT tb_matrix_send(k.m6) = tb_matrix_send(r.m6) AS small_same, tb_matrix_send(k.m9) = tb_matrix_send(r.m9) AS small9_same,
       tb_matrix_send(k.mixed) = tb_matrix_send(r.m6) AS mixed_same
  FROM (SELECT tb_matrix(unit::smallint, ind::smallint, v, axis::smallint, w, dir) AS m6,
               tb_matrix(unit::smallint, ind::smallint, v, axis::smallint, w, dir, lo, hi, NULL) AS m9,
               tb_matrix(unit::bigint, ind::smallint, v, axis, w, dir) AS mixed
          FROM kint WHERE unit BETWEEN -32768 AND 32767) k,
       (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m6, tb_matrix(unit, ind, v, axis, w, dir, lo, hi, NULL) AS m9
          FROM kint WHERE unit BETWEEN -32768 AND 32767) r;
SELECT pg_temp.err($$ SELECT tb.tb_matrix(unit::smallint, ind::smallint, v, axis::smallint, CASE WHEN unit = -14 AND ind = 3 THEN 0 ELSE w END, dir) FROM kint WHERE unit BETWEEN -32768 AND 32767 $$) AS small_bad_weight;
SET max_parallel_workers_per_gather = 2;
DROP VIEW kint_v;
DROP TABLE kint;
-- A parallel rollup of 300 stored matrices: each worker keeps parts, adds
-- them to its cells when it sends its state, the leader merges the states.
CREATE TABLE kparts AS SELECT unit, tb_matrix(unit, ind, v, axis, w, dir) AS m FROM kcells GROUP BY unit;
ANALYZE kparts;
SELECT pg_temp.plan_has('SELECT tb_rollup(m) FROM kparts', 'Partial Aggregate') AS rollup_parallel_plan;
SELECT tb_matrix_send(tb_rollup(m)) = (SELECT tb_matrix_send(m6) FROM kref) AS rollup_parallel_same FROM kparts;
DROP TABLE kparts;
-- A build past one block of cells (65,536): serially, the same matrix as
-- its parts rolled up, and a cell given twice far into the rows is found.
CREATE TABLE kbig AS
SELECT u, i, CASE WHEN (u * i) % 11 = 0 THEN NULL ELSE (u * 7 + i) % 1000 END::float8 AS v
  FROM generate_series(1, 200) u, generate_series(1, 700) i;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE kbig_m AS SELECT tb_matrix(u, i, v, i % 3, 1, 'higher') AS m FROM kbig;
SELECT (SELECT count(*) || ' cells, ' || count(value) || ' present' FROM tb_matrix_cells(b.m)) AS big,
       tb_matrix_send(m) = (SELECT tb_matrix_send(tb_rollup(p)) FROM (SELECT tb_matrix(u, i, v, i % 3, 1, 'higher') AS p FROM kbig GROUP BY u % 5) z) AS big_rollup_same
  FROM kbig_m b;
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, i, v, i % 3, 1, 'higher') FROM (SELECT * FROM kbig UNION ALL SELECT 190, 650, 1) k $$) AS big_twice;
SET max_parallel_workers_per_gather = 2;
DROP TABLE kbig;
-- The same matrix has the same bytes, padding included, however it was
-- built: in parallel, serially, rolled up from parts, from shuffled rows
-- named by text (the stored value read raw).
CREATE FUNCTION pg_temp.raw(tb_matrix) RETURNS bytea LANGUAGE internal STRICT AS 'byteasend';
CREATE TEMP TABLE kraw_par AS SELECT tb_matrix(unit, ind, v, axis, w, dir, lo, hi, NULL) AS m FROM kcells;
SET max_parallel_workers_per_gather = 0;
SELECT md5(pg_temp.raw(p.m)) = md5(pg_temp.raw(s.m)) AS parallel_same_bytes,
       md5(pg_temp.raw(r.m)) = md5(pg_temp.raw(s.m)) AS rollup_same_bytes,
       md5(pg_temp.raw(t.m)) = md5(pg_temp.raw(s.m)) AS shuffled_text_same_bytes
  FROM kraw_par p,
       (SELECT tb_matrix(unit, ind, v, axis, w, dir, lo, hi, NULL) AS m FROM kcells) s,
       (SELECT tb_rollup(m) AS m FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir, lo, hi, NULL) AS m FROM kcells GROUP BY unit % 7) z) r,
       (SELECT tb_matrix(unit::text, ind::text, v, axis::text, w, dir, lo, hi, NULL) AS m
          FROM (SELECT * FROM kcells ORDER BY hashint8(unit * 41 + ind)) z) t;
SET max_parallel_workers_per_gather = 2;
-- A sparse matrix in parallel: a worker's run shares the units of the run
-- before only when they are the same units in the same order (here the
-- indicators every unit answers), the others list their own.
CREATE TABLE ksparse AS
SELECT u, i, (u * i % 97)::float8 AS v FROM generate_series(1, 400) u, generate_series(1, 60) i
 WHERE hashint4(u * 61 + i) % 3 <> 0 OR i % 10 = 0;
ANALYZE ksparse;
SELECT pg_temp.plan_has('SELECT tb_matrix(u, i, v, i % 4, 1, ''higher'') FROM ksparse', 'Partial Aggregate') AS sparse_parallel_plan;
CREATE TEMP TABLE ksparse_par AS SELECT tb_matrix(u, i, v, i % 4, 1, 'higher') AS m FROM ksparse;
SET max_parallel_workers_per_gather = 0;
SELECT tb_matrix_send(p.m) = (SELECT tb_matrix_send(tb_matrix(u, i, v, i % 4, 1, 'higher')) FROM ksparse) AS sparse_parallel_same,
       (SELECT count(*) FROM tb_matrix_cells(p.m)) = (SELECT count(*) FROM ksparse) AS every_cell
  FROM ksparse_par p;
SET max_parallel_workers_per_gather = 2;
DROP TABLE ksparse;
-- Parts with marks (imputed, treated) and missing values, rolled up in
-- parallel: a worker sends each cell's marks only when some cell has one.
CREATE TABLE kmarks AS
SELECT u, format($f$[("%s","a",%s,"X",1,higher,imputed) ("%s","b",NULL,"X",1,higher) ("%s","c",%s,"Y",2,lower,treated) ("%s","d",%s,"Y",2,lower)]$f$,
                 u, u, u, u, u * 2, u, u % 7)::tb_matrix AS m
  FROM generate_series(1, 300) u;
ANALYZE kmarks;
SELECT pg_temp.plan_has('SELECT tb_rollup(m) FROM kmarks', 'Partial Aggregate') AS marks_parallel_plan;
CREATE TEMP TABLE kmarks_par AS SELECT tb_rollup(m) AS m FROM kmarks;
SET max_parallel_workers_per_gather = 0;
SELECT tb_matrix_send(p.m) = (SELECT tb_matrix_send(tb_rollup(m)) FROM kmarks) AS marks_parallel_same,
       (SELECT count(*) FILTER (WHERE c.imputed) || ' imputed, ' || count(*) FILTER (WHERE c.treated) || ' treated, '
               || count(*) FILTER (WHERE c.value IS NULL) || ' missing of ' || count(*)
          FROM tb_matrix_cells(p.m) c) AS marks
  FROM kmarks_par p;
SET max_parallel_workers_per_gather = 2;
DROP TABLE kmarks;
-- An indicator defined two ways within each worker's rows (every other
-- unit): the same error, naming the same units, as the serial plan's.
CREATE TABLE ktwice AS
SELECT u, i, (u + i)::float8 AS v, CASE WHEN i = 7 AND u % 2 = 0 THEN 2 ELSE 1 END::float8 AS w FROM generate_series(1, 300) u, generate_series(1, 40) i;
ANALYZE ktwice;
SELECT pg_temp.plan_has('SELECT tb_matrix(u, i, v, 0, w, ''higher'') FROM ktwice', 'Partial Aggregate') AS twice_parallel_plan;
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, i, v, 0, w, 'higher') FROM ktwice $$) AS parallel_error;
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, i, v, 0, w, 'higher') FROM ktwice $$) AS serial_error;
SET max_parallel_workers_per_gather = 2;
DROP TABLE ktwice;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SELECT tb_matrix_send(tb_rollup(m)) = (SELECT tb_matrix_send(m6) FROM kref) AS keys_text_rollup
  FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM kcells WHERE axis = 0
        UNION ALL SELECT tb_matrix(unit::text, ind::text, v, axis::text, w, dir) FROM kcells WHERE axis <> 0) p;
-- Called as a function, as the text form is.
SELECT tb_matrix_add(NULL::tb_matrix, 7::bigint, -2::bigint, 1.5, 3::bigint, 2, 'lower')::text AS keys_function;
-- Errors name the keys as their text.
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, 5, 1, 0, 1, 'higher') FROM (VALUES (1), (2), (1)) t (u) $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(1, 70000, 1, 0, 0, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(1, 70000, 1, 0, 1, 'up') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(1, -3, 'NaN', 0, 1, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(NULL::bigint, 1, 1, 0, 1, 'higher') $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(1, i, 1, 0, 1, 'higher', 0, NULL, NULL) FROM generate_series(1, 2) i $$);
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, 9, 1, u % 2, 1, 'higher') FROM generate_series(1, 3) u $$);

-- The combine function keeps up to 16 states whole and the final function
-- merges them (more are first added cell by cell): rollups of 3 and of 40
-- parts equal the whole; a sparse matrix (2,000 units, each with 3 of 60
-- indicators) merged from parts; the first problem in canonical order is
-- the error, whichever part holds it.
CREATE TEMP TABLE sparse AS
SELECT 'u' || u AS unit, 'k' || ((u * j * 7) % 60) AS ind, (u % 97)::float8 AS v, 'a' || ((u * j * 7) % 60 % 2) AS axis,
       1::float8 AS w, 'higher' AS dir
  FROM generate_series(1, 2000) u, generate_series(1, 3) j
 WHERE (u * j * 7) % 60 <> (u * 7) % 60 OR j = 1;
SELECT count(*) > 4000 AS sparse_cells FROM sparse;
SELECT tb_matrix_send(a.m) = tb_matrix_send(p3.m) AS sparse_rollup_3, tb_matrix_send(a.m) = tb_matrix_send(p40.m) AS sparse_rollup_40
  FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m FROM (SELECT DISTINCT ON (unit, ind) * FROM sparse) s) a,
       (SELECT tb_rollup(m) AS m FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m
                                         FROM (SELECT DISTINCT ON (unit, ind) * FROM sparse) s GROUP BY length(unit)) z) p3,
       (SELECT tb_rollup(m) AS m FROM (SELECT tb_matrix(unit, ind, v, axis, w, dir) AS m
                                         FROM (SELECT DISTINCT ON (unit, ind) * FROM sparse) s GROUP BY hashtext(unit) % 40) z) p40;
SELECT pg_temp.err($$ SELECT tb.tb_rollup(m) FROM (VALUES ('[("B","i",1,"X",1,higher) ("C","i",1,"X",1,higher)]'::tb.tb_matrix),
                                                         ('[("A","j",1,"X",1,higher) ("C","i",2,"X",1,higher)]'),
                                                         ('[("A","i",1,"X",1,higher) ("B","i",1,"X",1,higher)]')) t (m) $$);
SELECT pg_temp.err($$ SELECT tb.tb_rollup(m) FROM (VALUES ('[("A","i",1,"X",1,higher) ("B","i",1,"X",1,higher)]'::tb.tb_matrix),
                                                         ('[("C","i",1,"X",2,higher) ("A","k",1,"X",1,higher)]'),
                                                         ('[("B","k",1,"X",5,higher)]')) t (m) $$);
-- as many cells of i as units, one of them twice (C has none)
SELECT pg_temp.err($$ SELECT tb.tb_rollup(m) FROM (VALUES ('[("A","i",1,"X",1,higher) ("B","i",1,"X",1,higher)]'::tb.tb_matrix),
                                                         ('[("C","j",1,"X",1,higher) ("A","i",3,"X",1,higher)]')) t (m) $$);
SELECT pg_temp.err($$ SELECT tb.tb_rollup(m) FROM (VALUES ('[("B","i",1,"X",1,higher,lower=0,upper=2)]'::tb.tb_matrix),
                                                         ('[("A","i",1,"X",1,higher,lower=0,upper=3)]')) t (m) $$);
DROP TABLE kcells;

-- A unit without a nominal score (E: one indicator of one axis) is ranked
-- in no run: the runs that impute its values do not push the others down.
SELECT u.unit, u.nominal_rank, u.median_rank IS NULL AS never_ranked, u.rank_p95 <= 4 AS within_four
  FROM tb_matrix_uncertainty((SELECT tb_rollup(m) FROM (SELECT m FROM rt WHERE k = 1 UNION ALL SELECT '[("E","i1",5,"X",2,higher)]') p),
                             500, 0.25, 7) u
 ORDER BY u.unit;

-- Definitions are found by their content: 1,000 indicators with a goalpost
-- each (the table of definitions grows past its first size) give the
-- matrix of their text form, rolled up from parts too; goalposts of -0 and
-- 0 are one definition.
CREATE TEMP TABLE manydefs AS
SELECT u::bigint AS u, i::bigint AS i, ((u * 31 + i) % 50)::float8 AS v, (i % 3)::bigint AS a, 100 + i::float8 AS hi
  FROM generate_series(1, 3) u, generate_series(1, 1000) i;
SELECT tb_matrix_send(k.m) = tb_matrix_send(t.m) AS many_defs_same, tb_matrix_send(k.m) = tb_matrix_send(r.m) AS many_defs_rollup,
       (SELECT count(*) FROM tb_matrix_cells(k.m)) AS cells
  FROM (SELECT tb_matrix(u, i, v, a, 1, 'higher', 0, hi, NULL) AS m FROM manydefs) k,
       (SELECT tb_matrix(u::text, i::text, v, a::text, 1, 'higher', 0, hi, NULL) AS m FROM manydefs) t,
       (SELECT tb_rollup(m) AS m FROM (SELECT tb_matrix(u, i, v, a, 1, 'higher', 0, hi, NULL) AS m FROM manydefs GROUP BY u) z) r;
SELECT tb_matrix(u, 'g', 1, 'X', 1, 'higher', lo, 5, NULL)::text AS negzero_one_definition
  FROM (VALUES ('A', '-0'::float8), ('B', 0)) t (u, lo);
-- found again after another: the error names the units whose goalposts differ (B and C), not A and B
SELECT pg_temp.err($$ SELECT tb.tb_matrix(u, 'g', 1, 'X', 1, 'higher', lo, 5, NULL)
                        FROM (VALUES (1, 'A', '-0'::float8), (2, 'C', 1), (3, 'B', 0)) t (k, u, lo) $$);
