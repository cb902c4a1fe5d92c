-- tb_country: ISO 3166-1 countries from codes and names in es/pt/en/fr (ICU).
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
SET search_path = quito, tb, public;

-- The forms analysts meet, all to the same code.
SELECT v, v::tb_country AS country
  FROM unnest(ARRAY['Perú', 'PERU', 'per', 'pe', '604', 'Pérou', '  peru ', 'Brasil', 'Brazil', 'Brésil', 'BRA', '076', '76',
                    'República Dominicana', 'Republica  dominicana', 'Dominican Republic', 'République dominicaine',
                    'DOM', '214', 'Curaçao', 'curacao', 'Côte d''Ivoire', 'Cote d Ivoire', 'Costa do Marfim',
                    'EE. UU.', 'Estados Unidos', 'USA', 'Reino Unido', 'Guinea-Bissau', 'Guinea Bissau']) AS v;
-- Every country ICU knows round-trips through its codes and its names, generated from ICU itself.
WITH c AS (SELECT * FROM tb_iso_countries()),
     forms AS (SELECT country, form, v FROM c, LATERAL (VALUES
                 ('alpha-2', country::text), ('alpha-2 lower', lower(country::text)), ('alpha-3', alpha3),
                 ('numeric', numeric_code::text), ('numeric 3 digits', lpad(numeric_code::text, 3, '0')),
                 ('es', name_es), ('pt', name_pt), ('en', name_en), ('fr', name_fr),
                 ('es upper', upper(name_es)), ('fr without accents', tb_fold(name_fr))) AS x(form, v))
SELECT form, count(*) AS countries, count(*) FILTER (WHERE v::tb_country = country) AS round_trips
  FROM forms GROUP BY form ORDER BY form;
SELECT count(*) AS countries, count(DISTINCT alpha3) AS alpha3_codes, count(DISTINCT numeric_code) AS numeric_codes
  FROM tb_iso_countries();
-- Names, codes, for the members.
SELECT c, tb_country_alpha3(c), tb_country_numeric(c), tb_country_name(c, 'es') AS es, tb_country_name(c, 'pt') AS pt,
       tb_country_name(c) AS en, tb_country_name(c, 'fr') AS fr
  FROM unnest('{AR,BR,CL,CO,CR,DO,EC,GY,MX,PA,PE,PY,UY,CW}'::tb_country[]) AS c;
SELECT tb_country_name('BR', 'pt_BR') AS pt_br, tb_country_name('DE', 'de') AS de;

-- Near misses and confusables: a clear error with the closest names.
SELECT pg_temp.err(format('SELECT %L::tb.tb_country', v))
  FROM unnest(ARRAY['Republica Dominica', 'Dominicana', 'Perú Perú', 'Brazl', 'Colômbiaa', 'Nigerr',
                    'Kongo', 'Guinea Ecuatorial del Sur', 'Narnia', 'ZZ', 'XXX', '999', '0', '',
                    '   ', '!!!']) AS v;
-- These are different countries, not misspellings of each other.
SELECT v, v::tb_country
  FROM unnest(ARRAY['Dominica', 'República Dominicana', 'Niger', 'Nigeria', 'Guinea', 'Guinea Ecuatorial',
                    'Guinea-Bisáu', 'Papúa Nueva Guinea', 'Congo', 'República Democrática del Congo',
                    'Congo-Kinshasa', 'Austria', 'Australia', 'Iran', 'Iraq']) AS v;
SELECT tb_try_country('Narnia') IS NULL AS try_null, tb_country_suggest('Brazl') AS suggestion,
       tb_country_suggest('Brasil') IS NULL AS no_suggestion_when_known;

-- A key: equality, order, grouping, DISTINCT, btree and hash indexes, joins.
SELECT 'Perú'::tb_country = 'PER' AS eq, 'PE'::tb_country <> 'BR' AS ne, 'AR'::tb_country < 'BR' AS lt,
       'UY'::tb_country >= 'UY' AS ge, tb_country_cmp('MX', 'CL') AS cmp;
CREATE TEMP TABLE cc AS SELECT v::tb_country AS c FROM unnest(ARRAY['Perú', 'PER', '604', 'Brasil', 'BRA', 'México']) AS v;
SELECT c, count(*) FROM cc GROUP BY c ORDER BY c;
SELECT DISTINCT c FROM cc ORDER BY c DESC;
CREATE INDEX ON cc (c);
CREATE INDEX ON cc USING hash (c);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM cc WHERE c = 'PE';
SELECT count(*) FROM cc WHERE c = 'Peru';
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT count(*) AS hash_join FROM cc a JOIN cc b USING (c);
RESET ALL;
SET search_path = quito, tb, public;
-- Binary COPY round trip, and refused payloads.
CREATE TEMP TABLE cc2 (c tb_country);
\copy cc TO 'results/country.bin' WITH (FORMAT binary)
\copy cc2 FROM 'results/country.bin' WITH (FORMAT binary)
SELECT count(*) FILTER (WHERE a.c = b.c) AS same FROM (SELECT c, row_number() OVER () FROM cc) a JOIN (SELECT c, row_number() OVER () FROM cc2) b USING (row_number);
\copy (SELECT 'ZZ'::bytea) TO 'results/country.bin' WITH (FORMAT binary)
\copy cc2 FROM 'results/country.bin' WITH (FORMAT binary)
\copy (SELECT 'PER'::bytea) TO 'results/country.bin' WITH (FORMAT binary)
\copy cc2 FROM 'results/country.bin' WITH (FORMAT binary)
-- One error in full.
SELECT 'Republica Dominica'::tb_country;
SELECT pg_temp.err($$ SELECT tb.tb_country_name('PE', '') $$);
