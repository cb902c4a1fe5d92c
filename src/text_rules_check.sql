------------------------------------------------------------------------------
-- Text rules after an ICU upgrade: what is stale, and the refresh (as each table's owner)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_text_rules_check()
RETURNS TABLE (kind text, object text, problem text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b name;
BEGIN
    -- Objects whose stored results were computed by functions that follow
    -- ICU's data.  pg_depend knows the functions an index expression, a
    -- generated column or a check constraint calls directly, and the
    -- tb_country casts an expression makes.
    RETURN QUERY
    WITH icu_functions(oid) AS (
        VALUES ('@extschema@.tb_fold(text)'::regprocedure),
               ('@extschema@.tb_try_country(text)'::regprocedure),
               ('@extschema@.tb_country_suggest(text)'::regprocedure),
               ('@extschema@.tb_country_name(@extschema@.tb_country, text)'::regprocedure)
    ), rules AS (
        -- with the row deleted, what the data was made under is unknown
        SELECT coalesce((SELECT r.icu_version FROM @extschema@.text_rules r), 'unknown') AS icu_version,
               @extschema@.tb_icu_version() AS running
    ), users AS (
        SELECT DISTINCT d.classid, d.objid, d.objsubid
          FROM pg_depend d
         WHERE d.deptype = 'n'
           AND ((d.refclassid = 'pg_proc'::regclass AND d.refobjid IN (SELECT oid FROM icu_functions))
                OR (d.refclassid = 'pg_type'::regclass AND d.refobjid = '@extschema@.tb_country'::regtype))
    ), found AS (
        SELECT 'index' AS kind, u.objid::regclass::text AS object, i.indrelid AS rel,
               format('built under ICU %s, the server runs ICU %s; rebuild it with tb.tb_text_rules_refresh()',
                      rules.icu_version, rules.running) AS problem
          FROM users u
          JOIN pg_index i ON i.indexrelid = u.objid
         CROSS JOIN rules
         WHERE u.classid = 'pg_class'::regclass AND rules.icu_version <> rules.running
        UNION ALL
        SELECT 'generated column', format('%s.%I', a.attrelid::regclass, a.attname), a.attrelid,
               format('stored values generated under ICU %s, the server runs ICU %s; tb.tb_text_rules_refresh() recomputes them',
                      rules.icu_version, rules.running)
          FROM users u
          JOIN pg_attrdef ad ON u.classid = 'pg_attrdef'::regclass AND ad.oid = u.objid
          JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum AND a.attgenerated = 's'
         CROSS JOIN rules
         WHERE rules.icu_version <> rules.running
        UNION ALL
        SELECT 'check constraint', format('%I on %s', c.conname, c.conrelid::regclass), c.conrelid,
               format('rows were checked under ICU %s, the server runs ICU %s; some may no longer pass %s; tb.tb_text_rules_refresh() re-checks every row',
                      rules.icu_version, rules.running, pg_get_constraintdef(c.oid))
          FROM users u
          JOIN pg_constraint c ON u.classid = 'pg_constraint'::regclass AND c.oid = u.objid
         CROSS JOIN rules
         WHERE rules.icu_version <> rules.running
           -- a vocabulary's own check is the term check below
           AND NOT EXISTS (SELECT 1 FROM @extschema@.baselines bl
                            WHERE to_regclass(format('%I.answer_vocabulary', bl.schema_name)) = c.conrelid)
    )
    SELECT CASE WHEN cl.relpersistence = 't' AND cl.relnamespace <> pg_my_temp_schema()
                THEN 'skipped: ' || f.kind ELSE f.kind END,
           f.object,
           CASE WHEN cl.relpersistence = 't' AND cl.relnamespace <> pg_my_temp_schema()
                THEN 'a temporary table of another session: no one else can read it; it goes when that session ends'
                ELSE f.problem END
      FROM found f
      JOIN pg_class cl ON cl.oid = f.rel
     ORDER BY 1, 2;
    -- The loader matches answers folded; a term the running rules fold
    -- differently can no longer match anything.
    -- A vocabulary is read only if it is what tb_create_baseline made: a
    -- plain table with text columns, without policies the caller would run.
    -- A view, a policy or a column of another type could run its owner's
    -- code with the caller's rights.
    FOR b IN
        SELECT bl.schema_name FROM @extschema@.baselines bl
          JOIN pg_class c ON c.oid = to_regclass(format('%I.answer_vocabulary', bl.schema_name))
         WHERE c.relkind = 'r'
           AND (NOT c.relrowsecurity OR pg_has_role(current_user, c.relowner, 'USAGE'))
           AND (SELECT count(*) FROM pg_attribute a
                 WHERE a.attrelid = c.oid AND a.attname IN ('term', 'applies_to')
                   AND a.atttypid = 'text'::regtype AND NOT a.attisdropped) = 2
         ORDER BY 1
    LOOP
        RETURN QUERY EXECUTE format(
            $q$SELECT 'vocabulary term'::text, format('%%s: %%L (%%s)', %L, v.term, v.applies_to),
                      format('tb_fold now gives %%L: fix it with UPDATE %I.answer_vocabulary SET term = tb.tb_fold(term) WHERE term = %%L',
                             @extschema@.tb_fold(v.term), v.term)
                 FROM %I.answer_vocabulary v
                WHERE v.term <> @extschema@.tb_fold(v.term)
                ORDER BY v.term$q$, b, b, b);
    END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_text_rules_check() IS
'What an ICU upgrade may have made stale, one row per object (kind, object, problem and the fix): indexes, stored generated columns and check constraints that call tb_fold or the country-name functions (or cast text to tb_country) directly, when tb.text_rules records another ICU version than the running one; and the answer_vocabulary terms of every baseline that tb_fold no longer leaves unchanged. Objects of other sessions'' temporary tables are listed as skipped. Functions of your own that call these are not followed. Empty when nothing needs attention.';

CREATE FUNCTION @extschema@.tb_text_rules_refresh()
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o record;
    k record;
    n integer := 0;
    bad bigint;
    stale text;
    rel regclass;
BEGIN
    -- Vocabulary terms are data the owner must decide on (two terms may now
    -- fold alike): stop before anything is changed.
    SELECT string_agg(c.object || ': ' || c.problem, E'\n' ORDER BY c.object) INTO stale
      FROM @extschema@.tb_text_rules_check() c
     WHERE c.kind = 'vocabulary term';
    IF stale IS NOT NULL THEN
        RAISE EXCEPTION 'cannot record ICU % as the text rules: answer_vocabulary terms no longer fold to themselves',
                        @extschema@.tb_icu_version()
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = stale,
                  HINT = 'Fix each term as its line says, then call tb.tb_text_rules_refresh() again.';
    END IF;
    FOR o IN
        SELECT c.kind, c.object FROM @extschema@.tb_text_rules_check() c
         ORDER BY c.kind = 'index', c.object     -- indexes last, after any rewrite
    LOOP
        IF o.kind LIKE 'skipped: %' THEN
            RAISE NOTICE '% %: skipped, a temporary table of another session', substr(o.kind, 10), o.object;
            CONTINUE;
        END IF;
        -- Every command below runs as the owner of the table, in a
        -- security-restricted operation: a check constraint, a trigger or
        -- a generated column of another user never runs with our rights.
        IF o.kind = 'check constraint' THEN
            FOR k IN
                SELECT c.conrelid::regclass AS rel, c.conname, pg_get_expr(c.conbin, c.conrelid) AS expr
                  FROM pg_constraint c
                 WHERE pg_catalog.format('%I on %s', c.conname, c.conrelid::regclass) = o.object
            LOOP
                bad := @extschema@.tb_run_as_owner(k.rel,
                           pg_catalog.format('SELECT count(*) FROM %s WHERE NOT (%s)', k.rel, k.expr));
                IF bad > 0 THEN
                    RAISE EXCEPTION 'cannot record ICU % as the text rules: % rows of % no longer pass its check constraint %',
                                    @extschema@.tb_icu_version(), bad, k.rel, pg_catalog.quote_ident(k.conname)
                        USING ERRCODE = 'check_violation',
                              DETAIL = pg_catalog.format('Under ICU %s, NOT (%s) holds for %s rows.',
                                                         @extschema@.tb_icu_version(), k.expr, bad),
                              HINT = 'Correct those rows (or the constraint), then call tb.tb_text_rules_refresh() again.';
                END IF;
            END LOOP;
        ELSIF o.kind = 'generated column' THEN
            SELECT a.attrelid::regclass, pg_catalog.format('UPDATE %s SET %I = DEFAULT', a.attrelid::regclass, a.attname)
              INTO rel, stale
              FROM pg_attribute a
             WHERE a.attgenerated = 's' AND a.attnum > 0 AND NOT a.attisdropped
               AND pg_catalog.format('%s.%I', a.attrelid::regclass, a.attname) = o.object;
            PERFORM @extschema@.tb_run_as_owner(rel, stale);
            n := n + 1;
        ELSE
            rel := (SELECT i.indrelid::regclass FROM pg_index i WHERE i.indexrelid = o.object::regclass);
            PERFORM @extschema@.tb_run_as_owner(rel, pg_catalog.format('REINDEX INDEX %s', o.object::regclass));
            n := n + 1;
        END IF;
    END LOOP;
    INSERT INTO @extschema@.text_rules AS r (icu_version, unicode_version)
    VALUES (@extschema@.tb_icu_version(), @extschema@.tb_unicode_version())
    ON CONFLICT (only_row) DO UPDATE
       SET icu_version = excluded.icu_version,
           unicode_version = excluded.unicode_version,
           recorded_at = now();
    RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_text_rules_refresh() IS
'After an ICU upgrade, makes what tb_text_rules_check lists agree with the running library and records its version in tb.text_rules: re-checks every row against the check constraints (23514 naming the constraint if any fails), recomputes stored generated columns (an UPDATE that rewrites those tables), rebuilds the indexes. Each of these runs as the owner of the table, in a security-restricted operation (tb_run_as_owner), so a superuser running it never runs another user''s code with superuser rights; a caller without the privileges of an owner gets 42501. Other sessions'' temporary tables are skipped with a notice. Refuses (55000, each term in the detail) while answer_vocabulary terms no longer fold to themselves: merging them is the owner''s decision. All or nothing, in the caller''s transaction. Returns the number of columns and indexes rebuilt.';
