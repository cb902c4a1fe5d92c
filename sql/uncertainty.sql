-- Uncertainty: seeded bootstrap intervals of alpha, percent agreement and
-- Fleiss' kappa, and the harmonization verdict (src/uncertainty.c).
\i sql/include/err.sql
SET search_path = tb, public;
SET extra_float_digits = 0;

-- Krippendorff (2011): 4 observers x 12 units, values 1-5, NULL missing.
CREATE TEMP TABLE kripp (rater text, unit integer, v double precision);
INSERT INTO kripp SELECT o, u, v FROM (VALUES
  ('A', ARRAY[1, 2, 3, 3, 2, 1, 4, 1, 2, NULL, NULL, NULL]),
  ('B', ARRAY[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NULL, 3]),
  ('C', ARRAY[NULL, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NULL]),
  ('D', ARRAY[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NULL])) x(o, a), LATERAL unnest(a) WITH ORDINALITY w(v, u);
CREATE TEMP TABLE k AS SELECT tb_agreement(unit::text, v) AS a FROM kripp;

-- The point estimate is tb_alpha's, to the bit, by either method and every
-- metric: the published 0.743, 0.815, 0.849 (and 0.797 for ratio).
SELECT m, meth, i.alpha = tb_alpha(k.a, m) AS equals_tb_alpha, round(i.alpha::numeric, 3) AS alpha,
       i.lower <= i.alpha AND i.alpha <= i.upper AS contains, i.reps
  FROM k, unnest(ARRAY['nominal', 'ordinal', 'interval', 'ratio']) m, unnest(ARRAY['units', 'hayes']) meth,
       LATERAL tb_alpha_ci(k.a, m, meth) i
 ORDER BY meth DESC, m;
-- The result of seed 1 (pg_prng: the same on every machine).
SELECT round(lower::numeric, 6) AS lower, round(upper::numeric, 6) AS upper, p_below_0667, p_below_080, reps
  FROM k, tb_alpha_ci(k.a);
SELECT round(lower::numeric, 6) AS lower, round(upper::numeric, 6) AS upper, p_below_0667, p_below_080, reps
  FROM k, tb_alpha_ci(k.a, 'nominal', 'hayes');
-- The replicates' statistic is alpha's: a replicate that draws each unit
-- once is alpha to the bit (6 in 27 do, with three units), and a one-unit
-- state has an interval of one point, its alpha.
WITH s AS (SELECT 'missing=0 "a" [1:2 3:1 7:1] "b" [2:3 3:1] "c" [1:1 7:2 9:1]'::tb_agreement AS a)
SELECT m, count(*) FILTER (WHERE i.lower = tb_alpha(s.a, m)) BETWEEN 40 AND 95 AS replicates_equal_to_alpha
  FROM s, unnest(ARRAY['nominal', 'ordinal', 'interval', 'ratio']) m, generate_series(1, 300) seed,
       LATERAL tb_alpha_ci(s.a, m, 'units', 1, 0.5, seed) i
 GROUP BY m ORDER BY m;
SELECT m, i.lower = tb_alpha(s.a, m) AND i.upper = i.lower AS one_unit_one_point
  FROM (SELECT 'missing=0 "a" [1:2 3:1 7:1]'::tb_agreement AS a) s, unnest(ARRAY['nominal', 'ordinal', 'interval', 'ratio']) m,
       LATERAL tb_alpha_ci(s.a, m) i ORDER BY m;
