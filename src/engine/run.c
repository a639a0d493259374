/* Run control in all-stop mode. Threads are resumed, then events are read
 * until one of them is a reason to stop for the user; from then on every
 * other thread is interrupted, and the prompt comes back only when no
 * thread runs. Events that do not stop (thread creation, signals that pass
 * silently, the loader's trap) let the thread that reported them go on at
 * once, or, when it stands on a trap it cannot be moved past by emulation,
 * after every thread was stopped ("quiesce") so that none runs through the
 * lifted trap unseen. */
#include "engine/internal.h"
#include "engine/runloop.h"
#include "engine/session.h"
#include "arch/x86_64/dr7.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>



/* While a data breakpoint (w or r) is active, threads stop at system
 * calls so that the kernel's writes into watched memory are seen; with
 * none, they run with nothing added. */
static int watching_syscalls(const struct eng_process *p)
{
    if (!eng_can(p, TGT_CAP_KERNEL_WRITE_WATCH))
        return 0; /* unseen there: page watches are not set without it */
    if (p->nwatches)
        return 1;
    for (int i = 0; i < 4; i++)
        if (p->hw[i].refs && p->hw[i].access != DR_EXECUTE)
            return 1;
    return 0;
}

int eng_run_resume(struct eng_process *p, struct eng_thread *t, enum tgt_resume how, int sig,
                  struct lerr *e)
{
    if (t->exiting) {
        how = TGT_CONT; /* on its way out: it only ends */
        sig = 0;
    }
    if (how == TGT_CONT && watching_syscalls(p))
        how = TGT_SYSCALL;
    if (how == TGT_STEP) {
        struct user_regs_struct tmp, *r = t->regs_valid ? &t->regs : NULL;
        if (!r && tgt_get_regs(p->tp, t->tid, &tmp, e) == 0)
            r = &tmp;
        t->step_from = r ? r->rip : 0;
    }
    /* the caller's buffer when it gave one (the message goes there as
     * before), else one of ours: the code is needed either way */
    struct lerr local = {.code = LERR_NONE}, *le = e ? e : &local;
    if (eng_flush_regs(p, t, le) < 0 && le->code != LERR_GONE)
        return -1;
    if (tgt_resume(p->tp, t->tid, how, sig, le) < 0) {
        if (le->code != LERR_GONE)
            return -1;
        /* killed by someone else while stopped: its death is waiting to be
         * read, so it counts as running until then */
    }
    t->run = ENG_THREAD_RUNNING;
    /* what it may die of (exits.c); a resume without one clears it: a
     * signal it survived (handled, then interrupted) must not make it the
     * thread that took another's fatal one */
    t->last_sig = sig;
    t->site_done = 0;
    t->in_event = 0;
    t->stepping = how == TGT_STEP;
    t->sc_entry = 0;
    t->pending_kw = 0;
    t->throw_pending = 0;
    return 0;
}

void eng_run_decide(struct session *s, struct run *r, struct eng_process *p, struct eng_thread *t,
                   enum eng_stop_kind kind, int sig, const siginfo_t *si)
{
    r->decided = 1;
    memset(&s->last_stop, 0, sizeof s->last_stop);
    s->last_stop.kind = kind;
    s->last_stop.pid = p ? p->pid : 0;
    s->last_stop.tid = t ? t->tid : 0;
    s->last_stop.sig = sig;
    if (si)
        s->last_stop.si = *si;
    if (kind == ENG_STOP_BREAKIN)
        s->breakin_requested = 0; /* answered */
    if (p && t) {
        eng_select(s, p, t->tid);
        s->event_tid = t->tid;
    }
}

#define IN(state) (1u << (state))

/* Whether a thread of the session is in one of `states` (IN(...) bits). */
static int any_thread_in(const struct session *s, unsigned states)
{
    for (size_t i = 0; i < s->nprocs; i++)
        for (size_t j = 0; j < s->procs[i]->nthreads; j++)
            if (states & IN(s->procs[i]->threads[j]->run))
                return 1;
    return 0;
}

/* Threads whose next stop or first stop is still to come. */
static int anything_running(const struct session *s)
{
    return any_thread_in(s, IN(ENG_THREAD_RUNNING) | IN(ENG_THREAD_STARTING));
}

