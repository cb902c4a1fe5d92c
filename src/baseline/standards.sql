------------------------------------------------------------------------------
-- A common standard: the minimum practices the region agrees on, as data,
-- and each country's coverage of it
------------------------------------------------------------------------------

CREATE TABLE @baseline@.standards (
    code         text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name_es      text NOT NULL CHECK (name_es <> ''),
    name_pt      text NOT NULL CHECK (name_pt <> ''),
    name_en      text NOT NULL CHECK (name_en <> ''),
    source       text NOT NULL CHECK (source <> ''),
    illustrative boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @baseline@.standards IS 'Reference practice standards: sets of minimum practices a country is measured against (e.g. what the region agreed on, or the Palermo Protocol''s definition of the offence by its act, means and purpose). One row per standard; its practices in standard_practices.';
COMMENT ON COLUMN @baseline@.standards.code IS 'Code of the standard.';
COMMENT ON COLUMN @baseline@.standards.name_es IS 'Name in Spanish.';
COMMENT ON COLUMN @baseline@.standards.name_pt IS 'Name in Portuguese.';
COMMENT ON COLUMN @baseline@.standards.name_en IS 'Name in English.';
COMMENT ON COLUMN @baseline@.standards.source IS 'Where the standard comes from (an agreement, a treaty, a document).';
COMMENT ON COLUMN @baseline@.standards.illustrative IS 'True for a standard made up to show the method, not agreed by anyone.';

CREATE TABLE @baseline@.standard_practices (
    standard  text NOT NULL REFERENCES @baseline@.standards ON DELETE CASCADE,
    indicator text NOT NULL REFERENCES @baseline@.indicators,
    element   text CHECK (element <> ''),
    min_value double precision NOT NULL CHECK (min_value > '-Infinity' AND min_value < 'Infinity'),
    PRIMARY KEY (standard, indicator)
);
COMMENT ON TABLE @baseline@.standard_practices IS 'The practices of each standard: an indicator and the value that meets it (at least min_value when higher is better, at most when lower is better). Deleting a standard deletes its practices.';
COMMENT ON COLUMN @baseline@.standard_practices.standard IS 'Standard.';
COMMENT ON COLUMN @baseline@.standard_practices.indicator IS 'Indicator that measures the practice.';
COMMENT ON COLUMN @baseline@.standard_practices.element IS 'Element of the standard the practice belongs to (e.g. act, means, purpose; or prevention, protection, prosecution); free text.';
COMMENT ON COLUMN @baseline@.standard_practices.min_value IS 'Value that meets the practice: the country''s value at least this (higher is better) or at most this (lower is better).';

CREATE VIEW @baseline@.standard_coverage AS
WITH grid AS (
    -- every member country and round with answers, against every practice
    SELECT ro.round_no, m.country, p.standard, p.indicator, p.min_value, i.direction
      FROM (SELECT DISTINCT round_no FROM @baseline@.responses) ro
      JOIN @baseline@.rounds rd ON rd.round_no = ro.round_no
      JOIN @baseline@.memberships m ON m.role = 'member' AND m.valid_from <= rd.reference_date
                                   AND (m.valid_to IS NULL OR m.valid_to > rd.reference_date)
      CROSS JOIN @baseline@.standard_practices p
      JOIN @baseline@.indicators i ON i.code = p.indicator
), status AS (
    SELECT g.*, v.value,
           CASE WHEN v.value IS NULL THEN NULL
                WHEN g.direction = 'higher' THEN v.value >= g.min_value
                ELSE v.value <= g.min_value END AS met
      FROM grid g
      LEFT JOIN @baseline@.indicator_values v
             ON v.round_no = g.round_no AND v.country = g.country AND v.indicator = g.indicator
), per_round AS (
    SELECT round_no, country, standard, count(*)::integer AS practices,
           count(value)::integer AS answered, count(*) FILTER (WHERE met)::integer AS met,
           coalesce(array_agg(indicator ORDER BY indicator) FILTER (WHERE met IS NOT TRUE), '{}') AS missing,
           coalesce(array_agg(indicator ORDER BY indicator) FILTER (WHERE met), '{}') AS met_practices
      FROM status
     GROUP BY round_no, country, standard
)
SELECT c.round_no, c.country, c.standard, c.practices, c.answered, c.met,
       c.met::double precision / c.practices AS coverage,
       c.missing,
       p.round_no AS previous_round,
       c.met - p.met AS met_change,
       CASE WHEN p.round_no IS NOT NULL THEN
           ARRAY(SELECT x FROM unnest(c.met_practices) x EXCEPT SELECT y FROM unnest(p.met_practices) y ORDER BY 1)
       END AS newly_met,
       CASE WHEN p.round_no IS NOT NULL THEN
           ARRAY(SELECT y FROM unnest(p.met_practices) y EXCEPT SELECT x FROM unnest(c.met_practices) x ORDER BY 1)
       END AS no_longer_met
  FROM per_round c
  LEFT JOIN LATERAL (SELECT q.* FROM per_round q
                      WHERE q.country = c.country AND q.standard = c.standard AND q.round_no < c.round_no
                      ORDER BY q.round_no DESC LIMIT 1) p ON true;
COMMENT ON VIEW @baseline@.standard_coverage IS 'Each member country''s coverage of each reference standard, per round with answers: practices in the standard, those answered, those met (the country''s value, the mean of its institutions'', at least min_value when higher is better, at most when lower is better), the share met, what is missing (not met or not answered), and against the previous round with answers: the change in practices met, those newly met and those no longer met.';
COMMENT ON COLUMN @baseline@.standard_coverage.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.standard_coverage.country IS 'Member country.';
COMMENT ON COLUMN @baseline@.standard_coverage.standard IS 'Standard.';
COMMENT ON COLUMN @baseline@.standard_coverage.practices IS 'Practices in the standard.';
COMMENT ON COLUMN @baseline@.standard_coverage.answered IS 'Practices the country has a value for.';
COMMENT ON COLUMN @baseline@.standard_coverage.met IS 'Practices met.';
COMMENT ON COLUMN @baseline@.standard_coverage.coverage IS 'met / practices (an unanswered practice counts as not met).';
COMMENT ON COLUMN @baseline@.standard_coverage.missing IS 'Indicators of the practices not met or not answered.';
COMMENT ON COLUMN @baseline@.standard_coverage.previous_round IS 'The previous round with answers; NULL for the first.';
COMMENT ON COLUMN @baseline@.standard_coverage.met_change IS 'Practices met now minus then.';
COMMENT ON COLUMN @baseline@.standard_coverage.newly_met IS 'Practices met now and not then; NULL for the first round.';
COMMENT ON COLUMN @baseline@.standard_coverage.no_longer_met IS 'Practices met then and not now; NULL for the first round.';
