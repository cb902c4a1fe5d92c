-- tb_summary: the exact, mergeable summary of an indicator's values.
\i sql/include/err.sql

SELECT tb.tb_summary(x) FROM (VALUES (1), (2), (3), (NULL)) v(x);
SELECT tb.tb_n(s), tb.tb_missing(s), tb.tb_min(s), tb.tb_max(s), tb.tb_sum(s), tb.tb_mean(s),
       tb.tb_var_pop(s), tb.tb_var_samp(s), tb.tb_stddev_pop(s), tb.tb_stddev_samp(s)
  FROM (SELECT tb.tb_summary(x) AS s FROM (VALUES (1), (2), (3), (NULL)) v(x)) q;
SELECT tb.tb_summary(x)::jsonb FROM (VALUES (1), (2), (3), (NULL)) v(x);

-- Edge cases: no rows, only NULLs, one value, -0.
SELECT s, tb.tb_n(s), tb.tb_mean(s), tb.tb_min(s), tb.tb_stddev_pop(s)
  FROM (SELECT tb.tb_summary(x::float8) AS s FROM generate_series(1, 0) x) q;
SELECT s, tb.tb_n(s), tb.tb_missing(s), tb.tb_mean(s)
  FROM (SELECT tb.tb_summary(NULL::float8) AS s FROM generate_series(1, 3)) q;
SELECT s, tb.tb_var_pop(s), tb.tb_var_samp(s), tb.tb_stddev_samp(s)
  FROM (SELECT tb.tb_summary(7.5) AS s) q;
SELECT tb.tb_summary(x) FROM (VALUES ('-0'::float8), (0)) v(x);

-- Exact: 0.1 + 0.2 - 0.3 is 2^-55 in doubles, not 0 and not 5.55e-17 by luck.
SELECT s, tb.tb_sum(s) = 2 ^ -55 AS exact_sum
  FROM (SELECT tb.tb_summary(x) AS s FROM (VALUES (0.1::float8), (0.2), (-0.3)) v(x)) q;
-- No cancellation: values around 1e9 keep their spread exactly.
SELECT tb.tb_var_samp(s) = 1 AS exact_variance, tb.tb_mean(s) = 1000000002 AS exact_mean
  FROM (SELECT tb.tb_summary(1e9 + g) AS s FROM generate_series(1, 3) g) q;
-- Extremes of double precision stay exact.
SELECT tb.tb_summary(x)::text = tb.tb_summary(x ORDER BY x DESC)::text AS same,
       tb.tb_summary(x)::text = tb.tb_summary(x ORDER BY x)::text AS same_again
  FROM (VALUES (1e308), (-1e308), (5e-324), (1e-300)) v(x);

-- The same rows give the same summary in any order.
CREATE TABLE summary_data AS
SELECT g AS id, (g % 7) AS grp,
       CASE WHEN g % 11 = 0 THEN NULL ELSE ((hashint4(g) % 100000) / 1000.0)::float8 END AS x
  FROM generate_series(1, 20000) g;
-- statistics now, so that autovacuum cannot change the plan below mid-test
ANALYZE summary_data;
SELECT count(DISTINCT s::text) AS distinct_summaries
  FROM (SELECT tb.tb_summary(x ORDER BY x) AS s FROM summary_data
        UNION ALL SELECT tb.tb_summary(x ORDER BY x DESC) FROM summary_data
        UNION ALL SELECT tb.tb_summary(x ORDER BY hashint4(id)) FROM summary_data) q;
-- Rollup of per-group summaries is exactly the summary of all rows.
SELECT (SELECT tb.tb_rollup(s) FROM (SELECT tb.tb_summary(x) AS s FROM summary_data GROUP BY grp) p)::text
     = (SELECT tb.tb_summary(x) FROM summary_data)::text AS rollup_equals_whole;
-- Rollup of rollups, and NULL summaries are skipped.
SELECT (SELECT tb.tb_rollup(s) FROM (
            SELECT tb.tb_rollup(s) AS s FROM (SELECT grp % 2 AS half, tb.tb_summary(x) AS s FROM summary_data GROUP BY grp) a GROUP BY half
            UNION ALL SELECT NULL) b)::text
     = (SELECT tb.tb_summary(x) FROM summary_data)::text AS rollup_of_rollups;
