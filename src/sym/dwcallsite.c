#include "sym/dwcallsite.h"
#include "sym/inline.h"

#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

/* DWARF 5 names, missing from older dwarf.h */
#ifndef DW_AT_call_return_pc
#define DW_AT_call_return_pc 0x7d
#endif
#ifndef DW_AT_call_tail_call
#define DW_AT_call_tail_call 0x82
#endif
#ifndef DW_AT_GNU_tail_call
#define DW_AT_GNU_tail_call 0x2115
#endif

#define TAILCALL_MAX 256

/* Functions to look at for tail calls, by entry address. */
struct tail_walk {
    struct sym_space *sp;
    uint64_t self;
    uint64_t seen[TAILCALL_MAX];
    size_t n;
    int unsure;
};

/* Where the function a call site calls begins: its DW_AT_call_origin's
 * entry, or the ELF symbol of that name in the module. 0 or -1. */
static int origin_entry(struct tail_walk *w, struct sym_module *m, Dwarf_Addr bias,
                        Dwarf_Die *site, uint64_t *out)
{
    Dwarf_Attribute a;
    Dwarf_Die o;
    Dwarf_Addr e;
    if ((!dwarf_attr(site, DW_AT_call_origin, &a) && !dwarf_attr(site, DW_AT_abstract_origin, &a)) ||
        !dwarf_formref_die(&a, &o))
        return -1;
    if (dwarf_entrypc(&o, &e) == 0) {
        *out = e + bias;
        return 0;
    }
    const char *name = dwarf_diename(&o);
    char q[512];
    struct lerr ignore;
    if (!name || snprintf(q, sizeof q, "%s!%s", m->name, name) >= (int)sizeof q)
        return -1;
    if (sym_lookup(w->sp, q, strlen(q), out, &ignore) == 1 ||
        sym_lookup(w->sp, name, strlen(name), out, &ignore) == 1)
        return 0;
    return -1;
}

static void walk_tail_calls(struct tail_walk *w, struct sym_module *m, Dwarf_Addr bias,
                            Dwarf_Die *scope)
{
    Dwarf_Die c;
    if (w->unsure || dwarf_child(scope, &c) != 0)
        return;
    do {
        int t = dwarf_tag(&c);
        if (t == DW_TAG_lexical_block || t == DW_TAG_inlined_subroutine) {
            walk_tail_calls(w, m, bias, &c);
        } else if ((t == DW_TAG_call_site || t == DW_TAG_GNU_call_site) &&
                   (dwarf_hasattr(&c, DW_AT_call_tail_call) ||
                    dwarf_hasattr(&c, DW_AT_GNU_tail_call))) {
            uint64_t target;
            if (origin_entry(w, m, bias, &c, &target) < 0 || target == w->self) {
                w->unsure = 1; /* an unknown target, or itself */
                return;
            }
            size_t i;
            for (i = 0; i < w->n && w->seen[i] != target; i++)
                ;
            if (i == w->n) {
                if (w->n == TAILCALL_MAX) {
                    w->unsure = 1;
                    return;
                }
                w->seen[w->n++] = target;
            }
        }
    } while (!w->unsure && dwarf_siblingof(&c, &c) == 0);
}

/* Whether the function at entry can be shown never to tail-call itself,
 * directly or through others (GDB's func_verify_no_selftailcall): if it
 * could, the frame may belong to a later entry than the one the caller's
 * call site describes, and its entry values would be another call's. */
