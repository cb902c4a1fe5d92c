/*-------------------------------------------------------------------------
 *
 * similarity.c
 *	  The similarity matrix of many practice sets in one call:
 *	  tb_jaccard_matrix(keys, sets) returns the Jaccard index of every pair
 *	  of sets, each pair once.
 *
 * Comparing the sets pair by pair with tb_jaccard merges two lists of
 * labels, string by string, for each of the n (n - 1) / 2 pairs.  Here
 * every label is read once, into a dictionary shared by all the sets
 * (label -> number), and each set becomes a bitmap over the dictionary: a
 * pair then costs one AND and one popcount per 64 labels.  When the
 * bitmaps of all the sets would not fit in BITMAP_BUDGET bytes, or the sets
 * are sparse (fewer labels in a set than words in its bitmap), each set is
 * kept instead as its sorted label numbers, and a pair costs one merge of
 * two integer lists.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "tb_label.h"
#include "tb_practices.h"

/* most memory the bitmaps of one call may take, in bytes */
#define BITMAP_BUDGET ((Size) 64 * 1024 * 1024)

typedef struct DictEntry
{
	char		label[TB_LABEL_MAX + 1];	/* hash key: keep first */
	int32		id;
} DictEntry;

/* One set while it is read: its label numbers, in the dictionary. */
typedef struct SetIds
{
	int32	   *ids;
	int			n;
	int			cap;
	HTAB	   *dict;			/* shared by every set */
} SetIds;

static void
collect_label(void *arg, const char *p, int len)
{
	SetIds	   *s = (SetIds *) arg;
	char		key[TB_LABEL_MAX + 1];
	DictEntry  *e;
	bool		found;

	memcpy(key, p, len);
	key[len] = '\0';
	e = (DictEntry *) hash_search(s->dict, key, HASH_ENTER, &found);
	if (!found)
		e->id = (int32) hash_get_num_entries(s->dict) - 1;
	if (s->n == s->cap)
	{
		s->cap = Max(16, s->cap * 2);
		s->ids = s->ids ? repalloc(s->ids, s->cap * sizeof(int32)) : palloc(s->cap * sizeof(int32));
	}
	s->ids[s->n++] = e->id;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32		x = *(const int32 *) a,
				y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/* How many numbers two ascending lists share. */
static int
common_sorted(const int32 *a, int na, const int32 *b, int nb)
{
	int			i = 0,
				j = 0,
				c = 0;

	while (i < na && j < nb)
	{
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
		{
			c++;
			i++;
			j++;
		}
	}
	return c;
}

/* How many bits two bitmaps of nwords words share. */
static int
common_bits(const uint64 *a, const uint64 *b, int nwords)
{
	int			c = 0;
	int			w;

	for (w = 0; w < nwords; w++)
		c += pg_popcount64(a[w] & b[w]);
	return c;
}

PG_FUNCTION_INFO_V1(tb_jaccard_matrix);

/*
 * tb_jaccard_matrix(keys anyarray, sets tb_practices[])
 *	 RETURNS TABLE (a anyelement, b anyelement, jaccard float8)
 *
 * One row per pair of positions i < j of the arrays: keys[i], keys[j] and
 * the Jaccard index of sets[i] and sets[j] (1 for two empty sets, as
 * tb_jaccard).  A NULL set gives NULL for each of its pairs.
 */
Datum
tb_jaccard_matrix(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ArrayType  *karr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *sarr = PG_GETARG_ARRAYTYPE_P(1);
	Oid			ktype = ARR_ELEMTYPE(karr);
	int16		klen,
				slen;
	bool		kbyval,
				sbyval;
	char		kalign,
				salign;
	Datum	   *keys,
			   *sets;
	bool	   *knull,
			   *snull;
	int			nk,
				n;
	SetIds	   *sid;
	HASHCTL		ctl;
	HTAB	   *dict;
	int64		ndict,
				total = 0;
	int			nwords;
	uint64	   *bits = NULL;
	int			i,
				j;

	if (ARR_NDIM(karr) > 1 || ARR_NDIM(sarr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("keys and sets must be one-dimensional arrays")));
	get_typlenbyvalalign(ktype, &klen, &kbyval, &kalign);
	get_typlenbyvalalign(ARR_ELEMTYPE(sarr), &slen, &sbyval, &salign);
	deconstruct_array(karr, ktype, klen, kbyval, kalign, &keys, &knull, &nk);
	deconstruct_array(sarr, ARR_ELEMTYPE(sarr), slen, sbyval, salign, &sets, &snull, &n);
	if (nk != n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("keys and sets must have the same length"),
				 errdetail("There are %d keys and %d sets.", nk, n),
				 errhint("Build both arrays in one aggregate with the same ORDER BY.")));

	InitMaterializedSRF(fcinfo, 0);

	/* every label once, into the dictionary; each set as its numbers */
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = TB_LABEL_MAX + 1;
	ctl.entrysize = sizeof(DictEntry);
	ctl.hcxt = CurrentMemoryContext;
	dict = hash_create("tb_jaccard_matrix labels", 1024, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	sid = palloc0(Max(n, 1) * sizeof(SetIds));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sid[i].dict = dict;
		if (!snull[i])
		{
			tb_practices_foreach(sets[i], collect_label, &sid[i]);
			if (sid[i].n > 1)
				qsort(sid[i].ids, sid[i].n, sizeof(int32), cmp_int32);
		}
	}
	ndict = hash_get_num_entries(dict);
	hash_destroy(dict);

	/*
	 * Bitmaps, when they fit and the sets are dense enough that a pair's
	 * words are fewer than its labels; otherwise the merge of sorted numbers
	 * costs less.
	 */
	nwords = (int) ((ndict + 63) / 64);
	for (i = 0; i < n; i++)
		total += sid[i].n;
	if ((Size) n * nwords * sizeof(uint64) <= BITMAP_BUDGET && n > 0 && nwords <= 2 * (total / n) + 1)
	{
		bits = palloc0((Size) Max(n, 1) * Max(nwords, 1) * sizeof(uint64));
		for (i = 0; i < n; i++)
			for (j = 0; j < sid[i].n; j++)
			{
				int32		id = sid[i].ids[j];

				bits[(Size) i * nwords + id / 64] |= UINT64CONST(1) << (id % 64);
			}
	}

	for (i = 0; i < n; i++)
	{
		for (j = i + 1; j < n; j++)
		{
			Datum		values[3];
			bool		nulls[3];

			CHECK_FOR_INTERRUPTS();
			values[0] = keys[i];
			nulls[0] = knull[i];
			values[1] = keys[j];
			nulls[1] = knull[j];
			nulls[2] = snull[i] || snull[j];
			if (!nulls[2])
			{
				int			c,
							u;

				if (bits)
					c = common_bits(bits + (Size) i * nwords, bits + (Size) j * nwords, nwords);
				else
					c = common_sorted(sid[i].ids, sid[i].n, sid[j].ids, sid[j].n);
				u = sid[i].n + sid[j].n - c;
				values[2] = Float8GetDatum(u == 0 ? 1.0 : (double) c / u);
			}
			else
				values[2] = (Datum) 0;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}
