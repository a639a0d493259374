/* Instructions executed on a register file at a breakpoint site: function
 * entries, ret, relative jumps, conditional jumps and calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arch/x86_64/emulate.h"

/* a small stack at 0x7000-0x7040 */
static uint8_t stack[64];
#define STACK 0x7000u

static int rd(void *ctx, uint64_t a, void *buf, size_t len)
{
    (void)ctx;
    if (a < STACK || a + len > STACK + sizeof stack)
        return -1;
    memcpy(buf, stack + (a - STACK), len);
    return 0;
}

static int wr(void *ctx, uint64_t a, const void *buf, size_t len)
{
    (void)ctx;
    if (a < STACK || a + len > STACK + sizeof stack)
        return -1;
    memcpy(stack + (a - STACK), buf, len);
    return 0;
}

static const struct x86_mem mem = {NULL, rd, wr};

static struct user_regs_struct regs(void)
{
    struct user_regs_struct r;
    memset(&r, 0, sizeof r);
    r.rip = 0x401000;
    r.rsp = STACK + 32;
    r.eflags = 0x202;
    return r;
}

static void test_call_and_ret(void **state)
{
    (void)state;
    struct user_regs_struct r = regs();
    /* call +0x100 */
    const uint8_t call[] = {0xe8, 0x00, 0x01, 0x00, 0x00};
    assert_int_equal(x86_emulate(call, sizeof call, &r, &mem), 1);
    assert_int_equal(r.rip, 0x401005 + 0x100);
    assert_int_equal(r.rsp, STACK + 24);
    uint64_t ra;
    memcpy(&ra, stack + 24, 8);
    assert_int_equal(ra, 0x401005);
    const uint8_t ret[] = {0xc3};
    assert_int_equal(x86_emulate(ret, 1, &r, &mem), 1);
    assert_int_equal(r.rip, 0x401005);
    assert_int_equal(r.rsp, STACK + 32);
    /* a call whose return address cannot be written changes nothing */
    r.rsp = 0x100;
    struct user_regs_struct before = r;
    assert_int_equal(x86_emulate(call, sizeof call, &r, &mem), 0);
    assert_memory_equal(&r, &before, sizeof r);
}

static void test_jumps(void **state)
{
    (void)state;
    struct user_regs_struct r = regs();
    const uint8_t jmp8[] = {0xeb, 0xfe}; /* jmp to itself */
    assert_int_equal(x86_emulate(jmp8, 2, &r, &mem), 1);
    assert_int_equal(r.rip, 0x401000);
    const uint8_t jmp32[] = {0xe9, 0xfb, 0xff, 0xff, 0xff}; /* jmp -5 */
    assert_int_equal(x86_emulate(jmp32, 5, &r, &mem), 1);
    assert_int_equal(r.rip, 0x401000);
}

static void test_conditional(void **state)
{
    (void)state;
    const uint64_t ZF = 0x40, CF = 0x1, SF = 0x80, OF = 0x800;
    const struct {
        uint8_t op;
        uint64_t flags;
        int taken;
    } cases[] = {
        {0x74, ZF, 1},      {0x74, 0, 0},       /* je */
        {0x75, ZF, 0},      {0x75, 0, 1},       /* jne */
        {0x72, CF, 1},      {0x73, CF, 0},      /* jb, jae */
        {0x76, ZF, 1},      {0x77, CF, 0},      /* jbe, ja */
        {0x77, 0, 1},       {0x78, SF, 1},      /* ja, js */
        {0x7c, SF, 1},      {0x7c, SF | OF, 0}, /* jl: SF != OF */
        {0x7d, SF | OF, 1}, {0x7e, ZF, 1},      /* jge, jle */
        {0x7f, 0, 1},       {0x7f, OF, 0},      /* jg */
        {0x70, OF, 1},      {0x71, OF, 0},      /* jo, jno */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct user_regs_struct r = regs();
        r.eflags = 0x202 | cases[i].flags;
        const uint8_t jcc[] = {cases[i].op, 0x10};
        assert_int_equal(x86_emulate(jcc, 2, &r, &mem), 1);
        assert_int_equal(r.rip, 0x401002 + (cases[i].taken ? 0x10 : 0));
    }
    /* jne rel32, not taken and taken */
    struct user_regs_struct r = regs();
    r.eflags |= ZF;
    const uint8_t jne32[] = {0x0f, 0x85, 0x00, 0x02, 0x00, 0x00};
    assert_int_equal(x86_emulate(jne32, 6, &r, &mem), 1);
    assert_int_equal(r.rip, 0x401006);
    r.eflags &= ~ZF;
    assert_int_equal(x86_emulate(jne32, 6, &r, &mem), 1);
    assert_int_equal(r.rip, 0x40100c + 0x200);
}

static void test_entries(void **state)
{
    (void)state;
    struct user_regs_struct r = regs();
    r.rbp = 0x1234;
    const uint8_t endbr[] = {0xf3, 0x0f, 0x1e, 0xfa};
    assert_int_equal(x86_emulate(endbr, 4, &r, &mem), 1);
    assert_int_equal(r.rip, 0x401004);
    const uint8_t push[] = {0x55};
    assert_int_equal(x86_emulate(push, 1, &r, &mem), 1);
    uint64_t v;
    memcpy(&v, stack + 24, 8);
    assert_int_equal(v, 0x1234);
    const uint8_t mov[] = {0x48, 0x89, 0xe5};
    assert_int_equal(x86_emulate(mov, 3, &r, &mem), 1);
    assert_int_equal(r.rbp, STACK + 24);
    /* not one of ours: call rax */
    const uint8_t callr[] = {0xff, 0xd0};
    assert_int_equal(x86_emulate(callr, 2, &r, &mem), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_call_and_ret),
        cmocka_unit_test(test_jumps),
        cmocka_unit_test(test_conditional),
        cmocka_unit_test(test_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