-- Fleiss (1971): 10 subjects, 5 categories, 14 raters each: kappa 0.210, agreement 0.378.
CREATE TEMP TABLE fleiss AS
SELECT tb_agreement(s::text, c) AS a
  FROM (VALUES (1, ARRAY[0, 0, 0, 0, 14]), (2, ARRAY[0, 2, 6, 4, 2]), (3, ARRAY[0, 0, 3, 5, 6]), (4, ARRAY[0, 3, 9, 2, 0]),
               (5, ARRAY[2, 2, 8, 1, 1]), (6, ARRAY[7, 7, 0, 0, 0]), (7, ARRAY[3, 2, 6, 3, 0]), (8, ARRAY[2, 5, 3, 2, 2]),
               (9, ARRAY[6, 5, 2, 1, 0]), (10, ARRAY[0, 2, 2, 3, 7])) t(s, counts),
       LATERAL unnest(counts) WITH ORDINALITY x(n, c), LATERAL generate_series(1, n);
SELECT i.kappa = tb_fleiss_kappa(f.a) AS equals_tb_fleiss_kappa, round(i.kappa::numeric, 3) AS kappa,
       round(i.lower::numeric, 3) AS lower, round(i.upper::numeric, 3) AS upper, i.reps
  FROM fleiss f, tb_fleiss_kappa_ci(f.a) i;
SELECT i.agreement = tb_percent_agreement(f.a) AS equals_tb_percent_agreement, round(i.agreement::numeric, 3) AS agreement,
       round(i.lower::numeric, 3) AS lower, round(i.upper::numeric, 3) AS upper, i.reps
  FROM fleiss f, tb_percent_agreement_ci(f.a) i;
-- The aggregate of the same name, alpha with the interval metric, is untouched.
SELECT round(tb_alpha_interval(unit::text, v)::numeric, 3) AS interval_metric_aggregate FROM kripp;

-- Realistic data: 50 indicators x 12 countries, 5% missing, answers 0-4
-- leaning towards a value per indicator.
CREATE TEMP TABLE ratings AS
SELECT 'ind' || (g / 12) AS unit, g % 12 AS country,
       CASE WHEN abs(hashint4(g + 7)) % 20 = 0 THEN NULL
            WHEN abs(hashint4(g)) % 10 < 7 THEN (abs(hashint4(g / 12)) % 5)::float8
            ELSE (abs(hashint4(g * 31)) % 5)::float8 END AS v
  FROM generate_series(0, 50 * 12 - 1) g;
CREATE TEMP TABLE r AS SELECT tb_agreement(unit, v) AS a FROM ratings;
-- Same seed, same result; another seed, another interval.
SELECT (SELECT row(i.*)::text FROM tb_alpha_ci(r.a, 'ordinal', 'units', 500, 0.9, 42) i)
     = (SELECT row(i.*)::text FROM tb_alpha_ci(r.a, 'ordinal', 'units', 500, 0.9, 42) i) AS same_seed_same_units,
       (SELECT row(i.*)::text FROM tb_alpha_ci(r.a, 'nominal', 'hayes', 500, 0.9, 42) i)
     = (SELECT row(i.*)::text FROM tb_alpha_ci(r.a, 'nominal', 'hayes', 500, 0.9, 42) i) AS same_seed_same_hayes,
       (SELECT row(i.*)::text FROM tb_percent_agreement_ci(r.a, 500, 0.9, -7) i)
     = (SELECT row(i.*)::text FROM tb_percent_agreement_ci(r.a, 500, 0.9, -7) i) AS same_seed_same_agreement,
       (SELECT row(i.lower, i.upper)::text FROM tb_alpha_ci(r.a, seed => 1) i)
    <> (SELECT row(i.lower, i.upper)::text FROM tb_alpha_ci(r.a, seed => 2) i) AS other_seed_other_interval,
       (SELECT row(i.*)::text FROM tb_percent_agreement_ci(r.a, seed => 1) i)
    <> (SELECT row(i.*)::text FROM tb_percent_agreement_ci(r.a, seed => 2) i) AS other_seed_other_agreement
  FROM r;
