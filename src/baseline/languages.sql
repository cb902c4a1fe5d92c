------------------------------------------------------------------------------
-- Languages: the reports' interface strings and each country's language, as
-- data (tables only: the functions that read them are in report.sql)
------------------------------------------------------------------------------

CREATE TABLE @baseline@.ui_strings (
    key     text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
    lang    text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),
    text    text NOT NULL CHECK (text <> ''),
    shipped boolean NOT NULL DEFAULT false,
    PRIMARY KEY (key, lang)
);
COMMENT ON TABLE @baseline@.ui_strings IS 'Every interface string of the reports and pictures (titles, headings, axis labels, legends, source lines, notes), one row per key and language; tb_ui reads them, falling back to English, then to the key. Add a language or reword a string with INSERT or UPDATE: INSERT INTO @baseline@.ui_strings (key, lang, text) SELECT key, ''fr'', text FROM @baseline@.ui_strings WHERE lang = ''en'', then translate. {round}, {year} and similar are filled in by the report.';
COMMENT ON COLUMN @baseline@.ui_strings.key IS 'Name of the string, dotted: section.map, legend.no_score, band.green.';
COMMENT ON COLUMN @baseline@.ui_strings.lang IS 'ISO 639-1 language code, two lower-case letters (es, pt, en, fr, ...).';
COMMENT ON COLUMN @baseline@.ui_strings.text IS 'The string as shown; {name} placeholders are replaced by the report.';
COMMENT ON COLUMN @baseline@.ui_strings.shipped IS 'True for the rows tb_create_baseline installs.';

