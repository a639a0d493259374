/* The lexical parts of C expressions: blanks, operators, names, number
 * and character literals with their C types, and type names (base types
 * from C's keywords, the others from the environment). */
#include "expr/cexpr_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cx_skip_ws(struct cx_parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

int cx_syntax_error(struct cx_parser *ps)
{
    if (!*ps->p)
        return lerr_set(ps->e, "Syntax error: the expression ends too early");
    return lerr_set(ps->e, "Syntax error at '%.40s'", ps->p);
}

int cx_is_id_start(int c) { return isalpha(c) || c == '_'; }
int cx_is_id_char(int c) { return isalnum(c) || c == '_'; }

/* The operator at p, longest first, or NULL. */
const char *cx_op_at(const char *p)
{
    static const char *const ops[] = {
        "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
        "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "+",  "-",  "*",  "/",  "%",
        "<",   ">",   "&",  "|",  "^",  "!",  "~",  "?",  ":",  "=",  ",",  NULL};
    for (int i = 0; ops[i]; i++)
        if (!strncmp(p, ops[i], strlen(ops[i])))
            return ops[i];
    return NULL;
}

/* An identifier at p, with `::` parts (`ns::Counter::value`) and a module
 * prefix (`mod!name`); its length, 0 when none. */
size_t cx_name_len(const char *p)
{
    size_t n = 0;
    if (p[0] == ':' && p[1] == ':')
        n = 2;
    if (!cx_is_id_start((unsigned char)p[n]))
        return 0;
    for (;;) {
        while (cx_is_id_char((unsigned char)p[n]))
            n++;
        if (p[n] == ':' && p[n + 1] == ':' && cx_is_id_start((unsigned char)p[n + 2]))
            n += 2;
        else if (p[n] == '!' && cx_is_id_start((unsigned char)p[n + 1]) && !memchr(p, '!', n))
            n += 1;
        else
            return n;
    }
}

int cx_word_is(const char *p, const char *w)
{
    size_t n = strlen(w);
    return !strncmp(p, w, n) && !cx_is_id_char((unsigned char)p[n]);
}

void cx_make_int(struct cx_value *v, struct cx_type *t, uint64_t u)
{
    struct cx_num n = {0, u, 0};
    cx_make(v, t, cx_convert(n, &cx_t_ulong, t));
}

/* ---- types by name ------------------------------------------------------ */

static const char *const base_words[] = {"unsigned", "signed", "short", "long",  "int",
                                         "char",     "float",  "double", "void", "bool",
                                         "_Bool",    "const",  "volatile", NULL};

static int base_word(const char *p, size_t len)
{
    for (int i = 0; base_words[i]; i++)
        if (strlen(base_words[i]) == len && !strncmp(p, base_words[i], len))
            return i;
    return -1;
}

/* A type name at ps->p: 1 with *out and ps->p past it, 0 when what is
 * there is not a type (ps->p unchanged), -1 on error. */
int cx_parse_type_name(struct cx_parser *ps, struct cx_type **out)
{
    const char *start = ps->p;
    int count[13] = {0};
    int words = 0;
    struct cx_type *t = NULL;
    for (;;) {
        cx_skip_ws(ps);
        size_t n = cx_name_len(ps->p);
        int w = n ? base_word(ps->p, n) : -1;
        if (w < 0)
            break;
        count[w]++;
        words++;
        ps->p += n;
    }
    int base = words - count[11] - count[12];
    if (base > 0) {
        t = cx_base_type(count[0], count[1], count[2], count[3], count[4], count[5], count[6],
                         count[7], count[8], count[9] + count[10]);
        if (!t)
            return lerr_set(ps->e, "Syntax error at '%.40s': not a type", start);
    } else {
        cx_skip_ws(ps);
        char buf[512];
        const char *kw = NULL;
        static const char *const tags[] = {"struct", "union", "enum", "class", NULL};
        for (int i = 0; tags[i]; i++)
            if (cx_word_is(ps->p, tags[i]))
                kw = tags[i];
        const char *name = ps->p;
        if (kw) {
            name = ps->p + strlen(kw);
            while (*name == ' ' || *name == '\t')
                name++;
        }
        size_t n = cx_name_len(name);
        if (!n || n >= 400) {
            ps->p = start;
            if (kw || words)
                return cx_syntax_error(ps);
            return 0;
        }
        if (!kw) {
            /* a variable's name is not a type: `(p)->x`, `(n) * 2` */
            struct cx_value probe;
            struct lerr ignore;
            snprintf(buf, sizeof buf, "%.*s", (int)n, name);
            if (ps->env->lookup && ps->env->lookup(ps->env->ctx, ps->a, buf, &probe, &ignore) != 0) {
                ps->p = start;
                return 0;
            }
        }
        snprintf(buf, sizeof buf, "%s%s%.*s", kw ? kw : "", kw ? " " : "", (int)n, name);
        if (!ps->env->find_type || ps->env->find_type(ps->env->ctx, ps->a, buf, &t) <= 0) {
            if (!kw) {
                ps->p = start;
                return 0;
            }
            return lerr_set_code(ps->e, LERR_NOT_FOUND, "Couldn't resolve error at '%s': no such type", buf);
        }
        ps->p = name + n;
    }
    for (;;) {
        cx_skip_ws(ps);
        if (*ps->p == '*') {
            ps->p++;
            t = cx_pointer_to(ps->a, t);
        } else if (cx_word_is(ps->p, "const") || cx_word_is(ps->p, "volatile")) {
            ps->p += cx_word_is(ps->p, "const") ? 5 : 8;
        } else {
            break;
        }
    }
    *out = t;
    return 1;
}

