/*-------------------------------------------------------------------------
 *
 * practices.c
 *	  The tb_practices type: the set of practices a country has in place,
 *	  practices named by labels (indicator codes, or small numbers as text).
 *
 * Stored as the distinct labels in byte order, each as a length byte and
 * its bytes: set operations merge two sorted lists in one pass.  Equality
 * is equality of the lists; the btree order is lexicographic on the lists
 * (a proper prefix first), which gives GROUP BY, DISTINCT and indexes.
 *
 * The aggregates (tb_practice_set, tb_practice_union, tb_practice_intersection)
 * keep their state, still a tb_practices, as an expanded object updated in
 * place: a row costs the same however large the set (see "aggregates").
 *
 * Text form:  {GOV01,PREV01,PREV03}  (labels quoted when they need it).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "tb_compat.h"
#include "tb_label.h"
#include "tb_practices.h"

PG_FUNCTION_INFO_V1(tb_practices_in);
PG_FUNCTION_INFO_V1(tb_practices_out);
PG_FUNCTION_INFO_V1(tb_practices_recv);
PG_FUNCTION_INFO_V1(tb_practices_send);
PG_FUNCTION_INFO_V1(tb_practices_from_array);
PG_FUNCTION_INFO_V1(tb_practices_to_array);
PG_FUNCTION_INFO_V1(tb_practices_to_jsonb);
PG_FUNCTION_INFO_V1(tb_practices_union);
PG_FUNCTION_INFO_V1(tb_practices_intersect);
PG_FUNCTION_INFO_V1(tb_practices_except);
PG_FUNCTION_INFO_V1(tb_practices_contains);
PG_FUNCTION_INFO_V1(tb_practices_contained);
PG_FUNCTION_INFO_V1(tb_practices_overlap);
PG_FUNCTION_INFO_V1(tb_practices_has);
PG_FUNCTION_INFO_V1(tb_practices_cardinality);
PG_FUNCTION_INFO_V1(tb_practices_jaccard);
PG_FUNCTION_INFO_V1(tb_practices_jaccard_distance);
PG_FUNCTION_INFO_V1(tb_practices_add);
PG_FUNCTION_INFO_V1(tb_practices_union_agg);
PG_FUNCTION_INFO_V1(tb_practices_intersect_agg);
PG_FUNCTION_INFO_V1(tb_practices_cmp);
PG_FUNCTION_INFO_V1(tb_practices_eq);
PG_FUNCTION_INFO_V1(tb_practices_ne);
PG_FUNCTION_INFO_V1(tb_practices_lt);
PG_FUNCTION_INFO_V1(tb_practices_le);
PG_FUNCTION_INFO_V1(tb_practices_gt);
PG_FUNCTION_INFO_V1(tb_practices_ge);
PG_FUNCTION_INFO_V1(tb_practices_hash);

#define LABEL_MAX TB_LABEL_MAX
#define MAX_PRACTICES 1000000

typedef struct TbPractices
{
	int32		vl_len_;
	int32		n;				/* number of labels */
	char		data[FLEXIBLE_ARRAY_MEMBER];	/* (len byte, bytes) * n */
} TbPractices;

#define PG_GETARG_PRACTICES(k) ((TbPractices *) PG_DETOAST_DATUM(PG_GETARG_DATUM(k)))

/*
 * A set read where it lies.  A small set stored in a row has a short
 * (1-byte) header; it is read as it is rather than converted, so that
 * comparing and hashing, called for every pair a sort or an index looks
 * at, allocate nothing unless the value is compressed or out of line.
 */
typedef struct PracticesView
{
	struct varlena *raw;		/* the detoasted datum: freed if a copy */
	int32		n;
	const char *data;			/* (len byte, bytes) * n */
	int			size;			/* bytes of data */
} PracticesView;

static void
view_of(Datum d, PracticesView *v)
{
	const char *body;

	v->raw = PG_DETOAST_DATUM_PACKED(d);
	body = VARDATA_ANY(v->raw);
	/* unaligned under a short header */
	memcpy(&v->n, body, sizeof(int32));
	v->data = body + sizeof(int32);
	v->size = VARSIZE_ANY_EXHDR(v->raw) - sizeof(int32);
}

static void
view_release(Datum d, PracticesView *v)
{
	if ((Pointer) v->raw != DatumGetPointer(d))
		pfree(v->raw);
}

