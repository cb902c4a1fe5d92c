/* trafficking_baseline--0.3--0.4.sql: update script, built by make from src/upgrade/ and the SQL files in src/ */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION trafficking_baseline UPDATE TO '0.4'" to load this file. \quit

/*
 * 0.4 adds six families, created whole below from their files in src/:
 * the Jaccard matrix of many practice sets in one call (similarity.sql),
 * exact quantiles that merge (quantile.sql), the detection of what COPY
 * needs to read a CSV file as exported (charset.sql), bootstrap
 * intervals of the agreement statistics with the harmonization verdict
 * (uncertainty.sql), and the impact of interventions, a difference in
 * differences with an exact permutation p-value (impact.sql), and the
 * indicator matrix, the composite indicator with its rank uncertainty
 * (matrix.sql).  The baseline model changes too: the templates are
 * replaced, and tb_upgrade_baseline (baseline_upgrade.sql) brings a
 * baseline to the new model when its owner runs it; this update touches no
 * baseline.
 */
