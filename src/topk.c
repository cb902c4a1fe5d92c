/*-------------------------------------------------------------------------
 *
 * topk.c
 *	  The tb_topk type and tb_top_gaps aggregate: a country's k largest
 *	  weighted gaps (gap * weight), with the indicator, the gap, the weight
 *	  and a flag (the region is poorly harmonized on that indicator).
 *
 * Ties are broken by the label, ascending (then the larger gap, then the
 * flag set), so the result does not depend on the order of the rows or of
 * partial states (but for entries equal on all of these: see below).  The
 * state keeps at most k entries, so its size does not grow with the rows;
 * k is at most 1000.
 *
 * Inside an aggregate the state is a PostgreSQL expanded object: a binary
 * heap of the entries kept, the lowest ranked at the root, updated in
 * place.  A row that does not rank above the root costs one comparison;
 * one that does replaces it, in O(log k).  The entries are sorted only
 * when the state leaves the aggregate: flattened to be stored or sent, or
 * read by the final, output and send functions.
 *
 * Entries that compare equal on all of the above (the same label and gap,
 * weights that give the same weighted gap) keep the order they arrived
 * in, the first one ranking first, as a ranked list merged row by row
 * does.
 *
 * Text form (canonical):  k=3 ["PREV01" 0.8 2 t] ["GOV05" 0.5 1 f]
 * each entry being [label gap weight flag], largest weighted gap first.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "tb_compat.h"
#include "tb_label.h"
#include "tb_typeio.h"

PG_FUNCTION_INFO_V1(tb_topk_in);
PG_FUNCTION_INFO_V1(tb_topk_out);
PG_FUNCTION_INFO_V1(tb_topk_recv);
PG_FUNCTION_INFO_V1(tb_topk_send);
PG_FUNCTION_INFO_V1(tb_topk_add);
PG_FUNCTION_INFO_V1(tb_topk_combine);
PG_FUNCTION_INFO_V1(tb_topk_jsonb);

#define TB_TOPK_VERSION 1
#define TOPK_MAX_K 1000
#define TOPK_MAX_LABEL TB_LABEL_MAX

/* Entries an expanded state has room for at first; doubled up to k. */
#define TOPK_INITIAL_SLOTS 8

typedef struct TopkItem
{
	double		wgap;			/* gap * weight: the rank */
	double		gap;
	double		weight;
	int64		seq;			/* arrival order, for entries otherwise equal */
	char	   *label;			/* NUL-terminated, but for a row's own label */
	int			len;			/* bytes of label */
	int			cap;			/* bytes allocated for label (expanded state) */
	bool		flag;
} TopkItem;

/*
 * Stored form: header, then per entry gap, weight, flag, label length and
 * label bytes (packed, not aligned: read with memcpy).
 */
typedef struct TbTopk
{
	int32		vl_len_;
	uint8		version;
	uint8		pad;
	int16		k;
	int32		n;
	char		data[FLEXIBLE_ARRAY_MEMBER];
} TbTopk;

#define PG_GETARG_TBTOPK_P(n) ((TbTopk *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/*
 * The state inside an aggregate: heap[0 .. n-1] is a binary heap whose
 * root ranks last (every entry ranks after its children), labels
 * allocated in the object's own context.
 */
typedef struct ExpandedTopk
{
	ExpandedObjectHeader hdr;
	int			k;
	int			n;
	int			nslots;			/* allocated entries of heap, <= k */
	int64		nextseq;		/* seq of the next entry to come in */
	TopkItem   *heap;
} ExpandedTopk;

static Size et_get_flat_size(ExpandedObjectHeader *eohptr);
static void et_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods et_methods = {
	et_get_flat_size,
	et_flatten_into
};

static void
item_set(TopkItem *it, char *label, int len, double gap, double weight, bool flag)
{
	it->label = label;
	it->len = len;
	it->cap = 0;
	it->gap = gap;
	it->weight = weight;
	it->wgap = gap * weight;
	it->flag = flag;
	it->seq = 0;
}

/*
 * Rank order: larger weighted gap first, then label ascending, larger gap,
 * flag set; then the earlier arrival.  Labels hold no NUL byte, so this
 * compares them as strcmp would.
 */
