/*-------------------------------------------------------------------------
 *
 * summary.c
 *	  The tb_summary type and its aggregates: count, missing count, min,
 *	  max, and the exact sum and sum of squares of one indicator's values.
 *
 * The sums are exact (exact.c), so a summary does not depend on the order
 * of its rows: the aggregate gives the same bits serially, in parallel,
 * rolled up from stored parts, or combined on other servers.  Mean and
 * variance are derived from the exact sums when read: the variance as
 * (n * sumsq - sum^2) / (n * (n - 1)), computed exactly before the one
 * final division, so it does not lose digits to cancellation.
 *
 * Inside an aggregate the transition functions update the state in place
 * (AggCheckCallContext), growing it only when a sum needs a new limb.  The
 * type has plain storage: a summary is at most about 1.2 kB, and plain
 * values are never packed or moved out of line, so the state is always an
 * aligned varlena with a 4-byte header.
 *
 * Text form (canonical; reads back to the same value):
 *	  n=3 missing=1 min=1 max=3 sum=0x3p1 sumsq=0x7p1
 * where sum and sumsq are exact hexadecimal numbers (mantissa * 2^exp),
 * and an empty summary is just "n=0 missing=K".
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "tb_compat.h"
#include "tb_summary.h"
#include "tb_typeio.h"

PG_FUNCTION_INFO_V1(tb_summary_in);
PG_FUNCTION_INFO_V1(tb_summary_out);
PG_FUNCTION_INFO_V1(tb_summary_recv);
PG_FUNCTION_INFO_V1(tb_summary_send);
PG_FUNCTION_INFO_V1(tb_summary_add);
PG_FUNCTION_INFO_V1(tb_summary_combine);
PG_FUNCTION_INFO_V1(tb_summary_final);
PG_FUNCTION_INFO_V1(tb_summary_n);
PG_FUNCTION_INFO_V1(tb_summary_missing);
PG_FUNCTION_INFO_V1(tb_summary_min);
PG_FUNCTION_INFO_V1(tb_summary_max);
PG_FUNCTION_INFO_V1(tb_summary_sum);
PG_FUNCTION_INFO_V1(tb_summary_mean);
PG_FUNCTION_INFO_V1(tb_summary_var_pop);
PG_FUNCTION_INFO_V1(tb_summary_var_samp);
PG_FUNCTION_INFO_V1(tb_summary_stddev_pop);
PG_FUNCTION_INFO_V1(tb_summary_stddev_samp);

#define SUMMARY_HDRSZ offsetof(TbSummary, acc)

static TbSummary *
summary_new(void)
{
	Size		size = SUMMARY_HDRSZ + EXACT_AREA_SIZE(SUMMARY_REGIONS, 0);
	TbSummary  *s = palloc0(size);

	SET_VARSIZE(s, size);
	s->version = TB_SUMMARY_VERSION;
	exact_init(&s->acc, SUMMARY_REGIONS);
	return s;
}

/* A state counts its values and missing ones in 64 bits: its limit. */
static void
count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("a tb_summary state holds at most " INT64_FORMAT " values", PG_INT64_MAX),
			 errdetail("Its count of values or of missing values would pass that."),
			 errhint("Keep the states of parts apart and combine their statistics instead.")));
}

/* Add one finite value. */
static TbSummary *
summary_add_value(TbSummary *s, double x)
{
	uint64		m;
	int			e;

	if (x == 0)
		x = 0;					/* -0 and 0 are one value */
	if (s->n == 0)
		s->min = s->max = x;
	else
	{
		if (x < s->min)
			s->min = x;
		if (x > s->max)
			s->max = x;
	}
	if (pg_add_s64_overflow(s->n, 1, &s->n))
		count_overflow();
	if (x == 0)
		return s;

	exact_decompose(fabs(x), &m, &e);
	s = exact_state_add_parts(s, SUMMARY_HDRSZ, x > 0 ? SUM_POS : SUM_NEG, m, e);
	return exact_state_add_square_parts(s, SUMMARY_HDRSZ, SUM_SQ, m, e);
}

