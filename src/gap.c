/*-------------------------------------------------------------------------
 *
 * gap.c
 *	  Gap analysis: how far a value is from a reference (a target, the
 *	  regional frontier, the regional median), progress from the baseline,
 *	  trend ratings between rounds as the SDG dashboards rate them, and the
 *	  compound annual growth rate.
 *
 * Direction is 'higher' (higher values are better) or 'lower'.  A gap is a
 * shortfall: it is 0 at or beyond the reference, never negative.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "tb_direction.h"

PG_FUNCTION_INFO_V1(tb_gap);
PG_FUNCTION_INFO_V1(tb_gap_share);
PG_FUNCTION_INFO_V1(tb_progress);
PG_FUNCTION_INFO_V1(tb_progress_status);
PG_FUNCTION_INFO_V1(tb_cagr);
PG_FUNCTION_INFO_V1(tb_trend_pace);
PG_FUNCTION_INFO_V1(tb_trend);

static double
checked_finite(double x, const char *what)
{
	if (isnan(x) || isinf(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s is not a finite number: %s", what,
						isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity")),
				 errhint("Map it to NULL first.")));
	return x;
}

/* Signed distance still to go in the good direction: > 0 means short of ref. */
static double
shortfall(double x, double ref, bool higher)
{
	return higher ? ref - x : x - ref;
}

/* tb_gap(x, reference, direction): the shortfall, 0 at or beyond the reference. */
Datum
tb_gap(PG_FUNCTION_ARGS)
{
	double		x = checked_finite(PG_GETARG_FLOAT8(0), "value");
	double		ref = checked_finite(PG_GETARG_FLOAT8(1), "reference");
	double		s = shortfall(x, ref, tb_higher_is_better(PG_GETARG_TEXT_PP(2)));

	PG_RETURN_FLOAT8(s > 0 ? s : 0);
}

/*
 * tb_gap_share(x, reference, worst, direction): the share of the way from
 * the worst value to the reference still to go, 0 (there) .. 1 (at worst or
 * beyond).  When the reference is the worst value there is no way to go: 0.
 */
Datum
tb_gap_share(PG_FUNCTION_ARGS)
{
	double		x = checked_finite(PG_GETARG_FLOAT8(0), "value");
	double		ref = checked_finite(PG_GETARG_FLOAT8(1), "reference");
	double		worst = checked_finite(PG_GETARG_FLOAT8(2), "worst value");
	bool		higher = tb_higher_is_better(PG_GETARG_TEXT_PP(3));
	double		way = shortfall(worst, ref, higher);
	double		s = shortfall(x, ref, higher);

	if (way < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the worst value %g is better than the reference %g", worst, ref),
				 errhint("With direction %s, the worst value must be %s the reference.",
						 higher ? "higher" : "lower", higher ? "at or below" : "at or above")));
	if (s <= 0 || way == 0)
		PG_RETURN_FLOAT8(0);
	PG_RETURN_FLOAT8(s >= way ? 1 : s / way);
}

/*
 * Progress from the baseline: (current - baseline) / (target - baseline).
 * 1 when the target is reached, > 1 overshoot, < 0 regression.  NULL when
 * there is no distance to cover: target equal to the baseline, or already
 * met at the baseline (tb_progress_status says which).
 */
static const char *
progress_case(double current, double baseline, double target, bool higher, double *ratio)
{
	double		need = shortfall(baseline, target, higher);

	*ratio = 0;
	if (need == 0)
		return "target equals baseline";
	if (need < 0)
		return "met at baseline";
	*ratio = (current - baseline) / (target - baseline);
	if (*ratio < 0)
		return "regressed";
	if (*ratio == 0)
		return "no change";
	if (*ratio > 1)
		return "overshot";
	if (*ratio == 1)
		return "reached";
	return "progressing";
}

Datum
tb_progress(PG_FUNCTION_ARGS)
{
	double		ratio;
	const char *c = progress_case(checked_finite(PG_GETARG_FLOAT8(0), "current value"),
								  checked_finite(PG_GETARG_FLOAT8(1), "baseline value"),
								  checked_finite(PG_GETARG_FLOAT8(2), "target"),
								  tb_higher_is_better(PG_GETARG_TEXT_PP(3)), &ratio);

	if (strcmp(c, "target equals baseline") == 0 || strcmp(c, "met at baseline") == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio);
}