/* Every running thread is interrupted, even one thought to have an
 * interrupt on its way: an interrupt sent before a thread entered another
 * stop (a breakpoint's SIGTRAP) may never be reported, and a thread blocked
 * in the kernel (pthread_join) would then be waited for forever. Extra
 * interrupt stops are harmless: they are taken as leftovers. */
static void stop_others(struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            struct eng_thread *t = p->threads[j];
            if (t->run != ENG_THREAD_RUNNING)
                continue;
            /* a leader that exited while its threads run cannot stop (nor
             * be resumed) until they have ended: not waited for */
            if (t->tid == p->pid && p->nthreads > 1 && tgt_thread_ended(p->tp, t->tid))
                t->run = ENG_THREAD_ENDED;
            else
                p->be->interrupt(p->be, t->tid);
        }
    }
}

int eng_take_early_stop(struct session *s, pid_t tid)
{
    for (size_t i = 0; i < s->nearly; i++) {
        if (s->early[i] == tid) {
            s->early[i] = s->early[--s->nearly];
            return 1;
        }
    }
    return 0;
}

struct eng_thread *eng_thread_created(struct session *s, struct eng_process *p, pid_t tid)
{
    struct eng_thread *nt = eng_add_thread(p, tid);
    nt->run = eng_take_early_stop(s, tid) ? ENG_THREAD_STOPPED : ENG_THREAD_STARTING;
    if (nt->run != ENG_THREAD_STARTING) {
        eng_hw_thread_started(p, nt);
        eng_exits_thread_started(p, nt);
    }
    struct eng_event ev = {.kind = ENG_EVT_THREAD_CREATE, .pid = p->pid, .tid = tid,
                           .proc_index = p->index, .thread_index = nt->index};
    eng_emit(s, &ev);
    return nt;
}

/* Resumes every stopped thread that is not frozen. The ones that stand on
 * a trap are moved past it first, all of them before any thread runs: one
 * moved by lifting the trap must not let another run through it. A thread
 * on its way out is resumed even when frozen or suspended: it can only
 * end, and while it is held its process cannot (its leader's end would
 * never be reported). */
static int resume_all(struct session *s, enum eng_go_mode mode, struct lerr *e)
{
    struct go {
        struct eng_process *p;
        struct eng_thread *t;
        int sig, skip;
    } *go = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            struct eng_thread *t = p->threads[j];
            if (t->run != ENG_THREAD_STOPPED || (!t->exiting && (t->frozen || t->suspend > 0)))
                continue;
            int sig = t->pending_sig;
            if (mode == ENG_GO_HANDLED && t->tid == s->event_tid)
                sig = 0;
            t->pending_sig = 0;
            if (sig)
                t->last_sig = sig; /* even when a step past a site gives it */
            if (n == cap && !(go = realloc(go, (cap = cap ? 2 * cap : 16) * sizeof *go)))
                abort();
            go[n++] = (struct go){p, t, sig, 0};
        }
    }
    /* every thread is stopped: the moment to watch the exits of a process
     * one of whose threads may die of what it is given */
    for (size_t k = 0; k < n; k++)
        if (eng_exits_needed(s, go[k].p, go[k].sig))
            eng_exits_watch(go[k].p);
    for (size_t k = 0; k < n; k++)
        if (!go[k].t->exiting && eng_thread_on_site(s, go[k].p, go[k].t) &&
            eng_step_past_site(s, go[k].p, go[k].t, &go[k].sig, e) != 0)
            go[k].skip = 1; /* gone, or faulted: the replayed event says */
    int resumed = 0;
    for (size_t k = 0; k < n; k++) {
        if (go[k].skip || (go[k].sig && eng_ool_before_signal(s, go[k].p, go[k].t) < 0)) {
            /* it stays stopped (another event of its own is replayed): its
             * signal waits for its next resume */
            if (go[k].sig && !go[k].t->pending_sig && eng_find_thread(s, go[k].t->tid, NULL))
                go[k].t->pending_sig = go[k].sig;
            continue;
        }
        if (eng_run_resume(go[k].p, go[k].t, TGT_CONT, go[k].sig, e) == 0)
            resumed++;
    }
    free(go);
    return resumed;
}

