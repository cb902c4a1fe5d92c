-- Harmonization: agreement among countries (raters) over indicators (units).
\i sql/include/err.sql
SET search_path = quito, tb, public;

-- Krippendorff (2011): 4 observers x 12 units, values 1-5, '.' missing.
CREATE TABLE kripp (rater text, unit integer, v double precision);
INSERT INTO kripp SELECT o, u, v FROM (VALUES
  ('A', ARRAY[1, 2, 3, 3, 2, 1, 4, 1, 2, NULL, NULL, NULL]),
  ('B', ARRAY[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NULL, 3]),
  ('C', ARRAY[NULL, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NULL]),
  ('D', ARRAY[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NULL])) x(o, a), LATERAL unnest(a) WITH ORDINALITY w(v, u);
SELECT tb_agreement(unit::text, v) FROM kripp;
-- The published values, to three decimals, and the exact rationals to 1e-12.
SELECT m, round(tb_alpha(a, m)::numeric, 3) AS alpha
  FROM (SELECT tb_agreement(unit::text, v) AS a FROM kripp) q, unnest(ARRAY['nominal', 'ordinal', 'interval', 'ratio']) m;
SELECT abs(tb_alpha(a, 'nominal') - 113 / 152.0) < 1e-12 AS nominal_113_152,
       abs(tb_alpha(a, 'ordinal') - 108577 / 133160.0) < 1e-12 AS ordinal_108577_133160,
       abs(tb_alpha(a, 'interval') - 951 / 1120.0) < 1e-12 AS interval_951_1120
  FROM (SELECT tb_agreement(unit::text, v) AS a FROM kripp) q;
SELECT round(tb_alpha_nominal(unit::text, v)::numeric, 3) AS nominal, round(tb_alpha_ordinal(unit::text, v)::numeric, 3) AS ordinal,
       round(tb_alpha_interval(unit::text, v)::numeric, 3) AS interval, round(tb_alpha_ratio(unit::text, v)::numeric, 3) AS ratio
  FROM kripp;
-- Two observers, ten binary units: A = 0100000010, B = 1110010000: alpha 0.095 = 2/21.
SELECT abs(tb_alpha_nominal(u::text, v) - 2 / 21.0) < 1e-12 AS two_21sts, round(tb_alpha_nominal(u::text, v)::numeric, 3)
  FROM (SELECT u, substr('0100000010', u, 1)::float8 AS v FROM generate_series(1, 10) u
        UNION ALL SELECT u, substr('1110010000', u, 1)::float8 FROM generate_series(1, 10) u) x;

-- Fleiss (1971): 10 subjects, 5 categories, 14 raters each: kappa 0.210 (P 0.378, Pe 0.213).
CREATE TABLE fleiss AS
SELECT s AS subject, c AS category
  FROM (VALUES (1, ARRAY[0, 0, 0, 0, 14]), (2, ARRAY[0, 2, 6, 4, 2]), (3, ARRAY[0, 0, 3, 5, 6]), (4, ARRAY[0, 3, 9, 2, 0]),
               (5, ARRAY[2, 2, 8, 1, 1]), (6, ARRAY[7, 7, 0, 0, 0]), (7, ARRAY[3, 2, 6, 3, 0]), (8, ARRAY[2, 5, 3, 2, 2]),
               (9, ARRAY[6, 5, 2, 1, 0]), (10, ARRAY[0, 2, 2, 3, 7])) t(s, counts),
       LATERAL unnest(counts) WITH ORDINALITY x(n, c), LATERAL generate_series(1, n);
SELECT round(tb_fleiss_kappa(tb_agreement(subject::text, category))::numeric, 3) AS kappa,
       round(tb_percent_agreement(tb_agreement(subject::text, category))::numeric, 3) AS p_bar
  FROM fleiss;

-- Per-unit diversity.
SELECT * FROM tb_unit_diversity((SELECT tb_agreement(unit::text, v) FROM kripp)) WHERE unit IN ('1', '6', '8', '10');
SELECT round(tb_gini_simpson(a)::numeric, 6) AS gini_simpson, round(tb_entropy(a)::numeric, 6) AS entropy
  FROM (SELECT tb_agreement('u', v) AS a FROM (VALUES (1), (1), (2), (3)) x(v)) q;

