-- Answers as institutions type them, in Spanish, Portuguese and English.
SET search_path = quito, tb, public;
CREATE TEMP TABLE variants (raw text, kind text, lang text, value float8, status text);
INSERT INTO variants VALUES
  -- binary yes
  ('Sí', 'binary', 'es', 1, 'value'), ('si', 'binary', 'es', 1, 'value'), ('SI', 'binary', 'es', 1, 'value'),
  ('sí ', 'binary', 'es', 1, 'value'), ('  Sí  ', 'binary', 'es', 1, 'value'), ('SÍ', 'binary', 'es', 1, 'value'),
  ('S', 'binary', 'es', 1, 'value'), ('Sim', 'binary', 'pt', 1, 'value'), ('SIM', 'binary', 'pt', 1, 'value'),
  ('sim', 'binary', 'pt', 1, 'value'), ('Yes', 'binary', 'en', 1, 'value'), ('yes ', 'binary', 'en', 1, 'value'),
  (' YES', 'binary', 'en', 1, 'value'), ('Y', 'binary', 'en', 1, 'value'), ('Oui', 'binary', 'fr', 1, 'value'),
  -- binary no
  ('No', 'binary', 'es', 0, 'value'), ('NO', 'binary', 'es', 0, 'value'), (' no', 'binary', 'es', 0, 'value'),
  ('Não', 'binary', 'pt', 0, 'value'), ('NAO', 'binary', 'pt', 0, 'value'), ('nao', 'binary', 'pt', 0, 'value'),
  ('NÃO', 'binary', 'pt', 0, 'value'), ('no', 'binary', 'en', 0, 'value'), ('N', 'binary', 'en', 0, 'value'),
  ('Non', 'binary', 'fr', 0, 'value'),
  -- ordinal: none
  ('Ninguno', 'ordinal', 'es', 0, 'value'), ('ninguna', 'ordinal', 'es', 0, 'value'), ('No existe', 'ordinal', 'es', 0, 'value'),
  ('Nenhum', 'ordinal', 'pt', 0, 'value'), ('nenhuma', 'ordinal', 'pt', 0, 'value'), ('Não existe', 'ordinal', 'pt', 0, 'value'),
  ('None', 'ordinal', 'en', 0, 'value'), ('not in place', 'ordinal', 'en', 0, 'value'),
  -- planned
  ('Planificado', 'ordinal', 'es', 1, 'value'), ('planificada', 'ordinal', 'es', 1, 'value'),
  ('En planificación', 'ordinal', 'es', 1, 'value'), ('EN PLANIFICACION', 'ordinal', 'es', 1, 'value'),
  ('Previsto', 'ordinal', 'es', 1, 'value'), ('Planeado', 'ordinal', 'es', 1, 'value'),
  ('Planejado', 'ordinal', 'pt', 1, 'value'), ('planejada', 'ordinal', 'pt', 1, 'value'),
  ('Em planejamento', 'ordinal', 'pt', 1, 'value'), ('Planned', 'ordinal', 'en', 1, 'value'),
  -- partial
  ('Parcial', 'ordinal', 'es', 2, 'value'), ('PARCIAL', 'ordinal', 'pt', 2, 'value'),
  ('Parcialmente implementado', 'ordinal', 'es', 2, 'value'), ('parcialmente implementada', 'ordinal', 'es', 2, 'value'),
  ('Parcialmente implementados', 'ordinal', 'es', 2, 'value'), ('parcialmente   implementadas', 'ordinal', 'es', 2, 'value'),
  ('Implementado parcialmente', 'ordinal', 'es', 2, 'value'), ('implementada parcialmente', 'ordinal', 'pt', 2, 'value'),
  ('Partial', 'ordinal', 'en', 2, 'value'), ('Partially implemented', 'ordinal', 'en', 2, 'value'),
  ('partly implemented', 'ordinal', 'en', 2, 'value'),
  -- implemented
  ('Implementado', 'ordinal', 'es', 3, 'value'), ('implementada', 'ordinal', 'es', 3, 'value'),
  ('IMPLEMENTADO', 'ordinal', 'es', 3, 'value'), ('Implementados', 'ordinal', 'es', 3, 'value'),
  ('implementadas', 'ordinal', 'es', 3, 'value'), ('Implantado', 'ordinal', 'pt', 3, 'value'),
  ('implantada', 'ordinal', 'pt', 3, 'value'), ('Implemented', 'ordinal', 'en', 3, 'value'),
  ('implemented ', 'ordinal', 'en', 3, 'value'),
  -- institutionalized
  ('Institucionalizado', 'ordinal', 'es', 4, 'value'), ('institucionalizada', 'ordinal', 'es', 4, 'value'),
  ('Institucionalizados', 'ordinal', 'pt', 4, 'value'), ('INSTITUCIONALIZADAS', 'ordinal', 'pt', 4, 'value'),
  ('Institutionalized', 'ordinal', 'en', 4, 'value'), ('institutionalised', 'ordinal', 'en', 4, 'value'),
  -- not applicable, don't know: any kind
  ('No aplica', 'binary', 'es', NULL, 'not_applicable'), ('no aplica', 'count', 'es', NULL, 'not_applicable'),
  ('NO CORRESPONDE', 'ordinal', 'es', NULL, 'not_applicable'), ('N/A', 'rate', 'en', NULL, 'not_applicable'),
  ('n/a', 'percentage', 'es', NULL, 'not_applicable'), ('NA', 'count', 'en', NULL, 'not_applicable'),
  ('Não se aplica', 'binary', 'pt', NULL, 'not_applicable'), ('não aplicável', 'count', 'pt', NULL, 'not_applicable'),
  ('Not applicable', 'ordinal', 'en', NULL, 'not_applicable'), ('No sabe', 'binary', 'es', NULL, 'unknown'),
  ('NS', 'count', 'es', NULL, 'unknown'), ('ns/nr', 'ordinal', 'es', NULL, 'unknown'),
  ('Sin dato', 'rate', 'es', NULL, 'unknown'), ('sin información', 'count', 'es', NULL, 'unknown'),
  ('Não sabe', 'percentage', 'pt', NULL, 'unknown'), ('não sei', 'binary', 'pt', NULL, 'unknown'),
  ('Sem informação', 'count', 'pt', NULL, 'unknown'), ('Don''t know', 'ordinal', 'en', NULL, 'unknown'),
  ('dont know', 'count', 'en', NULL, 'unknown'), ('Unknown', 'rate', 'en', NULL, 'unknown'),
  ('No data', 'percentage', 'en', NULL, 'unknown'),
  -- numbers as typed
  ('87', 'count', 'es', 87, 'value'), (' 87 ', 'count', 'pt', 87, 'value'), ('1.234', 'count', 'es', 1234, 'value'),
  ('1.234', 'count', 'pt', 1234, 'value'), ('1,234', 'count', 'en', 1234, 'value'), ('12.345.678', 'count', 'es', 12345678, 'value'),
  ('3,5', 'rate', 'es', 3.5, 'value'), ('3.5', 'rate', 'en', 3.5, 'value'), ('0,25', 'rate', 'pt', 0.25, 'value'),
  ('12,5 %', 'percentage', 'es', 12.5, 'value'), ('12.5%', 'percentage', 'en', 12.5, 'value'),
  ('45%', 'percentage', 'pt', 45, 'value'), ('45', 'percentage', 'es', 45, 'value'), ('100 %', 'percentage', 'en', 100, 'value'),
  ('１２', 'count', 'es', 12, 'value'),
  -- limits: the value lies below
  ('<5', 'count', 'es', 5, 'below'), ('< 5', 'count', 'en', 5, 'below'), ('menos de 5', 'count', 'es', 5, 'below'),
  ('Menor que 10', 'count', 'es', 10, 'below'), ('menor a 1.000', 'count', 'es', 1000, 'below'),
  ('Inferior a 3', 'rate', 'pt', 3, 'below'), ('abaixo de 2,5', 'rate', 'pt', 2.5, 'below'),
  ('Less than 1,000', 'count', 'en', 1000, 'below'), ('below 5%', 'percentage', 'en', 5, 'below'),
  ('≤ 3', 'count', 'es', 3, 'below'), ('fewer than 10', 'count', 'en', 10, 'below');
