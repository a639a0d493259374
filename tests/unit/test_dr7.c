/* DR7 and DR6 encoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arch/x86_64/dr7.h"

static void test_encode(void **state)
{
    (void)state;
    /* slot 0, write, 8 bytes: L0, RW0=01, LEN0=10 */
    assert_int_equal(dr7_set(0, 0, DR_WRITE, 8), 0x90001);
    /* slot 3, read/write, 4 bytes: L3 (bit 6), RW3=11, LEN3=11 */
    assert_int_equal(dr7_set(0, 3, DR_READWRITE, 4), 0xf0000040ULL);
    /* execute needs len 1: RW=00 LEN=00 */
    assert_int_equal(dr7_set(0, 1, DR_EXECUTE, 1), 0x4);
    assert_int_equal(dr7_set(0, 2, DR_WRITE, 2), 0x5000010);
    uint64_t v = dr7_set(dr7_set(0, 0, DR_WRITE, 4), 2, DR_READWRITE, 8);
    assert_true(dr7_enabled(v, 0) && dr7_enabled(v, 2) && !dr7_enabled(v, 1));
    assert_int_equal(dr7_access(v, 2), DR_READWRITE);
    assert_int_equal(dr7_len(v, 2), 8);
    assert_int_equal(dr7_len(v, 0), 4);
    v = dr7_clear(v, 0);
    assert_false(dr7_enabled(v, 0));
    assert_int_equal(dr7_len(v, 0), 1);
    assert_true(dr7_enabled(v, 2));
    assert_int_equal(dr7_set(v, 1, DR_WRITE, 3), v); /* bad length: unchanged */
}

static void test_dr6(void **state)
{
    (void)state;
    assert_int_equal(dr6_slot(0xffff0ff1), 0);
    assert_int_equal(dr6_slot(0xffff0ff8), 3);
    assert_int_equal(dr6_slot(0xffff4ff0), -1); /* BS: a single step */
    assert_int_equal(dr6_slot(0xffff0ff0), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode),
        cmocka_unit_test(test_dr6),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
