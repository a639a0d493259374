/* The C expression parser and evaluator: recursive descent, evaluating as
 * it parses. The operand that C does not evaluate (the other side of &&,
 * || and ?:, the operand of sizeof) is parsed with `noeval` set: its names
 * and types are still looked up, but memory is not read and nothing can
 * fail for its value. */
#include "expr/cexpr_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int parse_expr(struct cx_parser *ps, struct cx_value *v);
static int parse_unary(struct cx_parser *ps, struct cx_value *v);

/* Arrays become pointers to their first element, functions pointers to
 * themselves (C's decay), for every operator that wants a value. */
static void decay(struct cx_parser *ps, struct cx_value *v)
{
    if ((v->type->kind == CX_ARRAY || v->type->kind == CX_FUNC) && v->lval) {
        struct cx_type *pt = cx_pointer_to(ps->a, v->type->kind == CX_ARRAY ? v->type->target : v->type);
        cx_make_int(v, pt, v->addr);
    }
}

static int load(struct cx_parser *ps, struct cx_value *v, struct cx_num *n)
{
    decay(ps, v);
    return cx_load(ps->env, v, ps->noeval, n, ps->e);
}

static int truth(struct cx_parser *ps, struct cx_value *v, int *out)
{
    struct cx_num n;
    if (load(ps, v, &n) < 0)
        return -1;
    *out = n.is_float ? n.d != 0 : n.u != 0;
    return 0;
}

/* An expression after '(' up to its ')', which it consumes. */
static int parse_paren_rest(struct cx_parser *ps, struct cx_value *v)
{
    if (parse_expr(ps, v) < 0)
        return -1;
    cx_skip_ws(ps);
    if (*ps->p != ')')
        return cx_syntax_error(ps);
    ps->p++;
    return 0;
}

/* @@c++(...), @@masm(...), @@(...): the part in the other evaluator. */
static int parse_switch(struct cx_parser *ps, struct cx_value *v)
{
    const char *p = ps->p + 2;
    int masm = 1;
    /* as the MASM side reads them: the evaluator's name in any case */
    if (!strncasecmp(p, "c++", 3)) {
        masm = 0;
        p += 3;
    } else if (!strncasecmp(p, "masm", 4)) {
        p += 4;
    }
    const char *close = *p == '(' ? cx_close_paren(p) : NULL;
    if (!close)
        return cx_syntax_error(ps);
    if (!masm) {
        ps->p = p + 1;
        return parse_paren_rest(ps, v);
    }
    uint64_t u;
    if (!ps->env->masm)
        return lerr_set(ps->e, "Syntax error at '%.40s': no MASM evaluator here", ps->p);
    if (ps->env->masm(ps->env->ctx, p + 1, (size_t)(close - p - 1), &u, ps->e) < 0)
        return -1;
    cx_make_int(v, &cx_t_ulong, u);
    ps->p = close + 1;
    return 0;
}

