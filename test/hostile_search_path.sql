-- Functions of the extension do what they say under a hostile search_path:
-- look-alike functions and operators in a schema searched first are ignored.
-- The calls run under the hostile path; the assertions after it is reset
-- (pgTAP itself is not built to run under it).
BEGIN;
SELECT plan(5);

CREATE SCHEMA evil;
CREATE FUNCTION evil.btrim(text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned' $$;
CREATE FUNCTION evil.upper(text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned' $$;
CREATE FUNCTION evil.lower(text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned' $$;
CREATE FUNCTION evil.md5(text) RETURNS text LANGUAGE sql AS $$ SELECT 'pwned' $$;
CREATE FUNCTION evil.text_eq(text, text) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_eq);
CREATE TABLE evil.response_import (x int);
CREATE TEMP TABLE imp (LIKE quito.response_import INCLUDING ALL);
INSERT INTO imp (round, country, institution, indicator, lang, answer)
VALUES ('1', ' ar ', 'AR-MJ', 'PREV01', 'es', 'Sí'), ('1', 'AR', 'AR-MJ', 'NOPE', 'es', 'Sí');
DELETE FROM quito.responses WHERE round_no = 1 AND country = 'AR' AND institution = 'AR-MJ' AND indicator = 'PREV01';

SET LOCAL search_path = evil, public, pg_catalog;
CREATE TEMP TABLE got_parse AS SELECT (quito.tb_parse_answer(' Sí ', 'binary', 'es')).value;
CREATE TEMP TABLE got_load AS SELECT outcome, n FROM quito.tb_load_responses('hostile', 'imp');
CREATE TEMP TABLE got_coverage AS SELECT count(*) AS n FROM quito.coverage;
RESET search_path;

SELECT is((SELECT value FROM got_parse), 1::float8,
          'tb_parse_answer ignores look-alike functions and operators');
SELECT results_eq($$ SELECT outcome, n FROM got_load ORDER BY outcome $$,
                  $$ VALUES ('loaded'::text, 1::bigint), ('rejected', 1) $$,
                  'the loader ignores look-alike functions and operators');
SELECT is((SELECT raw_answer FROM quito.responses
            WHERE round_no = 1 AND country = 'AR' AND institution = 'AR-MJ' AND indicator = 'PREV01'),
          'Sí', 'the loaded row is the real one');
SELECT is((SELECT row_key FROM quito.rejects WHERE indicator_raw = 'NOPE'
            AND load_id = (SELECT max(load_id) FROM quito.loads)),
          md5(concat_ws(E'\x1f', '1', 'AR', 'AR-MJ', 'NOPE', 'es', 'Sí')), 'the reject key is the real md5');
SELECT is((SELECT n FROM got_coverage), (SELECT count(*) FROM quito.coverage),
          'the views resolve their functions and operators at creation');

SELECT * FROM finish();
ROLLBACK;
