------------------------------------------------------------------------------
-- Pictures: SVG that any client can show
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

CREATE FUNCTION @baseline@.tb_svg_dashboard(round integer DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    svg text;
BEGIN
    WITH c AS (SELECT DISTINCT country FROM @baseline@.axis_scores WHERE round_no = r),
         cr AS (SELECT country, row_number() OVER (ORDER BY country) - 1 AS i FROM c),
         ax AS (SELECT code, sort_order - 1 AS j FROM @baseline@.axes
                 WHERE code IN (SELECT axis FROM @baseline@.axis_scores WHERE round_no = r)),
         dims AS (SELECT (SELECT count(*) FROM cr) AS nc, (SELECT count(*) FROM ax) AS na)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" font-family="sans-serif" font-size="12">',
                  60 + 90 * na, 40 + 26 * nc)
           || format('<title>Scores by country and axis, round %s</title>', r)
           || (SELECT string_agg(format('<text x="%s" y="24" text-anchor="middle" font-weight="bold">%s</text>',
                                        60 + 90 * j + 44, @baseline@.tb_svg_text(code)), '' ORDER BY j) FROM ax)
           || (SELECT string_agg(format('<text x="8" y="%s">%s</text>', 40 + 26 * i + 17,
                                        @baseline@.tb_svg_text(country)), '' ORDER BY i) FROM cr)
           || (SELECT string_agg(format('<rect class="cell" data-country="%s" data-axis="%s" x="%s" y="%s" width="88" height="24" fill="%s"/>'
                                        || '<text x="%s" y="%s" text-anchor="middle">%s</text>',
                                        @baseline@.tb_svg_text(cr.country), @baseline@.tb_svg_text(ax.code),
                                        60 + 90 * ax.j, 40 + 26 * cr.i, @baseline@.tb_svg_colour(s.score),
                                        60 + 90 * ax.j + 44, 40 + 26 * cr.i + 17,
                                        coalesce(round(s.score::numeric)::text, '-')), '' ORDER BY cr.i, ax.j)
                 FROM cr CROSS JOIN ax
                 LEFT JOIN @baseline@.axis_scores s ON s.round_no = r AND s.country = cr.country AND s.axis = ax.code)
           || '</svg>'
      INTO svg FROM dims;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_dashboard(integer) IS 'SVG traffic-light dashboard of countries x axes for a round (the latest by default): one cell per country and axis, coloured by its band, with the score; grey without a score.';

CREATE FUNCTION @baseline@.tb_svg_indicator_dashboard(round integer DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    svg text;
BEGIN
    WITH cr AS (SELECT country, row_number() OVER (ORDER BY country) - 1 AS i
                  FROM (SELECT DISTINCT country FROM @baseline@.indicator_scores WHERE round_no = r) c),
         ir AS (SELECT indicator, row_number() OVER (ORDER BY min(a.sort_order), indicator) - 1 AS j
                  FROM @baseline@.indicator_scores s JOIN @baseline@.axes a ON a.code = s.axis
                 WHERE s.round_no = r GROUP BY indicator),
         dims AS (SELECT (SELECT count(*) FROM cr) AS nc, (SELECT count(*) FROM ir) AS ni)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" font-family="sans-serif" font-size="10">',
                  50 + 16 * ni, 70 + 16 * nc)
           || format('<title>Scores by country and indicator, round %s</title>', r)
           || (SELECT string_agg(format('<text transform="translate(%s,64) rotate(-90)">%s</text>',
                                        50 + 16 * j + 12, @baseline@.tb_svg_text(indicator)), '' ORDER BY j) FROM ir)
           || (SELECT string_agg(format('<text x="6" y="%s">%s</text>', 70 + 16 * i + 12,
                                        @baseline@.tb_svg_text(country)), '' ORDER BY i) FROM cr)
           || (SELECT string_agg(format('<rect class="cell" data-country="%s" data-indicator="%s" x="%s" y="%s" width="15" height="15" fill="%s"><title>%s %s: %s</title></rect>',
                                        @baseline@.tb_svg_text(cr.country), @baseline@.tb_svg_text(ir.indicator),
                                        50 + 16 * ir.j, 70 + 16 * cr.i, @baseline@.tb_svg_colour(s.score),
                                        @baseline@.tb_svg_text(cr.country), @baseline@.tb_svg_text(ir.indicator),
                                        coalesce(round(s.score::numeric)::text, 'no score')), '' ORDER BY cr.i, ir.j)
                 FROM cr CROSS JOIN ir
                 LEFT JOIN @baseline@.indicator_scores s ON s.round_no = r AND s.country = cr.country AND s.indicator = ir.indicator)
           || '</svg>'
      INTO svg FROM dims;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_indicator_dashboard(integer) IS 'SVG traffic-light dashboard of countries x indicators for a round (the latest by default): one cell per country and indicator.';

