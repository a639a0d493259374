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

void sym_regs_from_user(struct sym_regs *out, const struct user_regs_struct *r)
{
    /* DWARF register numbers of x86-64: rax rdx rcx rbx rsi rdi rbp rsp
     * r8..r15, then the return address column (rip) */
    const uint64_t v[SYM_NREGS] = {r->rax, r->rdx, r->rcx, r->rbx, r->rsi, r->rdi,
                                   r->rbp, r->rsp, r->r8,  r->r9,  r->r10, r->r11,
                                   r->r12, r->r13, r->r14, r->r15, r->rip};
    memcpy(out->r, v, sizeof v);
    out->known = (1u << SYM_NREGS) - 1;
}

static bool set_initial_registers(Dwfl_Thread *thread, void *thread_arg)
{
    struct unwind_state *st = thread_arg;
    struct sym_regs r;
    sym_regs_from_user(&r, &st->src->regs);
    Dwarf_Word regs[SYM_NREGS];
    for (int i = 0; i < SYM_NREGS; i++)
        regs[i] = r.r[i];
    return dwfl_thread_state_registers(thread, 0, SYM_NREGS, regs);
}

static const Dwfl_Thread_Callbacks thread_callbacks = {
    .next_thread = next_thread,
    .get_thread = get_thread,
    .memory_read = memory_read,
    .set_initial_registers = set_initial_registers,
};

/* The CFI rule of the inner frame for register reg: 1 when it says where
 * the register was saved (or how to compute it), 0 when it gives no
 * rule of its own (the CIE's default), -1 when there is no CFI. */
static int saved_by(Dwfl *dwfl, const struct sym_frame *inner, int reg)
{
    uint64_t pc = sym_frame_code(inner);
    Dwfl_Module *mod = dwfl_addrmodule(dwfl, pc);
    Dwarf_Addr bias;
    Dwarf_CFI *cfi = mod ? dwfl_module_eh_cfi(mod, &bias) : NULL;
    if (!cfi && mod)
        cfi = dwfl_module_dwarf_cfi(mod, &bias);
    Dwarf_Frame *fr;
    if (!cfi || dwarf_cfi_addrframe(cfi, pc - bias, &fr) != 0)
        return -1;
    Dwarf_Op mem[3], *ops;
    size_t nops;
    int r = dwarf_frame_register(fr, reg, mem, &ops, &nops) == 0 && nops > 0;
    free(fr);
    return r;
}

/* elfutils up to 0.190 (backends/x86_64_cfi.c) gives the ABI's
 * callee-saved rule of %rbx to DWARF register 0, %rax: the unwinder then
 * hands out frame 0's rax in every frame and loses rbx wherever a
 * function did not save it itself. Here rax above frame 0 is known only
 * where a frame saved it (signal frames), and an rbx the inner frame did
 * not touch is the inner frame's, as the ABI says. */
static void fix_abi_regs(Dwfl *dwfl, const struct sym_frame *inner, struct sym_frame *f)
{
    if ((f->regs.known & 1u) && saved_by(dwfl, inner, 0) != 1)
        f->regs.known &= ~1u;
    if (!(f->regs.known & (1u << 3)) && (inner->regs.known & (1u << 3)) &&
        saved_by(dwfl, inner, 3) == 0) {
        f->regs.r[3] = inner->regs.r[3];
        f->regs.known |= 1u << 3;
    }
}

/* When frame 0 stands at the first instruction of a function, nothing
 * has run since the call: the argument registers still hold what the
 * caller had in them at the call, which is frame 1's value there (PLT
 * stubs and the lazy binder keep them, as they must). */
