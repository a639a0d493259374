/* Which command strings a breakpoint's pad can run in the target: only
 * `gc`, and the counting form `r $tN=@$tN+1; gc` with the blanks, '@' and
 * final ';' a user may write; anything else is lindbg's to run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bp/manager.h"

static void test_counting(void **state)
{
    (void)state;
    assert_int_equal(bpm_counting_command("r $t0=@$t0+1; gc"), 0);
    assert_int_equal(bpm_counting_command("r $t0=@$t0+1;gc"), 0);
    assert_int_equal(bpm_counting_command("  r @$t7 = @$t7 + 1 ; gc ;"), 7);
    assert_int_equal(bpm_counting_command("r $t19=$t19+0n1; gc"), 19);
    assert_int_equal(bpm_counting_command("r $T3=@$t3+0x1; gc"), 3);
}

static void test_not_counting(void **state)
{
    (void)state;
    assert_int_equal(bpm_counting_command(NULL), -1);
    assert_int_equal(bpm_counting_command("gc"), -1);
    assert_int_equal(bpm_counting_command("r $t0=@$t1+1; gc"), -1);  /* another register */
    assert_int_equal(bpm_counting_command("r $t0=@$t0+2; gc"), -1);  /* not one */
    assert_int_equal(bpm_counting_command("r $t0=@$t0+1"), -1);      /* stops */
    assert_int_equal(bpm_counting_command("r $t0=@$t0+1; g"), -1);   /* g, not gc */
    assert_int_equal(bpm_counting_command("r $t20=@$t20+1; gc"), -1); /* no such */
    assert_int_equal(bpm_counting_command("r $t0=@$t0+1; k; gc"), -1);
    assert_int_equal(bpm_counting_command("r $t0=@$t0+10; gc"), -1);
    assert_int_equal(bpm_counting_command("r $t01x=@$t0+1; gc"), -1);
}

static void test_only_gc(void **state)
{
    (void)state;
    assert_true(bpm_only_gc("gc"));
    assert_true(bpm_only_gc(" gc ; "));
    assert_false(bpm_only_gc("gc; k"));
    assert_false(bpm_only_gc("g"));
    assert_false(bpm_only_gc(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counting),
        cmocka_unit_test(test_not_counting),
        cmocka_unit_test(test_only_gc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
