/* trafficking_baseline--0.1--0.2.sql: update from version 0.1 to 0.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION trafficking_baseline UPDATE TO '0.2'" to load this file. \quit

/*
 * 0.2 records the ICU version under which folded text and country names were
 * made, and finds and rebuilds what an ICU upgrade leaves stale.  A database
 * updated from 0.1 records the running version: the one its data was made
 * under is not known, and tb_text_rules_check still finds vocabulary terms
 * that no longer fold to themselves.
 */

------------------------------------------------------------------------------
------------------------------------------------------------------------------
-- Text rules: the ICU version that folded text and names (0.2, src/fold.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_icu_version()
RETURNS text
AS 'MODULE_PATHNAME', 'tb_icu_version'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_icu_version() IS
'The version of the ICU library the server runs with, e.g. 72.1. tb_fold and the country names follow it. STABLE, not IMMUTABLE: it changes when the library is upgraded.';

CREATE FUNCTION @extschema@.tb_unicode_version()
RETURNS text
AS 'MODULE_PATHNAME', 'tb_unicode_version'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_unicode_version() IS
'The version of the Unicode data inside the running ICU library, e.g. 15.0: what case folding and normalisation follow.';

-- Not dumped: a restore runs CREATE EXTENSION on the new server, whose
-- rules then made every index and every checked row that the restore writes.
CREATE TABLE @extschema@.text_rules (
    only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    icu_version     text NOT NULL,
    unicode_version text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.text_rules IS 'One row: the ICU and Unicode versions under which the indexes and stored values that use tb_fold or country names were last built. tb_text_rules_check compares it with the running library; tb_text_rules_refresh rebuilds and records.';
COMMENT ON COLUMN @extschema@.text_rules.only_row IS 'Always true: keeps the table to one row.';
COMMENT ON COLUMN @extschema@.text_rules.icu_version IS 'ICU version recorded (tb_icu_version() at the time).';
COMMENT ON COLUMN @extschema@.text_rules.unicode_version IS 'Unicode version recorded (tb_unicode_version() at the time).';
COMMENT ON COLUMN @extschema@.text_rules.recorded_at IS 'When it was recorded: at CREATE EXTENSION, ALTER EXTENSION UPDATE, or the last tb_text_rules_refresh.';
INSERT INTO @extschema@.text_rules (icu_version, unicode_version)
VALUES (@extschema@.tb_icu_version(), @extschema@.tb_unicode_version());
GRANT SELECT ON @extschema@.text_rules TO tb_analyst, tb_loader;

CREATE FUNCTION @extschema@.tb_text_rules_check()
RETURNS TABLE (kind text, object text, problem text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Objects whose stored results were computed by functions that follow
    -- ICU's data.  pg_depend knows the functions an index expression, a
    -- generated column or a check constraint calls directly, and the
    -- tb_country casts an expression makes.
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
    )
    SELECT 'index', u.objid::regclass::text,
           format('built under ICU %s, the server runs ICU %s; rebuild it with tb.tb_text_rules_refresh()',
                  rules.icu_version, rules.running)
      FROM users u
      JOIN pg_index i ON i.indexrelid = u.objid
     CROSS JOIN rules
     WHERE u.classid = 'pg_class'::regclass AND rules.icu_version <> rules.running
    UNION ALL
    SELECT 'generated column', format('%s.%I', a.attrelid::regclass, a.attname),
           format('stored values generated under ICU %s, the server runs ICU %s; tb.tb_text_rules_refresh() recomputes them',
                  rules.icu_version, rules.running)
      FROM users u
      JOIN pg_attrdef ad ON u.classid = 'pg_attrdef'::regclass AND ad.oid = u.objid
      JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum AND a.attgenerated = 's'
     CROSS JOIN rules
     WHERE rules.icu_version <> rules.running
    UNION ALL
    SELECT 'check constraint', format('%I on %s', c.conname, c.conrelid::regclass),
           format('rows were checked under ICU %s, the server runs ICU %s; some may no longer pass %s; tb.tb_text_rules_refresh() re-checks every row',
                  rules.icu_version, rules.running, pg_get_constraintdef(c.oid))
      FROM users u
      JOIN pg_constraint c ON u.classid = 'pg_constraint'::regclass AND c.oid = u.objid
     CROSS JOIN rules
     WHERE rules.icu_version <> rules.running
       AND c.conrelid <> '@extschema@.answer_vocabulary'::regclass
    UNION ALL
    -- The loader matches answers folded; a term the running rules fold
    -- differently can no longer match anything.
    SELECT 'vocabulary term', format('%L (%s)', v.term, v.applies_to),
           format('tb_fold now gives %L: fix it with UPDATE tb.answer_vocabulary SET term = tb.tb_fold(term) WHERE term = %L',
                  @extschema@.tb_fold(v.term), v.term)
      FROM @extschema@.answer_vocabulary v
     WHERE v.term <> @extschema@.tb_fold(v.term)
    ORDER BY 1, 2
$$;
COMMENT ON FUNCTION @extschema@.tb_text_rules_check() IS
'What an ICU upgrade may have made stale, one row per object (kind, object, problem and the fix): indexes, stored generated columns and check constraints that call tb_fold or the country-name functions (or cast text to tb_country) directly, when tb.text_rules records another ICU version than the running one; and answer_vocabulary terms that tb_fold no longer leaves unchanged. Functions of your own that call these are not followed. Empty when nothing needs attention.';

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
        IF o.kind = 'check constraint' THEN
            FOR k IN
                SELECT c.conrelid::regclass AS rel, c.conname, pg_get_expr(c.conbin, c.conrelid) AS expr
                  FROM pg_constraint c
                 WHERE pg_catalog.format('%I on %s', c.conname, c.conrelid::regclass) = o.object
            LOOP
                EXECUTE pg_catalog.format('SELECT count(*) FROM %s WHERE NOT (%s)', k.rel, k.expr) INTO bad;
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
            EXECUTE (SELECT pg_catalog.format('UPDATE %s SET %I = DEFAULT', a.attrelid::regclass, a.attname)
                       FROM pg_attribute a
                      WHERE a.attgenerated = 's' AND a.attnum > 0 AND NOT a.attisdropped
                        AND pg_catalog.format('%s.%I', a.attrelid::regclass, a.attname) = o.object);
            n := n + 1;
        ELSE
            EXECUTE pg_catalog.format('REINDEX INDEX %s', o.object::regclass);
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
'After an ICU upgrade, makes what tb_text_rules_check lists agree with the running library and records its version in tb.text_rules: re-checks every row against the check constraints (23514 naming the constraint if any fails), recomputes stored generated columns (an UPDATE that rewrites those tables), rebuilds the indexes. Refuses (55000, each term in the detail) while answer_vocabulary terms no longer fold to themselves: merging them is the owner''s decision. All or nothing, in the caller''s transaction. Returns the number of columns and indexes rebuilt. Run it as the owner of those tables.';
