/* Hits of user breakpoints and of the engine's own traps: what a thread
 * that reached a site does (take_hit), and the hits seen while everything
 * was being stopped, decided when the target is resumed. Split from run.c,
 * whose state it shares through runloop.h. */
#include "engine/internal.h"
#include "engine/runloop.h"

/* Thread t has reached site addr: its trap ran, or a step arrived there.
 * The engine's own traps there are served, then the user's breakpoints
 * decide, unless the stop is already decided (another thread's): then they
 * decide when the target is resumed. Either way the hit is taken once:
 * when t next runs it is moved past the site. Returns why to stop
 * (ENG_STOP_NONE: go on). */
enum eng_stop_kind eng_take_hit(struct session *s, int decided, struct eng_process *p,
                                   struct eng_thread *t, uint64_t addr, uint64_t sp,
                                   int *returned)
{
    *returned = 0; /* a step's end (p, gu, g address) came there too */
    t->site_done = addr;
    enum eng_stop_kind stop = ENG_STOP_NONE;
    int ifunc = 0, loader = 0, thrown = 0;
    for (size_t i = 0; i < p->ntraps; i++) {
        const struct eng_trap *tr = &p->traps[i];
        if (tr->addr != addr)
            continue;
        if (tr->kind == ENG_TRAP_LOADER)
            loader = 1;
        else if (tr->kind == ENG_TRAP_RETURN && tr->tid == t->tid && sp >= tr->sp)
            stop = ENG_STOP_RETURNED;
        else if (tr->kind == ENG_TRAP_GOTO)
            stop = ENG_STOP_GOTO;
        else if (tr->kind == ENG_TRAP_IFUNC || tr->kind == ENG_TRAP_IFUNC_RETURN)
            ifunc = 1;
        else if (tr->kind == ENG_TRAP_THROW)
            thrown = 1;
    }
    /* both change the list of traps: after it was read */
    if (ifunc)
        eng_ifunc_trap(s, p, t, addr);
    if (loader) {
        int ld, ud;
        eng_modules_sync(s, p, &ld, &ud);
        if (ld)
            eng_pads_replan(s, p);
        if (ld && s->stop_on_load)
            stop = ENG_STOP_MODLOAD;
        else if (ud && s->stop_on_unload)
            stop = ENG_STOP_MODUNLOAD;
    }
    if (decided) {
        if (thrown && stop == ENG_STOP_NONE)
            stop = eng_eh_thrown(s, p, t);
        if (stop == ENG_STOP_RETURNED || stop == ENG_STOP_GOTO || stop == ENG_STOP_CXX_THROW) {
            /* a step's end (or a throw under sxe eh) met while another
             * stop is decided: nothing is taken, so that a gc that plants
             * it again, or the thread going on, meets it again */
            t->site_done = 0;
            return ENG_STOP_NONE;
        }
        t->pending_hit = s->bp_hook != NULL;
        return ENG_STOP_NONE;
    }
    /* a user breakpoint at the same place is counted whatever else stops
     * there, and its stop is the one reported */
    struct eng_hit hit = {addr, 0, 0, 0};
    if (s->bp_hook && eng_user_hit(s, p, t, &hit)) {
        *returned = stop == ENG_STOP_RETURNED || stop == ENG_STOP_GOTO;
        /* a throw there is an event of its own, after the breakpoint's
         * (WinDbg's two): met when the thread next goes on, before it
         * leaves the site, so that commands of the breakpoint that resume
         * do not hide it (eng_pending_stop) */
        t->throw_pending = thrown;
        return ENG_STOP_BREAKPOINT;
    }
    if (thrown) {
        if (stop == ENG_STOP_NONE)
            stop = eng_eh_thrown(s, p, t);
        else /* a step ends here (g __cxa_throw): its stop, then the throw */
            t->throw_pending = 1;
    }
    return stop;
}

int eng_user_hit(struct session *s, struct eng_process *p, struct eng_thread *t,
                 const struct eng_hit *hit)
{
    struct eng_hit_at at = {*hit, p->pid, t->tid, p->index, t->index};
    return s->bp_hook(s->bp_hook_ctx, &at);
}

/* A stop of thread t at a site for the user: breakpoint at addr. */
void eng_decide_breakpoint(struct session *s, struct eng_process *p, struct eng_thread *t,
                              enum eng_stop_kind kind, uint64_t addr)
{
    struct run run = {0};
    eng_run_decide(s, &run, p, t, kind, 0, NULL);
    s->last_stop.addr = addr;
}

/* Hits of thread t seen while everything was being stopped are decided
 * now, before it runs again: one may be the next stop (1). */
int eng_pending_stop(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    if (t->throw_pending) {
        /* still on the __cxa_throw it stopped at as a breakpoint (not
         * moved by the user, sxe/sxn eh not dropped since): its hit
         * counted then, the throw is the event now */
        t->throw_pending = 0;
        struct user_regs_struct *r = eng_regs(s, t, NULL);
        if (r && t->site_done == r->rip && eng_trap_find(p, ENG_TRAP_THROW, r->rip) >= 0 &&
            eng_eh_thrown(s, p, t) == ENG_STOP_CXX_THROW) {
            eng_decide_breakpoint(s, p, t, ENG_STOP_CXX_THROW, r->rip);
            return 1;
        }
    }
    if (t->pending_hit) {
        t->pending_hit = 0;
        struct user_regs_struct *r = eng_regs(s, t, NULL);
        struct eng_hit hit = {r ? r->rip : 0, 0, 0, 0};
        if (r && bp_site_find(&p->sites, r->rip) && eng_user_hit(s, p, t, &hit)) {
            eng_decide_breakpoint(s, p, t, ENG_STOP_BREAKPOINT, r->rip);
            return 1;
        }
    }
    if (t->pending_kw) {
        t->pending_kw = 0;
        struct user_regs_struct *r = eng_regs(s, t, NULL);
        struct run run = {0};
        struct tgt_event ev = {.kind = TGT_EV_SYSCALL, .tid = t->tid, .sc_exit = 1,
                               .sc_ret = r ? (int64_t)r->rax : 0};
        if (r && eng_run_kernel_write(s, &run, p, t, &ev, NULL))
            return 1;
    }
    int slot = t->pending_hw_slot - 1;
    t->pending_hw_slot = 0;
    if (slot >= 0 && p->hw[slot].refs) {
        struct eng_hit hit = {p->hw[slot].addr, 1, p->hw[slot].access, p->hw[slot].len};
        if (eng_user_hit(s, p, t, &hit)) {
            eng_decide_breakpoint(s, p, t, ENG_STOP_BREAKPOINT, hit.addr);
            return 1;
        }
    }
    return 0;
}

int eng_pending_hit_stops(struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++)
        for (size_t j = 0; j < s->procs[i]->nthreads; j++)
            if (eng_pending_stop(s, s->procs[i], s->procs[i]->threads[j]))
                return 1;
    return 0;
}

