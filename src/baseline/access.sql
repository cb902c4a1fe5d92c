------------------------------------------------------------------------------
-- Access: focal points, writes through functions, the history of answers
------------------------------------------------------------------------------

/*
 * Roles and their grants are made by an explicit call
 * (tb.tb_create_baseline_roles); until then only the owner reads or writes
 * here.  Focal points and loaders write answers only through the functions
 * below, which run as the baseline's owner (SECURITY DEFINER) and set who,
 * when and which load from the server, whatever the client sends.
 */

CREATE TABLE @baseline@.focal_points (
    role    name PRIMARY KEY,
    country text NOT NULL REFERENCES @baseline@.countries
);
COMMENT ON TABLE @baseline@.focal_points IS 'National focal points: the role of each, and the country whose raw answers it reads and writes. Made by tb_create_focal_point.';
COMMENT ON COLUMN @baseline@.focal_points.role IS 'The focal point''s role.';
COMMENT ON COLUMN @baseline@.focal_points.country IS 'Its country.';

ALTER TABLE @baseline@.focal_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE @baseline@.responses ENABLE ROW LEVEL SECURITY;

CREATE TABLE @baseline@.response_history (
    history_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    response_id bigint NOT NULL,
    round_no    integer NOT NULL,
    country     text NOT NULL,
    institution text NOT NULL,
    indicator   text NOT NULL,
    raw_answer  text NOT NULL,
    value       double precision,
    status      text NOT NULL,
    load_id     bigint,
    loaded_by   name NOT NULL,
    loaded_at   timestamptz NOT NULL,
    change      text NOT NULL CHECK (change IN ('UPDATE', 'DELETE')),
    changed_by  name NOT NULL,
    changed_at  timestamptz NOT NULL
);
CREATE INDEX response_history_response_idx ON @baseline@.response_history (response_id);
COMMENT ON TABLE @baseline@.response_history IS 'Every answer as it was before a correction or a withdrawal, written by a trigger on responses; nobody but the owner can change it.';
COMMENT ON COLUMN @baseline@.response_history.history_id IS 'Row number.';
COMMENT ON COLUMN @baseline@.response_history.response_id IS 'The answer that changed (responses.response_id).';
COMMENT ON COLUMN @baseline@.response_history.round_no IS 'Survey round of the previous answer.';
COMMENT ON COLUMN @baseline@.response_history.country IS 'Country of the previous answer.';
COMMENT ON COLUMN @baseline@.response_history.institution IS 'Institution of the previous answer.';
COMMENT ON COLUMN @baseline@.response_history.indicator IS 'Indicator of the previous answer.';
COMMENT ON COLUMN @baseline@.response_history.raw_answer IS 'The previous answer exactly as received.';
COMMENT ON COLUMN @baseline@.response_history.value IS 'Its parsed value.';
COMMENT ON COLUMN @baseline@.response_history.status IS 'Its status.';
COMMENT ON COLUMN @baseline@.response_history.load_id IS 'The load that wrote it; NULL if submitted by a focal point.';
COMMENT ON COLUMN @baseline@.response_history.loaded_by IS 'Role that wrote it.';
COMMENT ON COLUMN @baseline@.response_history.loaded_at IS 'When it was written.';
COMMENT ON COLUMN @baseline@.response_history.change IS 'UPDATE (corrected) or DELETE (withdrawn).';
COMMENT ON COLUMN @baseline@.response_history.changed_by IS 'Role that corrected or withdrew it.';
COMMENT ON COLUMN @baseline@.response_history.changed_at IS 'When.';

