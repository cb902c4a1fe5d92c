------------------------------------------------------------------------------
-- Country profiles: one printable page per member or observer, in its
-- language (strings in ui_strings, names from the catalogue)
------------------------------------------------------------------------------

CREATE FUNCTION @baseline@.tb_profile_country(country text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c text;
BEGIN
    IF country IS NULL OR btrim(country) = '' THEN
        RAISE EXCEPTION 'no country given for the profile'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A profile is written for one member or observer of the Mechanism.',
                  HINT = 'Give its ISO code or its name: country_profile_html(''PE'').';
    END IF;
    -- a code (alpha-2 or alpha-3) or a name in any of the catalogue's languages
    SELECT k.iso2 INTO c
      FROM @baseline@.countries k
     WHERE k.iso2 = upper(btrim(country)) OR k.iso3 = upper(btrim(country))
        OR @extschema@.tb_fold(btrim(country)) IN (@extschema@.tb_fold(k.name_es), @extschema@.tb_fold(k.name_pt),
                                                   @extschema@.tb_fold(k.name_en))
     ORDER BY k.iso2
     LIMIT 1;
    IF c IS NULL OR NOT EXISTS (SELECT 1 FROM @baseline@.memberships m WHERE m.country = c) THEN
        RAISE EXCEPTION 'no profile for %: not a member or observer of this baseline', quote_literal(country)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = CASE WHEN c IS NULL THEN 'No country of the catalogue has that code or name.'
                                ELSE format('%s is in the catalogue but has no membership period.', c) END,
                  HINT = coalesce('Members and observers: '
                                  || (SELECT string_agg(DISTINCT m.country, ', ') FROM @baseline@.memberships m) || '.',
                                  'The baseline has no members yet: load memberships first.');
    END IF;
    RETURN c;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_profile_country(text) IS
'The ISO alpha-2 code of a member or observer given by its alpha-2 or alpha-3 code or its name in Spanish, Portuguese or English (case and accents ignored); 22023 with the list of members for anything else.';

CREATE FUNCTION @baseline@.tb_profile_lang(lang text, country text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l text := lower(btrim(coalesce(lang, @baseline@.tb_country_lang(country), 'en')));
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @baseline@.ui_strings s WHERE s.lang = l AND s.key LIKE 'profile.%') THEN
        RAISE EXCEPTION 'no profile strings in language %', quote_literal(l)
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A profile is written with the profile.* rows of ui_strings in its language.',
                  HINT = 'Languages with them: '
                         || coalesce((SELECT string_agg(DISTINCT s.lang, ', ') FROM @baseline@.ui_strings s
                                       WHERE s.key LIKE 'profile.%'), 'none')
                         || '. Add a language by inserting its rows into ui_strings.';
    END IF;
    RETURN l;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_profile_lang(text, text) IS
'The language a profile is written in: lang, else the country''s default (tb_country_lang), lower case; 22023 when ui_strings has no profile strings in it.';

CREATE FUNCTION @baseline@.tb_svg_profile_scores(country text, lang text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c     text := @baseline@.tb_profile_country(country);
    l     text := @baseline@.tb_profile_lang(lang, c);
    r     integer := (SELECT max(round_no) FROM @baseline@.rounds);
    rname text := CASE WHEN r IS NULL THEN @baseline@.tb_ui('profile.no_round', l) ELSE @baseline@.tb_svg_round(r, l) END;
    cname text := @baseline@.tb_svg_text(@baseline@.tb_name('country', c, l));
    n     integer := (SELECT count(*) FROM @baseline@.axes);
    ya    integer;
    y0    integer;
    svg   text;
    body  text := '';
    a     record;
    t     integer;
    lx    integer;
BEGIN
    ya := 40 + 46 * n + 4;
    -- gridlines first, under the bars
    FOR t IN 0..5 LOOP
        body := body || format('<line x1="%s" y1="36" x2="%s" y2="%s" stroke="#e0e0e0"/>', 40 + 100 * t, 40 + 100 * t, ya);
    END LOOP;
    FOR a IN
        WITH reg AS (SELECT s.axis, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score) AS median, max(s.score) AS best
                       FROM @baseline@.axis_scores s WHERE s.round_no = r AND s.score IS NOT NULL GROUP BY s.axis)
        SELECT x.code, row_number() OVER (ORDER BY x.sort_order) - 1 AS j, me.score, reg.median, reg.best,
               (SELECT string_agg(@baseline@.tb_name('country', b.country, l), ', ' ORDER BY b.country)
                  FROM @baseline@.axis_scores b WHERE b.round_no = r AND b.axis = x.code AND b.score = reg.best) AS best_by
          FROM @baseline@.axes x
          LEFT JOIN @baseline@.axis_scores me ON me.round_no = r AND me.country = c AND me.axis = x.code
          LEFT JOIN reg ON reg.axis = x.code
         ORDER BY x.sort_order
    LOOP
        y0 := 40 + 46 * a.j;
        body := body || format('<text x="40" y="%s" font-weight="bold"><title>%s</title>%s</text>', y0 + 12,
                               @baseline@.tb_svg_text(a.code), @baseline@.tb_svg_text(@baseline@.tb_name('axis', a.code, l)));
        IF a.score IS NULL THEN
            body := body || format('<text x="44" y="%s" fill="#616161" font-style="italic">%s</text>', y0 + 30,
                                   @baseline@.tb_svg_text(@baseline@.tb_ui('legend.no_score', l)));
        ELSE
            body := body || format('<rect class="bar" data-axis="%s" x="40" y="%s" width="%s" height="16" fill="%s">'
                                   || '<title>%s, %s: %s</title></rect><text x="%s" y="%s" text-anchor="end" font-weight="bold">%s</text>',
                                   @baseline@.tb_svg_text(a.code), y0 + 18, round((5 * a.score)::numeric, 1),
                                   @baseline@.tb_svg_colour(a.score), cname, @baseline@.tb_svg_text(a.code),
                                   @baseline@.tb_num(a.score, 1, l), 600, y0 + 31,
                                   @baseline@.tb_num(a.score, 1, l));
        END IF;
        IF a.median IS NOT NULL THEN
            body := body || format('<line class="median" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#212121" stroke-width="3">'
                                   || '<title>%s: %s</title></line>',
                                   round((40 + 5 * a.median)::numeric, 1), y0 + 15, round((40 + 5 * a.median)::numeric, 1), y0 + 37,
                                   @baseline@.tb_svg_text(@baseline@.tb_ui('profile.legend.median', l)),
                                   @baseline@.tb_num(a.median, 1, l));
            body := body || format('<polygon class="best" points="%s,%s %s,%s %s,%s" fill="#1a237e">'
                                   || '<title>%s: %s (%s)</title></polygon>',
                                   round((40 + 5 * a.best - 6)::numeric, 1), y0 + 8, round((40 + 5 * a.best + 6)::numeric, 1), y0 + 8,
                                   round((40 + 5 * a.best)::numeric, 1), y0 + 17,
                                   @baseline@.tb_svg_text(@baseline@.tb_ui('profile.legend.best', l)),
                                   @baseline@.tb_num(a.best, 1, l), @baseline@.tb_svg_text(a.best_by));
        END IF;
    END LOOP;
    -- the scale: axis line, ticks, their labels and the axis title
    body := body || format('<line x1="40" y1="%s" x2="540" y2="%s" stroke="#424242"/>', ya, ya);
    FOR t IN 0..5 LOOP
        body := body || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#424242"/><text x="%s" y="%s" text-anchor="middle">%s</text>',
                               40 + 100 * t, ya, 40 + 100 * t, ya + 5, 40 + 100 * t, ya + 18, 20 * t);
    END LOOP;
    body := body || format('<text x="290" y="%s" text-anchor="middle">%s</text>', ya + 34,
                           @baseline@.tb_svg_text(@baseline@.tb_ui('profile.axis.score', l)));
    -- legend: the bands that colour the bars, the median, the best
    lx := 40;
    body := body || format('<text x="%s" y="%s">%s:</text>', lx, ya + 56, cname);
    lx := lx + 12 + 7 * length(cname);
    FOR a IN SELECT b.label, b.colour, b.min_score,
                    lag(b.min_score) OVER (ORDER BY b.min_score DESC) AS upto
               FROM @baseline@.rating_bands b WHERE b.scheme = 'traffic_light' ORDER BY b.min_score DESC
    LOOP
        body := body || format('<rect x="%s" y="%s" width="14" height="10" fill="%s"/><text x="%s" y="%s">%s %s-%s</text>',
                               lx, ya + 47, a.colour, lx + 18, ya + 56,
                               @baseline@.tb_svg_text(@baseline@.tb_ui('band.' || a.label, l)),
                               @baseline@.tb_num(greatest(a.min_score, 0), 0, l), @baseline@.tb_num(coalesce(a.upto, 100), 0, l));
        lx := lx + 30 + 7 * length(@baseline@.tb_ui('band.' || a.label, l)) + 40;
    END LOOP;
    body := body || format('<line x1="40" y1="%s" x2="40" y2="%s" stroke="#212121" stroke-width="3"/><text x="50" y="%s">%s</text>',
                           ya + 66, ya + 80, ya + 77, @baseline@.tb_svg_text(@baseline@.tb_ui('profile.legend.median', l)))
                 || format('<polygon points="264,%s 276,%s 270,%s" fill="#1a237e"/><text x="284" y="%s">%s</text>',
                           ya + 68, ya + 68, ya + 77, ya + 77, @baseline@.tb_svg_text(@baseline@.tb_ui('profile.legend.best', l)))
                 || format('<text x="40" y="%s" font-size="10" fill="#616161">%s</text>', ya + 100,
                           @baseline@.tb_svg_text(replace(@baseline@.tb_ui('source.survey', l), '{round}',
                                                          rname)));
    svg := format('<svg xmlns="http://www.w3.org/2000/svg" class="profile-scores" width="640" height="%s" viewBox="0 0 640 %s" '
                  || 'font-family="sans-serif" font-size="12" role="img">', ya + 110, ya + 110)
           || format('<title>%s</title>', @baseline@.tb_svg_text(replace(replace(@baseline@.tb_ui('profile.scores.title', l),
                                                                   '{country}', @baseline@.tb_name('country', c, l)),
                                                                   '{round}', rname)))
           || format('<text x="40" y="20" font-weight="bold" font-size="13">%s</text>',
                     @baseline@.tb_svg_text(replace(replace(@baseline@.tb_ui('profile.scores.title', l),
                                                            '{country}', @baseline@.tb_name('country', c, l)),
                                                    '{round}', rname)))
           || body || '</svg>';
    RETURN svg;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_profile_scores(text, text) IS
