/* The site table over a fake backend whose memory is an array: traps are
 * planted and removed, hidden from reads, and user writes go around them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bp/site.h"
#include "target/backend.h"

#define BASE 0x400000
#define SIZE 65536
static uint8_t mem[SIZE];

static int fake_read(struct tgt_proc *p, uint64_t addr, void *buf, size_t len, size_t *got)
{
    (void)p;
    if (addr < BASE || addr + len > BASE + SIZE) {
        if (got)
            *got = 0;
        return -1;
    }
    memcpy(buf, mem + (addr - BASE), len);
    if (got)
        *got = len;
    return 0;
}

static int fake_write(struct tgt_proc *p, uint64_t addr, const void *buf, size_t len, struct lerr *e)
{
    (void)p;
    if (addr < BASE || addr + len > BASE + SIZE)
        return lerr_set(e, "Memory access error");
    memcpy(mem + (addr - BASE), buf, len);
    return 0;
}

static struct tgt_ops ops = {.read_mem = fake_read, .write_mem = fake_write};
static struct tgt_proc proc = {&ops, 1, -1};

static void fill(void)
{
    for (size_t i = 0; i < SIZE; i++)
        mem[i] = (uint8_t)(i * 7 + 1);
}

static void test_ref_and_hide(void **state)
{
    (void)state;
    fill();
    struct bp_site_table t;
    bp_sites_init(&t);
    struct lerr e;
    uint8_t orig = mem[0x10];
    assert_int_equal(bp_site_ref(&t, &proc, BASE + 0x10, &e), 0);
    assert_int_equal(mem[0x10], 0xcc);
    assert_int_equal(bp_site_ref(&t, &proc, BASE + 0x10, &e), 0); /* shared */
    assert_int_equal(t.n, 1);
    assert_int_equal(bp_site_find(&t, BASE + 0x10)->refs, 2);
    uint8_t buf[32];
    memcpy(buf, mem, sizeof buf);
    bp_sites_hide(&t, BASE, buf, sizeof buf);
    assert_int_equal(buf[0x10], orig);
    assert_int_equal(bp_site_unref(&t, &proc, BASE + 0x10, &e), 0);
    assert_int_equal(mem[0x10], 0xcc); /* one reference left */
    assert_int_equal(bp_site_unref(&t, &proc, BASE + 0x10, &e), 0);
    assert_int_equal(mem[0x10], orig);
    assert_null(bp_site_find(&t, BASE + 0x10));
    /* an unmapped address changes nothing */
    assert_int_equal(bp_site_ref(&t, &proc, 0x10, &e), -1);
    assert_int_equal(t.n, 0);
    bp_sites_free(&t);
}

static void test_write_through(void **state)
{
    (void)state;
    fill();
    struct bp_site_table t;
    bp_sites_init(&t);
    struct lerr e;
    bp_site_ref(&t, &proc, BASE + 5, &e);
    const uint8_t data[4] = {1, 2, 3, 4};
    assert_int_equal(bp_sites_write(&t, &proc, BASE + 4, data, 4, &e), 0);
    assert_int_equal(mem[4], 1);
    assert_int_equal(mem[5], 0xcc); /* the trap stays */
    assert_int_equal(mem[6], 3);
    assert_int_equal(bp_site_find(&t, BASE + 5)->orig, 2);
    bp_sites_remove_all(&t, &proc);
    assert_int_equal(mem[5], 2); /* the user's byte, not the old one */
    bp_sites_free(&t);
}

static void test_many(void **state)
{
    (void)state;
    fill();
    struct bp_site_table t;
    bp_sites_init(&t);
    struct lerr e;
    srand(1);
    static uint8_t present[SIZE];
    memset(present, 0, sizeof present);
    uint8_t before[SIZE];
    memcpy(before, mem, SIZE);
    for (int round = 0; round < 40000; round++) {
        size_t off = (size_t)rand() % SIZE;
        if (present[off]) {
            assert_int_equal(bp_site_unref(&t, &proc, BASE + off, &e), 0);
            present[off] = 0;
        } else {
            assert_int_equal(bp_site_ref(&t, &proc, BASE + off, &e), 0);
            present[off] = 1;
        }
    }
    size_t count = 0;
    for (size_t off = 0; off < SIZE; off++) {
        count += present[off];
        assert_int_equal(bp_site_find(&t, BASE + off) != NULL, present[off]);
        assert_int_equal(mem[off], present[off] ? 0xcc : before[off]);
    }
    assert_int_equal(t.n, count);
    uint8_t view[SIZE];
    memcpy(view, mem, SIZE);
    bp_sites_hide(&t, BASE, view, SIZE);
    assert_memory_equal(view, before, SIZE);
    bp_sites_remove_all(&t, &proc);
    assert_memory_equal(mem, before, SIZE);
    bp_sites_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ref_and_hide),
        cmocka_unit_test(test_write_through),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
