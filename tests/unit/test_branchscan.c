/* Direct branch targets found by a linear sweep over code, and the range
 * query pads use: a jump from another function into the bytes a pad's
 * jump would cover is seen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "arch/x86_64/branchscan.h"

static void test_targets(void **state)
{
    (void)state;
    /* 0x1000: mov rax,rdi; add rax,1; ret
     * 0x1008: jmp 0x1003 (rel8); call 0x1000 (rel32); jne 0x1008; jmp rax */
    static const uint8_t code[] = {
        0x48, 0x89, 0xf8,             /* 1000 mov rax,rdi */
        0x48, 0x83, 0xc0, 0x01,       /* 1003 add rax,1 */
        0xc3,                         /* 1007 ret */
        0xeb, 0xf9,                   /* 1008 jmp 1003 */
        0xe8, 0xf1, 0xff, 0xff, 0xff, /* 100a call 1000 */
        0x75, 0xf7,                   /* 100f jne 1008 */
        0xff, 0xe0,                   /* 1011 jmp rax */
        0xe9, 0x00, 0x10, 0x00, 0x00, /* 1013 jmp 2018: outside, left out */
    };
    uint64_t *t;
    size_t n = x86_branch_targets(code, sizeof code, 0x1000, &t);
    assert_int_equal(n, 3);
    assert_int_equal(t[0], 0x1000);
    assert_int_equal(t[1], 0x1003);
    assert_int_equal(t[2], 0x1008);
    assert_true(x86_targets_between(t, n, 0x1000, 0x1005));  /* 1003 inside */
    assert_false(x86_targets_between(t, n, 0x1003, 0x1008)); /* ends excluded */
    assert_false(x86_targets_between(t, n, 0x1008, 0x1010));
    assert_true(x86_targets_between(t, n, 0x0fff, 0x1001));
    free(t);
}

static void test_garbage_resyncs(void **state)
{
    (void)state;
    static const uint8_t code[] = {0x0f, 0x0b, 0xff, 0xff, 0xeb, 0xfe}; /* ud2, bad, jmp $ */
    uint64_t *t;
    size_t n = x86_branch_targets(code, sizeof code, 0x4000, &t);
    assert_int_equal(n, 1);
    assert_int_equal(t[0], 0x4004);
    free(t);
    assert_int_equal(x86_branch_targets(code, 0, 0x4000, &t), 0);
    assert_null(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_garbage_resyncs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
