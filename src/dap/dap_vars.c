/* scopes and variables: a frame's parameters, locals and registers, and
 * the children of a value (members, elements, a pointee), one level per
 * request, each expandable child under a reference of this stop's table
 * (dap_vars_refs.c). Values are typed from DWARF through the C expression
 * evaluator's types (sym/dwcexpr.h) and read from the target. */
#include "dap/dap_vars_int.h"

#include "arch/x86_64/regs.h"
#include "sym/dwlayout.h"
#include "sym/dwvars.h"
#include "util/xalloc.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_UNPAGED 1000 /* elements given when the client asks for all */

struct dap_vars {
    struct dapv_table t;
};

struct dapv_table *dapv_table(struct dap *a)
{
    if (!a->vars)
        a->vars = xcalloc(1, sizeof *a->vars);
    return &a->vars->t;
}

void dapv_view(struct dap *a, struct dapv_view *w, int with_frame)
{
    memset(w, 0, sizeof *w);
    w->dw.sp = eng_has_process(a->d.s) ? eng_syms(a->d.s) : NULL;
    if (with_frame && eng_has_process(a->d.s)) {
        struct lerr keep = a->d.err;
        w->have_frame = dbg_frame_context(&a->d, a->d.frame, &w->f, &w->shown) == 0;
        a->d.err = keep;
    }
    /* memory is the process's whatever the frame */
    w->f.read = dbg_dw_read;
    w->f.ctx = &a->d;
    w->dw.f = &w->f;
    dw_cx_env(&w->dw, &w->env);
}

/* Code is shown with its symbol, as GDB's "0x401136 <square>". */
static void add_code_symbol(struct dap *a, struct dapv_view *w, const struct cx_value *v,
                            struct strbuf *out)
{
    const struct cx_type *t = v->type;
    uint64_t at = 0;
    struct lerr e;
    char sym[512];
    if (!t || !(t->kind == CX_FUNC || (t->kind == CX_PTR && t->target && t->target->kind == CX_FUNC)) ||
        cx_value_u64(&w->env, v, &at, &e) < 0 || !at || dbg_symbolizer(&a->d, at, sym, sizeof sym) < 0)
        return;
    sb_addf(out, " <%s>", sym);
}

void dapv_value_fields(struct dap *a, struct dapv_view *w, cJSON *o, const struct cx_value *v,
                       const char *expr, const char *value_key)
{
    struct strbuf sb;
    sb_init(&sb);
    dapv_format(&w->env, v, &sb);
    add_code_symbol(a, w, v, &sb);
    cJSON_AddStringToObject(o, value_key, sb_str(&sb));
    sb_reset(&sb);
    cx_type_name(v->type, &sb);
    cJSON_AddStringToObject(o, "type", sb_str(&sb));
    sb_free(&sb);
    if (expr)
        cJSON_AddStringToObject(o, "evaluateName", expr);
    uint64_t indexed = 0;
    int ref = 0;
    if (dapv_expandable(&w->env, v, &indexed)) {
        struct dapv_ref r = {.kind = DAPV_VALUE, .v = *v, .expr = (char *)expr};
        ref = dapv_add(dapv_table(a), &r);
    }
    cJSON_AddNumberToObject(o, "variablesReference", ref);
    if (ref && indexed)
        cJSON_AddNumberToObject(o, "indexedVariables", (double)indexed);
    /* a pointer refers to what it points at (the protocol's advice, so
     * that readMemory shows the pointee); anything else in memory to
     * where it is */
    uint64_t at = 0;
    struct lerr e;
    if (v->type && v->type->kind == CX_PTR && !v->bit_size) {
        if (cx_value_u64(&w->env, v, &at, &e) < 0)
            at = 0;
    } else if (v->lval) {
        at = v->addr + v->bit_off / 8;
    }
    if (at) {
        char hex[32];
        dap_hex(hex, sizeof hex, at);
        cJSON_AddStringToObject(o, "memoryReference", hex);
    }
}

