#include "sym/dwcallsite.h"

#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

/* DWARF 5 names, missing from older dwarf.h */
#ifndef DW_AT_call_return_pc
#define DW_AT_call_return_pc 0x7d
#endif

int dw_frame_base(const struct dw_frame *f, Dwarf_Die *func, Dwarf_Addr pc_rel, uint64_t *fb)
{
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t n;
    if (!dwarf_attr_integrate(func, DW_AT_frame_base, &at) ||
        dwarf_getlocation_addr(&at, pc_rel, &ops, &n, 1) < 1)
        return -1;
    struct dw_expr_env env = {.f = f};
    return dw_expr_value(&env, ops, n, fb);
}

static int is_call_site(Dwarf_Die *d)
{
    int t = dwarf_tag(d);
    return t == DW_TAG_call_site || t == DW_TAG_GNU_call_site;
}

static int is_call_site_param(Dwarf_Die *d)
{
    int t = dwarf_tag(d);
    return t == DW_TAG_call_site_parameter || t == DW_TAG_GNU_call_site_parameter;
}

/* The call site whose return address is ret_rel among the children of
 * the scopes around it. */
static int find_call_site(Dwarf_Die *scopes, int n, Dwarf_Addr ret_rel, Dwarf_Die *out)
{
    for (int i = 0; i < n; i++) {
        Dwarf_Die c;
        if (dwarf_child(&scopes[i], &c) != 0)
            continue;
        do {
            if (!is_call_site(&c))
                continue;
            Dwarf_Attribute a;
            Dwarf_Addr r;
            if (dwarf_attr(&c, DW_AT_call_return_pc, &a) ? dwarf_formaddr(&a, &r) != 0
                                                         : dwarf_lowpc(&c, &r) != 0)
                continue;
            if (r == ret_rel) {
                *out = c;
                return 0;
            }
        } while (dwarf_siblingof(&c, &c) == 0);
        if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
            break;
    }
    return -1;
}

/* The caller as a frame, its module's bias, its call site at the return
 * address and its frame base. */
struct caller_view {
    struct dw_frame f;
    struct sym_module *mod;
    Dwarf_Die site;
    struct dw_expr_env env;
};

static int caller_view(struct dw_callee *c, struct caller_view *v)
{
    const struct dw_caller *up = &c->f->caller;
    if (!up->known || !up->ret)
        return -1;
    memset(v, 0, sizeof *v);
    v->f = (struct dw_frame){.pc = up->ret - 1, .cfa = up->cfa, .regs = up->regs,
                             .read = c->f->read, .ctx = c->f->ctx};
    v->mod = sym_module_at(c->sp, v->f.pc);
    Dwarf_Addr bias;
    Dwarf_Die *cu = v->mod && v->mod->dw ? dwfl_module_addrdie(v->mod->dw, v->f.pc, &bias) : NULL;
    if (!cu)
        return -1;
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes(cu, v->f.pc - bias, &scopes);
    int found = n > 0 ? find_call_site(scopes, n, up->ret - bias, &v->site) : -1;
    int func = -1;
    for (int i = 0; i < n && func < 0; i++)
        if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
            func = i;
    v->env.f = &v->f;
    v->env.bias = bias;
    if (func >= 0)
        v->env.fb_known = dw_frame_base(&v->f, &scopes[func], v->f.pc - bias, &v->env.fb) == 0;
    free(scopes);
    return found;
}

/* Whether the call that returns to the caller called c's function: a
 * direct call (e8 rel32) to its entry, or DW_AT_call_target says so. */
static int calls_callee(struct dw_callee *c, struct caller_view *v)
{
    Dwarf_Addr e;
    if (dwarf_entrypc(&c->func, &e) != 0)
        return 0;
    uint64_t entry = e + c->bias, ret = c->f->caller.ret;
    uint8_t ins[5];
    if (c->f->read(c->f->ctx, ret - 5, ins, 5) == 0 && ins[0] == 0xe8) {
        int32_t rel;
        memcpy(&rel, ins + 1, 4);
        if (ret + (uint64_t)(int64_t)rel == entry)
            return 1;
    }
    Dwarf_Attribute a;
    Dwarf_Op *ops;
    size_t n;
    uint64_t target;
    if ((dwarf_attr(&v->site, DW_AT_call_target, &a) ||
         dwarf_attr(&v->site, DW_AT_GNU_call_site_target, &a)) &&
        dwarf_getlocation(&a, &ops, &n) == 0 && dw_expr_value(&v->env, ops, n, &target) == 0)
        return target == entry;
    return 0;
}

