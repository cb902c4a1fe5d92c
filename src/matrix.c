/*-------------------------------------------------------------------------
 *
 * matrix.c
 *	  The indicator matrix: units (countries) by indicators, each indicator
 *	  with its axis, weight and direction, in one value, and the composite
 *	  indicator computed from it with its uncertainty.
 *
 *	  The state, tb_matrix, is a list of cells (unit, indicator, value or
 *	  missing, axis, weight, direction).  The aggregate
 *	  tb_matrix(unit, indicator, value, axis, weight, direction) appends the
 *	  rows to a state it grows in place (doubling its room), the combine
 *	  function appends one state to another, and the final function makes
 *	  the canonical form: the cells sorted by indicator then unit (byte
 *	  order), no spare room.  The final function checks what only the whole
 *	  matrix shows: a cell given twice (23505, whatever the order of the
 *	  rows or of the partial states), an indicator whose axis, weight or
 *	  direction differs between rows (22023), and the limits (54000).  The
 *	  same rows give the same bits in any order.
 *
 *	  tb_matrix_scores normalises each indicator over the units that have a
 *	  value (min-max on 0-100, z-score or percent rank on 0-100, all
 *	  direction-aware), aggregates each unit's indicators of an axis with
 *	  their weights (arithmetic or geometric mean, with the minimum-coverage
 *	  rule of tb_wmean and tb_wgeomean: a cell absent or NULL is missing
 *	  weight), then the axis scores with equal weights into the overall
 *	  score, by the same mean and rule.  It computes exactly what the
 *	  extension's tb_summary, tb_norm_minmax, tb_norm_zscore,
 *	  tb_percent_rank, tb_wmean and tb_wgeomean give composed in SQL: the
 *	  same exact sums, the same roundings.
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
#include "common/pg_prng.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "exact.h"
#include "tb_compat.h"
#include "tb_summary.h"
#include "tb_typeio.h"

#define MX_MAX_UNITS 100000
#define MX_MAX_INDICATORS 10000
#define MX_MAX_CELLS 10000000
#define MX_MAX_NAME 1000		/* bytes of a unit, indicator or axis name */
#define MX_MAX_RUNS 100000
#define MX_MAX_RANKS 25000000	/* units x runs kept by the uncertainty */
#define MX_VERSION 1
#define MX_TOP 100.0			/* min-max and percent-rank scale */

#define CELL_NULL 1				/* value missing */
#define CELL_LOWER 2			/* lower is better */

/* One cell, followed by its names: unit, indicator, axis, each NUL-ended. */
typedef struct MxCell
{
	double		value;
	double		weight;
	int32		flags;
	int32		size;			/* bytes of the cell with its names, MAXALIGNed */
	int32		ulen;
	int32		ilen;
	int32		alen;
	int32		pad;
} MxCell;

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
#define PG_GETARG_TBMATRIX_P(n) ((TbMatrix *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define CELL_UNIT(c) ((char *) (c) + sizeof(MxCell))
#define CELL_IND(c) (CELL_UNIT(c) + (c)->ulen + 1)
#define CELL_AXIS(c) (CELL_IND(c) + (c)->ilen + 1)
#define MX_MAX_BYTES ((int64) MaxAllocSize - (int64) MX_HDRSZ - 1024)

