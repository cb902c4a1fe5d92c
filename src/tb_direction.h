/*-------------------------------------------------------------------------
 *
 * tb_direction.h
 *	  An indicator's direction ('higher' or 'lower' is better), read once
 *	  for the normalisations and the gap functions (src/normalise.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_DIRECTION_H
#define TB_DIRECTION_H

extern bool tb_higher_is_better(text *direction);

#endif							/* TB_DIRECTION_H */
