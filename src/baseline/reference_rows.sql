------------------------------------------------------------------------------
-- Shipped reference rows
------------------------------------------------------------------------------

INSERT INTO @baseline@.axes (code, name_es, name_pt, name_en, sort_order, shipped) VALUES
  ('PREV', 'Prevención', 'Prevenção', 'Prevention', 1, true),
  ('PROT', 'Protección y asistencia', 'Proteção e assistência', 'Protection and assistance', 2, true),
  ('PROS', 'Persecución y judicialización', 'Persecução e judicialização', 'Prosecution', 3, true),
  ('GOV', 'Gobernanza y coordinación interinstitucional', 'Governança e coordenação interinstitucional',
   'Governance and inter-institutional coordination', 4, true);

INSERT INTO @baseline@.countries (iso2, iso3, iso_numeric, name_es, name_pt, name_en, shipped) VALUES
  ('AR', 'ARG', 32, 'Argentina', 'Argentina', 'Argentina', true),
  ('BR', 'BRA', 76, 'Brasil', 'Brasil', 'Brazil', true),
  ('CL', 'CHL', 152, 'Chile', 'Chile', 'Chile', true),
  ('CO', 'COL', 170, 'Colombia', 'Colômbia', 'Colombia', true),
  ('CR', 'CRI', 188, 'Costa Rica', 'Costa Rica', 'Costa Rica', true),
  ('DO', 'DOM', 214, 'República Dominicana', 'República Dominicana', 'Dominican Republic', true),
  ('EC', 'ECU', 218, 'Ecuador', 'Equador', 'Ecuador', true),
  ('GY', 'GUY', 328, 'Guyana', 'Guiana', 'Guyana', true),
  ('MX', 'MEX', 484, 'México', 'México', 'Mexico', true),
  ('PA', 'PAN', 591, 'Panamá', 'Panamá', 'Panama', true),
  ('PE', 'PER', 604, 'Perú', 'Peru', 'Peru', true),
  ('PY', 'PRY', 600, 'Paraguay', 'Paraguai', 'Paraguay', true),
  ('UY', 'URY', 858, 'Uruguay', 'Uruguai', 'Uruguay', true),
  ('CW', 'CUW', 531, 'Curazao', 'Curaçao', 'Curaçao', true),
  ('VE', 'VEN', 862, 'Venezuela', 'Venezuela', 'Venezuela', true);

