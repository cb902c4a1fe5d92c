/*-------------------------------------------------------------------------
 *
 * agreement.c
 *	  The tb_agreement type: how many times each value was given in each
 *	  unit (an indicator), the whole of what agreement statistics need:
 *	  Krippendorff's alpha (nominal, ordinal, interval, ratio metrics),
 *	  Fleiss' kappa, observed percent agreement, and per-unit diversity
 *	  (Gini-Simpson, normalised entropy).  Each country is a rater.
 *
 * The state costs one entry per distinct (unit, value), built in one pass
 * over the rows: never one per pair of raters.  Inside an aggregate it is
 * a PostgreSQL expanded object (a hash table of units, each with its
 * values and counts), updated in place; it is flattened, units and values
 * sorted, only when it leaves the aggregate: to be stored, sent to a
 * parallel leader or another server, or read.
 *
 * Text form (canonical):  missing=1 "PREV01" [0:3 1:10] "PREV02" [1:4]
 *
 * The dispersion statistics (dispersion.c) and the adoption counts of
 * practices (adoption.c) are aggregates over the same state, through
 * tb_agreement.h.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/float.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "tb_agreement.h"
#include "tb_compat.h"
#include "tb_label.h"
#include "tb_typeio.h"

#define TB_AGREEMENT_VERSION 1

/*
 * Most ratings one state holds, missing ones included: 2^53, so that every
 * count and every sum of counts is exact in the doubles the statistics use,
 * and no sum of counts can overflow an int64.
 */
#define MAX_RATINGS (INT64CONST(1) << 53)

/* ---------------------------------------------------------------------
 * Flat form: header, then per unit (sorted by label): uint16 label
 * length, the label, int32 number of values, then (float8 value, int64
 * count) pairs sorted by value.  Unaligned: read with memcpy.
 * --------------------------------------------------------------------- */
typedef struct TbAgreement
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		pad;
	int32		nunits;
	int64		missing;
	char		data[FLEXIBLE_ARRAY_MEMBER];
} TbAgreement;

/*
 * A unit finds a value among its first SCAN_MAX by scanning.  Past that (the
 * many distinct values of a dispersion or median state) it looks nothing
 * up: its values are kept sorted and distinct up to nsorted, and a new
 * rating is appended after them, pending; once the pending ones are as many
 * as the sorted ones (or PENDING_MIN), they are sorted and merged in.  A row
 * then costs an append and, amortised, its share of a sort, in memory
 * written in order: no probe into a table that outgrows the cache.
 */
#define SCAN_MAX 16
#define PENDING_MIN 256

static Size ea_get_flat_size(ExpandedObjectHeader *eohptr);
static TbAgreement *build_flat(const Parsed *p);
static void ea_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods ea_methods = {
	ea_get_flat_size,
	ea_flatten_into
};

/*
 * Past SCAN_UNITS units, an index finds a unit by label: the key of an
 * entry is the pointer to the unit's label, hashed and compared as the
 * string it points to.
 */
#define SCAN_UNITS 8

typedef struct UnitIndexEntry
{
	const char *label;			/* hash key: keep first */
	Unit	   *unit;
} UnitIndexEntry;

static uint32
unit_key_hash(const void *key, Size keysize)
{
	const char *s = *(const char *const *) key;

	return hash_bytes((const unsigned char *) s, strlen(s));
}

static int
unit_key_match(const void *key1, const void *key2, Size keysize)
{
	return strcmp(*(const char *const *) key1, *(const char *const *) key2);
}

static void
index_unit(ExpandedAgreement *ea, Unit *u)
{
	UnitIndexEntry *e;

	if (ea->index == NULL)
	{
		HASHCTL		ctl;

		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(char *);
		ctl.entrysize = sizeof(UnitIndexEntry);
		ctl.hash = unit_key_hash;
		ctl.match = unit_key_match;
		ctl.hcxt = ea->hdr.eoh_context;
		ea->index = hash_create("tb_agreement units", 64, &ctl,
								HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}
	e = (UnitIndexEntry *) hash_search(ea->index, &u->label, HASH_ENTER, NULL);
	e->unit = u;
}

static ExpandedAgreement *
ea_new(MemoryContext parent)
{
	/*
	 * Small first: a grouped aggregate keeps one state per group, most of
	 * them a unit and a few values (a median per indicator).  The arrays of
	 * a large state are chunks of their own, past the small blocks.
	 */
	MemoryContext cxt = AllocSetContextCreate(parent, "tb_agreement", ALLOCSET_SMALL_SIZES);
	ExpandedAgreement *ea = MemoryContextAllocZero(cxt, sizeof(ExpandedAgreement));

	EOH_init_header(&ea->hdr, &ea_methods, cxt);
	return ea;
}

/* A unit label longer than UNIT_MAX bytes is an error, not truncated. */
void
tb_check_unit_label(const char *label, int len)
{
	if (len > UNIT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("a unit label is longer than %d bytes", UNIT_MAX)));
}

/* NaN and infinities have no place on a rating scale. */
void
tb_check_rating(double v)
{
	if (isnan(v) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot rate %s: agreement needs finite values", isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity")),
				 errhint("Map it to NULL, a missing rating.")));
}

/* Account for n more ratings in the state, or say it cannot hold them. */
void
tb_ea_count(ExpandedAgreement *ea, int64 n)
{
	if (n > MAX_RATINGS - ea->ratings)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a tb_agreement state cannot hold more than 2^53 ratings"),
				 errdetail("It holds " INT64_FORMAT " and " INT64_FORMAT " more were added.",
						   ea->ratings, n),
				 errhint("Keep the states of parts apart and combine their statistics instead.")));
	ea->ratings += n;
}

/* The index of value v among the (few, unsorted) values of unit u, or -1. */
static int
value_index(const Unit *u, double v)
{
	int			i;

	for (i = 0; i < u->ncats; i++)
		if (u->values[i] == v)
			return i;
	return -1;
}

/* Sort u's pending values and merge them in (below). */
static void merge_pending(ExpandedAgreement *ea, Unit *u);

/*
 * The unit called label (len bytes, not necessarily NUL-terminated), made
 * if new.  The last unit found is kept: rows usually arrive unit by unit,
 * and a row of the same unit as the one before then costs no lookup.
 */
