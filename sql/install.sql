-- The extension installs into its own schema, from a clean database: a
-- library, with no table of answers and no role of its own.
SELECT count(*) AS roles_before FROM pg_roles \gset
CREATE EXTENSION trafficking_baseline;
SELECT extname, extversion, n.nspname AS schema, extrelocatable
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'trafficking_baseline';
SELECT c.relname, c.relkind FROM pg_class c
 WHERE c.relnamespace = 'tb'::regnamespace AND c.relkind IN ('r', 'v', 'p') ORDER BY 1;
SELECT count(*) = :roles_before AS no_role_made FROM pg_roles;
-- A baseline is made on request, in a schema its caller names and owns.
SELECT tb.tb_create_baseline('quito');
SELECT schema_name, model_version, created_by FROM tb.baselines;
SELECT nspname, nspowner::regrole FROM pg_namespace WHERE nspname = 'quito';
-- Its objects are not members of the extension.
SELECT count(*) AS members_in_quito FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
 WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relnamespace = 'quito'::regnamespace;
-- Reference rows it ships.
SELECT code, name_en FROM quito.axes ORDER BY sort_order;
SELECT count(*) AS countries FROM quito.countries;
SELECT applies_to, meaning, count(*) FROM quito.answer_vocabulary GROUP BY 1, 2 ORDER BY 1, 2;
-- The tables a user fills start empty.
SELECT (SELECT count(*) FROM quito.responses) AS responses,
       (SELECT count(*) FROM quito.rejects) AS rejects,
       (SELECT count(*) FROM quito.indicators) AS indicators;
-- A second CREATE fails clearly; IF NOT EXISTS does not.
CREATE EXTENSION trafficking_baseline;
CREATE EXTENSION IF NOT EXISTS trafficking_baseline;
-- Names a baseline cannot have, and a schema that exists.
SELECT tb.tb_create_baseline('quito');
SELECT tb.tb_create_baseline('Quito');
SELECT tb.tb_create_baseline('select');
SELECT tb.tb_create_baseline('pg_x');
SELECT tb.tb_create_baseline('public');
SELECT tb.tb_create_baseline(repeat('q', 41));
SELECT tb.tb_create_baseline(NULL);
SELECT tb.tb_drop_baseline('nowhere');
