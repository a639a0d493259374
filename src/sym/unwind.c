#include "sym/unwind.h"
#include "util/xalloc.h"

#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

/* libdwfl calls back with the arg given once to dwfl_attach_state: it
 * points here (owned by the sym_space), at the source of the unwind in
 * progress. */
struct unwind_state {
    const struct sym_unwind_source *src;
    int given;
};

static pid_t next_thread(Dwfl *dwfl, void *arg, void **thread_argp)
{
    (void)dwfl;
    struct unwind_state *st = arg;
    if (st->given)
        return 0;
    st->given = 1;
    *thread_argp = arg;
    return st->src->tid;
}

static bool get_thread(Dwfl *dwfl, pid_t tid, void *arg, void **thread_argp)
{
    (void)dwfl;
    struct unwind_state *st = arg;
    if (tid != st->src->tid)
        return false;
    *thread_argp = arg;
    return true;
}

static bool memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result, void *arg)
{
    (void)dwfl;
    struct unwind_state *st = arg;
    uint64_t v;
    if (st->src->read(st->src->ctx, addr, &v) != 0)
        return false;
    *result = v;
    return true;
}

static bool set_initial_registers(Dwfl_Thread *thread, void *thread_arg)
{
    struct unwind_state *st = thread_arg;
    const struct user_regs_struct *r = &st->src->regs;
    /* DWARF register numbers of x86-64: rax rdx rcx rbx rsi rdi rbp rsp
     * r8..r15, then the return address column (rip) */
    Dwarf_Word regs[17] = {r->rax, r->rdx, r->rcx, r->rbx, r->rsi, r->rdi, r->rbp, r->rsp,
                           r->r8,  r->r9,  r->r10, r->r11, r->r12, r->r13, r->r14, r->r15,
                           r->rip};
    return dwfl_thread_state_registers(thread, 0, 17, regs);
}

static const Dwfl_Thread_Callbacks thread_callbacks = {
    .next_thread = next_thread,
    .get_thread = get_thread,
    .memory_read = memory_read,
    .set_initial_registers = set_initial_registers,
};

struct collect {
    struct sym_frame *frames;
    size_t n, max;
};

static int on_frame(Dwfl_Frame *frame, void *arg)
{
    struct collect *c = arg;
    Dwarf_Addr pc;
    bool activation;
    if (!dwfl_frame_pc(frame, &pc, &activation) || pc == 0)
        return DWARF_CB_ABORT;
    Dwarf_Word sp = 0;
    dwfl_frame_reg(frame, 7, &sp);
    c->frames[c->n++] = (struct sym_frame){pc, sp, activation};
    return c->n < c->max ? DWARF_CB_OK : DWARF_CB_ABORT;
}

/* The frame-pointer chain, for what libdwfl could not unwind. */
static void fp_chain(const struct sym_unwind_source *src, struct collect *c)
{
    uint64_t fp = src->regs.rbp;
    if (c->n > 1)
        return;
    while (c->n < c->max && fp) {
        uint64_t next, ra;
        if (src->read(src->ctx, fp, &next) != 0 || src->read(src->ctx, fp + 8, &ra) != 0 || !ra)
            break;
        c->frames[c->n++] = (struct sym_frame){ra, fp + 16, 0};
        if (next <= fp)
            break;
        fp = next;
    }
}

size_t sym_unwind(struct sym_space *sp, const struct sym_unwind_source *src,
                  struct sym_frame *frames, size_t max)
{
    struct collect c = {frames, 0, max};
    if (max == 0)
        return 0;
    if (!sp->unwind_state)
        sp->unwind_state = xcalloc(1, sizeof(struct unwind_state));
    struct unwind_state *st = sp->unwind_state;
    st->src = src;
    st->given = 0;
    if (!sp->unwind_attached) {
        sp->unwind_attached = dwfl_attach_state(sp->dwfl, NULL, src->tid, &thread_callbacks, st);
    }
    if (sp->unwind_attached)
        dwfl_getthread_frames(sp->dwfl, src->tid, on_frame, &c);
    if (c.n == 0)
        c.frames[c.n++] = (struct sym_frame){src->regs.rip, src->regs.rsp, 1};
    fp_chain(src, &c);
    return c.n;
}
