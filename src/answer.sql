------------------------------------------------------------------------------
-- Parsing one answer (C, src/answer.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_parse_answer(
    raw text, kind text, lang text, vocabulary regclass,
    OUT value double precision, OUT status text, OUT error text)
RETURNS record
AS 'MODULE_PATHNAME', 'tb_parse_answer'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_parse_answer(text, text, text, regclass) IS
'Parses one raw answer for an indicator of the given kind: words of the vocabulary table (a baseline''s answer_vocabulary: term, applies_to, meaning, value; matched folded with tb_fold) for binary, ordinal and special answers; for counts, rates and percentages, numbers as typed in the form''s language (tb_parse_number) and limits ("<5", "menos de 5", "less than 5": status below, value 5). Returns (value, status, error): status value / below / not_applicable / unknown, or NULL with error saying why. Not strict: a NULL answer is empty. STABLE: reads the vocabulary once per query, with the caller''s privileges. Each baseline has a three-argument tb_parse_answer that passes its own vocabulary.';
