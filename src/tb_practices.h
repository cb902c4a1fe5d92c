/*-------------------------------------------------------------------------
 *
 * tb_practices.h
 *	  The practice-set type (src/practices.c), as the adoption counts in
 *	  src/adoption.c read it.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_PRACTICES_H
#define TB_PRACTICES_H

#include "fmgr.h"

extern void tb_practices_foreach(Datum d, void (*fn) (void *arg, const char *p, int len), void *arg);

#endif							/* TB_PRACTICES_H */
