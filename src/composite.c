/*-------------------------------------------------------------------------
 *
 * composite.c
 *	  Composite scores: weighted arithmetic, geometric and harmonic means of
 *	  scores, with the weights renormalised over the values present and a
 *	  minimum-coverage rule, and the tb_composite state type they share.
 *
 * Rows are (value, weight).  A NULL value is a missing score: its weight
 * counts against coverage, the share of the weight whose value is present.
 * When coverage is below the minimum (default 0.8: the SDG Index gives no
 * score when more than 20% is missing) the composite is NULL.
 *
 * The sums (weights, w*x, w*ln x, w/x) are exact (exact.c): every product
 * is formed exactly and added exactly, so a composite does not depend on
 * the order of rows or of partial states.
 *
 * Text form of the state (canonical; reads back to the same value):
 *	  kinds=arith coverage=0.8 n=3 missing=1 zero=false negative=false
 *	  w=0x1p2 wmissing=0x1p0 wx=... wlnx=0 wdivx=0
 * coverage is "default" when no minimum was given to the aggregate.
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

#include "exact.h"
#include "tb_compat.h"
#include "tb_typeio.h"

PG_FUNCTION_INFO_V1(tb_composite_in);
PG_FUNCTION_INFO_V1(tb_composite_out);
PG_FUNCTION_INFO_V1(tb_composite_recv);
PG_FUNCTION_INFO_V1(tb_composite_send);
PG_FUNCTION_INFO_V1(tb_composite_add);
PG_FUNCTION_INFO_V1(tb_wmean_add);
PG_FUNCTION_INFO_V1(tb_wgeomean_add);
PG_FUNCTION_INFO_V1(tb_wharmean_add);
PG_FUNCTION_INFO_V1(tb_composite_combine);
PG_FUNCTION_INFO_V1(tb_composite_final);
PG_FUNCTION_INFO_V1(tb_wmean_final);
PG_FUNCTION_INFO_V1(tb_wgeomean_final);
PG_FUNCTION_INFO_V1(tb_wharmean_final);
PG_FUNCTION_INFO_V1(tb_composite_wmean);
PG_FUNCTION_INFO_V1(tb_composite_wgeomean);
PG_FUNCTION_INFO_V1(tb_composite_wharmean);
PG_FUNCTION_INFO_V1(tb_composite_coverage);
PG_FUNCTION_INFO_V1(tb_composite_n);
PG_FUNCTION_INFO_V1(tb_composite_missing);

#define TB_COMPOSITE_VERSION 1

/* which means a state can give */
#define KIND_ARITH	1
#define KIND_GEO	2
#define KIND_HARM	4
#define KIND_ALL	(KIND_ARITH | KIND_GEO | KIND_HARM)

/* flags */
#define SEEN_ZERO		1		/* a value of 0 (geometric and harmonic mean: 0) */
#define SEEN_NEGATIVE	2		/* a negative value (no geometric or harmonic mean) */

/* exact sums */
#define W_PRESENT	0
#define W_MISSING	1
#define WX_POS		2
#define WX_NEG		3
#define WLN_POS		4
#define WLN_NEG		5
#define WINV		6
#define COMPOSITE_REGIONS 7

#define DEFAULT_MIN_COVERAGE 0.8

typedef struct TbComposite
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint8		kinds;
	uint8		reserved;
	int32		pad;
	double		min_coverage;	/* NaN: none given, use the reader's */
	int64		n;
	int64		missing;
	ExactArea	acc;
} TbComposite;

#define COMPOSITE_HDRSZ offsetof(TbComposite, acc)
#define PG_GETARG_TBCOMPOSITE_P(n) ((TbComposite *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static TbComposite *
composite_new(int kinds, double min_coverage)
{
	Size		size = COMPOSITE_HDRSZ + EXACT_AREA_SIZE(COMPOSITE_REGIONS, 0);
	TbComposite *c = palloc0(size);

	SET_VARSIZE(c, size);
	c->version = TB_COMPOSITE_VERSION;
	c->kinds = kinds;
	c->min_coverage = min_coverage;
	exact_init(&c->acc, COMPOSITE_REGIONS);
	return c;
}

