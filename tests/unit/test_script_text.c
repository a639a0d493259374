/* The text of command programs: script arguments, joined lines, groups,
 * .foreach tokens and variables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmd/script_text.h"

static void check_args(const char *text, const char *want)
{
    char *argv[] = {"s.txt", "fx!work", "two words"};
    char *got = script_subst_args(text, argv, 3);
    assert_string_equal(got, want);
    free(got);
}

static void test_args(void **state)
{
    (void)state;
    check_args("bp ${$arg1} 5", "bp fx!work 5");
    check_args(".echo ${$arg0}:${$arg2}", ".echo s.txt:two words");
    /* an argument not given stays as it is, as in WinDbg */
    check_args("r ${$arg3} ${$arg10}", "r ${$arg3} ${$arg10}");
    check_args("${/d:$arg2} ${/d:$arg3}", "1 0");
    check_args("${$argx} ${alias} $ {", "${$argx} ${alias} $ {");
    check_args("", "");
}

static void test_join(void **state)
{
    (void)state;
    struct script_line *lines;
    size_t n;
    char *j = script_join_lines("* comment; r\n.if (1)\r\n{\n\n   r rax  \n}\n$$ c\nk", &lines, &n);
    assert_string_equal(j, ".if (1);{;r rax;};$$ c;k;");
    assert_int_equal(n, 6);
    assert_int_equal(lines[0].number, 2);
    assert_int_equal(lines[2].number, 5);
    assert_int_equal(script_line_of(lines, n, 0), 2);
    assert_int_equal(script_line_of(lines, n, (size_t)(strstr(j, "r rax") - j)), 5);
    assert_int_equal(script_line_of(lines, n, (size_t)(strstr(j, "k;") - j)), 8);
    free(lines);
    free(j);
    j = script_join_lines("", &lines, &n);
    assert_string_equal(j, "");
    assert_int_equal(n, 0);
    free(lines);
    free(j);
}

/* What $>< runs: comments gone, each at its own line's end. */
static void test_join_code(void **state)
{
    (void)state;
    struct script_line *lines;
    size_t n;
    char *j = script_join_code("r $t0 = 1; * set t0\n.echo next\n{\n  $$ a \"q } x\n"
                               ".echo \"$$ kept\"; $$ gone; r\n$$ c\n? 2*3\n",
                               &lines, &n);
    assert_string_equal(j, "r $t0 = 1;;.echo next;{;.echo \"$$ kept\"; ; r;? 2*3;");
    assert_int_equal(n, 5);
    assert_int_equal(lines[3].number, 5);
    assert_int_equal(script_line_of(lines, n, (size_t)(strstr(j, "? 2") - j)), 7);
    free(lines);
    free(j);
}

static void test_groups(void **state)
{
    (void)state;
    char *in = NULL;
    const char *rest = script_group(" ;{ a; { b } \"}\" } .else", '{', '}', &in);
    assert_non_null(rest);
    assert_string_equal(in, " a; { b } \"}\" ");
    assert_string_equal(rest, " .else");
    free(in);
    rest = script_group("(r $t0=0; (@$t0 < 3); r $t0=1) {", '(', ')', &in);
    assert_string_equal(in, "r $t0=0; (@$t0 < 3); r $t0=1");
    const char *s1 = script_next_semi(in);
    assert_string_equal(s1, "; (@$t0 < 3); r $t0=1");
    assert_string_equal(script_next_semi(s1 + 1), "; r $t0=1");
    assert_string_equal(script_next_semi("{a;b} \"c;d\""), "");
    free(in);
    assert_null(script_group("{ open", '{', '}', &in));
    assert_null(script_group("r", '{', '}', &in));
    assert_null(script_group("(a}", '(', ')', &in));
    assert_string_equal(script_skip_sep(" ; ;\t{"), "{");
}

static void test_tokens(void **state)
{
    (void)state;
    size_t n;
    char **t = script_tokens("  00005555`55558040  04030201`efbeadde\n\tx ", &n);
    assert_int_equal(n, 3);
    assert_string_equal(t[0], "00005555`55558040");
    assert_string_equal(t[2], "x");
    assert_null(t[3]);
    script_tokens_free(t);
    t = script_tokens(" \n", &n);
    assert_int_equal(n, 0);
    script_tokens_free(t);
}

static void test_var(void **state)
{
    (void)state;
    char *s = script_subst_var("dds place; .echo ${place}x (place) places place", "place", "10");
    /* whole words and ${place}; not inside other text, as in WinDbg */
    assert_string_equal(s, "dds 10; .echo 10x (place) places 10");
    free(s);
    s = script_subst_var("{m}", "m", "v");
    assert_string_equal(s, "{v}");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args),  cmocka_unit_test(test_join),
        cmocka_unit_test(test_join_code),
        cmocka_unit_test(test_groups), cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_var),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
