CREATE VIEW @baseline@.country_practices AS
SELECT round_no, country, @extschema@.tb_practices_jsonb(p) AS practices, @extschema@.tb_cardinality(p) AS practice_count
  FROM (SELECT r.round_no, r.country,
               coalesce(@extschema@.tb_practice_set(r.indicator) FILTER (WHERE r.rating = 1), '{}') AS p
          FROM @baseline@.country_ratings r
         WHERE r.kind = 'binary'
         GROUP BY r.round_no, r.country) s;
COMMENT ON VIEW @baseline@.country_practices IS 'The practices (binary indicators answered yes, on the nearest level) each country has in place, per round.';
COMMENT ON COLUMN @baseline@.country_practices.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_practices.country IS 'Country.';
COMMENT ON COLUMN @baseline@.country_practices.practices IS 'Indicator codes of its practices, a jsonb array.';
COMMENT ON COLUMN @baseline@.country_practices.practice_count IS 'How many practices.';

CREATE VIEW @baseline@.country_similarity AS
WITH s AS (
    SELECT r.round_no, r.country,
           coalesce(@extschema@.tb_practice_set(r.indicator) FILTER (WHERE r.rating = 1), '{}') AS p
      FROM @baseline@.country_ratings r WHERE r.kind = 'binary'
     GROUP BY r.round_no, r.country
)
SELECT a.round_no, a.country AS country_a, b.country AS country_b,
       @extschema@.tb_jaccard(a.p, b.p) AS jaccard,
       @extschema@.tb_cardinality(@extschema@.tb_practices_intersect(a.p, b.p)) AS shared_practices
  FROM s a JOIN s b ON a.round_no = b.round_no AND a.country < b.country;
COMMENT ON VIEW @baseline@.country_similarity IS 'Pairwise similarity of the countries'' practice sets per round, each pair of different countries once (country_a before country_b in code order): Jaccard similarity and practices shared.';
COMMENT ON COLUMN @baseline@.country_similarity.round_no IS 'Survey round.';
COMMENT ON COLUMN @baseline@.country_similarity.country_a IS 'First country of the pair (the lower code).';
COMMENT ON COLUMN @baseline@.country_similarity.country_b IS 'Second country of the pair (the higher code).';
COMMENT ON COLUMN @baseline@.country_similarity.jaccard IS 'Jaccard similarity of their practice sets (1 for two empty sets).';
COMMENT ON COLUMN @baseline@.country_similarity.shared_practices IS 'Practices both have.';
