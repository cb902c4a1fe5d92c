/*-------------------------------------------------------------------------
 *
 * matrix.c
 *	  The indicator matrix: units (countries) by indicators, each indicator
 *	  with its axis, weight and direction, in one value, and the composite
 *	  indicator computed from it with its uncertainty.
 *
 *	  The value, tb_matrix, is a list of cells (unit, indicator, value or
 *	  missing, axis, weight, direction, the indicator's goalposts and target
 *	  when it has them, the marks imputed and treated).  While the aggregate
 *	  tb_matrix(unit, indicator, value, axis, weight, direction [, lower,
 *	  upper, target]) runs, its state is an expanded object holding each
 *	  name once and each cell as ids, value and marks (see MxBuild); the
 *	  combine function adds another state's cells, and the final function
 *	  makes the canonical form: each name once, then the cells as ids
 *	  sorted by indicator then unit (byte order), no spare room (layout 3;
 *	  the functions that copy or rewrite cells read it expanded to layout
 *	  2, each cell with its names, see "The stored layout").  The final function checks what only the
 *	  whole matrix shows: a cell given twice (23505, whatever the order of
 *	  the rows or of the partial states), an indicator whose axis, weight,
 *	  direction, goalposts or target differ between rows (22023), and the
 *	  limits (54000).  The same rows give the same bits in any order.
 *
 *	  tb_matrix_scores normalises each indicator over the units that have a
 *	  value (min-max, z-score, percent rank, goalposts, distance to target,
 *	  ordinal rank, all direction-aware), aggregates each unit's indicators
 *	  of an axis with their weights (arithmetic, geometric or harmonic mean
 *	  with the minimum-coverage rule of tb_wmean and its kin: a cell absent
 *	  or NULL is missing weight; weighted median; Copeland), then the axis
 *	  scores with equal weights into the overall score, by the same
 *	  aggregation and rule.  Where the extension has the single function
 *	  (tb_norm_minmax, tb_norm_zscore, tb_percent_rank, tb_norm_goalposts,
 *	  tb_norm_target, tb_rank, tb_wmean, tb_wgeomean, tb_wharmean) it
 *	  computes exactly what they give composed in SQL: the same exact sums,
 *	  the same roundings.
 *
 *	  The other steps of a composite indicator, each a matrix in and a
 *	  matrix or rows out: screening by data availability, imputation,
 *	  COINr's outlier treatment, coherence (correlations, Cronbach's alpha,
 *	  the first principal component) and the correlation with an external
 *	  series.
 *
 *	  tb_matrix_uncertainty repeats the computation runs times with the
 *	  analyst's choices drawn (pg_prng seeded with seed): weights, method
 *	  of normalisation and of aggregation, one indicator left out.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/pg_prng.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "exact.h"
#include "tb_compat.h"
#include "tb_memory.h"
#include "tb_sensitivity.h"
#include "tb_summary.h"
#include "tb_typeio.h"

#define MX_MAX_UNITS 100000
#define MX_MAX_INDICATORS 10000
#define MX_MAX_CELLS 10000000
#define MX_MAX_NAME 1000		/* bytes of a unit, indicator or axis name */
#define MX_MAX_RUNS 100000
#define MX_MAX_RANKS 25000000	/* units x runs kept by the uncertainty */
#define MX_VERSION 2			/* binary form; version 1 (no goalposts, target or marks) is read too */
#define MX_LAYOUT_CELLS 2		/* stored: each cell with its names (MxCell) */
#define MX_LAYOUT_DICT 3		/* stored: each name once, the cells as ids (MxDict) */
#define MX_LAYOUT_RUNS 4		/* a worker's state: layout 3 by indicator, its ids once a run */
#define MX_PERCELL_DID 1		/* layout 4: an indicator with two definitions, ids per cell */
#define MX_PERCELL_FLAGS 2		/* layout 4: marks, per cell */
#define MX_TOP 100.0			/* min-max and percent-rank scale */

#define CELL_NULL 1				/* value missing */
#define CELL_LOWER 2			/* lower is better */
#define CELL_GOALPOSTS 4		/* the indicator has goalposts (lower, upper) */
#define CELL_TARGET 8			/* the indicator has a target */
#define CELL_IMPUTED 16			/* the value was imputed */
#define CELL_TREATED 32			/* the value was winsorised or log-transformed */
#define CELL_DEF_FLAGS (CELL_LOWER | CELL_GOALPOSTS | CELL_TARGET)
#define CELL_ALL_FLAGS (CELL_NULL | CELL_DEF_FLAGS | CELL_IMPUTED | CELL_TREATED)

/*
 * One cell, followed by its extra doubles (lower and upper goalposts when
 * CELL_GOALPOSTS, the target when CELL_TARGET: a cell without them is as
 * small as before they existed), then its names: unit, indicator, axis,
 * each NUL-ended.
 */
typedef struct MxCell
{
	double		value;
	double		weight;
	int32		flags;
	int32		size;			/* bytes of the cell with its names, MAXALIGNed */
	int32		ulen;
	int32		ilen;
	int32		alen;
	int32		nextra;			/* extra doubles after the cell */
} MxCell;

/* An indicator's definition beyond axis and weight: flags and extras. */
typedef struct MxDef
{
	int			flags;			/* CELL_LOWER, CELL_GOALPOSTS, CELL_TARGET */
	double		lo,
				hi,
				target;
} MxDef;

typedef struct TbMatrix
{
	int32		vl_len_;
	int32		version;
	int32		ncells;
	int32		pad;
	int64		used;			/* bytes of cells */
	int64		capacity;		/* bytes of room */
	char		data[FLEXIBLE_ARRAY_MEMBER];
} TbMatrix;

#define MX_HDRSZ offsetof(TbMatrix, data)
#define PG_GETARG_TBMATRIX_P(n) mx_arg(fcinfo, (n))
#define CELL_EXTRA(c) ((double *) ((char *) (c) + sizeof(MxCell)))
#define CELL_UNIT(c) ((char *) (c) + sizeof(MxCell) + (c)->nextra * sizeof(double))
#define CELL_IND(c) (CELL_UNIT(c) + (c)->ulen + 1)
#define CELL_AXIS(c) (CELL_IND(c) + (c)->ilen + 1)
#define MX_MAX_BYTES ((int64) MaxAllocSize - (int64) MX_HDRSZ - 1024)

static TbMatrix *
mx_new(int64 capacity)
{
	/* the room is written before it is read: only the header is zeroed */
	TbMatrix   *m = palloc(MX_HDRSZ + capacity);

	memset(m, 0, MX_HDRSZ);
	SET_VARSIZE(m, MX_HDRSZ + capacity);
	m->version = MX_LAYOUT_CELLS;
	m->capacity = capacity;
	return m;
}

static void
mx_limit(const char *what, int64 limit, int64 n)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("a tb_matrix holds at most " INT64_FORMAT " %s", limit, what),
			 errdetail("This one would hold " INT64_FORMAT ".", n),
			 errhint("A matrix holds at most 100,000 units, 10,000 indicators and 10 million cells (and 1 GB): build one per group of units or of indicators.")));
}

static TbMatrix *mx_arg(FunctionCallInfo fcinfo, int n);
static TbMatrix *mx_cells_layout(const TbMatrix *m);

/* The matrix an argument holds, read-only, in the layout it has. */
static TbMatrix *
mx_raw(FunctionCallInfo fcinfo, int n)
{
	return (TbMatrix *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n));
}

/* s itself when it may grow in place with room for extra bytes, else a copy */
static TbMatrix *
mx_writable(FunctionCallInfo fcinfo, Datum d, int64 extra)
{
	TbMatrix   *s,
			   *copy;
	int64		need,
				cap;

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(DatumGetPointer(d)) &&
		((TbMatrix *) DatumGetPointer(d))->version == MX_LAYOUT_CELLS)
	{
		s = (TbMatrix *) DatumGetPointer(d);
		if (s->used + extra <= s->capacity)
			return s;
	}
	else
		s = mx_cells_layout((TbMatrix *) PG_DETOAST_DATUM(d));
	need = s->used + extra;
	if (need > MX_MAX_BYTES)
		mx_limit("bytes", MX_MAX_BYTES, need);
	cap = Max(s->capacity * 2, 4096);
	cap = Min(Max(cap, need), MX_MAX_BYTES);
	copy = mx_new(cap);
	copy->ncells = s->ncells;
	copy->used = s->used;
	memcpy(copy->data, s->data, s->used);
	return copy;
}

static int
name_len(const char *what, const char *s, int len)
{
	if (len > MX_MAX_NAME)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a tb_matrix %s name is at most %d bytes", what, MX_MAX_NAME),
				 errdetail("This one has %d.", len)));
	if (memchr(s, '\0', len) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a tb_matrix %s name cannot contain a zero byte", what)));
	return len;
}

static void
check_weight(double w, const char *ind)
{
	if (!(w > 0) || isinf(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must be a positive finite number, not %s", float8out_internal(w)),
				 errdetail("Indicator \"%s\".", ind),
				 errhint("Give every indicator a weight > 0; leave it out of the matrix to give it none.")));
}

static void
check_value(double v, const char *unit, const char *ind)
{
	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("a tb_matrix cannot take a non-finite value"),
				 errdetail("Unit \"%s\", indicator \"%s\": %s.", unit, ind, float8out_internal(v)),
				 errhint("Pass NULL for a missing value.")));
}

static int
def_nextra(int flags)
{
	return ((flags & CELL_GOALPOSTS) ? 2 : 0) + ((flags & CELL_TARGET) ? 1 : 0);
}

/* Bytes of a cell (see mx_append). */
static int64
cell_bytes(int ulen, int ilen, int alen, int flags)
{
	return MAXALIGN(sizeof(MxCell) + def_nextra(flags) * sizeof(double) + ulen + ilen + alen + 3);
}

/*
 * Append a cell to m (which must have the room, see cell_bytes).  flags:
 * CELL_NULL and the marks of the cell, and def's flags; def may be NULL
 * for an indicator with neither goalposts nor target.
 */
static void
mx_append(TbMatrix *m, const char *u, int ulen, const char *i, int ilen, const char *a, int alen,
		  int flags, double value, double weight, const MxDef *def)
{
	MxCell	   *c = (MxCell *) (m->data + m->used);
	int64		size;
	double	   *ex;

	if (def == NULL)
		flags &= ~(CELL_GOALPOSTS | CELL_TARGET);
	size = cell_bytes(ulen, ilen, alen, flags);
	/* every byte is written: the fields, the extras, the names and the zeroed tail */
	memset((char *) c + size - MAXIMUM_ALIGNOF, 0, MAXIMUM_ALIGNOF);
	c->value = (flags & CELL_NULL) ? 0 : (value == 0 ? 0.0 : value);
	c->weight = weight;
	c->flags = flags;
	c->size = (int32) size;
	c->ulen = ulen;
	c->ilen = ilen;
	c->alen = alen;
	c->nextra = def_nextra(flags);
	ex = CELL_EXTRA(c);
	if (flags & CELL_GOALPOSTS)
	{
		*ex++ = def->lo == 0 ? 0.0 : def->lo;
		*ex++ = def->hi == 0 ? 0.0 : def->hi;
	}
	if (flags & CELL_TARGET)
		*ex = def->target == 0 ? 0.0 : def->target;
	memcpy(CELL_UNIT(c), u, ulen);
	CELL_UNIT(c)[ulen] = '\0';
	memcpy(CELL_IND(c), i, ilen);
	CELL_IND(c)[ilen] = '\0';
	memcpy(CELL_AXIS(c), a, alen);
	CELL_AXIS(c)[alen] = '\0';
	m->used += size;
	m->ncells++;
}

/* The definition a cell carries of its indicator. */
static void
cell_def(const MxCell *c, MxDef *d)
{
	const double *ex = CELL_EXTRA(c);

	d->flags = c->flags & CELL_DEF_FLAGS;
	d->lo = d->hi = d->target = 0;
	if (c->flags & CELL_GOALPOSTS)
	{
		d->lo = ex[0];
		d->hi = ex[1];
		ex += 2;
	}
	if (c->flags & CELL_TARGET)
		d->target = ex[0];
}

/* Goalposts and target: finite, lower < upper, a target >= 0 (> 0 when higher is better). */
static void
check_def(const MxDef *d, const char *ind)
{
	if ((d->flags & CELL_GOALPOSTS) && !(isfinite(d->lo) && isfinite(d->hi) && d->lo < d->hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("goalposts must be finite with lower < upper, not %s and %s",
						float8out_internal(d->lo), float8out_internal(d->hi)),
				 errdetail("Indicator \"%s\".", ind),
				 errhint("Give the scale's lowest and highest value; the direction says which end is best.")));
	if ((d->flags & CELL_TARGET) &&
		!(isfinite(d->target) && (d->target > 0 || (d->target == 0 && (d->flags & CELL_LOWER)))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a target must be finite and > 0 (>= 0 when lower is better), not %s",
						float8out_internal(d->target)),
				 errdetail("Indicator \"%s\".", ind),
				 errhint("The distance to target is the share of the target reached, as tb_norm_target computes it.")));
}

static bool
parse_direction(const char *s, int len, const char *ind)
{
	if (len == 6 && memcmp(s, "higher", 6) == 0)
		return false;
	if (len == 5 && memcmp(s, "lower", 5) == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid direction \"%.*s\"", len, s),
			 errdetail("Indicator \"%s\".", ind),
			 errhint("Use 'higher' (higher values are better) or 'lower' (lower values are better).")));
	return false;
}

/* ---------------------------------------------------------------------
 * Canonical form
 * ---------------------------------------------------------------------
 */

/* The cells of m, in its order. */
static MxCell **
mx_cells(const TbMatrix *m)
{
	MxCell	  **cells = palloc(Max(m->ncells, 1) * sizeof(MxCell *));
	int64		off = 0;
	int			k;

	for (k = 0; k < m->ncells; k++)
	{
		cells[k] = (MxCell *) (m->data + off);
		off += cells[k]->size;
	}
	return cells;
}

/*
 * Names interned: each distinct name gets an id (in order of first sight)
 * through an open-addressing hash table, so that sorting and finding work
 * on the few distinct names, not on a string per cell.
 */
typedef struct MxIntern
{
	int			n;				/* distinct names */
	int			cap;			/* room in names and hashes */
	uint32		mask;			/* slots - 1 */
	int		   *slots;			/* id + 1, 0 empty */
	const char **names;
	uint32	   *hashes;
	int			last;			/* id of the name looked up last, -1 */
} MxIntern;

static void
intern_init(MxIntern *t, int expect)
{
	int			size = 64;

	while (size < expect * 2)
		size *= 2;
	t->n = 0;
	t->cap = Max(expect, 16);
	t->mask = size - 1;
	t->slots = palloc0_array(int, size);
	t->names = palloc_array(const char *, t->cap);
	t->hashes = palloc_array(uint32, t->cap);
	t->last = -1;
}

static void
intern_grow(MxIntern *t)
{
	int			size = (t->mask + 1) * 2,
				k;

	pfree(t->slots);
	t->slots = palloc0_array(int, size);
	t->mask = size - 1;
	for (k = 0; k < t->n; k++)
	{
		uint32		h = t->hashes[k] & t->mask;

		while (t->slots[h] != 0)
			h = (h + 1) & t->mask;
		t->slots[h] = k + 1;
	}
}

static int
intern(MxIntern *t, const char *s)
{
	size_t		len;
	uint32		h,
				pos;

	/* rows often repeat the name of the row before */
	if (t->last >= 0 && strcmp(t->names[t->last], s) == 0)
		return t->last;
	len = strlen(s);
	h = hash_bytes((const unsigned char *) s, (int) len);
	pos = h & t->mask;
	while (t->slots[pos] != 0)
	{
		int			id = t->slots[pos] - 1;

		if (t->hashes[id] == h && strcmp(t->names[id], s) == 0)
			return t->last = id;
		pos = (pos + 1) & t->mask;
	}
	if (t->n == t->cap)
	{
		t->cap *= 2;
		t->names = repalloc_array(t->names, const char *, t->cap);
		t->hashes = repalloc_array(t->hashes, uint32, t->cap);
	}
	t->names[t->n] = s;
	t->hashes[t->n] = h;
	t->slots[pos] = t->n + 1;
	t->n++;
	if ((uint32) t->n * 2 > t->mask)
		intern_grow(t);
	return t->last = t->n - 1;
}

/*
 * intern(t, s) when s is likely the name of id guess (the same position in
 * the previous round of a grid read row by row): one comparison then.
 */
static int
intern_guess(MxIntern *t, const char *s, int guess)
{
	if (guess >= 0 && strcmp(t->names[guess], s) == 0)
		return t->last = guess;
	return intern(t, s);
}

static int
cmp_str(const void *a, const void *b, void *arg)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/*
 * Sort the interned names (byte order) in place; rank[id] of each old id is
 * returned.  names[] then holds them sorted.
 */
static int *
intern_sort(MxIntern *t)
{
	const char **sorted = palloc_array(const char *, Max(t->n, 1));
	int		   *rank = palloc_array(int, Max(t->n, 1));
	int			k;

	memcpy(sorted, t->names, t->n * sizeof(char *));
	qsort_interruptible(sorted, t->n, sizeof(char *), cmp_str, NULL);
	/* each name's rank, through the table (the names are distinct) */
	for (k = 0; k < t->n; k++)
		t->names[k] = sorted[k];
	memset(t->slots, 0, (t->mask + 1) * sizeof(int));
	for (k = 0; k < t->n; k++)
	{
		uint32		h = hash_bytes((const unsigned char *) sorted[k], (int) strlen(sorted[k]));

		t->hashes[k] = h;
		h &= t->mask;
		while (t->slots[h] != 0)
			h = (h + 1) & t->mask;
		t->slots[h] = k + 1;
	}
	pfree(sorted);
	t->last = -1;
	/* rank[old id] is found by looking the name up again: callers pass old names */
	for (k = 0; k < t->n; k++)
		rank[k] = k;
	return rank;
}

/*
 * Stable counting sort of the positions order[0..n-1] by key[pos] in
 * 0..nkeys-1.
 */
static void
counting_sort(int *order, int n, const int *key, int nkeys)
{
	int		   *count = palloc0_array(int, nkeys + 1);
	int		   *out = palloc_array(int, Max(n, 1));
	int			k;

	for (k = 0; k < n; k++)
		count[key[order[k]] + 1]++;
	for (k = 0; k < nkeys; k++)
		count[k + 1] += count[k];
	for (k = 0; k < n; k++)
		out[count[key[order[k]]]++] = order[k];
	memcpy(order, out, n * sizeof(int));
	pfree(count);
	pfree(out);
}

/*
 * The canonical copy of m (either layout): cells sorted by indicator then
 * unit, checked (no cell twice, each indicator the same everywhere, the
 * limits), in the stored layout; see build_canonical.
 */
static TbMatrix *mx_canonical(const TbMatrix *m);

/* ---------------------------------------------------------------------
 * The aggregate's state while it grows
 *
 * An expanded object: each distinct unit, indicator and axis name once (a
 * hash table), each distinct definition of an indicator once, and per
 * cell its ids, value and marks in arrays (21 bytes a cell, where the flat
 * form takes a header and the three names).  The transition and combine
 * functions return the same pointer every row, so the executor never
 * copies it.  It is flattened to layout 3 with its own ids, the cells
 * grouped by indicator (the form a worker sends) or, by the final
 * function, to the canonical matrix directly.  The combine function keeps
 * the states it is given whole (parts), for the final function to merge.
 * ---------------------------------------------------------------------
 */

typedef struct MxNames
{
	const char *what;			/* unit, indicator, axis: for messages */
	int			n;
	int			cap;
	uint32		mask;
	int		   *slots;			/* id + 1, 0 empty */
	char	  **names;			/* NUL-ended copies */
	int		   *lens;
	uint32	   *hashes;
	int			last;
} MxNames;

static void
names_init(MxNames *t, const char *what)
{
	t->what = what;
	t->n = 0;
	t->cap = 256;
	t->mask = 1023;
	t->slots = palloc0_array(int, 1024);
	t->names = palloc_array(char *, t->cap);
	t->lens = palloc_array(int, t->cap);
	t->hashes = palloc_array(uint32, t->cap);
	t->last = -1;
}

/* a == b over len bytes; names are short, and a call to memcmp per row costs more than the loop */
static inline bool
same_bytes(const char *a, const char *b, int len)
{
	int			k;

	if (len > 16)
		return memcmp(a, b, len) == 0;
	for (k = 0; k < len; k++)
		if (a[k] != b[k])
			return false;
	return true;
}

/* the id of name s (len bytes), added if new; guess: a likely id or -1 */
static int
names_add(MxNames *t, const char *s, int len, int guess)
{
	uint32		h,
				pos;
	char	   *copy;

	if (t->last >= 0 && t->lens[t->last] == len && same_bytes(t->names[t->last], s, len))
		return t->last;
	if (guess >= 0 && t->lens[guess] == len && same_bytes(t->names[guess], s, len))
		return t->last = guess;
	h = hash_bytes((const unsigned char *) s, len);
	pos = h & t->mask;
	while (t->slots[pos] != 0)
	{
		int			id = t->slots[pos] - 1;

		if (t->hashes[id] == h && t->lens[id] == len && memcmp(t->names[id], s, len) == 0)
			return t->last = id;
		pos = (pos + 1) & t->mask;
	}
	/* a new name: checked here, once, not on every row that repeats it */
	name_len(t->what, s, len);
	if (t->n == t->cap)
	{
		t->cap *= 2;
		t->names = repalloc_array(t->names, char *, t->cap);
		t->lens = repalloc_array(t->lens, int, t->cap);
		t->hashes = repalloc_array(t->hashes, uint32, t->cap);
	}
	copy = palloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	t->names[t->n] = copy;
	t->lens[t->n] = len;
	t->hashes[t->n] = h;
	t->slots[pos] = t->n + 1;
	t->n++;
	if ((uint32) t->n * 2 > t->mask)
	{
		int			size = (t->mask + 1) * 2,
					k;

		pfree(t->slots);
		t->slots = palloc0_array(int, size);
		t->mask = size - 1;
		for (k = 0; k < t->n; k++)
		{
			uint32		q = t->hashes[k] & t->mask;

			while (t->slots[q] != 0)
				q = (q + 1) & t->mask;
			t->slots[q] = k + 1;
		}
	}
	return t->last = t->n - 1;
}

typedef struct NameId
{
	const char *name;
	int			id;
} NameId;

static int
cmp_name_id(const void *a, const void *b, void *arg)
{
	return strcmp(((const NameId *) a)->name, ((const NameId *) b)->name);
}

/* rank[id] of each name in byte order */
static int *
names_rank(const MxNames *t)
{
	NameId	   *v = palloc_array(NameId, Max(t->n, 1));
	int		   *rank = palloc_array(int, Max(t->n, 1));
	int			k;

	for (k = 0; k < t->n; k++)
	{
		v[k].name = t->names[k];
		v[k].id = k;
	}
	qsort_interruptible(v, t->n, sizeof(NameId), cmp_name_id, NULL);
	for (k = 0; k < t->n; k++)
		rank[v[k].id] = k;
	pfree(v);
	return rank;
}

typedef struct MxBuildDef
{
	int			axis;			/* id in axes */
	double		weight;
	MxDef		def;			/* direction, goalposts, target */
} MxBuildDef;

/*
 * A cell of a build, 16 bytes.  Its definition is its indicator's first
 * (firstdef) until an indicator has two: from then on, and for the cells
 * before, every cell's is kept in dids (a build the final function will
 * refuse, kept so that the error names the right units).
 */
typedef struct MxBuildCell
{
	double		value;
	int32		uid;
	uint16		iid;			/* < MX_MAX_INDICATORS, checked as they come */
	uint8		flags;			/* CELL_NULL, CELL_IMPUTED, CELL_TREATED */
} MxBuildCell;

/*
 * A build's cells are kept in blocks of MX_BLOCK_CELLS (the first grows to
 * that size): a build that grows is never copied, which a contiguous array
 * was on every doubling (a fresh page written for every cell it held).
 */
#define MX_BLOCK_BITS 16
#define MX_BLOCK_CELLS ((int64) 1 << MX_BLOCK_BITS)
#define BCELL(b, k) (&(b)->block[(k) >> MX_BLOCK_BITS][(k) & (MX_BLOCK_CELLS - 1)])

/*
 * Integer keys of one kind of name (the bigint form of the aggregate): the
 * id of each key seen, so that a row costs a lookup and no text.  Keys
 * 0..MX_DIRECT_KEYS-1 index an array; the others a hash table.  A new key
 * is added to the names as its decimal text, once.
 */
#define MX_DIRECT_KEYS 65536

/*
 * The combine function keeps the states it is given (in layout 3) as they
 * are, up to this many, and the final function merges them into the
 * canonical matrix directly: a parallel aggregate's few large states are
 * then read once, never added cell by cell to a build of their own.
 */
#define MX_MAX_PARTS 16

typedef struct MxKeys
{
	int32	   *direct;			/* id + 1 of key k, 0 unseen, for k < ndirect */
	int			ndirect;
	int64	   *hkeys;			/* the other keys: open addressing */
	int32	   *hids;			/* id + 1, 0 empty */
	uint32		hmask;
	int			hn;
} MxKeys;

typedef struct MxBuild
{
	ExpandedObjectHeader hdr;
	MxNames		units,
				inds,
				axes;
	MxKeys		ukeys,
				ikeys,
				akeys;
	TbMatrix   *parts[MX_MAX_PARTS];	/* states combined in, kept whole */
	int			nparts;
	int64		partcells;
	int		   *lastdef;		/* per indicator: the id of its last definition */
	int		   *firstdef;		/* per indicator: the id of its first definition */
	int32	   *indcells;		/* per indicator: its cells */
	bool		marked;			/* a cell has a mark (imputed, treated) */
	int			lastdef_cap;
	int32	   *dids;			/* per cell: its definition, once an indicator has two */
	int64		didcap;
	MxBuildDef *defs;
	int			ndefs,
				defcap;
	int		   *defslots;		/* the definitions by content: id + 1, 0 empty */
	uint32		defmask;
	MxBuildCell **block;		/* the cells, MX_BLOCK_CELLS a block: see BCELL */
	int			nblocks,
				blockcap;
	int64		n,
				cap;
	int64		bytes;			/* of the cells in layout 2 (what the limits count) */
	/* the runs of the flat form (layout 4), as the flat size found them */
	int64	   *runstart;		/* per indicator id: where its cells start */
	int32	   *runn;			/* per indicator id: its cells */
	int32	   *rundid;			/* per indicator id: its definition */
	int32	   *runuid;			/* per indicator id: where its units start in uidpool */
	int32	   *uid;			/* the cells' units, by indicator id */
	int64		nuid;			/* units in uidpool */
	int			percell;
	int64		runs_of;		/* the number of cells they were found for, -1: none */
	int			runs_ninds;		/* and of indicators */
} MxBuild;