static int parse_primary(struct cx_parser *ps, struct cx_value *v)
{
    cx_skip_ws(ps);
    const char *p = ps->p;
    if (*p == '(') {
        ps->p++;
        return parse_paren_rest(ps, v);
    }
    if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])))
        return cx_parse_number(ps, v);
    if (*p == '\'')
        return cx_parse_char(ps, v);
    if (p[0] == '@' && p[1] == '@')
        return parse_switch(ps, v);
    if (*p == '@' || *p == '$') {
        const char *n = p + (*p == '@');
        size_t len = 0;
        while (cx_is_id_char((unsigned char)n[len]) || n[len] == '$')
            len++;
        uint64_t u;
        int r = len && ps->env->reg ? ps->env->reg(ps->env->ctx, n, len, &u, ps->e) : 0;
        if (r < 0)
            return -1;
        if (r == 0)
            return lerr_set(ps->e, "Bad register error at '%.*s'", (int)(n + len - p), p);
        unsigned w = ps->env->reg_width ? ps->env->reg_width(ps->env->ctx, n, len) : 8;
        cx_make_int(v, cx_base_type(1, 0, w == 2, w == 8, w == 4, w == 1, 0, 0, 0, 0), u);
        ps->p = n + len;
        return 0;
    }
    size_t n = cx_name_len(p);
    if (!n)
        return *p == '"' ? lerr_set(ps->e, "Type error: string literals are not supported")
                         : cx_syntax_error(ps);
    if (cx_word_is(p, "true") || cx_word_is(p, "false")) {
        cx_make_int(v, &cx_t_bool, *p == 't');
        ps->p += *p == 't' ? 4 : 5;
        return 0;
    }
    if (cx_word_is(p, "nullptr") || cx_word_is(p, "NULL")) {
        cx_make_int(v, cx_pointer_to(ps->a, NULL), 0);
        ps->p += *p == 'n' ? 7 : 4;
        return 0;
    }
    char buf[512];
    if (n >= sizeof buf)
        return lerr_set(ps->e, "Syntax error at '%.40s': name too long", p);
    snprintf(buf, sizeof buf, "%.*s", (int)n, p);
    int r = ps->env->lookup ? ps->env->lookup(ps->env->ctx, ps->a, buf, v, ps->e) : 0;
    if (r < 0)
        return -1;
    if (r == 0)
        return lerr_set_code(ps->e, LERR_NOT_FOUND, "Couldn't resolve error at '%s'", buf);
    ps->p += n;
    return 0;
}

/* ---- postfix and unary -------------------------------------------------- */

static int member(struct cx_parser *ps, struct cx_value *v, int arrow)
{
    if (arrow) {
        decay(ps, v);
        if (v->type->kind != CX_PTR)
            return cx_type_error(ps->e, "'->' needs a pointer, not", v->type);
        struct cx_num n;
        if (load(ps, v, &n) < 0)
            return -1;
        struct cx_type *t = v->type->target ? v->type->target : &cx_t_void;
        memset(v, 0, sizeof *v);
        v->type = t;
        v->lval = 1;
        v->addr = n.u;
    }
    if (v->type->kind != CX_STRUCT)
        return cx_type_error(ps->e, arrow ? "'->' needs a pointer to a struct, not a pointer to"
                                          : "'.' needs a struct, not", v->type);
    cx_skip_ws(ps);
    size_t n = 0;
    while (cx_is_id_char((unsigned char)ps->p[n]))
        n++;
    if (!n || isdigit((unsigned char)ps->p[0]))
        return cx_syntax_error(ps);
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)(n < 255 ? n : 255), ps->p);
    struct cx_member m;
    if (!ps->env->member || ps->env->member(ps->env->ctx, ps->a, v->type, buf, &m) <= 0) {
        struct strbuf tn;
        sb_init(&tn);
        cx_type_name(v->type, &tn);
        lerr_set_code(ps->e, LERR_NOT_FOUND, "Couldn't resolve error at '%s': %s has no such member",
                      buf, sb_str(&tn));
        sb_free(&tn);
        return -1;
    }
    ps->p += n;
    struct cx_value r;
    memset(&r, 0, sizeof r);
    r.type = m.type;
    r.bit_off = m.bit_off;
    r.bit_size = m.bit_size;
    if (v->lval) {
        r.lval = 1;
        r.addr = v->addr + m.off;
    } else {
        uint64_t len = m.bit_size ? (m.bit_off + m.bit_size + 7) / 8 : m.type->size;
        if (m.off > CX_VALUE_MAX || len > CX_VALUE_MAX - m.off)
            return cx_type_error(ps->e, "member out of the value:", m.type);
        memcpy(r.bytes, v->bytes + m.off, len);
    }
    *v = r;
    return 0;
}

static int deref(struct cx_parser *ps, struct cx_value *v)
{
    decay(ps, v);
    if (v->type->kind != CX_PTR)
        return cx_type_error(ps->e, "'*' needs a pointer, not", v->type);
    if (!v->type->target)
        return cx_type_error(ps->e, "cannot dereference", v->type);
    struct cx_num n;
    if (load(ps, v, &n) < 0)
        return -1;
    struct cx_type *t = v->type->target;
    memset(v, 0, sizeof *v);
    v->type = t;
    v->lval = 1;
    v->addr = n.u;
    return 0;
}