static double
checked_coverage(double cov)
{
	if (isnan(cov) || cov < 0 || cov > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("minimum coverage must be between 0 and 1, not %g", cov),
				 errhint("0.8 gives no score when more than 20%% of the weight is missing; 0 always gives one.")));
	return cov;
}

static bool
same_coverage(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* A state counts its values and missing ones in 64 bits: its limit. */
static void
count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("a tb_composite state holds at most " INT64_FORMAT " values", PG_INT64_MAX),
			 errdetail("Its count of values or of missing values would pass that."),
			 errhint("Keep the states of parts apart and combine their statistics instead.")));
}

/* Add one (value, weight) row. */
static TbComposite *
composite_add(TbComposite *c, bool xnull, double x, double w)
{
	if (isnan(w) || isinf(w) || w <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must be a positive finite number, not %g", w),
				 errhint("Give every indicator a weight > 0; leave it out of the group to give it none.")));
	if (xnull)
	{
		if (pg_add_s64_overflow(c->missing, 1, &c->missing))
			count_overflow();
		return exact_state_add_double(c, COMPOSITE_HDRSZ, W_MISSING, w);
	}
	if (isnan(x) || isinf(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot combine %s into a composite score", isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity")),
				 errhint("Map it to NULL (a missing score) before combining.")));
	if (pg_add_s64_overflow(c->n, 1, &c->n))
		count_overflow();
	c = exact_state_add_double(c, COMPOSITE_HDRSZ, W_PRESENT, w);
	if (c->kinds & KIND_ARITH)
		c = exact_state_add_product(c, COMPOSITE_HDRSZ, x < 0 ? WX_NEG : WX_POS, w, x);
	if (x < 0)
		c->flags |= SEEN_NEGATIVE;
	else if (x == 0)
		c->flags |= SEEN_ZERO;
	else
	{
		if (c->kinds & KIND_GEO)
		{
			double		l = log(x);

			c = exact_state_add_product(c, COMPOSITE_HDRSZ, l < 0 ? WLN_NEG : WLN_POS, w, l);
		}
		if (c->kinds & KIND_HARM)
			c = exact_state_add_product(c, COMPOSITE_HDRSZ, WINV, w, 1.0 / x);
	}
	return c;
}

/* The state to update: in place inside an aggregate, else a copy. */
static TbComposite *
composite_state(FunctionCallInfo fcinfo, int argno)
{
	Datum		d = PG_GETARG_DATUM(argno);

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(DatumGetPointer(d)))
		return (TbComposite *) DatumGetPointer(d);
	return (TbComposite *) PG_DETOAST_DATUM_COPY(d);
}

/*
 * Transition: (state, value, weight [, min_coverage]).  The weight must not
 * be NULL; a minimum coverage, when given, must be the same on every row.
 */
static Datum
composite_transition(FunctionCallInfo fcinfo, int kinds)
{
	double		cov = get_float8_nan();
	TbComposite *c;

	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("minimum coverage must not be NULL")));
		cov = checked_coverage(PG_GETARG_FLOAT8(3));
	}
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("weight must not be NULL"),
				 errhint("A missing score is a NULL value with its weight; a NULL weight says nothing.")));
	if (PG_ARGISNULL(0))
		c = composite_new(kinds, cov);
	else
	{
		c = composite_state(fcinfo, 0);
		if (!same_coverage(c->min_coverage, cov))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("minimum coverage changes within a group (%g, then %g)", c->min_coverage, cov),
					 errhint("Pass the same minimum coverage on every row of a group.")));
	}
	c = composite_add(c, PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_FLOAT8(1),
					  PG_GETARG_FLOAT8(2));
	PG_RETURN_POINTER(c);
}

Datum
tb_composite_add(PG_FUNCTION_ARGS)
{
	return composite_transition(fcinfo, KIND_ALL);
}

Datum
tb_wmean_add(PG_FUNCTION_ARGS)
{
	return composite_transition(fcinfo, KIND_ARITH);
}

Datum
tb_wgeomean_add(PG_FUNCTION_ARGS)
{
	return composite_transition(fcinfo, KIND_GEO);
}

