/* Command lines split into words as a shell does (.create). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/cmdline.h"

/* The words of s joined with '|', or "ERR" when refused. */
static const char *split(const char *s)
{
    static char out[256];
    struct lerr e;
    char **w = cmdline_split(s, &e);
    if (!w)
        return "ERR";
    out[0] = '\0';
    for (size_t i = 0; w[i]; i++) {
        if (i)
            strcat(out, "|");
        strcat(out, w[i]);
    }
    cmdline_free(w);
    return out;
}

static void test_words(void **state)
{
    (void)state;
    assert_string_equal(split("prog a b"), "prog|a|b");
    assert_string_equal(split("  prog\t a  "), "prog|a");
    assert_string_equal(split(""), "");
    assert_string_equal(split("   "), "");
}

static void test_quotes(void **state)
{
    (void)state;
    assert_string_equal(split("prog \"a b\" c"), "prog|a b|c");
    assert_string_equal(split("prog 'a \"b' c"), "prog|a \"b|c");
    assert_string_equal(split("prog x\"y z\"w"), "prog|xy zw");
    assert_string_equal(split("prog \"\""), "prog|");
    assert_string_equal(split("prog a\\ b"), "prog|a b");
    assert_string_equal(split("prog \"a\\\"b\""), "prog|a\"b");
    assert_string_equal(split("prog 'a\\b'"), "prog|a\\b");
}

static void test_open_quote(void **state)
{
    (void)state;
    assert_string_equal(split("prog \"a b"), "ERR");
    assert_string_equal(split("prog 'a"), "ERR");
    struct lerr e;
    assert_null(cmdline_split("x 'y", &e));
    assert_non_null(strstr(e.msg, "Syntax error"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_open_quote),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
