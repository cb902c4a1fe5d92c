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
