------------------------------------------------------------------------------
-- Moving the 0.2 baseline out of the extension, into a baseline schema
------------------------------------------------------------------------------

DO $migrate$
DECLARE
    target  name := @extschema@.tb_baseline_name_check(
                        coalesce(nullif(current_setting('trafficking_baseline.upgrade_schema', true), ''), 'quito'));
    ext     oid := (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = 'trafficking_baseline');
    -- the 0.2 baseline's tables, in an order that satisfies foreign keys
    tabs    text[] := ARRAY['countries', 'axes', 'memberships', 'indicators', 'rounds', 'institutions',
                            'answer_vocabulary', 'rating_bands', 'analysis_settings', 'loads', 'responses',
                            'rejects', 'response_import', 'external_values', 'refresh_log', 'refresh_pending',
                            'focal_points'];
    bi      text[] := ARRAY['scores', 'country_scores', 'harmonization', 'gaps', 'priorities', 'coverage',
                            'indicator_summaries'];
    t       text;
    src     text;
    dst     text;
    cols    text;
    seq     record;
    blockers text;
    n_old   bigint;
    n_new   bigint;
    r       text;
BEGIN
    -- Nothing of the user's may depend on what is moved: such an object
    -- would be dropped with it.  Refuse, and say which.
    SELECT string_agg(DISTINCT CASE WHEN w.oid IS NOT NULL     -- a view, not its rule
                                    THEN pg_catalog.pg_describe_object('pg_catalog.pg_class'::regclass, w.ev_class, 0)
                                    ELSE pg_catalog.pg_describe_object(d.classid, d.objid, 0) END, ', ') INTO blockers
      FROM pg_catalog.pg_depend m
      JOIN pg_catalog.pg_class c ON m.classid = 'pg_catalog.pg_class'::regclass AND c.oid = m.objid
      JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = c.oid
      LEFT JOIN pg_catalog.pg_rewrite w ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND w.oid = d.objid
     WHERE m.refobjid = ext AND m.deptype = 'e' AND c.relkind IN ('r', 'v')
       AND c.relname <> 'text_rules'
       AND d.deptype = 'n'
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                        WHERE e.refobjid = ext AND e.deptype = 'e'
                          AND ((e.classid = d.classid AND e.objid = d.objid)
                               OR (w.oid IS NOT NULL AND e.classid = 'pg_catalog.pg_class'::regclass
                                   AND e.objid = w.ev_class)))
       AND (w.oid IS NULL OR w.ev_class <> c.oid)
       AND d.classid <> 'pg_catalog.pg_constraint'::regclass
       AND d.classid <> 'pg_catalog.pg_attrdef'::regclass
       AND d.classid <> 'pg_catalog.pg_policy'::regclass
       AND d.classid <> 'pg_catalog.pg_trigger'::regclass
       AND d.classid <> 'pg_catalog.pg_type'::regclass
       AND d.classid <> 'pg_catalog.pg_class'::regclass;
    IF blockers IS NOT NULL THEN
        RAISE EXCEPTION 'cannot move the baseline out of the extension: objects of yours depend on its tables'
            USING ERRCODE = 'dependent_objects_still_exist',
                  DETAIL = 'Depending objects: ' || blockers || '.',
                  HINT = 'Save their definitions, drop them, update, and recreate them on the baseline schema (' || target || ').';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = target) THEN
        RAISE EXCEPTION 'cannot move the baseline to schema %: it exists', target
            USING ERRCODE = 'duplicate_schema',
                  HINT = 'SET trafficking_baseline.upgrade_schema to a free name, then update again.';
    END IF;

    PERFORM @extschema@.tb_create_baseline(target, reference_rows => false);
    -- Objects created while an extension script runs become members of the
    -- extension; a baseline's never are: release them.
    FOR seq IN
        SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind,
               c.oid::regclass::text AS object
          FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid = d.objid
         WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refobjid = ext AND d.deptype = 'e'
           AND c.relnamespace = target::regnamespace
        UNION ALL
        SELECT 'FUNCTION', p.oid::regprocedure::text
          FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_proc p ON p.oid = d.objid
         WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.refobjid = ext AND d.deptype = 'e'
           AND p.pronamespace = target::regnamespace
        UNION ALL
        SELECT 'TYPE', t.oid::regtype::text
          FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_type t ON t.oid = d.objid
         WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.refobjid = ext AND d.deptype = 'e'
           AND t.typnamespace = target::regnamespace
        UNION ALL
        SELECT 'SCHEMA', pg_catalog.quote_ident(target)
         WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_namespace'::regclass AND d.refobjid = ext
                          AND d.deptype = 'e' AND d.objid = target::regnamespace)
    LOOP
        EXECUTE pg_catalog.format('ALTER EXTENSION trafficking_baseline DROP %s %s', seq.kind, seq.object);
    END LOOP;

    FOREACH t IN ARRAY tabs || (SELECT array_agg('bi_' || b) FROM unnest(bi) b) LOOP
        src := CASE WHEN t LIKE 'bi\_%' THEN pg_catalog.format('tb_bi.%I', substr(t, 4))
                    ELSE pg_catalog.format('@extschema@.%I', t) END;
        dst := pg_catalog.format('%I.%I', target, t);
        SELECT string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = dst::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
           AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute o
                        WHERE o.attrelid = src::regclass AND o.attname = a.attname AND NOT o.attisdropped);
        EXECUTE pg_catalog.format('ALTER TABLE %s DISABLE TRIGGER USER', dst);
        EXECUTE pg_catalog.format('INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %s', dst, cols, cols, src);
        EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE TRIGGER USER', dst);
        EXECUTE pg_catalog.format('SELECT count(*) FROM %s', src) INTO n_old;
        EXECUTE pg_catalog.format('SELECT count(*) FROM %s', dst) INTO n_new;
        IF n_old <> n_new THEN
            RAISE EXCEPTION 'moving % kept % of % rows', t, n_new, n_old USING ERRCODE = 'internal_error';
        END IF;
        -- identity sequences continue where they were
        FOR seq IN
            SELECT a.attname FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = src::regclass AND a.attidentity <> '' AND NOT a.attisdropped
        LOOP
            EXECUTE pg_catalog.format(
                'SELECT pg_catalog.setval(%L, s.last_value, s.is_called) FROM %s s',
                pg_catalog.pg_get_serial_sequence(dst, seq.attname),
                pg_catalog.pg_get_serial_sequence(src, seq.attname));
        END LOOP;
    END LOOP;

    -- Logins that held the 0.2 roles keep their access, through the new
    -- baseline's roles.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname IN ('tb_analyst', 'tb_loader', 'tb_focal_point', 'tb_bi_reader')) THEN
        PERFORM @extschema@.tb_create_baseline_roles(target);
        FOREACH r IN ARRAY ARRAY['analyst', 'loader', 'focal_point', 'bi_reader'] LOOP
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'tb_' || r) THEN
                EXECUTE pg_catalog.format('GRANT %I TO %I', target || '_' || r, 'tb_' || r);
            END IF;
        END LOOP;
    END IF;