static void on_fork(struct session *s, struct run *r, struct eng_process *p, struct eng_thread *t,
                    const struct tgt_event *ev, struct lerr *e);

static void on_clone(struct session *s, struct run *r, struct eng_process *p,
                     struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    pid_t new_tid = ev->new_tid;
    pid_t tgid = tgt_thread_group(p->tp, new_tid);
    if (tgid && tgid != p->pid) {
        /* clone without CLONE_THREAD: a process of its own, as after fork
         * (with CLONE_VM it shares memory like a vfork child) */
        struct tgt_event fe = *ev;
        fe.kind = TGT_EV_FORK;
        fe.vfork = 0;
        on_fork(s, r, p, t, &fe, e);
        return;
    }
    struct eng_thread *nt = eng_thread_created(s, p, new_tid);
    if (s->stop_on_thread_create && !r->decided) {
        eng_run_decide(s, r, p, t, ENG_STOP_THREAD_CREATE, 0, NULL);
        s->last_stop.tid = new_tid;
        return;
    }
    if (!r->decided && !r->quiesce) {
        if (nt->run != ENG_THREAD_STARTING)
            eng_run_resume(p, nt, TGT_CONT, 0, e);
        eng_run_resume(p, t, t->stepping ? TGT_STEP : TGT_CONT, 0, e);
    }
}

static void on_fork(struct session *s, struct run *r, struct eng_process *p, struct eng_thread *t,
                    const struct tgt_event *ev, struct lerr *e)
{
    struct eng_process *np = eng_fork_child(s, p, ev->new_tid, ev->vfork);
    if (np && s->stop_on_proc_create && !r->decided) {
        eng_run_decide(s, r, np, np->threads[0], ENG_STOP_PROCESS_CREATE, 0, NULL);
        return;
    }
    if (r->decided || r->quiesce)
        return; /* the child waits with the others */
    eng_run_resume(p, t, TGT_CONT, 0, e);
    if (np)
        eng_run_resume(np, np->threads[0], TGT_CONT, 0, e);
}

static void on_interrupt(struct session *s, struct run *r, struct eng_process *p,
                         struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    if (t->run == ENG_THREAD_STARTING) {
        t->run = ENG_THREAD_STOPPED;
        eng_hw_thread_started(p, t); /* debug registers are not inherited */
        eng_exits_thread_started(p, t);
        if (!r->decided && !r->quiesce)
            eng_run_resume(p, t, TGT_CONT, 0, e);
        return;
    }
    if (r->decided || r->quiesce)
        return; /* stopped as asked */
    if (s->breakin_requested && !ev->group_stop) {
        eng_run_decide(s, r, p, t, ENG_STOP_BREAKIN, 0, NULL);
        return;
    }
    /* A job-control stop, or an interrupt left over from an earlier stop:
     * neither is a reason to stop for the user. */
    eng_run_resume(p, t, t->stepping ? TGT_STEP : TGT_CONT, 0, e);
}