static TbMatrix *
mx_new(int64 capacity)
{
	TbMatrix   *m = palloc0(MX_HDRSZ + capacity);

	SET_VARSIZE(m, MX_HDRSZ + capacity);
	m->version = MX_VERSION;
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

/* s itself when it may grow in place with room for extra bytes, else a copy */
static TbMatrix *
mx_writable(FunctionCallInfo fcinfo, Datum d, int64 extra)
{
	TbMatrix   *s,
			   *copy;
	int64		need,
				cap;

	if (AggCheckCallContext(fcinfo, NULL) && !VARATT_IS_EXTENDED(DatumGetPointer(d)))
	{
		s = (TbMatrix *) DatumGetPointer(d);
		if (s->used + extra <= s->capacity)
			return s;
	}
	else
		s = (TbMatrix *) PG_DETOAST_DATUM(d);
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

/* Append a cell to m (which must have the room, see cell_bytes). */
static int64
cell_bytes(int ulen, int ilen, int alen)
{
	return MAXALIGN(sizeof(MxCell) + ulen + ilen + alen + 3);
}

static void
mx_append(TbMatrix *m, const char *u, int ulen, const char *i, int ilen, const char *a, int alen,
		  bool isnull, double value, double weight, bool lower)
{
	MxCell	   *c = (MxCell *) (m->data + m->used);
	int64		size = cell_bytes(ulen, ilen, alen);

	memset(c, 0, size);
	c->value = isnull ? 0 : (value == 0 ? 0.0 : value);
	c->weight = weight;
	c->flags = (isnull ? CELL_NULL : 0) | (lower ? CELL_LOWER : 0);
	c->size = (int32) size;
	c->ulen = ulen;
	c->ilen = ilen;
	c->alen = alen;
	memcpy(CELL_UNIT(c), u, ulen);
	memcpy(CELL_IND(c), i, ilen);
	memcpy(CELL_AXIS(c), a, alen);
	m->used += size;
	m->ncells++;
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

static int
cmp_cell(const void *a, const void *b, void *arg)
{
	const MxCell *x = *(const MxCell *const *) a;
	const MxCell *y = *(const MxCell *const *) b;
	int			r = strcmp(CELL_IND(x), CELL_IND(y));

	if (r != 0)
		return r;
	return strcmp(CELL_UNIT(x), CELL_UNIT(y));
}

static int
cmp_str(const void *a, const void *b, void *arg)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

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
 * The canonical copy of m: cells sorted by indicator then unit, checked
 * (no cell twice, each indicator the same everywhere, the limits).
 */
static TbMatrix *
mx_canonical(const TbMatrix *m)
{
	MxCell	  **cells = mx_cells(m);
	const char **units;
	TbMatrix   *c;
	int			k,
				nind = 0,
				nunits = 0;

	if (m->ncells > MX_MAX_CELLS)
		mx_limit("cells", MX_MAX_CELLS, m->ncells);
	qsort_interruptible(cells, m->ncells, sizeof(MxCell *), cmp_cell, NULL);
	for (k = 0; k < m->ncells; k++)
	{
		const MxCell *x = cells[k];

		if (k > 0 && strcmp(CELL_IND(x), CELL_IND(cells[k - 1])) == 0)
		{
			const MxCell *p = cells[k - 1];

			if (strcmp(CELL_UNIT(x), CELL_UNIT(p)) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_UNIQUE_VIOLATION),
						 errmsg("a tb_matrix cell is given twice"),
						 errdetail("Unit \"%s\", indicator \"%s\".", CELL_UNIT(x), CELL_IND(x)),
						 errhint("Give each (unit, indicator) one row: aggregate the duplicates first, or pass NULL for a missing value once.")));
			if (strcmp(CELL_AXIS(x), CELL_AXIS(p)) != 0 || x->weight != p->weight ||
				(x->flags & CELL_LOWER) != (p->flags & CELL_LOWER))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("an indicator's axis, weight and direction must be the same on every row"),
						 errdetail("Indicator \"%s\" has axis \"%s\", weight %s, direction %s for unit \"%s\" and axis \"%s\", weight %s, direction %s for unit \"%s\".",
								   CELL_IND(x), CELL_AXIS(p), float8out_internal(p->weight),
								   (p->flags & CELL_LOWER) ? "lower" : "higher", CELL_UNIT(p),
								   CELL_AXIS(x), float8out_internal(x->weight),
								   (x->flags & CELL_LOWER) ? "lower" : "higher", CELL_UNIT(x)),
						 errhint("Join the indicators' definitions (one row per indicator) to the values.")));
		}
		else
			nind++;
	}
	if (nind > MX_MAX_INDICATORS)
		mx_limit("indicators", MX_MAX_INDICATORS, nind);
	units = palloc(Max(m->ncells, 1) * sizeof(char *));
	for (k = 0; k < m->ncells; k++)
		units[k] = CELL_UNIT(cells[k]);
	qsort_interruptible(units, m->ncells, sizeof(char *), cmp_str, NULL);
	for (k = 0; k < m->ncells; k++)
		if (k == 0 || strcmp(units[k], units[k - 1]) != 0)
			nunits++;
	if (nunits > MX_MAX_UNITS)
		mx_limit("units", MX_MAX_UNITS, nunits);
	c = mx_new(m->used);
	c->ncells = m->ncells;
	c->used = m->used;
	{
		int64		off = 0;

		for (k = 0; k < m->ncells; k++)
		{
			memcpy(c->data + off, cells[k], cells[k]->size);
			off += cells[k]->size;
		}
	}
	pfree(units);
	pfree(cells);
	return c;
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

