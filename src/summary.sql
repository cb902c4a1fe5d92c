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
