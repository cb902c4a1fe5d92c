-- Benchmark data: :rows ratings, 50 raters per unit (units = rows / 50),
-- values 1-5 leaning to a value per unit, 1 in 10 missing; reproducible.
SELECT to_regclass('bench_ratings') IS NOT NULL AS present \gset
\set ready false
\if :present
SELECT count(*) = :rows AS ready FROM bench_ratings \gset
\endif
\if :ready
\else
DROP TABLE IF EXISTS bench_ratings;
CREATE TABLE bench_ratings AS
SELECT 'u' || (g / 50) AS unit, g % 50 AS rater,
       CASE WHEN abs(hashint8(g)) % 10 = 0 THEN NULL
            WHEN abs(hashint8(g)) % 10 < 6 THEN 1 + abs(hashint8(g / 50)) % 5
            ELSE 1 + abs(hashint8(-g)) % 5 END::float8 AS v
  FROM generate_series(0, :rows - 1) g;
VACUUM ANALYZE bench_ratings;
\endif
