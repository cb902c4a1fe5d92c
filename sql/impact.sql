-- Impact of interventions: the difference in differences of an outcome
-- between adopters and non-adopters of a practice, its permutation p-value,
-- bootstrap interval and minimum detectable effect (src/impact.c).
\i sql/include/err.sql
SET search_path = tb, public;
SET extra_float_digits = 0;

-- By hand: six countries, three adopted the practice.  Changes (after -
-- before): adopters 3, 3, 2 (mean 8/3), the others 1, 0, 2 (mean 1), so the
-- effect is 5/3.  Pooled, the changes sum to 11; a relabelling whose three
-- "adopters" sum to s has the effect (2 s - 11) / 3, at least 5/3 in
-- absolute value when s >= 8 ({3,3,2} twice, one per 2) or s <= 3 ({0,1,2}
-- twice): 4 of the C(6, 3) = 20 relabellings, p = 0.2.  Pooled variance
-- (2/3 + 2) / 4 = 2/3, so mde = 2.8016 * sqrt(2/3) * sqrt(2/3) = 1.8677.
-- The seventh row has no outcome after: counted as missing.
CREATE TEMP TABLE hand (country text, adopted boolean, before float8, after float8);
INSERT INTO hand VALUES ('A', true, 1, 4), ('B', true, 2, 5), ('C', true, 0, 2),
                        ('D', false, 1, 2), ('E', false, 3, 3), ('F', false, 2, 4), ('G', false, 5, NULL);
SELECT tb_did(adopted, before, after) FROM hand;
SELECT round(e.effect::numeric, 12) AS effect, e.treated, e.control, e.p_value, e.p_value * 20 AS relabellings_as_extreme,
       e.exact, round(e.mde::numeric, 4) AS mde, abs(e.mde - 2.8015852181129683 * 2.0 / 3) < 1e-12 AS mde_by_hand,
       e.lower <= e.effect AND e.effect <= e.upper AS interval_holds_effect
  FROM (SELECT tb_did(adopted, before, after) AS s FROM hand) q, tb_did_effect(q.s) e;
-- The interval of seed 1 (pg_prng: the same on every machine).
SELECT round(lower::numeric, 6) AS lower, round(upper::numeric, 6) AS upper
  FROM (SELECT tb_did(adopted, before, after) AS s FROM hand) q, tb_did_effect(q.s);

-- The exact p-value equals an enumeration written in SQL: 9 countries, 4
-- adopters, every one of the C(9, 4) = 126 relabellings by a recursive CTE,
-- in numeric (no rounding, ties exact).
CREATE TEMP TABLE nine (i integer, adopted boolean, change numeric);
INSERT INTO nine VALUES (1, true, 2.5), (2, true, 1.0), (3, true, 3.5), (4, true, 0.5), (5, false, 0.5),
                        (6, false, -1.0), (7, false, 1.5), (8, false, 2.0), (9, false, 0.0);
WITH RECURSIVE subsets(members, last) AS (
    SELECT ARRAY[i], i FROM nine
    UNION ALL
    SELECT s.members || n.i, n.i FROM subsets s JOIN nine n ON n.i > s.last WHERE cardinality(s.members) < 4
), effects AS (
    SELECT (SELECT avg(change) FROM nine WHERE i = ANY (members)) - (SELECT avg(change) FROM nine WHERE i <> ALL (members)) AS e
      FROM subsets WHERE cardinality(members) = 4
), observed AS (
    SELECT (SELECT avg(change) FROM nine WHERE adopted) - (SELECT avg(change) FROM nine WHERE NOT adopted) AS e
)
SELECT count(*) AS relabellings, count(*) FILTER (WHERE abs(f.e) >= abs(o.e)) AS as_extreme,
       abs(d.p_value - count(*) FILTER (WHERE abs(f.e) >= abs(o.e))::float8 / count(*)) < 1e-12 AS p_equals_enumeration,
       abs(d.effect - o.e::float8) < 1e-12 AS effect_equals, d.exact
  FROM effects f, observed o,
       LATERAL (SELECT e.* FROM (SELECT tb_did(adopted, 0, change::float8) AS s FROM nine) q, tb_did_effect(q.s) e) d
 GROUP BY o.e, d.p_value, d.effect, d.exact;