-- Against PostgreSQL's own aggregates.
SELECT tb.tb_n(s) = n AS n, tb.tb_missing(s) = missing AS missing,
       tb.tb_min(s) = mn AS min, tb.tb_max(s) = mx AS max,
       abs(tb.tb_mean(s) - mean) < 1e-12 * abs(mean) AS mean,
       abs(tb.tb_var_samp(s) - vs) < 1e-12 * vs AS var_samp,
       abs(tb.tb_stddev_pop(s) - sp) < 1e-12 * sp AS stddev_pop
  FROM (SELECT tb.tb_summary(x) AS s, count(x) AS n, count(*) - count(x) AS missing, min(x) AS mn, max(x) AS mx,
               avg(x::numeric) AS mean, var_samp(x::numeric) AS vs, stddev_pop(x::numeric) AS sp
          FROM summary_data) q;

-- Parallel plans give exactly the serial result.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT grp, tb.tb_summary(x) FROM summary_data GROUP BY grp;
CREATE TEMP TABLE par AS SELECT grp, tb.tb_summary(x)::text AS s FROM summary_data GROUP BY grp;
CREATE TEMP TABLE par_all AS SELECT tb.tb_summary(x)::text AS s FROM summary_data;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = q.s) AS equal
  FROM par p JOIN (SELECT grp, tb.tb_summary(x)::text AS s FROM summary_data GROUP BY grp) q USING (grp);
SELECT (SELECT s FROM par_all) = tb.tb_summary(x)::text AS parallel_equals_serial FROM summary_data;
RESET ALL;

-- Text form reads back to the same value; stored summaries keep it.
CREATE TABLE stored_summary (grp integer, s tb.tb_summary);
INSERT INTO stored_summary SELECT grp, tb.tb_summary(x) FROM summary_data GROUP BY grp;
SELECT count(*) FILTER (WHERE s::text::tb.tb_summary::text = s::text) AS text_round_trips FROM stored_summary;
-- Binary COPY round trip.
\copy stored_summary TO 'results/summary.bin' WITH (FORMAT binary)
CREATE TABLE stored_summary2 (LIKE stored_summary);
\copy stored_summary2 FROM 'results/summary.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, count(*) FILTER (WHERE a.s::text = b.s::text) AS equal
  FROM stored_summary a JOIN stored_summary2 b USING (grp);