typedef struct Label
{
	const char *p;
	int			len;
} Label;

static Label *
labels_of(const TbPractices *s)
{
	Label	   *l = palloc((s->n + 1) * sizeof(Label));
	const char *d = s->data;
	int			i;

	for (i = 0; i < s->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		l[i].len = (unsigned char) *d++;
		l[i].p = d;
		d += l[i].len;
	}
	return l;
}

static int
label_cmp(const Label *a, const Label *b)
{
	int			c = memcmp(a->p, b->p, Min(a->len, b->len));

	return c != 0 ? c : (a->len - b->len);
}

static int
label_qcmp(const void *a, const void *b)
{
	return label_cmp((const Label *) a, (const Label *) b);
}

/* the same, as qsort_interruptible calls it */
static int
label_qcmp_arg(const void *a, const void *b, void *arg)
{
	return label_qcmp(a, b);
}

/* Pack sorted, distinct labels. */
static TbPractices *
pack(const Label *l, int n)
{
	Size		size = offsetof(TbPractices, data);
	TbPractices *s;
	char	   *d;
	int			i;

	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		size += 1 + l[i].len;
	}
	s = palloc(size);
	SET_VARSIZE(s, size);
	s->n = n;
	d = s->data;
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		*d++ = (char) l[i].len;
		memcpy(d, l[i].p, l[i].len);
		d += l[i].len;
	}
	return s;
}

static void
check_label(int len)
{
	if (len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a practice label must not be empty")));
	if (len > LABEL_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("a practice label is longer than %d bytes", LABEL_MAX)));
}

/* Sort and deduplicate labels in place; returns the new count. */
/*
 * The limit of a set, checked wherever a set grows: a value read in, a
 * union, an aggregate's state.  A set past it could not be read back.
 */
static void
check_cardinality(int64 n)
{
	if (n > MAX_PRACTICES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a set holds at most %d practices", MAX_PRACTICES),
				 errdetail("This one would hold " INT64_FORMAT ".", n),
				 errhint("Keep the practices in several sets, or count them with tb_adoption.")));
}

static int
normalise(Label *l, int n)
{
	int			i,
				k = 0;

	check_cardinality(n);
	qsort_interruptible(l, n, sizeof(Label), label_qcmp_arg, NULL);
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (k == 0 || label_cmp(&l[k - 1], &l[i]) != 0)
			l[k++] = l[i];
	}
	return k;
}

/* ---- set algebra: one merge of the two sorted lists ---- */

typedef enum
{
	OP_UNION, OP_INTERSECT, OP_EXCEPT
} SetOp;

static TbPractices *
set_op(const TbPractices *a, const TbPractices *b, SetOp op)
{
	Label	   *la = labels_of(a),
			   *lb = labels_of(b);
	Label	   *out = palloc((a->n + b->n + 1) * sizeof(Label));
	int			i = 0,
				j = 0,
				n = 0;

	while (i < a->n || j < b->n)
	{
		int			c = (i >= a->n) ? 1 : (j >= b->n) ? -1 : label_cmp(&la[i], &lb[j]);

		CHECK_FOR_INTERRUPTS();
		if (c < 0)
		{
			if (op != OP_INTERSECT)
				out[n++] = la[i];
			i++;
		}
		else if (c > 0)
		{
			if (op == OP_UNION)
				out[n++] = lb[j];
			j++;
		}
		else
		{
			if (op != OP_EXCEPT)
				out[n++] = la[i];
			i++;
			j++;
		}
	}
	check_cardinality(n);
	return pack(out, n);
}

static int
common_count(const TbPractices *a, const TbPractices *b)
{
	Label	   *la = labels_of(a),
			   *lb = labels_of(b);
	int			i = 0,
				j = 0,
				n = 0;

	while (i < a->n && j < b->n)
	{
		int			c = label_cmp(&la[i], &lb[j]);

		CHECK_FOR_INTERRUPTS();
		if (c == 0)
			n++, i++, j++;
		else if (c < 0)
			i++;
		else
			j++;
	}
	return n;
}

Datum
tb_practices_union(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(set_op(PG_GETARG_PRACTICES(0), PG_GETARG_PRACTICES(1), OP_UNION));
}

Datum
tb_practices_intersect(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(set_op(PG_GETARG_PRACTICES(0), PG_GETARG_PRACTICES(1), OP_INTERSECT));
}

