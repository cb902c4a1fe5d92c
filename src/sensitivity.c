/*-------------------------------------------------------------------------
 *
 * sensitivity.c
 *	  Variance-based sensitivity: first-order and total-effect (Sobol')
 *	  indices of a model's uncertain inputs, and the quasi-random design
 *	  that estimates them (Saltelli et al. 2010).
 *
 *	  The design, tb_sobol_design(n, k, seed, shift): two n x k matrices A
 *	  and B of points in [0,1), the first and last k coordinates of the
 *	  first n points of a 2k-dimensional Sobol' sequence.  The sequence is
 *	  the standard one: direction numbers of Joe & Kuo (2008), file
 *	  new-joe-kuo-6.21201, its first 256 dimensions (so k <= 128), 32-bit
 *	  coordinates, points in Gray-code order with point 0 the origin (as
 *	  scipy.stats.qmc.Sobol without scrambling).  With shift (the default)
 *	  each dimension's 32 bits are XORed with a word drawn from pg_prng
 *	  seeded with seed: a random digital shift, which keeps the sequence's
 *	  net properties (balance over every power of 2 points) and makes the
 *	  design a seeded randomised quasi-Monte Carlo sample.
 *
 *	  The estimator, tb_sobol_indices(f_a, f_b, f_ab, reps, level, seed),
 *	  from the model's outputs f(A), f(B) and f(A_B^i), A_B^i being A with
 *	  column i from B, over N base rows and k inputs (N (k + 2) runs):
 *
 *	  - V, the variance of f over A and B together (2N values, divided by
 *		2N);
 *	  - the first-order index S_i = mean(f(B) (f(A_B^i) - f(A))) / V, the
 *		estimator of Saltelli et al. (2010, table 2 (b));
 *	  - the total-effect index ST_i = mean((f(A) - f(A_B^i))^2) / 2 / V, the
 *		estimator of Jansen (1999, table 2 (f) of Saltelli et al.);
 *	  - with reps > 0, a seeded bootstrap over the N base rows (a row's
 *		f(A), f(B) and f(A_B^i) drawn together, N draws with replacement):
 *		each index's standard error (the standard deviation of its
 *		replicates) and percentile interval at level, interpolated as
 *		numpy's default quantile (type 7).  Replicates whose V is 0 are left
 *		out.  A quasi-random design spreads its rows more evenly than a
 *		random one, so these intervals, made for independent rows, are
 *		conservative for it.
 *
 *	  Every sum is compensated (Neumaier) and runs in a fixed order, random
 *	  numbers come from pg_prng (xoroshiro128**): the same arguments give
 *	  the same bits on any machine (this file is compiled without
 *	  floating-point contraction, see the Makefile).  tb_sensitivity.h
 *	  exposes the sequence and the estimator to the rest of the library.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/pg_prng.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/tuplestore.h"

#include "tb_sensitivity.h"

#define SOBOL_BITS 32
#define DESIGN_MAX_ROWS 100000000.0	/* rows tb_sobol_design returns */
#define BOOT_MAX_VALUES 10000000.0	/* reps x k replicates kept */

/*
 * Joe & Kuo (2008), new-joe-kuo-6.21201, dimensions 2 to 256: the degree s
 * of the primitive polynomial, its coefficients a (the s - 1 middle ones,
 * highest first) and the initial direction numbers m_1 .. m_s.  Dimension 1
 * is the van der Corput sequence (every m 1, no recurrence).
 */
typedef struct JoeKuo
{
	uint8		s;
	uint16		a;
	uint16		m[13];
} JoeKuo;

