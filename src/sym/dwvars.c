#include "sym/dwvars.h"
#include "sym/dwcallsite.h"
#include "sym/dwexpr.h"
#include "sym/inline.h"
#include "util/xalloc.h"

#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

void dw_frame_from_stack(struct dw_frame *f, const struct sym_frame *frames, size_t n, size_t i,
                         dw_read_fn read, void *ctx)
{
    memset(f, 0, sizeof *f);
    f->pc = sym_frame_code(&frames[i]);
    f->cfa = i + 1 < n ? frames[i + 1].sp : 0;
    f->regs = frames[i].regs;
    f->read = read;
    f->ctx = ctx;
    if (i + 1 < n && !frames[i + 1].activation) {
        f->caller.known = 1;
        f->caller.ret = frames[i + 1].pc;
        f->caller.cfa = i + 2 < n ? frames[i + 2].sp : 0;
        f->caller.regs = frames[i + 1].regs;
    }
}

/* What a variable's location is evaluated with in one frame. */
struct frame_env {
    struct sym_space *sp;
    const struct dw_frame *f;
    Dwarf_Die func; /* the out-of-line DW_TAG_subprogram */
    Dwarf_Addr pc_rel, bias;
    Dwarf_Addr entry_rel; /* entry pc of the innermost scope */
    uint64_t fb;
    int fb_known;
    int fb_is_cfa; /* DW_AT_frame_base is DW_OP_call_frame_cfa */
    int abi_entry; /* at the entry of a function that is not a clone */
};

static int implicit_value(void *hctx, const Dwarf_Op *op, const uint8_t **data, size_t *len)
{
    struct dw_callee *c = hctx;
    Dwarf_Block b;
    if (!c->attr || dwarf_getlocation_implicit_value(c->attr, op, &b) != 0)
        return -1;
    *data = b.data;
    *len = b.length;
    return 0;
}

/* DW_AT_const_value: a constant the compiler never stored. */
static int const_value(Dwarf_Die *die, struct dw_var *v)
{
    Dwarf_Attribute at;
    if (!dwarf_attr_integrate(die, DW_AT_const_value, &at))
        return -1;
    Dwarf_Block b;
    Dwarf_Sword s;
    Dwarf_Word u;
    switch (dwarf_whatform(&at)) {
    case DW_FORM_block: case DW_FORM_block1: case DW_FORM_block2: case DW_FORM_block4:
    case DW_FORM_exprloc:
        if (dwarf_formblock(&at, &b) != 0 || b.length > DW_VALUE_MAX)
            return -1;
        memcpy(v->value, b.data, b.length);
        v->value_len = b.length;
        break;
    case DW_FORM_sdata: case DW_FORM_implicit_const:
        if (dwarf_formsdata(&at, &s) != 0)
            return -1;
        memcpy(v->value, &s, 8);
        v->value_len = 8;
        break;
    case DW_FORM_data1: case DW_FORM_data2: case DW_FORM_data4: case DW_FORM_data8:
    case DW_FORM_udata:
        if (dwarf_formudata(&at, &u) != 0)
            return -1;
        memcpy(v->value, &u, 8);
        v->value_len = 8;
        break;
    default:
        return -1; /* strings and the rest: not a value lindbg shows */
    }
    v->where = DW_WHERE_VALUE;
    return 0;
}

/* The location list entry of at for pc. At a scope's entry pc an empty
 * range there (GCC's record of location view 0, the state before the
 * scope's first statement) comes first, as in GDB: the entry that starts
 * at the same address describes a later view, values after code the
 * stop has not run. */
static int find_location(Dwarf_Attribute *at, Dwarf_Addr pc, Dwarf_Addr entry, Dwarf_Op **ops,
                         size_t *n)
{
    ptrdiff_t off = 0;
    Dwarf_Addr base, start, end;
    Dwarf_Op *e;
    size_t len;
    int found = 0;
    while ((off = dwarf_getlocations(at, off, &base, &start, &end, &e, &len)) > 0) {
        if (start == end && start == pc && pc == entry) {
            *ops = e;
            *n = len;
            return 0;
        }
        if (!found && pc >= start && pc < end) {
            *ops = e;
            *n = len;
            found = 1;
        }
    }
    return found ? 0 : -1;
}

/* Where the variable of die is at the frame's pc. Returns 1 when its
 * location is a stack slot of the callee relative to the frame base
 * (DW_OP_fbreg first), which a prologue has not written yet at the
 * entry. */
