-- Loading the illustrative baseline with the loader, as an analyst would.
\set ECHO none
\i scripts/load_baseline.sql
\set ON_ERROR_STOP off
\set ECHO all
SELECT label, rows_read, loaded, duplicates, rejected FROM quito.loads ORDER BY load_id;
-- Every row read is accounted for: loaded, rejected, or a duplicate.
SELECT bool_and(rows_read = loaded + duplicates + rejected) AS accounted FROM quito.loads;
SELECT (SELECT count(*) FROM quito.responses) AS responses, (SELECT count(*) FROM quito.rejects) AS rejects,
       (SELECT sum(loaded) FROM quito.loads) AS loaded, (SELECT sum(rejected) FROM quito.loads) AS rejected;
SELECT reason, count(*) FROM quito.rejects GROUP BY reason ORDER BY reason;
SELECT status, count(*) FROM quito.responses GROUP BY status ORDER BY status;
-- The raw answer is kept exactly as received, blanks and case included.
SELECT raw_answer, value FROM quito.responses
 WHERE raw_answer <> btrim(raw_answer) OR raw_answer = upper(raw_answer) AND raw_answer ~ '[A-Z]'
 GROUP BY raw_answer, value ORDER BY raw_answer LIMIT 12;
-- The import table is empty after a load.
SELECT count(*) AS left_in_import FROM quito.response_import;
-- Loading an empty import table (the \copy forgotten, or a file that was
-- not there) says so, and records no load.
SELECT * FROM quito.tb_load_responses('round1.csv');
SELECT count(*) AS empty_loads_recorded FROM quito.loads WHERE label = 'round1.csv';
-- Loading the same files again adds nothing: the loader counts every row
-- as a duplicate ...
\set ECHO none
SET search_path = quito, pg_catalog;
\copy response_import (round, country, institution, indicator, lang, answer) FROM 'data/illustrative/responses_round0.csv' CSV HEADER
SELECT * FROM quito.tb_load_responses('responses_round0.csv');
\copy response_import (round, country, institution, indicator, lang, answer) FROM 'data/illustrative/responses_round1.csv' CSV HEADER
SELECT * FROM quito.tb_load_responses('responses_round1.csv');
RESET search_path;
-- ... and scripts/load_baseline.sql does not even load them again.
\i scripts/load_baseline.sql
\set ON_ERROR_STOP off
\set ECHO all
SELECT label, rows_read, loaded, duplicates, rejected FROM quito.loads WHERE load_id > 2 ORDER BY load_id;
SELECT (SELECT count(*) FROM quito.responses) AS responses, (SELECT count(*) FROM quito.rejects) AS rejects;
SELECT count(*) AS tip_values, count(value) AS tip_rated FROM quito.external_values;

