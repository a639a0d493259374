/* .printf's format engine (cmd/printf_fmt.c) over a fake memory and
 * symbol table: each conversion, the sizes of integer arguments, strings
 * in both encodings, escapes, and the errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmd/printf_fmt.h"

#define BASE 0x1000
static uint8_t mem[64];

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len, size_t *got)
{
    (void)ctx;
    *got = 0;
    if (addr < BASE || addr >= BASE + sizeof mem)
        return -1;
    size_t off = (size_t)(addr - BASE), n = sizeof mem - off;
    if (n > len)
        n = len;
    memcpy(buf, mem + off, n);
    *got = n;
    return 0;
}

static int fake_symbol(void *ctx, uint64_t addr, char *buf, size_t size)
{
    (void)ctx;
    if (addr < 0x400000 || addr >= 0x400100)
        return -1;
    snprintf(buf, size, "prog!work+0x%llx", (unsigned long long)(addr - 0x400000));
    return 0;
}

/* a line for 0x400000..0x40000f only: the rest of work has none */
static int fake_line(void *ctx, uint64_t addr, char *buf, size_t size, int *line)
{
    (void)ctx;
    if (addr < 0x400000 || addr >= 0x400010)
        return -1;
    snprintf(buf, size, "/src/prog.c");
    *line = 40 + (int)(addr - 0x400000);
    return 0;
}

static const struct pfmt_ops ops = {NULL, fake_read, fake_symbol, fake_line};