Datum
tb_practices_except(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(set_op(PG_GETARG_PRACTICES(0), PG_GETARG_PRACTICES(1), OP_EXCEPT));
}

Datum
tb_practices_contains(PG_FUNCTION_ARGS)
{
	TbPractices *a = PG_GETARG_PRACTICES(0),
			   *b = PG_GETARG_PRACTICES(1);

	PG_RETURN_BOOL(common_count(a, b) == b->n);
}

Datum
tb_practices_contained(PG_FUNCTION_ARGS)
{
	TbPractices *a = PG_GETARG_PRACTICES(0),
			   *b = PG_GETARG_PRACTICES(1);

	PG_RETURN_BOOL(common_count(a, b) == a->n);
}

Datum
tb_practices_overlap(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(common_count(PG_GETARG_PRACTICES(0), PG_GETARG_PRACTICES(1)) > 0);
}

/* tb_practices_has(set, label): is the practice in the set? */
Datum
tb_practices_has(PG_FUNCTION_ARGS)
{
	TbPractices *s = PG_GETARG_PRACTICES(0);
	text	   *t = PG_GETARG_TEXT_PP(1);
	Label		x = {VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)};
	Label	   *l = labels_of(s);

	PG_RETURN_BOOL(bsearch(&x, l, s->n, sizeof(Label), label_qcmp) != NULL);
}

Datum
tb_practices_cardinality(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_PRACTICES(0)->n);
}

/* |A & B| / |A | B|; two empty sets are identical: 1. */
static double
jaccard(const TbPractices *a, const TbPractices *b)
{
	int			common = common_count(a, b);
	int			all = a->n + b->n - common;

	return all == 0 ? 1.0 : (double) common / all;
}

Datum
tb_practices_jaccard(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(jaccard(PG_GETARG_PRACTICES(0), PG_GETARG_PRACTICES(1)));
}

Datum
tb_practices_jaccard_distance(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(1.0 - jaccard(PG_GETARG_PRACTICES(0), PG_GETARG_PRACTICES(1)));
}

/* ---- aggregates ---- */

/*
 * Inside an aggregate the state is an expanded object, updated in place:
 * the labels in the order they came, in one buffer, with an open-addressing
 * hash table over them, so that a row costs a look-up per label however
 * large the set.  The labels are sorted only when the set is flattened (to
 * be stored, sent to a parallel leader or another server, or read), and
 * that order is kept: a later flattening sorts only the labels added since.
 *
 * An intersection does not delete: each round (a set intersected) marks
 * the labels it keeps, and a label is in the set while its mark is the
 * current round.  When fewer than half the entries are left the entries
 * are compacted, which costs no more than the entries that went.
 */
typedef struct PracticeEntry
{
	uint32		hash;
	uint32		seen;			/* the round that last kept the label */
	uint32		off;			/* the label in buf: length byte, bytes */
} PracticeEntry;

typedef struct ExpandedPractices
{
	ExpandedObjectHeader hdr;
	PracticeEntry *entries;		/* nentries of cap, dropped ones included */
	int			nentries;
	int			cap;
	uint32	   *slots;			/* entry index + 1, or 0: free */
	uint32		nslots;			/* a power of 2, at least twice nentries */
	char	   *buf;			/* the labels */
	Size		buflen;
	Size		bufcap;
	uint32		round;
	int			n;				/* labels in the set */
	Size		bytes;			/* their size flat: 1 + length each */
	int		   *order;			/* entries 0 .. nordered - 1, in label order */
	int			nordered;
} ExpandedPractices;

#define EP_MIN_ENTRIES 8

static Size ep_get_flat_size(ExpandedObjectHeader *eohptr);
static void ep_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods ep_methods = {
	ep_get_flat_size,
	ep_flatten_into
};

static ExpandedPractices *
ep_new(MemoryContext parent)
{
	/* small blocks: a GROUP BY may hold many small sets at once */
	MemoryContext cxt = AllocSetContextCreate(parent, "tb_practices", ALLOCSET_SMALL_SIZES);
	ExpandedPractices *ep = MemoryContextAllocZero(cxt, sizeof(ExpandedPractices));

	EOH_init_header(&ep->hdr, &ep_methods, cxt);
	ep->cap = EP_MIN_ENTRIES;
	ep->entries = MemoryContextAlloc(cxt, ep->cap * sizeof(PracticeEntry));
	ep->nslots = 2 * EP_MIN_ENTRIES;
	ep->slots = MemoryContextAllocZero(cxt, ep->nslots * sizeof(uint32));
	ep->bufcap = 64;
	ep->buf = MemoryContextAlloc(cxt, ep->bufcap);
	return ep;
}

