/* The condition compiler's parser: it follows expr/expr.c step by step
 * (same tokens, same precedence, same name rules) but builds a small tree
 * (condcomp_int.h) instead of a value, which condcomp_gen.c turns into
 * code. Constants are folded with expr.c's arithmetic; what depends on the
 * program (registers, memory) stays in the tree. Everything the parser
 * does not recognise with certainty is refused, because a refused
 * condition still works (lindbg evaluates it), while a wrongly compiled
 * one silently changes which hits stop. */
#include "arch/x86_64/condcomp.h"
#include "arch/x86_64/condcomp_int.h"

#include "arch/x86_64/pad.h"
#include "arch/x86_64/regs.h"
#include "expr/expr.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 200 /* expr.c's nesting limit */

struct cc {
    const struct x86_cond_env *env;
    const char *p;
    struct lerr *e;
    int depth;
    struct x86_cc_node nodes[X86_CC_MAX_NODES];
    int n;
};

/* every reason starts the same way: the caller keeps evaluating itself */
#define refuse(c, ...) lerr_set((c)->e, "not compiled: " __VA_ARGS__)

static int syntax(struct cc *c)
{
    return refuse(c, "syntax error at '%.40s'", c->p);
}

/* ---- tree, with constant folding -------------------------------------- */

static int node_new(struct cc *c, enum x86_cc_kind kind)
{
    if (c->n == X86_CC_MAX_NODES)
        return refuse(c, "too long");
    struct x86_cc_node *n = &c->nodes[c->n];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->a = n->b = -1;
    return c->n++;
}

static int mk_const(struct cc *c, uint64_t v)
{
    int i = node_new(c, N_CONST);
    if (i >= 0)
        c->nodes[i].v = v;
    return i;
}

static int is_const(const struct cc *c, int i) { return c->nodes[i].kind == N_CONST; }

static int mk_un(struct cc *c, int op, int a)
{
    if (is_const(c, a)) {
        uint64_t v = c->nodes[a].v;
        switch (op) {
        case '-': v = (uint64_t)0 - v; break;
        case '~': v = ~v; break;
        case '!': v = !v; break;
        case 'h': v = (v >> 16) & 0xffff; break;
        default: v &= 0xffff; break; /* low */
        }
        c->nodes[a].v = v;
        return a;
    }
    int i = node_new(c, N_UN);
    if (i >= 0) {
        c->nodes[i].op = op;
        c->nodes[i].a = a;
    }
    return i;
}

/* expr.c's apply(), on constants: -1 for a division by zero. */
static int fold(enum x86_cc_binop op, uint64_t a, uint64_t b, uint64_t *out)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    switch (op) {
    case B_ADD: *out = a + b; break;
    case B_SUB: *out = a - b; break;
    case B_MUL: *out = a * b; break;
    case B_DIV:
    case B_MOD:
        if (b == 0)
            return -1;
        if (sa == INT64_MIN && sb == -1)
            *out = op == B_DIV ? a : 0;
        else
            *out = op == B_DIV ? (uint64_t)(sa / sb) : (uint64_t)(sa % sb);
        break;
    case B_SHL: *out = b >= 64 ? 0 : a << b; break;
    case B_SHR: *out = b >= 64 ? 0 : a >> b; break;
    case B_SAR: *out = (uint64_t)(b >= 64 ? (sa < 0 ? -1 : 0) : sa >> b); break;
    case B_EQ: *out = a == b; break;
    case B_NE: *out = a != b; break;
    case B_LT: *out = sa < sb; break;
    case B_GT: *out = sa > sb; break;
    case B_LE: *out = sa <= sb; break;
    case B_GE: *out = sa >= sb; break;
    case B_AND: *out = a & b; break;
    case B_OR: *out = a | b; break;
    case B_XOR: *out = a ^ b; break;
    }
    return 0;
}

static int mk_bin(struct cc *c, enum x86_cc_binop op, int a, int b)
{
    if (is_const(c, a) && is_const(c, b)) {
        uint64_t v = 0; /* (fold sets it for every operator) */
        if (fold(op, c->nodes[a].v, c->nodes[b].v, &v) < 0)
            return refuse(c, "division by zero");
        c->nodes[a].v = v;
        return a;
    }
    int i = node_new(c, N_BIN);
    if (i >= 0) {
        c->nodes[i].op = op;
        c->nodes[i].a = a;
        c->nodes[i].b = b;
    }
    return i;
}

/* ---- names ------------------------------------------------------------- */