PG_FUNCTION_INFO_V1(tb_matrix_add);
Datum
tb_matrix_add(PG_FUNCTION_ARGS)
{
	text	   *u,
			   *i,
			   *a,
			   *d;
	int			ulen,
				ilen,
				alen;
	char	   *ind;
	double		w,
				v = 0;
	bool		isnull = PG_ARGISNULL(3);
	bool		lower;
	TbMatrix   *m;
	int64		size;

	not_null(fcinfo, 1, "unit");
	not_null(fcinfo, 2, "indicator");
	not_null(fcinfo, 4, "axis");
	not_null(fcinfo, 5, "weight");
	not_null(fcinfo, 6, "direction");
	u = PG_GETARG_TEXT_PP(1);
	i = PG_GETARG_TEXT_PP(2);
	a = PG_GETARG_TEXT_PP(4);
	d = PG_GETARG_TEXT_PP(6);
	ulen = name_len("unit", VARDATA_ANY(u), VARSIZE_ANY_EXHDR(u));
	ilen = name_len("indicator", VARDATA_ANY(i), VARSIZE_ANY_EXHDR(i));
	alen = name_len("axis", VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a));
	ind = text_to_cstring(i);
	w = PG_GETARG_FLOAT8(5);
	check_weight(w, ind);
	lower = parse_direction(VARDATA_ANY(d), VARSIZE_ANY_EXHDR(d), ind);
	if (!isnull)
	{
		v = PG_GETARG_FLOAT8(3);
		check_value(v, text_to_cstring(u), ind);
	}
	size = cell_bytes(ulen, ilen, alen);
	if (PG_ARGISNULL(0))
		m = mx_new(Max(size * 16, 4096));
	else
	{
		m = mx_writable(fcinfo, PG_GETARG_DATUM(0), size);
		if (m->ncells >= MX_MAX_CELLS)
			mx_limit("cells", MX_MAX_CELLS, (int64) m->ncells + 1);
	}
	mx_append(m, VARDATA_ANY(u), ulen, VARDATA_ANY(i), ilen, VARDATA_ANY(a), alen, isnull, v, w, lower);
	PG_RETURN_POINTER(m);
}

PG_FUNCTION_INFO_V1(tb_matrix_combine);
Datum
tb_matrix_combine(PG_FUNCTION_ARGS)
{
	TbMatrix   *b,
			   *s;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = PG_GETARG_TBMATRIX_P(1);
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
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(mx_new(0));
	PG_RETURN_POINTER(mx_canonical(PG_GETARG_TBMATRIX_P(0)));
}

