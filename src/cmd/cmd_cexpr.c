/* ?? (C++ expressions over DWARF, expr/cexpr.h) and the C++ side of MASM's
 * @@c++(...): the evaluator wired to the current frame (.frame), its
 * registers and the process's memory. */
#include "arch/x86_64/regs.h"
#include "cmd/dbg.h"
#include "sym/dwcexpr.h"
#include "util/xalloc.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

struct cx_session {
    struct dbg *d;
    struct dw_cx dw;
    struct dw_frame f;
    struct cx_env env;
    struct cx_arena arena;
};

static int reg(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    struct cx_session *s = ctx;
    struct expr_env m;
    dbg_expr_env(s->d, &m);
    return m.reg(m.ctx, name, len, v, e);
}

static int masm(void *ctx, const char *text, size_t len, uint64_t *v, struct lerr *e)
{
    struct cx_session *s = ctx;
    struct expr_env m;
    dbg_expr_env(s->d, &m);
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    int rc = expr_eval_all(&m, copy, v, e);
    free(copy);
    return rc;
}

static unsigned reg_width(void *ctx, const char *name, size_t len)
{
    (void)ctx;
    const struct x86_reg *r = x86_reg_lookupn(name, len);
    return r && r->kind == X86_REG_GPR ? r->width : 8;
}

/* The DWARF callbacks take the dw_cx as their context; registers and MASM
 * parts take the session: one env whose ctx is the session, calling into
 * the DWARF env with its own ctx. */
static int s_lookup(void *ctx, struct cx_arena *a, const char *name, struct cx_value *out,
                    struct lerr *e)
{
    struct cx_session *s = ctx;
    struct cx_env dw;
    dw_cx_env(&s->dw, &dw);
    return dw.lookup(dw.ctx, a, name, out, e);
}

static int s_find_type(void *ctx, struct cx_arena *a, const char *name, struct cx_type **out)
{
    struct cx_session *s = ctx;
    struct cx_env dw;
    dw_cx_env(&s->dw, &dw);
    return dw.find_type(dw.ctx, a, name, out);
}

static int s_member(void *ctx, struct cx_arena *a, const struct cx_type *agg, const char *name,
                    struct cx_member *out)
{
    struct cx_session *s = ctx;
    struct cx_env dw;
    dw_cx_env(&s->dw, &dw);
    return dw.member(dw.ctx, a, agg, name, out);
}

static const char *s_enum_name(void *ctx, const struct cx_type *t, int64_t v)
{
    struct cx_session *s = ctx;
    struct cx_env dw;
    dw_cx_env(&s->dw, &dw);
    return dw.enum_name(dw.ctx, t, v);
}

static int s_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct cx_session *s = ctx;
    return eng_has_process(s->d->s) ? eng_read(s->d->s, addr, buf, len, NULL) : -1;
}

/* Sets up the evaluator over the selected frame (or over globals only
 * when there is no process or no frame). */
static void session_init(struct cx_session *s, struct dbg *d)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    s->dw.sp = eng_syms(d->s);
    if (eng_has_process(d->s)) {
        struct lerr keep = d->err;
        if (dbg_frame_context(d, d->frame, &s->f, NULL) == 0)
            s->dw.f = &s->f;
        d->err = keep;
    }
    s->env.ctx = s;
    s->env.lookup = s_lookup;
    s->env.find_type = s_find_type;
    s->env.member = s_member;
    s->env.enum_name = s_enum_name;
    s->env.read = s_read;
    s->env.reg = reg;
    s->env.masm = masm;
    s->env.reg_width = reg_width;
}

int dbg_cexpr_value(struct dbg *d, const char *text, size_t len, uint64_t *v, struct lerr *e)
{
    /* each parser bounds its own depth; @@c++(@@masm(@@c++(... alternates
     * between them, which only this count sees */
    if (d->cexpr_nesting >= 16)
        return lerr_set(e, "Syntax error: @@c++ and @@masm nested more than 16 deep");
    d->cexpr_nesting++;
    struct cx_session s;
    session_init(&s, d);
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    struct cx_value val;
    int rc = cx_eval_all(&s.env, &s.arena, copy, &val, e);
    if (rc == 0)
        rc = cx_value_u64(&s.env, &val, v, e);
    free(copy);
    cx_arena_free(&s.arena);
    d->cexpr_nesting--;
    return rc;
}