static const struct {
    unsigned off;
    int slot;
} frame_slots[] = {
#define S(f, s) {offsetof(struct user_regs_struct, f), s}
    S(rax, X86_PAD_RAX), S(rbx, X86_PAD_RBX), S(rcx, X86_PAD_RCX), S(rdx, X86_PAD_RDX),
    S(rsi, X86_PAD_RSI), S(rdi, X86_PAD_RDI), S(rbp, X86_PAD_RBP), S(r8, X86_PAD_R8),
    S(r9, X86_PAD_R9), S(r10, X86_PAD_R10), S(r11, X86_PAD_R11), S(r12, X86_PAD_R12),
    S(r13, X86_PAD_R13), S(r14, X86_PAD_R14), S(r15, X86_PAD_R15),
    S(eflags, X86_PAD_RFLAGS),
#undef S
};

static uint64_t width_mask(unsigned width)
{
    return width >= 8 ? ~0ULL : ((1ULL << (width * 8)) - 1);
}

/* A register as the command layer's env_reg() (cmd/eval.c) sees it: 1 and
 * a node, 0 when it is not a register, -1 when it is one the pad cannot
 * give (pseudo-registers that change, segment and debug registers). */
static int reg_node(struct cc *c, const char *name, size_t len, int *out)
{
    if (len && name[0] == '$') {
        if (len == 3 && !strncasecmp(name, "$ip", 3)) {
            *out = mk_const(c, c->env->ip);
            return *out < 0 ? -1 : 1;
        }
        return refuse(c, "pseudo-register '%.*s'", (int)len, name);
    }
    const struct x86_reg *r = x86_reg_lookupn(name, len);
    if (!r)
        return 0;
    if (r->kind == X86_REG_GPR && r->offset == offsetof(struct user_regs_struct, rip)) {
        *out = mk_const(c, c->env->ip & width_mask(r->width));
        return *out < 0 ? -1 : 1;
    }
    if (r->kind == X86_REG_GPR && r->offset == offsetof(struct user_regs_struct, rsp)) {
        *out = node_new(c, N_RSP);
        if (*out < 0)
            return -1;
        c->nodes[*out].width = r->width;
        return 1;
    }
    int slot = -1;
    for (size_t i = 0; i < sizeof frame_slots / sizeof frame_slots[0]; i++)
        if (frame_slots[i].off == r->offset)
            slot = frame_slots[i].slot;
    if (slot < 0 || r->kind == X86_REG_DR)
        return refuse(c, "register '%.*s' is not in a pad's frame", (int)len, name);
    if (r->kind == X86_REG_FLAG) {
        *out = node_new(c, N_FLAG);
        if (*out < 0)
            return -1;
        c->nodes[*out].disp = r->width; /* the flag's bit */
        return 1;
    }
    *out = node_new(c, N_FRAME);
    if (*out < 0)
        return -1;
    c->nodes[*out].width = r->width;
    c->nodes[*out].disp = 8 * (unsigned)slot + r->shift / 8;
    return 1;
}

/* A symbol, resolved now: refused when unknown or in error. */
static int sym_node(struct cc *c, const char *name, size_t len)
{
    uint64_t v;
    int r = c->env->symbol ? c->env->symbol(c->env->ctx, name, len, &v) : 0;
    if (r <= 0)
        return refuse(c, "%s symbol '%.*s'", r < 0 ? "bad" : "unknown", (int)len, name);
    return mk_const(c, v);
}

/* The next helpers are expr.c's, so that a name ends where it ends there. */
static int is_ident_char(int ch)
{
    return isalnum(ch) || ch == '_' || ch == '$' || ch == '!' || ch == '.' || ch == ':' ||
           ch == '@' || ch == '?';
}

static int word_is(const char *p, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(p, w, n) == 0 && !is_ident_char((unsigned char)p[n]);
}

static int all_hex_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]) && s[i] != '`')
            return 0;
    return n > 0;
}

/* Whether expr.c would read a C++ name on past the identifier (template
 * arguments, a parameter list, an operator): such names are refused. */
static int cpp_name_goes_on(const char *name, size_t len)
{
    const char *p = name + len;
    if (len >= 8 && !strncmp(p - 8, "operator", 8))
        return 1;
    if (*p != '<' && *p != '(')
        return 0;
    size_t depth = 0;
    for (; *p; p++) {
        if (*p == '<' || *p == '(') {
            if (++depth > 32)
                return 0;
        } else if (*p == '>' || *p == ')') {
            if (--depth == 0)
                return 1; /* a balanced group (kinds unchecked: refuse more) */
        } else if (!depth || *p == ';' || *p == '"') {
            return 0;
        }
    }
    return 0;
}

