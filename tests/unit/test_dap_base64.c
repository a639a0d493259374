/* Base64 as DAP's readMemory and writeMemory carry memory: RFC 4648's
 * vectors both ways, every length around a group, and text that is not
 * base64. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dap/dap_base64.h"

static const char *const vectors[][2] = {
    {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
};

static void test_rfc4648(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        const char *plain = vectors[i][0], *coded = vectors[i][1];
        char *t = dap_base64_encode((const uint8_t *)plain, strlen(plain));
        assert_string_equal(t, coded);
        free(t);
        uint8_t *b;
        size_t n;
        assert_int_equal(dap_base64_decode(coded, &b, &n), 0);
        assert_int_equal(n, strlen(plain));
        assert_memory_equal(b, plain, n);
        free(b);
    }
}

/* Every byte value, at lengths that end a group at each of its places. */
static void test_round_trip(void **state)
{
    (void)state;
    uint8_t data[300];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7 + 0xcc);
    for (size_t len = 0; len <= sizeof data; len += (len < 10 ? 1 : 37)) {
        char *t = dap_base64_encode(data, len);
        assert_int_equal(strlen(t), (len + 2) / 3 * 4);
        uint8_t *b;
        size_t n;
        assert_int_equal(dap_base64_decode(t, &b, &n), 0);
        assert_int_equal(n, len);
        assert_memory_equal(b, data, len);
        free(b);
        free(t);
    }
}

static void test_lenient_and_bad(void **state)
{
    (void)state;
    uint8_t *b;
    size_t n;
    /* padding may be left out, blanks (line breaks) are skipped */
    assert_int_equal(dap_base64_decode("Zm9vYg", &b, &n), 0);
    assert_int_equal(n, 4);
    assert_memory_equal(b, "foob", 4);
    free(b);
    assert_int_equal(dap_base64_decode("Zm9v\r\nYmFy", &b, &n), 0);
    assert_int_equal(n, 6);
    free(b);
    assert_int_equal(dap_base64_decode(NULL, &b, &n), 0);
    assert_int_equal(n, 0);
    free(b);
    /* not the alphabet; data after padding; one character of a group */
    assert_int_equal(dap_base64_decode("Zm9v!", &b, &n), -1);
    assert_int_equal(dap_base64_decode("Zg==Zg==", &b, &n), -1);
    assert_int_equal(dap_base64_decode("Zm9vY", &b, &n), -1);
    assert_int_equal(dap_base64_decode("Z===", &b, &n), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_lenient_and_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
