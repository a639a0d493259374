/* The C expression evaluator over a fake environment: a few variables of
 * known types in 256 bytes of fake memory, struct types with members
 * (bitfields too), a register and a MASM part. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "expr/cexpr.h"

#define BASE 0x1000
static uint8_t mem[256];

static struct cx_type t_int = {CX_INT, 4, 1, 0, 0, "int", NULL, 0, NULL};
static struct cx_type t_uint = {CX_INT, 4, 0, 0, 0, "unsigned int", NULL, 0, NULL};
static struct cx_type t_char = {CX_INT, 1, 1, 1, 0, "char", NULL, 0, NULL};
static struct cx_type t_double = {CX_FLOAT, 8, 1, 0, 0, "double", NULL, 0, NULL};
static struct cx_type t_point = {CX_STRUCT, 8, 0, 0, 0, "struct point", NULL, 0, "point"};
static struct cx_type t_node = {CX_STRUCT, 48, 0, 0, 0, "struct node", NULL, 0, "node"};
static struct cx_type t_node_ptr = {CX_PTR, 8, 0, 0, 0, NULL, &t_node, 0, NULL};
static struct cx_type t_int4 = {CX_ARRAY, 16, 0, 0, 0, NULL, &t_int, 4, NULL};
static struct cx_type t_point3 = {CX_ARRAY, 24, 0, 0, 0, NULL, &t_point, 3, NULL};
static struct cx_type t_char_ptr = {CX_PTR, 8, 0, 0, 0, NULL, &t_char, 0, NULL};

static const struct {
    const char *name;
    struct cx_type *type;
    uint64_t addr; /* 0: a register value (-3) */
} vars[] = {
    {"n", &t_int, 0x1000},     {"arr", &t_int4, 0x1010},      {"pt", &t_point, 0x1020},
    {"node", &t_node, 0x1040}, {"p", &t_node_ptr, 0x1080},    {"d", &t_double, 0x1090},
    {"c", &t_char, 0x1098},    {"s", &t_char_ptr, 0x10a0},    {"r", &t_int, 0},
};

static int lookup(void *ctx, struct cx_arena *a, const char *name, struct cx_value *out,
                  struct lerr *e)
{
    (void)ctx;
    (void)a;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        if (strcmp(vars[i].name, name) != 0)
            continue;
        memset(out, 0, sizeof *out);
        out->type = vars[i].type;
        if (vars[i].addr) {
            out->lval = 1;
            out->addr = vars[i].addr;
        } else {
            int32_t v = -3;
            memcpy(out->bytes, &v, 4);
        }
        return 1;
    }
    if (!strcmp(name, "gone"))
        return lerr_set(e, "Memory access error at 'gone': <optimized out>");
    return 0;
}

static int find_type(void *ctx, struct cx_arena *a, const char *name, struct cx_type **out)
{
    (void)ctx;
    (void)a;
    if (!strcmp(name, "struct point") || !strcmp(name, "point")) {
        *out = &t_point;
        return 1;
    }
    if (!strcmp(name, "struct node") || !strcmp(name, "node_t")) {
        *out = &t_node;
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
    if (agg == &t_point && (!strcmp(name, "x") || !strcmp(name, "y"))) {
        out->type = &t_int;
        out->off = name[0] == 'x' ? 0 : 4;
        return 1;
    }
    if (agg != &t_node)
        return 0;
    if (!strcmp(name, "len")) {
        out->type = &t_uint;
        out->off = 0;
    } else if (!strcmp(name, "pts")) {
        out->type = &t_point3;
        out->off = 4;
    } else if (!strcmp(name, "next")) {
        out->type = &t_node_ptr;
        out->off = 32;
    } else if (!strcmp(name, "flag") || !strcmp(name, "level")) {
        out->type = name[0] == 'f' ? &t_uint : &t_int;
        out->bit_off = 40 * 8 + (name[0] == 'f' ? 0 : 1);
        out->bit_size = name[0] == 'f' ? 1 : 3;
    } else {
        return 0;
    }
    return 1;
}

static int rd(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < BASE || len > sizeof mem || addr - BASE > sizeof mem - len)
        return -1;
    memcpy(buf, mem + (addr - BASE), len);
    return 0;
}

static int reg(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    (void)e;
    if (len == 3 && !strncmp(name, "rax", 3)) {
        *v = 0x1040;
        return 1;
    }
    return 0;
}

static int masm(void *ctx, const char *s, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    if (len == 3 && !strncmp(s, "1+2", 3)) {
        *v = 3;
        return 0;
    }
    return lerr_set(e, "Syntax error in MASM");
}

static const struct cx_env env = {NULL, lookup, reg, find_type, member, rd, NULL, masm};

