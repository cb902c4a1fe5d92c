-- A BI reader.
SELECT count(*), avg(score) FROM quito.bi_scores WHERE round_no = 1;
SELECT country, score, letter FROM quito.bi_country_scores WHERE round_no = 1 ORDER BY score DESC LIMIT 5;