/* ---------------------------------------------------------------------
 * Type I/O
 *
 * Text: [(unit,indicator,value,axis,weight,direction) ...], one cell per
 * parenthesis separated by single spaces, names double-quoted with "" for
 * a quote, the value NULL when missing, doubles shortest-exact; the cells
 * in canonical order on output, any order on input.  [] is the empty
 * matrix.
 * Binary: a version byte (1), the number of cells (int4), then per cell
 * the unit, indicator and axis (int4 length and bytes each), a flag byte
 * (1 missing, 2 lower is better), the value and the weight (float8).
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
		bool		isnull = false,
					lower;
		double		v = 0,
					w;
		const char *d;

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
		name_len("unit", u, ulen);
		name_len("indicator", i, ilen);
		name_len("axis", a, alen);
		pg_verifymbstr(u, ulen, false);
		pg_verifymbstr(i, ilen, false);
		pg_verifymbstr(a, alen, false);
		check_weight(w, i);
		lower = parse_direction(d, (int) (p - d), i);
		expect(input, &p, ')');
		if (m->ncells >= MX_MAX_CELLS)
			mx_limit("cells", MX_MAX_CELLS, (int64) m->ncells + 1);
		if (m->used + cell_bytes(ulen, ilen, alen) > m->capacity)
		{
			TbMatrix   *g;
			int64		need = m->used + cell_bytes(ulen, ilen, alen);

			if (need > MX_MAX_BYTES)
				mx_limit("bytes", MX_MAX_BYTES, need);
			g = mx_new(Min(Max(m->capacity * 2, need), MX_MAX_BYTES));
			g->ncells = m->ncells;
			g->used = m->used;
			memcpy(g->data, m->data, m->used);
			m = g;
		}
		mx_append(m, u, ulen, i, ilen, a, alen, isnull, v, w, lower);
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
	TbMatrix   *m = mx_canonical(PG_GETARG_TBMATRIX_P(0));
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
		appendStringInfoString(&buf, (c->flags & CELL_LOWER) ? ",lower)" : ",higher)");
	}
	appendStringInfoChar(&buf, ']');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(tb_matrix_send);
Datum
tb_matrix_send(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = mx_canonical(PG_GETARG_TBMATRIX_P(0));
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
	int			k;

	if (buf->len - buf->cursor < 5)
		tb_invalid_binary("tb_matrix", "The message is shorter than its header (5 bytes).");
	if (pq_getmsgbyte(buf) != MX_VERSION)
		tb_invalid_binary("tb_matrix", "Unknown version: this build reads version 1.");
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

		u = recv_name(buf, "unit", &ulen);
		i = recv_name(buf, "indicator", &ilen);
		a = recv_name(buf, "axis", &alen);
		if (buf->len - buf->cursor < 17)
			tb_invalid_binary("tb_matrix", "The message ends inside a cell.");
		flags = pq_getmsgbyte(buf);
		v = pq_getmsgfloat8(buf);
		w = pq_getmsgfloat8(buf);
		if (flags & ~(CELL_NULL | CELL_LOWER))
			tb_invalid_binary("tb_matrix", "Unknown cell flags.");
		if ((flags & CELL_NULL) ? v != 0 : !isfinite(v))
			tb_invalid_binary("tb_matrix", "A value is not finite, or a missing cell has a value.");
		if (!(w > 0) || isinf(w))
			tb_invalid_binary("tb_matrix", "A weight is not a positive finite number.");
		need = m->used + cell_bytes(ulen, ilen, alen);
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
		mx_append(m, u, ulen, i, ilen, a, alen, (flags & CELL_NULL) != 0, v, w, (flags & CELL_LOWER) != 0);
	}
	if (buf->cursor != buf->len)
		tb_invalid_binary("tb_matrix", "Bytes follow the last cell.");
	PG_RETURN_POINTER(mx_canonical(m));
}

/* ---------------------------------------------------------------------
 * Scores
 * ---------------------------------------------------------------------
 */

enum
{
	NORM_MINMAX, NORM_ZSCORE, NORM_RANK
};
enum
{
	AGG_ARITH, AGG_GEO
};

