/*-------------------------------------------------------------------------
 *
 * uncertainty.c
 *	  How sure an agreement statistic is: seeded bootstrap intervals for
 *	  Krippendorff's alpha, percent agreement and Fleiss' kappa, read from
 *	  the tb_agreement state (src/tb_agreement.h), and the probability that
 *	  alpha is below Krippendorff's thresholds 0.667 and 0.8; and, for one
 *	  indicator, the Gini-Simpson diversity or the coefficient of variation
 *	  of the countries' values with a bootstrap over the countries.
 *
 *	  Two bootstraps of alpha:
 *
 *	  - 'units': the units (indicators) with two ratings or more are drawn
 *		with replacement, as many as there are, and alpha is computed again
 *		from the drawn units' value counts (a unit drawn twice counts twice,
 *		in the observed and in the expected disagreement alike).  This is
 *		the nonparametric bootstrap of Efron over the units, the level at
 *		which the indicators of a questionnaire are a sample.
 *
 *	  - 'hayes': the bootstrap of Hayes & Krippendorff (2007), as Krippendorff
 *		describes it in "Algorithm for bootstrapping a distribution of
 *		alpha" (2006, revised 2011) and the KALPHA macro runs it: pairs of
 *		values are drawn from the observed coincidence matrix, and the
 *		expected disagreement stays that of the data.  What is implemented:
 *		  1. the coincidences o_ck = sum_u n_uc (n_uk - [c = k]) / (m_u - 1)
 *			 over the pairable units; a cell c < k has probability
 *			 2 o_ck / n.., a cell c = c has o_cc / n.., and each carries
 *			 the metric's squared difference delta2_ck (for the ordinal
 *			 metric from the mid-ranks of the observed marginals);
 *		  2. M = min(25 Q, (m - 1) n.. / 2) draws per replicate, Q the
 *			 number of non-zero cells of the full v x v matrix and m the
 *			 most ratings any unit has (the macro's number of coders: with
 *			 missing ratings, the state does not know the coders);
 *		  3. a replicate is alpha* = 1 - mean(delta2 drawn) / De, De the
 *			 observed expected disagreement per pair, n.. (n.. - 1) over the
 *			 sum of n_c n_k delta2_ck; alpha* below -1 is set to -1;
 *		  4. a replicate whose draws all fell in one cell of the diagonal
 *			 has no variation and is set to 0 (Krippendorff's correction
 *			 sets round(X sum_c (o_cc / n..)^M) of the replicates at 1 to
 *			 0, the expected number of such replicates; here each such
 *			 replicate is seen and set, the same correction without its
 *			 rounding).
 *		It keeps the units' expected disagreement fixed and treats the pairs
 *		as independent, so its interval is narrower than the units'
 *		bootstrap when units differ in difficulty (the criticism of Gwet,
 *		2015); both are offered, 'units' by default.
 *
 *	  Random numbers come from pg_prng (xoroshiro128**) seeded with the
 *	  seed argument, and every sum runs in a fixed order: the same seed
 *	  gives the same result on any machine (this file is compiled without
 *	  floating-point contraction, see the Makefile).  A replicate with no
 *	  defined statistic (a single value overall) is left out, and the number
 *	  of replicates used is returned.  The interval is the percentile
 *	  interval, interpolated between order statistics as numpy's default
 *	  quantile (Hyndman and Fan's type 7).
 *
 *	  The point estimate is the library's own (tb_alpha, tb_percent_agreement,
 *	  tb_fleiss_kappa, called through the function manager), so it equals
 *	  them whatever they become; the statistic the replicates recompute is
 *	  written here over weighted units, and an assertion checks that with
 *	  every weight 1 it gives the same value.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/pg_prng.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "tb_agreement.h"

/* the library's point estimates (src/agreement.c), called as SQL functions */
extern Datum tb_alpha(PG_FUNCTION_ARGS);
extern Datum tb_fleiss_kappa(PG_FUNCTION_ARGS);
extern Datum tb_percent_agreement(PG_FUNCTION_ARGS);

#define MAX_REPS 1000000		/* most bootstrap replicates per call */
#define MAX_HAYES_CELLS 10000000	/* most (unit, pair of values) cells */

typedef enum Metric
{
	METRIC_NOMINAL, METRIC_ORDINAL, METRIC_INTERVAL, METRIC_RATIO
} Metric;