static int no_self_tailcall(struct sym_space *sp, uint64_t entry)
{
    struct tail_walk *w = calloc(1, sizeof *w);
    if (!w)
        return 0;
    w->sp = sp;
    w->self = entry;
    w->seen[w->n++] = entry;
    for (size_t i = 0; i < w->n && !w->unsure; i++) {
        uint64_t a = w->seen[i];
        struct sym_module *m = sym_module_at(sp, a);
        Dwarf_Addr bias;
        Dwarf_Die *cu = m && m->dw ? dwfl_module_addrdie(m->dw, a, &bias) : NULL;
        Dwarf_Die *scopes = NULL;
        int n = cu ? dw_concrete_scopes(cu, a - bias, &scopes) : 0;
        int func = -1;
        for (int k = n - 1; k >= 0 && func < 0; k--)
            if (dwarf_tag(&scopes[k]) == DW_TAG_subprogram)
                func = k;
        if (func < 0)
            w->unsure = 1; /* no DWARF to tell what it calls */
        else
            walk_tail_calls(w, m, bias, &scopes[func]);
        free(scopes);
    }
    int ok = !w->unsure;
    free(w);
    return ok;
}

/* Where a function begins: DW_AT_entry_pc or DW_AT_low_pc, else (a
 * function split in hot and cold parts has only DW_AT_ranges) the range
 * where an ELF symbol other than a .cold part starts. 0 or -1. */
static int func_entry(struct sym_space *sp, Dwarf_Die *func, uint64_t bias, uint64_t *out)
{
    Dwarf_Addr e, base, end;
    if (dwarf_entrypc(func, &e) == 0) {
        *out = e + bias;
        return 0;
    }
    ptrdiff_t off = 0;
    while ((off = dwarf_ranges(func, off, &base, &e, &end)) > 0) {
        struct sym_entry se;
        char name[512];
        if (sym_symbol_at(sp, e + bias, &se, name, sizeof name) == 0 && se.addr == e + bias &&
            !strstr(name, ".cold")) {
            *out = e + bias;
            return 0;
        }
    }
    return -1;
}

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

/* The call site whose return address is ret_rel anywhere in the
 * function's tree: GCC does not always put it under the innermost scope
 * around the call instruction. */
static int find_call_site(Dwarf_Die *scope, Dwarf_Addr ret_rel, Dwarf_Die *out)
{
    Dwarf_Die c;
    if (dwarf_child(scope, &c) != 0)
        return -1;
    do {
        int t = dwarf_tag(&c);
        if (t == DW_TAG_lexical_block || t == DW_TAG_inlined_subroutine) {
            if (find_call_site(&c, ret_rel, out) == 0)
                return 0;
        } else if (is_call_site(&c)) {
            Dwarf_Attribute a;
            Dwarf_Addr r;
            if (dwarf_attr(&c, DW_AT_call_return_pc, &a) ? dwarf_formaddr(&a, &r) != 0
                                                         : dwarf_lowpc(&c, &r) != 0)
                continue;
            if (r == ret_rel) {
                *out = c;
                return 0;
            }
        }
    } while (dwarf_siblingof(&c, &c) == 0);
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
    int n = dw_concrete_scopes(cu, v->f.pc - bias, &scopes);
    int func = -1;
    for (int i = 0; i < n && func < 0; i++)
        if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
            func = i;
    int found = func >= 0 ? find_call_site(&scopes[func], up->ret - bias, &v->site) : -1;
    /* GCC sometimes leaves call sites in the abstract instance of a
     * function that also has inlined copies (GDB indexes them by pc) */
    Dwarf_Attribute ao;
    Dwarf_Die abstract;
    if (found < 0 && func >= 0 && dwarf_attr(&scopes[func], DW_AT_abstract_origin, &ao) &&
        dwarf_formref_die(&ao, &abstract))
        found = find_call_site(&abstract, up->ret - bias, &v->site);
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
    uint64_t entry, ret = c->f->caller.ret;
    if (func_entry(c->sp, &c->func, c->bias, &entry) < 0)
        return 0;
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
    uint64_t e;
    if (c->no_self_tail < 0)
        c->no_self_tail = func_entry(c->sp, &c->func, c->bias, &e) == 0 && no_self_tailcall(c->sp, e);
    if (!c->no_self_tail)
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
    uint64_t e;
    if (func_entry(c->sp, &c->func, c->bias, &e) == 0 && e == c->f->pc &&
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
