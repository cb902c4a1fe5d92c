/* trafficking_baseline: install script, built by make from the SQL files in src/ */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION trafficking_baseline" to load this file. \quit

/*
 * Naming rule: every object of the library lives in the schema tb; every
 * function, type, operator class and aggregate name also begins with tb_,
 * so that none can collide with a PostgreSQL built-in or a common
 * extension when tb is on the search_path.  A baseline's tables and views
 * live in the schema tb_create_baseline made for it.  Every function body
 * names what it uses with @extschema@ (or the baseline's schema) or
 * pg_catalog and pins its search_path, so no caller's search_path can
 * redirect it.
 */

COMMENT ON SCHEMA @extschema@ IS
'trafficking_baseline: a library of types, aggregates and functions for the baseline of the Quito Process Regional Coordination Mechanism against human trafficking (scoring, harmonization, gaps, ICU text). Baselines live in schemas of their own, made by tb.tb_create_baseline.';
-- A library: anyone may call its functions and use its types.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

