/* WinDbg's string wildcards, as `x`, `lm m` and `bm` use them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sym/wildcard.h"

static int m(const char *pattern, const char *name)
{
    struct lerr e;
    struct wildcard *w = wildcard_compile(pattern, &e);
    if (!w)
        fail_msg("pattern '%s' refused: %s", pattern, e.msg);
    int r = wildcard_match(w, name);
    wildcard_free(w);
    return r;
}

static void test_basics(void **state)
{
    (void)state;
    assert_true(m("main", "main"));
    assert_true(m("MAIN", "main"));
    assert_false(m("main", "mains"));
    assert_true(m("mem*", "memcpy"));
    assert_true(m("mem*", "mem"));
    assert_true(m("*cpy", "memcpy"));
    assert_true(m("*", ""));
    assert_true(m("m?m*", "memset"));
    assert_false(m("m?m", "mm"));
    assert_true(m("*e*e*", "memset"));
    assert_false(m("*x*", "memset"));
}

static void test_sets_and_repeats(void **state)
{
    (void)state;
    assert_true(m("[a-c]at", "bat"));
    assert_false(m("[a-c]at", "rat"));
    assert_true(m("[^a-c]at", "rat"));
    assert_true(m("[!abc]at", "rat"));
    assert_true(m("x[0-9]#", "x"));
    assert_true(m("x[0-9]#", "x123"));
    assert_false(m("x[0-9]+", "x"));
    assert_true(m("x[0-9]+", "x1"));
    assert_true(m("ab#c", "ac"));
    assert_true(m("ab#c", "abbbc"));
    assert_true(m("ab+c", "abbc"));
    assert_false(m("ab+c", "ac"));
    assert_true(m("a?+z", "abcz"));
    assert_true(m("[-]x", "-x"));
}

static void test_leading_underscore(void **state)
{
    (void)state;
    assert_true(m("_start", "_start"));
    assert_true(m("_start", "__start"));
    assert_true(m("_start", "start"));
    assert_false(m("__start", "_start"));
    assert_true(m("__start", "__start"));
}

static void test_errors_and_cost(void **state)
{
    (void)state;
    struct lerr e;
    assert_null(wildcard_compile("[abc", &e));
    assert_non_null(strstr(e.msg, "without ']'"));
    assert_null(wildcard_compile("#abc", &e));
    assert_null(wildcard_compile("a*#", &e));
    assert_null(wildcard_compile("[z-a]", &e));
    assert_true(wildcard_is_literal("main"));
    assert_false(wildcard_is_literal("ma*"));
    /* a pattern that backtracking matchers take exponential time on */
    char name[4001];
    memset(name, 'a', 4000);
    name[4000] = '\0';
    assert_false(m("*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basics),
        cmocka_unit_test(test_sets_and_repeats),
        cmocka_unit_test(test_leading_underscore),
        cmocka_unit_test(test_errors_and_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