'SVG chart of a country''s axis scores in the latest round (bars coloured by traffic light) against the regional median (a bar) and the best score (a triangle) of each axis, with a 0-100 scale, legend and source line, in lang (the country''s default when NULL); no score written where the coverage rule leaves none.';

CREATE FUNCTION @baseline@.tb_svg_profile_progress(country text, lang text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c      text := @baseline@.tb_profile_country(country);
    l      text := @baseline@.tb_profile_lang(lang, c);
    r0     integer := (SELECT min(round_no) FROM @baseline@.rounds);
    r1     integer := (SELECT max(round_no) FROM @baseline@.rounds);
    n      integer := (SELECT count(*) FROM @baseline@.axes);
    ya     integer;
    y0     integer;
    body   text := '';
    a      record;
    t      integer;
    lx     integer;
    title  text;
BEGIN
    ya := 40 + 40 * n + 4;
    title := replace(@baseline@.tb_ui('profile.progress.title', l), '{country}', @baseline@.tb_name('country', c, l));
    FOR t IN 0..5 LOOP
        body := body || format('<line x1="%s" y1="36" x2="%s" y2="%s" stroke="#e0e0e0"/>', 40 + 100 * t, 40 + 100 * t, ya);
    END LOOP;
    FOR a IN
        -- the view once, not once per axis
        WITH p AS MATERIALIZED (SELECT * FROM @baseline@.axis_progress v WHERE v.country = c)
        SELECT x.code, row_number() OVER (ORDER BY x.sort_order) - 1 AS j, p.baseline_score, p.current_score, p.trend
          FROM @baseline@.axes x
          LEFT JOIN p ON p.axis = x.code
         ORDER BY x.sort_order
    LOOP
        y0 := 40 + 40 * a.j;
        body := body || format('<text x="40" y="%s" font-weight="bold"><title>%s</title>%s</text>', y0 + 12,
                               @baseline@.tb_svg_text(a.code), @baseline@.tb_svg_text(@baseline@.tb_name('axis', a.code, l)));
        IF a.baseline_score IS NOT NULL AND a.current_score IS NOT NULL THEN
            body := body || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#9e9e9e" stroke-width="2"/>',
                                   round((40 + 5 * a.baseline_score)::numeric, 1), y0 + 25, round((40 + 5 * a.current_score)::numeric, 1), y0 + 25);
        END IF;
        IF a.baseline_score IS NOT NULL THEN
            body := body || format('<circle class="baseline" cx="%s" cy="%s" r="5" fill="#9e9e9e"><title>%s: %s</title></circle>',
                                   round((40 + 5 * a.baseline_score)::numeric, 1), y0 + 25,
                                   @baseline@.tb_svg_text(@baseline@.tb_svg_round(r0, l)),
                                   @baseline@.tb_num(a.baseline_score, 1, l));
        END IF;
        IF a.current_score IS NOT NULL THEN
            body := body || format('<circle class="current" cx="%s" cy="%s" r="6" fill="%s"><title>%s: %s%s</title></circle>',
                                   round((40 + 5 * a.current_score)::numeric, 1), y0 + 25,
                                   CASE a.trend WHEN 'on track' THEN '#2e7d32' WHEN 'moderately improving' THEN '#f9a825'
                                                WHEN 'stagnating' THEN '#ef6c00' WHEN 'decreasing' THEN '#c62828'
                                                ELSE '#616161' END,
                                   @baseline@.tb_svg_text(@baseline@.tb_svg_round(r1, l)),
                                   @baseline@.tb_num(a.current_score, 1, l),
                                   coalesce(', ' || @baseline@.tb_svg_text(@baseline@.tb_ui('trend.' || replace(a.trend, ' ', '_'), l)), ''));
        END IF;
        IF a.baseline_score IS NULL OR a.current_score IS NULL THEN
            body := body || format('<text x="%s" y="%s" fill="#616161" font-style="italic">%s</text>',
                                   CASE WHEN coalesce(a.baseline_score, a.current_score) > 60 THEN 44
                                        ELSE round(40 + 5 * coalesce(a.baseline_score, a.current_score, 0) + 14) END,
                                   y0 + 29,
                                   @baseline@.tb_svg_text(@baseline@.tb_ui('profile.no_comparison', l)));
        END IF;
    END LOOP;
    body := body || format('<line x1="40" y1="%s" x2="540" y2="%s" stroke="#424242"/>', ya, ya);
    FOR t IN 0..5 LOOP
        body := body || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#424242"/><text x="%s" y="%s" text-anchor="middle">%s</text>',
                               40 + 100 * t, ya, 40 + 100 * t, ya + 5, 40 + 100 * t, ya + 18, 20 * t);
    END LOOP;
    body := body || format('<text x="290" y="%s" text-anchor="middle">%s</text>', ya + 34,
                           @baseline@.tb_svg_text(@baseline@.tb_ui('profile.axis.score', l)));
    -- legend: the baseline, then the latest round's colour for each trend
    body := body || format('<circle cx="46" cy="%s" r="5" fill="#9e9e9e"/><text x="56" y="%s">%s</text>', ya + 52, ya + 56,
                           @baseline@.tb_svg_text(replace(@baseline@.tb_ui('profile.legend.baseline', l), '{round}',
                                                          @baseline@.tb_svg_round(r0, l))))
                 || format('<text x="40" y="%s">%s</text>', ya + 76,
                           @baseline@.tb_svg_text(replace(@baseline@.tb_ui('profile.legend.current', l), '{round}',
                                                          @baseline@.tb_svg_round(r1, l))));
    lx := 46;
    FOR a IN SELECT * FROM (VALUES (1, 'on_track', '#2e7d32'), (2, 'moderately_improving', '#f9a825'),
                                   (3, 'stagnating', '#ef6c00'), (4, 'decreasing', '#c62828')) v(i, k, colour) ORDER BY i
    LOOP
        body := body || format('<circle cx="%s" cy="%s" r="6" fill="%s"/><text x="%s" y="%s">%s</text>', lx, ya + 92, a.colour,
                               lx + 10, ya + 96, @baseline@.tb_svg_text(@baseline@.tb_ui('trend.' || a.k, l)));
        lx := lx + 30 + 7 * length(@baseline@.tb_ui('trend.' || a.k, l));
    END LOOP;
    body := body || format('<text x="40" y="%s" font-size="10" fill="#616161">%s</text>', ya + 118,
                           @baseline@.tb_svg_text(replace(replace(@baseline@.tb_ui('source.progress', l),
                                                                  '{from}', @baseline@.tb_svg_round(r0, l)),
                                                          '{to}', @baseline@.tb_svg_round(r1, l))));
    RETURN format('<svg xmlns="http://www.w3.org/2000/svg" class="profile-progress" width="640" height="%s" viewBox="0 0 640 %s" '
                  || 'font-family="sans-serif" font-size="12" role="img">', ya + 128, ya + 128)
           || format('<title>%s</title><text x="40" y="20" font-weight="bold" font-size="13">%s</text>',
                     @baseline@.tb_svg_text(title), @baseline@.tb_svg_text(title))
           || body || '</svg>';
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_profile_progress(text, text) IS
'SVG chart of a country''s axis scores from the baseline round (grey) to the latest round (coloured by its trend toward 100 by the target year, axis_progress), with a 0-100 scale, legend and source line, in lang (the country''s default when NULL).';

