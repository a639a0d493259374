/* What Tab completes (ui/complete.c), over a fake source of names: the
 * word's kind from its place in the line, the common part, the list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/complete.h"

/* What the fake was last asked. */
static enum cpl_what asked_what;
static char asked_scope[64], asked_prefix[64];
static int nasks;

static void add_all(struct cpl_names *out, const char *const *v)
{
    for (; *v; v++)
        cpl_add(out, *v);
}

/* Returns every name of a kind, unfiltered: the caller filters. */
static void fake_names(void *ctx, enum cpl_what what, const char *scope, size_t slen,
                       const char *prefix, size_t plen, struct cpl_names *out)
{
    (void)ctx;
    asked_what = what;
    snprintf(asked_scope, sizeof asked_scope, "%.*s", (int)slen, scope);
    snprintf(asked_prefix, sizeof asked_prefix, "%.*s", (int)plen, prefix);
    nasks++;
    static const char *const commands[] = {"bp", "bu", "bm", "ba", "bl", "bc", "g", "gu",
                                           ".logopen", "$<", "$$<", "$$>a<", NULL};
    static const char *const modules[] = {"libc", "libm", "fx_stack", NULL};
    static const char *const libc[] = {"malloc", "malloc_info", "mallopt", "free", NULL};
    static const char *const fx[] = {"main", "leaf", "malloc", NULL};
    static const char *const regs[] = {"rax", "rip", "rsp", "r8", "eax", NULL};
    static const char *const pseudo[] = {"$ip", "$ra", "$csp", "$t0", "$t1", NULL};
    static const char *const cwd[] = {"script.txt", "scripts/", "other", NULL};
    static const char *const sub[] = {"a.txt", NULL};
    switch (what) {
    case CPL_COMMAND: add_all(out, commands); break;
    case CPL_MODULE: add_all(out, modules); break;
    case CPL_SYMBOL:
        if (!strcmp(asked_scope, "libc") || !slen)
            add_all(out, libc);
        if (!strcmp(asked_scope, "fx_stack") || !slen)
            add_all(out, fx);
        break;
    case CPL_REGISTER: add_all(out, regs); break;
    case CPL_PSEUDO: add_all(out, pseudo); break;
    case CPL_FILE:
        if (!slen)
            add_all(out, cwd);
        else if (!strcmp(asked_scope, "scripts/"))
            add_all(out, sub);
        break;
    }
}

static const struct cpl_source fake = {NULL, fake_names};

/* Completes at the end of line (or at `|` when the line has one). */
static void complete(const char *typed, struct cpl_result *r)
{
    char line[256];
    snprintf(line, sizeof line, "%s", typed);
    char *bar = strchr(line, '|');
    size_t cursor = strlen(line);
    if (bar) {
        cursor = (size_t)(bar - line);
        memmove(bar, bar + 1, strlen(bar));
    }
    nasks = 0;
    cpl_complete(line, cursor, &fake, r);
}

static void check(const char *typed, size_t start, const char *text, const char *shown)
{
    struct cpl_result r;
    complete(typed, &r);
    char got[512] = "";
    for (size_t i = 0; i < r.shown.n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "", r.shown.v[i]);
    char msg[1024] = "";
    if (r.start != start || strcmp(r.text, text) || strcmp(got, shown))
        snprintf(msg, sizeof msg, "'%s': got start %zu text '%s' shown '%s'; want %zu '%s' '%s'",
                 typed, r.start, r.text, got, start, text, shown);
    cpl_result_free(&r);
    if (msg[0])
        fail_msg("%s", msg);
}

static void test_commands(void **state)
{
    (void)state;
    check("b", 0, "b", "ba bc bl bm bp bu");
    assert_int_equal(asked_what, CPL_COMMAND);
    check("  g", 2, "g", "g gu");
    check("gu", 0, "gu ", "gu");
    check(".lo", 0, ".logopen ", ".logopen");
    check("$$", 0, "$$", "$$< $$>a<");
    /* each command of a line, and after a thread prefix */
    check("r; b", 3, "b", "ba bc bl bm bp bu");
    check("~*b", 2, "b", "ba bc bl bm bp bu");
    check("~2 gu", 3, "gu ", "gu");
    /* the command string of a breakpoint is commands too */
    check("bp main \"r; g", 12, "g", "g gu");
    check("bp main \"r\"; g", 13, "g", "g gu");
    check("x", 0, "x", "");
}