static int binary_op(struct cx_parser *ps, const char *op, struct cx_value *l, struct cx_value *r);

static int parse_postfix(struct cx_parser *ps, struct cx_value *v)
{
    if (parse_primary(ps, v) < 0)
        return -1;
    for (;;) {
        cx_skip_ws(ps);
        if (*ps->p == '[') {
            ps->p++;
            struct cx_value idx;
            if (parse_expr(ps, &idx) < 0)
                return -1;
            cx_skip_ws(ps);
            if (*ps->p != ']')
                return cx_syntax_error(ps);
            ps->p++;
            if (binary_op(ps, "+", v, &idx) < 0 || deref(ps, v) < 0)
                return -1;
        } else if (*ps->p == '.' && !isdigit((unsigned char)ps->p[1])) {
            ps->p++;
            if (member(ps, v, 0) < 0)
                return -1;
        } else if (ps->p[0] == '-' && ps->p[1] == '>') {
            ps->p += 2;
            if (member(ps, v, 1) < 0)
                return -1;
        } else if (*ps->p == '(') {
            return lerr_set(ps->e, "Type error at '%.40s': function calls are not supported", ps->p);
        } else if (!strncmp(ps->p, "++", 2) || !strncmp(ps->p, "--", 2)) {
            return lerr_set(ps->e, "Type error at '%.40s': ?? does not change variables", ps->p);
        } else {
            return 0;
        }
    }
}

static int size_of(struct cx_parser *ps, struct cx_type *t, struct cx_value *v)
{
    if (t->kind == CX_VOID || t->kind == CX_FUNC || t->size == 0)
        return cx_type_error(ps->e, "sizeof of", t);
    cx_make_int(v, &cx_t_ulong, t->size);
    return 0;
}

static int cast(struct cx_parser *ps, struct cx_type *to, struct cx_value *v)
{
    if (to->kind == CX_VOID) {
        memset(v, 0, sizeof *v);
        v->type = to;
        return 0;
    }
    if (!cx_is_scalar(to))
        return cx_type_error(ps->e, "cannot cast to", to);
    decay(ps, v);
    if (!cx_is_scalar(v->type))
        return cx_type_error(ps->e, "cannot cast from", v->type);
    if ((to->kind == CX_PTR && v->type->kind == CX_FLOAT) ||
        (to->kind == CX_FLOAT && v->type->kind == CX_PTR))
        return cx_type_error(ps->e, "cannot cast between a pointer and", to->kind == CX_PTR ? v->type : to);
    struct cx_num n;
    if (load(ps, v, &n) < 0)
        return -1;
    cx_make(v, to, cx_convert(n, v->type, to));
    return 0;
}