/* ---- a frame's variables --------------------------------------------------- */

static int collect_var(void *ctx, const struct dw_var *v)
{
    struct dapv_vars *c = ctx;
    if (v->is_param != c->params)
        return 0;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = *v;
    return 0;
}

int dapv_frame_vars(struct dapv_view *w, int params, struct dapv_vars *out, struct lerr *e)
{
    memset(out, 0, sizeof *out);
    out->params = params;
    if (!w->have_frame)
        return lerr_set(e, "Couldn't resolve error: no frame to read variables in");
    return dw_frame_vars(w->dw.sp, &w->f, collect_var, out, e);
}

/* Pages a list: whether the next item is in [start, start + count). */
struct pager {
    long long start, count, i;
};

static int take(struct pager *p)
{
    long long i = p->i++;
    return i >= p->start && (p->count <= 0 || i < p->start + p->count);
}

static void list_frame_vars(struct dap *a, struct dapv_view *w, int params, struct pager *pg,
                            cJSON *arr)
{
    struct dapv_vars vs;
    struct lerr e;
    if (dapv_frame_vars(w, params, &vs, &e) < 0)
        return;
    for (size_t i = 0; i < vs.n; i++) {
        const struct dw_var *dv = &vs.v[i];
        if (!take(pg))
            continue;
        /* an outer variable hidden by an inner one of the same name: its
         * name would evaluate to the inner one */
        int hidden = 0;
        for (size_t j = i + 1; j < vs.n; j++)
            hidden |= !strcmp(vs.v[j].name, dv->name);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", dv->name);
        struct cx_value v;
        if (dw_cx_var_value(&w->dw, &dapv_table(a)->arena, dv, &v, &e) > 0) {
            dapv_value_fields(a, w, o, &v, hidden ? NULL : dv->name, "value");
        } else {
            struct strbuf t;
            sb_init(&t);
            if (dv->has_type)
                dw_type_name((Dwarf_Die *)&dv->type, &t);
            if (dv->where == DW_WHERE_NONE || dv->where == DW_WHERE_SYNTHETIC)
                cJSON_AddStringToObject(o, "value", "<optimized out>");
            else
                cJSON_AddStringToObject(o, "value", e.msg);
            cJSON_AddStringToObject(o, "type", sb_str(&t));
            cJSON_AddNumberToObject(o, "variablesReference", 0);
            sb_free(&t);
        }
        cJSON_AddItemToArray(arr, o);
    }
    free(vs.v);
}

/* ---- registers --------------------------------------------------------------- */

const struct dapv_reg dapv_regs[] = {
    {"rax", 0},  {"rbx", 3},  {"rcx", 2},  {"rdx", 1},  {"rsi", 4},  {"rdi", 5},
    {"rbp", 6},  {"rsp", 7},  {"r8", 8},   {"r9", 9},   {"r10", 10}, {"r11", 11},
    {"r12", 12}, {"r13", 13}, {"r14", 14}, {"r15", 15}, {"rip", 16}, {"eflags", -1},
    {NULL, 0},
};

int dapv_reg_value(struct dap *a, struct dapv_view *w, const struct dapv_reg *r, uint64_t *v,
                   struct lerr *e)
{
    if (!w->have_frame)
        return lerr_set(e, "Couldn't resolve error: no frame");
    if (w->shown.stack_index == 0) {
        /* the thread's own registers: all of them, eflags too */
        struct user_regs_struct *u = eng_regs(a->d.s, eng_cur_thread(a->d.s), e);
        if (!u)
            return -1;
        *v = x86_reg_get(x86_reg_lookup(r->dw < 0 ? "rflags" : r->name), u);
        return 0;
    }
    /* above frame 0, what the unwinder recovered: callee-saved registers,
     * rsp, rip; the others were lost at the call */
    if (r->dw < 0 || !(w->f.regs.known & (1u << r->dw)))
        return lerr_set(e, "not saved by this frame");
    *v = w->f.regs.r[r->dw];
    return 0;
}

