------------------------------------------------------------------------------
-- Reports in the reader's language: names and interface strings (tables in
-- languages.sql), the map, and the regional report as one HTML page
------------------------------------------------------------------------------

CREATE FUNCTION @baseline@.tb_ui(key text, lang text DEFAULT 'en')
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT s.text FROM @baseline@.ui_strings s WHERE s.key = $1 AND s.lang = lower($2)),
                    (SELECT s.text FROM @baseline@.ui_strings s WHERE s.key = $1 AND s.lang = 'en'),
                    $1, '')
$$;
COMMENT ON FUNCTION @baseline@.tb_ui(text, text) IS 'The interface string key in language lang (ui_strings), else in English, else the key itself; never NULL.';

CREATE FUNCTION @baseline@.tb_name(kind text, code text, lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l text := lower(coalesce(lang, 'en'));
    n text;
BEGIN
    IF kind = 'country' THEN
        SELECT CASE l WHEN 'es' THEN c.name_es WHEN 'pt' THEN c.name_pt ELSE c.name_en END
          INTO n FROM @baseline@.countries c WHERE c.iso2 = code;
    ELSIF kind = 'axis' THEN
        SELECT CASE l WHEN 'es' THEN a.name_es WHEN 'pt' THEN a.name_pt ELSE a.name_en END
          INTO n FROM @baseline@.axes a WHERE a.code = tb_name.code;
    ELSIF kind = 'indicator' THEN
        SELECT CASE l WHEN 'es' THEN i.name_es WHEN 'pt' THEN i.name_pt ELSE i.name_en END
          INTO n FROM @baseline@.indicators i WHERE i.code = tb_name.code;
    ELSE
        RAISE EXCEPTION 'unknown kind of name %', quote_literal(coalesce(kind, 'NULL'))
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Names come from the catalogue: countries, axes and indicators.',
                  HINT = 'Use country, axis or indicator.';
    END IF;
    RETURN coalesce(n, code);
END
$$;
COMMENT ON FUNCTION @baseline@.tb_name(text, text, text) IS 'The name of a catalogue entry (kind country, axis or indicator; code its key) in language lang: the catalogue''s name_es or name_pt for es and pt, name_en otherwise; the code itself when the catalogue has no such entry. Raises 22023 for another kind.';

CREATE FUNCTION @baseline@.tb_country_lang(country text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT coalesce((SELECT l.lang FROM @baseline@.country_languages l WHERE l.country = upper($1)), 'en') $$;
COMMENT ON FUNCTION @baseline@.tb_country_lang(text) IS 'The default language of a country''s reports (country_languages), English when it has none.';

CREATE FUNCTION @baseline@.tb_num(x double precision, digits integer DEFAULT 1, lang text DEFAULT 'en')
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN x IS NULL OR x = 'NaN' OR x IN ('Infinity', '-Infinity') THEN '-'
                WHEN lower(lang) IN ('es', 'pt', 'fr') THEN replace(round(x::numeric, digits)::text, '.', ',')
                ELSE round(x::numeric, digits)::text END
$$;
COMMENT ON FUNCTION @baseline@.tb_num(double precision, integer, text) IS 'A number rounded to digits decimals as a reader of lang writes it: a decimal comma in es, pt and fr, a point otherwise; - for NULL or not finite.';
