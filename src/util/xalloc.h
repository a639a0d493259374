/* Allocation that does not fail: when memory runs out lindbg stops at once
 * (abort) rather than go on with a table half changed. The kernel detaches
 * the target then, or kills it when lindbg launched it. Everything lindbg
 * allocates goes through these; in particular no `p = realloc(p, n)`,
 * which loses p when it fails. */
#ifndef LINDBG_UTIL_XALLOC_H
#define LINDBG_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
