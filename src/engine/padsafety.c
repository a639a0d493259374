/* Where a pad's jump may not be written now, beyond what the function's
 * own bytes say (patchrange.h): another breakpoint or trap in the bytes it
 * covers, a thread standing inside them or holding an address inside them
 * on its stack (a signal's handler returns there), an execute watch there,
 * and code anywhere else in the mapping that jumps into them. */
#include "arch/x86_64/branchscan.h"
#include "arch/x86_64/dr7.h"
#include "engine/pads_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Whether code anywhere in the executable mapping around plan's bytes
 * jumps into them (a function's own branches are checked with its bytes;
 * hand-written code jumps into other functions' middles too). 1 yes, 0 no,
 * -1 when it cannot be known. */
int eng_pad_jumped_into(struct eng_process *p, const struct x86_patch *plan)
{
    struct eng_pads *ps = p->pads;
    struct tgt_map map;
    int rc = -1;
    if (tgt_read_map(p->tp, &map, NULL) < 0) {
        tgt_map_free(&map);
        return -1;
    }
    const struct tgt_region *r = tgt_map_find(&map, plan->addr);
    struct scanned *sc = NULL;
    for (size_t i = 0; r && i < ps->nscans && !sc; i++)
        if (ps->scans[i].start == r->start && ps->scans[i].end == r->end &&
            !strcmp(ps->scans[i].path, r->path))
            sc = &ps->scans[i];
    if (!sc && r && (r->prot & PROT_EXEC) && r->end - r->start <= SCAN_MAX) {
        size_t len = r->end - r->start, got = 0;
        uint8_t *code = malloc(len);
        if (!code)
            abort();
        if (eng_read_program(p, r->start, code, len, &got) == 0 && got == len) {
            ps->scans = realloc(ps->scans, (ps->nscans + 1) * sizeof *ps->scans);
            if (!ps->scans)
                abort();
            sc = &ps->scans[ps->nscans++];
            *sc = (struct scanned){r->start, r->end, strdup(r->path), NULL, 0};
            if (!sc->path)
                abort();
            sc->n = x86_branch_targets(code, len, r->start, &sc->t);
        }
        free(code);
    }
    if (sc)
        rc = x86_targets_between(sc->t, sc->n, plan->addr, plan->addr + plan->len);
    tgt_map_free(&map);
    return rc;
}

/* The words near the top of every thread's stack, sorted, once a plan. A
 * thread running a signal's handler returns to the rip its frame holds
 * there: if that rip were inside the bytes a jump covers, the thread
 * would come back into the middle of the jump. A word that only looks
 * like such an address leaves the site an int3, no worse. */
static void read_stacks(struct eng_process *p)
{
    struct eng_pads *ps = p->pads;
    ps->stacks_read = 1;
    ps->stack_words = realloc(ps->stack_words, p->nthreads * STACK_SCAN + 8);
    if (!ps->stack_words)
        abort();
    for (size_t i = 0; i < p->nthreads; i++) {
        const struct user_regs_struct *r = eng_regs_of(p, p->threads[i], NULL);
        size_t got = 0;
        if (r)
            tgt_read_mem(p->tp, r->rsp & ~7ull, ps->stack_words + ps->nstack_words, STACK_SCAN,
                         &got);
        ps->nstack_words += got / 8;
    }
    ps->nstack_words = x86_addrs_sort(ps->stack_words, ps->nstack_words);
}

/* Why addr cannot take a jump over plan's bytes now, or NULL. */
const char *eng_pad_range_busy(struct eng_process *p, const struct x86_patch *plan)
{
    uint64_t a = plan->addr, end = a + plan->len;
    for (int i = 0; i < 4; i++)
        if (p->hw[i].refs && p->hw[i].access == DR_EXECUTE && p->hw[i].addr > a &&
            p->hw[i].addr < end)
            return "an execute breakpoint (ba e) lies in the bytes the jump covers";
    for (uint64_t x = a + 1; x < end; x++)
        if (bp_site_find(&p->sites, x))
            return "another breakpoint lies in the bytes the jump covers";
    for (size_t i = 0; i < p->ntraps; i++)
        if (p->traps[i].addr >= a && p->traps[i].addr < end)
            return "the debugger has a trap of its own there";
    for (size_t i = 0; i < p->nthreads; i++) {
        struct eng_thread *t = p->threads[i];
        if (t->run != ENG_THREAD_STOPPED)
            return "a thread is running";
        const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
        if (!r)
            return "a thread's registers cannot be read";
        /* a thread in a system call has its return address in rip */
        if (r->rip > a && r->rip < end)
            return "a thread stands inside the bytes the jump covers";
    }
    if (!p->pads->stacks_read)
        read_stacks(p);
    if (x86_targets_between(p->pads->stack_words, p->pads->nstack_words, a, end))
        return "a thread's stack holds an address inside the bytes the jump covers (a signal's handler may return there)";
    return NULL;
}

