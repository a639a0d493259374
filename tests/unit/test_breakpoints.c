/* The breakpoint table over a fake site backend: ids, insertion and
 * replacement, renumbering, locations and their sites, dispatch by
 * (process, address), pass counting, id lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bp/breakpoints.h"

struct fake_sites {
    int refs[16];   /* by address 0x1000 + 0x10*i */
    long total;     /* every reference */
    int fail_addr;  /* this address cannot be patched */
};

static int fake_add(void *ctx, pid_t pid, uint64_t addr, struct lerr *e)
{
    struct fake_sites *f = ctx;
    (void)pid;
    if ((int)addr == f->fail_addr)
        return lerr_set(e, "Memory access error");
    if (addr >= 0x1000 && addr < 0x1100)
        f->refs[(addr - 0x1000) / 0x10]++;
    f->total++;
    return 0;
}

static void fake_remove(void *ctx, pid_t pid, uint64_t addr)
{
    struct fake_sites *f = ctx;
    (void)pid;
    if (addr >= 0x1000 && addr < 0x1100)
        f->refs[(addr - 0x1000) / 0x10]--;
    f->total--;
}

static struct fake_sites sites;
static struct bp_table table;

static int setup(void **state)
{
    (void)state;
    memset(&sites, 0, sizeof sites);
    sites.fail_addr = -1;
    struct bp_sites_backend be = {&sites, fake_add, fake_remove};
    bp_table_init(&table, &be);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bp_table_free(&table);
    return 0;
}

static struct bp *add(unsigned id, uint64_t addr)
{
    struct bp *b = bp_new(BP_ADDRESS, "x"), *old;
    b->id = id;
    assert_int_equal(bp_add_location(&table, b, 7, addr, NULL), 0);
    bp_insert(&table, b, &old);
    bp_free(old);
    return b;
}

static void test_ids(void **state)
{
    (void)state;
    assert_int_equal(bp_free_id(&table), 0);
    add(0, 0x1000);
    add(1, 0x1010);
    add(5, 0x1020);
    assert_int_equal(bp_free_id(&table), 2);
    assert_non_null(bp_find(&table, 5));
    assert_null(bp_find(&table, 3));
    /* reusing an id replaces the breakpoint and its sites */
    struct bp *b = bp_new(BP_ADDRESS, "y"), *old;
    b->id = 1;
    bp_insert(&table, b, &old);
    assert_non_null(old);
    assert_int_equal(sites.refs[1], 0);
    bp_free(old);
    assert_int_equal(table.n, 3);
    /* renumbering keeps the order and refuses a taken id */
    struct lerr e;
    assert_int_equal(bp_renumber(&table, bp_find(&table, 5), 0, &e), -1);
    assert_int_equal(bp_renumber(&table, bp_find(&table, 5), 9, &e), 0);
    assert_int_equal(table.v[2]->id, 9);
    assert_int_equal(bp_free_id(&table), 2);
}

static void test_sites_and_dispatch(void **state)
{
    (void)state;
    struct bp *a = add(0, 0x1000), *b = add(3, 0x1000);
    add(1, 0x1010);
    assert_int_equal(sites.refs[0], 2); /* one site, two references */
    struct bp *at[8];
    assert_int_equal(bp_at(&table, 7, 0x1000, at, 8), 2);
    assert_ptr_equal(at[0], a); /* id order */
    assert_ptr_equal(at[1], b);
    assert_int_equal(bp_at(&table, 8, 0x1000, at, 8), 0); /* another process */
    assert_int_equal(bp_set_enabled(&table, a, 0, NULL), 0);
    assert_int_equal(sites.refs[0], 1);
    assert_int_equal(bp_at(&table, 7, 0x1000, at, 8), 1);
    bp_remove(&table, b);
    bp_free(b);
    assert_int_equal(sites.refs[0], 0);
    assert_int_equal(bp_set_enabled(&table, a, 1, NULL), 0);
    assert_int_equal(sites.refs[0], 1);
    /* a failing site changes nothing */
    sites.fail_addr = 0x1020;
    struct bp *c = bp_new(BP_ADDRESS, "z");
    struct lerr e;
    assert_int_equal(bp_add_location(&table, c, 7, 0x1020, &e), -1);
    assert_int_equal(c->nlocs, 0);
    bp_free(c);
    /* unload: the locations in the range go */
    bp_drop_locations(&table, a, 7, 0x1000, 0x1010, 0);
    assert_int_equal(a->nlocs, 0);
    assert_int_equal(sites.refs[0], 0);
}