static void test_symbols(void **state)
{
    (void)state;
    check("bp libc!m", 3, "libc!mallo", "malloc malloc_info mallopt");
    assert_int_equal(asked_what, CPL_SYMBOL);
    assert_string_equal(asked_scope, "libc");
    assert_string_equal(asked_prefix, "m");
    check("bp libc!malloc", 3, "libc!malloc", "malloc malloc_info");
    check("bp libc!malloc_", 3, "libc!malloc_info ", "malloc_info");
    check("bp fx_stack!ma", 3, "fx_stack!ma", "main malloc");
    check("bp fx_stack!mai", 3, "fx_stack!main ", "main");
    check("u fx_stack!le", 2, "fx_stack!leaf ", "leaf");
    /* inside an expression, and in the middle of the line (no blank added
     * before the blank that is there) */
    check("? poi(fx_stack!le", 6, "fx_stack!leaf ", "leaf");
    check("bp fx_stack!mai| 3", 3, "fx_stack!main", "main");
    check("~2 bp libc!fr", 6, "libc!free ", "free");
    check("bp libc!zz", 3, "libc!zz", "");
}

static void test_plain_words(void **state)
{
    (void)state;
    /* a word without '!': module names (with their '!') and the symbols
     * of every module */
    check("bp li", 3, "lib", "libc! libm!");
    check("bp fx_s", 3, "fx_stack!", "fx_stack!");
    check("bp mai", 3, "main ", "main");
    check("bp mal", 3, "mallo", "malloc malloc_info mallopt");
    assert_int_equal(nasks, 2);
    /* nothing typed: not every symbol of every module */
    check("bp ", 3, "", "");
    assert_int_equal(nasks, 0);
}

static void test_registers(void **state)
{
    (void)state;
    check("r @ri", 2, "@rip ", "rip");
    assert_int_equal(asked_what, CPL_REGISTER);
    check("r @R", 2, "@r", "r8 rax rip rsp");
    check("R @RI", 2, "@rip ", "rip");
    check("? @rax+@rs", 7, "@rsp ", "rsp");
    /* r takes register names without '@' */
    check("r ri", 2, "rip ", "rip");
    check("r rax=1 ea", 8, "eax ", "eax");
    check("? $c", 2, "$csp ", "$csp");
    assert_int_equal(asked_what, CPL_PSEUDO);
    check("? @$i", 2, "@$ip ", "$ip");
    check("r $t", 2, "$t", "$t0 $t1");
}

static void test_files(void **state)
{
    (void)state;
    check("$<scr", 2, "script", "script.txt scripts/");
    assert_int_equal(asked_what, CPL_FILE);
    assert_string_equal(asked_scope, "");
    check("$<script.", 2, "script.txt ", "script.txt");
    check("$<scripts", 2, "scripts/", "scripts/");
    check("$<scripts/", 2, "scripts/a.txt ", "a.txt");
    assert_string_equal(asked_scope, "scripts/");
    check("$$>a<scripts/a", 5, "scripts/a.txt ", "a.txt");
    check("$$< oth", 4, "other ", "other");
    check("$< oth", 3, "other ", "other");
    check(".logopen o", 9, "other ", "other");
    check(".logopen /x/o", 9, "/x/o", "");
    assert_string_equal(asked_scope, "/x/");
    assert_string_equal(asked_prefix, "o");
}

static void test_columns(void **state)
{
    (void)state;
    struct cpl_names l = {0};
    const char *names[] = {"a", "bb", "ccc", "dd", "e"};
    for (size_t i = 0; i < 5; i++)
        cpl_add(&l, names[i]);
    /* 5 wide columns, 2 fit in 12: down first, as bash */
    char *s = cpl_columns(&l, 12);
    assert_string_equal(s, "a    dd\nbb   e\nccc\n");
    free(s);
    s = cpl_columns(&l, 3);
    assert_string_equal(s, "a\nbb\nccc\ndd\ne\n");
    free(s);
    cpl_names_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commands),  cmocka_unit_test(test_symbols),
        cmocka_unit_test(test_plain_words), cmocka_unit_test(test_registers),
        cmocka_unit_test(test_files),     cmocka_unit_test(test_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