Datum
tb_wharmean_add(PG_FUNCTION_ARGS)
{
	return composite_transition(fcinfo, KIND_HARM);
}

Datum
tb_composite_combine(PG_FUNCTION_ARGS)
{
	TbComposite *a;
	TbComposite *b;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = PG_GETARG_TBCOMPOSITE_P(1);
	if (PG_ARGISNULL(0))
		a = composite_new(b->kinds, b->min_coverage);
	else
		a = composite_state(fcinfo, 0);
	if (a->kinds != b->kinds || !same_coverage(a->min_coverage, b->min_coverage))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine composite states of different kinds or minimum coverage")));
	a->flags |= b->flags;
	if (pg_add_s64_overflow(a->n, b->n, &a->n) ||
		pg_add_s64_overflow(a->missing, b->missing, &a->missing))
		count_overflow();
	PG_RETURN_POINTER(exact_state_merge(a, COMPOSITE_HDRSZ, &b->acc));
}

Datum
tb_composite_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(composite_new(KIND_ALL, get_float8_nan()));
	PG_RETURN_POINTER(exact_state_compact(PG_GETARG_TBCOMPOSITE_P(0), COMPOSITE_HDRSZ));
}

/* ---------------------------------------------------------------------
 * Reading the means
 * --------------------------------------------------------------------- */

static double
region_double(const TbComposite *c, int region, int scale)
{
	ExactBig	b;

	exact_to_big(&c->acc, region, &b);
	return big_to_double(&b, scale, 1.0);
}

/* Signed sum pos - neg, divided by divisor. */
static double
region_diff_div(const TbComposite *c, int pos, int neg, int scale, double divisor)
{
	ExactBig	b;
	bool		negative;
	double		v;

	big_from_area_diff(&c->acc, pos, neg, &b, &negative);
	v = big_to_double(&b, scale, divisor);
	return negative ? -v : v;
}

/* Coverage: share of the weight whose value is present (NaN if no weight). */
static double
composite_coverage(const TbComposite *c)
{
	double		w = region_double(c, W_PRESENT, EXACT_SCALE_PLAIN);
	double		wm = region_double(c, W_MISSING, EXACT_SCALE_PLAIN);

	if (w + wm == 0)
		return get_float8_nan();
	return w / (w + wm);
}

/*
 * Is there a score?  Not for an empty group, nor below the minimum
 * coverage (the one given to the aggregate, else min_cov).
 */
static bool
composite_scored(const TbComposite *c, double min_cov)
{
	double		need = isnan(c->min_coverage) ? min_cov : c->min_coverage;

	if (c->n == 0)
		return false;
	return composite_coverage(c) >= need;
}

static void
require_kind(const TbComposite *c, int kind, const char *name)
{
	if ((c->kinds & kind) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("this composite state was not built for the %s mean", name),
				 errhint("Build it with tb_composite(value, weight), which keeps every mean.")));
}

static void
require_non_negative(const TbComposite *c, const char *name)
{
	if (c->flags & SEEN_NEGATIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s mean needs values >= 0, and the group has a negative value", name),
				 errhint("Normalise the scores to 0-1 or 0-100 first, or use the arithmetic mean.")));
}

static double
composite_arith(const TbComposite *c)
{
	require_kind(c, KIND_ARITH, "arithmetic");
	return region_diff_div(c, WX_POS, WX_NEG, EXACT_SCALE_PRODUCT,
						   region_double(c, W_PRESENT, EXACT_SCALE_PLAIN));
}

static double
composite_geo(const TbComposite *c)
{
	require_kind(c, KIND_GEO, "geometric");
	require_non_negative(c, "geometric");
	if (c->flags & SEEN_ZERO)
		return 0;
	return exp(region_diff_div(c, WLN_POS, WLN_NEG, EXACT_SCALE_PRODUCT,
							   region_double(c, W_PRESENT, EXACT_SCALE_PLAIN)));
}