-- Edge cases: no pairable unit, a single value, nothing at all.
SELECT tb_alpha(tb_agreement(u, v)) IS NULL AS no_pairable_unit FROM (VALUES ('a', 1), ('b', 2), ('c', NULL)) x(u, v);
SELECT tb_alpha(tb_agreement(u, v)) IS NULL AS one_value_overall, tb_percent_agreement(tb_agreement(u, v)) AS agreement,
       tb_fleiss_kappa(tb_agreement(u, v)) IS NULL AS kappa_null
  FROM (VALUES ('a', 1), ('a', 1), ('b', 1), ('b', 1)) x(u, v);
SELECT tb_agreement(u, v), tb_alpha(tb_agreement(u, v)) IS NULL AS empty FROM (VALUES ('a', 1)) x(u, v) WHERE false;
-- Errors.
SELECT pg_temp.err($$ SELECT tb.tb_fleiss_kappa(tb.tb_agreement(u, v)) FROM (VALUES ('a', 1), ('a', 2), ('b', 1)) x(u, v) $$);
SELECT pg_temp.err($$ SELECT tb.tb_fleiss_kappa(tb.tb_agreement(u, v)) FROM (VALUES ('a', 1), ('b', 2)) x(u, v) $$);
SELECT pg_temp.err($$ SELECT tb.tb_alpha(tb.tb_agreement(u, v), 'cardinal') FROM (VALUES ('a', 1)) x(u, v) $$);
SELECT pg_temp.err($$ SELECT tb.tb_agreement(u, v) FROM (VALUES ('a', 'NaN'::float8)) x(u, v) $$);
SELECT pg_temp.err($$ SELECT tb.tb_agreement(NULL, 1) $$);
SELECT pg_temp.err($$ SELECT tb.tb_agreement(repeat('x', 256), 1) $$);
SELECT tb_units(tb_agreement(repeat('x', 255), 1)) AS longest_label_units;
SELECT pg_temp.err($$ SELECT 'missing=0 "b" [1:1] "a" [1:1]'::tb.tb_agreement $$);
SELECT pg_temp.err($$ SELECT 'missing=0 "a" [2:1 1:1]'::tb.tb_agreement $$);
SELECT pg_temp.err($$ SELECT 'missing=0 "a" [1:0]'::tb.tb_agreement $$);
SELECT pg_temp.err($$ SELECT 'missing=0 "a" []'::tb.tb_agreement $$);
SELECT pg_temp.err($$ SELECT 'missing=-1'::tb.tb_agreement $$);
SELECT pg_temp.err($$ SELECT 'missing=0 "a" [1:1'::tb.tb_agreement $$);
-- At most 2^53 ratings in a state, missing included: the counts stay exact in
-- doubles and their sums cannot overflow (found by the in-process fuzzer).
SELECT 'missing=1 "a" [1:9007199254740990 2:1]'::tb.tb_agreement AS largest;
SELECT pg_temp.err($$ SELECT 'missing=2 "a" [1:9007199254740990 2:1]'::tb.tb_agreement $$);
SELECT pg_temp.err($$ SELECT 'missing=0 "a" [1:9223372036854775807] "b" [1:9223372036854775807]'::tb.tb_agreement $$);
SELECT pg_temp.err($$ SELECT tb.tb_rollup(s) FROM (VALUES ('missing=0 "a" [1:4503599627370496]'::tb.tb_agreement),
                                                  ('missing=1 "a" [1:4503599627370496]')) x(s) $$);

-- Many distinct values (a dispersion state of continuous scores): past 16 a
-- unit keeps new values pending and merges them in sorted, and goes on after
-- its values are read in the middle of an aggregation (a running window).
CREATE TEMP TABLE manyv AS SELECT g, ((hashint4(g) & 65535) / 7.0)::float8 AS x FROM generate_series(1, 3000) g;
SELECT count(*) FILTER (WHERE abs(cv - cv_sql) > 1e-9 * cv_sql) AS running_mismatches, count(DISTINCT x) AS distinct_values
  FROM (SELECT x, tb_cv(x) OVER w AS cv, stddev_pop(x) OVER w / abs(avg(x) OVER w) AS cv_sql
          FROM manyv WINDOW w AS (ORDER BY g)) q;
SELECT abs(tb_cv(x) - stddev_pop(x) / abs(avg(x))) < 1e-12 AS cv_as_sql,
       abs(tb_gini(x) - (SELECT sum(abs(a.x - b.x)) / (2.0 * count(*) * avg(a.x)) FROM manyv a, manyv b)) < 1e-9 AS gini_as_sql,
       tb_values(x)::text = (SELECT tb_rollup(s)::text FROM (SELECT tb_values(x) AS s FROM manyv GROUP BY g % 3) p) AS rollup_of_parts
  FROM manyv;
DROP TABLE manyv;

