/*-------------------------------------------------------------------------
 *
 * trafficking_baseline.c
 *	  Module entry point of the trafficking_baseline extension.
 *
 * Each type or family of functions lives in its own file under src/:
 *	  fold.c		ICU text folding for matching free-text answers
 *	  number.c		numbers as people type them on survey forms
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