CREATE FUNCTION @baseline@.tb_responses_keep_history()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO @baseline@.response_history
           (response_id, round_no, country, institution, indicator, raw_answer, value, status,
            load_id, loaded_by, loaded_at, change, changed_by, changed_at)
    VALUES (OLD.response_id, OLD.round_no, OLD.country, OLD.institution, OLD.indicator, OLD.raw_answer,
            OLD.value, OLD.status, OLD.load_id, OLD.loaded_by, OLD.loaded_at, TG_OP,
            @extschema@.tb_calling_role(), statement_timestamp());
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_responses_keep_history() IS
'Trigger function: keeps the previous version of a corrected or withdrawn answer in response_history.';
CREATE TRIGGER responses_keep_history AFTER UPDATE OR DELETE ON @baseline@.responses
    FOR EACH ROW EXECUTE FUNCTION @baseline@.tb_responses_keep_history();

CREATE FUNCTION @baseline@.submit_answer(round_no integer, institution text, indicator text,
                                         answer text, lang text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    who  name := @extschema@.tb_calling_role();
    inst @baseline@.institutions;
    ind  @baseline@.indicators;
    rnd  @baseline@.rounds;
    p    record;
    rid  bigint;
BEGIN
    SELECT * INTO inst FROM @baseline@.institutions i WHERE i.code = upper(btrim(institution));
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown institution %', quote_literal(institution)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give an institution code of @baseline@.institutions, e.g. PE-MININTER.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM @baseline@.focal_points f WHERE f.role = who AND f.country = inst.country) THEN
        RAISE EXCEPTION 'role % is not the focal point of %', who, inst.country
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'A focal point submits the answers of its own country''s institutions only.';
    END IF;
    SELECT * INTO rnd FROM @baseline@.rounds r WHERE r.round_no = round_no;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'round % is not in @baseline@.rounds', round_no USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO ind FROM @baseline@.indicators x WHERE x.code = upper(btrim(indicator)) AND x.source = 'survey';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'indicator % is not a survey indicator of @baseline@.indicators', quote_literal(indicator)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- the value comes from the raw answer, by the loader's parser
    p := @extschema@.tb_parse_answer(answer, ind.kind, coalesce(lower(btrim(lang)), inst.lang),
                                     '@baseline@.answer_vocabulary'::regclass);
    IF p.error IS NOT NULL THEN
        RAISE EXCEPTION 'answer % to % cannot be read', quote_literal(answer), ind.code
            USING ERRCODE = 'invalid_text_representation', DETAIL = p.error,
                  HINT = 'Write the answer as the form asks; @baseline@.answer_vocabulary lists the words understood.';
    END IF;
    INSERT INTO @baseline@.responses AS r
           (round_no, country, institution, indicator, raw_answer, value, status, load_id, loaded_by, loaded_at)
    VALUES (rnd.round_no, inst.country, inst.code, ind.code, answer, p.value, p.status, NULL, who, now())
    ON CONFLICT ON CONSTRAINT responses_round_no_country_institution_indicator_key DO UPDATE
       SET raw_answer = excluded.raw_answer, value = excluded.value, status = excluded.status,
           load_id = NULL, loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at
     WHERE r.raw_answer IS DISTINCT FROM excluded.raw_answer
    RETURNING r.response_id INTO rid;
    IF rid IS NOT NULL THEN     -- for the next incremental refresh
        INSERT INTO @baseline@.refresh_pending VALUES (rnd.round_no) ON CONFLICT DO NOTHING;
    END IF;
    IF rid IS NULL THEN         -- the same answer again: nothing to change
        SELECT r.response_id INTO rid FROM @baseline@.responses r
         WHERE r.round_no = rnd.round_no AND r.country = inst.country
           AND r.institution = inst.code AND r.indicator = ind.code;
    END IF;
    RETURN rid;
END
$$;
REVOKE ALL ON FUNCTION @baseline@.submit_answer(integer, text, text, text, text) FROM PUBLIC;
COMMENT ON FUNCTION @baseline@.submit_answer(integer, text, text, text, text) IS
'A focal point submits or corrects one answer of an institution of its own country: the value is parsed from the raw answer as the loader parses it (lang: the form''s language, default the institution''s), and who and when are set by the server. A correction keeps the previous answer in response_history. Returns the response_id. Runs as the baseline''s owner.';

CREATE FUNCTION @baseline@.withdraw_answer(round_no integer, institution text, indicator text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    who name := @extschema@.tb_calling_role();
BEGIN
    DELETE FROM @baseline@.responses r
     WHERE r.round_no = round_no AND r.institution = upper(btrim(institution))
       AND r.indicator = upper(btrim(indicator))
       AND r.country IN (SELECT f.country FROM @baseline@.focal_points f WHERE f.role = who);
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO @baseline@.refresh_pending VALUES (round_no) ON CONFLICT DO NOTHING;
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION @baseline@.withdraw_answer(integer, text, text) FROM PUBLIC;
COMMENT ON FUNCTION @baseline@.withdraw_answer(integer, text, text) IS
'A focal point withdraws one answer of its own country; the answer is kept in response_history. Returns whether there was one. Runs as the baseline''s owner.';

CREATE FUNCTION @baseline@.tb_create_focal_point(country text, role_name text, login boolean DEFAULT false)
RETURNS name
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c text := @extschema@.tb_try_country(country)::text;
    r pg_roles;
    other text;
BEGIN
    IF c IS NULL OR NOT EXISTS (SELECT 1 FROM @baseline@.countries WHERE iso2 = c) THEN
        RAISE EXCEPTION 'unknown country %', quote_literal(country)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give a country of @baseline@.countries, by code or name.';
    END IF;
    IF role_name IS NULL OR role_name = '' OR octet_length(role_name) > 63 THEN
        RAISE EXCEPTION 'role name % does not fit', quote_literal(coalesce(role_name, ''))
            USING ERRCODE = 'name_too_long',
                  DETAIL = format('A role name has 1 to 63 bytes; this one has %s.', octet_length(coalesce(role_name, ''))),
                  HINT = 'Choose a shorter name: nothing is cut.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '@baseline@_focal_point') THEN
        RAISE EXCEPTION 'baseline @baseline@ has no roles yet'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Run SELECT tb.tb_create_baseline_roles(''@baseline@'') first.';
    END IF;
    SELECT * INTO r FROM pg_roles WHERE rolname = role_name;
    IF FOUND THEN
        -- a focal point holds no other power: refuse privileged roles and
        -- members of any other role (the baseline's, predefined ones)
        SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) INTO other
          FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
         WHERE m.member = r.oid AND g.rolname <> '@baseline@_focal_point';
        IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
           OR other IS NOT NULL
           OR EXISTS (SELECT 1 FROM @extschema@.baselines b
                       WHERE role_name = ANY (@extschema@.tb_baseline_role_names(b.schema_name)))
           OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid) THEN
            RAISE EXCEPTION 'role % cannot be made a focal point', role_name
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = CASE WHEN r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
                                    THEN 'It holds attributes beyond LOGIN (superuser, createrole, createdb, replication or bypassrls).'
                                    WHEN other IS NOT NULL THEN format('It is a member of %s.', other)
                                    WHEN NOT EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid)
                                    THEN 'It is a role of a baseline.'
                                    ELSE 'Other roles are members of it.' END,
                      HINT = 'Give each focal point a role of its own, made by this function.';
        END IF;
    ELSE
        EXECUTE format('CREATE ROLE %I %s', role_name, CASE WHEN login THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END IF;
    EXECUTE format('GRANT %I TO %I', '@baseline@_focal_point', role_name);
    INSERT INTO @baseline@.focal_points (role, country) VALUES (role_name, c)
        ON CONFLICT (role) DO UPDATE SET country = EXCLUDED.country;
    RETURN role_name;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_create_focal_point(text, text, boolean) IS
'Makes role_name (created when absent, NOLOGIN unless login) the focal point of a country (code or name): a member of @baseline@_focal_point, which reads only that country''s rows of @baseline@.responses (row-level security), writes them only through submit_answer and withdraw_answer, and reads the catalogue and the bi_ tables. Refuses existing roles with any attribute beyond LOGIN or any other membership, and names over 63 bytes. Needs a caller allowed to create roles and tb.tb_create_baseline_roles run first. Returns the role.';