static const JoeKuo joe_kuo[TB_SOBOL_MAX_DIMS - 1] = {
	{1, 0, {1}},
	{2, 1, {1, 3}},
	{3, 1, {1, 3, 1}},
	{3, 2, {1, 1, 1}},
	{4, 1, {1, 1, 3, 3}},
	{4, 4, {1, 3, 5, 13}},
	{5, 2, {1, 1, 5, 5, 17}},
	{5, 4, {1, 1, 5, 5, 5}},
	{5, 7, {1, 1, 7, 11, 19}},
	{5, 11, {1, 1, 5, 1, 1}},
	{5, 13, {1, 1, 1, 3, 11}},
	{5, 14, {1, 3, 5, 5, 31}},
	{6, 1, {1, 3, 3, 9, 7, 49}},
	{6, 13, {1, 1, 1, 15, 21, 21}},
	{6, 16, {1, 3, 1, 13, 27, 49}},
	{6, 19, {1, 1, 1, 15, 7, 5}},
	{6, 22, {1, 3, 1, 15, 13, 25}},
	{6, 25, {1, 1, 5, 5, 19, 61}},
	{7, 1, {1, 3, 7, 11, 23, 15, 103}},
	{7, 4, {1, 3, 7, 13, 13, 15, 69}},
	{7, 7, {1, 1, 3, 13, 7, 35, 63}},
	{7, 8, {1, 3, 5, 9, 1, 25, 53}},
	{7, 14, {1, 3, 1, 13, 9, 35, 107}},
	{7, 19, {1, 3, 1, 5, 27, 61, 31}},
	{7, 21, {1, 1, 5, 11, 19, 41, 61}},
	{7, 28, {1, 3, 5, 3, 3, 13, 69}},
	{7, 31, {1, 1, 7, 13, 1, 19, 1}},
	{7, 32, {1, 3, 7, 5, 13, 19, 59}},
	{7, 37, {1, 1, 3, 9, 25, 29, 41}},
	{7, 41, {1, 3, 5, 13, 23, 1, 55}},
	{7, 42, {1, 3, 7, 3, 13, 59, 17}},
	{7, 50, {1, 3, 1, 3, 5, 53, 69}},
	{7, 55, {1, 1, 5, 5, 23, 33, 13}},
	{7, 56, {1, 1, 7, 7, 1, 61, 123}},
	{7, 59, {1, 1, 7, 9, 13, 61, 49}},
	{7, 62, {1, 3, 3, 5, 3, 55, 33}},
	{8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},
	{8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},
	{8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},
	{8, 38, {1, 3, 1, 11, 27, 43, 71, 9}},
	{8, 47, {1, 1, 7, 15, 21, 11, 81, 45}},
	{8, 49, {1, 3, 7, 3, 25, 31, 65, 79}},
	{8, 50, {1, 3, 1, 1, 19, 11, 3, 205}},
	{8, 52, {1, 1, 5, 9, 19, 21, 29, 157}},
	{8, 56, {1, 3, 7, 11, 1, 33, 89, 185}},
	{8, 67, {1, 3, 3, 3, 15, 9, 79, 71}},
	{8, 70, {1, 3, 7, 11, 15, 39, 119, 27}},
	{8, 84, {1, 1, 3, 1, 11, 31, 97, 225}},
	{8, 97, {1, 1, 1, 3, 23, 43, 57, 177}},
	{8, 103, {1, 3, 7, 7, 17, 17, 37, 71}},
	{8, 115, {1, 3, 1, 5, 27, 63, 123, 213}},
	{8, 122, {1, 1, 3, 5, 11, 43, 53, 133}},
	{9, 8, {1, 3, 5, 5, 29, 17, 47, 173, 479}},
	{9, 13, {1, 3, 3, 11, 3, 1, 109, 9, 69}},
	{9, 16, {1, 1, 1, 5, 17, 39, 23, 5, 343}},
	{9, 22, {1, 3, 1, 5, 25, 15, 31, 103, 499}},
	{9, 25, {1, 1, 1, 11, 11, 17, 63, 105, 183}},
	{9, 44, {1, 1, 5, 11, 9, 29, 97, 231, 363}},
	{9, 47, {1, 1, 5, 15, 19, 45, 41, 7, 383}},
	{9, 52, {1, 3, 7, 7, 31, 19, 83, 137, 221}},
	{9, 55, {1, 1, 1, 3, 23, 15, 111, 223, 83}},
	{9, 59, {1, 1, 5, 13, 31, 15, 55, 25, 161}},
	{9, 62, {1, 1, 3, 13, 25, 47, 39, 87, 257}},
	{9, 67, {1, 1, 1, 11, 21, 53, 125, 249, 293}},
	{9, 74, {1, 1, 7, 11, 11, 7, 57, 79, 323}},
	{9, 81, {1, 1, 5, 5, 17, 13, 81, 3, 131}},
	{9, 82, {1, 1, 7, 13, 23, 7, 65, 251, 475}},
	{9, 87, {1, 3, 5, 1, 9, 43, 3, 149, 11}},
	{9, 91, {1, 1, 3, 13, 31, 13, 13, 255, 487}},
	{9, 94, {1, 3, 3, 1, 5, 63, 89, 91, 127}},
	{9, 103, {1, 1, 3, 3, 1, 19, 123, 127, 237}},
	{9, 104, {1, 1, 5, 7, 23, 31, 37, 243, 289}},
	{9, 109, {1, 1, 5, 11, 17, 53, 117, 183, 491}},
	{9, 122, {1, 1, 1, 5, 1, 13, 13, 209, 345}},
	{9, 124, {1, 1, 3, 15, 1, 57, 115, 7, 33}},
	{9, 137, {1, 3, 1, 11, 7, 43, 81, 207, 175}},
	{9, 138, {1, 3, 1, 1, 15, 27, 63, 255, 49}},
	{9, 143, {1, 3, 5, 3, 27, 61, 105, 171, 305}},
	{9, 145, {1, 1, 5, 3, 1, 3, 57, 249, 149}},
	{9, 152, {1, 1, 3, 5, 5, 57, 15, 13, 159}},
	{9, 157, {1, 1, 1, 11, 7, 11, 105, 141, 225}},
	{9, 167, {1, 3, 3, 5, 27, 59, 121, 101, 271}},
	{9, 173, {1, 3, 5, 9, 11, 49, 51, 59, 115}},
	{9, 176, {1, 1, 7, 1, 23, 45, 125, 71, 419}},
	{9, 181, {1, 1, 3, 5, 23, 5, 105, 109, 75}},
	{9, 182, {1, 1, 7, 15, 7, 11, 67, 121, 453}},
	{9, 185, {1, 3, 7, 3, 9, 13, 31, 27, 449}},
	{9, 191, {1, 3, 1, 15, 19, 39, 39, 89, 15}},
	{9, 194, {1, 1, 1, 1, 1, 33, 73, 145, 379}},
	{9, 199, {1, 3, 1, 15, 15, 43, 29, 13, 483}},
	{9, 218, {1, 1, 7, 3, 19, 27, 85, 131, 431}},
	{9, 220, {1, 3, 3, 3, 5, 35, 23, 195, 349}},
	{9, 227, {1, 3, 3, 7, 9, 27, 39, 59, 297}},
	{9, 229, {1, 1, 3, 9, 11, 17, 13, 241, 157}},
	{9, 230, {1, 3, 7, 15, 25, 57, 33, 189, 213}},
	{9, 234, {1, 1, 7, 1, 9, 55, 73, 83, 217}},
	{9, 236, {1, 3, 3, 13, 19, 27, 23, 113, 249}},
	{9, 241, {1, 3, 5, 3, 23, 43, 3, 253, 479}},
	{9, 244, {1, 1, 5, 5, 11, 5, 45, 117, 217}},
	{9, 253, {1, 3, 3, 7, 29, 37, 33, 123, 147}},
	{10, 4, {1, 3, 1, 15, 5, 5, 37, 227, 223, 459}},
	{10, 13, {1, 1, 7, 5, 5, 39, 63, 255, 135, 487}},
	{10, 19, {1, 3, 1, 7, 9, 7, 87, 249, 217, 599}},
	{10, 22, {1, 1, 3, 13, 9, 47, 7, 225, 363, 247}},
	{10, 50, {1, 3, 7, 13, 19, 13, 9, 67, 9, 737}},
	{10, 55, {1, 3, 5, 5, 19, 59, 7, 41, 319, 677}},
	{10, 64, {1, 1, 5, 3, 31, 63, 15, 43, 207, 789}},
	{10, 69, {1, 1, 7, 9, 13, 39, 3, 47, 497, 169}},
	{10, 98, {1, 3, 1, 7, 21, 17, 97, 19, 415, 905}},
	{10, 107, {1, 3, 7, 1, 3, 31, 71, 111, 165, 127}},
	{10, 115, {1, 1, 5, 11, 1, 61, 83, 119, 203, 847}},
	{10, 121, {1, 3, 3, 13, 9, 61, 19, 97, 47, 35}},
	{10, 127, {1, 1, 7, 7, 15, 29, 63, 95, 417, 469}},
	{10, 134, {1, 3, 1, 9, 25, 9, 71, 57, 213, 385}},
	{10, 140, {1, 3, 5, 13, 31, 47, 101, 57, 39, 341}},
	{10, 145, {1, 1, 3, 3, 31, 57, 125, 173, 365, 551}},
	{10, 152, {1, 3, 7, 1, 13, 57, 67, 157, 451, 707}},
	{10, 158, {1, 1, 1, 7, 21, 13, 105, 89, 429, 965}},
	{10, 161, {1, 1, 5, 9, 17, 51, 45, 119, 157, 141}},
	{10, 171, {1, 3, 7, 7, 13, 45, 91, 9, 129, 741}},
	{10, 181, {1, 3, 7, 1, 23, 57, 67, 141, 151, 571}},
	{10, 194, {1, 1, 3, 11, 17, 47, 93, 107, 375, 157}},
	{10, 199, {1, 3, 3, 5, 11, 21, 43, 51, 169, 915}},
	{10, 203, {1, 1, 5, 3, 15, 55, 101, 67, 455, 625}},
	{10, 208, {1, 3, 5, 9, 1, 23, 29, 47, 345, 595}},
	{10, 227, {1, 3, 7, 7, 5, 49, 29, 155, 323, 589}},
	{10, 242, {1, 3, 3, 7, 5, 41, 127, 61, 261, 717}},
	{10, 251, {1, 3, 7, 7, 17, 23, 117, 67, 129, 1009}},
	{10, 253, {1, 1, 3, 13, 11, 39, 21, 207, 123, 305}},
	{10, 265, {1, 1, 3, 9, 29, 3, 95, 47, 231, 73}},
	{10, 266, {1, 3, 1, 9, 1, 29, 117, 21, 441, 259}},
	{10, 274, {1, 3, 1, 13, 21, 39, 125, 211, 439, 723}},
	{10, 283, {1, 1, 7, 3, 17, 63, 115, 89, 49, 773}},
	{10, 289, {1, 3, 7, 13, 11, 33, 101, 107, 63, 73}},
	{10, 295, {1, 1, 5, 5, 13, 57, 63, 135, 437, 177}},
	{10, 301, {1, 1, 3, 7, 27, 63, 93, 47, 417, 483}},
	{10, 316, {1, 1, 3, 1, 23, 29, 1, 191, 49, 23}},
	{10, 319, {1, 1, 3, 15, 25, 55, 9, 101, 219, 607}},
	{10, 324, {1, 3, 1, 7, 7, 19, 51, 251, 393, 307}},
	{10, 346, {1, 3, 3, 3, 25, 55, 17, 75, 337, 3}},
	{10, 352, {1, 1, 1, 13, 25, 17, 65, 45, 479, 413}},
	{10, 361, {1, 1, 7, 7, 27, 49, 99, 161, 213, 727}},
	{10, 367, {1, 3, 5, 1, 23, 5, 43, 41, 251, 857}},
	{10, 382, {1, 3, 3, 7, 11, 61, 39, 87, 383, 835}},
	{10, 395, {1, 1, 3, 15, 13, 7, 29, 7, 505, 923}},
	{10, 398, {1, 3, 7, 1, 5, 31, 47, 157, 445, 501}},
	{10, 400, {1, 1, 3, 7, 1, 43, 9, 147, 115, 605}},
	{10, 412, {1, 3, 3, 13, 5, 1, 119, 211, 455, 1001}},
	{10, 419, {1, 1, 3, 5, 13, 19, 3, 243, 75, 843}},
	{10, 422, {1, 3, 7, 7, 1, 19, 91, 249, 357, 589}},
	{10, 426, {1, 1, 1, 9, 1, 25, 109, 197, 279, 411}},
	{10, 428, {1, 3, 1, 15, 23, 57, 59, 135, 191, 75}},
	{10, 433, {1, 1, 5, 15, 29, 21, 39, 253, 383, 349}},
	{10, 446, {1, 3, 3, 5, 19, 45, 61, 151, 199, 981}},
	{10, 454, {1, 3, 5, 13, 9, 61, 107, 141, 141, 1}},
	{10, 457, {1, 3, 1, 11, 27, 25, 85, 105, 309, 979}},
	{10, 472, {1, 3, 3, 11, 19, 7, 115, 223, 349, 43}},
	{10, 493, {1, 1, 7, 9, 21, 39, 123, 21, 275, 927}},
	{10, 505, {1, 1, 7, 13, 15, 41, 47, 243, 303, 437}},
	{10, 508, {1, 1, 1, 7, 7, 3, 15, 99, 409, 719}},
	{11, 2, {1, 3, 3, 15, 27, 49, 113, 123, 113, 67, 469}},
	{11, 11, {1, 3, 7, 11, 3, 23, 87, 169, 119, 483, 199}},
	{11, 21, {1, 1, 5, 15, 7, 17, 109, 229, 179, 213, 741}},
	{11, 22, {1, 1, 5, 13, 11, 17, 25, 135, 403, 557, 1433}},
	{11, 35, {1, 3, 1, 1, 1, 61, 67, 215, 189, 945, 1243}},
	{11, 49, {1, 1, 7, 13, 17, 33, 9, 221, 429, 217, 1679}},
	{11, 50, {1, 1, 3, 11, 27, 3, 15, 93, 93, 865, 1049}},
	{11, 56, {1, 3, 7, 7, 25, 41, 121, 35, 373, 379, 1547}},
	{11, 61, {1, 3, 3, 9, 11, 35, 45, 205, 241, 9, 59}},
	{11, 70, {1, 3, 1, 7, 3, 51, 7, 177, 53, 975, 89}},
	{11, 74, {1, 1, 3, 5, 27, 1, 113, 231, 299, 759, 861}},
	{11, 79, {1, 3, 3, 15, 25, 29, 5, 255, 139, 891, 2031}},
	{11, 84, {1, 3, 1, 1, 13, 9, 109, 193, 419, 95, 17}},
	{11, 88, {1, 1, 7, 9, 3, 7, 29, 41, 135, 839, 867}},
	{11, 103, {1, 1, 7, 9, 25, 49, 123, 217, 113, 909, 215}},
	{11, 104, {1, 1, 7, 3, 23, 15, 43, 133, 217, 327, 901}},
	{11, 112, {1, 1, 3, 3, 13, 53, 63, 123, 477, 711, 1387}},
	{11, 115, {1, 1, 3, 15, 7, 29, 75, 119, 181, 957, 247}},
	{11, 117, {1, 1, 1, 11, 27, 25, 109, 151, 267, 99, 1461}},
	{11, 122, {1, 3, 7, 15, 5, 5, 53, 145, 11, 725, 1501}},
	{11, 134, {1, 3, 7, 1, 9, 43, 71, 229, 157, 607, 1835}},
	{11, 137, {1, 3, 3, 13, 25, 1, 5, 27, 471, 349, 127}},
	{11, 146, {1, 1, 1, 1, 23, 37, 9, 221, 269, 897, 1685}},
	{11, 148, {1, 1, 3, 3, 31, 29, 51, 19, 311, 553, 1969}},
	{11, 157, {1, 3, 7, 5, 5, 55, 17, 39, 475, 671, 1529}},
	{11, 158, {1, 1, 7, 1, 1, 35, 47, 27, 437, 395, 1635}},
	{11, 162, {1, 1, 7, 3, 13, 23, 43, 135, 327, 139, 389}},
	{11, 164, {1, 3, 7, 3, 9, 25, 91, 25, 429, 219, 513}},
	{11, 168, {1, 1, 3, 5, 13, 29, 119, 201, 277, 157, 2043}},
	{11, 173, {1, 3, 5, 3, 29, 57, 13, 17, 167, 739, 1031}},
	{11, 185, {1, 3, 3, 5, 29, 21, 95, 27, 255, 679, 1531}},
	{11, 186, {1, 3, 7, 15, 9, 5, 21, 71, 61, 961, 1201}},
	{11, 191, {1, 3, 5, 13, 15, 57, 33, 93, 459, 867, 223}},
	{11, 193, {1, 1, 1, 15, 17, 43, 127, 191, 67, 177, 1073}},
	{11, 199, {1, 1, 1, 15, 23, 7, 21, 199, 75, 293, 1611}},
	{11, 213, {1, 3, 7, 13, 15, 39, 21, 149, 65, 741, 319}},
	{11, 214, {1, 3, 7, 11, 23, 13, 101, 89, 277, 519, 711}},
	{11, 220, {1, 3, 7, 15, 19, 27, 85, 203, 441, 97, 1895}},
	{11, 227, {1, 3, 1, 3, 29, 25, 21, 155, 11, 191, 197}},
	{11, 236, {1, 1, 7, 5, 27, 11, 81, 101, 457, 675, 1687}},
	{11, 242, {1, 3, 1, 5, 25, 5, 65, 193, 41, 567, 781}},
	{11, 251, {1, 3, 1, 5, 11, 15, 113, 77, 411, 695, 1111}},
	{11, 256, {1, 1, 3, 9, 11, 53, 119, 171, 55, 297, 509}},
	{11, 259, {1, 1, 1, 1, 11, 39, 113, 139, 165, 347, 595}},
	{11, 265, {1, 3, 7, 11, 9, 17, 101, 13, 81, 325, 1733}},
	{11, 266, {1, 3, 1, 1, 21, 43, 115, 9, 113, 907, 645}},
	{11, 276, {1, 1, 7, 3, 9, 25, 117, 197, 159, 471, 475}},
	{11, 292, {1, 3, 1, 9, 11, 21, 57, 207, 485, 613, 1661}},
	{11, 304, {1, 1, 7, 7, 27, 55, 49, 223, 89, 85, 1523}},
	{11, 310, {1, 1, 5, 3, 19, 41, 45, 51, 447, 299, 1355}},
	{11, 316, {1, 3, 1, 13, 1, 33, 117, 143, 313, 187, 1073}},
	{11, 319, {1, 1, 7, 7, 5, 11, 65, 97, 377, 377, 1501}},
	{11, 322, {1, 3, 1, 1, 21, 35, 95, 65, 99, 23, 1239}},
	{11, 328, {1, 1, 5, 9, 3, 37, 95, 167, 115, 425, 867}},
	{11, 334, {1, 3, 3, 13, 1, 37, 27, 189, 81, 679, 773}},
	{11, 339, {1, 1, 3, 11, 1, 61, 99, 233, 429, 969, 49}},
	{11, 341, {1, 1, 1, 7, 25, 63, 99, 165, 245, 793, 1143}},
	{11, 345, {1, 1, 5, 11, 11, 43, 55, 65, 71, 283, 273}},
	{11, 346, {1, 1, 5, 5, 9, 3, 101, 251, 355, 379, 1611}},
	{11, 362, {1, 1, 1, 15, 21, 63, 85, 99, 49, 749, 1335}},
	{11, 367, {1, 1, 5, 13, 27, 9, 121, 43, 255, 715, 289}},
	{11, 372, {1, 3, 1, 5, 27, 19, 17, 223, 77, 571, 1415}},
	{11, 375, {1, 1, 5, 3, 13, 59, 125, 251, 195, 551, 1737}},
	{11, 376, {1, 3, 3, 15, 13, 27, 49, 105, 389, 971, 755}},
	{11, 381, {1, 3, 5, 15, 23, 43, 35, 107, 447, 763, 253}},
	{11, 385, {1, 3, 5, 11, 21, 3, 17, 39, 497, 407, 611}},
	{11, 388, {1, 1, 7, 13, 15, 31, 113, 17, 23, 507, 1995}},
	{11, 392, {1, 1, 7, 15, 3, 15, 31, 153, 423, 79, 503}},
	{11, 409, {1, 1, 7, 9, 19, 25, 23, 171, 505, 923, 1989}},
	{11, 415, {1, 1, 5, 9, 21, 27, 121, 223, 133, 87, 697}},
	{11, 416, {1, 1, 5, 5, 9, 19, 107, 99, 319, 765, 1461}},
	{11, 421, {1, 1, 3, 3, 19, 25, 3, 101, 171, 729, 187}},
	{11, 428, {1, 1, 3, 1, 13, 23, 85, 93, 291, 209, 37}},
	{11, 431, {1, 1, 1, 15, 25, 25, 77, 253, 333, 947, 1073}},
	{11, 434, {1, 1, 3, 9, 17, 29, 55, 47, 255, 305, 2037}},
	{11, 439, {1, 3, 3, 9, 29, 63, 9, 103, 489, 939, 1523}},
	{11, 446, {1, 3, 7, 15, 7, 31, 89, 175, 369, 339, 595}},
	{11, 451, {1, 3, 7, 13, 25, 5, 71, 207, 251, 367, 665}},
	{11, 453, {1, 3, 3, 3, 21, 25, 75, 35, 31, 321, 1603}},
	{11, 457, {1, 1, 1, 9, 11, 1, 65, 5, 11, 329, 535}},
	{11, 458, {1, 1, 5, 3, 19, 13, 17, 43, 379, 485, 383}},
	{11, 471, {1, 3, 5, 13, 13, 9, 85, 147, 489, 787, 1133}},
	{11, 475, {1, 3, 1, 1, 5, 51, 37, 129, 195, 297, 1783}},
	{11, 478, {1, 1, 3, 15, 19, 57, 59, 181, 455, 697, 2033}},
	{11, 484, {1, 3, 7, 1, 27, 9, 65, 145, 325, 189, 201}},
	{11, 493, {1, 3, 1, 15, 31, 23, 19, 5, 485, 581, 539}},
	{11, 494, {1, 1, 7, 13, 11, 15, 65, 83, 185, 847, 831}},
	{11, 499, {1, 3, 5, 7, 7, 55, 73, 15, 303, 511, 1905}},
	{11, 502, {1, 3, 5, 9, 7, 21, 45, 15, 397, 385, 597}},
	{11, 517, {1, 3, 7, 3, 23, 13, 73, 221, 511, 883, 1265}},
	{11, 518, {1, 1, 3, 11, 1, 51, 73, 185, 33, 975, 1441}},
	{11, 524, {1, 3, 3, 9, 19, 59, 21, 39, 339, 37, 143}},
	{11, 527, {1, 1, 7, 1, 31, 33, 19, 167, 117, 635, 639}},
	{11, 555, {1, 1, 1, 3, 5, 13, 59, 83, 355, 349, 1967}},
	{11, 560, {1, 1, 1, 5, 19, 3, 53, 133, 97, 863, 983}},
};

