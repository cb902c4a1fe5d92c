-- tb_detect_csv: what COPY needs to be told to read a CSV file as exported.
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    d text;
    h text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' | ' || nullif(d, ''), '') || coalesce(' | ' || nullif(h, ''), '');
END $$;
-- Excel in a Spanish or Portuguese locale: semicolons, Windows-1252, CRLF.
SELECT * FROM tb.tb_detect_csv(convert_to(E'round;country;answer\r\n1;PE;Sí\r\n1;BR;Não\r\n1;BR;Não se aplica\r\n', 'WIN1252'));
-- Bytes 0x80-0x9F (the euro sign, curly quotes, a dash) are Windows-1252's.
SELECT encoding, delimiter, columns
  FROM tb.tb_detect_csv(convert_to(E'país;respuesta\r\n€;“Sí”\r\nNão;—\r\n', 'WIN1252'));
-- ISO-8859-1 is read as Windows-1252, which agrees with it on every printable character.
SELECT encoding FROM tb.tb_detect_csv(convert_to(E'país;answer\r\nPerú;Sí\r\nBrasil;Não\r\n', 'LATIN1'));
-- Excel's "CSV UTF-8": a byte order mark, stripped from the first column's name.
SELECT * FROM tb.tb_detect_csv('\xefbbbf'::bytea || convert_to(E'round;país;answer\r\n1;PE;Sí\r\n', 'UTF8'));
-- LibreOffice: UTF-8, commas, LF, text quoted; a quoted value may hold the delimiter, a quote and a line break.
SELECT * FROM tb.tb_detect_csv(convert_to(E'"round","country","answer"\n1,"BR","Não, ""parcial""\nver anexo"\n1,"PE","61,6"\n', 'UTF8'));
-- Pure ASCII is UTF8; a tab, a bar, a CR.
SELECT * FROM tb.tb_detect_csv(convert_to(E'round\tcountry\tanswer\r\n1\tPE\tNo\r\n', 'UTF8'));
SELECT * FROM tb.tb_detect_csv(convert_to(E'round|country|answer\r1|PE|No\r', 'UTF8'));
-- The header's names keep their blanks and case; quotes are removed, doubled quotes are one.
SELECT columns FROM tb.tb_detect_csv(convert_to(E' Round ,"country ""iso""","a;b"\n1,PE,x\n', 'UTF8'));
-- The delimiter that gives the most fields wins; a tie goes to , then ; then tab then |.
SELECT delimiter, columns FROM tb.tb_detect_csv(convert_to(E'a;b;c,d\n1;2;3,4\n', 'UTF8'));
SELECT delimiter, columns FROM tb.tb_detect_csv(convert_to(E'a,b;c\n1,2;3\n', 'UTF8'));
-- A header alone, with or without a line break.
SELECT * FROM tb.tb_detect_csv(convert_to(E'round;country;answer', 'UTF8'));
SELECT * FROM tb.tb_detect_csv(convert_to(E'round;country;answer\r\n', 'UTF8'));
-- The first bytes of a file end anywhere: a cut last line, a cut character, a cut CRLF.
SELECT * FROM tb.tb_detect_csv(convert_to(E'round;country;answer\r\n1;PE;Sí\r\n1;B', 'UTF8'));
SELECT encode(substring(s FROM length(s) - 1), 'hex') AS last_bytes, d.encoding, d.confidence
  FROM convert_to(E'round;country;answer\r\n1;PE;Sí\r\n1;BR;Não\r\n1;BR;Nã', 'UTF8') AS t(b),
       LATERAL (SELECT substring(t.b FROM 1 FOR length(t.b) - 1)) AS c(s),
       LATERAL tb.tb_detect_csv(c.s) AS d;
SELECT line_ending FROM tb.tb_detect_csv(convert_to(E'a;b\r\n1;2\r', 'UTF8'));
SELECT tb.tb_detect_csv(NULL) IS NULL AS strict;
-- Every way of not being readable says what was found and what to do.
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\x'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\xefbbbf'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\xfffe72006f0075006e006400'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\xfeff0072006f0075006e0064'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\x504b0304140006000800'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\xefbbbf612c620a31ed0d0a'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\x612c620a812c8d0a8f2c900a9d2c810a'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv('\x626280'::bytea)$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv(convert_to(E'round;country;answer\r\n1;PE;No\r\n1;BR;Não;extra\r\n1;CO\r\n', 'UTF8'))$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv(convert_to(E'answer\nNo\nSí\n', 'UTF8'))$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv(convert_to(E'a,b\n1,2,3\n', 'UTF8'))$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv(convert_to(E'a,b\n1,2\n\n', 'UTF8'))$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv(convert_to(E'\na,b\n1,2\n', 'UTF8'))$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv(convert_to(E'\r\n\r\n', 'UTF8'))$$);
SELECT pg_temp.err($$SELECT tb.tb_detect_csv(convert_to(E'a,b\r\n1,2\n3,4\n', 'UTF8'))$$);
