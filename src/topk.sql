CREATE TYPE @extschema@.tb_topk;
CREATE FUNCTION @extschema@.tb_topk_in(cstring) RETURNS @extschema@.tb_topk
AS 'MODULE_PATHNAME', 'tb_topk_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_in(cstring) IS 'Text input of tb_topk: k=3 ["PREV01" 0.8 2 t] ...; checks rank order and every entry.';
CREATE FUNCTION @extschema@.tb_topk_out(@extschema@.tb_topk) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_topk_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_out(@extschema@.tb_topk) IS 'Canonical text output of tb_topk, numbers shortest-exact.';
CREATE FUNCTION @extschema@.tb_topk_recv(internal) RETURNS @extschema@.tb_topk
AS 'MODULE_PATHNAME', 'tb_topk_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_recv(internal) IS 'Binary input of tb_topk; checks the version, rank order and every entry.';
CREATE FUNCTION @extschema@.tb_topk_send(@extschema@.tb_topk) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_topk_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_send(@extschema@.tb_topk) IS 'Binary output of tb_topk.';
CREATE TYPE @extschema@.tb_topk (
    INPUT = @extschema@.tb_topk_in, OUTPUT = @extschema@.tb_topk_out,
    RECEIVE = @extschema@.tb_topk_recv, SEND = @extschema@.tb_topk_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = int4, STORAGE = extended);
COMMENT ON TYPE @extschema@.tb_topk IS 'State of tb_top_gaps: the k largest weighted gaps seen, ranked, ties by label.';

CREATE FUNCTION @extschema@.tb_topk_add(@extschema@.tb_topk, text, double precision, double precision, integer, boolean)
RETURNS @extschema@.tb_topk AS 'MODULE_PATHNAME', 'tb_topk_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_add(@extschema@.tb_topk, text, double precision, double precision, integer, boolean) IS 'Transition function of tb_top_gaps.';
CREATE FUNCTION @extschema@.tb_topk_combine(@extschema@.tb_topk, @extschema@.tb_topk)
RETURNS @extschema@.tb_topk AS 'MODULE_PATHNAME', 'tb_topk_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_combine(@extschema@.tb_topk, @extschema@.tb_topk) IS 'Combine function of tb_top_gaps: the k first of two ranked lists.';
CREATE FUNCTION @extschema@.tb_topk_jsonb(@extschema@.tb_topk)
RETURNS jsonb AS 'MODULE_PATHNAME', 'tb_topk_jsonb' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_topk_jsonb(@extschema@.tb_topk) IS 'Final function of tb_top_gaps: the ranked list as a jsonb array (an empty array for no gaps).';

CREATE AGGREGATE @extschema@.tb_top_gaps(indicator text, gap double precision, weight double precision,
                                         k integer, poorly_harmonized boolean) (
    SFUNC = @extschema@.tb_topk_add, STYPE = @extschema@.tb_topk,
    COMBINEFUNC = @extschema@.tb_topk_combine, FINALFUNC = @extschema@.tb_topk_jsonb,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_top_gaps(text, double precision, double precision, integer, boolean) IS
'The k largest weighted gaps (gap * weight) of a group, as a jsonb array of {rank, indicator, gap, weight, weighted_gap, poorly_harmonized}, largest first; ties by indicator, ascending; NULL gaps skipped. Read as rows with jsonb_to_recordset.';

------------------------------------------------------------------------------
-- Partial states of every aggregate, for rolling up across servers
------------------------------------------------------------------------------

CREATE AGGREGATE @extschema@.tb_top_gaps_state(indicator text, gap double precision, weight double precision,
                                               k integer, poorly_harmonized boolean) (
    SFUNC = @extschema@.tb_topk_add, STYPE = @extschema@.tb_topk,
    COMBINEFUNC = @extschema@.tb_topk_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_top_gaps_state(text, double precision, double precision, integer, boolean) IS
'The state of tb_top_gaps (a tb_topk), to store or ship and merge later with tb_rollup(tb_topk); tb_topk_jsonb reads it.';
CREATE AGGREGATE @extschema@.tb_rollup(@extschema@.tb_topk) (
    SFUNC = @extschema@.tb_topk_combine, STYPE = @extschema@.tb_topk,
    COMBINEFUNC = @extschema@.tb_topk_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_rollup(@extschema@.tb_topk) IS 'Merges top-k states (same k): exactly the state of all their rows.';
