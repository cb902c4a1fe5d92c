/*-------------------------------------------------------------------------
 *
 * adoption.c
 *	  Adoption counts of practices (tb_adoption): each practice a unit,
 *	  each set adopting it one rating of 1.  The state is a tb_agreement
 *	  (src/agreement.c), so the counts merge in parallel and across
 *	  servers like any agreement state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

#include "tb_agreement.h"
#include "tb_practices.h"

static void
adopt(void *arg, const char *p, int len)
{
	char		label[UNIT_MAX + 1];

	tb_check_unit_label(p, len);
	memcpy(label, p, len);
	label[len] = '\0';
	tb_ea_add((ExpandedAgreement *) arg, label, 1, 1);
}

PG_FUNCTION_INFO_V1(tb_adoption_add);

/* tb_adoption_add(state, practices): NULL sets are skipped. */
Datum
tb_adoption_add(PG_FUNCTION_ARGS)
{
	ExpandedAgreement *ea = tb_ea_for_update(fcinfo, 0);

	if (!PG_ARGISNULL(1))
		tb_practices_foreach(PG_GETARG_DATUM(1), adopt, ea);
	PG_RETURN_DATUM(EOHPGetRWDatum(&ea->hdr));
}

PG_FUNCTION_INFO_V1(tb_adoption_final);

/* tb_adoption_final(state): {"practice": count, ...} */
Datum
tb_adoption_final(PG_FUNCTION_ARGS)
{
	Parsed	   *p;
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	if (!PG_ARGISNULL(0))
	{
		p = tb_agreement_parsed(PG_GETARG_DATUM(0));
		for (i = 0; i < p->nunits; i++)
		{
			CHECK_FOR_INTERRUPTS();
			if (i > 0)
				appendStringInfoString(&buf, ", ");
			escape_json(&buf, p->units[i].label);
			appendStringInfo(&buf, ": " INT64_FORMAT, p->units[i].m);
		}
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