static inline const char *
ep_label(const ExpandedPractices *ep, int i)
{
	return ep->buf + ep->entries[i].off;
}

/* The entry of a label, or -1 and the free slot where it would go. */
static int
ep_find(const ExpandedPractices *ep, const char *p, int len, uint32 h, uint32 *slot)
{
	uint32		mask = ep->nslots - 1;
	uint32		i;

	for (i = h & mask;; i = (i + 1) & mask)
	{
		uint32		s = ep->slots[i];
		const char *l;

		if (s == 0)
		{
			*slot = i;
			return -1;
		}
		l = ep_label(ep, s - 1);
		if (ep->entries[s - 1].hash == h && (unsigned char) l[0] == len &&
			memcmp(l + 1, p, len) == 0)
			return s - 1;
	}
}

static void
ep_rehash(ExpandedPractices *ep, uint32 nslots)
{
	uint32	   *slots = MemoryContextAllocZero(ep->hdr.eoh_context, nslots * sizeof(uint32));
	uint32		mask = nslots - 1;
	int			i;

	for (i = 0; i < ep->nentries; i++)
	{
		uint32		j;

		CHECK_FOR_INTERRUPTS();
		for (j = ep->entries[i].hash & mask; slots[j] != 0; j = (j + 1) & mask)
			;
		slots[j] = i + 1;
	}
	pfree(ep->slots);
	ep->slots = slots;
	ep->nslots = nslots;
}

/* Add a label to the set (nothing if it is there). */
static void
ep_add(ExpandedPractices *ep, const char *p, int len)
{
	uint32		h = hash_bytes((const unsigned char *) p, len);
	uint32		slot;
	int			i = ep_find(ep, p, len, h, &slot);
	PracticeEntry *e;

	if (i >= 0)
	{
		e = &ep->entries[i];
		if (e->seen != ep->round)
		{
			/* dropped by an intersection: back in */
			check_cardinality((int64) ep->n + 1);
			e->seen = ep->round;
			ep->n++;
			ep->bytes += 1 + len;
		}
		return;
	}
	check_cardinality((int64) ep->n + 1);
	if (2 * ((Size) ep->nentries + 1) > ep->nslots)
	{
		ep_rehash(ep, ep->nslots * 2);
		(void) ep_find(ep, p, len, h, &slot);
	}
	if (ep->nentries == ep->cap)
	{
		ep->cap *= 2;
		ep->entries = repalloc(ep->entries, ep->cap * sizeof(PracticeEntry));
	}
	while (ep->buflen + 1 + len > ep->bufcap)
	{
		ep->bufcap *= 2;
		ep->buf = repalloc(ep->buf, ep->bufcap);
	}
	e = &ep->entries[ep->nentries];
	e->hash = h;
	e->seen = ep->round;
	e->off = ep->buflen;
	ep->buf[ep->buflen] = (char) len;
	memcpy(ep->buf + ep->buflen + 1, p, len);
	ep->buflen += 1 + len;
	ep->slots[slot] = ++ep->nentries;
	ep->n++;
	ep->bytes += 1 + len;
}

/* Add the labels of a stored set. */
static void
ep_add_all(ExpandedPractices *ep, const PracticesView *v)
{
	bool		was_empty = (ep->nentries == 0);
	const char *d = v->data;
	int			i;

	for (i = 0; i < v->n; i++)
	{
		int			len = (unsigned char) *d;

		CHECK_FOR_INTERRUPTS();
		ep_add(ep, d + 1, len);
		d += 1 + len;
	}

	/* a stored set is in order: added to nothing, it needs no sorting */
	if (was_empty && ep->nentries > 0)
	{
		if (ep->order)
			pfree(ep->order);
		ep->order = MemoryContextAlloc(ep->hdr.eoh_context, ep->nentries * sizeof(int));
		for (i = 0; i < ep->nentries; i++)
			ep->order[i] = i;
		ep->nordered = ep->nentries;
	}
}