static int parse_unary(struct cx_parser *ps, struct cx_value *v)
{
    if (++ps->depth > 200)
        return lerr_set(ps->e, "Syntax error: expression nested too deeply");
    int rc = -1;
    cx_skip_ws(ps);
    const char *op = cx_op_at(ps->p);
    if (op && (!strcmp(op, "++") || !strcmp(op, "--"))) {
        rc = lerr_set(ps->e, "Type error at '%.40s': ?? does not change variables", ps->p);
    } else if (op && strlen(op) == 1 && strchr("-+!~*&", *op)) {
        ps->p++;
        if (parse_unary(ps, v) == 0) {
            struct cx_num n;
            if (*op == '*') {
                rc = deref(ps, v);
            } else if (*op == '&') {
                if (!v->lval || v->bit_size)
                    rc = lerr_set(ps->e, "Type error: '&' needs a variable in memory (this value "
                                         "is in a register or computed)");
                else {
                    uint64_t addr = v->addr;
                    cx_make_int(v, cx_pointer_to(ps->a, v->type), addr);
                    rc = 0;
                }
            } else if (*op == '!') {
                int t;
                if ((rc = truth(ps, v, &t)) == 0)
                    cx_make_int(v, &cx_t_bool, !t);
            } else if ((decay(ps, v), !cx_is_arith(v->type)) ||
                       (*op == '~' && v->type->kind == CX_FLOAT)) {
                rc = cx_type_error(ps->e, *op == '~' ? "'~' needs an integer, not" : "not a number:", v->type);
            } else if ((rc = load(ps, v, &n)) == 0) {
                struct cx_type *t = cx_promote(v->type);
                n = cx_convert(n, v->type, t);
                if (*op == '-') {
                    n.u = 0 - n.u;
                    n.d = -n.d;
                } else if (*op == '~') {
                    n.u = ~n.u;
                }
                cx_make(v, t, cx_convert(n, t, t));
            }
        }
    } else if (cx_word_is(ps->p, "sizeof")) {
        ps->p += 6;
        cx_skip_ws(ps);
        struct cx_type *t;
        const char *save = ps->p;
        int r = 0;
        if (*ps->p == '(') {
            ps->p++;
            r = cx_parse_type_name(ps, &t);
            if (r > 0) {
                cx_skip_ws(ps);
                if (*ps->p != ')')
                    r = cx_syntax_error(ps);
                else
                    ps->p++;
            } else if (r == 0) {
                ps->p = save;
            }
        }
        if (r == 0) {
            ps->noeval++;
            r = parse_unary(ps, v);
            ps->noeval--;
            t = v->type;
        }
        rc = r < 0 ? -1 : size_of(ps, t, v);
    } else if (*ps->p == '(') {
        const char *save = ps->p;
        ps->p++;
        struct cx_type *t;
        int r = cx_parse_type_name(ps, &t);
        if (r > 0) {
            cx_skip_ws(ps);
            if (*ps->p != ')')
                rc = cx_syntax_error(ps);
            else {
                ps->p++;
                rc = parse_unary(ps, v) < 0 ? -1 : cast(ps, t, v);
            }
        } else if (r == 0) {
            ps->p = save;
            rc = parse_postfix(ps, v);
        }
    } else {
        rc = parse_postfix(ps, v);
    }
    ps->depth--;
    return rc;
}

/* ---- binary operators --------------------------------------------------- */

static int ptr_arith(struct cx_parser *ps, const char *op, struct cx_value *l, struct cx_value *r)
{
    int lp = l->type->kind == CX_PTR, rp = r->type->kind == CX_PTR;
    struct cx_num a, b;
    if (load(ps, l, &a) < 0 || load(ps, r, &b) < 0)
        return -1;
    if (lp && rp) {
        if (*op != '-')
            return cx_type_error(ps->e, "cannot add two pointers:", l->type);
        uint64_t sa = cx_step(l->type->target), sb = cx_step(r->type->target);
        if (sa != sb || !sa)
            return cx_type_error(ps->e, "pointers to different types cannot be subtracted:", r->type);
        cx_make_int(l, &cx_t_long, (uint64_t)((int64_t)(a.u - b.u) / (int64_t)sa));
        return 0;
    }
    struct cx_value *pv = lp ? l : r, *iv = lp ? r : l;
    struct cx_num idx = lp ? b : a, base = lp ? a : b;
    if (!cx_is_integer(iv->type) || (!lp && *op == '-'))
        return cx_type_error(ps->e, "pointer arithmetic needs an integer, not", iv->type);
    uint64_t step = cx_step(pv->type->target);
    if (!step)
        return cx_type_error(ps->e, "pointer to a type of unknown size:", pv->type);
    uint64_t off = idx.u * step;
    cx_make_int(l, pv->type, *op == '-' ? base.u - off : base.u + off);
    return 0;
}

static int compare(const char *op, struct cx_num a, struct cx_num b, int is_signed)
{
    int lt, eq;
    if (a.is_float) {
        lt = a.d < b.d;
        eq = a.d == b.d;
        if (a.d != a.d || b.d != b.d) /* NaN: only != holds */
            return !strcmp(op, "!=");
    } else {
        lt = is_signed ? (int64_t)a.u < (int64_t)b.u : a.u < b.u;
        eq = a.u == b.u;
    }
    if (!strcmp(op, "==")) return eq;
    if (!strcmp(op, "!=")) return !eq;
    if (!strcmp(op, "<")) return lt;
    if (!strcmp(op, "<=")) return lt || eq;
    if (!strcmp(op, ">")) return !lt && !eq;
    return !lt; /* >= */
}

