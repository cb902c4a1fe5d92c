/*-------------------------------------------------------------------------
 *
 * impact.c
 *	  The impact of an intervention: the difference in differences of an
 *	  outcome between the countries that adopted a practice and those that
 *	  did not, with an exact permutation p-value, a bootstrap interval and
 *	  the minimum detectable effect.
 *
 *	  The state, tb_did, holds one (treated, change) pair per unit (country),
 *	  the change being the outcome after minus the outcome before, and the
 *	  number of rows left out as missing.  It is built by the aggregate
 *	  tb_did(treated, before, after), which runs in parallel and merges
 *	  (tb_rollup); its canonical form has the treated units first, each
 *	  group in ascending order of change, and no spare room, so that the
 *	  same rows give the same bits in any order.
 *
 *	  tb_did_effect reads it:
 *
 *	  - effect: the mean change of the treated minus the mean change of the
 *		controls (the difference in differences over two rounds);
 *	  - p_value: the two-sided permutation p-value, the share of the
 *		relabellings of the units (as many treated as observed) whose
 *		effect is at least as large in absolute value as the observed one.
 *		All C(n, treated) relabellings are enumerated when there are at
 *		most EXACT_MAX of them (the observed one among them, so the
 *		p-value is at least 1 / C(n, treated)); otherwise reps relabellings
 *		are drawn (seeded) and the p-value is (b + 1) / (reps + 1), b the
 *		number at least as large.  Permuted effects that differ from the
 *		observed one by less than 1e-12 times the largest absolute change
 *		count as ties (rounding: the same partition summed in another
 *		order);
 *	  - lower, upper: the seeded bootstrap percentile interval at level,
 *		resampling with replacement within each group (as many treated and
 *		as many controls as observed), interpolated between order
 *		statistics as numpy's default quantile (type 7);
 *	  - mde: the minimum detectable effect at 80% power and a two-sided 5%
 *		test by the normal approximation,
 *		(z_0.975 + z_0.80) sd sqrt(1/n1 + 1/n0), sd the pooled standard
 *		deviation of the changes (n1 + n0 - 2 degrees of freedom).
 *
 *	  Random numbers come from pg_prng (xoroshiro128**) seeded with the seed
 *	  argument, one stream for the permutations and one for the bootstrap,
 *	  and every sum runs in a fixed order: the same seed gives the same
 *	  result on any machine (this file is compiled without floating-point
 *	  contraction, see the Makefile).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/int.h"
#include "common/pg_prng.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "tb_compat.h"
#include "tb_typeio.h"

#define DID_MAX_UNITS 100000	/* most units a state holds */
#define DID_MAX_REPS 1000000	/* most replicates per call */
#define EXACT_MAX 200000		/* most relabellings enumerated */
#define DID_VERSION 1			/* first byte of the binary form */
#define TIE_TOLERANCE 1e-12		/* relative to the largest |change| */

/* z_0.975 + z_0.80: a two-sided 5% test with 80% power */
#define MDE_MULTIPLIER (1.959963984540054 + 0.8416212335729143)

typedef struct DidUnit
{
	double		change;
	int32		treated;		/* 1 or 0 */
	int32		pad;			/* always 0 */
} DidUnit;

typedef struct TbDid
{
	int32		vl_len_;		/* varlena header */
	int32		n;				/* units held */
	int32		capacity;		/* units there is room for */
	int32		flags;			/* always 0 */
	int64		missing;		/* rows left out */
	DidUnit		units[FLEXIBLE_ARRAY_MEMBER];
} TbDid;

#define DID_HDRSZ offsetof(TbDid, units)
#define DID_SIZE(cap) (DID_HDRSZ + (Size) (cap) * sizeof(DidUnit))
#define PG_GETARG_TBDID_P(n) ((TbDid *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static TbDid *
did_new(int32 capacity)
{
	TbDid	   *s = palloc0(DID_SIZE(capacity));

	SET_VARSIZE(s, DID_SIZE(capacity));
	s->capacity = capacity;
	return s;
}