/* Add summary b into a; returns a (or its grown copy). */
static TbSummary *
summary_merge(TbSummary *a, const TbSummary *b)
{
	if (b->n > 0)
	{
		if (a->n == 0)
		{
			a->min = b->min;
			a->max = b->max;
		}
		else
		{
			if (b->min < a->min)
				a->min = b->min;
			if (b->max > a->max)
				a->max = b->max;
		}
	}
	if (pg_add_s64_overflow(a->n, b->n, &a->n) ||
		pg_add_s64_overflow(a->missing, b->missing, &a->missing))
		count_overflow();
	return exact_state_merge(a, SUMMARY_HDRSZ, &b->acc);
}

static TbSummary *
summary_compact(const TbSummary *s)
{
	return exact_state_compact(s, SUMMARY_HDRSZ);
}

/*
 * The state to update: the argument itself when we run as an aggregate's
 * transition or combine function (it lives in the aggregate's context),
 * else a copy, so that a direct call never changes its input.
 */
static TbSummary *
summary_state(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);
	struct varlena *raw = (struct varlena *) DatumGetPointer(d);

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(raw))
		return (TbSummary *) raw;
	return (TbSummary *) PG_DETOAST_DATUM_COPY(d);
}

/* ---------------------------------------------------------------------
 * Derived statistics
 * --------------------------------------------------------------------- */

void
summary_stats(const TbSummary *s, SummaryStats *st)
{
	ExactBig	sum;
	ExactBig	sq;
	ExactBig	t1,
				t2;
	bool		neg;
	double		n = (double) s->n;

	st->n = s->n;
	st->missing = s->missing;
	st->min = s->min;
	st->max = s->max;
	if (s->n == 0)
	{
		st->sum = 0;
		st->mean = st->var_pop = st->var_samp = get_float8_nan();
		return;
	}
	big_from_area_diff(&s->acc, SUM_POS, SUM_NEG, &sum, &neg);
	st->sum = big_to_double(&sum, EXACT_SCALE_PLAIN, 1.0) * (neg ? -1 : 1);
	st->mean = big_to_double(&sum, EXACT_SCALE_PLAIN, n) * (neg ? -1 : 1);
	/* the mean of values lies between them; rounding must not say otherwise */
	st->mean = Max(st->min, Min(st->max, st->mean));

	/* n * sumsq - sum^2, exactly; it is >= 0 for any real data */
	exact_to_big(&s->acc, SUM_SQ, &sq);
	big_mul_u64(&t1, &sq, (uint64) s->n);
	big_square(&t2, &sum);
	if (big_cmp(&t1, &t2) <= 0)
		st->var_pop = 0;
	else
	{
		big_sub(&t1, &t2);
		st->var_pop = big_to_double(&t1, EXACT_SCALE_PRODUCT, n * n);
		st->var_samp = s->n > 1 ? big_to_double(&t1, EXACT_SCALE_PRODUCT, n * (n - 1)) : 0;
	}
	if (st->var_pop == 0)
		st->var_samp = 0;
	if (s->n < 2)
		st->var_samp = get_float8_nan();
}

/*
 * Statistics of a summary, cached across calls of one function in one
 * query: a normalisation called once per row with the same summary (from
 * a window or a join) derives them once.
 */
typedef struct StatsCache
{
	Size		size;
	TbSummary  *copy;
	SummaryStats st;
} StatsCache;

const SummaryStats *
summary_stats_cached(FunctionCallInfo fcinfo, const TbSummary *s)
{
	StatsCache *c = (StatsCache *) fcinfo->flinfo->fn_extra;
	Size		size = VARSIZE(s);

	if (c != NULL && c->size == size && memcmp(c->copy, s, size) == 0)
		return &c->st;
	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(StatsCache));
		fcinfo->flinfo->fn_extra = c;
	}
	if (c->copy != NULL)
		pfree(c->copy);
	c->copy = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, size);
	memcpy(c->copy, s, size);
	c->size = size;
	summary_stats(s, &c->st);
	return &c->st;
}

/* ---------------------------------------------------------------------
 * Validation, shared by text and binary input
 * --------------------------------------------------------------------- */

/* big = |x| * k at plain scale, with sign of x */
static void
big_from_double_times(double x, int64 k, ExactBig *out)
{
	ExactBig	b;
	uint64		m;
	int			e;

	big_zero(&b);
	if (x != 0)
	{
		exact_decompose(fabs(x), &m, &e);
		big_add_bits(&b, e + EXACT_SCALE_PLAIN, m);
	}
	big_mul_u64(out, &b, (uint64) k);
}