/*
 * Keep only the labels in the set: the sorted ones first, still sorted, then
 * the others; a new buffer and hash table hold just them.
 */
static void
ep_compact(ExpandedPractices *ep)
{
	MemoryContext cxt = ep->hdr.eoh_context;
	int			cap = Max(ep->n, EP_MIN_ENTRIES);
	PracticeEntry *entries = MemoryContextAlloc(cxt, cap * sizeof(PracticeEntry));
	Size		bufcap = Max(ep->bytes, 64);
	char	   *buf = MemoryContextAlloc(cxt, bufcap);
	Size		buflen = 0;
	uint32		nslots = 2 * EP_MIN_ENTRIES;
	int			k = 0,
				nordered = 0,
				i;

	for (i = 0; i < ep->nentries; i++)
	{
		int			from = i < ep->nordered ? ep->order[i] : i;
		const PracticeEntry *e = &ep->entries[from];
		int			size;

		CHECK_FOR_INTERRUPTS();
		if (e->seen != ep->round)
			continue;
		size = 1 + (unsigned char) ep->buf[e->off];
		memcpy(buf + buflen, ep->buf + e->off, size);
		entries[k] = *e;
		entries[k].off = buflen;
		buflen += size;
		k++;
		if (i < ep->nordered)
			nordered = k;
	}
	Assert(k == ep->n && buflen == ep->bytes);
	pfree(ep->entries);
	pfree(ep->buf);
	ep->entries = entries;
	ep->nentries = k;
	ep->cap = cap;
	ep->buf = buf;
	ep->buflen = buflen;
	ep->bufcap = bufcap;
	for (i = 0; i < nordered; i++)
		ep->order[i] = i;
	ep->nordered = nordered;
	while (nslots < 2 * (Size) k)
		nslots *= 2;
	ep_rehash(ep, nslots);
}

/* Keep only the labels also in a stored set. */
static void
ep_intersect(ExpandedPractices *ep, const PracticesView *v)
{
	const char *d = v->data;
	uint32		next;
	int			n = 0,
				i;
	Size		bytes = 0;

	if (ep->n == 0)
		return;
	if (ep->round == PG_UINT32_MAX)
	{
		/* rounds start again, with only the labels in the set */
		ep_compact(ep);
		for (i = 0; i < ep->nentries; i++)
			ep->entries[i].seen = 0;
		ep->round = 0;
	}
	next = ep->round + 1;
	for (i = 0; i < v->n; i++)
	{
		int			len = (unsigned char) *d;
		uint32		slot;
		int			e;

		CHECK_FOR_INTERRUPTS();
		e = ep_find(ep, d + 1, len, hash_bytes((const unsigned char *) d + 1, len), &slot);
		if (e >= 0 && ep->entries[e].seen == ep->round)
		{
			ep->entries[e].seen = next;
			n++;
			bytes += 1 + len;
		}
		d += 1 + len;
	}
	ep->round = next;
	ep->n = n;
	ep->bytes = bytes;
	if (2 * n < ep->nentries)
		ep_compact(ep);
}

static int
entry_cmp(const void *a, const void *b, void *arg)
{
	const ExpandedPractices *ep = (const ExpandedPractices *) arg;
	const char *x = ep_label(ep, *(const int *) a);
	const char *y = ep_label(ep, *(const int *) b);
	int			lx = (unsigned char) x[0],
				ly = (unsigned char) y[0];
	int			c = memcmp(x + 1, y + 1, Min(lx, ly));

	return c != 0 ? c : lx - ly;
}

/*
 * Bring every entry into the label order: sort the ones added since the
 * last time and merge them in.  The object is left as it was until the new
 * order is complete, as a flattening may be cancelled.
 */
static void
ep_sort(ExpandedPractices *ep)
{
	int			nnew = ep->nentries - ep->nordered;
	int		   *added;
	int		   *order;
	int			i = 0,
				j = 0,
				k = 0;

	if (nnew == 0)
		return;

	/*
	 * Not palloc: a flattening runs in the context of the tuple it fills,
	 * which may not free (a sort's bump context).
	 */
	added = MemoryContextAlloc(ep->hdr.eoh_context, nnew * sizeof(int));
	for (i = 0; i < nnew; i++)
		added[i] = ep->nordered + i;
	qsort_arg(added, nnew, sizeof(int), entry_cmp, ep);
	order = MemoryContextAlloc(ep->hdr.eoh_context, ep->nentries * sizeof(int));
	i = 0;
	while (i < ep->nordered || j < nnew)
	{
		CHECK_FOR_INTERRUPTS();
		if (j == nnew || (i < ep->nordered && entry_cmp(&ep->order[i], &added[j], ep) < 0))
			order[k++] = ep->order[i++];
		else
			order[k++] = added[j++];
	}
	pfree(added);
	if (ep->order)
		pfree(ep->order);
	ep->order = order;
	ep->nordered = ep->nentries;
}

