-- Benchmark data: :rows responses, 1,000 indicators in 4 axes, each country
-- answering every indicator (countries = rows / 1000), 1 in 10 missing,
-- reproducible (hash of the row number, no random()).
SELECT to_regclass('bench_responses') IS NOT NULL AS present \gset
\set ready false
\if :present
SELECT count(*) = :rows AS ready FROM bench_responses \gset
\endif
\if :ready
\else
DROP TABLE IF EXISTS bench_responses;
CREATE TABLE bench_responses AS
SELECT (g - 1) / 1000 AS country, (g - 1) % 1000 AS indicator, ((g - 1) % 1000) % 4 AS axis,
       CASE WHEN ((g - 1) % 1000) % 3 = 0 THEN 'lower' ELSE 'higher' END AS direction,
       (1 + ((g - 1) % 1000 % 5) / 2.0)::float8 AS weight,
       CASE WHEN h % 10 = 0 THEN NULL ELSE ((h >> 8) % 100000) / 10.0 END::float8 AS value
  FROM (SELECT g, abs(hashint8(g::bigint)::bigint) AS h FROM generate_series(1, :rows) g) s;
VACUUM ANALYZE bench_responses;
\endif
