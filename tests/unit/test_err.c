/* Error buffers: the message as formatted, and the kind of failure the
 * layers above react to without looking at errno. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "util/err.h"

static void test_codes(void **state)
{
    (void)state;
    struct lerr e;
    assert_int_equal(lerr_set_code(&e, LERR_GONE, "thread %d: %s", 7, "gone"), -1);
    assert_string_equal(e.msg, "thread 7: gone");
    assert_int_equal(e.code, LERR_GONE);
    /* a plain message is generic, whatever was there before */
    assert_int_equal(lerr_set(&e, "no"), -1);
    assert_int_equal(e.code, LERR_GENERIC);
    lerr_clear(&e);
    assert_string_equal(e.msg, "");
    assert_int_equal(e.code, LERR_NONE);
    /* no buffer: only the result */
    assert_int_equal(lerr_set_code(NULL, LERR_MEMORY, "x"), -1);
}

static void test_errno(void **state)
{
    (void)state;
    assert_int_equal(lerr_code_of_errno(ESRCH), LERR_GONE);
    assert_int_equal(lerr_code_of_errno(EINTR), LERR_INTERRUPTED);
    assert_int_equal(lerr_code_of_errno(ECHILD), LERR_NO_CHILD);
    assert_int_equal(lerr_code_of_errno(EFAULT), LERR_MEMORY);
    assert_int_equal(lerr_code_of_errno(EPERM), LERR_PERMISSION);
    assert_int_equal(lerr_code_of_errno(ENOENT), LERR_NOT_FOUND);
    assert_int_equal(lerr_code_of_errno(EBADF), LERR_GENERIC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_errno),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
