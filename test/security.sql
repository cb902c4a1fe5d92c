-- The findings of the security probe of version 0.2, each replayed as an
-- attack with real roles, and each refused.
BEGIN;
SELECT plan(32);

SELECT tb.tb_create_baseline_roles('quito');
SELECT quito.tb_create_focal_point('Perú', 'tb_sec_fp_pe');

-- 1. A maintenance call run by a superuser never runs another user's code
--    with superuser rights.
CREATE SCHEMA tb_sec_trap AUTHORIZATION tb_sec_fp_pe;
SET LOCAL ROLE tb_sec_fp_pe;
CREATE FUNCTION tb_sec_trap.evil() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER ROLE tb_sec_fp_pe SUPERUSER;
    END IF;
    RETURN true;
END $$;
CREATE TABLE tb_sec_trap.checked (x text CHECK (tb.tb_fold(x) IS NOT NULL AND tb_sec_trap.evil()));
INSERT INTO tb_sec_trap.checked VALUES ('a');
CREATE TABLE tb_sec_trap.generated (x text, g text GENERATED ALWAYS AS (tb.tb_fold(x)) STORED);
CREATE FUNCTION tb_sec_trap.on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM tb_sec_trap.evil(); RETURN NEW; END $$;
CREATE TRIGGER t BEFORE UPDATE ON tb_sec_trap.generated FOR EACH ROW EXECUTE FUNCTION tb_sec_trap.on_update();
INSERT INTO tb_sec_trap.generated (x) VALUES ('B');
CREATE INDEX ON tb_sec_trap.generated (tb.tb_fold(x));
RESET ROLE;
UPDATE tb.text_rules SET icu_version = '1.0';      -- as after an ICU upgrade
SELECT is((SELECT count(*)::integer FROM tb.tb_text_rules_check() WHERE object LIKE 'tb_sec_trap.%' OR object LIKE '% on tb_sec_trap.%'),
          3, 'the check lists the trap''s check constraint, generated column and index');
SELECT lives_ok($$ SELECT tb.tb_text_rules_refresh() $$, 'a superuser refreshes the text rules of every table');
SELECT ok(NOT (SELECT rolsuper FROM pg_roles WHERE rolname = 'tb_sec_fp_pe'),
          'the owner''s check constraint, trigger and generated column ran as the owner: no escalation');
SELECT is((SELECT g FROM tb_sec_trap.generated), 'b', 'the generated column was recomputed');
SELECT is((SELECT icu_version FROM tb.text_rules), tb.tb_icu_version(), 'the running version is recorded');
-- Only a role with the owner's privileges may run maintenance as the owner.
CREATE ROLE tb_sec_other;
SET LOCAL ROLE tb_sec_other;
SELECT throws_ok($$ SELECT tb.tb_run_as_owner('tb_sec_trap.checked', 'SELECT 1') $$, '42501', NULL,
                 'tb_run_as_owner refuses a caller without the owner''s privileges');
RESET ROLE;
SELECT is(tb.tb_run_as_owner('tb_sec_trap.checked', 'SELECT count(*) FROM tb_sec_trap.checked'), 1::bigint,
          'a superuser runs a command as the owner and reads its result');
SELECT throws_ok($$ SELECT tb.tb_run_as_owner('tb_sec_trap.checked', 'SET ROLE postgres') $$, '42501', NULL,
                 'inside, the owner cannot change role: a security-restricted operation');
SET LOCAL search_path = tb_sec_trap, public;
SELECT is(tb.tb_run_as_owner('tb_sec_trap.checked',
              $$SELECT count(*) FROM pg_settings WHERE name = 'search_path' AND setting = 'pg_catalog, pg_temp'$$),
          1::bigint, 'inside, the search_path is pg_catalog, pg_temp, whatever the caller''s');
SELECT tb.tb_run_as_owner('tb_sec_trap.checked', $$SELECT set_config('search_path', 'pg_catalog', false)$$);
SELECT is(current_setting('search_path'), 'tb_sec_trap, public',
          'a setting changed inside does not outlive it: the caller''s search_path is untouched');
RESET search_path;

-- A baseline's owner cannot turn its vocabulary into code a superuser runs:
-- the check reads only a plain table of text columns.
SELECT tb.tb_create_baseline('tb_sec_b');
ALTER SCHEMA tb_sec_b OWNER TO tb_sec_fp_pe;
ALTER TABLE tb_sec_b.answer_vocabulary OWNER TO tb_sec_fp_pe;
SET LOCAL ROLE tb_sec_fp_pe;
ALTER TABLE tb_sec_b.answer_vocabulary RENAME TO vocabulary_kept;
CREATE VIEW tb_sec_b.answer_vocabulary AS
    SELECT 'x'::text AS term, 'binary'::text AS applies_to WHERE tb_sec_trap.evil();
RESET ROLE;
SELECT lives_ok($$ SELECT * FROM tb.tb_text_rules_check() $$, 'a superuser checks the text rules of every baseline');
SELECT ok(NOT (SELECT rolsuper FROM pg_roles WHERE rolname = 'tb_sec_fp_pe'),
          'a view planted as a baseline''s vocabulary is not read: no escalation');