static Unit *
unit_for(ExpandedAgreement *ea, const char *label, int len)
{
	Unit	   *u = ea->last;
	int			i;

	if (u != NULL && ea->last_len == len && memcmp(u->label, label, len) == 0)
		return u;
	u = NULL;
	if (ea->index == NULL)
	{
		for (i = 0; i < ea->nunits; i++)
			/* strncmp stops at the end of a shorter label: no read past it */
			if (strncmp(ea->units[i]->label, label, len) == 0 && ea->units[i]->label[len] == '\0')
			{
				u = ea->units[i];
				break;
			}
	}
	else
	{
		char		key[UNIT_MAX + 1];
		char	   *keyp = key;
		UnitIndexEntry *e;

		memcpy(key, label, len);
		key[len] = '\0';
		e = (UnitIndexEntry *) hash_search(ea->index, &keyp, HASH_FIND, NULL);
		if (e)
			u = e->unit;
	}
	if (u == NULL)
	{
		MemoryContext cxt = ea->hdr.eoh_context;

		u = MemoryContextAlloc(cxt, sizeof(Unit));
		u->label = MemoryContextAlloc(cxt, len + 1);
		memcpy(u->label, label, len);
		u->label[len] = '\0';
		u->ncats = 0;
		u->cap = 4;
		u->values = MemoryContextAlloc(cxt, u->cap * sizeof(double));
		u->counts = MemoryContextAlloc(cxt, u->cap * sizeof(int64));
		u->m = 0;
		u->nsorted = 0;
		if (ea->nunits == ea->cap)
		{
			ea->cap = Max(4, ea->cap * 2);
			ea->units = ea->units ? repalloc(ea->units, ea->cap * sizeof(Unit *))
				: MemoryContextAlloc(cxt, ea->cap * sizeof(Unit *));
		}
		ea->units[ea->nunits++] = u;
		if (ea->nunits == SCAN_UNITS + 1)
			for (i = 0; i < ea->nunits; i++)
				index_unit(ea, ea->units[i]);
		else if (ea->nunits > SCAN_UNITS + 1)
			index_unit(ea, u);
	}
	ea->last = u;
	ea->last_len = len;
	return u;
}

/* Add count ratings of value v to unit u (already counted). */
static void
unit_add(ExpandedAgreement *ea, Unit *u, double v, int64 count)
{
	int			i = -1;

	if (v == 0)
		v = 0;					/* -0 and 0 are one value */
	if (u->nsorted == 0)
		i = value_index(u, v);
	else if (u->ncats - u->nsorted >= Max(u->nsorted, PENDING_MIN))
		merge_pending(ea, u);
	if (i < 0)
	{
		if (u->ncats == u->cap)
		{
			u->cap *= 2;
			u->values = repalloc(u->values, u->cap * sizeof(double));
			u->counts = repalloc(u->counts, u->cap * sizeof(int64));
		}
		i = u->ncats++;
		u->values[i] = v;
		u->counts[i] = 0;
	}
	u->counts[i] += count;
	u->m += count;
	/* too many to scan: sort them, and append from now on */
	if (u->nsorted == 0 && u->ncats > SCAN_MAX)
		merge_pending(ea, u);
}

/* Add count ratings of value v to unit label. */
void
tb_ea_add(ExpandedAgreement *ea, const char *label, double v, int64 count)
{
	tb_ea_count(ea, count);
	unit_add(ea, unit_for(ea, label, strlen(label)), v, count);
}

/* Add every rating of a read state p (combining, expanding). */
static void
add_parsed(ExpandedAgreement *ea, const Parsed *p)
{
	int			i,
				j;

	tb_ea_count(ea, p->missing);
	ea->missing += p->missing;
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *src = &p->units[i];
		Unit	   *u;

		CHECK_FOR_INTERRUPTS();
		tb_ea_count(ea, src->m);
		u = unit_for(ea, src->label, strlen(src->label));
		for (j = 0; j < src->ncats; j++)
			unit_add(ea, u, src->values[j], src->counts[j]);
	}
}

/* ---- reading a flat state ---- */

static Parsed *
parse_flat(const TbAgreement *a)
{
	Parsed	   *p = palloc(sizeof(Parsed));
	const char *d = a->data;
	char	   *labels = palloc(VARSIZE(a));	/* room for every label and its NUL */
	/* every (value, count) pair takes 16 bytes of the state: a bound on them */
	Size		npairs = VARSIZE(a) / 16 + 1;
	double	   *values = palloc(npairs * sizeof(double));
	int64	   *counts = palloc(npairs * sizeof(int64));
	int			i,
				j;

	p->nunits = a->nunits;
	p->missing = a->missing;
	p->units = palloc(Max(a->nunits, 1) * sizeof(Unit));
	for (i = 0; i < a->nunits; i++)
	{
		Unit	   *u = &p->units[i];
		uint16		len;
		int32		n;

		CHECK_FOR_INTERRUPTS();
		memcpy(&len, d, sizeof(uint16));
		d += sizeof(uint16);
		u->label = labels;
		memcpy(labels, d, len);
		labels[len] = '\0';
		labels += len + 1;
		d += len;
		memcpy(&n, d, sizeof(int32));
		d += sizeof(int32);
		u->ncats = n;
		u->cap = n;
		u->nsorted = 0;
		/* the units' arrays are slices of two arrays: two allocations in all */
		u->values = values;
		u->counts = counts;
		values += n;
		counts += n;
		u->m = 0;
		for (j = 0; j < n; j++)
		{
			memcpy(&u->values[j], d, sizeof(double));
			d += sizeof(double);
			memcpy(&u->counts[j], d, sizeof(int64));
			d += sizeof(int64);
			u->m += u->counts[j];
		}
	}
	return p;
}

/* ---- units by label, values ascending ---- */

static int
cmp_unit_ptr(const void *a, const void *b, void *arg)
{
	return strcmp((*(Unit *const *) a)->label, (*(Unit *const *) b)->label);
}

typedef struct ValueCount
{
	double		value;
	int64		count;
} ValueCount;

static int
cmp_value_count(const void *a, const void *b, void *arg)
{
	double		x = ((const ValueCount *) a)->value;
	double		y = ((const ValueCount *) b)->value;

	return (x > y) - (x < y);
}

/*
 * Sort the pending values of u and merge them into its sorted ones, equal
 * values into one: afterwards all its values are sorted and distinct.
 */