void dapv_reg_fields(struct dap *a, struct dapv_view *w, const struct dapv_reg *r, cJSON *o)
{
    uint64_t v;
    struct lerr e;
    char buf[1100];
    if (dapv_reg_value(a, w, r, &v, &e) < 0) {
        snprintf(buf, sizeof buf, "<%s>", e.msg);
    } else if (r->dw < 0) {
        char fl[32];
        x86_flags_text(v, fl);
        snprintf(buf, sizeof buf, "0x%08llx [%s]", (unsigned long long)v, fl);
    } else {
        char sym[512];
        int n = snprintf(buf, sizeof buf, "0x%016llx", (unsigned long long)v);
        if (r->dw == 16 && dbg_symbolizer(&a->d, v, sym, sizeof sym) == 0)
            snprintf(buf + n, sizeof buf - (size_t)n, " <%.500s>", sym);
    }
    cJSON_AddStringToObject(o, "value", buf);
    cJSON_AddStringToObject(o, "type", "unsigned long");
    /* @reg is the thread's register: the name of frame 0's only */
    if (w->have_frame && w->shown.stack_index == 0) {
        snprintf(buf, sizeof buf, "@%s", r->dw < 0 ? "rflags" : r->name);
        cJSON_AddStringToObject(o, "evaluateName", buf);
    }
    cJSON_AddNumberToObject(o, "variablesReference", 0);
}

static void list_regs(struct dap *a, struct dapv_view *w, struct pager *pg, cJSON *arr)
{
    for (const struct dapv_reg *r = dapv_regs; r->name; r++) {
        if (!take(pg))
            continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", r->name);
        dapv_reg_fields(a, w, r, o);
        cJSON_AddItemToArray(arr, o);
    }
}

/* ---- a value's children ---------------------------------------------------- */

static uint64_t udata(Dwarf_Die *d, int attr)
{
    Dwarf_Attribute at;
    Dwarf_Word w = 0;
    if (dwarf_attr_integrate(d, attr, &at))
        dwarf_formudata(&at, &w);
    return w;
}

/* Member m of the aggregate obj as a value: in memory after obj, or a
 * slice of obj's bytes; a bitfield by its bits from obj's start. */
static void member_value(struct dapv_view *w, struct cx_arena *ar, const struct cx_value *obj,
                         Dwarf_Die *m, struct cx_value *out)
{
    Dwarf_Die mt;
    struct dw_bits b;
    uint64_t off = 0;
    memset(out, 0, sizeof *out);
    out->type = dw_cx_type(&w->dw, ar, dw_type_of(m, &mt));
    if (dwarf_tag(m) == DW_TAG_member && dw_member_bits(m, &b)) {
        out->bit_off = (unsigned)b.first_bit;
        out->bit_size = b.width;
    } else {
        off = udata(m, DW_AT_data_member_location);
    }
    if (obj->lval) {
        out->lval = 1;
        out->addr = obj->addr + off;
    } else if (off < CX_VALUE_MAX) {
        memcpy(out->bytes, obj->bytes + off, CX_VALUE_MAX - off);
    }
}

int dapv_is_member(Dwarf_Die *m)
{
    int tag = dwarf_tag(m);
    /* static members are not in the object */
    return (tag == DW_TAG_member || tag == DW_TAG_inheritance) &&
           !dwarf_hasattr(m, DW_AT_external) && !dwarf_hasattr(m, DW_AT_declaration);
}

/* A member's name as the list shows it: a base class by its type's name,
 * an anonymous struct or union as such. */
static void member_name(Dwarf_Die *m, struct strbuf *out)
{
    Dwarf_Die mt, pt;
    const char *n = dwarf_diename(m);
    if (dwarf_tag(m) == DW_TAG_inheritance) {
        if (dw_type_of(m, &mt))
            dw_type_qualname(&mt, out);
        else
            sb_adds(out, "<base>");
    } else if (n) {
        sb_adds(out, n);
    } else {
        int u = dw_type_of(m, &mt) && dw_peel(&mt, &pt) && dwarf_tag(&pt) == DW_TAG_union_type;
        sb_adds(out, u ? "<anonymous union>" : "<anonymous struct>");
    }
}

