/* trafficking_baseline--0.2--0.3.sql: update script, built by make from src/upgrade/ and the SQL files in src/ */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION trafficking_baseline UPDATE TO '0.3'" to load this file. \quit

/*
 * 0.3 makes the extension a library and moves the baseline's tables out of
 * it into a baseline schema (quito, or the name set in the setting
 * trafficking_baseline.upgrade_schema), owned by the role that runs the
 * update, with every row, sequence position and refresh kept.  The last part
 * of this script (src/upgrade/0.2--0.3-migrate.sql) does the move.
 */

COMMENT ON SCHEMA @extschema@ IS
'trafficking_baseline: a library of types, aggregates and functions for the baseline of the Quito Process Regional Coordination Mechanism against human trafficking (scoring, harmonization, gaps, ICU text). Baselines live in schemas of their own, made by tb.tb_create_baseline.';

-- A library: anyone may call its functions and use its types; the 0.2
-- roles' grants on the schema go (each baseline grants its own).
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['tb_analyst', 'tb_loader', 'tb_focal_point', 'tb_bi_reader'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA @extschema@ FROM %I', r);
            EXECUTE pg_catalog.format('REVOKE ALL ON @extschema@.text_rules FROM %I', r);
        END IF;
    END LOOP;
END
$$;

-- tb_parse_answer reads the vocabulary it is given (each baseline has its own)
DROP FUNCTION @extschema@.tb_parse_answer(text, text, text);

-- text rules: read by anyone; the check and refresh are replaced below
GRANT SELECT ON @extschema@.text_rules TO PUBLIC;
DROP FUNCTION @extschema@.tb_text_rules_check();
DROP FUNCTION @extschema@.tb_text_rules_refresh();

-- tb_practice_set keeps its state in place: a row costs the same however large the set
COMMENT ON AGGREGATE @extschema@.tb_practice_set(text) IS 'The set of the labels of the rows (NULL skipped): SELECT country, tb_practice_set(indicator) ... WHERE value = 1 GROUP BY country. Each row adds its label to the state in place, at a cost that does not grow with the set.';