/* signed compare of (a, aneg) with (b, bneg) */
static int
signed_cmp(const ExactBig *a, bool aneg, const ExactBig *b, bool bneg)
{
	if (big_is_zero(a))
		aneg = false;
	if (big_is_zero(b))
		bneg = false;
	if (aneg != bneg)
		return aneg ? -1 : 1;
	return aneg ? -big_cmp(a, b) : big_cmp(a, b);
}

/*
 * Is (n, missing, min, max, sum, sumsq) a summary some data could have?
 * Returns NULL if so, else why not.
 */
static const char *
summary_check(int64 n, int64 missing, double min, double max,
			  const ExactBig *sum, bool sumneg, const ExactBig *sq)
{
	ExactBig	t1,
				t2;

	if (n < 0 || missing < 0)
		return "counts must not be negative";
	if (n == 0)
		return (big_is_zero(sum) && big_is_zero(sq)) ? NULL : "an empty summary has no sums";
	if (isnan(min) || isnan(max) || isinf(min) || isinf(max))
		return "min and max must be finite";
	if (min > max)
		return "min is greater than max";
	big_from_double_times(min, n, &t1);
	if (signed_cmp(sum, sumneg, &t1, min < 0) < 0)
		return "sum is below n * min";
	big_from_double_times(max, n, &t1);
	if (signed_cmp(sum, sumneg, &t1, max < 0) > 0)
		return "sum is above n * max";
	big_mul_u64(&t1, sq, (uint64) n);
	big_square(&t2, sum);
	if (big_cmp(&t1, &t2) < 0)
		return "sumsq is smaller than sum^2 / n";
	if (n == 1 && (min != max || big_cmp(&t1, &t2) != 0))
		return "a summary of one value has min = max = sum and sumsq = sum^2";
	return NULL;
}

/* Build a summary from checked parts. */
static TbSummary *
summary_from_parts(int64 n, int64 missing, double min, double max,
				   const ExactBig *sum, bool sumneg, const ExactBig *sq)
{
	TbSummary  *s = summary_new();

	s->n = n;
	s->missing = missing;
	s->min = (n > 0 && min != 0) ? min : 0;
	s->max = (n > 0 && max != 0) ? max : 0;
	s = exact_state_add_big(s, SUMMARY_HDRSZ, sumneg ? SUM_NEG : SUM_POS, sum);
	s = exact_state_add_big(s, SUMMARY_HDRSZ, SUM_SQ, sq);
	return summary_compact(s);
}

static void
invalid_summary(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tb_summary: \"%s\"", input),
			 errdetail("%s", why),
			 errhint("A summary reads like \"n=3 missing=1 min=1 max=3 sum=0x3p1 sumsq=0x7p1\", or \"n=0 missing=K\"; build one with the aggregate tb_summary(value).")));
}

/* ---------------------------------------------------------------------
 * Text I/O
 * --------------------------------------------------------------------- */

static const char *
expect_key(const char *p, const char *key)
{
	size_t		len = strlen(key);

	while (*p == ' ')
		p++;
	return strncmp(p, key, len) == 0 ? p + len : NULL;
}

static const char *
read_double(const char *p, double *v)
{
	char	   *end;

	errno = 0;
	*v = strtod(p, &end);
	/* ERANGE also flags subnormal results, which are fine: only overflow is not */
	if (end == p || (errno != 0 && (errno != ERANGE || isinf(*v))))
		return NULL;
	return end;
}