/* the definition of the build's cell k */
static inline int
cell_did(const MxBuild *b, int64 k)
{
	return b->dids ? b->dids[k] : b->firstdef[BCELL(b, k)->iid];
}

/* ---------------------------------------------------------------------
 * The stored layout
 *
 * Layout 2 (MxCell): each cell with its three names, 40 bytes and the
 * names a cell; what the functions that copy or rewrite cells read.
 * Layout 3, what the final function and the other steps return: each name
 * once, then the cells as ids.  After the header: MxDictHead; the offsets
 * of the names (units, indicators, axes, then the end) in the name area;
 * the definitions (axis id, flags, weight, goalposts, target); per cell,
 * in columns, its value (NaN when missing), its unit, indicator and
 * definition ids and its marks; then the names, NUL-ended.  A sorted
 * (canonical) one has the names in byte order, one definition per
 * indicator (with the indicator's id) and the cells by indicator then
 * unit: 21 bytes a cell.
 * Layout 4, a worker's state on its way to the leader (the bytes it sends
 * are copied several times on the way): layout 3 unsorted, the cells
 * grouped by indicator id, each indicator's run given once (its number of
 * cells, its definition and where its units start) in place of the
 * per-cell indicator and definition ids, a run's units written once for
 * all the runs that list the same units in the same order (as a grid read
 * row by row does, last, after the names), a missing value as its NaN:
 * 8 to 12 bytes a cell.  Only when some cell has a mark, or some indicator
 * two definitions, every cell has its marks, or its definition id, too.
 * Padding is zeroed: the same matrix has the same bits.
 * ---------------------------------------------------------------------
 */

typedef struct MxDictHead
{
	int32		nunits;
	int32		ninds;
	int32		naxes;
	int32		ndefs;
	int32		sorted;
	int32		percell;		/* layout 4: MX_PERCELL_DID, MX_PERCELL_FLAGS */
	int64		namebytes;
} MxDictHead;

typedef struct MxDictDef
{
	int32		axis;
	int32		flags;			/* CELL_LOWER, CELL_GOALPOSTS, CELL_TARGET */
	double		weight;
	double		lo;
	double		hi;
	double		target;
} MxDictDef;

typedef struct MxDict
{
	MxDictHead *h;
	int32	   *off;			/* nunits + ninds + naxes + 1 */
	MxDictDef  *defs;
	int32	   *runn;			/* layout 4: cells of each indicator id */
	int32	   *rundid;			/* layout 4: its definition (-1: per cell) */
	int32	   *runuid;			/* layout 4: where its units start in uid */
	double	   *value;
	int32	   *uid;			/* layout 4: the runs' units, see runuid */
	int32	   *iid;			/* NULL in layout 4 */
	int32	   *did;			/* NULL in layout 4 unless MX_PERCELL_DID */
	uint8	   *flags;			/* NULL in layout 4 unless MX_PERCELL_FLAGS */
	char	   *names;
} MxDict;

/* bytes after the header of layout 3, or of layout 4 with nuid units and these per-cell columns */
static int64
dict_bytes(int layout, int percell, int64 nuid, int64 nnames, int64 ndefs, int64 ninds, int64 n, int64 namebytes)
{
	int64		s = MAXALIGN(sizeof(MxDictHead)) + MAXALIGN((nnames + 1) * sizeof(int32)) +
		MAXALIGN(ndefs * sizeof(MxDictDef)) + MAXALIGN(n * sizeof(double)) + MAXALIGN(namebytes);

	if (layout == MX_LAYOUT_DICT)
		return s + MAXALIGN(3 * n * sizeof(int32)) + MAXALIGN(n);
	return s + MAXALIGN(3 * ninds * sizeof(int32)) + MAXALIGN(nuid * sizeof(int32)) +
		((percell & MX_PERCELL_DID) ? MAXALIGN(n * sizeof(int32)) : 0) +
		((percell & MX_PERCELL_FLAGS) ? MAXALIGN(n) : 0);
}

/* the sections of layout 3 or 4 in m (written by dict_start, or read) */
static void
dict_read(const TbMatrix *m, MxDict *d)
{
	char	   *p = (char *) m->data;
	int64		n = m->ncells;

	d->h = (MxDictHead *) p;
	p += MAXALIGN(sizeof(MxDictHead));
	d->off = (int32 *) p;
	p += MAXALIGN(((int64) d->h->nunits + d->h->ninds + d->h->naxes + 1) * sizeof(int32));
	d->defs = (MxDictDef *) p;
	p += MAXALIGN((int64) d->h->ndefs * sizeof(MxDictDef));
	if (m->version == MX_LAYOUT_RUNS)
	{
		d->runn = (int32 *) p;
		d->rundid = d->runn + d->h->ninds;
		d->runuid = d->rundid + d->h->ninds;
		p += MAXALIGN(3 * (int64) d->h->ninds * sizeof(int32));
		d->value = (double *) p;
		p += MAXALIGN(n * sizeof(double));
		d->iid = NULL;
		d->did = NULL;
		d->flags = NULL;
		if (d->h->percell & MX_PERCELL_DID)
		{
			d->did = (int32 *) p;
			p += MAXALIGN(n * sizeof(int32));
		}
		if (d->h->percell & MX_PERCELL_FLAGS)
		{
			d->flags = (uint8 *) p;
			p += MAXALIGN(n);
		}
		d->names = p;
		/* last: the runs' units (as many as the runs say) */
		d->uid = (int32 *) (p + MAXALIGN(d->h->namebytes));
		return;
	}
	d->runn = d->rundid = d->runuid = NULL;
	d->value = (double *) p;
	p += MAXALIGN(n * sizeof(double));
	d->uid = (int32 *) p;
	d->iid = d->uid + n;
	d->did = d->iid + n;
	p += MAXALIGN(3 * n * sizeof(int32));
	d->flags = (uint8 *) p;
	p += MAXALIGN(n);
	d->names = p;
}

/* cell k's definition id; i: its indicator id */
static inline int
dict_did(const MxDict *d, int64 k, int i)
{
	return d->did ? d->did[k] : d->rundid[i];
}

/* cell k's flags: CELL_NULL and the marks */
static inline int
dict_flags(const MxDict *d, int64 k)
{
	return d->flags ? d->flags[k] : (isnan(d->value[k]) ? CELL_NULL : 0);
}

/* zero from p up to end (the padding after a column) */
static inline void
zero_to(void *p, void *end)
{
	if ((char *) end > (char *) p)
		memset(p, 0, (char *) end - (char *) p);
}

/*
 * A matrix of layout 3 (or 4) of these sizes, its sections in d: all zero
 * but the per-cell columns, which the caller writes in full (a million
 * cells' 21 MB are not written twice); their padding zeroed.
 */
static TbMatrix *
dict_start(void *room, int layout, int percell, int64 nuid, int nunits, int ninds, int naxes, int ndefs,
		   int64 n, int64 namebytes, bool sorted, MxDict *d)
{
	int64		used = dict_bytes(layout, percell, nuid, (int64) nunits + ninds + naxes, ndefs, ninds, n, namebytes);
	TbMatrix   *m;

	if (used > MX_MAX_BYTES)
		mx_limit("bytes", MX_MAX_BYTES, used);
	m = room ? room : palloc_extended(MX_HDRSZ + used, MCXT_ALLOC_HUGE);
	tb_huge_pages(m, MX_HDRSZ + used);
	memset(m, 0, MX_HDRSZ + sizeof(MxDictHead));
	SET_VARSIZE(m, MX_HDRSZ + used);
	m->version = layout;
	m->ncells = (int32) n;
	m->used = m->capacity = used;
	d->h = (MxDictHead *) m->data;
	d->h->nunits = nunits;
	d->h->ninds = ninds;
	d->h->naxes = naxes;
	d->h->ndefs = ndefs;
	d->h->sorted = sorted;
	d->h->percell = percell;
	d->h->namebytes = namebytes;
	dict_read(m, d);
	zero_to((char *) d->h + sizeof(MxDictHead), d->value);
	if (layout == MX_LAYOUT_DICT)
	{
		zero_to(d->uid + 3 * n, d->flags);
		zero_to(d->flags + n, d->names);
	}
	else
	{
		if (d->did)
			zero_to(d->did + n, d->flags ? (void *) d->flags : (void *) d->names);
		if (d->flags)
			zero_to(d->flags + n, d->names);
	}
	/* the names (and, in layout 4, the runs' units after them) */
	zero_to(d->names, (char *) m + MX_HDRSZ + used);
	return m;
}

static const char *
dict_name(const MxDict *d, int j, int *len)
{
	*len = d->off[j + 1] - d->off[j] - 1;
	return d->names + d->off[j];
}

static double
no_negzero(double x)
{
	return x == 0 ? 0.0 : x;
}

/* ---------------------------------------------------------------------
 * The build: flattening, adding cells, the canonical matrix
 * ---------------------------------------------------------------------
 */

static int64
names_bytes(const MxNames *t)
{
	int64		s = 0;
	int			k;

	for (k = 0; k < t->n; k++)
		s += t->lens[k] + 1;
	return s;
}

/* the names of t, in the order byrank gives (NULL: by id), from slot j on */
static void
dict_put_names(MxDict *d, const MxNames *t, const int *byrank, int j, int64 *pos)
{
	int			k;

	for (k = 0; k < t->n; k++)
	{
		int			id = byrank ? byrank[k] : k;

		d->off[j + k] = (int32) *pos;
		memcpy(d->names + *pos, t->names[id], t->lens[id] + 1);
		*pos += t->lens[id] + 1;
	}
	d->off[j + t->n] = (int32) *pos;
}

static void build_absorb_parts(MxBuild *b);

static void
build_runs_free(MxBuild *b)
{
	if (b->runstart)
	{
		pfree(b->runstart);
		pfree(b->runn);
		pfree(b->rundid);
		pfree(b->runuid);
		pfree(b->uid);
		b->runstart = NULL;
	}
	b->runs_of = -1;
}

/*
 * Each indicator's run in the flat form (layout 4): its number of cells,
 * its definition, its units (shared with the run before when the same),
 * and whether the definitions or marks are needed per cell.  Kept for the
 * flatten that follows, as long as the build has these cells and names.
 */
static void
build_runs(MxBuild *b)
{
	MemoryContext old = MemoryContextSwitchTo(b->hdr.eoh_context);
	int			ni = b->inds.n,
				i,
				prev = -1;
	int64		k,
				at = 0;
	int64	   *next;

	build_runs_free(b);
	b->runstart = palloc_array(int64, ni + 1);
	b->runn = palloc_array(int32, ni + 1);
	b->rundid = palloc_array(int32, ni + 1);
	b->runuid = palloc_array(int32, ni + 1);
	b->uid = palloc_extended(Max(b->n, 1) * sizeof(int32), MCXT_ALLOC_HUGE);
	next = palloc_array(int64, ni + 1);
	MemoryContextSwitchTo(old);
	/* the counts as the cells came; one definition an indicator unless some indicator has two */
	memcpy(b->runn, b->indcells, ni * sizeof(int32));
	b->percell = b->marked ? MX_PERCELL_FLAGS : 0;
	for (i = 0; i < ni; i++)
		b->rundid[i] = b->firstdef[i];
	if (b->dids)
		for (k = 0; k < b->n; k++)
		{
			if ((k & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			if (b->dids[k] != b->rundid[BCELL(b, k)->iid])
				b->percell |= MX_PERCELL_DID;
		}
	/* a counting sort of the units by indicator (the values: by the flatten) */
	for (i = 0; i < ni; i++)
	{
		b->runstart[i] = next[i] = at;
		at += b->runn[i];
	}
	for (k = 0; k < b->n; k++)
	{
		const MxBuildCell *c = BCELL(b, k);
		int64		x = next[c->iid]++;

		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		b->uid[x] = c->uid;
	}
	pfree(next);
	/* a run with the units of the run before, in the same order, shares them */
	b->nuid = 0;
	for (i = 0; i < ni; i++)
	{
		if (b->runn[i] == 0)
		{
			b->runuid[i] = 0;
			continue;
		}
		if (prev >= 0 && b->runn[i] == b->runn[prev] &&
			memcmp(b->uid + b->runstart[i], b->uid + b->runstart[prev], b->runn[i] * sizeof(int32)) == 0)
			b->runuid[i] = b->runuid[prev];
		else
		{
			b->runuid[i] = (int32) b->nuid;
			b->nuid += b->runn[i];
		}
		prev = i;
	}
	b->runs_of = b->n;
	b->runs_ninds = ni;
}

/* the runs of the build as it is now, found if not yet */
static void
build_runs_now(MxBuild *b)
{
	if (b->runs_of != b->n || b->runs_ninds != b->inds.n)
		build_runs(b);
}

static Size
mx_build_flat_size(ExpandedObjectHeader *eohptr)
{
	MxBuild    *b = (MxBuild *) eohptr;

	/* the parts kept whole become cells of the build: the flat form has one dictionary */
	build_absorb_parts(b);
	build_runs_now(b);

	return MX_HDRSZ + dict_bytes(MX_LAYOUT_RUNS, b->percell, b->nuid, (int64) b->units.n + b->inds.n + b->axes.n,
								 b->ndefs, b->inds.n, b->n,
								 names_bytes(&b->units) + names_bytes(&b->inds) + names_bytes(&b->axes));
}

/*
 * The cells with the build's ids in layout 4, grouped by indicator id (the
 * cells of one in the order they came): what a worker sends.  Grouped, the
 * leader's final function reads each indicator's cells from a few runs,
 * not one cell per unit from all over its state.
 */
static void
mx_build_flatten(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	MxBuild    *b = (MxBuild *) eohptr;
	MxDict		d;
	int64		pos = 0,
				k;

	build_absorb_parts(b);
	build_runs_now(b);
	dict_start(result, MX_LAYOUT_RUNS, b->percell, b->nuid, b->units.n, b->inds.n, b->axes.n, b->ndefs, b->n,
			   names_bytes(&b->units) + names_bytes(&b->inds) + names_bytes(&b->axes), false, &d);
	Assert(VARSIZE(result) == allocated_size);
	dict_put_names(&d, &b->units, NULL, 0, &pos);
	dict_put_names(&d, &b->inds, NULL, b->units.n, &pos);
	dict_put_names(&d, &b->axes, NULL, b->units.n + b->inds.n, &pos);
	for (k = 0; k < b->ndefs; k++)
	{
		d.defs[k].axis = b->defs[k].axis;
		d.defs[k].flags = b->defs[k].def.flags;
		d.defs[k].weight = b->defs[k].weight;
		d.defs[k].lo = no_negzero(b->defs[k].def.lo);
		d.defs[k].hi = no_negzero(b->defs[k].def.hi);
		d.defs[k].target = no_negzero(b->defs[k].def.target);
	}
	/* the runs, their values, each run's units once */
	for (k = 0; k < b->inds.n; k++)
	{
		d.runn[k] = b->runn[k];
		d.rundid[k] = (b->runn[k] > 0 && !(b->percell & MX_PERCELL_DID)) ? b->rundid[k] : -1;
		d.runuid[k] = b->runuid[k];
		if (b->runn[k] > 0)
			memcpy(d.uid + b->runuid[k], b->uid + b->runstart[k], b->runn[k] * sizeof(int32));
	}
	/* the values (and the per-cell columns), each in its place */
	for (k = 0; k < b->n; k++)
	{
		const MxBuildCell *c = BCELL(b, k);
		int64		x = b->runstart[c->iid]++;

		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		d.value[x] = (c->flags & CELL_NULL) ? get_float8_nan() : c->value;
		if (d.did)
			d.did[x] = cell_did(b, k);
		if (d.flags)
			d.flags[x] = c->flags;
	}
	build_runs_free(b);			/* the starts are spent */
}

static const ExpandedObjectMethods mx_build_methods = {
	mx_build_flat_size,
	mx_build_flatten
};

static MxBuild *
build_new(MemoryContext aggcontext)
{
	MemoryContext cxt = AllocSetContextCreate(aggcontext, "tb_matrix state", ALLOCSET_DEFAULT_SIZES),
				old;
	MxBuild    *b = MemoryContextAllocZero(cxt, sizeof(MxBuild));

	EOH_init_header(&b->hdr, &mx_build_methods, cxt);
	old = MemoryContextSwitchTo(cxt);
	names_init(&b->units, "unit");
	names_init(&b->inds, "indicator");
	names_init(&b->axes, "axis");
	b->lastdef_cap = 256;
	b->lastdef = palloc_array(int, b->lastdef_cap);
	b->firstdef = palloc_array(int, b->lastdef_cap);
	b->indcells = palloc_array(int32, b->lastdef_cap);
	b->defcap = 256;
	b->defs = palloc_array(MxBuildDef, b->defcap);
	b->defmask = 511;
	b->defslots = palloc0_array(int, b->defmask + 1);
	b->runs_of = -1;
	b->blockcap = 4;
	b->block = palloc_array(MxBuildCell *, b->blockcap);
	b->cap = 1024;
	b->block[0] = palloc_array(MxBuildCell, b->cap);
	b->nblocks = 1;
	MemoryContextSwitchTo(old);
	return b;
}

/* d has this weight, direction, goalposts and target (its axis compared apart) */
static inline bool
build_def_same(const MxBuildDef *d, double weight, const MxDef *def)
{
	return d->weight == weight && d->def.flags == def->flags && d->def.lo == def->lo &&
		d->def.hi == def->hi && d->def.target == def->target;
}

static bool
build_def_is(const MxBuild *b, const MxBuildDef *d, const char *a, int alen, double weight, const MxDef *def)
{
	return build_def_same(d, weight, def) &&
		b->axes.lens[d->axis] == alen && same_bytes(b->axes.names[d->axis], a, alen);
}

/* Indicator ii is new when ninds indicators were known before: no definition seen yet. */
static void
build_new_ind(MxBuild *b, int ninds, int ii)
{
	if (b->inds.n > ninds)
	{
		/* the limit now: a cell keeps its indicator's id in 16 bits */
		if (b->inds.n > MX_MAX_INDICATORS)
			mx_limit("indicators", MX_MAX_INDICATORS, b->inds.n);
		if (b->inds.n > b->lastdef_cap)
		{
			b->lastdef_cap = Max(b->lastdef_cap * 2, b->inds.n);
			b->lastdef = repalloc_array(b->lastdef, int, b->lastdef_cap);
			b->firstdef = repalloc_array(b->firstdef, int, b->lastdef_cap);
			b->indcells = repalloc_array(b->indcells, int32, b->lastdef_cap);
		}
		b->lastdef[ii] = -1;
		b->firstdef[ii] = -1;
		b->indcells[ii] = 0;
	}
}

/* The id of indicator i (ilen bytes), added if new; in the build's context. */
static int
build_ind(MxBuild *b, const char *i, int ilen, int guess)
{
	int			ninds = b->inds.n,
				ii = names_add(&b->inds, i, ilen, guess);

	build_new_ind(b, ninds, ii);
	return ii;
}

/* the slot of a definition's content (-0 as 0, as == compares it) */
static uint32
def_hash(int ai, double weight, const MxDef *def)
{
	struct
	{
		int32		axis;
		int32		flags;
		double		x[4];
	}			k;

	memset(&k, 0, sizeof(k));
	k.axis = ai;
	k.flags = def->flags;
	k.x[0] = no_negzero(weight);
	k.x[1] = no_negzero(def->lo);
	k.x[2] = no_negzero(def->hi);
	k.x[3] = no_negzero(def->target);
	return hash_bytes((const unsigned char *) &k, sizeof(k));
}

/*
 * The id of indicator ii's definition on axis ai, added if new; in the
 * build's context.  A definition other than the indicator's last is found
 * by its content in a hash table: a new indicator costs the same however
 * many definitions there are (an indicator with two is refused by the
 * final function).
 */
static int
build_def_find(MxBuild *b, int ii, int ai, double weight, const MxDef *def)
{
	int			d;
	uint32		pos;

	pos = def_hash(ai, weight, def) & b->defmask;
	while ((d = b->defslots[pos] - 1) >= 0)
	{
		if (b->defs[d].axis == ai && build_def_same(&b->defs[d], weight, def))
			break;
		pos = (pos + 1) & b->defmask;
	}
	if (d < 0)
	{
		if (b->ndefs == b->defcap)
		{
			b->defcap *= 2;
			b->defs = repalloc_array(b->defs, MxBuildDef, b->defcap);
		}
		d = b->ndefs++;
		b->defs[d].axis = ai;
		b->defs[d].weight = weight;
		b->defs[d].def = *def;
		b->defslots[pos] = d + 1;
		if ((uint32) b->ndefs * 2 > b->defmask)
		{
			/* twice the slots, every definition placed again */
			int			j;

			pfree(b->defslots);
			b->defmask = b->defmask * 2 + 1;
			b->defslots = palloc0_array(int, b->defmask + 1);
			for (j = 0; j < b->ndefs; j++)
			{
				pos = def_hash(b->defs[j].axis, b->defs[j].weight, &b->defs[j].def) & b->defmask;
				while (b->defslots[pos] != 0)
					pos = (pos + 1) & b->defmask;
				b->defslots[pos] = j + 1;
			}
		}
	}
	b->lastdef[ii] = d;
	return d;
}

/* build_def_find unless the row repeats its indicator's last definition (the usual case), inline */
static inline int
build_def_axis(MxBuild *b, int ii, int ai, double weight, const MxDef *def)
{
	int			d = b->lastdef[ii];

	if (likely(d >= 0 && b->defs[d].axis == ai && build_def_same(&b->defs[d], weight, def)))
		return d;
	return build_def_find(b, ii, ai, weight, def);
}

/* The id of indicator ii's definition on axis a (alen bytes), added if new; in the build's context. */
static int
build_def(MxBuild *b, int ii, const char *a, int alen, double weight, const MxDef *def)
{
	int			d = b->lastdef[ii];

	/* the row's axis compared by its bytes: the axis is looked up only when the definition changes */
	if (d >= 0 && build_def_is(b, &b->defs[d], a, alen, weight, def))
		return d;
	return build_def_axis(b, ii, names_add(&b->axes, a, alen, -1), weight, def);
}

/* The id of the name of integer key key in t, added as its decimal text if new; in the build's context. */
static int
keys_id_lookup(MxKeys *k, MxNames *t, int64 key)
{
	int32	   *slot;

	if (key >= 0 && key < MX_DIRECT_KEYS)
	{
		if (key >= k->ndirect)
		{
			int			size = Max(k->ndirect, 256);

			while (size <= key)
				size *= 2;
			if (k->direct == NULL)
				k->direct = palloc0_array(int32, size);
			else
			{
				k->direct = repalloc_array(k->direct, int32, size);
				memset(k->direct + k->ndirect, 0, (size - k->ndirect) * sizeof(int32));
			}
			k->ndirect = size;
		}
		slot = &k->direct[key];
	}
	else
	{
		uint32		pos;

		if (k->hkeys == NULL || (uint32) (k->hn + 1) * 2 > k->hmask)
		{
			/* (re)build the table at twice the size */
			uint32		size = k->hkeys ? (k->hmask + 1) * 2 : 256,
						j;
			int64	   *keys = palloc_array(int64, size);
			int32	   *ids = palloc0_array(int32, size);

			for (j = 0; k->hkeys && j <= k->hmask; j++)
			{
				if (k->hids[j] == 0)
					continue;
				pos = hash_bytes_uint32((uint32) (k->hkeys[j] ^ (k->hkeys[j] >> 32))) & (size - 1);
				while (ids[pos] != 0)
					pos = (pos + 1) & (size - 1);
				keys[pos] = k->hkeys[j];
				ids[pos] = k->hids[j];
			}
			if (k->hkeys)
			{
				pfree(k->hkeys);
				pfree(k->hids);
			}
			k->hkeys = keys;
			k->hids = ids;
			k->hmask = size - 1;
		}
		pos = hash_bytes_uint32((uint32) (key ^ (key >> 32))) & k->hmask;
		while (k->hids[pos] != 0 && k->hkeys[pos] != key)
			pos = (pos + 1) & k->hmask;
		if (k->hids[pos] == 0)
		{
			k->hkeys[pos] = key;
			k->hn++;
		}
		slot = &k->hids[pos];
	}
	if (*slot == 0)
	{
		char		buf[MAXINT8LEN + 1];
		int			len = pg_lltoa(key, buf);

		*slot = names_add(t, buf, len, -1) + 1;
	}
	return *slot - 1;
}

/* keys_id_lookup for a key seen before in the direct range (a row's usual case), inline */
static inline int
keys_id(MxKeys *k, MxNames *t, int64 key)
{
	if (likely(key >= 0 && key < k->ndirect))
	{
		int32		id = k->direct[key];

		if (likely(id > 0))
			return id - 1;
	}
	return keys_id_lookup(k, t, key);
}

/* room for need cells: the first block doubled up to its full size, then more blocks */
static void
build_reserve(MxBuild *b, int64 need)
{
	MemoryContext old;

	if (need <= b->cap)
		return;
	old = MemoryContextSwitchTo(b->hdr.eoh_context);
	while (b->cap < need)
	{
		if (b->cap < MX_BLOCK_CELLS)
		{
			b->cap = Min(b->cap * 2, MX_BLOCK_CELLS);
			b->block[0] = repalloc(b->block[0], b->cap * sizeof(MxBuildCell));
			continue;
		}
		if (b->nblocks == b->blockcap)
		{
			b->blockcap *= 2;
			b->block = repalloc_array(b->block, MxBuildCell *, b->blockcap);
		}
		b->block[b->nblocks] = palloc_array(MxBuildCell, MX_BLOCK_CELLS);
		b->nblocks++;
		b->cap += MX_BLOCK_CELLS;
	}
	MemoryContextSwitchTo(old);
}

/* room for one more cell of size bytes in layout 2 (the limits count those) */
static void
build_room(MxBuild *b, int64 size)
{
	if (b->n >= MX_MAX_CELLS)
		mx_limit("cells", MX_MAX_CELLS, b->n + 1);
	if (b->bytes + size > MX_MAX_BYTES)
		mx_limit("bytes", MX_MAX_BYTES, b->bytes + size);
	if (b->n == b->cap)
		build_reserve(b, b->n + 1);
}

/* Every cell's definition kept from now on, the cells before given theirs: an indicator has two. */
static void
build_dids_start(MxBuild *b)
{
	int64		k;

	b->didcap = Max(b->n * 2, 1024);
	b->dids = MemoryContextAllocHuge(b->hdr.eoh_context, b->didcap * sizeof(int32));
	for (k = 0; k < b->n; k++)
	{
		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		b->dids[k] = b->firstdef[BCELL(b, k)->iid];
	}
}

static void
build_put(MxBuild *b, int ui, int ii, int d, int flags, double value, int64 size)
{
	MxBuildCell *c = BCELL(b, b->n);

	if (unlikely(b->firstdef[ii] != d))
	{
		if (b->firstdef[ii] < 0)
			b->firstdef[ii] = d;
		else if (b->dids == NULL)
			build_dids_start(b);
	}
	if (unlikely(b->dids != NULL))
	{
		if (b->n == b->didcap)
		{
			b->didcap *= 2;
			b->dids = repalloc_huge(b->dids, b->didcap * sizeof(int32));
		}
		b->dids[b->n] = d;
	}
	c->uid = ui;
	c->iid = (uint16) ii;
	c->value = (flags & CELL_NULL) ? 0 : (value == 0 ? 0.0 : value);
	c->flags = flags & (CELL_NULL | CELL_IMPUTED | CELL_TREATED);
	b->indcells[ii]++;
	if (flags & (CELL_IMPUTED | CELL_TREATED))
		b->marked = true;
	b->n++;
	b->bytes += size;
}

/* Add a cell; flags: CELL_NULL and the marks; def: flags CELL_LOWER, CELL_GOALPOSTS, CELL_TARGET. */
static void
build_add(MxBuild *b, const char *u, int ulen, const char *i, int ilen, const char *a, int alen,
		  int flags, double value, double weight, const MxDef *def)
{
	int64		size = cell_bytes(ulen, ilen, alen, def->flags),
				n = b->n;
	MemoryContext old;
	int			ui,
				ii,
				d;

	build_room(b, size);
	old = MemoryContextSwitchTo(b->hdr.eoh_context);
	/* a grid read row by row repeats its names once a round */
	ui = names_add(&b->units, u, ulen, b->units.n > 0 && n >= b->units.n ? BCELL(b, n - b->units.n)->uid : -1);
	ii = build_ind(b, i, ilen, b->inds.n > 0 && n >= b->inds.n ? BCELL(b, n - b->inds.n)->iid : -1);
	d = build_def(b, ii, a, alen, weight, def);
	MemoryContextSwitchTo(old);
	build_put(b, ui, ii, d, flags, value, size);
}

/* Add a cell whose unit, indicator and axis are integer keys (their names: the keys' decimal text). */
static void
build_add_keys(MxBuild *b, int64 u, int64 i, int64 a, int flags, double value, double weight, const MxDef *def)
{
	MemoryContext old = MemoryContextSwitchTo(b->hdr.eoh_context);
	int			ninds = b->inds.n,
				ui = keys_id(&b->ukeys, &b->units, u),
				ii = keys_id(&b->ikeys, &b->inds, i),
				ai,
				d;
	int64		size;

	build_new_ind(b, ninds, ii);
	ai = keys_id(&b->akeys, &b->axes, a);
	d = build_def_axis(b, ii, ai, weight, def);
	MemoryContextSwitchTo(old);
	size = cell_bytes(b->units.lens[ui], b->inds.lens[ii], b->axes.lens[ai], def->flags);
	build_room(b, size);
	build_put(b, ui, ii, d, flags, value, size);
}

/*
 * Add every cell of a matrix in layout 3 or 4: each of its names looked up
 * once, its cells then added by id.
 */
static void
build_add_dict(MxBuild *b, const TbMatrix *m)
{
	MxDict		d;
	int			nu,
				ni,
				na,
				j;
	int		   *umap,
			   *imap,
			   *dmap,
			   *ulen,
			   *ilen,
			   *alen;
	int64		k,
				runbeg = 0,
				runend = 0;
	int			ri = -1;
	MemoryContext old;

	dict_read(m, &d);
	nu = d.h->nunits;
	ni = d.h->ninds;
	na = d.h->naxes;
	umap = palloc_array(int, Max(nu, 1));
	imap = palloc_array(int, Max(ni, 1));
	dmap = palloc_array(int, Max(d.h->ndefs, 1));
	ulen = palloc_array(int, Max(nu, 1));
	ilen = palloc_array(int, Max(ni, 1));
	alen = palloc_array(int, Max(na, 1));
	old = MemoryContextSwitchTo(b->hdr.eoh_context);
	for (j = 0; j < nu; j++)
	{
		const char *s = dict_name(&d, j, &ulen[j]);

		umap[j] = names_add(&b->units, s, ulen[j], -1);
	}
	for (j = 0; j < ni; j++)
	{
		const char *s = dict_name(&d, nu + j, &ilen[j]);

		imap[j] = build_ind(b, s, ilen[j], -1);
	}
	for (j = 0; j < na; j++)
		(void) dict_name(&d, nu + ni + j, &alen[j]);
	for (j = 0; j < d.h->ndefs; j++)
		dmap[j] = -1;
	MemoryContextSwitchTo(old);
	/* room for all its cells at once */
	if (b->n + m->ncells <= MX_MAX_CELLS)
		build_reserve(b, b->n + m->ncells);
	for (k = 0; k < m->ncells; k++)
	{
		int			u,
					i,
					df;
		const MxDictDef *dd;
		int64		size;

		if (d.iid)
		{
			i = d.iid[k];
			u = d.uid[k];
		}
		else
		{
			/* layout 4: the next run with cells, and its units */
			while (k >= runend)
			{
				runbeg = runend;
				runend += d.runn[++ri];
			}
			i = ri;
			u = d.uid[d.runuid[ri] + (k - runbeg)];
		}
		df = dict_did(&d, k, i);
		dd = &d.defs[df];
		size = cell_bytes(ulen[u], ilen[i], alen[dd->axis], dd->flags);
		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		build_room(b, size);
		if (dmap[df] < 0)
		{
			MxDef		def;
			int			al;
			const char *a = dict_name(&d, nu + ni + dd->axis, &al);

			def.flags = dd->flags;
			def.lo = dd->lo;
			def.hi = dd->hi;
			def.target = dd->target;
			old = MemoryContextSwitchTo(b->hdr.eoh_context);
			dmap[df] = build_def(b, imap[i], a, al, dd->weight, &def);
			MemoryContextSwitchTo(old);
		}
		build_put(b, umap[u], imap[i], dmap[df], dict_flags(&d, k), d.value[k], size);
	}
	pfree(umap);
	pfree(imap);
	pfree(dmap);
	pfree(ulen);
	pfree(ilen);
	pfree(alen);
}

/* Add every cell of a flat matrix (either layout). */
static void
build_add_matrix(MxBuild *b, const TbMatrix *m)
{
	int64		off = 0;
	int			k;

	if (m->version == MX_LAYOUT_DICT || m->version == MX_LAYOUT_RUNS)
	{
		build_add_dict(b, m);
		return;
	}
	for (k = 0; k < m->ncells; k++)
	{
		const MxCell *c = (const MxCell *) (m->data + off);
		MxDef		def;

		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		cell_def(c, &def);
		build_add(b, CELL_UNIT(c), c->ulen, CELL_IND(c), c->ilen, CELL_AXIS(c), c->alen,
				  c->flags & ~CELL_DEF_FLAGS, c->value, c->weight, &def);
		off += c->size;
	}
}

/* The parts kept whole added to the build's cells, and let go. */
static void
build_absorb_parts(MxBuild *b)
{
	int			k;

	for (k = 0; k < b->nparts; k++)
	{
		build_add_dict(b, b->parts[k]);
		pfree(b->parts[k]);
	}
	b->nparts = 0;
	b->partcells = 0;
}

/* The aggregate's state (argument 0, may be NULL) as a build of ours. */
static MxBuild *
build_state(FunctionCallInfo fcinfo, MemoryContext aggcontext)
{
	MxBuild    *b;

	if (!PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) &&
			DatumGetEOHP(d)->eoh_methods == &mx_build_methods)
			return (MxBuild *) DatumGetEOHP(d);
		b = build_new(aggcontext);
		build_add_matrix(b, mx_raw(fcinfo, 0));
		return b;
	}
	return build_new(aggcontext);
}

