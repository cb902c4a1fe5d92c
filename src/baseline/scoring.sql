------------------------------------------------------------------------------
-- Indicator scoring: ratings, thresholds as data
------------------------------------------------------------------------------

CREATE TABLE @baseline@.rating_bands (
    scheme    text NOT NULL CHECK (scheme ~ '^[a-z][a-z0-9_]*$'),
    label     text NOT NULL CHECK (label <> '' AND length(label) <= 32),
    min_score double precision NOT NULL CHECK (min_score > '-Infinity' AND min_score < 'Infinity'),
    colour    text CHECK (colour ~ '^#[0-9a-f]{6}$'),
    shipped   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (scheme, label),
    UNIQUE (scheme, min_score)
);
COMMENT ON TABLE @baseline@.rating_bands IS 'Rating schemes as data: a score gets the band of its scheme with the greatest min_score at or below it (the lowest band below all). Edit or add rows to change thresholds or add schemes.';
COMMENT ON COLUMN @baseline@.rating_bands.scheme IS 'Scheme name: traffic_light, letter, or one of yours.';
COMMENT ON COLUMN @baseline@.rating_bands.label IS 'Band label (green, AAA, ...), at most 32 characters (the bi_ tables declare them varchar(32)).';
COMMENT ON COLUMN @baseline@.rating_bands.min_score IS 'Lowest score (0-100 for the shipped schemes) in the band.';
COMMENT ON COLUMN @baseline@.rating_bands.colour IS 'Colour of the band for pictures, #rrggbb.';
COMMENT ON COLUMN @baseline@.rating_bands.shipped IS 'True for the reference rows tb_create_baseline installs.';