-- The interval holds the estimate, for every metric and method; fewer
-- replicates below 0.667 than below 0.8.
SELECT m, meth, round(i.alpha::numeric, 3) AS alpha, i.lower < i.alpha AND i.alpha < i.upper AS contains,
       i.p_below_0667 <= i.p_below_080 AS ordered, i.reps
  FROM r, unnest(ARRAY['nominal', 'ordinal', 'interval', 'ratio']) m, unnest(ARRAY['units', 'hayes']) meth,
       LATERAL tb_alpha_ci(r.a, m, meth) i
 ORDER BY meth DESC, m;
SELECT i.agreement = tb_percent_agreement(r.a) AS equals_tb_percent_agreement,
       i.lower < i.agreement AND i.agreement < i.upper AS contains, i.reps
  FROM r, tb_percent_agreement_ci(r.a) i;
-- A wider interval at a higher level.
SELECT (SELECT upper - lower FROM tb_alpha_ci(r.a, level => 0.99))
     > (SELECT upper - lower FROM tb_alpha_ci(r.a, level => 0.8)) AS wider_at_99
  FROM r;
-- Fleiss' kappa: every unit with the same number of ratings (no missing).
CREATE TEMP TABLE full50 AS SELECT tb_agreement(unit, coalesce(v, 0)) AS a FROM ratings;
SELECT i.kappa = tb_fleiss_kappa(f.a) AS equals_tb_fleiss_kappa, round(i.kappa::numeric, 3) AS kappa,
       i.lower < i.kappa AND i.kappa < i.upper AS contains, i.reps
  FROM full50 f, tb_fleiss_kappa_ci(f.a) i;

-- Ten times the units, same process: a narrower interval, by about sqrt(10).
CREATE TEMP TABLE r500 AS
SELECT tb_agreement('ind' || (g / 12), CASE WHEN abs(hashint4(g)) % 10 < 7 THEN (abs(hashint4(g / 12)) % 5)::float8
                                             ELSE (abs(hashint4(g * 31)) % 5)::float8 END) AS a
  FROM generate_series(0, 500 * 12 - 1) g;
CREATE TEMP TABLE r50 AS
SELECT tb_agreement('ind' || (g / 12), CASE WHEN abs(hashint4(g)) % 10 < 7 THEN (abs(hashint4(g / 12)) % 5)::float8
                                             ELSE (abs(hashint4(g * 31)) % 5)::float8 END) AS a
  FROM generate_series(0, 50 * 12 - 1) g;
SELECT s.w / l.w BETWEEN 2 AND 5 AS units_narrower_by_about_sqrt_10
  FROM (SELECT upper - lower AS w FROM r50, tb_alpha_ci(r50.a)) s,
       (SELECT upper - lower AS w FROM r500, tb_alpha_ci(r500.a)) l;
-- The hayes bootstrap draws M = min(25 Q, (m - 1) n.. / 2) pairs, Q the
-- non-zero cells of the coincidence matrix: its interval narrows with the
-- data while (m - 1) n.. / 2 is the smaller (3 raters: 20 units, M = 60;
-- 200 units, M = 600), and no more past 25 Q (12 raters, 5 values: at most
-- 625 draws for 50 units as for 500).
CREATE TEMP TABLE three AS
SELECT n, tb_agreement('ind' || (g / 3), CASE WHEN abs(hashint4(g)) % 10 < 7 THEN (abs(hashint4(g / 3)) % 5)::float8
                                               ELSE (abs(hashint4(g * 31)) % 5)::float8 END) AS a
  FROM unnest(ARRAY[20, 200]) n, generate_series(0, n * 3 - 1) g GROUP BY n;
SELECT s.w / l.w BETWEEN 2 AND 5 AS hayes_narrower_below_the_cap
  FROM (SELECT upper - lower AS w FROM three, tb_alpha_ci(three.a, 'nominal', 'hayes') WHERE n = 20) s,
       (SELECT upper - lower AS w FROM three, tb_alpha_ci(three.a, 'nominal', 'hayes') WHERE n = 200) l;
