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
COMMENT ON TYPE @extschema@.tb_matrix IS 'The indicator matrix: cells (unit, indicator, value or missing, marked imputed or treated), each indicator with its axis, weight, direction and optional goalposts and target; at most 100,000 units, 10,000 indicators and 10 million cells. Built by tb_matrix(unit, indicator, value, axis, weight, direction [, lower, upper, target]), merged by tb_rollup, screened, imputed and treated by tb_matrix_screened, tb_matrix_impute and tb_matrix_treat, read by tb_matrix_scores, tb_matrix_coherence, tb_matrix_correlate, tb_matrix_cells and tb_matrix_uncertainty.';

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
CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, text, text, double precision, text, double precision, text,
                                          double precision, double precision, double precision)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, text, text, double precision, text, double precision, text, double precision, double precision, double precision) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction, lower, upper, target): appends the cell with its indicator''s goalposts and target (NULL: none).';
CREATE AGGREGATE @extschema@.tb_matrix(unit text, indicator text, value double precision, axis text,
                                       weight double precision, direction text,
                                       lower double precision, upper double precision, target double precision) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(text, text, double precision, text, double precision, text, double precision, double precision, double precision) IS
'The indicator matrix with each indicator''s goalposts (lower < upper, both or neither NULL) and target (NULL: none; > 0, or >= 0 when lower is better), the same on each of its rows, for the normalisations goalposts and target; otherwise as the six-argument tb_matrix, with which it merges.';

-- The same with the unit, indicator and axis as integer keys (the ids of a
-- star schema's dimensions): a row costs a lookup and no text; each key is
-- named by its decimal text, so both forms merge.
CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, bigint, bigint, double precision, bigint, double precision, text)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add_keys' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, bigint, bigint, double precision, bigint, double precision, text) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction) with integer keys: appends the cell, the keys named by their decimal text.';
CREATE AGGREGATE @extschema@.tb_matrix(unit bigint, indicator bigint, value double precision, axis bigint,
                                       weight double precision, direction text) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(bigint, bigint, double precision, bigint, double precision, text) IS
'The indicator matrix with the unit, indicator and axis given as integer keys (integer or bigint columns), each named by its decimal text: the same matrix as tb_matrix(unit::text, indicator::text, value, axis::text, weight, direction), without converting every row''s keys to text.';
CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, bigint, bigint, double precision, bigint, double precision, text,
                                          double precision, double precision, double precision)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add_keys' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, bigint, bigint, double precision, bigint, double precision, text, double precision, double precision, double precision) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction, lower, upper, target) with integer keys.';
CREATE AGGREGATE @extschema@.tb_matrix(unit bigint, indicator bigint, value double precision, axis bigint,
                                       weight double precision, direction text,
                                       lower double precision, upper double precision, target double precision) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(bigint, bigint, double precision, bigint, double precision, text, double precision, double precision, double precision) IS
'The indicator matrix with goalposts and target (as the nine-argument tb_matrix), the unit, indicator and axis given as integer keys named by their decimal text.';
-- integer columns as they are (each cast to bigint would cost a function
-- call a key and a row): the same matrices as the bigint forms
CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, integer, integer, double precision, integer, double precision, text)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add_int_keys' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, integer, integer, double precision, integer, double precision, text) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction) with integer keys of type integer.';
CREATE AGGREGATE @extschema@.tb_matrix(unit integer, indicator integer, value double precision, axis integer,
                                       weight double precision, direction text) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(integer, integer, double precision, integer, double precision, text) IS
'The indicator matrix with integer keys of type integer: the same matrix as tb_matrix(unit::bigint, indicator::bigint, value, axis::bigint, weight, direction).';
CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, integer, integer, double precision, integer, double precision, text,
                                          double precision, double precision, double precision)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add_int_keys' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, integer, integer, double precision, integer, double precision, text, double precision, double precision, double precision) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction, lower, upper, target) with integer keys of type integer.';
CREATE AGGREGATE @extschema@.tb_matrix(unit integer, indicator integer, value double precision, axis integer,
                                       weight double precision, direction text,
                                       lower double precision, upper double precision, target double precision) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(integer, integer, double precision, integer, double precision, text, double precision, double precision, double precision) IS