-- 2. Answers say truly who wrote them.
SET LOCAL ROLE tb_sec_fp_pe;
SELECT throws_ok($$ INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value,
                                                 status, load_id, loaded_by, loaded_at)
                    VALUES (1, 'PE', 'PE-MININTER', 'PREV01', 'No', 1, 'value', 1, 'loader', '2020-01-01') $$,
                 '42501', NULL, 'a focal point cannot insert an answer with a parsed value and provenance of its choosing');
SELECT throws_ok($$ UPDATE quito.responses SET loaded_by = 'postgres', load_id = 2, loaded_at = '1999-01-01'
                     WHERE country = 'PE' $$,
                 '42501', NULL, 'nor rewrite the provenance of its answers');
SELECT lives_ok($$ SELECT quito.submit_answer(1, 'PE-MININTER', 'PREV01', 'NO') $$,
                'it submits "NO" through the function');
SELECT results_eq($$ SELECT value, status, load_id, loaded_by FROM quito.responses
                      WHERE round_no = 1 AND institution = 'PE-MININTER' AND indicator = 'PREV01' $$,
                  $$ VALUES (0::float8, 'value'::text, NULL::bigint, 'tb_sec_fp_pe'::name) $$,
                  'the value is the parser''s (NO = 0), who is the caller, no load is claimed');
SELECT lives_ok($$ SELECT quito.submit_answer(1, 'PE-MININTER', 'PREV01', 'Sí') $$, 'it corrects the answer');
SELECT throws_ok($$ SELECT quito.submit_answer(1, 'PE-MININTER', 'PREV01', 'tal vez') $$, '22P02', NULL,
                 'an answer the parser cannot read is refused with its reason');
SELECT throws_ok($$ SELECT quito.submit_answer(1, 'PE-MININTER', 'PREV11', '-5') $$, '23514', NULL,
                 'a value outside the indicator''s bounds is refused');
SELECT throws_ok($$ DELETE FROM quito.response_history $$, '42501', NULL, 'it cannot rewrite the history');
RESET ROLE;
SELECT results_eq($$ SELECT raw_answer, change, changed_by FROM quito.response_history h
                      WHERE h.institution = 'PE-MININTER' AND h.indicator = 'PREV01' AND h.round_no = 1
                      ORDER BY history_id DESC LIMIT 1 $$,
                  $$ VALUES ('NO'::text, 'UPDATE'::text, 'tb_sec_fp_pe'::name) $$,
                  'the correction kept the previous answer, with who replaced it');

-- A loader cannot make the owner's load function read a view of its own.
CREATE ROLE tb_sec_loader IN ROLE quito_loader;
GRANT CREATE ON SCHEMA tb_sec_trap TO tb_sec_loader;
GRANT USAGE ON SCHEMA tb_sec_trap TO tb_sec_loader;
GRANT EXECUTE ON FUNCTION tb_sec_trap.evil() TO tb_sec_loader;
SET LOCAL ROLE tb_sec_loader;
CREATE TEMP VIEW tb_load_raw AS
    SELECT 1::bigint AS line_no, '1'::text AS round, 'PE'::text AS country, 'PE-MININTER'::text AS institution,
           'PREV01'::text AS indicator, 'es'::text AS lang, 'Sí'::text AS answer
     WHERE tb_sec_trap.evil();
SELECT throws_ok($$ SELECT * FROM quito.tb_load_responses_from_staging('forged') $$, '42809', NULL,
                 'the owner''s load step refuses staged rows that are not its plain table');
DROP VIEW tb_load_raw;
RESET ROLE;
SELECT ok(NOT EXISTS (SELECT 1 FROM quito.loads WHERE label = 'forged'), 'and records no load');

-- 3. What one country's focal point can do to the others.
SET LOCAL ROLE tb_sec_fp_pe;
SELECT throws_ok($$ LOCK TABLE quito.responses IN ACCESS EXCLUSIVE MODE $$, '42501', NULL,
                 'a focal point cannot lock the answers against every loader and reader');
SELECT throws_ok($$ LOCK TABLE quito.responses IN ROW EXCLUSIVE MODE $$, '42501', NULL,
                 'nor block a refresh with a write lock');
SELECT throws_ok($$ SELECT nextval('quito.responses_response_id_seq') $$, '42501', NULL,
                 'it cannot read the total count of answers from the sequence');
SELECT throws_ok($$ INSERT INTO quito.refresh_pending VALUES (1) $$, '42501', NULL,
                 'it cannot probe rounds through refresh_pending');
RESET ROLE;
CREATE ROLE tb_sec_reader IN ROLE pg_read_server_files;
SELECT throws_ok($$ SELECT quito.tb_create_focal_point('Perú', 'postgres') $$, '42501', NULL,
                 'a superuser cannot be made a focal point');
SELECT throws_ok($$ SELECT quito.tb_create_focal_point('Perú', 'quito_loader') $$, '42501', NULL,
                 'nor a role of the baseline');
SELECT throws_ok($$ SELECT quito.tb_create_focal_point('Perú', 'tb_sec_reader') $$, '42501', NULL,
                 'nor a member of a predefined role');
SELECT throws_ok($$ SELECT quito.tb_create_focal_point('Perú', repeat('x', 100)) $$, '42622', NULL,
                 'a name longer than 63 bytes is refused, not cut');
SELECT is((SELECT count(*) FROM pg_roles WHERE rolname LIKE 'xxxxxxxx%'), 0::bigint, 'and no role was made');

SELECT * FROM finish();
ROLLBACK;