typedef struct MxInd
{
	const char *name;
	int			axis;			/* index in axes */
	double		weight;
	bool		lower;
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
	double	   *cell_value;		/* NaN when missing */
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

static const char **
distinct_sorted(const char **a, int n, int *out)
{
	int			k,
				m = 0;

	qsort_interruptible(a, n, sizeof(char *), cmp_str, NULL);
	for (k = 0; k < n; k++)
		if (m == 0 || strcmp(a[k], a[m - 1]) != 0)
			a[m++] = a[k];
	*out = m;
	return a;
}

static void
mx_model(const TbMatrix *m, MxModel *mm)
{
	MxCell	  **cells = mx_cells(m);
	const char **u = palloc(Max(m->ncells, 1) * sizeof(char *));
	const char **a = palloc(Max(m->ncells, 1) * sizeof(char *));
	int			k;

	for (k = 0; k < m->ncells; k++)
	{
		u[k] = CELL_UNIT(cells[k]);
		a[k] = CELL_AXIS(cells[k]);
	}
	mm->units = distinct_sorted(u, m->ncells, &mm->nunits);
	mm->axes = distinct_sorted(a, m->ncells, &mm->naxes);
	mm->ncells = m->ncells;
	mm->ind = palloc(Max(m->ncells, 1) * sizeof(MxInd));
	mm->cell_unit = palloc(Max(m->ncells, 1) * sizeof(int));
	mm->cell_value = palloc(Max(m->ncells, 1) * sizeof(double));
	mm->nind = 0;
	for (k = 0; k < m->ncells; k++)
	{
		MxCell	   *c = cells[k];

		if (mm->nind == 0 || strcmp(mm->ind[mm->nind - 1].name, CELL_IND(c)) != 0)
		{
			MxInd	   *d = &mm->ind[mm->nind++];

			d->name = CELL_IND(c);
			d->axis = find_str(mm->axes, mm->naxes, CELL_AXIS(c));
			d->weight = c->weight;
			d->lower = (c->flags & CELL_LOWER) != 0;
			d->first = k;
			d->n = 0;
		}
		mm->ind[mm->nind - 1].n++;
		mm->cell_unit[k] = find_str(mm->units, mm->nunits, CELL_UNIT(c));
		mm->cell_value[k] = (c->flags & CELL_NULL) ? get_float8_nan() : c->value;
	}
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

/*
 * Normalise indicator d's cells into out (NaN where missing): what
 * tb_norm_minmax(summary, x, direction, 100), tb_norm_zscore(summary, x,
 * direction) and tb_percent_rank(x, direction, 100) give.
 */
static void
normalise(const MxModel *mm, const MxInd *d, int norm, double *out)
{
	const double *v = mm->cell_value + d->first;
	int			n = d->n,
				k;

	if (norm == NORM_MINMAX || norm == NORM_ZSCORE)
	{
		TbSummary  *s = summary_of(v, n);
		SummaryStats st;

		summary_stats(s, &st);
		for (k = 0; k < n; k++)
		{
			double		x = v[k];

			if (isnan(x))
				out[k] = x;
			else if (norm == NORM_MINMAX)
				out[k] = s->max == s->min ? MX_TOP :
					MX_TOP * ((d->lower ? (s->max - x) : (x - s->min)) / (s->max - s->min));
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
			if (m < 2 || sorted[0] == sorted[m - 1])
			{
				out[k] = MX_TOP;
				continue;
			}
			count_around(sorted, m, v[k] == 0 ? 0.0 : v[k], &below, &upto);
			worse = d->lower ? m - upto : below;
			out[k] = MX_TOP * (double) worse / (double) (m - 1);
		}
		pfree(sorted);
	}
}

/* A composite accumulator, as tb_composite keeps it. */
#define R_PRESENT 0
#define R_MISSING 1
#define R_WX_POS 2
#define R_WX_NEG 3
#define R_WLN_POS 4
#define R_WLN_NEG 5
#define R_REGIONS 6
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
				 errmsg("the geometric mean needs values >= 0, and the group has a negative value"),
				 errhint("Use the normalisation minmax or rank with the geometric mean, or the arithmetic mean with zscore.")));
	if (a->flags & SEEN_ZERO)
		return 0;
	return exp(acc_diff_div(a, R_WLN_POS, R_WLN_NEG, w));
}

/*
 * Scores of every unit: axis[u * naxes + x] and overall[u], NaN where
 * there is none.  weights: per indicator (NULL: their own); skip: an
 * indicator left out, or -1.  An axis with no indicator left is no axis.
 */
static void
mx_scores(const MxModel *mm, int norm, int agg, double min_coverage,
		  const double *weights, int skip, double *axis, double *overall)
{
	MxAcc	  **acc = palloc0((Size) mm->nunits * mm->naxes * sizeof(MxAcc *));
	bool	   *axis_used = palloc0(Max(mm->naxes, 1) * sizeof(bool));
	bool	   *seen = palloc(Max(mm->nunits, 1) * sizeof(bool));
	double	   *norm_v = palloc(Max(mm->ncells, 1) * sizeof(double));
	int			k,
				u,
				x;

	for (k = 0; k < mm->nunits * mm->naxes; k++)
		acc[k] = NULL;
	for (k = 0; k < mm->nind; k++)
	{
		const MxInd *d = &mm->ind[k];
		double		w = weights ? weights[k] : d->weight;
		int			j;

		if (k == skip)
			continue;
		CHECK_FOR_INTERRUPTS();
		axis_used[d->axis] = true;
		normalise(mm, d, norm, norm_v);
		memset(seen, 0, mm->nunits * sizeof(bool));
		for (j = 0; j < d->n; j++)
		{
			int			cu = mm->cell_unit[d->first + j];
			MxAcc	  **a = &acc[cu * mm->naxes + d->axis];

			seen[cu] = true;
			if (*a == NULL)
				*a = acc_new();
			*a = acc_add(*a, isnan(norm_v[j]), norm_v[j], w, agg);
		}
		/* a unit without a cell of this indicator: missing weight */
		for (u = 0; u < mm->nunits; u++)
			if (!seen[u])
			{
				MxAcc	  **a = &acc[u * mm->naxes + d->axis];

				if (*a == NULL)
					*a = acc_new();
				*a = acc_add(*a, true, 0, w, agg);
			}
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
	if (strcmp(s, "rank") == 0)
		return NORM_RANK;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown normalisation \"%s\"", s),
			 errhint("Use 'minmax', 'zscore' or 'rank'.")));
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
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown aggregation \"%s\"", s),
			 errhint("Use 'arithmetic' or 'geometric'.")));
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
	TbMatrix   *m = PG_GETARG_TBMATRIX_P(0);
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

	if (norm == NORM_ZSCORE && agg == AGG_GEO)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the geometric mean needs scores >= 0, and z-scores can be negative"),
				 errhint("Use the normalisation minmax or rank with the geometric mean, or the arithmetic mean with zscore.")));
	ts = start_srf(fcinfo, &tupdesc);
	mx_model(m, &mm);
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

