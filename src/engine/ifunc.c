/* Following the loader's choice of an indirect function's implementation
 * (sym/ifunc.h) when it is made after the breakpoint was set: a dlopen'd
 * library is relocated after the loader's notice, and a lazily bound call
 * or dlsym runs the resolver at the moment of the call. A trap on the
 * resolver sees it called; a trap where it returns, in that thread and
 * frame, reads its result. Neither ever stops the target or counts as a
 * user breakpoint's hit. */
#include "engine/internal.h"

int eng_ifunc_watch(struct session *s, pid_t pid, uint64_t resolver, struct lerr *e)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (!p)
        return lerr_set(e, "No process %d", pid);
    if (eng_not_live(p, "have breakpoints", e) < 0)
        return -1;
    if (eng_trap_find(p, ENG_TRAP_IFUNC, resolver) >= 0)
        return 0;
    if (eng_trap_add(p, ENG_TRAP_IFUNC, resolver, 0, 0, e) < 0)
        return -1;
    p->traps[p->ntraps - 1].resolver = resolver;
    return 0;
}

/* The resolver is entered: where it returns is the top of the stack. */
static void entered(struct eng_process *p, struct eng_thread *t, uint64_t resolver)
{
    const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
    uint64_t ret = 0;
    if (!r || tgt_read_mem(p->tp, r->rsp, &ret, sizeof ret, NULL) != 0 || !ret)
        return;
    if (eng_trap_add(p, ENG_TRAP_IFUNC_RETURN, ret, t->tid, r->rsp + 8, NULL) == 0)
        p->traps[p->ntraps - 1].resolver = resolver;
}

/* Back from it in t's frame: rax is the implementation. The watch ends. */
static void returned(struct session *s, struct eng_process *p, struct eng_thread *t,
                     uint64_t resolver)
{
    const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
    if (!r)
        return;
    uint64_t target = r->rax;
    for (size_t i = 0; i < p->ntraps;) {
        const struct eng_trap *tr = &p->traps[i];
        if ((tr->kind == ENG_TRAP_IFUNC || tr->kind == ENG_TRAP_IFUNC_RETURN) &&
            tr->resolver == resolver)
            eng_trap_remove_at(p, i);
        else
            i++;
    }
    if (s->ifunc_hook && target)
        s->ifunc_hook(s->bp_hook_ctx, p->pid, resolver, target);
}

void eng_ifunc_trap(struct session *s, struct eng_process *p, struct eng_thread *t, uint64_t addr)
{
    /* which to do is decided before the list changes */
    uint64_t enter = 0, back = 0;
    const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
    for (size_t i = 0; i < p->ntraps; i++) {
        const struct eng_trap *tr = &p->traps[i];
        if (tr->addr != addr)
            continue;
        if (tr->kind == ENG_TRAP_IFUNC)
            enter = tr->resolver;
        else if (tr->kind == ENG_TRAP_IFUNC_RETURN && tr->tid == t->tid && r && r->rsp >= tr->sp)
            back = tr->resolver;
    }
    if (back)
        returned(s, p, t, back);
    if (enter)
        entered(p, t, enter);
}