int dbg_cexpr_eval(struct dbg *d, struct cx_arena *a, const char *text, struct cx_value *out,
                   struct lerr *e)
{
    /* the value's types go to the caller's arena, which outlives this
     * session: they hold DWARF DIEs, not pointers into the session */
    struct cx_session s;
    session_init(&s, d);
    int rc = cx_eval_all(&s.env, a, text, out, e);
    cx_arena_free(&s.arena);
    return rc;
}

/* The members of the struct, union or class agg at addr, one a line as dt
 * prints them ("   +0x004 y                : 0n2"), base classes first as
 * WinDbg's __BaseClass lines. */
static void print_members(struct cx_session *s, Dwarf_Die *agg, uint64_t addr, struct strbuf *out)
{
    struct cx_type *st = dw_cx_type(&s->dw, &s->arena, agg);
    Dwarf_Die m;
    if (dwarf_child(agg, &m) != 0)
        return;
    do {
        int tag = dwarf_tag(&m);
        const char *name = dwarf_diename(&m);
        Dwarf_Attribute at;
        Dwarf_Word off = 0;
        if ((tag != DW_TAG_member && tag != DW_TAG_inheritance) ||
            dwarf_hasattr(&m, DW_AT_external) || dwarf_hasattr(&m, DW_AT_declaration))
            continue;
        if (dwarf_attr_integrate(&m, DW_AT_data_member_location, &at))
            dwarf_formudata(&at, &off);
        Dwarf_Die mt;
        struct cx_type *t = dw_cx_type(&s->dw, &s->arena, dw_type_of(&m, &mt));
        struct cx_member cm;
        struct cx_value v = {.type = t, .lval = 1, .addr = addr + off};
        if (tag == DW_TAG_member && name && s->env.member(s, &s->arena, st, name, &cm) > 0) {
            v.addr = addr + cm.off;
            v.bit_off = cm.bit_off;
            v.bit_size = cm.bit_size;
            off = cm.off + cm.bit_off / 8;
        }
        struct strbuf val;
        sb_init(&val);
        struct lerr e;
        if (cx_format_bare(&s->env, &v, &val, &e) < 0) {
            sb_reset(&val);
            sb_adds(&val, e.msg);
        }
        sb_addf(out, "   +0x%03llx %-16s : %s\n", (unsigned long long)off,
                tag == DW_TAG_inheritance ? "__BaseClass" : name ? name : "<anonymous>", sb_str(&val));
        sb_free(&val);
    } while (dwarf_siblingof(&m, &m) == 0);
}

static int cmd_cexpr(struct dbg *d, const char *args)
{
    if (!*args)
        return lerr_set(&d->err, "Syntax error: ?? needs a C++ expression: ?? p->x");
    struct cx_session s;
    session_init(&s, d);
    struct cx_value v;
    struct strbuf out;
    sb_init(&out);
    int rc = cx_eval_all(&s.env, &s.arena, args, &v, &d->err);
    if (rc == 0)
        rc = cx_format(&s.env, &v, &out, &d->err);
    if (rc == 0) {
        sb_addc(&out, '\n');
        /* a struct, or a pointer to one: its members, as dt shows them */
        Dwarf_Die sd;
        uint64_t at = 0;
        int show = 0;
        if (v.type->kind == CX_STRUCT && v.lval && dw_cx_struct_die(v.type, &sd)) {
            at = v.addr;
            show = 1;
        } else if (v.type->kind == CX_PTR && dw_cx_struct_die(v.type, &sd) &&
                   cx_value_u64(&s.env, &v, &at, &d->err) == 0 && at) {
            uint8_t probe;
            show = s_read(&s, at, &probe, 1) == 0;
        }
        if (show)
            print_members(&s, &sd, at, &out);
        fputs(sb_str(&out), d->out);
    }
    sb_free(&out);
    cx_arena_free(&s.arena);
    return rc;
}

const struct cmd_def cmd_cexpr_table[] = {
    {"??", cmd_cexpr, "evaluate a C++ expression: ?? p->x, ?? sizeof(struct point)"},
    {NULL, NULL, NULL},
};
