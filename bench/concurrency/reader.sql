-- A BI reader.
SELECT count(*), avg(score) FROM tb_bi.scores WHERE round_no = 1;
SELECT country, score, letter FROM tb_bi.country_scores WHERE round_no = 1 ORDER BY score DESC LIMIT 5;
