/* Memory accesses of one instruction, and the emulated loads and stores
 * that data breakpoints by page protection rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arch/x86_64/memaccess.h"

/* 64 bytes of fake memory at 0x1000 */
static uint8_t ram[64];
#define BASE 0x1000u

static int rd(void *ctx, uint64_t a, void *buf, size_t len)
{
    (void)ctx;
    if (a < BASE || a + len > BASE + sizeof ram)
        return -1;
    memcpy(buf, ram + (a - BASE), len);
    return 0;
}

static int wr(void *ctx, uint64_t a, const void *buf, size_t len)
{
    (void)ctx;
    if (a < BASE || a + len > BASE + sizeof ram)
        return -1;
    memcpy(ram + (a - BASE), buf, len);
    return 0;
}

static const struct x86_mem mem = {NULL, rd, wr};

static struct user_regs_struct regs(void)
{
    struct user_regs_struct r;
    memset(&r, 0, sizeof r);
    r.rip = 0x400000;
    r.rsp = 0x7000;
    r.rbp = 0x7100;
    return r;
}

static void test_accesses(void **state)
{
    (void)state;
    struct user_regs_struct r = regs();
    struct x86_access a[4];
    unsigned len = 0;
    /* mov dword [rip+0x10], 0x5 (c7 05 10 00 00 00 05 00 00 00) */
    const uint8_t st[] = {0xc7, 0x05, 0x10, 0, 0, 0, 5, 0, 0, 0};
    assert_int_equal(x86_mem_accesses(st, sizeof st, &r, a, 4, &len), 1);
    assert_int_equal(len, 10);
    assert_int_equal(a[0].addr, 0x400000 + 10 + 0x10);
    assert_int_equal(a[0].len, 4);
    assert_true(a[0].write && !a[0].read);
    /* mov rax, [rbx+rcx*8+0x8] (48 8b 44 cb 08) */
    r.rbx = 0x2000;
    r.rcx = 3;
    const uint8_t ld[] = {0x48, 0x8b, 0x44, 0xcb, 0x08};
    assert_int_equal(x86_mem_accesses(ld, sizeof ld, &r, a, 4, &len), 1);
    assert_int_equal(a[0].addr, 0x2000 + 24 + 8);
    assert_int_equal(a[0].len, 8);
    assert_true(a[0].read && !a[0].write);
    /* push rbp (55): 8 bytes below rsp */
    const uint8_t push[] = {0x55};
    assert_int_equal(x86_mem_accesses(push, 1, &r, a, 4, &len), 1);
    assert_int_equal(a[0].addr, 0x7000 - 8);
    assert_true(a[0].write);
    /* add dword [rbp-0x4], 1: read and write */
    const uint8_t add[] = {0x83, 0x45, 0xfc, 0x01};
    assert_int_equal(x86_mem_accesses(add, sizeof add, &r, a, 4, &len), 1);
    assert_int_equal(a[0].addr, 0x7100 - 4);
    assert_true(a[0].read && a[0].write);
    /* rep stosb with rcx = 5 at rdi: all five bytes */
    r.rdi = 0x3000;
    r.rcx = 5;
    const uint8_t stos[] = {0xf3, 0xaa};
    assert_int_equal(x86_mem_accesses(stos, 2, &r, a, 4, &len), 1);
    assert_int_equal(a[0].addr, 0x3000);
    assert_int_equal(a[0].len, 5);
    /* garbage does not decode */
    const uint8_t bad[] = {0x0f, 0xff};
    assert_int_equal(x86_mem_accesses(bad, 2, &r, a, 4, &len), -1);
}

static void test_emulate_mov(void **state)
{
    (void)state;
    memset(ram, 0, sizeof ram);
    struct user_regs_struct r = regs();
    r.rbx = BASE;
    r.rax = 0x1122334455667788ull;
    /* mov [rbx+8], eax (89 43 08) */
    const uint8_t st[] = {0x89, 0x43, 0x08};
    assert_int_equal(x86_emulate_mem(st, sizeof st, &r, &mem), 1);
    assert_int_equal(r.rip, 0x400003);
    uint32_t v32;
    memcpy(&v32, ram + 8, 4);
    assert_int_equal(v32, 0x55667788u);
    assert_int_equal(ram[12], 0);
    /* mov ecx, [rbx+8]: the upper half of rcx is cleared */
    r.rcx = ~0ull;
    const uint8_t ld[] = {0x8b, 0x4b, 0x08};
    assert_int_equal(x86_emulate_mem(ld, sizeof ld, &r, &mem), 1);
    assert_int_equal(r.rcx, 0x55667788u);
    /* mov byte [rbx], 0xff; movsx rdx, byte [rbx]; movzx esi, byte [rbx] */
    const uint8_t stb[] = {0xc6, 0x03, 0xff};
    assert_int_equal(x86_emulate_mem(stb, sizeof stb, &r, &mem), 1);
    assert_int_equal(ram[0], 0xff);
    const uint8_t sx[] = {0x48, 0x0f, 0xbe, 0x13};
    assert_int_equal(x86_emulate_mem(sx, sizeof sx, &r, &mem), 1);
    assert_int_equal(r.rdx, ~0ull);
    const uint8_t zx[] = {0x0f, 0xb6, 0x33};
    assert_int_equal(x86_emulate_mem(zx, sizeof zx, &r, &mem), 1);
    assert_int_equal(r.rsi, 0xff);
    /* mov qword [rbx+16], -1 (48 c7 43 10 ff ff ff ff): imm32 sign-extended */
    const uint8_t stq[] = {0x48, 0xc7, 0x43, 0x10, 0xff, 0xff, 0xff, 0xff};
    assert_int_equal(x86_emulate_mem(stq, sizeof stq, &r, &mem), 1);
    uint64_t v64;
    memcpy(&v64, ram + 16, 8);
    assert_int_equal(v64, ~0ull);
    /* mov al, [rbx]: merges into rax */
    r.rax = 0x1100;
    const uint8_t lb[] = {0x8a, 0x03};
    assert_int_equal(x86_emulate_mem(lb, sizeof lb, &r, &mem), 1);
    assert_int_equal(r.rax, 0x11ff);
}