/* An int3 at one of our sites. Returns 0 when the trap is not ours. */
static int on_trap_hit(struct session *s, struct run *r, struct eng_process *p,
                       struct eng_thread *t, struct lerr *e)
{
    struct user_regs_struct *regs = eng_regs(s, t, e);
    if (!regs)
        return 0;
    uint64_t padded = p->pads ? eng_pad_trap_site(p, regs->rip - 1) : 0;
    if (padded) {
        /* a pad could not decide: every register is the program's, the
         * thread is put on the site, as if its int3 had run */
        regs->rip = padded + 1;
        t->regs_dirty = 1;
    }
    if (!bp_site_find(&p->sites, regs->rip - 1)) {
        /* A trap of ours that is gone: the thread ran into it, but an
         * interrupt was reported first and the SIGTRAP stayed pending
         * while the breakpoint was cleared. The program's bytes are back
         * there, so it is not the program's own int3: the instruction
         * runs as if the trap had never been there. */
        uint8_t byte;
        size_t got = 0;
        if (tgt_read_mem(p->tp, regs->rip - 1, &byte, 1, &got) != 0 || byte == 0xcc)
            return 0;
        regs->rip--;
        t->regs_dirty = 1;
        if (!r->decided && !r->quiesce)
            eng_run_resume(p, t, TGT_CONT, 0, e);
        return 1;
    }
    uint64_t addr = --regs->rip;
    t->regs_dirty = 1;
    int decided = r->decided, returned;
    enum eng_stop_kind stop = eng_take_hit(s, decided, p, t, addr, regs->rsp, &returned);
    if (decided)
        return 1; /* it stays on the trap; resuming moves it past */
    if (stop != ENG_STOP_NONE) {
        eng_run_decide(s, r, p, t, stop, 0, NULL);
        s->last_stop.addr = addr;
        s->last_stop.step_ended = returned;
        return 1;
    }
    if (!bp_site_find(&p->sites, addr)) {
        /* the trap went with what it was for (a resolver's return): the
         * program's instruction is back */
        if (!r->quiesce)
            eng_run_resume(p, t, TGT_CONT, 0, e);
        return 1;
    }
    if (!r->quiesce && eng_pass_site_alone(p, t)) {
        eng_run_resume(p, t, TGT_CONT, 0, e);
        return 1;
    }
    r->quiesce = 1; /* step it past the trap once nothing else runs */
    return 1;
}

/* A memory read of a pad's condition faulted: the thread is put back on
 * the site with its registers, and the hit is lindbg's to decide (its
 * condition then cannot be evaluated either, and it stops). Another fault
 * in a pad (a push at a stack's end): put back on the site, the pad taken
 * out, the thread runs the program's instruction there. */
static int on_pad_fault(struct session *s, struct run *r, struct eng_process *p,
                        struct eng_thread *t, struct lerr *e)
{
    int in_condition = 0;
    uint64_t site = eng_pad_fault(p, t, &in_condition);
    if (!site)
        return 0;
    if (!in_condition) {
        if (!r->decided && !r->quiesce)
            eng_run_resume(p, t, TGT_CONT, 0, e);
        return 1;
    }
    t->regs.rip = site + 1; /* as after the site's int3 */
    return on_trap_hit(s, r, p, t, e);
}

/* A debug-register trap: data breakpoints report after the access, an
 * execute one before the instruction (RF makes it run once resumed). */
static int on_hw_hit(struct session *s, struct run *r, struct eng_process *p,
                     struct eng_thread *t, int stepping, struct lerr *e)
{
    int slot = eng_hw_fired(p, t);
    if (slot < 0)
        return 0;
    const struct eng_hw_slot *h = &p->hw[slot];
    if (h->access == DR_EXECUTE) {
        struct user_regs_struct *regs = eng_regs(s, t, e);
        if (regs) {
            regs->eflags |= 0x10000; /* RF: do not trap again on resume */
            t->regs_dirty = 1;
        }
    }
    if (r->decided) {
        t->pending_hw_slot = slot + 1; /* decided when the target resumes */
        return 1;
    }
    struct eng_hit hit = {h->addr, 1, h->access, h->len};
    /* a data trap comes after the access: a step that made it is done */
    int step_done = stepping && h->access != DR_EXECUTE;
    if (s->bp_hook && eng_user_hit(s, p, t, &hit)) {
        eng_run_decide(s, r, p, t, ENG_STOP_BREAKPOINT, 0, NULL);
        s->last_stop.addr = hit.addr;
        s->last_stop.step_ended = step_done;
        return 1;
    }
    if (step_done)
        eng_run_decide(s, r, p, t, ENG_STOP_STEP, 0, NULL);
    else
        eng_run_resume(p, t, stepping ? TGT_STEP : TGT_CONT, 0, e);
    return 1;
}

/* A signal that goes to the program without a stop: delivered now, or,
 * while everything is being stopped, when t next runs. */
