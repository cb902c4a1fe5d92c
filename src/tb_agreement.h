/*-------------------------------------------------------------------------
 *
 * tb_agreement.h
 *	  The tb_agreement state (src/agreement.c) as the other aggregates
 *	  built on it read and update it: the dispersion statistics
 *	  (src/dispersion.c) and the adoption counts of practices
 *	  (src/adoption.c).  Private to those files.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_AGREEMENT_H
#define TB_AGREEMENT_H

#include "fmgr.h"
#include "utils/expandeddatum.h"
#include "utils/hsearch.h"

#include "tb_label.h"

#define UNIT_MAX TB_LABEL_MAX	/* longest unit label, in bytes */

/* A unit, read or being built. */
typedef struct Unit
{
	char	   *label;
	int			ncats;
	int			cap;
	double	   *values;			/* ascending once sorted */
	int64	   *counts;
	int64		m;				/* total count */
	int			nsorted;		/* > 0: the first nsorted values sorted and
								 * distinct, the rest pending (agreement.c) */
} Unit;

/*
 * The state inside an aggregate: a PostgreSQL expanded object, updated in
 * place.
 */
typedef struct ExpandedAgreement
{
	ExpandedObjectHeader hdr;
	Unit	  **units;			/* in the order they came */
	int			nunits;
	int			cap;
	HTAB	   *index;			/* label -> unit, once there are many units */
	Unit	   *last;			/* the unit found last, and its label length */
	int			last_len;
	int64		missing;
	int64		ratings;		/* missing + every count, <= MAX_RATINGS */
} ExpandedAgreement;

/* A flat state read into arrays (for the statistics and for output). */
typedef struct Parsed
{
	int			nunits;
	int64		missing;
	Unit	   *units;
} Parsed;

/* The state to update: argument argno, or a new one when it is NULL. */
extern ExpandedAgreement *tb_ea_for_update(FunctionCallInfo fcinfo, int argno);

/* Account for n more ratings (missing ones too), or fail past the limit. */
extern void tb_ea_count(ExpandedAgreement *ea, int64 n);

/* Add count ratings of value v to unit label (counted here). */
extern void tb_ea_add(ExpandedAgreement *ea, const char *label, double v, int64 count);

/* A flat or expanded state read into arrays, units and values sorted. */
extern Parsed *tb_agreement_parsed(Datum d);

/*
 * The distinct values of the units with at least min_m ratings, ascending,
 * into vals (room for every value of those units); their number.  And the
 * index of v among them, or -1.
 */
extern int	tb_distinct_values(const Parsed *p, int64 min_m, double *vals);
extern int	tb_value_index(const double *vals, int n, double v);

/* Doubles ascending, for qsort_interruptible. */
extern int	tb_cmp_double(const void *a, const void *b, void *arg);

/* Errors for a unit label too long, or a value that cannot be rated. */
extern void tb_check_unit_label(const char *label, int len);
extern void tb_check_rating(double v);

#endif							/* TB_AGREEMENT_H */
