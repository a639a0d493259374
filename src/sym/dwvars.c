#include "sym/dwvars.h"
#include "sym/inline.h"

#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>


static int reg_of(const struct user_regs_struct *r, int n, uint64_t *v)
{
    if (!r)
        return -1;
    const unsigned long long vals[17] = {r->rax, r->rdx, r->rcx, r->rbx, r->rsi, r->rdi,
                                         r->rbp, r->rsp, r->r8,  r->r9,  r->r10, r->r11,
                                         r->r12, r->r13, r->r14, r->r15, r->rip};
    if (n < 0 || n > 16)
        return -1;
    *v = vals[n];
    return 0;
}

/* Evaluates the simple location forms into v. */
static void locate(const struct dw_frame *f, Dwarf_Die *die, Dwarf_Addr pc_rel, Dwarf_Addr bias,
                   uint64_t fb, int fb_known, struct dw_var *v)
{
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t n;
    v->where = DW_WHERE_NONE;
    if (!dwarf_attr_integrate(die, DW_AT_location, &at) ||
        dwarf_getlocation_addr(&at, pc_rel, &ops, &n, 1) != 1 || n != 1)
        return;
    uint8_t op = ops[0].atom;
    uint64_t r;
    if (op == DW_OP_fbreg && fb_known) {
        v->where = DW_WHERE_MEMORY;
        v->addr = fb + (uint64_t)(int64_t)ops[0].number;
    } else if (op == DW_OP_addr) {
        v->where = DW_WHERE_MEMORY;
        v->addr = ops[0].number + bias;
    } else if (op >= DW_OP_breg0 && op <= DW_OP_breg16 && reg_of(f->regs, op - DW_OP_breg0, &r) == 0) {
        v->where = DW_WHERE_MEMORY;
        v->addr = r + (uint64_t)(int64_t)ops[0].number;
    } else if (op >= DW_OP_reg0 && op <= DW_OP_reg16 && reg_of(f->regs, op - DW_OP_reg0, &r) == 0) {
        v->where = DW_WHERE_VALUE;
        memcpy(v->value, &r, 8);
        v->value_len = 8;
    }
}

static int frame_base(const struct dw_frame *f, Dwarf_Die *func, Dwarf_Addr pc_rel, uint64_t *fb)
{
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t n;
    if (!dwarf_attr_integrate(func, DW_AT_frame_base, &at) ||
        dwarf_getlocation_addr(&at, pc_rel, &ops, &n, 1) != 1 || n != 1)
        return 0;
    uint64_t r;
    if (ops[0].atom == DW_OP_call_frame_cfa && f->cfa) {
        *fb = f->cfa;
        return 1;
    }
    if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg16 &&
        reg_of(f->regs, ops[0].atom - DW_OP_breg0, &r) == 0) {
        *fb = r + (uint64_t)(int64_t)ops[0].number;
        return 1;
    }
    return 0;
}

/* Integer-class per the System V ABI: passed in a general register. */
static int integer_class(Dwarf_Die *type)
{
    Dwarf_Die t;
    Dwarf_Attribute a;
    Dwarf_Word size = 0, enc = 0;
    if (!type || !dw_peel(type, &t))
        return 0;
    int tag = dwarf_tag(&t);
    if (tag == DW_TAG_pointer_type)
        return 1;
    if (tag != DW_TAG_base_type && tag != DW_TAG_enumeration_type)
        return 0;
    if (!dwarf_attr_integrate(&t, DW_AT_byte_size, &a) || dwarf_formudata(&a, &size) || size > 8)
        return 0;
    if (tag == DW_TAG_base_type && dwarf_attr_integrate(&t, DW_AT_encoding, &a) &&
        dwarf_formudata(&a, &enc) == 0 && enc == DW_ATE_float)
        return 0;
    return 1;
}

/* At a function's first instruction its prologue has not stored the
 * parameters where DWARF says they live: they are still where the caller
 * put them. Integer and pointer parameters come in rdi rsi rdx rcx r8 r9,
 * as long as every earlier one is of that class too. */
static int entry_register(const struct dw_frame *f, int index, uint64_t *v)
{
    if (!f->regs || index >= 6)
        return 0;
    const unsigned long long regs[6] = {f->regs->rdi, f->regs->rsi, f->regs->rdx,
                                        f->regs->rcx, f->regs->r8,  f->regs->r9};
    *v = regs[index];
    return 1;
}

