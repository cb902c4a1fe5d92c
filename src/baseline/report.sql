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

CREATE FUNCTION @baseline@.tb_html_table_head(keys text[], lang text DEFAULT 'en')
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT '<table><thead><tr>'
           || coalesce(string_agg('<th>' || @baseline@.tb_svg_text(@baseline@.tb_ui(k, lang)) || '</th>', '' ORDER BY i), '')
           || '</tr></thead><tbody>'
      FROM unnest(keys) WITH ORDINALITY AS u(k, i)
$$;
COMMENT ON FUNCTION @baseline@.tb_html_table_head(text[], text) IS 'The opening of a report''s table: a header cell per interface string key, in lang (tb_ui), then the body''s opening tag.';

CREATE FUNCTION @baseline@.report_html(lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l     text := lower(coalesce(lang, 'en'));
    r     integer := (SELECT max(round_no) FROM @baseline@.rounds);
    n     integer := 0;
    toc   text := '';
    sid   text;
    coherence text;
    body  text := '';
    title text;
    page  text;
BEGIN
    -- a language without a single string reads English, and says so in lang=""
    IF NOT EXISTS (SELECT 1 FROM @baseline@.ui_strings s WHERE s.lang = l) THEN
        l := 'en';
    END IF;
    title := @baseline@.tb_ui('report.title', l);

    -- the composite's coherence and sensitivity: two tables, built apart
    -- from the sections' statement to keep it readable
    coherence := @baseline@.tb_html_table_head(ARRAY['col.axis', 'col.cronbach', 'col.pc1', 'col.r_overall'], l)
             || coalesce((SELECT string_agg(format('<tr><td class="name" title="%s">%s</td><td>%s</td><td>%s</td><td>%s</td></tr>',
                                                   @baseline@.tb_svg_text(q.x),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('axis', q.x, l)),
                                                   @baseline@.tb_num(q.alpha, 3, l), @baseline@.tb_num(q.pc1, 3, l),
                                                   @baseline@.tb_num(q.r, 3, l)), '' ORDER BY a.sort_order)
                            FROM (SELECT x, max(value) FILTER (WHERE kind = 'alpha') AS alpha,
                                         max(value) FILTER (WHERE kind = 'pc1_share') AS pc1,
                                         max(pearson) FILTER (WHERE kind = 'axis_overall') AS r
                                    FROM @baseline@.composite_coherence
                                   WHERE round_no = r AND kind IN ('alpha', 'pc1_share', 'axis_overall') GROUP BY x) q
                            JOIN @baseline@.axes a ON a.code = q.x), '')
             || '</tbody></table>' || @baseline@.tb_html_table_head(ARRAY['col.choice', 'col.first_order', 'col.interval', 'col.total_effect', 'col.interval'], l)
             || coalesce((SELECT string_agg(format('<tr><td class="text">%s</td><td>%s</td><td>%s – %s</td><td>%s</td><td>%s – %s</td></tr>',
                                                   @baseline@.tb_svg_text(@baseline@.tb_ui('choice.' || replace(s.input, ' ', '_'), l)),
                                                   @baseline@.tb_num(s.first_order, 3, l), @baseline@.tb_num(s.first_lower, 3, l),
                                                   @baseline@.tb_num(s.first_upper, 3, l), @baseline@.tb_num(s.total_effect, 3, l),
                                                   @baseline@.tb_num(s.total_lower, 3, l), @baseline@.tb_num(s.total_upper, 3, l)),
                                            '' ORDER BY s.total_effect DESC NULLS LAST)
                            FROM @baseline@.composite_sensitivity s WHERE s.round_no = r), '')
             || '</tbody></table><p class="note">'
             || @baseline@.tb_svg_text(replace(@baseline@.tb_ui('note.coherence', l), '{tip}',
                    coalesce((SELECT @baseline@.tb_num(pearson, 2, l) FROM @baseline@.composite_coherence
                               WHERE round_no = r AND kind = 'external_overall'), '-'))) || '</p>';

    -- each section: a numbered heading with an anchor, listed in the contents
    FOR n, sid, page IN
        SELECT k, id, format('<section id="%s"><h2>%s. %s</h2>%s</section>', id, k,
                             @baseline@.tb_svg_text(@baseline@.tb_ui('section.' || id, l)), content)
          FROM (SELECT k, id, content
                  FROM (VALUES
            (1, 'map', '<figure>' || @baseline@.tb_svg_map(r, l) || '</figure>'),
            (2, 'dashboard', '<figure>' || @baseline@.tb_svg_dashboard(r, l) || '</figure>'),
            (3, 'scores',
             @baseline@.tb_html_table_head(ARRAY['col.rank', 'col.country', 'col.score', 'col.band', 'col.letter', 'col.copeland'], l)
             || coalesce((SELECT string_agg(format('<tr><td>%s</td><td class="name" title="%s">%s</td><td>%s</td>'
                                                   || '<td class="text"><span class="swatch" style="background:%s"></span> %s</td><td>%s</td><td>%s</td></tr>',
                                                   CASE WHEN c.score IS NULL THEN '-' ELSE c.rk::text END,
                                                   @baseline@.tb_svg_text(c.country),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('country', c.country, l)),
                                                   @baseline@.tb_num(c.score, 1, l), @baseline@.tb_svg_colour(c.score),
                                                   @baseline@.tb_svg_text(coalesce(@baseline@.tb_svg_band_name(c.traffic_light, l),
                                                                                   @baseline@.tb_ui('legend.no_score', l))),
                                                   coalesce(c.letter, '-'), coalesce(c.copeland::text, '-')),
                                            '' ORDER BY c.score DESC NULLS LAST, @baseline@.tb_name('country', c.country, l))
                            FROM (SELECT s.country, s.score, s.letter, s.traffic_light, k.copeland,
                                         rank() OVER (ORDER BY s.score DESC NULLS LAST) AS rk
                                    FROM @baseline@.country_scores s
                                    LEFT JOIN @baseline@.country_copeland k USING (round_no, country)
                                   WHERE s.round_no = r) c), '')
             || '</tbody></table><p class="note">'
             || @baseline@.tb_svg_text(@baseline@.tb_ui('note.scores', l)) || ' '
             || @baseline@.tb_svg_text(@baseline@.tb_ui('note.no_score', l)) || '</p>'),
            (4, 'ranks', '<figure>' || @baseline@.tb_svg_rank_intervals(r, l) || '</figure><p class="note">'
                         || @baseline@.tb_svg_text(@baseline@.tb_ui('note.ranks', l)) || '</p>'),
            (5, 'coherence', coherence),
            (6, 'progress', '<figure>' || @baseline@.tb_svg_progress(l) || '</figure>'),
            (7, 'harmonization', '<figure>' || @baseline@.tb_svg_harmonization(r, l) || '</figure>'),
            (8, 'evidence',
             @baseline@.tb_html_table_head(ARRAY['col.axis', 'col.kind', 'col.alpha', 'col.interval', 'col.verdict'], l)
             || coalesce((SELECT string_agg(format('<tr><td class="name" title="%s">%s</td><td class="text">%s</td><td>%s</td><td>%s</td><td class="text">%s</td></tr>',
                                                   @baseline@.tb_svg_text(h.axis),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('axis', h.axis, l)),
                                                   @baseline@.tb_svg_text(@baseline@.tb_ui('kind.' || h.kind, l)),
                                                   @baseline@.tb_num(h.alpha, 3, l),
                                                   CASE WHEN h.alpha_lower IS NULL THEN '-'
                                                        ELSE @baseline@.tb_num(h.alpha_lower, 3, l) || ' – ' || @baseline@.tb_num(h.alpha_upper, 3, l) END,
                                                   @baseline@.tb_svg_text(@baseline@.tb_ui('verdict.' || replace(h.verdict, ' ', '_'), l))),
                                            '' ORDER BY a.sort_order, h.kind)
                            FROM @baseline@.axis_harmonization h JOIN @baseline@.axes a ON a.code = h.axis
                           WHERE h.round_no = r), '')
             || '</tbody></table><p class="note">'
             || @baseline@.tb_svg_text(replace(replace(@baseline@.tb_ui('note.evidence', l),
                    '{flagged}', (SELECT count(*) FILTER (WHERE poorly_harmonized)::text FROM @baseline@.country_priorities)),
                    '{priorities}', (SELECT count(*)::text FROM @baseline@.country_priorities))) || '</p>'),
            (9, 'priorities',
             @baseline@.tb_html_table_head(ARRAY['col.country', 'col.priorities'], l)
             || coalesce((SELECT string_agg(format('<tr><td class="name" title="%s">%s</td><td class="text"><ol>%s</ol></td></tr>',
                                                   @baseline@.tb_svg_text(country),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('country', country, l)), items),
                                            '' ORDER BY @baseline@.tb_name('country', country, l))
                            FROM (SELECT p.country,
                                         string_agg(format('<li title="%s">%s%s</li>', @baseline@.tb_svg_text(p.indicator),
                                                           @baseline@.tb_svg_text(@baseline@.tb_name('indicator', p.indicator, l)),
                                                           CASE WHEN p.poorly_harmonized THEN ' *' ELSE '' END), '' ORDER BY p.rank) AS items
                                    FROM @baseline@.country_priorities p GROUP BY p.country) q), '')
             || '</tbody></table><p class="note">' || @baseline@.tb_svg_text(@baseline@.tb_ui('note.priorities', l)) || '</p>'),
            (10, 'indicators', '<figure>' || @baseline@.tb_svg_indicator_dashboard(r, l) || '</figure>'),
            (11, 'tip_map', '<figure>' || @baseline@.tb_svg_tip_map(NULL, l) || '</figure>'),
            (12, 'coverage',
             @baseline@.tb_html_table_head(ARRAY['col.round', 'col.country', 'col.answered', 'col.with_value', 'col.expected',
                                                  'col.percent'], l)
             || coalesce((SELECT string_agg(format('<tr><td>%s</td><td class="name" title="%s">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>',
                                                   @baseline@.tb_svg_text(@baseline@.tb_svg_round(round_no, l)),
                                                   @baseline@.tb_svg_text(country),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('country', country, l)), a, v, e,
                                                   @baseline@.tb_num(100.0 * v / nullif(e, 0), 1, l)),
                                            '' ORDER BY round_no, @baseline@.tb_name('country', country, l))
                            FROM (SELECT round_no, country, sum(answered) AS a, sum(with_value) AS v, sum(expected) AS e
                                    FROM @baseline@.coverage GROUP BY 1, 2) q), '')
             || '</tbody></table><p class="note">' || @baseline@.tb_svg_text(@baseline@.tb_ui('note.coverage', l)) || '</p>'),
            (13, 'standard',
             @baseline@.tb_html_table_head(ARRAY['col.country', 'col.met', 'col.percent', 'col.change', 'col.missing'], l)
             || coalesce((SELECT string_agg(format('<tr><td class="name" title="%s">%s</td><td>%s / %s</td><td>%s</td><td>%s</td><td class="text">%s</td></tr>',
                                                   @baseline@.tb_svg_text(c.country),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('country', c.country, l)),
                                                   c.met, c.practices, @baseline@.tb_num(100 * c.coverage, 0, l),
                                                   coalesce(CASE WHEN c.met_change > 0 THEN '+' ELSE '' END || c.met_change, '-'),
                                                   (SELECT string_agg(format('<span title="%s">%s</span>', @baseline@.tb_svg_text(m),
                                                                             @baseline@.tb_svg_text(@baseline@.tb_name('indicator', m, l))), '; ')
                                                      FROM unnest(c.missing) m)),
                                            '' ORDER BY c.coverage DESC, @baseline@.tb_name('country', c.country, l))
                            FROM @baseline@.standard_coverage c
                           WHERE c.round_no = (SELECT max(round_no) FROM @baseline@.responses)), '')
             || '</tbody></table><p class="note">' || @baseline@.tb_svg_text(@baseline@.tb_ui('note.standard', l)) || '</p>'),
            (14, 'impact',
             @baseline@.tb_html_table_head(ARRAY['col.practice', 'col.outcome', 'col.adopters', 'col.effect', 'col.interval', 'col.p', 'col.p_floor', 'col.holm', 'col.bh'], l)
             || coalesce((SELECT string_agg(format('<tr><td class="name" title="%s">%s</td><td class="name" title="%s">%s</td><td>%s / %s</td><td>%s</td><td>%s – %s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>',
                                                   @baseline@.tb_svg_text(e.practice),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('indicator', e.practice, l)),
                                                   @baseline@.tb_svg_text(e.outcome),
                                                   @baseline@.tb_svg_text(@baseline@.tb_name('indicator', e.outcome, l)),
                                                   e.treated, e.control, @baseline@.tb_num(e.effect, 3, l),
                                                   @baseline@.tb_num(e.lower, 3, l), @baseline@.tb_num(e.upper, 3, l),
                                                   @baseline@.tb_num(e.p_value, 4, l), @baseline@.tb_num(e.p_floor, 4, l),
                                                   @baseline@.tb_num(e.p_holm, 3, l), @baseline@.tb_num(e.q_bh, 3, l)),
                                            '' ORDER BY e.p_value, e.practice, e.outcome)
                            FROM (SELECT * FROM @baseline@.intervention_effects WHERE p_holm IS NOT NULL
                                   ORDER BY p_value, practice, outcome LIMIT 8) e), '')
             || '</tbody></table><p class="note">'
             || @baseline@.tb_svg_text(replace(@baseline@.tb_ui('note.impact', l), '{tested}',
                    (SELECT count(p_holm)::text FROM @baseline@.intervention_effects))) || '</p>'),
            (15, 'sources',
             '<ul class="sources">'
             || (SELECT string_agg('<li>' || @baseline@.tb_svg_text(t) || '</li>', '' ORDER BY i)
                   FROM unnest(ARRAY[replace(replace(@baseline@.tb_ui('source.progress', l), '{from}',
                                                     @baseline@.tb_svg_round((SELECT min(round_no) FROM @baseline@.rounds), l)),
                                             '{to}', @baseline@.tb_svg_round(r, l)),
                                     @baseline@.tb_ui('source.tip', l), @baseline@.tb_ui('source.map', l)])
                        WITH ORDINALITY AS u(t, i))
             || '</ul>')
                  ) AS s(k, id, content)) q
         ORDER BY k
    LOOP
        body := body || page;
        toc := toc || format('<li><a href="#%s">%s</a></li>', sid,
                             @baseline@.tb_svg_text(@baseline@.tb_ui('section.' || sid, l)));
    END LOOP;

    RETURN '<!DOCTYPE html>' || format('<html lang="%s">', @baseline@.tb_svg_text(l))
        || '<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>'
        || '<title>' || @baseline@.tb_svg_text(title) || '</title>'
        || '<style>body{font-family:sans-serif;margin:2em auto;max-width:1000px;padding:0 1em;color:#222}'
        || 'table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}'
        || 'th{background:#eee;text-align:center}td.name,td.text{text-align:left}td.text ol{margin:0;padding-left:1.4em}'
        || 'h2{margin-top:2em;border-bottom:1px solid #ddd}.note{color:#555;font-size:90%}figure{margin:1em 0}'
        || 'svg{max-width:100%;height:auto}.swatch{display:inline-block;width:.8em;height:.8em;border:1px solid #999}'
        || 'nav.languages a{margin-right:1em}@media print{section{break-inside:avoid}}</style></head><body>'
        || '<header><h1>' || @baseline@.tb_svg_text(title) || '</h1>'
        || '<p class="note">' || @baseline@.tb_svg_text(@baseline@.tb_ui('report.data_note', l)) || ' '
        || @baseline@.tb_svg_text(replace(@baseline@.tb_ui('report.latest_round', l), '{round}', @baseline@.tb_svg_round(r, l)))
        || '</p>'
        || coalesce('<nav class="languages">' || @baseline@.tb_svg_text(@baseline@.tb_ui('report.other_languages', l)) || ' '
                    || (SELECT string_agg(format('<a href="%s" hreflang="%s" lang="%s">%s</a>',
                                                 CASE s.lang WHEN 'en' THEN 'baseline.html' ELSE 'baseline_' || s.lang || '.html' END,
                                                 s.lang, s.lang, @baseline@.tb_svg_text(s.text)), ' ' ORDER BY s.lang)
                          FROM @baseline@.ui_strings s WHERE s.key = 'lang.name' AND s.lang <> l) || '</nav>', '')
        || '<nav><h2>' || @baseline@.tb_svg_text(@baseline@.tb_ui('report.contents', l)) || '</h2><ol>' || coalesce(toc, '')
        || '</ol></nav></header><main>' || body || '</main></body></html>';
END
$$;
COMMENT ON FUNCTION @baseline@.report_html(text) IS 'The regional report as one HTML page (UTF-8, lang set, text escaped) in language lang (default en; English for a language ui_strings does not have): the map of overall scores, the dashboards, the overall scores, progress, harmonization, priorities with indicator names, the TIP tiers by year, coverage and sources, every string from ui_strings and every name from the catalogue. Links to the other languages follow the main job''s file names: baseline.html for English, baseline_<lang>.html otherwise.';