/* an indicator defined two ways: on unit up (axis ap, weight wp, flags fp) and on unit ux */
static void
defs_differ(const char *ind, const char *up, const char *ap, double wp, int fp,
			const char *ux, const char *ax, double wx, int fx)
{
	if (strcmp(ap, ax) != 0 || wp != wx || (fp & CELL_LOWER) != (fx & CELL_LOWER))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an indicator's axis, weight and direction must be the same on every row"),
				 errdetail("Indicator \"%s\" has axis \"%s\", weight %s, direction %s for unit \"%s\" and axis \"%s\", weight %s, direction %s for unit \"%s\".",
						   ind, ap, float8out_internal(wp), (fp & CELL_LOWER) ? "lower" : "higher", up,
						   ax, float8out_internal(wx), (fx & CELL_LOWER) ? "lower" : "higher", ux),
				 errhint("Join the indicators' definitions (one row per indicator) to the values.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("an indicator's goalposts and target must be the same on every row"),
			 errdetail("Indicator \"%s\" differs between units \"%s\" and \"%s\".", ind, up, ux),
			 errhint("Join the indicators' definitions (one row per indicator) to the values.")));
}

static void
def_mismatch(const MxBuild *b, int64 p, int64 x)
{
	const MxBuildDef *dp = &b->defs[cell_did(b, p)],
			   *dx = &b->defs[cell_did(b, x)];

	defs_differ(b->inds.names[BCELL(b, x)->iid],
				b->units.names[BCELL(b, p)->uid], b->axes.names[dp->axis], dp->weight, dp->def.flags,
				b->units.names[BCELL(b, x)->uid], b->axes.names[dx->axis], dx->weight, dx->def.flags);
}

static void
cell_twice(const char *unit, const char *ind)
{
	ereport(ERROR,
			(errcode(ERRCODE_UNIQUE_VIOLATION),
			 errmsg("a tb_matrix cell is given twice"),
			 errdetail("Unit \"%s\", indicator \"%s\".", unit, ind),
			 errhint("Give each (unit, indicator) one row: aggregate the duplicates first, or pass NULL for a missing value once.")));
}

/* the ids in rank order */
static int *
by_rank(const int *rank, int n)
{
	int		   *v = palloc_array(int, Max(n, 1));
	int			k;

	for (k = 0; k < n; k++)
		v[rank[k]] = k;
	return v;
}

/*
 * The canonical matrix's start: n cells of these names, the limits
 * checked, the names written in byte order (ranks: each id's rank); one
 * definition per indicator.
 */
static TbMatrix *
canonical_start(const MxNames *units, const MxNames *inds, const MxNames *axes,
				const int *urank, const int *irank, const int *arank, int64 n, MxDict *d)
{
	int64		pos = 0;
	int		   *v;
	TbMatrix   *c;

	if (inds->n > MX_MAX_INDICATORS)
		mx_limit("indicators", MX_MAX_INDICATORS, inds->n);
	if (units->n > MX_MAX_UNITS)
		mx_limit("units", MX_MAX_UNITS, units->n);
	c = dict_start(NULL, MX_LAYOUT_DICT, 0, 0, units->n, inds->n, axes->n, inds->n, n,
				   names_bytes(units) + names_bytes(inds) + names_bytes(axes), true, d);
	v = by_rank(urank, units->n);
	dict_put_names(d, units, v, 0, &pos);
	pfree(v);
	v = by_rank(irank, inds->n);
	dict_put_names(d, inds, v, units->n, &pos);
	pfree(v);
	v = by_rank(arank, axes->n);
	dict_put_names(d, axes, v, units->n + inds->n, &pos);
	pfree(v);
	return c;
}

/* Writes a build's cells, in canonical order, into a matrix of layout 3. */
typedef struct MxCanon
{
	const MxBuild *b;
	MxDict	   *d;
	const int  *arank;
	int64		k;				/* cells written */
	int			prev;			/* the cell written last */
	int			prev_r;			/* its indicator's rank */
} MxCanon;

/* cell x, of the indicator ranked r and the unit ranked ur, checked against the one before */
static inline void
canon_put(MxCanon *w, int x, int r, int ur)
{
	const MxBuild *b = w->b;
	const MxBuildCell *cx = BCELL(b, x);
	MxDict	   *d = w->d;
	int64		k = w->k;

	if ((k & 0xffff) == 0)
		CHECK_FOR_INTERRUPTS();
	if (k > 0 && r == w->prev_r)
	{
		int			p = w->prev;

		if (cx->uid == BCELL(b, p)->uid)
			cell_twice(b->units.names[cx->uid], b->inds.names[cx->iid]);
		if (b->dids && b->dids[x] != b->dids[p])
			def_mismatch(b, p, x);
	}
	else
	{
		/* the indicator's first cell: its definition */
		const MxBuildDef *bd = &b->defs[cell_did(b, x)];

		d->defs[r].axis = w->arank[bd->axis];
		d->defs[r].flags = bd->def.flags;
		d->defs[r].weight = bd->weight;
		d->defs[r].lo = no_negzero(bd->def.lo);
		d->defs[r].hi = no_negzero(bd->def.hi);
		d->defs[r].target = no_negzero(bd->def.target);
	}
	d->value[k] = (cx->flags & CELL_NULL) ? get_float8_nan() : cx->value;
	d->uid[k] = ur;
	d->iid[k] = r;
	d->did[k] = r;
	d->flags[k] = cx->flags;
	w->k = k + 1;
	w->prev = x;
	w->prev_r = r;
}

/*
 * The canonical matrix of a build, in layout 3: the names in byte order,
 * the cells ordered by indicator then unit, checked (a cell twice, an
 * indicator defined two ways), written once.  The order: when the grid of
 * units by indicators is at most four times the cells, each cell put in
 * its place in the grid, then the grid read in order; else two counting
 * sorts over the names' ranks.  Both raise the same error at the same
 * cell.
 */
static TbMatrix *
build_canonical(const MxBuild *b)
{
	int64		n = b->n,
				k,
				grid_size = (int64) b->units.n * b->inds.n;
	int		   *urank = names_rank(&b->units),
			   *irank = names_rank(&b->inds),
			   *arank = names_rank(&b->axes);
	int			nu = b->units.n;
	TbMatrix   *c;
	MxDict		d;
	MxCanon		w;

	c = canonical_start(&b->units, &b->inds, &b->axes, urank, irank, arank, n, &d);
	w.b = b;
	w.d = &d;
	w.arank = arank;
	w.k = 0;
	w.prev = w.prev_r = -1;
	if (grid_size <= 4 * n + 4096)
	{
		int32	   *grid = palloc_extended(Max(grid_size, 1) * sizeof(int32), MCXT_ALLOC_HUGE);
		int64		dup = -1,
					slot;

		memset(grid, 0xff, grid_size * sizeof(int32));
		for (k = 0; k < n; k++)
		{
			slot = (int64) irank[BCELL(b, k)->iid] * nu + urank[BCELL(b, k)->uid];
			if (grid[slot] < 0)
				grid[slot] = (int32) k;
			else if (dup < 0 || slot < dup)
				dup = slot;		/* the first cell given twice, in canonical order */
		}
		for (slot = 0; slot < grid_size; slot++)
		{
			int			x = grid[slot];

			if (x < 0)
				continue;
			/* a grid read unit by unit is read here across: fetch well ahead */
			if (slot + 64 < grid_size && grid[slot + 64] >= 0)
				__builtin_prefetch(BCELL(b, grid[slot + 64]));
			canon_put(&w, x, (int) (slot / nu), (int) (slot % nu));
			if (slot == dup)
				cell_twice(b->units.names[BCELL(b, x)->uid], b->inds.names[BCELL(b, x)->iid]);
		}
		pfree(grid);
	}
	else
	{
		int		   *ukey = palloc_array(int, Max(n, 1)),
				   *ikey = palloc_array(int, Max(n, 1)),
				   *order = palloc_array(int, Max(n, 1));

		for (k = 0; k < n; k++)
		{
			ukey[k] = urank[BCELL(b, k)->uid];
			ikey[k] = irank[BCELL(b, k)->iid];
			order[k] = (int) k;
		}
		counting_sort(order, (int) n, ukey, b->units.n);
		counting_sort(order, (int) n, ikey, b->inds.n);
		for (k = 0; k < n; k++)
		{
			int			x = order[k];

			if (k + 8 < n)
				__builtin_prefetch(BCELL(b, order[k + 8]));
			canon_put(&w, x, ikey[x], ukey[x]);
		}
		pfree(ukey);
		pfree(ikey);
		pfree(order);
	}
	pfree(urank);
	pfree(irank);
	pfree(arank);
	return c;
}

static int
cmp_int(const void *a, const void *b)
{
	int			x = *(const int *) a,
				y = *(const int *) b;

	return (x > y) - (x < y);
}

/* One part's cells of one indicator: cells [start, end) of part p. */
typedef struct MxRun
{
	int			p;
	int			iid;			/* the indicator's id in part p */
	int			rank;			/* the indicator's rank */
	int64		start;
	int64		end;
	int64		uoff;			/* cell k's unit: uid[uoff + k] (layout 4: its run's units) */
} MxRun;

/* a part's definition as the merged matrix has it: on axis (the merged id), -0 as 0 */
static void
put_def(MxDictDef *out, int axis, const MxDictDef *dd)
{
	out->axis = axis;
	out->flags = dd->flags;
	out->weight = dd->weight;
	out->lo = no_negzero(dd->lo);
	out->hi = no_negzero(dd->hi);
	out->target = no_negzero(dd->target);
}

/* A part's definition d as the merged matrix names it: its axis by global id. */
static bool
part_defs_same(const MxDictDef *a, int aa, const MxDictDef *b, int ab)
{
	return aa == ab && a->weight == b->weight && a->flags == b->flags &&
		(!(a->flags & CELL_GOALPOSTS) || (a->lo == b->lo && a->hi == b->hi)) &&
		(!(a->flags & CELL_TARGET) || a->target == b->target);
}

/*
 * Indicator r's cells when it has one for every unit: each written at out
 * + its unit's rank, as the parts' runs give them.  false when a unit
 * comes twice (then one is missing): the general way then finds and names
 * it (what was written here it writes again).
 */
static bool
dense_indicator(MxDict *d, int r, int64 out, const MxRun *runs, int nruns,
				const MxDict *pd, int *const *umap, int *stamp)
{
	int			nunits = d->h->nunits,
				ri,
				x;
	int64		k;

	for (ri = 0; ri < nruns; ri++)
	{
		const MxRun *run = &runs[ri];
		const MxDict *q = &pd[run->p];
		const int  *um = umap[run->p];

		for (k = run->start; k < run->end; k++)
		{
			int			ur = um[q->uid[run->uoff + k]],
						fl = dict_flags(q, k);

			if (stamp[ur] == r + 1)
			{
				for (x = 0; x < nunits; x++)
					if (stamp[x] == r + 1)
						stamp[x] = 0;
				return false;
			}
			stamp[ur] = r + 1;
			d->value[out + ur] = (fl & CELL_NULL) ? get_float8_nan() : no_negzero(q->value[k]);
			d->flags[out + ur] = fl & (CELL_NULL | CELL_IMPUTED | CELL_TREATED);
		}
	}
	for (x = 0; x < nunits; x++)
	{
		d->uid[out + x] = x;
		d->iid[out + x] = r;
		d->did[out + x] = r;
	}
	return true;
}

/*
 * The canonical matrix of the parts a combine function kept (the build
 * itself holding no cell), merged indicator by indicator: each part's
 * cells of an indicator are one run (a worker sends its cells grouped by
 * indicator, a canonical matrix has them so; a part that is not is made
 * canonical first), put in place by their units' ranks in a slot array of
 * one indicator, which stays in cache, then written in order.  Checked as
 * build_canonical checks: the first cell given twice or indicator defined
 * two ways in canonical order is the error.
 */
