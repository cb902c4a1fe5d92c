-- The summary aggregate per indicator (~1,000 groups) against the built-in
-- stddev_samp alone, and against the plain-SQL way to the same statistics.
--@ setup
\i bench/generate_values.sql
--@ extension
SELECT count(*) FROM (SELECT indicator, tb.tb_summary(value) FROM bench_values GROUP BY indicator) s;
--@ builtin
SELECT count(*) FROM (SELECT indicator, stddev_samp(value) FROM bench_values GROUP BY indicator) s;
--@ plain
SELECT count(*) FROM (SELECT indicator, count(value), count(*) - count(value), min(value), max(value),
                             avg(value), stddev_samp(value)
                        FROM bench_values GROUP BY indicator) s;
