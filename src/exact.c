/*-------------------------------------------------------------------------
 *
 * exact.c
 *	  Exact, order-independent sums of doubles (see exact.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"

#include "exact.h"
#include "tb_compat.h"

/* Room kept on each side when a region grows, in limbs. */
#define EXACT_SLACK 2

void
exact_init(ExactArea *a, int nregions)
{
	int			i;

	a->nregions = nregions;
	a->nlimbs = 0;
	for (i = 0; i < nregions; i++)
	{
		a->r[i].base = 0;
		a->r[i].len = 0;
		a->r[i].off = 0;
		a->r[i].pad = 0;
	}
}

/*
 * Split a finite double into m * 2^e, m odd (or zero), e >= -1074.
 * Returns the magnitude; the caller handles the sign.
 */
void
exact_decompose(double x, uint64 *m, int *e)
{
	uint64		bits;
	int			biased;

	memcpy(&bits, &x, sizeof(bits));
	biased = (int) ((bits >> 52) & 0x7FF);
	*m = bits & ((UINT64CONST(1) << 52) - 1);
	if (biased == 0)
		*e = -1074;				/* subnormal or zero */
	else
	{
		*m |= UINT64CONST(1) << 52;
		*e = biased - 1075;
	}
	if (*m != 0)
	{
		int			tz = pg_rightmost_one_pos64(*m);

		*m >>= tz;
		*e += tz;
	}
}

/*
 * Limbs [lo, hi) that adding up to 64 bits at bitpos touches: three.  A carry
 * out of the region grows it by a limb then (carry_out), so nothing is
 * reserved for one: near the top of the range that reserve would pass
 * EXACT_MAX_LIMBS although the sum fits.
 */
void
exact_limb_span(int bitpos, int *lo, int *hi)
{
	*lo = bitpos / 32;
	*hi = *lo + 3;
}

bool
exact_room(const ExactArea *a, int region, int lo, int hi)
{
	const ExactRegion *r = &a->r[region];

	return r->len > 0 && lo >= r->base && hi <= r->base + r->len;
}

static void
grown_bounds(const ExactRegion *r, int lo, int hi, int *nlo, int *nhi)
{
	if (r->len > 0)
	{
		lo = Min(lo, r->base);
		hi = Max(hi, r->base + r->len);
	}
	lo -= EXACT_SLACK;
	hi += EXACT_SLACK;
	*nlo = Max(lo, 0);
	*nhi = Min(hi, EXACT_MAX_LIMBS);
	if (hi - EXACT_SLACK > EXACT_MAX_LIMBS)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("exact sum out of range"),
				 errdetail("The sum needs more than %d bits.", EXACT_MAX_LIMBS * 32)));
}

Size
exact_grown_size(const ExactArea *a, int region, int lo, int hi)
{
	int			nlo,
				nhi;

	grown_bounds(&a->r[region], lo, hi, &nlo, &nhi);
	return EXACT_AREA_SIZE(a->nregions, a->nlimbs - a->r[region].len + (nhi - nlo));
}

/* Copy src into dst (of exact_grown_size bytes), region widened to cover [lo, hi). */
void
exact_copy_grown(ExactArea *dst, const ExactArea *src, int region, int lo, int hi)
{
	const uint32 *sl = EXACT_LIMBS(src);
	uint32	   *dl;
	int			nlo,
				nhi;
	int			i;
	int			off = 0;

	grown_bounds(&src->r[region], lo, hi, &nlo, &nhi);
	dst->nregions = src->nregions;
	for (i = 0; i < src->nregions; i++)
	{
		dst->r[i] = src->r[i];
		dst->r[i].off = off;
		if (i == region)
		{
			dst->r[i].base = nlo;
			dst->r[i].len = nhi - nlo;
		}
		off += dst->r[i].len;
	}
	dst->nlimbs = off;
	dl = EXACT_LIMBS(dst);
	memset(dl, 0, off * sizeof(uint32));
	for (i = 0; i < src->nregions; i++)
	{
		const ExactRegion *s = &src->r[i];
		const ExactRegion *d = &dst->r[i];

		if (s->len > 0)
			memcpy(dl + d->off + (s->base - d->base), sl + s->off, s->len * sizeof(uint32));
	}
}