static void list_members(struct dap *a, struct dapv_view *w, const struct cx_value *obj,
                         const char *obj_expr, const char *op, struct pager *pg, cJSON *arr)
{
    Dwarf_Die agg, m;
    if (!dw_cx_struct_die(obj->type, &agg) || dwarf_child(&agg, &m) != 0)
        return;
    struct strbuf name;
    sb_init(&name);
    do {
        if (!dapv_is_member(&m) || !take(pg))
            continue;
        struct cx_value v;
        member_value(w, &dapv_table(a)->arena, obj, &m, &v);
        sb_reset(&name);
        member_name(&m, &name);
        int anon = dwarf_tag(&m) == DW_TAG_member && !dwarf_diename(&m);
        char *expr = NULL;
        if (anon && obj_expr)
            /* an anonymous member's members are named as the object's own:
             * its children's expressions start from the object */
            expr = !strcmp(op, "->") ? dapv_child_expr(obj_expr, "*", NULL) : xstrdup(obj_expr);
        else if (dwarf_tag(&m) == DW_TAG_member)
            expr = dapv_child_expr(obj_expr, op, sb_str(&name));
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", sb_str(&name));
        dapv_value_fields(a, w, o, &v, expr, "value");
        if (anon)
            cJSON_DeleteItemFromObject(o, "evaluateName");
        cJSON_AddItemToArray(arr, o);
        free(expr);
    } while (dwarf_siblingof(&m, &m) == 0);
    sb_free(&name);
}

