#include "expr/expr.h"
#include "expr/cexpr.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

struct parser {
    const struct expr_env *env;
    const char *p;
    struct lerr *e;
    int depth;
};

static void skip_ws(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

static int syntax_error(struct parser *ps)
{
    return lerr_set(ps->e, "Syntax error at '%.40s'", ps->p);
}

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

int expr_parse_number(const char *s, size_t len, int radix, uint64_t *out)
{
    size_t i = 0;
    if (len >= 2 && s[0] == '0') {
        switch (tolower((unsigned char)s[1])) {
        case 'x': radix = 16; i = 2; break;
        case 'n': radix = 10; i = 2; break;
        case 't': radix = 8; i = 2; break;
        case 'y': radix = 2; i = 2; break;
        default: break;
        }
    }
    uint64_t v = 0;
    int any = 0;
    for (; i < len; i++) {
        if (s[i] == '`')
            continue;
        int d = digit_value((unsigned char)s[i]);
        if (d >= radix)
            return -1;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)radix)
            return -2; /* more than 64 bits */
        v = v * (uint64_t)radix + (uint64_t)d;
        any = 1;
    }
    if (!any)
        return -1;
    *out = v;
    return 0;
}

static int is_ident_char(int c)
{
    return isalnum(c) || c == '_' || c == '$' || c == '!' || c == '.' || c == ':' || c == '@' ||
           c == '?';
}

/* A number at s (len bytes) that ends the token: a syntax error when it
 * is not one, an overflow error when it does not fit in 64 bits. */
static int number(struct parser *ps, const char *s, size_t len, int radix, uint64_t *v)
{
    int r = expr_parse_number(s, len, radix, v);
    if (r == -2)
        return lerr_set(ps->e, "Overflow error at '%.*s': the number does not fit in 64 bits",
                        (int)len, s);
    if (r < 0) {
        ps->p = s;
        return syntax_error(ps);
    }
    return 0;
}

static int all_hex_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]) && s[i] != '`')
            return 0;
    return n > 0;
}

static int parse_or(struct parser *ps, uint64_t *v);

static const struct {
    const char *name;
    unsigned size;
} memops[] = {{"poi", 8}, {"qwo", 8}, {"dwo", 4}, {"wo", 2}, {"by", 1}};

static int word_is(const char *p, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(p, w, n) == 0 && !is_ident_char((unsigned char)p[n]);
}

static int parse_unary(struct parser *ps, uint64_t *v);

static int parse_memop(struct parser *ps, unsigned size, uint64_t *v)
{
    uint64_t addr;
    if (parse_unary(ps, &addr) < 0)
        return -1;
    uint64_t val = 0;
    if (!ps->env->read || ps->env->read(ps->env->ctx, addr, &val, size) != 0) {
        return lerr_set(ps->e, "Memory access error at %08x`%08x", (unsigned)(addr >> 32),
                        (unsigned)addr);
    }
    *v = val;
    return 0;
}

/* Where a balanced <...> or (...) group at s ends (past its closing
 * bracket), or NULL. */
static const char *bracket_end(const char *s)
{
    char stack[32];
    size_t depth = 0;
    for (; *s; s++) {
        if (*s == '<' || *s == '(') {
            if (depth == sizeof stack)
                return NULL;
            stack[depth++] = *s == '<' ? '>' : ')';
        } else if (*s == '>' || *s == ')') {
            if (!depth || stack[depth - 1] != *s)
                return NULL;
            if (--depth == 0)
                return s + 1;
        } else if (!depth || *s == ';' || *s == '"') {
            return NULL;
        }
    }
    return NULL;
}

/* A C++ name goes on past the identifier at name (len bytes): template
 * arguments, a parameter list, an operator (ns::twice<int>,
 * ns::add(int, int), ns::A::operator==). Returns the longer length, or len
 * when nothing follows. */
static size_t cpp_name_len(const char *name, size_t len)
{
    const char *p = name + len;
    if (len >= 8 && !strncmp(p - 8, "operator", 8)) {
        while (*p && strchr("+-*/%^&|~!=<>,[]", *p))
            p++;
        if (p[0] == '(' && p[1] == ')')
            p += 2;
    }
    while (*p == '<' || *p == '(') {
        const char *q = bracket_end(p);
        if (!q)
            break;
        p = q;
        while (is_ident_char((unsigned char)*p) && *p != '@' && *p != '!')
            p++;
    }
    return (size_t)(p - name);
}