Datum
tb_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int64		n,
				missing;
	double		min = 0,
				max = 0;
	ExactBig	sum,
				sq;
	bool		sumneg = false,
				sqneg = false;
	const char *why;

	big_zero(&sum);
	big_zero(&sq);
	if (!(p = expect_key(p, "n=")) || !(p = exact_read_int64(p, &n)))
		invalid_summary(str, "expected n=<count>, a whole number up to 9223372036854775807");
	if (!(p = expect_key(p, "missing=")) || !(p = exact_read_int64(p, &missing)))
		invalid_summary(str, "expected missing=<count> after n, a whole number up to 9223372036854775807");
	if (n < 0 || missing < 0)
		invalid_summary(str, "counts must not be negative");
	if (n != 0)
	{
		if (!(p = expect_key(p, "min=")) || !(p = read_double(p, &min)))
			invalid_summary(str, "expected min=<number> after missing");
		if (!(p = expect_key(p, "max=")) || !(p = read_double(p, &max)))
			invalid_summary(str, "expected max=<number> after min");
		if (!(p = expect_key(p, "sum=")))
			invalid_summary(str, "expected sum= after max");
		if ((why = big_from_hex(p, EXACT_SCALE_PLAIN, &sum, &sumneg, &p)) != NULL)
			invalid_summary(str, psprintf("sum: %s", why));
		if (!(p = expect_key(p, "sumsq=")))
			invalid_summary(str, "expected sumsq= after sum");
		if ((why = big_from_hex(p, EXACT_SCALE_PRODUCT, &sq, &sqneg, &p)) != NULL)
			invalid_summary(str, psprintf("sumsq: %s", why));
		if (sqneg)
			invalid_summary(str, "sumsq must not be negative");
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		invalid_summary(str, psprintf("unexpected text at \"%s\"", p));
	if ((why = summary_check(n, missing, min, max, &sum, sumneg, &sq)) != NULL)
		invalid_summary(str, why);
	PG_RETURN_POINTER(summary_from_parts(n, missing, min, max, &sum, sumneg, &sq));
}

Datum
tb_summary_out(PG_FUNCTION_ARGS)
{
	TbSummary  *s = PG_GETARG_TBSUMMARY_P(0);
	StringInfoData buf;
	ExactBig	sum,
				sq;
	bool		neg;

	initStringInfo(&buf);
	appendStringInfo(&buf, "n=" INT64_FORMAT " missing=" INT64_FORMAT, s->n, s->missing);
	if (s->n > 0)
	{
		appendStringInfoString(&buf, " min=");
		tb_append_double(&buf, s->min);
		appendStringInfoString(&buf, " max=");
		tb_append_double(&buf, s->max);
		big_from_area_diff(&s->acc, SUM_POS, SUM_NEG, &sum, &neg);
		exact_to_big(&s->acc, SUM_SQ, &sq);
		appendStringInfo(&buf, " sum=%s sumsq=%s",
						 big_to_hex(&sum, neg, EXACT_SCALE_PLAIN),
						 big_to_hex(&sq, false, EXACT_SCALE_PRODUCT));
	}
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary I/O: version, flags, n, missing, then if n > 0: min, max, and
 * each exact sum as (negative flag, first limb, limb count, limbs).
 * --------------------------------------------------------------------- */

Datum
tb_summary_send(PG_FUNCTION_ARGS)
{
	TbSummary  *s = PG_GETARG_TBSUMMARY_P(0);
	StringInfoData buf;
	ExactBig	b;
	bool		neg;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TB_SUMMARY_VERSION);
	pq_sendbyte(&buf, 0);
	pq_sendint64(&buf, s->n);
	pq_sendint64(&buf, s->missing);
	if (s->n > 0)
	{
		pq_sendfloat8(&buf, s->min);
		pq_sendfloat8(&buf, s->max);
		big_from_area_diff(&s->acc, SUM_POS, SUM_NEG, &b, &neg);
		big_send(&buf, &b, neg);
		exact_to_big(&s->acc, SUM_SQ, &b);
		big_send(&buf, &b, false);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
tb_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			flags = pq_getmsgbyte(buf);
	int64		n,
				missing;
	double		min = 0,
				max = 0;
	ExactBig	sum,
				sq;
	bool		sumneg = false,
				sqneg = false;
	const char *why;

	if (version != TB_SUMMARY_VERSION)
		tb_invalid_binary("tb_summary",
						  psprintf("unknown format version %d (this build reads version %d)",
								   version, TB_SUMMARY_VERSION));
	if (flags != 0)
		tb_invalid_binary("tb_summary", psprintf("unknown flags 0x%02x", flags));
	n = pq_getmsgint64(buf);
	missing = pq_getmsgint64(buf);
	big_zero(&sum);
	big_zero(&sq);
	if (n != 0)
	{
		min = pq_getmsgfloat8(buf);
		max = pq_getmsgfloat8(buf);
		if ((why = big_recv(buf, &sum, &sumneg)) != NULL ||
			(why = big_recv(buf, &sq, &sqneg)) != NULL)
			tb_invalid_binary("tb_summary", why);
		if (sqneg)
			tb_invalid_binary("tb_summary", "sumsq must not be negative");
	}
	if (buf->cursor != buf->len)
		tb_invalid_binary("tb_summary", "trailing bytes after the summary");
	if ((why = summary_check(n, missing, min, max, &sum, sumneg, &sq)) != NULL)
		tb_invalid_binary("tb_summary", why);
	PG_RETURN_POINTER(summary_from_parts(n, missing, min, max, &sum, sumneg, &sq));
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * --------------------------------------------------------------------- */

/*
 * tb_summary_add(state, value): the transition function of tb_summary(float8).
 * NULL values count as missing; NaN and infinities are refused.
 */
Datum
tb_summary_add(PG_FUNCTION_ARGS)
{
	TbSummary  *s = PG_ARGISNULL(0) ? summary_new() : summary_state(fcinfo, 0);

	if (PG_ARGISNULL(1))
	{
		if (pg_add_s64_overflow(s->missing, 1, &s->missing))
			count_overflow();
	}
	else
	{
		double		x = PG_GETARG_FLOAT8(1);

		if (isnan(x) || isinf(x))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("tb_summary cannot summarise %s", isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity")),
					 errdetail("A summary holds finite values; NULL values are counted as missing."),
					 errhint("Map the value to NULL (NULLIF) or filter it out before summarising.")));
		s = summary_add_value(s, x);
	}
	PG_RETURN_POINTER(s);
}

/*
 * tb_summary_combine(a, b): combine function of tb_summary(float8), and
 * transition function of tb_rollup(tb_summary).  NULL is the empty summary.
 */
Datum
tb_summary_combine(PG_FUNCTION_ARGS)
{
	TbSummary  *a;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	a = PG_ARGISNULL(0) ? summary_new() : summary_state(fcinfo, 0);
	PG_RETURN_POINTER(summary_merge(a, PG_GETARG_TBSUMMARY_P(1)));
}

/* tb_summary_final(state): the canonical, trimmed copy the aggregate returns. */
Datum
tb_summary_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(summary_new());
	PG_RETURN_POINTER(summary_compact(PG_GETARG_TBSUMMARY_P(0)));
}