static Metric
metric_of(text *t)
{
	char	   *s = text_to_cstring(t);

	if (strcmp(s, "nominal") == 0)
		return METRIC_NOMINAL;
	if (strcmp(s, "ordinal") == 0)
		return METRIC_ORDINAL;
	if (strcmp(s, "interval") == 0)
		return METRIC_INTERVAL;
	if (strcmp(s, "ratio") == 0)
		return METRIC_RATIO;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown metric \"%s\"", s),
			 errhint("Use nominal, ordinal, interval or ratio.")));
	return METRIC_NOMINAL;		/* not reached */
}

/* 'units' (false) or 'hayes' (true) */
static bool
method_is_hayes(text *t)
{
	char	   *s = text_to_cstring(t);

	if (strcmp(s, "units") == 0)
		return false;
	if (strcmp(s, "hayes") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown bootstrap method \"%s\"", s),
			 errhint("Use units (resample the units) or hayes (resample pairs of values, Hayes & Krippendorff 2007).")));
	return false;				/* not reached */
}

static void
check_reps_level(int32 reps, double level)
{
	if (reps < 1 || reps > MAX_REPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reps must be between 1 and %d", MAX_REPS),
				 errdetail("reps is %d.", reps),
				 errhint("2000 replicates are the usual choice.")));
	if (isnan(level) || level <= 0 || level >= 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level must be between 0 and 1, both excluded"),
				 errdetail("level is %g.", level),
				 errhint("Use 0.95 for a 95%% interval.")));
}

/*
 * Call one of the library's statistics (a STRICT function of the state and
 * maybe a metric); false when it returns NULL.
 */
static bool
call_statistic(PGFunction fn, FunctionCallInfo fcinfo, int nargs, double *result)
{
	LOCAL_FCINFO(call, 2);
	Datum		d;

	InitFunctionCallInfoData(*call, NULL, nargs, fcinfo->fncollation, NULL, NULL);
	call->args[0].value = PG_GETARG_DATUM(0);
	call->args[0].isnull = false;
	if (nargs > 1)
	{
		call->args[1].value = PG_GETARG_DATUM(1);
		call->args[1].isnull = false;
	}
	d = fn(call);
	if (call->isnull)
		return false;
	*result = DatumGetFloat8(d);
	return true;
}

/*
 * The units a statistic is computed over (those with at least min_m
 * ratings), their values as indices on one scale of the distinct values.
 */
typedef struct Units
{
	int			N;				/* units */
	int			K;				/* distinct values, ascending in vals */
	double	   *vals;
	double	   *m;				/* ratings of each unit */
	int		   *first;			/* N + 1: where each unit's cells start */
	int		   *at;				/* per cell: index on the scale */
	double	   *count;			/* per cell: its count */
	double		mmax;			/* most ratings in a unit */
} Units;

static void
units_of(const Parsed *p, int64 min_m, Units *us)
{
	int			ncells = 0,
				i,
				j;

	us->N = 0;
	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (p->units[i].m >= min_m)
		{
			us->N++;
			ncells += p->units[i].ncats;
		}
	}
	us->m = palloc(Max(us->N, 1) * sizeof(double));
	us->first = palloc((us->N + 1) * sizeof(int));
	us->at = palloc(Max(ncells, 1) * sizeof(int));
	us->count = palloc(Max(ncells, 1) * sizeof(double));
	us->vals = palloc(Max(ncells, 1) * sizeof(double));
	us->mmax = 0;
	ncells = 0;
	us->N = 0;
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];

		CHECK_FOR_INTERRUPTS();
		if (u->m < min_m)
			continue;
		us->m[us->N] = (double) u->m;
		us->mmax = Max(us->mmax, (double) u->m);
		us->first[us->N++] = ncells;
		for (j = 0; j < u->ncats; j++)
			us->count[ncells++] = (double) u->counts[j];
	}
	us->first[us->N] = ncells;
	us->K = tb_distinct_values(p, min_m, us->vals);
	ncells = 0;
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];

		CHECK_FOR_INTERRUPTS();
		if (u->m < min_m)
			continue;
		for (j = 0; j < u->ncats; j++)
			us->at[ncells++] = tb_value_index(us->vals, us->K, u->values[j]);
	}
}

/* w_c w_k (x_c - x_k)^2 over the ordered pairs: 2 W sum w (x - mean)^2 */
static double
spread(int n, const double *w, const double *x, const int *at, double W)
{
	double		s1 = 0,
				s2 = 0,
				mean;
	int			j;

	for (j = 0; j < n; j++)
		s1 += w[j] * x[at ? at[j] : j];
	mean = s1 / W;
	for (j = 0; j < n; j++)
	{
		double		d = x[at ? at[j] : j] - mean;

		s2 += w[j] * d * d;
	}
	return 2 * W * s2;
}

