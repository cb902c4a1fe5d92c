/*-------------------------------------------------------------------------
 *
 * topk.c
 *	  The tb_topk type and tb_top_gaps aggregate: a country's k largest
 *	  weighted gaps (gap * weight), with the indicator, the gap, the weight
 *	  and a flag (the region is poorly harmonized on that indicator).
 *
 * Ties are broken by the label, ascending (then the larger gap, then the
 * flag set), so the result never depends on the order of the rows or of
 * partial states.  The state keeps at most k
 * entries, so its size does not grow with the rows; k is at most 1000.
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
#include "utils/json.h"
#include "utils/jsonb.h"

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

typedef struct TopkItem
{
	double		gap;
	double		weight;
	bool		flag;
	const char *label;			/* NUL-terminated */
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

/* Unpack into items (labels point into the value). */
static TopkItem *
topk_items(const TbTopk *t)
{
	TopkItem   *items = palloc((t->n + 1) * sizeof(TopkItem));
	const char *p = t->data;
	int			i;

	for (i = 0; i < t->n; i++)
	{
		uint8		flag;
		uint16		len;

		memcpy(&items[i].gap, p, sizeof(double));
		p += sizeof(double);
		memcpy(&items[i].weight, p, sizeof(double));
		p += sizeof(double);
		flag = (uint8) *p++;
		items[i].flag = flag != 0;
		memcpy(&len, p, sizeof(uint16));
		p += sizeof(uint16);
		items[i].label = pnstrdup(p, len);
		p += len;
	}
	return items;
}

static TbTopk *
topk_pack(int k, const TopkItem *items, int n)
{
	Size		size = offsetof(TbTopk, data);
	TbTopk	   *t;
	char	   *p;
	int			i;

	for (i = 0; i < n; i++)
		size += 2 * sizeof(double) + 1 + sizeof(uint16) + strlen(items[i].label);
	t = palloc0(size);
	SET_VARSIZE(t, size);
	t->version = TB_TOPK_VERSION;
	t->k = k;
	t->n = n;
	p = t->data;
	for (i = 0; i < n; i++)
	{
		uint16		len = strlen(items[i].label);

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
	return t;
}

/* Rank order: larger weighted gap first, then label ascending. */
static int
item_cmp(const TopkItem *a, const TopkItem *b)
{
	double		wa = a->gap * a->weight;
	double		wb = b->gap * b->weight;

	int			c;

	if (wa != wb)
		return wa > wb ? -1 : 1;
	c = strcmp(a->label, b->label);
	if (c != 0)
		return c;
	/* the same label twice: still one order, whatever the rows' order */
	if (a->gap != b->gap)
		return a->gap > b->gap ? -1 : 1;
	if (a->flag != b->flag)
		return a->flag ? -1 : 1;
	return 0;
}

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
	if (isinf(it->gap * it->weight))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the weighted gap %g * %g is out of range", it->gap, it->weight)));
	if (strlen(it->label) > TOPK_MAX_LABEL)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("a label is longer than %d bytes", TOPK_MAX_LABEL)));
}

/* Merge two ranked lists, keeping the first k. */
static int
merge(const TopkItem *a, int na, const TopkItem *b, int nb, int k, TopkItem *out)
{
	int			i = 0,
				j = 0,
				n = 0;

	while (n < k && (i < na || j < nb))
	{
		if (j >= nb || (i < na && item_cmp(&a[i], &b[j]) <= 0))
			out[n++] = a[i++];
		else
			out[n++] = b[j++];
	}
	return n;
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
	TopkItem   *items;
	TopkItem   *out;
	int32		k;
	int			n;

	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("k must not be NULL")));
	k = PG_GETARG_INT32(4);
	check_k(k);
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_POINTER(topk_pack(k, NULL, 0));
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("label and weight must not be NULL")));
	it.label = text_to_cstring(PG_GETARG_TEXT_PP(1));
	it.gap = PG_GETARG_FLOAT8(2);
	it.weight = PG_GETARG_FLOAT8(3);
	it.flag = !PG_ARGISNULL(5) && PG_GETARG_BOOL(5);
	check_item(&it);
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(topk_pack(k, &it, 1));
	{
		TbTopk	   *t = PG_GETARG_TBTOPK_P(0);

		if (t->k != k)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("k changes within a group (%d, then %d)", t->k, k)));
		items = topk_items(t);
		n = t->n;
		/* not among the k largest: nothing changes */
		if (n == k && item_cmp(&it, &items[n - 1]) >= 0)
			PG_RETURN_POINTER(t);
		out = palloc((k + 1) * sizeof(TopkItem));
		n = merge(items, n, &it, 1, k, out);
		PG_RETURN_POINTER(topk_pack(k, out, n));
	}
}

