-- tb_upgrade_baseline: a baseline of an older model is rebuilt from the
-- current template with every row, counter and grant it had; the previous
-- copy stays aside until its owner drops it; nobody else may run it.
-- The older model is played by a second baseline registered as 0.3 (the
-- real 0.3 -> 0.4 path is in test/upgrade/run.sh).
BEGIN;
SELECT plan(22);

SET client_min_messages = warning;
SELECT tb.tb_create_baseline('upg');
INSERT INTO upg.rounds VALUES (0, 'Baseline', '2024-06-30');
INSERT INTO upg.memberships VALUES ('AR', 'member', '2020-01-01', NULL), ('PE', 'member', '2020-01-01', NULL);
INSERT INTO upg.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, lower_bound, upper_bound)
VALUES ('PREV01', 'PREV', 'binary', 'higher', 'yes/no', 'a', 'a', 'a', 0, 1);
INSERT INTO upg.institutions VALUES ('AR-MIN', 'AR', 'Ministerio', 'es'), ('PE-MIN', 'PE', 'Ministerio', 'es');
INSERT INTO upg.response_import (round, country, institution, indicator, answer)
VALUES ('0', 'AR', 'AR-MIN', 'PREV01', 'sí'), ('0', 'PE', 'PE-MIN', 'PREV01', 'no'), ('0', 'PE', 'PE-MIN', 'PREV01', 'maybe');
SELECT count(*) FROM upg.tb_load_responses('first');
UPDATE upg.rating_bands SET colour = '#123456' WHERE scheme = 'traffic_light' AND label = 'green';
CREATE ROLE tb_upg_reader NOLOGIN;
GRANT USAGE ON SCHEMA upg TO tb_upg_reader;
GRANT SELECT ON upg.country_scores TO tb_upg_reader;
CREATE VIEW upg.my_view AS SELECT count(*) AS n FROM upg.responses;
CREATE TEMP TABLE before AS
SELECT 'responses' AS t, md5(string_agg(r::text, '|' ORDER BY response_id)) AS h FROM upg.responses r
UNION ALL SELECT 'rejects', md5(string_agg(r::text, '|' ORDER BY reject_id)) FROM upg.rejects r
UNION ALL SELECT 'loads', md5(string_agg(r::text, '|' ORDER BY load_id)) FROM upg.loads r
UNION ALL SELECT 'rating_bands', md5(string_agg(r::text, '|' ORDER BY scheme, label)) FROM upg.rating_bands r;
DELETE FROM tb.baselines WHERE schema_name = 'upg';
INSERT INTO tb.baselines (schema_name, model_version) VALUES ('upg', '0.3');

-- refused: not the owner, a name taken, a column that would be lost
CREATE ROLE tb_upg_other NOLOGIN;
GRANT USAGE ON SCHEMA upg TO tb_upg_other;
SET ROLE tb_upg_other;
SELECT throws_ok($$ SELECT * FROM tb.tb_upgrade_baseline('upg') $$, '42501',
                 'only the owner of baseline upg can upgrade it', 'another role may not upgrade a baseline');
RESET ROLE;
SELECT throws_ok($$ SELECT * FROM tb.tb_upgrade_baseline('nowhere') $$, '3F000', 'no baseline nowhere',
                 'an unregistered schema is refused');
CREATE SCHEMA upg_model_0_3;
SELECT throws_ok($$ SELECT * FROM tb.tb_upgrade_baseline('upg') $$, '42P06', 'schema upg_model_0_3 already exists',
                 'the name of the previous copy must be free');
DROP SCHEMA upg_model_0_3;
ALTER TABLE upg.loads ADD COLUMN my_note text;
SELECT throws_ok($$ SELECT * FROM tb.tb_upgrade_baseline('upg') $$, '0A000',
                 'the model 0.4 of table loads has no column my_note', 'a column the new model lacks is refused');
SELECT has_column('upg', 'loads', 'my_note', 'and nothing was changed');
ALTER TABLE upg.loads DROP COLUMN my_note;

-- the upgrade
SELECT set_has($$ SELECT relation::text, rows_copied FROM tb.tb_upgrade_baseline('upg') $$,
               $$ VALUES ('responses', 2::bigint), ('rejects', 1), ('loads', 1), ('rounds', 1), ('rating_bands', 14) $$,
               'tb_upgrade_baseline copies every table and says how many rows');
SELECT is((SELECT model_version FROM tb.baselines WHERE schema_name = 'upg'), tb.tb_baseline_model_version(),
          'the registry records the new model');
SELECT set_eq($$ SELECT * FROM before $$,
              $$ SELECT 'responses', md5(string_agg(r::text, '|' ORDER BY response_id)) FROM upg.responses r
                 UNION ALL SELECT 'rejects', md5(string_agg(r::text, '|' ORDER BY reject_id)) FROM upg.rejects r
                 UNION ALL SELECT 'loads', md5(string_agg(r::text, '|' ORDER BY load_id)) FROM upg.loads r
                 UNION ALL SELECT 'rating_bands', md5(string_agg(r::text, '|' ORDER BY scheme, label)) FROM upg.rating_bands r $$,
              'answers, rejects, loads and an edited reference row are identical, identity values included');
SELECT has_schema('upg_model_0_3', 'the previous copy is kept');
SELECT has_view('upg_model_0_3', 'my_view', 'with the user''s own view in it');
SELECT hasnt_view('upg', 'my_view', 'which is not carried into the new model');
SELECT ok(NOT has_schema_privilege('tb_upg_reader', 'upg_model_0_3', 'USAGE'), 'the previous copy is closed to others');
SELECT ok(has_table_privilege('tb_upg_reader', 'upg.country_scores', 'SELECT'), 'a grant on a view is made again');
SELECT ok(NOT has_table_privilege('tb_upg_reader', 'upg.responses', 'SELECT'), 'and nothing more is granted');
SELECT ok((SELECT count(*) FROM upg.bi_scores) > 0, 'the bi_ tables are computed again');
INSERT INTO upg.response_import (round, country, institution, indicator, answer) VALUES ('0', 'AR', 'AR-MIN', 'PREV01', 'no');
SELECT count(*) FROM upg.tb_load_responses('after the upgrade');
SELECT is((SELECT max(load_id) FROM upg.loads), 2::bigint, 'load numbers go on where they were');
DELETE FROM upg.responses WHERE country = 'PE';
SELECT is((SELECT count(*) FROM upg.response_history), 1::bigint, 'the history trigger works in the new schema');
SELECT is((SELECT count(*) FROM upg_model_0_3.responses), 2::bigint, 'the previous copy is untouched');

SELECT lives_ok($$ SELECT * FROM tb.tb_upgrade_baseline('upg') $$, 'a baseline already at the model is left alone');
SELECT is((SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'upg%'), 2::bigint, 'and no copy is made');

-- keep_previous false drops the previous copy, on request
DELETE FROM tb.baselines WHERE schema_name = 'upg';
INSERT INTO tb.baselines (schema_name, model_version) VALUES ('upg', '0.3');
DROP SCHEMA upg_model_0_3 CASCADE;
SELECT lives_ok($$ SELECT * FROM tb.tb_upgrade_baseline('upg', keep_previous => false) $$,
                'keep_previous => false');
SELECT hasnt_schema('upg_model_0_3', 'drops the previous copy');

SELECT * FROM finish();
ROLLBACK;
