-- Practice sets, dispersion and convergence.
\i sql/include/err.sql
SET search_path = quito, tb, public;

-- Canonical text: sorted, distinct, quoted when needed.
SELECT v::tb_practices FROM (VALUES ('{PREV03,GOV01,PREV01,GOV01}'), ('{}'), ('{ b , a }'), ('{"x, y","q\"t",z}')) x(v);
-- The algebra.
SELECT '{a,b,c}'::tb_practices | '{c,d}' AS "union", '{a,b,c}'::tb_practices & '{c,d}' AS "intersection",
       '{a,b,c}'::tb_practices - '{c,d}' AS difference, '{a,b,c}'::tb_practices @> '{a,c}' AS contains,
       '{a}'::tb_practices <@ '{a,b}' AS contained, '{a,b}'::tb_practices && '{c}' AS overlaps,
       tb_cardinality('{a,b,c}'), tb_has_practice('{a,b}', 'b') AS has_b, tb_has_practice('{a,b}', 'c') AS has_c;
SELECT tb_jaccard('{a,b,c}', '{b,c,d}') AS half, tb_jaccard_distance('{a,b,c}', '{b,c,d}') AS distance,
       tb_jaccard('{a}', '{b}') AS disjoint, tb_jaccard('{}', '{}') AS two_empty_sets, tb_jaccard('{}', '{a}') AS one_empty;
-- Laws: A | B = B | A, A & (B | C) = (A & B) | (A & C), |A| + |B| = |A | B| + |A & B|, A - B = A & (A - B).
WITH s AS (SELECT tb_practices(ARRAY(SELECT 'p' || (abs(hashint4(g * 7 + k)) % 20) FROM generate_series(1, 8) k)) AS a,
                  tb_practices(ARRAY(SELECT 'p' || (abs(hashint4(g * 11 + k)) % 20) FROM generate_series(1, 6) k)) AS b,
                  tb_practices(ARRAY(SELECT 'p' || (abs(hashint4(g * 13 + k)) % 20) FROM generate_series(1, 5) k)) AS c
             FROM generate_series(1, 200) g)
SELECT count(*) FILTER (WHERE (a | b) = (b | a)) AS commutative,
       count(*) FILTER (WHERE a & (b | c) = ((a & b) | (a & c))) AS distributive,
       count(*) FILTER (WHERE tb_cardinality(a) + tb_cardinality(b) = tb_cardinality(a | b) + tb_cardinality(a & b)) AS inclusion_exclusion,
       count(*) FILTER (WHERE (a - b) = (a & (a - b)) AND NOT ((a - b) && b)) AS difference,
       count(*) FILTER (WHERE abs(tb_jaccard(a, b) - tb_cardinality(a & b)::float8 / greatest(tb_cardinality(a | b), 1)) < 1e-15) AS jaccard
  FROM s;
-- Casts to and from arrays and jsonb.
SELECT ARRAY['b', 'a', 'b']::tb_practices, '{b,a}'::tb_practices::text[], '{b,a}'::tb_practices::jsonb;
-- A key: grouping, DISTINCT, indexes.
CREATE TEMP TABLE ps AS SELECT v::tb_practices AS p FROM (VALUES ('{a,b}'), ('{b,a}'), ('{a}'), ('{}'), ('{a,b,c}')) x(v);
SELECT p, count(*) FROM ps GROUP BY p ORDER BY p;
SELECT count(DISTINCT p) FROM ps;
CREATE INDEX ON ps (p);
CREATE INDEX ON ps USING hash (p);
-- Aggregates.
SELECT tb_practice_union(p) AS "union", tb_practice_intersection(p) FILTER (WHERE p <> '{}') AS "intersection",
       tb_adoption(p) AS adoption
  FROM ps;
SELECT tb_practice_set(x) AS set FROM (VALUES ('PREV01'), ('GOV02'), (NULL), ('PREV01')) v(x);
SELECT tb_practice_intersection(p) IS NULL AS no_sets FROM ps WHERE false;
-- Binary round trip, bad input.
CREATE TEMP TABLE ps2 (p tb_practices);
\copy ps TO 'results/practices.bin' WITH (FORMAT binary)
\copy ps2 FROM 'results/practices.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, count(*) FILTER (WHERE p IN (SELECT p FROM ps)) AS found FROM ps2;
\copy (SELECT '\x0100000002016201'::bytea) TO 'results/practices.bin' WITH (FORMAT binary)
\copy ps2 FROM 'results/practices.bin' WITH (FORMAT binary)
\copy (SELECT '\x01000000020162016101'::bytea) TO 'results/practices.bin' WITH (FORMAT binary)
\copy ps2 FROM 'results/practices.bin' WITH (FORMAT binary)
SELECT pg_temp.err($$ SELECT 'a,b'::tb.tb_practices $$);
SELECT pg_temp.err($$ SELECT '{a,,b}'::tb.tb_practices $$);
SELECT pg_temp.err($$ SELECT '{"a}'::tb.tb_practices $$);
SELECT pg_temp.err($$ SELECT '{a} x'::tb.tb_practices $$);
SELECT pg_temp.err($$ SELECT ARRAY['a', NULL]::tb.tb_practices $$);
SELECT pg_temp.err($$ SELECT tb.tb_practice_set(repeat('x', 256)) $$);
-- At most 1,000,000 practices in a set however it grows (a set past it could
-- not be read back): an aggregate's state, a union (54000, the limit named).
SELECT pg_temp.err($$ SELECT tb.tb_practice_set('p' || g) FROM generate_series(1, 1000001) g $$);
SELECT pg_temp.err($$ SELECT a | b FROM (SELECT tb.tb_practice_set('a' || g) FROM generate_series(1, 500001) g) x(a),
                                        (SELECT tb.tb_practice_set('b' || g) FROM generate_series(1, 500000) g) y(b) $$);