static int visit_children(const struct dw_frame *f, Dwarf_Die *scope, int tag, Dwarf_Addr pc_rel,
                          Dwarf_Addr bias, uint64_t fb, int fb_known, dw_var_fn fn, void *ctx)
{
    Dwarf_Addr low = 0;
    /* (the parameters of an inlined call never come in registers) */
    int at_entry = tag == DW_TAG_formal_parameter && dwarf_tag(scope) == DW_TAG_subprogram &&
                   dwarf_lowpc(scope, &low) == 0 && low == pc_rel;
    int int_index = 0, abi_ok = 1;
    Dwarf_Die c;
    if (dwarf_child(scope, &c) != 0)
        return 0;
    do {
        if (dwarf_tag(&c) != tag || !dwarf_diename(&c))
            continue;
        struct dw_var v = {.name = dwarf_diename(&c), .is_param = tag == DW_TAG_formal_parameter};
        v.has_type = dw_type_of(&c, &v.type) != NULL;
        locate(f, &c, pc_rel, bias, fb, fb_known, &v);
        uint64_t r;
        if (at_entry) {
            if (abi_ok && v.has_type && integer_class(&v.type) &&
                entry_register(f, int_index, &r)) {
                v.where = DW_WHERE_VALUE;
                memcpy(v.value, &r, 8);
                v.value_len = 8;
                int_index++;
            } else {
                abi_ok = 0;
                v.where = DW_WHERE_NONE; /* the stack slot is not written yet */
            }
        }
        int stop = fn(ctx, &v);
        if (stop)
            return stop;
    } while (dwarf_siblingof(&c, &c) == 0);
    return 0;
}

int dw_frame_vars(struct sym_space *sp, const struct dw_frame *f, dw_var_fn fn, void *ctx,
                  struct lerr *e)
{
    struct sym_module *m = sym_module_at(sp, f->pc);
    Dwarf_Addr bias;
    Dwarf_Die *cu = m && m->dw ? dwfl_module_addrdie(m->dw, f->pc, &bias) : NULL;
    if (!cu)
        return lerr_set(e, "No DWARF information for this frame's function");
    Dwarf_Die *scopes = NULL;
    int n = dw_concrete_scopes(cu, f->pc - bias, &scopes);
    /* the frame's function: an inlined call or the out-of-line function
     * (f->inline_skip inlined calls inside it are frames of their own);
     * its locals are in the scopes from the one inside it out to it */
    int func = -1, inner = 0, skip = f->inline_skip, sub = -1;
    for (int i = 0; i < n && func < 0; i++) {
        if (!dw_is_function_scope(&scopes[i]))
            continue;
        if (skip-- == 0)
            func = i;
        else
            inner = i + 1;
    }
    for (int i = func; i >= 0 && i < n && sub < 0; i++)
        if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
            sub = i;
    if (func < 0 || sub < 0) {
        free(scopes);
        return lerr_set(e, "No DWARF information for this frame's function");
    }
    Dwarf_Addr pc_rel = f->pc - bias;
    uint64_t fb = 0;
    int fb_known = frame_base(f, &scopes[sub], pc_rel, &fb);
    int stop = visit_children(f, &scopes[func], DW_TAG_formal_parameter, pc_rel, bias, fb,
                              fb_known, fn, ctx);
    for (int i = func; i >= inner && !stop; i--)
        stop = visit_children(f, &scopes[i], DW_TAG_variable, pc_rel, bias, fb, fb_known, fn, ctx);
    free(scopes);
    return 0;
}


struct global_query {
    const char *name;
    Dwarf_Die *type;
    uint64_t addr;
};

static int match_global(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    struct global_query *q = ctx;
    const char *n = dwarf_diename(d);
    if (dwarf_tag(d) != DW_TAG_variable || !n || strcmp(n, q->name) != 0)
        return 0;
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t nops;
    if (!dwarf_attr_integrate(d, DW_AT_location, &at) || dwarf_getlocation(&at, &ops, &nops) != 0 ||
        nops != 1 || ops[0].atom != DW_OP_addr)
        return 0;
    q->addr = ops[0].number + bias;
    return dw_type_of(d, q->type) != NULL;
}

int dw_find_global(struct sym_space *sp, const char *name, uint64_t *addr, Dwarf_Die *type)
{
    struct global_query q = {name, type, 0};
    struct sym_module *only = dw_module_prefix(sp, &q.name);
    for (size_t i = 0; i < sp->n; i++) {
        if (only && sp->mods[i] != only)
            continue;
        if (dw_each_top_die(sp->mods[i], match_global, &q)) {
            *addr = q.addr;
            return 1;
        }
    }
    return 0;
}

const char *dw_function_name(struct sym_space *sp, uint64_t pc)
{
    struct sym_module *m = sym_module_at(sp, pc);
    Dwarf_Addr bias;
    Dwarf_Die *cu = m && m->dw ? dwfl_module_addrdie(m->dw, pc, &bias) : NULL;
    Dwarf_Die *scopes = NULL;
    int n = cu ? dwarf_getscopes(cu, pc - bias, &scopes) : 0;
    const char *name = NULL;
    for (int i = 0; i < n && !name; i++)
        if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
            name = dwarf_diename(&scopes[i]);
    free(scopes);
    return name;
}
