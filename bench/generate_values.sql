-- Benchmark data: :rows indicator values in ~1,000 groups, 1 in 20 NULL,
-- reproducible (hash of the row number, no random()).
SELECT to_regclass('bench_values') IS NOT NULL AS present \gset
\set ready false
\if :present
SELECT count(*) = :rows AS ready FROM bench_values \gset
\endif
\if :ready
\else
DROP TABLE IF EXISTS bench_values;
CREATE TABLE bench_values AS
SELECT (h % 1000)::integer AS indicator,
       CASE WHEN (h >> 10) % 20 = 0 THEN NULL ELSE ((h >> 16) % 1000000) / 100.0 END::float8 AS value
  FROM (SELECT abs(hashint8(g::bigint)::bigint) AS h FROM generate_series(1, :rows) g) s;
VACUUM ANALYZE bench_values;
\endif