INSERT INTO @baseline@.answer_vocabulary (term, applies_to, meaning, value, lang, shipped)
SELECT @extschema@.tb_fold(t), a, 'value', v, l, true
  FROM (VALUES
    ('sí', 'binary', 1, 'es'), ('no', 'binary', 0, NULL), ('sim', 'binary', 1, 'pt'),
    ('não', 'binary', 0, 'pt'), ('yes', 'binary', 1, 'en'), ('y', 'binary', 1, 'en'),
    ('n', 'binary', 0, NULL), ('s', 'binary', 1, NULL), ('oui', 'binary', 1, 'fr'), ('non', 'binary', 0, 'fr'),
    ('ninguno', 'ordinal', 0, 'es'), ('ninguna', 'ordinal', 0, 'es'), ('no existe', 'ordinal', 0, 'es'),
    ('nenhum', 'ordinal', 0, 'pt'), ('nenhuma', 'ordinal', 0, 'pt'), ('não existe', 'ordinal', 0, 'pt'),
    ('none', 'ordinal', 0, 'en'), ('not in place', 'ordinal', 0, 'en'),
    ('planificado', 'ordinal', 1, 'es'), ('planificada', 'ordinal', 1, 'es'), ('en planificación', 'ordinal', 1, 'es'),
    ('planeado', 'ordinal', 1, 'es'), ('planeada', 'ordinal', 1, 'es'), ('previsto', 'ordinal', 1, 'es'),
    ('planejado', 'ordinal', 1, 'pt'), ('planejada', 'ordinal', 1, 'pt'), ('em planejamento', 'ordinal', 1, 'pt'),
    ('planned', 'ordinal', 1, 'en'),
    ('parcial', 'ordinal', 2, NULL), ('parcialmente implementado', 'ordinal', 2, NULL),
    ('parcialmente implementada', 'ordinal', 2, NULL), ('parcialmente implementados', 'ordinal', 2, NULL),
    ('parcialmente implementadas', 'ordinal', 2, NULL), ('implementado parcialmente', 'ordinal', 2, NULL),
    ('implementada parcialmente', 'ordinal', 2, NULL), ('partial', 'ordinal', 2, 'en'),
    ('partially implemented', 'ordinal', 2, 'en'), ('partly implemented', 'ordinal', 2, 'en'),
    ('implementado', 'ordinal', 3, NULL), ('implementada', 'ordinal', 3, NULL),
    ('implementados', 'ordinal', 3, NULL), ('implementadas', 'ordinal', 3, NULL),
    ('implantado', 'ordinal', 3, 'pt'), ('implantada', 'ordinal', 3, 'pt'), ('implemented', 'ordinal', 3, 'en'),
    ('institucionalizado', 'ordinal', 4, NULL), ('institucionalizada', 'ordinal', 4, NULL),
    ('institucionalizados', 'ordinal', 4, NULL), ('institucionalizadas', 'ordinal', 4, NULL),
    ('institutionalized', 'ordinal', 4, 'en'), ('institutionalised', 'ordinal', 4, 'en')
  ) AS w(t, a, v, l);

INSERT INTO @baseline@.answer_vocabulary (term, applies_to, meaning, lang, shipped)
SELECT @extschema@.tb_fold(t), 'any', m, l, true
  FROM (VALUES
    ('no aplica', 'not_applicable', 'es'), ('no corresponde', 'not_applicable', 'es'),
    ('n/a', 'not_applicable', NULL), ('na', 'not_applicable', NULL), ('n.a.', 'not_applicable', NULL),
    ('não se aplica', 'not_applicable', 'pt'), ('não aplicável', 'not_applicable', 'pt'),
    ('not applicable', 'not_applicable', 'en'), ('sin dato', 'unknown', 'es'),
    ('no sabe', 'unknown', 'es'), ('no se sabe', 'unknown', 'es'), ('ns', 'unknown', NULL),
    ('ns/nr', 'unknown', NULL), ('desconocido', 'unknown', 'es'), ('sin información', 'unknown', 'es'),
    ('não sabe', 'unknown', 'pt'), ('não sei', 'unknown', 'pt'), ('sem informação', 'unknown', 'pt'),
    ('desconhecido', 'unknown', 'pt'), ('don''t know', 'unknown', 'en'), ('dont know', 'unknown', 'en'),
    ('unknown', 'unknown', 'en'), ('no data', 'unknown', 'en')
  ) AS w(t, m, l);

INSERT INTO @baseline@.rating_bands (scheme, label, min_score, colour, shipped) VALUES
  ('traffic_light', 'green', 80, '#2e7d32', true),
  ('traffic_light', 'yellow', 60, '#f9a825', true),
  ('traffic_light', 'orange', 40, '#ef6c00', true),
  ('traffic_light', 'red', 0, '#c62828', true),
  ('letter', 'AAA', 90, '#1b5e20', true), ('letter', 'AA', 80, '#2e7d32', true),
  ('letter', 'A', 70, '#558b2f', true), ('letter', 'BBB', 60, '#9e9d24', true),
  ('letter', 'BB', 50, '#f9a825', true), ('letter', 'B', 40, '#ff8f00', true),
  ('letter', 'CCC', 30, '#ef6c00', true), ('letter', 'CC', 20, '#e65100', true),
  ('letter', 'C', 10, '#d84315', true), ('letter', 'D', 0, '#c62828', true);
