------------------------------------------------------------------------------
-- Uncertainty: bootstrap intervals of the agreement statistics and the
-- harmonization verdict (C, src/uncertainty.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_alpha_ci(state @extschema@.tb_agreement, metric text DEFAULT 'nominal',
    method text DEFAULT 'units', reps integer DEFAULT 2000, level double precision DEFAULT 0.95, seed bigint DEFAULT 1,
    OUT alpha double precision, OUT lower double precision, OUT upper double precision,
    OUT p_below_0667 double precision, OUT p_below_080 double precision, OUT reps integer)
RETURNS record AS 'MODULE_PATHNAME', 'tb_alpha_bootstrap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_alpha_ci(@extschema@.tb_agreement, text, text, integer, double precision, bigint) IS
'Krippendorff''s alpha (equal to tb_alpha) with a seeded bootstrap percentile interval at level (0 < level < 1), the shares of replicates below 0.667 and 0.8, and the replicates used (replicates without expected disagreement are left out). method units resamples the pairable units with replacement; hayes resamples pairs of values from the coincidence matrix with the expected disagreement fixed (Hayes & Krippendorff 2007). reps 1 to 1,000,000. Same seed, same result. All columns NULL when alpha is NULL. Not the aggregate tb_alpha_interval(unit, value), which is alpha with the interval metric.';

CREATE FUNCTION @extschema@.tb_percent_agreement_ci(state @extschema@.tb_agreement, reps integer DEFAULT 2000,
    level double precision DEFAULT 0.95, seed bigint DEFAULT 1,
    OUT agreement double precision, OUT lower double precision, OUT upper double precision, OUT reps integer)
RETURNS record AS 'MODULE_PATHNAME', 'tb_percent_agreement_bootstrap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_percent_agreement_ci(@extschema@.tb_agreement, integer, double precision, bigint) IS
'Percent agreement (equal to tb_percent_agreement) with a seeded bootstrap percentile interval over the units with two ratings or more, resampled with replacement; reps 1 to 1,000,000, 0 < level < 1. All columns NULL when the agreement is NULL.';

CREATE FUNCTION @extschema@.tb_fleiss_kappa_ci(state @extschema@.tb_agreement, reps integer DEFAULT 2000,
    level double precision DEFAULT 0.95, seed bigint DEFAULT 1,
    OUT kappa double precision, OUT lower double precision, OUT upper double precision, OUT reps integer)
RETURNS record AS 'MODULE_PATHNAME', 'tb_fleiss_kappa_bootstrap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_fleiss_kappa_ci(@extschema@.tb_agreement, integer, double precision, bigint) IS
'Fleiss'' kappa (equal to tb_fleiss_kappa, with its error when units have different numbers of ratings) with a seeded bootstrap percentile interval over the units with ratings, resampled with replacement; replicates with all ratings in one category are left out and reps counts those used. All columns NULL when kappa is NULL.';

CREATE FUNCTION @extschema@.tb_dispersion_ci(state @extschema@.tb_agreement, statistic text DEFAULT 'gini_simpson',
    reps integer DEFAULT 2000, level double precision DEFAULT 0.95, seed bigint DEFAULT 1,
    OUT estimate double precision, OUT lower double precision, OUT upper double precision, OUT reps integer)
RETURNS record AS 'MODULE_PATHNAME', 'tb_dispersion_bootstrap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_dispersion_ci(@extschema@.tb_agreement, text, integer, double precision, bigint) IS
'How alike the values of one unit are (a tb_values state: each country''s value of one indicator), with a seeded bootstrap percentile interval over the values, drawn with replacement: statistic gini_simpson, 1 - sum p^2 over the distinct values (equal to tb_gini_simpson; 0: all alike), for values that are categories; cv, the population standard deviation over |mean| (equal to tb_cv), for amounts (replicates with a zero mean are left out). reps 1 to 1,000,000, 0 < level < 1. All columns NULL without a value (cv: with a zero mean). A state of several units is refused (22023).';
CREATE FUNCTION @extschema@.tb_harmonization_verdict(lower double precision, upper double precision,
    threshold double precision DEFAULT 0.667)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF threshold IS NULL THEN
        RETURN NULL;
    END IF;
    -- no interval (no pairable unit, a single value overall): nothing to tell
    IF lower IS NULL OR upper IS NULL THEN
        RETURN 'cannot tell';
    END IF;
    IF lower = 'NaN'::float8 OR upper = 'NaN'::float8 OR threshold = 'NaN'::float8 OR lower > upper THEN
        RAISE EXCEPTION 'invalid interval [%, %] or threshold %', lower, upper, threshold
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The lower bound must not exceed the upper bound, and none may be NaN.',
                  HINT = 'Pass the lower and upper columns of tb_alpha_ci, tb_fleiss_kappa_ci or tb_percent_agreement_ci.';
    END IF;
    IF lower >= threshold THEN
        RETURN 'harmonized';
    END IF;
    IF upper < threshold THEN
        RETURN 'not harmonized';
    END IF;
    RETURN 'cannot tell';
END
$$;
COMMENT ON FUNCTION @extschema@.tb_harmonization_verdict(double precision, double precision, double precision) IS
'harmonized when the interval''s lower bound reaches the threshold (default 0.667, Krippendorff''s lowest acceptable alpha; 0.8 for firm conclusions), not harmonized when its upper bound is below it, cannot tell when the interval straddles it or is missing (a NULL bound: too few countries or units to compute one). NULL threshold: NULL. NaN or lower > upper: 22023.';
