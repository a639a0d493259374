/* The adapter's values and references without a target: values of known
 * types in fake memory formatted as GDB writes them, what expands, the
 * child expressions, and the reference table's numbers and lifetime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dap/dap_vars.h"

#define BASE 0x1000
static uint8_t mem[1024];

static struct cx_type t_int = {CX_INT, 4, 1, 0, 0, "int", NULL, 0, NULL};
static struct cx_type t_uint = {CX_INT, 4, 0, 0, 0, "unsigned int", NULL, 0, NULL};
static struct cx_type t_char = {CX_INT, 1, 1, 1, 0, "char", NULL, 0, NULL};
static struct cx_type t_uchar = {CX_INT, 1, 0, 1, 0, "unsigned char", NULL, 0, NULL};
static struct cx_type t_bool = {CX_INT, 1, 0, 0, 1, "_Bool", NULL, 0, NULL};
static struct cx_type t_double = {CX_FLOAT, 8, 1, 0, 0, "double", NULL, 0, NULL};
static struct cx_type t_float = {CX_FLOAT, 4, 1, 0, 0, "float", NULL, 0, NULL};
static struct cx_type t_enum = {CX_ENUM, 4, 1, 0, 0, "enum mode", NULL, 0, "mode"};
static struct cx_type t_point = {CX_STRUCT, 8, 0, 0, 0, "struct point", NULL, 0, "point"};
static struct cx_type t_point_ptr = {CX_PTR, 8, 0, 0, 0, NULL, &t_point, 0, NULL};
static struct cx_type t_int_ptr = {CX_PTR, 8, 0, 0, 0, NULL, &t_int, 0, NULL};
static struct cx_type t_void_ptr = {CX_PTR, 8, 0, 0, 0, NULL, NULL, 0, NULL};
static struct cx_type t_char_ptr = {CX_PTR, 8, 0, 0, 0, NULL, &t_char, 0, NULL};
static struct cx_type t_int4 = {CX_ARRAY, 16, 0, 0, 0, NULL, &t_int, 4, NULL};
static struct cx_type t_int12 = {CX_ARRAY, 48, 0, 0, 0, NULL, &t_int, 12, NULL};
static struct cx_type t_char8 = {CX_ARRAY, 8, 0, 0, 0, NULL, &t_char, 8, NULL};

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < BASE || addr + len > BASE + sizeof mem)
        return -1;
    memcpy(buf, mem + (addr - BASE), len);
    return 0;
}

static const char *enum_name(void *ctx, const struct cx_type *t, int64_t v)
{
    (void)ctx;
    (void)t;
    return v == 7 ? "MODE_FAST" : v == 0 ? "MODE_OFF" : NULL;
}

static struct cx_env env = {.read = fake_read, .enum_name = enum_name};

static void put(uint64_t addr, const void *v, size_t len) { memcpy(mem + (addr - BASE), v, len); }

static struct cx_value at(struct cx_type *t, uint64_t addr)
{
    struct cx_value v = {.type = t, .lval = 1, .addr = addr};
    return v;
}

/* The value's text; the returned buffer is static. */
static const char *fmt(struct cx_value v)
{
    static char buf[512];
    struct strbuf sb;
    sb_init(&sb);
    dapv_format(&env, &v, &sb);
    snprintf(buf, sizeof buf, "%s", sb_str(&sb));
    sb_free(&sb);
    return buf;
}

static void test_integers(void **state)
{
    (void)state;
    int32_t n = -42;
    uint32_t u = 4000000000u;
    put(0x1000, &n, 4);
    put(0x1004, &u, 4);
    assert_string_equal(fmt(at(&t_int, 0x1000)), "-42");
    assert_string_equal(fmt(at(&t_uint, 0x1004)), "4000000000");
    uint8_t c = 'h', z = 0, nl = '\n', hi = 200, one = 1;
    put(0x1008, &c, 1);
    put(0x1009, &z, 1);
    put(0x100a, &nl, 1);
    put(0x100b, &hi, 1);
    put(0x100c, &one, 1);
    assert_string_equal(fmt(at(&t_char, 0x1008)), "104 'h'");
    assert_string_equal(fmt(at(&t_char, 0x1009)), "0 '\\000'");
    assert_string_equal(fmt(at(&t_char, 0x100a)), "10 '\\n'");
    assert_string_equal(fmt(at(&t_uchar, 0x100b)), "200 '\\310'");
    assert_string_equal(fmt(at(&t_char, 0x100b)), "-56 '\\310'");
    assert_string_equal(fmt(at(&t_bool, 0x100c)), "true");
    assert_string_equal(fmt(at(&t_bool, 0x1009)), "false");
    /* a register value: its bytes */
    struct cx_value r = {.type = &t_int};
    int32_t m3 = -3;
    memcpy(r.bytes, &m3, 4);
    assert_string_equal(fmt(r), "-3");
    /* a bitfield: 5 signed bits at bit 4 holding -3 */
    struct cx_type sbf = t_int;
    uint16_t bits = (uint16_t)((0x1d & 0x1f) << 4);
    put(0x1010, &bits, 2);
    struct cx_value bf = {.type = &sbf, .lval = 1, .addr = 0x1010, .bit_off = 4, .bit_size = 5};
    assert_string_equal(fmt(bf), "-3");
}