Datum
tb_topk_combine(PG_FUNCTION_ARGS)
{
	TbTopk	   *a,
			   *b;
	TopkItem   *out;
	int			n;

	if (PG_ARGISNULL(0))
	{
		if (PG_ARGISNULL(1))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	}
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	a = PG_GETARG_TBTOPK_P(0);
	b = PG_GETARG_TBTOPK_P(1);
	if (a->k != b->k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine top-%d and top-%d lists", a->k, b->k)));
	out = palloc((a->k + 1) * sizeof(TopkItem));
	n = merge(topk_items(a), a->n, topk_items(b), b->n, a->k, out);
	PG_RETURN_POINTER(topk_pack(a->k, out, n));
}

/* tb_topk_jsonb(state): [{"rank", "indicator", "gap", "weight", "weighted_gap", "poorly_harmonized"}, ...] */
Datum
tb_topk_jsonb(PG_FUNCTION_ARGS)
{
	TbTopk	   *t;
	TopkItem   *items;
	StringInfoData buf;
	int			i;

	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum("[]")));
	t = PG_GETARG_TBTOPK_P(0);
	items = topk_items(t);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (i = 0; i < t->n; i++)
	{
		appendStringInfo(&buf, "%s{\"rank\": %d, \"indicator\": ", i ? ", " : "", i + 1);
		escape_json(&buf, items[i].label);
		appendStringInfoString(&buf, ", \"gap\": ");
		tb_append_double(&buf, items[i].gap);
		appendStringInfoString(&buf, ", \"weight\": ");
		tb_append_double(&buf, items[i].weight);
		appendStringInfoString(&buf, ", \"weighted_gap\": ");
		tb_append_double(&buf, items[i].gap * items[i].weight);
		appendStringInfo(&buf, ", \"poorly_harmonized\": %s}", items[i].flag ? "true" : "false");
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

/* ---- I/O ---- */

Datum
tb_topk_out(PG_FUNCTION_ARGS)
{
	TbTopk	   *t = PG_GETARG_TBTOPK_P(0);
	TopkItem   *items = topk_items(t);
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "k=%d", t->k);
	for (i = 0; i < t->n; i++)
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
		if (isinf(items[i].gap * items[i].weight))
			return "a weighted gap (gap * weight) is out of range";
		if (strlen(items[i].label) > TOPK_MAX_LABEL)
			return psprintf("a label is longer than %d bytes", TOPK_MAX_LABEL);
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
		items[n].label = label.data;
		items[n].gap = strtod(p, &end);
		if (end == p)
			invalid_topk(str, "expected a gap after the label");
		p = end;
		items[n].weight = strtod(p, &end);
		if (end == p)
			invalid_topk(str, "expected a weight after the gap");
		p = end;
		while (*p == ' ')
			p++;
		if ((p[0] != 't' && p[0] != 'f') || p[1] != ']')
			invalid_topk(str, "expected t] or f] after the weight");
		items[n].flag = p[0] == 't';
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
	TbTopk	   *t = PG_GETARG_TBTOPK_P(0);
	TopkItem   *items = topk_items(t);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TB_TOPK_VERSION);
	pq_sendint16(&buf, t->k);
	pq_sendint32(&buf, t->n);
	for (i = 0; i < t->n; i++)
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
		int			flag;

		items[i].gap = pq_getmsgfloat8(buf);
		items[i].weight = pq_getmsgfloat8(buf);
		flag = pq_getmsgbyte(buf);
		if (flag != 0 && flag != 1)
			tb_invalid_binary("tb_topk", "a flag must be 0 or 1");
		items[i].flag = flag == 1;
		items[i].label = pq_getmsgstring(buf);
	}
	if (buf->cursor != buf->len)
		tb_invalid_binary("tb_topk", "trailing bytes after the list");
	if ((why = topk_check(k, items, n)) != NULL)
		tb_invalid_binary("tb_topk", why);
	PG_RETURN_POINTER(topk_pack(k, items, n));
}
