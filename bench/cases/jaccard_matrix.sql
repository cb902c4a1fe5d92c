-- The Jaccard matrix of many practice sets, every pair once: countries =
-- rows / 5,000 (200 at 1M), 1,000 practices, each in place with probability
-- 1/2.  tb_jaccard_matrix over the sets (one call, a shared dictionary of
-- labels, bitmaps) against counts from boolean rows (one row per country
-- and practice in place, a self-join on the practice).
--@ setup
SELECT greatest(20, :rows / 5000) AS countries \gset
SELECT to_regclass('bench_adoption') IS NOT NULL AS present \gset
\set ready false
\if :present
SELECT count(DISTINCT country) = :countries AS ready FROM bench_adoption \gset
\endif
\if :ready
\else
DROP TABLE IF EXISTS bench_adoption, bench_sets;
CREATE TABLE bench_adoption AS
SELECT c AS country, 'P' || lpad(p::text, 4, '0') AS practice
  FROM generate_series(1, :countries) c, generate_series(1, 1000) p
 WHERE abs(hashint4(c * 1000 + p)) % 2 = 0;
CREATE TABLE bench_sets AS SELECT country, tb.tb_practice_set(practice) AS p FROM bench_adoption GROUP BY country;
VACUUM ANALYZE bench_adoption, bench_sets;
\endif
--@ check
--@ extension
SELECT count(*), round(sum(m.jaccard)::numeric, 9)
  FROM (SELECT array_agg(country ORDER BY country) AS k, array_agg(p ORDER BY country) AS s FROM bench_sets) x,
       tb.tb_jaccard_matrix(x.k, x.s) m;
--@ plain
WITH n AS (SELECT country, count(*) AS k FROM bench_adoption GROUP BY country),
     common AS (SELECT a.country AS ca, b.country AS cb, count(*) AS c
                  FROM bench_adoption a JOIN bench_adoption b ON a.practice = b.practice AND a.country < b.country
                 GROUP BY a.country, b.country)
SELECT count(*), round(sum(coalesce(common.c, 0)::float8 / (na.k + nb.k - coalesce(common.c, 0)))::numeric, 9)
  FROM n na JOIN n nb ON na.country < nb.country LEFT JOIN common ON common.ca = na.country AND common.cb = nb.country;