/* the ratio metric's sum over the ordered pairs of w_c w_k ((a-b)/(a+b))^2 */
static double
ratio_pairs(int n, const double *w, const double *x, const int *at)
{
	double		s = 0;
	int			c,
				k;

	for (c = 0; c < n; c++)
	{
		double		a = x[at ? at[c] : c];
		double		wa = 2.0 * w[c];

		if (w[c] == 0)
			continue;
		CHECK_FOR_INTERRUPTS();
		for (k = c + 1; k < n; k++)
		{
			double		b = x[at ? at[k] : k];
			double		d;

			if (a + b == 0 || w[k] == 0)
				continue;
			d = (a - b) / (a + b);
			s += wa * w[k] * (d * d);
		}
	}
	return s;
}

/*
 * The expected disagreement's sum over ordered pairs of values,
 * sum n_c n_k delta2_ck, from the marginals nm (n in all); for the ordinal
 * metric h holds twice the mid-ranks.
 */
static double
expected_sum(const Units *us, Metric metric, const double *nm, const double *h, double n)
{
	double		sq = 0;
	int			c;

	switch (metric)
	{
		case METRIC_NOMINAL:
			for (c = 0; c < us->K; c++)
				sq += nm[c] * nm[c];
			return n * n - sq;
		case METRIC_ORDINAL:
			return spread(us->K, nm, h, NULL, n) / 4;
		case METRIC_INTERVAL:
			return spread(us->K, nm, us->vals, NULL, n);
		case METRIC_RATIO:
			return ratio_pairs(us->K, nm, us->vals, NULL);
	}
	return 0;					/* not reached */
}

/* a unit's observed sum over ordered pairs of its values, given h (ordinal) */
static double
unit_observed_sum(const Units *us, int i, Metric metric, const double *h)
{
	int			f = us->first[i],
				nc = us->first[i + 1] - f;
	const double *cnt = us->count + f;
	double		sq = 0;
	int			j;

	switch (metric)
	{
		case METRIC_NOMINAL:
			for (j = 0; j < nc; j++)
				sq += cnt[j] * cnt[j];
			return us->m[i] * us->m[i] - sq;
		case METRIC_ORDINAL:
			return spread(nc, cnt, h, us->at + f, us->m[i]) / 4;
		case METRIC_INTERVAL:
			return spread(nc, cnt, us->vals, us->at + f, us->m[i]);
		case METRIC_RATIO:
			return ratio_pairs(nc, cnt, us->vals, us->at + f);
	}
	return 0;					/* not reached */
}

/*
 * Scratch and the per-unit terms that do not change between replicates,
 * for alpha over weighted pairable units.
 */
typedef struct AlphaWork
{
	const Units *us;
	Metric		metric;
	double	   *observed;		/* per unit: its observed sum / (m - 1),
								 * but for the ordinal metric */
	double	   *nm;				/* K: marginals of a replicate */
	double	   *h;				/* K: twice the mid-ranks (ordinal) */
} AlphaWork;

static void
alpha_work_init(AlphaWork *aw, const Units *us, Metric metric)
{
	int			i;

	aw->us = us;
	aw->metric = metric;
	aw->nm = palloc(Max(us->K, 1) * sizeof(double));
	aw->h = palloc(Max(us->K, 1) * sizeof(double));
	aw->observed = palloc(Max(us->N, 1) * sizeof(double));
	if (metric != METRIC_ORDINAL)
		for (i = 0; i < us->N; i++)
		{
			CHECK_FOR_INTERRUPTS();
			aw->observed[i] = unit_observed_sum(us, i, metric, NULL) / (us->m[i] - 1);
		}
}

/* twice the mid-ranks of the marginals nm: whole numbers for whole counts */
static void
mid_ranks(int K, const double *nm, double *h)
{
	double		cum = 0;
	int			c;

	for (c = 0; c < K; c++)
	{
		h[c] = 2 * cum + nm[c];
		cum += nm[c];
	}
}

/*
 * Alpha with unit i counted w[i] times: 1 - (n - 1) Do / De as tb_alpha
 * computes it.  False when there is no expected disagreement.
 */
