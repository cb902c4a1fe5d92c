-- Gap analysis: gaps, progress, trends, priorities.
\i sql/include/err.sql
SET search_path = quito, tb, public;

-- Gaps: shortfalls, direction-aware, 0 at or beyond the reference.
SELECT tb_gap(60, 90) AS short, tb_gap(95, 90) AS beyond, tb_gap(90, 90) AS at,
       tb_gap(25, 10, 'lower') AS lower_short, tb_gap(5, 10, 'lower') AS lower_beyond;
SELECT tb_gap_share(60, 90, 0) AS third, tb_gap_share(0, 90, 0) AS at_worst, tb_gap_share(-5, 90, 0) AS beyond_worst,
       tb_gap_share(95, 90, 0) AS beyond_ref, tb_gap_share(40, 10, 70, 'lower') AS lower_half,
       tb_gap_share(5, 5, 5) AS no_way_to_go;
-- Progress from the baseline, every case.
SELECT c, b, t, d, tb_progress(c, b, t, d) AS progress, tb_progress_status(c, b, t, d) AS status
  FROM (VALUES (70, 50, 90, 'higher'), (90, 50, 90, 'higher'), (100, 50, 90, 'higher'), (50, 50, 90, 'higher'),
               (40, 50, 90, 'higher'), (95, 95, 90, 'higher'), (80, 90, 90, 'higher'), (20, 40, 10, 'lower'),
               (5, 40, 10, 'lower'), (45, 40, 10, 'lower'), (8, 8, 10, 'lower')) v(c, b, t, d);
-- Compound annual growth.
SELECT tb_cagr(100, 121, 2) - 0.1 < 1e-15 AS ten_percent, tb_cagr(100, 100, 5) AS flat, tb_cagr(100, 0, 1) AS to_zero;
-- Trend ratings, SDG-dashboard style, at every band and threshold.
SELECT x1, tb_trend_pace(50, x1, 100, 2015, 2020, 2030) AS pace, tb_trend(50, x1, 100, 2015, 2020, 2030) AS trend,
       tb_trend(50, x1, 100, 2015, 2020, 2030, 'higher', 0.25, 0.75) AS trend_own_thresholds
  FROM (VALUES (40), (50), (55), (58.3), (58.4), (66.5), (66.7), (80), (100), (120)) v(x1);
SELECT tb_trend(3, 2.5, 1, 2001, 2015, 2030, 'lower') AS tip_watchlist_to_tier2, tb_trend(2, 1, 1, 2001, 2015, 2030, 'lower') AS met,
       tb_trend(1, 2, 1, 2001, 2015, 2030, 'lower') AS lost_tier1;
-- Years far apart: their differences pass int32 and are taken as doubles.
SELECT tb_trend_pace(0, 1, 10, -2000000000, 2000000000, 2100000000) AS pace_over_4e9_years;
-- Errors.
SELECT pg_temp.err($$ SELECT tb.tb_gap(1, 2, 'up') $$);
SELECT pg_temp.err($$ SELECT tb.tb_gap('NaN', 2) $$);
SELECT pg_temp.err($$ SELECT tb.tb_gap_share(1, 2, 5) $$);
SELECT pg_temp.err($$ SELECT tb.tb_cagr(0, 5, 2) $$);
SELECT pg_temp.err($$ SELECT tb.tb_cagr(1, 5, 0) $$);
SELECT pg_temp.err($$ SELECT tb.tb_trend(1, 2, 3, 2020, 2015, 2030) $$);
SELECT pg_temp.err($$ SELECT tb.tb_trend(1, 2, 3, 2015, 2020, 2010) $$);
SELECT pg_temp.err($$ SELECT tb.tb_trend(1, 2, 3, 2015, 2020, 2030, 'higher', 1, 0.5) $$);
SELECT pg_temp.err($$ SELECT tb.tb_trend(1, 'Infinity', 3, 2015, 2020, 2030) $$);

-- Priorities: the k largest weighted gaps, ties by label, NULL gaps skipped.
SELECT tb_top_gaps(i, g, w, 3, f)
  FROM (VALUES ('A', 0.5, 1, false), ('B', 0.5, 2, true), ('C', 0.9, 1, false), ('D', 0.25, 4, NULL),
               ('E', NULL, 1, false), ('F', 0.1, 1, false)) v(i, g, w, f);
SELECT jsonb_array_length(tb_top_gaps(i, g, 1, 10, false)) AS fewer_than_k, tb_top_gaps(i, g, 1, 1, false) AS top1
  FROM (VALUES ('A', 0.2), ('B', 0.7)) v(i, g);