/* direction numbers v_1 .. v_32 of each dimension, made once per backend */
static uint32 sobol_v[TB_SOBOL_MAX_DIMS][SOBOL_BITS];
static bool sobol_ready = false;

static void
sobol_init(void)
{
	int			d,
				j,
				k;

	if (sobol_ready)
		return;
	for (j = 0; j < SOBOL_BITS; j++)
		sobol_v[0][j] = (uint32) 1 << (SOBOL_BITS - 1 - j);
	for (d = 1; d < TB_SOBOL_MAX_DIMS; d++)
	{
		const JoeKuo *t = &joe_kuo[d - 1];
		uint32	   *v = sobol_v[d];
		int			s = t->s;

		for (j = 0; j < SOBOL_BITS; j++)
		{
			if (j < s)
				v[j] = (uint32) t->m[j] << (SOBOL_BITS - 1 - j);
			else
			{
				v[j] = v[j - s] ^ (v[j - s] >> s);
				for (k = 1; k < s; k++)
					if ((t->a >> (s - 1 - k)) & 1)
						v[j] ^= v[j - k];
			}
		}
	}
	sobol_ready = true;
}

void
tb_sobol_points(int64 first, int n, int dims, bool shift, uint64 seed, double *out)
{
	uint32	   *x;
	uint32	   *mask;
	uint32		g;
	int			d,
				j,
				b;

	if (dims < 1 || dims > TB_SOBOL_MAX_DIMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the Sobol' sequence has at most %d dimensions", TB_SOBOL_MAX_DIMS),
				 errdetail("%d dimensions were asked for.", dims),
				 errhint("Group inputs (all the weights as one input), or draw the others at random.")));
	if (first < 0 || n < 0 || first + n > TB_SOBOL_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the Sobol' sequence gives at most %d points", TB_SOBOL_MAX_POINTS),
				 errdetail("Points " INT64_FORMAT " to " INT64_FORMAT " were asked for.", first, first + n - 1),
				 errhint("Fewer base rows estimate the indices well: 2^13 is plenty for most models.")));
	if (n == 0)
		return;
	sobol_init();
	x = palloc(dims * sizeof(uint32));
	mask = palloc0(dims * sizeof(uint32));
	if (shift)
	{
		pg_prng_state rng;

		pg_prng_seed(&rng, seed);
		for (d = 0; d < dims; d++)
			mask[d] = pg_prng_uint32(&rng);
	}
	/* the first point directly: the XOR of v_j over the bits of its Gray code */
	g = (uint32) (first ^ (first >> 1));
	for (d = 0; d < dims; d++)
	{
		x[d] = 0;
		for (b = 0; b < SOBOL_BITS; b++)
			if ((g >> b) & 1)
				x[d] ^= sobol_v[d][b];
	}
	for (j = 0;; j++)
	{
		double	   *row = out + (Size) j * dims;

		for (d = 0; d < dims; d++)
			row[d] = ldexp((double) (x[d] ^ mask[d]), -SOBOL_BITS);
		if (j == n - 1)
			break;
		/* the next point in Gray-code order differs by one direction number */
		b = pg_rightmost_one_pos32((uint32) (first + j + 1));
		for (d = 0; d < dims; d++)
			x[d] ^= sobol_v[d][b];
	}
	pfree(x);
	pfree(mask);
}

