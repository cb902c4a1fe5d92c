-- Access control with real roles: every allowed and every forbidden action.
BEGIN;
SELECT plan(45);

SELECT is((SELECT count(*)::integer FROM tb.tb_create_baseline_roles('quito')), 4,
          'an admin makes the four roles of the baseline, on request');
SELECT lives_ok($$ SELECT tb.tb_create_baseline_roles('quito') $$, 'a second call fails nothing');
SELECT is((SELECT count(*) FROM pg_policy WHERE polrelid IN ('quito.responses'::regclass, 'quito.focal_points'::regclass)),
          4::bigint, 'and leaves the same four policies');
SELECT lives_ok($$ SELECT quito.tb_create_focal_point('Perú', 'tb_test_fp_pe') $$, 'an admin makes a focal point for Peru');
SELECT lives_ok($$ SELECT quito.tb_create_focal_point('BR', 'tb_test_fp_br') $$, 'and one for Brazil');
SELECT throws_ok($$ SELECT quito.tb_create_focal_point('Narnia', 'tb_test_fp_x') $$, '22023', NULL,
                 'a focal point needs a country of the baseline');
CREATE ROLE tb_test_analyst IN ROLE quito_analyst;
CREATE ROLE tb_test_loader IN ROLE quito_loader;
CREATE ROLE tb_test_bi IN ROLE quito_bi_reader;
SELECT lives_ok($$ SELECT quito.tb_refresh() $$, 'an admin refreshes the BI tables');

-- The focal point of Peru.
SET LOCAL ROLE tb_test_fp_pe;
SELECT results_eq($$ SELECT DISTINCT country FROM quito.responses $$, $$ VALUES ('PE'::text) $$,
                  'a focal point reads only its own country''s answers');
SELECT is((SELECT count(*) FROM quito.responses WHERE country = 'AR'), 0::bigint, 'and nothing of another country, even by asking');
SELECT ok(quito.submit_answer(1, 'PE-MININTER', 'PREV11', '55') > 0, 'it submits an answer of its own country');
SELECT throws_ok($$ SELECT quito.submit_answer(1, 'AR-MJ', 'PREV11', '55') $$,
                 '42501', NULL, 'it cannot submit an answer of another country');
SELECT throws_ok($$ INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
                    VALUES (1, 'PE', 'PE-MININTER', 'PREV10', '55', 55, 'value') $$,
                 '42501', NULL, 'it cannot write the answers table directly');
SELECT throws_ok($$ UPDATE quito.responses SET country = 'AR' WHERE country = 'PE' AND indicator = 'PREV01' $$,
                 '42501', NULL, 'nor update it');
SELECT throws_ok($$ DELETE FROM quito.responses WHERE country = 'BR' $$, '42501', NULL, 'nor delete from it');
SELECT ok(quito.withdraw_answer(1, 'PE-MININTER', 'PREV11'), 'it withdraws an answer of its own country');
SELECT ok(NOT quito.withdraw_answer(1, 'AR-MJ', 'PREV01'), 'and withdraws nothing of another country');
SELECT ok((SELECT count(*) FROM quito.bi_scores) > 0, 'it reads the regional aggregates of the bi_ tables');
SELECT throws_ok($$ SELECT * FROM quito.rejects $$, '42501', NULL, 'it cannot read the rejects of the loads');
SELECT throws_ok($$ SELECT * FROM quito.axis_scores $$, '42501', NULL, 'it cannot read the views over every country''s answers');
SELECT throws_ok($$ INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en)
                    VALUES ('X1', 'PREV', 'count', 'higher', 'u', 'a', 'a', 'a') $$, '42501', NULL, 'it cannot change the catalogue');
SELECT results_eq($$ SELECT country FROM quito.focal_points $$, $$ VALUES ('PE'::text) $$, 'it sees only its own focal-point row');
RESET ROLE;

SELECT ok((SELECT count(*) FROM quito.responses WHERE country = 'AR' AND indicator = 'PREV01') > 0,
          'a withdrawal asked for another country removed nothing');
-- The focal point of Brazil does not see Peru's answers.
SET LOCAL ROLE tb_test_fp_br;
SELECT is((SELECT count(*) FROM quito.responses WHERE country = 'PE'), 0::bigint, 'another focal point cannot see them');
RESET ROLE;