static void pass_signal(struct session *s, struct run *r, struct eng_process *p,
                        struct eng_thread *t, int sig, int stepping, struct lerr *e)
{
    if (!r->decided && !r->quiesce && eng_exits_needed(s, p, sig)) {
        /* it may die of it: its process's exits are watched first, which
         * needs every thread stopped (then it goes with resume_all) */
        if (!eng_exits_others_stopped(p, t))
            r->quiesce = 1;
        else
            eng_exits_watch(p);
    }
    if (r->decided || r->quiesce)
        t->pending_sig = sig;
    else if (eng_ool_before_signal(s, p, t) == 0)
        eng_run_resume(p, t, stepping ? TGT_STEP : TGT_CONT, sig, e);
    else if (eng_find_thread(s, t->tid, NULL) && !t->pending_sig)
        t->pending_sig = sig; /* another event of its own first: later */
}

static void on_signal(struct session *s, struct run *r, struct eng_process *p,
                      struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    int sig = ev->sig;
    int was_stepping = t->stepping;
    if (ev->requeued) {
        pass_signal(s, r, p, t, sig, was_stepping, e); /* reported, or silent, already */
        return;
    }
    if (ev->cause == TGT_CAUSE_INT3 && on_trap_hit(s, r, p, t, e))
        return;
    if (p->pads && (sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE) && on_pad_fault(s, r, p, t, e))
        return;
    if (ev->cause == TGT_CAUSE_DEBUG_REG && p->dr7 &&
        on_hw_hit(s, r, p, t, was_stepping, e))
        return;
    if (ev->cause == TGT_CAUSE_ACCESS && p->nwpages) {
        t->stepping = 0;
        if (eng_run_watch_fault(s, r, p, t, ev, was_stepping, e))
            return;
        t->stepping = was_stepping;
    }
    const struct user_regs_struct *fr =
        ev->cause == TGT_CAUSE_ACCESS ? eng_regs(s, t, NULL) : NULL;
    uint64_t fault = (uint64_t)(uintptr_t)ev->si.si_addr;
    if (fr && (fault ^ fr->rip) >= 4096 && eng_watch_stale_fault(p, fault)) {
        /* the fault of an access to a page protected for a watch that was
         * cleared before the fault was reported: the access runs again (a
         * fetch of code from the page faults for real) */
        if (!r->decided && !r->quiesce)
            eng_run_resume(p, t, was_stepping ? TGT_STEP : TGT_CONT, 0, e);
        return;
    }
    t->stepping = 0;
    if (was_stepping && (ev->cause == TGT_CAUSE_STEP || ev->cause == TGT_CAUSE_STEP_AT_SYSCALL ||
                         ev->cause == TGT_CAUSE_DEBUG_REG)) {
        /* A step that began in a system call (the exec stop) is reported at
         * the call's exit before any instruction ran: step again. */
        struct user_regs_struct regs;
        if (ev->cause == TGT_CAUSE_STEP_AT_SYSCALL && tgt_get_regs(p->tp, t->tid, &regs, NULL) == 0 &&
            regs.rip == t->step_from && !r->decided) {
            eng_run_resume(p, t, TGT_STEP, 0, e);
            return;
        }
        if (r->decided)
            return;
        /* a data access made by the stepped instruction is reported with
         * the step: DR6 tells */
        if (p->dr7 && on_hw_hit(s, r, p, t, 1, e))
            return;
        eng_run_decide(s, r, p, t, ENG_STOP_STEP, 0, NULL);
        return;
    }
    if (sig == SIGINT && (s->breakin_requested || ev->cause == TGT_CAUSE_KERNEL)) {
        /* Ctrl+C on the terminal the program was given: a break-in, not a
         * signal for it (a `kill -INT` is TGT_CAUSE_SENT and passes). */
        if (!r->decided)
            eng_run_decide(s, r, p, t, ENG_STOP_BREAKIN, 0, NULL);
        return;
    }
    t->sig_si = ev->si; /* the first chance's, for a second one */
    int mode = sig > 0 && sig < ENG_NSIG ? s->sig_mode[sig] : ENG_SIG_STOP;
    if (mode != ENG_SIG_STOP && sig != SIGTRAP) {
        if (mode == ENG_SIG_NOTIFY || mode == ENG_SIG_SECOND) {
            struct eng_event evt = {.kind = ENG_EVT_SIGNAL, .pid = p->pid, .tid = t->tid,
                                    .proc_index = p->index, .thread_index = t->index, .sig = sig};
            eng_emit(s, &evt);
        }
        pass_signal(s, r, p, t, sig, was_stepping, e);
        return;
    }
    t->pending_sig = sig;
    if (!r->decided)
        eng_run_decide(s, r, p, t, sig == SIGTRAP ? ENG_STOP_TRAP : ENG_STOP_SIGNAL, sig, &ev->si);
    /* else: it stays pending and is delivered when the thread next runs */
}