SELECT s.w / l.w BETWEEN 0.8 AND 1.25 AS hayes_as_wide_past_the_cap
  FROM (SELECT upper - lower AS w FROM r50, tb_alpha_ci(r50.a, 'nominal', 'hayes')) s,
       (SELECT upper - lower AS w FROM r500, tb_alpha_ci(r500.a, 'nominal', 'hayes')) l;
SELECT s.w / l.w BETWEEN 2 AND 5 AS agreement_narrower, sk.w / lk.w BETWEEN 2 AND 5 AS kappa_narrower
  FROM (SELECT upper - lower AS w FROM r50, tb_percent_agreement_ci(r50.a)) s,
       (SELECT upper - lower AS w FROM r500, tb_percent_agreement_ci(r500.a)) l,
       (SELECT upper - lower AS w FROM r50, tb_fleiss_kappa_ci(r50.a)) sk,
       (SELECT upper - lower AS w FROM r500, tb_fleiss_kappa_ci(r500.a)) lk;

-- Replicates without a defined alpha are left out: two units that each
-- agree, on different values; a replicate that draws one unit twice has a
-- single value overall (about half of them).
SELECT alpha, lower, upper, reps BETWEEN 900 AND 1100 AS about_half_used
  FROM tb_alpha_ci('missing=0 "a" [1:2] "b" [2:2]'::tb_agreement);
-- One replicate: the interval is that replicate.
SELECT lower = upper AS one_point, reps FROM tb_alpha_ci((SELECT a FROM r), reps => 1);

-- No pairable unit, a single value overall, an empty state: every column NULL.
SELECT i.*, p.*, f.*
  FROM tb_alpha_ci('missing=1 "a" [1:1] "b" [2:1]'::tb_agreement) i,
       tb_percent_agreement_ci('missing=1 "a" [1:1] "b" [2:1]'::tb_agreement) p,
       tb_fleiss_kappa_ci('missing=0'::tb_agreement) f;
SELECT i.*, h.*, f.*
  FROM tb_alpha_ci('missing=0 "a" [1:2] "b" [1:3]'::tb_agreement) i,
       tb_alpha_ci('missing=0 "a" [1:2] "b" [1:3]'::tb_agreement, 'ordinal', 'hayes') h,
       tb_fleiss_kappa_ci('missing=0 "a" [1:2] "b" [1:2]'::tb_agreement) f;
SELECT i.* FROM tb_alpha_ci('missing=0'::tb_agreement) i;
SELECT i.* IS NULL AS strict FROM tb_alpha_ci('missing=0'::tb_agreement, NULL) i;