static int locate(const struct frame_env *fe, Dwarf_Die *die, struct dw_var *v)
{
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t n;
    v->where = DW_WHERE_NONE;
    if (!dwarf_attr_integrate(die, DW_AT_location, &at)) {
        const_value(die, v);
        return 0;
    }
    if (find_location(&at, fe->pc_rel, fe->entry_rel, &ops, &n) < 0 || n == 0)
        return 0; /* no entry for this pc: optimised out here */
    struct dw_callee callee = {fe->sp, fe->f, fe->func, fe->bias, &at, -1};
    struct dw_expr_env env = {
        .f = fe->f, .bias = fe->bias, .fb = fe->fb, .fb_known = fe->fb_known,
        .entry_value = dw_callsite_entry_value, .parameter_ref = dw_callsite_parameter_ref,
        .implicit_value = implicit_value, .hctx = &callee,
    };
    dw_expr_eval(&env, ops, n, v);
    /* a slot below the CFA is the callee's own frame, written by its
     * prologue; at or above it the caller's (stack-passed arguments) */
    return ops[0].atom == DW_OP_fbreg && (!fe->fb_is_cfa || (int64_t)ops[0].number < 0);
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

/* At a function's first instruction an unoptimised prologue has not yet
 * stored the parameters in the stack slots DWARF names: they are still
 * where the caller put them. Integer and pointer parameters come in rdi
 * rsi rdx rcx r8 r9, as long as every earlier one is of that class too
 * (a struct by value or a float ends the shortcut). */
static int entry_register(const struct dw_frame *f, int index, uint64_t *v)
{
    static const int dwarf_reg[6] = {5, 4, 1, 2, 8, 9}; /* rdi rsi rdx rcx r8 r9 */
    if (index >= 6 || !(f->regs.known & (1u << dwarf_reg[index])))
        return 0;
    *v = f->regs.r[dwarf_reg[index]];
    return 1;
}

/* tag's children of scope (the parameters of an inlined call never come
 * in registers: the entry shortcut is the out-of-line function's). */
static int visit_children(const struct frame_env *fe, Dwarf_Die *scope, int tag, dw_var_fn fn,
                          void *ctx)
{
    int entry = tag == DW_TAG_formal_parameter && dwarf_tag(scope) == DW_TAG_subprogram &&
                fe->abi_entry;
    int int_index = 0, abi_ok = 1;
    Dwarf_Die c;
    if (dwarf_child(scope, &c) != 0)
        return 0;
    do {
        if (dwarf_tag(&c) != tag || !dwarf_diename(&c))
            continue;
        struct dw_var v = {.name = dwarf_diename(&c), .is_param = tag == DW_TAG_formal_parameter};
        v.has_type = dw_type_of(&c, &v.type) != NULL;
        int slot = locate(fe, &c, &v);
        if (!entry)
            goto report;
        uint64_t r;
        if (!abi_ok || !v.has_type || !integer_class(&v.type)) {
            abi_ok = 0;
            if (slot)
                v.where = DW_WHERE_NONE; /* the stack slot is not written yet */
        } else if (slot) {
            if (entry_register(fe->f, int_index, &r)) {
                v.where = DW_WHERE_VALUE;
                memcpy(v.value, &r, 8);
                v.value_len = 8;
            } else {
                v.where = DW_WHERE_NONE;
            }
        }
        int_index++;
    report:;
        int stop = fn(ctx, &v);
        if (stop)
            return stop;
    } while (dwarf_siblingof(&c, &c) == 0);
    return 0;
}

/* Whether the ELF symbol at the function's entry is a compiler-made copy
 * (foo.constprop.0, foo.isra.0, foo.part.0, foo.cold): its parameters
 * are not those of the declaration, in number or order. */
static int is_clone(struct sym_space *sp, uint64_t entry)
{
    struct sym_entry e;
    char name[512];
    if (sym_symbol_at(sp, entry, &e, name, sizeof name) < 0)
        return 1; /* unknown: do not guess */
    return strchr(name, '.') != NULL;
}

/* Where a scope starts: DW_AT_entry_pc or DW_AT_low_pc, else its first
 * range (GDB's block entry pc). (Dwarf_Addr)-1 when none. */
static Dwarf_Addr scope_entry(Dwarf_Die *scope)
{
    Dwarf_Addr e, base, end;
    if (dwarf_entrypc(scope, &e) == 0)
        return e;
    if (dwarf_ranges(scope, 0, &base, &e, &end) > 0)
        return e;
    return (Dwarf_Addr)-1;
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
    /* locations are the out-of-line function's: its frame base, its
     * entry, its caller's call sites */
    struct frame_env fe = {.sp = sp, .f = f, .func = scopes[sub], .pc_rel = f->pc - bias,
                           .bias = bias};
    fe.fb_known = dw_frame_base(f, &scopes[sub], fe.pc_rel, &fe.fb) == 0;
    Dwarf_Attribute fba;
    Dwarf_Op *fbops;
    size_t nfb;
    fe.fb_is_cfa = dwarf_attr_integrate(&scopes[sub], DW_AT_frame_base, &fba) &&
                   dwarf_getlocation(&fba, &fbops, &nfb) == 0 && nfb == 1 &&
                   fbops[0].atom == DW_OP_call_frame_cfa;
    fe.entry_rel = scope_entry(&scopes[0]);
    Dwarf_Addr low;
    fe.abi_entry = func == sub && dwarf_entrypc(&scopes[sub], &low) == 0 && low == fe.pc_rel &&
                   !is_clone(sp, low + bias);
    int stop = visit_children(&fe, &scopes[func], DW_TAG_formal_parameter, fn, ctx);
    for (int i = func; i >= inner && !stop; i--)
        stop = visit_children(&fe, &scopes[i], DW_TAG_variable, fn, ctx);
    free(scopes);
    return 0;
}


struct global_query {
    const char *name;
    Dwarf_Die *type;
    uint64_t addr;
};

int dw_var_static_addr(Dwarf_Die *die, Dwarf_Addr bias, uint64_t *addr)
{
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t nops;
    if (!dwarf_attr_integrate(die, DW_AT_location, &at) ||
        dwarf_getlocation(&at, &ops, &nops) != 0 || nops != 1 || ops[0].atom != DW_OP_addr)
        return 0;
    *addr = ops[0].number + bias;
    return 1;
}

static int match_global(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    struct global_query *q = ctx;
    const char *n = dwarf_diename(d);
    if (dwarf_tag(d) != DW_TAG_variable || !n || strcmp(n, q->name) != 0)
        return 0;
    if (!dw_var_static_addr(d, bias, &q->addr))
        return 0;
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