static void test_emulate_alu(void **state)
{
    (void)state;
    memset(ram, 0, sizeof ram);
    struct user_regs_struct r = regs();
    r.rbx = BASE;
    ram[0] = 0xff;
    /* add dword [rbx], 1 (83 03 01): 0xff + 1 = 0x100, no carry */
    const uint8_t add[] = {0x83, 0x03, 0x01};
    assert_int_equal(x86_emulate_mem(add, sizeof add, &r, &mem), 1);
    assert_int_equal(ram[0], 0);
    assert_int_equal(ram[1], 1);
    assert_int_equal(r.eflags & 0x8d5, 0x10 | 0x4); /* AF, and PF (low byte 0) */
    /* sub byte [rbx], 1 (80 2b 01): 0 - 1 = 0xff, CF SF AF PF */
    const uint8_t sub[] = {0x80, 0x2b, 0x01};
    assert_int_equal(x86_emulate_mem(sub, sizeof sub, &r, &mem), 1);
    assert_int_equal(ram[0], 0xff);
    assert_int_equal(r.eflags & 0x8d5, 0x1 | 0x4 | 0x10 | 0x80);
    /* inc dword [rbx+4] at 0x7fffffff: OF and SF, CF kept from before */
    uint32_t big = 0x7fffffff;
    memcpy(ram + 4, &big, 4);
    const uint8_t inc[] = {0xff, 0x43, 0x04};
    assert_int_equal(x86_emulate_mem(inc, sizeof inc, &r, &mem), 1);
    memcpy(&big, ram + 4, 4);
    assert_int_equal(big, 0x80000000u);
    assert_true(r.eflags & 0x800);
    assert_true(r.eflags & 0x80);
    assert_true(r.eflags & 0x1);
    /* cmp [rbx+4], eax with eax = 0x80000000: ZF, memory unchanged */
    r.rax = 0x80000000u;
    const uint8_t cmp[] = {0x39, 0x43, 0x04};
    assert_int_equal(x86_emulate_mem(cmp, sizeof cmp, &r, &mem), 1);
    assert_true(r.eflags & 0x40);
    /* xor [rbx+4], eax: zero */
    const uint8_t x[] = {0x31, 0x43, 0x04};
    assert_int_equal(x86_emulate_mem(x, sizeof x, &r, &mem), 1);
    memcpy(&big, ram + 4, 4);
    assert_int_equal(big, 0);
    assert_true(r.eflags & 0x40);
    assert_false(r.eflags & 0x1);
}

static void test_emulate_string(void **state)
{
    (void)state;
    memset(ram, 0, sizeof ram);
    struct user_regs_struct r = regs();
    r.rdi = BASE + 8;
    r.rax = 0x1122334455667788ull;
    /* stosq: 8 bytes at rdi, rdi += 8 */
    const uint8_t stosq[] = {0x48, 0xab};
    assert_int_equal(x86_emulate_mem(stosq, sizeof stosq, &r, &mem), 1);
    uint64_t v;
    memcpy(&v, ram + 8, 8);
    assert_int_equal(v, 0x1122334455667788ull);
    assert_int_equal(r.rdi, BASE + 16);
    assert_int_equal(r.rip, 0x400002);
    /* movsb with DF set: one byte from rsi to rdi, both move down */
    r.rsi = BASE + 8;
    r.rdi = BASE + 32;
    r.eflags |= 0x400;
    const uint8_t movsb[] = {0xa4};
    assert_int_equal(x86_emulate_mem(movsb, 1, &r, &mem), 1);
    assert_int_equal(ram[32], 0x88);
    assert_int_equal(r.rsi, BASE + 7);
    assert_int_equal(r.rdi, BASE + 31);
    /* rep stosb is not emulated */
    const uint8_t rep[] = {0xf3, 0xaa};
    assert_int_equal(x86_emulate_mem(rep, 2, &r, &mem), 0);
}

static void test_not_emulated(void **state)
{
    (void)state;
    struct user_regs_struct r = regs(), before;
    r.rbx = BASE;
    before = r;
    /* lock add [rbx], eax; movaps [rbx], xmm0; mov [rbx], ah; bad address */
    const uint8_t lock[] = {0xf0, 0x01, 0x03};
    const uint8_t sse[] = {0x0f, 0x29, 0x03};
    const uint8_t ah[] = {0x88, 0x23};
    const uint8_t far[] = {0x89, 0x04, 0x25, 0, 0, 0, 0x10}; /* mov [0x10000000], eax */
    assert_int_equal(x86_emulate_mem(lock, sizeof lock, &r, &mem), 0);
    assert_int_equal(x86_emulate_mem(sse, sizeof sse, &r, &mem), 0);
    assert_int_equal(x86_emulate_mem(ah, sizeof ah, &r, &mem), 0);
    assert_int_equal(x86_emulate_mem(far, sizeof far, &r, &mem), 0);
    assert_memory_equal(&r, &before, sizeof r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accesses),
        cmocka_unit_test(test_emulate_mov),
        cmocka_unit_test(test_emulate_alu),
        cmocka_unit_test(test_emulate_string),
        cmocka_unit_test(test_not_emulated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