/*
 * Add v * 2^bitpos to a region that has room for [bitpos/32, bitpos/32 + 3).
 * Returns the carry out of the region's top limb (0 or 1), which the caller
 * adds at the next limb after growing the region.
 */
uint32
exact_add_bits(ExactArea *a, int region, int bitpos, uint64 v)
{
	ExactRegion *r = &a->r[region];
	uint32	   *l = EXACT_LIMBS(a) + r->off;
	int			k = bitpos / 32 - r->base;
	int			s = bitpos % 32;
	uint64		lo = v << s;
	uint64		hi = s ? v >> (64 - s) : 0;
	uint64		cur;
	uint64		carry;
	int			end = r->len;

	Assert(k >= 0 && k + 3 <= end);
	cur = (uint64) l[k] + (uint32) lo;
	l[k] = (uint32) cur;
	carry = cur >> 32;
	cur = (uint64) l[k + 1] + (uint32) (lo >> 32) + carry;
	l[k + 1] = (uint32) cur;
	carry = cur >> 32;
	cur = (uint64) l[k + 2] + (uint32) hi + carry;
	l[k + 2] = (uint32) cur;
	carry = cur >> 32;
	for (k += 3; carry && k < end; k++)
	{
		cur = (uint64) l[k] + carry;
		l[k] = (uint32) cur;
		carry = cur >> 32;
	}
	return (uint32) carry;
}

void
exact_to_big(const ExactArea *a, int region, ExactBig *b)
{
	const ExactRegion *r = &a->r[region];

	big_zero(b);
	if (r->len == 0)
		return;
	big_extend(b, r->base);
	memcpy(b->limb + r->base, EXACT_LIMBS(a) + r->off, r->len * sizeof(uint32));
	b->top = r->base + r->len;
	big_trim(b);
}

/* Trimmed bounds of a region: [*lo, *hi), empty when zero. */
static void
trimmed(const ExactArea *a, int region, int *lo, int *hi)
{
	const ExactRegion *r = &a->r[region];
	const uint32 *l = EXACT_LIMBS(a) + r->off;
	int			f = 0,
				t = r->len;

	while (t > 0 && l[t - 1] == 0)
		t--;
	while (f < t && l[f] == 0)
		f++;
	*lo = r->base + f;
	*hi = r->base + t;
	if (f >= t)
		*lo = *hi = 0;
}

Size
exact_compact_size(const ExactArea *a)
{
	int			i,
				lo,
				hi,
				n = 0;

	for (i = 0; i < a->nregions; i++)
	{
		trimmed(a, i, &lo, &hi);
		n += hi - lo;
	}
	return EXACT_AREA_SIZE(a->nregions, n);
}

/* Copy src into dst with every region trimmed of zero limbs. */
void
exact_compact(ExactArea *dst, const ExactArea *src)
{
	const uint32 *sl = EXACT_LIMBS(src);
	uint32	   *dl;
	int			i,
				lo,
				hi,
				off = 0;

	dst->nregions = src->nregions;
	for (i = 0; i < src->nregions; i++)
	{
		trimmed(src, i, &lo, &hi);
		dst->r[i].base = lo;
		dst->r[i].len = hi - lo;
		dst->r[i].off = off;
		dst->r[i].pad = 0;
		off += hi - lo;
	}
	dst->nlimbs = off;
	dl = EXACT_LIMBS(dst);
	for (i = 0; i < src->nregions; i++)
	{
		const ExactRegion *s = &src->r[i];

		if (dst->r[i].len > 0)
			memcpy(dl + dst->r[i].off, sl + s->off + (dst->r[i].base - s->base),
				   dst->r[i].len * sizeof(uint32));
	}
}

