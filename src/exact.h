/*-------------------------------------------------------------------------
 *
 * exact.h
 *	  Exact sums of doubles, for aggregate states that must give the same
 *	  bits whatever the order of the rows and of their partial states.
 *
 * A double is m * 2^e with m a 53-bit integer and e >= -1074, so every
 * double is an integer multiple of 2^-1074 and every product of two doubles
 * an integer multiple of 2^-2148.  A sum of such values, kept as a big
 * integer of 32-bit limbs, is exact; integer addition is associative, so
 * the sum does not depend on the order of the additions.
 *
 * An ExactArea holds several such sums ("regions") in one flat block that
 * lives inside a varlena, so a state that holds it is an ordinary value of
 * its type: it can be copied, stored and shipped.  Each region keeps only
 * the limbs between the lowest and highest it has used (plus a little
 * room), so a sum of survey values typically takes a handful of limbs.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_EXACT_H
#define TB_EXACT_H

/* Scales, in bits: a region of plain values counts units of 2^-1074, a
 * region of products or squares units of 2^-2148. */
#define EXACT_SCALE_PLAIN	1074
#define EXACT_SCALE_PRODUCT	2148

/* Largest limb index + 1: products reach 2^(2*1024) * 2^63 rows. */
#define EXACT_MAX_LIMBS		136

typedef struct ExactRegion
{
	int16		base;			/* limb index of the region's first limb */
	int16		len;			/* number of limbs */
	int16		off;			/* first limb's position in the limb array */
	int16		pad;
} ExactRegion;

typedef struct ExactArea
{
	int32		nregions;
	int32		nlimbs;			/* total limbs after the region table */
	ExactRegion r[FLEXIBLE_ARRAY_MEMBER];
	/* followed by uint32 limbs[nlimbs] */
} ExactArea;

#define EXACT_LIMBS(a) ((uint32 *) &(a)->r[(a)->nregions])
#define EXACT_AREA_SIZE(nregions, nlimbs) \
	(offsetof(ExactArea, r) + (nregions) * sizeof(ExactRegion) + (nlimbs) * sizeof(uint32))

/* A big non-negative integer in absolute limb positions (index 0 = 2^0);
 * limbs [0, top) are defined, see exact.c. */
typedef struct ExactBig
{
	uint32		limb[EXACT_MAX_LIMBS * 2 + 4];
	int			top;			/* highest index in use + 1 (0 for zero) */
} ExactBig;

extern void exact_init(ExactArea *a, int nregions);
extern bool exact_room(const ExactArea *a, int region, int lo, int hi);
extern Size exact_grown_size(const ExactArea *a, int region, int lo, int hi);
extern void exact_copy_grown(ExactArea *dst, const ExactArea *src, int region, int lo, int hi);
extern uint32 exact_add_bits(ExactArea *a, int region, int bitpos, uint64 v);
extern void exact_limb_span(int bitpos, int *lo, int *hi);
extern void exact_to_big(const ExactArea *a, int region, ExactBig *b);
extern Size exact_compact_size(const ExactArea *a);
extern void exact_compact(ExactArea *dst, const ExactArea *src);

extern void exact_decompose(double x, uint64 *m, int *e);
extern void big_zero(ExactBig *b);
extern void big_extend(ExactBig *b, int n);
extern void big_trim(ExactBig *b);
extern void big_add_bits(ExactBig *b, int bitpos, uint64 v);
extern void big_from_area_diff(const ExactArea *a, int pos, int neg, ExactBig *mag, bool *negative);
extern int	big_cmp(const ExactBig *x, const ExactBig *y);
extern void big_sub(ExactBig *x, const ExactBig *y);
extern void big_mul_u64(ExactBig *out, const ExactBig *x, uint64 k);
extern void big_square(ExactBig *out, const ExactBig *x);
extern double big_to_double(const ExactBig *b, int scale, double divisor);
extern bool big_is_zero(const ExactBig *b);
extern char *big_to_hex(const ExactBig *b, bool negative, int scale);
extern const char *exact_read_int64(const char *p, int64 *v);
extern const char *big_from_hex(const char *s, int scale, ExactBig *b, bool *negative, const char **end);



extern void *exact_state_add(void *state, Size hdrsz, int region, int bitpos, uint64 v);
extern void *exact_state_add_double(void *state, Size hdrsz, int region, double x);
extern void *exact_state_add_parts(void *state, Size hdrsz, int region, uint64 m, int e);
extern void *exact_state_add_square_parts(void *state, Size hdrsz, int region, uint64 m, int e);
extern void *exact_state_add_product(void *state, Size hdrsz, int region, double a, double b);
extern void *exact_state_merge(void *state, Size hdrsz, const ExactArea *src);
extern void *exact_state_add_big(void *state, Size hdrsz, int region, const ExactBig *b);
extern void *exact_state_compact(const void *state, Size hdrsz);

#include "lib/stringinfo.h"

extern void big_send(StringInfo buf, const ExactBig *b, bool negative);
extern const char *big_recv(StringInfo buf, ExactBig *b, bool *negative);

#endif							/* TB_EXACT_H */
