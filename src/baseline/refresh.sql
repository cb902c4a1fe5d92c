------------------------------------------------------------------------------
-- Serving BI tools: the bi_ tables, refreshed by tb_refresh
------------------------------------------------------------------------------


/*
 * Column types are what BI clients need (docs/clients.md): codes are
 * varchar(n) as long as the catalogue's CHECK allows (a declared length, not
 * a memo in ODBC), numbers are integer, double precision or numeric(p,s), no
 * jsonb and no type of the extension.
 */
CREATE TABLE @baseline@.bi_scores (
    round_no integer NOT NULL, country varchar(2) NOT NULL, axis varchar(8) NOT NULL,
    score double precision, coverage double precision, traffic_light varchar(32),
    PRIMARY KEY (round_no, country, axis));
COMMENT ON TABLE @baseline@.bi_scores IS 'Composite score 0-100 per round, country and axis (@baseline@.axis_scores).';
COMMENT ON COLUMN @baseline@.bi_scores.round_no IS 'Survey round (0 = baseline).';
COMMENT ON COLUMN @baseline@.bi_scores.country IS 'Country, ISO 3166-1 alpha-2 (2 characters).';
COMMENT ON COLUMN @baseline@.bi_scores.axis IS 'Axis code (2-8 capitals): PREV, PROT, PROS, GOV.';
COMMENT ON COLUMN @baseline@.bi_scores.score IS 'Score 0 (worst) - 100 (best); NULL below 80% coverage.';
COMMENT ON COLUMN @baseline@.bi_scores.coverage IS 'Share (0-1) of the axis weight with a score.';
COMMENT ON COLUMN @baseline@.bi_scores.traffic_light IS 'Band of the traffic_light scheme (green, yellow, orange or red), at most 32 characters.';

CREATE TABLE @baseline@.bi_country_scores (
    round_no integer NOT NULL, country varchar(2) NOT NULL,
    country_name text, country_name_pt text, country_name_en text,
    score double precision, letter varchar(32), traffic_light varchar(32), copeland integer,
    PRIMARY KEY (round_no, country));
COMMENT ON TABLE @baseline@.bi_country_scores IS 'Overall score per round and country, letter band, traffic light and Copeland outranking score.';
COMMENT ON COLUMN @baseline@.bi_country_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_country_scores.country IS 'Country, ISO 3166-1 alpha-2 (2 characters).';
COMMENT ON COLUMN @baseline@.bi_country_scores.country_name IS 'Country name in Spanish.';
COMMENT ON COLUMN @baseline@.bi_country_scores.country_name_pt IS 'Country name in Portuguese.';
COMMENT ON COLUMN @baseline@.bi_country_scores.country_name_en IS 'Country name in English.';
COMMENT ON COLUMN @baseline@.bi_country_scores.score IS 'Overall score 0-100.';
COMMENT ON COLUMN @baseline@.bi_country_scores.letter IS 'Band of the letter scheme (AAA ... D), at most 32 characters.';
COMMENT ON COLUMN @baseline@.bi_country_scores.traffic_light IS 'Band of the traffic_light scheme (green, yellow, orange or red), at most 32 characters.';
COMMENT ON COLUMN @baseline@.bi_country_scores.copeland IS 'Copeland score: pairwise wins minus losses.';

CREATE TABLE @baseline@.bi_harmonization (
    round_no integer NOT NULL, axis varchar(8) NOT NULL, kind varchar(10) NOT NULL, metric varchar(8) NOT NULL,
    indicators integer, alpha double precision, percent_agreement double precision,
    alpha_lower double precision, alpha_upper double precision, verdict varchar(14),
    PRIMARY KEY (round_no, axis, kind));
COMMENT ON TABLE @baseline@.bi_harmonization IS 'Agreement among countries per round, axis and kind of indicator (@baseline@.axis_harmonization).';
COMMENT ON COLUMN @baseline@.bi_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_harmonization.axis IS 'Axis code (2-8 capitals).';
COMMENT ON COLUMN @baseline@.bi_harmonization.kind IS 'Kind of indicator: binary, ordinal, count, rate or percentage.';
COMMENT ON COLUMN @baseline@.bi_harmonization.metric IS 'Metric of Krippendorff''s alpha: nominal, ordinal or interval.';
COMMENT ON COLUMN @baseline@.bi_harmonization.indicators IS 'Indicators of that axis and kind.';
COMMENT ON COLUMN @baseline@.bi_harmonization.alpha IS 'Krippendorff''s alpha (1: harmonized, 0: chance).';
COMMENT ON COLUMN @baseline@.bi_harmonization.percent_agreement IS 'Share of pairs of countries with the same value; NULL for amounts (counts, rates, percentages).';
COMMENT ON COLUMN @baseline@.bi_harmonization.alpha_lower IS 'Lower bound of the 95% bootstrap interval of alpha.';
COMMENT ON COLUMN @baseline@.bi_harmonization.alpha_upper IS 'Upper bound.';
COMMENT ON COLUMN @baseline@.bi_harmonization.verdict IS 'harmonized, not harmonized or cannot tell: the interval against 0.667 (analysis_settings harmonized_alpha).';