/* The value the caller passed for the parameter that is in register reg
 * (reg >= 0) or that is the DIE at offset param_off. */
static int call_value(struct dw_callee *c, int reg, Dwarf_Off param_off, uint64_t *out)
{
    struct caller_view v;
    if (caller_view(c, &v) < 0 || !calls_callee(c, &v))
        return -1;
    Dwarf_Die p;
    if (dwarf_child(&v.site, &p) != 0)
        return -1;
    do {
        if (!is_call_site_param(&p))
            continue;
        Dwarf_Attribute a;
        Dwarf_Op *ops;
        size_t n;
        if (reg >= 0) {
            if (!dwarf_attr(&p, DW_AT_location, &a) || dwarf_getlocation(&a, &ops, &n) != 0 ||
                n != 1)
                continue;
            int r = ops[0].atom >= DW_OP_reg0 && ops[0].atom <= DW_OP_reg31
                        ? ops[0].atom - DW_OP_reg0
                        : (ops[0].atom == DW_OP_regx ? (int)ops[0].number : -1);
            if (r != reg)
                continue;
        } else {
            Dwarf_Die target;
            if ((!dwarf_attr(&p, DW_AT_call_parameter, &a) &&
                 !dwarf_attr(&p, DW_AT_abstract_origin, &a)) ||
                !dwarf_formref_die(&a, &target) || dwarf_dieoffset(&target) != param_off)
                continue;
        }
        if ((!dwarf_attr(&p, DW_AT_call_value, &a) &&
             !dwarf_attr(&p, DW_AT_GNU_call_site_value, &a)) ||
            dwarf_getlocation(&a, &ops, &n) != 0)
            return -1;
        return dw_expr_value(&v.env, ops, n, out);
    } while (dwarf_siblingof(&p, &p) == 0);
    return -1;
}

int dw_callsite_entry_value(void *hctx, const Dwarf_Op *op, uint64_t *out)
{
    struct dw_callee *c = hctx;
    Dwarf_Attribute sub;
    Dwarf_Op *ops;
    size_t n;
    if (!c->attr || dwarf_getlocation_attr(c->attr, op, &sub) != 0 ||
        dwarf_getlocation(&sub, &ops, &n) != 0 || n != 1)
        return -1;
    int reg = ops[0].atom >= DW_OP_reg0 && ops[0].atom <= DW_OP_reg31
                  ? ops[0].atom - DW_OP_reg0
                  : (ops[0].atom == DW_OP_regx ? (int)ops[0].number : -1);
    if (reg < 0 || reg >= SYM_NREGS)
        return -1;
    /* at the function's first instruction the entry value is the value */
    Dwarf_Addr e;
    if (dwarf_entrypc(&c->func, &e) == 0 && e + c->bias == c->f->pc &&
        (c->f->regs.known & (1u << reg))) {
        *out = c->f->regs.r[reg];
        return 0;
    }
    return call_value(c, reg, 0, out);
}

int dw_callsite_parameter_ref(void *hctx, const Dwarf_Op *op, uint64_t *out)
{
    struct dw_callee *c = hctx;
    /* op->number is relative to the start of the CU of the expression,
     * the frame function's CU; the caller's must be in the same module */
    struct sym_module *m = sym_module_at(c->sp, c->f->pc);
    if (!c->f->caller.known || sym_module_at(c->sp, c->f->caller.ret - 1) != m)
        return -1;
    Dwarf_Off cu_start = dwarf_dieoffset(&c->func) - dwarf_cuoffset(&c->func);
    return call_value(c, -1, cu_start + op->number, out);
}