static void
merge_pending(ExpandedAgreement *ea, Unit *u)
{
	int			ns = u->nsorted,
				np = u->ncats - u->nsorted;
	ValueCount *vc;
	double	   *values;
	int64	   *counts;
	int			cap = ns + np;
	int			i,
				j,
				n = 0;

	if (np == 0)
		return;
	/* in the object's context: the caller's may be one where nothing is freed */
	vc = MemoryContextAlloc(ea->hdr.eoh_context, np * sizeof(ValueCount));
	for (i = 0; i < np; i++)
	{
		vc[i].value = u->values[ns + i];
		vc[i].count = u->counts[ns + i];
	}
	qsort_interruptible(vc, np, sizeof(ValueCount), cmp_value_count, NULL);
	values = MemoryContextAlloc(ea->hdr.eoh_context, cap * sizeof(double));
	counts = MemoryContextAlloc(ea->hdr.eoh_context, cap * sizeof(int64));
	for (i = 0, j = 0; i < ns || j < np;)
	{
		double		v;
		int64		c;

		CHECK_FOR_INTERRUPTS();
		if (j >= np || (i < ns && u->values[i] <= vc[j].value))
		{
			v = u->values[i];
			c = u->counts[i++];
		}
		else
		{
			v = vc[j].value;
			c = vc[j++].count;
		}
		if (n > 0 && values[n - 1] == v)
			counts[n - 1] += c;
		else
		{
			values[n] = v;
			counts[n++] = c;
		}
	}
	pfree(vc);
	pfree(u->values);
	pfree(u->counts);
	u->values = values;
	u->counts = counts;
	u->cap = cap;
	u->ncats = u->nsorted = n;
}

/* Put a unit's values in ascending order, distinct. */
static void
sort_unit(ExpandedAgreement *ea, Unit *u)
{
	int			i,
				j;

	if (u->nsorted == 0)
	{
		/* insertion sort: a handful of values */
		for (i = 1; i < u->ncats; i++)
		{
			double		v = u->values[i];
			int64		c = u->counts[i];

			for (j = i - 1; j >= 0 && u->values[j] > v; j--)
			{
				u->values[j + 1] = u->values[j];
				u->counts[j + 1] = u->counts[j];
			}
			u->values[j + 1] = v;
			u->counts[j + 1] = c;
		}
	}
	else
		merge_pending(ea, u);
}

/*
 * An expanded state read where it is: its units in label order, each
 * sorted in place, shared by the Parsed (not copied), so that a final
 * function reads the state of its aggregate without flattening it.
 */
static Parsed *
parse_expanded(ExpandedAgreement *ea)
{
	Parsed	   *p = palloc(sizeof(Parsed));
	int			n = ea->nunits;
	Unit	  **order = palloc(Max(n, 1) * sizeof(Unit *));
	int			i;

	if (n > 0)					/* no unit yet: units is NULL */
		memcpy(order, ea->units, n * sizeof(Unit *));
	qsort_interruptible(order, n, sizeof(Unit *), cmp_unit_ptr, NULL);
	p->nunits = (int) n;
	p->missing = ea->missing;
	p->units = palloc(Max(n, 1) * sizeof(Unit));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sort_unit(ea, order[i]);
		p->units[i] = *order[i];
	}
	pfree(order);
	return p;
}

/* The state as a Parsed, whether it is flat or expanded. */
Parsed *
tb_agreement_parsed(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedAgreement *ea = (ExpandedAgreement *) DatumGetEOHP(d);

		if (ea->hdr.eoh_methods == &ea_methods)
			return parse_expanded(ea);
	}
	return parse_flat((TbAgreement *) PG_DETOAST_DATUM(d));
}

static Size
unit_flat_size(const Unit *u)
{
	return sizeof(uint16) + strlen(u->label) + sizeof(int32) + u->ncats * (sizeof(double) + sizeof(int64));
}

static Size
ea_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedAgreement *ea = (ExpandedAgreement *) eohptr;
	Size		size = offsetof(TbAgreement, data);
	int			i;

	for (i = 0; i < ea->nunits; i++)
	{
		/* pending values first merged: the size counts distinct values */
		if (ea->units[i]->nsorted > 0)
			merge_pending(ea, ea->units[i]);
		size += unit_flat_size(ea->units[i]);
	}
	return size;
}

static char *
write_unit(char *d, const Unit *u)
{
	uint16		len = strlen(u->label);
	int32		n = u->ncats;
	int			j;

	memcpy(d, &len, sizeof(uint16));
	d += sizeof(uint16);
	memcpy(d, u->label, len);
	d += len;
	memcpy(d, &n, sizeof(int32));
	d += sizeof(int32);
	for (j = 0; j < n; j++)
	{
		CHECK_FOR_INTERRUPTS();
		memcpy(d, &u->values[j], sizeof(double));
		d += sizeof(double);
		memcpy(d, &u->counts[j], sizeof(int64));
		d += sizeof(int64);
	}
	return d;
}

static void
ea_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedAgreement *ea = (ExpandedAgreement *) eohptr;
	TbAgreement *a = (TbAgreement *) result;
	Unit	  **order;
	int			n = ea->nunits;
	int			i;
	char	   *d;
	MemoryContext old;

	/*
	 * Work in the object's own context: a sort flattens its tuples into a
	 * bump context (PostgreSQL 17 and later), where nothing may be freed.
	 */
	old = MemoryContextSwitchTo(ea->hdr.eoh_context);
	memset(a, 0, offsetof(TbAgreement, data));
	SET_VARSIZE(a, allocated_size);
	a->version = TB_AGREEMENT_VERSION;
	a->nunits = (int32) n;
	a->missing = ea->missing;
	order = palloc(Max(n, 1) * sizeof(Unit *));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sort_unit(ea, ea->units[i]);
		order[i] = ea->units[i];
	}
	qsort_interruptible(order, n, sizeof(Unit *), cmp_unit_ptr, NULL);
	d = a->data;
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		d = write_unit(d, order[i]);
	}
	Assert(d - (char *) a == (ptrdiff_t) allocated_size);
	pfree(order);
	MemoryContextSwitchTo(old);
}

/* Expand a flat state into a new expanded object in context parent. */
static ExpandedAgreement *
expand(Datum d, MemoryContext parent)
{
	ExpandedAgreement *ea = ea_new(parent);

	add_parsed(ea, tb_agreement_parsed(d));
	return ea;
}

/*
 * The state to update: our own read-write expanded object, or a new one
 * (in the aggregate's context, or the current one for a direct call).
 */
ExpandedAgreement *
tb_ea_for_update(FunctionCallInfo fcinfo, int argno)
{
	MemoryContext aggcxt;
	MemoryContext parent;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		aggcxt = NULL;
	parent = aggcxt ? aggcxt : CurrentMemoryContext;
	if (PG_ARGISNULL(argno))
		return ea_new(parent);
	if (aggcxt && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(PG_GETARG_DATUM(argno))))
	{
		ExpandedAgreement *ea = (ExpandedAgreement *) DatumGetEOHP(PG_GETARG_DATUM(argno));

		if (ea->hdr.eoh_methods == &ea_methods)
			return ea;
	}
	return expand(PG_GETARG_DATUM(argno), parent);
}

PG_FUNCTION_INFO_V1(tb_agreement_add);