static int
item_cmp(const TopkItem *a, const TopkItem *b)
{
	int			c;

	if (a->wgap != b->wgap)
		return a->wgap > b->wgap ? -1 : 1;
	c = memcmp(a->label, b->label, Min(a->len, b->len));
	if (c != 0)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	/* the same label twice: still one order, whatever the rows' order */
	if (a->gap != b->gap)
		return a->gap > b->gap ? -1 : 1;
	if (a->flag != b->flag)
		return a->flag ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

static int
item_qsort_cmp(const void *a, const void *b)
{
	return item_cmp((const TopkItem *) a, (const TopkItem *) b);
}

/* ---- flat form ---- */

/* Unpack into items, ranked (labels copied, NUL-terminated). */
static TopkItem *
topk_items(const TbTopk *t)
{
	TopkItem   *items = palloc((t->n + 1) * sizeof(TopkItem));
	const char *p = t->data;
	int			i;

	for (i = 0; i < t->n; i++)
	{
		double		gap,
					weight;
		uint8		flag;
		uint16		len;

		memcpy(&gap, p, sizeof(double));
		p += sizeof(double);
		memcpy(&weight, p, sizeof(double));
		p += sizeof(double);
		flag = (uint8) *p++;
		memcpy(&len, p, sizeof(uint16));
		p += sizeof(uint16);
		item_set(&items[i], pnstrdup(p, len), len, gap, weight, flag != 0);
		items[i].seq = i;
		p += len;
	}
	return items;
}

static Size
flat_size(const TopkItem *items, int n)
{
	Size		size = offsetof(TbTopk, data);
	int			i;

	for (i = 0; i < n; i++)
		size += 2 * sizeof(double) + 1 + sizeof(uint16) + items[i].len;
	return size;
}

/* Write ranked items into t, of the size flat_size gives. */
static void
flat_write(TbTopk *t, Size size, int k, const TopkItem *items, int n)
{
	char	   *p;
	int			i;

	memset(t, 0, offsetof(TbTopk, data));
	SET_VARSIZE(t, size);
	t->version = TB_TOPK_VERSION;
	t->k = k;
	t->n = n;
	p = t->data;
	for (i = 0; i < n; i++)
	{
		uint16		len = items[i].len;

		memcpy(p, &items[i].gap, sizeof(double));
		p += sizeof(double);
		memcpy(p, &items[i].weight, sizeof(double));
		p += sizeof(double);
		*p++ = items[i].flag ? 1 : 0;
		memcpy(p, &len, sizeof(uint16));
		p += sizeof(uint16);
		memcpy(p, items[i].label, len);
		p += len;
	}
	Assert(p - (char *) t == (ptrdiff_t) size);
}

static TbTopk *
topk_pack(int k, const TopkItem *items, int n)
{
	Size		size = flat_size(items, n);
	TbTopk	   *t = palloc(size);

	flat_write(t, size, k, items, n);
	return t;
}

/* ---- expanded form ---- */

static ExpandedTopk *
et_new(MemoryContext parent, int k)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "tb_topk", ALLOCSET_START_SMALL_SIZES);
	ExpandedTopk *et = MemoryContextAllocZero(cxt, sizeof(ExpandedTopk));

	EOH_init_header(&et->hdr, &et_methods, cxt);
	et->k = k;
	et->nslots = Min(k, TOPK_INITIAL_SLOTS);
	et->heap = MemoryContextAlloc(cxt, et->nslots * sizeof(TopkItem));
	return et;
}

/* Our expanded object behind d, or NULL when d is a flat value. */
static ExpandedTopk *
et_of(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedTopk *et = (ExpandedTopk *) DatumGetEOHP(d);

		if (et->hdr.eoh_methods == &et_methods)
			return et;
	}
	return NULL;
}

/* The entries of an expanded state, ranked (labels shared with it). */
static TopkItem *
et_ranked(const ExpandedTopk *et, MemoryContext cxt)
{
	TopkItem   *items = MemoryContextAlloc(cxt, (et->n + 1) * sizeof(TopkItem));

	memcpy(items, et->heap, et->n * sizeof(TopkItem));
	qsort(items, et->n, sizeof(TopkItem), item_qsort_cmp);
	return items;
}

/* Store it in slot, copying its label into slot's buffer if it fits. */
static void
et_store(ExpandedTopk *et, TopkItem *slot, const TopkItem *it, bool reuse)
{
	char	   *buf = reuse ? slot->label : NULL;
	int			cap = reuse ? slot->cap : 0;

	if (buf == NULL || cap < it->len)
	{
		if (buf != NULL)
			pfree(buf);
		cap = it->len;
		buf = MemoryContextAlloc(et->hdr.eoh_context, cap + 1);
	}
	*slot = *it;
	memcpy(buf, it->label, it->len);
	buf[it->len] = '\0';
	slot->label = buf;
	slot->cap = cap;
	slot->seq = et->nextseq++;
}

