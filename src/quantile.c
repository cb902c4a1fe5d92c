/*-------------------------------------------------------------------------
 *
 * quantile.c
 *	  Exact quantiles that merge: the median and any quantile of values,
 *	  read from the state of tb_values (src/dispersion.c: a tb_agreement of
 *	  one unit, each distinct value with its count).  The aggregate runs in
 *	  parallel and its states of parts roll up, where percentile_cont needs
 *	  every value sorted in one process.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"

#include "tb_agreement.h"

/*
 * The q-quantile of the values, interpolated as percentile_cont does (and
 * to the same bit): the values at 0-based ranks floor(q (n - 1)) and
 * ceil(q (n - 1)), found by walking the distinct values and their counts,
 * and lo + f (hi - lo) between them.  Exact, and the state merges: the
 * median of parts is read from the rollup of their states.
 */
static bool
quantile_of(FunctionCallInfo fcinfo, double q, double *result)
{
	Parsed	   *p;
	const Unit *u;
	double		pos;
	int64		lo_rank,
				hi_rank,
				seen = 0;
	double		lo = 0,
				hi = 0;
	int			i;

	if (isnan(q) || q < 0 || q > 1)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("quantile %g is not between 0 and 1", q),
				 errhint("Use 0.5 for the median, 0.25 and 0.75 for the quartiles.")));
	if (PG_ARGISNULL(0))
		return false;
	p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	if (p->nunits != 1 || p->units[0].m == 0)
		return false;
	u = &p->units[0];
	pos = q * (double) (u->m - 1);
	lo_rank = (int64) floor(pos);
	hi_rank = (int64) ceil(pos);
	for (i = 0; i < u->ncats; i++)
	{
		CHECK_FOR_INTERRUPTS();
		/* ranks seen .. seen + count - 1 hold this value */
		if (lo_rank >= seen && lo_rank < seen + u->counts[i])
			lo = u->values[i];
		if (hi_rank >= seen && hi_rank < seen + u->counts[i])
		{
			hi = u->values[i];
			break;
		}
		seen += u->counts[i];
	}
	*result = lo + (pos - (double) lo_rank) * (hi - lo);
	return true;
}

PG_FUNCTION_INFO_V1(tb_quantile);

/* tb_quantile(state, q): NULL for a state without values. */
Datum
tb_quantile(PG_FUNCTION_ARGS)
{
	double		r;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (!quantile_of(fcinfo, PG_GETARG_FLOAT8(1), &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

PG_FUNCTION_INFO_V1(tb_median_final);

/* Final function of tb_median, and tb_median(state). */
Datum
tb_median_final(PG_FUNCTION_ARGS)
{
	double		r;

	if (!quantile_of(fcinfo, 0.5, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}