static void
did_too_many(int64 n)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("a tb_did state holds at most %d units", DID_MAX_UNITS),
			 errdetail("This one would hold " INT64_FORMAT ".", n),
			 errhint("Compute the effect per group of at most %d units (countries).", DID_MAX_UNITS)));
}

static int64
did_add_missing(int64 a, int64 b)
{
	int64		r;

	if (pg_add_s64_overflow(a, b, &r))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a tb_did state counts at most " INT64_FORMAT " missing rows", PG_INT64_MAX),
				 errdetail("Adding " INT64_FORMAT " to " INT64_FORMAT " overflows.", b, a),
				 errhint("Roll up fewer states.")));
	return r;
}

/*
 * A state holding s's units with room for extra more: s itself when it may
 * be changed in place (inside an aggregate, not toasted) and has the room,
 * else a copy in the current memory context (the per-tuple context inside
 * an aggregate, which copies the result into its own).
 */
static TbDid *
did_writable(FunctionCallInfo fcinfo, Datum d, int32 extra)
{
	TbDid	   *s;
	TbDid	   *copy;
	int64		need,
				cap;

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(DatumGetPointer(d)))
	{
		s = (TbDid *) DatumGetPointer(d);
		if ((int64) s->n + extra <= s->capacity)
			return s;
	}
	else
		s = (TbDid *) PG_DETOAST_DATUM(d);
	need = (int64) s->n + extra;
	if (need > DID_MAX_UNITS)
		did_too_many(need);
	cap = Max((int64) s->capacity * 2, 16);
	cap = Min(Max(cap, need), DID_MAX_UNITS);
	copy = did_new((int32) cap);
	copy->n = s->n;
	copy->missing = s->missing;
	memcpy(copy->units, s->units, (Size) s->n * sizeof(DidUnit));
	return copy;
}

static int
cmp_unit(const void *a, const void *b, void *arg)
{
	const DidUnit *x = a,
			   *y = b;

	if (x->treated != y->treated)
		return x->treated > y->treated ? -1 : 1;
	return x->change < y->change ? -1 : (x->change > y->change ? 1 : 0);
}

/* A canonical copy of s: treated first, ascending changes, no spare room. */
static TbDid *
did_canonical(const TbDid *s)
{
	TbDid	   *c = did_new(s->n);

	c->n = s->n;
	c->missing = s->missing;
	memcpy(c->units, s->units, (Size) s->n * sizeof(DidUnit));
	qsort_interruptible(c->units, c->n, sizeof(DidUnit), cmp_unit, NULL);
	return c;
}

/* checks a change read from text or binary or computed; -0 becomes 0 */
static double
did_change(double before, double after)
{
	double		c;

	if (!isfinite(before) || !isfinite(after))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("tb_did cannot take a non-finite outcome"),
				 errdetail("The outcome is %s before and %s after.",
						   float8out_internal(before), float8out_internal(after)),
				 errhint("Pass NULL for a missing outcome: the row is counted as missing.")));
	c = after - before;
	if (!isfinite(c))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the change of an outcome is out of range for double precision"),
				 errdetail("The outcome is %s before and %s after.",
						   float8out_internal(before), float8out_internal(after)),
				 errhint("Rescale the outcome (per 100,000 inhabitants, in thousands).")));
	return c == 0 ? 0.0 : c;
}

/* ---------------------------------------------------------------------
 * Type I/O
 *
 * Text: missing=K treated=[c c ...] control=[c ...], the changes as
 * shortest-exact doubles; any order on input, ascending on output.
 * Binary: a version byte (1), missing (int8), the number of treated and of
 * control units (int4 each), then their changes (float8), treated first.
 * ---------------------------------------------------------------------
 */

static void
did_syntax(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tb_did: \"%s\"", input),
			 errdetail("%s", why),
			 errhint("Write missing=K treated=[change ...] control=[change ...], e.g. missing=0 treated=[1.5 3] control=[-2].")));
}

