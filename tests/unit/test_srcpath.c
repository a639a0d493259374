/* Source and symbol paths: the lists as typed (';', blanks, empty
 * entries, append), and the order in which a moved source file is looked
 * for (substitution on whole components, then each path entry by the
 * path relative to the compilation directory, then by trailing parts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "sym/debugpaths.h"
#include "sym/srcpath.h"

static void test_lists(void **state)
{
    (void)state;
    struct sym_srcpath p = {0};
    sym_srcpath_set(&p, " /a/ ; ;/b//;", 0);
    char *s = sym_srcpath_string(&p);
    assert_string_equal(s, "/a;/b");
    free(s);
    sym_srcpath_set(&p, "/c", 1);
    s = sym_srcpath_string(&p);
    assert_string_equal(s, "/a;/b;/c");
    free(s);
    sym_srcpath_set(&p, "", 0);
    assert_int_equal(p.ndirs, 0);
    sym_srcpath_subst_add(&p, "/old/", "/new");
    sym_srcpath_subst_add(&p, "/old", "/newer");
    assert_int_equal(p.nsubst, 1);
    assert_string_equal(p.to[0], "/newer");
    sym_srcpath_free(&p);

    assert_string_equal(sym_debug_path(), "/usr/lib/debug");
    sym_debug_set_path("/x; /y", 1);
    assert_string_equal(sym_debug_path(), "/usr/lib/debug;/x;/y");
    sym_debug_set_path("", 0);
    assert_string_equal(sym_debug_path(), "");
}

static char dir[64];

static void touch(const char *rel)
{
    char path[256], *slash;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0700);
        *slash = '/';
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
}

static void test_find_order(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/lindbg-srcpath.XXXXXX");
    assert_non_null(mkdtemp(dir));
    touch("new/src/x.c");
    touch("flat/x.c");
    touch("oldish/src/x.c");
    char file[256], want[256], out[256];
    snprintf(file, sizeof file, "%s/old/src/x.c", dir);
    size_t rel = strlen(dir) + strlen("/old/");
    struct sym_srcpath p = {0};
    assert_int_equal(sym_src_find(&p, file, rel, out, sizeof out), -1);

    /* a substitution matches whole components only: /old is not /oldish */
    char from[128], to[128];
    snprintf(from, sizeof from, "%s/old", dir);
    snprintf(to, sizeof to, "%s/oldish", dir);
    sym_srcpath_subst_add(&p, from, to);
    assert_int_equal(sym_src_find(&p, file, rel, out, sizeof out), 0);
    snprintf(want, sizeof want, "%s/oldish/src/x.c", dir);
    assert_string_equal(out, want);
    char other[256];
    snprintf(other, sizeof other, "%s/oldsrc/x.c", dir);
    assert_int_equal(sym_src_find(&p, other, 0, out, sizeof out), -1);
    sym_srcpath_subst_clear(&p);

    /* relative to the compilation directory before trailing parts */
    char list[256];
    snprintf(list, sizeof list, "%s/flat;%s/new", dir, dir);
    sym_srcpath_set(&p, list, 0);
    assert_int_equal(sym_src_find(&p, file, rel, out, sizeof out), 0);
    snprintf(want, sizeof want, "%s/flat/x.c", dir); /* first entry wins */
    assert_string_equal(out, want);
    snprintf(list, sizeof list, "%s/new;%s/flat", dir, dir);
    sym_srcpath_set(&p, list, 0);
    assert_int_equal(sym_src_find(&p, file, rel, out, sizeof out), 0);
    snprintf(want, sizeof want, "%s/new/src/x.c", dir);
    assert_string_equal(out, want);
    sym_srcpath_free(&p);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_find_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