static bool
alpha_weighted(AlphaWork *aw, const double *w, double *result)
{
	const Units *us = aw->us;
	double		n = 0,
				Do = 0,
				De;
	int			i,
				j;

	memset(aw->nm, 0, Max(us->K, 1) * sizeof(double));
	for (i = 0; i < us->N; i++)
	{
		if (w[i] == 0)
			continue;
		n += w[i] * us->m[i];
		for (j = us->first[i]; j < us->first[i + 1]; j++)
			aw->nm[us->at[j]] += w[i] * us->count[j];
	}
	if (aw->metric == METRIC_ORDINAL)
		mid_ranks(us->K, aw->nm, aw->h);
	for (i = 0; i < us->N; i++)
	{
		if (w[i] == 0)
			continue;
		if (aw->metric == METRIC_ORDINAL)
			Do += w[i] * (unit_observed_sum(us, i, METRIC_ORDINAL, aw->h) / (us->m[i] - 1));
		else
			Do += w[i] * aw->observed[i];
	}
	De = expected_sum(us, aw->metric, aw->nm, aw->h, n);
	if (!(De > 0))
		return false;
	*result = 1 - (n - 1) * Do / De;
	return true;
}

/* The quantile p of sorted x[0..n-1], interpolated (type 7). */
static double
quantile_sorted(const double *x, int n, double p)
{
	double		pos = p * (n - 1);
	int			lo = (int) floor(pos);
	int			hi = Min(lo + 1, n - 1);

	return x[lo] + (pos - lo) * (x[hi] - x[lo]);
}

/* Draw N units with replacement: w[i] = how many times unit i was drawn. */
static void
draw_units(pg_prng_state *rng, int N, double *w)
{
	int			j;

	memset(w, 0, N * sizeof(double));
	for (j = 0; j < N; j++)
		w[pg_prng_uint64_range(rng, 0, (uint64) N - 1)] += 1;
}

/*
 * The result row: the estimate, the interval from the replicates out[0..n-1]
 * (sorted here), with the shares below 0.667 and 0.8 when with_p, and n.
 * Every column NULL when there is no estimate.
 */
static Datum
interval_row(FunctionCallInfo fcinfo, bool has_estimate, double estimate,
			 double *out, int n, double level, bool with_p)
{
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6];
	int			ncols = with_p ? 6 : 4;
	int			i;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	for (i = 0; i < ncols; i++)
	{
		values[i] = (Datum) 0;
		nulls[i] = true;
	}
	if (has_estimate)
	{
		values[0] = Float8GetDatum(estimate);
		nulls[0] = false;
		values[ncols - 1] = Int32GetDatum(n);
		nulls[ncols - 1] = false;
		if (n > 0)
		{
			qsort_interruptible(out, n, sizeof(double), tb_cmp_double, NULL);
			values[1] = Float8GetDatum(quantile_sorted(out, n, (1 - level) / 2));
			values[2] = Float8GetDatum(quantile_sorted(out, n, (1 + level) / 2));
			nulls[1] = nulls[2] = false;
			if (with_p)
			{
				int			b667 = 0,
							b80 = 0;

				for (i = 0; i < n; i++)
				{
					b667 += out[i] < 0.667;
					b80 += out[i] < 0.8;
				}
				values[3] = Float8GetDatum((double) b667 / n);
				values[4] = Float8GetDatum((double) b80 / n);
				nulls[3] = nulls[4] = false;
			}
		}
	}
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* ---------------------------------------------------------------------
 * The Hayes & Krippendorff (2007) bootstrap
 * --------------------------------------------------------------------- */

typedef struct Cell
{
	int			c;
	int			k;				/* c <= k */
	double		o;				/* o_ck (one orientation) */
} Cell;

static int
cmp_cell(const void *a, const void *b, void *arg)
{
	const Cell *x = a,
			   *y = b;

	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return 0;
}

/* delta2_ck of the metric, h twice the observed mid-ranks (ordinal) */
static double
delta2(const Units *us, Metric metric, const double *h, int c, int k)
{
	double		a,
				b,
				d;

	switch (metric)
	{
		case METRIC_NOMINAL:
			return c != k;
		case METRIC_ORDINAL:
			d = (h[k] - h[c]) / 2;
			return d * d;
		case METRIC_INTERVAL:
			d = us->vals[k] - us->vals[c];
			return d * d;
		case METRIC_RATIO:
			a = us->vals[c];
			b = us->vals[k];
			if (a + b == 0)
				return 0;
			d = (a - b) / (a + b);
			return d * d;
	}
	return 0;					/* not reached */
}

