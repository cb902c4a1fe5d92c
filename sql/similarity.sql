-- The Jaccard matrix of many practice sets in one call (src/similarity.c):
-- each pair once, equal to tb_jaccard of the pair.
\i sql/include/err.sql
SET search_path = tb, public;

SELECT * FROM tb_jaccard_matrix(ARRAY['AR', 'BR', 'CL', 'PE'],
                                ARRAY['{a,b,c}', '{b,c,d}', '{}', NULL]::tb_practices[]);
SELECT * FROM tb_jaccard_matrix(ARRAY[1, 2], ARRAY['{}', '{}']::tb_practices[]) AS two_empty_sets;
SELECT count(*) AS no_pairs FROM tb_jaccard_matrix(ARRAY[1], ARRAY['{a}']::tb_practices[]);
SELECT count(*) AS no_pairs FROM tb_jaccard_matrix('{}'::int[], '{}'::tb_practices[]);

-- Against tb_jaccard on every pair: dense sets (bitmaps) and sparse ones (1
-- to 9 labels out of a million, fewer than the words of a bitmap over all
-- of them: sorted numbers), keys of another type.
CREATE TEMP TABLE dense AS
SELECT c AS k, tb_practice_set('P' || p) AS s
  FROM generate_series(1, 60) c, generate_series(1, 300) p WHERE abs(hashint4(c * 1000 + p)) % 3 = 0 GROUP BY c;
CREATE TEMP TABLE sparse AS
SELECT ('2020-01-01'::date + c) AS k, tb_practice_set('Q' || (abs(hashint4(c * 7 + p)) % 1000000)) AS s
  FROM generate_series(1, 200) c, generate_series(1, 1 + c % 9) p GROUP BY c;
SELECT name, count(*) AS pairs, count(*) FILTER (WHERE m.jaccard = tb_jaccard(x.s, y.s)) AS equal,
       count(*) FILTER (WHERE m.a >= m.b) AS out_of_order
  FROM (SELECT 'dense' AS name, array_agg(k ORDER BY k) AS ks, array_agg(s ORDER BY k) AS ss FROM dense) d,
       tb_jaccard_matrix(d.ks, d.ss) m JOIN dense x ON x.k = m.a JOIN dense y ON y.k = m.b
 GROUP BY name
UNION ALL
SELECT name, count(*), count(*) FILTER (WHERE m.jaccard = tb_jaccard(x.s, y.s)), count(*) FILTER (WHERE m.a >= m.b)
  FROM (SELECT 'sparse' AS name, array_agg(k ORDER BY k) AS ks, array_agg(s ORDER BY k) AS ss FROM sparse) d,
       tb_jaccard_matrix(d.ks, d.ss) m JOIN sparse x ON x.k = m.a JOIN sparse y ON y.k = m.b
 GROUP BY name;

-- Errors: arrays of different lengths, or of more than one dimension.
SELECT pg_temp.err($$SELECT * FROM tb_jaccard_matrix(ARRAY[1, 2, 3], ARRAY['{a}', '{b}']::tb_practices[])$$);
SELECT pg_temp.err($$SELECT * FROM tb_jaccard_matrix(ARRAY[[1, 2], [3, 4]], ARRAY['{a}', '{b}', '{c}', '{d}']::tb_practices[])$$);