static void args_at_entry(Dwfl *dwfl, const struct sym_frame *inner, struct sym_frame *f)
{
    static const int arg_regs[6] = {5, 4, 1, 2, 8, 9}; /* rdi rsi rdx rcx r8 r9 */
    Dwfl_Module *mod = inner->activation ? dwfl_addrmodule(dwfl, inner->pc) : NULL;
    GElf_Off off = 1;
    GElf_Sym sym;
    if (!mod || !dwfl_module_addrinfo(mod, inner->pc, &off, &sym, NULL, NULL, NULL) || off != 0 ||
        GELF_ST_TYPE(sym.st_info) != STT_FUNC)
        return;
    for (int i = 0; i < 6; i++) {
        int r = arg_regs[i];
        if (!(f->regs.known & (1u << r)) && (inner->regs.known & (1u << r))) {
            f->regs.r[r] = inner->regs.r[r];
            f->regs.known |= 1u << r;
        }
    }
}

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
    struct sym_frame *f = &c->frames[c->n++];
    *f = (struct sym_frame){pc, 0, activation, {{0}, 0}};
    /* libdwfl leaves the registers the CFI calls undefined (the
     * caller-saved ones above frame 0) unset: those stay unknown */
    for (unsigned i = 0; i < SYM_NREGS; i++) {
        Dwarf_Word v;
        if (dwfl_frame_reg(frame, i, &v) == 0) {
            f->regs.r[i] = v;
            f->regs.known |= 1u << i;
        }
    }
    f->sp = f->regs.r[7];
    if (c->n > 1)
        fix_abi_regs(dwfl_thread_dwfl(dwfl_frame_thread(frame)), &c->frames[c->n - 2], f);
    if (c->n == 2)
        args_at_entry(dwfl_thread_dwfl(dwfl_frame_thread(frame)), &c->frames[0], f);
    return c->n < c->max ? DWARF_CB_OK : DWARF_CB_ABORT;
}

/* Whether some CFI covers pc (eh_frame or .debug_frame). */
static int has_cfi(Dwfl *dwfl, uint64_t pc)
{
    Dwfl_Module *mod = dwfl_addrmodule(dwfl, pc);
    Dwarf_Addr bias;
    Dwarf_CFI *cfi = mod ? dwfl_module_eh_cfi(mod, &bias) : NULL;
    Dwarf_Frame *fr;
    if (cfi && dwarf_cfi_addrframe(cfi, pc - bias, &fr) == 0) {
        free(fr);
        return 1;
    }
    cfi = mod ? dwfl_module_dwarf_cfi(mod, &bias) : NULL;
    if (cfi && dwarf_cfi_addrframe(cfi, pc - bias, &fr) == 0) {
        free(fr);
        return 1;
    }
    return 0;
}

/* Frame 0 in code without CFI (hand-written assembly: glibc's clone3
 * ends its CFI before the syscall) whose stack pointer holds a return
 * address into code with CFI: nothing was pushed yet, so the caller is
 * [rsp], as GDB's prologue analysis finds. libdwfl would follow rbp
 * instead, which there is the caller's and names its caller (or
 * garbage). Returns the return address, or 0. */
static uint64_t leaf_return(Dwfl *dwfl, const struct sym_unwind_source *src)
{
    uint64_t ra;
    if (!dwfl_addrmodule(dwfl, src->regs.rip) || has_cfi(dwfl, src->regs.rip) ||
        src->read(src->ctx, src->regs.rsp, &ra) != 0 || ra < 2 || !has_cfi(dwfl, ra - 1))
        return 0;
    return ra;
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
        /* a frame-pointer frame knows its rsp and rbp, nothing else */
        struct sym_frame *f = &c->frames[c->n++];
        *f = (struct sym_frame){ra, fp + 16, 0, {{0}, 0}};
        f->regs.r[6] = next;
        f->regs.r[7] = fp + 16;
        f->regs.r[16] = ra;
        f->regs.known = 1u << 6 | 1u << 7 | 1u << 16;
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
    uint64_t ra = sp->unwind_attached ? leaf_return(sp->dwfl, src) : 0;
    struct sym_unwind_source caller;
    if (ra && max > 1) {
        /* frame 0 as it is, then libdwfl from the caller's state: its
         * rip and rsp after the return, the other registers as frame 0
         * has them (only the callee-saved ones are its own) */
        c.frames[c.n] = (struct sym_frame){src->regs.rip, src->regs.rsp, 1, {{0}, 0}};
        sym_regs_from_user(&c.frames[c.n++].regs, &src->regs);
        caller = *src;
        caller.regs.rip = ra;
        caller.regs.rsp = src->regs.rsp + 8;
        st->src = &caller;
    }
    if (sp->unwind_attached)
        dwfl_getthread_frames(sp->dwfl, src->tid, on_frame, &c);
    st->src = src;
    if (ra && max > 1 && c.n > 1) {
        struct sym_frame *f = &c.frames[1];
        f->activation = 0; /* a return address */
        f->regs.known &= 1u << 3 | 1u << 6 | 1u << 7 | 0xfu << 12 | 1u << 16;
    }
    if (c.n == 0) {
        c.frames[c.n] = (struct sym_frame){src->regs.rip, src->regs.rsp, 1, {{0}, 0}};
        sym_regs_from_user(&c.frames[c.n++].regs, &src->regs);
    }
    fp_chain(src, &c);
    return c.n;
}
