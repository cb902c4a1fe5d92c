/*-------------------------------------------------------------------------
 *
 * normalise.c
 *	  Normalisations of indicator values into scores, direction-aware:
 *	  'higher' (higher values are better) or 'lower' (lower are better).
 *	  Every score is 0 (worst) .. top (best), top being 1 or 100 or any
 *	  positive number, except the z-score, which is unbounded.
 *
 * Two ways to call the ones that compare countries: on a stored summary,
 * tb_norm_minmax(summary, x), or in a window over the raw values,
 * tb_norm_minmax(tb_summary(x) OVER (PARTITION BY indicator), x).  Ranks
 * need every value, not a summary: tb_rank and tb_percent_rank are window
 * functions.
 *
 * Edge cases, the same everywhere:
 *	- NULL in, NULL out; an empty summary gives NULL.
 *	- No spread (one value, or all values equal): nobody is behind anybody,
 *	  so min-max, frontier and percent rank give top, and the z-score 0.
 *	- NaN or an infinity as a value raises an error, never a silent NaN.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "tb_compat.h"
#include "tb_direction.h"
#include "tb_summary.h"

PG_FUNCTION_INFO_V1(tb_norm_minmax);
PG_FUNCTION_INFO_V1(tb_norm_zscore);
PG_FUNCTION_INFO_V1(tb_norm_frontier);
PG_FUNCTION_INFO_V1(tb_norm_goalposts);
PG_FUNCTION_INFO_V1(tb_norm_target);
PG_FUNCTION_INFO_V1(tb_norm_ordinal);
PG_FUNCTION_INFO_V1(tb_norm_ordinal_map);
PG_FUNCTION_INFO_V1(tb_rank);
PG_FUNCTION_INFO_V1(tb_percent_rank);

/* 'higher' -> true, 'lower' -> false, anything else is an error */
bool
tb_higher_is_better(text *t)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);

	if (len == 6 && memcmp(s, "higher", 6) == 0)
		return true;
	if (len == 5 && memcmp(s, "lower", 5) == 0)
		return false;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid direction \"%s\"", text_to_cstring(t)),
			 errhint("Use 'higher' (higher values are better) or 'lower' (lower values are better), as in tb.indicators.direction.")));
	return true;				/* not reached */
}

static double
checked_value(double x, const char *what)
{
	if (isnan(x) || isinf(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot normalise %s: %s is not a finite number", what,
						isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity")),
				 errhint("Map it to NULL before normalising.")));
	return x;
}

static double
checked_top(double top)
{
	if (!(top > 0) || isinf(top))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("top of the score scale must be a positive finite number, not %g", top),
				 errhint("Use 1 for scores on 0-1 or 100 for scores on 0-100.")));
	return top;
}

static double
clip01(double v)
{
	return v < 0 ? 0 : (v > 1 ? 1 : v);
}

/*
 * tb_norm_minmax(s, x, direction, top): (x - min) / (max - min), or
 * (max - x) / (max - min) when lower is better, times top.  Not clipped: a
 * value outside the summary's range scores below 0 or above top.
 */
Datum
tb_norm_minmax(PG_FUNCTION_ARGS)
{
	const TbSummary *s = PG_GETARG_TBSUMMARY_P(0);
	double		x = checked_value(PG_GETARG_FLOAT8(1), "value");
	bool		higher = tb_higher_is_better(PG_GETARG_TEXT_PP(2));
	double		top = checked_top(PG_GETARG_FLOAT8(3));

	/* min and max are fields of the summary: nothing to derive */
	if (s->n == 0)
		PG_RETURN_NULL();
	if (s->max == s->min)
		PG_RETURN_FLOAT8(top);
	/* the ratio first, so that the best value scores exactly top */
	PG_RETURN_FLOAT8(top * ((higher ? (x - s->min) : (s->max - x)) / (s->max - s->min)));
}

/*
 * tb_norm_zscore(s, x, direction): (x - mean) / sample standard deviation,
 * negated when lower is better.  0 when there is no spread.
 */
Datum
tb_norm_zscore(PG_FUNCTION_ARGS)
{
	const SummaryStats *st = summary_stats_cached(fcinfo, PG_GETARG_TBSUMMARY_P(0));
	double		x = checked_value(PG_GETARG_FLOAT8(1), "value");
	bool		higher = tb_higher_is_better(PG_GETARG_TEXT_PP(2));
	double		z;

	if (st->n == 0)
		PG_RETURN_NULL();
	if (st->n < 2 || st->var_samp == 0)
		PG_RETURN_FLOAT8(0);
	z = (x - st->mean) / sqrt(st->var_samp);
	PG_RETURN_FLOAT8(higher ? z : -z);
}