CREATE TABLE @baseline@.country_languages (
    country text PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
    lang    text NOT NULL CHECK (lang ~ '^[a-z]{2}$'),
    shipped boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @baseline@.country_languages IS 'The language a country''s reports and profile are written in by default (one of the languages of ui_strings); a country without a row reads English. Change a row to change the default.';
COMMENT ON COLUMN @baseline@.country_languages.country IS 'ISO alpha-2 code of the country (as in countries; no foreign key, so that the rows ship before the countries are loaded).';
COMMENT ON COLUMN @baseline@.country_languages.lang IS 'ISO 639-1 code of the default language.';
COMMENT ON COLUMN @baseline@.country_languages.shipped IS 'True for the rows tb_create_baseline installs.';

-- Interface strings are part of the model, not optional reference rows: a
-- baseline made without reference rows still has readable reports.
INSERT INTO @baseline@.country_languages (country, lang, shipped) VALUES
  ('AR', 'es', true), ('BR', 'pt', true), ('CL', 'es', true), ('CO', 'es', true), ('CR', 'es', true),
  ('DO', 'es', true), ('EC', 'es', true), ('GY', 'en', true), ('MX', 'es', true), ('PA', 'es', true),
  ('PE', 'es', true), ('PY', 'es', true), ('UY', 'es', true), ('CW', 'en', true), ('VE', 'es', true);

INSERT INTO @baseline@.ui_strings (key, lang, text, shipped)
SELECT k, l, t, true
  FROM (VALUES
    -- the language itself, for links between the versions of a report
    ('lang.name', 'Español', 'Português', 'English'),
    ('report.title', 'Línea de base del Mecanismo de Coordinación Regional del Proceso de Quito contra la trata de personas',
                     'Linha de base do Mecanismo de Coordenação Regional do Processo de Quito contra o tráfico de pessoas',
                     'Baseline of the Quito Process Regional Coordination Mechanism against human trafficking'),
    ('report.data_note', 'Datos de la encuesta: ilustrativos (generados, no son resultados reales). Niveles del Informe TIP de EE. UU.: datos reales, 2001-2015.',
                         'Dados da pesquisa: ilustrativos (gerados, não são resultados reais). Níveis do Relatório TIP dos EUA: dados reais, 2001-2015.',
                         'Survey data: illustrative (generated, not real survey results). US TIP Report tiers: real data, 2001-2015.'),
    ('report.other_languages', 'Otros idiomas:', 'Outros idiomas:', 'Other languages:'),
    ('report.contents', 'Contenido', 'Conteúdo', 'Contents'),
    ('report.latest_round', 'Última ronda: {round}.', 'Última rodada: {round}.', 'Latest round: {round}.'),
    ('round.name', 'ronda {round} ({year})', 'rodada {round} ({year})', 'round {round} ({year})'),
    -- sections
    ('section.map', 'Mapa: puntaje general por país', 'Mapa: pontuação geral por país', 'Map: overall score by country'),
    ('section.tip_map', 'Mapa: nivel en el Informe TIP de EE. UU. por año', 'Mapa: nível no Relatório TIP dos EUA por ano',
                        'Map: US TIP Report tier by year'),
    ('section.dashboard', 'Puntajes por país y eje', 'Pontuações por país e eixo', 'Scores by country and axis'),
    ('section.scores', 'Puntajes generales', 'Pontuações gerais', 'Overall scores'),
    ('section.progress', 'Avance desde la línea de base', 'Avanço desde a linha de base', 'Progress since the baseline'),
    ('section.harmonization', 'Armonización', 'Harmonização', 'Harmonization'),
    ('section.priorities', 'Prioridades: las mayores brechas ponderadas', 'Prioridades: as maiores lacunas ponderadas',
                           'Priorities: the largest weighted gaps'),
    ('section.indicators', 'Puntajes por país e indicador', 'Pontuações por país e indicador', 'Scores by country and indicator'),
    ('section.coverage', 'Cobertura: indicadores respondidos / esperados', 'Cobertura: indicadores respondidos / esperados',
                         'Coverage: indicators answered / expected'),
    ('section.sources', 'Fuentes', 'Fontes', 'Sources'),
    -- table headings
    ('col.country', 'País', 'País', 'Country'),
    ('col.score', 'Puntaje (0-100)', 'Pontuação (0-100)', 'Score (0-100)'),
    ('col.band', 'Semáforo', 'Semáforo', 'Traffic light'),
    ('col.letter', 'Calificación', 'Classificação', 'Letter'),
    ('col.copeland', 'Copeland', 'Copeland', 'Copeland'),
    ('col.rank', 'Puesto', 'Posição', 'Rank'),
    ('col.priorities', 'Prioridades', 'Prioridades', 'Priorities'),
    ('col.round', 'Ronda', 'Rodada', 'Round'),
    ('col.answered', 'Respondidos', 'Respondidos', 'Answered'),
    ('col.expected', 'Esperados', 'Esperados', 'Expected'),
    ('col.percent', '%', '%', '%'),
    ('col.indicator', 'Indicador', 'Indicador', 'Indicator'),
    ('col.gap', 'Brecha', 'Lacuna', 'Gap'),
    -- notes under tables and pictures
    ('note.scores', 'Puntaje general: media ponderada de los puntajes por eje. Calificación: bandas de 10 puntos (AAA desde 90). Copeland: victorias menos derrotas en las comparaciones de a pares de los puntajes por eje.',
                    'Pontuação geral: média ponderada das pontuações por eixo. Classificação: faixas de 10 pontos (AAA a partir de 90). Copeland: vitórias menos derrotas nas comparações par a par das pontuações por eixo.',
                    'Overall score: weighted mean of the axis scores. Letter: bands of 10 points (AAA from 90). Copeland: wins minus losses in pairwise comparisons of the axis scores.'),
    ('note.no_score', 'Sin puntaje: menos indicadores con valor que los que exige la regla de cobertura.',
                      'Sem pontuação: menos indicadores com valor do que exige a regra de cobertura.',
                      'No score: fewer indicators with a value than the coverage rule requires.'),
    ('note.priorities', 'Ordenadas de mayor a menor brecha ponderada hacia la meta. * la región está poco armonizada en el indicador.',
                        'Ordenadas da maior para a menor lacuna ponderada em relação à meta. * a região está pouco harmonizada no indicador.',
                        'Largest weighted gap to the target first. * the region is poorly harmonized on the indicator.'),
    ('note.harmonization', 'Alfa de Krippendorff: 1 armonizado, 0 no más parecido que el azar, negativo menos que el azar.',
                           'Alfa de Krippendorff: 1 harmonizado, 0 não mais parecido do que o acaso, negativo menos que o acaso.',
                           'Krippendorff''s alpha: 1 harmonized, 0 no more alike than chance, negative less alike than chance.'),
    ('note.coverage', 'Un indicador cuenta como respondido cuando alguna institución del país lo respondió.',
                      'Um indicador conta como respondido quando alguma instituição do país o respondeu.',
                      'An indicator counts as answered when any institution of the country answered it.'),
    -- sources
    ('source.survey', 'Fuente: encuesta de línea de base del Proceso de Quito (datos ilustrativos), {round}.',
                      'Fonte: pesquisa de linha de base do Processo de Quito (dados ilustrativos), {round}.',
                      'Source: Quito Process baseline survey (illustrative data), {round}.'),
    ('source.progress', 'Fuente: encuesta de línea de base del Proceso de Quito (datos ilustrativos), {from} a {to}.',
                        'Fonte: pesquisa de linha de base do Processo de Quito (dados ilustrativos), {from} a {to}.',
                        'Source: Quito Process baseline survey (illustrative data), {from} to {to}.'),
    ('source.tip', 'Fuente: Departamento de Estado de EE. UU., Informe sobre la Trata de Personas (TIP), 2001-2015.',
                   'Fonte: Departamento de Estado dos EUA, Relatório sobre o Tráfico de Pessoas (TIP), 2001-2015.',
                   'Source: US Department of State, Trafficking in Persons (TIP) Report, 2001-2015.'),
    ('source.map', 'Límites: Natural Earth (dominio público), simplificados.', 'Limites: Natural Earth (domínio público), simplificados.',
                   'Boundaries: Natural Earth (public domain), simplified.'),
    -- picture titles and axis labels
    ('dashboard.title', 'Puntaje por país y eje, {round}', 'Pontuação por país e eixo, {round}', 'Score by country and axis, {round}'),
    ('indicators.title', 'Puntaje por país e indicador, {round}', 'Pontuação por país e indicador, {round}',
                         'Score by country and indicator, {round}'),
    ('indicators.tooltip', 'Pase el puntero sobre una celda para ver el nombre del indicador.',
                           'Passe o ponteiro sobre uma célula para ver o nome do indicador.',
                           'Point at a cell for the indicator''s name.'),
    ('harmonization.title', 'Armonización por eje y tipo de indicador, {round}', 'Harmonização por eixo e tipo de indicador, {round}',
                            'Harmonization by axis and kind of indicator, {round}'),
    ('harmonization.axis', 'Acuerdo entre países (0 a 1)', 'Concordância entre países (0 a 1)', 'Agreement among countries (0 to 1)'),
    ('harmonization.bar', 'Porcentaje de acuerdo', 'Porcentagem de concordância', 'Percent agreement'),
    ('harmonization.dot', 'Alfa de Krippendorff', 'Alfa de Krippendorff', 'Krippendorff''s alpha'),
    ('harmonization.no_alpha', 'sin alfa', 'sem alfa', 'no alpha'),
    ('progress.title', 'Puntaje por eje: de la línea de base a la última ronda', 'Pontuação por eixo: da linha de base à última rodada',
                       'Axis score: from the baseline to the latest round'),
    ('progress.axis', 'Puntaje (0-100)', 'Pontuação (0-100)', 'Score (0-100)'),
    ('progress.baseline', 'Línea de base, {round}', 'Linha de base, {round}', 'Baseline, {round}'),
    ('progress.current', 'Última ronda, {round}, con el color de su tendencia:', 'Última rodada, {round}, com a cor da sua tendência:',
                         'Latest round, {round}, coloured by its trend:'),
    ('map.title', 'Puntaje general por país, {round}', 'Pontuação geral por país, {round}', 'Overall score by country, {round}'),
    ('tipmap.title', 'Nivel en el Informe TIP de EE. UU. por año', 'Nível no Relatório TIP dos EUA por ano', 'US TIP Report tier by year'),
    ('map.not_member', 'No miembro', 'Não membro', 'Not a member'),
    ('map.observer', 'observador', 'observador', 'observer'),
    -- legends
    ('legend.score', 'Puntaje (0-100), semáforo', 'Pontuação (0-100), semáforo', 'Score (0-100), traffic light'),
    ('legend.no_score', 'Sin puntaje', 'Sem pontuação', 'No score'),
    ('legend.tier', 'Nivel TIP', 'Nível TIP', 'TIP tier'),
    ('band.green', 'verde', 'verde', 'green'),
    ('band.yellow', 'amarillo', 'amarelo', 'yellow'),
    ('band.orange', 'naranja', 'laranja', 'orange'),
    ('band.red', 'rojo', 'vermelho', 'red'),
    ('trend.on_track', 'en camino', 'no caminho certo', 'on track'),
    ('trend.moderately_improving', 'mejora moderada', 'melhora moderada', 'moderately improving'),
    ('trend.stagnating', 'estancado', 'estagnado', 'stagnating'),
    ('trend.decreasing', 'en retroceso', 'em retrocesso', 'decreasing'),
    ('tier.1', 'Nivel 1', 'Nível 1', 'Tier 1'),
    ('tier.2', 'Nivel 2', 'Nível 2', 'Tier 2'),
    ('tier.2.5', 'Nivel 2, lista de vigilancia', 'Nível 2, lista de observação', 'Tier 2 Watch List'),
    ('tier.3', 'Nivel 3', 'Nível 3', 'Tier 3'),
    ('tier.none', 'Sin calificar', 'Sem classificação', 'Not rated'),
    ('kind.binary', 'sí/no', 'sim/não', 'yes/no'),
    ('kind.ordinal', 'ordinal', 'ordinal', 'ordinal'),
    ('kind.count', 'conteo', 'contagem', 'count'),
    ('kind.rate', 'tasa', 'taxa', 'rate'),
    ('kind.percentage', 'porcentaje', 'porcentagem', 'percentage'),
    ('section.evidence', 'Armonización y su incertidumbre', 'Harmonização e sua incerteza', 'Harmonization and its uncertainty'),
    ('section.standard', 'Cobertura del estándar común', 'Cobertura do padrão comum', 'Coverage of the common standard'),
    ('section.impact', 'Impacto de las intervenciones', 'Impacto das intervenções', 'Impact of interventions'),
    ('col.axis', 'Eje', 'Eixo', 'Axis'),
    ('col.kind', 'Tipo', 'Tipo', 'Kind'),
    ('col.alpha', 'Alfa', 'Alfa', 'Alpha'),
    ('col.interval', 'Intervalo de 95%', 'Intervalo de 95%', '95% interval'),
    ('col.verdict', 'Veredicto', 'Veredito', 'Verdict'),
    ('col.practice', 'Práctica', 'Prática', 'Practice'),
    ('col.outcome', 'Resultado', 'Resultado', 'Outcome'),
    ('col.adopters', 'Adoptantes / otros', 'Adotantes / outros', 'Adopters / others'),
    ('col.effect', 'Efecto', 'Efeito', 'Effect'),
    ('col.p', 'p', 'p', 'p'),
    ('col.p_floor', 'p mínimo posible', 'p mínimo possível', 'smallest p possible'),
    ('col.holm', 'p ajustado (Holm)', 'p ajustado (Holm)', 'adjusted p (Holm)'),
    ('col.bh', 'q (Benjamini-Hochberg)', 'q (Benjamini-Hochberg)', 'q (Benjamini-Hochberg)'),
    ('col.met', 'Cumplidas', 'Cumpridas', 'Met'),
    ('col.missing', 'Faltan', 'Faltam', 'Missing'),
    ('col.change', 'Cambio desde la ronda anterior', 'Mudança desde a rodada anterior', 'Change since the previous round'),
    ('section.ranks', 'Puestos y su incertidumbre', 'Posições e sua incerteza', 'Ranks and their uncertainty'),
    ('ranks.title', 'Puesto por puntaje general, {round}, con su intervalo', 'Posição pela pontuação geral, {round}, com seu intervalo',
                    'Rank by overall score, {round}, with its interval'),
    ('ranks.axis', 'Puesto (1 el mejor)', 'Posição (1 a melhor)', 'Rank (1 the best)'),
    ('ranks.rank', 'Puesto por puntaje', 'Posição pela pontuação', 'Rank by score'),
    ('ranks.median', 'Puesto mediano', 'Posição mediana', 'Median rank'),
    ('ranks.interval', 'Percentiles 5 a 95 del puesto', 'Percentis 5 a 95 da posição', '5th to 95th percentile of the rank'),
    ('ranks.source', 'Intervalo: 1.000 corridas (pesos ±25%, normalización, agregación, un indicador omitido). Datos ilustrativos.',
                     'Intervalo: 1.000 execuções (pesos ±25%, normalização, agregação, um indicador omitido). Dados ilustrativos.',
                     'Interval: 1,000 runs (weights ±25%, normalisation, aggregation, one indicator left out). Illustrative data.'),
    ('note.ranks', 'Dos países cuyos intervalos se superponen no se distinguen con estos datos: publicar el puesto con su intervalo.',
                   'Dois países cujos intervalos se sobrepõem não se distinguem com estes dados: publicar a posição com seu intervalo.',
                   'Two countries whose intervals overlap are not told apart by these data: publish a rank with its interval.'),
    ('verdict.harmonized', 'armonizado', 'harmonizado', 'harmonized'),
    ('verdict.not_harmonized', 'no armonizado', 'não harmonizado', 'not harmonized'),
    ('verdict.cannot_tell', 'no se puede saber', 'não é possível saber', 'cannot tell'),
    ('note.evidence', 'Alfa de Krippendorff entre los países sobre los indicadores de cada eje y tipo, con su intervalo bootstrap de 95% (los indicadores remuestreados). Armonizado: todo el intervalo llega a 0,667; no armonizado: todo el intervalo queda debajo; no se puede saber: el intervalo cruza 0,667 o no hay intervalo (un solo indicador). {flagged} de {priorities} prioridades quedan marcadas como poco armonizadas.',
                      'Alfa de Krippendorff entre os países sobre os indicadores de cada eixo e tipo, com seu intervalo bootstrap de 95% (indicadores reamostrados). Harmonizado: todo o intervalo chega a 0,667; não harmonizado: todo o intervalo fica abaixo; não é possível saber: o intervalo cruza 0,667 ou não há intervalo (um só indicador). {flagged} de {priorities} prioridades ficam marcadas como pouco harmonizadas.',
                      'Krippendorff''s alpha among the countries over the indicators of each axis and kind, with its 95% bootstrap interval (indicators resampled). Harmonized: the whole interval reaches 0.667; not harmonized: the whole interval is below it; cannot tell: the interval straddles 0.667, or there is none (a single indicator). {flagged} of {priorities} priorities remain flagged as poorly harmonized.'),
    ('note.standard', 'Estándar ILUSTRATIVO (no acordado): una práctica se cumple cuando el valor del país (la media de sus instituciones) alcanza el mínimo del estándar; una práctica sin respuesta falta.',
                      'Padrão ILUSTRATIVO (não acordado): uma prática é cumprida quando o valor do país (a média de suas instituições) atinge o mínimo do padrão; uma prática sem resposta falta.',
                      'ILLUSTRATIVE standard (agreed by no one): a practice is met when the country''s value (the mean of its institutions'') reaches the standard''s minimum; a practice without an answer is missing.'),
    ('note.impact', 'Países sin la práctica en la primera ronda: los que la adoptaron antes de la última frente a los demás; diferencia en diferencias del cambio del resultado (conteos: en ln(1 + valor)), intervalo bootstrap de 95%, valor p exacto por permutación, ajustado sobre los {tested} pares probados. Con tan pocos países el menor p posible puede no superar el ajuste. Los datos ilustrativos llevan un efecto PLANTADO de PROS03 sobre PROS07 (ln 2,5 = 0,916).',
                    'Países sem a prática na primeira rodada: os que a adotaram antes da última frente aos demais; diferença em diferenças da mudança do resultado (contagens: em ln(1 + valor)), intervalo bootstrap de 95%, valor p exato por permutação, ajustado sobre os {tested} pares testados. Com tão poucos países o menor p possível pode não superar o ajuste. Os dados ilustrativos têm um efeito PLANTADO de PROS03 sobre PROS07 (ln 2,5 = 0,916).',
                    'Countries without the practice at the first round: those that adopted it by the last against the others; difference in differences of the outcome''s change (counts: on ln(1 + value)), 95% bootstrap interval, exact permutation p-value, adjusted over the {tested} pairs tested. With so few countries the smallest p-value possible may not pass the adjustment. The illustrative data carry a PLANTED effect of PROS03 on PROS07 (ln 2.5 = 0.916).')
  ) AS s(k, es, pt, en)
 CROSS JOIN LATERAL (VALUES ('es', s.es), ('pt', s.pt), ('en', s.en)) AS v(l, t);