SELECT count(*) AS variants,
       count(*) FILTER (WHERE p.value IS NOT DISTINCT FROM v.value AND p.status IS NOT DISTINCT FROM v.status
                        AND p.error IS NULL) AS parsed_as_expected
  FROM variants v, LATERAL tb_parse_answer(v.raw, v.kind, v.lang) p;
SELECT v.raw, v.kind, v.lang, p.* FROM variants v, LATERAL tb_parse_answer(v.raw, v.kind, v.lang) p
 WHERE p.value IS DISTINCT FROM v.value OR p.status IS DISTINCT FROM v.status OR p.error IS NOT NULL;

-- Every way of not being understood.
SELECT raw, kind, lang, p.*
  FROM (VALUES ('', 'binary', 'es'), (NULL, 'count', 'es'), ('   ', 'ordinal', 'pt'),
               ('Implementado', 'binary', 'es'), ('Sí', 'ordinal', 'es'), ('Sí', 'count', 'es'),
               ('muchos', 'count', 'es'), ('ver anexo', 'percentage', 'es'), ('12 a 15', 'count', 'es'),
               ('1.234', 'count', NULL), ('1.23', 'count', 'es'), ('< muchos', 'count', 'es'), ('5', 'ordinal', 'es'),
               ('a medias', 'ordinal', 'es'), ('sí y no', 'binary', 'es'), ('Sí', NULL, 'es'), ('Sí', 'scale', 'es'))
       AS t(raw, kind, lang), LATERAL tb_parse_answer(raw, kind, lang) p;
SELECT * FROM tb_parse_answer('5', 'count', 'de');

-- The vocabulary is data: a new variant is one row, effective at the next query.
INSERT INTO answer_vocabulary (term, applies_to, meaning, value, lang) VALUES (tb_fold('A medias'), 'ordinal', 'value', 2, 'es');
SELECT * FROM tb_parse_answer('A MEDIAS', 'ordinal', 'es');
DELETE FROM answer_vocabulary WHERE NOT shipped;