static double
composite_harm(const TbComposite *c)
{
	require_kind(c, KIND_HARM, "harmonic");
	require_non_negative(c, "harmonic");
	if (c->flags & SEEN_ZERO)
		return 0;
	return region_double(c, W_PRESENT, EXACT_SCALE_PLAIN) /
		region_double(c, WINV, EXACT_SCALE_PRODUCT);
}

#define COMPOSITE_FINAL(fname, reader) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	TbComposite *c; \
	if (PG_ARGISNULL(0)) \
		PG_RETURN_NULL(); \
	c = PG_GETARG_TBCOMPOSITE_P(0); \
	if (!composite_scored(c, DEFAULT_MIN_COVERAGE)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(reader(c)); \
}

COMPOSITE_FINAL(tb_wmean_final, composite_arith)
COMPOSITE_FINAL(tb_wgeomean_final, composite_geo)
COMPOSITE_FINAL(tb_wharmean_final, composite_harm)

#define COMPOSITE_ACCESSOR(fname, reader) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	TbComposite *c = PG_GETARG_TBCOMPOSITE_P(0); \
	double		cov = checked_coverage(PG_GETARG_FLOAT8(1)); \
	if (!composite_scored(c, cov)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(reader(c)); \
}

COMPOSITE_ACCESSOR(tb_composite_wmean, composite_arith)
COMPOSITE_ACCESSOR(tb_composite_wgeomean, composite_geo)
COMPOSITE_ACCESSOR(tb_composite_wharmean, composite_harm)

Datum
tb_composite_coverage(PG_FUNCTION_ARGS)
{
	double		cov = composite_coverage(PG_GETARG_TBCOMPOSITE_P(0));

	if (isnan(cov))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cov);
}

Datum
tb_composite_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_TBCOMPOSITE_P(0)->n);
}

Datum
tb_composite_missing(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_TBCOMPOSITE_P(0)->missing);
}

/* ---------------------------------------------------------------------
 * I/O
 * --------------------------------------------------------------------- */

static const char *const region_key[COMPOSITE_REGIONS] = {
	"w", "wmissing", "wx", NULL, "wlnx", NULL, "wdivx"
};

static void
composite_region_value(const TbComposite *c, int region, ExactBig *b, bool *neg)
{
	if (region == WX_POS || region == WLN_POS)
		big_from_area_diff(&c->acc, region, region + 1, b, neg);
	else
	{
		exact_to_big(&c->acc, region, b);
		*neg = false;
	}
}

static int
region_scale(int region)
{
	return (region == W_PRESENT || region == W_MISSING) ? EXACT_SCALE_PLAIN : EXACT_SCALE_PRODUCT;
}

static void
kinds_text(StringInfo buf, int kinds)
{
	bool		first = true;

	if (kinds & KIND_ARITH)
	{
		appendStringInfoString(buf, "arith");
		first = false;
	}
	if (kinds & KIND_GEO)
	{
		appendStringInfoString(buf, first ? "geo" : ",geo");
		first = false;
	}
	if (kinds & KIND_HARM)
		appendStringInfoString(buf, first ? "harm" : ",harm");
}

Datum
tb_composite_out(PG_FUNCTION_ARGS)
{
	TbComposite *c = PG_GETARG_TBCOMPOSITE_P(0);
	StringInfoData buf;
	int			region;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "kinds=");
	kinds_text(&buf, c->kinds);
	appendStringInfoString(&buf, " coverage=");
	if (isnan(c->min_coverage))
		appendStringInfoString(&buf, "default");
	else
		tb_append_double(&buf, c->min_coverage);
	appendStringInfo(&buf, " n=" INT64_FORMAT " missing=" INT64_FORMAT " zero=%s negative=%s",
					 c->n, c->missing,
					 (c->flags & SEEN_ZERO) ? "true" : "false",
					 (c->flags & SEEN_NEGATIVE) ? "true" : "false");
	for (region = 0; region < COMPOSITE_REGIONS; region++)
	{
		ExactBig	b;
		bool		neg;

		if (region_key[region] == NULL)
			continue;
		composite_region_value(c, region, &b, &neg);
		appendStringInfo(&buf, " %s=%s", region_key[region],
						 big_to_hex(&b, neg, region_scale(region)));
	}
	PG_RETURN_CSTRING(buf.data);
}

