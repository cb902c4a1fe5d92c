-- Parse every answer as a number in its form's language: tb_try_parse_number
-- against the plain-SQL way (strip separators by language, guard, cast).
--@ setup
\i bench/generate_answers.sql
--@ check
--@ extension
SELECT round(sum(tb.tb_try_parse_number(raw, lang))::numeric, 3) FROM bench_answers;
--@ plain
SELECT round(sum(CASE WHEN n ~ '^[+-]?[0-9]+(\.[0-9]+)?$' THEN n::float8 END)::numeric, 3)
  FROM (SELECT replace(rtrim(rtrim(btrim(
                  CASE WHEN lang = 'en' THEN replace(raw, ',', '')
                       ELSE replace(replace(raw, '.', ''), ',', '.') END), '%'), ' '), ' ', '') AS n
          FROM bench_answers) s;
