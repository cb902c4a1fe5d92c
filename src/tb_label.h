/*-------------------------------------------------------------------------
 *
 * tb_label.h
 *	  Quoted labels in the text forms of tb_topk and tb_agreement: written
 *	  by escape_json, read back by tb_read_label (src/label.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_LABEL_H
#define TB_LABEL_H

#include "lib/stringinfo.h"

extern const char *tb_read_label(const char *p, StringInfo out, const char **why);

#endif							/* TB_LABEL_H */