static void test_many_dispatch(void **state)
{
    (void)state;
    /* 50,000 breakpoints at distinct addresses: each found by its address */
    for (unsigned i = 0; i < 50000; i++)
        add(i, 0x400000 + 16ULL * i);
    assert_int_equal(table.n, 50000);
    assert_int_equal(sites.total, 50000);
    assert_int_equal(bp_free_id(&table), 50000);
    struct bp *at[2];
    for (unsigned i = 0; i < 50000; i += 997) {
        assert_int_equal(bp_at(&table, 7, 0x400000 + 16ULL * i, at, 2), 1);
        assert_int_equal(at[0]->id, i);
    }
    assert_int_equal(bp_at(&table, 7, 0x400008, at, 2), 0);
}

/* One breakpoint per place: a new one finds the one it redefines, by its
 * location, or by its text while both are unresolved; a renumbered or
 * removed one is found, or not, accordingly. */
static void test_same_place(void **state)
{
    (void)state;
    struct bp *a = bp_new(BP_ADDRESS, "0x1010"), *none;
    a->id = 1;
    assert_int_equal(bp_add_location(&table, a, 7, 0x1010, NULL), 0);
    bp_insert(&table, a, &none);
    struct bp *u = bp_new(BP_SYMBOLIC, "mod!f");
    u->id = 2;
    bp_insert(&table, u, &none);

    struct bp *b = bp_new(BP_SYMBOLIC, "mod!g");
    assert_int_equal(bp_add_location(&table, b, 7, 0x1010, NULL), 0);
    assert_ptr_equal(bp_same_place(&table, b), a);   /* the same address */
    bp_drop_locations(&table, b, 0, 0, 0, 0);
    assert_null(bp_same_place(&table, b));            /* another name, unresolved */
    bp_free(b);

    struct bp *c = bp_new(BP_SYMBOLIC, "mod!f");
    assert_ptr_equal(bp_same_place(&table, c), u);   /* the same text */
    struct bp *w = bp_new(BP_ACCESS, "0x1010"); /* ba e1 on a software site */
    w->access = 'e';
    w->size = 1;
    w->soft = 1;
    assert_int_equal(bp_add_location(&table, w, 7, 0x1010, NULL), 0);
    assert_null(bp_same_place(&table, w));            /* a ba is another class */
    bp_drop_locations(&table, w, 0, 0, 0, 0);
    bp_free(w);

    assert_int_equal(bp_renumber(&table, u, 9, NULL), 0);
    assert_ptr_equal(bp_same_place(&table, c), u);
    bp_remove(&table, u);
    bp_free(u);
    assert_null(bp_same_place(&table, c));
    bp_free(c);
}

static void test_passes(void **state)
{
    (void)state;
    struct bp *b = bp_new(BP_ADDRESS, "x");
    b->passes_init = b->passes_left = 3;
    assert_int_equal(b->passes_left, 3);
    assert_int_equal(bp_count_pass(b), 0);
    assert_int_equal(bp_count_pass(b), 0);
    assert_int_equal(b->passes_left, 1);
    assert_int_equal(bp_count_pass(b), 1);
    assert_int_equal(bp_count_pass(b), 1); /* stays at 1 */
    assert_int_equal(b->passes_left, 1);
    bp_free(b);
}

static int eval_fake(void *ctx, const char *expr, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    (void)e;
    *v = (uint64_t)strtoul(expr, NULL, 10) + (len > 1);
    return 0;
}

static void test_id_lists(void **state)
{
    (void)state;
    add(0, 0x1000);
    add(1, 0x1010);
    add(2, 0x1020);
    add(4, 0x1030);
    unsigned *ids;
    struct lerr e;
    assert_int_equal(bp_parse_ids(&table, "*", &ids, eval_fake, NULL, &e), 4);
    free(ids);
    assert_int_equal(bp_parse_ids(&table, "4 1,1 0-2", &ids, eval_fake, NULL, &e), 4);
    assert_int_equal(ids[0], 0);
    assert_int_equal(ids[3], 4);
    free(ids);
    assert_int_equal(bp_parse_ids(&table, "1-9", &ids, eval_fake, NULL, &e), 3); /* ranges skip gaps */
    free(ids);
    assert_int_equal(bp_parse_ids(&table, "[1]", &ids, eval_fake, NULL, &e), 1);
    free(ids);
    assert_int_equal(bp_parse_ids(&table, "3", &ids, eval_fake, NULL, &e), -1);
    assert_non_null(strstr(e.msg, "does not exist"));
    assert_int_equal(bp_parse_ids(&table, "x", &ids, eval_fake, NULL, &e), -1);
    assert_int_equal(bp_parse_ids(&table, "4-1", &ids, eval_fake, NULL, &e), -1);
    assert_int_equal(bp_parse_ids(&table, "[1", &ids, eval_fake, NULL, &e), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sites_and_dispatch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_dispatch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_id_lists, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