/* ---- big integers in absolute positions ----
 *
 * Limbs [0, top) are defined; those above top are not, and read as 0.
 * Functions leave their results trimmed (no zero limb at the top), so
 * that big_cmp can compare lengths first.  Only the limbs in use are ever
 * cleared: an ExactBig has room for the largest product, but a survey
 * value uses a few limbs of it.
 */

void
big_zero(ExactBig *b)
{
	b->top = 0;
}

/* Define limbs [top, n) as zero. */
void
big_extend(ExactBig *b, int n)
{
	if (n > (int) lengthof(b->limb))
		elog(ERROR, "exact sum overflow");
	if (n > b->top)
	{
		memset(b->limb + b->top, 0, (n - b->top) * sizeof(uint32));
		b->top = n;
	}
}

void
big_trim(ExactBig *b)
{
	while (b->top > 0 && b->limb[b->top - 1] == 0)
		b->top--;
}

bool
big_is_zero(const ExactBig *b)
{
	return b->top == 0;
}

void
big_add_bits(ExactBig *b, int bitpos, uint64 v)
{
	int			k = bitpos / 32;
	int			s = bitpos % 32;
	uint64		lo = v << s;
	uint64		hi = s ? v >> (64 - s) : 0;
	uint32		part[3] = {(uint32) lo, (uint32) (lo >> 32), (uint32) hi};
	uint64		carry = 0;
	int			i;

	big_extend(b, k + 3);
	for (i = 0; i < 3 || carry; i++)
	{
		uint64		cur;

		big_extend(b, k + i + 1);
		cur = (uint64) b->limb[k + i] + (i < 3 ? part[i] : 0) + carry;
		b->limb[k + i] = (uint32) cur;
		carry = cur >> 32;
	}
	big_trim(b);
}

int
big_cmp(const ExactBig *x, const ExactBig *y)
{
	int			i;

	if (x->top != y->top)
		return x->top < y->top ? -1 : 1;
	for (i = x->top - 1; i >= 0; i--)
		if (x->limb[i] != y->limb[i])
			return x->limb[i] < y->limb[i] ? -1 : 1;
	return 0;
}

/* x -= y, requires x >= y */
void
big_sub(ExactBig *x, const ExactBig *y)
{
	int64		borrow = 0;
	int			i;

	Assert(big_cmp(x, y) >= 0);
	for (i = 0; i < x->top; i++)
	{
		int64		cur = (int64) x->limb[i] - (i < y->top ? y->limb[i] : 0) - borrow;

		borrow = cur < 0;
		x->limb[i] = (uint32) (cur + (borrow ? (INT64CONST(1) << 32) : 0));
	}
	big_trim(x);
}

static void
big_copy(ExactBig *dst, const ExactBig *src)
{
	memcpy(dst->limb, src->limb, src->top * sizeof(uint32));
	dst->top = src->top;
}

/* mag = |pos - neg|, with its sign */
void
big_from_area_diff(const ExactArea *a, int pos, int neg, ExactBig *mag, bool *negative)
{
	ExactBig	n;

	exact_to_big(a, pos, mag);
	exact_to_big(a, neg, &n);
	if (big_cmp(mag, &n) >= 0)
	{
		big_sub(mag, &n);
		*negative = false;
	}
	else
	{
		big_sub(&n, mag);
		big_copy(mag, &n);
		*negative = true;
	}
}

void
big_mul_u64(ExactBig *out, const ExactBig *x, uint64 k)
{
	uint32		kp[2] = {(uint32) k, (uint32) (k >> 32)};
	int			i,
				j;

	big_zero(out);
	big_extend(out, x->top + 2);
	for (j = 0; j < 2; j++)
	{
		uint64		carry = 0;

		if (kp[j] == 0)
			continue;
		for (i = 0; i < x->top; i++)
		{
			uint64		cur = (uint64) out->limb[i + j] + (uint64) x->limb[i] * kp[j] + carry;

			out->limb[i + j] = (uint32) cur;
			carry = cur >> 32;
		}
		for (i = x->top + j; carry; i++)
		{
			uint64		cur = (uint64) out->limb[i] + carry;

			out->limb[i] = (uint32) cur;
			carry = cur >> 32;
		}
	}
	big_trim(out);
}

