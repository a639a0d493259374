/* The current process's address space as the system describes it, for
 * commands that show it (!address): the backend reads it (/proc/PID/maps
 * for ptrace, the core's segments for a core file). */
#include "engine/session.h"

#include <stdlib.h>
#include <string.h>

/* The name shown for the pages lindbg itself mapped for out-of-line copies
 * (outofline.c): the program never asked for them. */
#define OOL_NAME "[lindbg out-of-line copies]"

int eng_memory_map(struct session *s, struct tgt_map *out, struct lerr *e)
{
    out->r = NULL;
    out->n = 0;
    struct eng_process *p = eng_cur_process(s);
    if (!p)
        return lerr_set(e, "No target: no process");
    if (tgt_read_map(p->tp, out, e) < 0)
        return -1;
    for (size_t i = 0; i < out->n; i++) {
        struct tgt_region *r = &out->r[i];
        for (size_t k = 0; k < p->nool && !r->path[0]; k++) {
            char *name;
            if (r->start == p->ool[k].base && (name = strdup(OOL_NAME))) {
                free(r->path);
                r->path = name;
            }
        }
    }
    return 0;
}
