/* System calls made by a stopped thread of the target on lindbg's behalf
 * (mprotect for data breakpoints emulated by page protection). Two ways,
 * by where the thread stands:
 *  - at an ordinary stop: its registers are saved, rip is pointed at a
 *    `syscall` instruction found in the vDSO, the thread single-steps it,
 *    and the registers come back (orig_rax -1 meanwhile, so that an
 *    interrupted call of its own is not restarted into ours);
 *  - at a system-call entry stop: the call about to run is swapped for ours
 *    (orig_rax), and at its exit the thread is sent back over its own
 *    `syscall` instruction, so it stands at the same entry stop again.
 * Signals that arrive meanwhile are kept for the thread's next resume. */
#include "engine/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A `syscall` (0f 05) anywhere in the vDSO: jumping to those two bytes runs
 * it, whatever instruction they belong to. */
static uint64_t find_gadget(struct eng_process *p)
{
    struct tgt_map map;
    uint64_t start = 0, end = 0, found = 0;
    if (tgt_read_map(p->tp, &map, NULL) == 0) {
        for (size_t i = 0; i < map.n; i++) {
            if (strstr(map.r[i].path, "[vdso]")) {
                start = map.r[i].start;
                end = map.r[i].end;
                break;
            }
        }
    }
    tgt_map_free(&map);
    if (!start || end <= start || end - start > (1u << 20))
        return 0;
    uint8_t *buf = malloc(end - start);
    size_t got = 0;
    if (buf) {
        tgt_read_mem(p->tp, start, buf, end - start, &got);
        for (size_t i = 0; i + 1 < got && !found; i++)
            if (buf[i] == 0x0f && buf[i + 1] == 0x05)
                found = start + i;
    }
    free(buf);
    return found;
}

static void keep_signal(struct eng_thread *t, int sig)
{
    if (!t->pending_sig)
        t->pending_sig = sig;
}

/* Resumes t (how) until an event of the wanted kind; signals are kept for
 * later and the resume repeated. An int3 the thread ran just before it was
 * stopped (its SIGTRAP still pending) sets *own_trap: that trap is to run
 * again once the thread is back where it was, so that its hit is seen.
 * -1 when the thread ended. */
static int run_to(struct eng_process *p, struct eng_thread *t, enum tgt_resume how,
                  struct tgt_event *ev, int *own_trap, struct lerr *e)
{
    for (;;) {
        if (tgt_resume(p->tp, t->tid, how, 0, e) < 0 || p->be->wait_thread(p->be, t->tid, ev, e) < 0)
            return -1;
        if (ev->kind == TGT_EV_EXITING)
            t->exiting = 1; /* its next resume lets it end */
        if (ev->kind == TGT_EV_EXITED || ev->kind == TGT_EV_KILLED || ev->kind == TGT_EV_EXITING)
            return lerr_set(e, "Thread %d ended during a system call made for the debugger", t->tid);
        if (ev->kind == TGT_EV_SIGNAL && ev->cause == TGT_CAUSE_INT3) {
            *own_trap = 1;
            continue;
        }
        if (how == TGT_STEP && ev->kind == TGT_EV_SIGNAL && ev->sig == SIGTRAP)
            return 0;
        if (how == TGT_SYSCALL && ev->kind == TGT_EV_SYSCALL)
            return 0;
        /* a fault raised by the thread's own instruction before we took it
         * over is raised again when it runs that instruction again: only
         * signals sent to it are kept */
        if (ev->kind == TGT_EV_SIGNAL && !tgt_event_is_fault(ev))
            keep_signal(t, ev->sig);
    }
}

static int at_ordinary_stop(struct eng_process *p, struct eng_thread *t,
                            const struct user_regs_struct *saved, long nr, const uint64_t a[6],
                            int64_t *ret, int *own_trap, struct lerr *e)
{
    if (!p->sc_gadget)
        p->sc_gadget = find_gadget(p);
    if (!p->sc_gadget)
        return lerr_set(e, "No syscall instruction found in the target's vDSO");
    struct user_regs_struct r = *saved;
    r.rip = p->sc_gadget;
    r.rax = (unsigned long long)nr;
    r.orig_rax = ~0ull;
    r.rdi = a[0];
    r.rsi = a[1];
    r.rdx = a[2];
    r.r10 = a[3];
    r.r8 = a[4];
    r.r9 = a[5];
    const struct user_regs_struct inject = r;
    struct tgt_event ev;
    /* a step that begins at a system-call stop (exec's) can be reported
     * at that call's exit, before the instruction ran, with rax set to
     * that call's result: set the registers again and step again */
    for (int tries = 0; tries < 3; tries++) {
        if (tgt_set_regs(p->tp, t->tid, &inject, e) < 0 || run_to(p, t, TGT_STEP, &ev, own_trap, e) < 0 ||
            tgt_get_regs(p->tp, t->tid, &r, e) < 0)
            return -1;
        if (r.rip != p->sc_gadget)
            break;
    }
    if (r.rip != p->sc_gadget + 2)
        return lerr_set(e, "The system call made for the debugger did not complete");
    *ret = (int64_t)r.rax;
    return 0;
}