CREATE FUNCTION @baseline@.tb_rate(score double precision, scheme text DEFAULT 'traffic_light',
                                    cap text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    band    @baseline@.rating_bands;
    capband @baseline@.rating_bands;
BEGIN
    IF score IS NULL THEN
        RETURN NULL;
    END IF;
    IF score = 'NaN' OR score IN ('Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'cannot rate %: the score is not a finite number', score
            USING ERRCODE = 'numeric_value_out_of_range', HINT = 'Map it to NULL before rating.';
    END IF;
    SELECT * INTO band FROM @baseline@.rating_bands b
     WHERE b.scheme = tb_rate.scheme
     ORDER BY (b.min_score <= score) DESC, CASE WHEN b.min_score <= score THEN -b.min_score ELSE b.min_score END
     LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown rating scheme %', quote_literal(scheme)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT 'Known schemes: ' || string_agg(DISTINCT b.scheme, ', ') FROM @baseline@.rating_bands b);
    END IF;
    IF cap IS NOT NULL THEN
        SELECT * INTO capband FROM @baseline@.rating_bands b WHERE b.scheme = tb_rate.scheme AND b.label = cap;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown band % in rating scheme %', quote_literal(cap), quote_literal(scheme)
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = (SELECT 'Bands: ' || string_agg(b.label, ', ' ORDER BY b.min_score DESC)
                                FROM @baseline@.rating_bands b WHERE b.scheme = tb_rate.scheme);
        END IF;
        IF band.min_score > capband.min_score THEN
            RETURN capband.label;
        END IF;
    END IF;
    RETURN band.label;
END
$$;
COMMENT ON FUNCTION @baseline@.tb_rate(double precision, text, text) IS
'Band of a score in a rating scheme of @baseline@.rating_bands: the band with the greatest min_score at or below the score (the lowest band below all). cap limits the result to at most that band: tb_rate(93, ''letter'', ''BBB'') = BBB. Shipped: traffic_light (green >= 80, yellow >= 60, orange >= 40, red) and letter (AAA >= 90, AA, A, BBB, BB, B, CCC, CC, C >= 10, D; steps of 10).';

------------------------------------------------------------------------------
-- Indicator scoring over the baseline (views; standard column types only)
------------------------------------------------------------------------------

CREATE VIEW @baseline@.indicator_values AS
SELECT r.round_no, r.country, r.indicator,
       avg(r.value) FILTER (WHERE r.status = 'value') AS value,
       count(*) FILTER (WHERE r.status = 'value')::integer AS institutions_with_value,
       count(*)::integer AS institutions_answering
  FROM @baseline@.responses r
 GROUP BY r.round_no, r.country, r.indicator;
COMMENT ON VIEW @baseline@.indicator_values IS 'Value of each indicator per round and country: the mean of the values its institutions gave (NULL when none gave a value: not applicable, don''t know, or only a limit such as "<5").';
COMMENT ON COLUMN @baseline@.indicator_values.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_values.country IS 'Country.';
COMMENT ON COLUMN @baseline@.indicator_values.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_values.value IS 'Mean of the institutions'' values; NULL when none has a value.';
COMMENT ON COLUMN @baseline@.indicator_values.institutions_with_value IS 'Institutions that gave a value.';
COMMENT ON COLUMN @baseline@.indicator_values.institutions_answering IS 'Institutions that answered at all.';

CREATE VIEW @baseline@.indicator_scores AS
WITH v AS (
    SELECT e.round_no, e.country, e.axis, e.indicator, i.kind, i.direction, i.weight,
           i.target, i.lower_bound, i.upper_bound, iv.value,
           CASE WHEN i.direction = 'higher' THEN i.lower_bound ELSE i.upper_bound END AS worst,
           coalesce(i.target, CASE WHEN i.direction = 'higher' THEN i.upper_bound ELSE i.lower_bound END) AS best
      FROM @baseline@.expected_answers e
      JOIN @baseline@.indicators i ON i.code = e.indicator
      LEFT JOIN @baseline@.indicator_values iv
             ON iv.round_no = e.round_no AND iv.country = e.country AND iv.indicator = e.indicator
), s AS (
    SELECT v.*, @extschema@.tb_summary(v.value) OVER (PARTITION BY v.round_no, v.indicator) AS summary
      FROM v
)
SELECT s.round_no, s.country, s.axis, s.indicator, s.kind, s.direction, s.weight, s.value,
       CASE WHEN s.value IS NULL THEN NULL
            WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best
                 THEN @extschema@.tb_norm_goalposts(s.value, s.worst, s.best, 100)
            ELSE @extschema@.tb_norm_minmax(s.summary, s.value, s.direction, 100) END AS score,
       CASE WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best THEN 'goalposts'
            ELSE 'minmax' END AS method,
       CASE WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best THEN s.worst END AS worst,
       CASE WHEN s.worst IS NOT NULL AND s.best IS NOT NULL AND s.worst <> s.best THEN s.best END AS best
  FROM s;
COMMENT ON VIEW @baseline@.indicator_scores IS 'Score 0-100 of every indicator each country was expected to answer, per round. Goalposts from the worst bound to the target (or best bound) when the indicator has both; else min-max across the countries that round. Direction-aware. NULL score: no value.';
COMMENT ON COLUMN @baseline@.indicator_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.indicator_scores.country IS 'Country.';
COMMENT ON COLUMN @baseline@.indicator_scores.axis IS 'Axis of the indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.indicator IS 'Indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.kind IS 'Kind of indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.direction IS 'higher or lower is better.';
COMMENT ON COLUMN @baseline@.indicator_scores.weight IS 'Weight of the indicator.';
COMMENT ON COLUMN @baseline@.indicator_scores.value IS 'Country value (@baseline@.indicator_values); NULL when missing.';
COMMENT ON COLUMN @baseline@.indicator_scores.score IS 'Score 0 (worst) - 100 (best); NULL when the value is missing.';
COMMENT ON COLUMN @baseline@.indicator_scores.method IS 'goalposts or minmax.';
COMMENT ON COLUMN @baseline@.indicator_scores.worst IS 'Worst goalpost, for the goalposts method.';
COMMENT ON COLUMN @baseline@.indicator_scores.best IS 'Best goalpost (the target when set), for the goalposts method.';

CREATE VIEW @baseline@.axis_scores AS
SELECT s.round_no, s.country, s.axis,
       @extschema@.tb_wmean(c) AS score,
       @extschema@.tb_coverage(c) AS coverage,
       @baseline@.tb_rate(@extschema@.tb_wmean(c)) AS traffic_light,
       @extschema@.tb_n(c)::integer AS indicators_scored,
       @extschema@.tb_missing(c)::integer AS indicators_missing
  FROM (SELECT round_no, country, axis, @extschema@.tb_composite(score, weight) AS c
          FROM @baseline@.indicator_scores GROUP BY round_no, country, axis) s;
COMMENT ON VIEW @baseline@.axis_scores IS 'Composite score 0-100 per round, country and axis: weighted arithmetic mean of the indicator scores, weights renormalised over the scores present; NULL when less than 80% of the weight has a score.';
COMMENT ON COLUMN @baseline@.axis_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.axis_scores.country IS 'Country.';
COMMENT ON COLUMN @baseline@.axis_scores.axis IS 'Axis.';
COMMENT ON COLUMN @baseline@.axis_scores.score IS 'Composite score 0-100; NULL below 80% coverage.';
COMMENT ON COLUMN @baseline@.axis_scores.coverage IS 'Share of the axis'' weight with a score (0-1).';
COMMENT ON COLUMN @baseline@.axis_scores.traffic_light IS 'Traffic-light band of the score (tb_rate).';
COMMENT ON COLUMN @baseline@.axis_scores.indicators_scored IS 'Indicators with a score.';
COMMENT ON COLUMN @baseline@.axis_scores.indicators_missing IS 'Indicators without a score.';

CREATE VIEW @baseline@.country_scores AS
SELECT a.round_no, a.country,
       @extschema@.tb_wmean(a.score, 1, 0.75) AS score,
       count(a.score)::integer AS axes_scored,
       @baseline@.tb_rate(@extschema@.tb_wmean(a.score, 1, 0.75), 'letter') AS letter,
       @baseline@.tb_rate(@extschema@.tb_wmean(a.score, 1, 0.75)) AS traffic_light
  FROM @baseline@.axis_scores a
 GROUP BY a.round_no, a.country;
COMMENT ON VIEW @baseline@.country_scores IS 'Overall score 0-100 per round and country: the mean of its axis scores, axes weighted equally; NULL when more than one axis of four has no score.';
COMMENT ON COLUMN @baseline@.country_scores.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_scores.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_scores.score IS 'Overall score 0-100.';
COMMENT ON COLUMN @baseline@.country_scores.axes_scored IS 'Axes with a score.';
COMMENT ON COLUMN @baseline@.country_scores.letter IS 'Letter band (AAA ... D) of the score.';
COMMENT ON COLUMN @baseline@.country_scores.traffic_light IS 'Traffic-light band of the score.';

CREATE VIEW @baseline@.country_copeland AS
WITH scored AS (
    -- only countries with an overall score are ranked: one below the
    -- coverage rule has too few indicators to be compared fairly
    SELECT i.* FROM @baseline@.indicator_scores i
      JOIN @baseline@.country_scores c ON c.round_no = i.round_no AND c.country = i.country
     WHERE c.score IS NOT NULL AND i.score IS NOT NULL
), pairs AS (
    SELECT a.round_no, a.country AS country_a, b.country AS country_b,
           sum(a.weight) FILTER (WHERE a.score > b.score) AS w_better,
           sum(a.weight) FILTER (WHERE a.score < b.score) AS w_worse
      FROM scored a
      JOIN scored b ON b.round_no = a.round_no AND b.indicator = a.indicator AND b.country <> a.country
     GROUP BY a.round_no, a.country, b.country
)
SELECT round_no, country_a AS country,
       (count(*) FILTER (WHERE coalesce(w_better, 0) > coalesce(w_worse, 0))
        - count(*) FILTER (WHERE coalesce(w_better, 0) < coalesce(w_worse, 0)))::integer AS copeland,
       count(*) FILTER (WHERE coalesce(w_better, 0) > coalesce(w_worse, 0))::integer AS wins,
       count(*) FILTER (WHERE coalesce(w_better, 0) < coalesce(w_worse, 0))::integer AS losses,
       count(*) FILTER (WHERE coalesce(w_better, 0) = coalesce(w_worse, 0))::integer AS ties
  FROM pairs
 GROUP BY round_no, country_a;
COMMENT ON VIEW @baseline@.country_copeland IS 'Copeland outranking per round, among the countries with an overall score (one without, below the coverage rule, has no row): country a beats b when the indicators on which a scores higher weigh more than those on which b does (indicators both have scores). copeland = wins - losses; a non-compensatory ranking: a large lead on one indicator cannot buy a deficit on many.';
COMMENT ON COLUMN @baseline@.country_copeland.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_copeland.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_copeland.copeland IS 'Wins minus losses in pairwise weighted-majority comparisons.';
COMMENT ON COLUMN @baseline@.country_copeland.wins IS 'Countries it beats.';
COMMENT ON COLUMN @baseline@.country_copeland.losses IS 'Countries that beat it.';
COMMENT ON COLUMN @baseline@.country_copeland.ties IS 'Countries it ties with.';