/* ---------------------------------------------------------------------
 * The estimator
 * ---------------------------------------------------------------------
 */

/* a compensated sum (Neumaier): exact to about one rounding at the end */
typedef struct CSum
{
	double		s;
	double		c;
} CSum;

static inline void
csum_add(CSum *a, double x)
{
	double		t = a->s + x;

	if (fabs(a->s) >= fabs(x))
		a->c += (a->s - t) + x;
	else
		a->c += (x - t) + a->s;
	a->s = t;
}

static inline double
csum_value(const CSum *a)
{
	return a->s + a->c;
}

/*
 * V and the k pairs (S_i, ST_i) from the rows idx[0..n-1] (0..n-1 when
 * idx is NULL); acc has room for 2k sums.  Returns V: 0 when there is no
 * variance, not finite when a sum overflows (the indices then unset).
 */
static double
sobol_once(const double *fa, const double *fb, const double *fab, int n, int k,
		   const int32 *idx, CSum *acc, double *first, double *total)
{
	CSum		sum = {0, 0},
				ss = {0, 0};
	double		mean,
				v;
	int			i,
				j;

	for (j = 0; j < n; j++)
	{
		int32		r = idx ? idx[j] : j;

		csum_add(&sum, fa[r]);
		csum_add(&sum, fb[r]);
	}
	mean = csum_value(&sum) / (2.0 * n);
	for (j = 0; j < n; j++)
	{
		int32		r = idx ? idx[j] : j;
		double		da = fa[r] - mean,
					db = fb[r] - mean;

		csum_add(&ss, da * da);
		csum_add(&ss, db * db);
	}
	v = csum_value(&ss) / (2.0 * n);
	if (v == 0 || !isfinite(v))
		return v;
	memset(acc, 0, 2 * (Size) k * sizeof(CSum));
	for (j = 0; j < n; j++)
	{
		int32		r = idx ? idx[j] : j;
		const double *row = fab + (Size) r * k;
		double		a = fa[r],
					b = fb[r];

		for (i = 0; i < k; i++)
		{
			double		d = row[i] - a;

			csum_add(&acc[i], b * d);
			csum_add(&acc[k + i], d * d);
		}
	}
	for (i = 0; i < k; i++)
	{
		first[i] = csum_value(&acc[i]) / n / v;
		total[i] = csum_value(&acc[k + i]) / n / 2 / v;
	}
	return v;
}

