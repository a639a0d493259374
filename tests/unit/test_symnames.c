/* Names by prefix (sym/symnames.c), over a real ELF file: this test
 * binary, whose own functions are the names looked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sym/symnames.h"

int cpltest_alpha(int x);
int cpltest_alphabet(int x);
int cpltest_beta(int x);
int cpltest_alpha(int x) { return x + 1; }
int cpltest_alphabet(int x) { return x + 2; }
int cpltest_beta(int x) { return x + 3; }

struct seen {
    char all[512];
    int n, stop_at;
};

static int note(void *ctx, const char *name)
{
    struct seen *s = ctx;
    snprintf(s->all + strlen(s->all), sizeof s->all - strlen(s->all), "%s%s", s->n ? " " : "",
             name);
    return ++s->n == s->stop_at;
}

static void test_prefixes(void **state)
{
    (void)state;
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    assert_true(n > 0);
    self[n] = '\0';
    struct sym_space *sp = sym_space_new();
    struct lerr e;
    struct sym_module *m = sym_add_module(sp, self, 0x100000, &e);
    assert_non_null(m);

    struct seen s = {0};
    assert_int_equal(sym_names_with_prefix(m, "cpltest_", 8, note, &s), 0);
    assert_string_equal(s.all, "cpltest_alpha cpltest_alphabet cpltest_beta");
    memset(&s, 0, sizeof s);
    sym_names_with_prefix(m, "cpltest_alpha", 13, note, &s);
    assert_string_equal(s.all, "cpltest_alpha cpltest_alphabet");
    /* symbol names match case-sensitively, as lookups do */
    memset(&s, 0, sizeof s);
    sym_names_with_prefix(m, "CPLtest_", 8, note, &s);
    assert_int_equal(s.n, 0);
    memset(&s, 0, sizeof s);
    sym_names_with_prefix(m, "cpltest_zz", 10, note, &s);
    assert_int_equal(s.n, 0);
    /* the walk stops when asked */
    memset(&s, 0, sizeof s);
    s.stop_at = 1;
    assert_int_equal(sym_names_with_prefix(m, "cpltest_", 8, note, &s), 1);
    assert_string_equal(s.all, "cpltest_alpha");
    /* modules ignore case, as `mod!` does */
    memset(&s, 0, sizeof s);
    sym_modules_with_prefix(sp, "TEST_sym", 8, note, &s);
    assert_string_equal(s.all, "test_symnames");
    memset(&s, 0, sizeof s);
    sym_modules_with_prefix(sp, "x", 1, note, &s);
    assert_int_equal(s.n, 0);
    sym_space_free(sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefixes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
