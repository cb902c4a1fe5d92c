-- The data model keeps bad rows out, each with an error that names the problem.
INSERT INTO quito.rounds VALUES (0, 'Baseline test', '2021-06-30');
INSERT INTO quito.memberships VALUES ('AR', 'member', '2018-09-04', NULL);
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, target, lower_bound, upper_bound)
VALUES ('T_BIN', 'PREV', 'binary', 'higher', 'yes/no', 'Plan', 'Plano', 'Plan', 1, 0, 1),
       ('T_ORD', 'PROT', 'ordinal', 'higher', 'level 0-4', 'Protocolo', 'Protocolo', 'Protocol', 4, 0, 4),
       ('T_PCT', 'PROS', 'percentage', 'lower', '%', 'Archivados', 'Arquivados', 'Dismissed', 10, 0, 100);
INSERT INTO quito.institutions VALUES ('AR-MJ', 'AR', 'Ministerio de Justicia', 'es'),
                                   ('BR-MJ', 'BR', 'Ministério da Justiça', 'pt');

-- countries
INSERT INTO quito.countries VALUES ('ar', 'ARG', 32, 'x', 'x', 'x');
INSERT INTO quito.countries VALUES ('XK', 'XKX', 0, 'Kosovo', 'Kosovo', 'Kosovo');
INSERT INTO quito.countries VALUES ('AR', 'ARG', 32, 'Argentina', 'Argentina', 'Argentina');
-- memberships
INSERT INTO quito.memberships VALUES ('AR', 'member', '2020-01-01', NULL);
INSERT INTO quito.memberships VALUES ('BR', 'member', '2020-01-01', '2019-01-01');
INSERT INTO quito.memberships VALUES ('BR', 'partner', '2020-01-01', NULL);
INSERT INTO quito.memberships VALUES ('ZZ', 'member', '2020-01-01', NULL);
-- indicators
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en)
VALUES ('T_X', 'LEGAL', 'binary', 'higher', 'yes/no', 'a', 'a', 'a');
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en)
VALUES ('T_X', 'PREV', 'scale', 'higher', 'u', 'a', 'a', 'a');
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en)
VALUES ('T_X', 'PREV', 'count', 'up', 'u', 'a', 'a', 'a');
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, lower_bound, upper_bound)
VALUES ('T_X', 'PREV', 'binary', 'higher', 'yes/no', 'a', 'a', 'a', 0, 2);
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, lower_bound, upper_bound, target)
VALUES ('T_X', 'PREV', 'percentage', 'higher', '%', 'a', 'a', 'a', 0, 100, 120);
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, lower_bound, upper_bound)
VALUES ('T_X', 'PREV', 'rate', 'higher', 'per 100,000', 'a', 'a', 'a', 5, 1);
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, weight)
VALUES ('T_X', 'PREV', 'count', 'higher', 'cases', 'a', 'a', 'a', 0);
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, target)
VALUES ('T_X', 'PREV', 'count', 'higher', 'cases', 'a', 'a', 'a', 'NaN');
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, upper_bound)
VALUES ('T_X', 'PREV', 'count', 'higher', 'cases', 'a', 'a', 'a', 'Infinity');
INSERT INTO quito.indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en)
VALUES ('t x', 'PREV', 'count', 'higher', 'cases', 'a', 'a', 'a');
-- rounds
INSERT INTO quito.rounds VALUES (-1, 'Before', '2020-01-01');
INSERT INTO quito.rounds VALUES (1, 'Baseline test', '2023-06-30');
-- institutions
INSERT INTO quito.institutions VALUES ('BR-PF', 'AR', 'Polícia Federal', 'pt');
INSERT INTO quito.institutions VALUES ('AR-X', 'AR', 'X', 'de');
-- responses (terse: the failing row would show the time it was written)
\set VERBOSITY terse
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_BIN', 'Sí', 1, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_BIN', 'Sí', 1, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'BR-MJ', 'T_ORD', 'Parcial', 2, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (7, 'AR', 'AR-MJ', 'T_ORD', 'Parcial', 2, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_NONE', 'Parcial', 2, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_ORD', 'Quinto nivel', 5, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_ORD', 'Dos y medio', 2.5, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_PCT', '150 %', 150, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_PCT', 'No aplica', 3, 'not_applicable');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_PCT', '12', NULL, 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_PCT', '12', 'NaN', 'value');
INSERT INTO quito.responses (round_no, country, institution, indicator, raw_answer, value, status)
VALUES (0, 'AR', 'AR-MJ', 'T_PCT', NULL, 12, 'value');
-- an update is checked like an insert
UPDATE quito.responses SET value = 7 WHERE indicator = 'T_BIN';
\set VERBOSITY default
-- a catalogue row in use cannot be deleted
DELETE FROM quito.indicators WHERE code = 'T_BIN';
DELETE FROM quito.countries WHERE iso2 = 'AR';
-- loads keep their arithmetic
\set VERBOSITY terse
INSERT INTO quito.loads (label, rows_read, loaded) VALUES ('x', 5, 4);
\set VERBOSITY default
-- what stayed in: exactly the valid rows
SELECT round_no, country, institution, indicator, raw_answer, value, status FROM quito.responses;

-- clean up for the next tests
DELETE FROM quito.responses;
DELETE FROM quito.institutions;
DELETE FROM quito.indicators;
DELETE FROM quito.memberships;
DELETE FROM quito.rounds;