static pid_t some_running_tid(const struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++)
        for (size_t j = 0; j < s->procs[i]->nthreads; j++)
            if (s->procs[i]->threads[j]->run == ENG_THREAD_RUNNING)
                return s->procs[i]->threads[j]->tid;
    return 0;
}

static int next_event(struct session *s, struct tgt_event *ev, struct lerr *e)
{
    if (s->nreplay) {
        *ev = s->replay[0];
        memmove(&s->replay[0], &s->replay[1], --s->nreplay * sizeof s->replay[0]);
        return 0;
    }
    return s->be->wait(s->be, ev, e);
}

static void dispatch(struct session *s, struct run *r, const struct tgt_event *ev, struct lerr *e)
{
    struct eng_process *p = NULL;
    struct eng_thread *t = eng_find_thread(s, ev->tid, &p);
    if (!t) {
        /* A new thread or fork child can stop before its creator reports it. */
        if (ev->kind == TGT_EV_INTERRUPT && s->nearly < sizeof s->early / sizeof s->early[0])
            s->early[s->nearly++] = ev->tid;
        return;
    }
    if (ev->kind != TGT_EV_EXITED && ev->kind != TGT_EV_KILLED && t->run == ENG_THREAD_RUNNING)
        t->run = ENG_THREAD_STOPPED;
    /* stopped by anything else than its end: what it was last given did
     * not kill it */
    if (ev->kind != TGT_EV_EXITING && ev->kind != TGT_EV_INTERRUPT)
        t->last_sig = 0;
    if (ev->kind == TGT_EV_CLONE || ev->kind == TGT_EV_FORK || ev->kind == TGT_EV_VFORK_DONE)
        t->in_event = ev->kind == TGT_EV_FORK && ev->vfork ? 2 : 1;
    switch (ev->kind) {
    case TGT_EV_CLONE:
        on_clone(s, r, p, t, ev, e);
        break;
    case TGT_EV_FORK:
        on_fork(s, r, p, t, ev, e);
        break;
    case TGT_EV_VFORK_DONE:
        eng_vfork_done(p);
        if (!r->decided && !r->quiesce)
            eng_run_resume(p, t, TGT_CONT, 0, e);
        break;
    case TGT_EV_INTERRUPT:
        on_interrupt(s, r, p, t, ev, e);
        break;
    case TGT_EV_SIGNAL:
        on_signal(s, r, p, t, ev, e);
        break;
    case TGT_EV_EXEC:
        eng_run_exec(s, r, p, ev, e);
        break;
    case TGT_EV_SYSCALL:
        eng_run_syscall(s, r, p, t, ev, e);
        break;
    case TGT_EV_EXITED:
    case TGT_EV_KILLED:
        eng_run_thread_exit(s, r, p, t, ev);
        break;
    case TGT_EV_EXITING:
        eng_run_exiting(s, r, p, t, ev, e);
        break;
    }
}

/* Reads events until the target is stopped for the user. */
/* Every thread is stopped: the pads of the run are taken out, no thread
 * left in one, and the breakpoints read their counters back. */
static void pads_end_run(struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++)
        eng_pads_suspend(s, s->procs[i]);
    if (s->pads_sync)
        s->pads_sync(s->bp_hook_ctx, 0);
}

/* Names the thread a break-in interrupts; one asked for while no thread
 * was named (the run was starting, or going on after a quiesce) reaches
 * it now, not at the target's next event, which a busy loop never has. */
static void breakin_arm(struct session *s)
{
    s->breakin_pid = some_running_tid(s);
    if (s->breakin_requested && s->breakin_pid)
        s->be->interrupt(s->be, s->breakin_pid);
}

