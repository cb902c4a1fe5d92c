------------------------------------------------------------------------------
-- Text folding and number parsing (C, src/fold.c and src/number.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_fold(text)
RETURNS text
AS 'MODULE_PATHNAME', 'tb_fold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_fold(text) IS
'Folds text for matching with ICU: compatibility normalisation (NFKD), combining marks removed, case folded, white space collapsed and trimmed. Immutable for a given ICU version, like an ICU collation. Requires a UTF8 database.';
