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
                         ELSE tb.tb_percent_rank(value, direction, 100) OVER w END AS s
          FROM grid WINDOW w AS (PARTITION BY indicator)),
  a AS (SELECT unit, axis, CASE agg WHEN 'arithmetic' THEN tb.tb_wmean(s, weight, cov) FILTER (WHERE agg = 'arithmetic')
                                     ELSE tb.tb_wgeomean(s, weight, cov) FILTER (WHERE agg = 'geometric') END AS score
          FROM n GROUP BY unit, axis),
  o AS (SELECT unit, NULL::text AS axis, CASE agg WHEN 'arithmetic' THEN tb.tb_wmean(score, 1, cov) FILTER (WHERE agg = 'arithmetic')
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
               ('minmax', 'arithmetic', 0)) v(n, a, c);

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
    ('version2', '02' || substr(h, 3)),
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
    ('zero_weight', substr(h, 1, 58) || '0000000000000000')) AS v(name, hx);
CREATE TEMP TABLE payload (m tb_matrix);
\copy (SELECT p FROM payloads WHERE name = 'valid') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
SELECT m FROM payload;
\copy (SELECT p FROM payloads WHERE name = 'version2') TO 'results/matrix.bin' WITH (FORMAT binary)
\copy payload FROM 'results/matrix.bin' WITH (FORMAT binary)
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
  FROM (VALUES ('minmax', 'arithmetic'), ('minmax', 'geometric'), ('zscore', 'arithmetic'), ('rank', 'geometric')) v(n, a);
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
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'minmax', 'harmonic') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'zscore', 'geometric') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'minmax', 'arithmetic', 1.5) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_scores('[]', 'minmax', 'arithmetic', 'NaN') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 100001) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty((SELECT tb.tb_matrix('u' || g, 'i', g, 'X', 1, 'higher') FROM generate_series(1, 300) g), 100000) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 10, 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_matrix_uncertainty('[]', 10, -0.1) $$);
SELECT * FROM tb_matrix_scores('[]');