static void test_floats_enums(void **state)
{
    (void)state;
    double d = 2.5, tenth = 0.1;
    float f = 1.5f;
    int32_t e7 = 7, e3 = 3;
    put(0x1020, &d, 8);
    put(0x1028, &tenth, 8);
    put(0x1030, &f, 4);
    put(0x1034, &e7, 4);
    put(0x1038, &e3, 4);
    assert_string_equal(fmt(at(&t_double, 0x1020)), "2.5");
    assert_string_equal(fmt(at(&t_double, 0x1028)), "0.10000000000000001");
    assert_string_equal(fmt(at(&t_float, 0x1030)), "1.5");
    assert_string_equal(fmt(at(&t_enum, 0x1034)), "MODE_FAST");
    assert_string_equal(fmt(at(&t_enum, 0x1038)), "3");
}

static void test_pointers_strings(void **state)
{
    (void)state;
    const char text[] = "say \"hi\"\n";
    put(0x1100, text, sizeof text);
    uint64_t p = 0x1100, null = 0, bad = 0xdead0000;
    put(0x1040, &p, 8);
    put(0x1048, &null, 8);
    put(0x1050, &bad, 8);
    assert_string_equal(fmt(at(&t_char_ptr, 0x1040)), "0x1100 \"say \\\"hi\\\"\\n\"");
    assert_string_equal(fmt(at(&t_char_ptr, 0x1048)), "0x0");
    assert_string_equal(fmt(at(&t_char_ptr, 0x1050)),
                        "0xdead0000 <error: Memory access error at 0xdead0000>");
    assert_string_equal(fmt(at(&t_void_ptr, 0x1040)), "0x1100");
    assert_string_equal(fmt(at(&t_point_ptr, 0x1040)), "0x1100");
    /* the pointer itself unreadable */
    const char *s = fmt(at(&t_int_ptr, 0x9000));
    assert_true(!strncmp(s, "<error: Memory access error", 27));
    /* a string cut at 200 characters, as GDB's print elements */
    memset(mem + 0x100, 'x', 300);
    mem[0x100 + 300] = 0;
    s = fmt(at(&t_char_ptr, 0x1040));
    assert_int_equal(strlen(s), strlen("0x1100 \"\"...") + 200);
    assert_true(strstr(s, "\"...") != NULL);
    memset(mem + 0x100, 0, 301);
}