/* tb_agreement_add(state, unit, value): NULL value is a missing rating. */
Datum
tb_agreement_add(PG_FUNCTION_ARGS)
{
	ExpandedAgreement *ea;
	text	   *t;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("unit must not be NULL"),
				 errhint("The unit is what is rated: the indicator.")));
	ea = tb_ea_for_update(fcinfo, 0);
	t = PG_GETARG_TEXT_PP(1);
	tb_check_unit_label(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if (PG_ARGISNULL(2))
	{
		tb_ea_count(ea, 1);
		ea->missing++;
	}
	else
	{
		double		v = PG_GETARG_FLOAT8(2);

		tb_check_rating(v);
		tb_ea_count(ea, 1);
		unit_add(ea, unit_for(ea, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)), v, 1);
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&ea->hdr));
}

/* ---- merging two flat states ---- */

/* A unit of a flat state, read in place. */
typedef struct FlatUnit
{
	const char *label;			/* not NUL-terminated */
	int			len;
	int32		n;				/* values */
	const char *pairs;			/* n (float8 value, int64 count), unaligned */
} FlatUnit;

static const char *
read_flat_unit(const char *d, FlatUnit *u)
{
	uint16		len;

	memcpy(&len, d, sizeof(uint16));
	u->len = len;
	u->label = d + sizeof(uint16);
	d = u->label + len;
	memcpy(&u->n, d, sizeof(int32));
	u->pairs = d + sizeof(int32);
	return u->pairs + (Size) u->n * (sizeof(double) + sizeof(int64));
}

/* Labels in the order of the flat form (strcmp's: byte order, a prefix first). */
static int
cmp_flat_label(const FlatUnit *a, const FlatUnit *b)
{
	int			c = memcmp(a->label, b->label, Min(a->len, b->len));

	return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

/* The sum of the missing ratings and counts of a flat state. */
static int64
flat_ratings(const TbAgreement *a)
{
	const char *d = a->data;
	int64		total = a->missing;
	int			i,
				j;

	for (i = 0; i < a->nunits; i++)
	{
		FlatUnit	u;

		d = read_flat_unit(d, &u);
		for (j = 0; j < u.n; j++)
		{
			int64		c;

			memcpy(&c, u.pairs + j * 16 + 8, sizeof(int64));
			total += c;
		}
	}
	return total;
}

/*
 * The state of the ratings of two flat states, flat: both are sorted (units
 * by label, values ascending), so one merge of each, linear, builds it in
 * order, where adding one to the other unit by unit would look each up.
 */
static TbAgreement *
merge_flat(const TbAgreement *a, const TbAgreement *b)
{
	Size		bound = VARSIZE(a) + VARSIZE(b);
	TbAgreement *r = palloc(bound);
	const char *da = a->data,
			   *db = b->data;
	char	   *d = r->data;
	int			ia = 0,
				ib = 0;
	FlatUnit	ua,
				ub;
	int64		ra = flat_ratings(a),
				rb = flat_ratings(b);

	if (rb > MAX_RATINGS - ra)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a tb_agreement state cannot hold more than 2^53 ratings"),
				 errdetail("It holds " INT64_FORMAT " and " INT64_FORMAT " more were added.", ra, rb),
				 errhint("Keep the states of parts apart and combine their statistics instead.")));
	memset(r, 0, offsetof(TbAgreement, data));
	r->version = TB_AGREEMENT_VERSION;
	r->missing = a->missing + b->missing;
	if (ia < a->nunits)
		da = read_flat_unit(da, &ua);
	if (ib < b->nunits)
		db = read_flat_unit(db, &ub);
	while (ia < a->nunits || ib < b->nunits)
	{
		int			c;

		CHECK_FOR_INTERRUPTS();
		if (ia >= a->nunits)
			c = 1;
		else if (ib >= b->nunits)
			c = -1;
		else
			c = cmp_flat_label(&ua, &ub);
		if (c != 0)
		{
			/* a unit of one side only: copied whole */
			const FlatUnit *u = c < 0 ? &ua : &ub;
			Size		n = sizeof(uint16) + u->len + sizeof(int32) + (Size) u->n * 16;

			memcpy(d, u->label - sizeof(uint16), n);
			d += n;
		}
		else
		{
			/* a unit of both: its values merged, equal ones into one */
			uint16		len = ua.len;
			char	   *nat;
			int32		n = 0;
			int			i = 0,
						j = 0;

			memcpy(d, &len, sizeof(uint16));
			memcpy(d + sizeof(uint16), ua.label, len);
			nat = d + sizeof(uint16) + len;
			d = nat + sizeof(int32);
			while (i < ua.n || j < ub.n)
			{
				double		va = 0,
							vb = 0;
				int64		ca,
							cb;

				if (i < ua.n)
					memcpy(&va, ua.pairs + i * 16, sizeof(double));
				if (j < ub.n)
					memcpy(&vb, ub.pairs + j * 16, sizeof(double));
				if (j >= ub.n || (i < ua.n && va < vb))
				{
					memcpy(d, ua.pairs + i++ * 16, 16);
				}
				else if (i >= ua.n || vb < va)
				{
					memcpy(d, ub.pairs + j++ * 16, 16);
				}
				else
				{
					memcpy(&ca, ua.pairs + i++ * 16 + 8, sizeof(int64));
					memcpy(&cb, ub.pairs + j++ * 16 + 8, sizeof(int64));
					ca += cb;
					memcpy(d, &va, sizeof(double));
					memcpy(d + 8, &ca, sizeof(int64));
				}
				d += 16;
				n++;
			}
			memcpy(nat, &n, sizeof(int32));
		}
		r->nunits++;
		if (c <= 0 && ++ia < a->nunits)
			da = read_flat_unit(da, &ua);
		if (c >= 0 && ++ib < b->nunits)
			db = read_flat_unit(db, &ub);
	}
	SET_VARSIZE(r, d - (char *) r);
	return r;
}

PG_FUNCTION_INFO_V1(tb_agreement_combine);

/*
 * Combine function, and transition function of tb_rollup(tb_agreement).
 *
 * Partial states of comparable size (the workers' of a parallel aggregate,
 * the data nodes' of a distributed one) are merged flat, in one linear pass.
 * A state much smaller than the one it joins (a rollup of many small parts)
 * is added into the expanded state instead, so that each part costs its own
 * size, not the whole's.
 */