CREATE FUNCTION @baseline@.tb_svg_tip_history(country text, lang text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c      text := @baseline@.tb_profile_country(country);
    l      text := @baseline@.tb_profile_lang(lang, c);
    y_from integer;
    y_to   integer;
    step   double precision;
    body   text := '';
    prev_y integer;
    prev_v double precision;
    e      record;
    title  text;
    x      double precision;
    tiers  double precision[] := ARRAY[1, 2, 2.5, 3];
    t      double precision;
BEGIN
    SELECT min(v.year), max(v.year) INTO y_from, y_to FROM @baseline@.external_values v WHERE v.indicator = 'TIP_TIER';
    title := replace(replace(@baseline@.tb_ui('profile.tip.title', l), '{country}', @baseline@.tb_name('country', c, l)),
                     '{years}', coalesce(y_from || '-' || y_to, '-'));
    IF y_from IS NULL THEN
        RETURN format('<svg xmlns="http://www.w3.org/2000/svg" class="profile-tip" width="640" height="60" viewBox="0 0 640 60" '
                      || 'font-family="sans-serif" font-size="12" role="img"><title>%s</title>'
                      || '<text x="40" y="20" font-weight="bold" font-size="13">%s</text>'
                      || '<text x="40" y="44" fill="#616161" font-style="italic">%s</text></svg>',
                      @baseline@.tb_svg_text(title), @baseline@.tb_svg_text(title),
                      @baseline@.tb_svg_text(@baseline@.tb_ui('profile.tip.none', l)));
    END IF;
    step := 420.0 / greatest(y_to - y_from, 1);
    -- tiers from the best (top) to the worst: y = 40 * tier - 4
    FOREACH t IN ARRAY tiers LOOP
        body := body || format('<line x1="190" y1="%s" x2="610" y2="%s" stroke="#e0e0e0"/>'
                               || '<text x="182" y="%s" text-anchor="end">%s</text>',
                               40 * t - 4, 40 * t - 4, 40 * t, @baseline@.tb_svg_text(@baseline@.tb_ui('tier.' || t, l)));
    END LOOP;
    body := body || '<line x1="190" y1="136" x2="610" y2="136" stroke="#424242"/>';
    FOR e IN SELECT g.y FROM generate_series(y_from, y_to) g(y) LOOP
        x := 190 + step * (e.y - y_from);
        body := body || format('<line x1="%s" y1="136" x2="%s" y2="141" stroke="#424242"/>'
                               || '<text x="%s" y="154" text-anchor="middle" font-size="10">%s</text>',
                               round(x::numeric, 1), round(x::numeric, 1), round(x::numeric, 1), e.y);
    END LOOP;
    body := body || format('<text x="400" y="170" text-anchor="middle">%s</text>',
                           @baseline@.tb_svg_text(@baseline@.tb_ui('profile.tip.year', l)));
    FOR e IN SELECT g.y, v.value
               FROM generate_series(y_from, y_to) g(y)
               LEFT JOIN @baseline@.external_values v ON v.indicator = 'TIP_TIER' AND v.country = c AND v.year = g.y
              ORDER BY g.y
    LOOP
        x := 190 + step * (e.y - y_from);
        IF e.value IS NOT NULL AND prev_v IS NOT NULL AND prev_y = e.y - 1 THEN
            body := body || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#1565c0" stroke-width="2"/>',
                                   round((190 + step * (prev_y - y_from))::numeric, 1), 40 * prev_v - 4,
                                   round(x::numeric, 1), 40 * e.value - 4);
        END IF;
        IF e.value IS NOT NULL THEN
            body := body || format('<circle class="tier" cx="%s" cy="%s" r="5" fill="#1565c0"><title>%s: %s</title></circle>',
                                   round(x::numeric, 1), 40 * e.value - 4, e.y,
                                   @baseline@.tb_svg_text(@baseline@.tb_ui('tier.' || e.value, l)));
        ELSE
            body := body || format('<circle class="not-rated" cx="%s" cy="130" r="4" fill="none" stroke="#9e9e9e" stroke-width="1.5">'
                                   || '<title>%s: %s</title></circle>',
                                   round(x::numeric, 1), e.y, @baseline@.tb_svg_text(@baseline@.tb_ui('tier.none', l)));
        END IF;
        prev_y := e.y;
        prev_v := e.value;
    END LOOP;
    body := body || format('<circle cx="196" cy="190" r="5" fill="#1565c0"/><text x="206" y="194">%s</text>',
                           @baseline@.tb_svg_text(@baseline@.tb_ui('legend.tier', l)))
                 || format('<circle cx="376" cy="190" r="4" fill="none" stroke="#9e9e9e" stroke-width="1.5"/><text x="386" y="194">%s</text>',
                           @baseline@.tb_svg_text(@baseline@.tb_ui('tier.none', l)))
                 || format('<text x="40" y="216" font-size="10" fill="#616161">%s</text>',
                           @baseline@.tb_svg_text(@baseline@.tb_ui('source.tip', l)));
    RETURN '<svg xmlns="http://www.w3.org/2000/svg" class="profile-tip" width="640" height="224" viewBox="0 0 640 224" '
           || 'font-family="sans-serif" font-size="12" role="img">'
           || format('<title>%s</title><text x="40" y="20" font-weight="bold" font-size="13">%s</text>',
                     @baseline@.tb_svg_text(title), @baseline@.tb_svg_text(title))
           || body || '</svg>';