/* reads "name=[c c ...]" at *p into s as group treated */
static void
did_read_group(const char *input, char **p, const char *name, int32 treated, TbDid **s)
{
	size_t		len = strlen(name);
	char	   *q = *p;

	if (strncmp(q, name, len) != 0 || q[len] != '=' || q[len + 1] != '[')
		did_syntax(input, psprintf("Expected \"%s=[\".", name));
	q += len + 2;
	while (*q != ']')
	{
		char	   *end;
		double		v;

		if (*q == '\0')
			did_syntax(input, psprintf("The list %s ends without \"]\".", name));
		if (*q == ' ' || *q == '+')
			did_syntax(input, "A change must follow \"[\" or a single space directly.");
		errno = 0;
		v = strtod(q, &end);
		if (end != q && *end == '\0')
			did_syntax(input, psprintf("The list %s ends without \"]\".", name));
		if (end == q || (*end != ' ' && *end != ']'))
			did_syntax(input, psprintf("A change of %s is not a number.", name));
		if (!isfinite(v))
			did_syntax(input, "A change must be finite.");
		if (*s == NULL || (*s)->n == (*s)->capacity)
		{
			TbDid	   *g;
			int64		cap = *s ? (int64) (*s)->capacity * 2 : 16;

			if (*s && (*s)->n >= DID_MAX_UNITS)
				did_too_many((int64) (*s)->n + 1);
			cap = Min(cap, DID_MAX_UNITS);
			g = did_new((int32) cap);
			if (*s)
			{
				g->n = (*s)->n;
				memcpy(g->units, (*s)->units, (Size) (*s)->n * sizeof(DidUnit));
			}
			*s = g;
		}
		(*s)->units[(*s)->n].change = v == 0 ? 0.0 : v;
		(*s)->units[(*s)->n].treated = treated;
		(*s)->n++;
		q = end;
		if (*q == ' ')
		{
			q++;
			if (*q == ']')
				did_syntax(input, "A space must be followed by a change.");
		}
	}
	*p = q + 1;
}

PG_FUNCTION_INFO_V1(tb_did_in);
Datum
tb_did_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	char	   *p = input;
	char	   *end;
	TbDid	   *s = NULL;
	int64		missing;

	if (strncmp(p, "missing=", 8) != 0 || !isdigit((unsigned char) p[8]))
		did_syntax(input, "Expected \"missing=\" and a count.");
	p += 8;
	errno = 0;
	missing = strtoi64(p, &end, 10);
	if (errno == ERANGE)
		did_syntax(input, "The missing count is out of range.");
	p = end;
	if (*p++ != ' ')
		did_syntax(input, "Expected a space after the missing count.");
	did_read_group(input, &p, "treated", 1, &s);
	if (*p++ != ' ')
		did_syntax(input, "Expected a space after the treated units.");
	did_read_group(input, &p, "control", 0, &s);
	if (*p != '\0')
		did_syntax(input, "Unexpected text after the control units.");
	if (s == NULL)
		s = did_new(0);
	s->missing = missing;
	PG_RETURN_POINTER(did_canonical(s));
}

static void
did_append_group(StringInfo buf, const TbDid *c, const char *name, int32 treated)
{
	bool		first = true;
	int			i;

	appendStringInfo(buf, " %s=[", name);
	for (i = 0; i < c->n; i++)
	{
		if (c->units[i].treated != treated)
			continue;
		if (!first)
			appendStringInfoChar(buf, ' ');
		tb_append_double(buf, c->units[i].change);
		first = false;
	}
	appendStringInfoChar(buf, ']');
}

PG_FUNCTION_INFO_V1(tb_did_out);
Datum
tb_did_out(PG_FUNCTION_ARGS)
{
	TbDid	   *c = did_canonical(PG_GETARG_TBDID_P(0));
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "missing=" INT64_FORMAT, c->missing);
	did_append_group(&buf, c, "treated", 1);
	did_append_group(&buf, c, "control", 0);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(tb_did_send);
Datum
tb_did_send(PG_FUNCTION_ARGS)
{
	TbDid	   *c = did_canonical(PG_GETARG_TBDID_P(0));
	StringInfoData buf;
	int32		n1 = 0;
	int			i;

	for (i = 0; i < c->n; i++)
		n1 += c->units[i].treated;
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, DID_VERSION);
	pq_sendint64(&buf, c->missing);
	pq_sendint32(&buf, n1);
	pq_sendint32(&buf, c->n - n1);
	for (i = 0; i < c->n; i++)
		pq_sendfloat8(&buf, c->units[i].change);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(tb_did_recv);
