-- Krippendorff's alpha alone, for the scaling at sizes the plain-SQL
-- self-join cannot reach in reasonable time (run with -n 100000, 1000000,
-- 10000000 and compare the times).
--@ setup
\i bench/generate_ratings.sql
--@ extension
SELECT round(tb.tb_alpha(tb.tb_agreement(unit, v), 'ordinal')::numeric, 9) FROM bench_ratings;
