------------------------------------------------------------------------------
-- Catalogue: countries, membership, axes, indicators, rounds, institutions
------------------------------------------------------------------------------

CREATE TABLE @baseline@.countries (
    iso2        text PRIMARY KEY CHECK (iso2 ~ '^[A-Z]{2}$'),
    iso3        text NOT NULL UNIQUE CHECK (iso3 ~ '^[A-Z]{3}$'),
    iso_numeric smallint NOT NULL UNIQUE CHECK (iso_numeric BETWEEN 1 AND 999),
    name_es     text NOT NULL CHECK (name_es <> ''),
    name_pt     text NOT NULL CHECK (name_pt <> ''),
    name_en     text NOT NULL CHECK (name_en <> ''),
    shipped     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @baseline@.countries IS 'Countries (ISO 3166-1) that take part in, observe or matter to the baseline.';
COMMENT ON COLUMN @baseline@.countries.iso2 IS 'ISO 3166-1 alpha-2 code, upper case; the key used everywhere else.';
COMMENT ON COLUMN @baseline@.countries.iso3 IS 'ISO 3166-1 alpha-3 code.';
COMMENT ON COLUMN @baseline@.countries.iso_numeric IS 'ISO 3166-1 numeric code.';
COMMENT ON COLUMN @baseline@.countries.name_es IS 'Name in Spanish.';
COMMENT ON COLUMN @baseline@.countries.name_pt IS 'Name in Portuguese.';
COMMENT ON COLUMN @baseline@.countries.name_en IS 'Name in English.';
COMMENT ON COLUMN @baseline@.countries.shipped IS 'True for the reference rows tb_create_baseline installs.';

CREATE TABLE @baseline@.memberships (
    country    text NOT NULL REFERENCES @baseline@.countries,
    role       text NOT NULL CHECK (role IN ('member', 'observer')),
    valid_from date NOT NULL,
    valid_to   date,
    PRIMARY KEY (country, valid_from),
    CONSTRAINT period_ends_after_it_starts CHECK (valid_to IS NULL OR valid_to > valid_from)
);
COMMENT ON TABLE @baseline@.memberships IS 'Membership periods of countries in the Quito Process: one row per period, [valid_from, valid_to), valid_to NULL while it lasts. Periods of one country never overlap.';
COMMENT ON COLUMN @baseline@.memberships.country IS 'ISO alpha-2 code of the country.';
COMMENT ON COLUMN @baseline@.memberships.role IS 'member or observer.';
COMMENT ON COLUMN @baseline@.memberships.valid_from IS 'First day of the period.';
COMMENT ON COLUMN @baseline@.memberships.valid_to IS 'Day after the last day of the period; NULL while it lasts.';

CREATE FUNCTION @baseline@.tb_memberships_no_overlap()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other record;
BEGIN
    IF NEW.valid_to IS NOT NULL AND NEW.valid_to <= NEW.valid_from THEN
        RETURN NEW;             -- period_ends_after_it_starts reports it
    END IF;
    SELECT m.valid_from, m.valid_to INTO other
      FROM @baseline@.memberships m
     WHERE m.country = NEW.country
       AND m.valid_from <> NEW.valid_from
       AND daterange(m.valid_from, m.valid_to) && daterange(NEW.valid_from, NEW.valid_to)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'membership period [%, %) of country % overlaps period [%, %)',
            NEW.valid_from, coalesce(NEW.valid_to::text, 'open'), NEW.country,
            other.valid_from, coalesce(other.valid_to::text, 'open')
            USING ERRCODE = 'exclusion_violation',
                  HINT = 'Close the earlier period (set its valid_to) before starting a new one.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_memberships_no_overlap() IS
'Trigger function: refuses a membership period that overlaps another period of the same country.';

CREATE TRIGGER memberships_no_overlap
    BEFORE INSERT OR UPDATE ON @baseline@.memberships
    FOR EACH ROW EXECUTE FUNCTION @baseline@.tb_memberships_no_overlap();

CREATE TABLE @baseline@.axes (
    code       text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,8}$'),
    name_es    text NOT NULL CHECK (name_es <> ''),
    name_pt    text NOT NULL CHECK (name_pt <> ''),
    name_en    text NOT NULL CHECK (name_en <> ''),
    sort_order integer NOT NULL UNIQUE,
    shipped    boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @baseline@.axes IS 'Axes of the Regional Coordination Mechanism (prevention; protection and assistance; prosecution) and governance / coordination.';
COMMENT ON COLUMN @baseline@.axes.code IS 'Short code of the axis (PREV, PROT, PROS, GOV).';
COMMENT ON COLUMN @baseline@.axes.name_es IS 'Name in Spanish.';
COMMENT ON COLUMN @baseline@.axes.name_pt IS 'Name in Portuguese.';
COMMENT ON COLUMN @baseline@.axes.name_en IS 'Name in English.';
COMMENT ON COLUMN @baseline@.axes.sort_order IS 'Order of the axis in reports.';
COMMENT ON COLUMN @baseline@.axes.shipped IS 'True for the reference rows tb_create_baseline installs.';

CREATE TABLE @baseline@.indicators (
    code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    axis        text NOT NULL REFERENCES @baseline@.axes,
    kind        text NOT NULL CHECK (kind IN ('binary', 'ordinal', 'count', 'rate', 'percentage')),
    direction   text NOT NULL CHECK (direction IN ('higher', 'lower')),
    unit        text NOT NULL CHECK (unit <> ''),
    name_es     text NOT NULL CHECK (name_es <> ''),
    name_pt     text NOT NULL CHECK (name_pt <> ''),
    name_en     text NOT NULL CHECK (name_en <> ''),
    target      double precision CHECK (target > '-Infinity' AND target < 'Infinity'),
    lower_bound double precision CHECK (lower_bound > '-Infinity' AND lower_bound < 'Infinity'),
    upper_bound double precision CHECK (upper_bound > '-Infinity' AND upper_bound < 'Infinity'),
    weight      double precision NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight < 'Infinity'),
    source      text NOT NULL DEFAULT 'survey' CHECK (source <> ''),
    CONSTRAINT lower_bound_below_upper_bound
        CHECK (lower_bound IS NULL OR upper_bound IS NULL OR lower_bound < upper_bound),
    CONSTRAINT target_within_bounds CHECK (target IS NULL OR ((lower_bound IS NULL OR target >= lower_bound)
                              AND (upper_bound IS NULL OR target <= upper_bound))),
    CONSTRAINT binary_bounds_are_0_and_1 CHECK (kind <> 'binary' OR (lower_bound = 0 AND upper_bound = 1)),
    CONSTRAINT percentage_bounds_within_0_and_100
        CHECK (kind <> 'percentage' OR (lower_bound >= 0 AND upper_bound <= 100)),
    CONSTRAINT counts_and_rates_not_negative CHECK (kind NOT IN ('count', 'rate') OR lower_bound >= 0)
);
COMMENT ON TABLE @baseline@.indicators IS 'Indicators of the baseline survey (source ''survey'') and external assessments (other sources), one row each.';
COMMENT ON COLUMN @baseline@.indicators.code IS 'Indicator code, e.g. PREV01.';
COMMENT ON COLUMN @baseline@.indicators.axis IS 'Axis the indicator belongs to.';
COMMENT ON COLUMN @baseline@.indicators.kind IS 'binary (0/1), ordinal (implementation level or tier), count, rate or percentage.';
COMMENT ON COLUMN @baseline@.indicators.direction IS 'higher: higher values are better; lower: lower values are better.';
COMMENT ON COLUMN @baseline@.indicators.unit IS 'Unit of the parsed value.';
COMMENT ON COLUMN @baseline@.indicators.name_es IS 'Name in Spanish.';
COMMENT ON COLUMN @baseline@.indicators.name_pt IS 'Name in Portuguese.';
COMMENT ON COLUMN @baseline@.indicators.name_en IS 'Name in English.';
COMMENT ON COLUMN @baseline@.indicators.target IS 'Target value, if one is set; within the bounds.';
COMMENT ON COLUMN @baseline@.indicators.lower_bound IS 'Smallest valid value (NULL: unbounded).';
COMMENT ON COLUMN @baseline@.indicators.upper_bound IS 'Largest valid value (NULL: unbounded).';
COMMENT ON COLUMN @baseline@.indicators.weight IS 'Weight of the indicator in composite scores (positive, finite).';
COMMENT ON COLUMN @baseline@.indicators.source IS 'survey for indicators of the baseline form; otherwise the external source (e.g. US TIP Report).';

