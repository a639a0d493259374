/* The alias table and the expansion of a command line (cmd/alias.c), by
 * WinDbg's rules: ${} forms anywhere, bare names only between blanks, no
 * expansion of a line that starts with an alias command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmd/alias.h"

static void check(const struct alias_table *t, const char *line, const char *want)
{
    char *got = alias_expand(t, line);
    assert_string_equal(got, want);
    free(got);
}

static void test_table(void **state)
{
    (void)state;
    struct alias_table t = {0};
    alias_set(&t, "b", "2");
    alias_set(&t, "a", "1");
    alias_set(&t, "c", "3");
    alias_set(&t, "b", "two");
    assert_int_equal(t.n, 3);
    assert_string_equal(t.v[0].name, "a"); /* al lists them sorted */
    assert_string_equal(t.v[1].name, "b");
    assert_string_equal(alias_get(&t, "b"), "two");
    assert_null(alias_get(&t, "d"));
    assert_int_equal(alias_del(&t, "b"), 0);
    assert_int_equal(alias_del(&t, "b"), -1);
    assert_null(alias_get(&t, "b"));
    assert_string_equal(alias_get(&t, "c"), "3");
    alias_clear(&t);
    assert_int_equal(t.n, 0);
    assert_null(alias_get(&t, "a"));
}

static void test_names(void **state)
{
    (void)state;
    assert_true(alias_name_ok("Foo"));
    assert_true(alias_name_ok("a"));
    assert_true(alias_name_ok("ax"));
    assert_false(alias_name_ok(""));
    assert_false(alias_name_ok("a b"));
    assert_false(alias_name_ok("alpha")); /* al, as, aS, ad: the commands */
    assert_false(alias_name_ok("asdf"));
    assert_false(alias_name_ok("aSx"));
    assert_false(alias_name_ok("adx"));
}

static void test_expand(void **state)
{
    (void)state;
    struct alias_table t = {0};
    check(&t, ".echo Foo ${Foo}", ".echo Foo ${Foo}");
    alias_set(&t, "Foo", "bar");
    alias_set(&t, "Addr", "0x1000");
    /* bare names only when blanks (or ; { }) separate them */
    check(&t, ".echo Foo", ".echo bar");
    check(&t, "Foo", "bar");
    check(&t, ".echo Foox xFoo Foo;Foo", ".echo Foox xFoo bar;bar");
    check(&t, ".block{.echo Foo}", ".block{.echo Foo}"); /* when the block runs */
    check(&t, ".block{ .echo Foo }", ".block{ .echo bar }");
    check(&t, "bp Addr", "bp 0x1000");
    /* ${} anywhere, with its switches */
    check(&t, ".echo x${Foo}y", ".echo xbary");
    check(&t, "${/d:Foo}${/d:Nope}", "10");
    check(&t, "[${/f:Foo}][${/f:Nope}]", "[bar][]");
    check(&t, "${/n:Foo} ${/n:Nope}", "Foo ${/n:Nope}");
    check(&t, "${/v:Foo}", "${/v:Foo}");
    check(&t, "${Nope} ${Foo", "${Nope} ${Foo");
    /* one pass: an equivalent is not expanded again */
    alias_set(&t, "Loop", "Loop Foo");
    check(&t, "Loop", "Loop Foo");
    /* a line that starts with an alias command is left alone */
    check(&t, "ad Foo", "ad Foo");
    check(&t, "as Foo Foo", "as Foo Foo");
    check(&t, "aS Foo ${Foo}", "aS Foo ${Foo}");
    check(&t, "al", "al");
    check(&t, "r; ad Foo", "r; ad bar");
    check(&t, " ad Foo", " ad bar"); /* only with nothing before it */
    alias_clear(&t);
    /* $u0..$u9: anywhere, empty when not set, blanks around dropped */
    alias_set_fixed(&t, 0, "  da x; ? 1  ");
    check(&t, "$u0", "da x; ? 1");
    check(&t, "[$u0][$u1]", "[da x; ? 1][]");
    check(&t, "$ubound", "$ubound");
    /* Rust legacy mangling: $u7b$ is '{', $u20$ a blank: left alone */
    check(&t, "$u7b$", "$u7b$");
    check(&t, "_ZN4core3fmt$u7b$$u7b$closure$u7d$$u7d$E", "_ZN4core3fmt$u7b$$u7b$closure$u7d$$u7d$E");
    check(&t, "$u0$", "$u0$");
    check(&t, "$u0 x", "da x; ? 1 x");
    alias_free(&t);
    assert_null(t.fixed[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_expand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
