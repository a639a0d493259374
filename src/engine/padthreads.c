/* Threads found inside a pad (engine/pads.c): interrupted by a stop of
 * every thread, given a signal there, or faulting in it. Each is moved to
 * where the program has the instruction it is at, or back on the site with
 * the registers the pad saved, before anything sees it; where neither can
 * be said, it is single-stepped (every signal held back) out of the pad. */
#include "arch/x86_64/pad.h"
#include "engine/pads_int.h"

#include <signal.h>
#include <stdlib.h>

/* t's registers as they were at the site, from the frame its pad pushed
 * (rbx points at it while the condition runs). */
static int roll_back(struct eng_process *p, struct eng_thread *t, const struct pad *pd)
{
    struct user_regs_struct *r = &t->regs;
    uint64_t f[X86_PAD_NREGS];
    size_t got = 0;
    if (tgt_read_mem(p->tp, r->rbx, f, sizeof f, &got) < 0 || got != sizeof f)
        return -1;
    r->r15 = f[X86_PAD_R15], r->r14 = f[X86_PAD_R14], r->r13 = f[X86_PAD_R13];
    r->r12 = f[X86_PAD_R12], r->r11 = f[X86_PAD_R11], r->r10 = f[X86_PAD_R10];
    r->r9 = f[X86_PAD_R9], r->r8 = f[X86_PAD_R8], r->rdi = f[X86_PAD_RDI];
    r->rsi = f[X86_PAD_RSI], r->rbp = f[X86_PAD_RBP], r->rdx = f[X86_PAD_RDX];
    r->rcx = f[X86_PAD_RCX], r->rax = f[X86_PAD_RAX], r->eflags = f[X86_PAD_RFLAGS];
    r->rsp = r->rbx + X86_PAD_FRAME_SIZE + X86_PAD_RED_ZONE;
    r->rbx = f[X86_PAD_RBX];
    r->rip = pd->plan.addr;
    t->regs_dirty = 1;
    return 0;
}

uint64_t eng_pad_fault(struct eng_process *p, struct eng_thread *t, int *in_condition)
{
    if (!eng_regs_of(p, t, NULL))
        return 0;
    struct user_regs_struct *r = &t->regs;
    struct pad *pd = eng_pad_containing(p, r->rip);
    if (!pd)
        return 0;
    uint64_t off = r->rip - pd->base;
    *in_condition = off >= pd->cond && off < pd->cond_end;
    if (off < pd->frame) {
        /* a push faulted (a stack at its end): only rsp has moved */
        r->rsp += x86_pad_pushed(off) + (off >= 5 ? X86_PAD_RED_ZONE : 0);
        r->rip = pd->plan.addr;
        t->regs_dirty = 1;
    } else if (off >= pd->restore || roll_back(p, t, pd) < 0) {
        return 0; /* the program's own instruction, in the copy */
    }
    if (!*in_condition)
        eng_pad_take_out(p, pd); /* the program's instruction runs, and faults as it would */
    return pd->plan.addr;
}

/* Which covered instruction's copy starts at offset off of pd, or -1. */
static int copied_insn(const struct pad *pd, uint64_t off)
{
    for (unsigned i = 0; i < pd->plan.ninsn; i++)
        if (off == pd->copy + pd->copy_off[i])
            return (int)i;
    return -1;
}

/* Where t stands in a pad, the way out without running anything: 1 when
 * it was put back on the site or into the program, 0 when it must be
 * stepped. */
static int put_out(struct eng_thread *t, const struct pad *pd)
{
    struct user_regs_struct *r = &t->regs;
    uint64_t off = r->rip - pd->base;
    int i = off >= pd->copy ? copied_insn(pd, off) : -1;
    if (off == 0 || off == pd->trap) {
        r->rip = pd->plan.addr; /* not started, or done and unchanged */
    } else if (off == 5) {
        r->rsp += X86_PAD_RED_ZONE; /* only the red zone skipped */
        r->rip = pd->plan.addr;
    } else if (i == 0 && pd->state != PAD_PLANTED) {
        /* about to run the copy: it passed the site, whose trap it must
         * not hit again (a signal's handler would return onto the jump
         * while it is there: the copy is stepped then) */
        r->rip = pd->plan.addr;
        t->site_done = pd->plan.addr;
    } else if (i > 0 && pd->state != PAD_PLANTED) {
        r->rip = pd->plan.addr + pd->plan.insn_off[i]; /* the program's bytes are back */
    } else {
        return 0; /* deciding, or inside the jump's bytes while it is there */
    }
    t->regs_dirty = 1;
    return 1;
}

