/* Typed values of the C expression evaluator: the arena, base types,
 * loading scalars (bitfields included), C's conversions, type names and
 * the `??` formatting. */
#include "expr/cexpr_int.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cx_block {
    struct cx_block *next;
    max_align_t data[];
};

void *cx_alloc(struct cx_arena *a, size_t n)
{
    struct cx_block *b = xcalloc(1, sizeof *b + n);
    b->next = a->head;
    a->head = b;
    return b->data;
}

void cx_arena_free(struct cx_arena *a)
{
    while (a->head) {
        struct cx_block *b = a->head;
        a->head = b->next;
        free(b);
    }
}

/* The base types the evaluator knows without DWARF (LP64 sizes), so that
 * `(unsigned long)p` and `sizeof(int)` work in any program. */
struct cx_type cx_t_void = {CX_VOID, 0, 0, 0, 0, "void", NULL, 0, NULL};
struct cx_type cx_t_bool = {CX_INT, 1, 0, 0, 1, "bool", NULL, 0, NULL};
struct cx_type cx_t_char = {CX_INT, 1, 1, 1, 0, "char", NULL, 0, NULL};
static struct cx_type t_schar = {CX_INT, 1, 1, 1, 0, "signed char", NULL, 0, NULL};
static struct cx_type t_uchar = {CX_INT, 1, 0, 1, 0, "unsigned char", NULL, 0, NULL};
static struct cx_type t_short = {CX_INT, 2, 1, 0, 0, "short", NULL, 0, NULL};
static struct cx_type t_ushort = {CX_INT, 2, 0, 0, 0, "unsigned short", NULL, 0, NULL};
struct cx_type cx_t_int = {CX_INT, 4, 1, 0, 0, "int", NULL, 0, NULL};
struct cx_type cx_t_uint = {CX_INT, 4, 0, 0, 0, "unsigned int", NULL, 0, NULL};
struct cx_type cx_t_long = {CX_INT, 8, 1, 0, 0, "long", NULL, 0, NULL};
struct cx_type cx_t_ulong = {CX_INT, 8, 0, 0, 0, "unsigned long", NULL, 0, NULL};
static struct cx_type t_llong = {CX_INT, 8, 1, 0, 0, "long long", NULL, 0, NULL};
static struct cx_type t_ullong = {CX_INT, 8, 0, 0, 0, "unsigned long long", NULL, 0, NULL};
struct cx_type cx_t_float = {CX_FLOAT, 4, 1, 0, 0, "float", NULL, 0, NULL};
struct cx_type cx_t_double = {CX_FLOAT, 8, 1, 0, 0, "double", NULL, 0, NULL};
static struct cx_type t_ldouble = {CX_FLOAT, 16, 1, 0, 0, "long double", NULL, 0, NULL};

struct cx_type *cx_base_type(int nu, int ns, int nshort, int nlong, int nint, int nchar,
                             int nfloat, int ndouble, int nvoid, int nbool)
{
    int sign = nu + ns;
    if (sign > 1 || nshort > 1 || nlong > 2 || nint > 1 || nchar > 1 || nfloat > 1 ||
        ndouble > 1 || nvoid > 1 || nbool > 1)
        return NULL;
    int kinds = (nchar > 0) + (nfloat > 0) + (ndouble > 0) + (nvoid > 0) + (nbool > 0);
    if (kinds > 1 || (kinds && (nshort || nint)) || (nshort && nlong))
        return NULL;
    if (nvoid || nbool || nfloat)
        return sign || nshort || nlong ? NULL : nvoid ? &cx_t_void : nbool ? &cx_t_bool : &cx_t_float;
    if (ndouble)
        return sign || nlong > 1 ? NULL : nlong ? &t_ldouble : &cx_t_double;
    if (nchar)
        return nlong ? NULL : nu ? &t_uchar : ns ? &t_schar : &cx_t_char;
    if (nshort)
        return nu ? &t_ushort : &t_short;
    if (nlong == 2)
        return nu ? &t_ullong : &t_llong;
    if (nlong == 1)
        return nu ? &cx_t_ulong : &cx_t_long;
    if (nint || sign)
        return nu ? &cx_t_uint : &cx_t_int;
    return NULL;
}

int cx_is_integer(const struct cx_type *t) { return t->kind == CX_INT || t->kind == CX_ENUM; }
int cx_is_arith(const struct cx_type *t) { return cx_is_integer(t) || t->kind == CX_FLOAT; }
int cx_is_scalar(const struct cx_type *t) { return cx_is_arith(t) || t->kind == CX_PTR; }