/* Replicates of alpha by Hayes & Krippendorff's bootstrap; returns how many. */
static int
hayes_replicates(const Units *us, Metric metric, int32 reps, pg_prng_state *rng, double *out)
{
	double	   *nm = palloc0(Max(us->K, 1) * sizeof(double));
	double	   *h = palloc(Max(us->K, 1) * sizeof(double));
	double		n = 0,
				De,
				total = 0,
				Q = 0,
				Mmax;
	int64		M,
				t;
	Size		ncells = 0;
	Cell	   *cells;
	double	   *cum,
			   *d2;
	bool	   *diag;
	int			nc = 0,
				i,
				j,
				l,
				r;

	/* marginals, expected disagreement */
	for (i = 0; i < us->N; i++)
	{
		CHECK_FOR_INTERRUPTS();
		n += us->m[i];
		for (j = us->first[i]; j < us->first[i + 1]; j++)
			nm[us->at[j]] += us->count[j];
		l = us->first[i + 1] - us->first[i];
		ncells += (Size) l * (l + 1) / 2;
	}
	if (metric == METRIC_ORDINAL)
		mid_ranks(us->K, nm, h);
	De = expected_sum(us, metric, nm, h, n) / (n * (n - 1));
	if (ncells > MAX_HAYES_CELLS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many pairs of values for the hayes bootstrap"),
				 errdetail("The units hold %zu (unit, pair of values) cells; the limit is %d.",
						   ncells, MAX_HAYES_CELLS),
				 errhint("Use the units bootstrap, whose cost grows with the values, not their pairs.")));

	/* the coincidences, cell by cell, merged */
	cells = palloc(Max(ncells, 1) * sizeof(Cell));
	ncells = 0;
	for (i = 0; i < us->N; i++)
	{
		double		m1 = us->m[i] - 1;

		CHECK_FOR_INTERRUPTS();
		for (j = us->first[i]; j < us->first[i + 1]; j++)
			for (l = j; l < us->first[i + 1]; l++)
			{
				cells[ncells].c = us->at[j];
				cells[ncells].k = us->at[l];
				cells[ncells++].o = (l == j ? us->count[j] * (us->count[j] - 1)
									 : us->count[j] * us->count[l]) / m1;
			}
	}
	qsort_interruptible(cells, ncells, sizeof(Cell), cmp_cell, NULL);
	cum = palloc(Max(ncells, 1) * sizeof(double));
	d2 = palloc(Max(ncells, 1) * sizeof(double));
	diag = palloc(Max(ncells, 1) * sizeof(bool));
	for (i = 0; i < (int) ncells;)
	{
		int			c = cells[i].c,
					k = cells[i].k;
		double		o = 0;

		CHECK_FOR_INTERRUPTS();
		for (; i < (int) ncells && cells[i].c == c && cells[i].k == k; i++)
			o += cells[i].o;
		if (o <= 0)
			continue;
		/* a cell off the diagonal stands for o_ck and o_kc */
		total += c == k ? o : 2 * o;
		Q += c == k ? 1 : 2;
		cum[nc] = total;
		d2[nc] = delta2(us, metric, h, c, k);
		diag[nc++] = c == k;
	}

	/* draws per replicate: M = min(25 Q, (m - 1) n.. / 2), at least one */
	Mmax = floor((us->mmax - 1) * n / 2);
	M = (int64) Max(1, Min(25 * Q, Mmax));

	for (r = 0; r < reps; r++)
	{
		double		sum = 0,
					a;
		int			first = -1;
		bool		one_cell = true;

		CHECK_FOR_INTERRUPTS();
		for (t = 0; t < M; t++)
		{
			double		R = pg_prng_double(rng) * total;
			int			lo = 0,
						hi = nc - 1;

			if ((t & 0xFFFF) == 0xFFFF)
				CHECK_FOR_INTERRUPTS();
			/* the first cell whose cumulative probability passes R */
			while (lo < hi)
			{
				int			mid = (lo + hi) / 2;

				if (cum[mid] > R)
					hi = mid;
				else
					lo = mid + 1;
			}
			sum += d2[lo];
			if (first < 0)
				first = lo;
			else if (lo != first)
				one_cell = false;
		}
		if (one_cell && diag[first])
			a = 0;				/* no variation: no evidence of agreement */
		else
		{
			a = 1 - (sum / M) / De;
			if (a < -1)
				a = -1;
		}
		out[r] = a;
	}
	return reps;
}

/* ---------------------------------------------------------------------
 * The SQL functions
 * --------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(tb_alpha_bootstrap);

/*
 * tb_alpha_ci(state, metric, method, reps, level, seed): alpha, the
 * percentile interval, the shares of replicates below 0.667 and 0.8, and
 * the replicates used.
 */
