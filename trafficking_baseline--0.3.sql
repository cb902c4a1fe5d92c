/* trafficking_baseline--0.3.sql: install script of version 0.3 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION trafficking_baseline" to load this file. \quit

/*
 * Naming rule: every object of the library lives in the schema tb; every
 * function, type, operator class and aggregate name also begins with tb_,
 * so that none can collide with a PostgreSQL built-in or a common
 * extension when tb is on the search_path.  A baseline's tables and views
 * live in the schema tb_create_baseline made for it.  Every function body
 * names what it uses with @extschema@ (or the baseline's schema) or
 * pg_catalog and pins its search_path, so no caller's search_path can
 * redirect it.
 */

COMMENT ON SCHEMA @extschema@ IS
'trafficking_baseline: a library of types, aggregates and functions for the baseline of the Quito Process Regional Coordination Mechanism against human trafficking (scoring, harmonization, gaps, ICU text). Baselines live in schemas of their own, made by tb.tb_create_baseline.';
-- A library: anyone may call its functions and use its types.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

------------------------------------------------------------------------------
-- Text folding and number parsing (C, src/fold.c and src/number.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_fold(text)
RETURNS text
AS 'MODULE_PATHNAME', 'tb_fold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_fold(text) IS
'Folds text for matching with ICU: compatibility normalisation (NFKD), combining marks removed, case folded, white space collapsed and trimmed. Immutable for a given ICU version, like an ICU collation. Requires a UTF8 database.';
CREATE FUNCTION @extschema@.tb_parse_number(raw text, lang text DEFAULT NULL)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_parse_number'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_parse_number(text, text) IS
'Parses a number as typed on a form ("1.234", "1,234", "12,5 %"); lang (es, pt, fr: decimal comma; en: decimal point; NULL: only unambiguous numbers) decides the decimal mark. Raises 22P02 naming the value and the reason. NULL raw gives NULL.';

CREATE FUNCTION @extschema@.tb_try_parse_number(raw text, lang text DEFAULT NULL)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_try_parse_number'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_try_parse_number(text, text) IS
'Like tb_parse_number, but returns NULL instead of raising an error when raw is not a number (an unknown lang still raises). For bulk loads that record the reason themselves.';
------------------------------------------------------------------------------
-- Countries in any of the region's languages: the tb_country type (C, src/country.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_country;

CREATE FUNCTION @extschema@.tb_country_in(cstring) RETURNS @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_country_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_in(cstring) IS 'Text input of tb_country: an ISO 3166-1 alpha-2, alpha-3 or numeric code, or the name in Spanish, Portuguese, English or French from ICU, case-, accent-, space- and punctuation-insensitively. Unknown: 22P02 with the closest names.';
CREATE FUNCTION @extschema@.tb_country_out(@extschema@.tb_country) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_country_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_out(@extschema@.tb_country) IS 'Text output of tb_country: the ISO 3166-1 alpha-2 code.';
CREATE FUNCTION @extschema@.tb_country_recv(internal) RETURNS @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_country_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_recv(internal) IS 'Binary input of tb_country: the 2 bytes of a known alpha-2 code.';
CREATE FUNCTION @extschema@.tb_country_send(@extschema@.tb_country) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_country_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_send(@extschema@.tb_country) IS 'Binary output of tb_country: the 2 bytes of its alpha-2 code.';

CREATE TYPE @extschema@.tb_country (
    INPUT = @extschema@.tb_country_in,
    OUTPUT = @extschema@.tb_country_out,
    RECEIVE = @extschema@.tb_country_recv,
    SEND = @extschema@.tb_country_send,
    INTERNALLENGTH = 2,
    PASSEDBYVALUE,
    ALIGNMENT = int2,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.tb_country IS 'An ISO 3166-1 country, stored in 2 bytes as its alpha-2 code; reads codes and names in es/pt/en/fr (''Perú''::tb.tb_country = ''PE''), orders by code, works as a key (btree and hash).';

CREATE FUNCTION @extschema@.tb_country_eq(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_eq' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_eq(@extschema@.tb_country, @extschema@.tb_country) IS 'Same country.';
CREATE FUNCTION @extschema@.tb_country_ne(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_ne' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_ne(@extschema@.tb_country, @extschema@.tb_country) IS 'Different countries.';
CREATE FUNCTION @extschema@.tb_country_lt(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_lt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_lt(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before.';
CREATE FUNCTION @extschema@.tb_country_le(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_le' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_le(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before or is equal.';
CREATE FUNCTION @extschema@.tb_country_gt(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_gt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_gt(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after.';
CREATE FUNCTION @extschema@.tb_country_ge(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_ge' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_ge(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after or is equal.';
CREATE FUNCTION @extschema@.tb_country_cmp(@extschema@.tb_country, @extschema@.tb_country) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_country_cmp' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_cmp(@extschema@.tb_country, @extschema@.tb_country) IS 'btree comparison: by alpha-2 code.';
CREATE FUNCTION @extschema@.tb_country_hash(@extschema@.tb_country) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_country_hash' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_hash(@extschema@.tb_country) IS 'Hash support for tb_country.';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
COMMENT ON OPERATOR @extschema@.= (@extschema@.tb_country, @extschema@.tb_country) IS 'Same country.';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.tb_country, @extschema@.tb_country) IS 'Different countries.';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before.';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before or is equal.';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after.';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after or is equal.';

CREATE OPERATOR CLASS @extschema@.tb_country_ops DEFAULT FOR TYPE @extschema@.tb_country USING btree AS
    OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.tb_country_cmp(@extschema@.tb_country, @extschema@.tb_country);
CREATE OPERATOR CLASS @extschema@.tb_country_hash_ops DEFAULT FOR TYPE @extschema@.tb_country USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.tb_country_hash(@extschema@.tb_country);

CREATE FUNCTION @extschema@.tb_try_country(text) RETURNS @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_try_country' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_try_country(text) IS 'The country a text names, or NULL when it names none (for bulk loads); ''República Dominicana'', ''DOM'', ''214'' all give DO.';
CREATE FUNCTION @extschema@.tb_country_suggest(text) RETURNS text
AS 'MODULE_PATHNAME', 'tb_country_suggest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_suggest(text) IS 'Why a text is not a country, with the closest known names; NULL when it is one.';
CREATE FUNCTION @extschema@.tb_country_name(c @extschema@.tb_country, lang text DEFAULT 'en') RETURNS text
AS 'MODULE_PATHNAME', 'tb_country_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_name(@extschema@.tb_country, text) IS 'Name of the country in an ICU locale, from ICU''s locale data: tb_country_name(''PE'', ''fr'') = Pérou.';
CREATE FUNCTION @extschema@.tb_country_alpha3(@extschema@.tb_country) RETURNS text
AS 'MODULE_PATHNAME', 'tb_country_alpha3' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_alpha3(@extschema@.tb_country) IS 'ISO 3166-1 alpha-3 code: tb_country_alpha3(''PE'') = PER.';
CREATE FUNCTION @extschema@.tb_country_numeric(@extschema@.tb_country) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_country_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_numeric(@extschema@.tb_country) IS 'ISO 3166-1 numeric code: tb_country_numeric(''DO'') = 214.';
CREATE FUNCTION @extschema@.tb_country_codes() RETURNS SETOF @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_country_codes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 250;
COMMENT ON FUNCTION @extschema@.tb_country_codes() IS 'Every country ICU knows with an ISO 3166-1 numeric code, in code order.';
CREATE FUNCTION @extschema@.tb_iso_countries()
RETURNS TABLE (country @extschema@.tb_country, alpha3 text, numeric_code integer,
               name_es text, name_pt text, name_en text, name_fr text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c, @extschema@.tb_country_alpha3(c), @extschema@.tb_country_numeric(c),
           @extschema@.tb_country_name(c, 'es'), @extschema@.tb_country_name(c, 'pt'),
           @extschema@.tb_country_name(c, 'en'), @extschema@.tb_country_name(c, 'fr')
      FROM @extschema@.tb_country_codes() AS c
$$;
COMMENT ON FUNCTION @extschema@.tb_iso_countries() IS 'Every country ICU knows: alpha-2 (as tb_country), alpha-3, numeric code, and its names in Spanish, Portuguese, English and French from ICU.';
------------------------------------------------------------------------------
-- Parsing one answer (C, src/answer.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_parse_answer(
    raw text, kind text, lang text, vocabulary regclass,
    OUT value double precision, OUT status text, OUT error text)
RETURNS record
AS 'MODULE_PATHNAME', 'tb_parse_answer'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_parse_answer(text, text, text, regclass) IS
'Parses one raw answer for an indicator of the given kind: words of the vocabulary table (a baseline''s answer_vocabulary: term, applies_to, meaning, value; matched folded with tb_fold) for binary, ordinal and special answers; for counts, rates and percentages, numbers as typed in the form''s language (tb_parse_number) and limits ("<5", "menos de 5", "less than 5": status below, value 5). Returns (value, status, error): status value / below / not_applicable / unknown, or NULL with error saying why. Not strict: a NULL answer is empty. STABLE: reads the vocabulary once per query, with the caller''s privileges. Each baseline has a three-argument tb_parse_answer that passes its own vocabulary.';
------------------------------------------------------------------------------
-- Indicator scoring: the tb_summary type (C, src/summary.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_summary;

CREATE FUNCTION @extschema@.tb_summary_in(cstring) RETURNS @extschema@.tb_summary
AS 'MODULE_PATHNAME', 'tb_summary_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_summary_in(cstring) IS 'Text input of tb_summary: "n=3 missing=1 min=1 max=3 sum=0x3p1 sumsq=0x7p1" or "n=0 missing=K"; checks that some data could have the summary.';
CREATE FUNCTION @extschema@.tb_summary_out(@extschema@.tb_summary) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_summary_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_summary_out(@extschema@.tb_summary) IS 'Canonical text output of tb_summary: min and max shortest-exact, the sums exact in hexadecimal; reads back to the same value.';
CREATE FUNCTION @extschema@.tb_summary_recv(internal) RETURNS @extschema@.tb_summary
AS 'MODULE_PATHNAME', 'tb_summary_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_summary_recv(internal) IS 'Binary input of tb_summary (COPY BINARY, binary drivers): checks the format version, every field and that some data could have the summary.';
CREATE FUNCTION @extschema@.tb_summary_send(@extschema@.tb_summary) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_summary_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_summary_send(@extschema@.tb_summary) IS 'Binary output of tb_summary: version, flags, counts, min, max and the exact sums.';

CREATE TYPE @extschema@.tb_summary (
    INPUT = @extschema@.tb_summary_in,
    OUTPUT = @extschema@.tb_summary_out,
    RECEIVE = @extschema@.tb_summary_recv,
    SEND = @extschema@.tb_summary_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.tb_summary IS 'Exact, mergeable summary of an indicator''s values: count, missing count, min, max, exact sum and sum of squares. Built by the aggregate tb_summary(value), merged by tb_rollup(summary), read by tb_n, tb_mean, tb_stddev_samp, ... and the tb_norm_* normalisations. The same rows give the same bits in any order, serial or parallel.';

CREATE FUNCTION @extschema@.tb_summary_add(@extschema@.tb_summary, double precision)
RETURNS @extschema@.tb_summary
AS 'MODULE_PATHNAME', 'tb_summary_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_summary_add(@extschema@.tb_summary, double precision) IS 'Transition function of tb_summary(double precision): adds a value (NULL counts as missing; NaN and infinities are refused).';
CREATE FUNCTION @extschema@.tb_summary_combine(@extschema@.tb_summary, @extschema@.tb_summary)
RETURNS @extschema@.tb_summary
AS 'MODULE_PATHNAME', 'tb_summary_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_summary_combine(@extschema@.tb_summary, @extschema@.tb_summary) IS 'Merges two summaries (NULL is empty): the combine function of tb_summary and the transition function of tb_rollup.';
CREATE FUNCTION @extschema@.tb_summary_final(@extschema@.tb_summary)
RETURNS @extschema@.tb_summary
AS 'MODULE_PATHNAME', 'tb_summary_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_summary_final(@extschema@.tb_summary) IS 'Final function of tb_summary and tb_rollup: the trimmed, canonical summary (an empty one when there were no rows).';

CREATE AGGREGATE @extschema@.tb_summary(double precision) (
    SFUNC = @extschema@.tb_summary_add,
    STYPE = @extschema@.tb_summary,
    COMBINEFUNC = @extschema@.tb_summary_combine,
    FINALFUNC = @extschema@.tb_summary_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.tb_summary(double precision) IS 'Summarises an indicator''s values exactly: SELECT indicator, tb_summary(value) FROM tb.responses GROUP BY indicator. NULL values count as missing; NaN and infinities raise an error.';

CREATE AGGREGATE @extschema@.tb_rollup(@extschema@.tb_summary) (
    SFUNC = @extschema@.tb_summary_combine,
    STYPE = @extschema@.tb_summary,
    COMBINEFUNC = @extschema@.tb_summary_combine,
    FINALFUNC = @extschema@.tb_summary_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.tb_rollup(@extschema@.tb_summary) IS 'Merges stored summaries into one: exactly the summary of all their rows, whatever the grouping of the parts.';

CREATE FUNCTION @extschema@.tb_n(@extschema@.tb_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'tb_summary_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_n(@extschema@.tb_summary) IS 'Number of values summarised (NULLs not included).';
CREATE FUNCTION @extschema@.tb_missing(@extschema@.tb_summary) RETURNS bigint
AS 'MODULE_PATHNAME', 'tb_summary_missing' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_missing(@extschema@.tb_summary) IS 'Number of NULL values met.';
CREATE FUNCTION @extschema@.tb_min(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_min(@extschema@.tb_summary) IS 'Smallest value; NULL for an empty summary.';
CREATE FUNCTION @extschema@.tb_max(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_max(@extschema@.tb_summary) IS 'Largest value; NULL for an empty summary.';
CREATE FUNCTION @extschema@.tb_sum(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_sum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_sum(@extschema@.tb_summary) IS 'Sum of the values, correctly rounded from the exact sum; NULL for an empty summary.';
CREATE FUNCTION @extschema@.tb_mean(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_mean(@extschema@.tb_summary) IS 'Mean of the values, from the exact sum; NULL for an empty summary.';
CREATE FUNCTION @extschema@.tb_var_pop(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_var_pop' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_var_pop(@extschema@.tb_summary) IS 'Population variance, (n sumsq - sum^2) / n^2 computed exactly before the division; NULL for an empty summary.';
CREATE FUNCTION @extschema@.tb_var_samp(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_var_samp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_var_samp(@extschema@.tb_summary) IS 'Sample variance, (n sumsq - sum^2) / (n (n - 1)); NULL for fewer than two values.';
CREATE FUNCTION @extschema@.tb_stddev_pop(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_stddev_pop' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_stddev_pop(@extschema@.tb_summary) IS 'Population standard deviation; NULL for an empty summary.';
CREATE FUNCTION @extschema@.tb_stddev_samp(@extschema@.tb_summary) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_summary_stddev_samp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_stddev_samp(@extschema@.tb_summary) IS 'Sample standard deviation; NULL for fewer than two values.';

CREATE FUNCTION @extschema@.tb_summary_jsonb(s @extschema@.tb_summary) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object('n', @extschema@.tb_n(s), 'missing', @extschema@.tb_missing(s),
                              'min', @extschema@.tb_min(s), 'max', @extschema@.tb_max(s),
                              'sum', @extschema@.tb_sum(s), 'mean', @extschema@.tb_mean(s),
                              'stddev_pop', @extschema@.tb_stddev_pop(s),
                              'stddev_samp', @extschema@.tb_stddev_samp(s),
                              'state', @extschema@.tb_summary_out(s)::text)
$$;
COMMENT ON FUNCTION @extschema@.tb_summary_jsonb(@extschema@.tb_summary) IS 'The summary as jsonb: n, missing, min, max, sum, mean, stddev_pop, stddev_samp (numbers print shortest-exact; absent statistics are null) and the exact state as text.';
CREATE CAST (@extschema@.tb_summary AS jsonb) WITH FUNCTION @extschema@.tb_summary_jsonb(@extschema@.tb_summary);
------------------------------------------------------------------------------
-- Indicator scoring: normalisations (C, src/normalise.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_norm_minmax(s @extschema@.tb_summary, x double precision,
                                           direction text DEFAULT 'higher', top double precision DEFAULT 1)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_norm_minmax' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_norm_minmax(@extschema@.tb_summary, double precision, text, double precision) IS
'Min-max score of x against a summary: top * (x - min) / (max - min), or (max - x) / (max - min) when direction is lower. Not clipped. No spread (one value or all equal): top. Empty summary: NULL.';

CREATE FUNCTION @extschema@.tb_norm_zscore(s @extschema@.tb_summary, x double precision,
                                           direction text DEFAULT 'higher')
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_norm_zscore' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_norm_zscore(@extschema@.tb_summary, double precision, text) IS
'z-score of x against a summary: (x - mean) / sample standard deviation, negated when direction is lower. No spread: 0. Empty summary: NULL.';

CREATE FUNCTION @extschema@.tb_norm_frontier(s @extschema@.tb_summary, x double precision,
                                             direction text DEFAULT 'higher', top double precision DEFAULT 1)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_norm_frontier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_norm_frontier(@extschema@.tb_summary, double precision, text, double precision) IS
'Distance to the frontier (best performer) as the share of its value reached: top * x / max, or top * min / x when direction is lower, capped to [0, top]. Values must be >= 0. All at the frontier (e.g. all 0): top.';

CREATE FUNCTION @extschema@.tb_norm_goalposts(x double precision, worst double precision, best double precision,
                                              top double precision DEFAULT 1)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_norm_goalposts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_norm_goalposts(double precision, double precision, double precision, double precision) IS
'Goalposts, SDG-Index style: top * (x - worst) / (best - worst), clipped to [0, top]. worst > best means lower is better: tb_norm_goalposts(5, 72.6, 0, 100) = 93.113.';

CREATE FUNCTION @extschema@.tb_norm_target(x double precision, target double precision,
                                           direction text DEFAULT 'higher', top double precision DEFAULT 1)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_norm_target' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_norm_target(double precision, double precision, text, double precision) IS
'Distance to target as the share of the target reached, capped at top: top * x / target (higher is better; target > 0), or top at or below the target and top * target / x above it (lower is better). Values >= 0.';

CREATE FUNCTION @extschema@.tb_norm_ordinal(level double precision, levels integer DEFAULT 5,
                                            top double precision DEFAULT 1)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_norm_ordinal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_norm_ordinal(double precision, integer, double precision) IS
'Evenly spaced score of an ordinal level 0 .. levels - 1: top * level / (levels - 1). With 5 levels (none, planned, partial, implemented, institutionalized) partial scores 0.5.';

CREATE FUNCTION @extschema@.tb_norm_ordinal_map(level double precision, scores double precision[])
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_norm_ordinal_map' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_norm_ordinal_map(double precision, double precision[]) IS
'Score of an ordinal level from a mapping: level i scores scores[i + 1], e.g. tb_norm_ordinal_map(2, ''{0, 10, 40, 80, 100}'') = 40. A NULL score gives NULL.';

CREATE FUNCTION @extschema@.tb_rank(x double precision, direction text)
RETURNS bigint
AS 'MODULE_PATHNAME', 'tb_rank' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_rank(double precision, text) IS
'Window function: rank of x among the non-NULL values of the partition, 1 for the best (direction higher or lower). Ties share the best rank they span and the next rank skips (1, 2, 2, 4), as rank() does. tb_rank(value, ''higher'') OVER (PARTITION BY indicator).';

CREATE FUNCTION @extschema@.tb_percent_rank(x double precision, direction text, top double precision DEFAULT 1)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_percent_rank' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_percent_rank(double precision, text, double precision) IS
'Window function: top * (values strictly worse than x) / (n - 1) among the non-NULL values of the partition: the best scores top, the worst 0, ties share the lowest score they span (as percent_rank() does). No spread: top. NULL x: NULL.';
------------------------------------------------------------------------------
-- Indicator scoring: composite scores (C, src/composite.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_composite;

CREATE FUNCTION @extschema@.tb_composite_in(cstring) RETURNS @extschema@.tb_composite
AS 'MODULE_PATHNAME', 'tb_composite_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_composite_in(cstring) IS 'Text input of tb_composite; checks every field.';
CREATE FUNCTION @extschema@.tb_composite_out(@extschema@.tb_composite) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_composite_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_composite_out(@extschema@.tb_composite) IS 'Canonical text output of tb_composite: counts, flags and the exact sums in hexadecimal; reads back to the same value.';
CREATE FUNCTION @extschema@.tb_composite_recv(internal) RETURNS @extschema@.tb_composite
AS 'MODULE_PATHNAME', 'tb_composite_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_composite_recv(internal) IS 'Binary input of tb_composite; checks the version and every field.';
CREATE FUNCTION @extschema@.tb_composite_send(@extschema@.tb_composite) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_composite_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_composite_send(@extschema@.tb_composite) IS 'Binary output of tb_composite.';

CREATE TYPE @extschema@.tb_composite (
    INPUT = @extschema@.tb_composite_in,
    OUTPUT = @extschema@.tb_composite_out,
    RECEIVE = @extschema@.tb_composite_recv,
    SEND = @extschema@.tb_composite_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.tb_composite IS 'State of the composite-score aggregates: weight present and missing, and the exact sums of w*x, w*ln(x) and w/x. Built by tb_composite(value, weight); read by tb_wmean, tb_wgeomean, tb_wharmean and tb_coverage.';

CREATE FUNCTION @extschema@.tb_composite_add(@extschema@.tb_composite, double precision, double precision)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_composite_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_composite_add(@extschema@.tb_composite, double precision, double precision) IS 'Transition function of tb_composite(value, weight): keeps every mean.';
CREATE FUNCTION @extschema@.tb_wmean_add(@extschema@.tb_composite, double precision, double precision)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_wmean_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wmean_add(@extschema@.tb_composite, double precision, double precision) IS 'Transition function of tb_wmean(value, weight).';
CREATE FUNCTION @extschema@.tb_wmean_add(@extschema@.tb_composite, double precision, double precision, double precision)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_wmean_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wmean_add(@extschema@.tb_composite, double precision, double precision, double precision) IS 'Transition function of tb_wmean(value, weight, min_coverage).';
CREATE FUNCTION @extschema@.tb_wgeomean_add(@extschema@.tb_composite, double precision, double precision)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_wgeomean_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wgeomean_add(@extschema@.tb_composite, double precision, double precision) IS 'Transition function of tb_wgeomean(value, weight).';
CREATE FUNCTION @extschema@.tb_wgeomean_add(@extschema@.tb_composite, double precision, double precision, double precision)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_wgeomean_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wgeomean_add(@extschema@.tb_composite, double precision, double precision, double precision) IS 'Transition function of tb_wgeomean(value, weight, min_coverage).';
CREATE FUNCTION @extschema@.tb_wharmean_add(@extschema@.tb_composite, double precision, double precision)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_wharmean_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wharmean_add(@extschema@.tb_composite, double precision, double precision) IS 'Transition function of tb_wharmean(value, weight).';
CREATE FUNCTION @extschema@.tb_wharmean_add(@extschema@.tb_composite, double precision, double precision, double precision)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_wharmean_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wharmean_add(@extschema@.tb_composite, double precision, double precision, double precision) IS 'Transition function of tb_wharmean(value, weight, min_coverage).';
CREATE FUNCTION @extschema@.tb_composite_combine(@extschema@.tb_composite, @extschema@.tb_composite)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_composite_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_composite_combine(@extschema@.tb_composite, @extschema@.tb_composite) IS 'Combine function of the composite aggregates, and transition function of tb_rollup(tb_composite).';
CREATE FUNCTION @extschema@.tb_composite_final(@extschema@.tb_composite)
RETURNS @extschema@.tb_composite AS 'MODULE_PATHNAME', 'tb_composite_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_composite_final(@extschema@.tb_composite) IS 'Final function of tb_composite and tb_rollup(tb_composite): the canonical state.';
CREATE FUNCTION @extschema@.tb_wmean_final(@extschema@.tb_composite)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_wmean_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wmean_final(@extschema@.tb_composite) IS 'Final function of tb_wmean.';
CREATE FUNCTION @extschema@.tb_wgeomean_final(@extschema@.tb_composite)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_wgeomean_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wgeomean_final(@extschema@.tb_composite) IS 'Final function of tb_wgeomean.';
CREATE FUNCTION @extschema@.tb_wharmean_final(@extschema@.tb_composite)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_wharmean_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wharmean_final(@extschema@.tb_composite) IS 'Final function of tb_wharmean.';

CREATE AGGREGATE @extschema@.tb_composite(double precision, double precision) (
    SFUNC = @extschema@.tb_composite_add, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_composite_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_composite(double precision, double precision) IS
'Composite state of (score, weight) rows, NULL scores counted as missing weight: read it with tb_wmean, tb_wgeomean, tb_wharmean (each with a minimum coverage) and tb_coverage, store it, roll it up with tb_rollup.';
CREATE AGGREGATE @extschema@.tb_rollup(@extschema@.tb_composite) (
    SFUNC = @extschema@.tb_composite_combine, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_composite_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_rollup(@extschema@.tb_composite) IS 'Merges stored composite states: exactly the state of all their rows.';

CREATE AGGREGATE @extschema@.tb_wmean(double precision, double precision) (
    SFUNC = @extschema@.tb_wmean_add, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_wmean_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_wmean(double precision, double precision) IS
'Weighted arithmetic mean of (score, weight), weights renormalised over the scores present; NULL when less than 80% of the weight has a score (the SDG Index rule).';
CREATE AGGREGATE @extschema@.tb_wmean(double precision, double precision, double precision) (
    SFUNC = @extschema@.tb_wmean_add, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_wmean_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_wmean(double precision, double precision, double precision) IS
'Weighted arithmetic mean of (score, weight) with a minimum coverage (0..1, the same on every row): NULL when a smaller share of the weight has a score.';
CREATE AGGREGATE @extschema@.tb_wgeomean(double precision, double precision) (
    SFUNC = @extschema@.tb_wgeomean_add, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_wgeomean_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_wgeomean(double precision, double precision) IS
'Weighted geometric mean exp(sum w ln x / sum w) of scores >= 0 (0 if any score is 0; an error if one is negative), weights renormalised; NULL below 80% coverage.';
CREATE AGGREGATE @extschema@.tb_wgeomean(double precision, double precision, double precision) (
    SFUNC = @extschema@.tb_wgeomean_add, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_wgeomean_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_wgeomean(double precision, double precision, double precision) IS
'Weighted geometric mean with a minimum coverage.';
CREATE AGGREGATE @extschema@.tb_wharmean(double precision, double precision) (
    SFUNC = @extschema@.tb_wharmean_add, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_wharmean_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_wharmean(double precision, double precision) IS
'Weighted harmonic mean sum w / sum (w / x) of scores >= 0 (0 if any score is 0; an error if one is negative), weights renormalised; NULL below 80% coverage.';
CREATE AGGREGATE @extschema@.tb_wharmean(double precision, double precision, double precision) (
    SFUNC = @extschema@.tb_wharmean_add, STYPE = @extschema@.tb_composite,
    COMBINEFUNC = @extschema@.tb_composite_combine, FINALFUNC = @extschema@.tb_wharmean_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_wharmean(double precision, double precision, double precision) IS
'Weighted harmonic mean with a minimum coverage.';

CREATE FUNCTION @extschema@.tb_wmean(c @extschema@.tb_composite, min_coverage double precision DEFAULT 0.8)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_composite_wmean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wmean(@extschema@.tb_composite, double precision) IS 'Weighted arithmetic mean of a composite state; NULL below min_coverage.';
CREATE FUNCTION @extschema@.tb_wgeomean(c @extschema@.tb_composite, min_coverage double precision DEFAULT 0.8)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_composite_wgeomean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wgeomean(@extschema@.tb_composite, double precision) IS 'Weighted geometric mean of a composite state; NULL below min_coverage.';
CREATE FUNCTION @extschema@.tb_wharmean(c @extschema@.tb_composite, min_coverage double precision DEFAULT 0.8)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_composite_wharmean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_wharmean(@extschema@.tb_composite, double precision) IS 'Weighted harmonic mean of a composite state; NULL below min_coverage.';
CREATE FUNCTION @extschema@.tb_coverage(@extschema@.tb_composite)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_composite_coverage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_coverage(@extschema@.tb_composite) IS 'Share of the weight whose score is present (0..1); NULL when there is no weight.';
CREATE FUNCTION @extschema@.tb_n(@extschema@.tb_composite)
RETURNS bigint AS 'MODULE_PATHNAME', 'tb_composite_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_n(@extschema@.tb_composite) IS 'Number of scores present.';
CREATE FUNCTION @extschema@.tb_missing(@extschema@.tb_composite)
RETURNS bigint AS 'MODULE_PATHNAME', 'tb_composite_missing' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_missing(@extschema@.tb_composite) IS 'Number of missing (NULL) scores.';
------------------------------------------------------------------------------
-- Gap analysis (C, src/gap.c and src/topk.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_gap(x double precision, reference double precision, direction text DEFAULT 'higher')
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_gap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_gap(double precision, double precision, text) IS
'Gap of x to a reference (target, frontier, median), direction-aware: the shortfall, 0 at or beyond the reference, never negative. tb_gap(60, 90) = 30; tb_gap(25, 10, ''lower'') = 15.';

CREATE FUNCTION @extschema@.tb_gap_share(x double precision, reference double precision, worst double precision,
                                         direction text DEFAULT 'higher')
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_gap_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_gap_share(double precision, double precision, double precision, text) IS
'Normalised gap: the share of the way from the worst value to the reference still to go, 0 (at or beyond the reference) .. 1 (at the worst value or beyond). A reference equal to the worst value leaves no way to go: 0. tb_gap_share(60, 90, 0) = 0.333.';

CREATE FUNCTION @extschema@.tb_progress(current double precision, baseline double precision, target double precision,
                                        direction text DEFAULT 'higher')
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_progress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_progress(double precision, double precision, double precision, text) IS
'Progress from the baseline: (current - baseline) / (target - baseline): 1 reached, > 1 overshoot, < 0 regression. NULL when there is no distance to cover (target equal to the baseline, or already met at the baseline); tb_progress_status says which.';

CREATE FUNCTION @extschema@.tb_progress_status(current double precision, baseline double precision,
                                               target double precision, direction text DEFAULT 'higher')
RETURNS text AS 'MODULE_PATHNAME', 'tb_progress_status' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_progress_status(double precision, double precision, double precision, text) IS
'The case of tb_progress: met at baseline, target equals baseline, regressed, no change, progressing, reached, overshot.';

CREATE FUNCTION @extschema@.tb_cagr(first double precision, last double precision, years double precision)
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_cagr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_cagr(double precision, double precision, double precision) IS
'Compound annual growth rate (last / first)^(1 / years) - 1; first must be > 0, last >= 0, years > 0. tb_cagr(100, 121, 2) = 0.1.';

CREATE FUNCTION @extschema@.tb_trend_pace(first double precision, last double precision, target double precision,
                                          first_year integer, last_year integer, target_year integer,
                                          direction text DEFAULT 'higher')
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_trend_pace' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_trend_pace(double precision, double precision, double precision, integer, integer, integer, text) IS
'Observed annual change from first_year to last_year over the annual change needed to reach the target from the first value by target_year (> 0: the good direction; 1: exactly the pace needed). NULL when the target is met at last_year.';

CREATE FUNCTION @extschema@.tb_trend(first double precision, last double precision, target double precision,
                                     first_year integer, last_year integer, target_year integer,
                                     direction text DEFAULT 'higher',
                                     moderate double precision DEFAULT 0.5, on_track double precision DEFAULT 1)
RETURNS text AS 'MODULE_PATHNAME', 'tb_trend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_trend(double precision, double precision, double precision, integer, integer, integer, text, double precision, double precision) IS
'SDG dashboard trend between two years: on track (target met, or pace >= on_track), moderately improving (moderate <= pace < on_track), stagnating (0 <= pace < moderate), decreasing (pace < 0), the pace being tb_trend_pace. Thresholds default to 0.5 and 1.';
CREATE TYPE @extschema@.tb_topk;
CREATE FUNCTION @extschema@.tb_topk_in(cstring) RETURNS @extschema@.tb_topk
AS 'MODULE_PATHNAME', 'tb_topk_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_in(cstring) IS 'Text input of tb_topk: k=3 ["PREV01" 0.8 2 t] ...; checks rank order and every entry.';
CREATE FUNCTION @extschema@.tb_topk_out(@extschema@.tb_topk) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_topk_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_out(@extschema@.tb_topk) IS 'Canonical text output of tb_topk, numbers shortest-exact.';
CREATE FUNCTION @extschema@.tb_topk_recv(internal) RETURNS @extschema@.tb_topk
AS 'MODULE_PATHNAME', 'tb_topk_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_recv(internal) IS 'Binary input of tb_topk; checks the version, rank order and every entry.';
CREATE FUNCTION @extschema@.tb_topk_send(@extschema@.tb_topk) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_topk_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_send(@extschema@.tb_topk) IS 'Binary output of tb_topk.';
CREATE TYPE @extschema@.tb_topk (
    INPUT = @extschema@.tb_topk_in, OUTPUT = @extschema@.tb_topk_out,
    RECEIVE = @extschema@.tb_topk_recv, SEND = @extschema@.tb_topk_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = extended);
COMMENT ON TYPE @extschema@.tb_topk IS 'State of tb_top_gaps: the k largest weighted gaps seen, ranked, ties by label.';

CREATE FUNCTION @extschema@.tb_topk_add(@extschema@.tb_topk, text, double precision, double precision, integer, boolean)
RETURNS @extschema@.tb_topk AS 'MODULE_PATHNAME', 'tb_topk_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_add(@extschema@.tb_topk, text, double precision, double precision, integer, boolean) IS 'Transition function of tb_top_gaps.';
CREATE FUNCTION @extschema@.tb_topk_combine(@extschema@.tb_topk, @extschema@.tb_topk)
RETURNS @extschema@.tb_topk AS 'MODULE_PATHNAME', 'tb_topk_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_combine(@extschema@.tb_topk, @extschema@.tb_topk) IS 'Combine function of tb_top_gaps: the k first of two ranked lists.';
CREATE FUNCTION @extschema@.tb_topk_jsonb(@extschema@.tb_topk)
RETURNS jsonb AS 'MODULE_PATHNAME', 'tb_topk_jsonb' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_jsonb(@extschema@.tb_topk) IS 'Final function of tb_top_gaps: the ranked list as a jsonb array (an empty array for no gaps).';

CREATE AGGREGATE @extschema@.tb_top_gaps(indicator text, gap double precision, weight double precision,
                                         k integer, poorly_harmonized boolean) (
    SFUNC = @extschema@.tb_topk_add, STYPE = @extschema@.tb_topk,
    COMBINEFUNC = @extschema@.tb_topk_combine, FINALFUNC = @extschema@.tb_topk_jsonb,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_top_gaps(text, double precision, double precision, integer, boolean) IS
'The k largest weighted gaps (gap * weight) of a group, as a jsonb array of {rank, indicator, gap, weight, weighted_gap, poorly_harmonized}, largest first; ties by indicator, ascending; NULL gaps skipped. Read as rows with jsonb_to_recordset.';

------------------------------------------------------------------------------
-- Partial states of every aggregate, for rolling up across servers
------------------------------------------------------------------------------

CREATE AGGREGATE @extschema@.tb_top_gaps_state(indicator text, gap double precision, weight double precision,
                                               k integer, poorly_harmonized boolean) (
    SFUNC = @extschema@.tb_topk_add, STYPE = @extschema@.tb_topk,
    COMBINEFUNC = @extschema@.tb_topk_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_top_gaps_state(text, double precision, double precision, integer, boolean) IS
'The state of tb_top_gaps (a tb_topk), to store or ship and merge later with tb_rollup(tb_topk); tb_topk_jsonb reads it.';
CREATE AGGREGATE @extschema@.tb_rollup(@extschema@.tb_topk) (
    SFUNC = @extschema@.tb_topk_combine, STYPE = @extschema@.tb_topk,
    COMBINEFUNC = @extschema@.tb_topk_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_rollup(@extschema@.tb_topk) IS 'Merges top-k states (same k): exactly the state of all their rows.';
------------------------------------------------------------------------------
-- Harmonization: agreement across countries (C, src/agreement.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_agreement;
CREATE FUNCTION @extschema@.tb_agreement_in(cstring) RETURNS @extschema@.tb_agreement
AS 'MODULE_PATHNAME', 'tb_agreement_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_agreement_in(cstring) IS 'Text input of tb_agreement: missing=K "unit" [value:count ...] ...; units and values ascending and distinct, counts positive.';
CREATE FUNCTION @extschema@.tb_agreement_out(@extschema@.tb_agreement) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_agreement_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_agreement_out(@extschema@.tb_agreement) IS 'Canonical text output of tb_agreement: units and values sorted, values shortest-exact.';
CREATE FUNCTION @extschema@.tb_agreement_recv(internal) RETURNS @extschema@.tb_agreement
AS 'MODULE_PATHNAME', 'tb_agreement_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_agreement_recv(internal) IS 'Binary input of tb_agreement; checks the version, sizes, order and counts.';
CREATE FUNCTION @extschema@.tb_agreement_send(@extschema@.tb_agreement) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_agreement_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_agreement_send(@extschema@.tb_agreement) IS 'Binary output of tb_agreement.';
CREATE TYPE @extschema@.tb_agreement (
    INPUT = @extschema@.tb_agreement_in, OUTPUT = @extschema@.tb_agreement_out,
    RECEIVE = @extschema@.tb_agreement_recv, SEND = @extschema@.tb_agreement_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended);
COMMENT ON TYPE @extschema@.tb_agreement IS 'How many times each value was given in each unit (indicator), each country a rater: all that Krippendorff''s alpha, Fleiss'' kappa, percent agreement and diversity need. Built by tb_agreement(unit, value) in one pass (an expanded object inside the aggregate), merged by tb_rollup, read by tb_alpha, tb_fleiss_kappa, tb_percent_agreement, tb_gini_simpson, tb_entropy, tb_unit_diversity.';

CREATE FUNCTION @extschema@.tb_agreement_add(@extschema@.tb_agreement, text, double precision)
RETURNS @extschema@.tb_agreement AS 'MODULE_PATHNAME', 'tb_agreement_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_agreement_add(@extschema@.tb_agreement, text, double precision) IS 'Transition function of the agreement aggregates: counts a rating (NULL value: a missing rating).';
CREATE FUNCTION @extschema@.tb_agreement_combine(@extschema@.tb_agreement, @extschema@.tb_agreement)
RETURNS @extschema@.tb_agreement AS 'MODULE_PATHNAME', 'tb_agreement_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_agreement_combine(@extschema@.tb_agreement, @extschema@.tb_agreement) IS 'Combine function of the agreement aggregates, and transition function of tb_rollup(tb_agreement): adds the counts unit by unit.';
CREATE FUNCTION @extschema@.tb_agreement_final(@extschema@.tb_agreement)
RETURNS @extschema@.tb_agreement AS 'MODULE_PATHNAME', 'tb_agreement_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_agreement_final(@extschema@.tb_agreement) IS 'Final function of tb_agreement and tb_rollup(tb_agreement): the flat, canonical state.';

CREATE AGGREGATE @extschema@.tb_agreement(unit text, value double precision) (
    SFUNC = @extschema@.tb_agreement_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_agreement_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_agreement(text, double precision) IS
'Agreement state of (unit, value) rows, one per rater''s rating of a unit (a country''s answer to an indicator); NULL values are missing ratings. Cost linear in the rows, memory in the distinct (unit, value) pairs.';
CREATE AGGREGATE @extschema@.tb_rollup(@extschema@.tb_agreement) (
    SFUNC = @extschema@.tb_agreement_combine, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_agreement_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_rollup(@extschema@.tb_agreement) IS 'Merges stored agreement states: exactly the state of all their rows.';

CREATE FUNCTION @extschema@.tb_alpha(a @extschema@.tb_agreement, metric text DEFAULT 'nominal')
RETURNS double precision AS 'MODULE_PATHNAME', 'tb_alpha' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_alpha(@extschema@.tb_agreement, text) IS
'Krippendorff''s alpha with the nominal, ordinal, interval or ratio metric: 1 - observed / expected disagreement from the coincidence matrix, over the units with two ratings or more (others dropped, as the method says). NULL with no pairable unit, or a single value overall (no expected disagreement).';

CREATE FUNCTION @extschema@.tb_alpha_nominal_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_alpha_nominal_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_alpha_nominal_final(@extschema@.tb_agreement) IS 'Final function of tb_alpha_nominal.';
CREATE FUNCTION @extschema@.tb_alpha_ordinal_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_alpha_ordinal_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_alpha_ordinal_final(@extschema@.tb_agreement) IS 'Final function of tb_alpha_ordinal.';
CREATE FUNCTION @extschema@.tb_alpha_interval_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_alpha_interval_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_alpha_interval_final(@extschema@.tb_agreement) IS 'Final function of tb_alpha_interval.';
CREATE FUNCTION @extschema@.tb_alpha_ratio_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_alpha_ratio_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_alpha_ratio_final(@extschema@.tb_agreement) IS 'Final function of tb_alpha_ratio.';

CREATE AGGREGATE @extschema@.tb_alpha_nominal(unit text, value double precision) (
    SFUNC = @extschema@.tb_agreement_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_alpha_nominal_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_alpha_nominal(text, double precision) IS 'Krippendorff''s alpha, nominal metric, of (unit, value) ratings.';
CREATE AGGREGATE @extschema@.tb_alpha_ordinal(unit text, value double precision) (
    SFUNC = @extschema@.tb_agreement_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_alpha_ordinal_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_alpha_ordinal(text, double precision) IS 'Krippendorff''s alpha, ordinal metric, of (unit, value) ratings.';
CREATE AGGREGATE @extschema@.tb_alpha_interval(unit text, value double precision) (
    SFUNC = @extschema@.tb_agreement_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_alpha_interval_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_alpha_interval(text, double precision) IS 'Krippendorff''s alpha, interval metric, of (unit, value) ratings.';
CREATE AGGREGATE @extschema@.tb_alpha_ratio(unit text, value double precision) (
    SFUNC = @extschema@.tb_agreement_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_alpha_ratio_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_alpha_ratio(text, double precision) IS 'Krippendorff''s alpha, ratio metric, of (unit, value) ratings.';

CREATE FUNCTION @extschema@.tb_fleiss_kappa(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_fleiss_kappa' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_fleiss_kappa(@extschema@.tb_agreement) IS 'Fleiss'' kappa: every unit with ratings must have the same number of them (an error names two units that differ); NULL when all ratings fall in one category.';
CREATE FUNCTION @extschema@.tb_percent_agreement(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_percent_agreement' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_percent_agreement(@extschema@.tb_agreement) IS 'Observed agreement: the mean over units with two ratings or more of the share of pairs of ratings that agree. NULL with no such unit.';
CREATE FUNCTION @extschema@.tb_gini_simpson(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_gini_simpson' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_gini_simpson(@extschema@.tb_agreement) IS 'Gini-Simpson diversity 1 - sum p^2 of the values of each unit, the mean over the units (of a one-unit state: that unit''s). 0: all agree.';
CREATE FUNCTION @extschema@.tb_entropy(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_entropy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_entropy(@extschema@.tb_agreement) IS 'Entropy of the values of each unit over ln K, K the number of distinct values in the whole state (0 when K < 2); the mean over the units.';
CREATE FUNCTION @extschema@.tb_unit_diversity(a @extschema@.tb_agreement,
    OUT unit text, OUT ratings bigint, OUT categories integer, OUT gini_simpson double precision, OUT entropy double precision)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_unit_diversity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_unit_diversity(@extschema@.tb_agreement) IS 'Per unit: ratings, distinct values, Gini-Simpson diversity and normalised entropy.';
CREATE FUNCTION @extschema@.tb_units(@extschema@.tb_agreement) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_agreement_units' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_units(@extschema@.tb_agreement) IS 'Number of units in the state.';
CREATE FUNCTION @extschema@.tb_n(@extschema@.tb_agreement) RETURNS bigint
AS 'MODULE_PATHNAME', 'tb_agreement_ratings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_n(@extschema@.tb_agreement) IS 'Number of (non-missing) ratings in the state.';
------------------------------------------------------------------------------
-- Harmonization: practice sets (C, src/practices.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_practices;
CREATE FUNCTION @extschema@.tb_practices_in(cstring) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_in(cstring) IS 'Text input of tb_practices: {GOV01,PREV01,...}; labels of 1-255 bytes, quoted when they hold , { } " \ or a blank; duplicates merge.';
CREATE FUNCTION @extschema@.tb_practices_out(@extschema@.tb_practices) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_practices_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_out(@extschema@.tb_practices) IS 'Canonical text output of tb_practices: labels in byte order.';
CREATE FUNCTION @extschema@.tb_practices_recv(internal) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_recv(internal) IS 'Binary input of tb_practices; checks the version, sizes and order.';
CREATE FUNCTION @extschema@.tb_practices_send(@extschema@.tb_practices) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_practices_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_send(@extschema@.tb_practices) IS 'Binary output of tb_practices.';
CREATE TYPE @extschema@.tb_practices (
    INPUT = @extschema@.tb_practices_in, OUTPUT = @extschema@.tb_practices_out,
    RECEIVE = @extschema@.tb_practices_recv, SEND = @extschema@.tb_practices_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = extended);
COMMENT ON TYPE @extschema@.tb_practices IS 'The set of practices a country has in place (indicator codes, or any labels): | union, & intersection, - difference, @> <@ containment, && overlap, tb_jaccard, tb_cardinality; a key (btree and hash).';

CREATE FUNCTION @extschema@.tb_practices(text[]) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_from_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices(text[]) IS 'The set of the array''s labels (duplicates merge; NULL elements are an error).';
CREATE FUNCTION @extschema@.tb_practices_array(@extschema@.tb_practices) RETURNS text[]
AS 'MODULE_PATHNAME', 'tb_practices_to_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_array(@extschema@.tb_practices) IS 'The labels as a sorted text array.';
CREATE FUNCTION @extschema@.tb_practices_jsonb(@extschema@.tb_practices) RETURNS jsonb
AS 'MODULE_PATHNAME', 'tb_practices_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_jsonb(@extschema@.tb_practices) IS 'The labels as a sorted jsonb array.';
CREATE CAST (text[] AS @extschema@.tb_practices) WITH FUNCTION @extschema@.tb_practices(text[]);
CREATE CAST (@extschema@.tb_practices AS text[]) WITH FUNCTION @extschema@.tb_practices_array(@extschema@.tb_practices);
CREATE CAST (@extschema@.tb_practices AS jsonb) WITH FUNCTION @extschema@.tb_practices_jsonb(@extschema@.tb_practices);

CREATE FUNCTION @extschema@.tb_practices_union(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_union(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Union of two practice sets (operator |).';
CREATE FUNCTION @extschema@.tb_practices_intersect(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_intersect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_intersect(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Intersection of two practice sets (operator &).';
CREATE FUNCTION @extschema@.tb_practices_except(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_except' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_except(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Practices of the first set not in the second (operator -).';
CREATE FUNCTION @extschema@.tb_practices_contains(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_contains(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Does the first set contain the second (operator @>)?';
CREATE FUNCTION @extschema@.tb_practices_contained(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_contained(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Is the first set contained in the second (operator <@)?';
CREATE FUNCTION @extschema@.tb_practices_overlap(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_overlap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_overlap(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Do the sets share a practice (operator &&)?';
CREATE FUNCTION @extschema@.tb_has_practice(@extschema@.tb_practices, text) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_has' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_has_practice(@extschema@.tb_practices, text) IS 'Is the practice in the set?';
CREATE FUNCTION @extschema@.tb_cardinality(@extschema@.tb_practices) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_practices_cardinality' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_cardinality(@extschema@.tb_practices) IS 'Number of practices in the set.';
CREATE FUNCTION @extschema@.tb_jaccard(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_practices_jaccard' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_jaccard(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Jaccard similarity |A & B| / |A | B|; two empty sets are identical: 1.';
CREATE FUNCTION @extschema@.tb_jaccard_distance(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_practices_jaccard_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_jaccard_distance(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Jaccard distance 1 - tb_jaccard (0 for two empty sets).';

CREATE OPERATOR @extschema@.| (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_union, COMMUTATOR = OPERATOR(@extschema@.|));
COMMENT ON OPERATOR @extschema@.| (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Union of practice sets.';
CREATE OPERATOR @extschema@.& (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_intersect, COMMUTATOR = OPERATOR(@extschema@.&));
COMMENT ON OPERATOR @extschema@.& (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Intersection of practice sets.';
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_except);
COMMENT ON OPERATOR @extschema@.- (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Difference of practice sets.';
CREATE OPERATOR @extschema@.@> (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_contains, COMMUTATOR = OPERATOR(@extschema@.<@));
COMMENT ON OPERATOR @extschema@.@> (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Contains.';
CREATE OPERATOR @extschema@.<@ (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_contained, COMMUTATOR = OPERATOR(@extschema@.@>));
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Is contained in.';
CREATE OPERATOR @extschema@.&& (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_overlap, COMMUTATOR = OPERATOR(@extschema@.&&));
COMMENT ON OPERATOR @extschema@.&& (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Overlaps.';

CREATE FUNCTION @extschema@.tb_practices_eq(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_eq(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Same set.';
CREATE FUNCTION @extschema@.tb_practices_ne(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_ne(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Different sets.';
CREATE FUNCTION @extschema@.tb_practices_lt(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_lt(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before (lexicographic on the sorted labels).';
CREATE FUNCTION @extschema@.tb_practices_le(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_le(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before or is equal.';
CREATE FUNCTION @extschema@.tb_practices_gt(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_gt(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after.';
CREATE FUNCTION @extschema@.tb_practices_ge(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_ge(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after or is equal.';
CREATE FUNCTION @extschema@.tb_practices_cmp(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_practices_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_cmp(@extschema@.tb_practices, @extschema@.tb_practices) IS 'btree comparison of practice sets.';
CREATE FUNCTION @extschema@.tb_practices_hash(@extschema@.tb_practices) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_practices_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_hash(@extschema@.tb_practices) IS 'Hash of a practice set.';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
COMMENT ON OPERATOR @extschema@.= (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Same set.';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Different sets.';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before.';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before or is equal.';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after.';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after or is equal.';
CREATE OPERATOR CLASS @extschema@.tb_practices_ops DEFAULT FOR TYPE @extschema@.tb_practices USING btree AS
    OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.tb_practices_cmp(@extschema@.tb_practices, @extschema@.tb_practices);
CREATE OPERATOR CLASS @extschema@.tb_practices_hash_ops DEFAULT FOR TYPE @extschema@.tb_practices USING hash AS
    OPERATOR 1 @extschema@.=, FUNCTION 1 @extschema@.tb_practices_hash(@extschema@.tb_practices);

CREATE FUNCTION @extschema@.tb_practices_add(@extschema@.tb_practices, text) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_add(@extschema@.tb_practices, text) IS 'Transition function of tb_practice_set: adds a label (NULL skipped).';
CREATE FUNCTION @extschema@.tb_practices_union_agg(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_union_agg' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_union_agg(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Union, NULL skipped: transition and combine function of the practice-set aggregates.';
CREATE FUNCTION @extschema@.tb_practices_intersect_agg(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_intersect_agg' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_intersect_agg(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Intersection, NULL skipped: transition and combine function of tb_practice_intersection.';
CREATE AGGREGATE @extschema@.tb_practice_set(text) (
    SFUNC = @extschema@.tb_practices_add, STYPE = @extschema@.tb_practices,
    COMBINEFUNC = @extschema@.tb_practices_union_agg, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_practice_set(text) IS 'The set of the labels of the rows (NULL skipped): SELECT country, tb_practice_set(indicator) ... WHERE value = 1 GROUP BY country. Each row adds its label to the state in place, at a cost that does not grow with the set.';
CREATE AGGREGATE @extschema@.tb_practice_union(@extschema@.tb_practices) (
    SFUNC = @extschema@.tb_practices_union_agg, STYPE = @extschema@.tb_practices,
    COMBINEFUNC = @extschema@.tb_practices_union_agg, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_practice_union(@extschema@.tb_practices) IS 'Practices found in any of the sets (NULL skipped).';
CREATE AGGREGATE @extschema@.tb_practice_intersection(@extschema@.tb_practices) (
    SFUNC = @extschema@.tb_practices_intersect_agg, STYPE = @extschema@.tb_practices,
    COMBINEFUNC = @extschema@.tb_practices_intersect_agg, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_practice_intersection(@extschema@.tb_practices) IS 'Practices found in every set (NULL skipped; NULL when there is no set).';
CREATE FUNCTION @extschema@.tb_adoption_add(@extschema@.tb_agreement, @extschema@.tb_practices) RETURNS @extschema@.tb_agreement
AS 'MODULE_PATHNAME', 'tb_adoption_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_adoption_add(@extschema@.tb_agreement, @extschema@.tb_practices) IS 'Transition function of tb_adoption: counts each practice of a set once (NULL sets skipped).';
CREATE FUNCTION @extschema@.tb_adoption_final(@extschema@.tb_agreement) RETURNS jsonb
AS 'MODULE_PATHNAME', 'tb_adoption_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_adoption_final(@extschema@.tb_agreement) IS 'Final function of tb_adoption: {"practice": count, ...}.';
CREATE AGGREGATE @extschema@.tb_adoption(@extschema@.tb_practices) (
    SFUNC = @extschema@.tb_adoption_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_adoption_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_adoption(@extschema@.tb_practices) IS 'Per practice, how many of the sets have it: jsonb {"practice": count}, practices in byte order.';
------------------------------------------------------------------------------
-- Harmonization: dispersion and convergence (C, src/agreement.c; views)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_dispersion_add(@extschema@.tb_agreement, double precision) RETURNS @extschema@.tb_agreement
AS 'MODULE_PATHNAME', 'tb_dispersion_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_dispersion_add(@extschema@.tb_agreement, double precision) IS 'Transition function of tb_cv, tb_gini and tb_theil: counts a value (NULL skipped).';
CREATE FUNCTION @extschema@.tb_cv_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_cv_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_cv_final(@extschema@.tb_agreement) IS 'Final function of tb_cv.';
CREATE FUNCTION @extschema@.tb_gini_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_gini_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_gini_final(@extschema@.tb_agreement) IS 'Final function of tb_gini.';
CREATE FUNCTION @extschema@.tb_theil_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_theil_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_theil_final(@extschema@.tb_agreement) IS 'Final function of tb_theil.';
CREATE AGGREGATE @extschema@.tb_cv(double precision) (
    SFUNC = @extschema@.tb_dispersion_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_cv_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_cv(double precision) IS 'Coefficient of variation across the values (countries): population standard deviation over |mean|; NULL when the mean is 0 or there is no value. The state keeps each distinct value with its count.';
CREATE AGGREGATE @extschema@.tb_gini(double precision) (
    SFUNC = @extschema@.tb_dispersion_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_gini_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_gini(double precision) IS 'Gini coefficient of values >= 0: sum |xi - xj| / (2 n^2 mean) over all pairs (0: all equal); NULL when the mean is 0.';
CREATE AGGREGATE @extschema@.tb_theil(double precision) (
    SFUNC = @extschema@.tb_dispersion_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_theil_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_theil(double precision) IS 'Theil T index of values >= 0: mean of (x/mean) ln(x/mean), 0 ln 0 = 0 (0: all equal); NULL when the mean is 0.';

CREATE AGGREGATE @extschema@.tb_values(double precision) (
    SFUNC = @extschema@.tb_dispersion_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_agreement_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_values(double precision) IS 'The state of tb_cv, tb_gini and tb_theil (the distinct values with their counts, as a tb_agreement of one unit), to store or ship, merge with tb_rollup and read with tb_cv, tb_gini, tb_theil.';
CREATE FUNCTION @extschema@.tb_cv(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_cv_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_cv(@extschema@.tb_agreement) IS 'Coefficient of variation of a tb_values state.';
CREATE FUNCTION @extschema@.tb_gini(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_gini_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_gini(@extschema@.tb_agreement) IS 'Gini coefficient of a tb_values state.';
CREATE FUNCTION @extschema@.tb_theil(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_theil_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_theil(@extschema@.tb_agreement) IS 'Theil index of a tb_values state.';
------------------------------------------------------------------------------
-- Who runs what: the calling role, and maintenance as a table's owner (C, src/roles.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_calling_role()
RETURNS name
AS 'MODULE_PATHNAME', 'tb_calling_role'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.tb_calling_role() IS
'The role the session acts as (its SET ROLE, else the login), also inside a SECURITY DEFINER function, where current_user is the function''s owner: what the baseline''s write functions record as who wrote an answer.';

CREATE FUNCTION @extschema@.tb_run_as_owner(rel regclass, command text)
RETURNS bigint
AS 'MODULE_PATHNAME', 'tb_run_as_owner'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.tb_run_as_owner(regclass, text) IS
'Runs one SQL command as the owner of rel, in a security-restricted operation with search_path pg_catalog, pg_temp, as PostgreSQL''s own VACUUM, ANALYZE and REINDEX do: code the owner wrote (check constraints, triggers, generated columns) then runs with the owner''s rights, never the caller''s. The caller must have the privileges of that owner (a superuser has). Returns the first column of a one-row, one-column result, else the rows processed.';
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
GRANT SELECT ON @extschema@.text_rules TO PUBLIC;

CREATE FUNCTION @extschema@.tb_baseline_template()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $tb_body$ SELECT $tb_text$
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
    IF owner <> current_user THEN
        EXECUTE format('GRANT SELECT ON pg_temp.tb_load_raw TO %I', owner);
    END IF;
    RETURN QUERY SELECT * FROM @baseline@.tb_load_responses_from_staging(label);
    DROP TABLE tb_load_raw;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_load_responses(text, regclass) IS
'Loads the rows of an import table (default @baseline@.response_import, filled by \copy from the form''s CSV export) into @baseline@.responses: parses every answer, writes rows it cannot accept to @baseline@.rejects with the reason, counts exact repeats as duplicates, empties the import table, and returns the counts by outcome and reason. Loading the same file twice adds nothing. Needs SELECT and DELETE on the import table and EXECUTE on tb_load_responses_from_staging (the loader role has both).';

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
------------------------------------------------------------------------------
-- Coverage views (the first section of the report)
------------------------------------------------------------------------------

CREATE VIEW @baseline@.expected_answers AS
SELECT r.round_no, c.iso2 AS country, i.axis, i.code AS indicator
  FROM @baseline@.rounds r
  JOIN @baseline@.memberships m
    ON m.valid_from <= r.reference_date AND (m.valid_to IS NULL OR m.valid_to > r.reference_date)
  JOIN @baseline@.countries c ON c.iso2 = m.country
 CROSS JOIN @baseline@.indicators i
 WHERE i.source = 'survey';
COMMENT ON VIEW @baseline@.expected_answers IS 'Every survey indicator each country was expected to answer in each round (countries that were members or observers on the round''s reference date).';
COMMENT ON COLUMN @baseline@.expected_answers.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.expected_answers.country IS 'Country expected to answer.';
COMMENT ON COLUMN @baseline@.expected_answers.axis IS 'Axis of the indicator.';
COMMENT ON COLUMN @baseline@.expected_answers.indicator IS 'Indicator expected.';

CREATE VIEW @baseline@.coverage AS
SELECT e.round_no, e.country, e.axis,
       count(*)::integer AS expected,
       count(a.indicator)::integer AS answered,
       count(a.indicator) FILTER (WHERE a.has_value)::integer AS with_value,
       round(100.0 * count(a.indicator) / count(*), 1) AS answered_pct
  FROM @baseline@.expected_answers e
  LEFT JOIN (SELECT round_no, country, indicator, bool_or(status = 'value') AS has_value
               FROM @baseline@.responses
              GROUP BY round_no, country, indicator) a
         ON a.round_no = e.round_no AND a.country = e.country AND a.indicator = e.indicator
 GROUP BY e.round_no, e.country, e.axis;
COMMENT ON VIEW @baseline@.coverage IS 'Answered / expected indicators per round, country and axis. An indicator counts as answered when any institution of the country answered it (not applicable and don''t know included); with_value counts those with a value.';
COMMENT ON COLUMN @baseline@.coverage.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.coverage.country IS 'Country.';
COMMENT ON COLUMN @baseline@.coverage.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.coverage.expected IS 'Indicators of the axis the country was expected to answer.';
COMMENT ON COLUMN @baseline@.coverage.answered IS 'Indicators answered by at least one institution.';
COMMENT ON COLUMN @baseline@.coverage.with_value IS 'Indicators with at least one answer that has a value.';
COMMENT ON COLUMN @baseline@.coverage.answered_pct IS 'answered / expected, in percent, one decimal.';

CREATE VIEW @baseline@.reject_summary AS
SELECT coalesce(@extschema@.tb_try_country(j.country_raw)::text, upper(nullif(btrim(j.country_raw), '')), '?') AS country,
       j.reason, count(*)::integer AS rejected
  FROM @baseline@.rejects j
 GROUP BY 1, 2;
COMMENT ON VIEW @baseline@.reject_summary IS 'Rejected rows per country (its ISO code when the text names one, else as written, upper-cased; ? when empty) and reason.';
COMMENT ON COLUMN @baseline@.reject_summary.country IS 'Country as written in the rejected rows.';
COMMENT ON COLUMN @baseline@.reject_summary.reason IS 'Reason of the rejection.';
COMMENT ON COLUMN @baseline@.reject_summary.rejected IS 'Number of rejected rows.';
------------------------------------------------------------------------------
-- Indicator scoring: ratings, thresholds as data
------------------------------------------------------------------------------

CREATE TABLE @baseline@.rating_bands (
    scheme    text NOT NULL CHECK (scheme ~ '^[a-z][a-z0-9_]*$'),
    label     text NOT NULL CHECK (label <> ''),
    min_score double precision NOT NULL CHECK (min_score > '-Infinity' AND min_score < 'Infinity'),
    colour    text CHECK (colour ~ '^#[0-9a-f]{6}$'),
    shipped   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (scheme, label),
    UNIQUE (scheme, min_score)
);
COMMENT ON TABLE @baseline@.rating_bands IS 'Rating schemes as data: a score gets the band of its scheme with the greatest min_score at or below it (the lowest band below all). Edit or add rows to change thresholds or add schemes.';
COMMENT ON COLUMN @baseline@.rating_bands.scheme IS 'Scheme name: traffic_light, letter, or one of yours.';
COMMENT ON COLUMN @baseline@.rating_bands.label IS 'Band label (green, AAA, ...).';
COMMENT ON COLUMN @baseline@.rating_bands.min_score IS 'Lowest score (0-100 for the shipped schemes) in the band.';
COMMENT ON COLUMN @baseline@.rating_bands.colour IS 'Colour of the band for pictures, #rrggbb.';
COMMENT ON COLUMN @baseline@.rating_bands.shipped IS 'True for the reference rows tb_create_baseline installs.';


CREATE FUNCTION @baseline@.tb_rate(score double precision, scheme text DEFAULT 'traffic_light',
                                    cap text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    band    @baseline@.rating_bands;
    capband @baseline@.rating_bands;
BEGIN
    IF score IS NULL THEN
        RETURN NULL;
    END IF;
    IF score = 'NaN' OR score IN ('Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'cannot rate %: the score is not a finite number', score
            USING ERRCODE = 'numeric_value_out_of_range', HINT = 'Map it to NULL before rating.';
    END IF;
    SELECT * INTO band FROM @baseline@.rating_bands b
     WHERE b.scheme = tb_rate.scheme
     ORDER BY (b.min_score <= score) DESC, CASE WHEN b.min_score <= score THEN -b.min_score ELSE b.min_score END
     LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown rating scheme %', quote_literal(scheme)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT 'Known schemes: ' || string_agg(DISTINCT b.scheme, ', ') FROM @baseline@.rating_bands b);
    END IF;
    IF cap IS NOT NULL THEN
        SELECT * INTO capband FROM @baseline@.rating_bands b WHERE b.scheme = tb_rate.scheme AND b.label = cap;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown band % in rating scheme %', quote_literal(cap), quote_literal(scheme)
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = (SELECT 'Bands: ' || string_agg(b.label, ', ' ORDER BY b.min_score DESC)
                                FROM @baseline@.rating_bands b WHERE b.scheme = tb_rate.scheme);
        END IF;
        IF band.min_score > capband.min_score THEN
            RETURN capband.label;
        END IF;
    END IF;
    RETURN band.label;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_rate(double precision, text, text) IS
'Band of a score in a rating scheme of @baseline@.rating_bands: the band with the greatest min_score at or below the score (the lowest band below all). cap limits the result to at most that band: tb_rate(93, ''letter'', ''BBB'') = BBB. Shipped: traffic_light (green >= 80, yellow >= 60, orange >= 40, red) and letter (AAA >= 90, AA, A, BBB, BB, B, CCC, CC, C >= 10, D; steps of 10).';

------------------------------------------------------------------------------
-- Indicator scoring over the baseline (views; standard column types only)
------------------------------------------------------------------------------

CREATE VIEW @baseline@.indicator_values AS
SELECT r.round_no, r.country, r.indicator,
       avg(r.value) FILTER (WHERE r.status = 'value') AS value,
       count(*) FILTER (WHERE r.status = 'value')::integer AS institutions_with_value,
       count(*)::integer AS institutions_answering
  FROM @baseline@.responses r
 GROUP BY r.round_no, r.country, r.indicator;
COMMENT ON VIEW @baseline@.indicator_values IS 'Value of each indicator per round and country: the mean of the values its institutions gave (NULL when none gave a value: not applicable, don''t know, or only a limit such as "<5").';
COMMENT ON COLUMN @baseline@.indicator_values.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_values.country IS 'Country.';
COMMENT ON COLUMN @baseline@.indicator_values.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_values.value IS 'Mean of the institutions'' values; NULL when none has a value.';
COMMENT ON COLUMN @baseline@.indicator_values.institutions_with_value IS 'Institutions that gave a value.';
COMMENT ON COLUMN @baseline@.indicator_values.institutions_answering IS 'Institutions that answered at all.';

CREATE VIEW @baseline@.indicator_scores AS
WITH v AS (
    SELECT e.round_no, e.country, e.axis, e.indicator, i.kind, i.direction, i.weight,
           i.target, i.lower_bound, i.upper_bound, iv.value,
           CASE WHEN i.direction = 'higher' THEN i.lower_bound ELSE i.upper_bound END AS worst,
           coalesce(i.target, CASE WHEN i.direction = 'higher' THEN i.upper_bound ELSE i.lower_bound END) AS best
      FROM @baseline@.expected_answers e
      JOIN @baseline@.indicators i ON i.code = e.indicator
      LEFT JOIN @baseline@.indicator_values iv
             ON iv.round_no = e.round_no AND iv.country = e.country AND iv.indicator = e.indicator
), s AS (
    SELECT v.*, @extschema@.tb_summary(v.value) OVER (PARTITION BY v.round_no, v.indicator) AS summary
      FROM v
)
SELECT s.round_no, s.country, s.axis, s.indicator, s.kind, s.direction, s.weight, s.value,
       CASE WHEN s.value IS NULL THEN NULL
            WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best
                 THEN @extschema@.tb_norm_goalposts(s.value, s.worst, s.best, 100)
            ELSE @extschema@.tb_norm_minmax(s.summary, s.value, s.direction, 100) END AS score,
       CASE WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best THEN 'goalposts'
            ELSE 'minmax' END AS method,
       CASE WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best THEN s.worst END AS worst,
       CASE WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best THEN s.best END AS best
  FROM s;
COMMENT ON VIEW @baseline@.indicator_scores IS 'Score 0-100 of every indicator each country was expected to answer, per round. Goalposts from the worst bound to the target (or best bound) when the indicator has both; else min-max across the countries that round. Direction-aware. NULL score: no value.';
COMMENT ON COLUMN @baseline@.indicator_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_scores.country IS 'Country.';
COMMENT ON COLUMN @baseline@.indicator_scores.axis IS 'Axis of the indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.direction IS 'higher or lower is better.';
COMMENT ON COLUMN @baseline@.indicator_scores.weight IS 'Weight of the indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.value IS 'Country value (@baseline@.indicator_values); NULL when missing.';
COMMENT ON COLUMN @baseline@.indicator_scores.score IS 'Score 0 (worst) - 100 (best); NULL when the value is missing.';
COMMENT ON COLUMN @baseline@.indicator_scores.method IS 'goalposts or minmax.';
COMMENT ON COLUMN @baseline@.indicator_scores.worst IS 'Worst goalpost, for the goalposts method.';
COMMENT ON COLUMN @baseline@.indicator_scores.best IS 'Best goalpost (the target when set), for the goalposts method.';

CREATE VIEW @baseline@.axis_scores AS
SELECT s.round_no, s.country, s.axis,
       @extschema@.tb_wmean(c) AS score,
       @extschema@.tb_coverage(c) AS coverage,
       @baseline@.tb_rate(@extschema@.tb_wmean(c)) AS traffic_light,
       @extschema@.tb_n(c)::integer AS indicators_scored,
       @extschema@.tb_missing(c)::integer AS indicators_missing
  FROM (SELECT round_no, country, axis, @extschema@.tb_composite(score, weight) AS c
          FROM @baseline@.indicator_scores GROUP BY round_no, country, axis) s;
COMMENT ON VIEW @baseline@.axis_scores IS 'Composite score 0-100 per round, country and axis: weighted arithmetic mean of the indicator scores, weights renormalised over the scores present; NULL when less than 80% of the weight has a score.';
COMMENT ON COLUMN @baseline@.axis_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.axis_scores.country IS 'Country.';
COMMENT ON COLUMN @baseline@.axis_scores.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_scores.score IS 'Composite score 0-100; NULL below 80% coverage.';
COMMENT ON COLUMN @baseline@.axis_scores.coverage IS 'Share of the axis'' weight with a score (0-1).';
COMMENT ON COLUMN @baseline@.axis_scores.traffic_light IS 'Traffic-light band of the score (tb_rate).';
COMMENT ON COLUMN @baseline@.axis_scores.indicators_scored IS 'Indicators with a score.';
COMMENT ON COLUMN @baseline@.axis_scores.indicators_missing IS 'Indicators without a score.';

CREATE VIEW @baseline@.country_scores AS
SELECT a.round_no, a.country,
       @extschema@.tb_wmean(a.score, 1, 0.75) AS score,
       count(a.score)::integer AS axes_scored,
       @baseline@.tb_rate(@extschema@.tb_wmean(a.score, 1, 0.75), 'letter') AS letter,
       @baseline@.tb_rate(@extschema@.tb_wmean(a.score, 1, 0.75)) AS traffic_light
  FROM @baseline@.axis_scores a
 GROUP BY a.round_no, a.country;
COMMENT ON VIEW @baseline@.country_scores IS 'Overall score 0-100 per round and country: the mean of its axis scores, axes weighted equally; NULL when more than one axis of four has no score.';
COMMENT ON COLUMN @baseline@.country_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_scores.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_scores.score IS 'Overall score 0-100.';
COMMENT ON COLUMN @baseline@.country_scores.axes_scored IS 'Axes with a score.';
COMMENT ON COLUMN @baseline@.country_scores.letter IS 'Letter band (AAA ... D) of the score.';
COMMENT ON COLUMN @baseline@.country_scores.traffic_light IS 'Traffic-light band of the score.';

CREATE VIEW @baseline@.country_copeland AS
WITH pairs AS (
    SELECT a.round_no, a.country AS country_a, b.country AS country_b,
           sum(a.weight) FILTER (WHERE a.score > b.score) AS w_better,
           sum(a.weight) FILTER (WHERE a.score < b.score) AS w_worse
      FROM @baseline@.indicator_scores a
      JOIN @baseline@.indicator_scores b
        ON b.round_no = a.round_no AND b.indicator = a.indicator AND b.country <> a.country
     WHERE a.score IS NOT NULL AND b.score IS NOT NULL
     GROUP BY a.round_no, a.country, b.country
)
SELECT round_no, country_a AS country,
       (count(*) FILTER (WHERE coalesce(w_better, 0) > coalesce(w_worse, 0))
        - count(*) FILTER (WHERE coalesce(w_better, 0) < coalesce(w_worse, 0)))::integer AS copeland,
       count(*) FILTER (WHERE coalesce(w_better, 0) > coalesce(w_worse, 0))::integer AS wins,
       count(*) FILTER (WHERE coalesce(w_better, 0) < coalesce(w_worse, 0))::integer AS losses,
       count(*) FILTER (WHERE coalesce(w_better, 0) = coalesce(w_worse, 0))::integer AS ties
  FROM pairs
 GROUP BY round_no, country_a;
COMMENT ON VIEW @baseline@.country_copeland IS 'Copeland outranking per round: country a beats b when the indicators on which a scores higher weigh more than those on which b does (indicators both have scores). copeland = wins - losses; a non-compensatory ranking: a large lead on one indicator cannot buy a deficit on many.';
COMMENT ON COLUMN @baseline@.country_copeland.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_copeland.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_copeland.copeland IS 'Wins minus losses in pairwise weighted-majority comparisons.';
COMMENT ON COLUMN @baseline@.country_copeland.wins IS 'Countries it beats.';
COMMENT ON COLUMN @baseline@.country_copeland.losses IS 'Countries that beat it.';
COMMENT ON COLUMN @baseline@.country_copeland.ties IS 'Countries it ties with.';
------------------------------------------------------------------------------
-- Gap analysis over the baseline (views; standard column types only)
------------------------------------------------------------------------------

CREATE TABLE @baseline@.analysis_settings (
    name  text PRIMARY KEY
          CHECK (name IN ('target_year', 'trend_moderate', 'trend_on_track', 'poor_harmonization_diversity',
                          'poor_harmonization_cv', 'priorities')),
    value double precision NOT NULL CHECK (value > '-Infinity' AND value < 'Infinity')
);
COMMENT ON TABLE @baseline@.analysis_settings IS 'Parameters of the gap and trend views that differ from the defaults (see tb_setting): insert a row to change one, delete it to go back to the default. Empty at install, so that pg_dump saves exactly what you set.';
COMMENT ON COLUMN @baseline@.analysis_settings.name IS 'Parameter name (tb_setting lists them).';
COMMENT ON COLUMN @baseline@.analysis_settings.value IS 'Its value.';

CREATE FUNCTION @baseline@.tb_setting(name text) RETURNS double precision
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT s.value FROM @baseline@.analysis_settings s WHERE s.name = tb_setting.name), d.value)
      FROM (VALUES ('target_year', 2030), ('trend_moderate', 0.5), ('trend_on_track', 1),
                   ('poor_harmonization_diversity', 0.5), ('poor_harmonization_cv', 0.5), ('priorities', 5))
           AS d(name, value)
     WHERE d.name = tb_setting.name
$$;
COMMENT ON FUNCTION @baseline@.tb_setting(text) IS
'A parameter of the gap and trend views: the value in analysis_settings, else its default: target_year 2030 (targets to be met by then); trend_moderate 0.5 and trend_on_track 1 (tb_trend thresholds); poor_harmonization_diversity 0.5 (normalised Gini-Simpson diversity of binary and ordinal country values above which the region is poorly harmonized); poor_harmonization_cv 0.5 (the same for numeric indicators, coefficient of variation); priorities 5 (priorities listed per country). NULL for an unknown name.';

CREATE VIEW @baseline@.indicator_gaps AS
WITH v AS (
    SELECT s.round_no, s.country, s.axis, s.indicator, s.kind, s.direction, s.weight, s.value,
           i.target, CASE WHEN s.direction = 'higher' THEN i.lower_bound ELSE i.upper_bound END AS worst_bound
      FROM @baseline@.indicator_scores s
      JOIN @baseline@.indicators i ON i.code = s.indicator
), region AS (
    SELECT round_no, indicator,
           CASE WHEN min(direction) = 'higher' THEN max(value) ELSE min(value) END AS frontier,
           CASE WHEN min(direction) = 'higher' THEN min(value) ELSE max(value) END AS worst_observed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
           -- Gini-Simpson diversity of the values, over its maximum for the kind (2 or 5 levels)
           (1 - sum(n) / (count(*)::double precision * count(*)))
             / CASE min(kind) WHEN 'binary' THEN 0.5 WHEN 'ordinal' THEN 0.8 ELSE 1 END AS diversity,
           CASE WHEN avg(value) <> 0 THEN stddev_pop(value) / abs(avg(value)) END AS cv
      FROM (SELECT round_no, indicator, direction, kind, value,
                   -- levels counted on the nearest level: a country's value is its institutions' mean
                   count(*) OVER (PARTITION BY round_no, indicator,
                                  CASE WHEN kind IN ('binary', 'ordinal') THEN round(value) ELSE value END)::double precision AS n
              FROM v WHERE value IS NOT NULL) x
     GROUP BY round_no, indicator
), g AS (
    SELECT v.*, r.frontier, r.median, r.diversity, r.cv,
           coalesce(v.worst_bound, r.worst_observed) AS worst
      FROM v JOIN region r USING (round_no, indicator)
)
SELECT g.round_no, g.country, g.axis, g.indicator, g.kind, g.direction, g.weight, g.value,
       g.target, g.frontier, g.median,
       @extschema@.tb_gap(g.value, g.target, g.direction) AS gap_target,
       @extschema@.tb_gap(g.value, g.frontier, g.direction) AS gap_frontier,
       @extschema@.tb_gap(g.value, g.median, g.direction) AS gap_median,
       @extschema@.tb_gap_share(g.value, g.target,
           CASE WHEN g.direction = 'higher' THEN least(g.worst, g.target) ELSE greatest(g.worst, g.target) END,
           g.direction) AS gap_target_share,
       @extschema@.tb_gap_share(g.value, g.frontier,
           CASE WHEN g.direction = 'higher' THEN least(g.worst, g.frontier) ELSE greatest(g.worst, g.frontier) END,
           g.direction) AS gap_frontier_share,
       @extschema@.tb_gap_share(g.value, g.median,
           CASE WHEN g.direction = 'higher' THEN least(g.worst, g.median) ELSE greatest(g.worst, g.median) END,
           g.direction) AS gap_median_share,
       CASE WHEN g.kind IN ('binary', 'ordinal')
            THEN g.diversity > @baseline@.tb_setting('poor_harmonization_diversity')
            ELSE g.cv > @baseline@.tb_setting('poor_harmonization_cv') END
           AS poorly_harmonized
  FROM g;
COMMENT ON VIEW @baseline@.indicator_gaps IS 'Gap of every expected indicator per round and country to its target, to the regional frontier (best value that round) and to the regional median; raw (tb_gap) and as the share of the way from the worst value still to go (tb_gap_share, the worst value being the indicator''s worst bound, else the worst observed). NULL when the value (or the target) is missing.';
COMMENT ON COLUMN @baseline@.indicator_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_gaps.country IS 'Country.';
COMMENT ON COLUMN @baseline@.indicator_gaps.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.indicator_gaps.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_gaps.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.indicator_gaps.direction IS 'higher or lower is better.';
COMMENT ON COLUMN @baseline@.indicator_gaps.weight IS 'Weight of the indicator.';
COMMENT ON COLUMN @baseline@.indicator_gaps.value IS 'Country value.';
COMMENT ON COLUMN @baseline@.indicator_gaps.target IS 'Target of the indicator, if set.';
COMMENT ON COLUMN @baseline@.indicator_gaps.frontier IS 'Best value among the countries that round.';
COMMENT ON COLUMN @baseline@.indicator_gaps.median IS 'Median value among the countries that round.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_target IS 'Shortfall to the target, in the indicator''s unit (0 when met).';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_frontier IS 'Shortfall to the frontier.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_median IS 'Shortfall to the median (0 at or better than the median).';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_target_share IS 'Share (0-1) of the way from the worst value to the target still to go.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_frontier_share IS 'Share (0-1) of the way to the frontier still to go.';
COMMENT ON COLUMN @baseline@.indicator_gaps.gap_median_share IS 'Share (0-1) of the way to the median still to go.';
COMMENT ON COLUMN @baseline@.indicator_gaps.poorly_harmonized IS 'The region is poorly harmonized on the indicator that round (diversity or coefficient of variation above the analysis_settings thresholds).';

CREATE VIEW @baseline@.axis_gaps AS
SELECT round_no, country, axis,
       @extschema@.tb_wmean(gap_target_share, weight, 0.8) FILTER (WHERE target IS NOT NULL) AS gap_target_share,
       @extschema@.tb_wmean(gap_frontier_share, weight, 0.8) AS gap_frontier_share,
       @extschema@.tb_wmean(gap_median_share, weight, 0.8) AS gap_median_share
  FROM @baseline@.indicator_gaps
 GROUP BY round_no, country, axis;
COMMENT ON VIEW @baseline@.axis_gaps IS 'Gaps per round, country and axis: weighted means of the indicators'' gap shares (indicators with a target only, for the target gap), weights renormalised; NULL when less than 80% of the weight has a value.';
COMMENT ON COLUMN @baseline@.axis_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.axis_gaps.country IS 'Country.';
COMMENT ON COLUMN @baseline@.axis_gaps.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_gaps.gap_target_share IS 'Weighted share (0-1) of the way to the targets still to go.';
COMMENT ON COLUMN @baseline@.axis_gaps.gap_frontier_share IS 'Weighted share (0-1) of the way to the regional frontier still to go.';
COMMENT ON COLUMN @baseline@.axis_gaps.gap_median_share IS 'Weighted share (0-1) of the way to the regional median still to go.';

CREATE VIEW @baseline@.country_gaps AS
SELECT round_no, country,
       @extschema@.tb_wmean(gap_target_share, weight, 0.8) FILTER (WHERE target IS NOT NULL) AS gap_target_share,
       @extschema@.tb_wmean(gap_frontier_share, weight, 0.8) AS gap_frontier_share,
       @extschema@.tb_wmean(gap_median_share, weight, 0.8) AS gap_median_share
  FROM @baseline@.indicator_gaps
 GROUP BY round_no, country;
COMMENT ON VIEW @baseline@.country_gaps IS 'Gaps per round and country over all its indicators, weighted as in axis_gaps.';
COMMENT ON COLUMN @baseline@.country_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_gaps.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_gaps.gap_target_share IS 'Weighted share (0-1) of the way to the targets still to go.';
COMMENT ON COLUMN @baseline@.country_gaps.gap_frontier_share IS 'Weighted share (0-1) of the way to the regional frontier still to go.';
COMMENT ON COLUMN @baseline@.country_gaps.gap_median_share IS 'Weighted share (0-1) of the way to the regional median still to go.';

CREATE VIEW @baseline@.axis_progress AS
WITH ends AS (
    SELECT min(round_no) AS first_round, max(round_no) AS last_round FROM @baseline@.rounds
), s AS (
    SELECT a.country, a.axis,
           max(a.score) FILTER (WHERE a.round_no = e.first_round) AS baseline_score,
           max(a.score) FILTER (WHERE a.round_no = e.last_round) AS current_score,
           (SELECT extract(year FROM reference_date)::integer FROM @baseline@.rounds WHERE round_no = e.first_round) AS baseline_year,
           (SELECT extract(year FROM reference_date)::integer FROM @baseline@.rounds WHERE round_no = e.last_round) AS current_year
      FROM @baseline@.axis_scores a CROSS JOIN ends e
     WHERE e.last_round > e.first_round
     GROUP BY a.country, a.axis, e.first_round, e.last_round
), p AS (SELECT @baseline@.tb_setting('target_year')::integer AS target_year,
                @baseline@.tb_setting('trend_moderate') AS moderate,
                @baseline@.tb_setting('trend_on_track') AS on_track)
SELECT s.country, s.axis, s.baseline_year, s.current_year, s.baseline_score, s.current_score,
       @extschema@.tb_progress(s.current_score, s.baseline_score, 100) AS progress,
       @extschema@.tb_progress_status(s.current_score, s.baseline_score, 100) AS progress_status,
       @extschema@.tb_trend_pace(s.baseline_score, s.current_score, 100, s.baseline_year, s.current_year, p.target_year) AS pace,
       @extschema@.tb_trend(s.baseline_score, s.current_score, 100, s.baseline_year, s.current_year, p.target_year,
                            'higher', p.moderate, p.on_track) AS trend
  FROM s CROSS JOIN p;
COMMENT ON VIEW @baseline@.axis_progress IS 'Progress and trend of each country''s axis score from the baseline (first round) to the latest round, toward the full score of 100 by the target year of analysis_settings.';
COMMENT ON COLUMN @baseline@.axis_progress.country IS 'Country.';
COMMENT ON COLUMN @baseline@.axis_progress.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_progress.baseline_year IS 'Year of the baseline round.';
COMMENT ON COLUMN @baseline@.axis_progress.current_year IS 'Year of the latest round.';
COMMENT ON COLUMN @baseline@.axis_progress.baseline_score IS 'Axis score at the baseline.';
COMMENT ON COLUMN @baseline@.axis_progress.current_score IS 'Axis score in the latest round.';
COMMENT ON COLUMN @baseline@.axis_progress.progress IS 'tb_progress toward 100: share of the distance covered (< 0: regression).';
COMMENT ON COLUMN @baseline@.axis_progress.progress_status IS 'tb_progress_status: the case of the progress.';
COMMENT ON COLUMN @baseline@.axis_progress.pace IS 'tb_trend_pace: observed pace over the pace needed to reach 100 by the target year.';
COMMENT ON COLUMN @baseline@.axis_progress.trend IS 'tb_trend: on track, moderately improving, stagnating or decreasing.';

CREATE VIEW @baseline@.country_priorities AS
WITH latest AS (SELECT max(round_no) AS round_no FROM @baseline@.rounds),
     top AS (
    SELECT g.round_no, g.country,
           @extschema@.tb_top_gaps(g.indicator, coalesce(g.gap_target_share, g.gap_frontier_share), g.weight,
                                   @baseline@.tb_setting('priorities')::integer,
                                   g.poorly_harmonized) AS items
      FROM @baseline@.indicator_gaps g JOIN latest USING (round_no)
     GROUP BY g.round_no, g.country
)
SELECT t.round_no, t.country, r.rank, r.indicator, r.gap, r.weight, r.weighted_gap, r.poorly_harmonized
  FROM top t, jsonb_to_recordset(t.items) AS r(rank integer, indicator text, gap double precision,
                                               weight double precision, weighted_gap double precision,
                                               poorly_harmonized boolean);
COMMENT ON VIEW @baseline@.country_priorities IS 'Each country''s largest weighted gaps in the latest round (tb_top_gaps): the share of the way to the target still to go (to the frontier where there is no target) times the weight; ties by indicator code; flagged where the region is poorly harmonized.';
COMMENT ON COLUMN @baseline@.country_priorities.round_no IS 'Latest round.';
COMMENT ON COLUMN @baseline@.country_priorities.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_priorities.rank IS '1 for the largest weighted gap.';
COMMENT ON COLUMN @baseline@.country_priorities.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.country_priorities.gap IS 'Gap share (0-1).';
COMMENT ON COLUMN @baseline@.country_priorities.weight IS 'Weight of the indicator.';
COMMENT ON COLUMN @baseline@.country_priorities.weighted_gap IS 'gap * weight, the ranking key.';
COMMENT ON COLUMN @baseline@.country_priorities.poorly_harmonized IS 'The region is poorly harmonized on the indicator.';

CREATE VIEW @baseline@.external_trends AS
WITH rated AS (
    SELECT e.indicator, e.country, e.year, e.value, i.direction, i.target,
           first_value(e.year) OVER w AS first_year, first_value(e.value) OVER w AS first_value,
           last_value(e.year) OVER w AS last_year, last_value(e.value) OVER w AS last_value
      FROM @baseline@.external_values e JOIN @baseline@.indicators i ON i.code = e.indicator
     WHERE e.value IS NOT NULL
    WINDOW w AS (PARTITION BY e.indicator, e.country ORDER BY e.year
                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), p AS (SELECT @baseline@.tb_setting('target_year')::integer AS target_year,
                @baseline@.tb_setting('trend_moderate') AS moderate,
                @baseline@.tb_setting('trend_on_track') AS on_track)
SELECT DISTINCT r.indicator, r.country, r.first_year, r.first_value, r.last_year, r.last_value, r.target,
       @extschema@.tb_gap(r.last_value, r.target, r.direction) AS gap_target,
       CASE WHEN r.last_year > r.first_year
            THEN @extschema@.tb_trend_pace(r.first_value, r.last_value, r.target, r.first_year, r.last_year,
                                           greatest(p.target_year, r.last_year + 1), r.direction) END AS pace,
       CASE WHEN r.last_year > r.first_year
            THEN @extschema@.tb_trend(r.first_value, r.last_value, r.target, r.first_year, r.last_year,
                                      greatest(p.target_year, r.last_year + 1), r.direction, p.moderate, p.on_track) END AS trend
  FROM rated r CROSS JOIN p
 WHERE r.target IS NOT NULL;
COMMENT ON VIEW @baseline@.external_trends IS 'External indicators (US TIP tiers): each country''s first and last rated year, its gap to the target (Tier 1) in the last year, and the trend from the first to the last year at the pace needed to reach the target by the target year.';
COMMENT ON COLUMN @baseline@.external_trends.indicator IS 'External indicator.';
COMMENT ON COLUMN @baseline@.external_trends.country IS 'Country.';
COMMENT ON COLUMN @baseline@.external_trends.first_year IS 'First year rated.';
COMMENT ON COLUMN @baseline@.external_trends.first_value IS 'Value in the first year rated.';
COMMENT ON COLUMN @baseline@.external_trends.last_year IS 'Last year rated.';
COMMENT ON COLUMN @baseline@.external_trends.last_value IS 'Value in the last year rated.';
COMMENT ON COLUMN @baseline@.external_trends.target IS 'Target of the indicator (Tier 1).';
COMMENT ON COLUMN @baseline@.external_trends.gap_target IS 'Gap to the target in the last year (tiers to climb).';
COMMENT ON COLUMN @baseline@.external_trends.pace IS 'tb_trend_pace from the first to the last year; NULL when the target is met.';
COMMENT ON COLUMN @baseline@.external_trends.trend IS 'tb_trend from the first to the last year.';
------------------------------------------------------------------------------
-- Harmonization over the baseline (views; standard column types only)
------------------------------------------------------------------------------

CREATE VIEW @baseline@.country_ratings AS
SELECT v.round_no, v.country, i.axis, v.indicator, i.kind,
       CASE WHEN i.kind IN ('binary', 'ordinal') THEN round(v.value) ELSE v.value END AS rating
  FROM @baseline@.indicator_values v
  JOIN @baseline@.indicators i ON i.code = v.indicator
 WHERE v.value IS NOT NULL AND i.source = 'survey';
COMMENT ON VIEW @baseline@.country_ratings IS 'Each country as a rater of each indicator: its value (the mean of its institutions''), on the nearest level for binary and ordinal indicators.';
COMMENT ON COLUMN @baseline@.country_ratings.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_ratings.country IS 'Country (the rater).';
COMMENT ON COLUMN @baseline@.country_ratings.axis IS 'Axis of the indicator.';
COMMENT ON COLUMN @baseline@.country_ratings.indicator IS 'Indicator (the unit rated).';
COMMENT ON COLUMN @baseline@.country_ratings.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.country_ratings.rating IS 'The country''s value, on the nearest level for binary and ordinal indicators.';

CREATE VIEW @baseline@.indicator_harmonization AS
SELECT round_no, indicator, axis, kind, @extschema@.tb_n(a)::integer AS countries,
       @extschema@.tb_percent_agreement(a) AS percent_agreement,
       @extschema@.tb_gini_simpson(a) AS gini_simpson,
       @extschema@.tb_entropy(a) AS entropy
  FROM (SELECT round_no, indicator, axis, kind, @extschema@.tb_agreement(indicator, rating) AS a
          FROM @baseline@.country_ratings GROUP BY round_no, indicator, axis, kind) s;
COMMENT ON VIEW @baseline@.indicator_harmonization IS 'How alike the countries'' practices are on each indicator and round: the share of pairs of countries giving the same value, and the diversity of the values (Gini-Simpson, normalised entropy over the values seen).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.countries IS 'Countries with a value.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.percent_agreement IS 'Share (0-1) of pairs of countries with the same value.';
COMMENT ON COLUMN @baseline@.indicator_harmonization.gini_simpson IS 'Gini-Simpson diversity of the values (0: all alike).';
COMMENT ON COLUMN @baseline@.indicator_harmonization.entropy IS 'Entropy of the values over ln of the number of distinct values seen (0: all alike, 1: evenly spread).';

CREATE VIEW @baseline@.axis_harmonization AS
SELECT round_no, axis, kind,
       CASE kind WHEN 'binary' THEN 'nominal' WHEN 'ordinal' THEN 'ordinal' ELSE 'interval' END AS metric,
       @extschema@.tb_units(a) AS indicators, @extschema@.tb_n(a)::integer AS ratings,
       -- with a single indicator, observed and expected disagreement are the same thing: no alpha
       CASE WHEN @extschema@.tb_units(a) >= 2
            THEN @extschema@.tb_alpha(a, CASE kind WHEN 'binary' THEN 'nominal' WHEN 'ordinal' THEN 'ordinal' ELSE 'interval' END)
       END AS alpha,
       @extschema@.tb_percent_agreement(a) AS percent_agreement
  FROM (SELECT round_no, axis, kind, @extschema@.tb_agreement(indicator, rating) AS a
          FROM @baseline@.country_ratings GROUP BY round_no, axis, kind) s;
COMMENT ON VIEW @baseline@.axis_harmonization IS 'Chance-corrected agreement among the countries (raters) over the indicators (units) of each axis and kind, per round: Krippendorff''s alpha with the metric of the kind (binary: nominal; ordinal: ordinal; counts, rates and percentages: interval), and percent agreement. 1: harmonized; 0: no more alike than chance.';
COMMENT ON COLUMN @baseline@.axis_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.axis_harmonization.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.axis_harmonization.metric IS 'Metric of Krippendorff''s alpha.';
COMMENT ON COLUMN @baseline@.axis_harmonization.indicators IS 'Indicators (units).';
COMMENT ON COLUMN @baseline@.axis_harmonization.ratings IS 'Country values (ratings).';
COMMENT ON COLUMN @baseline@.axis_harmonization.alpha IS 'Krippendorff''s alpha; NULL with fewer than two indicators, without two ratings of an indicator, or with a single value overall.';
COMMENT ON COLUMN @baseline@.axis_harmonization.percent_agreement IS 'Mean share of pairs of countries with the same value.';

CREATE VIEW @baseline@.external_harmonization AS
SELECT e.indicator, e.year, @extschema@.tb_n(a)::integer AS countries,
       @extschema@.tb_percent_agreement(a) AS percent_agreement,
       @extschema@.tb_gini_simpson(a) AS gini_simpson
  FROM (SELECT indicator, year, @extschema@.tb_agreement(indicator, value) AS a
          FROM @baseline@.external_values
         WHERE country IN (SELECT country FROM @baseline@.memberships WHERE role = 'member')
         GROUP BY indicator, year) s
  JOIN (SELECT DISTINCT indicator, year FROM @baseline@.external_values) e USING (indicator, year);
COMMENT ON VIEW @baseline@.external_harmonization IS 'External ratings (US TIP tiers) of the member countries, per year: how many were rated, the share of pairs of members with the same tier, and the diversity of tiers.';
COMMENT ON COLUMN @baseline@.external_harmonization.indicator IS 'External indicator.';
COMMENT ON COLUMN @baseline@.external_harmonization.year IS 'Year.';
COMMENT ON COLUMN @baseline@.external_harmonization.countries IS 'Members rated that year.';
COMMENT ON COLUMN @baseline@.external_harmonization.percent_agreement IS 'Share of pairs of members with the same rating.';
COMMENT ON COLUMN @baseline@.external_harmonization.gini_simpson IS 'Gini-Simpson diversity of the ratings.';

CREATE VIEW @baseline@.sigma_convergence AS
SELECT round_no, axis, count(score)::integer AS countries,
       @extschema@.tb_cv(score) AS cv, @extschema@.tb_gini(score) AS gini, @extschema@.tb_theil(score) AS theil
  FROM @baseline@.axis_scores
 GROUP BY round_no, axis;
COMMENT ON VIEW @baseline@.sigma_convergence IS 'Sigma convergence: dispersion of the countries'' axis scores per round (coefficient of variation, Gini, Theil). The region converges on an axis when its dispersion falls from round to round.';
COMMENT ON COLUMN @baseline@.sigma_convergence.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.sigma_convergence.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.sigma_convergence.countries IS 'Countries with a score.';
COMMENT ON COLUMN @baseline@.sigma_convergence.cv IS 'Coefficient of variation of the scores.';
COMMENT ON COLUMN @baseline@.sigma_convergence.gini IS 'Gini coefficient of the scores.';
COMMENT ON COLUMN @baseline@.sigma_convergence.theil IS 'Theil index of the scores.';

CREATE VIEW @baseline@.beta_convergence AS
WITH p AS (SELECT * FROM @baseline@.axis_progress WHERE baseline_score IS NOT NULL AND current_score IS NOT NULL),
     b AS (SELECT axis, count(*)::integer AS countries, min(current_year - baseline_year) AS years,
                  regr_slope((current_score - baseline_score) / (current_year - baseline_year), baseline_score) AS beta
             FROM p GROUP BY axis)
SELECT axis, countries, years, beta,
       CASE WHEN beta < 0 AND 1 + beta * years > 0 THEN -ln(1 + beta * years) / years END AS speed,
       CASE WHEN beta < 0 AND 1 + beta * years > 0 THEN ln(2) / (-ln(1 + beta * years) / years) END AS half_life
  FROM b;
COMMENT ON VIEW @baseline@.beta_convergence IS 'Beta convergence from the baseline to the latest round, per axis: beta is the slope of the countries'' annual change in score on their baseline score (negative: laggards catch up); speed = -ln(1 + beta T) / T per year over the T years, half-life = ln 2 / speed (years to close half of the gaps). Speed and half-life NULL when there is no convergence.';
COMMENT ON COLUMN @baseline@.beta_convergence.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.beta_convergence.countries IS 'Countries with both scores.';
COMMENT ON COLUMN @baseline@.beta_convergence.years IS 'Years from the baseline to the latest round.';
COMMENT ON COLUMN @baseline@.beta_convergence.beta IS 'Slope of annual change on the baseline score (regr_slope).';
COMMENT ON COLUMN @baseline@.beta_convergence.speed IS 'Speed of convergence per year.';
COMMENT ON COLUMN @baseline@.beta_convergence.half_life IS 'Years to close half of the gaps at that speed.';
CREATE VIEW @baseline@.country_practices AS
SELECT round_no, country, @extschema@.tb_practices_jsonb(p) AS practices, @extschema@.tb_cardinality(p) AS practice_count
  FROM (SELECT r.round_no, r.country,
               coalesce(@extschema@.tb_practice_set(r.indicator) FILTER (WHERE r.rating = 1), '{}') AS p
          FROM @baseline@.country_ratings r
         WHERE r.kind = 'binary'
         GROUP BY r.round_no, r.country) s;
COMMENT ON VIEW @baseline@.country_practices IS 'The practices (binary indicators answered yes, on the nearest level) each country has in place, per round.';
COMMENT ON COLUMN @baseline@.country_practices.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_practices.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_practices.practices IS 'Indicator codes of its practices, a jsonb array.';
COMMENT ON COLUMN @baseline@.country_practices.practice_count IS 'How many practices.';

CREATE VIEW @baseline@.country_similarity AS
WITH s AS (
    SELECT r.round_no, r.country,
           coalesce(@extschema@.tb_practice_set(r.indicator) FILTER (WHERE r.rating = 1), '{}') AS p
      FROM @baseline@.country_ratings r WHERE r.kind = 'binary'
     GROUP BY r.round_no, r.country
)
SELECT a.round_no, a.country AS country_a, b.country AS country_b,
       @extschema@.tb_jaccard(a.p, b.p) AS jaccard,
       @extschema@.tb_cardinality(@extschema@.tb_practices_intersect(a.p, b.p)) AS shared_practices
  FROM s a JOIN s b ON a.round_no = b.round_no;
COMMENT ON VIEW @baseline@.country_similarity IS 'Pairwise similarity of the countries'' practice sets per round (every ordered pair, a country with itself included): Jaccard similarity and practices shared.';
COMMENT ON COLUMN @baseline@.country_similarity.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_similarity.country_a IS 'First country.';
COMMENT ON COLUMN @baseline@.country_similarity.country_b IS 'Second country.';
COMMENT ON COLUMN @baseline@.country_similarity.jaccard IS 'Jaccard similarity of their practice sets (1 for two empty sets).';
COMMENT ON COLUMN @baseline@.country_similarity.shared_practices IS 'Practices both have.';
------------------------------------------------------------------------------
-- Serving BI tools: the bi_ tables, refreshed by tb_refresh
------------------------------------------------------------------------------


CREATE TABLE @baseline@.bi_scores (
    round_no integer NOT NULL, country text NOT NULL, axis text NOT NULL,
    score double precision, coverage double precision, traffic_light text,
    PRIMARY KEY (round_no, country, axis));
COMMENT ON TABLE @baseline@.bi_scores IS 'Composite score 0-100 per round, country and axis (@baseline@.axis_scores).';
COMMENT ON COLUMN @baseline@.bi_scores.round_no IS 'Survey round (0 = baseline).';
COMMENT ON COLUMN @baseline@.bi_scores.country IS 'Country, ISO 3166-1 alpha-2.';
COMMENT ON COLUMN @baseline@.bi_scores.axis IS 'Axis: PREV, PROT, PROS, GOV.';
COMMENT ON COLUMN @baseline@.bi_scores.score IS 'Score 0 (worst) - 100 (best); NULL below 80% coverage.';
COMMENT ON COLUMN @baseline@.bi_scores.coverage IS 'Share (0-1) of the axis weight with a score.';
COMMENT ON COLUMN @baseline@.bi_scores.traffic_light IS 'green, yellow, orange or red.';

CREATE TABLE @baseline@.bi_country_scores (
    round_no integer NOT NULL, country text NOT NULL, country_name text,
    score double precision, letter text, traffic_light text, copeland integer,
    PRIMARY KEY (round_no, country));
COMMENT ON TABLE @baseline@.bi_country_scores IS 'Overall score per round and country, letter band, traffic light and Copeland outranking score.';
COMMENT ON COLUMN @baseline@.bi_country_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_country_scores.country IS 'Country, ISO 3166-1 alpha-2.';
COMMENT ON COLUMN @baseline@.bi_country_scores.country_name IS 'Country name in Spanish.';
COMMENT ON COLUMN @baseline@.bi_country_scores.score IS 'Overall score 0-100.';
COMMENT ON COLUMN @baseline@.bi_country_scores.letter IS 'Letter band AAA ... D.';
COMMENT ON COLUMN @baseline@.bi_country_scores.traffic_light IS 'green, yellow, orange or red.';
COMMENT ON COLUMN @baseline@.bi_country_scores.copeland IS 'Copeland score: pairwise wins minus losses.';

CREATE TABLE @baseline@.bi_harmonization (
    round_no integer NOT NULL, axis text NOT NULL, kind text NOT NULL, metric text NOT NULL,
    indicators integer, alpha double precision, percent_agreement double precision,
    PRIMARY KEY (round_no, axis, kind));
COMMENT ON TABLE @baseline@.bi_harmonization IS 'Agreement among countries per round, axis and kind of indicator (@baseline@.axis_harmonization).';
COMMENT ON COLUMN @baseline@.bi_harmonization.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_harmonization.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.bi_harmonization.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.bi_harmonization.metric IS 'Metric of Krippendorff''s alpha.';
COMMENT ON COLUMN @baseline@.bi_harmonization.indicators IS 'Indicators of that axis and kind.';
COMMENT ON COLUMN @baseline@.bi_harmonization.alpha IS 'Krippendorff''s alpha (1: harmonized, 0: chance).';
COMMENT ON COLUMN @baseline@.bi_harmonization.percent_agreement IS 'Share of pairs of countries with the same value.';

CREATE TABLE @baseline@.bi_gaps (
    round_no integer NOT NULL, country text NOT NULL, axis text NOT NULL,
    gap_target_share double precision, gap_frontier_share double precision, gap_median_share double precision,
    PRIMARY KEY (round_no, country, axis));
COMMENT ON TABLE @baseline@.bi_gaps IS 'Weighted share of the way still to go, per round, country and axis (@baseline@.axis_gaps).';
COMMENT ON COLUMN @baseline@.bi_gaps.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_gaps.country IS 'Country.';
COMMENT ON COLUMN @baseline@.bi_gaps.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.bi_gaps.gap_target_share IS 'To the targets (0-1).';
COMMENT ON COLUMN @baseline@.bi_gaps.gap_frontier_share IS 'To the regional frontier (0-1).';
COMMENT ON COLUMN @baseline@.bi_gaps.gap_median_share IS 'To the regional median (0-1).';

CREATE TABLE @baseline@.bi_priorities (
    round_no integer NOT NULL, country text NOT NULL, rank integer NOT NULL, indicator text NOT NULL,
    indicator_name text, gap double precision, weight double precision, weighted_gap double precision,
    poorly_harmonized boolean,
    PRIMARY KEY (round_no, country, rank));
COMMENT ON TABLE @baseline@.bi_priorities IS 'Each country''s top weighted gaps in the latest round (@baseline@.country_priorities).';
COMMENT ON COLUMN @baseline@.bi_priorities.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_priorities.country IS 'Country.';
COMMENT ON COLUMN @baseline@.bi_priorities.rank IS '1 for the largest weighted gap.';
COMMENT ON COLUMN @baseline@.bi_priorities.indicator IS 'Indicator code.';
COMMENT ON COLUMN @baseline@.bi_priorities.indicator_name IS 'Indicator name in Spanish.';
COMMENT ON COLUMN @baseline@.bi_priorities.gap IS 'Gap share (0-1).';
COMMENT ON COLUMN @baseline@.bi_priorities.weight IS 'Indicator weight.';
COMMENT ON COLUMN @baseline@.bi_priorities.weighted_gap IS 'gap * weight.';
COMMENT ON COLUMN @baseline@.bi_priorities.poorly_harmonized IS 'The region is poorly harmonized on the indicator.';

CREATE TABLE @baseline@.bi_coverage (
    round_no integer NOT NULL, country text NOT NULL, axis text NOT NULL,
    expected integer, answered integer, answered_pct numeric,
    PRIMARY KEY (round_no, country, axis));
COMMENT ON TABLE @baseline@.bi_coverage IS 'Indicators answered / expected per round, country and axis (@baseline@.coverage).';
COMMENT ON COLUMN @baseline@.bi_coverage.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_coverage.country IS 'Country.';
COMMENT ON COLUMN @baseline@.bi_coverage.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.bi_coverage.expected IS 'Indicators expected.';
COMMENT ON COLUMN @baseline@.bi_coverage.answered IS 'Indicators answered.';
COMMENT ON COLUMN @baseline@.bi_coverage.answered_pct IS 'answered / expected, percent.';

CREATE TABLE @baseline@.bi_indicator_summaries (
    round_no integer NOT NULL, indicator text NOT NULL,
    countries bigint, mean double precision, stddev double precision, min double precision, max double precision,
    summary jsonb,
    PRIMARY KEY (round_no, indicator));
COMMENT ON TABLE @baseline@.bi_indicator_summaries IS 'Per round and indicator: statistics of the countries'' values, and the exact summary as jsonb (its "state" rolls up: tb.tb_rollup over (summary->>''state'')::tb.tb_summary).';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.countries IS 'Countries with a value.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.mean IS 'Mean of the country values.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.stddev IS 'Sample standard deviation.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.min IS 'Smallest country value.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.max IS 'Largest country value.';
COMMENT ON COLUMN @baseline@.bi_indicator_summaries.summary IS 'The tb_summary as jsonb.';

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
        SELECT c.round_no, c.country, co.name_es, c.score, c.letter, c.traffic_light, k.copeland
          FROM @baseline@.country_scores c
          JOIN @baseline@.countries co ON co.iso2 = c.country
          LEFT JOIN @baseline@.country_copeland k ON k.round_no = c.round_no AND k.country = c.country
         WHERE c.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_harmonization SELECT h.round_no, h.axis, h.kind, h.metric, h.indicators, h.alpha, h.percent_agreement
          FROM @baseline@.axis_harmonization h WHERE h.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_gaps SELECT g.round_no, g.country, g.axis, g.gap_target_share, g.gap_frontier_share, g.gap_median_share
          FROM @baseline@.axis_gaps g WHERE g.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_priorities
        SELECT p.round_no, p.country, p.rank, p.indicator, i.name_es, p.gap, p.weight, p.weighted_gap, p.poorly_harmonized
          FROM @baseline@.country_priorities p JOIN @baseline@.indicators i ON i.code = p.indicator
         WHERE p.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_coverage SELECT c.round_no, c.country, c.axis, c.expected, c.answered, c.answered_pct
          FROM @baseline@.coverage c WHERE c.round_no = r;
        GET DIAGNOSTICS seen = ROW_COUNT; n := n + seen;
        INSERT INTO @baseline@.bi_indicator_summaries
        SELECT q.round_no, q.indicator, @extschema@.tb_n(q.s), @extschema@.tb_mean(q.s), @extschema@.tb_stddev_samp(q.s),
               @extschema@.tb_min(q.s), @extschema@.tb_max(q.s), @extschema@.tb_summary_jsonb(q.s)
          FROM (SELECT v.round_no, v.indicator, @extschema@.tb_summary(v.value) AS s
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
------------------------------------------------------------------------------
-- Pictures: SVG that any client can show
------------------------------------------------------------------------------

CREATE FUNCTION @baseline@.tb_svg_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT replace(replace(replace(replace(t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;') $$;
COMMENT ON FUNCTION @baseline@.tb_svg_text(text) IS 'Text escaped for SVG and HTML (& < > ").';

CREATE FUNCTION @baseline@.tb_svg_colour(score double precision) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT b.colour FROM @baseline@.rating_bands b
                      WHERE b.scheme = 'traffic_light' AND b.label = @baseline@.tb_rate(score)), '#bdbdbd')
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_colour(double precision) IS 'Colour of a score''s traffic-light band (rating_bands); grey for no score.';

CREATE FUNCTION @baseline@.tb_svg_dashboard(round integer DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    svg text;
BEGIN
    WITH c AS (SELECT DISTINCT country FROM @baseline@.axis_scores WHERE round_no = r),
         cr AS (SELECT country, row_number() OVER (ORDER BY country) - 1 AS i FROM c),
         ax AS (SELECT code, sort_order - 1 AS j FROM @baseline@.axes
                 WHERE code IN (SELECT axis FROM @baseline@.axis_scores WHERE round_no = r)),
         dims AS (SELECT (SELECT count(*) FROM cr) AS nc, (SELECT count(*) FROM ax) AS na)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" font-family="sans-serif" font-size="12">',
                  60 + 90 * na, 40 + 26 * nc)
           || format('<title>Scores by country and axis, round %s</title>', r)
           || (SELECT string_agg(format('<text x="%s" y="24" text-anchor="middle" font-weight="bold">%s</text>',
                                        60 + 90 * j + 44, @baseline@.tb_svg_text(code)), '' ORDER BY j) FROM ax)
           || (SELECT string_agg(format('<text x="8" y="%s">%s</text>', 40 + 26 * i + 17,
                                        @baseline@.tb_svg_text(country)), '' ORDER BY i) FROM cr)
           || (SELECT string_agg(format('<rect class="cell" data-country="%s" data-axis="%s" x="%s" y="%s" width="88" height="24" fill="%s"/>'
                                        || '<text x="%s" y="%s" text-anchor="middle">%s</text>',
                                        @baseline@.tb_svg_text(cr.country), @baseline@.tb_svg_text(ax.code),
                                        60 + 90 * ax.j, 40 + 26 * cr.i, @baseline@.tb_svg_colour(s.score),
                                        60 + 90 * ax.j + 44, 40 + 26 * cr.i + 17,
                                        coalesce(round(s.score::numeric)::text, '-')), '' ORDER BY cr.i, ax.j)
                 FROM cr CROSS JOIN ax
                 LEFT JOIN @baseline@.axis_scores s ON s.round_no = r AND s.country = cr.country AND s.axis = ax.code)
           || '</svg>'
      INTO svg FROM dims;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_dashboard(integer) IS 'SVG traffic-light dashboard of countries x axes for a round (the latest by default): one cell per country and axis, coloured by its band, with the score; grey without a score.';

CREATE FUNCTION @baseline@.tb_svg_indicator_dashboard(round integer DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    svg text;
BEGIN
    WITH cr AS (SELECT country, row_number() OVER (ORDER BY country) - 1 AS i
                  FROM (SELECT DISTINCT country FROM @baseline@.indicator_scores WHERE round_no = r) c),
         ir AS (SELECT indicator, row_number() OVER (ORDER BY min(a.sort_order), indicator) - 1 AS j
                  FROM @baseline@.indicator_scores s JOIN @baseline@.axes a ON a.code = s.axis
                 WHERE s.round_no = r GROUP BY indicator),
         dims AS (SELECT (SELECT count(*) FROM cr) AS nc, (SELECT count(*) FROM ir) AS ni)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" font-family="sans-serif" font-size="10">',
                  50 + 16 * ni, 70 + 16 * nc)
           || format('<title>Scores by country and indicator, round %s</title>', r)
           || (SELECT string_agg(format('<text transform="translate(%s,64) rotate(-90)">%s</text>',
                                        50 + 16 * j + 12, @baseline@.tb_svg_text(indicator)), '' ORDER BY j) FROM ir)
           || (SELECT string_agg(format('<text x="6" y="%s">%s</text>', 70 + 16 * i + 12,
                                        @baseline@.tb_svg_text(country)), '' ORDER BY i) FROM cr)
           || (SELECT string_agg(format('<rect class="cell" data-country="%s" data-indicator="%s" x="%s" y="%s" width="15" height="15" fill="%s"><title>%s %s: %s</title></rect>',
                                        @baseline@.tb_svg_text(cr.country), @baseline@.tb_svg_text(ir.indicator),
                                        50 + 16 * ir.j, 70 + 16 * cr.i, @baseline@.tb_svg_colour(s.score),
                                        @baseline@.tb_svg_text(cr.country), @baseline@.tb_svg_text(ir.indicator),
                                        coalesce(round(s.score::numeric)::text, 'no score')), '' ORDER BY cr.i, ir.j)
                 FROM cr CROSS JOIN ir
                 LEFT JOIN @baseline@.indicator_scores s ON s.round_no = r AND s.country = cr.country AND s.indicator = ir.indicator)
           || '</svg>'
      INTO svg FROM dims;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_indicator_dashboard(integer) IS 'SVG traffic-light dashboard of countries x indicators for a round (the latest by default): one cell per country and indicator.';

CREATE FUNCTION @baseline@.tb_svg_harmonization(round integer DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    svg text;
BEGIN
    WITH b AS (SELECT h.axis, h.kind, h.percent_agreement, h.alpha,
                      row_number() OVER (ORDER BY a.sort_order, h.kind) - 1 AS i
                 FROM @baseline@.axis_harmonization h JOIN @baseline@.axes a ON a.code = h.axis
                WHERE h.round_no = r)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="560" height="%s" font-family="sans-serif" font-size="11">',
                  40 + 18 * (SELECT count(*) FROM b))
           || format('<title>Harmonization by axis and kind, round %s</title>', r)
           || '<text x="150" y="14">percent agreement (bar) and alpha (dot), 0 to 1</text>'
           || '<line x1="150" y1="24" x2="150" y2="' || (30 + 18 * (SELECT count(*) FROM b)) || '" stroke="#555"/>'
           || coalesce((SELECT string_agg(format('<text x="6" y="%s">%s %s</text>'
                                                 || '<rect class="bar" x="150" y="%s" width="%s" height="12" fill="#5c8fd6"/>'
                                                 || '%s',
                                                 36 + 18 * i, @baseline@.tb_svg_text(axis), @baseline@.tb_svg_text(kind),
                                                 27 + 18 * i, round(300 * coalesce(percent_agreement, 0)),
                                                 CASE WHEN alpha IS NULL THEN ''
                                                      ELSE format('<circle cx="%s" cy="%s" r="4" fill="#c62828"/>',
                                                                  150 + round(300 * greatest(alpha, 0)), 33 + 18 * i) END),
                                          '' ORDER BY i) FROM b), '')
           || '</svg>'
      INTO svg;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_harmonization(integer) IS 'SVG chart of harmonization per axis and kind for a round: percent agreement as a bar, Krippendorff''s alpha as a dot (negative alpha drawn at 0).';

CREATE FUNCTION @baseline@.tb_svg_progress()
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    svg text;
BEGIN
    WITH cr AS (SELECT country, row_number() OVER (ORDER BY country) - 1 AS i
                  FROM (SELECT DISTINCT country FROM @baseline@.axis_progress) c),
         ax AS (SELECT code, sort_order - 1 AS j FROM @baseline@.axes),
         dims AS (SELECT (SELECT count(*) FROM cr) AS nc)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" font-family="sans-serif" font-size="11">',
                  50 + 130 * 4, 40 + 20 * nc)
           || '<title>Axis scores from the baseline (grey) to the latest round (coloured by trend)</title>'
           || (SELECT string_agg(format('<text x="%s" y="20" font-weight="bold">%s</text>', 50 + 130 * j, code), '' ORDER BY j) FROM ax)
           || (SELECT string_agg(format('<text x="6" y="%s">%s</text>', 40 + 20 * i + 4, @baseline@.tb_svg_text(country)), '' ORDER BY i) FROM cr)
           || coalesce((SELECT string_agg(
                  format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#999"/><circle cx="%s" cy="%s" r="3" fill="#999"/>'
                         || '<circle class="point" cx="%s" cy="%s" r="4" fill="%s"><title>%s %s: %s to %s, %s</title></circle>',
                         50 + 130 * ax.j + round(p.baseline_score), 40 + 20 * cr.i,
                         50 + 130 * ax.j + round(p.current_score), 40 + 20 * cr.i,
                         50 + 130 * ax.j + round(p.baseline_score), 40 + 20 * cr.i,
                         50 + 130 * ax.j + round(p.current_score), 40 + 20 * cr.i,
                         CASE p.trend WHEN 'on track' THEN '#2e7d32' WHEN 'moderately improving' THEN '#f9a825'
                                      WHEN 'stagnating' THEN '#ef6c00' ELSE '#c62828' END,
                         @baseline@.tb_svg_text(cr.country), ax.code, round(p.baseline_score), round(p.current_score),
                         @baseline@.tb_svg_text(p.trend)), '' ORDER BY cr.i, ax.j)
                 FROM cr JOIN @baseline@.axis_progress p ON p.country = cr.country
                 JOIN ax ON ax.code = p.axis
                WHERE p.baseline_score IS NOT NULL AND p.current_score IS NOT NULL), '')
           || '</svg>'
      INTO svg FROM dims;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_progress() IS 'SVG progress chart: each country''s axis scores (0-100 across each column) from the baseline (grey) to the latest round (coloured by its trend: on track, moderately improving, stagnating, decreasing).';
$tb_text$::text $tb_body$;
COMMENT ON FUNCTION @extschema@.tb_baseline_template() IS
'The SQL tb_create_baseline runs to create a baseline, with @baseline@ standing for its schema.';

CREATE FUNCTION @extschema@.tb_baseline_reference_rows()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $tb_body$ SELECT $tb_text$
------------------------------------------------------------------------------
-- Shipped reference rows
------------------------------------------------------------------------------

INSERT INTO @baseline@.axes (code, name_es, name_pt, name_en, sort_order, shipped) VALUES
  ('PREV', 'Prevención', 'Prevenção', 'Prevention', 1, true),
  ('PROT', 'Protección y asistencia', 'Proteção e assistência', 'Protection and assistance', 2, true),
  ('PROS', 'Persecución y judicialización', 'Persecução e judicialização', 'Prosecution', 3, true),
  ('GOV', 'Gobernanza y coordinación interinstitucional', 'Governança e coordenação interinstitucional',
   'Governance and inter-institutional coordination', 4, true);

INSERT INTO @baseline@.countries (iso2, iso3, iso_numeric, name_es, name_pt, name_en, shipped) VALUES
  ('AR', 'ARG', 32, 'Argentina', 'Argentina', 'Argentina', true),
  ('BR', 'BRA', 76, 'Brasil', 'Brasil', 'Brazil', true),
  ('CL', 'CHL', 152, 'Chile', 'Chile', 'Chile', true),
  ('CO', 'COL', 170, 'Colombia', 'Colômbia', 'Colombia', true),
  ('CR', 'CRI', 188, 'Costa Rica', 'Costa Rica', 'Costa Rica', true),
  ('DO', 'DOM', 214, 'República Dominicana', 'República Dominicana', 'Dominican Republic', true),
  ('EC', 'ECU', 218, 'Ecuador', 'Equador', 'Ecuador', true),
  ('GY', 'GUY', 328, 'Guyana', 'Guiana', 'Guyana', true),
  ('MX', 'MEX', 484, 'México', 'México', 'Mexico', true),
  ('PA', 'PAN', 591, 'Panamá', 'Panamá', 'Panama', true),
  ('PE', 'PER', 604, 'Perú', 'Peru', 'Peru', true),
  ('PY', 'PRY', 600, 'Paraguay', 'Paraguai', 'Paraguay', true),
  ('UY', 'URY', 858, 'Uruguay', 'Uruguai', 'Uruguay', true),
  ('CW', 'CUW', 531, 'Curazao', 'Curaçao', 'Curaçao', true),
  ('VE', 'VEN', 862, 'Venezuela', 'Venezuela', 'Venezuela', true);

INSERT INTO @baseline@.answer_vocabulary (term, applies_to, meaning, value, lang, shipped)
SELECT @extschema@.tb_fold(t), a, 'value', v, l, true
  FROM (VALUES
    ('sí', 'binary', 1, 'es'), ('no', 'binary', 0, NULL), ('sim', 'binary', 1, 'pt'),
    ('não', 'binary', 0, 'pt'), ('yes', 'binary', 1, 'en'), ('y', 'binary', 1, 'en'),
    ('n', 'binary', 0, NULL), ('s', 'binary', 1, NULL), ('oui', 'binary', 1, 'fr'), ('non', 'binary', 0, 'fr'),
    ('ninguno', 'ordinal', 0, 'es'), ('ninguna', 'ordinal', 0, 'es'), ('no existe', 'ordinal', 0, 'es'),
    ('nenhum', 'ordinal', 0, 'pt'), ('nenhuma', 'ordinal', 0, 'pt'), ('não existe', 'ordinal', 0, 'pt'),
    ('none', 'ordinal', 0, 'en'), ('not in place', 'ordinal', 0, 'en'),
    ('planificado', 'ordinal', 1, 'es'), ('planificada', 'ordinal', 1, 'es'), ('en planificación', 'ordinal', 1, 'es'),
    ('planeado', 'ordinal', 1, 'es'), ('planeada', 'ordinal', 1, 'es'), ('previsto', 'ordinal', 1, 'es'),
    ('planejado', 'ordinal', 1, 'pt'), ('planejada', 'ordinal', 1, 'pt'), ('em planejamento', 'ordinal', 1, 'pt'),
    ('planned', 'ordinal', 1, 'en'),
    ('parcial', 'ordinal', 2, NULL), ('parcialmente implementado', 'ordinal', 2, NULL),
    ('parcialmente implementada', 'ordinal', 2, NULL), ('parcialmente implementados', 'ordinal', 2, NULL),
    ('parcialmente implementadas', 'ordinal', 2, NULL), ('implementado parcialmente', 'ordinal', 2, NULL),
    ('implementada parcialmente', 'ordinal', 2, NULL), ('partial', 'ordinal', 2, 'en'),
    ('partially implemented', 'ordinal', 2, 'en'), ('partly implemented', 'ordinal', 2, 'en'),
    ('implementado', 'ordinal', 3, NULL), ('implementada', 'ordinal', 3, NULL),
    ('implementados', 'ordinal', 3, NULL), ('implementadas', 'ordinal', 3, NULL),
    ('implantado', 'ordinal', 3, 'pt'), ('implantada', 'ordinal', 3, 'pt'), ('implemented', 'ordinal', 3, 'en'),
    ('institucionalizado', 'ordinal', 4, NULL), ('institucionalizada', 'ordinal', 4, NULL),
    ('institucionalizados', 'ordinal', 4, NULL), ('institucionalizadas', 'ordinal', 4, NULL),
    ('institutionalized', 'ordinal', 4, 'en'), ('institutionalised', 'ordinal', 4, 'en')
  ) AS w(t, a, v, l);

INSERT INTO @baseline@.answer_vocabulary (term, applies_to, meaning, lang, shipped)
SELECT @extschema@.tb_fold(t), 'any', m, l, true
  FROM (VALUES
    ('no aplica', 'not_applicable', 'es'), ('no corresponde', 'not_applicable', 'es'),
    ('n/a', 'not_applicable', NULL), ('na', 'not_applicable', NULL), ('n.a.', 'not_applicable', NULL),
    ('não se aplica', 'not_applicable', 'pt'), ('não aplicável', 'not_applicable', 'pt'),
    ('not applicable', 'not_applicable', 'en'), ('sin dato', 'unknown', 'es'),
    ('no sabe', 'unknown', 'es'), ('no se sabe', 'unknown', 'es'), ('ns', 'unknown', NULL),
    ('ns/nr', 'unknown', NULL), ('desconocido', 'unknown', 'es'), ('sin información', 'unknown', 'es'),
    ('não sabe', 'unknown', 'pt'), ('não sei', 'unknown', 'pt'), ('sem informação', 'unknown', 'pt'),
    ('desconhecido', 'unknown', 'pt'), ('don''t know', 'unknown', 'en'), ('dont know', 'unknown', 'en'),
    ('unknown', 'unknown', 'en'), ('no data', 'unknown', 'en')
  ) AS w(t, m, l);

INSERT INTO @baseline@.rating_bands (scheme, label, min_score, colour, shipped) VALUES
  ('traffic_light', 'green', 80, '#2e7d32', true),
  ('traffic_light', 'yellow', 60, '#f9a825', true),
  ('traffic_light', 'orange', 40, '#ef6c00', true),
  ('traffic_light', 'red', 0, '#c62828', true),
  ('letter', 'AAA', 90, '#1b5e20', true), ('letter', 'AA', 80, '#2e7d32', true),
  ('letter', 'A', 70, '#558b2f', true), ('letter', 'BBB', 60, '#9e9d24', true),
  ('letter', 'BB', 50, '#f9a825', true), ('letter', 'B', 40, '#ff8f00', true),
  ('letter', 'CCC', 30, '#ef6c00', true), ('letter', 'CC', 20, '#e65100', true),
  ('letter', 'C', 10, '#d84315', true), ('letter', 'D', 0, '#c62828', true);
$tb_text$::text $tb_body$;
COMMENT ON FUNCTION @extschema@.tb_baseline_reference_rows() IS
'The reference rows a new baseline gets (axes, member countries, answer vocabulary, rating bands), with @baseline@ standing for its schema.';

CREATE FUNCTION @extschema@.tb_baseline_roles_template()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $tb_body$ SELECT $tb_text$
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
$tb_text$::text $tb_body$;
COMMENT ON FUNCTION @extschema@.tb_baseline_roles_template() IS
'The grants and row-level security policies tb_create_baseline_roles runs, with @baseline@ standing for the schema.';

------------------------------------------------------------------------------
-- Baselines: schemas of user-owned tables the extension creates on request
------------------------------------------------------------------------------

/*
 * The extension is a library.  A baseline (catalogue, answers, rejects,
 * loads, views, BI tables, functions that write them) is created by
 * tb_create_baseline in a schema the caller names and owns; its objects are
 * not members of the extension, so DROP EXTENSION refuses while a baseline
 * uses the extension's types and functions, and nothing is lost by
 * accident.  The registry below lists the baselines, for upgrades.
 */

CREATE TABLE @extschema@.baselines (
    schema_name   name PRIMARY KEY,
    model_version text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by    name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE @extschema@.baselines IS 'Registry of the baselines in this database: the schema of each and the version of the baseline model its tables follow. Written by tb_create_baseline and tb_drop_baseline; ALTER EXTENSION UPDATE migrates every baseline listed.';
COMMENT ON COLUMN @extschema@.baselines.schema_name IS 'Schema holding the baseline.';
COMMENT ON COLUMN @extschema@.baselines.model_version IS 'Extension version whose baseline model the schema follows.';
COMMENT ON COLUMN @extschema@.baselines.created_at IS 'When the baseline was created.';
COMMENT ON COLUMN @extschema@.baselines.created_by IS 'Role that created it.';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.baselines', '');
-- Anyone may register a schema they own, and nothing else.
ALTER TABLE @extschema@.baselines ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON @extschema@.baselines TO PUBLIC;
CREATE POLICY baselines_read ON @extschema@.baselines FOR SELECT USING (true);
CREATE POLICY baselines_register_own ON @extschema@.baselines FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                         WHERE n.nspname = schema_name
                           AND pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE')));
CREATE POLICY baselines_unregister_own ON @extschema@.baselines FOR DELETE
    USING (NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = schema_name)
           OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                       WHERE n.nspname = schema_name
                         AND pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE')));

CREATE FUNCTION @extschema@.tb_baseline_name_check(schema_name text)
RETURNS name
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Role names are built from it (schema_name || '_focal_point'), and it
    -- is written into the baseline's definitions: a plain lower-case word.
    IF schema_name IS NULL OR schema_name !~ '^[a-z_][a-z0-9_]{0,39}$' OR schema_name ~ '^pg_'
       OR quote_ident(schema_name) <> schema_name OR schema_name IN ('tb', 'public', 'information_schema') THEN
        RAISE EXCEPTION 'invalid baseline name %', quote_literal(coalesce(schema_name, 'NULL'))
            USING ERRCODE = 'invalid_schema_name',
                  DETAIL = 'A baseline''s schema name is 1 to 40 lower-case letters, digits and underscores, starts with a letter or underscore, is not a reserved word, and is not tb, public or pg_*.',
                  HINT = 'For example: quito, quito_test, rcm_2026.';
    END IF;
    RETURN schema_name::name;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_baseline_name_check(text) IS
'Returns schema_name if it can name a baseline (1-40 lower-case letters, digits, underscores; not a reserved word; not tb, public or pg_*), else raises 3F000 saying what a name must be.';

CREATE FUNCTION @extschema@.tb_baseline_role_names(schema_name text)
RETURNS name[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ARRAY[schema_name || '_analyst', schema_name || '_loader', schema_name || '_focal_point',
                 schema_name || '_bi_reader']::name[]
$$;
COMMENT ON FUNCTION @extschema@.tb_baseline_role_names(text) IS
'The names of a baseline''s four roles: <schema>_analyst, <schema>_loader, <schema>_focal_point, <schema>_bi_reader (what tb_create_baseline_roles makes and tb_drop_baseline drops).';

CREATE FUNCTION @extschema@.tb_registered_baseline(schema_name text)
RETURNS name
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_baseline_name_check(schema_name);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.baselines b WHERE b.schema_name = s) THEN
        RAISE EXCEPTION 'no baseline %', s
            USING ERRCODE = 'invalid_schema_name',
                  HINT = 'tb.baselines lists the baselines; tb.tb_create_baseline makes one. A schema not listed there is not touched.';
    END IF;
    RETURN s;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_registered_baseline(text) IS
'Returns schema_name if it names a baseline registered in tb.baselines, else raises 3F000.';

CREATE FUNCTION @extschema@.tb_create_baseline(schema_name text, reference_rows boolean DEFAULT true)
RETURNS name
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_baseline_name_check(schema_name);
BEGIN
    IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
        RAISE EXCEPTION 'a baseline requires a UTF8 database'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = format('The database encoding is %s; answers are matched by ICU text folding, which needs UTF8.',
                                  pg_catalog.getdatabaseencoding()),
                  HINT = 'Create the database with ENCODING ''UTF8''.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s) THEN
        RAISE EXCEPTION 'schema % already exists', s
            USING ERRCODE = 'duplicate_schema',
                  HINT = 'A baseline gets a schema of its own: choose another name, or drop the old baseline with tb.tb_drop_baseline.';
    END IF;
    EXECUTE format('CREATE SCHEMA %I', s);
    EXECUTE replace(@extschema@.tb_baseline_template(), '@baseline@', s);
    IF reference_rows THEN
        EXECUTE replace(@extschema@.tb_baseline_reference_rows(), '@baseline@', s);
    END IF;
    EXECUTE format('COMMENT ON SCHEMA %I IS %L', s,
                   'A baseline of the trafficking_baseline extension (model ' || @extschema@.tb_baseline_model_version()
                   || '): catalogue, answers exactly as received, rejects, loads, views and BI tables. Made by tb.tb_create_baseline.');
    INSERT INTO @extschema@.baselines (schema_name, model_version) VALUES (s, @extschema@.tb_baseline_model_version());
    RETURN s;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_create_baseline(text, boolean) IS
'Creates a baseline in a new schema named schema_name, owned by the caller: the catalogue (countries, memberships, axes, indicators, rounds, institutions, answer vocabulary, rating bands), answers, rejects, loads, the history of corrections, the scoring, gap and harmonization views, the bi_ tables and the functions that load and refresh them. reference_rows (default true) fills the shipped reference rows (axes, member countries, vocabulary, rating bands). No role is created: see tb_create_baseline_roles. Registered in tb.baselines. Returns the schema name.';

CREATE FUNCTION @extschema@.tb_create_baseline_roles(schema_name text)
RETURNS SETOF name
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_registered_baseline(schema_name);
    r name;
BEGIN
    FOREACH r IN ARRAY @extschema@.tb_baseline_role_names(s) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
        RETURN NEXT r;
    END LOOP;
    EXECUTE replace(@extschema@.tb_baseline_roles_template(), '@baseline@', s);
END
$$;
COMMENT ON FUNCTION @extschema@.tb_create_baseline_roles(text) IS
'Creates (when absent) the four NOLOGIN roles of a baseline and grants them what they may do: <schema>_analyst reads everything; <schema>_loader fills the import table, runs tb_load_responses and tb_refresh; <schema>_focal_point reads its own country''s answers (row-level security), the catalogue and the bi_ tables, and writes through submit_answer and withdraw_answer; <schema>_bi_reader reads the bi_ tables only. Needs a caller allowed to create roles. Idempotent. Returns the role names.';

CREATE FUNCTION @extschema@.tb_drop_baseline(schema_name text, drop_roles boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s name := @extschema@.tb_registered_baseline(schema_name);
    r name;
BEGIN
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', s);
    DELETE FROM @extschema@.baselines b WHERE b.schema_name = s;
    IF drop_roles THEN
        FOREACH r IN ARRAY @extschema@.tb_baseline_role_names(s) LOOP
            CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r);
            -- roles are cluster-wide: a baseline of the same name in another
            -- database may still use them
            BEGIN
                EXECUTE format('DROP ROLE %I', r);
            EXCEPTION WHEN dependent_objects_still_exist THEN
                RAISE NOTICE 'role % kept: %', r, SQLERRM;
            END;
        END LOOP;
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.tb_drop_baseline(text, boolean) IS
'Drops a baseline explicitly: its schema with every table and its data, its registry row, and (drop_roles, default true) its four roles, unless a baseline of the same name in another database still uses them (roles are cluster-wide; a notice says so). The only way the extension deletes answers. Focal-point roles made by tb_create_focal_point stay.';

CREATE FUNCTION @extschema@.tb_baseline_model_version()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT '0.3'::text $$;
COMMENT ON FUNCTION @extschema@.tb_baseline_model_version() IS
'Version of the baseline model this extension version creates (recorded in tb.baselines.model_version).';
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
