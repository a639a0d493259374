/* Values as an editor shows them (the Variables view, hovers, watches):
 * GDB's way of writing C values, which is what users of lldb-dap and
 * GDB's DAP mode read there, rather than WinDbg's 0n42 of dv and ??.
 * Everything comes from the value's bytes or the target's memory through
 * the environment; nothing is guessed. */
#include "dap/dap_vars.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define TEXT_MAX 200  /* characters of a string shown, as GDB's print elements */
#define PREVIEW_MAX 10 /* elements of a scalar array shown in its value */

int dapv_element(const struct cx_value *arr, uint64_t i, struct cx_value *out)
{
    const struct cx_type *t = arr->type->target;
    memset(out, 0, sizeof *out);
    out->type = (struct cx_type *)t;
    uint64_t size = t ? t->size : 0;
    if (!t || !size || i >= arr->type->count)
        return -1;
    if (arr->lval) {
        out->lval = 1;
        out->addr = arr->addr + i * size;
        return 0;
    }
    /* an array held in registers: its bytes */
    if (i * size + size > CX_VALUE_MAX)
        return -1;
    memcpy(out->bytes, arr->bytes + i * size, size);
    return 0;
}

static int raw_bytes(const struct cx_env *env, const struct cx_value *v, void *buf, size_t len)
{
    if (v->lval)
        return env->read && env->read(env->ctx, v->addr, buf, len) == 0 ? 0 : -1;
    if (len > CX_VALUE_MAX)
        return -1;
    memcpy(buf, v->bytes, len);
    return 0;
}

/* One character as C writes it inside quote (' or "). */
static void add_char(struct strbuf *out, int c, char quote)
{
    static const char esc[] = "\a\b\f\n\r\t\v\\";
    static const char letter[] = "abfnrtv\\";
    const char *p = c ? strchr(esc, c) : NULL;
    if (p) {
        sb_addc(out, '\\');
        sb_addc(out, letter[p - esc]);
    } else if (c == quote) {
        sb_addc(out, '\\');
        sb_addc(out, (char)c);
    } else if (c == 033) {
        sb_adds(out, "\\033");
    } else if (isprint(c)) {
        sb_addc(out, (char)c);
    } else {
        sb_addf(out, "\\%03o", c);
    }
}

/* The text of at most max characters at addr (a char *), as "...": up to
 * the NUL, and "..." after it when cut. 0, or -1 when not even the first
 * byte is readable. */
static int add_text(const struct cx_env *env, uint64_t addr, uint64_t max, struct strbuf *out)
{
    uint8_t buf[TEXT_MAX];
    uint64_t want = max < TEXT_MAX ? max : TEXT_MAX, got = 0;
    /* the whole run at once; near the end of a mapping, byte by byte */
    if (env->read && env->read(env->ctx, addr, buf, want) == 0) {
        got = want;
    } else {
        while (got < want && env->read && env->read(env->ctx, addr + got, buf + got, 1) == 0 &&
               buf[got])
            got++;
        if (got == 0 && (!env->read || env->read(env->ctx, addr, buf, 1) != 0))
            return -1;
    }
    uint64_t n = 0;
    while (n < got && buf[n])
        n++;
    sb_addc(out, '"');
    for (uint64_t i = 0; i < n; i++)
        add_char(out, buf[i], '"');
    sb_addc(out, '"');
    if (n == want && max > want)
        sb_adds(out, "...");
    return 0;
}

static void add_error(struct strbuf *out, const struct lerr *e)
{
    sb_addf(out, "<error: %s>", e->msg[0] ? e->msg : "unreadable");
}

static int is_char_type(const struct cx_type *t)
{
    return t && t->kind == CX_INT && t->is_char && t->size == 1;
}

static void format_float(const struct cx_env *env, const struct cx_value *v, struct strbuf *out)
{
    uint8_t b[16] = {0};
    size_t size = v->type->size;
    if ((size != 4 && size != 8 && size != 16) || raw_bytes(env, v, b, size) < 0) {
        struct lerr e;
        lerr_set(&e, "Memory access error at 0x%llx", (unsigned long long)v->addr);
        add_error(out, &e);
        return;
    }
    if (size == 4) {
        float f;
        memcpy(&f, b, 4);
        sb_addf(out, "%.9g", f);
    } else if (size == 8) {
        double d;
        memcpy(&d, b, 8);
        sb_addf(out, "%.17g", d);
    } else {
        long double ld;
        memcpy(&ld, b, sizeof ld < 16 ? sizeof ld : 16);
        sb_addf(out, "%.18Lg", ld);
    }
}

