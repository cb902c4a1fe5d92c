-- Concurrent load: rounds 1000-1999 receive new answers, each a unique
-- (round, institution, indicator), recorded in a ledger in the same
-- transaction as its import, so that afterwards every answer can be
-- checked: loaded exactly once.
INSERT INTO quito.rounds SELECT r, 'Load test ' || r, '2023-06-30' FROM generate_series(1000, 1999) r
ON CONFLICT DO NOTHING;
DROP TABLE IF EXISTS bench_ledger;
CREATE TABLE bench_ledger (round_no integer, institution text, indicator text, answer text, PRIMARY KEY (round_no, institution, indicator));
DROP SEQUENCE IF EXISTS bench_key;
CREATE SEQUENCE bench_key;
DROP TABLE IF EXISTS bench_keys;
CREATE TABLE bench_keys AS
SELECT row_number() OVER (ORDER BY i.code, d.code) - 1 AS k, i.code AS institution, i.country, i.lang, d.code AS indicator, d.kind
  FROM quito.institutions i CROSS JOIN quito.indicators d WHERE d.source = 'survey';
CREATE UNIQUE INDEX ON bench_keys (k);