-- A private import table, with every kind of trouble in it.
CREATE TEMP TABLE imp (LIKE quito.response_import INCLUDING ALL);
INSERT INTO imp (round, country, institution, indicator, lang, answer) VALUES
  ('1', 'ar', ' AR-MJ ', 'prev01', '', 'No'),                    -- new answer, messy keys
  ('0', 'AR', 'AR-MJ', 'PREV01', 'es', 'SIM'),                   -- conflicts with what is loaded
  ('1', 'AR', 'AR-MJ', 'PREV02', 'es', 'Sí'),                    -- two different answers
  ('1', 'AR', 'AR-MJ', 'PREV02', 'es', 'No'),                    -- to one question
  ('1', 'AR', 'AR-MJ', 'PREV03', 'es', 'Sí'),                    -- repeated
  ('1', 'AR', 'AR-MJ', 'PREV03', 'es', 'Sí'),                    --   line
  ('x', 'AR', 'AR-MJ', 'PREV03', 'es', 'Sí'),
  ('9', 'AR', 'AR-MJ', 'PREV03', 'es', 'Sí'),
  ('1', 'ZZ', 'AR-MJ', 'PREV03', 'es', 'Sí'),
  ('0', 'CW', 'CW-MJ', 'PREV03', 'en', 'Yes'),                   -- observer only from 2022
  ('1', 'AR', 'AR-NOPE', 'PREV03', 'es', 'Sí'),
  ('1', 'AR', 'BR-MJSP', 'PREV03', 'es', 'Sí'),
  ('1', 'AR', 'AR-MJ', 'NOPE', 'es', 'Sí'),
  ('1', 'AR', 'AR-MJ', 'TIP_TIER', 'es', '2'),
  ('1', 'AR', 'AR-MJ', 'PREV04', 'de', 'Ja'),
  ('1', 'AR', 'AR-MJ', 'PREV05', 'es', NULL),
  ('1', 'AR', 'AR-MJ', 'PREV06', 'es', 'a medias'),
  ('1', 'Argentina', 'AR-MJ', 'PREV07', 'es', 'Parcial'),          -- the country by name,
  ('1', ' ARGENTINA ', 'AR-MJ', 'PREV07', 'es', 'Parcial'),        --   the same answer again
  ('1', '032', 'AR-MJ', 'PREV08', 'es', 'Parcial'),                -- numeric code
  ('1', 'Argentine', 'AR-MJ', 'PREV09', 'es', '<5'),               -- French name; a limit
  ('1', 'Argentinia', 'AR-MJ', 'PREV10', 'es', '3,5'),             -- misspelt country
  ('1', 'Japón', 'AR-MJ', 'PREV10', 'es', '3,5'),                  -- a country not in the baseline
  ('1', 'AR', 'AR-MJ', 'PREV11', 'es', '250 %'),                   -- a percentage above 100
  ('1', 'AR', 'AR-MJ', 'PROS07', 'es', '3,5');                     -- half a case
DELETE FROM quito.responses WHERE round_no = 1 AND country = 'AR' AND institution = 'AR-MJ'
   AND indicator IN ('PREV01', 'PREV02', 'PREV03', 'PREV04', 'PREV05', 'PREV06', 'PREV07', 'PREV08', 'PREV09', 'PREV10',
                     'PREV11', 'PROS07');
SELECT * FROM quito.tb_load_responses('trouble.csv', 'imp');
SELECT line_no, round_raw, country_raw, institution_raw, indicator_raw, raw_answer, reason, detail
  FROM quito.rejects WHERE load_id = (SELECT max(load_id) FROM quito.loads) ORDER BY line_no;
SELECT indicator, raw_answer, value, status FROM quito.responses
 WHERE load_id = (SELECT max(load_id) FROM quito.loads) ORDER BY indicator;
SELECT count(*) AS left_in_imp FROM imp;
-- The same trouble again: everything is a duplicate now.
INSERT INTO imp (round, country, institution, indicator, lang, answer) VALUES
  ('1', 'ar', ' AR-MJ ', 'prev01', '', 'No'), ('x', 'AR', 'AR-MJ', 'PREV03', 'es', 'Sí');
SELECT * FROM quito.tb_load_responses('trouble.csv again', 'imp');

-- A malformed import changes nothing.
CREATE TEMP TABLE bad_imp (round text, country text, answer text);
SELECT count(*) AS loads_before FROM quito.loads \gset
SELECT * FROM quito.tb_load_responses('bad.csv', 'bad_imp');
SELECT * FROM quito.tb_load_responses('', 'imp');
SELECT * FROM quito.tb_load_responses('x', 'no_such_table');
SELECT count(*) = :loads_before AS nothing_changed FROM quito.loads;
-- A file in the wrong encoding (Latin-1 bytes in a UTF-8 database) fails and loads nothing.
SET client_encoding = 'LATIN1';
\copy (SELECT '1,AR,AR-MJ,PREV01,es,S' || chr(237)) TO 'results/latin1.csv'
SET client_encoding = 'UTF8';
\copy quito.response_import (round, country, institution, indicator, lang, answer) FROM 'results/latin1.csv' CSV
SELECT count(*) AS import_rows FROM quito.response_import;
-- A file with the wrong number of columns never reaches the import table.
\copy quito.response_import (round, country, institution, indicator, lang, answer) FROM 'data/illustrative/indicators.csv' CSV HEADER
SELECT count(*) AS import_rows FROM quito.response_import;
