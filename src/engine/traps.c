/* The engine's own traps (the loader's, `p` and `gu` return traps) and how
 * a thread gets past a site: emulated in lindbg when the instruction is a
 * simple one (function entries, plain loads, stores and arithmetic), else
 * lifted, single-stepped alone and put back. */
#include "arch/x86_64/emulate.h"
#include "arch/x86_64/memaccess.h"
#include "engine/internal.h"

#include <stdlib.h>
#include <string.h>

int eng_trap_add(struct eng_process *p, enum eng_trap_kind kind, uint64_t addr, pid_t tid,
                 uint64_t sp, struct lerr *e)
{
    eng_pads_unplant_at(p, addr); /* a pad would jump over it */
    if (bp_site_ref(&p->sites, p->tp, addr, e) < 0)
        return -1;
    p->traps = realloc(p->traps, (p->ntraps + 1) * sizeof *p->traps);
    if (!p->traps)
        abort();
    p->traps[p->ntraps++] = (struct eng_trap){kind, addr, tid, sp, 0};
    return 0;
}

static void site_unref(struct eng_process *p, uint64_t addr)
{
    eng_pads_unplant_at(p, addr); /* its bytes back before its trap goes */
    struct bp_site *site = bp_site_find(&p->sites, addr);
    uint64_t slot = site ? site->slot : 0;
    bp_site_unref(&p->sites, p->tp, addr, NULL);
    if (slot && !bp_site_find(&p->sites, addr))
        eng_ool_site_gone(p, slot);
}

long eng_trap_find(const struct eng_process *p, enum eng_trap_kind kind, uint64_t addr)
{
    for (size_t i = 0; i < p->ntraps; i++)
        if (p->traps[i].kind == kind && p->traps[i].addr == addr)
            return (long)i;
    return -1;
}

void eng_trap_remove_at(struct eng_process *p, size_t i)
{
    site_unref(p, p->traps[i].addr);
    p->traps[i] = p->traps[--p->ntraps];
}

void eng_trap_remove_kind(struct eng_process *p, enum eng_trap_kind kind)
{
    for (size_t i = 0; i < p->ntraps;) {
        if (p->traps[i].kind == kind) {
            site_unref(p, p->traps[i].addr);
            p->traps[i] = p->traps[--p->ntraps];
        } else {
            i++;
        }
    }
}

/* Memory as the program sees it: our traps hidden from reads, kept under
 * writes. */
static int mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct eng_process *p = ctx;
    if (tgt_read_mem(p->tp, addr, buf, len, NULL) != 0)
        return -1;
    bp_sites_hide(&p->sites, addr, buf, len);
    eng_pads_hide(p, addr, buf, len);
    return 0;
}

static int mem_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
    struct eng_process *p = ctx;
    return bp_sites_write(&p->sites, p->tp, addr, buf, len, NULL);
}

struct x86_mem eng_program_memory(struct eng_process *p)
{
    return (struct x86_mem){p, mem_read, mem_write};
}

int eng_thread_on_site(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    (void)s;
    if (!t->site_done || !p->sites.n)
        return 0;
    /* its registers may have been read again since (a system call made
     * for lindbg in between): the hit stays taken while rip is there */
    const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
    return r && r->rip == t->site_done && bp_site_find(&p->sites, r->rip) != NULL;
}

int eng_pass_site_alone(struct eng_process *p, struct eng_thread *t)
{
    if (!t->regs_valid)
        return 0;
    if (eng_ool_enter(p, t))
        return 1;
    uint8_t code[16];
    size_t got = 0;
    tgt_read_mem(p->tp, t->regs.rip, code, sizeof code, &got);
    bp_sites_hide(&p->sites, t->regs.rip, code, got);
    struct x86_mem mem = eng_program_memory(p);
    /* what cannot run out of line: relative jumps and calls; and, where
     * no copy could be made, function entries first, then the plain
     * loads, stores and arithmetic that data breakpoints emulate too */
    if (!x86_emulate(code, got, &t->regs, &mem) && !x86_emulate_mem(code, got, &t->regs, &mem))
        return 0;
    t->regs_dirty = 1;
    return 1;
}

/* Events of the stepping thread that are not the step itself are handed
 * back to the run loop. */
