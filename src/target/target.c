/* What every backend shares: the list of backends, the address-space
 * map's helpers. */
#include "target/target.h"

#include <stdlib.h>
#include <string.h>

static const struct tgt_backend *const backends[] = {&tgt_ptrace_backend};

const struct tgt_backend *tgt_backend_default(void) { return backends[0]; }

const struct tgt_backend *tgt_backend_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
        if (!strcmp(backends[i]->name, name))
            return backends[i];
    return NULL;
}

void tgt_map_free(struct tgt_map *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->r[i].path);
    free(m->r);
    m->r = NULL;
    m->n = 0;
}

const struct tgt_region *tgt_map_find(const struct tgt_map *m, uint64_t addr)
{
    for (size_t i = 0; i < m->n; i++)
        if (addr >= m->r[i].start && addr < m->r[i].end)
            return &m->r[i];
    return NULL;
}
