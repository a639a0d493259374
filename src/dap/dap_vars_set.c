/* setVariable and evaluate outside the REPL (hover, watch, variables,
 * clipboard). Both read expressions as C first (what an editor's user
 * writes, and what gives a typed value), then as WinDbg MASM (poi(rsp),
 * main+0x10, 0n10). */
#include "dap/dap_vars_int.h"

#include "arch/x86_64/regs.h"
#include "sym/dwvars.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static struct cx_type t_u64 = {CX_INT, 8, 0, 0, 0, "unsigned long", NULL, 0, NULL};

/* text as a value: C, else MASM (a 64-bit number). 0, or -1 with C's
 * error in e (the one a C user understands). */
static int eval_text(struct dap *a, const char *text, struct cx_value *out, int *masm,
                     struct lerr *e)
{
    *masm = 0;
    if (dbg_cexpr_eval(&a->d, &dapv_table(a)->arena, text, out, e) == 0)
        return 0;
    struct expr_env env;
    struct lerr me;
    uint64_t u;
    dbg_expr_env(&a->d, &env);
    if (expr_eval_all(&env, text, &u, &me) < 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->type = &t_u64;
    memcpy(out->bytes, &u, 8);
    *masm = 1;
    return 0;
}

static int is_scalar(const struct cx_type *t)
{
    return t && (t->kind == CX_INT || t->kind == CX_FLOAT || t->kind == CX_ENUM ||
                 t->kind == CX_PTR);
}

/* Stores text, converted to dst's type, into dst (in memory). */
static int assign(struct dap *a, struct dapv_view *w, const char *name,
                  const struct cx_value *dst, const char *text, struct lerr *e)
{
    if (!is_scalar(dst->type)) {
        struct strbuf t;
        sb_init(&t);
        cx_type_name(dst->type, &t);
        lerr_set(e, "Not supported: '%s' has type %s; only numbers, enums and pointers can be set",
                 name, sb_str(&t));
        sb_free(&t);
        return -1;
    }
    if (!dst->lval)
        return lerr_set(e, "Not supported: '%s' is not in memory here (a register or a computed "
                           "value of optimized code): it cannot be set", name);
    if (eng_check_live(a->d.s, "be written", e) < 0)
        return -1;
    struct cx_value src;
    int masm;
    uint8_t b[16];
    if (eval_text(a, text, &src, &masm, e) < 0 || cx_convert_to(&w->env, &src, dst->type, b, e) < 0)
        return -1;
    if (!dst->bit_size) {
        size_t size = dst->type->kind == CX_PTR ? 8 : dst->type->size;
        return eng_write(a->d.s, dst->addr, b, size > 16 ? 16 : size, e);
    }
    /* a bitfield: its bits in the bytes that hold it, the others kept */
    uint64_t skip = dst->bit_off / 8;
    unsigned shift = dst->bit_off % 8;
    size_t len = (shift + dst->bit_size + 7) / 8;
    unsigned __int128 word = 0, v = 0, mask;
    if (eng_read(a->d.s, dst->addr + skip, &word, len, NULL) != 0)
        return lerr_set_code(e, LERR_MEMORY, "Memory access error at 0x%llx",
                             (unsigned long long)(dst->addr + skip));
    memcpy(&v, b, 8);
    mask = (((unsigned __int128)1 << dst->bit_size) - 1) << shift;
    word = (word & ~mask) | ((v << shift) & mask);
    return eng_write(a->d.s, dst->addr + skip, &word, len, e);
}

static int set_register(struct dap *a, struct dapv_view *w, const char *name, const char *text,
                        cJSON *body, struct lerr *e)
{
    const struct dapv_reg *r = dapv_regs;
    while (r->name && strcmp(r->name, name))
        r++;
    if (!r->name)
        return lerr_set(e, "Bad register error at '%s'", name);
    if (!w->have_frame || w->shown.stack_index != 0)
        return lerr_set(e, "Not supported: registers above frame 0 are what the unwinder "
                           "recovered; only frame 0's can be written");
    if (eng_check_live(a->d.s, "be written", e) < 0)
        return -1;
    struct cx_value src;
    int masm;
    uint8_t b[16];
    if (eval_text(a, text, &src, &masm, e) < 0 || cx_convert_to(&w->env, &src, &t_u64, b, e) < 0)
        return -1;
    uint64_t v;
    memcpy(&v, b, 8);
    struct eng_thread *t = eng_cur_thread(a->d.s);
    struct user_regs_struct *u = eng_regs(a->d.s, t, e);
    if (!u)
        return -1;
    uint64_t ip = u->rip;
    x86_reg_set(x86_reg_lookup(r->dw < 0 ? "rflags" : r->name), u, v);
    eng_regs_changed(t, ip);
    dapv_reg_fields(a, w, r, body);
    cJSON_DeleteItemFromObject(body, "evaluateName");
    return 0;
}

/* The variable `name` of a frame's scope: the innermost of that name. */
static int frame_var(struct dap *a, struct dapv_view *w, int params, const char *name,
                     struct cx_value *out, char **expr, struct lerr *e)
{
    struct dapv_vars vs;
    if (dapv_frame_vars(w, params, &vs, e) < 0)
        return -1;
    const struct dw_var *found = NULL;
    for (size_t i = 0; i < vs.n; i++)
        if (!strcmp(vs.v[i].name, name))
            found = &vs.v[i];
    int rc = found ? dw_cx_var_value(&w->dw, &dapv_table(a)->arena, found, out, e)
                   : lerr_set_code(e, LERR_NOT_FOUND, "Couldn't resolve error at '%s': no such %s",
                                   name, params ? "parameter" : "local");
    if (rc > 0)
        *expr = xstrdup(name);
    free(vs.v);
    return rc < 0 ? -1 : 0;
}

/* The child `name` of a value (as dap_variables named it). */
static int value_child(struct dap *a, struct dapv_view *w, const struct dapv_ref *r,
                       const char *name, struct cx_value *out, char **expr, struct lerr *e)
{
    struct cx_value obj = r->v;
    const char *op = ".";
    if (obj.type->kind == CX_PTR) {
        if (dapv_pointee(w, &r->v, &obj, e) < 0)
            return -1;
        op = "->";
        if (obj.type->kind != CX_STRUCT) {
            *out = obj;
            *expr = dapv_child_expr(r->expr, "*", NULL);
            return 0;
        }
    }
    if (obj.type->kind == CX_ARRAY) {
        char *end;
        unsigned long long i = name[0] == '[' ? strtoull(name + 1, &end, 10) : 0;
        if (name[0] != '[' || end == name + 1 || strcmp(end, "]") || dapv_element(&obj, i, out) < 0)
            return lerr_set(e, "Couldn't resolve error at '%s': no such element", name);
        char idx[32];
        snprintf(idx, sizeof idx, "%llu", i);
        *expr = dapv_child_expr(r->expr, "[", idx);
        return 0;
    }
    struct cx_member m;
    if (obj.type->kind != CX_STRUCT || !w->env.member(w->env.ctx, &dapv_table(a)->arena, obj.type, name, &m))
        return lerr_set(e, "Couldn't resolve error at '%s': no such member", name);
    memset(out, 0, sizeof *out);
    out->type = m.type;
    out->bit_off = m.bit_off;
    out->bit_size = m.bit_size;
    if (obj.lval) {
        out->lval = 1;
        out->addr = obj.addr + m.off;
    }
    *expr = dapv_child_expr(r->expr, op, name);
    return 0;
}

int dap_set_variable(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    const char *name = dap_arg_str(args, "name", NULL);
    const char *text = dap_arg_str(args, "value", NULL);
    if (!name || !text)
        return lerr_set(e, "Syntax error: setVariable needs a name and a value");
    struct dapv_ref r;
    if (dapv_resolve(a, args, &r, e) < 0)
        return -1;
    struct dapv_view w;
    dapv_view(a, &w, r.kind != DAPV_VALUE);
    struct cx_value dst;
    char *expr = NULL;
    int rc;
    if (r.kind == DAPV_REGS)
        rc = set_register(a, &w, name, text, body, e);
    else if ((r.kind == DAPV_VALUE ? value_child(a, &w, &r, name, &dst, &expr, e)
                                   : frame_var(a, &w, r.kind == DAPV_ARGS, name, &dst, &expr, e)) < 0)
        rc = -1;
    else if ((rc = assign(a, &w, name, &dst, text, e)) == 0)
        dapv_value_fields(a, &w, body, &dst, expr, "value"); /* read back */
    free(expr);
    free(r.expr);
    return rc;
}

int dap_evaluate_value(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    const char *text = dap_arg_str(args, "expression", NULL);
    long long fid = dap_arg_int(args, "frameId", 0);
    if (!text || !*dbg_skip(text))
        return lerr_set(e, "Syntax error: evaluate needs an expression");
    if (fid > 0 && dap_select_frame(a, (int)fid, e) < 0)
        return -1;
    struct dapv_view w;
    dapv_view(a, &w, 0);
    struct cx_value v;
    int masm;
    if (eval_text(a, text, &v, &masm, e) < 0)
        return -1;
    if (masm) {
        /* MASM's numbers are mostly addresses: hex, as WinDbg's radix */
        uint64_t u;
        memcpy(&u, v.bytes, 8);
        char buf[32];
        snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)u);
        cJSON_AddStringToObject(body, "result", buf);
        cJSON_AddNumberToObject(body, "variablesReference", 0);
        return 0;
    }
    dapv_value_fields(a, &w, body, &v, text, "result");
    /* evaluate's body has no evaluateName */
    cJSON_DeleteItemFromObject(body, "evaluateName");
    return 0;
}