static int parse_name(struct cc *c)
{
    const char *start = c->p;
    if (c->p[0] == '@' && c->p[1] == '!' && c->p[2] == '"') {
        const char *q = strchr(c->p + 3, '"');
        if (!q)
            return syntax(c);
        int i = sym_node(c, c->p + 3, (size_t)(q - c->p - 3));
        c->p = q + 1;
        return i;
    }
    int forced_reg = 0, forced_sym = 0;
    if (*c->p == '@') {
        forced_reg = 1;
        c->p++;
    } else if (*c->p == '!') {
        forced_sym = 1;
        c->p++;
    }
    const char *name = c->p;
    while (is_ident_char((unsigned char)*c->p) && *c->p != '@')
        c->p++;
    if (!strncmp(c->p, "@plt", 4) && !is_ident_char((unsigned char)c->p[4]))
        c->p += 4;
    size_t len = (size_t)(c->p - name);
    if (len == 0)
        return syntax(c);
    if (!forced_reg && !forced_sym && name[0] != '$' && c->env->radix == 16 &&
        all_hex_digits(name, len)) {
        uint64_t v;
        if (expr_parse_number(name, len, 16, &v) < 0)
            return refuse(c, "bad number '%.*s'", (int)len, name);
        return mk_const(c, v);
    }
    int node = -1, r;
    if (!forced_sym && (forced_reg || name[0] == '$')) {
        r = reg_node(c, name, len, &node);
        if (r > 0)
            return node;
        if (r == 0)
            return refuse(c, "bad register '%.*s'", (int)(c->p - start), start);
        return -1;
    }
    if (!forced_reg && name[0] != '$' && cpp_name_goes_on(name, len))
        return refuse(c, "C++ name '%.40s'", name);
    uint64_t v;
    r = c->env->symbol ? c->env->symbol(c->env->ctx, name, len, &v) : 0;
    if (r > 0)
        return mk_const(c, v);
    if (r < 0)
        return refuse(c, "bad symbol '%.*s'", (int)len, name);
    if (!forced_sym) {
        r = reg_node(c, name, len, &node);
        if (r != 0)
            return r > 0 ? node : -1;
    }
    return refuse(c, "unknown symbol '%.*s'", (int)(c->p - start), start);
}

/* ---- expressions (expr.c's grammar) ------------------------------------ */

static void skip_ws(struct cc *c)
{
    while (*c->p == ' ' || *c->p == '\t')
        c->p++;
}

static int parse_or(struct cc *c);
static int parse_unary(struct cc *c);

static int number(struct cc *c, const char *s, size_t len, int radix)
{
    uint64_t v;
    int r = expr_parse_number(s, len, radix, &v);
    if (r == -2)
        return refuse(c, "'%.*s' does not fit in 64 bits", (int)len, s);
    if (r < 0) {
        c->p = s;
        return syntax(c);
    }
    return mk_const(c, v);
}

static int parse_primary(struct cc *c)
{
    skip_ws(c);
    char ch = *c->p;
    if (ch == '(') {
        c->p++;
        int i = parse_or(c);
        if (i < 0)
            return -1;
        skip_ws(c);
        if (*c->p != ')')
            return syntax(c);
        c->p++;
        return i;
    }
    if (isdigit((unsigned char)ch)) {
        const char *s = c->p;
        while (isalnum((unsigned char)*c->p) || *c->p == '`')
            c->p++;
        return number(c, s, (size_t)(c->p - s), c->env->radix);
    }
    if (isxdigit((unsigned char)ch) && c->env->radix == 16) {
        const char *q = c->p;
        while (isxdigit((unsigned char)*q) || *q == '`')
            q++;
        if (!is_ident_char((unsigned char)*q) && memchr(c->p, '`', (size_t)(q - c->p))) {
            const char *s = c->p;
            c->p = q;
            return number(c, s, (size_t)(q - s), 16);
        }
    }
    if (ch == '@' && c->p[1] == '@')
        return refuse(c, "'%.10s' switches evaluator", c->p);
    if (isalpha((unsigned char)ch) || ch == '_' || ch == '$' || ch == '@' || ch == '!' || ch == '?')
        return parse_name(c);
    if (ch == '`') {
        const char *close = strchr(c->p + 1, '`');
        if (!close)
            return syntax(c);
        int i = sym_node(c, c->p, (size_t)(close + 1 - c->p));
        c->p = close + 1;
        return i;
    }
    return syntax(c);
}

static const struct {
    const char *name;
    unsigned size;
} memops[] = {{"poi", 8}, {"qwo", 8}, {"dwo", 4}, {"wo", 2}, {"by", 1}};