static int run_until_stop(struct session *s, struct lerr *e)
{
    struct run r = {0};
    breakin_arm(s);
    for (;;) {
        if ((r.decided || r.quiesce) && !r.stopping) {
            s->breakin_pid = 0;
            stop_others(s);
            r.stopping = 1;
        }
        if (!anything_running(s) && !s->nreplay) {
            if (r.decided || s->nprocs == 0)
                break;
            /* quiesced (or nothing was running): let everything go again,
             * unless a second chance came while another stop was decided:
             * resuming its thread would let the process end unseen */
            r.quiesce = 0;
            r.stopping = 0;
            if (eng_second_chance_due(s)) {
                r.decided = 1;
                break;
            }
            if (eng_run_watch_steps(s, &r, e))
                continue;
            if (resume_all(s, ENG_GO, e) > 0 || s->nreplay) {
                breakin_arm(s);
                continue;
            }
            if (!any_thread_in(s, IN(ENG_THREAD_ENDED)))
                break;
            /* only leaders that exited before their threads are left:
             * their ends are reported now */
        }
        struct tgt_event ev;
        struct lerr local = {.code = LERR_NONE}, *we = e ? e : &local;
        if (next_event(s, &ev, we) < 0) {
            if (we->code == LERR_INTERRUPTED)
                continue;
            break; /* LERR_NO_CHILD: nothing is traced any more */
        }
        dispatch(s, &r, &ev, e);
        if (!r.decided && !s->breakin_pid)
            breakin_arm(s);
    }
    s->breakin_pid = 0;
    for (size_t i = 0; i < s->nprocs; i++)
        eng_ool_settle(s, s->procs[i]);
    pads_end_run(s);
    if (!r.decided)
        return lerr_set(e, "No thread can run: every thread is frozen or suspended (~Nu thaws one, ~Nm resumes one)");
    return 0;
}

static int start_run(struct session *s, struct lerr *e)
{
    if (!eng_has_process(s))
        return lerr_set(e, "No runnable debuggees: the process has exited");
    /* a fault on a watched page left undecided faults again when its
     * thread runs */
    for (size_t i = 0; i < s->nprocs; i++)
        for (size_t j = 0; j < s->procs[i]->nthreads; j++)
            s->procs[i]->threads[j]->watch_step = 0;
    return 0;
}

/* A Ctrl+C that came while nothing ran (lindbg was busy between two
 * resumes, running a breakpoint's command string) is the stop now. */
static int breakin_pending(struct session *s)
{
    if (!s->breakin_requested || !eng_cur_thread(s))
        return 0;
    struct run r = {0};
    eng_run_decide(s, &r, eng_cur_process(s), eng_cur_thread(s), ENG_STOP_BREAKIN, 0, NULL);
    return 1;
}

void eng_breakin_clear(struct session *s) { s->breakin_requested = 0; }

unsigned eng_breakin_count(const struct session *s) { return (unsigned)s->breakin_count; }

static int go(struct session *s, enum eng_go_mode mode, struct lerr *e)
{
    if (start_run(s, e) < 0)
        return -1;
    if (breakin_pending(s))
        return 0;
    if (s->bp_hook && eng_pending_hit_stops(s))
        return 0;
    if (eng_second_chance_due(s))
        return 0;
    if (s->pads_plan) {
        eng_pads_plan_begin(s, NULL);
        s->pads_plan(s->bp_hook_ctx, 0);
        eng_pads_plan_end(s, NULL);
    }
    if (resume_all(s, mode, e) == 0 && !s->nreplay) {
        pads_end_run(s);
        return lerr_set(e, "No thread can run: every thread is frozen or suspended (~Nu thaws one, ~Nm resumes one)");
    }
    return run_until_stop(s, e);
}

/* The traps of one run (p's and gu's return, g's addresses) go with it,
 * however it ended. */
static int end_of_run(struct session *s, int rc)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        eng_trap_remove_kind(s->procs[i], ENG_TRAP_RETURN);
        eng_trap_remove_kind(s->procs[i], ENG_TRAP_GOTO);
    }
    return rc;
}

int eng_go(struct session *s, enum eng_go_mode mode, struct lerr *e)
{
    if (eng_check_live(s, "run", e) < 0)
        return -1;
    return end_of_run(s, go(s, mode, e));
}

