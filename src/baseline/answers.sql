------------------------------------------------------------------------------
-- Loads, responses, rejects
------------------------------------------------------------------------------

CREATE TABLE @baseline@.loads (
    load_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label       text NOT NULL CHECK (label <> ''),
    loaded_by   name NOT NULL DEFAULT current_user,
    started_at  timestamptz NOT NULL DEFAULT now(),
    rows_read   bigint NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
    loaded      bigint NOT NULL DEFAULT 0 CHECK (loaded >= 0),
    duplicates  bigint NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
    rejected    bigint NOT NULL DEFAULT 0 CHECK (rejected >= 0),
    CONSTRAINT every_row_accounted_for CHECK (rows_read = loaded + duplicates + rejected)
);
COMMENT ON TABLE @baseline@.loads IS 'One row per call of tb_load_responses: what was read and what became of every row (rows_read = loaded + duplicates + rejected).';
COMMENT ON COLUMN @baseline@.loads.load_id IS 'Load number.';
COMMENT ON COLUMN @baseline@.loads.label IS 'What was loaded, usually the file name.';
COMMENT ON COLUMN @baseline@.loads.loaded_by IS 'Role that ran the load.';
COMMENT ON COLUMN @baseline@.loads.started_at IS 'When the load ran.';
COMMENT ON COLUMN @baseline@.loads.rows_read IS 'Rows read from the import table.';
COMMENT ON COLUMN @baseline@.loads.loaded IS 'Rows written to responses.';
COMMENT ON COLUMN @baseline@.loads.duplicates IS 'Rows identical to a row already loaded or already rejected, or repeated within the file.';
COMMENT ON COLUMN @baseline@.loads.rejected IS 'Rows written to rejects.';

CREATE TABLE @baseline@.responses (
    response_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_no    integer NOT NULL REFERENCES @baseline@.rounds,
    country     text NOT NULL REFERENCES @baseline@.countries,
    institution text NOT NULL,
    indicator   text NOT NULL REFERENCES @baseline@.indicators,
    raw_answer  text NOT NULL,
    value       double precision CHECK (value > '-Infinity' AND value < 'Infinity'),
    status      text NOT NULL CHECK (status IN ('value', 'below', 'not_applicable', 'unknown')),
    load_id     bigint REFERENCES @baseline@.loads,
    loaded_by   name NOT NULL DEFAULT current_user,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (round_no, country, institution, indicator),
    FOREIGN KEY (institution, country) REFERENCES @baseline@.institutions (code, country),
    CONSTRAINT value_with_value_or_below CHECK ((status IN ('value', 'below')) = (value IS NOT NULL))
);
CREATE INDEX responses_indicator_idx ON @baseline@.responses (indicator, round_no);
CREATE INDEX responses_load_idx ON @baseline@.responses (load_id);
COMMENT ON TABLE @baseline@.responses IS 'Answers of institutions to the survey, one per round, country, institution and indicator: the raw text exactly as received and the parsed value.';
COMMENT ON COLUMN @baseline@.responses.response_id IS 'Row number.';
COMMENT ON COLUMN @baseline@.responses.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.responses.country IS 'Country answering.';
COMMENT ON COLUMN @baseline@.responses.institution IS 'Institution answering; belongs to country.';
COMMENT ON COLUMN @baseline@.responses.indicator IS 'Indicator answered.';
COMMENT ON COLUMN @baseline@.responses.raw_answer IS 'The answer exactly as received.';
COMMENT ON COLUMN @baseline@.responses.value IS 'Parsed value in the indicator''s unit; for status below, the limit the value lies below; NULL for not_applicable and unknown.';
COMMENT ON COLUMN @baseline@.responses.status IS 'value, below (a limit: "<5"), not_applicable or unknown (don''t know).';
COMMENT ON COLUMN @baseline@.responses.load_id IS 'Load that wrote the row; NULL for rows inserted directly.';
COMMENT ON COLUMN @baseline@.responses.loaded_by IS 'Role that wrote the row.';
COMMENT ON COLUMN @baseline@.responses.loaded_at IS 'When the row was written.';

CREATE FUNCTION @baseline@.tb_responses_check_value()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ind @baseline@.indicators;
BEGIN
    IF NEW.value IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT * INTO ind FROM @baseline@.indicators WHERE code = NEW.indicator;
    IF NOT FOUND THEN
        RETURN NEW;             -- the foreign key reports it
    END IF;
    IF (ind.lower_bound IS NOT NULL AND NEW.value < ind.lower_bound)
       OR (ind.upper_bound IS NOT NULL AND NEW.value > ind.upper_bound) THEN
        RAISE EXCEPTION 'value % is out of bounds for indicator %', NEW.value, ind.code
            USING ERRCODE = 'check_violation',
                  DETAIL = format('Indicator %s (%s) accepts values from %s to %s.', ind.code, ind.kind,
                                  coalesce(ind.lower_bound::text, '-infinity'),
                                  coalesce(ind.upper_bound::text, 'infinity'));
    END IF;
    IF ind.kind IN ('binary', 'ordinal', 'count') AND NEW.value <> trunc(NEW.value)
       AND ind.source = 'survey' THEN
        RAISE EXCEPTION 'value % is not a whole number, as indicator % (%) requires', NEW.value, ind.code, ind.kind
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_responses_check_value() IS
'Trigger function: refuses a response whose value lies outside its indicator''s bounds, or is fractional for a binary, ordinal or count indicator.';

