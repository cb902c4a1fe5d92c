------------------------------------------------------------------------------
-- Indicator matrix: units by indicators with their axes, weights and
-- directions in one value; the composite indicator and its uncertainty
-- (C, src/matrix.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_matrix;

CREATE FUNCTION @extschema@.tb_matrix_in(cstring) RETURNS @extschema@.tb_matrix
AS 'MODULE_PATHNAME', 'tb_matrix_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_in(cstring) IS 'Text input of tb_matrix: [("unit","indicator",value,"axis",weight,higher|lower) ...], value NULL when missing, cells in any order; checked as the aggregate checks its rows.';
CREATE FUNCTION @extschema@.tb_matrix_out(@extschema@.tb_matrix) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_matrix_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_out(@extschema@.tb_matrix) IS 'Canonical text output of tb_matrix: cells sorted by indicator then unit (byte order), doubles shortest-exact; reads back to the same value.';
CREATE FUNCTION @extschema@.tb_matrix_recv(internal) RETURNS @extschema@.tb_matrix
AS 'MODULE_PATHNAME', 'tb_matrix_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_recv(internal) IS 'Binary input of tb_matrix; checks the version, the lengths, the encoding of the names, the flags, that values and weights are finite (weights > 0), and the matrix as a whole.';
CREATE FUNCTION @extschema@.tb_matrix_send(@extschema@.tb_matrix) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_matrix_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_send(@extschema@.tb_matrix) IS 'Binary output of tb_matrix.';

CREATE TYPE @extschema@.tb_matrix (
    INPUT = @extschema@.tb_matrix_in,
    OUTPUT = @extschema@.tb_matrix_out,
    RECEIVE = @extschema@.tb_matrix_recv,
    SEND = @extschema@.tb_matrix_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.tb_matrix IS 'The indicator matrix: cells (unit, indicator, value or missing), each indicator with its axis, weight and direction; at most 100,000 units, 10,000 indicators and 10 million cells. Built by tb_matrix(unit, indicator, value, axis, weight, direction), merged by tb_rollup, read by tb_matrix_scores and tb_matrix_uncertainty.';

CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, text, text, double precision, text, double precision, text)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, text, text, double precision, text, double precision, text) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction): appends the cell (value NULL: missing).';
CREATE FUNCTION @extschema@.tb_matrix_combine(@extschema@.tb_matrix, @extschema@.tb_matrix)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_combine(@extschema@.tb_matrix, @extschema@.tb_matrix) IS 'Combine function of tb_matrix, and transition function of tb_rollup(tb_matrix): the cells of both.';
CREATE FUNCTION @extschema@.tb_matrix_final(@extschema@.tb_matrix)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_final(@extschema@.tb_matrix) IS 'Final function of tb_matrix and tb_rollup(tb_matrix): the canonical matrix, checked (a cell given twice: 23505; an indicator defined two ways: 22023; the limits: 54000); an empty one when there were no rows.';

CREATE AGGREGATE @extschema@.tb_matrix(unit text, indicator text, value double precision, axis text,
                                       weight double precision, direction text) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(text, text, double precision, text, double precision, text) IS
'The indicator matrix of one row per (unit, indicator): the value (NULL: missing), and the indicator''s axis, weight (> 0) and direction (higher or lower), the same on each of its rows. A cell given twice is an error (23505), in one aggregate or across rolled-up states. Read it with tb_matrix_scores and tb_matrix_uncertainty, store it, roll it up with tb_rollup.';
CREATE AGGREGATE @extschema@.tb_rollup(@extschema@.tb_matrix) (
    SFUNC = @extschema@.tb_matrix_combine, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_rollup(@extschema@.tb_matrix) IS 'Merges stored indicator matrices (of other units or other indicators): exactly the matrix of all their rows; a cell in two of them is an error.';

CREATE FUNCTION @extschema@.tb_matrix_scores(m @extschema@.tb_matrix, normalisation text DEFAULT 'minmax',
    aggregation text DEFAULT 'arithmetic', min_coverage double precision DEFAULT 0.8,
    OUT unit text, OUT axis text, OUT score double precision, OUT rank integer)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION @extschema@.tb_matrix_scores(@extschema@.tb_matrix, text, text, double precision) IS
'Composite scores of every unit: one row per axis and one with axis NULL for the overall score, units in byte order, axes sorted, overall last. Each indicator is normalised over the units with a value: minmax (tb_norm_minmax on 0-100), zscore (tb_norm_zscore) or rank (tb_percent_rank on 0-100), all direction-aware; an axis score is the weighted arithmetic or geometric mean of its indicators (tb_wmean, tb_wgeomean: a missing cell is missing weight, NULL below min_coverage of the axis''s weight); the overall score the same mean of the axis scores with equal weights and the same coverage rule. zscore with geometric is refused (z-scores can be negative). rank: 1 the best, ties share the lowest (as rank()), NULL with the score.';

CREATE FUNCTION @extschema@.tb_matrix_uncertainty(m @extschema@.tb_matrix, runs integer DEFAULT 1000,
    weight_range double precision DEFAULT 0.25, seed bigint DEFAULT 1,
    OUT unit text, OUT nominal_rank integer, OUT median_rank double precision,
    OUT rank_p05 double precision, OUT rank_p95 double precision, OUT mean_abs_shift double precision)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_uncertainty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION @extschema@.tb_matrix_uncertainty(@extschema@.tb_matrix, integer, double precision, bigint) IS
'Uncertainty of the overall ranks under the analyst''s choices: runs seeded runs, each drawing every indicator''s weight uniformly within weight * (1 +- weight_range), the normalisation (minmax, zscore, rank), the aggregation (arithmetic, geometric; arithmetic with zscore) and, with probability 1/2, one indicator left out, then ranking the units on the overall score (coverage 0.8). Per unit: nominal_rank (tb_matrix_scores with its defaults), the median and the 5th and 95th percentiles of its ranks (type 7) and the mean absolute shift from the nominal rank, over the runs that ranked it. runs 1 to 100,000, units x runs at most 25 million, 0 <= weight_range < 1. Same seed, same result.';
