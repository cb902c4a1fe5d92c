------------------------------------------------------------------------------
-- Impact of interventions: difference in differences with an exact
-- permutation p-value, a bootstrap interval and the minimum detectable
-- effect (C, src/impact.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_did;

CREATE FUNCTION @extschema@.tb_did_in(cstring) RETURNS @extschema@.tb_did
AS 'MODULE_PATHNAME', 'tb_did_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_in(cstring) IS 'Text input of tb_did: missing=K treated=[change ...] control=[change ...]; changes finite, in any order.';
CREATE FUNCTION @extschema@.tb_did_out(@extschema@.tb_did) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_did_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_out(@extschema@.tb_did) IS 'Canonical text output of tb_did: each group''s changes ascending, shortest-exact; reads back to the same value.';
CREATE FUNCTION @extschema@.tb_did_recv(internal) RETURNS @extschema@.tb_did
AS 'MODULE_PATHNAME', 'tb_did_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_recv(internal) IS 'Binary input of tb_did; checks the version, the counts, the length and that every change is finite.';
CREATE FUNCTION @extschema@.tb_did_send(@extschema@.tb_did) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_did_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_send(@extschema@.tb_did) IS 'Binary output of tb_did.';

CREATE TYPE @extschema@.tb_did (
    INPUT = @extschema@.tb_did_in,
    OUTPUT = @extschema@.tb_did_out,
    RECEIVE = @extschema@.tb_did_recv,
    SEND = @extschema@.tb_did_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.tb_did IS 'State of the difference in differences: each unit''s (treated, change of the outcome) and the rows left out as missing, at most 100,000 units. Built by tb_did(treated, before, after), merged by tb_rollup, read by tb_did_effect.';

CREATE FUNCTION @extschema@.tb_did_add(@extschema@.tb_did, boolean, double precision, double precision)
RETURNS @extschema@.tb_did AS 'MODULE_PATHNAME', 'tb_did_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_add(@extschema@.tb_did, boolean, double precision, double precision) IS 'Transition function of tb_did(treated, before, after): keeps the unit''s change, or counts the row as missing when an argument is NULL.';
CREATE FUNCTION @extschema@.tb_did_combine(@extschema@.tb_did, @extschema@.tb_did)
RETURNS @extschema@.tb_did AS 'MODULE_PATHNAME', 'tb_did_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_combine(@extschema@.tb_did, @extschema@.tb_did) IS 'Combine function of tb_did, and transition function of tb_rollup(tb_did): the units of both, the missing rows added.';
CREATE FUNCTION @extschema@.tb_did_final(@extschema@.tb_did)
RETURNS @extschema@.tb_did AS 'MODULE_PATHNAME', 'tb_did_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_final(@extschema@.tb_did) IS 'Final function of tb_did and tb_rollup(tb_did): the canonical state (an empty one when there were no rows).';

CREATE AGGREGATE @extschema@.tb_did(treated boolean, before double precision, after double precision) (
    SFUNC = @extschema@.tb_did_add, STYPE = @extschema@.tb_did,
    COMBINEFUNC = @extschema@.tb_did_combine, FINALFUNC = @extschema@.tb_did_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_did(boolean, double precision, double precision) IS
'Difference-in-differences state of one row per unit (country): whether it adopted the practice, and the outcome before and after (at the two rounds, or two years). A row with a NULL argument is counted as missing and left out; non-finite outcomes are refused. Read it with tb_did_effect, store it, roll it up with tb_rollup.';
CREATE AGGREGATE @extschema@.tb_rollup(@extschema@.tb_did) (
    SFUNC = @extschema@.tb_did_combine, STYPE = @extschema@.tb_did,
    COMBINEFUNC = @extschema@.tb_did_combine, FINALFUNC = @extschema@.tb_did_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_rollup(@extschema@.tb_did) IS 'Merges stored difference-in-differences states: exactly the state of all their rows.';

CREATE FUNCTION @extschema@.tb_did_effect(state @extschema@.tb_did, reps integer DEFAULT 10000,
    level double precision DEFAULT 0.95, seed bigint DEFAULT 1,
    OUT effect double precision, OUT treated integer, OUT control integer, OUT p_value double precision,
    OUT exact boolean, OUT lower double precision, OUT upper double precision, OUT mde double precision)
RETURNS record AS 'MODULE_PATHNAME', 'tb_did_effect' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_did_effect(@extschema@.tb_did, integer, double precision, bigint) IS
'Difference in differences: effect, the mean change of the treated minus that of the controls; treated and control, the numbers of units; p_value, the two-sided permutation p-value of |effect| (exact over all C(n, treated) relabellings when there are at most 200,000, exact true; else reps seeded relabellings, (b + 1) / (reps + 1)); lower and upper, a seeded bootstrap percentile interval at level, resampling within each group (reps replicates); mde, the minimum detectable effect at 80% power and 5% two-sided, (z_0.975 + z_0.8) sd sqrt(1/treated + 1/control), sd the pooled standard deviation of the changes (NULL under 3 units). Every column but the counts NULL when a group is empty. reps 1 to 1,000,000, 0 < level < 1. Same seed, same result.';
