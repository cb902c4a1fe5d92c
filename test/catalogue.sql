-- The catalogue contract: what the extension installs (a library) and what
-- a baseline holds, how they are named, commented, secured and dumped.
BEGIN;
SELECT plan(57);

SELECT has_extension('trafficking_baseline', 'the extension is installed');
SELECT has_schema('tb', 'schema tb exists');
SELECT tables_are('tb', ARRAY['baselines', 'text_rules'], 'tb has exactly two tables: the registry and the text rules');
SELECT views_are('tb', ARRAY[]::name[], 'tb has no view');
SELECT tables_are('quito', ARRAY['countries', 'memberships', 'axes', 'indicators', 'rounds', 'institutions',
                              'answer_vocabulary', 'loads', 'responses', 'rejects', 'response_import',
                              'external_values', 'rating_bands', 'analysis_settings', 'refresh_log',
                              'refresh_pending', 'focal_points', 'response_history',
                              'bi_scores', 'bi_country_scores', 'bi_harmonization', 'bi_gaps', 'bi_priorities',
                              'bi_coverage', 'bi_indicator_summaries', 'ui_strings', 'country_languages', 'map_shapes',
                              'standards', 'standard_practices', 'outcomes'],
                 'a baseline has exactly the documented tables');
SELECT views_are('quito', ARRAY['expected_answers', 'coverage', 'reject_summary', 'indicator_values',
                             'indicator_scores', 'axis_scores', 'country_scores', 'country_copeland',
                             'indicator_gaps', 'axis_gaps', 'country_gaps', 'axis_progress', 'country_priorities',
                             'external_trends', 'country_ratings', 'indicator_harmonization', 'axis_harmonization',
                             'external_harmonization', 'country_practices', 'country_similarity',
                             'sigma_convergence', 'beta_convergence', 'country_harmonization',
                             'institution_agreement', 'standard_coverage', 'intervention_effects',
                             'composite_ranks', 'composite_coherence', 'composite_sensitivity'],
                 'a baseline has exactly the documented views');

-- keys
SELECT col_is_pk('quito', 'countries', 'iso2', 'countries are keyed by ISO alpha-2');
SELECT col_is_pk('quito', 'memberships', ARRAY['country', 'valid_from'], 'a membership period is keyed by country and start');
SELECT col_is_pk('quito', 'axes', 'code', 'axes are keyed by code');
SELECT col_is_pk('quito', 'indicators', 'code', 'indicators are keyed by code');
SELECT col_is_pk('quito', 'rounds', 'round_no', 'rounds are keyed by number');
SELECT col_is_pk('quito', 'institutions', 'code', 'institutions are keyed by code');
SELECT col_is_pk('quito', 'answer_vocabulary', 'term', 'the vocabulary is keyed by folded term');
SELECT col_is_pk('quito', 'responses', 'response_id', 'responses have a surrogate key');
SELECT col_is_unique('quito', 'responses', ARRAY['round_no', 'country', 'institution', 'indicator'],
                     'one answer per round, country, institution and indicator');
SELECT col_is_pk('quito', 'external_values', ARRAY['indicator', 'country', 'year'], 'one external value per indicator, country and year');
SELECT col_is_unique('quito', 'rejects', 'row_key', 'a rejected row is recorded once');

-- foreign keys
SELECT fk_ok('quito', 'responses', 'round_no', 'quito', 'rounds', 'round_no');
SELECT fk_ok('quito', 'responses', 'country', 'quito', 'countries', 'iso2');
SELECT fk_ok('quito', 'responses', 'indicator', 'quito', 'indicators', 'code');
SELECT fk_ok('quito', 'responses', ARRAY['institution', 'country'], 'quito', 'institutions', ARRAY['code', 'country']);
SELECT fk_ok('quito', 'responses', 'load_id', 'quito', 'loads', 'load_id');
SELECT fk_ok('quito', 'indicators', 'axis', 'quito', 'axes', 'code');
SELECT fk_ok('quito', 'memberships', 'country', 'quito', 'countries', 'iso2');
SELECT fk_ok('quito', 'institutions', 'country', 'quito', 'countries', 'iso2');
SELECT fk_ok('quito', 'rejects', 'load_id', 'quito', 'loads', 'load_id');
SELECT fk_ok('quito', 'external_values', 'indicator', 'quito', 'indicators', 'code');