static void put32(uint64_t addr, uint32_t v) { memcpy(mem + (addr - BASE), &v, 4); }
static void put64(uint64_t addr, uint64_t v) { memcpy(mem + (addr - BASE), &v, 8); }

static int setup(void **state)
{
    (void)state;
    memset(mem, 0, sizeof mem);
    put32(0x1000, 5);
    for (int i = 0; i < 4; i++)
        put32(0x1010 + 4 * (uint64_t)i, (uint32_t)(10 * (i + 1)));
    put32(0x1020, 1);
    put32(0x1024, 2);
    put32(0x1040, 150);                 /* node.len */
    for (int i = 0; i < 3; i++) {       /* node.pts[i] = {i, -i} */
        put32(0x1044 + 8 * (uint64_t)i, (uint32_t)i);
        put32(0x1048 + 8 * (uint64_t)i, (uint32_t)-i);
    }
    put64(0x1060, 0x1040);              /* node.next = &node */
    mem[0x1068 - BASE] = 0x1 | (5 << 1); /* flag 1, level 5 (signed 3 bits: -3) */
    put64(0x1080, 0x1040);              /* p = &node */
    double d = 2.5;
    memcpy(mem + 0x90, &d, 8);
    mem[0x98] = 'a';
    put64(0x10a0, 0x10b0);              /* s = "hi" */
    memcpy(mem + 0xb0, "hi", 3);
    return 0;
}

/* The value of s as MASM sees it (signed), failing the test on error. */
static int64_t ev(const char *s)
{
    struct cx_arena a = {0};
    struct cx_value v;
    struct lerr e = {0};
    uint64_t u = 0;
    if (cx_eval_all(&env, &a, s, &v, &e) != 0 || cx_value_u64(&env, &v, &u, &e) != 0)
        fail_msg("'%s' failed: %s", s, e.msg);
    cx_arena_free(&a);
    return (int64_t)u;
}

/* The ?? line of s. */
static const char *fmt(const char *s)
{
    static char buf[256];
    struct cx_arena a = {0};
    struct cx_value v;
    struct lerr e = {0};
    struct strbuf sb;
    sb_init(&sb);
    if (cx_eval_all(&env, &a, s, &v, &e) != 0 || cx_format(&env, &v, &sb, &e) != 0)
        fail_msg("'%s' failed: %s", s, e.msg);
    snprintf(buf, sizeof buf, "%s", sb_str(&sb));
    sb_free(&sb);
    cx_arena_free(&a);
    return buf;
}

static const char *err_of(const char *s)
{
    static struct lerr e;
    struct cx_arena a = {0};
    struct cx_value v;
    uint64_t u;
    lerr_clear(&e);
    int rc = cx_eval_all(&env, &a, s, &v, &e);
    if (rc == 0)
        rc = cx_value_u64(&env, &v, &u, &e);
    cx_arena_free(&a);
    if (rc == 0)
        fail_msg("'%s' did not fail", s);
    return e.msg;
}

static void test_literals(void **state)
{
    (void)state;
    assert_int_equal(ev("1 + 2 * 3"), 7);
    assert_int_equal(ev("(1 + 2) * 3"), 9);
    assert_int_equal(ev("0x10 + 010 + 10"), 34);
    assert_string_equal(fmt("7"), "int 0n7");
    assert_string_equal(fmt("4294967295"), "long 0n4294967295");
    assert_string_equal(fmt("0xffffffff"), "unsigned int 0xffffffff");
    assert_string_equal(fmt("10u"), "unsigned int 0xa");
    assert_string_equal(fmt("10L"), "long 0n10");
    assert_string_equal(fmt("'a'"), "char 0n97 'a'");
    assert_int_equal(ev("'\\n'"), 10);
    assert_int_equal(ev("'\\x41'"), 65);
    assert_int_equal(ev("'\\101'"), 65);
    assert_string_equal(fmt("1.5f"), "float 1.5");
    assert_string_equal(fmt("1e3"), "double 1000");
    assert_string_equal(fmt(".25"), "double 0.25");
    assert_string_equal(fmt("0.1"), "double 0.10000000000000001"); /* as GDB */
    assert_string_equal(fmt("true"), "bool true");
    assert_string_equal(err_of("99999999999999999999"),
                        "Overflow error at '99999999999999999999': the number does not fit in 64 bits");
    assert_string_equal(err_of("12abc"), "Syntax error at '12abc': not a number");
}

