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