-- Past 200,000 relabellings, a seeded Monte Carlo: 30 countries, 15
-- adopters (155,117,520 relabellings), changes 0 or 1 (11 of the adopters
-- and 5 of the others improved).  The exact p-value is then hypergeometric:
-- the adopters of a relabelling count s of the 16 improvements, the effect
-- is (2 s - 16) / 15, as extreme as the observed 6/15 when s >= 11 or
-- s <= 5.  10,000 draws are within 0.02 of it (4 standard deviations).
CREATE TEMP TABLE thirty AS
SELECT g <= 15 AS adopted, CASE WHEN g <= 11 OR g BETWEEN 16 AND 20 THEN 1 ELSE 0 END::float8 AS change
  FROM generate_series(1, 30) g;
WITH hyper AS (
    SELECT sum(factorial(16) / (factorial(s) * factorial(16 - s)) * factorial(14) / (factorial(15 - s) * factorial(s - 1))
               / (factorial(30) / (factorial(15) * factorial(15))))::float8 AS p
      FROM generate_series(1, 15) s WHERE s >= 11 OR s <= 5
)
SELECT round(h.p::numeric, 6) AS exact_p, e.exact, round(e.p_value::numeric, 4) AS monte_carlo_p,
       abs(e.p_value - h.p) < 0.02 AS close, round((e.p_value * 10001)::numeric) AS b_plus_1
  FROM hyper h, (SELECT tb_did(adopted, 0, change) AS s FROM thirty) q, tb_did_effect(q.s) e;

-- Same seed, same result; another seed, another interval and Monte Carlo
-- p-value; the exact p-value does not depend on the seed.
SELECT (SELECT row(e.*)::text FROM tb_did_effect(q.s, 2000, 0.9, 42) e)
     = (SELECT row(e.*)::text FROM tb_did_effect(q.s, 2000, 0.9, 42) e) AS same_seed_same_result,
       (SELECT row(e.lower, e.upper, e.p_value)::text FROM tb_did_effect(q.s, seed => 1) e)
    <> (SELECT row(e.lower, e.upper, e.p_value)::text FROM tb_did_effect(q.s, seed => 2) e) AS other_seed_other_result
  FROM (SELECT tb_did(adopted, 0, change) AS s FROM thirty) q;
SELECT count(DISTINCT e.p_value) AS exact_p_values, count(DISTINCT e.lower) > 1 AS intervals_differ
  FROM (SELECT tb_did(adopted, before, after) AS s FROM hand) q, generate_series(1, 5) seed,
       LATERAL tb_did_effect(q.s, 500, 0.95, seed) e;
-- A wider interval at a higher level.
SELECT (SELECT upper - lower FROM tb_did_effect(q.s, level => 0.99))
     > (SELECT upper - lower FROM tb_did_effect(q.s, level => 0.8)) AS wider_at_99
  FROM (SELECT tb_did(adopted, 0, change) AS s FROM thirty) q;
-- Swapping the groups flips the effect and keeps the p-value.
SELECT a.effect = -b.effect AS effect_flips, a.p_value = b.p_value AS same_p, a.mde = b.mde AS same_mde
  FROM (SELECT e.* FROM (SELECT tb_did(adopted, 0, change::float8) AS s FROM nine) q, tb_did_effect(q.s) e) a,
       (SELECT e.* FROM (SELECT tb_did(NOT adopted, 0, change::float8) AS s FROM nine) q, tb_did_effect(q.s) e) b;

-- An empty group: the counts, every other column NULL; two units: no mde;
-- no rows: an empty state; a NULL state: NULL (STRICT).
SELECT e.* FROM tb_did_effect('missing=0 treated=[1 2] control=[]') e;
SELECT e.* FROM tb_did_effect('missing=3 treated=[] control=[]') e;
SELECT effect, p_value, exact, lower, upper, mde FROM tb_did_effect('missing=0 treated=[3] control=[1]');
SELECT tb_did(true, x, x) AS no_rows FROM generate_series(1, 0) x;
SELECT tb_did(t, b, a) AS all_missing FROM (VALUES (NULL::boolean, 1::float8, 2::float8), (true, NULL, 2), (false, 1, NULL)) v(t, b, a);
SELECT e.* IS NULL AS strict FROM tb_did_effect(NULL) e;
-- All changes equal: no effect, p = 1, a zero interval and mde.
SELECT e.* FROM tb_did_effect('missing=0 treated=[2 2] control=[2 2 2]') e;

