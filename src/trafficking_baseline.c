/*-------------------------------------------------------------------------
 *
 * trafficking_baseline.c
 *	  Module entry point of the trafficking_baseline extension.
 *
 * Each type or family of functions lives in its own file under src/, its
 * SQL definitions beside it (fold.c, fold.sql); the install script is built
 * from those and from src/baseline/, the definitions of a baseline:
 *	  trafficking_baseline.c the module magic (this file)
 *	  fold.c			ICU text folding for matching free-text answers
 *	  number.c			numbers as people type them on survey forms
 *	  answer.c			one survey answer into a value and a status
 *	  country.c			tb_country: ISO 3166-1 countries from codes and names
 *	  summary.c			tb_summary: exact, mergeable summary of an indicator
 *	  normalise.c		direction-aware normalisations of values into scores
 *	  composite.c		tb_composite: weighted composite scores
 *	  gap.c				gaps to a reference, progress and trend ratings
 *	  topk.c			tb_topk: a country's k largest weighted gaps
 *	  agreement.c		tb_agreement: value counts per unit, agreement statistics
 *	  dispersion.c		coefficient of variation, Gini, Theil over tb_agreement
 *	  adoption.c		adoption counts of practices over tb_agreement
 *	  practices.c		tb_practices: the set of practices a country has
 *	  label.c			reading back labels quoted in the text forms
 *	  exact.c			exact, order-independent sums of doubles
 *	  typeio.c			helpers shared by the types' I/O functions
 *	  roles.c			the calling role; maintenance run as a table's owner
 * and the headers they share:
 *	  exact.h			exact sums (summary.c, composite.c)
 *	  tb_agreement.h	the tb_agreement state (dispersion.c, adoption.c)
 *	  tb_compat.h		differences between PostgreSQL majors (varatt.h)
 *	  tb_direction.h	an indicator's direction (normalise.c, gap.c)
 *	  tb_fold.h			text folding (answer.c, country.c)
 *	  tb_label.h		label length and reader (practices, topk, agreement)
 *	  tb_number.h		the number parser (answer.c)
 *	  tb_practices.h	the practice-set type (adoption.c)
 *	  tb_summary.h		the tb_summary type (normalise.c)
 *	  tb_typeio.h		the shared I/O helpers
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