Datum
tb_did_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TbDid	   *s;
	int64		missing;
	int32		n1,
				n0;
	int			i;

	if (buf->len - buf->cursor < 17)
		tb_invalid_binary("tb_did", "The message is shorter than its header (17 bytes).");
	if (pq_getmsgbyte(buf) != DID_VERSION)
		tb_invalid_binary("tb_did", "Unknown version: this build reads version 1.");
	missing = pq_getmsgint64(buf);
	n1 = (int32) pq_getmsgint(buf, 4);
	n0 = (int32) pq_getmsgint(buf, 4);
	if (missing < 0 || n1 < 0 || n0 < 0)
		tb_invalid_binary("tb_did", "A count is negative.");
	if ((int64) n1 + n0 > DID_MAX_UNITS)
		did_too_many((int64) n1 + n0);
	if ((int64) buf->len - buf->cursor != ((int64) n1 + n0) * 8)
		tb_invalid_binary("tb_did", psprintf("%d changes need %lld bytes, the message has %d.",
											 n1 + n0, ((long long) n1 + n0) * 8, buf->len - buf->cursor));
	s = did_new(n1 + n0);
	s->missing = missing;
	for (i = 0; i < n1 + n0; i++)
	{
		double		v = pq_getmsgfloat8(buf);

		if (!isfinite(v))
			tb_invalid_binary("tb_did", "A change is not finite.");
		s->units[i].change = v == 0 ? 0.0 : v;
		s->units[i].treated = i < n1 ? 1 : 0;
	}
	s->n = n1 + n0;
	PG_RETURN_POINTER(did_canonical(s));
}

/* ---------------------------------------------------------------------
 * The aggregate
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(tb_did_add);
Datum
tb_did_add(PG_FUNCTION_ARGS)
{
	TbDid	   *s;
	bool		missing = PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3);
	double		c = 0;

	if (!missing)
		c = did_change(PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3));
	if (PG_ARGISNULL(0))
	{
		s = did_new(16);
		if (missing)
			s->missing = 1;
		else
		{
			s->units[0].change = c;
			s->units[0].treated = PG_GETARG_BOOL(1) ? 1 : 0;
			s->n = 1;
		}
		PG_RETURN_POINTER(s);
	}
	if (missing)
	{
		s = did_writable(fcinfo, PG_GETARG_DATUM(0), 0);
		s->missing = did_add_missing(s->missing, 1);
		PG_RETURN_POINTER(s);
	}
	s = did_writable(fcinfo, PG_GETARG_DATUM(0), 1);
	s->units[s->n].change = c;
	s->units[s->n].treated = PG_GETARG_BOOL(1) ? 1 : 0;
	s->n++;
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(tb_did_combine);
Datum
tb_did_combine(PG_FUNCTION_ARGS)
{
	TbDid	   *b,
			   *s;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = PG_GETARG_TBDID_P(1);
	if (PG_ARGISNULL(0))
	{
		s = did_new(b->n);
		s->n = b->n;
		s->missing = b->missing;
		memcpy(s->units, b->units, (Size) b->n * sizeof(DidUnit));
		PG_RETURN_POINTER(s);
	}
	s = did_writable(fcinfo, PG_GETARG_DATUM(0), b->n);
	s->missing = did_add_missing(s->missing, b->missing);
	memcpy(s->units + s->n, b->units, (Size) b->n * sizeof(DidUnit));
	s->n += b->n;
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(tb_did_final);
Datum
tb_did_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(did_new(0));
	PG_RETURN_POINTER(did_canonical(PG_GETARG_TBDID_P(0)));
}

/* ---------------------------------------------------------------------
 * The effect
 * ---------------------------------------------------------------------
 */

