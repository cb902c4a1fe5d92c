-- The scoring of scoring_matrix.sql once the data is in each tool's own
-- structure: the extension scores a stored indicator matrix (built once in
-- the setup, stored uncompressed), as an analyst scores again after
-- changing a setting; pandas' computation on its DataFrame is the peer's
-- "peer core" (bench/peers/scoring.py, parsing excluded).  The same
-- result as the window-function SQL over the rows.
--@ setup
\i bench/generate_responses.sql
DROP TABLE IF EXISTS bench_matrix;
CREATE TABLE bench_matrix (m tb.tb_matrix);
ALTER TABLE bench_matrix ALTER m SET STORAGE external;
INSERT INTO bench_matrix SELECT tb.tb_matrix(country, indicator, value, axis, weight, direction) FROM bench_responses;
--@ check
--@ extension
SELECT count(*), count(score), round(sum(score)::numeric, 6)
  FROM bench_matrix, tb.tb_matrix_scores(bench_matrix.m) s
 WHERE s.axis IS NOT NULL;
--@ peer
psql -X -q -c "COPY bench_responses (country, indicator, axis, direction, weight, value) TO STDOUT" | /usr/bin/python3 bench/peers/scoring.py
--@ plain
SELECT count(*), count(score), round(sum(score)::numeric, 6)
  FROM (SELECT country, axis,
               CASE WHEN sum(weight) FILTER (WHERE x IS NOT NULL) >= 0.8 * sum(weight)
                    THEN sum(weight * x) / sum(weight) FILTER (WHERE x IS NOT NULL) END AS score
          FROM (SELECT country, axis, weight,
                       CASE WHEN max(value) OVER w = min(value) OVER w THEN 100
                            WHEN direction = 'higher' THEN 100 * ((value - min(value) OVER w) / (max(value) OVER w - min(value) OVER w))
                            ELSE 100 * ((max(value) OVER w - value) / (max(value) OVER w - min(value) OVER w)) END AS x
                  FROM bench_responses WINDOW w AS (PARTITION BY indicator)) n
         GROUP BY country, axis) q;
