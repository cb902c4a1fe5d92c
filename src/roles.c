/*-------------------------------------------------------------------------
 *
 * roles.c
 *	  Who runs what: the role a session acts as, and maintenance run as a
 *	  table's owner.
 *
 * tb_calling_role lets a SECURITY DEFINER function record who called it
 * (current_user there is the function's owner).  tb_run_as_owner is how
 * a superuser's maintenance touches other users' tables without running
 * their code with superuser rights: like VACUUM and REINDEX, it switches to
 * the table's owner inside a security-restricted operation.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(tb_calling_role);
PG_FUNCTION_INFO_V1(tb_run_as_owner);

/*
 * tb_calling_role() -> name
 * The outer user id: set by SET ROLE or the login, untouched by SECURITY
 * DEFINER, so it names the caller of the definer function.
 */
Datum
tb_calling_role(PG_FUNCTION_ARGS)
{
	char	   *who = GetUserNameFromId(GetOuterUserId(), false);

	PG_RETURN_DATUM(DirectFunctionCall1(namein, CStringGetDatum(who)));
}

/*
 * tb_run_as_owner(rel regclass, command text) -> bigint
 * Runs command as rel's owner in a security-restricted operation with a
 * safe search_path.  The caller must already have the owner's privileges,
 * so this only ever takes rights away.  On error the transaction (or
 * subtransaction) abort restores the user id and the GUC nest level.
 */
Datum
tb_run_as_owner(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	char	   *command = text_to_cstring(PG_GETARG_TEXT_PP(1));
	HeapTuple	tuple;
	Oid			owner;
	Oid			save_userid;
	int			save_sec_context;
	int			save_nestlevel;
	int			rc;
	int64		result;

	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);

	if (!has_privs_of_role(GetUserId(), owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to run maintenance on %s", get_rel_name(relid)),
				 errdetail("Only roles with the privileges of its owner, %s, may.",
						   GetUserNameFromId(owner, false)),
				 errhint("Ask the owner, or a superuser, to run it.")));

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(owner, save_sec_context | SECURITY_RESTRICTED_OPERATION);
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	rc = SPI_execute(command, false, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(rc));
	result = (int64) SPI_processed;
	if (rc == SPI_OK_SELECT && SPI_processed == 1 && SPI_tuptable->tupdesc->natts == 1)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull && SPI_gettypeid(SPI_tuptable->tupdesc, 1) == INT8OID)
			result = DatumGetInt64(d);
	}
	SPI_finish();

	AtEOXact_GUC(false, save_nestlevel);
	SetUserIdAndSecContext(save_userid, save_sec_context);
	PG_RETURN_INT64(result);
}
