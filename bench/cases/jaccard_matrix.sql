-- The pairwise Jaccard matrix of 200 countries over 1,000 practices (each
-- in place with probability 1/2): practice sets against the same from
-- boolean rows (one row per country and practice in place).  Fixed size:
-- -n does not apply.
--@ setup
SELECT to_regclass('bench_adoption') IS NULL AS missing \gset
\if :missing
CREATE TABLE bench_adoption AS
SELECT c AS country, 'P' || lpad(p::text, 4, '0') AS practice
  FROM generate_series(1, 200) c, generate_series(1, 1000) p
 WHERE abs(hashint4(c * 1000 + p)) % 2 = 0;
CREATE TABLE bench_sets AS SELECT country, tb.tb_practice_set(practice) AS p FROM bench_adoption GROUP BY country;
VACUUM ANALYZE bench_adoption, bench_sets;
\endif
--@ check
--@ extension
SELECT count(*), round(sum(tb.tb_jaccard(a.p, b.p))::numeric, 9) FROM bench_sets a, bench_sets b;
--@ plain
WITH n AS (SELECT country, count(*) AS k FROM bench_adoption GROUP BY country),
     common AS (SELECT a.country AS ca, b.country AS cb, count(*) AS c
                  FROM bench_adoption a JOIN bench_adoption b USING (practice) GROUP BY a.country, b.country)
SELECT count(*), round(sum(coalesce(common.c, 0)::float8 / (na.k + nb.k - coalesce(common.c, 0)))::numeric, 9)
  FROM n na CROSS JOIN n nb LEFT JOIN common ON common.ca = na.country AND common.cb = nb.country;
