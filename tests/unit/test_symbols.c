/* Module naming, and lookups over a real ELF file (this test binary). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sym/symbols.h"
#include "sym/wildcard.h"

static void check_name(const char *path, const char *want)
{
    char *n = sym_module_name_for(path);
    assert_string_equal(n, want);
    free(n);
}

static void test_module_names(void **state)
{
    (void)state;
    check_name("/lib/x86_64-linux-gnu/libc.so.6", "libc");
    check_name("/lib64/ld-linux-x86-64.so.2", "ld_linux_x86_64");
    check_name("./fx_loop", "fx_loop");
    check_name("/opt/my-app+v2", "my_app_v2");
    check_name("libfoo.so", "libfoo");
    check_name(".hidden", "_hidden");
}

int exported_for_the_test(int x) { return x + 1; }

static void test_lookup_in_real_elf(void **state)
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
    assert_string_equal(m->name, "test_symbols");
    assert_false(m->indexed); /* nothing read until a name is needed */
    uint64_t addr = 0;
    assert_int_equal(sym_lookup(sp, "test_symbols!exported_for_the_test", 34, &addr, &e), 1);
    assert_true(m->indexed);
    assert_true(addr >= m->start && addr < m->end);
    char desc[256];
    assert_int_equal(sym_describe(sp, addr + 2, desc, sizeof desc), 0);
    assert_string_equal(desc, "test_symbols!exported_for_the_test+0x2");
    assert_int_equal(sym_lookup(sp, "no_such_symbol_here", 19, &addr, &e), 0);
    assert_int_equal(sym_lookup(sp, "nomod!x", 7, &addr, &e), -1);
    assert_int_equal(sym_describe(sp, 0x10, desc, sizeof desc), -1);
    struct sym_near near;
    assert_int_equal(sym_nearest(sp, addr, &near), 0);
    assert_string_equal(near.before.name, "exported_for_the_test");
    sym_remove_module(sp, m);
    assert_int_equal(sp->n, 0);
    assert_int_equal(sym_lookup(sp, "exported_for_the_test", 21, &addr, &e), 0);
    /* a file that is not ELF is refused with a message */
    assert_null(sym_add_module(sp, "/etc/hostname", 0, &e));
    assert_non_null(strstr(e.msg, "Couldn't load module"));
    sym_space_free(sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_module_names),
        cmocka_unit_test(test_lookup_in_real_elf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
