/*-------------------------------------------------------------------------
 *
 * tb_typeio.h
 *	  Helpers shared by the input, output, send and receive functions of
 *	  the extension's types (src/typeio.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_TYPEIO_H
#define TB_TYPEIO_H

#include "lib/stringinfo.h"

extern void tb_append_double(StringInfo buf, double v);
extern void tb_invalid_binary(const char *type, const char *why);

#endif							/* TB_TYPEIO_H */