-- Properties on generated data: 2,000 units x 12 raters, 10% missing.
CREATE TABLE ratings AS
SELECT 'u' || (g / 12) AS unit, g % 12 AS rater,
       CASE WHEN hashint4(g) % 10 = 0 THEN NULL ELSE (abs(hashint4(g / 12)) % 3 + abs(hashint4(g)) % 3)::float8 END AS v
  FROM generate_series(0, 23999) g;
SELECT count(DISTINCT a::text) AS same_state_in_any_order
  FROM (SELECT tb_agreement(unit, v ORDER BY v, unit) AS a FROM ratings
        UNION ALL SELECT tb_agreement(unit, v ORDER BY unit DESC, rater) FROM ratings
        UNION ALL SELECT tb_rollup(a) FROM (SELECT tb_agreement(unit, v) AS a FROM ratings GROUP BY rater % 5) p) q;
-- Parts of comparable size are merged flat; a part much smaller than what
-- it joins is added into the expanded state: either way, the whole.  Parts
-- of very unequal size (one holds 3/4 of the rows), rolled up large first,
-- small first, and in one order and the other.
SELECT count(DISTINCT a::text) AS same_state_whatever_the_sizes,
       bool_and(a::text = (SELECT tb_agreement(unit, v)::text FROM ratings)) AS equals_the_whole
  FROM (SELECT tb_rollup(a ORDER BY k) AS a FROM (SELECT least(rater, 3) AS k, tb_agreement(unit, v) AS a
                                                    FROM ratings GROUP BY 1) p
        UNION ALL SELECT tb_rollup(a ORDER BY k DESC) FROM (SELECT least(rater, 3) AS k, tb_agreement(unit, v) AS a
                                                               FROM ratings GROUP BY 1) p
        UNION ALL SELECT tb_rollup(a ORDER BY k) FROM (SELECT rater AS k, tb_agreement(unit, v) AS a
                                                         FROM ratings GROUP BY 1) p) q;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT tb_agreement(unit, v) FROM ratings;
CREATE TEMP TABLE par AS SELECT tb_agreement(unit, v)::text AS a FROM ratings;
SET max_parallel_workers_per_gather = 0;
SELECT (SELECT a FROM par) = tb_agreement(unit, v)::text AS parallel_equals_serial FROM ratings;
RESET ALL;
SET search_path = quito, tb, public;
-- Against an independent plain-SQL computation of the coincidence-matrix formula, every metric, to 1e-9.
WITH r AS (SELECT unit, rater, v FROM ratings WHERE v IS NOT NULL),
     m AS (SELECT unit, count(*) AS mu FROM r GROUP BY unit HAVING count(*) >= 2),
     o AS (SELECT a.v AS c, b.v AS k, sum(1.0 / (m.mu - 1)) AS o
             FROM r a JOIN r b ON a.unit = b.unit AND a.rater <> b.rater JOIN m ON m.unit = a.unit
            GROUP BY a.v, b.v),
     nc AS (SELECT c, sum(o) AS n FROM o GROUP BY c),
     n AS (SELECT sum(n) AS n FROM nc),
     d AS (SELECT c1.c, c2.c AS k, c1.n AS nc, c2.n AS nk, metric,
                  CASE metric WHEN 'nominal' THEN CASE WHEN c1.c = c2.c THEN 0 ELSE 1 END
                              WHEN 'interval' THEN (c1.c - c2.c) ^ 2
                              WHEN 'ratio' THEN CASE WHEN c1.c + c2.c = 0 THEN 0 ELSE ((c1.c - c2.c) / (c1.c + c2.c)) ^ 2 END
                              ELSE ((SELECT sum(n) FROM nc g WHERE g.c BETWEEN least(c1.c, c2.c) AND greatest(c1.c, c2.c))
                                    - (c1.n + c2.n) / 2) ^ 2 END AS d2
             FROM nc c1, nc c2, unnest(ARRAY['nominal', 'ordinal', 'interval', 'ratio']) metric),
     plain AS (SELECT d.metric,
                      1 - ((SELECT n FROM n) - 1) * sum(coalesce(o.o, 0) * d.d2) / sum(d.nc * d.nk * d.d2) AS alpha
                 FROM d LEFT JOIN o ON o.c = d.c AND o.k = d.k GROUP BY d.metric)
SELECT p.metric, abs(tb_alpha(a.a, p.metric) - p.alpha) < 1e-9 AS equal
  FROM plain p, (SELECT tb_agreement(unit, v) AS a FROM ratings) a ORDER BY p.metric;