CREATE TABLE @baseline@.bi_gaps (
    round_no integer NOT NULL, country varchar(2) NOT NULL, axis varchar(8) NOT NULL,
    gap_target_share double precision, gap_frontier_share double precision, gap_median_share double precision,
    PRIMARY KEY (round_no, country, axis));
COMMENT ON TABLE @baseline@.bi_gaps IS 'Weighted share of the way still to go, per round, country and axis (@baseline@.axis_gaps).';
COMMENT ON COLUMN @baseline@.bi_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_gaps.country IS 'Country, ISO 3166-1 alpha-2 (2 characters).';
COMMENT ON COLUMN @baseline@.bi_gaps.axis IS 'Axis code (2-8 capitals).';
COMMENT ON COLUMN @baseline@.bi_gaps.gap_target_share IS 'To the targets (0-1).';
COMMENT ON COLUMN @baseline@.bi_gaps.gap_frontier_share IS 'To the regional frontier (0-1).';
COMMENT ON COLUMN @baseline@.bi_gaps.gap_median_share IS 'To the regional median (0-1).';

CREATE TABLE @baseline@.bi_priorities (
    round_no integer NOT NULL, country varchar(2) NOT NULL, rank integer NOT NULL, indicator varchar(32) NOT NULL,
    indicator_name text, indicator_name_pt text, indicator_name_en text,
    gap double precision, weight double precision, weighted_gap double precision,
    poorly_harmonized boolean,
    PRIMARY KEY (round_no, country, rank));
COMMENT ON TABLE @baseline@.bi_priorities IS 'Each country''s top weighted gaps in the latest round (@baseline@.country_priorities).';
COMMENT ON COLUMN @baseline@.bi_priorities.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_priorities.country IS 'Country, ISO 3166-1 alpha-2 (2 characters).';
COMMENT ON COLUMN @baseline@.bi_priorities.rank IS '1 for the largest weighted gap.';
COMMENT ON COLUMN @baseline@.bi_priorities.indicator IS 'Indicator code (at most 32 characters).';
COMMENT ON COLUMN @baseline@.bi_priorities.indicator_name IS 'Indicator name in Spanish.';
COMMENT ON COLUMN @baseline@.bi_priorities.indicator_name_pt IS 'Indicator name in Portuguese.';
COMMENT ON COLUMN @baseline@.bi_priorities.indicator_name_en IS 'Indicator name in English.';
COMMENT ON COLUMN @baseline@.bi_priorities.gap IS 'Gap share (0-1).';
COMMENT ON COLUMN @baseline@.bi_priorities.weight IS 'Indicator weight.';
COMMENT ON COLUMN @baseline@.bi_priorities.weighted_gap IS 'gap * weight.';
COMMENT ON COLUMN @baseline@.bi_priorities.poorly_harmonized IS 'The region is poorly harmonized on the indicator (boolean: ODBC clients need BoolsAsChar=0 to see it as one).';

CREATE TABLE @baseline@.bi_coverage (
    round_no integer NOT NULL, country varchar(2) NOT NULL, axis varchar(8) NOT NULL,
    expected integer, answered integer, answered_pct numeric(4,1),
    PRIMARY KEY (round_no, country, axis));
COMMENT ON TABLE @baseline@.bi_coverage IS 'Indicators answered / expected per round, country and axis (@baseline@.coverage).';
COMMENT ON COLUMN @baseline@.bi_coverage.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_coverage.country IS 'Country, ISO 3166-1 alpha-2 (2 characters).';
COMMENT ON COLUMN @baseline@.bi_coverage.axis IS 'Axis code (2-8 capitals).';
COMMENT ON COLUMN @baseline@.bi_coverage.expected IS 'Indicators expected.';
COMMENT ON COLUMN @baseline@.bi_coverage.answered IS 'Indicators answered.';
COMMENT ON COLUMN @baseline@.bi_coverage.answered_pct IS 'answered / expected, percent 0.0-100.0 with one decimal (numeric(4,1)).';

CREATE TABLE @baseline@.bi_indicator_summaries (
    round_no integer NOT NULL, indicator varchar(32) NOT NULL,
    countries integer, missing integer, mean double precision, stddev double precision,
    stddev_pop double precision, min double precision, median double precision, max double precision,
    sum double precision, state text,
    PRIMARY KEY (round_no, indicator));
