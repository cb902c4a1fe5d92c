------------------------------------------------------------------------------
-- Parameters of the analysis views, as data
------------------------------------------------------------------------------

CREATE TABLE @baseline@.analysis_settings (
    name  text PRIMARY KEY
          CHECK (name IN ('target_year', 'trend_moderate', 'trend_on_track', 'poor_harmonization_diversity',
                          'poor_harmonization_cv', 'harmonized_alpha', 'priorities')),
    value double precision NOT NULL CHECK (value > '-Infinity' AND value < 'Infinity')
);
COMMENT ON TABLE @baseline@.analysis_settings IS 'Parameters of the gap and trend views that differ from the defaults (see tb_setting): insert a row to change one, delete it to go back to the default. Empty at install, so that pg_dump saves exactly what you set.';
COMMENT ON COLUMN @baseline@.analysis_settings.name IS 'Parameter name (tb_setting lists them).';
COMMENT ON COLUMN @baseline@.analysis_settings.value IS 'Its value.';

CREATE FUNCTION @baseline@.tb_setting(name text) RETURNS double precision
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT s.value FROM @baseline@.analysis_settings s WHERE s.name = tb_setting.name), d.value)
      FROM (VALUES ('target_year', 2030), ('trend_moderate', 0.5), ('trend_on_track', 1),
                   ('poor_harmonization_diversity', 0.5), ('poor_harmonization_cv', 0.5), ('harmonized_alpha', 0.667),
                   ('priorities', 5))
           AS d(name, value)
     WHERE d.name = tb_setting.name
$$;
COMMENT ON FUNCTION @baseline@.tb_setting(text) IS
'A parameter of the gap and trend views: the value in analysis_settings, else its default: target_year 2030 (targets to be met by then); trend_moderate 0.5 and trend_on_track 1 (tb_trend thresholds); poor_harmonization_diversity 0.5 (normalised Gini-Simpson diversity of binary and ordinal country values above which the region is poorly harmonized, when its whole bootstrap interval is above it); poor_harmonization_cv 0.5 (the same for amounts, coefficient of variation); harmonized_alpha 0.667 (Krippendorff''s alpha an axis, or a country''s institutions, must reach with the lower bound of its interval to be called harmonized); priorities 5 (priorities listed per country). NULL for an unknown name.';
