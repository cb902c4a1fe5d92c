------------------------------------------------------------------------------
-- Who runs what: the calling role, and maintenance as a table's owner (C, src/roles.c)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.tb_calling_role()
RETURNS name
AS 'MODULE_PATHNAME', 'tb_calling_role'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.tb_calling_role() IS
'The role the session acts as (its SET ROLE, else the login), also inside a SECURITY DEFINER function, where current_user is the function''s owner: what the baseline''s write functions record as who wrote an answer.';

CREATE FUNCTION @extschema@.tb_run_as_owner(rel regclass, command text)
RETURNS bigint
AS 'MODULE_PATHNAME', 'tb_run_as_owner'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.tb_run_as_owner(regclass, text) IS
'Runs one SQL command as the owner of rel, in a security-restricted operation with search_path pg_catalog, pg_temp, as PostgreSQL''s own VACUUM, ANALYZE and REINDEX do: code the owner wrote (check constraints, triggers, generated columns) then runs with the owner''s rights, never the caller''s. The caller must have the privileges of that owner (a superuser has). Returns the first column of a one-row, one-column result, else the rows processed.';
