/* What every backend shares: the address-space map's helpers. */
#include "target/target.h"

#include <stdlib.h>

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