uint64_t cx_step(const struct cx_type *t)
{
    if (!t || t->kind == CX_VOID || t->kind == CX_FUNC)
        return 1;
    return t->size;
}

struct cx_type *cx_pointer_to(struct cx_arena *a, struct cx_type *t)
{
    struct cx_type *p = cx_alloc(a, sizeof *p);
    p->kind = CX_PTR;
    p->size = 8;
    p->target = t && t->kind == CX_VOID ? NULL : t;
    return p;
}

int cx_mem_error(struct lerr *e, uint64_t addr)
{
    return lerr_set_code(e, LERR_MEMORY, "Memory access error at %08x`%08x",
                         (unsigned)(addr >> 32), (unsigned)addr);
}

int cx_type_error(struct lerr *e, const char *what, const struct cx_type *t)
{
    struct strbuf sb;
    sb_init(&sb);
    cx_type_name(t, &sb);
    lerr_set(e, "Type error: %s '%s'", what, sb_str(&sb));
    sb_free(&sb);
    return -1;
}

static uint64_t extend(uint64_t u, unsigned bits, int is_signed)
{
    if (bits >= 64)
        return u;
    u &= (1ULL << bits) - 1;
    if (is_signed && bits && (u >> (bits - 1) & 1))
        u |= ~0ULL << bits;
    return u;
}

int cx_load(const struct cx_env *env, const struct cx_value *v, int noeval, struct cx_num *n,
            struct lerr *e)
{
    const struct cx_type *t = v->type;
    if (!cx_is_scalar(t))
        return cx_type_error(e, "not a number:", t);
    uint64_t size = t->kind == CX_PTR ? 8 : t->size;
    if (size == 0 || size > 16 || (t->kind != CX_FLOAT && size > 8))
        return cx_type_error(e, "cannot compute with", t);
    uint64_t skip = 0, len = size;
    if (v->bit_size) {
        skip = v->bit_off / 8;
        len = (v->bit_off % 8 + v->bit_size + 7) / 8;
    }
    uint8_t buf[16] = {0};
    if (v->lval) {
        if (!noeval && (!env->read || env->read(env->ctx, v->addr + skip, buf, len) != 0))
            return cx_mem_error(e, v->addr + skip);
    } else {
        if (skip + len > CX_VALUE_MAX)
            return cx_type_error(e, "value too large:", t);
        memcpy(buf, v->bytes + skip, len);
    }
    memset(n, 0, sizeof *n);
    if (t->kind == CX_FLOAT) {
        n->is_float = 1;
        if (size == 4) {
            float f;
            memcpy(&f, buf, 4);
            n->d = f;
        } else if (size == 8) {
            memcpy(&n->d, buf, 8);
        } else {
            long double ld;
            memcpy(&ld, buf, sizeof ld < 16 ? sizeof ld : 16);
            n->d = (double)ld;
        }
        return 0;
    }
    uint64_t u = 0;
    memcpy(&u, buf, len > 8 ? 8 : len);
    if (v->bit_size) {
        /* a bitfield may span 9 bytes (7 bits of offset + 64 of width) */
        unsigned __int128 wide = 0;
        memcpy(&wide, buf, len > 16 ? 16 : len);
        n->u = extend((uint64_t)(wide >> (v->bit_off % 8)), v->bit_size, t->is_signed);
    } else {
        n->u = extend(u, (unsigned)size * 8, t->is_signed && t->kind != CX_PTR);
    }
    if (t->is_bool)
        n->u = n->u != 0;
    return 0;
}

struct cx_num cx_convert(struct cx_num n, const struct cx_type *from, const struct cx_type *to)
{
    struct cx_num r = {0, 0, 0};
    int from_signed = from->is_signed && from->kind != CX_PTR;
    if (to->kind == CX_FLOAT) {
        r.is_float = 1;
        r.d = n.is_float ? n.d : from_signed ? (double)(int64_t)n.u : (double)n.u;
        if (to->size == 4)
            r.d = (float)r.d;
        return r;
    }
    uint64_t u = n.u;
    if (n.is_float) {
        if (to->is_bool)
            u = n.d != 0;
        else if (!(n.d > -9.2e18 && n.d < 1.8e19))
            u = 1ULL << 63; /* out of range: what x86's cvttsd2si gives */
        else if (n.d < 0 || n.d < 9.2e18)
            u = (uint64_t)(int64_t)n.d;
        else
            u = (uint64_t)n.d;
    } else if (to->is_bool) {
        u = u != 0;
    }
    uint64_t size = to->kind == CX_PTR ? 8 : to->size;
    r.u = extend(u, (unsigned)(size ? size : 8) * 8, to->is_signed && to->kind != CX_PTR);
    return r;
}