-- Parallel = serial: 100,000 countries (the most a state holds).
CREATE TABLE didbig AS
SELECT g, hashint4(g) % 3 = 0 AS adopted, ((hashint4(g * 7) % 10000) / 100.0)::float8 AS before,
       ((hashint4(g * 13) % 10000) / 100.0)::float8 AS after
  FROM generate_series(1, 100000) g;
ANALYZE didbig;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT tb_did(adopted, before, after) FROM didbig;
CREATE TEMP TABLE par AS SELECT tb_did(adopted, before, after) AS s FROM didbig;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS SELECT tb_did(adopted, before, after) AS s FROM didbig;
RESET max_parallel_workers_per_gather;
SELECT md5(p.s::text) = md5(s.s::text) AS parallel_equals_serial,
       (SELECT row(e.*)::text FROM tb_did_effect(p.s, 20) e) = (SELECT row(e.*)::text FROM tb_did_effect(s.s, 20) e) AS same_effect,
       (SELECT e.treated + e.control FROM tb_did_effect(p.s, 1) e) AS units
  FROM par p, ser s;
-- Rollup of parts = whole, whatever the parts.
CREATE TEMP TABLE parts AS SELECT g % 7 AS part, tb_did(adopted, before, after) AS s FROM didbig GROUP BY g % 7;
SELECT md5(tb_rollup(s)::text) = (SELECT md5(s::text) FROM ser) AS rollup_equals_whole FROM parts;
SELECT tb_rollup(s) AS rollup_by_hand
  FROM (VALUES ('missing=1 treated=[3] control=[1]'::tb_did), ('missing=2 treated=[-1.5] control=[]'), (NULL)) v(s);

-- Text and binary round trips.
SELECT s::text::tb_did::text = s::text AS text_round_trip FROM ser;
SELECT 'missing=7 treated=[0.1 -0 1e-300 -2.5e10] control=[3 3 -4.75]'::tb_did AS canonical;
SELECT v::tb_did::text = v AS reads_back
  FROM (SELECT tb_did(g % 2 = 0, 0, (hashint4(g) / 7.0e3)::float8)::text AS v FROM generate_series(1, 50) g) q;
-- (files in the results directory of the output directory)
\getenv abs_builddir PG_ABS_BUILDDIR
\cd :abs_builddir
CREATE TEMP TABLE stored (part integer, s tb_did);
INSERT INTO stored SELECT part, s FROM parts;
INSERT INTO stored SELECT -1, tb_did(adopted, before, after) FROM hand;
\copy stored TO 'results/impact_did.bin' WITH (FORMAT binary)
CREATE TEMP TABLE stored2 (LIKE stored);
\copy stored2 FROM 'results/impact_did.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, count(*) FILTER (WHERE a.s::text = b.s::text) AS equal,
       count(*) FILTER (WHERE tb_did_send(a.s) = tb_did_send(b.s)) AS same_bytes
  FROM stored a JOIN stored2 b USING (part);
SELECT tb_did_send(s) FROM stored WHERE part = -1;