void
big_square(ExactBig *out, const ExactBig *x)
{
	int			i,
				j;

	big_zero(out);
	big_extend(out, 2 * x->top + 1);
	for (i = 0; i < x->top; i++)
	{
		uint64		carry = 0;

		if (x->limb[i] == 0)
			continue;
		for (j = 0; j < x->top; j++)
		{
			uint64		cur = (uint64) out->limb[i + j] + (uint64) x->limb[i] * x->limb[j] + carry;

			out->limb[i + j] = (uint32) cur;
			carry = cur >> 32;
		}
		for (j = i + x->top; carry; j++)
		{
			uint64		cur = (uint64) out->limb[j] + carry;

			out->limb[j] = (uint32) cur;
			carry = cur >> 32;
		}
	}
	big_trim(out);
}

/*
 * (b * 2^-scale) / divisor as a double.  The top 64 bits of b, with a sticky
 * bit for the rest, round once to 53 bits; the division rounds once more.
 * The result depends on b only, never on how b was summed.
 */
double
big_to_double(const ExactBig *b, int scale, double divisor)
{
	int			t = b->top - 1;
	int			lz;
	uint64		top64;
	bool		sticky = false;
	int			shift;
	int			i;

	if (b->top == 0)
		return 0.0;
	/* gather the 96 bits of the top three limbs, then normalise to 64 */
	{
		uint64		l2 = b->limb[t];
		uint64		l1 = t >= 1 ? b->limb[t - 1] : 0;
		uint64		l0 = t >= 2 ? b->limb[t - 2] : 0;

		lz = 31 - pg_leftmost_one_pos32((uint32) l2);	/* leading zeros in limb t */
		/* bits of limb t (32 - lz) + limb t-1 (32) + part of limb t-2 */
		top64 = (l2 << (32 + lz)) | (l1 << lz) | (lz ? (l0 >> (32 - lz)) : 0);
		/* the bits of limb t-2 that did not fit are only a sticky bit */
		if (lz == 0 ? l0 != 0 : (l0 & ((UINT64CONST(1) << (32 - lz)) - 1)) != 0)
			sticky = true;
		for (i = t - 3; i >= 0 && !sticky; i--)
			if (b->limb[i] != 0)
				sticky = true;
	}
	if (sticky)
		top64 |= 1;
	/* top64's lowest bit has weight 2^(32 * (t - 1) - lz) */
	shift = 32 * (t - 1) - lz - scale;
	return ldexp((double) top64 / divisor, shift);
}

/* ---- hexadecimal text form: [-]0x<hex>p<exp>, value = hex * 2^exp ---- */

char *
big_to_hex(const ExactBig *b, bool negative, int scale)
{
	StringInfoData buf;
	int			low = 0;
	int			i;
	ExactBig	m;
	int			nibbles;

	if (b->top == 0)
		return pstrdup("0");
	/* lowest set bit: make the mantissa odd */
	while (((b->limb[low / 32] >> (low % 32)) & 1) == 0)
		low++;
	big_zero(&m);
	big_extend(&m, b->top);
	for (i = low; i < b->top * 32; i++)
		if ((b->limb[i / 32] >> (i % 32)) & 1)
			m.limb[(i - low) / 32] |= (uint32) 1 << ((i - low) % 32);
	big_trim(&m);

	initStringInfo(&buf);
	if (negative)
		appendStringInfoChar(&buf, '-');
	appendStringInfoString(&buf, "0x");
	nibbles = m.top * 8;
	while (nibbles > 1 && ((m.limb[(nibbles - 1) / 8] >> (4 * ((nibbles - 1) % 8))) & 0xF) == 0)
		nibbles--;
	for (i = nibbles - 1; i >= 0; i--)
		appendStringInfoChar(&buf, "0123456789abcdef"[(m.limb[i / 8] >> (4 * (i % 8))) & 0xF]);
	appendStringInfo(&buf, "p%d", low - scale);
	return buf.data;
}

