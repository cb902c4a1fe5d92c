/*-------------------------------------------------------------------------
 *
 * tb_sensitivity.h
 *	  Variance-based sensitivity (src/sensitivity.c): the Sobol' sequence
 *	  that makes a Saltelli design, and the first-order and total-effect
 *	  indices of each input estimated from a model's outputs on it, with
 *	  seeded bootstrap intervals.  For any C that runs a model over
 *	  uncertain inputs (the indicator matrix's Monte Carlo).
 *
 *	  The design, for N base rows and k inputs: A and B, two N x k matrices
 *	  of points in [0,1) (the first and last k coordinates of a 2k-
 *	  dimensional Sobol' sequence), and for each input i the matrix A_B^i,
 *	  A with its column i taken from B.  A group of inputs (all the weights)
 *	  is one "input" of the estimator: its A_B^i takes all the group's
 *	  columns from B.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_SENSITIVITY_H
#define TB_SENSITIVITY_H

/* dimensions of the embedded Joe-Kuo direction numbers: k <= 128 inputs */
#define TB_SOBOL_MAX_DIMS 256
/* most points a sequence gives (32-bit coordinates, 2^24 keeps it fast) */
#define TB_SOBOL_MAX_POINTS (1 << 24)

/* the estimator's limits (54000 past them) */
#define TB_SOBOL_MAX_INPUTS 10000
#define TB_SOBOL_MAX_ROWS 10000000
#define TB_SOBOL_MAX_REPS 100000
#define TB_SOBOL_MAX_WORK 20000000000.0	/* reps x N x (k + 2) */

typedef struct TbSobolIndex
{
	double		first;			/* S_i, Saltelli (2010) */
	double		total;			/* ST_i, Jansen (1999) */
	bool		has_interval;	/* false with reps 0 or under 2 usable
								 * replicates */
	double		first_lower;	/* bootstrap percentile interval */
	double		first_upper;
	double		first_se;		/* bootstrap standard error */
	double		total_lower;
	double		total_upper;
	double		total_se;
} TbSobolIndex;

/*
 * The points first .. first + n - 1 of the Sobol' sequence (Joe & Kuo 2008
 * direction numbers, Gray-code order, point 0 the origin) in dims
 * dimensions, into out[n * dims] row-major.  With shift, each dimension's
 * 32 bits are XORed with a word drawn from pg_prng seeded with seed (a
 * random digital shift: the same net properties, a randomised sequence).
 * Raises 54000 when dims > TB_SOBOL_MAX_DIMS or the points run past
 * TB_SOBOL_MAX_POINTS.
 */
extern void tb_sobol_points(int64 first, int n, int dims, bool shift, uint64 seed,
							double *out);

/*
 * The indices of k inputs from N base rows: fa[N] = f(A), fb[N] = f(B),
 * fab[N * k] row-major = f(A_B^i) (row j, input i at j * k + i).
 * V is the variance (divided by 2N) of f over A and B together;
 * S_i = mean(f(B) (f(A_B^i) - f(A))) / V, ST_i = mean((f(A) - f(A_B^i))^2)
 * / 2 / V.  With reps > 0, reps bootstrap replicates resample the N rows
 * (pg_prng seeded with seed); replicates whose V is 0 are left out.
 * Every sum is compensated and runs in a fixed order.  The values must be
 * finite (the caller checks); raises 22012 when V is 0, 22003 when a sum
 * overflows, 54000 past the limits above.  Returns V.
 */
extern double tb_sobol_estimate(const double *fa, const double *fb, const double *fab,
								int n, int k, int reps, double level, uint64 seed,
								TbSobolIndex *out);

#endif							/* TB_SENSITIVITY_H */
