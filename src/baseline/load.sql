------------------------------------------------------------------------------
-- Loading a round
------------------------------------------------------------------------------

/*
 * Two steps, so that a loader needs no privilege on the answers: the
 * caller's function takes the rows out of the import table (its own, or the
 * shared one) into a temporary table of the session; the owner's function
 * parses, checks and writes them, and records who ran the load.
 */

CREATE FUNCTION @baseline@.tb_parse_answer(
    raw text, kind text, lang text DEFAULT NULL,
    OUT value double precision, OUT status text, OUT error text)
RETURNS record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM @extschema@.tb_parse_answer(raw, kind, lang, '@baseline@.answer_vocabulary'::regclass) $$;
COMMENT ON FUNCTION @baseline@.tb_parse_answer(text, text, text) IS
'Parses one raw answer the way the loader does, with this baseline''s answer_vocabulary: (value, status, error); see tb.tb_parse_answer.';

CREATE FUNCTION @baseline@.tb_load_responses(
    label text, source regclass DEFAULT NULL)
RETURNS TABLE (outcome text, reason text, n bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    src      regclass := coalesce(source, '@baseline@.response_import'::regclass);
    missing  text;
    owner    name := (SELECT pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE n.nspname = '@baseline@');
BEGIN
    IF label IS NULL OR label = '' THEN
        RAISE EXCEPTION 'a load needs a label'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass the file name, e.g. tb_load_responses(''round0.csv'').';
    END IF;
    SELECT string_agg(c, ', ' ORDER BY o) INTO missing
      FROM unnest(ARRAY['line_no', 'round', 'country', 'institution', 'indicator', 'lang', 'answer'])
           WITH ORDINALITY AS u(c, o)
     WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = src AND a.attname = c AND a.attnum > 0
                          AND NOT a.attisdropped);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'import table % lacks column(s) %', src, missing
            USING ERRCODE = 'undefined_column',
                  HINT = 'Create it with (LIKE @baseline@.response_import INCLUDING ALL).';
    END IF;

    -- Take the rows out of the import table in one statement: rows another
    -- session adds meanwhile stay there for the next load.
    CREATE TEMP TABLE tb_load_raw ON COMMIT DROP AS SELECT * FROM @baseline@.response_import LIMIT 0;
    EXECUTE format('WITH d AS (DELETE FROM %s RETURNING line_no, round, country, institution, indicator, lang, answer)
                    INSERT INTO tb_load_raw SELECT line_no::bigint, round::text, country::text, institution::text,
                                                   indicator::text, lang::text, answer::text FROM d', src);
    -- an empty import table is a mistake (the \copy went elsewhere, or
    -- failed) or a race (another session's load took the rows): say so, and
    -- record no load
    IF NOT EXISTS (SELECT 1 FROM tb_load_raw) THEN
        RAISE WARNING 'nothing to load: % is empty; no load recorded', src
            USING DETAIL = 'A load takes every row of the import table; another session''s load may have taken them.',
                  HINT = format('Copy the form''s export into it first: \copy %s (round, country, institution, indicator, lang, answer) FROM ''file.csv'' CSV HEADER; or load the file with scripts/load_round.sh FILE.', src);
        DROP TABLE tb_load_raw;
        RETURN;
    END IF;
    IF owner <> current_user THEN
        EXECUTE format('GRANT SELECT ON pg_temp.tb_load_raw TO %I', owner);
    END IF;
    RETURN QUERY SELECT * FROM @baseline@.tb_load_responses_from_staging(label);
    DROP TABLE tb_load_raw;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_load_responses(text, regclass) IS
'Loads the rows of an import table (default @baseline@.response_import, filled by \copy from the form''s CSV export) into @baseline@.responses: parses every answer, writes rows it cannot accept to @baseline@.rejects with the reason, counts exact repeats as duplicates, empties the import table, and returns the counts by outcome and reason. Loading the same file twice adds nothing. An empty import table gives a warning and records no load. Needs SELECT and DELETE on the import table and EXECUTE on tb_load_responses_from_staging (the loader role has both).';

CREATE FUNCTION @baseline@.tb_load_responses_from_staging(label text)
RETURNS TABLE (outcome text, reason text, n bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    who      name := @extschema@.tb_calling_role();
    lid      bigint;
    c_read   bigint;
    c_loaded bigint;
    c_dup    bigint;
    c_rej    bigint;
BEGIN
    IF label IS NULL OR label = '' THEN
        RAISE EXCEPTION 'a load needs a label' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF to_regclass('pg_temp.tb_load_raw') IS NULL THEN
        RAISE EXCEPTION 'nothing staged to load'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Call @baseline@.tb_load_responses(label, import_table), which stages the rows.';
    END IF;
    -- This runs as the owner: what it reads must be the plain table the
    -- first step made, never a view, a policy or a column type whose code
    -- would then run with the owner's rights.
    IF NOT EXISTS (SELECT 1 FROM pg_class c
                    WHERE c.oid = 'pg_temp.tb_load_raw'::regclass AND c.relkind = 'r' AND NOT c.relrowsecurity
                      AND NOT c.relhassubclass)
       OR (SELECT string_agg(a.attname || ' ' || a.atttypid::regtype::text, ', ' ORDER BY a.attnum)
             FROM pg_attribute a
            WHERE a.attrelid = 'pg_temp.tb_load_raw'::regclass AND a.attnum > 0 AND NOT a.attisdropped)
          IS DISTINCT FROM 'line_no bigint, round text, country text, institution text, indicator text, lang text, answer text' THEN
        RAISE EXCEPTION 'the staged rows are not a plain table of the import columns'
            USING ERRCODE = 'wrong_object_type',
                  HINT = 'Call @baseline@.tb_load_responses(label, import_table), which stages the rows.';
    END IF;
    INSERT INTO @baseline@.loads (label, loaded_by) VALUES (label, who) RETURNING load_id INTO lid;

    CREATE TEMP TABLE tb_load_rows ON COMMIT DROP AS
    WITH base AS (
        SELECT r.*,
               row_number() OVER (ORDER BY r.line_no) AS seq,
               nullif(btrim(r.round), '') AS round_t,
               @extschema@.tb_try_country(r.country)::text AS country_t,
               upper(nullif(btrim(r.institution), '')) AS institution_t,
               upper(nullif(btrim(r.indicator), '')) AS indicator_t,
               lower(nullif(btrim(r.lang), '')) AS lang_t
          FROM tb_load_raw r
    ), resolved AS (
        SELECT b.*, ro.round_no, co.iso2, i.code AS inst_code, i.country AS inst_country,
               i.lang AS inst_lang, ind.code AS ind_code, ind.kind, ind.source AS ind_source,
               ind.lower_bound, ind.upper_bound,
               mb.round_no IS NOT NULL AS is_member
          FROM base b
          LEFT JOIN @baseline@.rounds ro
                 ON ro.round_no = CASE WHEN b.round_t ~ '^[0-9]{1,9}$' THEN b.round_t::integer END
          LEFT JOIN @baseline@.countries co ON co.iso2 = b.country_t
          LEFT JOIN @baseline@.institutions i ON i.code = b.institution_t
          LEFT JOIN @baseline@.indicators ind ON ind.code = b.indicator_t
          -- who was a member or observer at each round: a join, not a query per row
          LEFT JOIN (SELECT DISTINCT r2.round_no, m.country
                       FROM @baseline@.rounds r2
                       JOIN @baseline@.memberships m
                         ON m.valid_from <= r2.reference_date
                        AND (m.valid_to IS NULL OR m.valid_to > r2.reference_date)) mb
                 ON mb.round_no = ro.round_no AND mb.country = co.iso2
    )
    SELECT r.*, p.value, p.status, p.error,
           CASE
             WHEN r.round_no IS NULL THEN 'unknown round'
             WHEN r.iso2 IS NULL THEN 'unknown country'
             WHEN NOT r.is_member THEN 'country not a member at the round'
             WHEN r.inst_code IS NULL THEN 'unknown institution'
             WHEN r.inst_country <> r.iso2 THEN 'institution of another country'
             WHEN r.ind_code IS NULL THEN 'unknown indicator'
             WHEN r.ind_source <> 'survey' THEN 'not a survey indicator'
             WHEN r.lang_t IS NOT NULL AND r.lang_t NOT IN ('es', 'pt', 'en', 'fr') THEN 'unknown language'
             WHEN r.answer IS NULL OR p.error = 'empty answer' THEN 'empty answer'
             WHEN p.error IS NOT NULL THEN 'unparseable answer'
             WHEN p.value < r.lower_bound OR p.value > r.upper_bound THEN 'value out of bounds'
             WHEN r.kind IN ('binary', 'ordinal', 'count') AND p.value <> trunc(p.value) THEN 'not a whole number'
           END AS reason,
           CASE
             WHEN r.round_no IS NULL THEN format('round %L is not in @baseline@.rounds', r.round)
             WHEN r.iso2 IS NULL AND r.country_t IS NOT NULL THEN format('country %s (%L) is not in @baseline@.countries', r.country_t, r.country)
             WHEN r.iso2 IS NULL THEN format('country %L: %s', r.country, coalesce(@extschema@.tb_country_suggest(r.country), 'it is empty'))
             WHEN NOT r.is_member THEN format('%s was not a member or observer on the reference date of round %s', r.iso2, r.round_no)
             WHEN r.inst_code IS NULL THEN format('institution %L is not in @baseline@.institutions', r.institution)
             WHEN r.inst_country <> r.iso2 THEN format('institution %s belongs to %s, not %s', r.inst_code, r.inst_country, r.iso2)
             WHEN r.ind_code IS NULL THEN format('indicator %L is not in @baseline@.indicators', r.indicator)
             WHEN r.ind_source <> 'survey' THEN format('indicator %s comes from %s, not from the survey', r.ind_code, r.ind_source)
             WHEN r.lang_t IS NOT NULL AND r.lang_t NOT IN ('es', 'pt', 'en', 'fr') THEN format('language %L is not one of es, pt, en, fr', r.lang)
             WHEN r.answer IS NULL OR p.error = 'empty answer' THEN 'the answer is empty'
             WHEN p.error IS NOT NULL THEN p.error
             WHEN p.value < r.lower_bound OR p.value > r.upper_bound
                  THEN format('%s is outside the bounds of %s (%s to %s)', p.value, r.ind_code,
                              coalesce(r.lower_bound::text, '-infinity'), coalesce(r.upper_bound::text, 'infinity'))
             WHEN r.kind IN ('binary', 'ordinal', 'count') AND p.value <> trunc(p.value)
                  THEN format('%s is not a whole number, as %s (%s) requires', p.value, r.ind_code, r.kind)
           END AS detail,
           r.seq + 1 AS file_line,
           md5(concat_ws(E'\x1f', coalesce(r.round, E'\x1e'), coalesce(r.country, E'\x1e'),
                         coalesce(r.institution, E'\x1e'), coalesce(r.indicator, E'\x1e'),
                         coalesce(r.lang, E'\x1e'), coalesce(r.answer, E'\x1e'))) AS row_key
      FROM resolved r
      LEFT JOIN LATERAL @extschema@.tb_parse_answer(
                    coalesce(r.answer, ''), r.kind,
                    coalesce(CASE WHEN r.lang_t IN ('es', 'pt', 'en', 'fr') THEN r.lang_t END, r.inst_lang),
                    '@baseline@.answer_vocabulary'::regclass) p
             ON r.kind IS NOT NULL;

    -- Every step below is a join or a window over the rows, never a
    -- subquery run per row: a load costs the same per row however large.
    ANALYZE tb_load_rows;

    -- Within the file: the first of identical rows counts, the others are
    -- duplicates; different answers to the same question are all rejected.
    UPDATE tb_load_rows t
       SET reason = 'conflicting answers in the file',
           detail = format('round %s, %s, %s, %s is answered differently on another line', t.round_no, t.iso2, t.inst_code, t.ind_code)
      FROM (SELECT w.seq
              FROM (SELECT k.seq, min(k.answer) OVER q AS lo, max(k.answer) OVER q AS hi
                      FROM tb_load_rows k
                     WHERE k.reason IS NULL
                    WINDOW q AS (PARTITION BY k.round_no, k.iso2, k.inst_code, k.ind_code)) w
             WHERE w.lo <> w.hi) c
     WHERE t.seq = c.seq;
    -- What the rows meet among the answers and rejects already there, read
    -- once: the updates below then join temporary tables only (which is
    -- also what Citus can run when responses is distributed).
    CREATE TEMP TABLE tb_load_known ON COMMIT DROP AS
    SELECT r.response_id, r.round_no, r.country, r.institution, r.indicator, r.raw_answer
      FROM @baseline@.responses r
     WHERE (r.round_no, r.country, r.institution, r.indicator) IN
           (SELECT k.round_no, k.iso2, k.inst_code, k.ind_code FROM tb_load_rows k WHERE k.reason IS NULL);
    CREATE TEMP TABLE tb_load_known_rejects ON COMMIT DROP AS
    SELECT j.row_key FROM @baseline@.rejects j WHERE j.row_key IN (SELECT k.row_key FROM tb_load_rows k);

    -- Against what is loaded already.
    UPDATE tb_load_rows t
       SET reason = 'conflicts with a loaded answer',
           detail = format('response %s already holds %L for round %s, %s, %s, %s; delete it first to replace it',
                           r.response_id, r.raw_answer, t.round_no, t.iso2, t.inst_code, t.ind_code)
      FROM tb_load_known r
     WHERE t.reason IS NULL
       AND r.round_no = t.round_no AND r.country = t.iso2 AND r.institution = t.inst_code
       AND r.indicator = t.ind_code AND r.raw_answer IS DISTINCT FROM t.answer;

    -- Duplicates: of an answer already loaded or a row already rejected,
    -- or of an earlier line of the file (the same answer to the same
    -- question, however its country was written; a rejected line repeated
    -- verbatim).
    CREATE TEMP TABLE tb_load_out ON COMMIT DROP AS
    SELECT t.*,
           CASE
             WHEN t.reason IS NULL AND k.response_id IS NOT NULL THEN 'duplicate'
             WHEN t.reason IS NOT NULL AND j.row_key IS NOT NULL THEN 'duplicate'
             -- one window (one sort): an accepted row is a repeat of an earlier
             -- one with its question, a rejected row of an earlier one with its text
             WHEN row_number() OVER (PARTITION BY t.reason IS NULL,
                                                  CASE WHEN t.reason IS NULL
                                                       THEN concat_ws(E'\x1f', t.round_no, t.iso2, t.inst_code, t.ind_code)
                                                       ELSE t.row_key END
                                     ORDER BY t.seq) > 1 THEN 'duplicate'
             WHEN t.reason IS NULL THEN 'loaded'
             ELSE 'rejected'
           END AS outcome
      FROM tb_load_rows t
      LEFT JOIN tb_load_known k
             ON k.round_no = t.round_no AND k.country = t.iso2 AND k.institution = t.inst_code AND k.indicator = t.ind_code
      LEFT JOIN tb_load_known_rejects j ON j.row_key = t.row_key;

    INSERT INTO @baseline@.responses
           (round_no, country, institution, indicator, raw_answer, value, status, load_id, loaded_by, loaded_at)
    SELECT round_no, iso2, inst_code, ind_code, answer, value, status, lid, who, now()
      FROM tb_load_out WHERE outcome = 'loaded'
     ORDER BY seq;

    INSERT INTO @baseline@.rejects
           (load_id, line_no, round_raw, country_raw, institution_raw, indicator_raw,
            lang_raw, raw_answer, reason, detail, row_key)
    SELECT lid, file_line, round, country, institution, indicator, lang, answer,
           reason, detail, row_key
      FROM tb_load_out WHERE outcome = 'rejected'
     ORDER BY seq;

    SELECT count(*), count(*) FILTER (WHERE t.outcome = 'loaded'),
           count(*) FILTER (WHERE t.outcome = 'duplicate'), count(*) FILTER (WHERE t.outcome = 'rejected')
      INTO c_read, c_loaded, c_dup, c_rej
      FROM tb_load_out t;
    UPDATE @baseline@.loads l
       SET rows_read = c_read, loaded = c_loaded, duplicates = c_dup, rejected = c_rej
     WHERE l.load_id = lid;
    -- the rounds the load changed, for the next incremental refresh (the
    -- triggers on responses mark them too, where they can run)
    INSERT INTO @baseline@.refresh_pending
    SELECT DISTINCT t.round_no FROM tb_load_out t WHERE t.outcome = 'loaded'
    ON CONFLICT DO NOTHING;

    RETURN QUERY
        SELECT t.outcome, t.reason, count(*)
          FROM tb_load_out t
         GROUP BY t.outcome, t.reason
         ORDER BY array_position(ARRAY['loaded', 'duplicate', 'rejected'], t.outcome), t.reason;

    DROP TABLE tb_load_out, tb_load_rows, tb_load_known, tb_load_known_rejects;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_load_responses_from_staging(text) IS
'The second step of tb_load_responses: parses, checks and writes the rows staged in the session''s temporary table tb_load_raw, as the baseline''s owner, recording the calling role as who loaded them. Call tb_load_responses instead.';
REVOKE ALL ON FUNCTION @baseline@.tb_load_responses_from_staging(text) FROM PUBLIC;