int dapv_pointee(struct dapv_view *w, const struct cx_value *p, struct cx_value *out,
                 struct lerr *e)
{
    uint64_t at;
    if (cx_value_u64(&w->env, p, &at, e) < 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->type = p->type->target;
    out->lval = 1;
    out->addr = at;
    return 0;
}

static void list_value(struct dap *a, struct dapv_view *w, const struct dapv_ref *r,
                       const char *filter, struct pager *pg, cJSON *arr)
{
    const struct cx_type *t = r->v.type;
    int named = !filter || strcmp(filter, "indexed") != 0;
    int indexed = !filter || strcmp(filter, "named") != 0;
    if (t->kind == CX_STRUCT && named) {
        list_members(a, w, &r->v, r->expr, ".", pg, arr);
    } else if (t->kind == CX_ARRAY && indexed) {
        uint64_t from = pg->start > 0 ? (uint64_t)pg->start : 0;
        uint64_t n = pg->count > 0 ? (uint64_t)pg->count : ARRAY_UNPAGED;
        for (uint64_t i = from; i < t->count && i - from < n; i++) {
            struct cx_value el;
            if (dapv_element(&r->v, i, &el) < 0)
                break;
            char idx[32], name[40];
            snprintf(idx, sizeof idx, "%llu", (unsigned long long)i);
            snprintf(name, sizeof name, "[%llu]", (unsigned long long)i);
            char *expr = dapv_child_expr(r->expr, "[", idx);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", name);
            dapv_value_fields(a, w, o, &el, expr, "value");
            cJSON_AddItemToArray(arr, o);
            free(expr);
        }
    } else if (t->kind == CX_PTR && named) {
        struct cx_value obj;
        struct lerr e;
        if (dapv_pointee(w, &r->v, &obj, &e) < 0)
            return;
        if (obj.type->kind == CX_STRUCT) {
            list_members(a, w, &obj, r->expr, "->", pg, arr);
        } else if (take(pg)) {
            char *expr = dapv_child_expr(r->expr, "*", NULL);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", expr ? expr : "*");
            dapv_value_fields(a, w, o, &obj, expr, "value");
            cJSON_AddItemToArray(arr, o);
            free(expr);
        }
    }
}

/* ---- requests ---------------------------------------------------------------- */

static cJSON *scope(struct dap *a, const char *name, const char *hint, enum dapv_kind kind,
                    int frame_id, size_t n)
{
    struct dapv_ref r = {.kind = kind, .frame_id = frame_id};
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddStringToObject(o, "presentationHint", hint);
    cJSON_AddNumberToObject(o, "variablesReference", dapv_add(dapv_table(a), &r));
    cJSON_AddNumberToObject(o, "namedVariables", (double)n);
    cJSON_AddBoolToObject(o, "expensive", 0);
    return o;
}

int dap_scopes(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    int fid = (int)dap_arg_int(args, "frameId", 0);
    if (dap_select_frame(a, fid, e) < 0)
        return -1;
    struct dapv_view w;
    dapv_view(a, &w, 1);
    if (!w.have_frame)
        return lerr_set(e, "Couldn't resolve error: frame %d has no context", fid);
    cJSON *arr = cJSON_AddArrayToObject(body, "scopes");
    struct dapv_vars params = {0}, locals = {0};
    struct lerr ignore;
    /* without DWARF for the function, only its registers */
    if (dapv_frame_vars(&w, 1, &params, &ignore) == 0 &&
        dapv_frame_vars(&w, 0, &locals, &ignore) == 0) {
        cJSON_AddItemToArray(arr, scope(a, "Arguments", "arguments", DAPV_ARGS, fid, params.n));
        cJSON_AddItemToArray(arr, scope(a, "Locals", "locals", DAPV_LOCALS, fid, locals.n));
    }
    free(params.v);
    free(locals.v);
    size_t nregs = sizeof dapv_regs / sizeof dapv_regs[0] - 1;
    cJSON_AddItemToArray(arr, scope(a, "Registers", "registers", DAPV_REGS, fid, nregs));
    return 0;
}

int dapv_resolve(struct dap *a, const cJSON *args, struct dapv_ref *out, struct lerr *e)
{
    long long id = dap_arg_int(args, "variablesReference", 0);
    struct dapv_ref *r = dapv_get(dapv_table(a), id);
    if (!r)
        return lerr_set(e, "Couldn't resolve error: variablesReference %lld is not valid "
                           "(references end when the target runs)", id);
    /* a copy: listing children adds references, which may move the table */
    *out = *r;
    if (r->expr)
        out->expr = xstrdup(r->expr);
    if (r->kind != DAPV_VALUE && dap_select_frame(a, r->frame_id, e) < 0) {
        free(out->expr);
        return -1;
    }
    return 0;
}

int dap_variables(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    struct dapv_ref r;
    if (dapv_resolve(a, args, &r, e) < 0)
        return -1;
    struct pager pg = {dap_arg_int(args, "start", 0), dap_arg_int(args, "count", 0), 0};
    const char *filter = dap_arg_str(args, "filter", NULL);
    struct dapv_view w;
    dapv_view(a, &w, r.kind != DAPV_VALUE);
    cJSON *arr = cJSON_AddArrayToObject(body, "variables");
    int named = !filter || strcmp(filter, "indexed") != 0;
    if ((r.kind == DAPV_ARGS || r.kind == DAPV_LOCALS) && named)
        list_frame_vars(a, &w, r.kind == DAPV_ARGS, &pg, arr);
    else if (r.kind == DAPV_REGS && named)
        list_regs(a, &w, &pg, arr);
    else if (r.kind == DAPV_VALUE)
        list_value(a, &w, &r, filter, &pg, arr);
    free(r.expr);
    return 0;
}

void dap_vars_reset(struct dap *a)
{
    if (a->vars)
        dapv_clear(&a->vars->t);
}

void dap_vars_free(struct dap *a)
{
    if (!a->vars)
        return;
    dapv_clear(&a->vars->t);
    free(a->vars->t.refs);
    free(a->vars);
    a->vars = NULL;
}