SELECT tb_cardinality(a | b) AS at_the_limit
  FROM (SELECT tb_practice_set('a' || g) FROM generate_series(1, 500000) g) x(a),
       (SELECT tb_practice_set('b' || g) FROM generate_series(1, 500000) g) y(b);
-- One label limit for every type: a 255-byte practice is a unit of tb_adoption.
SELECT length(k) AS longest_adopted
  FROM (SELECT tb_adoption(p) AS a FROM (SELECT tb_practice_set(repeat('x', 255)) AS p) q) s, jsonb_object_keys(s.a) k;

-- Dispersion: hand-computed values.
SELECT tb_gini(x) AS gini, abs(tb_theil(x) - (1 / 4.0) * ((1 / 2.5) * ln(1 / 2.5) + (2 / 2.5) * ln(2 / 2.5)
                                              + (3 / 2.5) * ln(3 / 2.5) + (4 / 2.5) * ln(4 / 2.5))) < 1e-15 AS theil,
       abs(tb_cv(x) - sqrt(1.25) / 2.5) < 1e-15 AS cv
  FROM (VALUES (1), (2), (3), (4)) v(x);
SELECT tb_gini(x) AS equal_gini, tb_theil(x) AS equal_theil, tb_cv(x) AS equal_cv FROM (VALUES (5), (5), (5)) v(x);
SELECT tb_gini(x) AS one_has_all FROM (VALUES (0), (0), (0), (10)) v(x);
SELECT tb_gini(x) IS NULL AS zero_mean, tb_cv(x) IS NULL AS cv_zero_mean FROM (VALUES (0), (0)) v(x);
SELECT pg_temp.err($$ SELECT tb.tb_gini(x) FROM (VALUES (-1), (2)) v(x) $$);
-- Against plain SQL on generated data: Gini from all pairs, Theil, CV; in parallel too.
CREATE TABLE disp AS SELECT g % 20 AS grp, ((abs(hashint4(g)) % 1000) / 10.0)::float8 AS x FROM generate_series(1, 4000) g;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE abs(e.gini - p.gini) < 1e-9 AND abs(e.theil - p.theil) < 1e-9 AND abs(e.cv - p.cv) < 1e-9) AS equal
  FROM (SELECT grp, tb_gini(x) AS gini, tb_theil(x) AS theil, tb_cv(x) AS cv FROM disp GROUP BY grp) e
  JOIN (SELECT a.grp,
               sum(abs(a.x - b.x)) / (2 * count(*) * avg(a.x)) AS gini,
               (SELECT avg(CASE WHEN d.x > 0 THEN (d.x / m.mu) * ln(d.x / m.mu) ELSE 0 END)
                  FROM disp d, (SELECT avg(x) AS mu FROM disp WHERE grp = a.grp) m WHERE d.grp = a.grp) AS theil,
               (SELECT stddev_pop(x) / avg(x) FROM disp WHERE grp = a.grp) AS cv
          FROM disp a JOIN disp b USING (grp) GROUP BY a.grp) p USING (grp);
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE par AS SELECT grp, tb_gini(x) AS gini, tb_theil(x) AS theil FROM disp GROUP BY grp;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) FILTER (WHERE p.gini = s.gini AND p.theil = s.theil) AS parallel_equals_serial
  FROM par p JOIN (SELECT grp, tb_gini(x) AS gini, tb_theil(x) AS theil FROM disp GROUP BY grp) s USING (grp);
RESET ALL;
SET search_path = quito, tb, public;
DROP TABLE disp;

-- The practice-set aggregates update their state in place: against plain
-- SQL, grouped by hashing and by sorting, sorted after (a sort flattens the
-- states), in parallel, in windows; intersections shrink and empty.
CREATE TABLE pa AS
SELECT g % 7 AS grp, g, CASE WHEN g % 13 <> 0 THEN 'l' || (g * 37 % 501) END AS l,
       CASE WHEN g % 17 <> 0 THEN tb_practices(ARRAY['a' || g % 11, 'b' || g % 5, 'c' || g % 3, 'all']) END AS s
  FROM generate_series(1, 5000) g;