static void
require_non_negative(double v, const char *what)
{
	if (v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is a ratio and needs values >= 0, got %g", what, v),
				 errhint("Use tb_norm_minmax or tb_norm_goalposts for indicators that can be negative.")));
}

/*
 * tb_norm_frontier(s, x, direction, top): the share of the best performer's
 * value reached, x / max (or min / x when lower is better), capped to
 * [0, top].  Values must be >= 0.  A frontier of 0 when higher is better
 * means every value is 0: all at the frontier.
 */
Datum
tb_norm_frontier(PG_FUNCTION_ARGS)
{
	const TbSummary *s = PG_GETARG_TBSUMMARY_P(0);
	double		x = checked_value(PG_GETARG_FLOAT8(1), "value");
	bool		higher = tb_higher_is_better(PG_GETARG_TEXT_PP(2));
	double		top = checked_top(PG_GETARG_FLOAT8(3));

	if (s->n == 0)
		PG_RETURN_NULL();
	require_non_negative(s->min, "distance to frontier");
	require_non_negative(x, "distance to frontier");
	if (higher)
		PG_RETURN_FLOAT8(s->max == 0 ? top : top * clip01(x / s->max));
	if (x <= s->min)
		PG_RETURN_FLOAT8(top);
	PG_RETURN_FLOAT8(top * clip01(s->min / x));
}

/*
 * tb_norm_goalposts(x, worst, best, top): (x - worst) / (best - worst),
 * clipped to [0, 1], times top.  The posts give the direction: worst > best
 * means lower is better (SDG Index style, e.g. worst 72.6, best 0).
 */
Datum
tb_norm_goalposts(PG_FUNCTION_ARGS)
{
	double		x = checked_value(PG_GETARG_FLOAT8(0), "value");
	double		worst = checked_value(PG_GETARG_FLOAT8(1), "worst goalpost");
	double		best = checked_value(PG_GETARG_FLOAT8(2), "best goalpost");
	double		top = checked_top(PG_GETARG_FLOAT8(3));

	if (worst == best)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("goalposts must differ, both are %g", worst),
				 errhint("Give the worst and the best value of the scale; worst > best means lower is better.")));
	PG_RETURN_FLOAT8(top * clip01((x - worst) / (best - worst)));
}

/*
 * tb_norm_target(x, target, direction, top): the share of the target
 * reached, capped at top: x / target when higher is better; when lower is
 * better, top at or below the target, target / x above it.  Values and
 * target must be >= 0, and a higher-is-better target > 0.
 */
Datum
tb_norm_target(PG_FUNCTION_ARGS)
{
	double		x = checked_value(PG_GETARG_FLOAT8(0), "value");
	double		target = checked_value(PG_GETARG_FLOAT8(1), "target");
	bool		higher = tb_higher_is_better(PG_GETARG_TEXT_PP(2));
	double		top = checked_top(PG_GETARG_FLOAT8(3));

	require_non_negative(x, "distance to target");
	require_non_negative(target, "distance to target");
	if (higher)
	{
		if (target == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a target of 0 cannot be reached from below"),
					 errhint("A higher-is-better target must be > 0; use tb_norm_goalposts for other scales.")));
		PG_RETURN_FLOAT8(top * clip01(x / target));
	}
	if (x <= target)
		PG_RETURN_FLOAT8(top);
	PG_RETURN_FLOAT8(top * clip01(target / x));
}

static int
checked_level(double level, int nlevels)
{
	checked_value(level, "level");
	if (level != floor(level) || level < 0 || level > nlevels - 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ordinal level %g is not one of 0 .. %d", level, nlevels - 1),
				 errhint("Levels are whole numbers: 0 none, 1 planned, 2 partial, 3 implemented, 4 institutionalized.")));
	return (int) level;
}

