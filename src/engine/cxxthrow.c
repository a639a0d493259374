/* C++ exceptions as they are thrown (`sxe eh`, `sxn eh`): every throw
 * expression of the Itanium C++ ABI calls __cxa_throw(object, type_info,
 * destructor), in libstdc++ (or in a program linked with it statically).
 * A trap of the engine's own at its entry sees each throw, first chance,
 * before any handler is looked for. Like the loader's trap it shares its
 * site with a user breakpoint there and never counts as one of its hits;
 * it is planted in every process while eh stops or prints, when the
 * symbols that define __cxa_throw are known (at the start, after each
 * load: libstdc++ is mapped after the initial break), and goes with its
 * module, its process, or the filter's change. */
#include "engine/internal.h"

#include <string.h>

static int watching(const struct session *s)
{
    return s->eh_mode == ENG_EH_STOP || s->eh_mode == ENG_EH_NOTIFY;
}

void eng_eh_arm(struct session *s, struct eng_process *p)
{
    if (!watching(s) || !eng_can(p, TGT_CAP_LIVE) || p->vfork_parent || !p->syms)
        return;
    for (size_t i = 0; i < p->ntraps; i++)
        if (p->traps[i].kind == ENG_TRAP_THROW)
            return;
    /* the definition, not a PLT entry (those are named name@plt): throws
     * inside libstdc++ itself (std::vector::at) do not pass the program's
     * PLT */
    uint64_t addr;
    if (sym_lookup(p->syms, "__cxa_throw", strlen("__cxa_throw"), &addr, NULL) != 1 || !addr)
        return;
    eng_trap_add(p, ENG_TRAP_THROW, addr, 0, 0, NULL);
}

void eng_set_eh_mode(struct session *s, enum eng_eh_mode mode)
{
    s->eh_mode = mode;
    for (size_t i = 0; i < s->nprocs; i++) {
        if (watching(s))
            eng_eh_arm(s, s->procs[i]);
        else
            eng_trap_remove_kind(s->procs[i], ENG_TRAP_THROW);
    }
}

enum eng_eh_mode eng_eh_mode(const struct session *s)
{
    return (enum eng_eh_mode)s->eh_mode;
}

enum eng_stop_kind eng_eh_thrown(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    if (s->eh_mode == ENG_EH_STOP)
        return ENG_STOP_CXX_THROW;
    const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
    if (s->eh_mode == ENG_EH_NOTIFY && r) {
        struct eng_event ev = {.kind = ENG_EVT_CXX_THROW, .pid = p->pid, .tid = t->tid,
                               .proc_index = p->index, .thread_index = t->index,
                               .start = r->rsi, .end = r->rdi};
        eng_emit(s, &ev);
    }
    return ENG_STOP_NONE;
}
