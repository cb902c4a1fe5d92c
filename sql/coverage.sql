-- Coverage of the loaded baseline, cross-checked with a plain-SQL count.
SELECT round_no, count(DISTINCT country) AS countries, sum(expected) AS expected, sum(answered) AS answered
  FROM quito.coverage GROUP BY round_no ORDER BY round_no;
-- Expected: members and observers on the round's date times survey indicators.
WITH members AS (
    SELECT r.round_no, m.country
      FROM quito.rounds r JOIN quito.memberships m
        ON m.valid_from <= r.reference_date AND coalesce(m.valid_to, 'infinity') > r.reference_date
), plain AS (
    SELECT mb.round_no, mb.country, i.axis, count(*) AS expected,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM quito.responses x
                                           WHERE x.round_no = mb.round_no AND x.country = mb.country
                                             AND x.indicator = i.code)) AS answered
      FROM members mb CROSS JOIN quito.indicators i
     WHERE i.source = 'survey'
     GROUP BY 1, 2, 3
)
SELECT count(*) AS cells, count(*) FILTER (WHERE p.expected = c.expected AND p.answered = c.answered) AS equal
  FROM plain p FULL JOIN quito.coverage c USING (round_no, country, axis);
-- The observer is expected only from round 1.
SELECT round_no, country, sum(answered) AS answered, sum(expected) AS expected
  FROM quito.coverage WHERE country = 'CW' GROUP BY 1, 2;
-- Rejects per country and reason add up to the rejects table.
SELECT sum(rejected) = (SELECT count(*) FROM quito.rejects) AS rejects_add_up FROM quito.reject_summary;
-- The report runs.
\set ECHO none
\o /dev/null
\i scripts/report.sql
\o
\set ON_ERROR_STOP off
\set ECHO all
SELECT 'report ran' AS report;