SELECT tb_top_gaps(i, g, 1, 2, false) AS none FROM (VALUES ('A', NULL::float8)) v(i, g);
-- The same list in any row order, in parallel and merged from parts.
CREATE TABLE topk_data AS
SELECT g % 10 AS grp, 'I' || lpad((g % 97)::text, 3, '0') AS ind, ((hashint4(g) & 1023) % 100) / 100.0 AS gap,
       1 + g % 3 AS weight, g % 7 = 0 AS flag
  FROM generate_series(1, 20000) g;
-- statistics now, so that autovacuum cannot change the plan below mid-test
ANALYZE topk_data;
SELECT count(DISTINCT r::text) AS distinct_results
  FROM (SELECT tb_top_gaps(ind, gap, weight, 5, flag ORDER BY gap) AS r FROM topk_data
        UNION ALL SELECT tb_top_gaps(ind, gap, weight, 5, flag ORDER BY gap DESC, ind DESC) FROM topk_data
        UNION ALL SELECT tb_top_gaps(ind, gap, weight, 5, flag ORDER BY hashint4(grp), ind) FROM topk_data) q;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT grp, tb_top_gaps(ind, gap, weight, 5, flag) FROM topk_data GROUP BY grp;
CREATE TEMP TABLE par AS SELECT grp, tb_top_gaps(ind, gap, weight, 5, flag) AS r FROM topk_data GROUP BY grp;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.r = s.r) AS equal
  FROM par p JOIN (SELECT grp, tb_top_gaps(ind, gap, weight, 5, flag) AS r FROM topk_data GROUP BY grp) s USING (grp);
RESET ALL;
SET search_path = quito, tb, public;
-- Against plain SQL: rank by weighted gap, then indicator.
SELECT count(*) AS groups,
       count(*) FILTER (WHERE e.r = p.r) AS equal
  FROM (SELECT grp, (SELECT jsonb_agg(x->>'indicator' ORDER BY (x->>'rank')::int)
                       FROM jsonb_array_elements(tb_top_gaps(ind, gap, weight, 5, flag)) x) AS r
          FROM topk_data GROUP BY grp) e
  JOIN (SELECT grp, jsonb_agg(ind ORDER BY rk) AS r
          FROM (SELECT grp, ind, row_number() OVER (PARTITION BY grp ORDER BY gap * weight DESC, ind) AS rk
                  FROM topk_data) t WHERE rk <= 5 GROUP BY grp) p USING (grp);
-- The state of many rows (k = 1000) read in place, rolled up from parts in
-- either order, and flattened into a sort's tuples: the same list.
SELECT count(DISTINCT s) AS distinct_states
  FROM (SELECT tb_top_gaps_state(ind, gap, weight, 1000, flag)::text AS s FROM topk_data
        UNION ALL SELECT tb_rollup(s ORDER BY part)::text
          FROM (SELECT grp % 3 AS part, tb_top_gaps_state(ind, gap, weight, 1000, flag) AS s FROM topk_data GROUP BY grp % 3) p
        UNION ALL SELECT tb_rollup(s ORDER BY part DESC)::text
          FROM (SELECT grp % 3 AS part, tb_top_gaps_state(ind, gap, weight, 1000, flag) AS s FROM topk_data GROUP BY grp % 3) p) q;
CREATE TEMP TABLE sorted_states AS
SELECT grp, s FROM (SELECT grp, tb_top_gaps_state(ind, gap, weight, 50, flag) AS s FROM topk_data GROUP BY grp OFFSET 0) q
 ORDER BY grp;
SELECT count(*) AS groups, count(*) FILTER (WHERE f.s::text = d.s) AS equal
  FROM sorted_states f
  JOIN (SELECT grp, tb_top_gaps_state(ind, gap, weight, 50, flag)::text AS s FROM topk_data GROUP BY grp) d USING (grp);
DROP TABLE sorted_states;
-- Entries equal in all the rank looks at (zero gaps, any weight) keep their
-- order of arrival.
SELECT tb_top_gaps_state('A', 0, w, 2, false ORDER BY o) AS first_two, tb_top_gaps_state('A', 0, w, 2, false ORDER BY -o) AS last_two
  FROM (VALUES (1, 1), (2, 2), (3, 3)) v(o, w);
-- Text and binary round trips of the state, and bad input.
SELECT x, x::text::tb_topk::text = x::text AS round_trips
  FROM (VALUES ('k=3 ["B" 0.5 2 t] ["D" 0.25 4 f] ["C" 0.9 1 f]'::tb_topk), ('k=2'), ('k=1 ["a \"quoted\" label" 1 1 f]')) v(x);
