------------------------------------------------------------------------------
-- Pictures: SVG that any client can show, in the reader's language (every
-- string through tb_ui, every name through tb_name; codes in tooltips)
------------------------------------------------------------------------------

CREATE FUNCTION @baseline@.tb_svg_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT replace(replace(replace(replace(t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;') $$;
COMMENT ON FUNCTION @baseline@.tb_svg_text(text) IS 'Text escaped for SVG and HTML (& < > ").';

CREATE FUNCTION @baseline@.tb_svg_colour(score double precision) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT b.colour FROM @baseline@.rating_bands b
                      WHERE b.scheme = 'traffic_light' AND b.label = @baseline@.tb_rate(score)), '#bdbdbd')
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_colour(double precision) IS 'Colour of a score''s traffic-light band (rating_bands); grey for no score.';

CREATE FUNCTION @baseline@.tb_svg_ink(colour text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- black on light fills, white on dark ones (perceived brightness)
    SELECT CASE WHEN colour !~ '^#[0-9a-fA-F]{6}$' THEN '#000000'
                WHEN 0.299 * ('x' || substr(colour, 2, 2))::bit(8)::integer
                   + 0.587 * ('x' || substr(colour, 4, 2))::bit(8)::integer
                   + 0.114 * ('x' || substr(colour, 6, 2))::bit(8)::integer > 150 THEN '#000000'
                ELSE '#ffffff' END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_ink(text) IS 'The colour of text written on a fill of colour #rrggbb: black on light fills, white on dark ones.';

CREATE FUNCTION @baseline@.tb_svg_lines(t text, max_chars integer) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lines text[] := '{}';
    cur   text := '';
    w     text;
BEGIN
    FOREACH w IN ARRAY regexp_split_to_array(btrim(t), '\s+') LOOP
        IF cur = '' THEN
            cur := w;
        ELSIF length(cur) + 1 + length(w) <= max_chars THEN
            cur := cur || ' ' || w;
        ELSE
            lines := lines || cur;
            cur := w;
        END IF;
    END LOOP;
    IF cur <> '' THEN
        lines := lines || cur;
    END IF;
    RETURN lines;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_lines(text, integer) IS 'Text broken into lines of at most max_chars characters at spaces (a longer word gets a line of its own).';

CREATE FUNCTION @baseline@.tb_svg_block(t text, x double precision, y double precision, max_chars integer,
                                        line_height double precision, attrs text DEFAULT '', tooltip text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- y is the baseline of the last line: headings above a grid end at the grid
    SELECT format('<text x="%s" y="%s" %s>', x, y, attrs)
           || coalesce((SELECT string_agg(format('<tspan x="%s" y="%s">%s</tspan>', x,
                                                 y - line_height * (n - i), @baseline@.tb_svg_text(line)), '' ORDER BY i)
                          FROM unnest(@baseline@.tb_svg_lines(t, max_chars)) WITH ORDINALITY AS u(line, i),
                               LATERAL (SELECT cardinality(@baseline@.tb_svg_lines(t, max_chars)) AS n) c), '')
           || CASE WHEN tooltip IS NULL THEN '' ELSE '<title>' || @baseline@.tb_svg_text(tooltip) || '</title>' END
           || '</text>'
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_block(text, double precision, double precision, integer, double precision, text, text) IS 'An SVG <text> of t broken into lines of at most max_chars characters, the last line''s baseline at y, with the attributes attrs (trusted SVG) and an optional escaped tooltip.';

CREATE FUNCTION @baseline@.tb_svg_open(width integer, height integer, title text, font_size integer DEFAULT 11)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" '
                  'font-family="sans-serif" font-size="%s" role="img">', width, height, width, height, font_size)
           || '<title>' || @baseline@.tb_svg_text(coalesce(title, '')) || '</title>'
           || '<rect width="100%" height="100%" fill="#ffffff"/>'
           || '<text class="title" x="8" y="20" font-size="15" font-weight="bold">'
           || @baseline@.tb_svg_text(coalesce(title, '')) || '</text>'
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_open(integer, integer, text, integer) IS 'The opening of a picture: the <svg> element of the given size on a white ground, its <title> and the same title written at the top.';

CREATE FUNCTION @baseline@.tb_svg_source(y integer, lines text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(string_agg(format('<text class="source" x="8" y="%s" font-size="10" fill="#555555">%s</text>',
                                      y + 13 * (i - 1), @baseline@.tb_svg_text(line)), '' ORDER BY i), '')
      FROM unnest(lines) WITH ORDINALITY AS u(line, i)
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_source(integer, text[]) IS 'Source lines and notes at the foot of a picture, from y down, 13 units apart.';

CREATE FUNCTION @baseline@.tb_svg_round(round integer, lang text DEFAULT 'en') RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN replace(replace(@baseline@.tb_ui('round.name', lang), '{round}', coalesce(round::text, '-')), '{year}',
                   coalesce((SELECT extract(year FROM r.reference_date)::text FROM @baseline@.rounds r
                              WHERE r.round_no = tb_svg_round.round), '-'));
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_round(integer, text) IS 'A round as readers name it in lang: round 1 (2023).';

CREATE FUNCTION @baseline@.tb_svg_band_name(label text, lang text DEFAULT 'en') RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text := @baseline@.tb_ui('band.' || label, lang);
BEGIN
    -- a band someone added without a string keeps its own label
    RETURN CASE WHEN label IS NULL THEN NULL WHEN t = 'band.' || label THEN label ELSE t END;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_band_name(text, text) IS 'The name of a traffic-light band in lang (ui_strings band.<label>), its label when there is no string.';

CREATE FUNCTION @baseline@.tb_svg_legend(x integer, y integer, lang text DEFAULT 'en', vertical boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l   text := lower(coalesce(lang, 'en'));
    svg text;
BEGIN
    WITH b AS (SELECT label, colour, min_score,
                      lead(min_score) OVER (ORDER BY min_score) AS next_score,
                      row_number() OVER (ORDER BY min_score DESC) AS i
                 FROM @baseline@.rating_bands WHERE scheme = 'traffic_light'),
         items AS (SELECT i, colour,
                          format('%s %s-%s', @baseline@.tb_svg_band_name(label, l), @baseline@.tb_num(greatest(min_score, 0), 0, l),
                                 @baseline@.tb_num(coalesce(next_score, 100), 0, l)) AS txt
                     FROM b
                   UNION ALL
                   SELECT (SELECT count(*) FROM b) + 1, '#bdbdbd', @baseline@.tb_ui('legend.no_score', l))
    SELECT format('<g class="legend"><text x="%s" y="%s" font-weight="bold">%s</text>', x, y + 10,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('legend.score', l)))
           || string_agg(format('<rect x="%s" y="%s" width="14" height="14" fill="%s" stroke="#666666" stroke-width="0.5"/>'
                                || '<text x="%s" y="%s">%s</text>',
                                CASE WHEN vertical THEN x ELSE x + 125 * (i - 1) END,
                                CASE WHEN vertical THEN y + 18 + 20 * (i - 1) ELSE y + 18 END, colour,
                                CASE WHEN vertical THEN x + 20 ELSE x + 125 * (i - 1) + 20 END,
                                CASE WHEN vertical THEN y + 29 + 20 * (i - 1) ELSE y + 29 END,
                                @baseline@.tb_svg_text(txt)), '' ORDER BY i)
           || '</g>'
      INTO svg FROM items;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_legend(integer, integer, text, boolean) IS 'Colour key of the traffic-light bands (rating_bands) and of no score, at x, y, in a row or (vertical) a column.';

CREATE FUNCTION @baseline@.tb_svg_dashboard(round integer DEFAULT NULL, lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    l   text := lower(coalesce(lang, 'en'));
    lw  constant integer := 180;        -- country names
    cw  constant integer := 140;        -- one axis
    top constant integer := 84;         -- the first row
    cs  text[];
    ax  text[];
    nc  integer;
    na  integer;
    w   integer;
    foot integer;
    svg text;
BEGIN
    SELECT array_agg(country ORDER BY @baseline@.tb_name('country', country, l), country) INTO cs
      FROM (SELECT DISTINCT country FROM @baseline@.axis_scores WHERE round_no = r) c;
    SELECT array_agg(code ORDER BY sort_order) INTO ax FROM @baseline@.axes
     WHERE code IN (SELECT axis FROM @baseline@.axis_scores WHERE round_no = r);
    nc := coalesce(cardinality(cs), 0);
    na := coalesce(cardinality(ax), 0);
    w := greatest(lw + cw * na + 10, 650);
    foot := top + 24 * nc + 12;
    svg := @baseline@.tb_svg_open(w, foot + 84,
               replace(@baseline@.tb_ui('dashboard.title', l), '{round}', @baseline@.tb_svg_round(r, l)), 12)
        || coalesce((SELECT string_agg(@baseline@.tb_svg_block(@baseline@.tb_name('axis', a, l), lw + cw * (j - 1) + cw / 2.0,
                                                               top - 8, 20, 13, 'text-anchor="middle" font-weight="bold"', a),
                                       '' ORDER BY j)
                       FROM unnest(ax) WITH ORDINALITY AS u(a, j)), '')
        || coalesce((SELECT string_agg(format('<text x="8" y="%s">%s<title>%s</title></text>', top + 24 * (i - 1) + 16,
                                              @baseline@.tb_svg_text(@baseline@.tb_name('country', c, l)),
                                              @baseline@.tb_svg_text(c)), '' ORDER BY i)
                       FROM unnest(cs) WITH ORDINALITY AS u(c, i)), '')
        || coalesce((SELECT string_agg(format('<rect class="cell" data-country="%s" data-axis="%s" x="%s" y="%s" width="%s" height="22" fill="%s">'
                                              || '<title>%s</title></rect>'
                                              || '<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>',
                                              @baseline@.tb_svg_text(cc.c), @baseline@.tb_svg_text(aa.a),
                                              lw + cw * (aa.j - 1) + 1, top + 24 * (cc.i - 1), cw - 2,
                                              @baseline@.tb_svg_colour(s.score),
                                              @baseline@.tb_svg_text(format('%s (%s), %s (%s): %s%s',
                                                  @baseline@.tb_name('country', cc.c, l), cc.c, @baseline@.tb_name('axis', aa.a, l), aa.a,
                                                  CASE WHEN s.score IS NULL THEN @baseline@.tb_ui('legend.no_score', l)
                                                       ELSE @baseline@.tb_num(s.score, 1, l) END,
                                                  coalesce(', ' || @baseline@.tb_svg_band_name(@baseline@.tb_rate(s.score), l), ''))),
                                              lw + cw * (aa.j - 1) + cw / 2, top + 24 * (cc.i - 1) + 16,
                                              @baseline@.tb_svg_ink(@baseline@.tb_svg_colour(s.score)),
                                              @baseline@.tb_num(s.score, 0, l)), '' ORDER BY cc.i, aa.j)
                       FROM unnest(cs) WITH ORDINALITY AS cc(c, i)
                      CROSS JOIN unnest(ax) WITH ORDINALITY AS aa(a, j)
                       LEFT JOIN @baseline@.axis_scores s ON s.round_no = r AND s.country = cc.c AND s.axis = aa.a), '')
        || @baseline@.tb_svg_legend(8, foot, l)
        || @baseline@.tb_svg_source(foot + 54, ARRAY[replace(@baseline@.tb_ui('source.survey', l), '{round}', @baseline@.tb_svg_round(r, l)),
                                                    @baseline@.tb_ui('note.no_score', l)])
        || '</svg>';
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_dashboard(integer, text) IS 'SVG traffic-light dashboard of countries x axes for a round (the latest by default), in language lang (default en): one cell per country and axis, coloured by its band, with the score; grey without a score; country and axis names, the colour key and the source; codes in tooltips.';

CREATE FUNCTION @baseline@.tb_svg_indicator_dashboard(round integer DEFAULT NULL, lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    l   text := lower(coalesce(lang, 'en'));
    lw  constant integer := 400;        -- indicator names
    cw  constant integer := 22;         -- one country
    top constant integer := 170;        -- below the country names
    nc  integer;
    h   integer;
    w   integer;
    rk  text[];                         -- the rows: axis or indicator, code, y
    rc  text[];
    ry  integer[];
    svg text;
BEGIN
    -- indicators as rows (their names need the width), grouped under their axis;
    -- countries as columns
    SELECT array_agg(kind ORDER BY y), array_agg(code ORDER BY y), array_agg(y ORDER BY y) INTO rk, rc, ry
      FROM (SELECT kind, code, top + 15 * (row_number() OVER (ORDER BY sort_order, kind_order, code) - 1)::integer
                               + 20 * (dense_rank() OVER (ORDER BY sort_order))::integer - 20 AS y
      FROM (SELECT 'axis' AS kind, a.code, a.code AS axis, a.sort_order, 0 AS kind_order
              FROM @baseline@.axes a
             WHERE a.code IN (SELECT s.axis FROM @baseline@.indicator_scores s WHERE s.round_no = r)
            UNION ALL
            SELECT DISTINCT 'indicator', s.indicator, s.axis, a.sort_order, 1
              FROM @baseline@.indicator_scores s JOIN @baseline@.axes a ON a.code = s.axis
             WHERE s.round_no = r) q) q2;
    SELECT count(*) INTO nc FROM (SELECT DISTINCT country FROM @baseline@.indicator_scores WHERE round_no = r) c;
    h := coalesce(ry[cardinality(ry)], top) + 30;
    w := greatest(lw + cw * nc + 20, 650);
    WITH cr AS (SELECT country, row_number() OVER (ORDER BY @baseline@.tb_name('country', country, l), country) AS i
                  FROM (SELECT DISTINCT country FROM @baseline@.indicator_scores WHERE round_no = r) c)
    SELECT @baseline@.tb_svg_open(w, h + 100,
               replace(@baseline@.tb_ui('indicators.title', l), '{round}', @baseline@.tb_svg_round(r, l)), 10)
        || coalesce((SELECT string_agg(format('<text transform="translate(%s,%s) rotate(-90)">%s<title>%s</title></text>',
                                              lw + cw * (i - 1) + 15, top - 6,
                                              @baseline@.tb_svg_text(@baseline@.tb_name('country', country, l)),
                                              @baseline@.tb_svg_text(country)), '' ORDER BY i) FROM cr), '')
        || coalesce((SELECT string_agg(CASE WHEN t.kind = 'axis'
                                            THEN format('<text x="8" y="%s" font-size="11" font-weight="bold">%s<title>%s</title></text>',
                                                        t.y + 11, @baseline@.tb_svg_text(@baseline@.tb_name('axis', t.code, l)),
                                                        @baseline@.tb_svg_text(t.code))
                                            ELSE format('<text x="16" y="%s">%s<title>%s</title></text>', t.y + 11,
                                                        @baseline@.tb_svg_text(@baseline@.tb_name('indicator', t.code, l)),
                                                        @baseline@.tb_svg_text(t.code)) END, '' ORDER BY t.y)
                       FROM unnest(rk, rc, ry) AS t(kind, code, y)), '')
        || coalesce((SELECT string_agg(format('<rect class="cell" data-country="%s" data-indicator="%s" x="%s" y="%s" width="%s" height="13" fill="%s">'
                                              || '<title>%s</title></rect>',
                                              @baseline@.tb_svg_text(cr.country), @baseline@.tb_svg_text(t.code),
                                              lw + cw * (cr.i - 1) + 1, t.y, cw - 2, @baseline@.tb_svg_colour(s.score),
                                              @baseline@.tb_svg_text(format('%s (%s), %s (%s): %s',
                                                  @baseline@.tb_name('country', cr.country, l), cr.country,
                                                  @baseline@.tb_name('indicator', t.code, l), t.code,
                                                  CASE WHEN s.score IS NULL THEN @baseline@.tb_ui('legend.no_score', l)
                                                       ELSE @baseline@.tb_num(s.score, 0, l) END))),
                                       '' ORDER BY t.y, cr.i)
                       FROM unnest(rk, rc, ry) AS t(kind, code, y) CROSS JOIN cr
                       LEFT JOIN @baseline@.indicator_scores s ON s.round_no = r AND s.country = cr.country AND s.indicator = t.code
                      WHERE t.kind = 'indicator'), '')
        || @baseline@.tb_svg_legend(8, h, l)
        || @baseline@.tb_svg_source(h + 54, ARRAY[replace(@baseline@.tb_ui('source.survey', l), '{round}', @baseline@.tb_svg_round(r, l)),
                                                 @baseline@.tb_ui('indicators.tooltip', l)])
        || '</svg>'
      INTO svg;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_indicator_dashboard(integer, text) IS 'SVG traffic-light dashboard of indicators x countries for a round (the latest by default), in language lang: one row per indicator (its name, grouped under its axis), one column per country, one cell each coloured by the indicator score''s band; colour key and source; codes and scores in tooltips.';

CREATE FUNCTION @baseline@.tb_svg_harmonization(round integer DEFAULT NULL, lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r    integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    l    text := lower(coalesce(lang, 'en'));
    x0   constant integer := 320;       -- the plot's left edge: the longest axis name fits before it
    pw   constant integer := 440;       -- the plot's width
    top  constant integer := 56;
    lo   numeric;                       -- the scale: lo (0 or below) to 1
    bot  integer;
    rk   text[];                        -- the rows: axis or kind, kind, axis, y
    rc   text[];
    ra   text[];
    ry   integer[];
    svg  text;
BEGIN
    -- a negative alpha is drawn where it is, left of a zero line
    SELECT least(0, floor(coalesce(min(alpha), 0)::numeric * 10) / 10) INTO lo
      FROM @baseline@.axis_harmonization WHERE round_no = r;
    SELECT array_agg(kind ORDER BY y), array_agg(code ORDER BY y), array_agg(axis ORDER BY y), array_agg(y ORDER BY y)
      INTO rk, rc, ra, ry
      FROM (SELECT kind, code, axis, top + 20 * (row_number() OVER (ORDER BY sort_order, kind_order) - 1)::integer AS y
      FROM (SELECT 'axis' AS kind, NULL::text AS code, a.code AS axis, a.sort_order, 0 AS kind_order
              FROM @baseline@.axes a
             WHERE a.code IN (SELECT h.axis FROM @baseline@.axis_harmonization h WHERE h.round_no = r)
            UNION ALL
            SELECT 'kind', h.kind, h.axis, a.sort_order,
                   coalesce(array_position(ARRAY['binary', 'ordinal', 'count', 'rate', 'percentage'], h.kind), 9)
              FROM @baseline@.axis_harmonization h JOIN @baseline@.axes a ON a.code = h.axis
             WHERE h.round_no = r) q) q2;
    bot := coalesce(ry[cardinality(ry)], top) + 24;
    WITH ticks AS (SELECT t / 10.0 AS v FROM generate_series((lo * 10)::integer, 10) AS g(t)),
         px AS (SELECT x0 + pw * (0 - lo) / (1 - lo) AS zero)
    SELECT @baseline@.tb_svg_open(x0 + pw + 70, bot + 120,
               replace(@baseline@.tb_ui('harmonization.title', l), '{round}', @baseline@.tb_svg_round(r, l)))
        -- the grid and the ticks, then the zero line over them
        || (SELECT string_agg(format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#e0e0e0"/>'
                                     || '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>'
                                     || '<text x="%s" y="%s" text-anchor="middle" font-size="10">%s</text>',
                                     round(x0 + pw * (v - lo) / (1 - lo), 1), top - 4, round(x0 + pw * (v - lo) / (1 - lo), 1), bot,
                                     round(x0 + pw * (v - lo) / (1 - lo), 1), bot, round(x0 + pw * (v - lo) / (1 - lo), 1), bot + 5,
                                     round(x0 + pw * (v - lo) / (1 - lo), 1), bot + 17, @baseline@.tb_num(v, 1, l)), '' ORDER BY v)
              FROM ticks)
        || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>', x0, bot, x0 + pw, bot)
        || format('<text x="%s" y="%s" text-anchor="middle">%s</text>', x0 + pw / 2, bot + 34,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('harmonization.axis', l)))
        || coalesce((SELECT string_agg(
               CASE WHEN t.kind = 'axis'
                    THEN format('<text x="8" y="%s" font-weight="bold">%s<title>%s</title></text>', t.y + 14,
                                @baseline@.tb_svg_text(@baseline@.tb_name('axis', t.axis, l)), @baseline@.tb_svg_text(t.axis))
                    ELSE format('<text x="20" y="%s">%s<title>%s %s</title></text>', t.y + 14,
                                @baseline@.tb_svg_text(@baseline@.tb_ui('kind.' || t.code, l)),
                                @baseline@.tb_svg_text(t.axis), @baseline@.tb_svg_text(t.code))
                         || format('<rect class="bar" x="%s" y="%s" width="%s" height="10" fill="#9ecae1">'
                                   || '<title>%s: %s</title></rect>',
                                   round(px.zero, 1), t.y + 5, round(pw * coalesce(h.percent_agreement, 0)::numeric / (1 - lo), 1),
                                   @baseline@.tb_svg_text(@baseline@.tb_ui('harmonization.bar', l)),
                                   @baseline@.tb_num(h.percent_agreement, 3, l))
                         || CASE WHEN h.alpha IS NULL
                                 THEN format('<text x="%s" y="%s" font-size="10" fill="#777777">%s</text>',
                                             round(px.zero + pw * coalesce(h.percent_agreement, 0)::numeric / (1 - lo), 1) + 6, t.y + 14,
                                             @baseline@.tb_svg_text(@baseline@.tb_ui('harmonization.no_alpha', l)))
                                 ELSE format('<circle class="alpha" cx="%s" cy="%s" r="4.5" fill="#c62828" stroke="#ffffff">'
                                             || '<title>%s: %s</title></circle>'
                                             -- a white halo keeps the value legible over a bar
                                             || '<text x="%s" y="%s" font-size="10" fill="#c62828" stroke="#ffffff" stroke-width="3" paint-order="stroke"%s>%s</text>',
                                             round(x0 + pw * (h.alpha::numeric - lo) / (1 - lo), 1), t.y + 10,
                                             @baseline@.tb_svg_text(@baseline@.tb_ui('harmonization.dot', l)),
                                             @baseline@.tb_num(h.alpha, 3, l),
                                             round(x0 + pw * (h.alpha::numeric - lo) / (1 - lo), 1)
                                                 + CASE WHEN h.alpha > 0.8 THEN -8 ELSE 8 END, t.y + 14,
                                             CASE WHEN h.alpha > 0.8 THEN ' text-anchor="end"' ELSE '' END,
                                             @baseline@.tb_num(h.alpha, 3, l)) END END, '' ORDER BY t.y)
                       FROM unnest(rk, rc, ra, ry) AS t(kind, code, axis, y) CROSS JOIN px
                       LEFT JOIN @baseline@.axis_harmonization h ON h.round_no = r AND h.axis = t.axis AND h.kind = t.code), '')
        || format('<line class="zero" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000" stroke-width="1.5"/>',
                  (SELECT round(zero, 1) FROM px), top - 4, (SELECT round(zero, 1) FROM px), bot + 5)
        -- the key
        || format('<g class="legend"><rect x="8" y="%s" width="24" height="10" fill="#9ecae1"/><text x="38" y="%s">%s</text>'
                  || '<circle cx="220" cy="%s" r="4.5" fill="#c62828"/><text x="230" y="%s">%s</text></g>',
                  bot + 48, bot + 57, @baseline@.tb_svg_text(@baseline@.tb_ui('harmonization.bar', l)),
                  bot + 53, bot + 57, @baseline@.tb_svg_text(@baseline@.tb_ui('harmonization.dot', l)))
        || @baseline@.tb_svg_source(bot + 80, ARRAY[@baseline@.tb_ui('note.harmonization', l),
                                                   replace(@baseline@.tb_ui('source.survey', l), '{round}', @baseline@.tb_svg_round(r, l))])
        || '</svg>'
      INTO svg;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_harmonization(integer, text) IS 'SVG chart of harmonization per axis and kind of indicator for a round, in language lang: percent agreement as a bar, Krippendorff''s alpha as a dot with its value, on a scale with ticks that reaches below 0 when an alpha is negative, with a zero line; key, note and source.';

CREATE FUNCTION @baseline@.tb_svg_progress(lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l    text := lower(coalesce(lang, 'en'));
    lw   constant integer := 180;       -- country names
    pw   constant integer := 150;       -- one axis: 0-100 over 120 units
    top  constant integer := 84;
    cs   text[];
    ax   text[];
    nc   integer;
    bot  integer;
    r0   integer;
    r1   integer;
    svg  text;
BEGIN
    SELECT min(round_no), max(round_no) INTO r0, r1 FROM @baseline@.rounds;
    SELECT array_agg(country ORDER BY @baseline@.tb_name('country', country, l), country) INTO cs
      FROM (SELECT DISTINCT country FROM @baseline@.axis_progress) c;
    SELECT array_agg(code ORDER BY sort_order) INTO ax FROM @baseline@.axes;
    nc := coalesce(cardinality(cs), 0);
    bot := top + 20 * nc;
    svg := @baseline@.tb_svg_open(greatest(lw + pw * coalesce(cardinality(ax), 0) + 10, 650), bot + 130,
                                  @baseline@.tb_ui('progress.title', l))
        -- per axis: its name, a light grid, ticks at 0, 25, 50, 75, 100 and labels at 0, 50, 100
        || coalesce((SELECT string_agg(@baseline@.tb_svg_block(@baseline@.tb_name('axis', a, l), lw + pw * (j - 1) + 75,
                                                               top - 12, 22, 13, 'text-anchor="middle" font-weight="bold"', a)
                                       || (SELECT string_agg(format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#e0e0e0"/>'
                                                                    || '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>'
                                                                    || CASE WHEN v % 50 = 0
                                                                            THEN '<text x="%s" y="%s" text-anchor="middle" font-size="10">%s</text>'
                                                                            ELSE '' END,
                                                                    lw + pw * (j - 1) + 15 + v * 1.2, top - 6,
                                                                    lw + pw * (j - 1) + 15 + v * 1.2, bot,
                                                                    lw + pw * (j - 1) + 15 + v * 1.2, bot,
                                                                    lw + pw * (j - 1) + 15 + v * 1.2, bot + 4,
                                                                    lw + pw * (j - 1) + 15 + v * 1.2, bot + 16, v), '' ORDER BY v)
                                             FROM generate_series(0, 100, 25) AS g(v))
                                       || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>',
                                                 lw + pw * (j - 1) + 15, bot, lw + pw * (j - 1) + 135, bot),
                                       '' ORDER BY j)
                       FROM unnest(ax) WITH ORDINALITY AS u(a, j)), '')
        || format('<text x="%s" y="%s" text-anchor="middle">%s</text>', lw + pw * coalesce(cardinality(ax), 0) / 2, bot + 32,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('progress.axis', l)))
        || coalesce((SELECT string_agg(format('<text x="8" y="%s">%s<title>%s</title></text>', top + 20 * (i - 1) + 4,
                                              @baseline@.tb_svg_text(@baseline@.tb_name('country', c, l)), @baseline@.tb_svg_text(c)),
                                       '' ORDER BY i)
                       FROM unnest(cs) WITH ORDINALITY AS u(c, i)), '')
        || coalesce((SELECT string_agg(
               format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#999999" stroke-width="2"/>'
                      || '<circle cx="%s" cy="%s" r="3.5" fill="#9e9e9e"/>'
                      || '<circle class="point" cx="%s" cy="%s" r="4.5" fill="%s"><title>%s</title></circle>',
                      lw + pw * (aa.j - 1) + 15 + round(1.2 * p.baseline_score), top + 20 * (cc.i - 1),
                      lw + pw * (aa.j - 1) + 15 + round(1.2 * p.current_score), top + 20 * (cc.i - 1),
                      lw + pw * (aa.j - 1) + 15 + round(1.2 * p.baseline_score), top + 20 * (cc.i - 1),
                      lw + pw * (aa.j - 1) + 15 + round(1.2 * p.current_score), top + 20 * (cc.i - 1),
                      CASE p.trend WHEN 'on track' THEN '#2e7d32' WHEN 'moderately improving' THEN '#f9a825'
                                   WHEN 'stagnating' THEN '#ef6c00' ELSE '#c62828' END,
                      @baseline@.tb_svg_text(format('%s (%s), %s (%s): %s → %s, %s',
                          @baseline@.tb_name('country', cc.c, l), cc.c, @baseline@.tb_name('axis', aa.a, l), aa.a,
                          @baseline@.tb_num(p.baseline_score, 0, l), @baseline@.tb_num(p.current_score, 0, l),
                          @baseline@.tb_ui('trend.' || replace(p.trend, ' ', '_'), l)))), '' ORDER BY cc.i, aa.j)
                       FROM unnest(cs) WITH ORDINALITY AS cc(c, i)
                       JOIN @baseline@.axis_progress p ON p.country = cc.c
                       JOIN unnest(ax) WITH ORDINALITY AS aa(a, j) ON aa.a = p.axis
                      WHERE p.baseline_score IS NOT NULL AND p.current_score IS NOT NULL), '')
        -- a country without a score in both rounds says so in its row
        || coalesce((SELECT string_agg(format('<text x="%s" y="%s" font-size="10" fill="#777777">%s</text>', lw + 15,
                                              top + 20 * (i - 1) + 4, @baseline@.tb_svg_text(@baseline@.tb_ui('legend.no_score', l))),
                                       '' ORDER BY i)
                       FROM unnest(cs) WITH ORDINALITY AS u(c, i)
                      WHERE NOT EXISTS (SELECT 1 FROM @baseline@.axis_progress p WHERE p.country = u.c
                                           AND p.baseline_score IS NOT NULL AND p.current_score IS NOT NULL)), '')
        -- the key: the baseline's grey dot, then the latest round's colour per trend
        || format('<g class="legend"><circle cx="15" cy="%s" r="3.5" fill="#9e9e9e"/><text x="24" y="%s">%s</text>'
                  || '<text x="8" y="%s">%s</text>', bot + 50, bot + 54,
                  @baseline@.tb_svg_text(replace(@baseline@.tb_ui('progress.baseline', l), '{round}', @baseline@.tb_svg_round(r0, l))),
                  bot + 74, @baseline@.tb_svg_text(replace(@baseline@.tb_ui('progress.current', l), '{round}', @baseline@.tb_svg_round(r1, l))))
        || (SELECT string_agg(format('<circle cx="%s" cy="%s" r="4.5" fill="%s"/><text x="%s" y="%s">%s</text>',
                                     15 + 150 * (k - 1), bot + 88, colour, 24 + 150 * (k - 1), bot + 92,
                                     @baseline@.tb_svg_text(@baseline@.tb_ui('trend.' || t, l))), '' ORDER BY k)
              FROM (VALUES (1, 'on_track', '#2e7d32'), (2, 'moderately_improving', '#f9a825'),
                           (3, 'stagnating', '#ef6c00'), (4, 'decreasing', '#c62828')) AS v(k, t, colour))
        || '</g>'
        || @baseline@.tb_svg_source(bot + 112, ARRAY[replace(replace(@baseline@.tb_ui('source.progress', l),
                                                                     '{from}', @baseline@.tb_svg_round(r0, l)),
                                                             '{to}', @baseline@.tb_svg_round(r1, l))])
        || '</svg>';
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_progress(text) IS 'SVG progress chart in language lang: each country''s axis scores on a 0-100 scale with ticks per axis, from the baseline (grey) to the latest round (coloured by its trend: on track, moderately improving, stagnating, decreasing); key and source; codes and figures in tooltips.';

CREATE FUNCTION @baseline@.tb_svg_map(round integer DEFAULT NULL, lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    l   text := lower(coalesce(lang, 'en'));
    mw  constant integer := 476;        -- the shapes' viewBox (map_shapes)
    mh  constant integer := 504;
    top constant integer := 30;
    px  constant integer := 496;        -- the side panel
    svg text;
BEGIN
    WITH s AS (SELECT c.iso2, c.iso_numeric, cs.score, m.role
                 FROM @baseline@.country_scores cs
                 JOIN @baseline@.countries c ON c.iso2 = cs.country
                 LEFT JOIN LATERAL (SELECT m.role FROM @baseline@.memberships m WHERE m.country = cs.country
                                     ORDER BY m.valid_from DESC LIMIT 1) m ON true
                WHERE cs.round_no = r),
         ranked AS (SELECT s.*, row_number() OVER (ORDER BY s.score DESC NULLS LAST,
                                                   @baseline@.tb_name('country', s.iso2, l)) AS k
                      FROM s)
    SELECT @baseline@.tb_svg_open(px + 250, top + mh + 40,
               replace(@baseline@.tb_ui('map.title', l), '{round}', @baseline@.tb_svg_round(r, l)))
        || format('<svg x="0" y="%s" width="%s" height="%s" viewBox="0 0 %s %s">', top, mw, mh, mw, mh)
        || format('<rect width="%s" height="%s" fill="#eaf2f8"/>', mw, mh)
        || coalesce((SELECT string_agg(format('<path class="country" data-country="%s" d="%s" fill="%s" stroke="#ffffff" stroke-width="0.6">'
                                              || '<title>%s</title></path>',
                                              m.iso2, m.d, CASE WHEN s.iso2 IS NULL THEN '#e6e6e6' ELSE @baseline@.tb_svg_colour(s.score) END,
                                              @baseline@.tb_svg_text(CASE WHEN s.iso2 IS NULL
                                                  THEN format('%s (%s): %s', @baseline@.tb_name('country', m.iso2, l), m.iso2,
                                                              @baseline@.tb_ui('map.not_member', l))
                                                  ELSE format('%s (%s): %s', @baseline@.tb_name('country', m.iso2, l), m.iso2,
                                                              CASE WHEN s.score IS NULL THEN @baseline@.tb_ui('legend.no_score', l)
                                                                   ELSE @baseline@.tb_num(s.score, 1, l) || ', '
                                                                        || @baseline@.tb_svg_band_name(@baseline@.tb_rate(s.score), l) END)
                                              END)),
                                       '' ORDER BY (s.iso2 IS NOT NULL), m.iso_numeric)
                       FROM @baseline@.map_shapes m LEFT JOIN s ON s.iso_numeric = m.iso_numeric), '')
        -- a small member (an island) gets a ring so that it can be seen
        || coalesce((SELECT string_agg(format('<circle cx="%s" cy="%s" r="5" fill="none" stroke="#333333" stroke-width="0.8"/>',
                                              m.label_x, m.label_y), '' ORDER BY m.iso_numeric)
                       FROM @baseline@.map_shapes m JOIN s ON s.iso_numeric = m.iso_numeric
                      WHERE length(m.d) < 120), '')
        || '</svg>'
        || @baseline@.tb_svg_legend(px, top + 4, l, true)
        || format('<text x="%s" y="%s" font-weight="bold">%s</text>', px, top + 150,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('col.score', l)))
        || coalesce((SELECT string_agg(format('<rect x="%s" y="%s" width="10" height="10" fill="%s"/>'
                                              || '<text x="%s" y="%s">%s<title>%s</title></text>'
                                              || '<text x="%s" y="%s" text-anchor="end">%s</text>',
                                              px, top + 152 + 17 * (k - 1), @baseline@.tb_svg_colour(score),
                                              px + 16, top + 161 + 17 * (k - 1),
                                              @baseline@.tb_svg_text(@baseline@.tb_name('country', iso2, l)
                                                  || CASE WHEN role = 'observer' THEN ' (' || @baseline@.tb_ui('map.observer', l) || ')' ELSE '' END),
                                              @baseline@.tb_svg_text(iso2),
                                              px + 240, top + 161 + 17 * (k - 1), @baseline@.tb_num(score, 1, l)), '' ORDER BY k)
                       FROM ranked), '')
        || format('<rect x="%s" y="%s" width="10" height="10" fill="#e6e6e6" stroke="#999999" stroke-width="0.5"/><text x="%s" y="%s">%s</text>',
                  px, top + 162 + 17 * (SELECT count(*) FROM ranked), px + 16, top + 171 + 17 * (SELECT count(*) FROM ranked),
                  @baseline@.tb_svg_text(@baseline@.tb_ui('map.not_member', l)))
        || @baseline@.tb_svg_source(top + mh + 14, ARRAY[replace(@baseline@.tb_ui('source.survey', l), '{round}', @baseline@.tb_svg_round(r, l)),
                                                         @baseline@.tb_ui('source.map', l)])
        || '</svg>'
      INTO svg;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_map(integer, text) IS 'SVG map of the members coloured by their overall score''s traffic-light band in a round (the latest by default), in language lang, their neighbours in light grey for context (shapes from map_shapes, Natural Earth); beside it the colour key and the members ranked by score; names and scores in tooltips; source lines.';

CREATE FUNCTION @baseline@.tb_svg_tip_map(years integer[] DEFAULT NULL, lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l   text := lower(coalesce(lang, 'en'));
    y0  integer;
    y1  integer;
    ys  integer[] := years;
    sc  constant double precision := 0.45;     -- each small map: the shapes at 45%
    mw  constant integer := 476;
    mh  constant integer := 504;
    top constant integer := 48;
    svg text;
BEGIN
    SELECT min(year), max(year) INTO y0, y1 FROM @baseline@.external_values WHERE indicator = 'TIP_TIER';
    IF ys IS NULL THEN
        -- the first and last years rated and two between
        ys := CASE WHEN y0 IS NULL THEN '{}'::integer[]
                   ELSE ARRAY(SELECT DISTINCT v FROM unnest(ARRAY[y0, y0 + (y1 - y0) / 3, y0 + 2 * (y1 - y0) / 3, y1]) AS v ORDER BY v) END;
    END IF;
    WITH tiers AS (SELECT v, t, colour FROM (VALUES (1.0, '1', '#2e7d32'), (2.0, '2', '#f9a825'),
                                                     (2.5, '2.5', '#ef6c00'), (3.0, '3', '#c62828')) AS x(v, t, colour)),
         yk AS (SELECT y, k FROM unnest(ys) WITH ORDINALITY AS u(y, k)),
         rated AS (SELECT DISTINCT country FROM @baseline@.external_values WHERE indicator = 'TIP_TIER')
    SELECT @baseline@.tb_svg_open(greatest(round(mw * sc + 10)::integer * coalesce(cardinality(ys), 0) + 10, 650),
                                  top + round(mh * sc)::integer + 90, @baseline@.tb_ui('tipmap.title', l))
        -- each shape once, drawn in every year's map with that year's colour
        || '<defs>' || coalesce((SELECT string_agg(format('<path id="tb-tip-%s" d="%s" stroke="#ffffff" stroke-width="1"/>',
                                                          m.iso2, m.d), '' ORDER BY m.iso_numeric)
                                   FROM @baseline@.map_shapes m), '') || '</defs>'
        || coalesce((SELECT string_agg(
               format('<text x="%s" y="%s" text-anchor="middle" font-weight="bold" font-size="13">%s</text>',
                      10 + (round(mw * sc) + 10) * (yk.k - 1) + round(mw * sc / 2), top - 6, yk.y)
               || format('<svg class="year" data-year="%s" x="%s" y="%s" width="%s" height="%s" viewBox="0 0 %s %s">'
                         || '<rect width="%s" height="%s" fill="#eaf2f8"/>',
                         yk.y, 10 + (round(mw * sc) + 10) * (yk.k - 1), top, round(mw * sc), round(mh * sc), mw, mh, mw, mh)
               || (SELECT string_agg(format('<use href="#tb-tip-%s" data-country="%s" fill="%s">'
                                            || '<title>%s</title></use>',
                                            m.iso2, m.iso2,
                                            CASE WHEN rt.country IS NULL THEN '#e6e6e6' ELSE coalesce(t.colour, '#bdbdbd') END,
                                            @baseline@.tb_svg_text(format('%s (%s), %s: %s', @baseline@.tb_name('country', m.iso2, l),
                                                m.iso2, yk.y, CASE WHEN rt.country IS NULL THEN @baseline@.tb_ui('map.not_member', l)
                                                                   ELSE @baseline@.tb_ui('tier.' || coalesce(t.t, 'none'), l) END))),
                                     '' ORDER BY (rt.country IS NOT NULL), m.iso_numeric)
                     FROM @baseline@.map_shapes m
                     LEFT JOIN rated rt ON rt.country = m.iso2
                     LEFT JOIN @baseline@.external_values e ON e.indicator = 'TIP_TIER' AND e.country = m.iso2 AND e.year = yk.y
                     LEFT JOIN tiers t ON t.v = e.value)
               || '</svg>', '' ORDER BY yk.k) FROM yk), '')
        || format('<g class="legend"><text x="8" y="%s" font-weight="bold">%s</text>', top + round(mh * sc) + 22,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('legend.tier', l)))
        || (SELECT string_agg(format('<rect x="%s" y="%s" width="14" height="14" fill="%s" stroke="#666666" stroke-width="0.5"/>'
                                     || '<text x="%s" y="%s">%s</text>',
                                     x, top + round(mh * sc) + 11, colour,
                                     x + 20, top + round(mh * sc) + 22, @baseline@.tb_svg_text(txt)), '' ORDER BY k)
              -- each item as wide as its text (about 6.5 units a character)
              FROM (SELECT k, colour, txt, 90 + coalesce(sum(40 + round(6.5 * length(txt))) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING
                                                                                                AND 1 PRECEDING), 0) AS x
                      FROM (SELECT row_number() OVER (ORDER BY v) AS k, colour, @baseline@.tb_ui('tier.' || t, l) AS txt FROM tiers
                            UNION ALL SELECT 5, '#bdbdbd', @baseline@.tb_ui('tier.none', l)) q) q2)
        || '</g>'
        || @baseline@.tb_svg_source(top + round(mh * sc)::integer + 46, ARRAY[@baseline@.tb_ui('source.tip', l), @baseline@.tb_ui('source.map', l)])
        || '</svg>'
      INTO svg;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_tip_map(integer[], text) IS 'Small multiples of the US TIP Report tier (external_values, TIP_TIER) of the members, the observer and the other countries rated, one map per year (default: the first and last years rated and two between), in language lang: colour key of the tiers and not rated, names and tiers in tooltips, sources.';

CREATE FUNCTION @baseline@.tb_svg_rank_intervals(round integer DEFAULT NULL, lang text DEFAULT 'en')
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r    integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.responses));
    l    text := lower(coalesce(lang, 'en'));
    x0   constant integer := 200;       -- the plot's left edge: country names fit before it
    pw   constant integer := 500;       -- the plot's width
    top  constant integer := 60;
    n    integer;                       -- countries ranked: the scale runs from rank 1 to rank n
    bot  integer;
    svg  text;