static void
sift_up(TopkItem *heap, int i)
{
	TopkItem	x = heap[i];

	while (i > 0)
	{
		int			parent = (i - 1) / 2;

		if (item_cmp(&heap[parent], &x) >= 0)
			break;
		heap[i] = heap[parent];
		i = parent;
	}
	heap[i] = x;
}

static void
sift_down(TopkItem *heap, int n, int i)
{
	TopkItem	x = heap[i];

	for (;;)
	{
		int			child = 2 * i + 1;

		if (child >= n)
			break;
		/* the child ranking last */
		if (child + 1 < n && item_cmp(&heap[child + 1], &heap[child]) > 0)
			child++;
		if (item_cmp(&heap[child], &x) <= 0)
			break;
		heap[i] = heap[child];
		i = child;
	}
	heap[i] = x;
}

/*
 * Offer an entry, arriving after every entry so far (its seq comes from
 * the state); false when it does not rank among the k first.
 */
static bool
et_offer(ExpandedTopk *et, const TopkItem *it)
{
	TopkItem	cand = *it;

	cand.seq = et->nextseq;
	if (et->n < et->k)
	{
		if (et->n == et->nslots)
		{
			et->nslots = Min(et->k, 2 * et->nslots);
			et->heap = repalloc(et->heap, et->nslots * sizeof(TopkItem));
		}
		et_store(et, &et->heap[et->n], &cand, false);
		sift_up(et->heap, et->n++);
		return true;
	}
	if (item_cmp(&cand, &et->heap[0]) > 0)
		return false;
	et_store(et, &et->heap[0], &cand, true);
	sift_down(et->heap, et->n, 0);
	return true;
}

/* Expand ranked items into a new object, keeping their order. */
static ExpandedTopk *
et_from_items(MemoryContext parent, int k, const TopkItem *items, int n)
{
	ExpandedTopk *et = et_new(parent, k);
	int			i;

	if (n > et->nslots)
	{
		et->nslots = n;
		et->heap = repalloc(et->heap, n * sizeof(TopkItem));
	}
	/* in reverse rank order every entry ranks after those below it: a heap */
	for (i = 0; i < n; i++)
		et_store(et, &et->heap[n - 1 - i], &items[i], false);
	et->n = n;
	return et;
}

static Size
et_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedTopk *et = (ExpandedTopk *) eohptr;

	return flat_size(et->heap, et->n);
}

static void
et_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedTopk *et = (ExpandedTopk *) eohptr;

	/*
	 * The sort's room comes from the object's own context: the current one
	 * may not free (a sort flattens its tuples into a bump context).
	 */
	TopkItem   *items = et_ranked(et, et->hdr.eoh_context);

	flat_write((TbTopk *) result, allocated_size, et->k, items, et->n);
	pfree(items);
}

/*
 * A state, flat or expanded, as ranked items: *k and *n set.  An expanded
 * state is read in place, not flattened.
 */
static TopkItem *
topk_read(Datum d, int *k, int *n)
{
	ExpandedTopk *et = et_of(d);
	TbTopk	   *t;

	if (et != NULL)
	{
		*k = et->k;
		*n = et->n;
		return et_ranked(et, CurrentMemoryContext);
	}
	t = (TbTopk *) PG_DETOAST_DATUM(d);
	*k = t->k;
	*n = t->n;
	return topk_items(t);
}

/*
 * The state to update: our own read-write expanded object, or a new one
 * (in the aggregate's context, or the current one for a direct call),
 * empty with k when the argument is NULL, else a copy of it.
 */
static ExpandedTopk *
et_for_update(FunctionCallInfo fcinfo, int argno, int k)
{
	MemoryContext aggcxt;
	MemoryContext parent;
	TopkItem   *items;
	int			n;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		aggcxt = NULL;
	parent = aggcxt ? aggcxt : CurrentMemoryContext;
	if (PG_ARGISNULL(argno))
		return et_new(parent, k);
	if (aggcxt && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(PG_GETARG_DATUM(argno))))
	{
		ExpandedTopk *et = et_of(PG_GETARG_DATUM(argno));

		if (et != NULL)
			return et;
	}
	items = topk_read(PG_GETARG_DATUM(argno), &k, &n);
	return et_from_items(parent, k, items, n);
}

/* ---- the aggregate ---- */