PG_FUNCTION_INFO_V1(tb_matrix_uncertainty);
Datum
tb_matrix_uncertainty(PG_FUNCTION_ARGS)
{
	TbMatrix   *m = PG_GETARG_TBMATRIX_P(0);
	int32		runs = PG_GETARG_INT32(1);
	double		range = PG_GETARG_FLOAT8(2);
	int64		seed = PG_GETARG_INT64(3);
	TupleDesc	tupdesc;
	Tuplestorestate *ts;
	MxModel		mm;
	pg_prng_state rng;
	double	   *axis,
			   *overall,
			   *weights,
			   *ranks,
			   *shift;
	int		   *nominal,
			   *r,
			   *nranked;
	MemoryContext runctx,
				old;
	int			run,
				u,
				k;

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
	ts = start_srf(fcinfo, &tupdesc);
	mx_model(m, &mm);
	if ((int64) mm.nunits * runs > MX_MAX_RANKS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("tb_matrix_uncertainty keeps at most %d ranks (units x runs)", MX_MAX_RANKS),
				 errdetail("%d units x %d runs would be " INT64_FORMAT ".", mm.nunits, runs, (int64) mm.nunits * runs),
				 errhint("Use fewer runs, or fewer units per matrix.")));
	runctx = AllocSetContextCreate(CurrentMemoryContext, "tb_matrix_uncertainty run", ALLOCSET_DEFAULT_SIZES);
	axis = palloc(Max((Size) mm.nunits * mm.naxes, 1) * sizeof(double));
	overall = palloc(Max(mm.nunits, 1) * sizeof(double));
	weights = palloc(Max(mm.nind, 1) * sizeof(double));
	nominal = palloc(Max(mm.nunits, 1) * sizeof(int));
	r = palloc(Max(mm.nunits, 1) * sizeof(int));
	nranked = palloc0(Max(mm.nunits, 1) * sizeof(int));
	shift = palloc0(Max(mm.nunits, 1) * sizeof(double));
	ranks = palloc_extended((Size) Max(mm.nunits, 1) * runs * sizeof(double), MCXT_ALLOC_HUGE);
	mx_scores(&mm, NORM_MINMAX, AGG_ARITH, 0.8, NULL, -1, axis, overall);
	rank_scores(overall, mm.nunits, 1, nominal);
	pg_prng_seed(&rng, (uint64) seed);
	for (run = 0; run < runs; run++)
	{
		int			norm,
					agg,
					skip = -1;

		CHECK_FOR_INTERRUPTS();
		for (k = 0; k < mm.nind; k++)
			weights[k] = mm.ind[k].weight * (1 + range * (2 * pg_prng_double(&rng) - 1));
		norm = (int) pg_prng_uint64_range(&rng, 0, 2);
		agg = (int) pg_prng_uint64_range(&rng, 0, 1);
		if (norm == NORM_ZSCORE)
			agg = AGG_ARITH;	/* z-scores can be negative */
		if (pg_prng_double(&rng) < 0.5 && mm.nind > 0)
			skip = (int) pg_prng_uint64_range(&rng, 0, (uint64) mm.nind - 1);
		old = MemoryContextSwitchTo(runctx);
		mx_scores(&mm, norm, agg, 0.8, weights, skip, axis, overall);
		rank_scores(overall, mm.nunits, 1, r);
		MemoryContextSwitchTo(old);
		MemoryContextReset(runctx);
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