void cx_make(struct cx_value *v, struct cx_type *t, struct cx_num n)
{
    memset(v, 0, sizeof *v);
    v->type = t;
    if (t->kind == CX_FLOAT) {
        if (t->size == 4) {
            float f = (float)n.d;
            memcpy(v->bytes, &f, 4);
        } else if (t->size == 8) {
            memcpy(v->bytes, &n.d, 8);
        } else {
            long double ld = n.d;
            memcpy(v->bytes, &ld, sizeof ld < 16 ? sizeof ld : 16);
        }
    } else {
        memcpy(v->bytes, &n.u, 8);
    }
}

struct cx_type *cx_promote(struct cx_type *t)
{
    if (t->kind == CX_ENUM)
        return t->size > 4 ? (t->is_signed ? &cx_t_long : &cx_t_ulong)
                           : (t->is_signed || t->size < 4 ? &cx_t_int : &cx_t_uint);
    if (t->kind == CX_INT && t->size < 4)
        return &cx_t_int;
    return t;
}

struct cx_type *cx_common(struct cx_type *a, struct cx_type *b)
{
    if (a->kind == CX_FLOAT || b->kind == CX_FLOAT) {
        if (a->kind == CX_FLOAT && b->kind == CX_FLOAT)
            return a->size >= b->size ? a : b;
        return a->kind == CX_FLOAT ? a : b;
    }
    a = cx_promote(a);
    b = cx_promote(b);
    if (a->is_signed == b->is_signed)
        return a->size >= b->size ? a : b;
    struct cx_type *u = a->is_signed ? b : a, *s = a->is_signed ? a : b;
    if (u->size >= s->size)
        return u;
    return s; /* the signed type holds every value of the unsigned one */
}

/* The element type under an array's dimensions, which go to dims. */
static const struct cx_type *array_dims(const struct cx_type *t, struct strbuf *dims)
{
    while (t && t->kind == CX_ARRAY && !t->name) {
        sb_addf(dims, "[%llu]", (unsigned long long)t->count);
        t = t->target;
    }
    return t;
}

void cx_type_name(const struct cx_type *t, struct strbuf *out)
{
    if (!t) {
        sb_adds(out, "void");
        return;
    }
    if (t->name) {
        sb_adds(out, t->name);
        return;
    }
    struct strbuf dims;
    switch (t->kind) {
    case CX_PTR: {
        if (t->target && t->target->kind == CX_ARRAY && !t->target->name) {
            /* C's spelling of a pointer to an array: "int (*)[2][3]" */
            sb_init(&dims);
            cx_type_name(array_dims(t->target, &dims), out);
            sb_addf(out, " (*)%s", sb_str(&dims));
            sb_free(&dims);
            return;
        }
        cx_type_name(t->target, out);
        const char *s = sb_str(out);
        size_t n = strlen(s);
        sb_adds(out, n && s[n - 1] == '*' ? "*" : " *");
        return;
    }
    case CX_ARRAY:
        /* every dimension after the element: "int [2][3]", not "int [3] [2]" */
        sb_init(&dims);
        cx_type_name(array_dims(t, &dims), out);
        sb_addf(out, " %s", sb_str(&dims));
        sb_free(&dims);
        return;
    case CX_FUNC:
        sb_adds(out, "<function>");
        return;
    default:
        sb_adds(out, "?");
        return;
    }
}

static void fmt_addr(struct strbuf *out, uint64_t a)
{
    sb_addf(out, "0x%08x`%08x", (unsigned)(a >> 32), (unsigned)a);
}

/* As GDB prints: every significant digit of the type (9 for float, 17
 * for double), so that the text reads back as the same number. */
static void fmt_float(struct strbuf *out, double d, int is_float)
{
    sb_addf(out, "%.*g", is_float ? 9 : 17, d);
}