static Size
ep_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedPractices *ep = (ExpandedPractices *) eohptr;

	return offsetof(TbPractices, data) + ep->bytes;
}

static void
ep_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedPractices *ep = (ExpandedPractices *) eohptr;
	TbPractices *s = (TbPractices *) result;
	char	   *d = s->data;
	int			i;

	ep_sort(ep);
	memset(s, 0, offsetof(TbPractices, data));
	SET_VARSIZE(s, allocated_size);
	s->n = ep->n;
	for (i = 0; i < ep->nordered; i++)
	{
		const PracticeEntry *e = &ep->entries[ep->order[i]];
		int			size;

		CHECK_FOR_INTERRUPTS();
		if (e->seen != ep->round)
			continue;
		size = 1 + (unsigned char) ep->buf[e->off];
		memcpy(d, ep->buf + e->off, size);
		d += size;
	}
	Assert(d - (char *) s == (ptrdiff_t) allocated_size);
}

/*
 * The state to update: our own read-write expanded object, or a new one
 * (in the aggregate's context, or the current one for a direct call), with
 * the labels of the set passed, if any.
 */
static ExpandedPractices *
ep_for_update(FunctionCallInfo fcinfo, int argno)
{
	MemoryContext aggcxt;
	ExpandedPractices *ep;
	PracticesView v;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		aggcxt = NULL;
	if (aggcxt && !PG_ARGISNULL(argno) &&
		VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(PG_GETARG_DATUM(argno))))
	{
		ep = (ExpandedPractices *) DatumGetEOHP(PG_GETARG_DATUM(argno));
		if (ep->hdr.eoh_methods == &ep_methods)
			return ep;
	}
	ep = ep_new(aggcxt ? aggcxt : CurrentMemoryContext);
	if (!PG_ARGISNULL(argno))
	{
		view_of(PG_GETARG_DATUM(argno), &v);
		ep_add_all(ep, &v);
		view_release(PG_GETARG_DATUM(argno), &v);
	}
	return ep;
}

/* tb_practices_add(state, label): transition of tb_practice_set(label); NULL labels skipped. */
Datum
tb_practices_add(PG_FUNCTION_ARGS)
{
	ExpandedPractices *ep;
	text	   *t;

	if (PG_ARGISNULL(1) && !PG_ARGISNULL(0))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	ep = ep_for_update(fcinfo, 0);
	if (!PG_ARGISNULL(1))
	{
		t = PG_GETARG_TEXT_PP(1);
		check_label(VARSIZE_ANY_EXHDR(t));
		ep_add(ep, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	}
	PG_RETURN_DATUM(EOHPGetRWDatum(&ep->hdr));
}

/* union of sets, NULL skipped: transition and combine of tb_practice_union and tb_practice_set */
Datum
tb_practices_union_agg(PG_FUNCTION_ARGS)
{
	ExpandedPractices *ep;
	PracticesView v;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	ep = ep_for_update(fcinfo, 0);
	view_of(PG_GETARG_DATUM(1), &v);
	ep_add_all(ep, &v);
	view_release(PG_GETARG_DATUM(1), &v);
	PG_RETURN_DATUM(EOHPGetRWDatum(&ep->hdr));
}

/* intersection of sets, NULL skipped (no set seen: NULL) */
Datum
tb_practices_intersect_agg(PG_FUNCTION_ARGS)
{
	ExpandedPractices *ep;
	PracticesView v;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	view_of(PG_GETARG_DATUM(1), &v);
	if (PG_ARGISNULL(0))
	{
		/* the first set is the intersection so far */
		ep = ep_for_update(fcinfo, 0);
		ep_add_all(ep, &v);
	}
	else
	{
		ep = ep_for_update(fcinfo, 0);
		ep_intersect(ep, &v);
	}
	view_release(PG_GETARG_DATUM(1), &v);
	PG_RETURN_DATUM(EOHPGetRWDatum(&ep->hdr));
}

/* ---- comparison ---- */

static int
practices_cmp(const PracticesView *a, const PracticesView *b)
{
	const char *pa = a->data,
			   *pb = b->data;
	int			i;

	for (i = 0; i < a->n && i < b->n; i++)
	{
		int			la = (unsigned char) *pa++,
					lb = (unsigned char) *pb++;
		int			c = memcmp(pa, pb, Min(la, lb));

		CHECK_FOR_INTERRUPTS();
		if (c == 0)
			c = la - lb;
		if (c != 0)
			return c < 0 ? -1 : 1;
		pa += la;
		pb += lb;
	}
	return a->n == b->n ? 0 : (a->n < b->n ? -1 : 1);
}

static int
practices_cmp_args(FunctionCallInfo fcinfo)
{
	PracticesView a,
				b;
	int			c;

	view_of(PG_GETARG_DATUM(0), &a);
	view_of(PG_GETARG_DATUM(1), &b);
	c = practices_cmp(&a, &b);
	view_release(PG_GETARG_DATUM(0), &a);
	view_release(PG_GETARG_DATUM(1), &b);
	return c;
}

#define PRACTICES_CMP(fname, test) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	int			c = practices_cmp_args(fcinfo); \
	PG_RETURN_BOOL(test); \
}

