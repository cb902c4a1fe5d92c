------------------------------------------------------------------------------
-- Harmonization: practice sets (C, src/practices.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_practices;
CREATE FUNCTION @extschema@.tb_practices_in(cstring) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_in(cstring) IS 'Text input of tb_practices: {GOV01,PREV01,...}; labels of 1-255 bytes, quoted when they hold , { } " \ or a blank; duplicates merge.';
CREATE FUNCTION @extschema@.tb_practices_out(@extschema@.tb_practices) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_practices_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_out(@extschema@.tb_practices) IS 'Canonical text output of tb_practices: labels in byte order.';
CREATE FUNCTION @extschema@.tb_practices_recv(internal) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_recv(internal) IS 'Binary input of tb_practices; checks the version, sizes and order.';
CREATE FUNCTION @extschema@.tb_practices_send(@extschema@.tb_practices) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_practices_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_send(@extschema@.tb_practices) IS 'Binary output of tb_practices.';
CREATE TYPE @extschema@.tb_practices (
    INPUT = @extschema@.tb_practices_in, OUTPUT = @extschema@.tb_practices_out,
    RECEIVE = @extschema@.tb_practices_recv, SEND = @extschema@.tb_practices_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = extended);
COMMENT ON TYPE @extschema@.tb_practices IS 'The set of practices a country has in place (indicator codes, or any labels): | union, & intersection, - difference, @> <@ containment, && overlap, tb_jaccard, tb_cardinality; a key (btree and hash).';

CREATE FUNCTION @extschema@.tb_practices(text[]) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_from_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices(text[]) IS 'The set of the array''s labels (duplicates merge; NULL elements are an error).';
CREATE FUNCTION @extschema@.tb_practices_array(@extschema@.tb_practices) RETURNS text[]
AS 'MODULE_PATHNAME', 'tb_practices_to_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_array(@extschema@.tb_practices) IS 'The labels as a sorted text array.';
CREATE FUNCTION @extschema@.tb_practices_jsonb(@extschema@.tb_practices) RETURNS jsonb
AS 'MODULE_PATHNAME', 'tb_practices_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_jsonb(@extschema@.tb_practices) IS 'The labels as a sorted jsonb array.';
CREATE CAST (text[] AS @extschema@.tb_practices) WITH FUNCTION @extschema@.tb_practices(text[]);
CREATE CAST (@extschema@.tb_practices AS text[]) WITH FUNCTION @extschema@.tb_practices_array(@extschema@.tb_practices);
CREATE CAST (@extschema@.tb_practices AS jsonb) WITH FUNCTION @extschema@.tb_practices_jsonb(@extschema@.tb_practices);

CREATE FUNCTION @extschema@.tb_practices_union(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_union' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_union(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Union of two practice sets (operator |).';
CREATE FUNCTION @extschema@.tb_practices_intersect(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_intersect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_intersect(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Intersection of two practice sets (operator &).';
CREATE FUNCTION @extschema@.tb_practices_except(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_except' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_except(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Practices of the first set not in the second (operator -).';
CREATE FUNCTION @extschema@.tb_practices_contains(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_contains(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Does the first set contain the second (operator @>)?';
CREATE FUNCTION @extschema@.tb_practices_contained(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_contained' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_contained(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Is the first set contained in the second (operator <@)?';
CREATE FUNCTION @extschema@.tb_practices_overlap(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_overlap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_overlap(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Do the sets share a practice (operator &&)?';
CREATE FUNCTION @extschema@.tb_has_practice(@extschema@.tb_practices, text) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_has' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_has_practice(@extschema@.tb_practices, text) IS 'Is the practice in the set?';
CREATE FUNCTION @extschema@.tb_cardinality(@extschema@.tb_practices) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_practices_cardinality' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_cardinality(@extschema@.tb_practices) IS 'Number of practices in the set.';
CREATE FUNCTION @extschema@.tb_jaccard(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_practices_jaccard' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_jaccard(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Jaccard similarity |A & B| / |A | B|; two empty sets are identical: 1.';
CREATE FUNCTION @extschema@.tb_jaccard_distance(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS double precision
AS 'MODULE_PATHNAME', 'tb_practices_jaccard_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_jaccard_distance(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Jaccard distance 1 - tb_jaccard (0 for two empty sets).';

CREATE OPERATOR @extschema@.| (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_union, COMMUTATOR = OPERATOR(@extschema@.|));
COMMENT ON OPERATOR @extschema@.| (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Union of practice sets.';
CREATE OPERATOR @extschema@.& (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_intersect, COMMUTATOR = OPERATOR(@extschema@.&));
COMMENT ON OPERATOR @extschema@.& (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Intersection of practice sets.';
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_except);
COMMENT ON OPERATOR @extschema@.- (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Difference of practice sets.';
CREATE OPERATOR @extschema@.@> (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_contains, COMMUTATOR = OPERATOR(@extschema@.<@));
COMMENT ON OPERATOR @extschema@.@> (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Contains.';
CREATE OPERATOR @extschema@.<@ (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_contained, COMMUTATOR = OPERATOR(@extschema@.@>));
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Is contained in.';
CREATE OPERATOR @extschema@.&& (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_overlap, COMMUTATOR = OPERATOR(@extschema@.&&));
COMMENT ON OPERATOR @extschema@.&& (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Overlaps.';

CREATE FUNCTION @extschema@.tb_practices_eq(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_eq(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Same set.';
CREATE FUNCTION @extschema@.tb_practices_ne(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_ne(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Different sets.';
CREATE FUNCTION @extschema@.tb_practices_lt(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_lt(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before (lexicographic on the sorted labels).';
CREATE FUNCTION @extschema@.tb_practices_le(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_le(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before or is equal.';
CREATE FUNCTION @extschema@.tb_practices_gt(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_gt(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after.';
CREATE FUNCTION @extschema@.tb_practices_ge(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_practices_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_ge(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after or is equal.';
CREATE FUNCTION @extschema@.tb_practices_cmp(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_practices_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_cmp(@extschema@.tb_practices, @extschema@.tb_practices) IS 'btree comparison of practice sets.';
CREATE FUNCTION @extschema@.tb_practices_hash(@extschema@.tb_practices) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_practices_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_hash(@extschema@.tb_practices) IS 'Hash of a practice set.';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
COMMENT ON OPERATOR @extschema@.= (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Same set.';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Different sets.';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before.';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts before or is equal.';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after.';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.tb_practices, RIGHTARG = @extschema@.tb_practices,
    FUNCTION = @extschema@.tb_practices_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.tb_practices, @extschema@.tb_practices) IS 'Sorts after or is equal.';
CREATE OPERATOR CLASS @extschema@.tb_practices_ops DEFAULT FOR TYPE @extschema@.tb_practices USING btree AS
    OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.tb_practices_cmp(@extschema@.tb_practices, @extschema@.tb_practices);
CREATE OPERATOR CLASS @extschema@.tb_practices_hash_ops DEFAULT FOR TYPE @extschema@.tb_practices USING hash AS
    OPERATOR 1 @extschema@.=, FUNCTION 1 @extschema@.tb_practices_hash(@extschema@.tb_practices);

CREATE FUNCTION @extschema@.tb_practices_add(@extschema@.tb_practices, text) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_add(@extschema@.tb_practices, text) IS 'Transition function of tb_practice_set: adds a label (NULL skipped).';
CREATE FUNCTION @extschema@.tb_practices_union_agg(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_union_agg' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_union_agg(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Union, NULL skipped: transition and combine function of the practice-set aggregates.';
CREATE FUNCTION @extschema@.tb_practices_intersect_agg(@extschema@.tb_practices, @extschema@.tb_practices) RETURNS @extschema@.tb_practices
AS 'MODULE_PATHNAME', 'tb_practices_intersect_agg' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_practices_intersect_agg(@extschema@.tb_practices, @extschema@.tb_practices) IS 'Intersection, NULL skipped: transition and combine function of tb_practice_intersection.';
CREATE AGGREGATE @extschema@.tb_practice_set(text) (
    SFUNC = @extschema@.tb_practices_add, STYPE = @extschema@.tb_practices,
    COMBINEFUNC = @extschema@.tb_practices_union_agg, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_practice_set(text) IS 'The set of the labels of the rows (NULL skipped): SELECT country, tb_practice_set(indicator) ... WHERE value = 1 GROUP BY country. Each row adds its label to the state in place, at a cost that does not grow with the set.';
CREATE AGGREGATE @extschema@.tb_practice_union(@extschema@.tb_practices) (
    SFUNC = @extschema@.tb_practices_union_agg, STYPE = @extschema@.tb_practices,
    COMBINEFUNC = @extschema@.tb_practices_union_agg, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_practice_union(@extschema@.tb_practices) IS 'Practices found in any of the sets (NULL skipped).';
CREATE AGGREGATE @extschema@.tb_practice_intersection(@extschema@.tb_practices) (
    SFUNC = @extschema@.tb_practices_intersect_agg, STYPE = @extschema@.tb_practices,
    COMBINEFUNC = @extschema@.tb_practices_intersect_agg, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_practice_intersection(@extschema@.tb_practices) IS 'Practices found in every set (NULL skipped; NULL when there is no set).';
