-- Every permutation test of the baseline: the view intervention_effects on
-- the illustrative baseline (every practice x outcome pair between the two
-- rounds: the exact permutation p-value over every relabelling, the
-- bootstrap interval of 10,000 replicates, the Holm and Benjamini-Hochberg
-- adjustments).  The setup loads the shipped data into the harness's
-- baseline quito (idempotent); the size (-n) does not change the case.
-- The floor is the same pairs' tb_did states without the tests, so
-- ext / floor is what the tests cost over building the pairs.  The target:
-- under 1 s.
--@ setup
\i scripts/load_baseline.sql
--@ extension
SELECT count(*), count(p_value), count(q_bh) FROM quito.intervention_effects;
--@ floor
WITH span AS (SELECT min(round_no) AS f, max(round_no) AS l FROM quito.indicator_values WHERE value IS NOT NULL),
     change AS MATERIALIZED (
         SELECT a.country, a.indicator, a.value AS before, b.value AS after
           FROM span JOIN quito.indicator_values a ON a.round_no = span.f
           JOIN quito.indicator_values b ON b.round_no = span.l AND b.country = a.country AND b.indicator = a.indicator
          WHERE a.value IS NOT NULL AND b.value IS NOT NULL)
SELECT count(*) FROM (
    SELECT p.indicator, o.indicator, tb.tb_did(p.after >= 0.5, o.before, o.after)
      FROM change p JOIN quito.indicators i ON i.code = p.indicator AND i.kind = 'binary' AND i.source = 'survey'
      JOIN change o ON o.country = p.country JOIN quito.outcomes oc ON oc.indicator = o.indicator
     WHERE p.before < 0.5 AND p.indicator <> o.indicator
     GROUP BY 1, 2) q;
