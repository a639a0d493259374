/* Fuzz target: the C expression evaluator (??), with a fake environment:
 * variables of every kind of type (int, double, char *, an array, a
 * struct with a bitfield, a pointer to it, a register value), a struct
 * type by name, 4 KiB of fake memory at 0x1000, a MASM part. Each input
 * is evaluated, formatted as ?? does and turned into a number as @@c++. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr/cexpr.h"

static uint8_t mem[4096];

static struct cx_type t_int = {CX_INT, 4, 1, 0, 0, "int", NULL, 0, NULL};
static struct cx_type t_char = {CX_INT, 1, 1, 1, 0, "char", NULL, 0, NULL};
static struct cx_type t_double = {CX_FLOAT, 8, 1, 0, 0, "double", NULL, 0, NULL};
static struct cx_type t_enum = {CX_ENUM, 4, 0, 0, 0, "enum e", NULL, 0, NULL};
static struct cx_type t_s = {CX_STRUCT, 16, 0, 0, 0, "struct s", NULL, 0, NULL};
static struct cx_type t_sp = {CX_PTR, 8, 0, 0, 0, NULL, &t_s, 0, NULL};
static struct cx_type t_arr = {CX_ARRAY, 64, 0, 0, 0, NULL, &t_s, 4, NULL};
static struct cx_type t_cp = {CX_PTR, 8, 0, 0, 0, NULL, &t_char, 0, NULL};
static struct cx_type t_vp = {CX_PTR, 8, 0, 0, 0, NULL, NULL, 0, NULL};

static int lookup(void *ctx, struct cx_arena *a, const char *name, struct cx_value *out,
                  struct lerr *e)
{
    (void)ctx;
    (void)a;
    static const struct {
        const char *n;
        struct cx_type *t;
        uint64_t addr;
    } vars[] = {{"i", &t_int, 0x1000}, {"d", &t_double, 0x1008}, {"s", &t_cp, 0x1010},
                {"a", &t_arr, 0x1100}, {"p", &t_sp, 0x1018}, {"v", &t_vp, 0x1020},
                {"m", &t_enum, 0x1028}, {"r", &t_s, 0}};
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++) {
        if (strcmp(vars[k].n, name) != 0)
            continue;
        out->type = vars[k].t;
        out->lval = vars[k].addr != 0;
        out->addr = vars[k].addr;
        memset(out->bytes, 0x41, 16);
        return 1;
    }
    if (!strcmp(name, "bad"))
        return lerr_set(e, "Memory access error at 'bad': <optimized out>");
    return 0;
}

static int reg(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    (void)e;
    if (len == 3 && !memcmp(name, "rax", 3)) {
        *v = 0x1100;
        return 1;
    }
    return 0;
}

static int find_type(void *ctx, struct cx_arena *a, const char *name, struct cx_type **out)
{
    (void)ctx;
    (void)a;
    if (!strcmp(name, "struct s") || !strcmp(name, "S")) {
        *out = &t_s;
        return 1;
    }
    return 0;
}

static int member(void *ctx, struct cx_arena *a, const struct cx_type *agg, const char *name,
                  struct cx_member *out)
{
    (void)ctx;
    (void)a;
    memset(out, 0, sizeof *out);
    if (agg != &t_s)
        return 0;
    if (!strcmp(name, "x") || !strcmp(name, "y")) {
        out->type = &t_int;
        out->off = name[0] == 'x' ? 0 : 4;
    } else if (!strcmp(name, "next")) {
        out->type = &t_sp;
        out->off = 8;
    } else if (!strcmp(name, "bits")) {
        out->type = &t_int;
        out->bit_off = 61;
        out->bit_size = 5;
    } else {
        return 0;
    }
    return 1;
}

static int rd(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < 0x1000 || len > sizeof mem || addr - 0x1000 > sizeof mem - len)
        return -1;
    memcpy(buf, mem + (addr - 0x1000), len);
    return 0;
}

static const char *enum_name(void *ctx, const struct cx_type *t, int64_t v)
{
    (void)ctx;
    (void)t;
    return v == 0 ? "ZERO" : NULL;
}

static int masm(void *ctx, const char *s, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    (void)s;
    if (len > 3)
        return lerr_set(e, "Syntax error");
    *v = len;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 2048)
        return 0;
    for (size_t k = 0; k < sizeof mem; k++)
        mem[k] = (uint8_t)(k * 13 + 7);
    uint64_t self = 0x1100;
    memcpy(mem + 0x18, &self, 8); /* p points into a */
    struct cx_env env = {NULL, lookup, reg, find_type, member, rd, enum_name, masm};
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    struct cx_arena a = {0};
    struct cx_value v;
    struct lerr e;
    const char *end;
    if (cx_eval(&env, &a, text, &end, &v, &e) == 0) {
        if (end < text || end > text + strlen(text))
            abort(); /* end must point into the text */
        struct strbuf sb;
        sb_init(&sb);
        cx_format(&env, &v, &sb, &e);
        cx_format_bare(&env, &v, &sb, &e);
        sb_free(&sb);
        uint64_t u;
        cx_value_u64(&env, &v, &u, &e);
    }
    cx_close_paren(text);
    cx_arena_free(&a);
    free(text);
    return 0;
}
