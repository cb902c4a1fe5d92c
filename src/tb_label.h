/*-------------------------------------------------------------------------
 *
 * tb_label.h
 *	  Labels of practices, rated units and top-k items: at most
 *	  TB_LABEL_MAX bytes everywhere, so that a label one type accepts every
 *	  other accepts too (a practice set feeds tb_adoption's units).  Quoted
 *	  in the text forms of tb_topk and tb_agreement: written by escape_json,
 *	  read back by tb_read_label (src/label.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_LABEL_H
#define TB_LABEL_H

#include "lib/stringinfo.h"

#define TB_LABEL_MAX 255		/* longest label, in bytes */

extern const char *tb_read_label(const char *p, StringInfo out, const char **why);

#endif							/* TB_LABEL_H */