'The indicator matrix with goalposts and target, integer keys of type integer: the same matrix as the bigint form.';
-- smallint columns (which would fit both forms above, and so neither)
CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, smallint, smallint, double precision, smallint, double precision, text)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add_small_keys' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, smallint, smallint, double precision, smallint, double precision, text) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction) with integer keys of type smallint.';
CREATE AGGREGATE @extschema@.tb_matrix(unit smallint, indicator smallint, value double precision, axis smallint,
                                       weight double precision, direction text) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(smallint, smallint, double precision, smallint, double precision, text) IS
'The indicator matrix with integer keys of type smallint: the same matrix as tb_matrix(unit::bigint, indicator::bigint, value, axis::bigint, weight, direction).';
CREATE FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, smallint, smallint, double precision, smallint, double precision, text,
                                          double precision, double precision, double precision)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_add_small_keys' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_add(@extschema@.tb_matrix, smallint, smallint, double precision, smallint, double precision, text, double precision, double precision, double precision) IS 'Transition function of tb_matrix(unit, indicator, value, axis, weight, direction, lower, upper, target) with integer keys of type smallint.';
CREATE AGGREGATE @extschema@.tb_matrix(unit smallint, indicator smallint, value double precision, axis smallint,
                                       weight double precision, direction text,
                                       lower double precision, upper double precision, target double precision) (
    SFUNC = @extschema@.tb_matrix_add, STYPE = @extschema@.tb_matrix,
    COMBINEFUNC = @extschema@.tb_matrix_combine, FINALFUNC = @extschema@.tb_matrix_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_matrix(smallint, smallint, double precision, smallint, double precision, text, double precision, double precision, double precision) IS
'The indicator matrix with goalposts and target, integer keys of type smallint: the same matrix as the bigint form.';

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
'Composite scores of every unit: one row per axis and one with axis NULL for the overall score, units in byte order, axes sorted, overall last. Each indicator is normalised over the units with a value: minmax (tb_norm_minmax on 0-100), zscore (tb_norm_zscore), rank or percent_rank (tb_percent_rank on 0-100), goalposts (tb_norm_goalposts on 0-100 with the indicator''s goalposts), target (tb_norm_target on 0-100 with its target) or ordinal (1 + the units strictly worse: tb_rank in the other direction), all direction-aware; an axis score is the weighted arithmetic, geometric or harmonic mean of its indicators (tb_wmean, tb_wgeomean, tb_wharmean: a missing cell is missing weight, NULL below min_coverage of the axis''s weight), their weighted median, or their Copeland score (wins - losses in weighted pairwise majorities over the indicators both units have, among the units that meet the coverage rule); the overall score the same aggregation of the axis scores with equal weights and the same coverage rule. zscore with geometric or harmonic is refused (z-scores can be negative). rank: 1 the best, ties share the lowest (as rank()), NULL with the score.';

CREATE FUNCTION @extschema@.tb_matrix_uncertainty(m @extschema@.tb_matrix, runs integer DEFAULT 1000,
    weight_range double precision DEFAULT 0.25, seed bigint DEFAULT 1,
    OUT unit text, OUT nominal_rank integer, OUT median_rank double precision,
    OUT rank_p05 double precision, OUT rank_p95 double precision, OUT mean_abs_shift double precision)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_uncertainty' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION @extschema@.tb_matrix_uncertainty(@extschema@.tb_matrix, integer, double precision, bigint) IS
'Uncertainty of the overall ranks under the analyst''s choices: runs seeded runs, each drawing every indicator''s weight uniformly within weight * (1 +- weight_range), the normalisation (minmax, zscore, rank), the aggregation (arithmetic or geometric; arithmetic with zscore; a geometric run reads the normalised values moved onto 1-100, as COINr does, so that a unit last on one indicator is not scored 0), whether missing cells are imputed (with probability 1/2, by the indicator''s mean normalised value) and, with probability 1/2, one indicator left out, then ranking the units on the overall score (80% coverage of each axis''s weight and of the axes); a unit without a nominal score (too little coverage) is ranked in no run, so that the runs which impute its values do not push the others down. Per unit: nominal_rank (tb_matrix_scores with its defaults), the median and the 5th and 95th percentiles of its ranks (type 7) and the mean absolute shift from the nominal rank, over the runs that ranked it. Each indicator is normalised once per method (a dense grid of units x indicators, at most 10 million cells) and a run''s sums are plain doubles. runs 1 to 100,000, units x runs at most 25 million, 0 <= weight_range < 1. Same seed, same result.';

CREATE FUNCTION @extschema@.tb_matrix_sensitivity(m @extschema@.tb_matrix, n integer DEFAULT 1024,
    weight_range double precision DEFAULT 0.25, seed bigint DEFAULT 1, reps integer DEFAULT 1000,
    OUT input text, OUT first_order double precision, OUT first_lower double precision, OUT first_upper double precision,
    OUT total_effect double precision, OUT total_lower double precision, OUT total_upper double precision)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_sensitivity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION @extschema@.tb_matrix_sensitivity(@extschema@.tb_matrix, integer, double precision, bigint, integer) IS
'Which of the analyst''s choices moves the ranks: variance-based first-order and total-effect (Sobol) indices of five inputs (weights, as one group drawn within weight * (1 +- weight_range); normalisation; aggregation; imputation; indicator left out, each as tb_matrix_uncertainty draws them) on the mean absolute shift of the units'' ranks from the nominal ranks. The Saltelli (2010) design of n base samples from a randomly shifted Sobol'' sequence (seed), n x 7 runs of the matrix, the Saltelli (2010) first-order and Jansen (1999) total-effect estimators (tb_sobol_indices) with 95% bootstrap intervals of reps replicates (0: none). All NULL when the ranks never move. n 2 to 14,285.';

CREATE FUNCTION @extschema@.tb_matrix_cells(m @extschema@.tb_matrix,
    OUT unit text, OUT indicator text, OUT axis text, OUT value double precision, OUT imputed boolean, OUT treated boolean)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.tb_matrix_cells(@extschema@.tb_matrix) IS
'The cells of a matrix, by indicator then unit (byte order): value NULL when missing, imputed when tb_matrix_impute filled it, treated when tb_matrix_treat winsorised or log-transformed it.';

CREATE FUNCTION @extschema@.tb_matrix_screen(m @extschema@.tb_matrix, min_unit_coverage double precision DEFAULT 0,
    min_indicator_coverage double precision DEFAULT 0,
    OUT kind text, OUT name text, OUT available integer, OUT expected integer, OUT availability double precision, OUT dropped boolean)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_screen' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION @extschema@.tb_matrix_screen(@extschema@.tb_matrix, double precision, double precision) IS
'Data availability: a row per unit (kind unit: values present of the matrix''s indicators) then per indicator (kind indicator: values present of the matrix''s units), availability = available / expected, dropped when below min_unit_coverage or min_indicator_coverage (0 to 1), both measured on the matrix as given. tb_matrix_screened returns the matrix without them.';
CREATE FUNCTION @extschema@.tb_matrix_screened(m @extschema@.tb_matrix, min_unit_coverage double precision DEFAULT 0,
    min_indicator_coverage double precision DEFAULT 0)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_screened' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_screened(@extschema@.tb_matrix, double precision, double precision) IS
'The matrix without the units and indicators tb_matrix_screen drops with the same thresholds.';

CREATE FUNCTION @extschema@.tb_matrix_impute(m @extschema@.tb_matrix, method text DEFAULT 'mean')
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_impute' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_impute(@extschema@.tb_matrix, text) IS
'Fills every missing or absent (unit, indicator) of the matrix that the method can fill, marking it imputed: mean (the indicator''s mean, as tb_summary gives it), median (its median), axis_mean (the mean of the unit''s other indicators of the axis, min-max normalised, put back on this indicator''s scale: min + s (max - min), reversed when lower is better). A cell it cannot fill stays missing. Units x indicators at most 10 million.';
CREATE FUNCTION @extschema@.tb_matrix_impute(m @extschema@.tb_matrix, method text, units text[], groups text[])
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_impute' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_impute(@extschema@.tb_matrix, text, text[], text[]) IS
'Imputation by group of units: method group_mean or group_median, units[i] in group groups[i] (a unit not listed has no group and is not filled; units not in the matrix are ignored): a missing cell gets the mean or median of the indicator over its group''s units with a value, marked imputed.';
CREATE FUNCTION @extschema@.tb_matrix_impute(m @extschema@.tb_matrix, method text, earlier @extschema@.tb_matrix)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_impute' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_impute(@extschema@.tb_matrix, text, @extschema@.tb_matrix) IS
'Last observation carried forward (method locf): a missing cell gets the value of the same (unit, indicator) in the earlier matrix (an earlier round), marked imputed; where the earlier matrix has none it stays missing.';

CREATE FUNCTION @extschema@.tb_matrix_treat(m @extschema@.tb_matrix, winmax integer DEFAULT 5,
    skew_limit double precision DEFAULT 2, kurt_limit double precision DEFAULT 3.5)
RETURNS @extschema@.tb_matrix AS 'MODULE_PATHNAME', 'tb_matrix_treat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_matrix_treat(@extschema@.tb_matrix, integer, double precision, double precision) IS
'Outlier treatment, COINr''s default, per indicator: while |skew| >= skew_limit and kurtosis >= kurt_limit (sample skewness and excess kurtosis, e1071 type 2), the most extreme value on the side of the skew (with its ties) becomes the next value in, up to winmax points; if it still fails, the original values are log-transformed instead, log(x - min + 1) (skewed right) or -log(max - x + 1) (skewed left). Changed cells are marked treated; tb_matrix_treatment reports each indicator.';
CREATE FUNCTION @extschema@.tb_matrix_treatment(m @extschema@.tb_matrix, winmax integer DEFAULT 5,
    skew_limit double precision DEFAULT 2, kurt_limit double precision DEFAULT 3.5,
    OUT indicator text, OUT n integer, OUT skew_before double precision, OUT kurt_before double precision,
    OUT skew_after double precision, OUT kurt_after double precision, OUT winsorised integer, OUT log_applied boolean)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_treatment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION @extschema@.tb_matrix_treatment(@extschema@.tb_matrix, integer, double precision, double precision) IS
'What tb_matrix_treat does to each indicator: its values present (n), skewness and excess kurtosis before and after (scipy.stats.skew and kurtosis with bias=False; NULL under 3 and 4 values or with no spread), the points winsorised (0 when the log transform replaced the winsorisation) and whether the log transform was applied.';

CREATE FUNCTION @extschema@.tb_matrix_coherence(m @extschema@.tb_matrix, normalisation text DEFAULT 'minmax',
    aggregation text DEFAULT 'arithmetic', min_coverage double precision DEFAULT 0.8,
    OUT kind text, OUT x text, OUT y text, OUT n integer, OUT pearson double precision, OUT spearman double precision,
    OUT value double precision)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_coherence' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.tb_matrix_coherence(@extschema@.tb_matrix, text, text, double precision) IS
'Statistical coherence of the composite, over the normalised indicators and the scores of tb_matrix_scores with the same arguments: kind indicator (every pair x < y), indicator_axis (an indicator and its axis score), axis_overall (an axis and the overall score): n units with both, Pearson''s r and Spearman''s rho (average ranks for ties); kind alpha (Cronbach''s alpha of the axis''s indicators) and pc1_share (the first principal component''s share of the variance: largest eigenvalue of their correlation matrix / their number) in value, over the n units with every indicator of the axis. NULL where undefined: fewer than 2 units; for a correlation or pc1_share, an indicator or score without spread; for alpha, sums without spread.';

CREATE FUNCTION @extschema@.tb_matrix_correlate(m @extschema@.tb_matrix, units text[], "values" double precision[],
    normalisation text DEFAULT 'minmax', aggregation text DEFAULT 'arithmetic', min_coverage double precision DEFAULT 0.8,
    OUT level text, OUT name text, OUT n integer, OUT pearson double precision, OUT spearman double precision)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_matrix_correlate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION @extschema@.tb_matrix_correlate(@extschema@.tb_matrix, text[], double precision[], text, text, double precision) IS
'Correlation of an external series (units[i] has values[i], e.g. the TIP tier; NULL: none) with each normalised indicator (level indicator), each axis score (axis) and the overall score (overall, name NULL) of tb_matrix_scores with the same arguments: n units with both, Pearson''s r and Spearman''s rho.';