/* One step of t, interrupts left over from a stop aside. */
static int step_once(struct eng_process *p, struct eng_thread *t, struct tgt_event *ev)
{
    if (eng_flush_regs(p, t, NULL) < 0)
        return -1;
    do {
        if (tgt_resume(p->tp, t->tid, TGT_STEP, 0, NULL) < 0 ||
            p->be->wait_thread(p->be, t->tid, ev, NULL) < 0)
            return -1;
    } while (ev->kind == TGT_EV_INTERRUPT);
    t->regs_valid = 0;
    return 0;
}

/* t ran the pad's int3 and was stopped (all-stop) before its SIGTRAP was
 * reported: the trap is taken now (a step reports a pending signal before
 * it runs anything), and t stands on the site with a hit to decide when
 * the target next runs, as a thread interrupted just after a site's int3.
 * Left at the int3's end, it would run on into the pad's restoring. */
static int take_pending_trap(struct session *s, struct eng_process *p, struct eng_thread *t,
                             const struct pad *pd)
{
    struct user_regs_struct before = t->regs;
    struct tgt_event ev;
    if (step_once(p, t, &ev) < 0)
        return -1;
    if (ev.kind != TGT_EV_SIGNAL || ev.sig != SIGTRAP) {
        eng_replay_later(s, &ev);
        return -1;
    }
    t->regs = before; /* the trap came before anything ran (else: undone) */
    t->regs.rip = pd->plan.addr;
    t->regs_valid = 1;
    t->regs_dirty = 1;
    t->site_done = pd->plan.addr;
    t->pending_hit = s->bp_hook != NULL;
    return 0;
}

/* Steps t (inside a pad, signals blocked) until it is out of it.
 * -1 when it ended or reported another event (replayed). */
static int step_out(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    for (int n = 0; n < 4096; n++) {
        if (!eng_regs_of(p, t, NULL))
            return -1;
        if (n > 0) {
            /* a step over the pad's popfq leaves the kernel's trap flag
             * looking like the program's own: it would stay set */
            t->regs.eflags &= ~0x100ull;
            t->regs_dirty = 1;
        }
        struct pad *pd = eng_pad_containing(p, t->regs.rip);
        if (!pd)
            return 0; /* back in the program */
        if (t->regs.rip == pd->base + pd->trap + 1)
            return take_pending_trap(s, p, t, pd);
        if (put_out(t, pd))
            return 0;
        struct tgt_event ev;
        if (step_once(p, t, &ev) < 0)
            return -1;
        if (ev.kind != TGT_EV_SIGNAL) {
            eng_replay_later(s, &ev);
            return -1;
        }
        if (ev.sig == SIGTRAP)
            continue;
        if (!eng_regs_of(p, t, NULL))
            return -1;
        uint64_t off = t->regs.rip - pd->base;
        if (off >= pd->cond && off < pd->cond_end)
            /* the condition's read faulted: back on the site as it was;
             * the hit is taken when it runs again and faults the same way */
            return roll_back(p, t, pd);
        int i = off >= pd->copy ? copied_insn(pd, off) : -1;
        if (i < 0)
            return -1;
        /* a displaced instruction of the program's faulted: with the
         * program's bytes back, it faults again where the program has it */
        eng_pad_take_out(p, pd);
        if (put_out(t, pd) && eng_flush_regs(p, t, NULL) == 0)
            return 0;
        return -1;
    }
    return -1;
}

int eng_pad_settle_thread(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    if (!eng_regs_of(p, t, NULL) || !eng_pads_contain(p, t->regs.rip))
        return 0;
    uint64_t mask;
    if (tgt_get_sigmask(p->tp, t->tid, &mask, NULL) < 0 || tgt_set_sigmask(p->tp, t->tid, ~0ull, NULL) < 0)
        return -1;
    t->ool_active = 0;
    int rc = step_out(s, p, t);
    tgt_set_sigmask(p->tp, t->tid, mask, NULL);
    return rc;
}

void eng_pads_suspend(struct session *s, struct eng_process *p)
{
    struct eng_pads *ps = p->pads;
    if (!ps || !ps->npages)
        return;
    /* the program's bytes first: a thread in a copy is then where the
     * program has that instruction */
    eng_pads_unplant_all(p);
    for (size_t i = 0; i < p->nthreads; i++) {
        struct eng_thread *t = p->threads[i];
        if (t->run == ENG_THREAD_STOPPED && !t->exiting)
            eng_pad_settle_thread(s, p, t);
    }
}

