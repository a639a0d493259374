/* Processor breakpoints through the debug registers: four slots per
 * process, written into every thread (threads created later get them at
 * their first stop), cleared on detach. Data breakpoints beyond the four,
 * or all of them where the registers do not fire, go to pagewatch.c. */
#include "arch/x86_64/dr7.h"
#include "engine/internal.h"

#include <string.h>

static int write_thread(struct eng_process *p, struct eng_thread *t, struct lerr *e)
{
    /* DR7 off first, so no slot is live with a stale address */
    if (tgt_set_dreg(p->tp, t->tid, 7, 0, e) < 0)
        return -1;
    for (int i = 0; i < 4; i++)
        if (p->hw[i].refs && tgt_set_dreg(p->tp, t->tid, i, p->hw[i].addr, e) < 0)
            return -1;
    return p->dr7 ? tgt_set_dreg(p->tp, t->tid, 7, p->dr7, e) : 0;
}

static int write_all(struct eng_process *p, struct lerr *e)
{
    int rc = 0;
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i]->run != ENG_THREAD_STARTING && p->threads[i]->run != ENG_THREAD_ENDED &&
            write_thread(p, p->threads[i], e) < 0)
            rc = -1;
    return rc;
}

void eng_hw_thread_started(struct eng_process *p, struct eng_thread *t)
{
    if (p->dr7)
        write_thread(p, t, NULL);
}

int eng_hw_add(struct session *s, pid_t pid, uint64_t addr, int access, unsigned len,
               struct lerr *e)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (!p)
        return lerr_set(e, "No process %d", pid);
    if (eng_not_live(p, "have breakpoints", e) < 0)
        return -1;
    for (size_t i = 0; i < p->nwatches; i++)
        if (p->watches[i].addr == addr && p->watches[i].access == access &&
            p->watches[i].len == len)
            return eng_watch_add(s, p, addr, access, len, e);
    if (s->hw_emulate || !eng_can(p, TGT_CAP_DEBUG_REGS)) {
        if (access == DR_EXECUTE)
            return lerr_set(e, "Execute breakpoints are not emulated by page protection");
        return eng_watch_add(s, p, addr, access, len, e);
    }
    int free_slot = -1;
    for (int i = 0; i < 4; i++) {
        struct eng_hw_slot *h = &p->hw[i];
        if (h->refs && h->addr == addr && h->access == access && h->len == len) {
            h->refs++;
            return 0;
        }
        if (!h->refs && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0 && access != DR_EXECUTE)
        return eng_watch_add(s, p, addr, access, len, e); /* beyond the four */
    if (free_slot < 0)
        return lerr_set(e, "No free debug register: all four are in use");
    uint64_t old7 = p->dr7;
    p->hw[free_slot] = (struct eng_hw_slot){addr, access, len, 1};
    p->dr7 = dr7_set(p->dr7, free_slot, (enum dr_access)access, len);
    if (write_all(p, e) < 0) {
        p->hw[free_slot].refs = 0;
        p->dr7 = old7;
        write_all(p, NULL);
        return -1;
    }
    return 0;
}

void eng_hw_remove(struct session *s, pid_t pid, uint64_t addr, int access, unsigned len)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    for (int i = 0; p && i < 4; i++) {
        struct eng_hw_slot *h = &p->hw[i];
        if (h->refs && h->addr == addr && h->access == access && h->len == len) {
            if (--h->refs == 0) {
                p->dr7 = dr7_clear(p->dr7, i);
                write_all(p, NULL);
            }
            return;
        }
    }
    if (p)
        eng_watch_remove(s, p, addr, access, len);
}

int eng_hw_emulated(struct session *s, pid_t pid, uint64_t addr, int access, unsigned len)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    for (size_t i = 0; p && i < p->nwatches; i++)
        if (p->watches[i].addr == addr && p->watches[i].access == access &&
            p->watches[i].len == len)
            return 1;
    return 0;
}

int eng_hw_apply(struct session *s, struct eng_thread *t, struct lerr *e)
{
    struct eng_process *p = NULL;
    if (!t || !eng_find_thread(s, t->tid, &p))
        return lerr_set(e, "No thread");
    if (eng_not_live(p, "be written", e) < 0)
        return -1;
    return write_thread(p, t, e);
}

void eng_hw_clear_for_detach(struct eng_process *p)
{
    for (size_t i = 0; i < p->nthreads && eng_can(p, TGT_CAP_DEBUG_REGS); i++)
        tgt_set_dreg(p->tp, p->threads[i]->tid, 7, 0, NULL);
    memset(p->hw, 0, sizeof p->hw);
    p->dr7 = 0;
}

/* The slot that fired for t (DR6), reset for the next one. -1: none. */
int eng_hw_fired(struct eng_process *p, struct eng_thread *t)
{
    uint64_t dr6 = 0;
    if (tgt_get_dreg(p->tp, t->tid, 6, &dr6, NULL) < 0)
        return -1;
    tgt_set_dreg(p->tp, t->tid, 6, 0, NULL);
    int slot = dr6_slot(dr6);
    return slot >= 0 && p->hw[slot].refs ? slot : -1;
}

int eng_probe_debug_registers(struct session *s, struct lerr *e)
{
    if (!(s->be->caps & TGT_CAP_DEBUG_REGS))
        return 0; /* as registers that never fire: breakpoints are emulated */
    return s->be->probe_debug_registers(s->be, e);
}

int eng_data_watches(const struct eng_process *p, struct eng_hit *out, int max)
{
    int n = 0;
    for (int i = 0; i < 4 && n < max; i++)
        if (p->hw[i].refs && p->hw[i].access != DR_EXECUTE)
            out[n++] = (struct eng_hit){p->hw[i].addr, 1, p->hw[i].access, p->hw[i].len};
    for (size_t i = 0; i < p->nwatches && n < max; i++)
        out[n++] = (struct eng_hit){p->watches[i].addr, 1, p->watches[i].access,
                                    p->watches[i].len};
    return n;
}