static void check(const char *fmt, const uint64_t *args, size_t n, const char *want)
{
    struct lerr e = {0};
    char *got = pfmt_format(fmt, args, n, &ops, &e);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void check_error(const char *fmt, const uint64_t *args, size_t n, const char *want)
{
    struct lerr e = {0};
    assert_null(pfmt_format(fmt, args, n, &ops, &e));
    assert_non_null(strstr(e.msg, want));
}

static void test_integers(void **state)
{
    (void)state;
    uint64_t neg = (uint64_t)-42;
    check("%d %i %u", (uint64_t[]){neg, neg, neg}, 3, "-42 -42 4294967254");
    check("%x %X %o", (uint64_t[]){0xabcdef, 0xabcdef, 8}, 3, "abcdef ABCDEF 10");
    /* 32 bits unless ll or I64 (a Windows long is 32 bits) */
    check("%x|%lx|%llx|%I64x|%I64d", (uint64_t[]){0x123456789, 0x123456789, 0x123456789, 0x123456789, neg},
          5, "23456789|23456789|123456789|123456789|-42");
    check("%hx %hhx %hd", (uint64_t[]){0x12345, 0x1ff, 0xffff}, 3, "2345 ff -1");
    check("[%5d][%-5d][%05x][%+d][%#x]", (uint64_t[]){42, 42, 42, 42, 42}, 5,
          "[   42][42   ][0002a][+42][0x2a]");
    check("%c%c", (uint64_t[]){'o', 0x16b}, 2, "ok");
    check("100%%", NULL, 0, "100%");
}

static void test_pointers(void **state)
{
    (void)state;
    check("%p", (uint64_t[]){0x7ffd12345678}, 1, "00007ffd`12345678");
    check("%N", (uint64_t[]){0x7ffd1234abcd}, 1, "00007FFD1234ABCD");
    check("%y", (uint64_t[]){0x400010}, 1, "prog!work+0x10 (00000000`00400010)");
    check("%y", (uint64_t[]){0x500000}, 1, "00000000`00500000");
    /* %ly: the source line after, when there is one; %y never has it */
    check("%ly", (uint64_t[]){0x400002}, 1,
          "prog!work+0x2 (00000000`00400002) [/src/prog.c @ 42]");
    check("%ly", (uint64_t[]){0x400020}, 1, "prog!work+0x20 (00000000`00400020)");
    check("%y", (uint64_t[]){0x400002}, 1, "prog!work+0x2 (00000000`00400002)");
}

static void test_floats(void **state)
{
    (void)state;
    float f = 3.25f;
    uint32_t fb;
    memcpy(&fb, &f, sizeof fb);
    double d = -0.5;
    uint64_t db;
    memcpy(&db, &d, sizeof db);
    check("%.2f %lf", (uint64_t[]){fb, db}, 2, "3.25 -0.500000");
}

static void test_strings(void **state)
{
    (void)state;
    memset(mem, 0, sizeof mem);
    strcpy((char *)mem, "hello");
    /* UTF-16LE "hé" then U+1F600 as a surrogate pair */
    const uint8_t wide[] = {'h', 0, 0xe9, 0, 0x3d, 0xd8, 0x00, 0xde, 0, 0};
    memcpy(mem + 16, wide, sizeof wide);
    check("%ma|%s|%mu", (uint64_t[]){BASE, BASE + 1, BASE + 16}, 3, "hello|ello|h\xc3\xa9\xf0\x9f\x98\x80");
    check("[%7ma][%-7s][%.2ma]", (uint64_t[]){BASE, BASE, BASE}, 3, "[  hello][hello  ][he]");
    /* a string that runs into unreadable memory ends there */
    memset(mem, 'x', sizeof mem);
    check("%ma", (uint64_t[]){BASE + 60}, 1, "xxxx");
    check_error("%ma", (uint64_t[]){0}, 1, "Memory access error at 0x0");
    check_error("%mu", (uint64_t[]){0x9000}, 1, "Memory access error at 0x9000");
}

static void test_errors(void **state)
{
    (void)state;
    check_error("%d %d", (uint64_t[]){1}, 1, "needs more arguments");
    check_error("%q", (uint64_t[]){1}, 1, "unknown conversion '%q'");
    check_error("%m", (uint64_t[]){1}, 1, "unknown conversion");
    check_error("%*d", (uint64_t[]){1, 2}, 2, "'*'");
    check_error("%msa", (uint64_t[]){1}, 1, "Windows string structure");
    check_error("abc %", NULL, 0, "unknown conversion");
    /* widths and precisions are bounded: %.2147483647d would write 2 GB */
    check_error("%.2147483647d|", (uint64_t[]){1}, 1, "above 4096");
    check_error("%9999999d", (uint64_t[]){1}, 1, "above 4096");
    check_error("%4097s", (uint64_t[]){0x400000}, 1, "above 4096");
    check_error("%99999999999999999999x", (uint64_t[]){1}, 1, "above 4096");
    static char wide[4097];
    memset(wide, ' ', 4095);
    wide[4095] = '1';
    check("%4096d", (uint64_t[]){1}, 1, wide); /* the bound itself is allowed */
    /* more arguments than conversions: the rest is ignored */
    check("%d", (uint64_t[]){1, 2}, 2, "1");
}

static void test_unquote(void **state)
{
    (void)state;
    struct lerr e = {0};
    const char *p = "\"a\\tb\\n\\\"q\\\"\\\\ \\x41\", 5";
    char *s = pfmt_unquote(&p, &e);
    assert_non_null(s);
    assert_string_equal(s, "a\tb\n\"q\"\\ A");
    assert_string_equal(p, ", 5");
    free(s);
    p = "\"cut\\0here\" x";
    s = pfmt_unquote(&p, &e);
    assert_string_equal(s, "cut");
    assert_string_equal(p, " x");
    free(s);
    p = "\"open";
    assert_null(pfmt_unquote(&p, &e));
    assert_non_null(strstr(e.msg, "unterminated"));
    /* \x without a hex digit: an error, not a NUL that ends the string */
    p = "\"[ab\\xZ]\"";
    assert_null(pfmt_unquote(&p, &e));
    assert_non_null(strstr(e.msg, "Syntax error"));
    p = "\"\\x\"";
    assert_null(pfmt_unquote(&p, &e));
    p = "\"\\x4g\"";
    s = pfmt_unquote(&p, &e);
    assert_string_equal(s, "\x04g");
    free(s);
    p = "noquote";
    assert_null(pfmt_unquote(&p, &e));
    assert_non_null(strstr(e.msg, "Syntax error"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers), cmocka_unit_test(test_pointers),
        cmocka_unit_test(test_floats),   cmocka_unit_test(test_strings),
        cmocka_unit_test(test_errors),   cmocka_unit_test(test_unquote),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