static void test_aggregates(void **state)
{
    (void)state;
    int32_t v[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    put(0x1060, v, sizeof v);
    assert_string_equal(fmt(at(&t_int4, 0x1060)), "{1, 2, 3, 4}");
    assert_string_equal(fmt(at(&t_int12, 0x1060)), "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10...}");
    put(0x10a0, "head\0\0\0\0", 8);
    assert_string_equal(fmt(at(&t_char8, 0x10a0)), "\"head\"");
    put(0x10a0, "abcdefgh", 8); /* no NUL: every element */
    assert_string_equal(fmt(at(&t_char8, 0x10a0)), "\"abcdefgh\"");
    assert_string_equal(fmt(at(&t_point, 0x10a0)), "{...}");
    /* C's names of arrays of arrays, and of a pointer to one */
    struct cx_type row = {CX_ARRAY, 12, 0, 0, 0, NULL, &t_int, 3, NULL};
    struct cx_type grid = {CX_ARRAY, 24, 0, 0, 0, NULL, &row, 2, NULL};
    struct cx_type grid_ptr = {CX_PTR, 8, 0, 0, 0, NULL, &grid, 0, NULL};
    struct strbuf sb;
    sb_init(&sb);
    cx_type_name(&grid, &sb);
    assert_string_equal(sb_str(&sb), "int [2][3]");
    sb_reset(&sb);
    cx_type_name(&grid_ptr, &sb);
    assert_string_equal(sb_str(&sb), "int (*)[2][3]");
    sb_free(&sb);
    assert_string_equal(fmt(at(&grid, 0x1060)), "{...}");
    struct cx_value el;
    struct cx_value arr = at(&t_int4, 0x1060);
    assert_int_equal(dapv_element(&arr, 2, &el), 0);
    assert_int_equal(el.addr, 0x1068);
    assert_int_equal(dapv_element(&arr, 4, &el), -1);
}

static void test_expandable(void **state)
{
    (void)state;
    uint64_t n, p = 0x1100, null = 0, bad = 0xdead0000;
    put(0x1040, &p, 8);
    put(0x1048, &null, 8);
    put(0x1050, &bad, 8);
    assert_true(dapv_expandable(&env, &(struct cx_value){.type = &t_point, .lval = 1, .addr = 0x1100}, &n));
    assert_int_equal(n, 0);
    struct cx_value a = at(&t_int12, 0x1060);
    assert_true(dapv_expandable(&env, &a, &n));
    assert_int_equal(n, 12);
    a = at(&t_point_ptr, 0x1040);
    assert_true(dapv_expandable(&env, &a, &n));
    a = at(&t_int_ptr, 0x1040);
    assert_true(dapv_expandable(&env, &a, &n));
    a = at(&t_point_ptr, 0x1048); /* null */
    assert_false(dapv_expandable(&env, &a, &n));
    a = at(&t_point_ptr, 0x1050); /* points at nothing readable */
    assert_false(dapv_expandable(&env, &a, &n));
    a = at(&t_char_ptr, 0x1040); /* shown as text */
    assert_false(dapv_expandable(&env, &a, &n));
    a = at(&t_void_ptr, 0x1040);
    assert_false(dapv_expandable(&env, &a, &n));
    a = at(&t_int, 0x1000);
    assert_false(dapv_expandable(&env, &a, &n));
}

static void test_child_expr(void **state)
{
    (void)state;
    struct {
        const char *parent, *op, *member, *want;
    } cases[] = {
        {"rec", ".", "mid", "rec.mid"},
        {"rec.mid", ".", "in", "rec.mid.in"},
        {"rp", "->", "next", "rp->next"},
        {"rp->next", "->", "text", "rp->next->text"},
        {"a.scores", "[", "3", "a.scores[3]"},
        {"*pp", "->", "x", "(*pp)->x"},
        {"p + 1", "[", "0", "(p + 1)[0]"},
        {"ip", "*", NULL, "*ip"},
        {"p->q", "*", NULL, "*p->q"},
        {"(char *)x", "*", NULL, "*((char *)x)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = dapv_child_expr(cases[i].parent, cases[i].op, cases[i].member);
        assert_string_equal(s, cases[i].want);
        free(s);
    }
    assert_null(dapv_child_expr(NULL, ".", "x"));
}

static void test_table(void **state)
{
    (void)state;
    struct dapv_table t = {0};
    struct dapv_ref r = {.kind = DAPV_LOCALS, .frame_id = 3};
    assert_null(dapv_get(&t, 1));
    int first = dapv_add(&t, &r);
    assert_int_equal(first, 1);
    char name[] = "rec.mid";
    struct dapv_ref v = {.kind = DAPV_VALUE, .expr = name};
    for (int i = 2; i <= 200; i++)
        assert_int_equal(dapv_add(&t, &v), i);
    name[0] = 'X'; /* the table keeps its own copy */
    assert_string_equal(dapv_get(&t, 200)->expr, "rec.mid");
    assert_int_equal(dapv_get(&t, 1)->frame_id, 3);
    assert_null(dapv_get(&t, 0));
    assert_null(dapv_get(&t, -1));
    assert_null(dapv_get(&t, 201));
    /* the types of a stop live in the table's arena, and die with it */
    cx_alloc(&t.arena, 64);
    dapv_clear(&t);
    assert_null(dapv_get(&t, 1));
    assert_null(t.arena.head);
    /* numbers start small again after the target ran */
    assert_int_equal(dapv_add(&t, &r), 1);
    dapv_clear(&t);
    free(t.refs);
}

/* setVariable's conversion: C's assignment conversions to the target's
 * type, arrays decaying to their address, aggregates refused */
static void test_convert(void **state)
{
    (void)state;
    uint8_t out[16];
    struct lerr e;
    struct cx_value d = {.type = &t_double};
    double v = -2.75;
    memcpy(d.bytes, &v, 8);
    assert_int_equal(cx_convert_to(&env, &d, &t_int, out, &e), 0);
    int32_t i;
    memcpy(&i, out, 4);
    assert_int_equal(i, -2);
    struct cx_value m1 = {.type = &t_int};
    int32_t minus1 = -1;
    memcpy(m1.bytes, &minus1, 4);
    assert_int_equal(cx_convert_to(&env, &m1, &t_uchar, out, &e), 0);
    assert_int_equal(out[0], 255);
    assert_int_equal(cx_convert_to(&env, &m1, &t_float, out, &e), 0);
    float f;
    memcpy(&f, out, 4);
    assert_true(f == -1.0f);
    struct cx_value arr = at(&t_int4, 0x1060);
    assert_int_equal(cx_convert_to(&env, &arr, &t_int_ptr, out, &e), 0);
    uint64_t p;
    memcpy(&p, out, 8);
    assert_int_equal(p, 0x1060);
    assert_int_equal(cx_convert_to(&env, &m1, &t_point, out, &e), -1);
    assert_non_null(strstr(e.msg, "cannot assign"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),     cmocka_unit_test(test_floats_enums),
        cmocka_unit_test(test_pointers_strings), cmocka_unit_test(test_aggregates),
        cmocka_unit_test(test_expandable),   cmocka_unit_test(test_child_expr),
        cmocka_unit_test(test_table),        cmocka_unit_test(test_convert),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