/* ---- primary expressions ------------------------------------------------ */

int cx_parse_number(struct cx_parser *ps, struct cx_value *v)
{
    const char *s = ps->p;
    const char *q = s;
    int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    int is_float = 0;
    if (hex) {
        q += 2;
        while (isxdigit((unsigned char)*q))
            q++;
    } else {
        while (isdigit((unsigned char)*q) || *q == '.') {
            is_float |= *q == '.';
            q++;
        }
        if ((*q == 'e' || *q == 'E') &&
            (isdigit((unsigned char)q[1]) || ((q[1] == '+' || q[1] == '-') && isdigit((unsigned char)q[2])))) {
            is_float = 1;
            q += 2;
            while (isdigit((unsigned char)*q))
                q++;
        }
    }
    if (is_float) {
        char *end;
        double d = strtod(s, &end);
        struct cx_type *t = &cx_t_double;
        if (*end == 'f' || *end == 'F') {
            t = &cx_t_float;
            end++;
        } else if (*end == 'l' || *end == 'L') {
            end++;
        }
        if (cx_is_id_char((unsigned char)*end) || *end == '.')
            return lerr_set(ps->e, "Syntax error at '%.40s': not a number", s);
        struct cx_num n = {1, 0, d};
        cx_make(v, t, cx_convert(n, &cx_t_double, t));
        ps->p = end;
        return 0;
    }
    errno = 0;
    char *end;
    unsigned long long u = strtoull(s, &end, 0);
    if (errno == ERANGE)
        return lerr_set(ps->e, "Overflow error at '%.*s': the number does not fit in 64 bits",
                        (int)(q - s), s);
    if (end == s + 1 && hex)
        return lerr_set(ps->e, "Syntax error at '%.40s': not a number", s);
    int nu = 0, nl = 0;
    while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L') {
        if (*end == 'u' || *end == 'U')
            nu++;
        else
            nl++;
        end++;
    }
    if (nu > 1 || nl > 2 || cx_is_id_char((unsigned char)*end) || *end == '.')
        return lerr_set(ps->e, "Syntax error at '%.40s': not a number", s);
    int octal_or_hex = s[0] == '0' && end - s > 1;
    struct cx_type *t;
    if (!nu && !nl && u <= 0x7fffffffULL)
        t = &cx_t_int;
    else if (!nl && u <= 0xffffffffULL && (nu || octal_or_hex))
        t = &cx_t_uint;
    else if (!nu && u <= 0x7fffffffffffffffULL)
        t = &cx_t_long;
    else
        t = &cx_t_ulong;
    cx_make_int(v, t, u);
    ps->p = end;
    return 0;
}

int cx_parse_char(struct cx_parser *ps, struct cx_value *v)
{
    const char *s = ps->p + 1;
    unsigned c;
    if (*s == '\\') {
        s++;
        const char *esc = "n\nt\tr\ra\ab\bf\fv\v\\\\''\"\"??";
        const char *m = *s ? strchr(esc, *s) : NULL;
        if (m && (m - esc) % 2 == 0) {
            c = (unsigned char)m[1];
            s++;
        } else if (*s == 'x' && isxdigit((unsigned char)s[1])) {
            c = 0;
            for (s++; isxdigit((unsigned char)*s); s++)
                c = (c * 16 + (unsigned)(isdigit((unsigned char)*s) ? *s - '0' : (tolower((unsigned char)*s) - 'a' + 10))) & 0xff;
        } else if (*s >= '0' && *s <= '7') {
            c = 0;
            for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++, s++)
                c = (c * 8 + (unsigned)(*s - '0')) & 0xff;
        } else {
            return cx_syntax_error(ps);
        }
    } else if (*s && *s != '\'') {
        c = (unsigned char)*s++;
    } else {
        return cx_syntax_error(ps);
    }
    if (*s != '\'')
        return lerr_set(ps->e, "Syntax error at '%.40s': no closing '", ps->p);
    ps->p = s + 1;
    cx_make_int(v, &cx_t_char, c);
    return 0;
}

const char *cx_close_paren(const char *s)
{
    int depth = 0;
    for (; *s; s++) {
        if (*s == '\'' || *s == '"') {
            char q = *s;
            for (s++; *s && *s != q; s++)
                if (*s == '\\' && s[1])
                    s++;
            if (!*s)
                return NULL;
        } else if (*s == '(') {
            depth++;
        } else if (*s == ')' && --depth == 0) {
            return s;
        }
    }
    return NULL;
}