static int
cmp_double(const void *a, const void *b, void *arg)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : (x > y ? 1 : 0);
}

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

/* sorts x[0..n-1] (n >= 2) and reads its interval and standard deviation */
static void
replicate_summary(double *x, int n, double level, double *lower, double *upper, double *se)
{
	CSum		sum = {0, 0},
				ss = {0, 0};
	double		mean;
	int			r;

	qsort_interruptible(x, n, sizeof(double), cmp_double, NULL);
	*lower = quantile_sorted(x, n, (1 - level) / 2);
	*upper = quantile_sorted(x, n, (1 + level) / 2);
	for (r = 0; r < n; r++)
		csum_add(&sum, x[r]);
	mean = csum_value(&sum) / n;
	for (r = 0; r < n; r++)
		csum_add(&ss, (x[r] - mean) * (x[r] - mean));
	*se = sqrt(csum_value(&ss) / (n - 1));
}

static void
sobol_limit(const char *what, double value, double limit, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("tb_sobol_indices takes at most %.0f %s", limit, what),
			 errdetail("This call has %.0f.", value),
			 errhint("%s", hint)));
}

double
tb_sobol_estimate(const double *fa, const double *fb, const double *fab,
				  int n, int k, int reps, double level, uint64 seed,
				  TbSobolIndex *out)
{
	CSum	   *acc;
	double	   *first,
			   *total,
			   *bfirst = NULL,
			   *btotal = NULL;
	double		v,
				variance;
	int			i;
	int			valid = 0;

	Assert(n >= 1 && k >= 1 && reps >= 0);
	if (n > TB_SOBOL_MAX_ROWS)
		sobol_limit("base rows", n, TB_SOBOL_MAX_ROWS, "2^13 base rows estimate the indices well for most models.");
	if (k > TB_SOBOL_MAX_INPUTS)
		sobol_limit("inputs", k, TB_SOBOL_MAX_INPUTS, "Group inputs: one input for all the weights.");
	if ((double) reps * k > BOOT_MAX_VALUES)
		sobol_limit("bootstrap values (reps x inputs)", (double) reps * k, BOOT_MAX_VALUES,
					"Use fewer replicates: 1000 give the intervals to about 0.01 of their width.");
	if ((double) reps * n * (k + 2) > TB_SOBOL_MAX_WORK)
		sobol_limit("bootstrap terms (reps x base rows x (inputs + 2))", (double) reps * n * (k + 2),
					TB_SOBOL_MAX_WORK, "Use fewer replicates or fewer base rows.");

	acc = palloc(2 * (Size) k * sizeof(CSum));
	first = palloc(k * sizeof(double));
	total = palloc(k * sizeof(double));
	v = sobol_once(fa, fb, fab, n, k, NULL, acc, first, total);
	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the variance of the model's output is out of range for double precision"),
				 errdetail("f(A) and f(B) range over more than the square root of the largest double."),
				 errhint("Rescale the output.")));
	if (v == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("the model's output has no variance over A and B"),
				 errdetail("f(A) and f(B) hold one value, %s, in all %d base rows.",
						   float8out_internal(fa[0]), n),
				 errhint("An output that the inputs do not move has no sensitivity to them: check the model.")));
	variance = v;
	for (i = 0; i < k; i++)
	{
		if (!isfinite(first[i]) || !isfinite(total[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("a sum of the model's outputs is out of range for double precision"),
					 errdetail("The indices of input %d overflow.", i + 1),
					 errhint("Rescale the output.")));
		memset(&out[i], 0, sizeof(TbSobolIndex));
		out[i].first = first[i];
		out[i].total = total[i];
	}

	if (reps > 0)
	{
		pg_prng_state rng;
		int32	   *idx = palloc(n * sizeof(int32));
		int			r,
					j;

		bfirst = palloc((Size) reps * k * sizeof(double));
		btotal = palloc((Size) reps * k * sizeof(double));
		pg_prng_seed(&rng, seed);
		for (r = 0; r < reps; r++)
		{
			CHECK_FOR_INTERRUPTS();
			for (j = 0; j < n; j++)
				idx[j] = (int32) pg_prng_uint64_range(&rng, 0, (uint64) (n - 1));
			v = sobol_once(fa, fb, fab, n, k, idx, acc, first, total);
			if (v == 0 || !isfinite(v))
				continue;
			for (i = 0; i < k; i++)
				if (!isfinite(first[i]) || !isfinite(total[i]))
					break;
			if (i < k)
				continue;		/* a sum overflowed in this resample */
			/* by input, so that each input's replicates sort in place */
			for (i = 0; i < k; i++)
			{
				bfirst[(Size) i * reps + valid] = first[i];
				btotal[(Size) i * reps + valid] = total[i];
			}
			valid++;
		}
		pfree(idx);
		if (valid >= 2)
			for (i = 0; i < k; i++)
			{
				out[i].has_interval = true;
				replicate_summary(bfirst + (Size) i * reps, valid, level,
								  &out[i].first_lower, &out[i].first_upper, &out[i].first_se);
				replicate_summary(btotal + (Size) i * reps, valid, level,
								  &out[i].total_lower, &out[i].total_upper, &out[i].total_se);
			}
		pfree(bfirst);
		pfree(btotal);
	}
	pfree(acc);
	pfree(first);
	pfree(total);
	return variance;
}