END
$migrate$;

-- The 0.2 baseline's tables and sequences stop being configuration tables
-- (pg_dump would look for them), then leave the extension: views first,
-- then tables (with their triggers, policies and sequences), then the
-- functions that served them.
DO $release$
DECLARE
    o record;
BEGIN
    FOR o IN
        SELECT c.oid::regclass::text AS name, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind
          FROM pg_catalog.pg_extension e, unnest(e.extconfig) AS x(oid)
          JOIN pg_catalog.pg_class c ON c.oid = x.oid
         WHERE e.extname = 'trafficking_baseline' AND c.oid <> '@extschema@.baselines'::regclass
    LOOP
        EXECUTE pg_catalog.format('ALTER EXTENSION trafficking_baseline DROP %s %s', o.kind, o.name);
    END LOOP;
END
$release$;
DROP VIEW @extschema@.beta_convergence, @extschema@.sigma_convergence, @extschema@.country_similarity,
          @extschema@.country_practices, @extschema@.external_harmonization, @extschema@.axis_harmonization,
          @extschema@.indicator_harmonization, @extschema@.country_ratings, @extschema@.external_trends,
          @extschema@.country_priorities, @extschema@.axis_progress, @extschema@.country_gaps,
          @extschema@.axis_gaps, @extschema@.indicator_gaps, @extschema@.country_copeland,
          @extschema@.country_scores, @extschema@.axis_scores, @extschema@.indicator_scores,
          @extschema@.indicator_values, @extschema@.reject_summary, @extschema@.coverage,
          @extschema@.expected_answers;
DROP TABLE tb_bi.scores, tb_bi.country_scores, tb_bi.harmonization, tb_bi.gaps, tb_bi.priorities,
           tb_bi.coverage, tb_bi.indicator_summaries;
DROP SCHEMA tb_bi;
DROP TABLE @extschema@.focal_points, @extschema@.refresh_pending, @extschema@.refresh_log,
           @extschema@.external_values, @extschema@.response_import, @extschema@.rejects,
           @extschema@.responses, @extschema@.loads, @extschema@.analysis_settings,
           @extschema@.rating_bands, @extschema@.answer_vocabulary, @extschema@.institutions,
           @extschema@.rounds, @extschema@.indicators, @extschema@.memberships, @extschema@.axes,
           @extschema@.countries;
DROP FUNCTION @extschema@.tb_memberships_no_overlap(), @extschema@.tb_responses_check_value(),
              @extschema@.tb_load_responses(text, regclass), @extschema@.tb_rate(double precision, text, text),
              @extschema@.tb_setting(text), @extschema@.tb_responses_mark_pending(), @extschema@.tb_refresh(integer),
              @extschema@.tb_create_focal_point(text, name, boolean), @extschema@.tb_svg_text(text),
              @extschema@.tb_svg_colour(double precision), @extschema@.tb_svg_dashboard(integer),
              @extschema@.tb_svg_indicator_dashboard(integer), @extschema@.tb_svg_harmonization(integer),
              @extschema@.tb_svg_progress();