static TbMatrix *
parts_canonical(MxBuild *b)
{
	int			np = b->nparts,
				p,
				j,
				r;
	MxDict	   *pd = palloc_array(MxDict, np);
	TbMatrix  **pm = palloc_array(TbMatrix *, np);
	int		  **umap = palloc_array(int *, np),
			  **imap = palloc_array(int *, np),
			  **amap = palloc_array(int *, np),
			   *piid = palloc_array(int, np);	/* each part's id of the indicator in hand */
	MxNames		units,
				inds,
				axes;
	int		   *urank,
			   *irank,
			   *arank,
			   *ulen,
			   *ilen,
			   *alen,
			   *runfirst,
			   *stamp,
			   *slot_p,
			   *list;
	int64	   *slot_k,
			   *lencount;
	int		   *lens,
				nlens = 0;
	double	   *slot_v;
	uint8	   *slot_f;
	MxRun	   *runs,
			   *sorted;
	int64		nruns = 0,
				n = 0,
				k,
				out = 0,
				bytes = 0;
	TbMatrix   *c;
	MxDict		d;

	names_init(&units, "unit");
	names_init(&inds, "indicator");
	names_init(&axes, "axis");
	for (p = 0; p < np; p++)
	{
		MxDict	   *q = &pd[p];
		int			len;

		pm[p] = b->parts[p];
		dict_read(pm[p], q);
		if (!q->h->sorted && q->iid)
		{
			/* grouped by indicator? (each indicator one run) */
			bool	   *seen = palloc0_array(bool, Max(q->h->ninds, 1));

			for (k = 0; k < pm[p]->ncells; k++)
			{
				if ((k & 0xffff) == 0)
					CHECK_FOR_INTERRUPTS();
				if (k > 0 && q->iid[k] == q->iid[k - 1])
					continue;
				if (seen[q->iid[k]])
					break;
				seen[q->iid[k]] = true;
			}
			pfree(seen);
			if (k < pm[p]->ncells)
			{
				pm[p] = mx_canonical(pm[p]);
				dict_read(pm[p], q);
			}
		}
		umap[p] = palloc_array(int, Max(q->h->nunits, 1));
		imap[p] = palloc_array(int, Max(q->h->ninds, 1));
		amap[p] = palloc_array(int, Max(q->h->naxes, 1));
		for (j = 0; j < q->h->nunits; j++)
		{
			const char *nm = dict_name(q, j, &len);

			umap[p][j] = names_add(&units, nm, len, -1);
		}
		for (j = 0; j < q->h->ninds; j++)
		{
			const char *nm = dict_name(q, q->h->nunits + j, &len);

			imap[p][j] = names_add(&inds, nm, len, -1);
		}
		for (j = 0; j < q->h->naxes; j++)
		{
			const char *nm = dict_name(q, q->h->nunits + q->h->ninds + j, &len);

			amap[p][j] = names_add(&axes, nm, len, -1);
		}
		n += pm[p]->ncells;
		nruns += q->h->ninds;
	}
	urank = names_rank(&units);
	irank = names_rank(&inds);
	arank = names_rank(&axes);
	/* the parts' ids as ranks */
	for (p = 0; p < np; p++)
	{
		for (j = 0; j < pd[p].h->nunits; j++)
			umap[p][j] = urank[umap[p][j]];
		for (j = 0; j < pd[p].h->ninds; j++)
			imap[p][j] = irank[imap[p][j]];
		for (j = 0; j < pd[p].h->naxes; j++)
			amap[p][j] = arank[amap[p][j]];
	}
	c = canonical_start(&units, &inds, &axes, urank, irank, arank, n, &d);
	/* the names' lengths by rank, for the limit on layout 2 */
	ulen = palloc_array(int, Max(units.n, 1));
	ilen = palloc_array(int, Max(inds.n, 1));
	alen = palloc_array(int, Max(axes.n, 1));
	for (j = 0; j < units.n; j++)
		ulen[urank[j]] = units.lens[j];
	for (j = 0; j < inds.n; j++)
		ilen[irank[j]] = inds.lens[j];
	/* the units' name lengths and how many have each: a dense indicator's bytes */
	{
		int		   *count = palloc0_array(int, MX_MAX_NAME + 1);

		lens = palloc_array(int, MX_MAX_NAME + 1);
		lencount = palloc_array(int64, MX_MAX_NAME + 1);
		for (j = 0; j < units.n; j++)
			if (count[units.lens[j]]++ == 0)
				lens[nlens++] = units.lens[j];
		for (j = 0; j < nlens; j++)
			lencount[j] = count[lens[j]];
		pfree(count);
	}
	for (j = 0; j < axes.n; j++)
		alen[arank[j]] = axes.lens[j];

	/* every part's runs, then ordered by their indicator's rank (stable: by part) */
	runs = palloc_array(MxRun, Max(nruns, 1));
	nruns = 0;
	for (p = 0; p < np; p++)
	{
		int64		nc = pm[p]->ncells;

		if (!pd[p].iid)
		{
			/* layout 4: its runs given */
			for (j = 0, k = 0; j < pd[p].h->ninds; k += pd[p].runn[j], j++)
			{
				if (pd[p].runn[j] == 0)
					continue;
				runs[nruns].p = p;
				runs[nruns].iid = j;
				runs[nruns].rank = imap[p][j];
				runs[nruns].start = k;
				runs[nruns].end = k + pd[p].runn[j];
				runs[nruns].uoff = pd[p].runuid[j] - k;
				nruns++;
			}
			continue;
		}
		for (k = 0; k < nc; k++)
		{
			if ((k & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			if (k == 0 || pd[p].iid[k] != pd[p].iid[k - 1])
			{
				if (nruns > 0 && runs[nruns - 1].p == p)
					runs[nruns - 1].end = k;
				runs[nruns].p = p;
				runs[nruns].iid = pd[p].iid[k];
				runs[nruns].rank = imap[p][pd[p].iid[k]];
				runs[nruns].start = k;
				runs[nruns].uoff = 0;
				nruns++;
			}
		}
		if (nc > 0)
			runs[nruns - 1].end = nc;
	}
	runfirst = palloc0_array(int, inds.n + 1);
	for (k = 0; k < nruns; k++)
		runfirst[runs[k].rank + 1]++;
	for (r = 0; r < inds.n; r++)
		runfirst[r + 1] += runfirst[r];
	sorted = palloc_array(MxRun, Max(nruns, 1));
	{
		int		   *next = palloc_array(int, Max(inds.n, 1));

		memcpy(next, runfirst, inds.n * sizeof(int));
		for (k = 0; k < nruns; k++)
			sorted[next[runs[k].rank]++] = runs[k];
		pfree(next);
	}
	pfree(runs);

	/* indicator by indicator: the cells in a slot per unit rank, then in order */
	stamp = palloc0_array(int, Max(units.n, 1));
	slot_p = palloc_array(int, Max(units.n, 1));
	slot_k = palloc_array(int64, Max(units.n, 1));
	slot_v = palloc_array(double, Max(units.n, 1));
	slot_f = palloc_array(uint8, Max(units.n, 1));
	list = palloc_array(int, Max(units.n, 1));
	for (r = 0; r < inds.n; r++)
	{
		int			nlist = 0,
					dup = -1,
					prev = -1,
					x,
					ri,
					ax0 = 0;
		int64		ncells = 0;
		bool		onedef = true;
		const MxDictDef *def0 = NULL;

		CHECK_FOR_INTERRUPTS();

		/*
		 * One definition a run (a part with one per indicator), the same in
		 * every run: compared once a run, not once a cell.
		 */
		for (ri = runfirst[r]; ri < runfirst[r + 1]; ri++)
		{
			const MxRun *run = &sorted[ri];
			const MxDict *q = &pd[run->p];
			const MxDictDef *rd;

			ncells += run->end - run->start;
			piid[run->p] = run->iid;
			if (!onedef)
				continue;
			if (q->did && !q->h->sorted)
				onedef = false;
			else
			{
				rd = &q->defs[q->did ? q->did[run->start] : q->rundid[run->iid]];
				if (ri == runfirst[r])
				{
					def0 = rd;
					ax0 = amap[run->p][rd->axis];
				}
				else if (!part_defs_same(def0, ax0, rd, amap[run->p][rd->axis]))
					onedef = false;
			}
		}

		/* a cell for every unit, one definition: each cell straight to its place */
		if (onedef && ncells == units.n && dense_indicator(&d, r, out, sorted + runfirst[r],
														  runfirst[r + 1] - runfirst[r], pd, umap, stamp))
		{
			put_def(&d.defs[r], ax0, def0);
			for (x = 0; x < nlens; x++)
				bytes += (int64) lencount[x] * cell_bytes(lens[x], ilen[r], alen[ax0], def0->flags);
			if (bytes > MX_MAX_BYTES)
				mx_limit("bytes", MX_MAX_BYTES, bytes);
			out += units.n;
			continue;
		}

		for (ri = runfirst[r]; ri < runfirst[r + 1]; ri++)
		{
			const MxRun *run = &sorted[ri];
			const int  *um = umap[run->p];
			const int32 *uid = pd[run->p].uid;

			for (k = run->start; k < run->end; k++)
			{
				int			ur = um[uid[run->uoff + k]];

				if (stamp[ur] == r + 1)
				{
					if (dup < 0 || ur < dup)
						dup = ur;	/* the first cell given twice, in canonical order */
					continue;
				}
				stamp[ur] = r + 1;
				slot_p[ur] = run->p;
				slot_k[ur] = k;
				/* read here, in the run's order, the cache's: not later by unit */
				slot_v[ur] = pd[run->p].value[k];
				slot_f[ur] = dict_flags(&pd[run->p], k);
				list[nlist++] = ur;
			}
		}
		/* few cells of many units: sort them; else read the slots across */
		if ((int64) nlist * 16 < units.n)
			qsort(list, nlist, sizeof(int), cmp_int);
		else
		{
			nlist = 0;
			for (x = 0; x < units.n; x++)
				if (stamp[x] == r + 1)
					list[nlist++] = x;
		}
		for (j = 0; j < nlist; j++)
		{
			int			ur = list[j],
						sp = slot_p[ur];
			int64		sk = slot_k[ur];
			const MxDict *q = &pd[sp];
			const MxDictDef *dd = def0;
			int			ax = ax0,
						flags = slot_f[ur];
			double		val = slot_v[ur];

			if ((out & 0xffff) == 0)
				CHECK_FOR_INTERRUPTS();
			if (!onedef)
			{
				dd = &q->defs[dict_did(q, sk, piid[sp])];
				ax = amap[sp][dd->axis];
				if (prev >= 0)
				{
					const MxDict *qp = &pd[slot_p[prev]];
					const MxDictDef *dp = &qp->defs[dict_did(qp, slot_k[prev], piid[slot_p[prev]])];

					if (!part_defs_same(dp, amap[slot_p[prev]][dp->axis], dd, ax))
						defs_differ(d.names + d.off[units.n + r],
									d.names + d.off[prev], d.names + d.off[units.n + inds.n + amap[slot_p[prev]][dp->axis]],
									dp->weight, dp->flags,
									d.names + d.off[ur], d.names + d.off[units.n + inds.n + ax],
									dd->weight, dd->flags);
				}
			}
			if (prev < 0)
			{
				/* the indicator's first cell: its definition */
				put_def(&d.defs[r], ax, dd);
			}
			bytes += cell_bytes(ulen[ur], ilen[r], alen[ax], dd->flags);
			if (bytes > MX_MAX_BYTES)
				mx_limit("bytes", MX_MAX_BYTES, bytes);
			d.value[out] = (flags & CELL_NULL) ? get_float8_nan() : no_negzero(val);
			d.uid[out] = ur;
			d.iid[out] = r;
			d.did[out] = r;
			d.flags[out] = flags & (CELL_NULL | CELL_IMPUTED | CELL_TREATED);
			out++;
			prev = ur;
			if (ur == dup)
				cell_twice(d.names + d.off[ur], d.names + d.off[units.n + r]);
		}
	}
	Assert(out == n);
	for (p = 0; p < np; p++)
	{
		pfree(umap[p]);
		pfree(imap[p]);
		pfree(amap[p]);
	}
	pfree(umap);
	pfree(imap);
	pfree(amap);
	pfree(piid);
	pfree(pd);
	pfree(pm);
	pfree(urank);
	pfree(irank);
	pfree(arank);
	pfree(ulen);
	pfree(ilen);
	pfree(alen);
	pfree(runfirst);
	pfree(sorted);
	pfree(stamp);
	pfree(slot_p);
	pfree(slot_k);
	pfree(slot_v);
	pfree(slot_f);
	pfree(lens);
	pfree(lencount);
	pfree(list);
	return c;
}

static TbMatrix *
mx_canonical(const TbMatrix *m)
{
	MxBuild    *b = build_new(CurrentMemoryContext);
	TbMatrix   *c;

	build_add_matrix(b, m);
	c = build_canonical(b);
	MemoryContextDelete(b->hdr.eoh_context);
	return c;
}

/* A sorted matrix of layout 3 in layout 2 (the same cells, in order). */
static TbMatrix *
dict_expand(const TbMatrix *m)
{
	MxDict		d;
	int			nn,
				j;
	int		   *len;
	int64		bytes = 0,
				k;
	TbMatrix   *r;

	dict_read(m, &d);
	nn = d.h->nunits + d.h->ninds + d.h->naxes;
	len = palloc_array(int, Max(nn, 1));
	for (j = 0; j < nn; j++)
		(void) dict_name(&d, j, &len[j]);
	for (k = 0; k < m->ncells; k++)
	{
		const MxDictDef *dd = &d.defs[d.did[k]];

		bytes += cell_bytes(len[d.uid[k]], len[d.h->nunits + d.iid[k]],
							len[d.h->nunits + d.h->ninds + dd->axis], dd->flags);
	}
	if (bytes > MX_MAX_BYTES)
		mx_limit("bytes", MX_MAX_BYTES, bytes);
	r = mx_new(bytes);
	for (k = 0; k < m->ncells; k++)
	{
		const MxDictDef *dd = &d.defs[d.did[k]];
		MxDef		def;
		int			u = d.uid[k],
					i = d.h->nunits + d.iid[k],
					a = d.h->nunits + d.h->ninds + dd->axis;

		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		def.flags = dd->flags;
		def.lo = dd->lo;
		def.hi = dd->hi;
		def.target = dd->target;
		mx_append(r, d.names + d.off[u], len[u], d.names + d.off[i], len[i], d.names + d.off[a], len[a],
				  dd->flags | d.flags[k], d.value[k], dd->weight, &def);
	}
	pfree(len);
	return r;
}

/*
 * m in layout 2, which the functions that copy or rewrite cells read: a
 * canonical matrix of layout 3 expanded (one unsorted, or a worker's, put in
 * order first); one of layout 2 as it is.
 */
static TbMatrix *
mx_cells_layout(const TbMatrix *m)
{
	if (m->version == MX_LAYOUT_CELLS)
		return (TbMatrix *) m;
	if (!((const MxDictHead *) m->data)->sorted)
		m = mx_canonical(m);
	return dict_expand(m);
}

/* The canonical matrix of m (either layout), in layout 2: for output. */
static TbMatrix *
mx_canonical_cells(const TbMatrix *m)
{
	if (m->version == MX_LAYOUT_DICT && ((const MxDictHead *) m->data)->sorted)
		return dict_expand(m);
	return dict_expand(mx_canonical(m));
}

/*
 * The matrix an argument holds, read-only, in layout 2.
 */
static TbMatrix *
mx_arg(FunctionCallInfo fcinfo, int n)
{
	return mx_cells_layout(mx_raw(fcinfo, n));
}

/* ---------------------------------------------------------------------
 * The aggregate
 * ---------------------------------------------------------------------
 */

static void
not_null(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the %s of a tb_matrix row must not be NULL", what),
				 errhint("Only the value may be NULL (a missing cell).")));
}

#define KEYS_INT2 2
#define KEYS_INT4 4
#define KEYS_INT8 8

/* argument argno, an integer key of either width */
static inline int64
key_arg(FunctionCallInfo fcinfo, int argno, int keyed)
{
	if (keyed == KEYS_INT4)
		return PG_GETARG_INT32(argno);
	if (keyed == KEYS_INT2)
		return PG_GETARG_INT16(argno);
	return PG_GETARG_INT64(argno);
}

/* The name of argument argno of a row, for a message: text, or an integer key's decimal text. */
static char *
row_name(FunctionCallInfo fcinfo, int argno, int keyed)
{
	if (keyed)
		return psprintf(INT64_FORMAT, key_arg(fcinfo, argno, keyed));
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

/*
 * The transition function of every form: names as text (keyed 0), or as
 * integer keys (keyed KEYS_INT2, KEYS_INT4 or KEYS_INT8), which a row then
 * costs as a lookup and no text at all.
 */
static Datum
matrix_add(FunctionCallInfo fcinfo, int keyed)
{
	const char *us = NULL,
			   *is = NULL,
			   *as = NULL;
	char		ubuf[MAXINT8LEN + 1],
				ibuf[MAXINT8LEN + 1],
				abuf[MAXINT8LEN + 1];
	text	   *d;
	int			ulen = 0,
				ilen = 0,
				alen = 0;
	double		w,
				v = 0;
	bool		isnull = PG_ARGISNULL(3);
	TbMatrix   *m;
	int64		size;
	MxDef		def = {0, 0, 0, 0};
	MemoryContext aggcontext;

	not_null(fcinfo, 1, "unit");
	not_null(fcinfo, 2, "indicator");
	not_null(fcinfo, 4, "axis");
	not_null(fcinfo, 5, "weight");
	not_null(fcinfo, 6, "direction");
	if (!keyed)
	{
		text	   *u = PG_GETARG_TEXT_PP(1),
				   *i = PG_GETARG_TEXT_PP(2),
				   *a = PG_GETARG_TEXT_PP(4);

		/* the lengths here; a zero byte is looked for when a name is new */
		us = VARDATA_ANY(u);
		is = VARDATA_ANY(i);
		as = VARDATA_ANY(a);
		ulen = VARSIZE_ANY_EXHDR(u);
		ilen = VARSIZE_ANY_EXHDR(i);
		alen = VARSIZE_ANY_EXHDR(a);
		if (ulen > MX_MAX_NAME)
			name_len("unit", us, ulen);
		if (ilen > MX_MAX_NAME)
			name_len("indicator", is, ilen);
		if (alen > MX_MAX_NAME)
			name_len("axis", as, alen);
	}
	d = PG_GETARG_TEXT_PP(6);
	/* the indicator's name as a C string only for a message: a row costs no copy */
	w = PG_GETARG_FLOAT8(5);
	if (!(w > 0) || isinf(w))
		check_weight(w, row_name(fcinfo, 2, keyed));
	if (VARSIZE_ANY_EXHDR(d) == 5 && memcmp(VARDATA_ANY(d), "lower", 5) == 0)
		def.flags |= CELL_LOWER;
	else if (!(VARSIZE_ANY_EXHDR(d) == 6 && memcmp(VARDATA_ANY(d), "higher", 6) == 0))
		parse_direction(VARDATA_ANY(d), VARSIZE_ANY_EXHDR(d), row_name(fcinfo, 2, keyed));
	/* the nine-argument form: goalposts (both or neither) and a target */
	if (PG_NARGS() > 7)
	{
		char	   *ind = row_name(fcinfo, 2, keyed);

		if (PG_ARGISNULL(7) != PG_ARGISNULL(8))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("give both goalposts of a tb_matrix row or neither"),
					 errdetail("Indicator \"%s\" has only its %s goalpost.", ind, PG_ARGISNULL(7) ? "upper" : "lower"),
					 errhint("Pass NULL for both when the indicator has no goalposts.")));
		if (!PG_ARGISNULL(7))
		{
			def.flags |= CELL_GOALPOSTS;
			def.lo = PG_GETARG_FLOAT8(7);
			def.hi = PG_GETARG_FLOAT8(8);
		}
		if (!PG_ARGISNULL(9))
		{
			def.flags |= CELL_TARGET;
			def.target = PG_GETARG_FLOAT8(9);
		}
		check_def(&def, ind);
	}
	if (!isnull)
	{
		v = PG_GETARG_FLOAT8(3);
		if (!isfinite(v))
			check_value(v, row_name(fcinfo, 1, keyed), row_name(fcinfo, 2, keyed));
	}
	if (AggCheckCallContext(fcinfo, &aggcontext))
	{
		MxBuild    *b = build_state(fcinfo, aggcontext);

		if (keyed)
			build_add_keys(b, key_arg(fcinfo, 1, keyed), key_arg(fcinfo, 2, keyed), key_arg(fcinfo, 4, keyed),
						   isnull ? CELL_NULL : 0, v, w, &def);
		else
			build_add(b, us, ulen, is, ilen, as, alen, isnull ? CELL_NULL : 0, v, w, &def);
		PG_RETURN_DATUM(EOHPGetRWDatum(&b->hdr));
	}
	/* called as a function: a flat matrix, each cell with its names */
	if (keyed)
	{
		us = ubuf;
		ulen = pg_lltoa(key_arg(fcinfo, 1, keyed), ubuf);
		is = ibuf;
		ilen = pg_lltoa(key_arg(fcinfo, 2, keyed), ibuf);
		as = abuf;
		alen = pg_lltoa(key_arg(fcinfo, 4, keyed), abuf);
	}
	name_len("unit", us, ulen);
	name_len("indicator", is, ilen);
	name_len("axis", as, alen);
	size = cell_bytes(ulen, ilen, alen, def.flags);
	if (PG_ARGISNULL(0))
		m = mx_new(Max(size * 16, 4096));
	else
	{
		m = mx_writable(fcinfo, PG_GETARG_DATUM(0), size);
		if (m->ncells >= MX_MAX_CELLS)
			mx_limit("cells", MX_MAX_CELLS, (int64) m->ncells + 1);
	}
	mx_append(m, us, ulen, is, ilen, as, alen, def.flags | (isnull ? CELL_NULL : 0), v, w, &def);
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(tb_matrix_add);
Datum
tb_matrix_add(PG_FUNCTION_ARGS)
{
	return matrix_add(fcinfo, 0);
}

PG_FUNCTION_INFO_V1(tb_matrix_add_keys);
Datum
tb_matrix_add_keys(PG_FUNCTION_ARGS)
{
	return matrix_add(fcinfo, KEYS_INT8);
}

/* integer columns as they are: no cast to bigint, a function call each, per key a row */
PG_FUNCTION_INFO_V1(tb_matrix_add_int_keys);
Datum
tb_matrix_add_int_keys(PG_FUNCTION_ARGS)
{
	return matrix_add(fcinfo, KEYS_INT4);
}

/* smallint columns: with both the forms above they would be ambiguous */
PG_FUNCTION_INFO_V1(tb_matrix_add_small_keys);
Datum
tb_matrix_add_small_keys(PG_FUNCTION_ARGS)
{
	return matrix_add(fcinfo, KEYS_INT2);
}

PG_FUNCTION_INFO_V1(tb_matrix_combine);
Datum
tb_matrix_combine(PG_FUNCTION_ARGS)
{
	TbMatrix   *b,
			   *s;
	MemoryContext aggcontext;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = mx_raw(fcinfo, 1);
	if (AggCheckCallContext(fcinfo, &aggcontext))
	{
		MxBuild    *st = build_state(fcinfo, aggcontext);

		if (st->n + st->partcells + b->ncells > MX_MAX_CELLS)
			mx_limit("cells", MX_MAX_CELLS, st->n + st->partcells + b->ncells);
		if ((b->version == MX_LAYOUT_DICT || b->version == MX_LAYOUT_RUNS) && b->ncells > 0)
		{
			/* kept whole, merged by the final function */
			if (st->nparts == MX_MAX_PARTS)
				build_absorb_parts(st);
			st->parts[st->nparts] = MemoryContextAllocHuge(st->hdr.eoh_context, VARSIZE(b));
			tb_huge_pages(st->parts[st->nparts], VARSIZE(b));
			memcpy(st->parts[st->nparts], b, VARSIZE(b));
			st->nparts++;
			st->partcells += b->ncells;
		}
		else
			build_add_matrix(st, b);
		PG_RETURN_DATUM(EOHPGetRWDatum(&st->hdr));
	}
	b = mx_cells_layout(b);
	if (PG_ARGISNULL(0))
	{
		s = mx_new(b->used);
		s->ncells = b->ncells;
		s->used = b->used;
		memcpy(s->data, b->data, b->used);
		PG_RETURN_POINTER(s);
	}
	s = mx_writable(fcinfo, PG_GETARG_DATUM(0), b->used);
	if ((int64) s->ncells + b->ncells > MX_MAX_CELLS)
		mx_limit("cells", MX_MAX_CELLS, (int64) s->ncells + b->ncells);
	memcpy(s->data + s->used, b->data, b->used);
	s->used += b->used;
	s->ncells += b->ncells;
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(tb_matrix_final);
Datum
tb_matrix_final(PG_FUNCTION_ARGS)
{
	Datum		d;

	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(mx_canonical(mx_new(0)));
	d = PG_GETARG_DATUM(0);
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &mx_build_methods)
	{
		MxBuild    *b = (MxBuild *) DatumGetEOHP(d);

		if (b->nparts > 0 && b->n == 0)
			PG_RETURN_POINTER(parts_canonical(b));
		build_absorb_parts(b);
		PG_RETURN_POINTER(build_canonical(b));
	}
	PG_RETURN_POINTER(mx_canonical(mx_raw(fcinfo, 0)));
}

/* ---------------------------------------------------------------------
 * Type I/O
 *
 * Text: [(unit,indicator,value,axis,weight,direction) ...], one cell per
 * parenthesis separated by single spaces, names double-quoted with "" for
 * a quote, the value NULL when missing, doubles shortest-exact; the cells
 * in canonical order on output, any order on input.  [] is the empty
 * matrix.  After the direction, in this order and only when there:
 * ,lower=x,upper=y (goalposts) ,target=t ,imputed ,treated; a matrix
 * without them has the text form it had before they existed.
 * Binary: a version byte (2), the number of cells (int4), then per cell
 * the unit, indicator and axis (int4 length and bytes each), a flag byte
 * (1 missing, 2 lower is better, 4 goalposts, 8 target, 16 imputed, 32
 * treated), the value and the weight (float8), then the lower and upper
 * goalposts and the target (float8) when flagged.  Version 1 (flags 1 and
 * 2 only) is read too.
 * ---------------------------------------------------------------------
 */

static void
mx_syntax(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tb_matrix: \"%s\"", input),
			 errdetail("%s", why),
			 errhint("Write [(\"unit\",\"indicator\",value,\"axis\",weight,higher) ...], value NULL when missing, e.g. [(\"AR\",\"i1\",3,\"A\",1,higher)].")));
}

static char *
read_name(const char *input, const char **p, int *len)
{
	StringInfoData s;
	const char *q = *p;

	if (*q != '"')
		mx_syntax(input, "Expected a double-quoted name.");
	q++;
	initStringInfo(&s);
	for (;;)
	{
		if (*q == '\0')
			mx_syntax(input, "A name ends without its closing quote.");
		if (*q == '"')
		{
			if (q[1] == '"')
			{
				appendStringInfoChar(&s, '"');
				q += 2;
				continue;
			}
			q++;
			break;
		}
		appendStringInfoChar(&s, *q);
		q++;
	}
	*p = q;
	*len = s.len;
	return s.data;
}

static double
read_double(const char *input, const char **p, const char *what)
{
	char	   *end;
	double		v;

	if (**p == ' ' || **p == '+')
		mx_syntax(input, psprintf("The %s must follow its comma directly.", what));
	errno = 0;
	v = strtod(*p, &end);
	if (end == *p)
		mx_syntax(input, psprintf("The %s is not a number.", what));
	if (!isfinite(v))
		mx_syntax(input, psprintf("The %s must be finite.", what));
	*p = end;
	return v;
}

static void
expect(const char *input, const char **p, char ch)
{
	if (**p != ch)
		mx_syntax(input, psprintf("Expected \"%c\".", ch));
	(*p)++;
}

PG_FUNCTION_INFO_V1(tb_matrix_in);
Datum
tb_matrix_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	const char *p = input;
	TbMatrix   *m = mx_new(4096);

	expect(input, &p, '[');
	while (*p != ']')
	{
		char	   *u,
				   *i,
				   *a;
		int			ulen,
					ilen,
					alen;
		bool		isnull = false;
		double		v = 0,
					w;
		const char *d;
		MxDef		def;
		int			marks;

		if (m->ncells > 0)
			expect(input, &p, ' ');
		expect(input, &p, '(');
		u = read_name(input, &p, &ulen);
		expect(input, &p, ',');
		i = read_name(input, &p, &ilen);
		expect(input, &p, ',');
		if (strncmp(p, "NULL", 4) == 0)
		{
			isnull = true;
			p += 4;
		}
		else
			v = read_double(input, &p, "value");
		expect(input, &p, ',');
		a = read_name(input, &p, &alen);
		expect(input, &p, ',');
		w = read_double(input, &p, "weight");
		expect(input, &p, ',');
		d = p;
		while (*p >= 'a' && *p <= 'z')
			p++;
		memset(&def, 0, sizeof(def));
		marks = 0;
		if (parse_direction(d, (int) (p - d), i))
			def.flags |= CELL_LOWER;
		if (strncmp(p, ",lower=", 7) == 0)
		{
			p += 7;
			def.lo = read_double(input, &p, "lower goalpost");
			if (strncmp(p, ",upper=", 7) != 0)
				mx_syntax(input, "A lower goalpost must be followed by \",upper=\".");
			p += 7;
			def.hi = read_double(input, &p, "upper goalpost");
			def.flags |= CELL_GOALPOSTS;
		}
		if (strncmp(p, ",target=", 8) == 0)
		{
			p += 8;
			def.target = read_double(input, &p, "target");
			def.flags |= CELL_TARGET;
		}
		if (strncmp(p, ",imputed", 8) == 0)
		{
			p += 8;
			marks |= CELL_IMPUTED;
		}
		if (strncmp(p, ",treated", 8) == 0)
		{
			p += 8;
			marks |= CELL_TREATED;
		}
		name_len("unit", u, ulen);
		name_len("indicator", i, ilen);
		name_len("axis", a, alen);
		pg_verifymbstr(u, ulen, false);
		pg_verifymbstr(i, ilen, false);
		pg_verifymbstr(a, alen, false);
		check_weight(w, i);
		check_def(&def, i);
		expect(input, &p, ')');
		if (m->ncells >= MX_MAX_CELLS)
			mx_limit("cells", MX_MAX_CELLS, (int64) m->ncells + 1);
		if (m->used + cell_bytes(ulen, ilen, alen, def.flags) > m->capacity)
		{
			TbMatrix   *g;
			int64		need = m->used + cell_bytes(ulen, ilen, alen, def.flags);

			if (need > MX_MAX_BYTES)
				mx_limit("bytes", MX_MAX_BYTES, need);
			g = mx_new(Min(Max(m->capacity * 2, need), MX_MAX_BYTES));
			g->ncells = m->ncells;
			g->used = m->used;
			memcpy(g->data, m->data, m->used);
			m = g;
		}
		mx_append(m, u, ulen, i, ilen, a, alen, def.flags | marks | (isnull ? CELL_NULL : 0), v, w, &def);
		if (*p == '\0')
			mx_syntax(input, "The list ends without \"]\".");
	}
	p++;
	if (*p != '\0')
		mx_syntax(input, "Unexpected text after \"]\".");
	PG_RETURN_POINTER(mx_canonical(m));
}

static void
append_name(StringInfo buf, const char *s)
{
	appendStringInfoChar(buf, '"');
	for (; *s; s++)
	{
		if (*s == '"')
			appendStringInfoChar(buf, '"');
		appendStringInfoChar(buf, *s);
	}
	appendStringInfoChar(buf, '"');
}

