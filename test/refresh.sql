-- tb_refresh is incremental: it recomputes exactly the rounds whose answers
-- changed, skips declared rounds without answers, and its tables match the
-- views they are refreshed from.
BEGIN;
SELECT plan(9);

SELECT lives_ok($$ SELECT quito.tb_refresh() $$, 'a first refresh brings the BI tables up to date');
SELECT is_empty($$ SELECT * FROM quito.tb_refresh() $$, 'a second refresh has nothing to do');

INSERT INTO quito.rounds SELECT r, 'Declared ahead ' || r, '2030-06-30' FROM generate_series(500, 549) r;
SELECT is_empty($$ SELECT * FROM quito.tb_refresh() $$, 'rounds declared ahead, without answers, are not recomputed');

UPDATE quito.responses SET raw_answer = raw_answer
 WHERE (round_no, institution, indicator) = (SELECT round_no, institution, indicator FROM quito.responses
                                              WHERE round_no = 1 ORDER BY 2, 3 LIMIT 1);
SELECT results_eq($$ SELECT round_no FROM quito.tb_refresh() $$, ARRAY[1],
                  'a changed answer makes only its round recomputed');
SELECT is((SELECT rounds FROM quito.refresh_log ORDER BY refresh_id DESC LIMIT 1), ARRAY[1],
          'and the log says which round');

SELECT results_eq($$ SELECT round_no FROM quito.tb_refresh(0) $$, ARRAY[0], 'a round asked by number is recomputed');
SELECT throws_ok($$ SELECT quito.tb_refresh(4242) $$, '22023', 'round 4242 is not in quito.rounds',
                 'an unknown round is an error');

SELECT set_eq($$ SELECT round_no, country, axis, score, coverage, traffic_light FROM quito.bi_scores $$,
              $$ SELECT round_no, country, axis, score, coverage, traffic_light FROM quito.axis_scores
                 WHERE round_no IN (SELECT round_no FROM quito.responses) $$,
              'the refreshed scores are the live scores of every round with answers');
SELECT set_eq($$ SELECT round_no, axis, kind, metric, indicators, alpha FROM quito.bi_harmonization $$,
              $$ SELECT round_no, axis, kind, metric, indicators, alpha FROM quito.axis_harmonization
                 WHERE round_no IN (SELECT round_no FROM quito.responses) $$,
              'the refreshed harmonization is the live harmonization');

SELECT * FROM finish();
ROLLBACK;
