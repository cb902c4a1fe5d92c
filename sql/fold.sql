-- tb_fold: ICU folding for matching answers.
SELECT t AS input, tb.tb_fold(t) AS folded
  FROM (VALUES ('Sí'), ('SIM'), (' yes '), ('Não'), ('NAO'),
               ('Parcialmente   Implementada'), (E'\tInstitucionalizado\n'),
               ('República Dominicana'), ('Curaçao'), ('Straße'), ('ﬁnal'),
               ('ＳＩ'), ('İstanbul'), ('Ñandú'), ('Ångström'), ('ÆØÅ'),
               (''), ('   '), (E'a\u00a0\u2003b'), ('Don''t know'), ('N/A')) AS v(t);
-- Accents, case, compatibility forms and white space do not matter.
SELECT tb.tb_fold('Implementación') = tb.tb_fold('IMPLEMENTACION') AS accents_and_case,
       tb.tb_fold('ﬁ') = tb.tb_fold('FI') AS compatibility,
       tb.tb_fold(E'  no \t aplica ') = 'no aplica' AS spaces;
-- Folding is idempotent.
SELECT count(*) AS not_idempotent
  FROM quito.answer_vocabulary WHERE tb.tb_fold(term) <> term;
-- NULL in, NULL out (STRICT).
SELECT tb.tb_fold(NULL) IS NULL AS strict;
-- Long text folds too.
SELECT length(tb.tb_fold(repeat('É', 100000))) AS long_text;
-- A database that is not UTF8 gets a clear error.
CREATE DATABASE tb_fold_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c tb_fold_latin1
CREATE EXTENSION trafficking_baseline;
SELECT tb.tb_fold('a');
SELECT tb.tb_create_baseline('quito');
\c contrib_regression
DROP DATABASE tb_fold_latin1;
-- The ASCII shortcut gives what ICU gives: a trailing combining mark forces
-- the ICU path without changing the result.
SELECT count(*) AS ascii_mismatches
  FROM generate_series(1, 127) AS c
 WHERE tb.tb_fold(' A' || chr(c) || 'z  ' || chr(c)) <> tb.tb_fold(' A' || chr(c) || 'z  ' || chr(c) || U&'\0301');