BEGIN
    SELECT count(*) INTO n FROM @baseline@.composite_ranks c WHERE c.round_no = r;
    n := greatest(n, 2);
    bot := top + 22 * (n - 1) + 24;
    WITH c AS (
        SELECT q.*, top + 22 * (row_number() OVER (ORDER BY q.rank, q.country) - 1)::integer AS y
          FROM @baseline@.composite_ranks q WHERE q.round_no = r
    ), x(v) AS (SELECT generate_series(1, n))
    SELECT @baseline@.tb_svg_open(x0 + pw + 40, bot + 110,
               replace(@baseline@.tb_ui('ranks.title', l), '{round}', @baseline@.tb_svg_round(r, l)))
        -- a tick and a faint line at every rank, best on the left
        || (SELECT string_agg(format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#eeeeee"/>'
                                     || '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>'
                                     || '<text x="%s" y="%s" text-anchor="middle" font-size="10">%s</text>',
                                     px, top - 6, px, bot, px, bot, px, bot + 5, px, bot + 17, v), '' ORDER BY v)
              FROM (SELECT v, round(x0 + pw * (v - 1)::numeric / (n - 1), 1) AS px FROM x) t)
        || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333"/>', x0, bot, x0 + pw, bot)
        || format('<text x="%s" y="%s" text-anchor="middle">%s</text>', x0 + pw / 2, bot + 34,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('ranks.axis', l)))
        -- each country: its interval, its median and its rank by score
        || coalesce((SELECT string_agg(
               format('<text x="8" y="%s">%s<title>%s</title></text>', c.y + 4,
                      @baseline@.tb_svg_text(@baseline@.tb_name('country', c.country, l)), @baseline@.tb_svg_text(c.country))
               || CASE WHEN c.rank_p05 IS NOT NULL THEN
                      format('<line class="interval" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#4a6fa5" stroke-width="4" stroke-linecap="round">'
                             || '<title>%s: %s - %s</title></line>',
                             round(x0 + pw * (c.rank_p05 - 1)::numeric / (n - 1), 1), c.y,
                             round(x0 + pw * (c.rank_p95 - 1)::numeric / (n - 1), 1), c.y,
                             @baseline@.tb_svg_text(@baseline@.tb_ui('ranks.interval', l)),
                             @baseline@.tb_num(c.rank_p05, 0, l), @baseline@.tb_num(c.rank_p95, 0, l))
                      || format('<rect x="%s" y="%s" width="6" height="6" fill="#ffffff" stroke="#4a6fa5" '
                                || 'transform="rotate(45 %s %s)"><title>%s: %s</title></rect>',
                                round(x0 + pw * (c.median_rank - 1)::numeric / (n - 1) - 3, 1), c.y - 3,
                                round(x0 + pw * (c.median_rank - 1)::numeric / (n - 1), 1), c.y,
                                @baseline@.tb_svg_text(@baseline@.tb_ui('ranks.median', l)), @baseline@.tb_num(c.median_rank, 1, l))
                  ELSE '' END
               || format('<circle class="rank" cx="%s" cy="%s" r="4" fill="#222222"><title>%s: %s (%s %s)</title></circle>',
                         round(x0 + pw * (c.rank - 1)::numeric / (n - 1), 1), c.y,
                         @baseline@.tb_svg_text(@baseline@.tb_ui('ranks.rank', l)), c.rank,
                         @baseline@.tb_svg_text(@baseline@.tb_ui('col.score', l)), @baseline@.tb_num(c.score, 1, l)),
               '' ORDER BY c.y) FROM c), '')
        -- the key
        || '<g class="legend">'
        || format('<circle cx="%s" cy="%s" r="4" fill="#222222"/><text x="%s" y="%s">%s</text>',
                  x0, bot + 52, x0 + 10, bot + 56, @baseline@.tb_svg_text(@baseline@.tb_ui('ranks.rank', l)))
        || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#4a6fa5" stroke-width="4" stroke-linecap="round"/><text x="%s" y="%s">%s</text>',
                  x0 + 170, bot + 52, x0 + 200, bot + 52, x0 + 208, bot + 56,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('ranks.interval', l)))
        || format('<rect x="%s" y="%s" width="6" height="6" fill="#ffffff" stroke="#4a6fa5" transform="rotate(45 %s %s)"/>'
                  || '<text x="%s" y="%s">%s</text>',
                  x0 + 400, bot + 49, x0 + 403, bot + 52, x0 + 412, bot + 56,
                  @baseline@.tb_svg_text(@baseline@.tb_ui('ranks.median', l)))
        || '</g>'
        || @baseline@.tb_svg_source(bot + 76, ARRAY[@baseline@.tb_ui('ranks.source', l)])
        || '</svg>'
      INTO svg;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_rank_intervals(integer, text) IS 'SVG of each scored country''s rank in a round (the latest with answers by default) with its 5th-95th percentile interval and median under the analyst''s choices (composite_ranks), in language lang: countries by rank, ranks on a scale from 1 (best, left); a key and a source line; codes and figures in tooltips.';
