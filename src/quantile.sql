-- trafficking_baseline: exact quantiles that merge, read from the values state of tb_values (src/quantile.c)
CREATE FUNCTION @extschema@.tb_quantile(@extschema@.tb_agreement, q double precision) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_quantile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_quantile(@extschema@.tb_agreement, double precision) IS 'The q-quantile (0 <= q <= 1) of a tb_values state, interpolated between the two nearest ranks exactly as percentile_cont(q) over the same values; NULL without values.';
CREATE FUNCTION @extschema@.tb_median_final(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_median_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_median_final(@extschema@.tb_agreement) IS 'Final function of tb_median.';
CREATE FUNCTION @extschema@.tb_median(@extschema@.tb_agreement) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_median_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_median(@extschema@.tb_agreement) IS 'The median of a tb_values state: tb_quantile(state, 0.5).';
CREATE AGGREGATE @extschema@.tb_median(double precision) (
    SFUNC = @extschema@.tb_dispersion_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_median_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_median(double precision) IS 'The exact median of the values (NULLs skipped), equal to percentile_cont(0.5) WITHIN GROUP (ORDER BY value), but parallel and mergeable: the state keeps each distinct value with its count. Finite values only.';
