/*-------------------------------------------------------------------------
 *
 * typeio.c
 *	  Helpers shared by the I/O functions of the extension's types: how a
 *	  double is written in a text form, and how a receive function rejects
 *	  a message.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"

#include "tb_typeio.h"

/*
 * Append v as the shortest text that reads back to the same double,
 * whatever extra_float_digits says: text forms must round-trip.
 */
void
tb_append_double(StringInfo buf, double v)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, tmp);
	appendStringInfoString(buf, tmp);
}

/* Reject the binary message of a value of type (its SQL name); why is the detail. */
void
tb_invalid_binary(const char *type, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid external %s value", type),
			 errdetail("%s", why)));
}
