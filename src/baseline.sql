------------------------------------------------------------------------------
-- Baselines: schemas of user-owned tables the extension creates on request
------------------------------------------------------------------------------

/*
 * The extension is a library.  A baseline (catalogue, answers, rejects,
 * loads, views, BI tables, functions that write them) is created by
 * tb_create_baseline in a schema the caller names and owns; its objects are
 * not members of the extension, so DROP EXTENSION refuses while a baseline
 * uses the extension's types and functions, and nothing is lost by
 * accident.  The registry below lists the baselines, for upgrades.
 */

CREATE TABLE @extschema@.baselines (
    schema_name   name PRIMARY KEY,
    model_version text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by    name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE @extschema@.baselines IS 'Registry of the baselines in this database: the schema of each and the version of the baseline model its tables follow. Written by tb_create_baseline and tb_drop_baseline; ALTER EXTENSION UPDATE migrates every baseline listed.';
COMMENT ON COLUMN @extschema@.baselines.schema_name IS 'Schema holding the baseline.';
COMMENT ON COLUMN @extschema@.baselines.model_version IS 'Extension version whose baseline model the schema follows.';
COMMENT ON COLUMN @extschema@.baselines.created_at IS 'When the baseline was created.';
COMMENT ON COLUMN @extschema@.baselines.created_by IS 'Role that created it.';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.baselines', '');
-- Anyone may register a schema they own, and nothing else.
ALTER TABLE @extschema@.baselines ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON @extschema@.baselines TO PUBLIC;
CREATE POLICY baselines_read ON @extschema@.baselines FOR SELECT USING (true);
CREATE POLICY baselines_register_own ON @extschema@.baselines FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                         WHERE n.nspname = schema_name
                           AND pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE')));
CREATE POLICY baselines_unregister_own ON @extschema@.baselines FOR DELETE
    USING (NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = schema_name)
           OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                       WHERE n.nspname = schema_name
                         AND pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE')));

CREATE FUNCTION @extschema@.tb_baseline_name_check(schema_name text)
RETURNS name
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Role names are built from it (schema_name || '_focal_point'), and it
    -- is written into the baseline's definitions: a plain lower-case word.
    IF schema_name IS NULL OR schema_name !~ '^[a-z_][a-z0-9_]{0,39}$' OR schema_name ~ '^pg_'
       OR quote_ident(schema_name) <> schema_name OR schema_name IN ('tb', 'public', 'information_schema') THEN
        RAISE EXCEPTION 'invalid baseline name %', quote_literal(coalesce(schema_name, 'NULL'))
            USING ERRCODE = 'invalid_schema_name',
                  DETAIL = 'A baseline''s schema name is 1 to 40 lower-case letters, digits and underscores, starts with a letter or underscore, is not a reserved word, and is not tb, public or pg_*.',
                  HINT = 'For example: quito, quito_test, rcm_2026.';
    END IF;
    RETURN schema_name::name;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_baseline_name_check(text) IS
'Returns schema_name if it can name a baseline (1-40 lower-case letters, digits, underscores; not a reserved word; not tb, public or pg_*), else raises 3F000 saying what a name must be.';

CREATE FUNCTION @extschema@.tb_baseline_role_names(schema_name text)
RETURNS name[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ARRAY[schema_name || '_analyst', schema_name || '_loader', schema_name || '_focal_point',
                 schema_name || '_bi_reader']::name[]
$$;
COMMENT ON FUNCTION @extschema@.tb_baseline_role_names(text) IS
'The names of a baseline''s four roles: <schema>_analyst, <schema>_loader, <schema>_focal_point, <schema>_bi_reader (what tb_create_baseline_roles makes and tb_drop_baseline drops).';

CREATE FUNCTION @extschema@.tb_registered_baseline(schema_name text)
RETURNS name
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_baseline_name_check(schema_name);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.baselines b WHERE b.schema_name = s) THEN
        RAISE EXCEPTION 'no baseline %', s
            USING ERRCODE = 'invalid_schema_name',
                  HINT = 'tb.baselines lists the baselines; tb.tb_create_baseline makes one. A schema not listed there is not touched.';
    END IF;
    RETURN s;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_registered_baseline(text) IS
'Returns schema_name if it names a baseline registered in tb.baselines, else raises 3F000.';

CREATE FUNCTION @extschema@.tb_create_baseline(schema_name text, reference_rows boolean DEFAULT true)
RETURNS name
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_baseline_name_check(schema_name);
BEGIN
    IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
        RAISE EXCEPTION 'a baseline requires a UTF8 database'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = format('The database encoding is %s; answers are matched by ICU text folding, which needs UTF8.',
                                  pg_catalog.getdatabaseencoding()),
                  HINT = 'Create the database with ENCODING ''UTF8''.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s) THEN
        RAISE EXCEPTION 'schema % already exists', s
            USING ERRCODE = 'duplicate_schema',
                  HINT = 'A baseline gets a schema of its own: choose another name, or drop the old baseline with tb.tb_drop_baseline.';
    END IF;
    EXECUTE format('CREATE SCHEMA %I', s);
    EXECUTE replace(@extschema@.tb_baseline_template(), '@baseline@', s);
    IF reference_rows THEN
        EXECUTE replace(@extschema@.tb_baseline_reference_rows(), '@baseline@', s);
    END IF;
    EXECUTE format('COMMENT ON SCHEMA %I IS %L', s,
                   'A baseline of the trafficking_baseline extension (model ' || @extschema@.tb_baseline_model_version()
                   || '): catalogue, answers exactly as received, rejects, loads, views and BI tables. Made by tb.tb_create_baseline.');
    INSERT INTO @extschema@.baselines (schema_name, model_version) VALUES (s, @extschema@.tb_baseline_model_version());
    RETURN s;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_create_baseline(text, boolean) IS
'Creates a baseline in a new schema named schema_name, owned by the caller: the catalogue (countries, memberships, axes, indicators, rounds, institutions, answer vocabulary, rating bands), answers, rejects, loads, the history of corrections, the scoring, gap and harmonization views, the bi_ tables and the functions that load and refresh them. reference_rows (default true) fills the shipped reference rows (axes, member countries, vocabulary, rating bands). No role is created: see tb_create_baseline_roles. Registered in tb.baselines. Returns the schema name.';

CREATE FUNCTION @extschema@.tb_create_baseline_roles(schema_name text)
RETURNS SETOF name
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_registered_baseline(schema_name);
    r name;
BEGIN
    FOREACH r IN ARRAY @extschema@.tb_baseline_role_names(s) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
        RETURN NEXT r;
    END LOOP;
    EXECUTE replace(@extschema@.tb_baseline_roles_template(), '@baseline@', s);
END
$$;
COMMENT ON FUNCTION @extschema@.tb_create_baseline_roles(text) IS
'Creates (when absent) the four NOLOGIN roles of a baseline and grants them what they may do: <schema>_analyst reads everything; <schema>_loader fills the import table, runs tb_load_responses and tb_refresh; <schema>_focal_point reads its own country''s answers (row-level security), the catalogue and the bi_ tables, and writes through submit_answer and withdraw_answer; <schema>_bi_reader reads the bi_ tables only. Needs a caller allowed to create roles. Idempotent. Returns the role names.';

CREATE FUNCTION @extschema@.tb_drop_baseline(schema_name text, drop_roles boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_registered_baseline(schema_name);
    r name;
BEGIN
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', s);
    DELETE FROM @extschema@.baselines b WHERE b.schema_name = s;
    IF drop_roles THEN
        FOREACH r IN ARRAY @extschema@.tb_baseline_role_names(s) LOOP
            CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r);
            -- roles are cluster-wide: a baseline of the same name in another
            -- database may still use them
            BEGIN
                EXECUTE format('DROP ROLE %I', r);
            EXCEPTION WHEN dependent_objects_still_exist THEN
                RAISE NOTICE 'role % kept: %', r, SQLERRM;
            END;
        END LOOP;
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_drop_baseline(text, boolean) IS
'Drops a baseline explicitly: its schema with every table and its data, its registry row, and (drop_roles, default true) its four roles, unless a baseline of the same name in another database still uses them (roles are cluster-wide; a notice says so). The only way the extension deletes answers. Focal-point roles made by tb_create_focal_point stay.';
