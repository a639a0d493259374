/* The memory a system call wrote, from its arguments and result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <cmocka.h>

#include "arch/x86_64/kwrites.h"

static uint64_t fake_mem[64];
#define BASE 0x7000

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < BASE || addr + len > BASE + sizeof fake_mem)
        return -1;
    memcpy(buf, (char *)fake_mem + (addr - BASE), len);
    return 0;
}

static void test_simple(void **state)
{
    (void)state;
    struct kw_range r[4];
    uint64_t a[6] = {3, 0x5000, 256, 0, 0, 0};
    assert_int_equal(kw_written(SYS_read, a, 100, fake_read, NULL, r, 4), 1);
    assert_int_equal(r[0].addr, 0x5000);
    assert_int_equal(r[0].len, 100);
    assert_int_equal(kw_written(SYS_read, a, 0, fake_read, NULL, r, 4), 0);   /* EOF */
    assert_int_equal(kw_written(SYS_read, a, -9, fake_read, NULL, r, 4), 0);  /* EBADF */
    uint64_t g[6] = {0x6000, 16, 0, 0, 0, 0};
    assert_int_equal(kw_written(SYS_getrandom, g, 16, fake_read, NULL, r, 4), 1);
    assert_int_equal(r[0].addr, 0x6000);
    uint64_t st[6] = {3, 0x6100, 0, 0, 0, 0};
    assert_int_equal(kw_written(SYS_fstat, st, 0, fake_read, NULL, r, 4), 1);
    assert_int_equal(r[0].len, 144);
    uint64_t sx[6] = {0, 0, 0, 0, 0x6200, 0};
    assert_int_equal(kw_written(SYS_statx, sx, 0, fake_read, NULL, r, 4), 1);
    assert_int_equal(r[0].addr, 0x6200);
    uint64_t w[6] = {-1ULL, 0x6300, 0, 0, 0, 0};
    assert_int_equal(kw_written(SYS_wait4, w, 42, fake_read, NULL, r, 4), 1);
    assert_int_equal(r[0].len, 4);
    assert_int_equal(kw_written(SYS_write, a, 100, fake_read, NULL, r, 4), 0);
    assert_string_equal(kw_name(SYS_pread64), "pread64");
    assert_null(kw_name(SYS_write));
}

static void test_vectors(void **state)
{
    (void)state;
    /* two iovecs of 10 and 20 bytes; 25 were read */
    fake_mem[0] = 0x9000;
    fake_mem[1] = 10;
    fake_mem[2] = 0xa000;
    fake_mem[3] = 20;
    struct kw_range r[4];
    uint64_t a[6] = {3, BASE, 2, 0, 0, 0};
    assert_int_equal(kw_written(SYS_readv, a, 25, fake_read, NULL, r, 4), 2);
    assert_int_equal(r[0].addr, 0x9000);
    assert_int_equal(r[0].len, 10);
    assert_int_equal(r[1].addr, 0xa000);
    assert_int_equal(r[1].len, 15);
    /* recvmsg: msghdr at BASE+64 pointing at the same iovecs */
    fake_mem[8 + 2] = BASE;
    fake_mem[8 + 3] = 2;
    uint64_t m[6] = {3, BASE + 64, 0, 0, 0, 0};
    assert_int_equal(kw_written(SYS_recvmsg, m, 5, fake_read, NULL, r, 4), 1);
    assert_int_equal(r[0].len, 5);
    /* an unreadable iovec array: nothing claimed */
    uint64_t bad[6] = {3, 0x10, 2, 0, 0, 0};
    assert_int_equal(kw_written(SYS_readv, bad, 25, fake_read, NULL, r, 4), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