static int parse_name(struct parser *ps, uint64_t *v)
{
    const char *start = ps->p;
    if (ps->p[0] == '@' && ps->p[1] == '!' && ps->p[2] == '"') {
        /* @!"mod!name": a symbol whose name has any characters */
        const char *q = strchr(ps->p + 3, '"');
        if (!q)
            return lerr_set(ps->e, "Syntax error at '%.40s': no closing '\"'", ps->p);
        size_t len = (size_t)(q - ps->p - 3);
        int r = ps->env->symbol ? ps->env->symbol(ps->env->ctx, ps->p + 3, len, v, ps->e) : 0;
        if (r == 0)
            return lerr_set_code(ps->e, LERR_NOT_FOUND, "Couldn't resolve error at '%.*s'", (int)(q + 1 - ps->p), ps->p);
        if (r < 0)
            return -1;
        ps->p = q + 1;
        return 0;
    }
    int forced_reg = 0, forced_sym = 0;
    if (*ps->p == '@') {
        forced_reg = 1;
        ps->p++;
    } else if (*ps->p == '!') {
        forced_sym = 1;
        ps->p++;
    }
    const char *name = ps->p;
    while (is_ident_char((unsigned char)*ps->p) && *ps->p != '@')
        ps->p++;
    /* a PLT entry's name (`mod!puts@plt`) keeps its suffix */
    if (!strncmp(ps->p, "@plt", 4) && !is_ident_char((unsigned char)ps->p[4]))
        ps->p += 4;
    /* `a!b` is a name; a lone trailing '!' is not part of it */
    size_t len = (size_t)(ps->p - name);
    if (len == 0)
        return syntax_error(ps);
    const struct expr_env *env = ps->env;
    if (!forced_reg && !forced_sym && name[0] != '$' && env->radix == 16 && all_hex_digits(name, len))
        return number(ps, name, len, 16, v);
    if (!forced_sym && env->reg) {
        /* Registers come first with '@' or '$'; bare names are symbols
         * first, as in WinDbg. */
        if (forced_reg || name[0] == '$') {
            int r = env->reg(env->ctx, name, len, v, ps->e);
            if (r != 0)
                return r > 0 ? 0 : -1;
            return lerr_set(ps->e, "Bad register error at '%.*s'", (int)(ps->p - start), start);
        }
    }
    if (env->symbol && !forced_reg && name[0] != '$') {
        /* the longer C++ name when it is a symbol (else `i<5` compares) */
        size_t clen = cpp_name_len(name, len);
        struct lerr ignore;
        if (clen > len && env->symbol(env->ctx, name, clen, v, &ignore) > 0) {
            ps->p = name + clen;
            return 0;
        }
        /* a parameter list that names no overload of a known name */
        if (clen > len && memchr(name + len, '(', clen - len) &&
            env->symbol(env->ctx, name, len, v, &ignore) != 0)
            return lerr_set(ps->e, "Overload error at '%.*s': no overload with these "
                                   "parameters (x lists them with bm /()",
                            (int)clen, name);
    }
    if (env->symbol) {
        int r = env->symbol(env->ctx, name, len, v, ps->e);
        if (r != 0)
            return r > 0 ? 0 : -1;
    }
    if (!forced_sym && env->reg) {
        int r = env->reg(env->ctx, name, len, v, ps->e);
        if (r != 0)
            return r > 0 ? 0 : -1;
    }
    return lerr_set_code(ps->e, LERR_NOT_FOUND, "Couldn't resolve error at '%.*s'", (int)(ps->p - start), start);
}

/* @@c++(...) and @@(...): a C++ expression (WinDbg: `@@` switches to the
 * other evaluator); @@masm(...) stays in MASM. */
static int parse_switch(struct parser *ps, uint64_t *v)
{
    const char *p = ps->p + 2;
    int cxx = 1;
    if (!strncasecmp(p, "c++", 3)) {
        p += 3;
    } else if (!strncasecmp(p, "masm", 4)) {
        p += 4;
        cxx = 0;
    }
    if (*p != '(')
        return syntax_error(ps);
    if (!cxx) {
        ps->p = p + 1;
        if (parse_or(ps, v) < 0)
            return -1;
        skip_ws(ps);
        if (*ps->p != ')')
            return syntax_error(ps);
        ps->p++;
        return 0;
    }
    const char *close = cx_close_paren(p);
    if (!close)
        return lerr_set(ps->e, "Syntax error at '%.40s': no closing ')'", ps->p);
    if (!ps->env->cexpr)
        return lerr_set(ps->e, "Syntax error at '%.40s': no C++ evaluator here", ps->p);
    if (ps->env->cexpr(ps->env->ctx, p + 1, (size_t)(close - p - 1), v, ps->e) < 0)
        return -1;
    ps->p = close + 1;
    return 0;
}

