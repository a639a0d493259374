/* The command line lexer: splitting at ';', quotes, braces, thread
 * prefixes, command names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cmd/lexer.h"

static void check_split(const char *line, size_t n, const char *const *want)
{
    struct cmd_list l;
    struct lerr e;
    assert_int_equal(cmd_split(line, &l, &e), 0);
    assert_int_equal(l.n, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(l.cmds[i], want[i]);
    cmd_list_free(&l);
}

static void test_split(void **state)
{
    (void)state;
    check_split("r", 1, (const char *[]){"r"});
    check_split("  r ;  g  ", 2, (const char *[]){"r", "g"});
    check_split(";;", 0, NULL);
    check_split("", 0, NULL);
    check_split("bp main \"r; g\"; bl", 2, (const char *[]){"bp main \"r; g\"", "bl"});
    check_split(".echo \"a\\\";b\"; x", 2, (const char *[]){".echo \"a\\\";b\"", "x"});
    check_split(".if (1) { r; g } .else { k }; q", 2,
                (const char *[]){".if (1) { r; g } .else { k }", "q"});
    /* j owns the rest of its line: its branches hold ';' */
    check_split("j (@rax==5) 'r;g' ; 'gc'", 1, (const char *[]){"j (@rax==5) 'r;g' ; 'gc'"});
    check_split("r; j 1 'a;b' ; 'c'", 2, (const char *[]){"r", "j 1 'a;b' ; 'c'"});
    check_split("jx; y", 2, (const char *[]){"jx", "y"});
    /* as owns the rest of its line; aS ends at ';' unless quoted */
    check_split("as L r rax; r rbx", 1, (const char *[]){"as L r rax; r rbx"});
    check_split("aS P \"a;b\"; aS W one", 2, (const char *[]){"aS P \"a;b\"", "aS W one"});
    check_split("asx; y", 2, (const char *[]){"asx", "y"});
    check_split("r $.u0=a; b", 1, (const char *[]){"r $.u0=a; b"});
    check_split("r $t0=1; b", 2, (const char *[]){"r $t0=1", "b"});
}

/* $$ and * comments; what a joined script ($><) looks like; the commands
 * that own the rest of their line; where each command starts. */
static void test_split_scripts(void **state)
{
    (void)state;
    check_split("r eax; $$ some text; r ebx; * more text; r ecx", 2,
                (const char *[]){"r eax", "r ebx"});
    check_split("$$ {unbalanced \"text; r", 1, (const char *[]){"r"});
    check_split("* r; r", 0, NULL);
    check_split("  $$ only", 0, NULL);
    /* $$< and $$>a< are script commands, not comments */
    check_split("$$<a.txt; r", 2, (const char *[]){"$$<a.txt", "r"});
    check_split("$$>a<a.txt x y; r", 2, (const char *[]){"$$>a<a.txt x y", "r"});
    /* $<, $>< and ~e own the rest of the line */
    check_split("$<a;b.txt", 1, (const char *[]){"$<a;b.txt"});
    check_split("r; $><a;b.txt", 2, (const char *[]){"r", "$><a;b.txt"});
    check_split("~*e r rip; k", 1, (const char *[]){"~*e r rip; k"});
    check_split("~2e r; k; kd", 1, (const char *[]){"~2e r; k; kd"});
    check_split("~*k; r", 2, (const char *[]){"~*k", "r"});
    /* the parts of a control flow token on lines joined by ';' */
    check_split(".if (1);{;r;};.else;{;k;};g", 2,
                (const char *[]){".if (1);{;r;};.else;{;k;}", "g"});
    check_split(".do;{;r;};(@$t0 < 3);g", 2, (const char *[]){".do;{;r;};(@$t0 < 3)", "g"});
    check_split(".for (r $t0 = 0; @$t0 < 3; r $t0 = @$t0 + 1) { r }; g", 2,
                (const char *[]){".for (r $t0 = 0; @$t0 < 3; r $t0 = @$t0 + 1) { r }", "g"});
    check_split("r; .elsefoo", 2, (const char *[]){"r", ".elsefoo"});
    check_split("r; (1)", 1, (const char *[]){"r; (1)"});
    /* offsets into the line */
    struct cmd_list l;
    struct lerr e;
    assert_int_equal(cmd_split("r;  $$ c;  k", &l, &e), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.offs[0], 0);
    assert_int_equal(l.offs[1], 11);
    cmd_list_free(&l);
    assert_true(cmd_is_comment("  $$ x"));
    assert_true(cmd_is_comment("* x"));
    assert_false(cmd_is_comment("$$<x"));
    assert_false(cmd_is_comment("r"));
    assert_true(cmd_is_thread_e("e r rip"));
    assert_true(cmd_is_thread_e("e"));
    assert_false(cmd_is_thread_e("eb 1000 1"));
}

static void test_split_errors(void **state)
{
    (void)state;
    struct cmd_list l;
    struct lerr e;
    assert_int_equal(cmd_split(".echo \"open", &l, &e), -1);
    assert_non_null(strstr(e.msg, "unterminated string"));
    assert_int_equal(cmd_split(".if (1) { r", &l, &e), -1);
    assert_non_null(strstr(e.msg, "unbalanced"));
    assert_int_equal(l.n, 0);
}

