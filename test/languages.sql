-- Languages as data: the interface strings and names of the reports, their
-- fallbacks, each country's default language, the map's shapes, and the
-- contract of the report and picture functions.
BEGIN;
SELECT plan(27);

SELECT has_table('quito', 'ui_strings', 'a baseline has its interface strings');
SELECT has_table('quito', 'country_languages', 'a baseline has each country''s default language');
SELECT has_table('quito', 'map_shapes', 'a baseline has the map''s shapes');
SELECT col_is_pk('quito', 'ui_strings', ARRAY['key', 'lang'], 'an interface string is keyed by key and language');

SELECT is((SELECT count(*) FROM (SELECT key FROM quito.ui_strings WHERE shipped GROUP BY key
                                  HAVING count(*) FILTER (WHERE lang IN ('es', 'pt', 'en')) <> 3) k), 0::bigint,
          'every shipped string is in Spanish, Portuguese and English');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT (regexp_matches(p.prosrc, $r$tb_ui\('([a-z0-9_.]*[a-z0-9_])'$r$, 'g'))[1] AS key
                                   FROM pg_proc p WHERE p.pronamespace = 'quito'::regnamespace) used
                                  CROSS JOIN (VALUES ('es'), ('pt'), ('en')) AS l(lang)
            WHERE NOT EXISTS (SELECT 1 FROM quito.ui_strings s WHERE s.key = used.key AND s.lang = l.lang)), 0::bigint,
          'every string the baseline''s functions ask for by name is there in es, pt and en');

SELECT is(quito.tb_ui('section.map', 'pt'), 'Mapa: pontuação geral por país', 'tb_ui: the string in the language asked');
SELECT is(quito.tb_ui('section.map', 'fr'), quito.tb_ui('section.map', 'en'), 'tb_ui: English for a language without the string');
SELECT is(quito.tb_ui('section.map', NULL), quito.tb_ui('section.map', 'en'), 'tb_ui: English without a language');
SELECT is(quito.tb_ui('no.such.string', 'es'), 'no.such.string', 'tb_ui: the key itself when no language has it');
SELECT isnt(quito.tb_ui(NULL, 'es'), NULL, 'tb_ui: never NULL');

SELECT throws_ok($$INSERT INTO quito.ui_strings (key, lang, text) VALUES ('section.map', 'fra', 'Carte')$$, '23514',
                 NULL, 'a language is a two-letter code');
SELECT lives_ok($$INSERT INTO quito.ui_strings (key, lang, text) VALUES ('section.map', 'fr', 'Carte : score global par pays')$$,
                'a language is added by INSERT');
SELECT is(quito.tb_ui('section.map', 'fr'), 'Carte : score global par pays', 'tb_ui reads a string added by INSERT');

SELECT is(quito.tb_name('country', 'BR', 'pt'), 'Brasil', 'tb_name: a country in Portuguese');
SELECT is(quito.tb_name('axis', 'PROT', 'es'), 'Protección y asistencia', 'tb_name: an axis in Spanish');
SELECT is(quito.tb_name('indicator', 'TIP_TIER', 'en'), 'US TIP Report tier', 'tb_name: an indicator in English');
SELECT is(quito.tb_name('country', 'DO', 'fr'), 'Dominican Republic', 'tb_name: English for another language');
SELECT is(quito.tb_name('indicator', 'NO_SUCH', 'es'), 'NO_SUCH', 'tb_name: the code when the catalogue has no such entry');
SELECT throws_ok($$SELECT quito.tb_name('region', 'AR', 'es')$$, '22023', NULL, 'tb_name: refuses another kind of name');

SELECT is(ARRAY[quito.tb_country_lang('BR'), quito.tb_country_lang('mx'), quito.tb_country_lang('GY'), quito.tb_country_lang('ZZ')],
          ARRAY['pt', 'es', 'en', 'en'], 'tb_country_lang: each country''s default, English without one');
SELECT is((SELECT count(*) FROM quito.memberships m LEFT JOIN quito.country_languages l USING (country) WHERE l.lang IS NULL),
          0::bigint, 'every member and the observer has a default language');
SELECT is(ARRAY[quito.tb_num(92.6621, 1, 'es'), quito.tb_num(92.6621, 1, 'en'), quito.tb_num(NULL, 1, 'pt')],
          ARRAY['92,7', '92.7', '-'], 'tb_num: a decimal comma in Spanish and Portuguese, a point in English');

SELECT is((SELECT count(*) FROM pg_proc p
            WHERE p.pronamespace = 'quito'::regnamespace
              AND (p.proname LIKE 'tb\_svg\_%' OR p.proname IN ('tb_ui', 'tb_name', 'tb_country_lang', 'tb_num', 'report_html'))
              AND (obj_description(p.oid, 'pg_proc') IS NULL OR p.provolatile = 'v'
                   OR NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false))),
          0::bigint, 'every report and picture function is commented, not volatile, with a safe search_path');
SELECT is((SELECT count(*) FROM pg_proc p
            WHERE p.pronamespace = 'quito'::regnamespace AND p.proname LIKE 'tb\_svg\_%'
              AND p.proname NOT IN ('tb_svg_text', 'tb_svg_colour', 'tb_svg_ink', 'tb_svg_lines', 'tb_svg_block', 'tb_svg_open',
                                    'tb_svg_source')
              AND NOT 'lang' = ANY (p.proargnames)), 0::bigint, 'every picture takes a language');

-- a new baseline, even without reference rows, has its strings and its map
SELECT tb.tb_create_baseline('tb_lang_check', false);
SELECT is((SELECT count(*) FROM tb_lang_check.ui_strings), (SELECT count(*) FROM quito.ui_strings WHERE shipped),
          'a new baseline has every interface string, reference rows or not');
SELECT isnt(tb_lang_check.tb_svg_map(NULL, 'es'), NULL, 'the map is drawn in a new, empty baseline');

SELECT * FROM finish();
ROLLBACK;