static void test_conversions(void **state)
{
    (void)state;
    assert_string_equal(fmt("-1 < 0u"), "bool false");
    assert_string_equal(fmt("-1 < 0L"), "bool true");
    assert_string_equal(fmt("(unsigned char)300"), "unsigned char 0x2c ','");
    assert_string_equal(fmt("(short)70000"), "short 0n4464");
    assert_string_equal(fmt("0x7fffffff + 1"), "int 0n-2147483648");
    assert_string_equal(fmt("1u - 2"), "unsigned int 0xffffffff");
    assert_string_equal(fmt("1u - 2L"), "long 0n-1");
    assert_string_equal(fmt("c + 1"), "int 0n98");
    assert_string_equal(fmt("7 / 2"), "int 0n3");
    assert_string_equal(fmt("-7 / 2"), "int 0n-3");
    assert_string_equal(fmt("-7 % 3"), "int 0n-1");
    assert_string_equal(fmt("7 / 2.0"), "double 3.5");
    assert_string_equal(fmt("1.5f * 2"), "float 3");
    assert_string_equal(fmt("(int)-2.75"), "int 0n-2");
    assert_string_equal(fmt("(unsigned long)-1"), "unsigned long 0xffffffffffffffff");
    assert_string_equal(fmt("-1 >> 1"), "int 0n-1");
    assert_string_equal(fmt("0xffffffffu >> 4"), "unsigned int 0xfffffff");
    assert_string_equal(fmt("1L << 40"), "long 0n1099511627776");
    assert_string_equal(fmt("~0"), "int 0n-1");
    assert_string_equal(fmt("!5"), "bool false");
    assert_string_equal(fmt("(bool)256"), "bool true");
    assert_string_equal(fmt("(char)65"), "char 0n65 'A'");
    assert_string_equal(fmt("(6 & 3) | (8 ^ 1)"), "int 0n11");
}

static void test_variables(void **state)
{
    (void)state;
    assert_string_equal(fmt("n"), "int 0n5");
    assert_int_equal(ev("n * 2 - 1"), 9);
    assert_string_equal(fmt("r"), "int 0n-3"); /* a value in a register */
    assert_string_equal(fmt("d"), "double 2.5");
    assert_string_equal(fmt("d * n"), "double 12.5");
    assert_string_equal(fmt("s"), "char * 0x00000000`000010b0 \"hi\"");
    assert_int_equal(ev("s[1]"), 'i');
    assert_string_equal(fmt("@rax"), "unsigned long 0x1040");
    assert_string_equal(fmt("@@masm(1+2) * 2"), "unsigned long 0x6");
    assert_string_equal(fmt("@@c++(n + 1)"), "int 0n6");
    assert_string_equal(fmt("@@(1+2)"), "unsigned long 0x3"); /* @@ in C++ is MASM */
}

static void test_members_and_arrays(void **state)
{
    (void)state;
    assert_int_equal(ev("arr[2]"), 30);
    assert_int_equal(ev("2[arr]"), 30);
    assert_int_equal(ev("*(arr + 3)"), 40);
    assert_string_equal(fmt("&arr[3] - arr"), "long 0n3");
    assert_string_equal(fmt("arr + 1"), "int * 0x00000000`00001014");
    assert_string_equal(fmt("arr"), "int [4] 0x00000000`00001010");
    assert_int_equal(ev("arr"), 0x1010);
    assert_string_equal(fmt("&arr"), "int (*)[4] 0x00000000`00001010");
    assert_int_equal(ev("&arr + 1"), 0x1020); /* steps over the whole array */
    assert_int_equal(ev("pt.x + pt.y"), 3);
    assert_int_equal(ev("p->len"), 150);
    assert_int_equal(ev("(*p).len"), 150);
    assert_int_equal(ev("p->pts[2].y"), -2);
    assert_int_equal(ev("p->next->next->pts[1].x"), 1);
    assert_int_equal(ev("node.len"), 150);
    assert_int_equal(ev("p->flag"), 1);
    assert_int_equal(ev("p->level"), -3); /* 5 in a signed 3-bit field */
    assert_int_equal(ev("&node == p"), 1);
    assert_int_equal(ev("&p->pts[1]"), 0x104c);
    assert_int_equal(ev("(char *)&p->pts[1] - (char *)p"), 12);
    assert_string_equal(fmt("(struct point *)0x1234"), "struct point * 0x00000000`00001234");
    assert_string_equal(fmt("(node_t *)p"), "struct node * 0x00000000`00001040");
    assert_string_equal(fmt("*p"), "struct node 0x00000000`00001040");
    assert_int_equal(ev("(long)((struct point *)0 + 2)"), 16);
    assert_int_equal(ev("(void *)8 + 1"), 9); /* void * steps by 1 (GNU C) */
}