CREATE TEMP TABLE pa_ref AS
SELECT grp,
       (SELECT tb_practices(array_agg(l)) FROM pa WHERE pa.grp = o.grp AND l IS NOT NULL) AS st,
       (SELECT tb_practices(array_agg(DISTINCT x)) FROM pa, unnest(tb_practices_array(s)) x WHERE pa.grp = o.grp) AS un,
       (SELECT tb_practices(array_agg(x)) FROM (SELECT x FROM pa, unnest(tb_practices_array(s)) x WHERE pa.grp = o.grp
          GROUP BY x HAVING count(*) = (SELECT count(s) FROM pa WHERE pa.grp = o.grp)) q) AS it
  FROM (SELECT DISTINCT grp FROM pa) o;
CREATE FUNCTION pg_temp.pa_differ() RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM (SELECT grp, tb.tb_practice_set(l) AS st, tb.tb_practice_union(s) AS un,
                               tb.tb_practice_intersection(s) AS it
                          FROM pa GROUP BY grp ORDER BY grp) a
  FULL JOIN pa_ref r USING (grp)
  WHERE (a.st, a.un, a.it) IS DISTINCT FROM (r.st, r.un, r.it) $$;
SET enable_sort = off;
SELECT pg_temp.pa_differ() AS hashed_differ;
RESET enable_sort;
SET enable_hashagg = off;
SELECT pg_temp.pa_differ() AS sorted_differ;
RESET enable_hashagg;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.pa_differ() AS parallel_differ;
SELECT tb_cardinality(tb_practice_set(l)) AS labels, tb_practice_intersection(s) AS common FROM pa;
RESET ALL;
SET search_path = quito, tb, public;
SELECT count(*) FILTER (WHERE w IS DISTINCT FROM tb_practices(ARRAY(SELECT 'x' || i FROM generate_series(1, g) i))) AS running_differ,
       count(*) FILTER (WHERE m IS DISTINCT FROM tb_practices(ARRAY(SELECT 'x' || i FROM generate_series(greatest(1, g - 2), g) i))) AS moving_differ
  FROM (SELECT g, tb_practice_set('x' || g) OVER (ORDER BY g) AS w,
               tb_practice_union(tb_practices(ARRAY['x' || g])) OVER (ORDER BY g ROWS 2 PRECEDING) AS m
          FROM generate_series(1, 200) g) q;
SELECT g, tb_practice_intersection(tb_practices(ARRAY(SELECT 'y' || i FROM generate_series(g, 5) i))) OVER (ORDER BY g) AS shrinking
  FROM generate_series(1, 6) g;
SELECT tb_practice_intersection(tb_practices(ARRAY(SELECT 'z' || i FROM generate_series(g, 1000) i))) AS last_one
  FROM generate_series(1, 1000) g;
SELECT tb_practice_intersection(s) AS "intersection", tb_practice_union(s) AS "union"
  FROM (VALUES (1, '{a,b,c,d}'::tb_practices), (2, '{d,c,b}'), (3, NULL), (4, '{b,d,e}'), (5, '{d}')) v(i, s);
-- called directly, outside an aggregate
SELECT tb_practices_add('{a}', 'b') AS added, tb_practices_union_agg('{a}', '{b}') AS "union",
       tb_practices_intersect_agg('{a,b}', '{b,c}') AS "intersection", tb_practices_add(NULL, NULL) AS "empty";
DROP TABLE pa;

-- Over the loaded baseline: practice sets, similarity, convergence.
SELECT round_no, count(*) AS countries, min(practice_count), max(practice_count) FROM country_practices GROUP BY round_no ORDER BY 1;
-- each pair of different countries once
SELECT bool_and(jaccard BETWEEN 0 AND 1) AS in_0_1, bool_and(country_a < country_b) AS ordered_pairs,
       count(*) = count(DISTINCT (round_no, country_a, country_b)) AS once,
       bool_and(n = (SELECT count(*) * (count(*) - 1) / 2 FROM country_practices p WHERE p.round_no = s.round_no)) AS every_pair
  FROM (SELECT *, count(*) OVER (PARTITION BY round_no) AS n FROM country_similarity) s;
SELECT count(*) AS axes,
       count(*) FILTER (WHERE abs(b.beta - p.beta) < 1e-12) AS beta_equals_regr_slope
  FROM beta_convergence b
  JOIN (SELECT axis, regr_slope((current_score - baseline_score) / 2, baseline_score) AS beta
          FROM axis_progress GROUP BY axis) p USING (axis);
SELECT round_no, count(*) AS axes, bool_and(gini BETWEEN 0 AND 1) AS gini_in_0_1 FROM sigma_convergence GROUP BY round_no ORDER BY 1;
-- Found by fuzzing: labels with control characters read back, and binary
-- labels must be valid text of the database.
SELECT x::text::tb_topk::text = x::text AS topk_control_char
  FROM (SELECT tb_top_gaps_state(E'a\x16b', 0.5, 1, 2, false) AS x) q;
SELECT x::text, x::text::tb_agreement::text = x::text AS agreement_control_char
  FROM (SELECT tb_agreement(E'c\x02', 1) AS x) q;
\copy (SELECT '\x010000000102c328'::bytea) TO 'results/practices.bin' WITH (FORMAT binary)
\copy ps2 FROM 'results/practices.bin' WITH (FORMAT binary)
