/* The breakpoint command parser, without a target: inputs the fuzzer
 * found, each a clean one-line error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmd/bp_spec.h"

static struct dbg d;

static int setup(void **state)
{
    (void)state;
    dbg_init(&d, eng_create(dbg_on_event, &d), fopen("/dev/null", "w"));
    return 0;
}

static void refused(const char *args, enum bpspec_mode mode, const char *msg)
{
    struct bp_spec s;
    lerr_clear(&d.err);
    assert_int_equal(bpspec_parse(&d, args, mode, &s), -1);
    assert_non_null(strstr(d.err.msg, msg));
}

/* A '/' at the very end: the option letter was read past the string. */
static void test_slash_at_end(void **state)
{
    (void)state;
    refused("/", SPEC_BP, "Syntax error");
    refused("/1 /", SPEC_BM, "Syntax error");
    refused("w4 1000 /", SPEC_BA, "Syntax error");
}

/* A second /w whose condition has no closing quote: the first one was
 * freed, then freed again when the spec was. */
static void test_second_condition_unterminated(void **state)
{
    (void)state;
    refused("/w \"@rax\" /w \"@rbx", SPEC_BP, "closing");
    refused("/1/w\"\"/1/w\"", SPEC_BA, "closing");
}

static void test_good_spec(void **state)
{
    (void)state;
    struct bp_spec s;
    assert_int_equal(bpspec_parse(&d, "/1 /c 3 main 5 \"r; gc\"", SPEC_BP, &s), 0);
    assert_true(s.one_shot);
    assert_string_equal(s.location, "main");
    bpspec_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slash_at_end),
        cmocka_unit_test(test_second_condition_unterminated),
        cmocka_unit_test(test_good_spec),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
