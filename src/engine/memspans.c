/* The mapped stretches of a process's address space, for commands that
 * walk a large range (s with L?): reading every page of a 128 TiB range to
 * learn that it is not there would never end. */
#include "engine/internal.h"

#include <stdlib.h>
#include <sys/mman.h>

int eng_mapped_spans(struct session *s, uint64_t lo, uint64_t hi, struct eng_span **out,
                     size_t *n, struct lerr *e)
{
    *out = NULL;
    *n = 0;
    struct eng_process *p = eng_cur_process(s);
    if (!p)
        return lerr_set(e, "No process");
    struct tgt_map map;
    if (tgt_read_map(p->tp, &map, e) < 0) {
        tgt_map_free(&map);
        return -1;
    }
    struct eng_span *v = calloc(map.n ? map.n : 1, sizeof *v);
    if (!v) {
        tgt_map_free(&map);
        return lerr_set(e, "Out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < map.n; i++) {
        const struct tgt_region *r = &map.r[i];
        uint64_t a = r->start > lo ? r->start : lo, b = r->end < hi ? r->end : hi;
        if (a >= b)
            continue;
        int writable = (r->prot & PROT_WRITE) != 0;
        /* neighbours join, so that a pattern across two mappings is found */
        if (k && v[k - 1].end == a && v[k - 1].writable == writable) {
            v[k - 1].end = b;
            continue;
        }
        v[k++] = (struct eng_span){a, b, writable};
    }
    tgt_map_free(&map);
    *out = v;
    *n = k;
    return 0;
}
