-- The summary aggregate over the whole table against the built-in
-- stddev_samp alone, and against the plain-SQL way to the same statistics.
--@ setup
\i bench/generate_values.sql
--@ extension
SELECT tb.tb_n(tb.tb_summary(value)) FROM bench_values;
--@ builtin
SELECT stddev_samp(value) IS NOT NULL FROM bench_values;
--@ plain
SELECT count(value), count(*) - count(value), min(value), max(value), avg(value), stddev_samp(value)
  FROM bench_values;