void eng_replay_later(struct session *s, const struct tgt_event *ev)
{
    if (s->nreplay < sizeof s->replay / sizeof s->replay[0])
        s->replay[s->nreplay++] = *ev;
}

int eng_step_past_site(struct session *s, struct eng_process *p, struct eng_thread *t, int *sigp,
                       struct lerr *e)
{
    /* a signal to deliver goes with the resume, after the instruction has
     * run from its copy (eng_ool_before_signal; a fault of its own comes
     * back then); it is not emulated then: the signal may be that
     * instruction's fault, which an emulation through the debugger's
     * access to memory would not raise */
    if (*sigp ? eng_ool_enter(p, t) : eng_pass_site_alone(p, t))
        return 0;
    int sig = *sigp;
    *sigp = 0; /* delivered with the step */
    uint64_t addr = t->regs.rip;
    struct bp_site *site = bp_site_find(&p->sites, addr);
    if (!site)
        return 0;
    if (eng_flush_regs(p, t, e) < 0 || bp_site_lift(site, p->tp, e) < 0)
        return -1;
    int rc = 0;
    if (tgt_resume(p->tp, t->tid, TGT_STEP, sig, e) < 0)
        rc = -1;
    while (rc == 0) {
        struct tgt_event ev;
        if (p->be->wait_thread(p->be, t->tid, &ev, e) < 0) {
            rc = -1;
            break;
        }
        if (ev.kind == TGT_EV_SIGNAL && ev.sig == SIGTRAP)
            break; /* stepped */
        if (ev.kind == TGT_EV_EXITED || ev.kind == TGT_EV_KILLED || ev.kind == TGT_EV_EXEC ||
            ev.kind == TGT_EV_EXITING) {
            eng_replay_later(s, &ev);
            return -1; /* the site went with the thread or its address space */
        }
        int again_sig = 0;
        if (tgt_event_is_fault(&ev)) {
            /* the stepped instruction itself faulted: that is an event for
             * the user (first chance), not something to deliver now */
            eng_replay_later(s, &ev);
            rc = 1;
            break;
        }
        if (ev.kind == TGT_EV_SIGNAL)
            again_sig = ev.sig; /* arrived first: deliver it with the step */
        else if (ev.kind == TGT_EV_CLONE)
            eng_thread_created(s, p, ev.new_tid);
        else if (ev.kind == TGT_EV_FORK)
            eng_fork_child(s, p, ev.new_tid, ev.vfork);
        if (tgt_resume(p->tp, t->tid, TGT_STEP, again_sig, e) < 0)
            rc = -1;
    }
    site = bp_site_find(&p->sites, addr);
    if (site && bp_site_drop(site, p->tp, e) < 0)
        rc = -1;
    return rc;
}


struct eng_process *eng_process_by_pid(struct session *s, pid_t pid)
{
    for (size_t i = 0; i < s->nprocs; i++)
        if (s->procs[i]->pid == pid)
            return s->procs[i];
    return NULL;
}

int eng_user_site_add(struct session *s, pid_t pid, uint64_t addr, struct lerr *e)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (!p)
        return lerr_set(e, "No process %d", pid);
    if (eng_not_live(p, "have breakpoints", e) < 0)
        return -1;
    if (p->vfork_parent)
        return lerr_set(e, "Process %d shares its parent's memory until it execs (vfork): "
                           "breakpoints in it wait for its exec (bu)", p->index);
    eng_pads_unplant_at(p, addr);
    if (bp_site_ref(&p->sites, p->tp, addr, e) < 0)
        return -1;
    /* a breakpoint set where the thread the user looks at stands is for
     * the next time it gets there, not for the instruction it is on (as in
     * WinDbg and GDB) */
    struct eng_thread *t = p == eng_cur_process(s) ? eng_cur_thread(s) : NULL;
    const struct user_regs_struct *r = t && t->run != ENG_THREAD_RUNNING ? eng_regs_of(p, t, NULL) : NULL;
    if (r && r->rip == addr)
        t->site_done = addr;
    return 0;
}

void eng_user_site_remove(struct session *s, pid_t pid, uint64_t addr)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (p)
        site_unref(p, addr);
}