/* ---------------------------------------------------------------------
 * SQL
 * ---------------------------------------------------------------------
 */

/*
 * The doubles of a float8 array of nelems elements, checked: no NULL, all
 * finite.  name says which argument in the messages; ncols > 0 reports a
 * position as (row, column).
 */
static const double *
sobol_values(ArrayType *arr, const char *name, int nelems, int ncols)
{
	const double *x;
	int			i;

	if (ARR_HASNULL(arr))
	{
		bits8	   *bitmap = ARR_NULLBITMAP(arr);

		for (i = 0; i < nelems; i++)
			if (!(bitmap[i / 8] & (1 << (i % 8))))
				break;
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s holds a NULL", name),
				 ncols > 0 ? errdetail("The first NULL is at row %d, input %d.", i / ncols + 1, i % ncols + 1)
				 : errdetail("The first NULL is at position %d.", i + 1),
				 errhint("Every run of the model must give an output: leave out the base rows with a failed run, in all three arrays.")));
	}
	/* no NULL: the data follow the header and the dimensions */
	x = (const double *) ((char *) arr + ARR_OVERHEAD_NONULLS(ARR_NDIM(arr)));
	for (i = 0; i < nelems; i++)
		if (!isfinite(x[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s holds a non-finite value, %s", name, float8out_internal(x[i])),
					 ncols > 0 ? errdetail("It is at row %d, input %d.", i / ncols + 1, i % ncols + 1)
					 : errdetail("It is at position %d.", i + 1),
					 errhint("The model's output must be a finite number in every run.")));
	return x;
}

