/*-------------------------------------------------------------------------
 *
 * tb_memory.h
 *	  Large buffers filled at once.  Include it after postgres.h.
 *
 *	  Each fresh 4 kB page a process touches costs it a fault (the kernel
 *	  zeroes, charges and maps the page); a parallel tb_matrix over 1M rows
 *	  spent a fifth of its processor time in them.  tb_huge_pages(p, len), for a
 *	  buffer about to be written from end to end, asks for transparent huge
 *	  pages over its 2 MB-aligned part where the kernel gives them on
 *	  request (Linux's "always" and "madvise" modes): one fault per 2 MB.
 *	  Advice only: the buffer stays the caller's, and nothing changes on a
 *	  kernel without them.
 *
 *-------------------------------------------------------------------------
 */
#ifndef TB_MEMORY_H
#define TB_MEMORY_H

#if defined(__linux__)
#include <sys/mman.h>
#endif

#define TB_HUGE_PAGE ((uintptr_t) 2 * 1024 * 1024)

static inline void
tb_huge_pages(void *p, Size len)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	uintptr_t	start = TYPEALIGN(TB_HUGE_PAGE, (uintptr_t) p);
	uintptr_t	end = TYPEALIGN_DOWN(TB_HUGE_PAGE, (uintptr_t) p + len);

	if (end > start)
		(void) madvise((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

#endif							/* TB_MEMORY_H */
