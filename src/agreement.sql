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