-- Text and binary round trips.
CREATE TABLE states AS SELECT rater % 3 AS part, tb_agreement(unit, v) AS a FROM ratings GROUP BY rater % 3;
SELECT count(*) FILTER (WHERE a::text::tb_agreement::text = a::text) AS text_round_trips FROM states;
\copy states TO 'results/agreement.bin' WITH (FORMAT binary)
CREATE TABLE states2 (LIKE states);
\copy states2 FROM 'results/agreement.bin' WITH (FORMAT binary)
SELECT count(*) FILTER (WHERE a.a::text = b.a::text) AS binary_round_trips FROM states a JOIN states2 b USING (part);
\copy (SELECT '\x01'::bytea) TO 'results/agreement.bin' WITH (FORMAT binary)
\copy states2 (a) FROM 'results/agreement.bin' WITH (FORMAT binary)
\copy (SELECT '\x02000000000000000000000000'::bytea) TO 'results/agreement.bin' WITH (FORMAT binary)
\copy states2 (a) FROM 'results/agreement.bin' WITH (FORMAT binary)
\copy (SELECT '\x01000000000000000000ffffff'::bytea) TO 'results/agreement.bin' WITH (FORMAT binary)
\copy states2 (a) FROM 'results/agreement.bin' WITH (FORMAT binary)
-- A final function reads the aggregate's state where it is, again and again
-- as a window grows (more than 16 values a unit, added out of order): the
-- same as reading the flat state.
SELECT count(*) AS rows, count(*) FILTER (WHERE o IS NOT DISTINCT FROM f AND r IS NOT DISTINCT FROM fr AND g IS NOT DISTINCT FROM fg) AS same
  FROM (SELECT tb_alpha_ordinal(u, v) OVER w AS o, tb_alpha(tb_agreement(u, v) OVER w, 'ordinal') AS f,
               tb_alpha_ratio(u, v) OVER w AS r, tb_alpha(tb_agreement(u, v) OVER w, 'ratio') AS fr,
               tb_gini(v) OVER w AS g, tb_gini(tb_values(v) OVER w) AS fg
          FROM (SELECT 'u' || (i % 2) AS u, ((i * 37) % 101)::float8 AS v FROM generate_series(1, 120) i) x
        WINDOW w AS (ORDER BY v DESC, u ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) q;
-- A long read stops at statement_timeout: the ratio metric sums over the
-- pairs of distinct values, 5e9 of them here.
CREATE TABLE long_read AS SELECT tb_agreement('u' || (g % 2), g::float8) AS a FROM generate_series(1, 100000) g;
SET statement_timeout = '200ms';
SELECT tb_alpha(a, 'ratio') FROM long_read;
RESET statement_timeout;
DROP TABLE long_read;
DROP TABLE kripp, fleiss, ratings, states, states2;

-- Over the loaded baseline.
SELECT round_no, kind, count(*) AS cells, count(alpha) AS with_alpha,
       -- percent agreement is for levels; amounts have none (equal amounts are chance)
       bool_and(CASE WHEN metric = 'interval' THEN percent_agreement IS NULL
                     ELSE percent_agreement BETWEEN 0 AND 1 END) AS agreement_in_0_1_or_none
  FROM axis_harmonization GROUP BY round_no, kind ORDER BY round_no, kind;
SELECT count(*) AS indicator_rounds, bool_and(gini_simpson BETWEEN 0 AND 1 AND entropy BETWEEN 0 AND 1) AS diversity_in_0_1
  FROM indicator_harmonization;
SELECT year, countries, round(percent_agreement::numeric, 3) AS agreement
  FROM external_harmonization WHERE year IN (2001, 2015) ORDER BY year;
-- Partial states of a parallel aggregate, sorted for the final step (on
-- PostgreSQL 17 and later a sort keeps its tuples in a context where
-- nothing may be freed), give what one process gives.
CREATE TABLE agreement_rows AS
SELECT g % 10 AS grp, 'u' || (g % 50) AS unit, ((hashint4(g) & 1023) % 13)::float8 AS v
  FROM generate_series(1, 20000) g;
ANALYZE agreement_rows;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT grp, tb.tb_agreement(unit, v) FROM agreement_rows GROUP BY grp;
CREATE TEMP TABLE par_agreements AS SELECT grp, tb.tb_agreement(unit, v)::text AS s FROM agreement_rows GROUP BY grp;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = q.s) AS equal
  FROM par_agreements p
  JOIN (SELECT grp, tb.tb_agreement(unit, v)::text AS s FROM agreement_rows GROUP BY grp) q USING (grp);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE agreement_rows;
