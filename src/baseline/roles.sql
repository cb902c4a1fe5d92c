------------------------------------------------------------------------------
-- Roles of a baseline: what tb.tb_create_baseline_roles grants
------------------------------------------------------------------------------

/*
 * Four roles per baseline, made NOLOGIN by tb.tb_create_baseline_roles:
 * grant them to logins.  Nobody but the owner holds a privilege that writes
 * a table other than the import table: answers, loads, rejects, the refresh
 * log and the bi_ tables are written by SECURITY DEFINER functions that set
 * their provenance.  A role that may only read a table can lock it only in
 * ACCESS SHARE mode, which blocks nobody's reads or writes.
 */

GRANT USAGE ON SCHEMA @baseline@ TO @baseline@_analyst, @baseline@_loader, @baseline@_focal_point, @baseline@_bi_reader;

-- The analyst reads everything, aggregated and raw.
GRANT SELECT ON ALL TABLES IN SCHEMA @baseline@ TO @baseline@_analyst;

-- The loader fills the import table, loads it and refreshes the bi_ tables.
GRANT SELECT ON @baseline@.countries, @baseline@.memberships, @baseline@.axes, @baseline@.indicators,
                @baseline@.rounds, @baseline@.institutions, @baseline@.answer_vocabulary,
                @baseline@.loads, @baseline@.responses, @baseline@.rejects, @baseline@.focal_points,
                @baseline@.refresh_log TO @baseline@_loader;
GRANT SELECT, INSERT, DELETE ON @baseline@.response_import TO @baseline@_loader;
GRANT USAGE ON SEQUENCE @baseline@.response_import_line_no_seq TO @baseline@_loader;
GRANT EXECUTE ON FUNCTION @baseline@.tb_load_responses_from_staging(text) TO @baseline@_loader;
GRANT EXECUTE ON FUNCTION @baseline@.tb_refresh(integer) TO @baseline@_loader;

-- A focal point reads its country's raw answers (row-level security below),
-- the catalogue and the regional aggregates, and writes through functions.
GRANT SELECT ON @baseline@.countries, @baseline@.memberships, @baseline@.axes, @baseline@.indicators,
                @baseline@.rounds, @baseline@.institutions, @baseline@.answer_vocabulary,
                @baseline@.focal_points, @baseline@.responses TO @baseline@_focal_point;
GRANT EXECUTE ON FUNCTION @baseline@.submit_answer(integer, text, text, text, text),
                          @baseline@.withdraw_answer(integer, text, text) TO @baseline@_focal_point;

-- A BI tool reads the bi_ tables, and nothing else.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT c.relname FROM pg_catalog.pg_class c
              WHERE c.relnamespace = '@baseline@'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'bi\_%'
    LOOP
        EXECUTE pg_catalog.format('GRANT SELECT ON @baseline@.%I TO @baseline@_focal_point, @baseline@_loader, @baseline@_bi_reader', t);
    END LOOP;
END
$$;

-- Policies are made again on a second call, so that the call is idempotent.
DO $$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT po.polname, po.polrelid::regclass AS rel FROM pg_catalog.pg_policy po
              WHERE po.polrelid IN ('@baseline@.responses'::regclass, '@baseline@.focal_points'::regclass)
                AND po.polname IN ('responses_read_all', 'responses_own_country', 'focal_points_read_all', 'focal_points_own')
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY %I ON %s', p.polname, p.rel);
    END LOOP;
END
$$;
CREATE POLICY responses_read_all ON @baseline@.responses FOR SELECT TO @baseline@_analyst, @baseline@_loader
    USING (true);
CREATE POLICY responses_own_country ON @baseline@.responses FOR SELECT TO @baseline@_focal_point
    USING (country IN (SELECT f.country FROM @baseline@.focal_points f WHERE f.role = current_user));
CREATE POLICY focal_points_read_all ON @baseline@.focal_points FOR SELECT TO @baseline@_analyst, @baseline@_loader
    USING (true);
CREATE POLICY focal_points_own ON @baseline@.focal_points FOR SELECT TO @baseline@_focal_point
    USING (role = current_user);
