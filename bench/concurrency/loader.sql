-- One loader transaction: a new answer into the shared import table and the
-- ledger, then the loader.
SELECT nextval('bench_key') AS n \gset
SELECT 1000 + :n / (SELECT count(*) FROM bench_keys) AS r, :n % (SELECT count(*) FROM bench_keys) AS k \gset
BEGIN;
INSERT INTO quito.response_import (round, country, institution, indicator, lang, answer)
SELECT :r, country, institution, indicator, lang, CASE kind WHEN 'binary' THEN 'Sí' WHEN 'ordinal' THEN 'Parcial' ELSE '7' END
  FROM bench_keys WHERE k = :k;
INSERT INTO bench_ledger SELECT :r, institution, indicator, CASE kind WHEN 'binary' THEN 'Sí' WHEN 'ordinal' THEN 'Parcial' ELSE '7' END
  FROM bench_keys WHERE k = :k;
COMMIT;
SELECT count(*) FROM quito.tb_load_responses('pgbench');