static int binary_op(struct cx_parser *ps, const char *op, struct cx_value *l, struct cx_value *r)
{
    decay(ps, l);
    decay(ps, r);
    int is_cmp = strchr("<>=!", op[0]) && strcmp(op, "<<") && strcmp(op, ">>");
    int lp = l->type->kind == CX_PTR, rp = r->type->kind == CX_PTR;
    if ((lp || rp) && !is_cmp && (*op == '+' || *op == '-'))
        return ptr_arith(ps, op, l, r);
    if ((lp || rp) && is_cmp) {
        struct cx_num a, b;
        if (!cx_is_scalar(l->type) || !cx_is_scalar(r->type) ||
            l->type->kind == CX_FLOAT || r->type->kind == CX_FLOAT)
            return cx_type_error(ps->e, "cannot compare a pointer with", lp ? r->type : l->type);
        if (load(ps, l, &a) < 0 || load(ps, r, &b) < 0)
            return -1;
        cx_make_int(l, &cx_t_bool, (uint64_t)compare(op, a, b, 0));
        return 0;
    }
    if (!cx_is_arith(l->type) || !cx_is_arith(r->type))
        return cx_type_error(ps->e, "operator needs numbers, not", cx_is_arith(l->type) ? r->type : l->type);
    int shift = !strcmp(op, "<<") || !strcmp(op, ">>");
    int intonly = shift || strchr("%&|^", op[0]);
    if (intonly && (l->type->kind == CX_FLOAT || r->type->kind == CX_FLOAT))
        return cx_type_error(ps->e, "operator needs integers, not",
                             l->type->kind == CX_FLOAT ? l->type : r->type);
    struct cx_num a, b;
    if (load(ps, l, &a) < 0 || load(ps, r, &b) < 0)
        return -1;
    struct cx_type *t = shift ? cx_promote(l->type) : cx_common(l->type, r->type);
    a = cx_convert(a, l->type, t);
    b = shift ? cx_convert(b, r->type, cx_promote(r->type)) : cx_convert(b, r->type, t);
    if (is_cmp) {
        cx_make_int(l, &cx_t_bool, (uint64_t)compare(op, a, b, t->is_signed));
        return 0;
    }
    struct cx_num n = a;
    int s = t->is_signed;
    if (a.is_float) {
        switch (*op) {
        case '+': n.d = a.d + b.d; break;
        case '-': n.d = a.d - b.d; break;
        case '*': n.d = a.d * b.d; break;
        default: n.d = a.d / b.d; break; /* IEEE: x/0 is inf or nan */
        }
    } else if ((*op == '/' || *op == '%') && b.u == 0) {
        if (!ps->noeval)
            return lerr_set(ps->e, "Divide by zero error");
        n.u = 0;
    } else if (shift) {
        unsigned bits = (unsigned)t->size * 8;
        uint64_t c = b.u;
        if (c >= bits)
            n.u = op[0] == '>' && s && (int64_t)a.u < 0 ? ~0ULL : 0;
        else if (op[0] == '<')
            n.u = a.u << c;
        else
            n.u = s ? (uint64_t)((int64_t)a.u >> c) : a.u >> c;
    } else {
        switch (*op) {
        case '+': n.u = a.u + b.u; break;
        case '-': n.u = a.u - b.u; break;
        case '*': n.u = a.u * b.u; break;
        case '&': n.u = a.u & b.u; break;
        case '|': n.u = a.u | b.u; break;
        case '^': n.u = a.u ^ b.u; break;
        case '/':
        case '%':
            if (s && (int64_t)b.u == -1)
                n.u = *op == '/' ? 0 - a.u : 0; /* INT64_MIN / -1 wraps */
            else if (s)
                n.u = *op == '/' ? (uint64_t)((int64_t)a.u / (int64_t)b.u)
                                 : (uint64_t)((int64_t)a.u % (int64_t)b.u);
            else
                n.u = *op == '/' ? a.u / b.u : a.u % b.u;
            break;
        }
    }
    cx_make(l, t, cx_convert(n, t, t));
    return 0;
}