static void
sobol_dims_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
			 errmsg("f_a, f_b and f_ab do not fit one design"),
			 errdetail("%s", detail),
			 errhint("Pass f(A) and f(B) as arrays of N values and f(A_B^i) as N x k values, row by row (or an N x k array), the rows in the same order.")));
}

PG_FUNCTION_INFO_V1(tb_sobol_indices);

/*
 * tb_sobol_indices(f_a, f_b, f_ab, reps, level, seed) -> SETOF (input,
 * first_order, first_order_lower, first_order_upper, total_effect,
 * total_lower, total_upper, first_order_se, total_se)
 */
Datum
tb_sobol_indices(PG_FUNCTION_ARGS)
{
	ArrayType  *a_arr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *b_arr = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *ab_arr = PG_GETARG_ARRAYTYPE_P(2);
	int32		reps = PG_GETARG_INT32(3);
	double		level = PG_GETARG_FLOAT8(4);
	int64		seed = PG_GETARG_INT64(5);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const double *fa,
			   *fb,
			   *fab;
	TbSobolIndex *out;
	int64		n,
				nb,
				nab,
				k;
	int			i;

	if (reps < 0 || reps > TB_SOBOL_MAX_REPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reps must be between 0 and %d", TB_SOBOL_MAX_REPS),
				 errdetail("reps is %d.", reps),
				 errhint("1000 replicates are the usual choice; 0 gives the indices without intervals.")));
	if (isnan(level) || level <= 0 || level >= 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level must be between 0 and 1, both excluded"),
				 errdetail("level is %g.", level),
				 errhint("Use 0.95 for a 95%% interval.")));
	if (ARR_ELEMTYPE(a_arr) != FLOAT8OID || ARR_ELEMTYPE(b_arr) != FLOAT8OID || ARR_ELEMTYPE(ab_arr) != FLOAT8OID)
		elog(ERROR, "tb_sobol_indices expects double precision arrays");
	if (ARR_NDIM(a_arr) > 1 || ARR_NDIM(b_arr) > 1)
		sobol_dims_error("f_a and f_b must be one-dimensional arrays.");
	n = ArrayGetNItems(ARR_NDIM(a_arr), ARR_DIMS(a_arr));
	nb = ArrayGetNItems(ARR_NDIM(b_arr), ARR_DIMS(b_arr));
	nab = ArrayGetNItems(ARR_NDIM(ab_arr), ARR_DIMS(ab_arr));
	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("f_a holds no base row"),
				 errhint("Evaluate the model on the rows of tb_sobol_design(n, k): f(A), f(B) and f(A_B^i).")));
	if (nb != n)
		sobol_dims_error(psprintf("f_a has " INT64_FORMAT " values and f_b " INT64_FORMAT ".", n, nb));
	if (ARR_NDIM(ab_arr) > 2)
		sobol_dims_error(psprintf("f_ab has %d dimensions; it must have one or two.", ARR_NDIM(ab_arr)));
	if (ARR_NDIM(ab_arr) == 2 && ARR_DIMS(ab_arr)[0] != n)
		sobol_dims_error(psprintf("f_ab has %d rows and f_a " INT64_FORMAT ".", ARR_DIMS(ab_arr)[0], n));
	if (nab % n != 0)
		sobol_dims_error(psprintf("f_ab has " INT64_FORMAT " values, not a multiple of the " INT64_FORMAT " base rows.",
								  nab, n));
	k = nab / n;
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("f_ab holds no input"),
				 errdetail("There must be at least one input (k >= 1): f_ab is empty."),
				 errhint("Pass f(A_B^i), the model on A with column i from B, for each input i.")));

	fa = sobol_values(a_arr, "f_a", (int) n, 0);
	fb = sobol_values(b_arr, "f_b", (int) n, 0);
	fab = sobol_values(ab_arr, "f_ab", (int) nab, (int) k);
	out = palloc(k * sizeof(TbSobolIndex));
	tb_sobol_estimate(fa, fb, fab, (int) n, (int) k, reps, level, (uint64) seed, out);

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < k; i++)
	{
		Datum		values[9];
		bool		nulls[9];
		bool		ci = out[i].has_interval;

		values[0] = Int32GetDatum(i + 1);
		values[1] = Float8GetDatum(out[i].first);
		values[2] = Float8GetDatum(out[i].first_lower);
		values[3] = Float8GetDatum(out[i].first_upper);
		values[4] = Float8GetDatum(out[i].total);
		values[5] = Float8GetDatum(out[i].total_lower);
		values[6] = Float8GetDatum(out[i].total_upper);
		values[7] = Float8GetDatum(out[i].first_se);
		values[8] = Float8GetDatum(out[i].total_se);
		nulls[0] = nulls[1] = nulls[4] = false;
		nulls[2] = nulls[3] = nulls[5] = nulls[6] = nulls[7] = nulls[8] = !ci;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(tb_sobol_design);

/*
 * tb_sobol_design(n, k, seed, shift) -> SETOF (sample, matrix, input, u):
 * each sample's A row, then its B row.
 */
Datum
tb_sobol_design(PG_FUNCTION_ARGS)
{
	int32		n = PG_GETARG_INT32(0);
	int32		k = PG_GETARG_INT32(1);
	int64		seed = PG_GETARG_INT64(2);
	bool		shift = PG_GETARG_BOOL(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		label[2];
	double	   *chunk;
	int			chunk_rows = 1024;
	int			done;

	if (n < 1 || k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a design needs at least one sample and one input"),
				 errdetail("n is %d and k is %d.", n, k),
				 errhint("Take n a power of 2 (8192 is the usual choice) and k the number of inputs.")));
	if (k > TB_SOBOL_MAX_DIMS / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a design has at most %d inputs", TB_SOBOL_MAX_DIMS / 2),
				 errdetail("k is %d: A and B take 2k dimensions of the Sobol' sequence, which has %d.",
						   k, TB_SOBOL_MAX_DIMS),
				 errhint("Group inputs that move together (all the weights) into one input.")));
	if (n > TB_SOBOL_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a design has at most %d samples", TB_SOBOL_MAX_POINTS),
				 errdetail("n is %d.", n),
				 errhint("2^13 base rows estimate the indices well for most models.")));
	if (2.0 * n * k > DESIGN_MAX_ROWS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a design returns at most %.0f rows", DESIGN_MAX_ROWS),
				 errdetail("n = %d samples of k = %d inputs in A and B make %.0f.", n, k, 2.0 * n * k),
				 errhint("Fewer samples estimate the indices well: 2^13 is plenty for most models.")));

	InitMaterializedSRF(fcinfo, 0);
	label[0] = CStringGetTextDatum("A");
	label[1] = CStringGetTextDatum("B");
	chunk = palloc((Size) chunk_rows * 2 * k * sizeof(double));
	for (done = 0; done < n; done += chunk_rows)
	{
		int			m = Min(chunk_rows, n - done);
		int			j,
					g,
					i;

		CHECK_FOR_INTERRUPTS();
		tb_sobol_points(done, m, 2 * k, shift, (uint64) seed, chunk);
		for (j = 0; j < m; j++)
			for (g = 0; g < 2; g++)
				for (i = 0; i < k; i++)
				{
					Datum		values[4];
					bool		nulls[4] = {false, false, false, false};

					values[0] = Int32GetDatum(done + j + 1);
					values[1] = label[g];
					values[2] = Int32GetDatum(i + 1);
					values[3] = Float8GetDatum(chunk[((Size) j * 2 + g) * k + i]);
					tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
				}
	}
	PG_RETURN_NULL();
}