static int parse_primary(struct parser *ps, uint64_t *v)
{
    skip_ws(ps);
    char c = *ps->p;
    if (c == '(') {
        ps->p++;
        if (parse_or(ps, v) < 0)
            return -1;
        skip_ws(ps);
        if (*ps->p != ')')
            return syntax_error(ps);
        ps->p++;
        return 0;
    }
    if (isdigit((unsigned char)c)) {
        const char *s = ps->p;
        while (isalnum((unsigned char)*ps->p) || *ps->p == '`')
            ps->p++;
        return number(ps, s, (size_t)(ps->p - s), ps->env->radix, v);
    }
    if (isxdigit((unsigned char)c) && ps->env->radix == 16) {
        /* `ffffffff`ffffffff`: a number when the whole word is hex digits
         * and backticks (as in WinDbg, hex wins over a symbol) */
        const char *q = ps->p;
        while (isxdigit((unsigned char)*q) || *q == '`')
            q++;
        if (!is_ident_char((unsigned char)*q) && memchr(ps->p, '`', (size_t)(q - ps->p))) {
            const char *s = ps->p;
            ps->p = q;
            return number(ps, s, (size_t)(q - s), 16, v);
        }
    }
    if (c == '@' && ps->p[1] == '@')
        return parse_switch(ps, v);
    if (isalpha((unsigned char)c) || c == '_' || c == '$' || c == '@' || c == '!' || c == '?')
        return parse_name(ps, v);
    if (c == '`') {
        /* `file.c:42`, `mod!file.c:42`: a source line, given to the symbol
         * source with its backticks */
        const char *close = strchr(ps->p + 1, '`');
        if (!close)
            return lerr_set(ps->e, "Syntax error at '%.40s': no closing '`'", ps->p);
        size_t len = (size_t)(close + 1 - ps->p);
        int r = ps->env->symbol ? ps->env->symbol(ps->env->ctx, ps->p, len, v, ps->e) : 0;
        if (r == 0)
            return lerr_set_code(ps->e, LERR_NOT_FOUND, "Couldn't resolve error at '%.*s'", (int)len, ps->p);
        if (r < 0)
            return -1;
        ps->p = close + 1;
        return 0;
    }
    if (c == '\0' || c == ';')
        return lerr_set(ps->e, "Numeric expression missing from '%.40s'", ps->p);
    return syntax_error(ps);
}

static int parse_unary(struct parser *ps, uint64_t *v)
{
    if (++ps->depth > 200)
        return lerr_set(ps->e, "Syntax error: expression nested too deeply");
    skip_ws(ps);
    int rc;
    char c = *ps->p;
    if (c == '-' || c == '+' || c == '~' ||
        (c == '!' && !isalpha((unsigned char)ps->p[1]) && ps->p[1] != '_')) {
        ps->p++;
        rc = parse_unary(ps, v);
        if (rc == 0) {
            if (c == '-')
                *v = (uint64_t)0 - *v;
            else if (c == '~')
                *v = ~*v;
            else if (c == '!')
                *v = !*v;
        }
        ps->depth--;
        return rc;
    }
    if (word_is(ps->p, "not")) {
        ps->p += 3;
        rc = parse_unary(ps, v);
        if (rc == 0)
            *v = !*v;
        ps->depth--;
        return rc;
    }
    for (size_t i = 0; i < sizeof memops / sizeof memops[0]; i++) {
        if (word_is(ps->p, memops[i].name)) {
            ps->p += strlen(memops[i].name);
            rc = parse_memop(ps, memops[i].size, v);
            ps->depth--;
            return rc;
        }
    }
    if (word_is(ps->p, "hi") || word_is(ps->p, "low")) {
        int hi = tolower((unsigned char)*ps->p) == 'h';
        ps->p += hi ? 2 : 3;
        rc = parse_unary(ps, v);
        if (rc == 0)
            *v = hi ? (*v >> 16) & 0xffff : *v & 0xffff;
        ps->depth--;
        return rc;
    }
    rc = parse_primary(ps, v);
    ps->depth--;
    return rc;
}

/* Binary operators by precedence level, loosest first. */
enum { L_OR, L_XOR, L_AND, L_CMP, L_SHIFT, L_ADD, L_MUL, L_COUNT };

struct binop {
    const char *text;
    int level;
    int word; /* spelled as a word: needs a non-name character after it */
};