int eng_go_to(struct session *s, enum eng_go_mode mode, const uint64_t *addrs, size_t n,
              struct lerr *e)
{
    struct eng_process *p = eng_cur_process(s);
    if (!p)
        return lerr_set(e, "No runnable debuggees: the process has exited");
    if (eng_check_live(s, "run", e) < 0)
        return -1;
    struct eng_thread *t = eng_cur_thread(s);
    const struct user_regs_struct *r = t ? eng_regs(s, t, NULL) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (eng_trap_add(p, ENG_TRAP_GOTO, addrs[i], 0, 0, e) < 0)
            return end_of_run(s, -1);
        /* the instruction the thread stands on: for the next time */
        if (r && r->rip == addrs[i])
            t->site_done = addrs[i];
    }
    return eng_go(s, mode, e);
}

int eng_step(struct session *s, struct lerr *e)
{
    if (eng_check_live(s, "run", e) < 0)
        return -1;
    if (start_run(s, e) < 0)
        return -1;
    struct eng_process *p = eng_cur_process(s);
    struct eng_thread *t = eng_cur_thread(s);
    if (!p || !t)
        return lerr_set(e, "No thread to step");
    /* a second chance is reported before anything runs (as g does); a
     * thread on its way out cannot step, it only ends, and its process
     * with it: every thread is let go, as g does */
    if (eng_second_chance_due(s))
        return 0;
    if (t->exiting)
        return go(s, ENG_GO, e);
    if (s->bp_hook && eng_pending_stop(s, p, t))
        return 0; /* a hit of its own was waiting: that is the stop */
    struct user_regs_struct *regs = eng_regs(s, t, e);
    /* on its way out, it only ends: no breakpoint is hit there */
    struct bp_site *site = regs && !t->exiting ? bp_site_find(&p->sites, regs->rip) : NULL;
    int returned;
    if (site && t->site_done != site->addr) {
        /* on a breakpoint it has not hit yet (interrupted just before): it
         * is hit now, as running would have */
        enum eng_stop_kind k = eng_take_hit(s, 0, p, t, site->addr, regs->rsp, &returned);
        if (k != ENG_STOP_NONE) {
            eng_decide_breakpoint(s, p, t, k, site->addr);
            return 0;
        }
    }
    int sig = t->pending_sig;
    t->pending_sig = 0;
    if (eng_exits_needed(s, p, sig))
        eng_exits_watch(p); /* the others are stopped */
    /* on a trap: lift it for this one step (the other threads stay
     * stopped, so none can run through it) */
    uint64_t lifted = 0;
    site = regs && !t->exiting ? bp_site_find(&p->sites, regs->rip) : NULL;
    if (site && bp_site_lift(site, p->tp, e) == 0)
        lifted = site->addr;
    pid_t tid = t->tid;
    int rc = eng_run_resume(p, t, TGT_STEP, sig, e);
    if (rc == 0)
        rc = run_until_stop(s, e);
    /* the step may have ended the thread, or the process */
    if (lifted && eng_find_thread(s, tid, &p) && (site = bp_site_find(&p->sites, lifted)))
        bp_site_drop(site, p->tp, NULL);
    /* arrived on a breakpoint: it is reached now (and not again when the
     * thread goes on from there) */
    if (rc == 0 && s->last_stop.kind == ENG_STOP_STEP && s->last_stop.tid == tid &&
        (t = eng_find_thread(s, tid, &p)) && (regs = eng_regs(s, t, NULL)) &&
        bp_site_find(&p->sites, regs->rip)) {
        enum eng_stop_kind k = eng_take_hit(s, 0, p, t, regs->rip, regs->rsp, &returned);
        if (k != ENG_STOP_NONE && k != ENG_STOP_RETURNED) {
            eng_decide_breakpoint(s, p, t, k, regs->rip);
            s->last_stop.step_ended = 1;
        }
    }
    return rc;
}

void eng_breakin(struct session *s)
{
    /* kept until a stop answers it, even when nothing runs right now:
     * lindbg may be between two resumes of a `g` in a command string */
    s->breakin_requested = 1;
    s->breakin_count++;
    pid_t tid = s->breakin_pid;
    if (tid > 0 && s->nprocs)
        s->be->interrupt(s->be, tid);
}