-- The analyst.
SET LOCAL ROLE tb_test_analyst;
SELECT ok((SELECT count(DISTINCT country) FROM quito.responses) >= 13, 'an analyst reads every country''s answers');
SELECT lives_ok($$ SELECT * FROM quito.axis_scores LIMIT 1 $$, 'and the views');
SELECT lives_ok($$ SELECT * FROM quito.response_history LIMIT 1 $$, 'and the history of corrections');
SELECT throws_ok($$ DELETE FROM quito.responses $$, '42501', NULL, 'but writes nothing');
SELECT lives_ok($$ SELECT * FROM tb.tb_text_rules_check() $$, 'an analyst checks the text rules after an ICU upgrade');
SELECT throws_ok($$ SELECT tb.tb_text_rules_refresh() $$, '42501', NULL, 'but cannot record them');
RESET ROLE;

-- The loader.
SET LOCAL ROLE tb_test_loader;
SELECT lives_ok($$ INSERT INTO quito.response_import (round, country, institution, indicator, lang, answer)
                   VALUES ('1', 'Chile', 'CL-MININT', 'PREV11', 'es', '12,5 %') $$, 'a loader fills the import table');
SELECT lives_ok($$ SELECT * FROM quito.tb_load_responses('roles test') $$, 'and loads it');
SELECT lives_ok($$ SELECT * FROM quito.tb_refresh() $$, 'and refreshes the BI tables');
SELECT throws_ok($$ UPDATE quito.indicators SET weight = 3 $$, '42501', NULL, 'but cannot change the catalogue');
SELECT throws_ok($$ INSERT INTO quito.loads (label) VALUES ('forged') $$, '42501', NULL, 'nor write a load by hand');
RESET ROLE;
SELECT is((SELECT loaded_by FROM quito.loads WHERE label = 'roles test'), 'tb_test_loader'::name,
          'the load records the loader, not the owner its function runs as');

-- The BI reader.
SET LOCAL ROLE tb_test_bi;
SELECT throws_ok($$ SELECT count(*) FROM quito.responses $$, '42501', NULL, 'a BI reader cannot read the raw answers');
RESET ROLE;

-- A second baseline beside it: its rows, BI tables and roles are its own.
SELECT tb.tb_create_baseline('quito_other');
SELECT tb.tb_create_baseline_roles('quito_other');
CREATE ROLE tb_test_other_bi IN ROLE quito_other_bi_reader;
SET LOCAL ROLE tb_test_analyst;
SELECT throws_ok($$ SELECT count(*) FROM quito_other.responses $$, '42501', NULL,
                 'an analyst of one baseline cannot read another''s answers');
SELECT throws_ok($$ SELECT count(*) FROM quito_other.bi_scores $$, '42501', NULL, 'nor its BI tables');
RESET ROLE;
SET LOCAL ROLE tb_test_other_bi;
SELECT lives_ok($$ SELECT count(*) FROM quito_other.bi_scores $$, 'a BI reader of the other baseline reads its own BI tables');
SELECT throws_ok($$ SELECT count(*) FROM quito.bi_scores $$, '42501', NULL, 'and not this one''s');
RESET ROLE;
SET LOCAL ROLE tb_test_fp_pe;
SELECT throws_ok($$ SELECT quito_other.submit_answer(0, 'PE-MININTER', 'PREV01', 'Sí') $$, '42501', NULL,
                 'a focal point of one baseline is nobody in another');
RESET ROLE;

-- A baseline owned by a role whose name needs quoting: a loader still loads.
CREATE ROLE "Tb Test Owner";
SELECT format('GRANT CREATE ON DATABASE %I TO "Tb Test Owner"', current_database()) \gexec
SET LOCAL ROLE "Tb Test Owner";
SELECT tb.tb_create_baseline('quito_quoted');
RESET ROLE;
SELECT tb.tb_create_baseline_roles('quito_quoted');
CREATE ROLE tb_test_quoted_loader IN ROLE quito_quoted_loader;
SET LOCAL ROLE tb_test_quoted_loader;
SELECT lives_ok($$ SELECT * FROM quito_quoted.tb_load_responses('empty file') $$,
                'a loader loads into a baseline whose owner''s name needs quoting');
RESET ROLE;

-- Dropping a baseline drops its roles too, when no other database uses them.
SELECT tb.tb_create_baseline('quito_tmp');
SELECT tb.tb_create_baseline_roles('quito_tmp');
SELECT lives_ok($$ SELECT tb.tb_drop_baseline('quito_tmp') $$, 'an admin drops a baseline explicitly');
SELECT is((SELECT count(*) FROM pg_roles WHERE rolname LIKE 'quito\_tmp\_%'), 0::bigint, 'its four roles went with it');
SELECT ok(to_regnamespace('quito_tmp') IS NULL AND NOT EXISTS (SELECT 1 FROM tb.baselines WHERE schema_name = 'quito_tmp'),
          'and its schema and registry row');

SELECT * FROM finish();
ROLLBACK;
