/*-------------------------------------------------------------------------
 *
 * tb_compat.h
 *	  What differs between the PostgreSQL majors the extension builds on
 *	  (15 and later).  Include it after postgres.h wherever it is needed.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_COMPAT_H
#define TB_COMPAT_H

/*
 * The varlena macros (VARSIZE, SET_VARSIZE, VARDATA ...) moved from
 * postgres.h to varatt.h in PostgreSQL 16, which postgres.h no longer
 * includes.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#endif							/* TB_COMPAT_H */