Datum
tb_alpha_bootstrap(PG_FUNCTION_ARGS)
{
	Metric		metric = metric_of(PG_GETARG_TEXT_PP(1));
	bool		hayes = method_is_hayes(PG_GETARG_TEXT_PP(2));
	int32		reps = PG_GETARG_INT32(3);
	double		level = PG_GETARG_FLOAT8(4);
	int64		seed = PG_GETARG_INT64(5);
	double		estimate;
	Units		us;
	pg_prng_state rng;
	double	   *out;
	int			nout = 0,
				r;

	check_reps_level(reps, level);
	if (!call_statistic(tb_alpha, fcinfo, 2, &estimate))
		return interval_row(fcinfo, false, 0, NULL, 0, level, true);
	units_of(tb_agreement_parsed(PG_GETARG_DATUM(0)), 2, &us);
	pg_prng_seed(&rng, (uint64) seed);
	out = palloc(reps * sizeof(double));
	if (hayes)
		nout = hayes_replicates(&us, metric, reps, &rng, out);
	else
	{
		AlphaWork	aw;
		double	   *w = palloc(us.N * sizeof(double));

		alpha_work_init(&aw, &us, metric);
#ifdef USE_ASSERT_CHECKING
		{
			double		mine = 0;
			bool		defined;

			for (r = 0; r < us.N; r++)
				w[r] = 1;
			defined = alpha_weighted(&aw, w, &mine);
			Assert(defined);
			Assert(fabs(mine - estimate) <= 1e-9 * Max(1, fabs(estimate)));
		}
#endif
		for (r = 0; r < reps; r++)
		{
			CHECK_FOR_INTERRUPTS();
			draw_units(&rng, us.N, w);
			if (alpha_weighted(&aw, w, &out[nout]))
				nout++;
		}
	}
	return interval_row(fcinfo, true, estimate, out, nout, level, true);
}

PG_FUNCTION_INFO_V1(tb_percent_agreement_bootstrap);

/* tb_percent_agreement_ci(state, reps, level, seed), over the units */
Datum
tb_percent_agreement_bootstrap(PG_FUNCTION_ARGS)
{
	int32		reps = PG_GETARG_INT32(1);
	double		level = PG_GETARG_FLOAT8(2);
	int64		seed = PG_GETARG_INT64(3);
	double		estimate;
	Units		us;
	pg_prng_state rng;
	double	   *share,
			   *w,
			   *out;
	int			i,
				j,
				r;

	check_reps_level(reps, level);
	if (!call_statistic(tb_percent_agreement, fcinfo, 1, &estimate))
		return interval_row(fcinfo, false, 0, NULL, 0, level, false);
	units_of(tb_agreement_parsed(PG_GETARG_DATUM(0)), 2, &us);
	/* each pairable unit's share of agreeing pairs */
	share = palloc(us.N * sizeof(double));
	for (i = 0; i < us.N; i++)
	{
		double		s = 0;

		CHECK_FOR_INTERRUPTS();
		for (j = us.first[i]; j < us.first[i + 1]; j++)
			s += us.count[j] * (us.count[j] - 1);
		share[i] = s / (us.m[i] * (us.m[i] - 1));
	}
	w = palloc(us.N * sizeof(double));
	out = palloc(reps * sizeof(double));
	pg_prng_seed(&rng, (uint64) seed);
	for (r = 0; r < reps; r++)
	{
		double		sum = 0;

		CHECK_FOR_INTERRUPTS();
		draw_units(&rng, us.N, w);
		for (i = 0; i < us.N; i++)
			sum += w[i] * share[i];
		out[r] = sum / us.N;
	}
	return interval_row(fcinfo, true, estimate, out, reps, level, false);
}

PG_FUNCTION_INFO_V1(tb_fleiss_kappa_bootstrap);

/*
 * tb_fleiss_kappa_ci(state, reps, level, seed), over the units with
 * ratings (all with the same number: tb_fleiss_kappa, called first, says so
 * otherwise).
 */