/* Parsed parts of a state, checked by composite_check. */
typedef struct CompositeParts
{
	int			kinds;
	double		min_coverage;
	int64		n;
	int64		missing;
	int			flags;
	ExactBig	sum[COMPOSITE_REGIONS];
	bool		neg[COMPOSITE_REGIONS];
} CompositeParts;

static const char *
composite_check(const CompositeParts *p)
{
	if (p->kinds == 0 || (p->kinds & ~KIND_ALL) != 0)
		return "kinds must be a non-empty list of arith, geo, harm";
	if (!isnan(p->min_coverage) && (p->min_coverage < 0 || p->min_coverage > 1))
		return "coverage must be between 0 and 1";
	if (p->n < 0 || p->missing < 0)
		return "counts must not be negative";
	if ((p->flags & ~(SEEN_ZERO | SEEN_NEGATIVE)) != 0)
		return "unknown flags";
	if (p->neg[W_PRESENT] || p->neg[W_MISSING] || p->neg[WINV])
		return "sums of weights and of w/x must not be negative";
	if ((p->n == 0) != big_is_zero(&p->sum[W_PRESENT]))
		return "the weight present is 0 exactly when no value is present";
	if ((p->missing == 0) != big_is_zero(&p->sum[W_MISSING]))
		return "the weight missing is 0 exactly when no value is missing";
	if (p->n == 0 && (!big_is_zero(&p->sum[WX_POS]) || !big_is_zero(&p->sum[WLN_POS]) ||
					  !big_is_zero(&p->sum[WINV]) || p->flags != 0))
		return "a state with no value has no sums and no flags";
	if (!(p->kinds & KIND_ARITH) && !big_is_zero(&p->sum[WX_POS]))
		return "wx is kept only for the arithmetic mean";
	if (!(p->kinds & KIND_GEO) && !big_is_zero(&p->sum[WLN_POS]))
		return "wlnx is kept only for the geometric mean";
	if (!(p->kinds & KIND_HARM) && !big_is_zero(&p->sum[WINV]))
		return "wdivx is kept only for the harmonic mean";
	return NULL;
}

static TbComposite *
composite_from_parts(const CompositeParts *p)
{
	TbComposite *c = composite_new(p->kinds, p->min_coverage);
	int			region;

	c->n = p->n;
	c->missing = p->missing;
	c->flags = p->flags;
	for (region = 0; region < COMPOSITE_REGIONS; region++)
	{
		if (region_key[region] == NULL)
			continue;
		c = exact_state_add_big(c, COMPOSITE_HDRSZ,
								p->neg[region] ? region + 1 : region, &p->sum[region]);
	}
	return exact_state_compact(c, COMPOSITE_HDRSZ);
}

static void
invalid_composite(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tb_composite: \"%s\"", input),
			 errdetail("%s", why),
			 errhint("Build a state with the aggregate tb_composite(value, weight) and read it back from its text form.")));
}

static const char *
skip_key(const char *p, const char *key)
{
	size_t		len = strlen(key);

	while (*p == ' ')
		p++;
	if (strncmp(p, key, len) != 0 || p[len] != '=')
		return NULL;
	return p + len + 1;
}