static void test_sizeof_logic_ternary(void **state)
{
    (void)state;
    assert_string_equal(fmt("sizeof(int)"), "unsigned long 0x4");
    assert_int_equal(ev("sizeof arr"), 16);
    assert_int_equal(ev("sizeof(arr) / sizeof arr[0]"), 4);
    assert_int_equal(ev("sizeof(struct point)"), 8);
    assert_int_equal(ev("sizeof(unsigned long long)"), 8);
    assert_int_equal(ev("sizeof(short int)"), 2);
    assert_int_equal(ev("sizeof(char *)"), 8);
    assert_int_equal(ev("sizeof p->pts"), 24);
    assert_int_equal(ev("sizeof(*(int *)0)"), 4); /* not evaluated */
    assert_int_equal(ev("sizeof(n)"), 4);
    assert_int_equal(ev("p->len > 100 && n == 5"), 1);
    assert_int_equal(ev("0 && *(int *)0"), 0); /* not evaluated */
    assert_int_equal(ev("1 || 1 / 0"), 1);
    assert_int_equal(ev("n ? 7 : *(int *)0"), 7);
    assert_int_equal(ev("!n ? *(int *)0 : -7"), -7);
    assert_string_equal(fmt("n ? 1 : 2.5"), "double 1");
    assert_int_equal(ev("n > 3 ? n < 4 ? 1 : 2 : 3"), 2);
    assert_int_equal(ev("!p"), 0);
    assert_int_equal(ev("p && p->len"), 1);
}

static void test_errors(void **state)
{
    (void)state;
    assert_string_equal(err_of("nosuch"), "Couldn't resolve error at 'nosuch'");
    assert_string_equal(err_of("gone + 1"), "Memory access error at 'gone': <optimized out>");
    assert_string_equal(err_of("1 +"), "Syntax error: the expression ends too early");
    assert_string_equal(err_of("(1"), "Syntax error: the expression ends too early");
    assert_string_equal(err_of("1 2"), "Syntax error at '2'");
    assert_string_equal(err_of("*(int *)0x10"), "Memory access error at 00000000`00000010");
    assert_string_equal(err_of("pt->x"), "Type error: '->' needs a pointer, not 'struct point'");
    assert_string_equal(err_of("p.len"), "Type error: '.' needs a struct, not 'struct node *'");
    assert_string_equal(err_of("p->zz"), "Couldn't resolve error at 'zz': struct node has no such member");
    assert_string_equal(err_of("n = 3"), "Type error at '= 3': ?? does not change variables");
    assert_string_equal(err_of("n++"), "Type error at '++': ?? does not change variables");
    assert_string_equal(err_of("f(1)"), "Couldn't resolve error at 'f'");
    assert_string_equal(err_of("n(1)"), "Type error at '(1)': function calls are not supported");
    assert_string_equal(err_of("1 / 0"), "Divide by zero error");
    assert_string_equal(err_of("(struct nope *)0"), "Couldn't resolve error at 'struct nope': no such type");
    assert_string_equal(err_of("&r"), "Type error: '&' needs a variable in memory (this value is in a register or computed)");
    assert_string_equal(err_of("pt + 1"), "Type error: operator needs numbers, not 'struct point'");
    assert_string_equal(err_of("d % 2"), "Type error: operator needs integers, not 'double'");
    assert_string_equal(err_of("*n"), "Type error: '*' needs a pointer, not 'int'");
    assert_string_equal(err_of("p + p"), "Type error: cannot add two pointers: 'struct node *'");
    assert_string_equal(err_of("(struct point)n"), "Type error: cannot cast to 'struct point'");
    assert_string_equal(err_of("sizeof(void)"), "Type error: sizeof of 'void'");
    assert_string_equal(err_of("@nope"), "Bad register error at '@nope'");
    assert_string_equal(err_of("@@masm(x)"), "Syntax error in MASM");
    assert_string_equal(err_of("\"str\""), "Type error: string literals are not supported");
    assert_string_equal(err_of("'ab'"), "Syntax error at ''ab'': no closing '");
    char deep[700];
    memset(deep, '(', 600);
    strcpy(deep + 600, "1");
    assert_string_equal(err_of(deep), "Syntax error: expression nested too deeply");
}

static void test_prefix(void **state)
{
    (void)state;
    /* cx_eval stops before what is not part of the expression (MASM's
     * @@c++(...) hands it the inside of the parentheses) */
    struct cx_arena a = {0};
    struct cx_value v;
    struct lerr e;
    const char *end;
    assert_int_equal(cx_eval(&env, &a, "n + 1) * 2", &end, &v, &e), 0);
    assert_string_equal(end, ") * 2");
    cx_arena_free(&a);
    assert_ptr_equal(cx_close_paren("(a[(1)] + ')') x"), "(a[(1)] + ')') x" + 13);
    assert_null(cx_close_paren("(a"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_literals, setup),
        cmocka_unit_test_setup(test_conversions, setup),
        cmocka_unit_test_setup(test_variables, setup),
        cmocka_unit_test_setup(test_members_and_arrays, setup),
        cmocka_unit_test_setup(test_sizeof_logic_ternary, setup),
        cmocka_unit_test_setup(test_errors, setup),
        cmocka_unit_test_setup(test_prefix, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