Datum
tb_agreement_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedAgreement *ea;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (!AggCheckCallContext(fcinfo, &aggcxt))
		aggcxt = CurrentMemoryContext;
	if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(PG_GETARG_DATUM(1))) &&
		(PG_ARGISNULL(0) || !VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(PG_GETARG_DATUM(0)))))
	{
		TbAgreement *b = (TbAgreement *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));
		MemoryContext old;
		TbAgreement *r;

		if (PG_ARGISNULL(0))
		{
			/* the first part: a copy of it, in the aggregate's memory */
			r = MemoryContextAlloc(aggcxt, VARSIZE(b));
			memcpy(r, b, VARSIZE(b));
			PG_RETURN_POINTER(r);
		}
		else
		{
			TbAgreement *a = (TbAgreement *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));

			if ((Size) VARSIZE(b) * 4 >= VARSIZE(a))
			{
				old = MemoryContextSwitchTo(aggcxt);
				r = merge_flat(a, b);
				MemoryContextSwitchTo(old);
				PG_RETURN_POINTER(r);
			}
		}
	}
	ea = tb_ea_for_update(fcinfo, 0);
	add_parsed(ea, tb_agreement_parsed(PG_GETARG_DATUM(1)));
	PG_RETURN_DATUM(EOHPGetRWDatum(&ea->hdr));
}

PG_FUNCTION_INFO_V1(tb_agreement_final);

/* Final function of tb_agreement and tb_rollup: the flat, canonical state. */
Datum
tb_agreement_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
	{
		Parsed		empty = {0, 0, NULL};

		PG_RETURN_POINTER(build_flat(&empty));
	}
	PG_RETURN_POINTER(PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0)));
}

/* ---------------------------------------------------------------------
 * Statistics
 * --------------------------------------------------------------------- */

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

int
tb_cmp_double(const void *a, const void *b, void *arg)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

int
tb_value_index(const double *vals, int n, double v)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (vals[mid] == v)
			return mid;
		if (vals[mid] < v)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * The values of the pairable units (two ratings or more) on one scale: the
 * distinct values ascending, how many ratings each has (nm), and, for every
 * value of every pairable unit, its index on the scale (at[first[i] + j]).
 */
typedef struct Scale
{
	int			K;
	double	   *vals;
	double	   *nm;
	double		n;				/* ratings in pairable units */
	int		   *first;			/* per unit: where its indices start */
	int		   *at;
	double	   *count;			/* the counts beside them, as doubles */
} Scale;

/*
 * The distinct values of the units with min_m ratings or more, ascending,
 * into vals; their number (tb_agreement.h).  A table of the values seen (open addressing, at most half full) keeps each
 * once, and only the distinct ones are sorted: the values of a scale are
 * few (five levels) however many units hold them.
 */
int
tb_distinct_values(const Parsed *p, int64 min_m, double *vals)
{
	int			size = 64,
				K = 0;
	double	   *slot = palloc(size * sizeof(double));
	bool	   *used = palloc0(size * sizeof(bool));
	int			i,
				j,
				k;

	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];

		CHECK_FOR_INTERRUPTS();
		if (u->m < min_m)
			continue;
		for (j = 0; j < u->ncats; j++)
		{
			double		v = u->values[j] == 0 ? 0 : u->values[j];	/* -0 is 0 */
			uint64		bits;
			uint32		h;

			memcpy(&bits, &v, sizeof(bits));
			h = (uint32) ((bits * UINT64CONST(0x9E3779B97F4A7C15)) >> 32);
			for (k = h & (size - 1); used[k] && slot[k] != v; k = (k + 1) & (size - 1))
				;
			if (used[k])
				continue;
			used[k] = true;
			slot[k] = v;
			vals[K++] = v;
			if (2 * K > size)
			{
				/* grow: the values seen so far, again, in a table twice as large */
				pfree(slot);
				pfree(used);
				size *= 2;
				slot = palloc(size * sizeof(double));
				used = palloc0(size * sizeof(bool));
				for (k = 0; k < K; k++)
				{
					int			m;

					memcpy(&bits, &vals[k], sizeof(bits));
					h = (uint32) ((bits * UINT64CONST(0x9E3779B97F4A7C15)) >> 32);
					for (m = h & (size - 1); used[m]; m = (m + 1) & (size - 1))
						;
					used[m] = true;
					slot[m] = vals[k];
				}
			}
		}
	}
	pfree(slot);
	pfree(used);
	qsort_interruptible(vals, K, sizeof(double), tb_cmp_double, NULL);
	return K;
}

static bool
build_scale(const Parsed *p, Scale *sc)
{
	int			nall = 0;
	int			i,
				j;

	sc->first = palloc(Max(p->nunits, 1) * sizeof(int));
	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sc->first[i] = nall;
		if (p->units[i].m >= 2)
			nall += p->units[i].ncats;
	}
	if (nall == 0)
		return false;
	sc->vals = palloc(nall * sizeof(double));
	sc->K = tb_distinct_values(p, 2, sc->vals);
	sc->nm = palloc0(sc->K * sizeof(double));
	sc->at = palloc(nall * sizeof(int));
	sc->count = palloc(nall * sizeof(double));
	sc->n = 0;
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];

		CHECK_FOR_INTERRUPTS();
		if (u->m < 2)
			continue;
		for (j = 0; j < u->ncats; j++)
		{
			int			c = tb_value_index(sc->vals, sc->K, u->values[j]);

			sc->at[sc->first[i] + j] = c;
			sc->count[sc->first[i] + j] = u->counts[j];
			sc->nm[c] += u->counts[j];
		}
		sc->n += u->m;
	}
	return true;
}

/*
 * Twice the sum over pairs c < k of w_c w_k (x_k - x_c)^2, which is
 * 2 (W sum w x^2 - (sum w x)^2), taken about an integer pivot near the
 * weighted mean: with whole x and w the sums are whole numbers, exact in
 * doubles below 2^53, so the result is the same to the last bit as the
 * sum over pairs; beyond, the pivot keeps the difference from cancelling.
 */
static double
pair_moments(int nx, const double *w, const double *x, const int *at, double W)
{
	double		s1 = 0,
				s2 = 0,
				pivot;
	int			j;

	for (j = 0; j < nx; j++)
		s1 += w[j] * x[at ? at[j] : j];
	pivot = rint(s1 / W);
	s1 = 0;
	for (j = 0; j < nx; j++)
	{
		double		d = x[at ? at[j] : j] - pivot;

		s1 += w[j] * d;
		s2 += w[j] * d * d;
	}
	return 2 * (W * s2 - s1 * s1);
}