Datum
tb_fleiss_kappa_bootstrap(PG_FUNCTION_ARGS)
{
	int32		reps = PG_GETARG_INT32(1);
	double		level = PG_GETARG_FLOAT8(2);
	int64		seed = PG_GETARG_INT64(3);
	double		estimate;
	Units		us;
	pg_prng_state rng;
	double	   *P,
			   *tot,
			   *w,
			   *out;
	double		m;
	int			nout = 0,
				i,
				j,
				r;

	check_reps_level(reps, level);
	if (!call_statistic(tb_fleiss_kappa, fcinfo, 1, &estimate))
		return interval_row(fcinfo, false, 0, NULL, 0, level, false);
	units_of(tb_agreement_parsed(PG_GETARG_DATUM(0)), 1, &us);
	m = us.m[0];
	/* each unit's agreement P_i = (sum n_ij^2 - m) / (m (m - 1)) */
	P = palloc(us.N * sizeof(double));
	for (i = 0; i < us.N; i++)
	{
		double		s = 0;

		CHECK_FOR_INTERRUPTS();
		for (j = us.first[i]; j < us.first[i + 1]; j++)
			s += us.count[j] * us.count[j];
		P[i] = (s - m) / (m * (m - 1));
	}
	tot = palloc(us.K * sizeof(double));
	w = palloc(us.N * sizeof(double));
	out = palloc(reps * sizeof(double));
	pg_prng_seed(&rng, (uint64) seed);
	for (r = 0; r < reps; r++)
	{
		double		Pbar = 0,
					Pe = 0;

		CHECK_FOR_INTERRUPTS();
		draw_units(&rng, us.N, w);
		memset(tot, 0, us.K * sizeof(double));
		for (i = 0; i < us.N; i++)
		{
			if (w[i] == 0)
				continue;
			Pbar += w[i] * P[i];
			for (j = us.first[i]; j < us.first[i + 1]; j++)
				tot[us.at[j]] += w[i] * us.count[j];
		}
		Pbar /= us.N;
		for (j = 0; j < us.K; j++)
		{
			double		pj = tot[j] / (us.N * m);

			Pe += pj * pj;
		}
		if (Pe < 1)
			out[nout++] = (Pbar - Pe) / (1 - Pe);
	}
	return interval_row(fcinfo, true, estimate, out, nout, level, false);
}

/* ---------------------------------------------------------------------
 * How alike the countries are on one indicator
 * --------------------------------------------------------------------- */

typedef enum Dispersion
{
	DISPERSION_GINI_SIMPSON,
	DISPERSION_CV
} Dispersion;

/* the statistic over counts n[0..K-1] of the distinct values x, m in all */
static bool
dispersion_of(Dispersion d, int K, const double *x, const double *n, double m, double *result)
{
	double		s = 0,
				ss = 0,
				mean;
	int			c;

	if (d == DISPERSION_GINI_SIMPSON)
	{
		for (c = 0; c < K; c++)
			s += (n[c] / m) * (n[c] / m);
		*result = 1 - s;
		return true;
	}
	for (c = 0; c < K; c++)
		s += n[c] * x[c];
	mean = s / m;
	if (mean == 0)
		return false;			/* as tb_cv: no coefficient around a zero mean */
	for (c = 0; c < K; c++)
		ss += n[c] * (x[c] - mean) * (x[c] - mean);
	*result = sqrt(ss / m) / fabs(mean);
	return true;
}


/* the standard normal distribution function */
static double
normal_cdf(double z)
{
	return 0.5 * erfc(-z / M_SQRT2);
}

/*
 * Its inverse: Acklam's rational approximation (relative error 1.15e-9),
 * refined by one step of Halley's method on normal_cdf.
 */