CREATE TABLE @baseline@.rounds (
    round_no       integer PRIMARY KEY CHECK (round_no >= 0),
    label          text NOT NULL UNIQUE CHECK (label <> ''),
    reference_date date NOT NULL
);
COMMENT ON TABLE @baseline@.rounds IS 'Survey rounds: round 0 is the baseline, later rounds measure progress against it.';
COMMENT ON COLUMN @baseline@.rounds.round_no IS 'Round number; 0 is the baseline.';
COMMENT ON COLUMN @baseline@.rounds.label IS 'Name of the round.';
COMMENT ON COLUMN @baseline@.rounds.reference_date IS 'Date the answers refer to; decides which countries were expected to answer.';

CREATE TABLE @baseline@.institutions (
    code    text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}-[A-Z0-9]{1,16}$'),
    country text NOT NULL REFERENCES @baseline@.countries,
    name    text NOT NULL CHECK (name <> ''),
    lang    text NOT NULL CHECK (lang IN ('es', 'pt', 'en', 'fr')),
    UNIQUE (code, country),
    CONSTRAINT code_starts_with_country CHECK (left(code, 2) = country)
);
COMMENT ON TABLE @baseline@.institutions IS 'National institutions that answer the survey form.';
COMMENT ON COLUMN @baseline@.institutions.code IS 'Institution code, prefixed by its country: AR-MJ.';
COMMENT ON COLUMN @baseline@.institutions.country IS 'Country of the institution.';
COMMENT ON COLUMN @baseline@.institutions.name IS 'Name of the institution in its own language.';
COMMENT ON COLUMN @baseline@.institutions.lang IS 'Language the institution answers in (es, pt, en, fr); decides how numbers are read.';