/*
 * Krippendorff's alpha: 1 - (n - 1) * sum_u sum_ck n_uc n_uk d2 / (m_u - 1)
 *							/ sum_ck n_c n_k d2,
 * over the pairable units (two values or more).  NULL when there is no
 * pairable unit or no expected disagreement (a single value overall).
 *
 * The sums over pairs of values take time linear in the values (after the
 * sort) for the nominal, ordinal and interval metrics:
 *	- nominal: sum_{c != k} n_c n_k = n^2 - sum n_c^2;
 *	- ordinal: the distance of c and k is that of their mid-ranks
 *	  g_c = cum_c + n_c / 2 (the marginals from c to k, less half of the two
 *	  ends, are g_k - g_c), so it is the interval metric on 2 g_c, a whole
 *	  number, over 4;
 *	- interval: the moments of the values.
 * The ratio metric has no such form: its sums stay over the pairs.
 */
static bool
alpha(const Parsed *p, Metric metric, double *result)
{
	Scale		sc;
	double		Do = 0,
				De = 0;
	double	   *h = NULL;
	int			i,
				j,
				c,
				k;

	if (!build_scale(p, &sc))
		return false;
	if (metric == METRIC_ORDINAL)
	{
		double		cum = 0;

		/* twice the mid-ranks: whole numbers */
		h = palloc(sc.K * sizeof(double));
		for (c = 0; c < sc.K; c++)
		{
			h[c] = 2 * cum + sc.nm[c];
			cum += sc.nm[c];
		}
	}

	/* observed: per unit, over its pairs of values */
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];
		const int  *at = sc.at + sc.first[i];
		double		s = 0;

		CHECK_FOR_INTERRUPTS();
		if (u->m < 2)
			continue;
		switch (metric)
		{
			case METRIC_NOMINAL:
				{
					double		sq = 0;

					for (j = 0; j < u->ncats; j++)
						sq += (double) u->counts[j] * u->counts[j];
					s = (double) u->m * u->m - sq;
					break;
				}
			case METRIC_ORDINAL:
				/* (2g_k - 2g_c)^2 / 4 over the pairs */
				s = pair_moments(u->ncats, sc.count + sc.first[i], h, at, u->m) / 4;
				break;
			case METRIC_INTERVAL:
				{
					double		s1 = 0,
								s2 = 0;

					for (j = 0; j < u->ncats; j++)
					{
						s1 += u->counts[j] * u->values[j];
						s2 += u->counts[j] * u->values[j] * u->values[j];
					}
					s = 2 * (u->m * s2 - s1 * s1);
					break;
				}
			case METRIC_RATIO:
				for (c = 0; c < u->ncats; c++)
				{
					double		a = u->values[c];
					double		wa = 2.0 * u->counts[c];

					CHECK_FOR_INTERRUPTS();
					for (k = c + 1; k < u->ncats; k++)
					{
						double		b = u->values[k];
						double		d;

						if (a + b == 0)
							continue;
						d = (a - b) / (a + b);
						s += wa * u->counts[k] * (d * d);
					}
				}
				break;
		}
		Do += s / (u->m - 1);
	}

	/* expected: over the pairs of all pairable values */
	switch (metric)
	{
		case METRIC_NOMINAL:
			{
				double		sq = 0;

				for (c = 0; c < sc.K; c++)
					sq += sc.nm[c] * sc.nm[c];
				De = sc.n * sc.n - sq;
				break;
			}
		case METRIC_ORDINAL:
			De = pair_moments(sc.K, sc.nm, h, NULL, sc.n) / 4;
			break;
		case METRIC_INTERVAL:
			{
				double		s1 = 0,
							s2 = 0;

				for (c = 0; c < sc.K; c++)
				{
					s1 += sc.nm[c] * sc.vals[c];
					s2 += sc.nm[c] * sc.vals[c] * sc.vals[c];
				}
				De = 2 * (sc.n * s2 - s1 * s1);
				break;
			}
		case METRIC_RATIO:
			for (c = 0; c < sc.K; c++)
			{
				double		a = sc.vals[c];
				double		wa = 2.0 * sc.nm[c];

				CHECK_FOR_INTERRUPTS();
				for (k = c + 1; k < sc.K; k++)
				{
					double		b = sc.vals[k];
					double		d;

					if (a + b == 0)
						continue;
					d = (a - b) / (a + b);
					De += wa * sc.nm[k] * (d * d);
				}
			}
			break;
	}
	if (De <= 0)
		return false;
	*result = 1 - (sc.n - 1) * Do / De;
	return true;
}

PG_FUNCTION_INFO_V1(tb_alpha);

Datum
tb_alpha(PG_FUNCTION_ARGS)
{
	double		a;

	if (!alpha(tb_agreement_parsed(PG_GETARG_DATUM(0)), metric_of(PG_GETARG_TEXT_PP(1)), &a))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(a);
}

#define ALPHA_FINAL(fname, metric) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	double		a; \
	if (PG_ARGISNULL(0) || !alpha(tb_agreement_parsed(PG_GETARG_DATUM(0)), metric, &a)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(a); \
}

ALPHA_FINAL(tb_alpha_nominal_final, METRIC_NOMINAL)
ALPHA_FINAL(tb_alpha_ordinal_final, METRIC_ORDINAL)
ALPHA_FINAL(tb_alpha_interval_final, METRIC_INTERVAL)
ALPHA_FINAL(tb_alpha_ratio_final, METRIC_RATIO)

PG_FUNCTION_INFO_V1(tb_fleiss_kappa);

/*
 * Fleiss' kappa over the units with ratings; every such unit must have the
 * same number of ratings (two or more).  NULL when all ratings fall in one
 * category.
 */
Datum
tb_fleiss_kappa(PG_FUNCTION_ARGS)
{
	Parsed	   *p;
	int64		m = -1;
	const char *first = NULL;
	double		Pbar = 0;
	double	   *vals;
	double	   *tot;
	int			nall = 0,
				K = 0,
				N = 0;
	double		Pe = 0;
	int			i,
				j;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];

		CHECK_FOR_INTERRUPTS();
		if (u->m == 0)
			continue;
		if (m < 0)
		{
			m = u->m;
			first = u->label;
		}
		else if (u->m != m)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("Fleiss' kappa needs the same number of ratings in every unit"),
					 errdetail("Unit \"%s\" has " INT64_FORMAT " ratings, unit \"%s\" has " INT64_FORMAT ".",
							   first, m, u->label, u->m),
					 errhint("Use Krippendorff's alpha (tb_alpha), which allows missing ratings.")));
		nall += u->ncats;
		N++;
	}
	if (N == 0)
		PG_RETURN_NULL();
	if (m < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("Fleiss' kappa needs at least two ratings per unit")));
	vals = palloc(nall * sizeof(double));
	K = tb_distinct_values(p, 0, vals);
	tot = palloc0(K * sizeof(double));
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];
		double		s = 0;

		CHECK_FOR_INTERRUPTS();
		if (u->m == 0)
			continue;
		for (j = 0; j < u->ncats; j++)
		{
			CHECK_FOR_INTERRUPTS();
			s += (double) u->counts[j] * u->counts[j];
			tot[tb_value_index(vals, K, u->values[j])] += u->counts[j];
		}
		Pbar += (s - m) / ((double) m * (m - 1));
	}
	Pbar /= N;
	for (i = 0; i < K; i++)
	{
		double		pj = tot[i] / ((double) N * m);

		Pe += pj * pj;
	}
	if (Pe >= 1)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((Pbar - Pe) / (1 - Pe));
}