PRACTICES_CMP(tb_practices_eq, c == 0)
PRACTICES_CMP(tb_practices_ne, c != 0)
PRACTICES_CMP(tb_practices_lt, c < 0)
PRACTICES_CMP(tb_practices_le, c <= 0)
PRACTICES_CMP(tb_practices_gt, c > 0)
PRACTICES_CMP(tb_practices_ge, c >= 0)

Datum
tb_practices_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(practices_cmp_args(fcinfo));
}

Datum
tb_practices_hash(PG_FUNCTION_ARGS)
{
	PracticesView v;
	Datum		h;

	view_of(PG_GETARG_DATUM(0), &v);
	/* the canonical bytes: equal sets hash alike */
	h = hash_any((const unsigned char *) v.data, v.size);
	view_release(PG_GETARG_DATUM(0), &v);
	return h;
}

/* ---- I/O and casts ---- */

static void
invalid_practices(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tb_practices: \"%s\"", input),
			 errdetail("%s", why),
			 errhint("A practice set reads like {GOV01,PREV01,\"a label, quoted\"}.")));
}

Datum
tb_practices_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int			cap = 16,
				n = 0;
	Label	   *l = palloc(cap * sizeof(Label));

	while (*p == ' ')
		p++;
	if (*p != '{')
		invalid_practices(str, "a set begins with {");
	p++;
	for (;;)
	{
		StringInfoData buf;

		CHECK_FOR_INTERRUPTS();
		while (*p == ' ')
			p++;
		if (*p == '}' && n == 0)
			break;
		initStringInfo(&buf);
		if (*p == '"')
		{
			p++;
			while (*p && *p != '"')
			{
				if (*p == '\\' && p[1] != '\0')
					p++;
				appendStringInfoChar(&buf, *p++);
			}
			if (*p != '"')
				invalid_practices(str, "unterminated quoted label");
			p++;
		}
		else
		{
			while (*p && *p != ',' && *p != '}' && *p != ' ')
				appendStringInfoChar(&buf, *p++);
		}
		if (buf.len == 0)
			invalid_practices(str, "empty label");
		if (buf.len > LABEL_MAX)
			invalid_practices(str, "a label is longer than 255 bytes");
		if (n == cap)
		{
			cap *= 2;
			l = repalloc(l, cap * sizeof(Label));
		}
		l[n].p = buf.data;
		l[n].len = buf.len;
		n++;
		while (*p == ' ')
			p++;
		if (*p == ',')
		{
			p++;
			continue;
		}
		if (*p == '}')
			break;
		invalid_practices(str, "expected , or } after a label");
	}
	p++;
	while (*p == ' ')
		p++;
	if (*p != '\0')
		invalid_practices(str, "unexpected text after }");
	PG_RETURN_POINTER(pack(l, normalise(l, n)));
}

static bool
needs_quotes(const Label *l)
{
	int			i;

	for (i = 0; i < l->len; i++)
	{
		char		c = l->p[i];

		if (c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || c == ' ')
			return true;
	}
	return false;
}