-- Invalid text.
SELECT pg_temp.err($$ SELECT 'n=3'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=-1 missing=0'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=0 missing=0 min=1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=3 max=1 sum=0x1p2 sumsq=0x5p1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=1 max=3 sum=0x1p3 sumsq=0x5p1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=1 max=3 sum=0x1p0 sumsq=0x5p1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=1 max=3 sum=0x1p2 sumsq=0x1p2'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=1 missing=0 min=1 max=2 sum=0x1p0 sumsq=0x1p0'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=1 max=3 sum=0x1p2 sumsq=-0x5p1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=1 max=3 sum=0xzp2 sumsq=0x5p1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=1 max=3 sum=0x1p9999 sumsq=0x5p1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=NaN max=3 sum=0x1p2 sumsq=0x5p1'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=2 missing=0 min=1 max=3 sum=0x1p2 sumsq=0x5p1 extra'::tb.tb_summary $$);
SELECT pg_temp.err($$ SELECT 'n=99999999999999999999 missing=0'::tb.tb_summary $$);
-- The message in full, once.
SELECT 'n=2 missing=0 min=1 max=3 sum=0x1p3 sumsq=0x5p1'::tb.tb_summary;
-- Binary input: crafted payloads go through tb_summary_recv, each as the one
-- field of a binary COPY file.
-- valid: n=1 missing=0 min=max=1, sum 2^18 at limb 33, sumsq 2^4 at limb 67
CREATE TEMP TABLE payloads (name text PRIMARY KEY, p bytea);
WITH ok AS (SELECT '0100' || '0000000000000001' || '0000000000000000' || '3ff0000000000000' || '3ff0000000000000'
                   || '00' || '00000021' || '00000001' || '00040000'
                   || '00' || '00000043' || '00000001' || '00000010' AS h)
INSERT INTO payloads
SELECT v.name, decode(v.hx, 'hex') FROM ok, LATERAL (VALUES
    ('valid', h),
    ('version2', '02' || substr(h, 3)),
    ('flags', '0101' || substr(h, 5)),
    ('truncated', substr(h, 1, 60)),
    ('trailing', h || 'ff'),
    ('negative_n', '0100ffffffffffffffff' || substr(h, 21)),
    ('nan_min', substr(h, 1, 36) || '7ff8000000000000' || substr(h, 53)),
    ('small_sumsq', substr(h, 1, length(h) - 8) || '00000008'),
    ('huge_sum', substr(h, 1, 68) || '00' || '00000000' || '000000c8'),
    ('sign7', substr(h, 1, 68) || '07' || substr(h, 71))) AS v(name, hx);
CREATE TEMP TABLE payload (s tb.tb_summary);
\copy (SELECT p FROM payloads WHERE name = 'valid') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT s FROM payload;
-- version 2
\copy (SELECT p FROM payloads WHERE name = 'version2') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- unknown flags
\copy (SELECT p FROM payloads WHERE name = 'flags') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- truncated
\copy (SELECT p FROM payloads WHERE name = 'truncated') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- trailing bytes
\copy (SELECT p FROM payloads WHERE name = 'trailing') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- negative count
\copy (SELECT p FROM payloads WHERE name = 'negative_n') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- min = NaN
\copy (SELECT p FROM payloads WHERE name = 'nan_min') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- sumsq 0.5 is too small for one value of 1
\copy (SELECT p FROM payloads WHERE name = 'small_sumsq') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- a sum of 200 limbs
\copy (SELECT p FROM payloads WHERE name = 'huge_sum') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
-- a sign flag of 7
\copy (SELECT p FROM payloads WHERE name = 'sign7') TO 'results/payload.bin' WITH (FORMAT binary)
\copy payload FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT count(*) AS accepted FROM payload;
-- Values it refuses.
SELECT pg_temp.err($$ SELECT tb.tb_summary(x) FROM (VALUES (1), ('NaN'::float8)) v(x) $$);
SELECT pg_temp.err($$ SELECT tb.tb_summary(x) FROM (VALUES ('Infinity'::float8)) v(x) $$);
SELECT pg_temp.err($$ SELECT tb.tb_summary(x) FROM (VALUES ('-Infinity'::float8)) v(x) $$);
SELECT tb.tb_summary(x) FROM (VALUES ('NaN'::float8)) v(x);
-- A sum too large for a double is still exact, but reading it says so.
SELECT pg_temp.err($$ SELECT tb.tb_sum(tb.tb_summary(x)) FROM (VALUES (1.7e308), (1.7e308)) v(x) $$);
-- A state counts at most 2^63 - 1 values, missing ones apart: past that, 54000.
SELECT pg_temp.err($$ SELECT tb.tb_rollup(s) FROM (VALUES ('n=0 missing=9223372036854775807'::tb.tb_summary), ('n=0 missing=1')) v(s) $$);
SELECT tb.tb_mean(tb.tb_summary(x)) FROM (VALUES (1.7e308), (1.7e308)) v(x);
DROP TABLE summary_data, stored_summary, stored_summary2;
-- Found by fuzzing: subnormal min and max read back.
SELECT s::text::tb.tb_summary::text = s::text AS subnormal_round_trip
  FROM (SELECT tb.tb_summary(x) AS s FROM (VALUES (-1.1125369292536007e-308::float8), (5e-324), (1e300)) v(x)) q;

-- The top of the double range: 2^1023 and the largest double, squared and
-- summed, read back from text, and rolled up (the sums need 134 of the 136
-- limbs; reserving limbs for a carry used to refuse them).
SELECT tb.tb_summary(x) AS top FROM (VALUES (2^1023), (-2^1023), (2^1022)) v(x);
SELECT tb.tb_summary(x) AS largest FROM (VALUES ('1.7976931348623157e308'::float8), ('1.7976931348623157e308')) v(x);
WITH q AS (SELECT tb.tb_summary(x) AS s FROM (VALUES (2^1023), (-2^1023)) v(x))
SELECT (SELECT s::text::tb.tb_summary::text = s::text FROM q) AS reads_back,
       (SELECT tb.tb_rollup(s) FROM q, generate_series(1, 2)) AS rolled_up_twice;
