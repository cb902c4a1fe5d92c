/*-------------------------------------------------------------------------
 *
 * tb_fold.h
 *	  ICU text folding shared by the answer and country parsers.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_FOLD_H
#define TB_FOLD_H

extern char *tb_fold_cstring(const char *src, int len);

#endif							/* TB_FOLD_H */
