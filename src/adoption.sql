CREATE FUNCTION @extschema@.tb_adoption_add(@extschema@.tb_agreement, @extschema@.tb_practices) RETURNS @extschema@.tb_agreement
AS 'MODULE_PATHNAME', 'tb_adoption_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_adoption_add(@extschema@.tb_agreement, @extschema@.tb_practices) IS 'Transition function of tb_adoption: counts each practice of a set once (NULL sets skipped).';
CREATE FUNCTION @extschema@.tb_adoption_final(@extschema@.tb_agreement) RETURNS jsonb
AS 'MODULE_PATHNAME', 'tb_adoption_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_adoption_final(@extschema@.tb_agreement) IS 'Final function of tb_adoption: {"practice": count, ...}.';
CREATE AGGREGATE @extschema@.tb_adoption(@extschema@.tb_practices) (
    SFUNC = @extschema@.tb_adoption_add, STYPE = @extschema@.tb_agreement,
    COMBINEFUNC = @extschema@.tb_agreement_combine, FINALFUNC = @extschema@.tb_adoption_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tb_adoption(@extschema@.tb_practices) IS 'Per practice, how many of the sets have it: jsonb {"practice": count}, practices in byte order.';