SELECT pg_temp.err($$ SELECT 'k=0'::tb.tb_topk $$);
SELECT pg_temp.err($$ SELECT 'k=1 ["A" 1 1 f] ["B" 2 1 f]'::tb.tb_topk $$);
SELECT pg_temp.err($$ SELECT 'k=2 ["A" 1 1 f] ["B" 2 1 f]'::tb.tb_topk $$);
SELECT pg_temp.err($$ SELECT 'k=2 ["A" -1 1 f]'::tb.tb_topk $$);
SELECT pg_temp.err($$ SELECT 'k=2 ["A" 1 1 x]'::tb.tb_topk $$);
SELECT pg_temp.err($$ SELECT 'k=2 ["A 1 1 f]'::tb.tb_topk $$);
SELECT pg_temp.err($$ SELECT tb.tb_top_gaps(i, g, 1, 0, false) FROM (VALUES ('A', 1)) v(i, g) $$);
SELECT pg_temp.err($$ SELECT tb.tb_top_gaps(i, g, 1, k, false) FROM (VALUES ('A', 1, 2), ('B', 1, 3)) v(i, g, k) $$);
SELECT pg_temp.err($$ SELECT tb.tb_top_gaps(i, g, 0, 3, false) FROM (VALUES ('A', 1)) v(i, g) $$);
SELECT pg_temp.err($$ SELECT tb.tb_top_gaps(NULL, g, 1, 3, false) FROM (VALUES (1)) v(g) $$);
-- The rank is gap * weight: one that overflows is refused, in rows and in text.
SELECT pg_temp.err($$ SELECT tb.tb_top_gaps('A', 1e308, 10, 3, false) $$);
SELECT pg_temp.err($$ SELECT 'k=3 ["A" 1e308 10 f]'::tb.tb_topk $$);
DROP TABLE topk_data;

-- The gap views against plain SQL over the loaded baseline.
WITH v AS (SELECT round_no, country, indicator, direction, value FROM indicator_scores WHERE value IS NOT NULL),
     r AS (SELECT round_no, indicator,
                  CASE WHEN min(direction) = 'higher' THEN max(value) ELSE min(value) END AS frontier,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median
             FROM v GROUP BY 1, 2)
SELECT count(*) AS values,
       count(*) FILTER (WHERE g.gap_frontier = greatest(CASE WHEN v.direction = 'higher' THEN r.frontier - v.value
                                                             ELSE v.value - r.frontier END, 0)) AS frontier_gaps_equal,
       count(*) FILTER (WHERE abs(g.gap_median - greatest(CASE WHEN v.direction = 'higher' THEN r.median - v.value
                                                               ELSE v.value - r.median END, 0)) < 1e-9) AS median_gaps_equal
  FROM v JOIN r USING (round_no, indicator) JOIN indicator_gaps g USING (round_no, country, indicator);
SELECT count(*) AS cells,
       count(*) FILTER (WHERE abs(a.gap_frontier_share - p.s) < 1e-9 OR (a.gap_frontier_share IS NULL AND p.cov < 0.8)) AS equal
  FROM axis_gaps a
  JOIN (SELECT round_no, country, axis,
               sum(weight * gap_frontier_share) / sum(weight) FILTER (WHERE gap_frontier_share IS NOT NULL) AS s,
               sum(weight) FILTER (WHERE gap_frontier_share IS NOT NULL) / sum(weight) AS cov
          FROM indicator_gaps GROUP BY 1, 2, 3) p USING (round_no, country, axis);
SELECT count(*) AS priorities, count(DISTINCT country) FILTER (WHERE rank = 1) AS countries_with_a_first_priority,
       bool_and(rank BETWEEN 1 AND 5) AS at_most_five
  FROM country_priorities;
SELECT trend, count(*) FROM axis_progress GROUP BY trend ORDER BY trend;
SELECT country, first_year, first_value, last_value, gap_target, trend FROM external_trends
 WHERE country IN ('CL', 'CO', 'EC', 'VE') ORDER BY country;
-- Parameters are data: a row in analysis_settings overrides a default.
SELECT tb_setting('target_year') AS default_year, tb_setting('no_such_setting') IS NULL AS unknown_is_null;
SELECT round(avg(pace)::numeric, 6) AS mean_pace_2030 FROM axis_progress;
INSERT INTO analysis_settings VALUES ('target_year', 2025);
SELECT tb_setting('target_year') AS overridden, round(avg(pace)::numeric, 6) AS mean_pace_2025 FROM axis_progress;
DELETE FROM analysis_settings;
SELECT pg_temp.err($$ INSERT INTO quito.analysis_settings VALUES ('target_yaer', 2025) $$);
