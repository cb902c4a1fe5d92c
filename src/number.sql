CREATE FUNCTION @extschema@.tb_parse_number(raw text, lang text DEFAULT NULL)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_parse_number'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_parse_number(text, text) IS
'Parses a number as typed on a form ("1.234", "1,234", "12,5 %"); lang (es, pt, fr: decimal comma; en: decimal point; NULL: only unambiguous numbers) decides the decimal mark. Raises 22P02 naming the value and the reason. NULL raw gives NULL.';

CREATE FUNCTION @extschema@.tb_try_parse_number(raw text, lang text DEFAULT NULL)
RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_try_parse_number'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_try_parse_number(text, text) IS
'Like tb_parse_number, but returns NULL instead of raising an error when raw is not a number (an unknown lang still raises). For bulk loads that record the reason themselves.';
