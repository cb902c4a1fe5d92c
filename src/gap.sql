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