static int at_syscall_entry(struct eng_process *p, struct eng_thread *t,
                            const struct user_regs_struct *saved, long nr, const uint64_t a[6],
                            int64_t *ret, int *own_trap, struct lerr *e)
{
    struct user_regs_struct r = *saved;
    r.orig_rax = (unsigned long long)nr;
    r.rdi = a[0];
    r.rsi = a[1];
    r.rdx = a[2];
    r.r10 = a[3];
    r.r8 = a[4];
    r.r9 = a[5];
    struct tgt_event ev;
    if (tgt_set_regs(p->tp, t->tid, &r, e) < 0 || run_to(p, t, TGT_SYSCALL, &ev, own_trap, e) < 0 ||
        tgt_get_regs(p->tp, t->tid, &r, e) < 0)
        return -1;
    *ret = (int64_t)r.rax;
    /* back over the thread's own syscall instruction, to its entry stop */
    r = *saved;
    r.rip -= 2;
    r.rax = saved->orig_rax;
    if (tgt_set_regs(p->tp, t->tid, &r, e) < 0 || run_to(p, t, TGT_SYSCALL, &ev, own_trap, e) < 0)
        return -1;
    if (ev.sc_exit)
        return lerr_set(e, "Thread %d did not re-enter its system call", t->tid);
    return 0;
}

/* Which stopped thread is best placed: 0 at an ordinary stop, 1 at a
 * system call's entry (the call is swapped), 2 inside a clone or fork (it
 * is finished first), 3 cannot. */
static int rank(const struct eng_thread *t)
{
    if (t->run != ENG_THREAD_STOPPED || t->exiting)
        return 3; /* on its way out: running it would end it */
    return t->in_event ? 2 : t->sc_entry ? 1 : 0;
}

struct eng_thread *eng_syscall_thread(struct eng_process *p)
{
    struct eng_thread *best = NULL;
    for (size_t i = 0; i < p->nthreads; i++)
        if (rank(p->threads[i]) < 3 && (!best || rank(p->threads[i]) < rank(best)))
            best = p->threads[i];
    return best;
}

/* t stopped at a clone or fork event, inside that call: our call would
 * take its place (the program would see our result as its own). Another
 * thread makes ours; without one, t's call is finished first (it stops at
 * the call's exit with the program's result), which a vfork cannot do
 * without waiting for its child. Returns the thread to use, or NULL. */
static struct eng_thread *out_of_event(struct eng_process *p, struct eng_thread *t,
                                       int *own_trap, struct lerr *e)
{
    struct eng_thread *other = eng_syscall_thread(p);
    if (other && !other->in_event)
        return other;
    if (t->in_event == 2) {
        lerr_set(e, "Process %d cannot make a system call for the debugger now: its thread "
                    "waits in vfork for its child", p->index);
        return NULL;
    }
    struct tgt_event ev;
    if (eng_flush_regs(p, t, e) < 0 || run_to(p, t, TGT_SYSCALL, &ev, own_trap, e) < 0)
        return NULL;
    t->in_event = 0;
    t->sc_entry = 0;
    return t;
}

int eng_remote_syscall(struct eng_process *p, struct eng_thread *t, long nr, const uint64_t a[6],
                       int64_t *ret, struct lerr *e)
{
    if (!eng_can(p, TGT_CAP_INJECT))
        return lerr_set(e, "The %s backend cannot run system calls in the target", p->be->name);
    int own_trap = 0;
    if (t->in_event && !(t = out_of_event(p, t, &own_trap, e)))
        return -1;
    struct user_regs_struct saved;
    if (eng_flush_regs(p, t, e) < 0 || tgt_get_regs(p->tp, t->tid, &saved, e) < 0)
        return -1;
    int rc = t->sc_entry ? at_syscall_entry(p, t, &saved, nr, a, ret, &own_trap, e)
                         : at_ordinary_stop(p, t, &saved, nr, a, ret, &own_trap, e);
    if (own_trap)
        saved.rip--; /* back on its int3: it traps again, and is seen */
    if (tgt_set_regs(p->tp, t->tid, &saved, rc < 0 ? NULL : e) < 0 && rc == 0)
        rc = -1;
    return rc;
}
