/*-------------------------------------------------------------------------
 *
 * tb_summary.h
 *	  The tb_summary type: an exact, mergeable summary of one indicator's
 *	  values (src/summary.c), read by the normalisations (src/normalise.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_SUMMARY_H
#define TB_SUMMARY_H

#include "fmgr.h"

#include "exact.h"

#define TB_SUMMARY_VERSION 1

/* exact sums it keeps */
#define SUM_POS		0			/* sum of the positive values */
#define SUM_NEG		1			/* sum of the magnitudes of the negative values */
#define SUM_SQ		2			/* sum of the squares */
#define SUMMARY_REGIONS 3

typedef struct TbSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;
	uint8		flags;			/* none defined yet; must be 0 */
	uint16		reserved;
	int32		pad;
	int64		n;				/* values counted */
	int64		missing;		/* NULL inputs */
	double		min;			/* smallest value (0 when n = 0) */
	double		max;			/* largest value (0 when n = 0) */
	ExactArea	acc;			/* SUMMARY_REGIONS exact sums; variable length */
} TbSummary;

/* What the normalisations read, derived from the exact state. */
typedef struct SummaryStats
{
	int64		n;
	int64		missing;
	double		min;
	double		max;
	double		sum;
	double		mean;
	double		var_pop;
	double		var_samp;		/* NaN when n < 2 */
} SummaryStats;

#define DatumGetTbSummaryP(X)	((TbSummary *) PG_DETOAST_DATUM(X))
#define PG_GETARG_TBSUMMARY_P(n) DatumGetTbSummaryP(PG_GETARG_DATUM(n))

extern void summary_stats(const TbSummary *s, SummaryStats *st);
extern const SummaryStats *summary_stats_cached(FunctionCallInfo fcinfo, const TbSummary *s);

#endif							/* TB_SUMMARY_H */
