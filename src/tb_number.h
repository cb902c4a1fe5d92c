/*-------------------------------------------------------------------------
 *
 * tb_number.h
 *	  Numbers as typed on forms (src/number.c), shared with the answer
 *	  parser.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_NUMBER_H
#define TB_NUMBER_H

/* ',' for es/pt/fr, '.' for en, 0 for NULL; false for an unknown language */
extern bool tb_decimal_mark(const char *lang, char *mark);

/* NULL and *result on success, else why src[0..len) is not a number */
extern const char *tb_number_parse(const char *src, int len, char mark, double *result);

#endif							/* TB_NUMBER_H */