PG_FUNCTION_INFO_V1(tb_percent_agreement);

/* Observed agreement: the mean over pairable units of the share of agreeing pairs. */
Datum
tb_percent_agreement(PG_FUNCTION_ARGS)
{
	Parsed	   *p;
	double		sum = 0;
	int			n = 0;
	int			i,
				j;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];
		double		s = 0;

		CHECK_FOR_INTERRUPTS();
		if (u->m < 2)
			continue;
		for (j = 0; j < u->ncats; j++)
			s += (double) u->counts[j] * (u->counts[j] - 1);
		sum += s / ((double) u->m * (u->m - 1));
		n++;
	}
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sum / n);
}

/* number of distinct values over all units (the categories of the scale) */
static int
distinct_values(const Parsed *p)
{
	int			nall = 0,
				i;

	for (i = 0; i < p->nunits; i++)
		nall += p->units[i].ncats;
	if (nall == 0)
		return 0;
	return tb_distinct_values(p, 0, palloc(nall * sizeof(double)));
}

static double
unit_gini_simpson(const Unit *u)
{
	double		s = 0;
	int			j;

	for (j = 0; j < u->ncats; j++)
	{
		double		pj = (double) u->counts[j] / u->m;

		s += pj * pj;
	}
	return 1 - s;
}

/* entropy of the unit's values over ln(K), K the categories of the whole state */
static double
unit_entropy(const Unit *u, int K)
{
	double		h = 0;
	int			j;

	if (K < 2)
		return 0;
	for (j = 0; j < u->ncats; j++)
	{
		double		pj = (double) u->counts[j] / u->m;

		h -= pj * log(pj);
	}
	h /= log(K);
	/* evenly spread values give 1, which rounding must not push past */
	return h > 1 ? 1 : (h < 0 ? 0 : h);
}

/* mean over the units with ratings */
static Datum
mean_diversity(FunctionCallInfo fcinfo, bool entropy)
{
	Parsed	   *p;
	double		sum = 0;
	int			n = 0,
				K,
				i;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	K = distinct_values(p);
	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (p->units[i].m == 0)
			continue;
		sum += entropy ? unit_entropy(&p->units[i], K) : unit_gini_simpson(&p->units[i]);
		n++;
	}
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sum / n);
}

PG_FUNCTION_INFO_V1(tb_gini_simpson);

Datum
tb_gini_simpson(PG_FUNCTION_ARGS)
{
	return mean_diversity(fcinfo, false);
}

PG_FUNCTION_INFO_V1(tb_entropy);

Datum
tb_entropy(PG_FUNCTION_ARGS)
{
	return mean_diversity(fcinfo, true);
}

PG_FUNCTION_INFO_V1(tb_agreement_units);

Datum
tb_agreement_units(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(tb_agreement_parsed(PG_GETARG_DATUM(0))->nunits);
}

PG_FUNCTION_INFO_V1(tb_agreement_ratings);

Datum
tb_agreement_ratings(PG_FUNCTION_ARGS)
{
	Parsed	   *p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	int64		n = 0;
	int			i;

	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		n += p->units[i].m;
	}
	PG_RETURN_INT64(n);
}

PG_FUNCTION_INFO_V1(tb_unit_diversity);

/* tb_unit_diversity(state) -> (unit, ratings, categories, gini_simpson, entropy) per unit */
Datum
tb_unit_diversity(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Parsed	   *p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	int			K = distinct_values(p);
	int			i;
	TupleDesc	tupdesc;
	Tuplestorestate *ts;
	MemoryContext old;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("tb_unit_diversity must be called where a set is allowed")));
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "tb_unit_diversity must return a record");
	tupdesc = CreateTupleDescCopy(tupdesc);
	ts = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = ts;
	rsinfo->setDesc = tupdesc;
	MemoryContextSwitchTo(old);
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];
		Datum		values[5];
		bool		nulls[5] = {false, false, false, u->m == 0, u->m == 0};

		CHECK_FOR_INTERRUPTS();
		values[0] = CStringGetTextDatum(u->label);
		values[1] = Int64GetDatum(u->m);
		values[2] = Int32GetDatum(u->ncats);
		values[3] = Float8GetDatum(u->m ? unit_gini_simpson(u) : 0);
		values[4] = Float8GetDatum(u->m ? unit_entropy(u, K) : 0);
		tuplestore_putvalues(ts, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * I/O of the flat form
 * --------------------------------------------------------------------- */

/* Build a flat state from units already checked: sorted, distinct. */
static TbAgreement *
build_flat(const Parsed *p)
{
	Size		size = offsetof(TbAgreement, data);
	TbAgreement *a;
	char	   *d;
	int			i;

	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		size += unit_flat_size(&p->units[i]);
	}
	a = palloc0(size);
	SET_VARSIZE(a, size);
	a->version = TB_AGREEMENT_VERSION;
	a->nunits = p->nunits;
	a->missing = p->missing;
	d = a->data;
	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		d = write_unit(d, &p->units[i]);
	}
	return a;
}

static const char *
check_parsed(const Parsed *p)
{
	int			i,
				j;
	int64		total;

	if (p->missing < 0)
		return "missing must not be negative";
	if (p->missing > MAX_RATINGS)
		return "a state holds at most 2^53 ratings, missing included";
	total = p->missing;
	for (i = 0; i < p->nunits; i++)
	{
		const Unit *u = &p->units[i];

		CHECK_FOR_INTERRUPTS();
		if (i > 0 && strcmp(p->units[i - 1].label, u->label) >= 0)
			return "units must be distinct and in ascending order";
		if (u->ncats < 1)
			return "a unit must have at least one value";
		for (j = 0; j < u->ncats; j++)
		{
			CHECK_FOR_INTERRUPTS();
			if (isnan(u->values[j]) || isinf(u->values[j]))
				return "values must be finite";
			if (j > 0 && u->values[j - 1] >= u->values[j])
				return "values of a unit must be distinct and in ascending order";
			if (u->counts[j] < 1)
				return "counts must be positive";
			if (u->counts[j] > MAX_RATINGS - total)
				return "a state holds at most 2^53 ratings, missing included";
			total += u->counts[j];
		}
	}
	return NULL;
}