/* The one scanner of groups: in a { block } only quotes, braces and
 * comments count; a ( group ) nests all three kinds. */
static void test_past_group(void **state)
{
    (void)state;
    assert_string_equal(cmd_past_group("{ .echo ( } x"), " x");
    assert_string_equal(cmd_past_group("{ .echo \"}\" } x"), " x");
    assert_string_equal(cmd_past_group("{ $$ a \"quote; .echo in } x"), " x");
    assert_string_equal(cmd_past_group("{ $$ note } x"), " x");
    assert_string_equal(cmd_past_group("{;$$ close } early;.echo a;} x"), " early;.echo a;} x");
    assert_string_equal(cmd_past_group("{ r; * a \" ; b } x"), " x");
    assert_string_equal(cmd_past_group("{ .echo $$ } x"), " x");
    assert_string_equal(cmd_past_group("(a { ) } b) x"), " x");
    assert_string_equal(cmd_past_group("(a (b) \")\") x"), " x");
    assert_string_equal(cmd_past_group("\"a\\\"b\" x"), " x");
    assert_null(cmd_past_group("{ .echo \"open }"));
    assert_null(cmd_past_group("(a"));
    /* in a .for body a '(' is no group: the commands after it stay apart */
    check_split(".for (r $t0=0; @$t0<2; r $t0=@$t0+1) { .echo ( }; .echo n", 2,
                (const char *[]){".for (r $t0=0; @$t0<2; r $t0=@$t0+1) { .echo ( }", ".echo n"});
    check_split(".if (1) { $$ a \"q; r }; k", 2, (const char *[]){".if (1) { $$ a \"q; r }", "k"});
    struct cmd_list l;
    struct lerr e;
    size_t bad = 0;
    assert_int_equal(cmd_split_at("r; .if (1) { .echo \"x }", &l, &e, &bad), -1);
    assert_int_equal(bad, 11);
    assert_int_equal(cmd_split_at("r; .echo \"x", &l, &e, &bad), -1);
    assert_int_equal(bad, 9);
}

static void test_prefix(void **state)
{
    (void)state;
    struct cmd_prefix p;
    cmd_parse_prefix("r", &p);
    assert_int_equal(p.kind, CMD_THREAD_NONE);
    cmd_parse_prefix("~2 r", &p);
    assert_int_equal(p.kind, CMD_THREAD_INDEX);
    assert_int_equal(p.index, 2);
    assert_string_equal(p.rest, "r");
    cmd_parse_prefix("~12bp main", &p);
    assert_int_equal(p.kind, CMD_THREAD_INDEX);
    assert_int_equal(p.index, 12);
    assert_string_equal(p.rest, "bp main");
    cmd_parse_prefix("~*k", &p);
    assert_int_equal(p.kind, CMD_THREAD_ALL);
    assert_string_equal(p.rest, "k");
    cmd_parse_prefix("~#bp main", &p);
    assert_int_equal(p.kind, CMD_THREAD_EVENT);
    cmd_parse_prefix("~.bp", &p);
    assert_int_equal(p.kind, CMD_THREAD_CURRENT);
    cmd_parse_prefix("~bp main", &p);
    assert_int_equal(p.kind, CMD_THREAD_CURRENT);
    assert_string_equal(p.rest, "bp main");
    /* the thread command itself */
    const char *own[] = {"~", "~2", "~2s", "~2f", "~2u", "~*", "~ 1", "~2 s"};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
        cmd_parse_prefix(own[i], &p);
        assert_int_equal(p.kind, CMD_THREAD_NONE);
    }
    cmd_parse_prefix("~2 u 1000", &p);
    assert_int_equal(p.kind, CMD_THREAD_INDEX);
    assert_string_equal(p.rest, "u 1000");
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(cmd_name_len("db 1000"), 2);
    assert_int_equal(cmd_name_len("bp7 main"), 2);
    assert_int_equal(cmd_name_len(".echo hi"), 5);
    assert_int_equal(cmd_name_len(".apply_dbp"), 10);
    assert_int_equal(cmd_name_len("? 1"), 1);
    assert_int_equal(cmd_name_len("?? x"), 2);
    assert_int_equal(cmd_name_len("$<file"), 2);
    assert_int_equal(cmd_name_len("$$<file"), 3);
    assert_int_equal(cmd_name_len("$><file"), 3);
    assert_int_equal(cmd_name_len("$$><file"), 4);
    assert_int_equal(cmd_name_len("$$>a<file a b"), 5);
    assert_int_equal(cmd_name_len("|1s"), 1);
    assert_int_equal(cmd_name_len("123"), 0);
    assert_int_equal(cmd_name_len("!address -summary"), 8);
    assert_int_equal(cmd_name_len("!my_ext 1"), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_split_scripts),
        cmocka_unit_test(test_split_errors),
        cmocka_unit_test(test_past_group),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
