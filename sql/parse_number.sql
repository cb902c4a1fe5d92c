-- tb_parse_number: numbers as typed on forms.
SELECT raw, lang, tb.tb_try_parse_number(raw, lang) AS value
  FROM (VALUES ('87', NULL), (' 87 ', 'es'), ('1.234', 'es'), ('1.234', 'pt'), ('1,234', 'en'),
               ('1.234.567', 'es'), ('1,234,567', 'en'), ('1.234,5', 'es'), ('1,234.5', 'en'),
               ('3,5', 'es'), ('3.5', 'en'), ('12,5 %', 'pt'), ('12.5%', 'en'), ('45%', NULL),
               ('-2', NULL), ('+2', NULL), ('0,05', 'fr'), ('-0', NULL), ('007', NULL),
               ('1.234,5', NULL), ('1,234.5', NULL), ('1.234.567', NULL), ('3,5', NULL),
               ('3.14159', NULL), (E'\u00a01 234', NULL)) AS v(raw, lang);
-- Each way of not being a number says why.
SELECT tb.tb_parse_number('');
SELECT tb.tb_parse_number('   %');
SELECT tb.tb_parse_number('-');
SELECT tb.tb_parse_number('ver anexo');
SELECT tb.tb_parse_number('12 a 15');
SELECT tb.tb_parse_number('1.234');
SELECT tb.tb_parse_number('1,2,3', 'en');
SELECT tb.tb_parse_number('1.23', 'es');
SELECT tb.tb_parse_number('12,34.5', 'en');
SELECT tb.tb_parse_number('1,5,0', 'es');
SELECT tb.tb_parse_number('.5', 'en');
SELECT tb.tb_parse_number('5.', 'en');
SELECT tb.tb_parse_number('1' || repeat('0', 400));
SELECT tb.tb_parse_number(repeat('1', 65));
SELECT tb.tb_parse_number('NaN');
SELECT tb.tb_parse_number('Infinity');
SELECT tb.tb_parse_number('1e5');
SELECT tb.tb_parse_number('12', 'de');
-- The try variant returns NULL for bad numbers, but an unknown language is still an error.
SELECT tb.tb_try_parse_number('ver anexo') IS NULL AS try_null;
SELECT tb.tb_try_parse_number('12', 'xx');
-- NULL answer: NULL.
SELECT tb.tb_parse_number(NULL) IS NULL AS null_in, tb.tb_try_parse_number(NULL, NULL) IS NULL AS try_null_in,
       (quito.tb_parse_answer(NULL, 'binary')).error AS null_answer;
-- tb_parse_answer: one answer for one kind of indicator.
SELECT raw, kind, lang, (quito.tb_parse_answer(raw, kind, lang)).*
  FROM (VALUES (' Sí ', 'binary', 'es'), ('SIM', 'binary', 'pt'), ('no', 'binary', 'en'),
               ('NAO', 'binary', 'pt'), ('Parcialmente implementada', 'ordinal', 'es'),
               ('INSTITUTIONALISED', 'ordinal', 'en'), ('Planejado', 'ordinal', 'pt'),
               ('No aplica', 'count', 'es'), ('não sabe', 'percentage', 'pt'),
               ('1.234', 'count', 'es'), ('12,5 %', 'percentage', 'es'), ('Sí', 'ordinal', 'es'),
               ('implementado', 'binary', 'es'), ('muchos', 'count', 'es'), ('', 'binary', 'es'),
               ('5', 'binary', 'es'), ('5', 'weird', 'es')) AS v(raw, kind, lang);
-- The vocabulary is data: a new variant is one INSERT.
INSERT INTO quito.answer_vocabulary (term, applies_to, meaning, value, lang)
VALUES (tb.tb_fold('Sí, existe'), 'binary', 'value', 1, 'es');
SELECT (quito.tb_parse_answer('SI, EXISTE', 'binary', 'es')).*;
-- Terms must be stored folded, and values must fit the kind.
INSERT INTO quito.answer_vocabulary (term, applies_to, meaning, value) VALUES ('Sí, claro', 'binary', 'value', 1);
INSERT INTO quito.answer_vocabulary (term, applies_to, meaning, value) VALUES ('a medias', 'binary', 'value', 0.5);
INSERT INTO quito.answer_vocabulary (term, applies_to, meaning, value) VALUES ('quizas', 'any', 'value', 1);
DELETE FROM quito.answer_vocabulary WHERE NOT shipped;
-- Blanks around the number and before '%' are one set at both ends: the
-- narrow no-break space of French typography ("12,5 %") included.
SELECT tb.tb_parse_number(E'12,5\u202F%', 'fr') AS narrow_before_percent, tb.tb_parse_number(E'12,5\u202F', 'fr') AS narrow_after,
       tb.tb_parse_number(E'\u00A012,5\u00A0%\t', 'es') AS no_break_around, tb.tb_parse_number(E'\u202F5 %\r\n') AS narrow_leading;
