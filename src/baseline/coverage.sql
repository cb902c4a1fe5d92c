------------------------------------------------------------------------------
-- Coverage views (the first section of the report)
------------------------------------------------------------------------------

CREATE VIEW @baseline@.expected_answers AS
SELECT r.round_no, c.iso2 AS country, i.axis, i.code AS indicator
  FROM @baseline@.rounds r
  JOIN @baseline@.memberships m
    ON m.valid_from <= r.reference_date AND (m.valid_to IS NULL OR m.valid_to > r.reference_date)
  JOIN @baseline@.countries c ON c.iso2 = m.country
 CROSS JOIN @baseline@.indicators i
 WHERE i.source = 'survey';
COMMENT ON VIEW @baseline@.expected_answers IS 'Every survey indicator each country was expected to answer in each round (countries that were members or observers on the round''s reference date).';
COMMENT ON COLUMN @baseline@.expected_answers.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.expected_answers.country IS 'Country expected to answer.';
COMMENT ON COLUMN @baseline@.expected_answers.axis IS 'Axis of the indicator.';
COMMENT ON COLUMN @baseline@.expected_answers.indicator IS 'Indicator expected.';

CREATE VIEW @baseline@.coverage AS
SELECT e.round_no, e.country, e.axis,
       count(*)::integer AS expected,
       count(a.indicator)::integer AS answered,
       count(a.indicator) FILTER (WHERE a.has_value)::integer AS with_value,
       round(100.0 * count(a.indicator) / count(*), 1) AS answered_pct
  FROM @baseline@.expected_answers e
  LEFT JOIN (SELECT round_no, country, indicator, bool_or(status = 'value') AS has_value
               FROM @baseline@.responses
              GROUP BY round_no, country, indicator) a
         ON a.round_no = e.round_no AND a.country = e.country AND a.indicator = e.indicator
 GROUP BY e.round_no, e.country, e.axis;
COMMENT ON VIEW @baseline@.coverage IS 'Answered / expected indicators per round, country and axis. An indicator counts as answered when any institution of the country answered it (not applicable and don''t know included); with_value counts those with a value.';
COMMENT ON COLUMN @baseline@.coverage.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.coverage.country IS 'Country.';
COMMENT ON COLUMN @baseline@.coverage.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.coverage.expected IS 'Indicators of the axis the country was expected to answer.';
COMMENT ON COLUMN @baseline@.coverage.answered IS 'Indicators answered by at least one institution.';
COMMENT ON COLUMN @baseline@.coverage.with_value IS 'Indicators with at least one answer that has a value.';
COMMENT ON COLUMN @baseline@.coverage.answered_pct IS 'answered / expected, in percent, one decimal.';

CREATE VIEW @baseline@.reject_summary AS
SELECT coalesce(@extschema@.tb_try_country(j.country_raw)::text, upper(nullif(btrim(j.country_raw), '')), '?') AS country,
       j.reason, count(*)::integer AS rejected
  FROM @baseline@.rejects j
 GROUP BY 1, 2;
COMMENT ON VIEW @baseline@.reject_summary IS 'Rejected rows per country (its ISO code when the text names one, else as written, upper-cased; ? when empty) and reason.';
COMMENT ON COLUMN @baseline@.reject_summary.country IS 'Country as written in the rejected rows.';
COMMENT ON COLUMN @baseline@.reject_summary.reason IS 'Reason of the rejection.';
COMMENT ON COLUMN @baseline@.reject_summary.rejected IS 'Number of rejected rows.';