-- Binary input: crafted payloads go through tb_did_recv, each as the one
-- field of a binary COPY file.
-- valid: missing 1, one treated unit (2), one control (-1)
CREATE TEMP TABLE payloads (name text PRIMARY KEY, p bytea);
WITH ok AS (SELECT '01' || '0000000000000001' || '00000001' || '00000001' || '4000000000000000' || 'bff0000000000000' AS h)
INSERT INTO payloads
SELECT v.name, decode(v.hx, 'hex') FROM ok, LATERAL (VALUES
    ('valid', h),
    ('version2', '02' || substr(h, 3)),
    ('short_header', substr(h, 1, 20)),
    ('truncated', substr(h, 1, length(h) - 2)),
    ('trailing', h || 'ff'),
    ('negative_missing', '01ffffffffffffffff' || substr(h, 19)),
    ('negative_count', substr(h, 1, 18) || 'ffffffff' || substr(h, 27)),
    ('too_many', substr(h, 1, 18) || '00030d40' || substr(h, 27)),
    ('nan_change', substr(h, 1, 34) || '7ff8000000000000' || substr(h, 51)),
    ('infinite_change', substr(h, 1, 34) || '7ff0000000000000' || substr(h, 51))) AS v(name, hx);
CREATE TEMP TABLE payload (s tb_did);
\copy (SELECT p FROM payloads WHERE name = 'valid') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
SELECT s FROM payload;
-- version 2
\copy (SELECT p FROM payloads WHERE name = 'version2') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- shorter than the header
\copy (SELECT p FROM payloads WHERE name = 'short_header') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- a change cut short
\copy (SELECT p FROM payloads WHERE name = 'truncated') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- a byte past the last change
\copy (SELECT p FROM payloads WHERE name = 'trailing') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- a negative missing count
\copy (SELECT p FROM payloads WHERE name = 'negative_missing') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- a negative number of treated units
\copy (SELECT p FROM payloads WHERE name = 'negative_count') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- 200,000 treated units
\copy (SELECT p FROM payloads WHERE name = 'too_many') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- a NaN change
\copy (SELECT p FROM payloads WHERE name = 'nan_change') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
-- an infinite change
\copy (SELECT p FROM payloads WHERE name = 'infinite_change') TO 'results/impact_did.bin' WITH (FORMAT binary)
\copy payload FROM 'results/impact_did.bin' WITH (FORMAT binary)
SELECT count(*) AS accepted FROM payload;

-- Errors.
SELECT pg_temp.err($$ SELECT tb.tb_did(true, 'NaN', 1) $$);
SELECT pg_temp.err($$ SELECT tb.tb_did(true, 1, 'Infinity') $$);
SELECT pg_temp.err($$ SELECT tb.tb_did(false, -1.7e308, 1.7e308) $$);
SELECT pg_temp.err($$ SELECT tb.tb_did(true, 0, g) FROM generate_series(1, 100001) g $$);
SELECT pg_temp.err($$ SELECT tb.tb_rollup(s) FROM (SELECT tb.tb_did(g % 2 = 0, 0, g) AS s FROM generate_series(1, 100002) g GROUP BY g % 2) q $$);
SELECT pg_temp.err($$ SELECT tb.tb_rollup(s) FROM (VALUES ('missing=9223372036854775807 treated=[] control=[]'::tb.tb_did), ('missing=1 treated=[] control=[]')) v(s) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_did_effect('missing=0 treated=[1] control=[2]', reps => 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_did_effect('missing=0 treated=[1] control=[2]', reps => 1000001) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_did_effect('missing=0 treated=[1] control=[2]', level => 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_did_effect('missing=0 treated=[1] control=[2]', level => 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_did_effect('missing=0 treated=[1] control=[2]', level => 'NaN') $$);
-- the arguments are checked before the state is read: an empty state errs too
SELECT pg_temp.err($$ SELECT * FROM tb.tb_did_effect('missing=0 treated=[] control=[]', reps => -5) $$);
-- invalid text
SELECT pg_temp.err($$ SELECT 'treated=[1] control=[2]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=-1 treated=[1] control=[2]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=99999999999999999999 treated=[] control=[]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 control=[2] treated=[1]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1 x] control=[2]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1  2] control=[2]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1 ] control=[2]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1 NaN] control=[2]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1] control=[-inf]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1] control=[2'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1] control=[2] extra'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT 'missing=0 treated=[1]control=[2]'::tb.tb_did $$);
SELECT pg_temp.err($$ SELECT ('missing=0 treated=[' || (SELECT string_agg(g::text, ' ') FROM generate_series(1, 100001) g) || '] control=[]')::tb.tb_did $$);
DROP TABLE didbig;
