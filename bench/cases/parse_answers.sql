-- Parse every answer for its indicator's kind: tb_parse_answer (ICU folding,
-- the vocabulary, numbers in the form's language) against the plain-SQL way
-- analysts use today: lower(unaccent(btrim(x))) joined to a lookup table of
-- unaccented words, and numbers cleaned with replace() and cast.
--@ setup
\i bench/generate_answers.sql
DROP TABLE IF EXISTS bench_vocabulary;
CREATE TABLE bench_vocabulary AS
SELECT lower(unaccent(term)) AS term, applies_to, meaning, value FROM quito.answer_vocabulary;
ANALYZE bench_vocabulary;
--@ check
--@ extension
SELECT count(*) FILTER (WHERE (p).status IS NOT NULL), round(sum((p).value)::numeric, 3)
  FROM (SELECT tb.tb_parse_answer(raw, kind, lang, 'quito.answer_vocabulary') AS p FROM bench_answers) q;
--@ plain
SELECT count(*) FILTER (WHERE status IS NOT NULL), round(sum(value)::numeric, 3)
  FROM (SELECT coalesce(v.meaning, CASE WHEN a.kind NOT IN ('binary', 'ordinal') AND n ~ '^[+-]?[0-9]+(\.[0-9]+)?$'
                                        THEN 'value' END) AS status,
               CASE WHEN v.meaning IS NOT NULL THEN v.value
                    WHEN a.kind NOT IN ('binary', 'ordinal') AND n ~ '^[+-]?[0-9]+(\.[0-9]+)?$' THEN n::float8 END AS value
          FROM (SELECT raw, kind, lower(unaccent(btrim(regexp_replace(raw, '\s+', ' ', 'g')))) AS folded,
                       replace(rtrim(rtrim(btrim(CASE WHEN lang = 'en' THEN replace(raw, ',', '')
                                                      ELSE replace(replace(raw, '.', ''), ',', '.') END), '%'), ' '), ' ', '') AS n
                  FROM bench_answers) a
          LEFT JOIN bench_vocabulary v
                 ON v.term = a.folded AND v.applies_to IN (a.kind, 'any')) q;