PG_FUNCTION_INFO_V1(tb_matrix_out);
Datum
tb_matrix_out(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_canonical_cells(mx_raw(fcinfo, 0));
	MxCell	  **cells = mx_cells(m);
	StringInfoData buf;
	int			k;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (k = 0; k < m->ncells; k++)
	{
		MxCell	   *c = cells[k];

		if (k > 0)
			appendStringInfoChar(&buf, ' ');
		appendStringInfoChar(&buf, '(');
		append_name(&buf, CELL_UNIT(c));
		appendStringInfoChar(&buf, ',');
		append_name(&buf, CELL_IND(c));
		appendStringInfoChar(&buf, ',');
		if (c->flags & CELL_NULL)
			appendStringInfoString(&buf, "NULL");
		else
			tb_append_double(&buf, c->value);
		appendStringInfoChar(&buf, ',');
		append_name(&buf, CELL_AXIS(c));
		appendStringInfoChar(&buf, ',');
		tb_append_double(&buf, c->weight);
		appendStringInfoString(&buf, (c->flags & CELL_LOWER) ? ",lower" : ",higher");
		if (c->flags & (CELL_GOALPOSTS | CELL_TARGET))
		{
			MxDef		def;

			cell_def(c, &def);
			if (c->flags & CELL_GOALPOSTS)
			{
				appendStringInfoString(&buf, ",lower=");
				tb_append_double(&buf, def.lo);
				appendStringInfoString(&buf, ",upper=");
				tb_append_double(&buf, def.hi);
			}
			if (c->flags & CELL_TARGET)
			{
				appendStringInfoString(&buf, ",target=");
				tb_append_double(&buf, def.target);
			}
		}
		if (c->flags & CELL_IMPUTED)
			appendStringInfoString(&buf, ",imputed");
		if (c->flags & CELL_TREATED)
			appendStringInfoString(&buf, ",treated");
		appendStringInfoChar(&buf, ')');
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(tb_matrix_send);
Datum
tb_matrix_send(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_canonical_cells(mx_raw(fcinfo, 0));
	MxCell	  **cells = mx_cells(m);
	StringInfoData buf;
	int			k;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, MX_VERSION);
	pq_sendint32(&buf, m->ncells);
	for (k = 0; k < m->ncells; k++)
	{
		MxCell	   *c = cells[k];

		pq_sendint32(&buf, c->ulen);
		pq_sendbytes(&buf, CELL_UNIT(c), c->ulen);
		pq_sendint32(&buf, c->ilen);
		pq_sendbytes(&buf, CELL_IND(c), c->ilen);
		pq_sendint32(&buf, c->alen);
		pq_sendbytes(&buf, CELL_AXIS(c), c->alen);
		pq_sendbyte(&buf, c->flags);
		pq_sendfloat8(&buf, c->value);
		pq_sendfloat8(&buf, c->weight);
		{
			int			e;

			for (e = 0; e < c->nextra; e++)
				pq_sendfloat8(&buf, CELL_EXTRA(c)[e]);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static char *
recv_name(StringInfo buf, const char *what, int *len)
{
	int32		n;
	char	   *s;

	if (buf->len - buf->cursor < 4)
		tb_invalid_binary("tb_matrix", "The message ends inside a cell.");
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > MX_MAX_NAME)
		tb_invalid_binary("tb_matrix", psprintf("A %s name has length %d (0 to %d allowed).", what, n, MX_MAX_NAME));
	if (buf->len - buf->cursor < n)
		tb_invalid_binary("tb_matrix", "The message ends inside a name.");
	s = palloc(n + 1);
	pq_copymsgbytes(buf, s, n);
	s[n] = '\0';
	if (strlen(s) != (size_t) n)
		tb_invalid_binary("tb_matrix", "A name contains a zero byte.");
	if (!pg_verifymbstr(s, n, true))
		tb_invalid_binary("tb_matrix", "A name is not valid in the server encoding.");
	*len = n;
	return s;
}

PG_FUNCTION_INFO_V1(tb_matrix_recv);
Datum
tb_matrix_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TbMatrix   *m;
	int32		n;
	int			k,
				version;

	if (buf->len - buf->cursor < 5)
		tb_invalid_binary("tb_matrix", "The message is shorter than its header (5 bytes).");
	version = pq_getmsgbyte(buf);
	if (version != 1 && version != MX_VERSION)
		tb_invalid_binary("tb_matrix", "Unknown version: this build reads versions 1 and 2.");
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0)
		tb_invalid_binary("tb_matrix", "The number of cells is negative.");
	if (n > MX_MAX_CELLS)
		mx_limit("cells", MX_MAX_CELLS, n);
	/* each cell takes at least 29 bytes */
	if ((int64) n * 29 > buf->len - buf->cursor)
		tb_invalid_binary("tb_matrix", psprintf("%d cells need at least %lld bytes, the message has %d.",
												n, (long long) n * 29, buf->len - buf->cursor));
	m = mx_new(4096);
	for (k = 0; k < n; k++)
	{
		char	   *u,
				   *i,
				   *a;
		int			ulen,
					ilen,
					alen,
					flags;
		double		v,
					w;
		int64		need;
		MxDef		def = {0, 0, 0, 0};

		u = recv_name(buf, "unit", &ulen);
		i = recv_name(buf, "indicator", &ilen);
		a = recv_name(buf, "axis", &alen);
		if (buf->len - buf->cursor < 17)
			tb_invalid_binary("tb_matrix", "The message ends inside a cell.");
		flags = pq_getmsgbyte(buf);
		v = pq_getmsgfloat8(buf);
		w = pq_getmsgfloat8(buf);
		if (flags & ~(version == 1 ? (CELL_NULL | CELL_LOWER) : CELL_ALL_FLAGS))
			tb_invalid_binary("tb_matrix", "Unknown cell flags.");
		def.flags = flags & CELL_DEF_FLAGS;
		if (buf->len - buf->cursor < def_nextra(flags) * 8)
			tb_invalid_binary("tb_matrix", "The message ends inside a cell.");
		if (flags & CELL_GOALPOSTS)
		{
			def.lo = pq_getmsgfloat8(buf);
			def.hi = pq_getmsgfloat8(buf);
			if (!(isfinite(def.lo) && isfinite(def.hi) && def.lo < def.hi))
				tb_invalid_binary("tb_matrix", "Goalposts are not finite with lower < upper.");
		}
		if (flags & CELL_TARGET)
		{
			def.target = pq_getmsgfloat8(buf);
			if (!(isfinite(def.target) && (def.target > 0 || (def.target == 0 && (flags & CELL_LOWER)))))
				tb_invalid_binary("tb_matrix", "A target is not finite and > 0 (>= 0 when lower is better).");
		}
		if ((flags & CELL_NULL) ? v != 0 : !isfinite(v))
			tb_invalid_binary("tb_matrix", "A value is not finite, or a missing cell has a value.");
		if (!(w > 0) || isinf(w))
			tb_invalid_binary("tb_matrix", "A weight is not a positive finite number.");
		need = m->used + cell_bytes(ulen, ilen, alen, flags);
		if (need > m->capacity)
		{
			TbMatrix   *g;

			if (need > MX_MAX_BYTES)
				mx_limit("bytes", MX_MAX_BYTES, need);
			g = mx_new(Min(Max(m->capacity * 2, need), MX_MAX_BYTES));
			g->ncells = m->ncells;
			g->used = m->used;
			memcpy(g->data, m->data, m->used);
			m = g;
		}
		mx_append(m, u, ulen, i, ilen, a, alen, flags, v, w, &def);
	}
	if (buf->cursor != buf->len)
		tb_invalid_binary("tb_matrix", "Bytes follow the last cell.");
	PG_RETURN_POINTER(mx_canonical(m));
}

/* ---------------------------------------------------------------------
 * Scores
 * ---------------------------------------------------------------------
 */

/* the first three (and the first two means) are those the uncertainty draws */
enum
{
	NORM_MINMAX, NORM_ZSCORE, NORM_RANK, NORM_GOALPOSTS, NORM_TARGET, NORM_ORDINAL
};
enum
{
	AGG_ARITH, AGG_GEO, AGG_HARM, AGG_MEDIAN, AGG_COPELAND
};

typedef struct MxInd
{
	const char *name;
	int			axis;			/* index in axes */
	double		weight;
	bool		lower;
	MxDef		def;			/* direction, goalposts, target */
	int			first;			/* its cells: cells[first .. first + n - 1] */
	int			n;
} MxInd;

/* A matrix read for scoring: units, axes and indicators by index. */
typedef struct MxModel
{
	int			nunits,
				naxes,
				nind,
				ncells;
	const char **units;			/* sorted */
	const char **axes;			/* sorted */
	MxInd	   *ind;			/* in canonical (name) order */
	int		   *cell_unit;		/* unit of each cell */
	bool		canonical;		/* read from a canonical matrix: no cell twice */
	double	   *cell_value;		/* NaN when missing */
	MxCell	  **cells;			/* the cells themselves, in canonical order */
} MxModel;

static int
find_str(const char **a, int n, const char *s)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			r = strcmp(a[mid], s);

		if (r == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}


static void
mx_model(const TbMatrix *m, MxModel *mm)
{
	MxCell	  **cells = mx_cells(m);
	MxIntern	tu,
				ta;
	int		   *rank;
	const char **old;
	int			k;

	mm->ncells = m->ncells;
	mm->cells = cells;
	mm->canonical = false;
	mm->ind = palloc(Max(m->ncells, 1) * sizeof(MxInd));
	mm->cell_unit = palloc(Max(m->ncells, 1) * sizeof(int));
	mm->cell_value = palloc(Max(m->ncells, 1) * sizeof(double));
	mm->nind = 0;
	intern_init(&tu, 1024);
	intern_init(&ta, 16);
	/* the cells are canonical: an indicator's cells are together */
	for (k = 0; k < m->ncells; k++)
	{
		MxCell	   *c = cells[k];

		if ((k & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		if (mm->nind == 0 || strcmp(mm->ind[mm->nind - 1].name, CELL_IND(c)) != 0)
		{
			MxInd	   *d = &mm->ind[mm->nind++];

			d->name = CELL_IND(c);
			d->axis = intern(&ta, CELL_AXIS(c));
			d->weight = c->weight;
			d->lower = (c->flags & CELL_LOWER) != 0;
			cell_def(c, &d->def);
			d->first = k;
			d->n = 0;
		}
		mm->ind[mm->nind - 1].n++;
		/* a complete grid has the same unit at the same place in each indicator */
		mm->cell_unit[k] = intern_guess(&tu, CELL_UNIT(c), tu.n > 0 && k >= tu.n ? mm->cell_unit[k - tu.n] : -1);
		mm->cell_value[k] = (c->flags & CELL_NULL) ? get_float8_nan() : c->value;
	}
	/* units and axes by index in byte order */
	old = palloc_array(const char *, Max(tu.n, 1));
	memcpy(old, tu.names, tu.n * sizeof(char *));
	rank = intern_sort(&tu);
	for (k = 0; k < tu.n; k++)
		rank[k] = intern(&tu, old[k]);
	for (k = 0; k < m->ncells; k++)
		mm->cell_unit[k] = rank[mm->cell_unit[k]];
	mm->units = tu.names;
	mm->nunits = tu.n;
	old = palloc_array(const char *, Max(ta.n, 1));
	memcpy(old, ta.names, ta.n * sizeof(char *));
	rank = intern_sort(&ta);
	for (k = 0; k < ta.n; k++)
		rank[k] = intern(&ta, old[k]);
	for (k = 0; k < mm->nind; k++)
		mm->ind[k].axis = rank[mm->ind[k].axis];
	mm->axes = ta.names;
	mm->naxes = ta.n;
}

/*
 * A canonical matrix of layout 3 read for scoring: the names, the
 * definitions and the columns of units and values are used where they
 * lie (read-only); no name is hashed, no cell copied.
 */
static void
mx_model_dict(const TbMatrix *m, MxModel *mm)
{
	MxDict		d;
	int			k,
				len;
	int64		c;

	dict_read(m, &d);
	mm->nunits = d.h->nunits;
	mm->nind = d.h->ninds;
	mm->naxes = d.h->naxes;
	mm->ncells = m->ncells;
	mm->units = palloc_array(const char *, Max(mm->nunits, 1));
	for (k = 0; k < mm->nunits; k++)
		mm->units[k] = dict_name(&d, k, &len);
	mm->axes = palloc_array(const char *, Max(mm->naxes, 1));
	for (k = 0; k < mm->naxes; k++)
		mm->axes[k] = dict_name(&d, mm->nunits + mm->nind + k, &len);
	mm->ind = palloc_array(MxInd, Max(mm->nind, 1));
	for (k = 0; k < mm->nind; k++)
	{
		MxInd	   *x = &mm->ind[k];
		const MxDictDef *dd = &d.defs[k];

		x->name = dict_name(&d, mm->nunits + k, &len);
		x->axis = dd->axis;
		x->weight = dd->weight;
		x->lower = (dd->flags & CELL_LOWER) != 0;
		x->def.flags = dd->flags;
		x->def.lo = dd->lo;
		x->def.hi = dd->hi;
		x->def.target = dd->target;
		x->first = 0;
		x->n = 0;
	}
	/* the cells are by indicator: each indicator's run, where the next begins */
	c = 0;
	for (k = 0; k < mm->nind; k++)
	{
		int64		lo = c,
					hi = m->ncells;

		while (lo < hi)
		{
			int64		mid = lo + (hi - lo) / 2;

			if (d.iid[mid] <= k)
				lo = mid + 1;
			else
				hi = mid;
		}
		mm->ind[k].first = (int) c;
		mm->ind[k].n = (int) (lo - c);
		c = lo;
	}
	mm->cell_unit = (int *) d.uid;
	mm->cell_value = d.value;
	mm->cells = NULL;
	mm->canonical = true;
}

/*
 * A matrix (either layout) read for scoring, for the functions that need
 * no cell itself (mm->cells NULL when read in place).
 */
static void
mx_read(const TbMatrix *m, MxModel *mm)
{
	if (m->version == MX_LAYOUT_DICT && ((const MxDictHead *) m->data)->sorted)
		mx_model_dict(m, mm);
	else
		mx_model(mx_cells_layout(m), mm);
}

/* A summary of values, as tb_summary builds it. */
static TbSummary *
summary_of(const double *v, int n)
{
	Size		size = offsetof(TbSummary, acc) + EXACT_AREA_SIZE(SUMMARY_REGIONS, 0);
	TbSummary  *s = palloc0(size);
	int			k;

	SET_VARSIZE(s, size);
	s->version = TB_SUMMARY_VERSION;
	exact_init(&s->acc, SUMMARY_REGIONS);
	for (k = 0; k < n; k++)
	{
		double		x = v[k];
		uint64		mant;
		int			e;

		if (isnan(x))
			continue;
		if (x == 0)
			x = 0;
		if (s->n == 0)
			s->min = s->max = x;
		else
		{
			if (x < s->min)
				s->min = x;
			if (x > s->max)
				s->max = x;
		}
		s->n++;
		if (x == 0)
			continue;
		exact_decompose(fabs(x), &mant, &e);
		s = exact_state_add_parts(s, offsetof(TbSummary, acc), x > 0 ? SUM_POS : SUM_NEG, mant, e);
		s = exact_state_add_square_parts(s, offsetof(TbSummary, acc), SUM_SQ, mant, e);
	}
	return s;
}

static int
cmp_double(const void *a, const void *b, void *arg)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* count of values in sorted[0..n-1] below x, and at most x */
static void
count_around(const double *sorted, int n, double x, int *below, int *upto)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (sorted[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	*below = lo;
	hi = n;
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (sorted[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	*upto = lo;
}

static double
clip01(double v)
{
	return v < 0 ? 0 : (v > 1 ? 1 : v);
}

static void
no_definition(const MxInd *d, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("indicator \"%s\" has no %s", d->name, what),
			 errdetail("The normalisation %s needs every indicator's %s.",
					   strcmp(what, "target") == 0 ? "target" : "goalposts", what),
			 errhint("Build the matrix with tb_matrix(unit, indicator, value, axis, weight, direction, lower, upper, target).")));
}

/*
 * Normalise the n values v of indicator d into out (NaN where missing):
 * what tb_norm_minmax(summary, x, direction, 100), tb_norm_zscore(summary,
 * x, direction), tb_percent_rank(x, direction, 100), tb_norm_goalposts(x,
 * worst, best, 100), tb_norm_target(x, target, direction, 100) and
 * tb_rank(x, the other direction) give.
 */
static void
normalise_values(const double *v, int n, const MxInd *d, int norm, double *out)
{
	int			k;

	if (norm == NORM_MINMAX)
	{
		/* min and max are all tb_norm_minmax reads of the summary */
		double		lo = 0,
					hi = 0;
		bool		any = false;

		for (k = 0; k < n; k++)
			if (!isnan(v[k]))
			{
				if (!any || v[k] < lo)
					lo = v[k];
				if (!any || v[k] > hi)
					hi = v[k];
				any = true;
			}
		for (k = 0; k < n; k++)
		{
			double		x = v[k];

			if (isnan(x))
				out[k] = x;
			else
				out[k] = hi == lo ? MX_TOP : MX_TOP * ((d->lower ? (hi - x) : (x - lo)) / (hi - lo));
		}
	}
	else if (norm == NORM_ZSCORE)
	{
		TbSummary  *s = summary_of(v, n);
		SummaryStats st;

		summary_stats(s, &st);
		for (k = 0; k < n; k++)
		{
			double		x = v[k];

			if (isnan(x))
				out[k] = x;
			else if (st.n < 2 || st.var_samp == 0)
				out[k] = 0;
			else
			{
				double		z = (x - st.mean) / sqrt(st.var_samp);

				out[k] = d->lower ? -z : z;
			}
		}
		pfree(s);
	}
	else if (norm == NORM_GOALPOSTS)
	{
		double		worst = d->lower ? d->def.hi : d->def.lo,
					best = d->lower ? d->def.lo : d->def.hi;

		if (!(d->def.flags & CELL_GOALPOSTS))
			no_definition(d, "goalposts");
		for (k = 0; k < n; k++)
			out[k] = isnan(v[k]) ? v[k] : MX_TOP * clip01((v[k] - worst) / (best - worst));
	}
	else if (norm == NORM_TARGET)
	{
		double		t = d->def.target;

		if (!(d->def.flags & CELL_TARGET))
			no_definition(d, "target");
		for (k = 0; k < n; k++)
		{
			double		x = v[k];

			if (isnan(x))
				out[k] = x;
			else if (x < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("distance to target needs values >= 0, and indicator \"%s\" has %s",
								d->name, float8out_internal(x)),
						 errhint("Use goalposts or min-max for indicators that can be negative.")));
			else if (!d->lower)
				out[k] = MX_TOP * clip01(x / t);
			else
				out[k] = x <= t ? MX_TOP : MX_TOP * clip01(t / x);
		}
	}
	else
	{
		double	   *sorted = palloc(Max(n, 1) * sizeof(double));
		int			m = 0;

		for (k = 0; k < n; k++)
			if (!isnan(v[k]))
				sorted[m++] = v[k] == 0 ? 0.0 : v[k];
		qsort_interruptible(sorted, m, sizeof(double), cmp_double, NULL);
		for (k = 0; k < n; k++)
		{
			int			below,
						upto;
			int64		worse;

			if (isnan(v[k]))
			{
				out[k] = v[k];
				continue;
			}
			count_around(sorted, m, v[k] == 0 ? 0.0 : v[k], &below, &upto);
			worse = d->lower ? m - upto : below;
			if (norm == NORM_ORDINAL)
				out[k] = (double) (worse + 1);
			else if (m < 2 || sorted[0] == sorted[m - 1])
				out[k] = MX_TOP;
			else
				out[k] = MX_TOP * (double) worse / (double) (m - 1);
		}
		pfree(sorted);
	}
}

static void
normalise(const MxModel *mm, const MxInd *d, int norm, double *out)
{
	normalise_values(mm->cell_value + d->first, d->n, d, norm, out);
}

/* A composite accumulator, as tb_composite keeps it. */
#define R_PRESENT 0
#define R_MISSING 1
#define R_WX_POS 2
#define R_WX_NEG 3
#define R_WLN_POS 4
#define R_WLN_NEG 5
#define R_WINV 6
#define R_REGIONS 7
#define SEEN_ZERO 1
#define SEEN_NEG 2

typedef struct MxAcc
{
	int32		vl_len_;
	int32		flags;
	int64		n;
	ExactArea	acc;
} MxAcc;

#define ACC_HDRSZ offsetof(MxAcc, acc)

static MxAcc *
acc_new(void)
{
	Size		size = ACC_HDRSZ + EXACT_AREA_SIZE(R_REGIONS, 0);
	MxAcc	   *a = palloc0(size);

	SET_VARSIZE(a, size);
	exact_init(&a->acc, R_REGIONS);
	return a;
}

static MxAcc *
acc_add(MxAcc *a, bool missing, double x, double w, int agg)
{
	if (missing)
		return exact_state_add_double(a, ACC_HDRSZ, R_MISSING, w);
	a->n++;
	a = exact_state_add_double(a, ACC_HDRSZ, R_PRESENT, w);
	if (agg == AGG_ARITH)
		a = exact_state_add_product(a, ACC_HDRSZ, x < 0 ? R_WX_NEG : R_WX_POS, w, x);
	if (x < 0)
		a->flags |= SEEN_NEG;
	else if (x == 0)
		a->flags |= SEEN_ZERO;
	else if (agg == AGG_GEO)
	{
		double		l = log(x);

		a = exact_state_add_product(a, ACC_HDRSZ, l < 0 ? R_WLN_NEG : R_WLN_POS, w, l);
	}
	else if (agg == AGG_HARM)
		a = exact_state_add_product(a, ACC_HDRSZ, R_WINV, w, 1.0 / x);
	return a;
}

static double
acc_region(const MxAcc *a, int region, int scale)
{
	ExactBig	b;

	exact_to_big(&a->acc, region, &b);
	return big_to_double(&b, scale, 1.0);
}

static double
acc_diff_div(const MxAcc *a, int pos, int neg, double divisor)
{
	ExactBig	b;
	bool		negative;
	double		v;

	big_from_area_diff(&a->acc, pos, neg, &b, &negative);
	v = big_to_double(&b, EXACT_SCALE_PRODUCT, divisor);
	return negative ? -v : v;
}

/* The mean, as tb_wmean / tb_wgeomean with min_coverage read it; NaN for none. */
static double
acc_mean(const MxAcc *a, int agg, double min_coverage)
{
	double		w = acc_region(a, R_PRESENT, EXACT_SCALE_PLAIN);
	double		wm = acc_region(a, R_MISSING, EXACT_SCALE_PLAIN);

	if (a->n == 0 || w + wm == 0 || !(w / (w + wm) >= min_coverage))
		return get_float8_nan();
	if (agg == AGG_ARITH)
		return acc_diff_div(a, R_WX_POS, R_WX_NEG, w);
	if (a->flags & SEEN_NEG)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s mean needs values >= 0, and the group has a negative value",
						agg == AGG_GEO ? "geometric" : "harmonic"),
				 errhint("Use the normalisation minmax or rank with the geometric mean, or the arithmetic mean with zscore.")));
	if (a->flags & SEEN_ZERO)
		return 0;
	if (agg == AGG_HARM)
		return w / acc_region(a, R_WINV, EXACT_SCALE_PRODUCT);
	return exp(acc_diff_div(a, R_WLN_POS, R_WLN_NEG, w));
}

/*
 * The arithmetic mean's sums kept cheaply, and exactly: the weights in a
 * double while each addition is exact (checked by the rounding error of
 * the sum, which is then zero), and the products w * x as integers in a
 * fixed window: each product of the two 53-bit significands (106 bits,
 * exact) shifted into place and added to a 192-bit integer whose lowest
 * bit is worth 2^-MX_FAST_LOW, one for positive and one for negative
 * products.  A product whose bits fall outside the window (|w * x| below
 * about 2^-36 or above 2^28) goes to the accumulator directly.  Poured into
 * the accumulator (fast_flush) before it is read, they give the same exact
 * sums, so the same roundings, as adding every cell to it.
 */
#define MX_FAST_LOW 140			/* the window's lowest bit: 2^-140 */
#define MX_FAST_ADDS (1 << 20)	/* additions before the 22 spare top bits could carry out */

typedef struct MxFast
{
	double		wp;				/* weights present, exact while wp_ok */
	double		wm;				/* weights missing, exact while wm_ok */
	bool		wp_ok;
	bool		wm_ok;
	bool		used;			/* a cell or a missing weight added */
	int32		nadd;			/* products added since the last flush */
	int32		flags;			/* SEEN_NEG, SEEN_ZERO: for a's */
	int64		n;				/* cells present: for a's */
	MxAcc	   *a;				/* the exact sums, made when first needed */
	uint64		acc[2][3];		/* positive, negative: the sums * 2^MX_FAST_LOW */
} MxFast;

static void
fast_init(MxFast *f)
{
	f->wp = f->wm = 0;
	f->wp_ok = f->wm_ok = true;
	f->used = false;
	f->nadd = 0;
	f->flags = 0;
	f->n = 0;
	f->a = NULL;
	memset(f->acc, 0, sizeof(f->acc));
}

/* f's exact sums, made now if not yet */
static inline MxAcc *
fast_acc(MxFast *f)
{
	if (f->a == NULL)
		f->a = acc_new();
	return f->a;
}

/* *sum += w while exact, else everything into the region */
static inline MxAcc *
fast_weight(MxAcc *a, double *sum, bool *ok, int region, double w)
{
	if (*ok)
	{
		double		t = *sum + w,
					bv = t - *sum,
					av = t - bv;

		if ((*sum - av) + (w - bv) == 0)
		{
			*sum = t;
			return a;
		}
		a = exact_state_add_double(a, ACC_HDRSZ, region, *sum);
		*ok = false;
	}
	return exact_state_add_double(a, ACC_HDRSZ, region, w);
}

/* |x| as significand (53 bits with the leading one, trailing zeros kept) and exponent; false for subnormals */
static inline bool
fast_parts(double x, uint64 *m, int *e)
{
	uint64		bits;
	int			biased;

	memcpy(&bits, &x, sizeof(bits));
	biased = (int) ((bits >> 52) & 0x7FF);
	*m = (bits & ((UINT64CONST(1) << 52) - 1)) | (UINT64CONST(1) << 52);
	*e = biased - 1075;
	return biased != 0;
}

static MxAcc *
fast_flush_products(MxAcc *a, MxFast *f)
{
	int			sign,
				j;

	for (sign = 0; sign < 2; sign++)
		for (j = 0; j < 3; j++)
		{
			a = exact_state_add(a, ACC_HDRSZ, sign ? R_WX_NEG : R_WX_POS,
								EXACT_SCALE_PRODUCT - MX_FAST_LOW + 64 * j, f->acc[sign][j]);
			f->acc[sign][j] = 0;
		}
	f->nadd = 0;
	return a;
}

/*
 * acc_add for the arithmetic mean: a cell touches f alone (its exact sums
 * only when a sum leaves what f holds exactly).
 */
static inline void
fast_add(MxFast *f, bool missing, double x, double w, bool plain)
{
	uint64		mw,
				mx,
				al,
				ah,
				bl,
				bh,
				p0,
				p1,
				lo,
				hi,
				w0,
				w1,
				w2,
				t,
				c;
	int			ew,
				ex,
				r;
	uint64	   *acc;

	f->used = true;
	if (missing)
	{
		if (plain)
			f->wm += w;
		else
			f->a = fast_weight(fast_acc(f), &f->wm, &f->wm_ok, R_MISSING, w);
		return;
	}
	f->n++;
	if (plain)
		f->wp += w;
	else
		f->a = fast_weight(fast_acc(f), &f->wp, &f->wp_ok, R_PRESENT, w);
	if (x < 0)
		f->flags |= SEEN_NEG;
	else if (x == 0)
	{
		f->flags |= SEEN_ZERO;
		return;
	}
	r = 0;
	if (fast_parts(w, &mw, &ew) & fast_parts(x, &mx, &ex))
		r = ew + ex + MX_FAST_LOW;
	/* outside the window (or subnormal): exactly into the accumulator */
	if (r <= 0 || r >= 64)
	{
		f->a = exact_state_add_product(fast_acc(f), ACC_HDRSZ, x < 0 ? R_WX_NEG : R_WX_POS, w, x);
		return;
	}
	if (f->nadd == MX_FAST_ADDS)
		f->a = fast_flush_products(fast_acc(f), f);
	/* the 106-bit product of the significands, hi * 2^64 + lo */
	al = mw & 0xFFFFFFFF;
	ah = mw >> 32;
	bl = mx & 0xFFFFFFFF;
	bh = mx >> 32;
	p0 = al * bl;
	p1 = ah * bl + al * bh;
	lo = p0 + (p1 << 32);
	hi = ah * bh + (p1 >> 32) + (lo < p0);
	/* shifted left by r (0 < r < 64) into three words, then added with carries */
	w0 = lo << r;
	w1 = (hi << r) | (lo >> (64 - r));
	w2 = hi >> (64 - r);
	acc = f->acc[x < 0];
	t = acc[0] + w0;
	c = t < w0;
	acc[0] = t;
	t = acc[1] + c;
	c = t < c;
	t += w1;
	c += t < w1;
	acc[1] = t;
	acc[2] += w2 + c;
	f->nadd++;
}