/* A C string at addr, up to 256 characters. */
static void fmt_string(const struct cx_env *env, uint64_t addr, uint64_t max, struct strbuf *out)
{
    sb_adds(out, " \"");
    for (uint64_t i = 0; i < max && i < 256; i++) {
        char c;
        if (!env->read || env->read(env->ctx, addr + i, &c, 1) != 0 || c == 0)
            break;
        sb_addc(out, isprint((unsigned char)c) ? c : '.');
    }
    sb_addc(out, '"');
}

int cx_value_u64(const struct cx_env *env, const struct cx_value *v, uint64_t *out,
                 struct lerr *e)
{
    const struct cx_type *t = v->type;
    if ((t->kind == CX_ARRAY || t->kind == CX_STRUCT || t->kind == CX_FUNC) && v->lval) {
        *out = v->addr;
        return 0;
    }
    struct cx_num n;
    if (cx_load(env, v, 0, &n, e) < 0)
        return -1;
    *out = n.is_float ? cx_convert(n, t, &cx_t_long).u : n.u;
    return 0;
}

static int format(const struct cx_env *env, const struct cx_value *v, int with_type,
                  struct strbuf *out, struct lerr *e)
{
    const struct cx_type *t = v->type;
    int aggregate = t->kind == CX_STRUCT || t->kind == CX_ARRAY || t->kind == CX_FUNC;
    if (with_type || aggregate) {
        struct strbuf name;
        sb_init(&name);
        cx_type_name(t, &name);
        sb_adds(out, sb_str(&name));
        sb_free(&name);
    }
    if (t->kind == CX_VOID)
        return 0;
    if (aggregate) {
        if (v->lval && with_type) {
            sb_addc(out, ' ');
            fmt_addr(out, v->addr);
        }
        if (t->kind == CX_ARRAY && t->target && t->target->kind == CX_INT && t->target->is_char &&
            v->lval)
            fmt_string(env, v->addr, t->count, out);
        return 0;
    }
    struct cx_num n;
    if (cx_load(env, v, 0, &n, e) < 0)
        return -1;
    if (with_type)
        sb_addc(out, ' ');
    if (n.is_float) {
        fmt_float(out, n.d, t->size == 4);
    } else if (t->kind == CX_PTR) {
        fmt_addr(out, n.u);
        if (t->target && t->target->kind == CX_INT && t->target->is_char && n.u)
            fmt_string(env, n.u, 256, out);
    } else if (t->is_bool) {
        sb_adds(out, n.u ? "true" : "false");
    } else if (t->kind == CX_ENUM) {
        const char *en = env->enum_name ? env->enum_name(env->ctx, t, (int64_t)n.u) : NULL;
        if (en)
            sb_addf(out, "%s (0n%lld)", en, (long long)n.u);
        else
            sb_addf(out, "0n%lld", (long long)n.u);
    } else if (t->is_char) {
        int c = (int)(n.u & 0xff);
        if (t->is_signed)
            sb_addf(out, "0n%lld", (long long)n.u);
        else
            sb_addf(out, "0x%02x", c);
        sb_addf(out, " '%c'", isprint(c) ? c : '.');
    } else if (t->is_signed) {
        sb_addf(out, "0n%lld", (long long)n.u);
    } else {
        sb_addf(out, "0x%llx", (unsigned long long)n.u);
    }
    return 0;
}

int cx_format(const struct cx_env *env, const struct cx_value *v, struct strbuf *out,
              struct lerr *e)
{
    return format(env, v, 1, out, e);
}

int cx_format_bare(const struct cx_env *env, const struct cx_value *v, struct strbuf *out,
                   struct lerr *e)
{
    return format(env, v, 0, out, e);
}

int cx_convert_to(const struct cx_env *env, const struct cx_value *v, const struct cx_type *to,
                  uint8_t out[16], struct lerr *e)
{
    if (!cx_is_scalar(to))
        return cx_type_error(e, "cannot assign to", to);
    struct cx_num n;
    const struct cx_type *from = v->type;
    if (cx_is_scalar(v->type)) {
        if (cx_load(env, v, 0, &n, e) < 0)
            return -1;
    } else {
        /* an array or a function stands for its address, as C decays it */
        memset(&n, 0, sizeof n);
        if (cx_value_u64(env, v, &n.u, e) < 0)
            return -1;
        from = &cx_t_ulong;
    }
    struct cx_value r;
    cx_make(&r, (struct cx_type *)to, cx_convert(n, from, to));
    memcpy(out, r.bytes, 16);
    return 0;
}