/*
 * A count in the text form of a state: a whole number that fits int64.
 * Returns the end of it, or NULL (nothing numeric, or out of range).
 */
const char *
exact_read_int64(const char *p, int64 *v)
{
	char	   *end;

	errno = 0;
	if (!isdigit((unsigned char) *p) && *p != '-')
		return NULL;
	*v = strtoi64(p, &end, 10);
	if (errno != 0 || end == p)
		return NULL;
	return end;
}

/*
 * Parse [-]0x<hex>p<exp> (or 0) at s into b, scaled by 2^scale.  Returns
 * NULL on success, with *end after the number, or a reason.
 */
const char *
big_from_hex(const char *s, int scale, ExactBig *b, bool *negative, const char **end)
{
	const char *p = s;
	const char *digits;
	int			ndig;
	long		exp;
	char	   *after;
	int			pos;
	int			i;

	big_zero(b);
	*negative = false;
	if (*p == '0' && p[1] != 'x')
	{
		*end = p + 1;
		return NULL;
	}
	if (*p == '-')
	{
		*negative = true;
		p++;
	}
	if (p[0] != '0' || p[1] != 'x')
		return "expected 0 or a hexadecimal number 0x...p...";
	p += 2;
	digits = p;
	while (isxdigit((unsigned char) *p))
		p++;
	ndig = p - digits;
	if (ndig == 0)
		return "no hexadecimal digits";
	if (*p != 'p')
		return "missing binary exponent p";
	p++;
	errno = 0;
	exp = strtol(p, &after, 10);
	if (after == p || errno != 0)
		return "invalid binary exponent";
	*end = after;
	if (ndig > EXACT_MAX_LIMBS * 8)
		return "too many digits";
	if (exp + scale < 0 || exp + scale + 4L * ndig > 32L * EXACT_MAX_LIMBS)
		return "out of range";
	pos = (int) (exp + scale);
	for (i = 0; i < ndig; i++)
	{
		char		c = digits[ndig - 1 - i];
		int			v = isdigit((unsigned char) c) ? c - '0' : (tolower((unsigned char) c) - 'a' + 10);
		int			bit = pos + 4 * i;

		if (v)
			big_add_bits(b, bit, (uint64) v);
	}
	if (b->top == 0)
		return "a zero must be written 0";
	return NULL;
}

/* ---------------------------------------------------------------------
 * States: varlenas made of a fixed header of hdrsz bytes followed by an
 * ExactArea.  The functions return the state, or a grown copy of it
 * (palloc'd in the current context) when a sum needed more limbs; the
 * caller must carry on with what they return.
 * --------------------------------------------------------------------- */

#define STATE_AREA(st, hdrsz) ((ExactArea *) ((char *) (st) + (hdrsz)))

static void *
exact_state_grow(void *state, Size hdrsz, int region, int lo, int hi)
{
	ExactArea  *a = STATE_AREA(state, hdrsz);
	Size		size = hdrsz + exact_grown_size(a, region, lo, hi);
	void	   *g = palloc(size);

	memcpy(g, state, hdrsz);
	SET_VARSIZE(g, size);
	exact_copy_grown(STATE_AREA(g, hdrsz), a, region, lo, hi);
	return g;
}