/* tb_norm_ordinal(level, levels, top): evenly spaced, level / (levels - 1) * top. */
Datum
tb_norm_ordinal(PG_FUNCTION_ARGS)
{
	int32		nlevels = PG_GETARG_INT32(1);
	double		top = checked_top(PG_GETARG_FLOAT8(2));
	int			level;

	if (nlevels < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an ordinal scale needs at least 2 levels, not %d", nlevels)));
	level = checked_level(PG_GETARG_FLOAT8(0), nlevels);
	PG_RETURN_FLOAT8(top * level / (nlevels - 1));
}

/* tb_norm_ordinal(level, scores float8[]): the score of level i is scores[i + 1]. */
Datum
tb_norm_ordinal_map(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	int			level;
	double		score;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("the scores of the levels must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &nelems);
	if (nelems < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an ordinal scale needs at least 2 levels, not %d", nelems)));
	level = checked_level(PG_GETARG_FLOAT8(0), nelems);
	if (nulls[level])
		PG_RETURN_NULL();
	score = DatumGetFloat8(elems[level]);
	PG_RETURN_FLOAT8(checked_value(score, "score of the level"));
}

/* ---------------------------------------------------------------------
 * Window functions: ranks among the non-NULL values of the partition.
 * The values are read and sorted once per partition.
 * --------------------------------------------------------------------- */

typedef struct RankCache
{
	bool		ready;
	int64		n;				/* non-NULL values */
	double	   *sorted;			/* ascending */
} RankCache;

static int
cmp_double(const void *a, const void *b, void *arg)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

static RankCache *
rank_cache(WindowObject win)
{
	RankCache  *c = (RankCache *) WinGetPartitionLocalMemory(win, sizeof(RankCache));

	if (!c->ready)
	{
		int64		rows = WinGetPartitionRowCount(win);
		int64		i;

		c->sorted = MemoryContextAlloc(GetMemoryChunkContext(c),
									   Max(rows, 1) * sizeof(double));
		c->n = 0;
		for (i = 0; i < rows; i++)
		{
			bool		isnull,
						isout;
			Datum		d = WinGetFuncArgInPartition(win, 0, i, WINDOW_SEEK_HEAD,
													 false, &isnull, &isout);

			CHECK_FOR_INTERRUPTS();
			if (!isnull)
				c->sorted[c->n++] = checked_value(DatumGetFloat8(d), "value");
		}
		qsort_interruptible(c->sorted, c->n, sizeof(double), cmp_double, NULL);
		c->ready = true;
	}
	return c;
}

/* number of values < x and <= x in the sorted array */
static void
count_around(const RankCache *c, double x, int64 *below, int64 *upto)
{
	int64		lo = 0,
				hi = c->n;

	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (c->sorted[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	*below = lo;
	hi = c->n;
	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (c->sorted[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	*upto = lo;
}

/*
 * tb_rank(x, direction) OVER (PARTITION BY ...): 1 for the best value;
 * ties share the best rank they span and the next rank skips ("1224"),
 * as rank() does.  NULL for NULL.
 */
Datum
tb_rank(PG_FUNCTION_ARGS)
{
	WindowObject win = PG_WINDOW_OBJECT();
	bool		isnull;
	Datum		d = WinGetFuncArgCurrent(win, 0, &isnull);
	bool		dnull;
	bool		higher;
	RankCache  *c;
	int64		below,
				upto;

	Datum		dir = WinGetFuncArgCurrent(win, 1, &dnull);

	if (dnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("direction must not be NULL")));
	higher = tb_higher_is_better(DatumGetTextPP(dir));
	c = rank_cache(win);
	if (isnull)
		PG_RETURN_NULL();
	count_around(c, checked_value(DatumGetFloat8(d), "value"), &below, &upto);
	PG_RETURN_INT64(higher ? (c->n - upto) + 1 : below + 1);
}

/*
 * tb_percent_rank(x, direction, top) OVER (PARTITION BY ...): the share of
 * the other values that are strictly worse, (worse) / (n - 1), times top:
 * the best value scores top, the worst 0, ties share the lowest score they
 * span (as percent_rank() does).  No spread (one value, or all equal): top.
 */
Datum
tb_percent_rank(PG_FUNCTION_ARGS)
{
	WindowObject win = PG_WINDOW_OBJECT();
	bool		isnull;
	Datum		d = WinGetFuncArgCurrent(win, 0, &isnull);
	bool		dnull,
				tnull;
	bool		higher;
	double		top;
	RankCache  *c;
	int64		below,
				upto;
	int64		worse;

	Datum		dir = WinGetFuncArgCurrent(win, 1, &dnull);

	top = DatumGetFloat8(WinGetFuncArgCurrent(win, 2, &tnull));
	if (dnull || tnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("direction and top must not be NULL")));
	higher = tb_higher_is_better(DatumGetTextPP(dir));
	checked_top(top);
	c = rank_cache(win);
	if (isnull)
		PG_RETURN_NULL();
	if (c->n < 2 || c->sorted[0] == c->sorted[c->n - 1])
		PG_RETURN_FLOAT8(top);
	count_around(c, checked_value(DatumGetFloat8(d), "value"), &below, &upto);
	worse = higher ? below : c->n - upto;
	PG_RETURN_FLOAT8(top * (double) worse / (double) (c->n - 1));
}