------------------------------------------------------------------------------
-- Answer vocabulary: data, so that analysts can extend it
------------------------------------------------------------------------------

CREATE TABLE @baseline@.answer_vocabulary (
    term       text PRIMARY KEY
               CONSTRAINT term_is_folded CHECK (term <> '' AND term = @extschema@.tb_fold(term)),
    applies_to text NOT NULL CHECK (applies_to IN ('binary', 'ordinal', 'any')),
    meaning    text NOT NULL CHECK (meaning IN ('value', 'not_applicable', 'unknown')),
    value      double precision,
    lang       text CHECK (lang IN ('es', 'pt', 'en', 'fr')),
    shipped    boolean NOT NULL DEFAULT false,
    CONSTRAINT value_only_for_meaning_value CHECK ((meaning = 'value') = (value IS NOT NULL)),
    CONSTRAINT binary_value_is_0_or_1 CHECK (applies_to <> 'binary' OR value IN (0, 1)),
    CONSTRAINT ordinal_value_is_0_to_4 CHECK (applies_to <> 'ordinal' OR value IN (0, 1, 2, 3, 4)),
    CONSTRAINT any_kind_only_special_answers CHECK (applies_to <> 'any' OR meaning <> 'value')
);
COMMENT ON TABLE @baseline@.answer_vocabulary IS 'Words that answer binary and ordinal questions, and the special answers (not applicable, don''t know), stored folded by tb_fold. Insert rows to teach the loader new variants: INSERT INTO @baseline@.answer_vocabulary (term, applies_to, meaning, value) VALUES (tb.tb_fold(''Sí, existe''), ''binary'', ''value'', 1).';
COMMENT ON COLUMN @baseline@.answer_vocabulary.term IS 'The answer as folded by tb_fold.';
COMMENT ON COLUMN @baseline@.answer_vocabulary.applies_to IS 'binary or ordinal questions, or any question (special answers only).';
COMMENT ON COLUMN @baseline@.answer_vocabulary.meaning IS 'value (the answer has a value), not_applicable or unknown.';
COMMENT ON COLUMN @baseline@.answer_vocabulary.value IS 'The value: 0/1 for binary; 0 none, 1 planned, 2 partial, 3 implemented, 4 institutionalized for ordinal.';
COMMENT ON COLUMN @baseline@.answer_vocabulary.lang IS 'Language of the term, where it has one.';
COMMENT ON COLUMN @baseline@.answer_vocabulary.shipped IS 'True for the reference rows tb_create_baseline installs.';
