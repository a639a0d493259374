/* The MASM evaluator over a fake environment: registers, memory and
 * symbols come from tables in this file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "expr/expr.h"

static uint8_t memory[64];
#define MEM_BASE 0x1000

static int fake_reg(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    (void)e;
    if (len == 3 && !strncmp(name, "rax", 3)) { *v = 0x1122334455667788ULL; return 1; }
    if (len == 3 && !strncmp(name, "rsp", 3)) { *v = MEM_BASE; return 1; }
    if (len == 3 && !strncmp(name, "$t0", 3)) { *v = 7; return 1; }
    if (len == 3 && !strncmp(name, "bad", 3)) return lerr_set(e, "register read failed");
    return 0;
}

static int fake_sym(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    if (len == 9 && !strncmp(name, "demo!main", 9)) { *v = 0x555555555149ULL; return 1; }
    if (len == 4 && !strncmp(name, "main", 4)) { *v = 0x555555555149ULL; return 1; }
    if (len == 3 && !strncmp(name, "add", 3)) { *v = 0x4242; return 1; }
    if (len == 4 && !strncmp(name, "dupe", 4)) return lerr_set(e, "Ambiguous symbol 'dupe'");
    return 0;
}

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < MEM_BASE || addr + len > MEM_BASE + sizeof memory)
        return -1;
    memcpy(buf, memory + (addr - MEM_BASE), len);
    return 0;
}

static struct expr_env env = {NULL, 16, fake_reg, fake_sym, fake_read};

static uint64_t ev(const char *s)
{
    uint64_t v = 0;
    struct lerr e = {0};
    int rc = expr_eval_all(&env, s, &v, &e);
    if (rc != 0)
        fail_msg("'%s' failed: %s", s, e.msg);
    return v;
}

static const char *err_of(const char *s)
{
    static struct lerr e;
    uint64_t v;
    lerr_clear(&e);
    assert_int_equal(expr_eval_all(&env, s, &v, &e), -1);
    return e.msg;
}

static void test_numbers(void **state)
{
    (void)state;
    assert_int_equal(ev("10"), 16);
    assert_int_equal(ev("0x10"), 16);
    assert_int_equal(ev("0n10"), 10);
    assert_int_equal(ev("0t10"), 8);
    assert_int_equal(ev("0y1010"), 10);
    assert_int_equal(ev("00007ffd`12345678"), 0x7ffd12345678ULL);
    assert_int_equal(ev("ffffffff`ffffffff"), UINT64_MAX);
    assert_int_equal(ev("dead"), 0xdead); /* hex digits win over symbols */
    assert_int_equal(ev("  1f  "), 0x1f);
    /* a number that does not fit in 64 bits is an error, not a wrapped value */
    assert_int_equal(ev("0n18446744073709551615"), UINT64_MAX);
    assert_string_equal(err_of("0n18446744073709551616"),
                        "Overflow error at '0n18446744073709551616': the number does not fit in 64 bits");
    assert_string_equal(err_of("0x1ffffffffffffffff"),
                        "Overflow error at '0x1ffffffffffffffff': the number does not fit in 64 bits");
    assert_string_equal(err_of("1`ffffffff`ffffffff"),
                        "Overflow error at '1`ffffffff`ffffffff': the number does not fit in 64 bits");
    assert_string_equal(err_of("1+10000000000000000"),
                        "Overflow error at '10000000000000000': the number does not fit in 64 bits");
}

static void test_radix(void **state)
{
    (void)state;
    env.radix = 10;
    assert_int_equal(ev("10"), 10);
    assert_int_equal(ev("0x10"), 16);
    assert_string_equal(err_of("1f"), "Syntax error at '1f'");
    env.radix = 8;
    assert_int_equal(ev("17"), 15);
    env.radix = 16;
}

static void test_precedence(void **state)
{
    (void)state;
    assert_int_equal(ev("2+3*4"), 14);
    assert_int_equal(ev("(2+3)*4"), 20);
    assert_int_equal(ev("10-2-3"), 0xb);
    assert_int_equal(ev("1+2==3"), 1);
    assert_int_equal(ev("1 << 4 + 1"), 0x20);
    assert_int_equal(ev("4 or 2 and 1"), 4);
    assert_int_equal(ev("2 xor 3 and 1"), 3);
    assert_int_equal(ev("6 | 1 ^ 3 & 2"), 6 | (1 ^ (3 & 2)));
    assert_int_equal(ev("-2*3"), (uint64_t)-6);
    assert_int_equal(ev("~0"), UINT64_MAX);
    assert_int_equal(ev("!5"), 0);
    assert_int_equal(ev("not 0"), 1);
}

static void test_operators(void **state)
{
    (void)state;
    assert_int_equal(ev("7 % 3"), 1);
    assert_int_equal(ev("7 mod 3"), 1);
    assert_int_equal(ev("-7 / 2"), (uint64_t)-3);
    assert_int_equal(ev("-8 >> 1"), (uint64_t)-4);
    assert_int_equal(ev("-8 >>> 3c"), 0xf);
    assert_int_equal(ev("1 << 40"), 0); /* 0x40 = 64 */
    assert_int_equal(ev("-1 < 0"), 1);
    assert_int_equal(ev("3 >= 3"), 1);
    assert_int_equal(ev("3 != 3"), 0);
    assert_int_equal(ev("3 = 3"), 1);
    assert_int_equal(ev("hi 12345678"), 0x1234);
    assert_int_equal(ev("low 12345678"), 0x5678);
    assert_int_equal(ev("8000000000000000 / -1"), 0x8000000000000000ULL);
}

