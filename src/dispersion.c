/*-------------------------------------------------------------------------
 *
 * dispersion.c
 *	  Dispersion of values across countries: coefficient of variation,
 *	  Gini, Theil.  The state is a tb_agreement (src/agreement.c) of one
 *	  unit (""): the distinct values and their counts, all that these
 *	  need, built in one pass and merged like any agreement state.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"

#include "tb_agreement.h"

PG_FUNCTION_INFO_V1(tb_dispersion_add);

/* tb_dispersion_add(state, value): NULL values count as missing, outside the statistics. */
Datum
tb_dispersion_add(PG_FUNCTION_ARGS)
{
	ExpandedAgreement *ea = tb_ea_for_update(fcinfo, 0);

	if (PG_ARGISNULL(1))
	{
		tb_ea_count(ea, 1);
		ea->missing++;
	}
	else
	{
		double		v = PG_GETARG_FLOAT8(1);

		tb_check_rating(v);
		tb_ea_add(ea, "", v, 1);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&ea->hdr));
}

/* The values of a dispersion state, merged over its units, ascending. */
static const Unit *
dispersion_values(FunctionCallInfo fcinfo, double *mean, bool nonneg, const char *what)
{
	Parsed	   *p;
	Unit	   *u;
	double		s = 0;
	int			i;

	if (PG_ARGISNULL(0))
		return NULL;
	p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	if (p->nunits != 1 || p->units[0].m == 0)
		return NULL;
	u = &p->units[0];
	for (i = 0; i < u->ncats; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (nonneg && u->values[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the %s needs values >= 0, got %g", what, u->values[i]),
					 errhint("Use scores on 0-1 or 0-100, or the coefficient of variation.")));
		s += u->counts[i] * u->values[i];
	}
	*mean = s / u->m;
	return u;
}

PG_FUNCTION_INFO_V1(tb_cv_final);

/* coefficient of variation: population standard deviation / |mean|; NULL when the mean is 0 */
Datum
tb_cv_final(PG_FUNCTION_ARGS)
{
	double		mean,
				ss = 0;
	const Unit *u = dispersion_values(fcinfo, &mean, false, "coefficient of variation");
	int			i;

	if (u == NULL || mean == 0)
		PG_RETURN_NULL();
	for (i = 0; i < u->ncats; i++)
	{
		CHECK_FOR_INTERRUPTS();
		ss += u->counts[i] * (u->values[i] - mean) * (u->values[i] - mean);
	}
	PG_RETURN_FLOAT8(sqrt(ss / u->m) / fabs(mean));
}

PG_FUNCTION_INFO_V1(tb_gini_final);

/*
 * Gini: sum_i sum_j |x_i - x_j| / (2 n^2 mean), from the sorted distinct
 * values: each value's contribution weighs the values below it.
 */
Datum
tb_gini_final(PG_FUNCTION_ARGS)
{
	double		mean,
				below_n = 0,
				below_s = 0,
				sum = 0;
	const Unit *u = dispersion_values(fcinfo, &mean, true, "Gini coefficient");
	int			i;

	if (u == NULL || mean == 0)
		PG_RETURN_NULL();
	for (i = 0; i < u->ncats; i++)
	{
		double		c = u->counts[i],
					x = u->values[i];

		CHECK_FOR_INTERRUPTS();
		sum += c * (x * below_n - below_s);
		below_n += c;
		below_s += c * x;
	}
	/* sum counts each unordered pair once: the ordered sum is twice it */
	PG_RETURN_FLOAT8(2 * sum / (2.0 * (double) u->m * u->m * mean));
}

PG_FUNCTION_INFO_V1(tb_theil_final);

/* Theil T: (1/n) sum (x / mean) ln(x / mean), x ln x taken as 0 at 0 */
Datum
tb_theil_final(PG_FUNCTION_ARGS)
{
	double		mean,
				t = 0;
	const Unit *u = dispersion_values(fcinfo, &mean, true, "Theil index");
	int			i;

	if (u == NULL || mean == 0)
		PG_RETURN_NULL();
	for (i = 0; i < u->ncats; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (u->values[i] > 0)
			t += u->counts[i] * (u->values[i] / mean) * log(u->values[i] / mean);
	}
	PG_RETURN_FLOAT8(t / u->m);
}