Datum
tb_practices_out(PG_FUNCTION_ARGS)
{
	TbPractices *s = PG_GETARG_PRACTICES(0);
	Label	   *l = labels_of(s);
	StringInfoData buf;
	int			i,
				j;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < s->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		if (needs_quotes(&l[i]))
		{
			appendStringInfoChar(&buf, '"');
			for (j = 0; j < l[i].len; j++)
			{
				if (l[i].p[j] == '"' || l[i].p[j] == '\\')
					appendStringInfoChar(&buf, '\\');
				appendStringInfoChar(&buf, l[i].p[j]);
			}
			appendStringInfoChar(&buf, '"');
		}
		else
			appendBinaryStringInfo(&buf, l[i].p, l[i].len);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

Datum
tb_practices_send(PG_FUNCTION_ARGS)
{
	TbPractices *s = PG_GETARG_PRACTICES(0);
	Label	   *l = labels_of(s);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, 1);		/* format version */
	pq_sendint32(&buf, s->n);
	for (i = 0; i < s->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		pq_sendbyte(&buf, l[i].len);
		pq_sendbytes(&buf, l[i].p, l[i].len);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
tb_practices_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int32		n;
	Label	   *l;
	int			i;

	if (version != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external tb_practices value"),
				 errdetail("unknown format version %d", version)));
	n = pq_getmsgint(buf, 4);
	/* each label takes at least 2 bytes: a bound on what the message holds */
	if (n < 0 || n > (buf->len - buf->cursor) / 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external tb_practices value"),
				 errdetail("the number of practices does not fit the message")));
	check_cardinality(n);
	l = palloc((n + 1) * sizeof(Label));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		l[i].len = pq_getmsgbyte(buf);
		if (l[i].len == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external tb_practices value"),
					 errdetail("a practice label is empty")));
		l[i].p = pq_getmsgbytes(buf, l[i].len);
		/* the bytes arrive as they are: they must be text of the database */
		pg_verifymbstr(l[i].p, l[i].len, false);
		if (i > 0 && label_cmp(&l[i - 1], &l[i]) >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external tb_practices value"),
					 errdetail("practices must be distinct and in byte order")));
	}
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external tb_practices value"),
				 errdetail("trailing bytes after the set")));
	PG_RETURN_POINTER(pack(l, n));
}

/* text[] -> tb_practices: NULL elements are an error, duplicates merge */
Datum
tb_practices_from_array(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	Label	   *l;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	l = palloc((n + 1) * sizeof(Label));
	for (i = 0; i < n; i++)
	{
		text	   *t;

		CHECK_FOR_INTERRUPTS();
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("a practice set cannot hold NULL")));
		t = DatumGetTextPP(elems[i]);
		l[i].p = VARDATA_ANY(t);
		l[i].len = VARSIZE_ANY_EXHDR(t);
		check_label(l[i].len);
	}
	PG_RETURN_POINTER(pack(l, normalise(l, n)));
}

Datum
tb_practices_to_array(PG_FUNCTION_ARGS)
{
	TbPractices *s = PG_GETARG_PRACTICES(0);
	Label	   *l = labels_of(s);
	Datum	   *elems = palloc((s->n + 1) * sizeof(Datum));
	int			i;

	for (i = 0; i < s->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		elems[i] = PointerGetDatum(cstring_to_text_with_len(l[i].p, l[i].len));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, s->n, TEXTOID, -1, false, TYPALIGN_INT));
}

Datum
tb_practices_to_jsonb(PG_FUNCTION_ARGS)
{
	TbPractices *s = PG_GETARG_PRACTICES(0);
	Label	   *l = labels_of(s);
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (i = 0; i < s->n; i++)
	{
		char	   *label = pnstrdup(l[i].p, l[i].len);

		CHECK_FOR_INTERRUPTS();
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, label);
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

/* Call fn for every label of a set (used by the adoption counts in adoption.c). */
void
tb_practices_foreach(Datum d, void (*fn) (void *arg, const char *p, int len), void *arg)
{
	TbPractices *s = (TbPractices *) PG_DETOAST_DATUM(d);
	Label	   *l = labels_of(s);
	int			i;

	for (i = 0; i < s->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		fn(arg, l[i].p, l[i].len);
	}
}
