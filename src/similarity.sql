-- trafficking_baseline: the similarity matrix of many practice sets in one call (src/similarity.c)

CREATE FUNCTION @extschema@.tb_jaccard_matrix(keys anyarray, sets @extschema@.tb_practices[],
                                              OUT a anyelement, OUT b anyelement, OUT jaccard double precision)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'tb_jaccard_matrix' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.tb_jaccard_matrix(anyarray, @extschema@.tb_practices[]) IS
'The Jaccard index of every pair of sets, each pair once (keys[i], keys[j], i < j; no pair of a set with itself): equal to tb_jaccard(sets[i], sets[j]), computed over a dictionary of labels shared by all the sets (bitmaps, or sorted numbers for many large sparse sets). A NULL set gives NULL for its pairs. Build both arrays in one aggregate with the same ORDER BY.';
