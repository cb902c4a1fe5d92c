------------------------------------------------------------------------------
-- Text rules: the ICU version that folded text and names (0.2, src/fold.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_icu_version()
RETURNS text
AS 'MODULE_PATHNAME', 'tb_icu_version'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_icu_version() IS
'The version of the ICU library the server runs with, e.g. 72.1. tb_fold and the country names follow it. STABLE, not IMMUTABLE: it changes when the library is upgraded.';

CREATE FUNCTION @extschema@.tb_unicode_version()
RETURNS text
AS 'MODULE_PATHNAME', 'tb_unicode_version'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_unicode_version() IS
'The version of the Unicode data inside the running ICU library, e.g. 15.0: what case folding and normalisation follow.';

-- Not dumped: a restore runs CREATE EXTENSION on the new server, whose
-- rules then made every index and every checked row that the restore writes.
CREATE TABLE @extschema@.text_rules (
    only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    icu_version     text NOT NULL,
    unicode_version text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.text_rules IS 'One row: the ICU and Unicode versions under which the indexes and stored values that use tb_fold or country names were last built. tb_text_rules_check compares it with the running library; tb_text_rules_refresh rebuilds and records.';
COMMENT ON COLUMN @extschema@.text_rules.only_row IS 'Always true: keeps the table to one row.';
COMMENT ON COLUMN @extschema@.text_rules.icu_version IS 'ICU version recorded (tb_icu_version() at the time).';
COMMENT ON COLUMN @extschema@.text_rules.unicode_version IS 'Unicode version recorded (tb_unicode_version() at the time).';
COMMENT ON COLUMN @extschema@.text_rules.recorded_at IS 'When it was recorded: at CREATE EXTENSION, ALTER EXTENSION UPDATE, or the last tb_text_rules_refresh.';
INSERT INTO @extschema@.text_rules (icu_version, unicode_version)
VALUES (@extschema@.tb_icu_version(), @extschema@.tb_unicode_version());
GRANT SELECT ON @extschema@.text_rules TO PUBLIC;