static void
check_k(int32 k)
{
	if (k < 1 || k > TOPK_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be between 1 and %d, not %d", TOPK_MAX_K, k)));
}

static void
check_item(const TopkItem *it)
{
	if (isnan(it->gap) || isinf(it->gap) || it->gap < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a gap must be a finite number >= 0, not %g", it->gap)));
	if (isnan(it->weight) || isinf(it->weight) || it->weight <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a weight must be a positive finite number, not %g", it->weight)));
	/* the rank is gap * weight: it must be a number too (and print as JSON) */
	if (isinf(it->wgap))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the weighted gap %g * %g is out of range", it->gap, it->weight)));
	if (it->len > TOPK_MAX_LABEL)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("a label is longer than %d bytes", TOPK_MAX_LABEL)));
}

/*
 * tb_topk_add(state, label, gap, weight, k, flag): transition function of
 * tb_top_gaps.  A NULL gap is no gap and is skipped; label, weight and k
 * must not be NULL; k must be the same on every row; a NULL flag is false.
 */
Datum
tb_topk_add(PG_FUNCTION_ARGS)
{
	TopkItem	it;
	text	   *label;
	ExpandedTopk *et;
	int32		k;

	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("k must not be NULL")));
	k = PG_GETARG_INT32(4);
	check_k(k);
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_DATUM(EOHPGetRWDatum(&et_for_update(fcinfo, 0, k)->hdr));
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("label and weight must not be NULL")));
	/* the row's label is read in place: copied only if the entry is kept */
	label = PG_GETARG_TEXT_PP(1);
	item_set(&it, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label),
			 PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
			 !PG_ARGISNULL(5) && PG_GETARG_BOOL(5));
	check_item(&it);
	et = et_for_update(fcinfo, 0, k);
	if (et->k != k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k changes within a group (%d, then %d)", et->k, k)));
	et_offer(et, &it);
	PG_RETURN_DATUM(EOHPGetRWDatum(&et->hdr));
}

/*
 * Combine function, and transition function of tb_rollup(tb_topk): the
 * second list's entries arrive after the first's, in rank order, so that
 * the result is the k first of the two lists merged, the first list first
 * on ties.
 */
Datum
tb_topk_combine(PG_FUNCTION_ARGS)
{
	ExpandedTopk *et;
	TopkItem   *items;
	int			k,
				n,
				i;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	items = topk_read(PG_GETARG_DATUM(1), &k, &n);
	et = et_for_update(fcinfo, 0, k);
	if (et->k != k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine top-%d and top-%d lists", et->k, k)));
	/* once one entry does not rank among the k first, the next ones do not */
	for (i = 0; i < n; i++)
		if (!et_offer(et, &items[i]))
			break;
	PG_RETURN_DATUM(EOHPGetRWDatum(&et->hdr));
}

/* tb_topk_jsonb(state): [{"rank", "indicator", "gap", "weight", "weighted_gap", "poorly_harmonized"}, ...] */
Datum
tb_topk_jsonb(PG_FUNCTION_ARGS)
{
	TopkItem   *items;
	StringInfoData buf;
	int			k,
				n,
				i;

	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum("[]")));
	items = topk_read(PG_GETARG_DATUM(0), &k, &n);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (i = 0; i < n; i++)
	{
		appendStringInfo(&buf, "%s{\"rank\": %d, \"indicator\": ", i ? ", " : "", i + 1);
		escape_json(&buf, items[i].label);
		appendStringInfoString(&buf, ", \"gap\": ");
		tb_append_double(&buf, items[i].gap);
		appendStringInfoString(&buf, ", \"weight\": ");
		tb_append_double(&buf, items[i].weight);
		appendStringInfoString(&buf, ", \"weighted_gap\": ");
		tb_append_double(&buf, items[i].wgap);
		appendStringInfo(&buf, ", \"poorly_harmonized\": %s}", items[i].flag ? "true" : "false");
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

/* ---- I/O ---- */

Datum
tb_topk_out(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	TopkItem   *items;
	int			k,
				n,
				i;

	items = topk_read(PG_GETARG_DATUM(0), &k, &n);
	initStringInfo(&buf);
	appendStringInfo(&buf, "k=%d", k);
	for (i = 0; i < n; i++)
	{
		appendStringInfoString(&buf, " [");
		escape_json(&buf, items[i].label);
		appendStringInfoChar(&buf, ' ');
		tb_append_double(&buf, items[i].gap);
		appendStringInfoChar(&buf, ' ');
		tb_append_double(&buf, items[i].weight);
		appendStringInfoString(&buf, items[i].flag ? " t]" : " f]");
	}
	PG_RETURN_CSTRING(buf.data);
}

static void
invalid_topk(const char *input, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type tb_topk: \"%s\"", input),
			 errdetail("%s", why),
			 errhint("A top-k list reads like: k=3 [\"PREV01\" 0.8 2 t] [\"GOV05\" 0.5 1 f].")));
}