-- A row a load wrote was checked by the loader, which rejects it with its
-- reason instead: the check would only cost every loaded row a query.
CREATE TRIGGER responses_check_value
    BEFORE INSERT ON @baseline@.responses
    FOR EACH ROW WHEN (NEW.load_id IS NULL) EXECUTE FUNCTION @baseline@.tb_responses_check_value();
CREATE TRIGGER responses_check_changed_value
    BEFORE UPDATE OF value, indicator ON @baseline@.responses
    FOR EACH ROW EXECUTE FUNCTION @baseline@.tb_responses_check_value();

CREATE TABLE @baseline@.rejects (
    reject_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    load_id         bigint NOT NULL REFERENCES @baseline@.loads,
    line_no         bigint,
    round_raw       text,
    country_raw     text,
    institution_raw text,
    indicator_raw   text,
    lang_raw        text,
    raw_answer      text,
    reason          text NOT NULL CHECK (reason <> ''),
    detail          text,
    rejected_at     timestamptz NOT NULL DEFAULT now(),
    row_key         text NOT NULL UNIQUE
);
CREATE INDEX rejects_load_idx ON @baseline@.rejects (load_id);
COMMENT ON TABLE @baseline@.rejects IS 'Rows a load could not accept, exactly as read, with the reason. Nothing a user loads is dropped silently: every row read is in responses, here, or counted as a duplicate in loads.';
COMMENT ON COLUMN @baseline@.rejects.reject_id IS 'Row number.';
COMMENT ON COLUMN @baseline@.rejects.load_id IS 'Load that read the row.';
COMMENT ON COLUMN @baseline@.rejects.line_no IS 'Line of the row in the file (header is line 1), when the import table recorded it.';
COMMENT ON COLUMN @baseline@.rejects.round_raw IS 'Round as read.';
COMMENT ON COLUMN @baseline@.rejects.country_raw IS 'Country as read.';
COMMENT ON COLUMN @baseline@.rejects.institution_raw IS 'Institution as read.';
COMMENT ON COLUMN @baseline@.rejects.indicator_raw IS 'Indicator as read.';
COMMENT ON COLUMN @baseline@.rejects.lang_raw IS 'Language as read.';
COMMENT ON COLUMN @baseline@.rejects.raw_answer IS 'Answer as read.';
COMMENT ON COLUMN @baseline@.rejects.reason IS 'Short reason, one of a fixed set (unknown round, unknown country, ..., unparseable answer, value out of bounds, not a whole number): group by it.';
COMMENT ON COLUMN @baseline@.rejects.detail IS 'The reason in full, naming the values.';
COMMENT ON COLUMN @baseline@.rejects.rejected_at IS 'When the row was rejected.';
COMMENT ON COLUMN @baseline@.rejects.row_key IS 'md5 of the row as read; a row rejected once is not recorded again when the same file is loaded twice.';

CREATE TABLE @baseline@.response_import (
    line_no     bigint GENERATED BY DEFAULT AS IDENTITY,
    round       text,
    country     text,
    institution text,
    indicator   text,
    lang        text,
    answer      text
);
COMMENT ON TABLE @baseline@.response_import IS 'Import table for the form''s CSV export: every column is text so that COPY never fails on a value. \copy @baseline@.response_import (round, country, institution, indicator, lang, answer) FROM ''file.csv'' CSV HEADER, then SELECT * FROM @baseline@.tb_load_responses(''file.csv''). Concurrent loaders use their own: CREATE TEMP TABLE imp (LIKE @baseline@.response_import INCLUDING ALL).';
COMMENT ON COLUMN @baseline@.response_import.line_no IS 'Filled in file order by COPY; used to report the line of a rejected row.';
COMMENT ON COLUMN @baseline@.response_import.round IS 'Round number as written.';
COMMENT ON COLUMN @baseline@.response_import.country IS 'Country ISO alpha-2 code as written.';
COMMENT ON COLUMN @baseline@.response_import.institution IS 'Institution code as written.';
COMMENT ON COLUMN @baseline@.response_import.indicator IS 'Indicator code as written.';
COMMENT ON COLUMN @baseline@.response_import.lang IS 'Language of the form (es, pt, en, fr); empty: the institution''s.';
COMMENT ON COLUMN @baseline@.response_import.answer IS 'The answer exactly as written.';

CREATE TABLE @baseline@.external_values (
    indicator text NOT NULL REFERENCES @baseline@.indicators,
    country   text NOT NULL REFERENCES @baseline@.countries,
    year      integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    raw_value text NOT NULL,
    value     double precision CHECK (value > '-Infinity' AND value < 'Infinity'),
    PRIMARY KEY (indicator, country, year)
);
COMMENT ON TABLE @baseline@.external_values IS 'Yearly values of external indicators (e.g. US TIP Report tiers): the raw rating as published and its coded value (NULL when not rated).';
COMMENT ON COLUMN @baseline@.external_values.indicator IS 'External indicator (indicators.source is not survey).';
COMMENT ON COLUMN @baseline@.external_values.country IS 'Country rated.';
COMMENT ON COLUMN @baseline@.external_values.year IS 'Year of the report.';
COMMENT ON COLUMN @baseline@.external_values.raw_value IS 'Rating as published.';
COMMENT ON COLUMN @baseline@.external_values.value IS 'Coded value; NULL when the country was not rated that year.';