static void test_registers_and_symbols(void **state)
{
    (void)state;
    assert_int_equal(ev("@rax"), 0x1122334455667788ULL);
    assert_int_equal(ev("$t0 + 1"), 8);
    assert_int_equal(ev("@$t0"), 7);
    assert_int_equal(ev("main+0x10"), 0x555555555159ULL);
    assert_int_equal(ev("demo!main"), 0x555555555149ULL);
    assert_int_equal(ev("!add"), 0x4242); /* '!' forces a symbol */
    assert_int_equal(ev("rax"), 0x1122334455667788ULL); /* not a symbol */
    assert_string_equal(err_of("@nosuch"), "Bad register error at '@nosuch'");
    assert_string_equal(err_of("nosuch"), "Couldn't resolve error at 'nosuch'");
    assert_string_equal(err_of("dupe"), "Ambiguous symbol 'dupe'");
    assert_string_equal(err_of("@bad"), "register read failed");
}

static void test_memory(void **state)
{
    (void)state;
    for (unsigned i = 0; i < sizeof memory; i++)
        memory[i] = (uint8_t)(i + 1);
    assert_int_equal(ev("by(@rsp)"), 1);
    assert_int_equal(ev("wo(@rsp)"), 0x0201);
    assert_int_equal(ev("dwo(@rsp+1)"), 0x05040302);
    assert_int_equal(ev("qwo(@rsp)"), 0x0807060504030201ULL);
    assert_int_equal(ev("poi @rsp"), 0x0807060504030201ULL);
    assert_int_equal(ev("by(@rsp)+by(@rsp+1)"), 3);
    assert_string_equal(err_of("poi(0)"), "Memory access error at 00000000`00000000");
    assert_string_equal(err_of("poi(103f)"), "Memory access error at 00000000`0000103f");
}

static void test_errors(void **state)
{
    (void)state;
    assert_string_equal(err_of("1/0"), "Divide by zero error at ''");
    assert_string_equal(err_of("1 mod 0"), "Divide by zero error at ''");
    assert_string_equal(err_of(""), "Numeric expression missing from ''");
    assert_string_equal(err_of("1 +"), "Numeric expression missing from ''");
    assert_string_equal(err_of("(1"), "Syntax error at ''");
    assert_string_equal(err_of("1)"), "Syntax error at ')'");
    assert_string_equal(err_of("2 3"), "Syntax error at '3'");
    assert_string_equal(err_of("#"), "Syntax error at '#'");
    assert_string_equal(err_of("0x"), "Syntax error at '0x'");
    /* deep nesting is refused, not a stack overflow */
    char deep[4000];
    memset(deep, '(', sizeof deep - 1);
    deep[sizeof deep - 1] = '\0';
    assert_string_equal(err_of(deep), "Syntax error: expression nested too deeply");
}

static void test_prefix_evaluation(void **state)
{
    (void)state;
    const char *end;
    uint64_t v;
    struct lerr e;
    /* stops at an operand that no operator joins: `db 1000 L8` */
    assert_int_equal(expr_eval(&env, "1000 L8", &end, &v, &e), 0);
    assert_int_equal(v, 0x1000);
    assert_string_equal(end, " L8");
    assert_int_equal(expr_eval(&env, "1000 + 8 2000", &end, &v, &e), 0);
    assert_int_equal(v, 0x1008);
    assert_string_equal(end, " 2000");
    assert_int_equal(expr_eval(&env, "5;r", &end, &v, &e), 0);
    assert_string_equal(end, ";r");
}

/* @@c++(...) and @@(...) hand the text inside the parentheses to the C++
 * evaluator (a fake one here: the text's length); @@masm(...) stays. */
static int fake_cexpr(void *ctx, const char *s, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    if (memchr(s, '!', len))
        return lerr_set(e, "Couldn't resolve error at '%.*s'", (int)len, s);
    *v = len;
    return 0;
}

static void test_cpp_parts(void **state)
{
    (void)state;
    struct expr_env cenv = env;
    cenv.cexpr = fake_cexpr;
    uint64_t v;
    struct lerr e;
    assert_int_equal(expr_eval_all(&cenv, "@@c++(p->x) + 1", &v, &e), 0);
    assert_int_equal(v, 4 + 1);
    assert_int_equal(expr_eval_all(&cenv, "@@(a[(1)] + ')') * 2", &v, &e), 0);
    assert_int_equal(v, 12 * 2);
    assert_int_equal(expr_eval_all(&cenv, "@@C++(ab)", &v, &e), 0);
    assert_int_equal(v, 2);
    assert_int_equal(expr_eval_all(&cenv, "@@masm(10 + 1)", &v, &e), 0);
    assert_int_equal(v, 0x11);
    assert_int_equal(expr_eval_all(&cenv, "@@c++(x!y)", &v, &e), -1);
    assert_string_equal(e.msg, "Couldn't resolve error at 'x!y'");
    assert_int_equal(expr_eval_all(&cenv, "@@c++(p->x", &v, &e), -1);
    assert_string_equal(e.msg, "Syntax error at '@@c++(p->x': no closing ')'");
    assert_string_equal(err_of("@@c++(1)"), "Syntax error at '@@c++(1)': no C++ evaluator here");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_radix),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_registers_and_symbols),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_prefix_evaluation),
        cmocka_unit_test(test_cpp_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