/* everything kept in f into its exact sums, which are returned */
static MxAcc *
fast_flush(MxFast *f)
{
	MxAcc	   *a = fast_acc(f);

	a->n += f->n;
	a->flags |= f->flags;
	if (f->wp_ok && f->wp != 0)
		a = exact_state_add_double(a, ACC_HDRSZ, R_PRESENT, f->wp);
	if (f->wm_ok && f->wm != 0)
		a = exact_state_add_double(a, ACC_HDRSZ, R_MISSING, f->wm);
	a = fast_flush_products(a, f);
	fast_init(f);
	return a;
}

/*
 * Scores of every unit: axis[u * naxes + x] and overall[u], NaN where
 * there is none.  weights: per indicator (NULL: their own); skip: an
 * indicator left out, or -1.  An axis with no indicator left is no axis.
 */
static void mx_scores_dense(const MxModel *mm, int norm, int agg, double min_coverage,
							const double *weights, int skip, double *axis, double *overall);

/*
 * Whether every sum of these weights is exact in a double as it is added
 * up: each weight a multiple of 2^lo, and all of them together below
 * 2^(52 + lo) (half of what a double holds exactly, for the rounding of
 * the total here).  Then a unit's sums of weights need no check of their
 * rounding (weights such as 1, 1.5 and 2, the common case).
 */
static bool
weights_sum_exactly(const MxModel *mm, const double *weights, int skip)
{
	double		total = 0;
	int			lo = INT_MAX,
				k;

	for (k = 0; k < mm->nind; k++)
	{
		double		w = weights ? weights[k] : mm->ind[k].weight;
		uint64		m;
		int			e;

		if (k == skip)
			continue;
		if (!fast_parts(w, &m, &e))
			return false;
		lo = Min(lo, e + pg_rightmost_one_pos64(m));
		total += fabs(w);
	}
	return lo == INT_MAX || (lo > -1000 && total < ldexp(1.0, 52 + lo));
}

/* The means: exact sums per unit and axis, as tb_wmean and its kin keep them. */
static void
mx_scores_means(const MxModel *mm, int norm, int agg, double min_coverage,
				const double *weights, int skip, double *axis, double *overall)
{
	MxAcc	  **acc = palloc_extended(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(MxAcc *),
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	bool	   *axis_used = palloc0(Max(mm->naxes, 1) * sizeof(bool));
	bool	   *seen = palloc(Max(mm->nunits, 1) * sizeof(bool));
	double	   *norm_v = palloc(Max(mm->ncells, 1) * sizeof(double));
	/* by axis, then unit: an indicator's cells (by unit) read them in order */
	MxFast	   *fast = agg == AGG_ARITH ?
		palloc_extended(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(MxFast), MCXT_ALLOC_HUGE) : NULL;
	bool		plain = fast && weights_sum_exactly(mm, weights, skip);
	int			k,
				u,
				x;

	for (k = 0; k < mm->nunits * mm->naxes; k++)
	{
		acc[k] = NULL;
		if (fast)
			fast_init(&fast[k]);
	}
	for (k = 0; k < mm->nind; k++)
	{
		const MxInd *d = &mm->ind[k];
		double		w = weights ? weights[k] : d->weight;
		bool		all = mm->canonical && d->n == mm->nunits;	/* a cell for every unit */
		int			j;

		if (k == skip)
			continue;
		CHECK_FOR_INTERRUPTS();
		axis_used[d->axis] = true;
		normalise(mm, d, norm, norm_v);
		if (!all)
			memset(seen, 0, mm->nunits * sizeof(bool));
		for (j = 0; j < d->n; j++)
		{
			int			cu = mm->cell_unit[d->first + j];

			if (!all)
				seen[cu] = true;
			if (fast)
				fast_add(&fast[(Size) d->axis * mm->nunits + cu], isnan(norm_v[j]), norm_v[j], w, plain);
			else
			{
				MxAcc	  **a = &acc[cu * mm->naxes + d->axis];

				if (*a == NULL)
					*a = acc_new();
				*a = acc_add(*a, isnan(norm_v[j]), norm_v[j], w, agg);
			}
		}
		/* a unit without a cell of this indicator: missing weight */
		for (u = 0; u < mm->nunits && !all; u++)
			if (!seen[u])
			{
				MxAcc	  **a = &acc[u * mm->naxes + d->axis];

				if (fast)
					fast_add(&fast[(Size) d->axis * mm->nunits + u], true, 0, w, plain);
				else
				{
					if (*a == NULL)
						*a = acc_new();
					*a = acc_add(*a, true, 0, w, agg);
				}
			}
	}
	if (fast)
	{
		for (x = 0; x < mm->naxes; x++)
			for (u = 0; u < mm->nunits; u++)
				if (fast[(Size) x * mm->nunits + u].used)
					acc[u * mm->naxes + x] = fast_flush(&fast[(Size) x * mm->nunits + u]);
		pfree(fast);
	}
	for (u = 0; u < mm->nunits; u++)
	{
		MxAcc	   *o = acc_new();

		for (x = 0; x < mm->naxes; x++)
		{
			MxAcc	   *a = acc[u * mm->naxes + x];
			double		s = get_float8_nan();

			if (axis_used[x] && a != NULL)
				s = acc_mean(a, agg, min_coverage);
			axis[u * mm->naxes + x] = s;
			if (axis_used[x])
				o = acc_add(o, isnan(s), s, 1.0, agg);
			if (a)
				pfree(a);
		}
		overall[u] = acc_mean(o, agg, min_coverage);
		pfree(o);
	}
	pfree(acc);
	pfree(axis_used);
	pfree(seen);
	pfree(norm_v);
}

static void
mx_scores(const MxModel *mm, int norm, int agg, double min_coverage,
		  const double *weights, int skip, double *axis, double *overall)
{
	if (agg == AGG_MEDIAN || agg == AGG_COPELAND)
		mx_scores_dense(mm, norm, agg, min_coverage, weights, skip, axis, overall);
	else
		mx_scores_means(mm, norm, agg, min_coverage, weights, skip, axis, overall);
}

/* units x indicators of a dense grid: refused past the cell limit */
static void
dense_limit(const MxModel *mm)
{
	if ((int64) mm->nunits * mm->nind > MX_MAX_CELLS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("this step needs every (unit, indicator) of the matrix, at most %d", MX_MAX_CELLS),
				 errdetail("%d units x %d indicators.", mm->nunits, mm->nind),
				 errhint("Screen the matrix first (tb_matrix_screened), or split it by groups of units.")));
}

/*
 * Every indicator normalised, as a dense grid g[k * nunits + u], NaN where
 * missing or absent (and for the indicator skip).
 */
static double *
mx_dense(const MxModel *mm, int norm, int skip)
{
	double	   *g,
			   *tmp = palloc(Max(mm->ncells, 1) * sizeof(double));
	Size		n = (Size) mm->nunits * mm->nind,
				z;
	int			k,
				j;

	dense_limit(mm);
	g = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	for (z = 0; z < n; z++)
		g[z] = get_float8_nan();
	for (k = 0; k < mm->nind; k++)
	{
		const MxInd *d = &mm->ind[k];

		CHECK_FOR_INTERRUPTS();
		if (k == skip)
			continue;
		normalise(mm, d, norm, tmp);
		for (j = 0; j < d->n; j++)
			g[(Size) k * mm->nunits + mm->cell_unit[d->first + j]] = tmp[j];
	}
	pfree(tmp);
	return g;
}

typedef struct WVal
{
	double		x;
	double		w;
} WVal;

static int
cmp_wval(const void *a, const void *b, void *arg)
{
	return cmp_double(&((const WVal *) a)->x, &((const WVal *) b)->x, arg);
}

/*
 * Weighted median of n (value, weight) pairs: the smallest value whose
 * cumulative weight reaches half the total, the midpoint of it and the
 * next when it reaches exactly half (the usual median for equal weights).
 */
static double
weighted_median(WVal *v, int n)
{
	double		total = 0,
				cum = 0;
	int			k;

	if (n == 0)
		return get_float8_nan();
	qsort_interruptible(v, n, sizeof(WVal), cmp_wval, NULL);
	for (k = 0; k < n; k++)
		total += v[k].w;
	for (k = 0; k < n; k++)
	{
		cum += v[k].w;
		if (cum == total / 2 && k < n - 1)
			return (v[k].x + v[k + 1].x) / 2;
		if (cum >= total / 2)
			return v[k].x;
	}
	return v[n - 1].x;
}

/*
 * Copeland scores of the units over the columns of s (s[u * stride + c],
 * NaN missing) with weights w: u beats v when the columns on which u is
 * higher weigh more than those on which v is (columns both have); the
 * score is wins - losses among the units with ok[u], NaN for the others.
 */
static void
copeland(const double *s, int nunits, int ncols, int stride, const double *w, const bool *ok, double *out)
{
	int			u,
				v,
				c;

	for (u = 0; u < nunits; u++)
		out[u] = ok[u] ? 0 : get_float8_nan();
	for (u = 0; u < nunits; u++)
	{
		if (!ok[u])
			continue;
		CHECK_FOR_INTERRUPTS();
		for (v = u + 1; v < nunits; v++)
		{
			double		wu = 0,
						wv = 0;

			if (!ok[v])
				continue;
			for (c = 0; c < ncols; c++)
			{
				double		a = s[(Size) u * stride + c],
							b = s[(Size) v * stride + c];

				if (isnan(a) || isnan(b))
					continue;
				if (a > b)
					wu += w[c];
				else if (b > a)
					wv += w[c];
			}
			if (wu > wv)
			{
				out[u] += 1;
				out[v] -= 1;
			}
			else if (wv > wu)
			{
				out[u] -= 1;
				out[v] += 1;
			}
		}
	}
}

/* The median and Copeland aggregations, over a dense grid. */
static void
mx_scores_dense(const MxModel *mm, int norm, int agg, double min_coverage,
				const double *weights, int skip, double *axis, double *overall)
{
	double	   *g = mx_dense(mm, norm, skip);
	int			nu = mm->nunits,
				x,
				u,
				k;
	WVal	   *buf = palloc(Max(Max(mm->nind, mm->naxes), 1) * sizeof(WVal));
	bool	   *axis_used = palloc0(Max(mm->naxes, 1) * sizeof(bool));
	bool	   *ok = palloc(Max(nu, 1) * sizeof(bool));
	double	   *one = palloc(Max(mm->naxes, 1) * sizeof(double));

	for (k = 0; k < mm->nind; k++)
		if (k != skip)
			axis_used[mm->ind[k].axis] = true;
	for (x = 0; x < mm->naxes; x++)
	{
		int		   *cols = palloc(Max(mm->nind, 1) * sizeof(int));
		double	   *cw = palloc(Max(mm->nind, 1) * sizeof(double));
		double	   *t,
				   *res = palloc(Max(nu, 1) * sizeof(double));
		int			nc = 0,
					c;
		double		wt = 0;

		one[x] = 1.0;
		for (k = 0; k < mm->nind; k++)
			if (k != skip && mm->ind[k].axis == x)
			{
				cols[nc] = k;
				cw[nc] = weights ? weights[k] : mm->ind[k].weight;
				wt += cw[nc];
				nc++;
			}
		/* the axis's grid, unit-major */
		t = palloc(Max((Size) nu * nc, 1) * sizeof(double));
		for (u = 0; u < nu; u++)
		{
			double		wp = 0;
			int			np = 0;

			for (c = 0; c < nc; c++)
			{
				double		v = g[(Size) cols[c] * nu + u];

				t[(Size) u * nc + c] = v;
				if (!isnan(v))
				{
					buf[np].x = v;
					buf[np].w = cw[c];
					np++;
					wp += cw[c];
				}
			}
			ok[u] = nc > 0 && np > 0 && wp / wt >= min_coverage;
			res[u] = (agg == AGG_MEDIAN && ok[u]) ? weighted_median(buf, np) : get_float8_nan();
		}
		if (agg == AGG_COPELAND && nc > 0)
			copeland(t, nu, nc, nc, cw, ok, res);
		for (u = 0; u < nu; u++)
			axis[(Size) u * mm->naxes + x] = axis_used[x] ? res[u] : get_float8_nan();
		pfree(cols);
		pfree(cw);
		pfree(t);
		pfree(res);
	}
	/* overall: the same aggregation of the axis scores, equal weights */
	{
		int			nused = 0;
		double	   *t = palloc(Max((Size) nu * mm->naxes, 1) * sizeof(double));

		for (x = 0; x < mm->naxes; x++)
			nused += axis_used[x];
		for (u = 0; u < nu; u++)
		{
			int			np = 0;

			for (x = 0; x < mm->naxes; x++)
			{
				double		v = axis_used[x] ? axis[(Size) u * mm->naxes + x] : get_float8_nan();

				t[(Size) u * mm->naxes + x] = v;
				if (!isnan(v))
				{
					buf[np].x = v;
					buf[np].w = 1.0;
					np++;
				}
			}
			ok[u] = nused > 0 && np > 0 && (double) np / nused >= min_coverage;
			overall[u] = (agg == AGG_MEDIAN && ok[u]) ? weighted_median(buf, np) : get_float8_nan();
		}
		if (agg == AGG_COPELAND)
			copeland(t, nu, mm->naxes, mm->naxes, one, ok, overall);
		pfree(t);
	}
	pfree(g);
	pfree(buf);
	pfree(axis_used);
	pfree(ok);
	pfree(one);
}

/* rank() of each score among the non-NaN ones, best (highest) 1; 0 for NaN */
static int
cmp_desc(const void *a, const void *b, void *arg)
{
	return -cmp_double(a, b, arg);
}

static void
rank_scores(const double *s, int n, int stride, int *rank)
{
	double	   *sorted = palloc(Max(n, 1) * sizeof(double));
	int			m = 0,
				k;

	for (k = 0; k < n; k++)
		if (!isnan(s[k * stride]))
			sorted[m++] = s[k * stride];
	qsort_interruptible(sorted, m, sizeof(double), cmp_desc, NULL);
	for (k = 0; k < n; k++)
	{
		double		v = s[k * stride];
		int			lo = 0,
					hi = m;

		if (isnan(v))
		{
			rank[k] = 0;
			continue;
		}
		/* first position whose value is not greater than v */
		while (lo < hi)
		{
			int			mid = (lo + hi) / 2;

			if (sorted[mid] > v)
				lo = mid + 1;
			else
				hi = mid;
		}
		rank[k] = lo + 1;
	}
	pfree(sorted);
}

static int
parse_norm(text *t)
{
	char	   *s = text_to_cstring(t);

	if (strcmp(s, "minmax") == 0)
		return NORM_MINMAX;
	if (strcmp(s, "zscore") == 0)
		return NORM_ZSCORE;
	if (strcmp(s, "rank") == 0 || strcmp(s, "percent_rank") == 0)
		return NORM_RANK;
	if (strcmp(s, "goalposts") == 0)
		return NORM_GOALPOSTS;
	if (strcmp(s, "target") == 0)
		return NORM_TARGET;
	if (strcmp(s, "ordinal") == 0)
		return NORM_ORDINAL;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown normalisation \"%s\"", s),
			 errhint("Use 'minmax', 'zscore', 'rank' (or 'percent_rank'), 'goalposts', 'target' or 'ordinal'.")));
	return 0;
}

static int
parse_agg(text *t)
{
	char	   *s = text_to_cstring(t);

	if (strcmp(s, "arithmetic") == 0)
		return AGG_ARITH;
	if (strcmp(s, "geometric") == 0)
		return AGG_GEO;
	if (strcmp(s, "harmonic") == 0)
		return AGG_HARM;
	if (strcmp(s, "median") == 0)
		return AGG_MEDIAN;
	if (strcmp(s, "copeland") == 0)
		return AGG_COPELAND;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown aggregation \"%s\"", s),
			 errhint("Use 'arithmetic', 'geometric', 'harmonic', 'median' or 'copeland'.")));
	return 0;
}

static Tuplestorestate *
start_srf(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	Tuplestorestate *ts;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (get_call_result_type(fcinfo, NULL, tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	*tupdesc = CreateTupleDescCopy(*tupdesc);
	ts = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = ts;
	rsinfo->setDesc = *tupdesc;
	MemoryContextSwitchTo(old);
	return ts;
}

static double
checked_min_coverage(double c)
{
	if (!(c >= 0 && c <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("minimum coverage must be between 0 and 1, not %s", float8out_internal(c)),
				 errhint("0.8, the default, is the SDG Index rule.")));
	return c;
}

PG_FUNCTION_INFO_V1(tb_matrix_scores);
Datum
tb_matrix_scores(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_raw(fcinfo, 0);
	int			norm = parse_norm(PG_GETARG_TEXT_PP(1));
	int			agg = parse_agg(PG_GETARG_TEXT_PP(2));
	double		cov = checked_min_coverage(PG_GETARG_FLOAT8(3));
	TupleDesc	tupdesc;
	Tuplestorestate *ts;
	MxModel		mm;
	double	   *axis,
			   *overall;
	int		   *arank,
			   *orank;
	int			u,
				x;

	if (norm == NORM_ZSCORE && (agg == AGG_GEO || agg == AGG_HARM))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s mean needs scores >= 0, and z-scores can be negative",
						agg == AGG_GEO ? "geometric" : "harmonic"),
				 errhint("Use the normalisation minmax or rank with the geometric mean, or the arithmetic mean with zscore.")));
	ts = start_srf(fcinfo, &tupdesc);
	mx_read(m, &mm);
	axis = palloc(Max((Size) mm.nunits * mm.naxes, 1) * sizeof(double));
	overall = palloc(Max(mm.nunits, 1) * sizeof(double));
	arank = palloc(Max((Size) mm.nunits * mm.naxes, 1) * sizeof(int));
	orank = palloc(Max(mm.nunits, 1) * sizeof(int));
	mx_scores(&mm, norm, agg, cov, NULL, -1, axis, overall);
	for (x = 0; x < mm.naxes; x++)
	{
		int		   *r = palloc(Max(mm.nunits, 1) * sizeof(int));

		rank_scores(axis + x, mm.nunits, mm.naxes, r);
		for (u = 0; u < mm.nunits; u++)
			arank[u * mm.naxes + x] = r[u];
		pfree(r);
	}
	rank_scores(overall, mm.nunits, 1, orank);
	for (u = 0; u < mm.nunits; u++)
	{
		for (x = 0; x <= mm.naxes; x++)
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};
			double		s = x < mm.naxes ? axis[u * mm.naxes + x] : overall[u];
			int			r = x < mm.naxes ? arank[u * mm.naxes + x] : orank[u];

			values[0] = CStringGetTextDatum(mm.units[u]);
			if (x < mm.naxes)
				values[1] = CStringGetTextDatum(mm.axes[x]);
			else
				nulls[1] = true;
			values[2] = Float8GetDatum(s);
			nulls[2] = isnan(s);
			values[3] = Int32GetDatum(r);
			nulls[3] = r == 0;
			tuplestore_putvalues(ts, tupdesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * Uncertainty
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

/* ---------------------------------------------------------------------
 * The Monte Carlo of the analyst's choices
 * ---------------------------------------------------------------------
 */

/* how the runs draw the normalisation */
static const int mc_norms[] = {NORM_MINMAX, NORM_ZSCORE, NORM_RANK};

#define MC_NNORMS 3
#define MC_COVERAGE 0.8

/*
 * A run changes the weights, the methods, whether missing cells are
 * imputed and which indicator is left out, never the values: each
 * indicator is normalised by each method once, into dense grids
 * v[norm][k * nunits + u] (NaN where missing), with the logarithms the
 * geometric mean needs and each indicator's mean for the imputation.  A
 * geometric run reads the values moved from 0-100 onto 1-100, as composite
 * indicators do (COINr's default), so that a unit last on one indicator
 * is not scored 0 whatever its others.  A run's sums are plain doubles:
 * the runs are a sample, not a published score.
 */
typedef struct McGrids
{
	int			nunits,
				naxes,
				nind;
	const MxInd *ind;
	int		   *per_axis;		/* indicators of each axis */
	double	   *v[MC_NNORMS];
	double	   *ln[MC_NNORMS];	/* ln(1 + 0.99 v): the 1-100 values */
	double	   *mean[MC_NNORMS];	/* each indicator's mean (imputation) */
	double	   *lnmean[MC_NNORMS];
	/* a run's accumulators, units x axes */
	double	   *s,
			   *wp,
			   *wm,
			   *axis;
} McGrids;

static void
mc_grids(const MxModel *mm, McGrids *g)
{
	int			m,
				k,
				u;

	g->nunits = mm->nunits;
	g->naxes = mm->naxes;
	g->nind = mm->nind;
	g->ind = mm->ind;
	g->per_axis = palloc0(Max(mm->naxes, 1) * sizeof(int));
	for (k = 0; k < mm->nind; k++)
		g->per_axis[mm->ind[k].axis]++;
	for (m = 0; m < MC_NNORMS; m++)
	{
		Size		n = (Size) mm->nunits * mm->nind;

		g->v[m] = mx_dense(mm, mc_norms[m], -1);
		g->ln[m] = palloc_extended(Max(n, 1) * sizeof(double), MCXT_ALLOC_HUGE);
		g->mean[m] = palloc(Max(mm->nind, 1) * sizeof(double));
		g->lnmean[m] = palloc(Max(mm->nind, 1) * sizeof(double));
		for (k = 0; k < mm->nind; k++)
		{
			double		sum = 0;
			int			c = 0;

			CHECK_FOR_INTERRUPTS();
			for (u = 0; u < mm->nunits; u++)
			{
				Size		z = (Size) k * mm->nunits + u;
				double		x = g->v[m][z];

				if (isnan(x))
				{
					g->ln[m][z] = x;
					continue;
				}
				sum += x;
				c++;
				/* z-scores are never drawn with the geometric mean */
				g->ln[m][z] = mc_norms[m] == NORM_ZSCORE ? 0 : log(1 + 0.99 * x);
			}
			g->mean[m][k] = c ? sum / c : get_float8_nan();
			g->lnmean[m][k] = c && mc_norms[m] != NORM_ZSCORE ? log(1 + 0.99 * g->mean[m][k]) : get_float8_nan();
		}
	}
	g->s = palloc(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(double));
	g->wp = palloc(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(double));
	g->wm = palloc(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(double));
	g->axis = palloc(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(double));
}

/*
 * One run: the overall score of every unit (NaN below the coverage rule)
 * with normalisation m (index in mc_norms), the geometric or arithmetic
 * mean, the weights, missing cells imputed or not, indicator skip left out
 * (-1: none).  The same rule as tb_matrix_scores: an axis scores with 80%
 * of its weight present, the overall with 80% of the axes.
 */
static void
mc_run(McGrids *g, int m, bool geo, const double *weights, bool impute, int skip, double *overall)
{
	const double *vals = geo ? g->ln[m] : g->v[m];
	const double *means = geo ? g->lnmean[m] : g->mean[m];
	Size		n = (Size) g->nunits * g->naxes;
	Size		z;
	int			k,
				u,
				x;

	memset(g->s, 0, n * sizeof(double));
	memset(g->wp, 0, n * sizeof(double));
	memset(g->wm, 0, n * sizeof(double));
	for (k = 0; k < g->nind; k++)
	{
		const double *col = vals + (Size) k * g->nunits;
		double		w = weights[k];
		double		fill = means[k];
		int			a = g->ind[k].axis;

		if (k == skip)
			continue;
		for (u = 0; u < g->nunits; u++)
		{
			double		y = col[u];

			z = (Size) u * g->naxes + a;
			if (isnan(y) && impute)
				y = fill;
			if (isnan(y))
				g->wm[z] += w;
			else
			{
				g->s[z] += w * y;
				g->wp[z] += w;
			}
		}
	}
	for (u = 0; u < g->nunits; u++)
	{
		double		sum = 0;
		int			present = 0,
					used = 0;

		for (x = 0; x < g->naxes; x++)
		{
			double		wp,
						wm;

			/* an axis whose only indicator is left out is no axis */
			if (g->per_axis[x] - (skip >= 0 && g->ind[skip].axis == x) == 0)
				continue;
			used++;
			z = (Size) u * g->naxes + x;
			wp = g->wp[z];
			wm = g->wm[z];
			if (wp > 0 && wp / (wp + wm) >= MC_COVERAGE)
			{
				/* geometric: the axis score is exp(mean ln), its ln the mean */
				sum += g->s[z] / wp;
				present++;
			}
		}
		if (used == 0 || present == 0 || !((double) present / used >= MC_COVERAGE))
			overall[u] = get_float8_nan();
		else
			overall[u] = sum / present; /* geometric: the ln of the mean, which ranks alike */
	}
}

/*
 * A run's scores of the units the nominal composite scores: a unit without
 * a nominal score (too little coverage: an observer, a country that
 * answered little) is ranked in no run, so that the runs that impute its
 * values do not push the others down by one.
 */
static void
mc_keep_nominal(double *overall, const int *nominal, int nunits)
{
	int			u;

	for (u = 0; u < nunits; u++)
		if (nominal[u] == 0)
			overall[u] = get_float8_nan();
}

/* the choices of one run, drawn from rng */
typedef struct McChoice
{
	int			norm;			/* index in mc_norms */
	bool		geo;
	bool		impute;
	int			skip;
} McChoice;

static void
mc_draw(pg_prng_state *rng, const McGrids *g, double range, double *weights, McChoice *c)
{
	int			k;

	for (k = 0; k < g->nind; k++)
		weights[k] = g->ind[k].weight * (1 + range * (2 * pg_prng_double(rng) - 1));
	c->norm = (int) pg_prng_uint64_range(rng, 0, MC_NNORMS - 1);
	c->geo = pg_prng_uint64_range(rng, 0, 1) == 1 && mc_norms[c->norm] != NORM_ZSCORE;
	c->impute = pg_prng_double(rng) < 0.5;
	c->skip = -1;
	if (pg_prng_double(rng) < 0.5 && g->nind > 0)
		c->skip = (int) pg_prng_uint64_range(rng, 0, (uint64) g->nind - 1);
}

static void
mc_check_args(int32 runs, double range)
{
	if (runs < 1 || runs > MX_MAX_RUNS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("runs must be between 1 and %d, not %d", MX_MAX_RUNS, runs),
				 errhint("1,000 runs are usual.")));
	if (!(range >= 0 && range < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight_range must be at least 0 and below 1, not %s", float8out_internal(range)),
				 errdetail("Each run draws each weight within weight * (1 - weight_range) and weight * (1 + weight_range)."),
				 errhint("0.25 draws each weight within 25%% of its own.")));
}