-- the raw answer and its provenance are always there
SELECT col_not_null('quito', 'responses', 'raw_answer', 'the raw answer is kept');
SELECT col_not_null('quito', 'responses', 'loaded_by', 'who loaded a response is kept');
SELECT col_not_null('quito', 'responses', 'loaded_at', 'when a response was loaded is kept');
SELECT col_not_null('quito', 'rejects', 'reason', 'every reject has a reason');

-- comments on everything
SELECT is_empty($$
    SELECT c.relname FROM pg_class c
     WHERE c.relnamespace IN ('tb'::regnamespace, 'quito'::regnamespace) AND c.relkind IN ('r', 'v', 'm')
       AND obj_description(c.oid, 'pg_class') IS NULL $$,
    'every table and view has a comment');
SELECT is_empty($$
    SELECT c.relname || '.' || a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace IN ('tb'::regnamespace, 'quito'::regnamespace) AND c.relkind IN ('r', 'v', 'm')
       AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL $$,
    'every column has a comment');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace IN ('tb'::regnamespace, 'quito'::regnamespace) AND obj_description(p.oid, 'pg_proc') IS NULL $$,
    'every function has a comment');
SELECT isnt(obj_description('tb'::regnamespace, 'pg_namespace'), NULL, 'the schema has a comment');
SELECT isnt(obj_description('quito'::regnamespace, 'pg_namespace'), NULL, 'a baseline''s schema has a comment');

-- naming rule: tb_ prefix, no clash with any built-in name
SELECT is_empty($$
    SELECT proname FROM pg_proc WHERE pronamespace = 'tb'::regnamespace AND proname !~ '^tb_' $$,
    'every function name begins with tb_');
SELECT is_empty($$
    SELECT p.proname FROM pg_proc p
     WHERE p.pronamespace = 'tb'::regnamespace
       AND EXISTS (SELECT 1 FROM pg_proc b WHERE b.pronamespace = 'pg_catalog'::regnamespace
                                            AND b.proname = p.proname) $$,
    'no function name is also a built-in name');
SELECT is_empty($$
    SELECT typname FROM pg_type t
     WHERE typnamespace = 'tb'::regnamespace AND typname !~ '^_?tb_'
       AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype IN (t.oid, t.typelem)) $$,
    'every type name begins with tb_');

-- volatility, strictness and parallel safety
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = 'tb'::regnamespace AND l.lanname = 'c' AND p.proparallel <> 's'
       AND p.proname NOT IN ('tb_calling_role', 'tb_run_as_owner') $$,
    'every C function is PARALLEL SAFE but the two that act on roles (restricted: the session''s role; unsafe: runs a command)');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = 'tb'::regnamespace AND l.lanname = 'c' AND NOT p.proisstrict
       AND p.prokind = 'f'
       AND p.proname NOT IN ('tb_parse_number', 'tb_try_parse_number', 'tb_parse_answer')
       AND NOT EXISTS (SELECT 1 FROM pg_aggregate a
                        WHERE p.oid IN (a.aggtransfn, a.aggcombinefn, a.aggfinalfn)) $$,
    'every C function is STRICT but aggregate support (NULL is a state), window functions and the parsers (NULL language; NULL answer is an empty one)');
SELECT is(
    (SELECT provolatile::text FROM pg_proc WHERE oid = 'quito.tb_load_responses(text, regclass)'::regprocedure),
    'v', 'the loader is VOLATILE');

-- security: no SECURITY DEFINER in the library; in a baseline, only the four
-- functions that write for a role without table privileges, none of them
-- executable by PUBLIC; every non-C function pins its search_path
SELECT is_empty($$
    SELECT proname FROM pg_proc WHERE pronamespace = 'tb'::regnamespace AND prosecdef $$,
    'no function of the library is SECURITY DEFINER');
SELECT set_eq($$ SELECT proname::text FROM pg_proc WHERE pronamespace = 'quito'::regnamespace AND prosecdef $$,
              ARRAY['submit_answer', 'withdraw_answer', 'tb_load_responses_from_staging', 'tb_refresh'],
              'a baseline has exactly four SECURITY DEFINER functions');