static int parse_unary_op(struct cc *c)
{
    skip_ws(c);
    char ch = *c->p;
    if (ch == '-' || ch == '+' || ch == '~' ||
        (ch == '!' && !isalpha((unsigned char)c->p[1]) && c->p[1] != '_')) {
        c->p++;
        int a = parse_unary(c);
        if (a < 0 || ch == '+')
            return a;
        return mk_un(c, ch, a);
    }
    if (word_is(c->p, "not")) {
        c->p += 3;
        int a = parse_unary(c);
        return a < 0 ? -1 : mk_un(c, '!', a);
    }
    for (size_t i = 0; i < sizeof memops / sizeof memops[0]; i++) {
        if (word_is(c->p, memops[i].name)) {
            c->p += strlen(memops[i].name);
            int a = parse_unary(c);
            if (a < 0)
                return -1;
            int m = node_new(c, N_MEM);
            if (m >= 0) {
                c->nodes[m].width = memops[i].size;
                c->nodes[m].a = a;
            }
            return m;
        }
    }
    if (word_is(c->p, "hi") || word_is(c->p, "low")) {
        int hi = tolower((unsigned char)*c->p) == 'h';
        c->p += hi ? 2 : 3;
        int a = parse_unary(c);
        return a < 0 ? -1 : mk_un(c, hi ? 'h' : 'l', a);
    }
    return parse_primary(c);
}

static int parse_unary(struct cc *c)
{
    if (++c->depth > MAX_DEPTH)
        return refuse(c, "nested too deeply");
    int i = parse_unary_op(c);
    c->depth--;
    return i;
}

enum { L_OR, L_XOR, L_AND, L_CMP, L_SHIFT, L_ADD, L_MUL, L_COUNT };

static const struct binop {
    const char *text;
    int level;
    int word;
    enum x86_cc_binop code;
} binops[] = {
    /* expr.c's table, in its order (the first spelling that matches wins) */
    {"==", L_CMP, 0, B_EQ}, {"!=", L_CMP, 0, B_NE}, {"<=", L_CMP, 0, B_LE}, {">=", L_CMP, 0, B_GE},
    {">>>", L_SHIFT, 0, B_SHR}, {"<<", L_SHIFT, 0, B_SHL}, {">>", L_SHIFT, 0, B_SAR},
    {"<", L_CMP, 0, B_LT}, {">", L_CMP, 0, B_GT}, {"=", L_CMP, 0, B_EQ},
    {"|", L_OR, 0, B_OR}, {"or", L_OR, 1, B_OR}, {"^", L_XOR, 0, B_XOR}, {"xor", L_XOR, 1, B_XOR},
    {"&", L_AND, 0, B_AND}, {"and", L_AND, 1, B_AND},
    {"+", L_ADD, 0, B_ADD}, {"-", L_ADD, 0, B_SUB},
    {"*", L_MUL, 0, B_MUL}, {"/", L_MUL, 0, B_DIV}, {"%", L_MUL, 0, B_MOD}, {"mod", L_MUL, 1, B_MOD},
};

static const struct binop *peek_binop(struct cc *c, int level)
{
    const char *save = c->p;
    skip_ws(c);
    for (size_t i = 0; i < sizeof binops / sizeof binops[0]; i++) {
        const struct binop *b = &binops[i];
        size_t n = strlen(b->text);
        if (b->word ? word_is(c->p, b->text) : strncmp(c->p, b->text, n) == 0) {
            if (b->level != level)
                break;
            return b;
        }
    }
    c->p = save;
    return NULL;
}

static int parse_level(struct cc *c, int level)
{
    if (level == L_COUNT)
        return parse_unary(c);
    int a = parse_level(c, level + 1);
    const struct binop *b;
    while (a >= 0 && (b = peek_binop(c, level))) {
        c->p += strlen(b->text);
        int rhs = parse_level(c, level + 1);
        if (rhs < 0)
            return -1;
        a = mk_bin(c, b->code, a, rhs);
    }
    return a;
}

static int parse_or(struct cc *c) { return parse_level(c, L_OR); }

int x86_cond_compile(const struct x86_cond_env *env, const char *text, uint8_t *out, size_t cap,
                     size_t *len, struct lerr *e)
{
    struct cc cc;
    struct cc *c = &cc;
    memset(c, 0, sizeof *c);
    c->env = env;
    c->p = text;
    c->e = e;
    int root = parse_or(c);
    if (root < 0)
        return -1;
    skip_ws(c);
    if (*c->p)
        return syntax(c);
    if (x86_cc_emit(c->nodes, root, out, cap, len) < 0)
        return refuse(c, "too long (more than %zu bytes of code)", cap);
    return 0;
}
