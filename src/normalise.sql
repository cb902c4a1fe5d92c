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
