-- Text rules (0.2): the ICU version that folded text and country names is
-- recorded, and what an ICU upgrade leaves stale is found and rebuilt.
SELECT tb.tb_icu_version() ~ '^[0-9]+(\.[0-9]+)+$' AS icu_version_looks_right,
       tb.tb_unicode_version() ~ '^[0-9]+(\.[0-9]+)+$' AS unicode_version_looks_right;
-- Installing recorded the running versions.
SELECT icu_version = tb.tb_icu_version() AS icu_recorded,
       unicode_version = tb.tb_unicode_version() AS unicode_recorded
  FROM tb.text_rules;
-- One row only.
INSERT INTO tb.text_rules (icu_version, unicode_version) VALUES ('1.0', '1.0');
INSERT INTO tb.text_rules (only_row, icu_version, unicode_version, recorded_at) VALUES (false, '1.0', '1.0', '2020-01-01 00:00+00');

-- A user table with everything that follows ICU: an expression index on
-- tb_fold, one that casts text to tb_country, a stored generated column and a
-- check constraint; an index on a plain tb_country column does not follow it.
CREATE TABLE people (
    name   text,
    c      tb.tb_country,
    folded text GENERATED ALWAYS AS (tb.tb_fold(name)) STORED,
    CONSTRAINT short_names CHECK (length(tb.tb_fold(name)) < 40)
);
CREATE INDEX people_fold ON people (tb.tb_fold(name));
CREATE INDEX people_name_country ON people ((name::tb.tb_country));
CREATE INDEX people_country ON people (c);
INSERT INTO people (name, c) VALUES ('Perú', 'PE'), ('Brasil', 'Brazil');
-- Nothing to do while the recorded version is the running one.
SELECT * FROM tb.tb_text_rules_check();
SELECT tb.tb_text_rules_refresh() AS rebuilt;

-- As after an ICU upgrade: the data was made under another version.
UPDATE tb.text_rules SET icu_version = '1.0';
SELECT kind, object, replace(problem, tb.tb_icu_version(), 'N') AS problem FROM tb.tb_text_rules_check();
-- A registered baseline whose vocabulary is gone hides nothing else.
SET client_min_messages = warning;
SELECT tb.tb_create_baseline('quito_novocab');
DROP TABLE quito_novocab.answer_vocabulary CASCADE;
RESET client_min_messages;
SELECT count(*) AS check_constraints_listed FROM tb.tb_text_rules_check() WHERE kind = 'check constraint';
SET client_min_messages = warning;
SELECT tb.tb_drop_baseline('quito_novocab', drop_roles => false);
RESET client_min_messages;
-- A row that fails a check constraint under the running rules stops the
-- refresh before anything is rewritten (made here with NOT VALID).
ALTER TABLE people ADD CONSTRAINT plain_names CHECK (tb.tb_fold(name) = name) NOT VALID;
SELECT tb.tb_text_rules_refresh();
SELECT icu_version FROM tb.text_rules;
ALTER TABLE people DROP CONSTRAINT plain_names;
-- Now it re-checks the rows, recomputes the generated column, rebuilds the
-- two indexes and records the running version.
SELECT tb.tb_text_rules_refresh() AS rebuilt;
SELECT icu_version = tb.tb_icu_version() AS recorded FROM tb.text_rules;
SELECT * FROM tb.tb_text_rules_check();
SELECT name, folded FROM people ORDER BY name;
-- The rebuilt indexes answer queries.
SET enable_seqscan = off;
SELECT name FROM people WHERE tb.tb_fold(name) = 'peru';
SELECT name FROM people WHERE name::tb.tb_country OPERATOR(tb.=) 'BR'::tb.tb_country;
RESET enable_seqscan;

-- A vocabulary term that no longer folds to itself is found whatever the
-- versions say (its check constraint is lifted here to make one).
BEGIN;
ALTER TABLE quito.answer_vocabulary DROP CONSTRAINT term_is_folded;
INSERT INTO quito.answer_vocabulary (term, applies_to, meaning, value) VALUES ('Sí, EXISTE', 'binary', 'value', 1);
SELECT * FROM tb.tb_text_rules_check();
SELECT tb.tb_text_rules_refresh();
ROLLBACK;
SELECT count(*) AS stale FROM tb.tb_text_rules_check();
-- With the row deleted, the version the data was made under is unknown: the
-- indexes are listed, and the refresh rebuilds them and records the row.
DELETE FROM tb.text_rules;
SELECT kind, object, replace(problem, tb.tb_icu_version(), 'N') AS problem FROM tb.tb_text_rules_check();
SELECT tb.tb_text_rules_refresh() AS rebuilt;
SELECT count(*) AS rows, bool_and(icu_version = tb.tb_icu_version()) AS recorded FROM tb.text_rules;
DROP TABLE people;
