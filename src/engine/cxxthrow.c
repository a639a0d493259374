/* C++ exceptions as they are thrown (`sxe eh`, `sxn eh`): every throw
 * expression of the Itanium C++ ABI calls __cxa_throw(object, type_info,
 * destructor), in libstdc++ (or in a program linked with it statically).
 * A trap of the engine's own at its entry sees each throw, first chance,
 * before any handler is looked for. Like the loader's trap it shares its
 * site with a user breakpoint there and never counts as one of its hits;
 * it is planted in every process while eh stops or prints, when the
 * symbols that define __cxa_throw are known (at the start, after each
 * load: libstdc++ is mapped after the initial break), one at each module's
 * own definition, and goes with its
 * module, its process, or the filter's change. */
#include "engine/internal.h"

#include <elf.h>
#include <string.h>

static int watching(const struct session *s)
{
    return s->eh_mode == ENG_EH_STOP || s->eh_mode == ENG_EH_NOTIFY;
}

void eng_eh_arm(struct session *s, struct eng_process *p, size_t from)
{
    if (!watching(s) || !eng_can(p, TGT_CAP_LIVE) || p->vfork_parent || !p->syms)
        return;
    /* each module's own definition, looked up in that module alone: two
     * modules may define it (a library linked with -static-libstdc++ next
     * to libstdc++), and each throws through its own; the definition, not
     * a PLT entry (those are named name@plt): throws inside libstdc++
     * itself (std::vector::at) do not pass the program's PLT. Only the
     * modules from `from` on: after a load, those just loaded, so that a
     * program without C++ has no other module's symbols read on each
     * dlopen. */
    for (size_t i = from; i < p->syms->n; i++) {
        const struct sym_entry *e = sym_module_find(p->syms->mods[i], "__cxa_throw");
        if (!e || !e->addr || e->type != STT_FUNC ||
            eng_trap_find(p, ENG_TRAP_THROW, e->addr) >= 0)
            continue;
        eng_trap_add(p, ENG_TRAP_THROW, e->addr, 0, 0, NULL);
    }
}

void eng_set_eh_mode(struct session *s, enum eng_eh_mode mode)
{
    s->eh_mode = mode;
    for (size_t i = 0; i < s->nprocs; i++) {
        if (watching(s))
            eng_eh_arm(s, s->procs[i], 0);
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