static void format_array(const struct cx_env *env, const struct cx_value *v, struct strbuf *out)
{
    const struct cx_type *et = v->type->target;
    if (is_char_type(et) && v->lval) {
        if (add_text(env, v->addr, v->type->count, out) < 0) {
            struct lerr e;
            lerr_set(&e, "Memory access error at 0x%llx", (unsigned long long)v->addr);
            add_error(out, &e);
        }
        return;
    }
    int scalar = et && (et->kind == CX_INT || et->kind == CX_FLOAT || et->kind == CX_ENUM ||
                        et->kind == CX_PTR);
    if (!scalar || v->type->count == 0) {
        sb_adds(out, "{...}");
        return;
    }
    /* a short preview, as GDB's {1, 2, 3}: whole for small arrays */
    sb_addc(out, '{');
    for (uint64_t i = 0; i < v->type->count && i < PREVIEW_MAX; i++) {
        struct cx_value el;
        if (i)
            sb_adds(out, ", ");
        if (dapv_element(v, i, &el) < 0) {
            sb_adds(out, "?");
            continue;
        }
        dapv_format(env, &el, out);
    }
    sb_adds(out, v->type->count > PREVIEW_MAX ? "...}" : "}");
}

void dapv_format(const struct cx_env *env, const struct cx_value *v, struct strbuf *out)
{
    const struct cx_type *t = v->type;
    struct lerr e = {0};
    uint64_t u = 0;
    if (!t || t->kind == CX_VOID) {
        sb_adds(out, "void");
        return;
    }
    switch (t->kind) {
    case CX_STRUCT:
        sb_adds(out, "{...}");
        return;
    case CX_ARRAY:
        format_array(env, v, out);
        return;
    case CX_FUNC:
        if (v->lval)
            sb_addf(out, "0x%llx", (unsigned long long)v->addr);
        else
            sb_adds(out, "<function>");
        return;
    case CX_FLOAT:
        format_float(env, v, out);
        return;
    default:
        break;
    }
    if (cx_value_u64(env, v, &u, &e) < 0) {
        add_error(out, &e);
        return;
    }
    if (t->kind == CX_PTR) {
        sb_addf(out, "0x%llx", (unsigned long long)u);
        if (u && is_char_type(t->target)) {
            sb_addc(out, ' ');
            if (add_text(env, u, TEXT_MAX + 1, out) < 0)
                sb_addf(out, "<error: Memory access error at 0x%llx>", (unsigned long long)u);
        }
    } else if (t->kind == CX_ENUM) {
        const char *name = env->enum_name ? env->enum_name(env->ctx, t, (int64_t)u) : NULL;
        if (name)
            sb_adds(out, name);
        else
            sb_addf(out, t->is_signed ? "%lld" : "%llu", (long long)u);
    } else if (t->is_bool) {
        sb_adds(out, u ? "true" : "false");
    } else if (t->is_char) {
        sb_addf(out, t->is_signed ? "%lld '" : "%llu '", (long long)u);
        add_char(out, (int)(u & 0xff), '\'');
        sb_addc(out, '\'');
    } else {
        sb_addf(out, t->is_signed ? "%lld" : "%llu", (long long)u);
    }
}

int dapv_expandable(const struct cx_env *env, const struct cx_value *v, uint64_t *indexed)
{
    const struct cx_type *t = v->type;
    *indexed = 0;
    if (!t)
        return 0;
    if (t->kind == CX_STRUCT)
        return 1;
    if (t->kind == CX_ARRAY) {
        *indexed = t->count;
        return t->count > 0 && t->target && t->target->size > 0;
    }
    if (t->kind != CX_PTR || !t->target || t->target->kind == CX_VOID ||
        t->target->kind == CX_FUNC || is_char_type(t->target) || !t->target->size)
        return 0;
    uint64_t p;
    uint8_t probe;
    struct lerr e;
    return cx_value_u64(env, v, &p, &e) == 0 && p && env->read &&
           env->read(env->ctx, p, &probe, 1) == 0;
}

/* Whether expr is a postfix expression already (a name, a.b, a->b, a[i]):
 * then a member or an index goes straight after it. */
static int is_postfix(const char *expr)
{
    if (!*expr || isdigit((unsigned char)*expr))
        return 0;
    for (const char *p = expr; *p; p++) {
        if (isalnum((unsigned char)*p) || *p == '_' || *p == '.' || *p == '[' || *p == ']' ||
            *p == ':')
            continue;
        if (p[0] == '-' && p[1] == '>') {
            p++;
            continue;
        }
        return 0;
    }
    return 1;
}

char *dapv_child_expr(const char *parent, const char *op, const char *member)
{
    if (!parent)
        return NULL;
    struct strbuf sb;
    sb_init(&sb);
    int wrap = !is_postfix(parent);
    if (!strcmp(op, "*"))
        sb_addf(&sb, wrap ? "*(%s)" : "*%s", parent);
    else if (!strcmp(op, "["))
        sb_addf(&sb, wrap ? "(%s)[%s]" : "%s[%s]", parent, member);
    else
        sb_addf(&sb, wrap ? "(%s)%s%s" : "%s%s%s", parent, op, member);
    char *r = xstrdup(sb_str(&sb));
    sb_free(&sb);
    return r;
}