Datum
tb_composite_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	CompositeParts parts;
	const char *why;
	char	   *end;
	int			region;

	memset(&parts, 0, sizeof(parts));
	if (!(p = skip_key(p, "kinds")))
		invalid_composite(str, "expected kinds=");
	for (;;)
	{
		if (strncmp(p, "arith", 5) == 0)
			parts.kinds |= KIND_ARITH, p += 5;
		else if (strncmp(p, "geo", 3) == 0)
			parts.kinds |= KIND_GEO, p += 3;
		else if (strncmp(p, "harm", 4) == 0)
			parts.kinds |= KIND_HARM, p += 4;
		else
			invalid_composite(str, "kinds must be a list of arith, geo, harm");
		if (*p != ',')
			break;
		p++;
	}
	if (!(p = skip_key(p, "coverage")))
		invalid_composite(str, "expected coverage=");
	if (strncmp(p, "default", 7) == 0)
	{
		parts.min_coverage = get_float8_nan();
		p += 7;
	}
	else
	{
		parts.min_coverage = strtod(p, &end);
		if (end == p)
			invalid_composite(str, "coverage must be a number or default");
		p = end;
	}
	if (!(p = skip_key(p, "n")))
		invalid_composite(str, "expected n=");
	if (!(p = exact_read_int64(p, &parts.n)))
		invalid_composite(str, "n must be a whole number in the range of bigint");
	if (!(p = skip_key(p, "missing")))
		invalid_composite(str, "expected missing=");
	if (!(p = exact_read_int64(p, &parts.missing)))
		invalid_composite(str, "missing must be a whole number in the range of bigint");
	if (!(p = skip_key(p, "zero")))
		invalid_composite(str, "expected zero=");
	if (strncmp(p, "true", 4) == 0)
		parts.flags |= SEEN_ZERO, p += 4;
	else if (strncmp(p, "false", 5) == 0)
		p += 5;
	else
		invalid_composite(str, "zero must be true or false");
	if (!(p = skip_key(p, "negative")))
		invalid_composite(str, "expected negative=");
	if (strncmp(p, "true", 4) == 0)
		parts.flags |= SEEN_NEGATIVE, p += 4;
	else if (strncmp(p, "false", 5) == 0)
		p += 5;
	else
		invalid_composite(str, "negative must be true or false");
	for (region = 0; region < COMPOSITE_REGIONS; region++)
	{
		if (region_key[region] == NULL)
			continue;
		if (!(p = skip_key(p, region_key[region])))
			invalid_composite(str, psprintf("expected %s=", region_key[region]));
		if ((why = big_from_hex(p, region_scale(region), &parts.sum[region],
								&parts.neg[region], &p)) != NULL)
			invalid_composite(str, psprintf("%s: %s", region_key[region], why));
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		invalid_composite(str, psprintf("unexpected text at \"%s\"", p));
	if ((why = composite_check(&parts)) != NULL)
		invalid_composite(str, why);
	PG_RETURN_POINTER(composite_from_parts(&parts));
}

Datum
tb_composite_send(PG_FUNCTION_ARGS)
{
	TbComposite *c = PG_GETARG_TBCOMPOSITE_P(0);
	StringInfoData buf;
	int			region;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TB_COMPOSITE_VERSION);
	pq_sendbyte(&buf, c->flags);
	pq_sendbyte(&buf, c->kinds);
	pq_sendfloat8(&buf, c->min_coverage);
	pq_sendint64(&buf, c->n);
	pq_sendint64(&buf, c->missing);
	for (region = 0; region < COMPOSITE_REGIONS; region++)
	{
		ExactBig	b;
		bool		neg;

		if (region_key[region] == NULL)
			continue;
		composite_region_value(c, region, &b, &neg);
		big_send(&buf, &b, neg);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
tb_composite_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CompositeParts parts;
	int			version = pq_getmsgbyte(buf);
	int			region;
	const char *why;

	if (version != TB_COMPOSITE_VERSION)
		tb_invalid_binary("tb_composite",
						  psprintf("unknown format version %d (this build reads version %d)",
								   version, TB_COMPOSITE_VERSION));
	memset(&parts, 0, sizeof(parts));
	parts.flags = pq_getmsgbyte(buf);
	parts.kinds = pq_getmsgbyte(buf);
	parts.min_coverage = pq_getmsgfloat8(buf);
	parts.n = pq_getmsgint64(buf);
	parts.missing = pq_getmsgint64(buf);
	for (region = 0; region < COMPOSITE_REGIONS; region++)
	{
		if (region_key[region] == NULL)
			continue;
		if ((why = big_recv(buf, &parts.sum[region], &parts.neg[region])) != NULL)
			tb_invalid_binary("tb_composite", why);
	}
	if (buf->cursor != buf->len)
		tb_invalid_binary("tb_composite", "trailing bytes after the state");
	if ((why = composite_check(&parts)) != NULL)
		tb_invalid_binary("tb_composite", why);
	PG_RETURN_POINTER(composite_from_parts(&parts));
}