static const struct binop binops[] = {
    {"==", L_CMP, 0}, {"!=", L_CMP, 0}, {"<=", L_CMP, 0}, {">=", L_CMP, 0},
    {">>>", L_SHIFT, 0}, {"<<", L_SHIFT, 0}, {">>", L_SHIFT, 0},
    {"<", L_CMP, 0}, {">", L_CMP, 0}, {"=", L_CMP, 0},
    {"|", L_OR, 0}, {"or", L_OR, 1}, {"^", L_XOR, 0}, {"xor", L_XOR, 1},
    {"&", L_AND, 0}, {"and", L_AND, 1},
    {"+", L_ADD, 0}, {"-", L_ADD, 0},
    {"*", L_MUL, 0}, {"/", L_MUL, 0}, {"%", L_MUL, 0}, {"mod", L_MUL, 1},
};

static const struct binop *peek_binop(struct parser *ps, int level)
{
    const char *save = ps->p;
    skip_ws(ps);
    for (size_t i = 0; i < sizeof binops / sizeof binops[0]; i++) {
        const struct binop *b = &binops[i];
        size_t n = strlen(b->text);
        if (b->word ? word_is(ps->p, b->text) : strncmp(ps->p, b->text, n) == 0) {
            if (b->level != level)
                break; /* longest spelling matched another level */
            return b;
        }
    }
    ps->p = save;
    return NULL;
}

static int apply(struct parser *ps, const char *op, uint64_t a, uint64_t b, uint64_t *out)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    if (!strcmp(op, "+")) *out = a + b;
    else if (!strcmp(op, "-")) *out = a - b;
    else if (!strcmp(op, "*")) *out = a * b;
    else if (!strcmp(op, "/") || !strcmp(op, "%") || !strcasecmp(op, "mod")) {
        if (b == 0)
            return lerr_set(ps->e, "Divide by zero error at '%.40s'", ps->p);
        if (sa == INT64_MIN && sb == -1)
            *out = op[0] == '/' ? a : 0;
        else
            *out = op[0] == '/' ? (uint64_t)(sa / sb) : (uint64_t)(sa % sb);
    }
    else if (!strcmp(op, "<<")) *out = b >= 64 ? 0 : a << b;
    else if (!strcmp(op, ">>>")) *out = b >= 64 ? 0 : a >> b;
    else if (!strcmp(op, ">>")) *out = (uint64_t)(b >= 64 ? (sa < 0 ? -1 : 0) : sa >> b);
    else if (!strcmp(op, "==") || !strcmp(op, "=")) *out = a == b;
    else if (!strcmp(op, "!=")) *out = a != b;
    else if (!strcmp(op, "<")) *out = sa < sb;
    else if (!strcmp(op, ">")) *out = sa > sb;
    else if (!strcmp(op, "<=")) *out = sa <= sb;
    else if (!strcmp(op, ">=")) *out = sa >= sb;
    else if (!strcmp(op, "&") || !strcasecmp(op, "and")) *out = a & b;
    else if (!strcmp(op, "|") || !strcasecmp(op, "or")) *out = a | b;
    else if (!strcmp(op, "^") || !strcasecmp(op, "xor")) *out = a ^ b;
    else return syntax_error(ps);
    return 0;
}

static int parse_level(struct parser *ps, int level, uint64_t *v)
{
    if (level == L_COUNT)
        return parse_unary(ps, v);
    if (parse_level(ps, level + 1, v) < 0)
        return -1;
    const struct binop *b;
    while ((b = peek_binop(ps, level))) {
        ps->p += strlen(b->text);
        uint64_t rhs;
        if (parse_level(ps, level + 1, &rhs) < 0)
            return -1;
        if (apply(ps, b->text, *v, rhs, v) < 0)
            return -1;
    }
    return 0;
}

static int parse_or(struct parser *ps, uint64_t *v) { return parse_level(ps, L_OR, v); }

int expr_eval(const struct expr_env *env, const char *s, const char **end, uint64_t *out,
              struct lerr *e)
{
    struct parser ps = {env, s, e, 0};
    uint64_t v = 0;
    int rc = parse_or(&ps, &v);
    if (end)
        *end = ps.p;
    if (rc == 0)
        *out = v;
    return rc;
}

int expr_eval_all(const struct expr_env *env, const char *s, uint64_t *out, struct lerr *e)
{
    const char *end;
    if (expr_eval(env, s, &end, out, e) < 0)
        return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end)
        return lerr_set(e, "Syntax error at '%.40s'", end);
    return 0;
}