/* A carry out of a region's top limb: one more limb, holding 1. */
static void *
carry_out(void *state, Size hdrsz, int region)
{
	ExactRegion *r = &STATE_AREA(state, hdrsz)->r[region];
	int			top = r->base + r->len;

	/* grown limbs start at 0; past EXACT_MAX_LIMBS this is an error */
	state = exact_state_grow(state, hdrsz, region, top, top + 1);
	r = &STATE_AREA(state, hdrsz)->r[region];
	EXACT_LIMBS(STATE_AREA(state, hdrsz))[r->off + (top - r->base)] = 1;
	return state;
}

/* Add v * 2^bitpos to a region. */
void *
exact_state_add(void *state, Size hdrsz, int region, int bitpos, uint64 v)
{
	int			lo,
				hi;

	if (v == 0)
		return state;
	exact_limb_span(bitpos, &lo, &hi);
	if (!exact_room(STATE_AREA(state, hdrsz), region, lo, hi))
		state = exact_state_grow(state, hdrsz, region, lo, hi);
	if (exact_add_bits(STATE_AREA(state, hdrsz), region, bitpos, v))
		state = carry_out(state, hdrsz, region);
	return state;
}

/* Exact 106-bit product of two 53-bit mantissas, as hi * 2^64 + lo. */
static inline void
mul53(uint64 a, uint64 b, uint64 *lo, uint64 *hi)
{
	uint64		al = a & 0xFFFFFFFF,
				ah = a >> 32,
				bl = b & 0xFFFFFFFF,
				bh = b >> 32;
	uint64		p0 = al * bl;
	uint64		p1 = ah * bl + al * bh; /* < 2^54 */
	uint64		p2 = ah * bh;	/* < 2^42 */

	*lo = p0 + (p1 << 32);
	*hi = p2 + (p1 >> 32) + (*lo < p0 ? 1 : 0);
}

/*
 * Add (hi * 2^64 + lo) * 2^bitpos to a region: five limbs and a carry, in
 * one pass when the region has room, which is nearly always.
 */
static void *
exact_state_add_wide(void *state, Size hdrsz, int region, int bitpos, uint64 lo, uint64 hi)
{
	ExactArea  *a = STATE_AREA(state, hdrsz);
	ExactRegion *r = &a->r[region];
	int			k = bitpos / 32;
	int			s = bitpos % 32;
	uint32		part[5];
	uint32	   *l;
	uint64		carry = 0;
	int			i;

	if (r->len == 0 || k < r->base || k + 5 > r->base + r->len)
	{
		state = exact_state_grow(state, hdrsz, region, k, k + 5);
		a = STATE_AREA(state, hdrsz);
		r = &a->r[region];
	}
	/* (hi:lo) << s as five 32-bit parts */
	part[0] = (uint32) (lo << s);
	part[1] = (uint32) ((lo << s) >> 32);
	part[2] = (uint32) (s ? (lo >> (64 - s)) | (hi << s) : hi);
	part[3] = (uint32) ((s ? (lo >> (64 - s)) | (hi << s) : hi) >> 32);
	part[4] = (uint32) (s ? hi >> (64 - s) : 0);
	l = EXACT_LIMBS(a) + r->off + (k - r->base);
	for (i = 0; i < 5; i++)
	{
		uint64		cur = (uint64) l[i] + part[i] + carry;

		l[i] = (uint32) cur;
		carry = cur >> 32;
	}
	for (i = 5; carry && k + i < r->base + r->len; i++)
	{
		uint64		cur = (uint64) l[i] + carry;

		l[i] = (uint32) cur;
		carry = cur >> 32;
	}
	if (carry)
		state = carry_out(state, hdrsz, region);
	return state;
}

/* Add m * 2^e exactly (m < 2^53), at the plain scale. */
void *
exact_state_add_parts(void *state, Size hdrsz, int region, uint64 m, int e)
{
	return exact_state_add_wide(state, hdrsz, region, e + EXACT_SCALE_PLAIN, m, 0);
}

/* Add (m * 2^e)^2 exactly, at the product scale. */
void *
exact_state_add_square_parts(void *state, Size hdrsz, int region, uint64 m, int e)
{
	uint64		lo,
				hi;

	mul53(m, m, &lo, &hi);
	return exact_state_add_wide(state, hdrsz, region, 2 * e + EXACT_SCALE_PRODUCT, lo, hi);
}