static double
normal_quantile(double p)
{
	static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
	1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
	6.680131188771972e+01, -1.328068155288572e+01};
	static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
	-2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
	3.754408661907416e+00};
	double		q,
				r,
				x,
				e,
				u;

	if (p <= 0)
		return -HUGE_VAL;
	if (p >= 1)
		return HUGE_VAL;
	if (p < 0.02425)
	{
		q = sqrt(-2 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	else if (p <= 1 - 0.02425)
	{
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}
	else
	{
		q = sqrt(-2 * log(1 - p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	e = normal_cdf(x) - p;
	u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}


/*
 * The BCa interval (Efron 1987) of a dispersion statistic: resampling a
 * handful of countries makes ties, which pull every replicate of a
 * diversity down, so the percentile interval would sit below the estimate.
 * The bias correction z0 is the normal quantile of the share of replicates
 * below the estimate (ties counted half); the acceleration comes from the
 * jackknife, leaving out one value at a time (a value with count n_c gives
 * n_c equal leave-one-out statistics).  As scipy.stats.bootstrap's 'BCa'.
 */
static Datum
bca_row(FunctionCallInfo fcinfo, Dispersion d, int K, const double *x, const Unit *u,
		double estimate, double *out, int nout, double level)
{
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double	   *n = palloc(K * sizeof(double)),
			   *jack = palloc(K * sizeof(double));
	bool	   *has = palloc(K * sizeof(bool));
	double		below = 0,
				z0,
				za,
				jmean = 0,
				jn = 0,
				s2 = 0,
				s3 = 0,
				acc,
				lo,
				hi;
	int			c,
				i;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(estimate);
	values[3] = Int32GetDatum(nout);
	if (nout == 0 || u->m < 2)
	{
		/* one country: nothing to resample */
		values[3] = Int32GetDatum(0);
		nulls[1] = nulls[2] = true;
		return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
	}
	qsort_interruptible(out, nout, sizeof(double), tb_cmp_double, NULL);
	for (i = 0; i < nout; i++)
		below += out[i] < estimate ? 1 : out[i] == estimate ? 0.5 : 0;
	z0 = normal_quantile(below / nout);

	for (c = 0; c < K; c++)
		n[c] = (double) u->counts[c];
	for (c = 0; c < K; c++)
	{
		n[c] -= 1;
		has[c] = dispersion_of(d, K, x, n, (double) (u->m - 1), &jack[c]);
		n[c] += 1;
		if (has[c])
		{
			jmean += u->counts[c] * jack[c];
			jn += u->counts[c];
		}
	}
	acc = 0;
	if (jn > 0)
	{
		jmean /= jn;
		for (c = 0; c < K; c++)
			if (has[c])
			{
				double		e = jmean - jack[c];

				s2 += u->counts[c] * e * e;
				s3 += u->counts[c] * e * e * e;
			}
		if (s2 > 0)
			acc = s3 / (6 * pow(s2, 1.5));
	}
	za = normal_quantile((1 - level) / 2);
	if (isinf(z0))
	{
		/* every replicate on one side of the estimate: the nearest one */
		lo = hi = z0 > 0 ? 1 : 0;
	}
	else
	{
		lo = normal_cdf(z0 + (z0 + za) / (1 - acc * (z0 + za)));
		hi = normal_cdf(z0 + (z0 - za) / (1 - acc * (z0 - za)));
	}
	values[1] = Float8GetDatum(quantile_sorted(out, nout, lo));
	values[2] = Float8GetDatum(quantile_sorted(out, nout, hi));
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(tb_dispersion_bootstrap);

/*
 * tb_dispersion_ci(state, statistic, reps, level, seed): the Gini-Simpson
 * diversity or the coefficient of variation of a one-unit state (tb_values:
 * each country's value of one indicator), with a bootstrap over the values
 * (the countries), drawn with replacement.
 */
Datum
tb_dispersion_bootstrap(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int32		reps = PG_GETARG_INT32(2);
	double		level = PG_GETARG_FLOAT8(3);
	int64		seed = PG_GETARG_INT64(4);
	Dispersion	d;
	Parsed	   *p;
	const Unit *u;
	double	   *x,
			   *n,
			   *cum,
			   *out,
				estimate;
	int			K,
				c,
				r,
				nout = 0;
	int64		j;
	pg_prng_state rng;

	if (strcmp(name, "gini_simpson") == 0)
		d = DISPERSION_GINI_SIMPSON;
	else if (strcmp(name, "cv") == 0)
		d = DISPERSION_CV;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown dispersion statistic \"%s\"", name),
				 errhint("Use gini_simpson (values as categories) or cv (values as amounts).")));
	check_reps_level(reps, level);
	p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	if (p->nunits > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tb_dispersion_ci needs the values of one unit, the state has %d", p->nunits),
				 errdetail("The bootstrap draws the values of one indicator (the countries) again."),
				 errhint("Build the state with tb_values(value), grouped by indicator.")));
	if (p->nunits == 0 || p->units[0].m == 0)
		return interval_row(fcinfo, false, 0, NULL, 0, level, false);
	u = &p->units[0];
	if (u->m > INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tb_dispersion_ci draws at most %d values, the state has " INT64_FORMAT,
						INT_MAX / 2, u->m)));
	K = u->ncats;
	x = palloc(K * sizeof(double));
	n = palloc(K * sizeof(double));
	cum = palloc(K * sizeof(double));
	for (c = 0; c < K; c++)
	{
		x[c] = u->values[c];
		n[c] = (double) u->counts[c];
		cum[c] = (c ? cum[c - 1] : 0) + n[c];
	}
	if (!dispersion_of(d, K, x, n, (double) u->m, &estimate))
		return interval_row(fcinfo, false, 0, NULL, 0, level, false);
	out = palloc(reps * sizeof(double));
	pg_prng_seed(&rng, (uint64) seed);
	for (r = 0; r < reps; r++)
	{
		CHECK_FOR_INTERRUPTS();
		memset(n, 0, K * sizeof(double));
		for (j = 0; j < u->m; j++)
		{
			/* the value of the j-th draw: a uniform position among the m */
			double		at = (double) pg_prng_uint64_range(&rng, 0, (uint64) u->m - 1);
			int			lo = 0,
						hi = K - 1;

			while (lo < hi)
			{
				int			mid = (lo + hi) / 2;

				if (cum[mid] > at)
					hi = mid;
				else
					lo = mid + 1;
			}
			n[lo] += 1;
		}
		if (dispersion_of(d, K, x, n, (double) u->m, &out[nout]))
			nout++;
	}
	return bca_row(fcinfo, d, K, x, u, estimate, out, nout, level);
}