END
$$;
COMMENT ON FUNCTION @baseline@.tb_svg_tip_history(text, text) IS
'SVG chart of a country''s US TIP Report tier (external_values, indicator TIP_TIER) year by year, Tier 1 at the top, unrated years marked on the axis, with legend and source line, in lang (the country''s default when NULL).';

CREATE FUNCTION @baseline@.country_profile_html(country text, lang text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c       text := @baseline@.tb_profile_country(country);
    l       text := @baseline@.tb_profile_lang(lang, c);
    r       integer := (SELECT max(round_no) FROM @baseline@.rounds);
    r0      integer := (SELECT min(round_no) FROM @baseline@.rounds);
    cname   text := @baseline@.tb_name('country', c, l);
    ce      text := @baseline@.tb_svg_text(@baseline@.tb_name('country', c, l));
    rname   text := CASE WHEN r IS NULL THEN @baseline@.tb_ui('profile.no_round', l) ELSE @baseline@.tb_svg_round(r, l) END;
    role    text;
    cs      record;
    u       record;
    h       record;
    n_mine  bigint;
    n_all   bigint;
    runs    integer := 1000;     -- the runs of composite_ranks
    -- 71% in English, 71 % in Spanish and Portuguese
    pct     text := CASE WHEN l = 'en' THEN '%' ELSE ' %' END;
    html    text;
    part    text;
BEGIN
    SELECT m.role INTO role FROM @baseline@.memberships m WHERE m.country = c ORDER BY m.valid_from DESC LIMIT 1;
    -- overall score and its rank among the countries scored in the latest round
    SELECT s.score, s.letter, s.traffic_light, s.rnk, s.scored INTO cs
      FROM (SELECT x.country, x.score, x.letter, x.traffic_light,
                   rank() OVER (ORDER BY x.score DESC) AS rnk,
                   count(x.score) OVER () AS scored
              FROM @baseline@.country_scores x WHERE x.round_no = r AND x.score IS NOT NULL) s
     WHERE s.country = c;
    -- the rank interval of composite_ranks: the latest round's indicator
    -- matrix under a seeded Monte Carlo over weights, normalisations,
    -- aggregations and one indicator left out
    IF cs.score IS NOT NULL THEN
        SELECT q.* INTO u FROM @baseline@.composite_ranks q WHERE q.round_no = r AND q.country = c;
    END IF;

    html := format('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"/>', l)
         || format('<title>%s</title>', @baseline@.tb_svg_text(replace(@baseline@.tb_ui('profile.title', l), '{country}', cname)))
         || '<style>'
         || '@page{size:A4;margin:14mm 12mm}'
         || 'body{font-family:sans-serif;font-size:14px;color:#212121;margin:2em auto;max-width:760px;padding:0 1em;'
         || '-webkit-print-color-adjust:exact;print-color-adjust:exact}'
         || 'h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #bdbdbd}'
         || '.kicker{color:#616161;margin:0}.meta{color:#424242;margin:.2em 0 1em}'
         || '.summary{display:flex;gap:2em;align-items:baseline;background:#f5f5f5;padding:.6em 1em;border-radius:4px}'
         || '.big{font-size:2em;font-weight:bold}.note{color:#616161;font-size:.9em}'
         || 'table{border-collapse:collapse;margin:.5em 0;width:100%}'
         || 'td,th{border:1px solid #ddd;padding:3px 6px;text-align:right;vertical-align:top}'
         || 'th{background:#eee}td.t,th.t{text-align:left}'
         || '.meter{display:inline-block;width:80px;height:10px;background:#eee;vertical-align:middle;margin-right:6px}'
         || '.meter span{display:block;height:10px;background:#5c8fd6}'
         || 'abbr{text-decoration:none}svg{max-width:100%;height:auto}'
         || 'section{break-inside:avoid;page-break-inside:avoid}'
         -- on paper: smaller type and pictures, tighter tables, so that a profile takes few A4 pages
         || '@media print{body{margin:0;max-width:none;font-size:9pt}h2{margin:.8em 0 .3em}p{margin:.4em 0}'
         || 'svg{width:135mm}td,th{padding:1px 4px}.summary{padding:.2em .8em}.big{font-size:1.6em}}'
         || '</style></head><body>'
         || format('<p class="kicker">%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('report.title', l)))
         || format('<h1><abbr title="%s">%s</abbr></h1>', c,
                   @baseline@.tb_svg_text(replace(@baseline@.tb_ui('profile.title', l), '{country}', cname)))
         || format('<p class="meta">%s &#183; %s</p>',
                   @baseline@.tb_svg_text(@baseline@.tb_ui('profile.role.' || coalesce(role, 'member'), l)),
                   @baseline@.tb_svg_text(replace(@baseline@.tb_ui('report.latest_round', l), '{round}', rname)));

    -- the summary: overall score, letter, rank
    html := html || '<div class="summary">'
         || CASE WHEN cs.score IS NULL
                 THEN format('<p><span class="big">-</span> %s</p><p class="note">%s</p>',
                             @baseline@.tb_svg_text(@baseline@.tb_ui('profile.overall', l)),
                             @baseline@.tb_svg_text(@baseline@.tb_ui('note.no_score', l)))
                 ELSE format('<p><span class="big" style="color:%s">%s</span> %s</p><p><span class="big">%s</span> %s</p>'
                             || '<p><span class="big">%s</span> %s</p>',
                             @baseline@.tb_svg_colour(cs.score), @baseline@.tb_num(cs.score, 1, l),
                             @baseline@.tb_svg_text(@baseline@.tb_ui('profile.overall', l)),
                             @baseline@.tb_svg_text(cs.letter), @baseline@.tb_svg_text(@baseline@.tb_ui('col.letter', l)),
                             cs.rnk || ' / ' || cs.scored, @baseline@.tb_svg_text(@baseline@.tb_ui('col.rank', l))) END
         || '</div>';

    -- 1. axis scores against the region
    html := html || format('<section id="scores"><h2>1. %s</h2>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.section.scores', l)))
         || @baseline@.tb_svg_profile_scores(c, l) || '</section>';

    -- 2. rank and its interval
    html := html || format('<section id="rank"><h2>2. %s</h2>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.section.rank', l)));
    IF cs.score IS NULL THEN
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.rank.none', l)));
    ELSE
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(
                    replace(replace(replace(replace(@baseline@.tb_ui('profile.rank.text', l), '{country}', cname),
                                            '{rank}', cs.rnk::text), '{n}', cs.scored::text), '{round}', rname)));
        IF u.rank_p05 IS NOT NULL THEN
            html := html || format('<p>%s</p>', @baseline@.tb_svg_text(
                        replace(replace(replace(replace(@baseline@.tb_ui('profile.rank.interval', l),
                                                        '{low}', @baseline@.tb_num(u.rank_p05, 0, l)),
                                                '{high}', @baseline@.tb_num(u.rank_p95, 0, l)),
                                        '{median}', @baseline@.tb_num(u.median_rank, 0, l)),
                                '{runs}', to_char(runs, 'FM999999'))));
        END IF;
        html := html || format('<p class="note">%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.note.rank', l)));
    END IF;
    html := html || '</section>';

    -- 3. the largest gaps
    html := html || format('<section id="gaps"><h2>3. %s</h2>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.section.gaps', l)));
    -- each view once, for this country only
    WITH p AS MATERIALIZED (SELECT * FROM @baseline@.country_priorities v WHERE v.country = c),
         g AS MATERIALIZED (SELECT * FROM @baseline@.indicator_gaps v WHERE v.country = c AND v.round_no = r)
    SELECT string_agg(format('<tr><td class="t"><abbr title="%s">%s</abbr>%s</td><td class="t"><abbr title="%s">%s</abbr></td>'
                             || '<td>%s</td><td>%s</td><td>%s</td><td><span class="meter"><span style="width:%s%%"></span></span>%s</td></tr>',
                             @baseline@.tb_svg_text(p.indicator),
                             @baseline@.tb_svg_text(@baseline@.tb_name('indicator', p.indicator, l)),
                             CASE WHEN p.poorly_harmonized THEN ' *' ELSE '' END,
                             @baseline@.tb_svg_text(g.axis), @baseline@.tb_svg_text(@baseline@.tb_name('axis', g.axis, l)),
                             @baseline@.tb_num(g.value, 1, l),
                             CASE WHEN g.target IS NOT NULL THEN @baseline@.tb_num(g.target, 1, l)
                                  ELSE @baseline@.tb_num(g.frontier, 1, l) || ' &#8224;' END,
                             @baseline@.tb_num(g.median, 1, l),
                             round(100 * least(greatest(p.gap, 0), 1)), @baseline@.tb_num(100 * p.gap, 0, l) || pct),
                      '' ORDER BY p.rank)
      INTO part
      FROM p JOIN g ON g.indicator = p.indicator;
    IF part IS NULL THEN
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.no_data', l)));
    ELSE
        html := html || format('<table><tr><th class="t">%s</th><th class="t">%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>',
                               @baseline@.tb_svg_text(@baseline@.tb_ui('col.indicator', l)),
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.axis', l)),
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.value', l)),
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.target', l)),
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.median', l)),
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.gap', l)))
             || part || '</table>'
             || format('<p class="note">%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.note.gaps', l)));
    END IF;
    html := html || '</section>';

    -- 4. progress since the baseline
    html := html || format('<section id="progress"><h2>4. %s</h2>', @baseline@.tb_svg_text(@baseline@.tb_ui('section.progress', l)));
    IF r IS NULL OR r = r0 THEN
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.no_comparison', l)));
    ELSE
        html := html || @baseline@.tb_svg_profile_progress(c, l);
        WITH p AS MATERIALIZED (SELECT * FROM @baseline@.axis_progress v WHERE v.country = c)
        SELECT string_agg(format('<tr><td class="t"><abbr title="%s">%s</abbr></td><td>%s</td><td>%s</td><td>%s</td><td class="t">%s</td></tr>',
                                 @baseline@.tb_svg_text(x.code), @baseline@.tb_svg_text(@baseline@.tb_name('axis', x.code, l)),
                                 @baseline@.tb_num(p.baseline_score, 1, l), @baseline@.tb_num(p.current_score, 1, l),
                                 CASE WHEN p.current_score IS NULL OR p.baseline_score IS NULL THEN '-'
                                      WHEN p.current_score >= p.baseline_score
                                      THEN '+' || @baseline@.tb_num(p.current_score - p.baseline_score, 1, l)
                                      ELSE '&#8722;' || @baseline@.tb_num(p.baseline_score - p.current_score, 1, l) END,
                                 coalesce(@baseline@.tb_svg_text(@baseline@.tb_ui('trend.' || replace(p.trend, ' ', '_'), l)), '-')),
                          '' ORDER BY x.sort_order)
          INTO part
          FROM @baseline@.axes x
          LEFT JOIN p ON p.axis = x.code;
        html := html || format('<table><tr><th class="t">%s</th><th>%s</th><th>%s</th><th>%s</th><th class="t">%s</th></tr>',
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.axis', l)),
                               @baseline@.tb_svg_text(@baseline@.tb_svg_round(r0, l)),
                               @baseline@.tb_svg_text(rname),
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.change', l)),
                               @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.trend', l)))
             || coalesce(part, '') || '</table>'
             || format('<p class="note">%s</p>', @baseline@.tb_svg_text(
                        replace(@baseline@.tb_ui('profile.note.trend', l), '{year}',
                                @baseline@.tb_setting('target_year')::integer::text)));
    END IF;
    html := html || '</section>';

    -- 5. practices in place against the region's share
    html := html || format('<section id="practices"><h2>5. %s</h2>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.section.practices', l)));
    WITH pr AS (
        SELECT cr.indicator, count(*) AS rated, count(*) FILTER (WHERE cr.rating = 1) AS yes,
               max(cr.rating) FILTER (WHERE cr.country = c) AS mine
          FROM @baseline@.country_ratings cr
         WHERE cr.round_no = r AND cr.kind = 'binary'
         GROUP BY cr.indicator
    )
    SELECT string_agg(format('<tr><td class="t"><abbr title="%s">%s</abbr></td><td class="t">%s</td>'
                             || '<td><span class="meter"><span style="width:%s%%"></span></span>%s</td></tr>',
                             @baseline@.tb_svg_text(pr.indicator),
                             @baseline@.tb_svg_text(@baseline@.tb_name('indicator', pr.indicator, l)),
                             @baseline@.tb_svg_text(@baseline@.tb_ui(CASE pr.mine WHEN 1 THEN 'profile.yes' WHEN 0 THEN 'profile.no'
                                                                         ELSE 'profile.no_answer' END, l)),
                             round(100.0 * pr.yes / pr.rated), @baseline@.tb_num(100.0 * pr.yes / pr.rated, 0, l) || pct),
                      '' ORDER BY a.sort_order, pr.indicator),
           count(*) FILTER (WHERE pr.mine = 1), count(*)
      INTO part, n_mine, n_all
      FROM pr JOIN @baseline@.indicators i ON i.code = pr.indicator JOIN @baseline@.axes a ON a.code = i.axis;
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY p.practice_count) AS median INTO h
      FROM @baseline@.country_practices p WHERE p.round_no = r;
    IF part IS NULL THEN
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.no_data', l)));
    ELSE
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(
                    replace(replace(replace(replace(@baseline@.tb_ui('profile.practices.text', l), '{country}', cname),
                                            '{n}', n_mine::text), '{m}', n_all::text),
                            '{median}', @baseline@.tb_num(h.median, CASE WHEN h.median = trunc(h.median) THEN 0 ELSE 1 END, l))))
             || format('<table><tr><th class="t">%s</th><th class="t">%s</th><th>%s</th></tr>',
                       @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.practice', l)), ce,
                       @baseline@.tb_svg_text(@baseline@.tb_ui('profile.col.region_share', l)))
             || part || '</table>'
             || format('<p class="note">%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.note.practices', l)));
    END IF;
    html := html || '</section>';

    -- 6. harmonization: how often the country gives the region's most common answer
    html := html || format('<section id="harmonization"><h2>6. %s</h2>',
                           @baseline@.tb_svg_text(@baseline@.tb_ui('profile.section.harmonization', l)));
    WITH rt AS (SELECT cr.indicator, cr.kind, cr.country, cr.rating FROM @baseline@.country_ratings cr
                 WHERE cr.round_no = r AND cr.kind IN ('binary', 'ordinal')),
         cnt AS (SELECT rt.indicator, rt.rating, count(*) AS n FROM rt GROUP BY rt.indicator, rt.rating),
         tot AS (SELECT cnt.indicator, sum(cnt.n) AS total, max(cnt.n) AS top FROM cnt GROUP BY cnt.indicator),
         per AS (SELECT rt.country, count(*) AS compared, count(*) FILTER (WHERE cnt.n = tot.top) AS matches
                   FROM rt JOIN cnt USING (indicator, rating) JOIN tot USING (indicator) GROUP BY rt.country)
    SELECT per.matches, per.compared,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY p2.matches::double precision / p2.compared) FROM per p2) AS median
      INTO h FROM per WHERE per.country = c;
    IF h.compared IS NULL THEN
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.no_data', l)));
    ELSE
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(
                    replace(replace(replace(replace(replace(@baseline@.tb_ui('profile.harmonization.text', l), '{country}', cname),
                                                    '{n}', h.matches::text), '{m}', h.compared::text),
                                    '{share}', @baseline@.tb_num(100.0 * h.matches / h.compared, 0, l) || pct),
                            '{median}', @baseline@.tb_num(100 * h.median, 0, l) || pct)));
        -- where it departs from a broad consensus: two thirds of the countries or more give one answer
        WITH rt AS (SELECT cr.indicator, cr.kind, cr.country, cr.rating FROM @baseline@.country_ratings cr
                     WHERE cr.round_no = r AND cr.kind IN ('binary', 'ordinal')),
             cnt AS (SELECT rt.indicator, rt.rating, count(*) AS n FROM rt GROUP BY rt.indicator, rt.rating),
             tot AS (SELECT cnt.indicator, sum(cnt.n) AS total, max(cnt.n) AS top FROM cnt GROUP BY cnt.indicator),
             modal AS (SELECT cnt.indicator, cnt.rating, cnt.n, tot.total FROM cnt JOIN tot USING (indicator)
                        WHERE cnt.n = tot.top AND 3 * tot.top >= 2 * tot.total)
        SELECT string_agg(format('<li><abbr title="%s">%s</abbr>: %s</li>', @baseline@.tb_svg_text(rt.indicator),
                                 @baseline@.tb_svg_text(@baseline@.tb_name('indicator', rt.indicator, l)),
                                 @baseline@.tb_svg_text(replace(replace(replace(replace(
                                     @baseline@.tb_ui('profile.harmonization.item', l),
                                     '{mine}', @baseline@.tb_ui(CASE WHEN rt.kind = 'binary'
                                                                     THEN CASE WHEN rt.rating = 1 THEN 'profile.yes' ELSE 'profile.no' END
                                                                     ELSE 'profile.level.' || rt.rating::integer END, l)),
                                     '{common}', @baseline@.tb_ui(CASE WHEN rt.kind = 'binary'
                                                                       THEN CASE WHEN mo.rating = 1 THEN 'profile.yes' ELSE 'profile.no' END
                                                                       ELSE 'profile.level.' || mo.rating::integer END, l)),
                                     '{k}', mo.n::text), '{total}', mo.total::text))),
                          '' ORDER BY a.sort_order, rt.indicator)
          INTO part
          FROM rt JOIN modal mo ON mo.indicator = rt.indicator
          JOIN @baseline@.indicators i ON i.code = rt.indicator JOIN @baseline@.axes a ON a.code = i.axis
         WHERE rt.country = c AND rt.rating <> mo.rating;
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui(
                                CASE WHEN part IS NULL THEN 'profile.harmonization.no_departure'
                                     ELSE 'profile.harmonization.departures' END, l)))
             || coalesce('<ul>' || part || '</ul>', '')
             || format('<p class="note">%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.note.harmonization', l)));
    END IF;
    html := html || '</section>';

    -- 7. US TIP Report tier history
    html := html || format('<section id="tip"><h2>7. %s</h2>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.section.tip', l)))
         || @baseline@.tb_svg_tip_history(c, l);
    SELECT t.last_value, t.last_year, t.first_year, t.trend INTO h
      FROM @baseline@.external_trends t WHERE t.indicator = 'TIP_TIER' AND t.country = c;
    IF h.last_year IS NOT NULL THEN
        html := html || format('<p>%s</p>', @baseline@.tb_svg_text(
                    replace(replace(@baseline@.tb_ui('profile.tip.last', l), '{tier}', @baseline@.tb_ui('tier.' || h.last_value, l)),
                            '{year}', h.last_year::text)
                    || CASE WHEN h.trend IS NULL THEN ''
                            ELSE ' ' || replace(replace(@baseline@.tb_ui('profile.tip.trend', l), '{from}', h.first_year::text),
                                                '{trend}', @baseline@.tb_ui('trend.' || replace(h.trend, ' ', '_'), l)) END));
    END IF;
    html := html || format('<p class="note">%s</p>', @baseline@.tb_svg_text(@baseline@.tb_ui('profile.note.tip', l)))
         || '</section>';

    RETURN html
        || format('<footer><p class="note">%s %s</p></footer></body></html>',
                  @baseline@.tb_svg_text(@baseline@.tb_ui('report.data_note', l)),
                  @baseline@.tb_svg_text(@baseline@.tb_ui('profile.note.codes', l)));
END
$$;
COMMENT ON FUNCTION @baseline@.country_profile_html(text, text) IS
'One printable HTML page (A4 print styles) profiling a member or observer (code or name) in lang (es, pt, en or any language with profile rows in ui_strings; the country''s default when NULL): overall score, letter and rank; axis scores against the regional median and best; rank interval under tb_matrix_uncertainty (1,000 seeded runs over the latest round''s indicator matrix); the largest weighted gaps; progress since the baseline; practices in place against the region''s share; how often it gives the region''s most common answer (harmonization); its US TIP tier history. Names, with codes in tooltips; no score written where there is no data. 22023 for a country that is neither member nor observer.';