-- Errors.
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci((SELECT a FROM k), 'cardinal') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci((SELECT a FROM k), 'nominal', 'jackknife') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci((SELECT a FROM k), reps => 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci((SELECT a FROM k), reps => 1000001) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci((SELECT a FROM k), level => 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci((SELECT a FROM k), level => 1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci((SELECT a FROM k), level => 'NaN') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_percent_agreement_ci((SELECT a FROM k), reps => -1) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_percent_agreement_ci((SELECT a FROM k), level => 1.5) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_fleiss_kappa_ci((SELECT a FROM k), reps => 2000000) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_fleiss_kappa_ci((SELECT a FROM k), level => -0.5) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_fleiss_kappa_ci((SELECT a FROM k)) $$);
-- the arguments are checked before the state is read: an empty state errs too
SELECT pg_temp.err($$ SELECT * FROM tb.tb_alpha_ci('missing=0', 'nominal', 'units', 0) $$);

-- The verdict: harmonized when the whole interval reaches the threshold,
-- not harmonized when it is all below, cannot tell when it straddles it or
-- is missing.
SELECT lo, hi, tb_harmonization_verdict(lo, hi) AS at_0667, tb_harmonization_verdict(lo, hi, 0.8) AS at_080
  FROM (VALUES (0.7, 0.9), (0.667, 0.7), (0.5, 0.66), (0.6, 0.85), (0.81, 0.95), (NULL, 0.9), (0.7, NULL),
               (-1, 0.2)) x(lo, hi);
SELECT tb_harmonization_verdict(0.7, 0.9, NULL) AS null_threshold;
SELECT tb_harmonization_verdict(lower, upper) AS kripp_units, tb_harmonization_verdict(lower, upper, 0.8) AS kripp_units_080
  FROM k, tb_alpha_ci(k.a);
SELECT tb_harmonization_verdict(i.lower, i.upper) FROM tb_alpha_ci('missing=0'::tb_agreement) i;
SELECT pg_temp.err($$ SELECT tb.tb_harmonization_verdict(0.9, 0.7) $$);
SELECT pg_temp.err($$ SELECT tb.tb_harmonization_verdict('NaN', 0.7) $$);

-- One indicator's values (a tb_values state, one value per country): the
-- diversity or the coefficient of variation, with a BCa interval over the
-- countries.  The estimates are the library's own.
CREATE TEMP TABLE d AS
SELECT tb_values(x) AS binary_levels, tb_values(y) AS amounts
  FROM (VALUES (1, 10.0), (1, 12), (1, 9), (0, 30), (1, 11), (0, 8), (1, 10), (1, 14), (1, 13), (0, 9),
               (1, 10), (1, 12), (1, 11)) v(x, y);
SELECT i.estimate = tb_gini_simpson(d.binary_levels) AS gini_simpson_equal,
       c.estimate = tb_cv(d.amounts) AS cv_equal,
       i.lower <= i.estimate AND i.estimate <= i.upper AS gs_inside, c.lower <= c.estimate AND c.estimate <= c.upper AS cv_inside,
       i.reps, c.reps
  FROM d, tb_dispersion_ci(d.binary_levels) i, tb_dispersion_ci(d.amounts, 'cv') c;
-- same seed, same interval; another seed, another
SELECT (SELECT row(i.*)::text FROM d, tb_dispersion_ci(d.amounts, 'cv', 500, 0.9, 42) i)
     = (SELECT row(i.*)::text FROM d, tb_dispersion_ci(d.amounts, 'cv', 500, 0.9, 42) i) AS same_seed_same_interval,
       (SELECT row(i.*)::text FROM d, tb_dispersion_ci(d.amounts, 'cv', seed => 1) i)
    <> (SELECT row(i.*)::text FROM d, tb_dispersion_ci(d.amounts, 'cv', seed => 2) i) AS other_seed_other_interval;
-- a wider level, a wider interval
SELECT (w99.upper - w99.lower) > (w80.upper - w80.lower) AS wider
  FROM d, tb_dispersion_ci(d.amounts, 'cv', level => 0.99) w99, tb_dispersion_ci(d.amounts, 'cv', level => 0.8) w80;
-- all countries alike: no diversity, and no doubt about it
SELECT i.* FROM tb_dispersion_ci((SELECT tb_values(1) FROM generate_series(1, 13))) i;
-- one country: an estimate and no interval; no value, a zero mean: all NULL
SELECT i.* FROM tb_dispersion_ci((SELECT tb_values(3))) i;
SELECT i.* FROM tb_dispersion_ci('missing=0'::tb_agreement) i;
SELECT i.* FROM tb_dispersion_ci((SELECT tb_values(x) FROM (VALUES (-1.0), (1.0)) v(x)), 'cv') i;
-- errors: an unknown statistic, a state of several units, reps and level
SELECT pg_temp.err($$ SELECT * FROM tb.tb_dispersion_ci((SELECT binary_levels FROM d), 'entropy') $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_dispersion_ci((SELECT a FROM k)) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_dispersion_ci((SELECT amounts FROM d), 'cv', 0) $$);
SELECT pg_temp.err($$ SELECT * FROM tb.tb_dispersion_ci((SELECT amounts FROM d), 'cv', level => 1) $$);