PG_FUNCTION_INFO_V1(tb_agreement_out);

Datum
tb_agreement_out(PG_FUNCTION_ARGS)
{
	Parsed	   *p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	StringInfoData buf;
	int			i,
				j;

	initStringInfo(&buf);
	appendStringInfo(&buf, "missing=" INT64_FORMAT, p->missing);
	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		appendStringInfoChar(&buf, ' ');
		escape_json(&buf, p->units[i].label);
		appendStringInfoString(&buf, " [");
		for (j = 0; j < p->units[i].ncats; j++)
		{
			CHECK_FOR_INTERRUPTS();
			if (j > 0)
				appendStringInfoChar(&buf, ' ');
			tb_append_double(&buf, p->units[i].values[j]);
			appendStringInfo(&buf, ":" INT64_FORMAT, p->units[i].counts[j]);
		}
		appendStringInfoChar(&buf, ']');
	}
	PG_RETURN_CSTRING(buf.data);
}

static void
invalid_agreement(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tb_agreement: \"%s\"", input),
			 errdetail("%s", why),
			 errhint("An agreement state reads like: missing=1 \"PREV01\" [0:3 1:10] \"PREV02\" [1:4].")));
}

PG_FUNCTION_INFO_V1(tb_agreement_in);

Datum
tb_agreement_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *s = str;
	char	   *end;
	Parsed		p;
	int			cap = 8;
	const char *why;

	p.nunits = 0;
	p.units = palloc0(cap * sizeof(Unit));
	if (strncmp(s, "missing=", 8) != 0)
		invalid_agreement(str, "expected missing=");
	s += 8;
	errno = 0;
	p.missing = strtoi64(s, &end, 10);
	if (end == s || errno != 0)
		invalid_agreement(str, "missing must be a whole number");
	s = end;
	for (;;)
	{
		Unit	   *u;
		StringInfoData label;
		int			vcap = 4;

		CHECK_FOR_INTERRUPTS();
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		initStringInfo(&label);
		if ((s = tb_read_label(s, &label, &why)) == NULL)
			invalid_agreement(str, why);
		if (label.len > UNIT_MAX)
			invalid_agreement(str, psprintf("a unit label is longer than %d bytes", UNIT_MAX));
		if (p.nunits == cap)
		{
			cap *= 2;
			p.units = repalloc(p.units, cap * sizeof(Unit));
		}
		u = &p.units[p.nunits++];
		memset(u, 0, sizeof(Unit));
		u->label = label.data;
		while (*s == ' ')
			s++;
		if (*s != '[')
			invalid_agreement(str, "expected [ after a unit label");
		s++;
		u->values = palloc(vcap * sizeof(double));
		u->counts = palloc(vcap * sizeof(int64));
		for (;;)
		{
			CHECK_FOR_INTERRUPTS();
			while (*s == ' ')
				s++;
			if (*s == ']')
			{
				s++;
				break;
			}
			if (u->ncats == vcap)
			{
				vcap *= 2;
				u->values = repalloc(u->values, vcap * sizeof(double));
				u->counts = repalloc(u->counts, vcap * sizeof(int64));
			}
			u->values[u->ncats] = strtod(s, &end);
			if (end == s || *end != ':')
				invalid_agreement(str, "expected value:count");
			s = end + 1;
			errno = 0;
			u->counts[u->ncats] = strtoi64(s, &end, 10);
			if (end == s || errno != 0)
				invalid_agreement(str, "a count must be a whole number");
			s = end;
			u->ncats++;
		}
	}
	if ((why = check_parsed(&p)) != NULL)
		invalid_agreement(str, why);
	PG_RETURN_POINTER(build_flat(&p));
}

PG_FUNCTION_INFO_V1(tb_agreement_send);

Datum
tb_agreement_send(PG_FUNCTION_ARGS)
{
	Parsed	   *p = tb_agreement_parsed(PG_GETARG_DATUM(0));
	StringInfoData buf;
	int			i,
				j;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TB_AGREEMENT_VERSION);
	pq_sendint64(&buf, p->missing);
	pq_sendint32(&buf, p->nunits);
	for (i = 0; i < p->nunits; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendstring(&buf, p->units[i].label);
		pq_sendint32(&buf, p->units[i].ncats);
		for (j = 0; j < p->units[i].ncats; j++)
		{
			CHECK_FOR_INTERRUPTS();
			pq_sendfloat8(&buf, p->units[i].values[j]);
			pq_sendint64(&buf, p->units[i].counts[j]);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(tb_agreement_recv);

Datum
tb_agreement_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	Parsed		p;
	int			i,
				j;
	const char *why;

	if (version != TB_AGREEMENT_VERSION)
		tb_invalid_binary("tb_agreement", psprintf("unknown format version %d", version));
	p.missing = pq_getmsgint64(buf);
	p.nunits = pq_getmsgint(buf, 4);
	/* each unit takes at least 4 bytes: a bound on what the message can hold */
	if (p.nunits < 0 || p.nunits > (buf->len - buf->cursor) / 4)
		tb_invalid_binary("tb_agreement", "the number of units does not fit the message");
	p.units = palloc0(Max(p.nunits, 1) * sizeof(Unit));
	for (i = 0; i < p.nunits; i++)
	{
		Unit	   *u = &p.units[i];
		const char *label = pq_getmsgstring(buf);
		int32		n;

		CHECK_FOR_INTERRUPTS();
		if (strlen(label) > UNIT_MAX)
			tb_invalid_binary("tb_agreement", psprintf("a unit label is longer than %d bytes", UNIT_MAX));
		u->label = pstrdup(label);
		n = pq_getmsgint(buf, 4);
		if (n < 0 || n > (buf->len - buf->cursor) / 16)
			tb_invalid_binary("tb_agreement", "the number of values does not fit the message");
		u->ncats = n;
		u->cap = n;
		u->nsorted = 0;
		u->values = palloc(Max(n, 1) * sizeof(double));
		u->counts = palloc(Max(n, 1) * sizeof(int64));
		for (j = 0; j < n; j++)
		{
			CHECK_FOR_INTERRUPTS();
			u->values[j] = pq_getmsgfloat8(buf);
			u->counts[j] = pq_getmsgint64(buf);
		}
	}
	if (buf->cursor != buf->len)
		tb_invalid_binary("tb_agreement", "trailing bytes after the state");
	if ((why = check_parsed(&p)) != NULL)
		tb_invalid_binary("tb_agreement", why);
	PG_RETURN_POINTER(build_flat(&p));
}
