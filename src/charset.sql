-- trafficking_baseline: files as exported, what COPY needs to be told to read them (src/charset.c)

CREATE FUNCTION @extschema@.tb_detect_csv(sample bytea,
                                          OUT encoding text, OUT confidence integer, OUT bom boolean,
                                          OUT delimiter text, OUT line_ending text, OUT columns text[])
RETURNS record AS 'MODULE_PATHNAME', 'tb_detect_csv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_detect_csv(bytea) IS
'Reads the first bytes of a CSV file (up to 1 MB are read; 64 kB are plenty) and says what COPY needs to read it: encoding (PostgreSQL''s name, for COPY''s ENCODING: UTF8, WIN1252, ...; ICU''s charset detector''s first guess that decodes the sample, ISO-8859-1 read as WIN1252; UTF8 for pure ASCII or after a byte order mark), confidence (ICU''s, 0-100; 100 for pure ASCII or a byte order mark), bom (a UTF-8 byte order mark, which COPY does not strip), delimiter (the one of , ; tab | that splits the header and every other line into as many fields, quotes respected), line_ending (CRLF, LF, CR; NULL for a single line without one) and columns (the header''s names, decoded, unquoted). Raises 22023 on an empty sample, 22P04 when no delimiter is consistent (the detail gives the counts per candidate), on blank lines, mixed line endings, NUL bytes or UTF-16, and 22021 when the bytes decode in no encoding the detector suggests.';