/* Binary operators by precedence, loosest first. */
static const char *const levels[][4] = {
    {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="},
    {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

static const char *binop_at(struct cx_parser *ps, int level)
{
    cx_skip_ws(ps);
    const char *op = cx_op_at(ps->p);
    if (!op)
        return NULL;
    for (int i = 0; i < 4 && levels[level][i]; i++)
        if (!strcmp(op, levels[level][i]))
            return op;
    return NULL;
}

static int parse_level(struct cx_parser *ps, int level, struct cx_value *v)
{
    if (level == NLEVELS)
        return parse_unary(ps, v);
    if (parse_level(ps, level + 1, v) < 0)
        return -1;
    const char *op;
    while ((op = binop_at(ps, level))) {
        ps->p += strlen(op);
        struct cx_value r;
        if (level <= 1) {
            /* && and ||: the right side is evaluated only when needed */
            int lt, rt = 0;
            if (truth(ps, v, &lt) < 0)
                return -1;
            int decided = level == 0 ? lt : !lt;
            ps->noeval += decided;
            int rc = parse_level(ps, level + 1, &r);
            if (rc == 0 && !decided)
                rc = truth(ps, &r, &rt);
            else if (rc == 0)
                decay(ps, &r), rc = cx_is_scalar(r.type) ? 0 : cx_type_error(ps->e, "not a number:", r.type);
            ps->noeval -= decided;
            if (rc < 0)
                return -1;
            cx_make_int(v, &cx_t_bool, (uint64_t)(decided ? lt : rt));
            continue;
        }
        if (parse_level(ps, level + 1, &r) < 0 || binary_op(ps, op, v, &r) < 0)
            return -1;
    }
    return 0;
}

static int parse_expr(struct cx_parser *ps, struct cx_value *v)
{
    if (++ps->depth > 200)
        return lerr_set(ps->e, "Syntax error: expression nested too deeply");
    int rc = parse_level(ps, 0, v);
    cx_skip_ws(ps);
    if (rc == 0 && *ps->p == '?') {
        ps->p++;
        int t;
        struct cx_value a, b;
        rc = truth(ps, v, &t);
        if (rc == 0) {
            ps->noeval += !t;
            rc = parse_expr(ps, &a);
            ps->noeval -= !t;
        }
        cx_skip_ws(ps);
        if (rc == 0 && *ps->p != ':')
            rc = cx_syntax_error(ps);
        if (rc == 0) {
            ps->p++;
            ps->noeval += t;
            rc = parse_expr(ps, &b);
            ps->noeval -= t;
        }
        if (rc == 0) {
            decay(ps, &a);
            decay(ps, &b);
            struct cx_value *pick = t ? &a : &b;
            if (cx_is_arith(a.type) && cx_is_arith(b.type)) {
                struct cx_type *ct = cx_common(a.type, b.type);
                struct cx_num n;
                rc = load(ps, pick, &n);
                if (rc == 0)
                    cx_make(pick, ct, cx_convert(n, pick->type, ct));
            }
            *v = *pick;
        }
    } else if (rc == 0) {
        const char *op = cx_op_at(ps->p);
        if (op && (op[strlen(op) - 1] == '=' && strcmp(op, "==") && strcmp(op, "!=") &&
                   strcmp(op, "<=") && strcmp(op, ">=")))
            rc = lerr_set(ps->e, "Type error at '%.40s': ?? does not change variables", ps->p);
    }
    ps->depth--;
    return rc;
}

int cx_eval(const struct cx_env *env, struct cx_arena *a, const char *s, const char **end,
            struct cx_value *out, struct lerr *e)
{
    struct cx_parser ps = {env, a, s, e, 0, 0};
    memset(out, 0, sizeof *out);
    int rc = parse_expr(&ps, out);
    if (end)
        *end = ps.p;
    return rc;
}

int cx_eval_all(const struct cx_env *env, struct cx_arena *a, const char *s, struct cx_value *out,
                struct lerr *e)
{
    const char *end;
    if (cx_eval(env, a, s, &end, out, e) < 0)
        return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end)
        return lerr_set(e, "Syntax error at '%.40s'", end);
    return 0;
}
