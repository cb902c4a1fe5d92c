------------------------------------------------------------------------------
-- Bringing a baseline to the model of this extension version
------------------------------------------------------------------------------

/*
 * An extension update changes the library, never a user's schema: objects
 * it created there would become members of the extension.  The owner of a
 * baseline brings it to the new model with tb_upgrade_baseline, which
 * renames the old schema aside, makes the new one from the current
 * template (so an upgraded baseline is exactly a fresh one) and copies
 * every row into it.  The previous copy is kept until the owner drops it.
 */

CREATE OR REPLACE FUNCTION @extschema@.tb_baseline_model_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.4'::text $$;
COMMENT ON FUNCTION @extschema@.tb_baseline_model_version() IS
'Version of the baseline model this extension version creates (recorded in tb.baselines.model_version); tb_upgrade_baseline brings an older baseline to it.';

CREATE OR REPLACE FUNCTION @extschema@.tb_upgrade_baseline(schema_name text, keep_previous boolean DEFAULT true)
RETURNS TABLE (relation name, rows_copied bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    s        name := @extschema@.tb_registered_baseline(schema_name);
    ns       oid;
    owner    oid;
    reg      record;
    old      name;
    t        record;
    cols     text;
    pk       text;
    n_old    bigint;
    n_new    bigint;
    missing  text;
    extra    text;
    roles    name[] := @extschema@.tb_baseline_role_names(schema_name);
BEGIN
    SELECT b.* INTO reg FROM @extschema@.baselines b WHERE b.schema_name = s;
    IF reg.model_version = @extschema@.tb_baseline_model_version() THEN
        RAISE NOTICE 'baseline % already follows model %', s, reg.model_version;
        RETURN;
    END IF;
    SELECT n.oid, n.nspowner INTO ns, owner FROM pg_namespace n WHERE n.nspname = s;
    IF owner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'only the owner of baseline % can upgrade it', s
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('The schema belongs to %s; the functions the upgrade creates run with their owner''s rights, so they must be the same role''s.',
                                  owner::regrole),
                  HINT = format('Run it as %s; a superuser can run SELECT tb.tb_run_as_owner(%L, %L).', owner::regrole,
                                s || '.responses', format('SELECT tb.tb_upgrade_baseline(%L)', s));
    END IF;
    old := (s || '_model_' || replace(reg.model_version, '.', '_'))::name;
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = old) THEN
        RAISE EXCEPTION 'schema % already exists', old
            USING ERRCODE = 'duplicate_schema',
                  DETAIL = format('The upgrade keeps the previous copy of baseline %s in schema %s.', s, old),
                  HINT = format('Drop or rename schema %s first.', old);
    END IF;

    -- Nothing is written while the rows are copied: readers go on.
    FOR t IN SELECT c.oid FROM pg_class c WHERE c.relnamespace = ns AND c.relkind IN ('r', 'p') ORDER BY c.oid LOOP
        EXECUTE format('LOCK TABLE %s IN EXCLUSIVE MODE', t.oid::regclass);
    END LOOP;
    EXECUTE format('ALTER SCHEMA %I RENAME TO %I', s, old);
    -- the previous copy is the owner's alone: nobody else's functions or
    -- grants keep writing into it
    FOR t IN SELECT DISTINCT a.grantee FROM pg_namespace n, aclexplode(n.nspacl) a
              WHERE n.nspname = old AND a.grantee <> n.nspowner LOOP
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM %s', old,
                       CASE WHEN t.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(t.grantee::regrole::text) END);
    END LOOP;
    EXECUTE format('CREATE SCHEMA %I', s);
    EXECUTE replace(@extschema@.tb_baseline_template(), '@baseline@', s);

    -- Every row of every table the new model also has, parents before
    -- children; the bi_ tables are computed again below.  Rows the template
    -- itself ships (interface strings) give way to the baseline's own.
    FOR t IN
        WITH RECURSIVE tabs AS (
            SELECT c.oid, c.relname FROM pg_class c
             WHERE c.relnamespace = s::regnamespace AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'bi\_%'
               AND EXISTS (SELECT 1 FROM pg_class o WHERE o.relnamespace = old::regnamespace AND o.relname = c.relname
                                                      AND o.relkind IN ('r', 'p'))
        ), depth AS (
            SELECT oid, 0 AS d FROM tabs
            UNION ALL
            SELECT k.conrelid, depth.d + 1 FROM depth
              JOIN pg_constraint k ON k.confrelid = depth.oid AND k.contype = 'f' AND k.conrelid <> k.confrelid
             WHERE depth.d < 50
        )
        SELECT tabs.oid, tabs.relname, max(depth.d) AS d FROM tabs JOIN depth USING (oid)
         GROUP BY tabs.oid, tabs.relname ORDER BY 3, 2
    LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
          FROM pg_attribute a
         WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
           AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = format('%I.%I', old, t.relname)::regclass
                                                      AND o.attname = a.attname AND o.attnum > 0 AND NOT o.attisdropped);
        SELECT string_agg(quote_ident(o.attname), ', ' ORDER BY o.attnum) INTO missing
          FROM pg_attribute o
         WHERE o.attrelid = format('%I.%I', old, t.relname)::regclass AND o.attnum > 0 AND NOT o.attisdropped
           AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = o.attname
                                                          AND a.attnum > 0 AND NOT a.attisdropped);
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'the model % of table % has no column %', @extschema@.tb_baseline_model_version(), t.relname, missing
                USING ERRCODE = 'feature_not_supported',
                      DETAIL = 'The upgrade would lose those values; nothing was changed.';
        END IF;
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) INTO pk
          FROM pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord), pg_attribute a
         WHERE i.indrelid = t.oid AND i.indisprimary AND a.attrelid = t.oid AND a.attnum = k.attnum;
        IF pk IS NOT NULL THEN
            EXECUTE format('DELETE FROM %I.%I WHERE (%s) IN (SELECT %s FROM %I.%I)', s, t.relname, pk, pk, old, t.relname);
        END IF;
        -- the rows were checked when they came in; the validating triggers
        -- would only check them again (foreign keys still do)
        EXECUTE format('ALTER TABLE %I.%I DISABLE TRIGGER USER', s, t.relname);
        EXECUTE format('INSERT INTO %I.%I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %I.%I',
                       s, t.relname, cols, cols, old, t.relname);
        EXECUTE format('ALTER TABLE %I.%I ENABLE TRIGGER USER', s, t.relname);
        -- every row arrived as it was (compared as text, NULLs included)
        EXECUTE format('SELECT count(*) FROM %I.%I', old, t.relname) INTO n_old;
        EXECUTE format('SELECT count(*) FROM (SELECT ROW(%s)::text FROM %I.%I EXCEPT ALL SELECT ROW(%s)::text FROM %I.%I) d',
                       cols, old, t.relname, cols, s, t.relname) INTO n_new;
        IF n_new <> 0 THEN
            RAISE EXCEPTION 'table %: % of its % rows differ in the new copy', t.relname, n_new, n_old
                USING ERRCODE = 'data_corrupted', DETAIL = 'Nothing was changed.';
        END IF;
        relation := t.relname;
        rows_copied := n_old;
        RETURN NEXT;
    END LOOP;

    -- identity counters go on from where they were
    FOR t IN SELECT c.relname FROM pg_class c
              WHERE c.relnamespace = old::regnamespace AND c.relkind = 'S'
                AND EXISTS (SELECT 1 FROM pg_class n WHERE n.relnamespace = s::regnamespace AND n.relname = c.relname
                                                       AND n.relkind = 'S')
    LOOP
        EXECUTE format('SELECT setval(%L, last_value, is_called) FROM %I.%I',
                       format('%I.%I', s, t.relname), old, t.relname);
    END LOOP;

    -- the baseline's roles get their grants again; other grants on tables
    -- and views are made again as they were
    IF (SELECT count(*) FROM pg_roles WHERE rolname = ANY (roles)) = 4 THEN
        EXECUTE replace(@extschema@.tb_baseline_roles_template(), '@baseline@', s);
    END IF;
    FOR t IN SELECT c.relname, c.relkind, a.privilege_type, a.grantee, a.is_grantable
               FROM pg_class c, aclexplode(c.relacl) a
              WHERE c.relnamespace = old::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                AND a.grantee <> c.relowner
                AND NOT EXISTS (SELECT 1 FROM pg_roles x WHERE x.oid = a.grantee AND x.rolname = ANY (roles))
                AND EXISTS (SELECT 1 FROM pg_class n WHERE n.relnamespace = s::regnamespace AND n.relname = c.relname)
    LOOP
        EXECUTE format('GRANT %s ON %s %I.%I TO %s%s', t.privilege_type,
                       CASE WHEN t.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, s, t.relname,
                       CASE WHEN t.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(t.grantee::regrole::text) END,
                       CASE WHEN t.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;

    DELETE FROM @extschema@.baselines b WHERE b.schema_name = s;
    INSERT INTO @extschema@.baselines (schema_name, model_version, created_at, created_by)
    VALUES (s, @extschema@.tb_baseline_model_version(), reg.created_at, reg.created_by);
    EXECUTE format('COMMENT ON SCHEMA %I IS %L', s,
                   'A baseline of the trafficking_baseline extension (model ' || @extschema@.tb_baseline_model_version()
                   || '): catalogue, answers exactly as received, rejects, loads, views and BI tables. Made by tb.tb_create_baseline.');
    EXECUTE format('SELECT count(*) FROM %I.tb_refresh()', s);

    -- what stays behind in the previous copy: objects the template does
    -- not make, and objects elsewhere that still refer to it
    SELECT string_agg(format('%s %s', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
                             c.relname), ', ' ORDER BY c.relname) INTO extra
      FROM pg_class c
     WHERE c.relnamespace = old::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
       AND NOT EXISTS (SELECT 1 FROM pg_class n WHERE n.relnamespace = s::regnamespace AND n.relname = c.relname);
    IF extra IS NOT NULL THEN
        RAISE NOTICE 'left in schema %: %', old, extra
            USING HINT = format('They are not part of the baseline model %s: move them with ALTER ... SET SCHEMA %I if they are yours.',
                                @extschema@.tb_baseline_model_version(), s);
    END IF;
    SELECT string_agg(DISTINCT v.oid::regclass::text, ', ') INTO extra
      FROM pg_depend d
      JOIN pg_rewrite rw ON rw.oid = d.objid
      JOIN pg_class v ON v.oid = rw.ev_class
      JOIN pg_class c ON c.oid = d.refobjid
     WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
       AND c.relnamespace = old::regnamespace AND v.relnamespace <> old::regnamespace;
    IF extra IS NOT NULL THEN
        RAISE NOTICE 'views outside the baseline still read its previous copy in schema %: %', old, extra
            USING HINT = format('Create them again on schema %I.', s);
    END IF;

    IF keep_previous THEN
        EXECUTE format('COMMENT ON SCHEMA %I IS %L', old,
                       format('The previous copy of baseline %s (model %s), kept by tb.tb_upgrade_baseline on %s. Drop it (DROP SCHEMA %I CASCADE) once the upgraded baseline is checked.',
                              s, reg.model_version, current_date, old));
        RAISE NOTICE 'baseline % follows model %; its previous copy is schema %', s,
            @extschema@.tb_baseline_model_version(), old
            USING HINT = format('Drop it with DROP SCHEMA %I CASCADE once the upgraded baseline is checked.', old);
    ELSE
        EXECUTE format('DROP SCHEMA %I CASCADE', old);
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_upgrade_baseline(text, boolean) IS
'Brings a baseline made by an earlier version to this version''s baseline model, in one transaction: renames its schema to <name>_model_<old version> (aside, its grants revoked), creates the schema again from the current template, copies every row of every table (identity values, sequences, grants on tables and views kept; refuses, changing nothing, if a column would be lost), re-grants the baseline''s roles and recomputes the bi_ tables. The previous copy stays until the owner drops it, unless keep_previous is false. Only the schema''s owner may run it (a superuser: through tb_run_as_owner). Returns the rows copied per table; a notice when the baseline already follows the model.';