SELECT is_empty($$ SELECT p.oid::regprocedure::text FROM pg_proc p
                    WHERE p.pronamespace = 'quito'::regnamespace AND p.prosecdef
                      AND has_function_privilege('public', p.oid, 'EXECUTE') $$,
                'none of them is executable by PUBLIC');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace IN ('tb'::regnamespace, 'quito'::regnamespace) AND l.lanname IN ('sql', 'plpgsql')
       AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false) $$,
    'every SQL and PL/pgSQL function pins search_path to pg_catalog, pg_temp');

-- aggregates: parallel, combinable, and never an internal state (docs/design.md, conventions)
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'tb'::regnamespace
       AND (a.aggcombinefn = 0 OR a.aggtranstype = 'internal'::regtype OR p.proparallel <> 's') $$,
    'every aggregate is PARALLEL SAFE, has a combine function and keeps a state of a real type');
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
     JOIN pg_type t ON t.oid = a.aggtranstype
     WHERE p.pronamespace = 'tb'::regnamespace AND (t.typinput = 0 OR t.typreceive = 0 OR t.typsend = 0) $$,
    'every aggregate state has text and binary input and output');

-- the bi_ tables: standard column types only, every column commented
SELECT is_empty($$
    SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'quito'::regnamespace AND c.relname LIKE 'bi\_%' AND c.relkind IN ('r', 'v', 'm')
       AND a.attnum > 0 AND NOT a.attisdropped
       AND a.atttypid NOT IN ('boolean'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype,
                              'double precision'::regtype, 'text'::regtype, 'date'::regtype,
                              'timestamp with time zone'::regtype, 'character varying'::regtype) $$,
    'every column of the bi_ tables has a standard type (no type of the extension)');
SELECT is_empty($$
    SELECT c.relname || '.' || a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'quito'::regnamespace AND c.relname LIKE 'bi\_%' AND c.relkind IN ('r', 'v', 'm')
       AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL $$,
    'every column of the bi_ tables has a comment');
SELECT tb.tb_create_baseline_roles('quito');
SELECT is_empty($$ SELECT c.relname FROM pg_class c
                    WHERE c.relnamespace = 'quito'::regnamespace AND c.relkind IN ('r', 'v')
                      AND has_table_privilege('quito_bi_reader', c.oid, 'SELECT') <> (c.relname LIKE 'bi\_%') $$,
                'the BI reader reads the bi_ tables and nothing else of the baseline');

-- pg_dump keeps the registry of baselines (an extension configuration
-- table) and every baseline as the user tables they are; not text_rules,
-- which describes the server the data lives on: a restore records the new
-- server's ICU
SELECT set_eq($$
    SELECT unnest(extconfig)::regclass::text FROM pg_extension WHERE extname = 'trafficking_baseline' $$,
    ARRAY['tb.baselines'], 'the registry of baselines is the only extension configuration table');
SELECT is_empty($$ SELECT c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
                    WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e'
                      AND c.relnamespace = 'quito'::regnamespace $$,
                'nothing of a baseline is a member of the extension');

-- privileges: a role with no grants reads and writes nothing
CREATE ROLE tb_test_nobody;
SELECT table_privs_are('quito', 'responses', 'tb_test_nobody', ARRAY[]::text[],
                       'a role without grants has no privilege on responses');
SET LOCAL ROLE tb_test_nobody;
SELECT throws_ok('SELECT count(*) FROM quito.responses', '42501', NULL,
                 'a role without grants cannot read responses');
SELECT throws_ok($$INSERT INTO quito.rejects (load_id, reason, row_key) VALUES (1, 'x', 'x')$$, '42501', NULL,
                 'a role without grants cannot write rejects');
RESET ROLE;

-- A type's declared alignment covers the widest field its C struct reads in
-- place (int64 and double need 'd'); found by the UBSan run.
SELECT set_eq($$ SELECT typname::text, typalign::text FROM pg_type
                  WHERE typnamespace = 'tb'::regnamespace AND typtype = 'b' AND typcategory <> 'A' $$,
              $$ VALUES ('tb_country', 's'), ('tb_summary', 'd'), ('tb_composite', 'd'), ('tb_topk', 'i'),
                        ('tb_agreement', 'd'), ('tb_practices', 'i'), ('tb_did', 'd'), ('tb_matrix', 'd') $$,
              'each type is aligned for its C struct');

SELECT * FROM finish();
ROLLBACK;