/* The quantile p of sorted x[0..n-1], interpolated (type 7). */
static double
quantile_sorted(const double *x, int n, double p)
{
	double		h = (n - 1) * p;
	int			lo = (int) floor(h);

	if (lo >= n - 1)
		return x[n - 1];
	return x[lo] + (h - lo) * (x[lo + 1] - x[lo]);
}

static int
cmp_double(const void *a, const void *b, void *arg)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* the effect of a relabelling whose treated units sum to s1 */
static inline double
effect_of(double s1, double total, int n1, int n0)
{
	return s1 / n1 - (total - s1) / n0;
}

/* C(n, k), or EXACT_MAX + 1 when larger */
static double
combinations_capped(int n, int k)
{
	double		c = 1;
	int			i;

	k = Min(k, n - k);
	for (i = 0; i < k; i++)
	{
		c = c * (n - i) / (i + 1);
		if (c > EXACT_MAX)
			return EXACT_MAX + 1;
	}
	return round(c);
}

/*
 * The number of relabellings at least as extreme as the observed one:
 * every subset of k of the n pooled changes z (k = the smaller group),
 * enumerated in lexicographic order.  *m gets the number of subsets.
 */
static int64
permutation_exact(const double *z, int n, int k, bool k_is_treated, int n1, int n0,
				  double total, double threshold, int64 *m)
{
	int		   *idx = palloc(Max(k, 1) * sizeof(int));
	int64		b = 0,
				count = 0;
	int			i;

	for (i = 0; i < k; i++)
		idx[i] = i;
	for (;;)
	{
		double		s = 0;

		if ((count & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		for (i = 0; i < k; i++)
			s += z[idx[i]];
		if (fabs(effect_of(k_is_treated ? s : total - s, total, n1, n0)) >= threshold)
			b++;
		count++;
		/* next combination */
		i = k - 1;
		while (i >= 0 && idx[i] == n - k + i)
			i--;
		if (i < 0)
			break;
		idx[i]++;
		for (i = i + 1; i < k; i++)
			idx[i] = idx[i - 1] + 1;
	}
	pfree(idx);
	*m = count;
	return b;
}

/* the same over reps relabellings drawn by a partial Fisher-Yates shuffle */
static int64
permutation_monte_carlo(const double *z, int n, int k, bool k_is_treated, int n1, int n0,
						double total, double threshold, int32 reps, pg_prng_state *rng)
{
	int		   *perm = palloc(n * sizeof(int));
	int64		b = 0;
	int			i,
				r;

	for (i = 0; i < n; i++)
		perm[i] = i;
	for (r = 0; r < reps; r++)
	{
		double		s = 0;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < k; i++)
		{
			int			j = i + (int) pg_prng_uint64_range(rng, 0, (uint64) (n - 1 - i));
			int			t = perm[i];

			perm[i] = perm[j];
			perm[j] = t;
			s += z[perm[i]];
		}
		if (fabs(effect_of(k_is_treated ? s : total - s, total, n1, n0)) >= threshold)
			b++;
	}
	pfree(perm);
	return b;
}

static double
mean_of(const double *x, int n)
{
	double		s = 0;
	int			i;

	for (i = 0; i < n; i++)
		s += x[i];
	return s / n;
}

static double
sum_sq_dev(const double *x, int n, double mean)
{
	double		s = 0;
	int			i;

	for (i = 0; i < n; i++)
		s += (x[i] - mean) * (x[i] - mean);
	return s;
}

PG_FUNCTION_INFO_V1(tb_did_effect);

/*
 * tb_did_effect(state, reps, level, seed) -> (effect, treated, control,
 * p_value, exact, lower, upper, mde)
 */
Datum
tb_did_effect(PG_FUNCTION_ARGS)
{
	int32		reps = PG_GETARG_INT32(1);
	double		level = PG_GETARG_FLOAT8(2);
	int64		seed = PG_GETARG_INT64(3);
	TupleDesc	tupdesc;
	Datum		values[8];
	bool		nulls[8];
	TbDid	   *c;
	double	   *z;
	double	   *x1,
			   *x0;
	int			n,
				n1 = 0,
				n0,
				i;

	if (reps < 1 || reps > DID_MAX_REPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reps must be between 1 and %d", DID_MAX_REPS),
				 errdetail("reps is %d.", reps),
				 errhint("10000 replicates are the usual choice.")));
	if (isnan(level) || level <= 0 || level >= 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level must be between 0 and 1, both excluded"),
				 errdetail("level is %g.", level),
				 errhint("Use 0.95 for a 95%% interval.")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	tupdesc = BlessTupleDesc(tupdesc);

	c = did_canonical(PG_GETARG_TBDID_P(0));
	n = c->n;
	for (i = 0; i < n; i++)
		n1 += c->units[i].treated;
	n0 = n - n1;

	memset(nulls, true, sizeof(nulls));
	values[1] = Int32GetDatum(n1);
	nulls[1] = false;
	values[2] = Int32GetDatum(n0);
	nulls[2] = false;
	if (n1 > 0 && n0 > 0)
	{
		/* canonical: the treated first, each group ascending */
		double		m1,
					m0,
					effect,
					total = 0,
					scale = 0,
					threshold,
					p;
		bool		exact;
		bool		k_is_treated = n1 <= n0;
		int			k = Min(n1, n0);
		int64		b,
					m;
		pg_prng_state rng;
		double	   *boot;
		int			r;

		z = palloc(n * sizeof(double));
		for (i = 0; i < n; i++)
		{
			z[i] = c->units[i].change;
			total += z[i];
			scale = Max(scale, fabs(z[i]));
		}
		x1 = z;
		x0 = z + n1;
		m1 = mean_of(x1, n1);
		m0 = mean_of(x0, n0);
		effect = m1 - m0;

		/* the permutation test, against the observed labelling's statistic */
		{
			double		s = 0;
			const double *g = k_is_treated ? x1 : x0;

			for (i = 0; i < k; i++)
				s += g[i];
			threshold = fabs(effect_of(k_is_treated ? s : total - s, total, n1, n0)) - TIE_TOLERANCE * scale;
		}
		exact = combinations_capped(n, k) <= EXACT_MAX;
		if (exact)
		{
			b = permutation_exact(z, n, k, k_is_treated, n1, n0, total, threshold, &m);
			p = (double) b / (double) m;
		}
		else
		{
			pg_prng_seed(&rng, (uint64) seed ^ UINT64CONST(0x9E3779B97F4A7C15));
			b = permutation_monte_carlo(z, n, k, k_is_treated, n1, n0, total, threshold, reps, &rng);
			p = (double) (b + 1) / (double) (reps + 1);
		}

		/* the bootstrap within each group */
		pg_prng_seed(&rng, (uint64) seed);
		boot = palloc(reps * sizeof(double));
		for (r = 0; r < reps; r++)
		{
			double		s1 = 0,
						s0 = 0;

			CHECK_FOR_INTERRUPTS();
			for (i = 0; i < n1; i++)
				s1 += x1[pg_prng_uint64_range(&rng, 0, (uint64) n1 - 1)];
			for (i = 0; i < n0; i++)
				s0 += x0[pg_prng_uint64_range(&rng, 0, (uint64) n0 - 1)];
			boot[r] = s1 / n1 - s0 / n0;
		}
		qsort_interruptible(boot, reps, sizeof(double), cmp_double, NULL);

		values[0] = Float8GetDatum(effect);
		nulls[0] = false;
		values[3] = Float8GetDatum(p);
		nulls[3] = false;
		values[4] = BoolGetDatum(exact);
		nulls[4] = false;
		values[5] = Float8GetDatum(quantile_sorted(boot, reps, (1 - level) / 2));
		nulls[5] = false;
		values[6] = Float8GetDatum(quantile_sorted(boot, reps, (1 + level) / 2));
		nulls[6] = false;
		if (n >= 3)
		{
			double		sd = sqrt((sum_sq_dev(x1, n1, m1) + sum_sq_dev(x0, n0, m0)) / (n - 2));

			values[7] = Float8GetDatum(MDE_MULTIPLIER * sd * sqrt(1.0 / n1 + 1.0 / n0));
			nulls[7] = false;
		}
	}
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}