PG_FUNCTION_INFO_V1(tb_matrix_uncertainty);

Datum
tb_matrix_uncertainty(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_raw(fcinfo, 0);
	int32		runs = PG_GETARG_INT32(1);
	double		range = PG_GETARG_FLOAT8(2);
	int64		seed = PG_GETARG_INT64(3);
	TupleDesc	tupdesc;
	Tuplestorestate *ts;
	MxModel		mm;
	McGrids		g;
	McChoice	c;
	pg_prng_state rng;
	double	   *axis,
			   *overall,
			   *weights,
			   *ranks,
			   *shift;
	int		   *nominal,
			   *r,
			   *nranked;
	int			run,
				u;

	mc_check_args(runs, range);
	ts = start_srf(fcinfo, &tupdesc);
	mx_read(m, &mm);
	if ((int64) mm.nunits * runs > MX_MAX_RANKS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tb_matrix_uncertainty keeps at most %d ranks (units x runs)", MX_MAX_RANKS),
				 errdetail("%d units x %d runs would be " INT64_FORMAT ".", mm.nunits, runs, (int64) mm.nunits * runs),
				 errhint("Use fewer runs, or fewer units per matrix.")));
	axis = palloc(Max((Size) mm.nunits * mm.naxes, 1) * sizeof(double));
	overall = palloc(Max(mm.nunits, 1) * sizeof(double));
	weights = palloc(Max(mm.nind, 1) * sizeof(double));
	nominal = palloc(Max(mm.nunits, 1) * sizeof(int));
	r = palloc(Max(mm.nunits, 1) * sizeof(int));
	nranked = palloc0(Max(mm.nunits, 1) * sizeof(int));
	shift = palloc0(Max(mm.nunits, 1) * sizeof(double));
	ranks = palloc_extended((Size) Max(mm.nunits, 1) * runs * sizeof(double), MCXT_ALLOC_HUGE);
	mx_scores(&mm, NORM_MINMAX, AGG_ARITH, MC_COVERAGE, NULL, -1, axis, overall);
	rank_scores(overall, mm.nunits, 1, nominal);
	mc_grids(&mm, &g);
	pg_prng_seed(&rng, (uint64) seed);
	for (run = 0; run < runs; run++)
	{
		CHECK_FOR_INTERRUPTS();
		mc_draw(&rng, &g, range, weights, &c);
		mc_run(&g, c.norm, c.geo, weights, c.impute, c.skip, overall);
		mc_keep_nominal(overall, nominal, mm.nunits);
		rank_scores(overall, mm.nunits, 1, r);
		for (u = 0; u < mm.nunits; u++)
		{
			if (r[u] == 0)
				continue;
			ranks[(Size) u * runs + nranked[u]++] = r[u];
			if (nominal[u] != 0)
				shift[u] += fabs((double) r[u] - nominal[u]);
		}
	}
	for (u = 0; u < mm.nunits; u++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		double	   *x = ranks + (Size) u * runs;
		int			n = nranked[u];

		values[0] = CStringGetTextDatum(mm.units[u]);
		values[1] = Int32GetDatum(nominal[u]);
		nulls[1] = nominal[u] == 0;
		if (n > 0)
		{
			qsort_interruptible(x, n, sizeof(double), cmp_double, NULL);
			values[2] = Float8GetDatum(quantile_sorted(x, n, 0.5));
			values[3] = Float8GetDatum(quantile_sorted(x, n, 0.05));
			values[4] = Float8GetDatum(quantile_sorted(x, n, 0.95));
		}
		else
			nulls[2] = nulls[3] = nulls[4] = true;
		if (n > 0 && nominal[u] != 0)
			values[5] = Float8GetDatum(shift[u] / n);
		else
			nulls[5] = true;
		tuplestore_putvalues(ts, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * The sensitivity of the ranks to each choice: the Saltelli (2010) design
 * from the Sobol' sequence (src/sensitivity.c) over five inputs, each a
 * coordinate u in [0,1): the weights (one input: u seeds the draw of the
 * whole vector, as a group), the normalisation (three thirds), the
 * aggregation (arithmetic below 1/2), the imputation (on below 1/2) and the
 * indicator left out (none below 1/2, else one in turn).  The output of a
 * run is the mean absolute shift of the units' ranks from the nominal ranks,
 * the quantity COINr's sensitivity analysis follows.
 */
#define MC_INPUTS 5

static const char *const mc_input_names[MC_INPUTS] =
{"weights", "normalisation", "aggregation", "imputation", "indicator left out"};

static double
mc_shift_of(McGrids *g, const double *u, double range, const int *nominal,
			double *weights, double *overall, int *r)
{
	pg_prng_state wr;
	McChoice	c;
	double		sum = 0;
	int			n = 0,
				k,
				x;

	/* the weights: a vector drawn from a generator seeded by their input */
	pg_prng_seed(&wr, (uint64) (u[0] * 4294967296.0));
	for (k = 0; k < g->nind; k++)
		weights[k] = g->ind[k].weight * (1 + range * (2 * pg_prng_double(&wr) - 1));
	c.norm = Min((int) (u[1] * MC_NNORMS), MC_NNORMS - 1);
	c.geo = u[2] >= 0.5 && mc_norms[c.norm] != NORM_ZSCORE;
	c.impute = u[3] < 0.5;
	c.skip = u[4] < 0.5 || g->nind == 0 ? -1 : Min((int) ((u[4] - 0.5) * 2 * g->nind), g->nind - 1);
	mc_run(g, c.norm, c.geo, weights, c.impute, c.skip, overall);
	mc_keep_nominal(overall, nominal, g->nunits);
	rank_scores(overall, g->nunits, 1, r);
	for (x = 0; x < g->nunits; x++)
		if (r[x] != 0 && nominal[x] != 0)
		{
			sum += fabs((double) r[x] - nominal[x]);
			n++;
		}
	return n ? sum / n : 0;
}

PG_FUNCTION_INFO_V1(tb_matrix_sensitivity);

/* tb_matrix_sensitivity(m, n, weight_range, seed, reps) */
Datum
tb_matrix_sensitivity(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_raw(fcinfo, 0);
	int32		n = PG_GETARG_INT32(1);
	double		range = PG_GETARG_FLOAT8(2);
	int64		seed = PG_GETARG_INT64(3);
	int32		reps = PG_GETARG_INT32(4);
	TupleDesc	tupdesc;
	Tuplestorestate *ts;
	MxModel		mm;
	McGrids		g;
	double	   *axis,
			   *overall,
			   *weights,
			   *pts,
			   *fa,
			   *fb,
			   *fab,
				ab[MC_INPUTS],
				first;
	int		   *nominal,
			   *r;
	bool		spread = false;
	TbSobolIndex out[MC_INPUTS];
	int			j,
				i,
				q;

	if (n < 2 || n > MX_MAX_RUNS / (MC_INPUTS + 2))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n must be between 2 and %d, not %d", MX_MAX_RUNS / (MC_INPUTS + 2), n),
				 errdetail("The design runs the matrix n x %d times.", MC_INPUTS + 2),
				 errhint("1,024 base samples are usual.")));
	mc_check_args(1, range);
	if (reps < 0 || reps > TB_SOBOL_MAX_REPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reps must be between 0 and %d, not %d", TB_SOBOL_MAX_REPS, reps),
				 errhint("0 gives the indices without intervals; 1,000 is usual.")));
	ts = start_srf(fcinfo, &tupdesc);
	mx_read(m, &mm);
	axis = palloc(Max((Size) mm.nunits * mm.naxes, 1) * sizeof(double));
	overall = palloc(Max(mm.nunits, 1) * sizeof(double));
	weights = palloc(Max(mm.nind, 1) * sizeof(double));
	nominal = palloc(Max(mm.nunits, 1) * sizeof(int));
	r = palloc(Max(mm.nunits, 1) * sizeof(int));
	mx_scores(&mm, NORM_MINMAX, AGG_ARITH, MC_COVERAGE, NULL, -1, axis, overall);
	rank_scores(overall, mm.nunits, 1, nominal);
	mc_grids(&mm, &g);

	/* A: the first five coordinates of each point, B: the last five */
	pts = palloc((Size) n * 2 * MC_INPUTS * sizeof(double));
	tb_sobol_points(1, n, 2 * MC_INPUTS, true, (uint64) seed, pts);
	fa = palloc((Size) n * sizeof(double));
	fb = palloc((Size) n * sizeof(double));
	fab = palloc((Size) n * MC_INPUTS * sizeof(double));
	for (j = 0; j < n; j++)
	{
		const double *a = pts + (Size) j * 2 * MC_INPUTS;
		const double *b = a + MC_INPUTS;

		CHECK_FOR_INTERRUPTS();
		fa[j] = mc_shift_of(&g, a, range, nominal, weights, overall, r);
		fb[j] = mc_shift_of(&g, b, range, nominal, weights, overall, r);
		for (i = 0; i < MC_INPUTS; i++)
		{
			for (q = 0; q < MC_INPUTS; q++)
				ab[q] = q == i ? b[q] : a[q];
			fab[(Size) j * MC_INPUTS + i] = mc_shift_of(&g, ab, range, nominal, weights, overall, r);
		}
	}
	first = fa[0];
	for (j = 0; j < n && !spread; j++)
		spread = fa[j] != first || fb[j] != first;
	if (spread)
		tb_sobol_estimate(fa, fb, fab, n, MC_INPUTS, reps, 0.95, (uint64) seed, out);
	for (i = 0; i < MC_INPUTS; i++)
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(mc_input_names[i]);
		if (!spread)
		{
			/* the ranks never move: nothing to apportion */
			for (q = 1; q < 7; q++)
				nulls[q] = true;
		}
		else
		{
			values[1] = Float8GetDatum(out[i].first);
			values[4] = Float8GetDatum(out[i].total);
			values[2] = Float8GetDatum(out[i].first_lower);
			values[3] = Float8GetDatum(out[i].first_upper);
			values[5] = Float8GetDatum(out[i].total_lower);
			values[6] = Float8GetDatum(out[i].total_upper);
			nulls[2] = nulls[3] = nulls[5] = nulls[6] = !out[i].has_interval;
		}
		tuplestore_putvalues(ts, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * Steps that make a new matrix: a writer of cells in canonical order
 * ---------------------------------------------------------------------
 */

static void
mxw_add(TbMatrix **mp, const char *u, const char *ind, const char *axis, int flags,
		double value, double weight, const MxDef *def)
{
	TbMatrix   *m = *mp;
	int			ulen = strlen(u),
				ilen = strlen(ind),
				alen = strlen(axis);
	int64		need = m->used + cell_bytes(ulen, ilen, alen, flags);

	if (m->ncells >= MX_MAX_CELLS)
		mx_limit("cells", MX_MAX_CELLS, (int64) m->ncells + 1);
	if (need > m->capacity)
	{
		TbMatrix   *g;

		if (need > MX_MAX_BYTES)
			mx_limit("bytes", MX_MAX_BYTES, need);
		g = mx_new(Min(Max(m->capacity * 2, need), MX_MAX_BYTES));
		g->ncells = m->ncells;
		g->used = m->used;
		memcpy(g->data, m->data, m->used);
		pfree(m);
		*mp = m = g;
	}
	mx_append(m, u, ulen, ind, ilen, axis, alen, flags, value, weight, def);
}

/* a copy of cell c (of indicator d) with value and marks */
static void
mxw_cell(TbMatrix **mp, const MxModel *mm, const MxInd *d, int unit, int flags, double value)
{
	mxw_add(mp, mm->units[unit], d->name, mm->axes[d->axis], d->def.flags | flags,
			value, d->weight, &d->def);
}

/* The final value: exactly sized, in canonical order, checked. */
static TbMatrix *
mxw_finish(TbMatrix *m)
{
	return mx_canonical(m);
}

static bool
cell_missing(const MxModel *mm, int k)
{
	return isnan(mm->cell_value[k]);
}

/* ---------------------------------------------------------------------
 * tb_matrix_cells
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(tb_matrix_cells);
Datum
tb_matrix_cells(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = PG_GETARG_TBMATRIX_P(0);
	TupleDesc	tupdesc;
	Tuplestorestate *ts = start_srf(fcinfo, &tupdesc);
	MxCell	  **cells = mx_cells(m);
	int			k;

	for (k = 0; k < m->ncells; k++)
	{
		MxCell	   *c = cells[k];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(CELL_UNIT(c));
		values[1] = CStringGetTextDatum(CELL_IND(c));
		values[2] = CStringGetTextDatum(CELL_AXIS(c));
		values[3] = Float8GetDatum(c->value);
		nulls[3] = (c->flags & CELL_NULL) != 0;
		values[4] = BoolGetDatum((c->flags & CELL_IMPUTED) != 0);
		values[5] = BoolGetDatum((c->flags & CELL_TREATED) != 0);
		tuplestore_putvalues(ts, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * Screening by data availability
 * ---------------------------------------------------------------------
 */

static double
checked_share(double c, const char *what)
{
	if (!(c >= 0 && c <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between 0 and 1, not %s", what, float8out_internal(c)),
				 errhint("0.65 drops what has a value in fewer than 65%% of the cells it should have.")));
	return c;
}

/* values present per unit (of nind) and per indicator (of nunits) */
static void
availability(const MxModel *mm, int *per_unit, int *per_ind)
{
	int			k,
				j;

	memset(per_unit, 0, Max(mm->nunits, 1) * sizeof(int));
	for (k = 0; k < mm->nind; k++)
	{
		const MxInd *d = &mm->ind[k];

		per_ind[k] = 0;
		for (j = d->first; j < d->first + d->n; j++)
			if (!cell_missing(mm, j))
			{
				per_ind[k]++;
				per_unit[mm->cell_unit[j]]++;
			}
	}
}

static bool
dropped(int have, int of, double min)
{
	return of == 0 || (double) have / of < min;
}

PG_FUNCTION_INFO_V1(tb_matrix_screen);
Datum
tb_matrix_screen(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_raw(fcinfo, 0);
	double		umin = checked_share(PG_GETARG_FLOAT8(1), "min_unit_coverage");
	double		imin = checked_share(PG_GETARG_FLOAT8(2), "min_indicator_coverage");
	TupleDesc	tupdesc;
	Tuplestorestate *ts = start_srf(fcinfo, &tupdesc);
	MxModel		mm;
	int		   *pu,
			   *pi,
				k;

	mx_read(m, &mm);
	pu = palloc(Max(mm.nunits, 1) * sizeof(int));
	pi = palloc(Max(mm.nind, 1) * sizeof(int));
	availability(&mm, pu, pi);
	for (k = 0; k < mm.nunits + mm.nind; k++)
	{
		bool		isunit = k < mm.nunits;
		int			have = isunit ? pu[k] : pi[k - mm.nunits],
					of = isunit ? mm.nind : mm.nunits;
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(isunit ? "unit" : "indicator");
		values[1] = CStringGetTextDatum(isunit ? mm.units[k] : mm.ind[k - mm.nunits].name);
		values[2] = Int32GetDatum(have);
		values[3] = Int32GetDatum(of);
		values[4] = Float8GetDatum((double) have / of);
		values[5] = BoolGetDatum(dropped(have, of, isunit ? umin : imin));
		tuplestore_putvalues(ts, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(tb_matrix_screened);
Datum
tb_matrix_screened(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = PG_GETARG_TBMATRIX_P(0);
	double		umin = checked_share(PG_GETARG_FLOAT8(1), "min_unit_coverage");
	double		imin = checked_share(PG_GETARG_FLOAT8(2), "min_indicator_coverage");
	MxModel		mm;
	int		   *pu,
			   *pi,
				k,
				j;
	TbMatrix   *out;

	mx_model(m, &mm);
	pu = palloc(Max(mm.nunits, 1) * sizeof(int));
	pi = palloc(Max(mm.nind, 1) * sizeof(int));
	availability(&mm, pu, pi);
	out = mx_new(Max(m->used, 1024));
	for (k = 0; k < mm.nind; k++)
	{
		const MxInd *d = &mm.ind[k];

		if (dropped(pi[k], mm.nunits, imin))
			continue;
		for (j = d->first; j < d->first + d->n; j++)
		{
			MxCell	   *c = mm.cells[j];

			if (dropped(pu[mm.cell_unit[j]], mm.nind, umin))
				continue;
			memcpy(out->data + out->used, c, c->size);
			out->used += c->size;
			out->ncells++;
		}
	}
	PG_RETURN_POINTER(mxw_finish(out));
}

/* ---------------------------------------------------------------------
 * Imputation
 * ---------------------------------------------------------------------
 */

enum
{
	IMP_MEAN, IMP_MEDIAN, IMP_GROUP_MEAN, IMP_GROUP_MEDIAN, IMP_AXIS_MEAN, IMP_LOCF
};

static double
mean_of(const double *v, int n)
{
	TbSummary  *s = summary_of(v, n);
	SummaryStats st;
	double		r;

	summary_stats(s, &st);
	r = st.n > 0 ? st.mean : get_float8_nan();
	pfree(s);
	return r;
}

/* median of the non-NaN of v (type 7: the midpoint of the two middle values) */
static double
median_of(const double *v, int n)
{
	double	   *x = palloc(Max(n, 1) * sizeof(double));
	int			m = 0,
				k;
	double		r;

	for (k = 0; k < n; k++)
		if (!isnan(v[k]))
			x[m++] = v[k];
	if (m == 0)
		r = get_float8_nan();
	else
	{
		qsort_interruptible(x, m, sizeof(double), cmp_double, NULL);
		r = quantile_sorted(x, m, 0.5);
	}
	pfree(x);
	return r;
}

/* groups[u] of every unit from parallel arrays of units and groups, -1 for none */
static int *
unit_groups(const MxModel *mm, ArrayType *ua, ArrayType *ga, int *ngroups)
{
	Datum	   *ud,
			   *gd;
	bool	   *un,
			   *gn;
	int			nu,
				ng,
				k;
	int		   *g = palloc(Max(mm->nunits, 1) * sizeof(int));
	const char **names;

	if (ARR_NDIM(ua) > 1 || ARR_NDIM(ga) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("units and groups must be one-dimensional arrays"),
				 errhint("Pass ARRAY['AR', 'BR'] and ARRAY['South', 'South'].")));
	deconstruct_array(ua, TEXTOID, -1, false, TYPALIGN_INT, &ud, &un, &nu);
	deconstruct_array(ga, TEXTOID, -1, false, TYPALIGN_INT, &gd, &gn, &ng);
	if (nu != ng)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("units and groups must have the same length, not %d and %d", nu, ng),
				 errhint("Give each unit its group at the same position.")));
	names = palloc(Max(ng, 1) * sizeof(char *));
	for (k = 0; k < mm->nunits; k++)
		g[k] = -1;
	for (k = 0; k < nu; k++)
	{
		int			u;

		if (un[k] || gn[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("units and groups must not contain NULL"),
					 errdetail("Position %d.", k + 1),
					 errhint("Leave a unit out of the arrays to give it no group.")));
		names[k] = TextDatumGetCString(gd[k]);
		u = find_str(mm->units, mm->nunits, TextDatumGetCString(ud[k]));
		if (u < 0)
			continue;			/* a unit not in the matrix */
		if (g[u] >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("unit \"%s\" is given a group twice", mm->units[u]),
					 errhint("Give each unit one group.")));
		g[u] = k;
	}
	/* the same group name: the same number (its first position) */
	for (k = 0; k < mm->nunits; k++)
		if (g[k] >= 0)
		{
			int			f;

			for (f = 0; f < g[k]; f++)
				if (strcmp(names[f], names[g[k]]) == 0)
					break;
			g[k] = f;
		}
	*ngroups = nu;
	return g;
}

/* the cell of (indicator name, unit name) in mm, -1 if absent */
static int
find_cell(const MxModel *mm, const char *ind, const char *unit)
{
	int			lo = 0,
				hi = mm->nind - 1,
				k = -1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			r = strcmp(mm->ind[mid].name, ind);

		if (r == 0)
		{
			k = mid;
			break;
		}
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (k < 0)
		return -1;
	lo = mm->ind[k].first;
	hi = lo + mm->ind[k].n - 1;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			r = strcmp(mm->units[mm->cell_unit[mid]], unit);

		if (r == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

PG_FUNCTION_INFO_V1(tb_matrix_impute);
Datum
tb_matrix_impute(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = PG_GETARG_TBMATRIX_P(0);
	char	   *ms = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int			method,
				k,
				u,
				j,
				ngroups = 0;
	MxModel		mm,
				early;
	int		   *group = NULL;
	double	   *grid,
			   *norm = NULL,
			   *tmp,
			   *fill;
	TbMatrix   *out;

	if (strcmp(ms, "mean") == 0)
		method = IMP_MEAN;
	else if (strcmp(ms, "median") == 0)
		method = IMP_MEDIAN;
	else if (strcmp(ms, "group_mean") == 0)
		method = IMP_GROUP_MEAN;
	else if (strcmp(ms, "group_median") == 0)
		method = IMP_GROUP_MEDIAN;
	else if (strcmp(ms, "axis_mean") == 0)
		method = IMP_AXIS_MEAN;
	else if (strcmp(ms, "locf") == 0)
		method = IMP_LOCF;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown imputation \"%s\"", ms),
				 errhint("Use 'mean', 'median', 'axis_mean'; 'group_mean' or 'group_median' with units and groups; 'locf' with an earlier matrix.")));
	/* which form was called: (m, method), (m, method, units, groups), (m, method, earlier) */
	if ((method == IMP_GROUP_MEAN || method == IMP_GROUP_MEDIAN) != (PG_NARGS() == 4) ||
		(method == IMP_LOCF) != (PG_NARGS() == 3))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("imputation \"%s\" takes %s", ms,
						method == IMP_LOCF ? "an earlier matrix: tb_matrix_impute(m, 'locf', earlier)" :
						(method == IMP_GROUP_MEAN || method == IMP_GROUP_MEDIAN) ?
						"the units' groups: tb_matrix_impute(m, method, units, groups)" :
						"no other argument: tb_matrix_impute(m, method)"),
				 errhint("Call the form that goes with the method.")));
	mx_model(m, &mm);
	dense_limit(&mm);
	if (PG_NARGS() == 4)
		group = unit_groups(&mm, PG_GETARG_ARRAYTYPE_P(2), PG_GETARG_ARRAYTYPE_P(3), &ngroups);
	if (method == IMP_LOCF)
		mx_model(PG_GETARG_TBMATRIX_P(2), &early);
	/* raw values as a dense grid, NaN missing or absent */
	grid = palloc_extended(Max((Size) mm.nunits * mm.nind, 1) * sizeof(double), MCXT_ALLOC_HUGE);
	for (j = 0; j < mm.nunits * mm.nind; j++)
		grid[j] = get_float8_nan();
	for (k = 0; k < mm.nind; k++)
		for (j = mm.ind[k].first; j < mm.ind[k].first + mm.ind[k].n; j++)
			grid[(Size) k * mm.nunits + mm.cell_unit[j]] = mm.cell_value[j];
	if (method == IMP_AXIS_MEAN)
		norm = mx_dense(&mm, NORM_MINMAX, -1);
	tmp = palloc(Max(mm.nunits, 1) * sizeof(double));
	fill = palloc(Max(mm.nunits, 1) * sizeof(double));
	out = mx_new(Max(m->used, 1024));
	for (k = 0; k < mm.nind; k++)
	{
		const MxInd *d = &mm.ind[k];
		const double *v = grid + (Size) k * mm.nunits;
		double		all = get_float8_nan(),
					lo = 0,
					hi = 0;
		bool		any = false;

		CHECK_FOR_INTERRUPTS();
		for (u = 0; u < mm.nunits; u++)
			if (!isnan(v[u]))
			{
				if (!any || v[u] < lo)
					lo = v[u];
				if (!any || v[u] > hi)
					hi = v[u];
				any = true;
			}
		if (method == IMP_MEAN)
			all = mean_of(v, mm.nunits);
		else if (method == IMP_MEDIAN)
			all = median_of(v, mm.nunits);
		for (u = 0; u < mm.nunits; u++)
			fill[u] = all;
		if (method == IMP_GROUP_MEAN || method == IMP_GROUP_MEDIAN)
		{
			int			gr;

			for (gr = 0; gr < ngroups; gr++)
			{
				int			n = 0;
				double		r;

				for (u = 0; u < mm.nunits; u++)
					if (group[u] == gr)
						tmp[n++] = v[u];
				if (n == 0)
					continue;
				r = method == IMP_GROUP_MEAN ? mean_of(tmp, n) : median_of(tmp, n);
				for (u = 0; u < mm.nunits; u++)
					if (group[u] == gr)
						fill[u] = r;
			}
		}
		else if (method == IMP_AXIS_MEAN && any)
		{
			/* the mean of the unit's other normalised indicators of the axis, back on this scale */
			for (u = 0; u < mm.nunits; u++)
			{
				int			k2,
							n = 0;
				double		sum = 0,
							sc;

				if (!isnan(v[u]))
					continue;
				for (k2 = 0; k2 < mm.nind; k2++)
				{
					double		x = norm[(Size) k2 * mm.nunits + u];

					if (k2 != k && mm.ind[k2].axis == d->axis && !isnan(x))
					{
						sum += x;
						n++;
					}
				}
				if (n == 0)
					continue;
				sc = sum / n / MX_TOP;
				fill[u] = d->lower ? hi - sc * (hi - lo) : lo + sc * (hi - lo);
			}
		}
		else if (method == IMP_LOCF)
		{
			for (u = 0; u < mm.nunits; u++)
			{
				int			c;

				if (!isnan(v[u]))
					continue;
				c = find_cell(&early, d->name, mm.units[u]);
				if (c >= 0)
					fill[u] = early.cell_value[c];
			}
		}
		/* the indicator's cells: present ones as they were, missing ones filled when there is a value */
		j = d->first;
		for (u = 0; u < mm.nunits; u++)
		{
			bool		has_cell = j < d->first + d->n && mm.cell_unit[j] == u;
			int			flags = has_cell ? (mm.cells[j]->flags & (CELL_IMPUTED | CELL_TREATED)) : 0;

			if (!isnan(v[u]))
				mxw_cell(&out, &mm, d, u, flags, v[u]);
			else if (!isnan(fill[u]))
				mxw_cell(&out, &mm, d, u, flags | CELL_IMPUTED, fill[u]);
			else if (has_cell)
				mxw_cell(&out, &mm, d, u, flags | CELL_NULL, 0);
			if (has_cell)
				j++;
		}
	}
	PG_RETURN_POINTER(mxw_finish(out));
}

