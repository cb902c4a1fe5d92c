------------------------------------------------------------------------------
-- Impact of interventions: did countries that adopted a practice change an
-- outcome more than those that did not?
------------------------------------------------------------------------------

CREATE TABLE @baseline@.outcomes (
    indicator text PRIMARY KEY REFERENCES @baseline@.indicators,
    transform text NOT NULL DEFAULT 'none' CHECK (transform IN ('none', 'log'))
);
COMMENT ON TABLE @baseline@.outcomes IS 'The indicators that measure outcomes (victims identified or assisted, investigations, prosecutions, convictions): intervention_effects relates every practice to each of them. transform log compares changes of ln(1 + value), for counts that scale with a country''s size.';
COMMENT ON COLUMN @baseline@.outcomes.indicator IS 'Outcome indicator.';
COMMENT ON COLUMN @baseline@.outcomes.transform IS 'none: changes of the value; log: changes of ln(1 + value), a proportional change (for counts).';

CREATE VIEW @baseline@.intervention_effects AS
WITH span AS (
    SELECT min(round_no) AS first_round, max(round_no) AS last_round
      FROM @baseline@.indicator_values WHERE value IS NOT NULL
), years AS (
    SELECT extract(year FROM f.reference_date)::integer AS first_year,
           extract(year FROM l.reference_date)::integer AS last_year
      FROM span JOIN @baseline@.rounds f ON f.round_no = span.first_round
                JOIN @baseline@.rounds l ON l.round_no = span.last_round
), change AS MATERIALIZED (
    -- each country's value of each indicator at the first and last rounds
    -- (read once: the planner cannot see how few rows this is)
    SELECT a.country, a.indicator, a.value AS before, b.value AS after
      FROM span
      JOIN @baseline@.indicator_values a ON a.round_no = span.first_round
      JOIN @baseline@.indicator_values b ON b.round_no = span.last_round AND b.country = a.country
                                        AND b.indicator = a.indicator
     WHERE a.value IS NOT NULL AND b.value IS NOT NULL
    UNION ALL
    -- a yearly external series (the US TIP tier): its latest value by the
    -- year of each round, when they are different years
    SELECT a.country, a.indicator, a.value, b.value
      FROM years
      CROSS JOIN LATERAL (SELECT DISTINCT ON (e.indicator, e.country) e.indicator, e.country, e.year, e.value
                            FROM @baseline@.external_values e
                           WHERE e.year <= years.first_year AND e.value IS NOT NULL
                           ORDER BY e.indicator, e.country, e.year DESC) a
      JOIN LATERAL (SELECT e.year, e.value FROM @baseline@.external_values e
                     WHERE e.indicator = a.indicator AND e.country = a.country AND e.year <= years.last_year
                       AND e.value IS NOT NULL
                     ORDER BY e.year DESC LIMIT 1) b ON b.year > a.year
), practice AS (
    -- a practice is a binary survey indicator; a country without it at the
    -- first round either adopted it by the last (treated) or did not
    -- (control); a country that had it already has no "before"
    SELECT c.indicator AS practice, c.country, c.after >= 0.5 AS adopted
      FROM change c JOIN @baseline@.indicators i ON i.code = c.indicator
     WHERE i.kind = 'binary' AND i.source = 'survey' AND c.before < 0.5
), outcome AS (
    SELECT o.indicator AS outcome, o.transform, c.country,
           CASE o.transform WHEN 'log' THEN ln(1 + greatest(c.before, 0)) ELSE c.before END AS before,
           CASE o.transform WHEN 'log' THEN ln(1 + greatest(c.after, 0)) ELSE c.after END AS after
      FROM change c JOIN @baseline@.outcomes o ON o.indicator = c.indicator
), pairs AS (
    SELECT p.practice, o.outcome, o.transform, @extschema@.tb_did(p.adopted, o.before, o.after) AS did
      FROM practice p JOIN outcome o USING (country)
     WHERE p.practice <> o.outcome
     GROUP BY p.practice, o.outcome, o.transform
), tested AS (
    -- a permutation test needs two countries on each side
    SELECT p.practice, p.outcome, p.transform, e.*
      FROM pairs p CROSS JOIN LATERAL @extschema@.tb_did_effect(p.did, 10000, 0.95, 1) e
), ranked AS (
    SELECT t.practice, t.outcome, t.p_value, count(*) OVER () AS m,
           row_number() OVER (ORDER BY t.p_value, t.practice, t.outcome) AS k
      FROM tested t
     WHERE t.treated >= 2 AND t.control >= 2 AND t.p_value IS NOT NULL
), adjusted AS (
    SELECT r.practice, r.outcome,
           -- Holm: step down, each p times the tests not yet rejected, kept monotone
           max(least(1, (r.m - r.k + 1) * r.p_value)) OVER (ORDER BY r.k ROWS UNBOUNDED PRECEDING) AS p_holm,
           -- Benjamini-Hochberg: step up, m p / k, the smallest from k on
           min(least(1, r.m * r.p_value / r.k)) OVER (ORDER BY r.k DESC ROWS UNBOUNDED PRECEDING) AS q_bh
      FROM ranked r
)
SELECT s.first_round, s.last_round, t.practice, t.outcome, t.transform, t.treated, t.control,
       t.effect, t.lower, t.upper, t.p_value, t.exact,
       -- the observed labelling is always one of those counted
       CASE WHEN t.exact THEN 1 / (SELECT exp(sum(ln(t.treated + t.control - i + 1) - ln(i)))
                                     FROM generate_series(1, t.treated) i)
            ELSE 1.0 / 10001 END AS p_floor,
       t.mde, a.p_holm, a.q_bh
  FROM tested t
  CROSS JOIN span s
  LEFT JOIN adjusted a ON a.practice = t.practice AND a.outcome = t.outcome;