/* ---------------------------------------------------------------------
 * Accessors.  n and missing are always defined; the others are NULL for an
 * empty summary, and the sample variance for fewer than two values.
 * --------------------------------------------------------------------- */

Datum
tb_summary_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_TBSUMMARY_P(0)->n);
}

Datum
tb_summary_missing(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_TBSUMMARY_P(0)->missing);
}

static double
finite_or_error(double v, const char *what)
{
	if (isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the %s of this summary is out of range for double precision", what)));
	return v;
}

#define STAT_ACCESSOR(fname, expr, minn, what) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	const SummaryStats *st = summary_stats_cached(fcinfo, PG_GETARG_TBSUMMARY_P(0)); \
	if (st->n < (minn)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(finite_or_error(expr, what)); \
}

/* min and max are fields of the state: nothing to derive */
Datum
tb_summary_min(PG_FUNCTION_ARGS)
{
	TbSummary  *s = PG_GETARG_TBSUMMARY_P(0);

	if (s->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s->min);
}

Datum
tb_summary_max(PG_FUNCTION_ARGS)
{
	TbSummary  *s = PG_GETARG_TBSUMMARY_P(0);

	if (s->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s->max);
}

STAT_ACCESSOR(tb_summary_sum, st->sum, 1, "sum")
STAT_ACCESSOR(tb_summary_mean, st->mean, 1, "mean")
STAT_ACCESSOR(tb_summary_var_pop, st->var_pop, 1, "variance")
STAT_ACCESSOR(tb_summary_var_samp, st->var_samp, 2, "variance")
STAT_ACCESSOR(tb_summary_stddev_pop, sqrt(st->var_pop), 1, "standard deviation")
STAT_ACCESSOR(tb_summary_stddev_samp, sqrt(st->var_samp), 2, "standard deviation")
