-- DROP EXTENSION refuses while a baseline uses the library, and nothing is lost.
SELECT count(*) AS responses_before FROM quito.responses \gset
SELECT count(*) AS objects_before FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'trafficking_baseline') \gset
\set VERBOSITY terse
DROP EXTENSION trafficking_baseline;
\set VERBOSITY default
SELECT count(*) = :responses_before AS every_answer_kept, count(*) > 0 AS there_were_answers
  FROM quito.responses;
SELECT extversion FROM pg_extension WHERE extname = 'trafficking_baseline';
-- A second baseline beside it: its own rows, its own loads.
SELECT tb.tb_create_baseline('quito_test');
INSERT INTO quito_test.rounds VALUES (0, 'test round', '2020-01-01');
INSERT INTO quito_test.memberships VALUES ('PE', 'member', '2010-01-01', NULL);
INSERT INTO quito_test.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, lower_bound, upper_bound)
VALUES ('PREV01', 'PREV', 'binary', 'higher', 'yes/no', 'a', 'a', 'a', 0, 1);
INSERT INTO quito_test.institutions VALUES ('PE-X', 'PE', 'Institución X', 'es');
INSERT INTO quito_test.response_import (round, country, institution, indicator, lang, answer)
VALUES ('0', 'Perú', 'PE-X', 'PREV01', 'es', 'Sí');
SELECT * FROM quito_test.tb_load_responses('test.csv');
SELECT (SELECT count(*) FROM quito_test.responses) AS test_answers,
       (SELECT count(*) FROM quito.responses) = :responses_before AS quito_untouched,
       (SELECT max(load_id) FROM quito_test.loads) AS test_loads;
SELECT schema_name FROM tb.baselines ORDER BY 1;
-- Dropping a baseline is an explicit call; then the extension can go.
SET client_min_messages = warning;   -- not the list of every object dropped
SELECT tb.tb_drop_baseline('quito_test', drop_roles => false);
SELECT tb.tb_drop_baseline('quito', drop_roles => false);
RESET client_min_messages;
SELECT count(*) AS baselines_left FROM tb.baselines;
DROP EXTENSION trafficking_baseline;
-- The schema tb stays (CREATE EXTENSION made it, it is not a member), empty.
SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'tb'::regnamespace) AS relations_left,
       (SELECT count(*) FROM pg_type WHERE typnamespace = 'tb'::regnamespace) AS types_left;
SELECT count(*) AS functions_left FROM pg_proc WHERE proname LIKE 'tb\_%';
CREATE EXTENSION trafficking_baseline;
SELECT count(*) = :objects_before AS same_objects FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'trafficking_baseline');
SELECT tb.tb_create_baseline('quito');
SELECT (quito.tb_parse_answer('Sí', 'binary', 'es')).value AS works_again;
-- Trusted: the owner of a database installs it without being a superuser,
-- and owns the baselines it makes.
SET client_min_messages = warning;
CREATE ROLE tb_regress_owner LOGIN;
CREATE DATABASE tb_regress_trusted OWNER tb_regress_owner;
\c tb_regress_trusted tb_regress_owner
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION trafficking_baseline;
SELECT tb.tb_create_baseline('quito');
SELECT nspowner::regrole AS baseline_owner FROM pg_namespace WHERE nspname = 'quito';
SELECT count(*) AS tables_owned FROM pg_class
 WHERE relnamespace = 'quito'::regnamespace AND relkind = 'r' AND relowner = 'tb_regress_owner'::regrole;
SELECT tb.tb_create_baseline('quito_trusted');
\set VERBOSITY terse
SELECT tb.tb_create_baseline_roles('quito_trusted');    -- making roles still needs CREATEROLE
\set VERBOSITY default
\c contrib_regression postgres
DROP DATABASE tb_regress_trusted;
DROP ROLE tb_regress_owner;