COMMENT ON VIEW @baseline@.intervention_effects IS 'Every practice (binary survey indicator) against every outcome (table outcomes: survey indicators, or a yearly external series such as the US TIP tier, read at its latest year by each round''s year, and only when those years differ), between the first and the last round with answers: among the member countries without the practice at the first round, those that adopted it by the last (treated) against those that did not (control), the difference in differences of the outcome (tb_did, tb_did_effect): the mean change of the treated minus that of the controls, a 95% bootstrap interval within each group, the two-sided permutation p-value (exact over every relabelling, seeded Monte Carlo of 10,000 beyond 200,000), the minimum detectable effect (80% power, 5%), and the p-values adjusted over every pair tested (two countries or more on each side): Holm''s (family-wise) and Benjamini-Hochberg''s (false discovery rate). A country that had the practice at the first round has no before and is left out.';
COMMENT ON COLUMN @baseline@.intervention_effects.first_round IS 'Round of the before.';
COMMENT ON COLUMN @baseline@.intervention_effects.last_round IS 'Round of the after.';
COMMENT ON COLUMN @baseline@.intervention_effects.practice IS 'Practice (binary indicator).';
COMMENT ON COLUMN @baseline@.intervention_effects.outcome IS 'Outcome indicator.';
COMMENT ON COLUMN @baseline@.intervention_effects.transform IS 'none or log (the effect is then on ln(1 + value)).';
COMMENT ON COLUMN @baseline@.intervention_effects.treated IS 'Countries that adopted the practice between the rounds, with the outcome in both.';
COMMENT ON COLUMN @baseline@.intervention_effects.control IS 'Countries without it in both rounds, with the outcome in both.';
COMMENT ON COLUMN @baseline@.intervention_effects.effect IS 'Mean change of the treated minus mean change of the controls (on ln(1 + value) for log).';
COMMENT ON COLUMN @baseline@.intervention_effects.lower IS 'Lower bound of the 95% bootstrap interval.';
COMMENT ON COLUMN @baseline@.intervention_effects.upper IS 'Upper bound.';
COMMENT ON COLUMN @baseline@.intervention_effects.p_value IS 'Two-sided permutation p-value of the effect.';
COMMENT ON COLUMN @baseline@.intervention_effects.exact IS 'True when every relabelling was counted.';
COMMENT ON COLUMN @baseline@.intervention_effects.p_floor IS 'The smallest p-value the test can give with these group sizes: 1 / C(treated + control, treated) when exact (1 / 10,001 by Monte Carlo). With few countries it can exceed what an adjustment over many pairs needs: then no pair can be confirmed, whatever its effect.';
COMMENT ON COLUMN @baseline@.intervention_effects.mde IS 'Smallest effect the data could have detected (80% power, 5% two-sided).';
COMMENT ON COLUMN @baseline@.intervention_effects.p_holm IS 'Holm-adjusted p-value over the pairs tested; NULL for a pair not tested (fewer than two countries on a side).';
COMMENT ON COLUMN @baseline@.intervention_effects.q_bh IS 'Benjamini-Hochberg adjusted p-value (q-value) over the pairs tested.';