/* ---------------------------------------------------------------------
 * Outlier treatment, COINr's default
 *
 * Skewness and kurtosis are the sample (bias-corrected) ones COINr takes
 * from e1071 (type 2, as Excel's SKEW and KURT): with d = x - mean,
 * m2 = sum d^2, m3 = sum d^3, m4 = sum d^4 over n values,
 *	 skew = sqrt(n) m3 / m2^1.5 * sqrt(n (n - 1)) / (n - 2)
 *	 kurt = ((n + 1) (n m4 / m2^2 - 3) + 6) (n - 1) / ((n - 2) (n - 3))
 * (excess kurtosis): scipy.stats.skew(x, bias=False) and
 * scipy.stats.kurtosis(x, bias=False).  An indicator passes when
 * |skew| < skew_limit or kurt < kurt_limit (COINr's check_SkewKurt).
 * ---------------------------------------------------------------------
 */

typedef struct TreatInfo
{
	int			n;
	double		skew0,
				kurt0,
				skew1,
				kurt1;
	int			winsorised;
	bool		logged;
} TreatInfo;

static void
skew_kurt(const double *x, int n, double *skew, double *kurt)
{
	double		mean = 0,
				m2 = 0,
				m3 = 0,
				m4 = 0;
	int			k;

	*skew = *kurt = get_float8_nan();
	if (n < 3)
		return;
	for (k = 0; k < n; k++)
		mean += x[k];
	mean /= n;
	for (k = 0; k < n; k++)
	{
		double		d = x[k] - mean,
					d2 = d * d;

		m2 += d2;
		m3 += d2 * d;
		m4 += d2 * d2;
	}
	if (m2 == 0)
		return;
	*skew = sqrt((double) n) * m3 / pow(m2, 1.5) * sqrt((double) n * (n - 1)) / (n - 2);
	if (n >= 4)
		*kurt = ((n + 1) * ((double) n * m4 / (m2 * m2) - 3) + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
}

static bool
fails(double skew, double kurt, double sl, double kl)
{
	if (isnan(skew) || isnan(kurt))
		return false;
	return !(fabs(skew) < sl || kurt < kl);
}

/*
 * Treat the n present values x in place: winsorise while failing, up to
 * winmax points (the most extreme value on the side of the skew, with its
 * ties, becomes the next value in); if it still fails, the winsorisation
 * is undone and the original values log-transformed instead: log(x - min
 * + 1) when skewed to the right, -log(max - x + 1) to the left (both keep
 * the order, so the direction of the indicator holds).  changed[k]: the
 * value k was treated.
 */
static void
treat_values(double *x, int n, int winmax, double sl, double kl, bool *changed, TreatInfo *ti)
{
	double	   *orig = palloc(Max(n, 1) * sizeof(double));
	double		s,
				kt;
	int			k;

	memcpy(orig, x, n * sizeof(double));
	memset(changed, 0, Max(n, 1) * sizeof(bool));
	ti->n = n;
	ti->winsorised = 0;
	ti->logged = false;
	skew_kurt(x, n, &s, &kt);
	ti->skew0 = s;
	ti->kurt0 = kt;
	while (fails(s, kt, sl, kl) && ti->winsorised < winmax)
	{
		double		ext = x[0],
					next;
		bool		found = false;
		bool		high = s >= 0;

		for (k = 1; k < n; k++)
			if (high ? x[k] > ext : x[k] < ext)
				ext = x[k];
		next = ext;
		for (k = 0; k < n; k++)
			if (x[k] != ext && (!found || (high ? x[k] > next : x[k] < next)))
			{
				next = x[k];
				found = true;
			}
		if (!found)
			break;
		for (k = 0; k < n; k++)
			if (x[k] == ext)
			{
				x[k] = next;
				changed[k] = true;
				ti->winsorised++;
			}
		skew_kurt(x, n, &s, &kt);
	}
	if (fails(s, kt, sl, kl))
	{
		double		lo = orig[0],
					hi = orig[0];

		for (k = 1; k < n; k++)
		{
			lo = Min(lo, orig[k]);
			hi = Max(hi, orig[k]);
		}
		for (k = 0; k < n; k++)
		{
			x[k] = ti->skew0 >= 0 ? log(orig[k] - lo + 1) : -log(hi - orig[k] + 1);
			if (x[k] == 0)
				x[k] = 0.0;
			changed[k] = true;
		}
		ti->winsorised = 0;
		ti->logged = true;
		skew_kurt(x, n, &s, &kt);
	}
	ti->skew1 = s;
	ti->kurt1 = kt;
	pfree(orig);
}

static void
treat_args(FunctionCallInfo fcinfo, int *winmax, double *sl, double *kl)
{
	*winmax = PG_GETARG_INT32(1);
	*sl = PG_GETARG_FLOAT8(2);
	*kl = PG_GETARG_FLOAT8(3);
	if (*winmax < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("winmax must be >= 0, not %d", *winmax),
				 errhint("5, COINr's default, winsorises at most five points per indicator.")));
	if (!(*sl > 0 && isfinite(*sl)) || !isfinite(*kl))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("skew_limit must be a positive finite number and kurt_limit finite, not %s and %s",
						float8out_internal(*sl), float8out_internal(*kl)),
				 errhint("COINr's defaults are 2 and 3.5.")));
}

/* treat every indicator of mm; out (may be NULL) gets the treated matrix */
static TreatInfo *
treat_all(const MxModel *mm, int winmax, double sl, double kl, TbMatrix **out)
{
	TreatInfo  *info = palloc0(Max(mm->nind, 1) * sizeof(TreatInfo));
	double	   *x = palloc(Max(mm->ncells, 1) * sizeof(double));
	bool	   *changed = palloc(Max(mm->ncells, 1) * sizeof(bool));
	int		   *pos = palloc(Max(mm->ncells, 1) * sizeof(int));
	int			k,
				j;

	for (k = 0; k < mm->nind; k++)
	{
		const MxInd *d = &mm->ind[k];
		int			n = 0;

		CHECK_FOR_INTERRUPTS();
		for (j = d->first; j < d->first + d->n; j++)
			if (!cell_missing(mm, j))
			{
				pos[n] = j;
				x[n++] = mm->cell_value[j];
			}
		treat_values(x, n, winmax, sl, kl, changed, &info[k]);
		if (out)
		{
			int			p = 0;

			for (j = d->first; j < d->first + d->n; j++)
			{
				MxCell	   *c = mm->cells[j];
				int			marks = c->flags & (CELL_IMPUTED | CELL_TREATED | CELL_NULL);

				if (p < n && pos[p] == j)
				{
					mxw_cell(out, mm, d, mm->cell_unit[j], marks | (changed[p] ? CELL_TREATED : 0), x[p]);
					p++;
				}
				else
					mxw_cell(out, mm, d, mm->cell_unit[j], marks, 0);
			}
		}
	}
	pfree(x);
	pfree(changed);
	pfree(pos);
	return info;
}

PG_FUNCTION_INFO_V1(tb_matrix_treat);
Datum
tb_matrix_treat(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = PG_GETARG_TBMATRIX_P(0);
	int			winmax;
	double		sl,
				kl;
	MxModel		mm;
	TbMatrix   *out;

	treat_args(fcinfo, &winmax, &sl, &kl);
	mx_model(m, &mm);
	out = mx_new(Max(m->used, 1024));
	treat_all(&mm, winmax, sl, kl, &out);
	PG_RETURN_POINTER(mxw_finish(out));
}

static Datum
float8_or_null(double v, bool *isnull)
{
	*isnull = isnan(v);
	return Float8GetDatum(v);
}

PG_FUNCTION_INFO_V1(tb_matrix_treatment);
Datum
tb_matrix_treatment(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_raw(fcinfo, 0);
	int			winmax,
				k;
	double		sl,
				kl;
	MxModel		mm;
	TreatInfo  *info;
	TupleDesc	tupdesc;
	Tuplestorestate *ts;

	treat_args(fcinfo, &winmax, &sl, &kl);
	ts = start_srf(fcinfo, &tupdesc);
	mx_read(m, &mm);
	info = treat_all(&mm, winmax, sl, kl, NULL);
	for (k = 0; k < mm.nind; k++)
	{
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(mm.ind[k].name);
		values[1] = Int32GetDatum(info[k].n);
		values[2] = float8_or_null(info[k].skew0, &nulls[2]);
		values[3] = float8_or_null(info[k].kurt0, &nulls[3]);
		values[4] = float8_or_null(info[k].skew1, &nulls[4]);
		values[5] = float8_or_null(info[k].kurt1, &nulls[5]);
		values[6] = Int32GetDatum(info[k].winsorised);
		values[7] = BoolGetDatum(info[k].logged);
		tuplestore_putvalues(ts, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * Coherence: correlations, Cronbach's alpha, the first principal component
 * ---------------------------------------------------------------------
 */

/* Pearson's r of the pairs (a[k], b[k]) both non-NaN; *n their number; NaN when undefined */
static double
pearson(const double *a, const double *b, int len, int *n)
{
	double		ma = 0,
				mb = 0,
				saa = 0,
				sbb = 0,
				sab = 0;
	int			k,
				m = 0;

	for (k = 0; k < len; k++)
		if (!isnan(a[k]) && !isnan(b[k]))
		{
			ma += a[k];
			mb += b[k];
			m++;
		}
	*n = m;
	if (m < 2)
		return get_float8_nan();
	ma /= m;
	mb /= m;
	for (k = 0; k < len; k++)
		if (!isnan(a[k]) && !isnan(b[k]))
		{
			double		da = a[k] - ma,
						db = b[k] - mb;

			saa += da * da;
			sbb += db * db;
			sab += da * db;
		}
	if (saa == 0 || sbb == 0)
		return get_float8_nan();
	return sab / sqrt(saa * sbb);
}

typedef struct IdxVal
{
	double		x;
	int			i;
} IdxVal;

static int
cmp_idxval(const void *a, const void *b, void *arg)
{
	return cmp_double(&((const IdxVal *) a)->x, &((const IdxVal *) b)->x, arg);
}

/* average ranks (1-based, ties the mean of their positions) of v[idx[0..m-1]] into r */
static void
average_ranks(const double *v, const int *idx, int m, double *r)
{
	IdxVal	   *s = palloc(Max(m, 1) * sizeof(IdxVal));
	int			k,
				t;

	for (k = 0; k < m; k++)
	{
		s[k].x = v[idx[k]];
		s[k].i = k;
	}
	qsort_interruptible(s, m, sizeof(IdxVal), cmp_idxval, NULL);
	for (k = 0; k < m; k = t)
	{
		double		rank;
		int			q;

		for (t = k + 1; t < m && s[t].x == s[k].x; t++)
			;
		rank = (k + 1 + t) / 2.0;
		for (q = k; q < t; q++)
			r[s[q].i] = rank;
	}
	pfree(s);
}

/* Spearman's rho: Pearson's r of the average ranks over the pairs both present */
static double
spearman(const double *a, const double *b, int len)
{
	int		   *idx = palloc(Max(len, 1) * sizeof(int));
	double	   *ra,
			   *rb,
				r;
	int			k,
				m = 0,
				n;

	for (k = 0; k < len; k++)
		if (!isnan(a[k]) && !isnan(b[k]))
			idx[m++] = k;
	ra = palloc(Max(m, 1) * sizeof(double));
	rb = palloc(Max(m, 1) * sizeof(double));
	average_ranks(a, idx, m, ra);
	average_ranks(b, idx, m, rb);
	r = pearson(ra, rb, m, &n);
	pfree(idx);
	pfree(ra);
	pfree(rb);
	return r;
}

/* the units of column v with a value, in order of value; *m their number */
static int *
sorted_units(const double *v, int len, int *m)
{
	IdxVal	   *s = palloc(Max(len, 1) * sizeof(IdxVal));
	int		   *idx = palloc(Max(len, 1) * sizeof(int));
	int			k,
				n = 0;

	for (k = 0; k < len; k++)
		if (!isnan(v[k]))
		{
			s[n].x = v[k];
			s[n].i = k;
			n++;
		}
	qsort_interruptible(s, n, sizeof(IdxVal), cmp_idxval, NULL);
	for (k = 0; k < n; k++)
		idx[k] = s[k].i;
	pfree(s);
	*m = n;
	return idx;
}

/*
 * The average ranks of a's values over the units where b has a value too
 * (a's units in order of value: sa, na of them), into r, NaN elsewhere:
 * what average_ranks gives over the pairs both present, with no sort.
 */
static void
ranks_within(const double *a, const int *sa, int na, const double *b, int len, double *r)
{
	int			k = 0,
				t,
				pos = 0;

	for (t = 0; t < len; t++)
		r[t] = get_float8_nan();
	while (k < na)
	{
		int			end = k,
					cnt = 0;
		double		rank;

		while (end < na && a[sa[end]] == a[sa[k]])
			end++;
		for (t = k; t < end; t++)
			cnt += !isnan(b[sa[t]]);
		rank = pos + (cnt + 1) / 2.0;
		for (t = k; t < end; t++)
			if (!isnan(b[sa[t]]))
				r[sa[t]] = rank;
		pos += cnt;
		k = end;
	}
}

/*
 * Eigenvalues of the symmetric n x n matrix a (destroyed) by cyclic Jacobi
 * rotations, until the off-diagonal is negligible; into ev.
 */
static void
jacobi_eigenvalues(double *a, int n, double *ev)
{
	int			sweep,
				p,
				q,
				k;

	for (sweep = 0; sweep < 100; sweep++)
	{
		double		off = 0,
					diag = 0;

		CHECK_FOR_INTERRUPTS();
		for (p = 0; p < n; p++)
		{
			diag += a[p * n + p] * a[p * n + p];
			for (q = p + 1; q < n; q++)
				off += a[p * n + q] * a[p * n + q];
		}
		if (off <= 1e-30 * Max(diag, 1e-300))
			break;
		for (p = 0; p < n; p++)
			for (q = p + 1; q < n; q++)
			{
				double		apq = a[p * n + q],
							theta,
							t,
							c,
							s;

				if (fabs(apq) < 1e-300)
					continue;
				theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
				t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
				c = 1 / sqrt(t * t + 1);
				s = t * c;
				for (k = 0; k < n; k++)
				{
					double		akp = a[k * n + p],
								akq = a[k * n + q];

					a[k * n + p] = c * akp - s * akq;
					a[k * n + q] = s * akp + c * akq;
				}
				for (k = 0; k < n; k++)
				{
					double		apk = a[p * n + k],
								aqk = a[q * n + k];

					a[p * n + k] = c * apk - s * aqk;
					a[q * n + k] = s * apk + c * aqk;
				}
			}
	}
	for (p = 0; p < n; p++)
		ev[p] = a[p * n + p];
}

/*
 * Cronbach's alpha and the first principal component's share of the
 * variance of the columns cols of the dense grid g (units with every
 * column present): alpha = k / (k - 1) (1 - sum var_i / var_total), sample
 * variances; the share = the largest eigenvalue of the correlation matrix
 * / k.  *n: the complete units.  NaN when fewer than 2 columns or units,
 * or a column is constant.
 */
static void
axis_reliability(const double *g, int nunits, const int *cols, int nc, int *n, double *alpha, double *pc1)
{
	int		   *rows = palloc(Max(nunits, 1) * sizeof(int));
	int			m = 0,
				u,
				c,
				c2;
	double	   *mean,
			   *cov,
				sumvar = 0,
				total = 0,
				largest;
	bool		constant = false;

	*alpha = *pc1 = get_float8_nan();
	for (u = 0; u < nunits; u++)
	{
		for (c = 0; c < nc; c++)
			if (isnan(g[(Size) cols[c] * nunits + u]))
				break;
		if (c == nc)
			rows[m++] = u;
	}
	*n = m;
	if (nc < 2 || m < 2)
	{
		pfree(rows);
		return;
	}
	mean = palloc0(nc * sizeof(double));
	cov = palloc0((Size) nc * nc * sizeof(double));
	for (c = 0; c < nc; c++)
	{
		for (u = 0; u < m; u++)
			mean[c] += g[(Size) cols[c] * nunits + rows[u]];
		mean[c] /= m;
	}
	for (c = 0; c < nc; c++)
	{
		CHECK_FOR_INTERRUPTS();
		for (c2 = c; c2 < nc; c2++)
		{
			double		s = 0;

			for (u = 0; u < m; u++)
				s += (g[(Size) cols[c] * nunits + rows[u]] - mean[c]) *
					(g[(Size) cols[c2] * nunits + rows[u]] - mean[c2]);
			cov[c * nc + c2] = cov[c2 * nc + c] = s / (m - 1);
		}
	}
	for (c = 0; c < nc; c++)
	{
		sumvar += cov[c * nc + c];
		for (c2 = 0; c2 < nc; c2++)
			total += cov[c * nc + c2];
		if (cov[c * nc + c] == 0)
			constant = true;
	}
	/* alpha needs a spread of the sums; the correlations, a spread of every indicator */
	if (total > 0)
		*alpha = (double) nc / (nc - 1) * (1 - sumvar / total);
	if (!constant && total > 0)
	{
		double	   *ev = palloc(nc * sizeof(double));

		/* the correlation matrix */
		for (c = 0; c < nc; c++)
			for (c2 = 0; c2 < nc; c2++)
				if (c != c2)
					cov[c * nc + c2] /= sqrt(cov[c * nc + c] * cov[c2 * nc + c2]);
		for (c = 0; c < nc; c++)
			cov[c * nc + c] = 1;
		jacobi_eigenvalues(cov, nc, ev);
		largest = ev[0];
		for (c = 1; c < nc; c++)
			largest = Max(largest, ev[c]);
		*pc1 = largest / nc;
		pfree(ev);
	}
	pfree(rows);
	pfree(mean);
	pfree(cov);
}

static void
coherence_row(Tuplestorestate *ts, TupleDesc tupdesc, const char *kind, const char *x, const char *y,
			  int n, double r, double rho, double value)
{
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};

	values[0] = CStringGetTextDatum(kind);
	values[1] = CStringGetTextDatum(x);
	if (y)
		values[2] = CStringGetTextDatum(y);
	else
		nulls[2] = true;
	values[3] = Int32GetDatum(n);
	values[4] = float8_or_null(r, &nulls[4]);
	values[5] = float8_or_null(rho, &nulls[5]);
	values[6] = float8_or_null(value, &nulls[6]);
	tuplestore_putvalues(ts, tupdesc, values, nulls);
}

/* the scores of a matrix for coherence and correlation: grid, axis (unit-major) and overall */
typedef struct MxScored
{
	MxModel		mm;
	double	   *grid;			/* g[k * nunits + u], normalised */
	double	   *axis;			/* axis[x * nunits + u] */
	double	   *overall;
} MxScored;

static void
mx_scored(FunctionCallInfo fcinfo, int first_arg, MxScored *sc)
{
	TbMatrix   *m = mx_raw(fcinfo, 0);
	int			norm = parse_norm(PG_GETARG_TEXT_PP(first_arg));
	int			agg = parse_agg(PG_GETARG_TEXT_PP(first_arg + 1));
	double		cov = checked_min_coverage(PG_GETARG_FLOAT8(first_arg + 2));
	MxModel    *mm = &sc->mm;
	double	   *axis;
	int			u,
				x;

	if (norm == NORM_ZSCORE && (agg == AGG_GEO || agg == AGG_HARM))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the %s mean needs scores >= 0, and z-scores can be negative",
						agg == AGG_GEO ? "geometric" : "harmonic"),
				 errhint("Use the normalisation minmax or rank with the geometric mean, or the arithmetic mean with zscore.")));
	mx_read(m, mm);
	sc->grid = mx_dense(mm, norm, -1);
	axis = palloc(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(double));
	sc->overall = palloc(Max(mm->nunits, 1) * sizeof(double));
	mx_scores(mm, norm, agg, cov, NULL, -1, axis, sc->overall);
	sc->axis = palloc(Max((Size) mm->nunits * mm->naxes, 1) * sizeof(double));
	for (u = 0; u < mm->nunits; u++)
		for (x = 0; x < mm->naxes; x++)
			sc->axis[(Size) x * mm->nunits + u] = axis[(Size) u * mm->naxes + x];
	pfree(axis);
}

PG_FUNCTION_INFO_V1(tb_matrix_coherence);
Datum
tb_matrix_coherence(PG_FUNCTION_ARGS)
{
	MxScored	sc;
	MxModel    *mm = &sc.mm;
	TupleDesc	tupdesc;
	Tuplestorestate *ts;
	int			k,
				k2,
				x,
				n,
				nu;
	int		   *cols,
			  **sorted,
			   *nsorted;
	double	   *ra,
			   *rb;

	mx_scored(fcinfo, 1, &sc);
	ts = start_srf(fcinfo, &tupdesc);
	nu = mm->nunits;
	/* each indicator's units in order of value once: a pair's ranks then cost no sort */
	sorted = palloc(Max(mm->nind, 1) * sizeof(int *));
	nsorted = palloc(Max(mm->nind, 1) * sizeof(int));
	for (k = 0; k < mm->nind; k++)
		sorted[k] = sorted_units(sc.grid + (Size) k * nu, nu, &nsorted[k]);
	ra = palloc(Max(nu, 1) * sizeof(double));
	rb = palloc(Max(nu, 1) * sizeof(double));
	for (k = 0; k < mm->nind; k++)
	{
		const double *a = sc.grid + (Size) k * nu;

		CHECK_FOR_INTERRUPTS();
		for (k2 = k + 1; k2 < mm->nind; k2++)
		{
			const double *b = sc.grid + (Size) k2 * nu;
			double		r = pearson(a, b, nu, &n),
						rho = r;

			if (!isnan(r))
			{
				int			m;

				ranks_within(a, sorted[k], nsorted[k], b, nu, ra);
				ranks_within(b, sorted[k2], nsorted[k2], a, nu, rb);
				rho = pearson(ra, rb, nu, &m);
			}
			coherence_row(ts, tupdesc, "indicator", mm->ind[k].name, mm->ind[k2].name, n, r, rho,
						  get_float8_nan());
		}
	}
	for (k = 0; k < mm->nind; k++)
	{
		const double *a = sc.grid + (Size) k * nu;
		const double *b = sc.axis + (Size) mm->ind[k].axis * nu;
		double		r = pearson(a, b, nu, &n);

		coherence_row(ts, tupdesc, "indicator_axis", mm->ind[k].name, mm->axes[mm->ind[k].axis], n, r,
					  isnan(r) ? r : spearman(a, b, nu), get_float8_nan());
	}
	for (x = 0; x < mm->naxes; x++)
	{
		const double *a = sc.axis + (Size) x * nu;
		double		r = pearson(a, sc.overall, nu, &n);

		coherence_row(ts, tupdesc, "axis_overall", mm->axes[x], NULL, n, r,
					  isnan(r) ? r : spearman(a, sc.overall, nu), get_float8_nan());
	}
	cols = palloc(Max(mm->nind, 1) * sizeof(int));
	for (x = 0; x < mm->naxes; x++)
	{
		int			nc = 0;
		double		alpha,
					pc1;

		for (k = 0; k < mm->nind; k++)
			if (mm->ind[k].axis == x)
				cols[nc++] = k;
		axis_reliability(sc.grid, nu, cols, nc, &n, &alpha, &pc1);
		coherence_row(ts, tupdesc, "alpha", mm->axes[x], NULL, n, get_float8_nan(), get_float8_nan(), alpha);
		coherence_row(ts, tupdesc, "pc1_share", mm->axes[x], NULL, n, get_float8_nan(), get_float8_nan(), pc1);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(tb_matrix_correlate);
Datum
tb_matrix_correlate(PG_FUNCTION_ARGS)
{
	ArrayType  *ua = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *va = PG_GETARG_ARRAYTYPE_P(2);
	MxScored	sc;
	MxModel    *mm = &sc.mm;
	TupleDesc	tupdesc;
	Tuplestorestate *ts;
	Datum	   *ud,
			   *vd;
	bool	   *un,
			   *vn,
			   *seen;
	int			nu,
				nv,
				k,
				n;
	double	   *ext;

	if (ARR_NDIM(ua) > 1 || ARR_NDIM(va) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("units and values must be one-dimensional arrays"),
				 errhint("Pass ARRAY['AR', 'BR'] and ARRAY[2, 1].")));
	deconstruct_array(ua, TEXTOID, -1, false, TYPALIGN_INT, &ud, &un, &nu);
	deconstruct_array(va, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &vd, &vn, &nv);
	if (nu != nv)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("units and values must have the same length, not %d and %d", nu, nv),
				 errhint("Give each unit its value at the same position.")));
	mx_scored(fcinfo, 3, &sc);
	ts = start_srf(fcinfo, &tupdesc);
	ext = palloc(Max(mm->nunits, 1) * sizeof(double));
	seen = palloc0(Max(mm->nunits, 1) * sizeof(bool));
	for (k = 0; k < mm->nunits; k++)
		ext[k] = get_float8_nan();
	for (k = 0; k < nu; k++)
	{
		int			u;

		if (un[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("units must not contain NULL"),
					 errdetail("Position %d.", k + 1),
					 errhint("Leave a unit out, or give it a NULL value, when it has none.")));
		u = find_str(mm->units, mm->nunits, TextDatumGetCString(ud[k]));
		if (u < 0)
			continue;
		if (seen[u])
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("unit \"%s\" is given twice", mm->units[u]),
					 errhint("Give each unit one value.")));
		seen[u] = true;
		if (!vn[k])
		{
			ext[u] = DatumGetFloat8(vd[k]);
			if (!isfinite(ext[u]))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("the external values must be finite"),
						 errdetail("Unit \"%s\": %s.", mm->units[u], float8out_internal(ext[u])),
						 errhint("Pass NULL for a unit without a value.")));
		}
	}
	for (k = 0; k < mm->nind + mm->naxes + 1; k++)
	{
		const double *a;
		const char *level,
				   *name;
		double		r;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		if (k < mm->nind)
		{
			a = sc.grid + (Size) k * mm->nunits;
			level = "indicator";
			name = mm->ind[k].name;
		}
		else if (k < mm->nind + mm->naxes)
		{
			a = sc.axis + (Size) (k - mm->nind) * mm->nunits;
			level = "axis";
			name = mm->axes[k - mm->nind];
		}
		else
		{
			a = sc.overall;
			level = "overall";
			name = NULL;
		}
		r = pearson(a, ext, mm->nunits, &n);
		values[0] = CStringGetTextDatum(level);
		if (name)
			values[1] = CStringGetTextDatum(name);
		else
			nulls[1] = true;
		values[2] = Int32GetDatum(n);
		values[3] = float8_or_null(r, &nulls[3]);
		values[4] = float8_or_null(isnan(r) ? r : spearman(a, ext, mm->nunits), &nulls[4]);
		tuplestore_putvalues(ts, tupdesc, values, nulls);
	}
	return (Datum) 0;
}
