/* The variable references of one stop: a table whose positions are the
 * numbers handed to the client, cleared at once when the target runs, as
 * the protocol says references live only while the debuggee is stopped. */
#include "dap/dap_vars.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

int dapv_add(struct dapv_table *t, const struct dapv_ref *r)
{
    if (t->n >= DAPV_MAX_REFS)
        return 0;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->refs = xrealloc(t->refs, t->cap * sizeof *t->refs);
    }
    struct dapv_ref *n = &t->refs[t->n++];
    *n = *r;
    n->expr = r->expr ? xstrdup(r->expr) : NULL;
    return (int)t->n;
}

struct dapv_ref *dapv_get(struct dapv_table *t, long long id)
{
    if (id <= 0 || (unsigned long long)id > t->n)
        return NULL;
    return &t->refs[id - 1];
}

void dapv_clear(struct dapv_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->refs[i].expr);
    t->n = 0;
    cx_arena_free(&t->arena);
}