/* Check a list: ranked, at most k, valid items. */
static const char *
topk_check(int k, TopkItem *items, int n)
{
	int			i;

	if (k < 1 || k > TOPK_MAX_K)
		return "k must be between 1 and 1000";
	if (n > k)
		return "more entries than k";
	for (i = 0; i < n; i++)
	{
		if (isnan(items[i].gap) || isinf(items[i].gap) || items[i].gap < 0 ||
			isnan(items[i].weight) || isinf(items[i].weight) || items[i].weight <= 0)
			return "gaps must be finite and >= 0, weights finite and > 0";
		if (isinf(items[i].wgap))
			return "a weighted gap (gap * weight) is out of range";
		if (items[i].len > TOPK_MAX_LABEL)
			return psprintf("a label is longer than %d bytes", TOPK_MAX_LABEL);
		/* seq is 0 throughout: entries that tie may come in either order */
		if (i > 0 && item_cmp(&items[i - 1], &items[i]) > 0)
			return "entries are not in rank order";
	}
	return NULL;
}

Datum
tb_topk_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	char	   *end;
	long		k;
	TopkItem   *items;
	int			n = 0;
	const char *why;

	if (strncmp(p, "k=", 2) != 0)
		invalid_topk(str, "expected k=");
	p += 2;
	errno = 0;
	k = strtol(p, &end, 10);
	if (end == p || errno != 0 || k < 1 || k > TOPK_MAX_K)
		invalid_topk(str, "k must be a whole number between 1 and 1000");
	p = end;
	items = palloc((k + 1) * sizeof(TopkItem));
	for (;;)
	{
		StringInfoData label;
		double		gap,
					weight;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (n >= k)
			invalid_topk(str, "more entries than k");
		if (p[0] != '[')
			invalid_topk(str, "expected [\"label\" gap weight flag]");
		p++;
		initStringInfo(&label);
		if ((p = tb_read_label(p, &label, &why)) == NULL)
			invalid_topk(str, why);
		gap = strtod(p, &end);
		if (end == p)
			invalid_topk(str, "expected a gap after the label");
		p = end;
		weight = strtod(p, &end);
		if (end == p)
			invalid_topk(str, "expected a weight after the gap");
		p = end;
		while (*p == ' ')
			p++;
		if ((p[0] != 't' && p[0] != 'f') || p[1] != ']')
			invalid_topk(str, "expected t] or f] after the weight");
		item_set(&items[n], label.data, strlen(label.data), gap, weight, p[0] == 't');
		p += 2;
		n++;
	}
	if ((why = topk_check(k, items, n)) != NULL)
		invalid_topk(str, why);
	PG_RETURN_POINTER(topk_pack(k, items, n));
}

Datum
tb_topk_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	TopkItem   *items;
	int			k,
				n,
				i;

	items = topk_read(PG_GETARG_DATUM(0), &k, &n);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TB_TOPK_VERSION);
	pq_sendint16(&buf, k);
	pq_sendint32(&buf, n);
	for (i = 0; i < n; i++)
	{
		pq_sendfloat8(&buf, items[i].gap);
		pq_sendfloat8(&buf, items[i].weight);
		pq_sendbyte(&buf, items[i].flag ? 1 : 0);
		pq_sendstring(&buf, items[i].label);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
tb_topk_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			k;
	int32		n;
	TopkItem   *items;
	int			i;
	const char *why;

	if (version != TB_TOPK_VERSION)
		tb_invalid_binary("tb_topk", psprintf("unknown format version %d", version));
	k = (int16) pq_getmsgint(buf, 2);
	n = pq_getmsgint(buf, 4);
	if (k < 1 || k > TOPK_MAX_K || n < 0 || n > k)
		tb_invalid_binary("tb_topk", "k must be between 1 and 1000 and hold at least n entries");
	items = palloc((n + 1) * sizeof(TopkItem));
	for (i = 0; i < n; i++)
	{
		double		gap,
					weight;
		int			flag;
		const char *label;

		gap = pq_getmsgfloat8(buf);
		weight = pq_getmsgfloat8(buf);
		flag = pq_getmsgbyte(buf);
		if (flag != 0 && flag != 1)
			tb_invalid_binary("tb_topk", "a flag must be 0 or 1");
		label = pq_getmsgstring(buf);
		item_set(&items[i], (char *) label, strlen(label), gap, weight, flag == 1);
	}
	if (buf->cursor != buf->len)
		tb_invalid_binary("tb_topk", "trailing bytes after the list");
	if ((why = topk_check(k, items, n)) != NULL)
		tb_invalid_binary("tb_topk", why);
	PG_RETURN_POINTER(topk_pack(k, items, n));
}