COMMENT ON TABLE @baseline@.bi_indicator_summaries IS 'Per round and indicator: statistics of the countries'' values, one typed column per figure, and the exact summary''s text in "state" (it rolls up: tb.tb_rollup(state::tb.tb_summary)).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.indicator IS 'Indicator code (at most 32 characters).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.countries IS 'Countries with a value (tb_n).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.missing IS 'NULL values seen (tb_summary''s missing).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.mean IS 'Mean of the country values.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.stddev IS 'Sample standard deviation (NULL below two values).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.stddev_pop IS 'Population standard deviation.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.min IS 'Smallest country value.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.median IS 'Median of the country values (tb_median).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.max IS 'Largest country value.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.sum IS 'Sum of the country values (the exact sum, rounded once).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.state IS 'The tb_summary as text (exact sums in hexadecimal): cast it to tb.tb_summary to merge rounds or regions with tb.tb_rollup.';

CREATE TABLE @baseline@.refresh_log (
    refresh_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at timestamptz,
    requested   integer,
    rounds      integer[] NOT NULL DEFAULT '{}',
    rows_written bigint NOT NULL DEFAULT 0,
    last_load_id bigint,
    run_by      name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE @baseline@.refresh_log IS 'One row per tb_refresh: what it was asked, which rounds it recomputed, how many BI rows it wrote, up to which load it saw the answers.';
COMMENT ON COLUMN @baseline@.refresh_log.refresh_id IS 'Refresh number.';
COMMENT ON COLUMN @baseline@.refresh_log.started_at IS 'Start.';
COMMENT ON COLUMN @baseline@.refresh_log.finished_at IS 'End.';
COMMENT ON COLUMN @baseline@.refresh_log.requested IS 'Round asked for; NULL: every round whose answers changed.';
COMMENT ON COLUMN @baseline@.refresh_log.rounds IS 'Rounds recomputed.';
COMMENT ON COLUMN @baseline@.refresh_log.rows_written IS 'BI rows written.';
COMMENT ON COLUMN @baseline@.refresh_log.last_load_id IS 'Highest load the refresh saw.';
COMMENT ON COLUMN @baseline@.refresh_log.run_by IS 'Role that ran it.';

CREATE TABLE @baseline@.refresh_pending (
    round_no integer PRIMARY KEY
);
COMMENT ON TABLE @baseline@.refresh_pending IS 'Rounds whose answers changed since the last refresh: written by the triggers on @baseline@.responses, emptied by tb_refresh.';
COMMENT ON COLUMN @baseline@.refresh_pending.round_no IS 'Round to recompute.';

CREATE FUNCTION @baseline@.tb_responses_mark_pending()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO @baseline@.refresh_pending SELECT DISTINCT round_no FROM changed_new ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO @baseline@.refresh_pending SELECT DISTINCT round_no FROM changed_old ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_responses_mark_pending() IS 'Statement trigger function: marks the rounds whose answers a statement changed, for the next incremental tb_refresh.';
CREATE TRIGGER responses_pending_insert AFTER INSERT ON @baseline@.responses
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION @baseline@.tb_responses_mark_pending();
CREATE TRIGGER responses_pending_update AFTER UPDATE ON @baseline@.responses
    REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION @baseline@.tb_responses_mark_pending();
CREATE TRIGGER responses_pending_delete AFTER DELETE ON @baseline@.responses
    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION @baseline@.tb_responses_mark_pending();

CREATE FUNCTION @baseline@.tb_refresh(round integer DEFAULT NULL)
RETURNS TABLE (round_no integer, rows_written bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    rid      bigint;
    todo     integer[];
    r        integer;
    n        bigint;
    total    bigint := 0;
    seen     bigint;
BEGIN
    -- Answers stay still while the refresh reads them: loaders wait (SHARE
    -- conflicts with their ROW EXCLUSIVE) and see nothing lost or counted
    -- twice; readers of the bi_ tables see the old rows until this commits.
    LOCK TABLE @baseline@.responses IN SHARE MODE;
    LOCK TABLE @baseline@.refresh_log IN SHARE ROW EXCLUSIVE MODE;   -- one refresh at a time
    SELECT coalesce(max(load_id), 0) INTO seen FROM @baseline@.loads;
    INSERT INTO @baseline@.refresh_log (requested, last_load_id, run_by)
    VALUES (round, seen, @extschema@.tb_calling_role()) RETURNING refresh_id INTO rid;

    IF round IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM @baseline@.rounds ro WHERE ro.round_no = round) THEN
            RAISE EXCEPTION 'round % is not in @baseline@.rounds', round USING ERRCODE = 'invalid_parameter_value';
        END IF;
        todo := ARRAY[round];
    ELSE
        -- incremental: the rounds whose answers changed since the last
        -- refresh (marked by the triggers on responses), and those with
        -- answers never refreshed; a round without answers has nothing to
        -- recompute, however many of them are declared ahead
        SELECT coalesce(array_agg(ro.round_no ORDER BY ro.round_no), '{}') INTO todo
          FROM @baseline@.rounds ro
         WHERE ro.round_no IN (SELECT p.round_no FROM @baseline@.refresh_pending p)
            OR (ro.round_no NOT IN (SELECT s.round_no FROM @baseline@.bi_coverage s)
                AND ro.round_no IN (SELECT a.round_no FROM @baseline@.responses a));
    END IF;
    DELETE FROM @baseline@.refresh_pending p WHERE p.round_no = ANY (todo);

    FOREACH r IN ARRAY todo LOOP
        DELETE FROM @baseline@.bi_scores s WHERE s.round_no = r;
        DELETE FROM @baseline@.bi_country_scores s WHERE s.round_no = r;
        DELETE FROM @baseline@.bi_harmonization s WHERE s.round_no = r;
        DELETE FROM @baseline@.bi_gaps s WHERE s.round_no = r;
        DELETE FROM @baseline@.bi_priorities s WHERE s.round_no = r;
        DELETE FROM @baseline@.bi_coverage s WHERE s.round_no = r;
        DELETE FROM @baseline@.bi_indicator_summaries s WHERE s.round_no = r;
        n := 0;
        INSERT INTO @baseline@.bi_scores SELECT a.round_no, a.country, a.axis, a.score, a.coverage, a.traffic_light
          FROM @baseline@.axis_scores a WHERE a.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_country_scores
        SELECT c.round_no, c.country, co.name_es, co.name_pt, co.name_en, c.score, c.letter, c.traffic_light, k.copeland
          FROM @baseline@.country_scores c
          JOIN @baseline@.countries co ON co.iso2 = c.country
          LEFT JOIN @baseline@.country_copeland k ON k.round_no = c.round_no AND k.country = c.country
         WHERE c.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_harmonization SELECT h.round_no, h.axis, h.kind, h.metric, h.indicators, h.alpha, h.percent_agreement,
               h.alpha_lower, h.alpha_upper, h.verdict
          FROM @baseline@.axis_harmonization h WHERE h.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_gaps SELECT g.round_no, g.country, g.axis, g.gap_target_share, g.gap_frontier_share, g.gap_median_share
          FROM @baseline@.axis_gaps g WHERE g.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_priorities
        SELECT p.round_no, p.country, p.rank, p.indicator, i.name_es, i.name_pt, i.name_en, p.gap, p.weight, p.weighted_gap,
               p.poorly_harmonized
          FROM @baseline@.country_priorities p JOIN @baseline@.indicators i ON i.code = p.indicator
         WHERE p.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_coverage SELECT c.round_no, c.country, c.axis, c.expected, c.answered, c.answered_pct
          FROM @baseline@.coverage c WHERE c.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_indicator_summaries
        SELECT q.round_no, q.indicator, @extschema@.tb_n(q.s), @extschema@.tb_missing(q.s), @extschema@.tb_mean(q.s),
               @extschema@.tb_stddev_samp(q.s), @extschema@.tb_stddev_pop(q.s), @extschema@.tb_min(q.s), q.median,
               @extschema@.tb_max(q.s), @extschema@.tb_sum(q.s), q.s::text
          FROM (SELECT v.round_no, v.indicator, @extschema@.tb_summary(v.value) AS s, @extschema@.tb_median(v.value) AS median
                  FROM @baseline@.indicator_values v WHERE v.round_no = r GROUP BY v.round_no, v.indicator) q;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        total := total + n;
        round_no := r;
        rows_written := n;
        RETURN NEXT;
    END LOOP;
    UPDATE @baseline@.refresh_log l
       SET finished_at = clock_timestamp(), rounds = todo, rows_written = total
     WHERE l.refresh_id = rid;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_refresh(integer) IS
'Recomputes the bi_ tables for one round, or (NULL) for every round whose answers changed since the last refresh (marked in @baseline@.refresh_pending by triggers on @baseline@.responses) and those with answers never refreshed: idempotent, incremental by round, logged in @baseline@.refresh_log. After a change to the catalogue (weights, targets), refresh the rounds by number. It holds a SHARE lock on @baseline@.responses while it reads (loaders wait, nothing is lost or counted twice) and one refresh runs at a time; readers of the bi_ tables see the previous rows until it commits. Returns the rows written per round. Runs as the baseline''s owner (SECURITY DEFINER) and records the calling role in refresh_log; the loader role may call it.';
REVOKE ALL ON FUNCTION @baseline@.tb_refresh(integer) FROM PUBLIC;
