-- Fold every answer for matching: tb_fold (ICU) against the plain-SQL way
-- analysts use today, lower(unaccent(btrim(x))) with the unaccent module.
--@ setup
\i bench/generate_answers.sql
--@ extension
SELECT count(DISTINCT tb.tb_fold(raw)) FROM bench_answers;
--@ plain
SELECT count(DISTINCT lower(unaccent(btrim(regexp_replace(raw, '\s+', ' ', 'g'))))) FROM bench_answers;
