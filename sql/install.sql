-- The extension installs into its own schema, from a clean database.
CREATE EXTENSION trafficking_baseline;
SELECT extname, extversion, n.nspname AS schema, extrelocatable
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'trafficking_baseline';
-- Reference rows it ships.
SELECT code, name_en FROM tb.axes ORDER BY sort_order;
SELECT count(*) AS countries FROM tb.countries;
SELECT applies_to, meaning, count(*) FROM tb.answer_vocabulary GROUP BY 1, 2 ORDER BY 1, 2;
-- The tables a user fills start empty.
SELECT (SELECT count(*) FROM tb.responses) AS responses,
       (SELECT count(*) FROM tb.rejects) AS rejects,
       (SELECT count(*) FROM tb.indicators) AS indicators;
-- A second CREATE fails clearly; IF NOT EXISTS does not.
CREATE EXTENSION trafficking_baseline;
CREATE EXTENSION IF NOT EXISTS trafficking_baseline;