/* Add |x| exactly, at the plain scale. */
void *
exact_state_add_double(void *state, Size hdrsz, int region, double x)
{
	uint64		m;
	int			e;

	if (x == 0)
		return state;
	exact_decompose(fabs(x), &m, &e);
	return exact_state_add_wide(state, hdrsz, region, e + EXACT_SCALE_PLAIN, m, 0);
}

/* Add |a * b| exactly, at the product scale. */
void *
exact_state_add_product(void *state, Size hdrsz, int region, double a, double b)
{
	uint64		ma,
				mb,
				lo,
				hi;
	int			ea,
				eb;

	if (a == 0 || b == 0)
		return state;
	exact_decompose(fabs(a), &ma, &ea);
	exact_decompose(fabs(b), &mb, &eb);
	mul53(ma, mb, &lo, &hi);
	return exact_state_add_wide(state, hdrsz, region, ea + eb + EXACT_SCALE_PRODUCT, lo, hi);
}

/* Add every sum of src into the state's. */
void *
exact_state_merge(void *state, Size hdrsz, const ExactArea *src)
{
	int			region;

	for (region = 0; region < src->nregions; region++)
	{
		const ExactRegion *r = &src->r[region];
		const uint32 *l = EXACT_LIMBS(src) + r->off;
		int			i;

		for (i = 0; i < r->len; i++)
			state = exact_state_add(state, hdrsz, region, 32 * (r->base + i), l[i]);
	}
	return state;
}

/* Add a big integer (absolute positions) into a region. */
void *
exact_state_add_big(void *state, Size hdrsz, int region, const ExactBig *b)
{
	int			i;

	for (i = 0; i < b->top; i++)
		state = exact_state_add(state, hdrsz, region, 32 * i, b->limb[i]);
	return state;
}

/* A copy with every sum trimmed: the canonical layout. */
void *
exact_state_compact(const void *state, Size hdrsz)
{
	const ExactArea *a = STATE_AREA(state, hdrsz);
	Size		size = hdrsz + exact_compact_size(a);
	void	   *c = palloc(size);

	memcpy(c, state, hdrsz);
	SET_VARSIZE(c, size);
	exact_compact(STATE_AREA(c, hdrsz), a);
	return c;
}

/* ---- binary form of a signed big integer: sign, first limb, count, limbs ---- */

void
big_send(StringInfo buf, const ExactBig *b, bool negative)
{
	int			lo = 0;
	int			i;

	while (lo < b->top && b->limb[lo] == 0)
		lo++;
	pq_sendbyte(buf, negative && b->top > 0 ? 1 : 0);
	pq_sendint32(buf, b->top > 0 ? lo : 0);
	pq_sendint32(buf, b->top > 0 ? b->top - lo : 0);
	for (i = lo; i < b->top; i++)
		pq_sendint32(buf, b->limb[i]);
}

/* Returns NULL, or why the bytes are not a big integer of ours. */
const char *
big_recv(StringInfo buf, ExactBig *b, bool *negative)
{
	int			flag = pq_getmsgbyte(buf);
	int32		lo = pq_getmsgint(buf, 4);
	int32		len = pq_getmsgint(buf, 4);
	int			i;

	if (flag != 0 && flag != 1)
		return "the sign flag of a sum must be 0 or 1";
	if (lo < 0 || len < 0 || len > EXACT_MAX_LIMBS || lo > EXACT_MAX_LIMBS - len)
		return "a sum lies outside the range of exact sums";
	big_zero(b);
	big_extend(b, lo + len);
	for (i = 0; i < len; i++)
		b->limb[lo + i] = (uint32) pq_getmsgint(buf, 4);
	big_trim(b);
	*negative = flag == 1 && b->top > 0;
	return NULL;
}