CREATE FUNCTION @baseline@.tb_svg_harmonization(round integer DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r   integer := coalesce(round, (SELECT max(round_no) FROM @baseline@.rounds));
    svg text;
BEGIN
    WITH b AS (SELECT h.axis, h.kind, h.percent_agreement, h.alpha,
                      row_number() OVER (ORDER BY a.sort_order, h.kind) - 1 AS i
                 FROM @baseline@.axis_harmonization h JOIN @baseline@.axes a ON a.code = h.axis
                WHERE h.round_no = r)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="560" height="%s" font-family="sans-serif" font-size="11">',
                  40 + 18 * (SELECT count(*) FROM b))
           || format('<title>Harmonization by axis and kind, round %s</title>', r)
           || '<text x="150" y="14">percent agreement (bar) and alpha (dot), 0 to 1</text>'
           || '<line x1="150" y1="24" x2="150" y2="' || (30 + 18 * (SELECT count(*) FROM b)) || '" stroke="#555"/>'
           || coalesce((SELECT string_agg(format('<text x="6" y="%s">%s %s</text>'
                                                 || '<rect class="bar" x="150" y="%s" width="%s" height="12" fill="#5c8fd6"/>'
                                                 || '%s',
                                                 36 + 18 * i, @baseline@.tb_svg_text(axis), @baseline@.tb_svg_text(kind),
                                                 27 + 18 * i, round(300 * coalesce(percent_agreement, 0)),
                                                 CASE WHEN alpha IS NULL THEN ''
                                                      ELSE format('<circle cx="%s" cy="%s" r="4" fill="#c62828"/>',
                                                                  150 + round(300 * greatest(alpha, 0)), 33 + 18 * i) END),
                                          '' ORDER BY i) FROM b), '')
           || '</svg>'
      INTO svg;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_harmonization(integer) IS 'SVG chart of harmonization per axis and kind for a round: percent agreement as a bar, Krippendorff''s alpha as a dot (negative alpha drawn at 0).';

CREATE FUNCTION @baseline@.tb_svg_progress()
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    svg text;
BEGIN
    WITH cr AS (SELECT country, row_number() OVER (ORDER BY country) - 1 AS i
                  FROM (SELECT DISTINCT country FROM @baseline@.axis_progress) c),
         ax AS (SELECT code, sort_order - 1 AS j FROM @baseline@.axes),
         dims AS (SELECT (SELECT count(*) FROM cr) AS nc)
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" font-family="sans-serif" font-size="11">',
                  50 + 130 * 4, 40 + 20 * nc)
           || '<title>Axis scores from the baseline (grey) to the latest round (coloured by trend)</title>'
           || (SELECT string_agg(format('<text x="%s" y="20" font-weight="bold">%s</text>', 50 + 130 * j, code), '' ORDER BY j) FROM ax)
           || (SELECT string_agg(format('<text x="6" y="%s">%s</text>', 40 + 20 * i + 4, @baseline@.tb_svg_text(country)), '' ORDER BY i) FROM cr)
           || coalesce((SELECT string_agg(
                  format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#999"/><circle cx="%s" cy="%s" r="3" fill="#999"/>'
                         || '<circle class="point" cx="%s" cy="%s" r="4" fill="%s"><title>%s %s: %s to %s, %s</title></circle>',
                         50 + 130 * ax.j + round(p.baseline_score), 40 + 20 * cr.i,
                         50 + 130 * ax.j + round(p.current_score), 40 + 20 * cr.i,
                         50 + 130 * ax.j + round(p.baseline_score), 40 + 20 * cr.i,
                         50 + 130 * ax.j + round(p.current_score), 40 + 20 * cr.i,
                         CASE p.trend WHEN 'on track' THEN '#2e7d32' WHEN 'moderately improving' THEN '#f9a825'
                                      WHEN 'stagnating' THEN '#ef6c00' ELSE '#c62828' END,
                         @baseline@.tb_svg_text(cr.country), ax.code, round(p.baseline_score), round(p.current_score),
                         @baseline@.tb_svg_text(p.trend)), '' ORDER BY cr.i, ax.j)
                 FROM cr JOIN @baseline@.axis_progress p ON p.country = cr.country
                 JOIN ax ON ax.code = p.axis
                WHERE p.baseline_score IS NOT NULL AND p.current_score IS NOT NULL), '')
           || '</svg>'
      INTO svg FROM dims;
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_progress() IS 'SVG progress chart: each country''s axis scores (0-100 across each column) from the baseline (grey) to the latest round (coloured by its trend: on track, moderately improving, stagnating, decreasing).';