Datum
tb_progress_status(PG_FUNCTION_ARGS)
{
	double		ratio;

	PG_RETURN_TEXT_P(cstring_to_text(progress_case(checked_finite(PG_GETARG_FLOAT8(0), "current value"),
												   checked_finite(PG_GETARG_FLOAT8(1), "baseline value"),
												   checked_finite(PG_GETARG_FLOAT8(2), "target"),
												   tb_higher_is_better(PG_GETARG_TEXT_PP(3)), &ratio)));
}

/* tb_cagr(first, last, years): (last / first)^(1 / years) - 1. */
Datum
tb_cagr(PG_FUNCTION_ARGS)
{
	double		first = checked_finite(PG_GETARG_FLOAT8(0), "first value");
	double		last = checked_finite(PG_GETARG_FLOAT8(1), "last value");
	double		years = checked_finite(PG_GETARG_FLOAT8(2), "years");

	if (years <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a growth rate needs a positive number of years, not %g", years)));
	if (first <= 0 || last < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a compound growth rate needs a first value > 0 and a last value >= 0, got %g and %g",
						first, last),
				 errhint("Use tb_progress or the difference of the values for indicators that can be 0 or negative.")));
	PG_RETURN_FLOAT8(pow(last / first, 1.0 / years) - 1);
}

/*
 * The pace of a trend: the observed annual change from (year0, x0) to
 * (year1, x1) over the annual change needed to go from x0 to the target by
 * the target year, signed so that > 0 is the good direction.  When the
 * target is met at year1 (on track whatever the pace) it sets *met and
 * returns 0.
 */
static double
trend_pace(FunctionCallInfo fcinfo, bool *met)
{
	double		x0 = checked_finite(PG_GETARG_FLOAT8(0), "first value");
	double		x1 = checked_finite(PG_GETARG_FLOAT8(1), "last value");
	double		target = checked_finite(PG_GETARG_FLOAT8(2), "target");
	int32		y0 = PG_GETARG_INT32(3);
	int32		y1 = PG_GETARG_INT32(4);
	int32		yt = PG_GETARG_INT32(5);
	bool		higher = tb_higher_is_better(PG_GETARG_TEXT_PP(6));
	double		observed,
				needed;

	if (y1 <= y0 || yt <= y0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("years must be in order: first year %d, last year %d, target year %d", y0, y1, yt),
				 errhint("The last year and the target year must come after the first year.")));
	*met = shortfall(x1, target, higher) <= 0;
	if (*met)
		return 0;
	/* years as doubles: their differences can pass int32 */
	observed = (higher ? x1 - x0 : x0 - x1) / ((double) y1 - y0);
	needed = shortfall(x0, target, higher) / ((double) yt - y0);
	/* met at year0 and lost by year1: x1 went the wrong way */
	if (needed <= 0)
		return -1;
	return observed / needed;
}

/* tb_trend_pace(x0, x1, target, year0, year1, target_year, direction) */
Datum
tb_trend_pace(PG_FUNCTION_ARGS)
{
	bool		met;
	double		pace = trend_pace(fcinfo, &met);

	if (met)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(pace);
}

/*
 * tb_trend(x0, x1, target, year0, year1, target_year, direction,
 *			moderate DEFAULT 0.5, on_track DEFAULT 1): the SDG dashboard band.
 *	  on track: target met, or pace >= on_track
 *	  moderately improving: moderate <= pace < on_track
 *	  stagnating: 0 <= pace < moderate
 *	  decreasing: pace < 0
 */
Datum
tb_trend(PG_FUNCTION_ARGS)
{
	double		moderate = checked_finite(PG_GETARG_FLOAT8(7), "moderate threshold");
	double		on_track = checked_finite(PG_GETARG_FLOAT8(8), "on-track threshold");
	bool		met;
	double		pace;

	if (!(moderate > 0 && moderate < on_track))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("thresholds must satisfy 0 < moderate < on_track, got %g and %g", moderate, on_track)));
	pace = trend_pace(fcinfo, &met);
	if (met || pace >= on_track)
		PG_RETURN_TEXT_P(cstring_to_text("on track"));
	if (pace >= moderate)
		PG_RETURN_TEXT_P(cstring_to_text("moderately improving"));
	if (pace >= 0)
		PG_RETURN_TEXT_P(cstring_to_text("stagnating"));
	PG_RETURN_TEXT_P(cstring_to_text("decreasing"));
}
