/* The x86-64 register table: names, parts, flags, and their arithmetic on
 * a register file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arch/x86_64/disasm.h"
#include "arch/x86_64/regs.h"

static void test_lookup(void **state)
{
    (void)state;
    assert_non_null(x86_reg_lookup("rax"));
    assert_non_null(x86_reg_lookup("RAX"));
    assert_non_null(x86_reg_lookup("@r15d"));
    assert_non_null(x86_reg_lookup("zf"));
    assert_int_equal(x86_reg_lookup("dr7")->kind, X86_REG_DR);
    assert_int_equal(x86_reg_lookup("dr7")->index, 7);
    assert_null(x86_reg_lookup("dr4"));
    assert_null(x86_reg_lookup("rax2"));
    assert_null(x86_reg_lookup(""));
    assert_null(x86_reg_lookupn("raxx", 4));
    assert_non_null(x86_reg_lookupn("raxx", 3));
}

static void test_parts(void **state)
{
    (void)state;
    struct user_regs_struct r;
    memset(&r, 0, sizeof r);
    r.rax = 0x1122334455667788ULL;
    assert_int_equal(x86_reg_get(x86_reg_lookup("eax"), &r), 0x55667788);
    assert_int_equal(x86_reg_get(x86_reg_lookup("ax"), &r), 0x7788);
    assert_int_equal(x86_reg_get(x86_reg_lookup("al"), &r), 0x88);
    assert_int_equal(x86_reg_get(x86_reg_lookup("ah"), &r), 0x77);
    x86_reg_set(x86_reg_lookup("ah"), &r, 0xab);
    assert_int_equal(r.rax, 0x112233445566ab88ULL);
    x86_reg_set(x86_reg_lookup("eax"), &r, 0);
    assert_int_equal(r.rax, 0x1122334400000000ULL);
    x86_reg_set(x86_reg_lookup("r9b"), &r, 0x1ff); /* truncated to the part */
    assert_int_equal(r.r9, 0xff);
}

static void test_flags(void **state)
{
    (void)state;
    struct user_regs_struct r;
    memset(&r, 0, sizeof r);
    r.eflags = 0x246;
    assert_int_equal(x86_reg_get(x86_reg_lookup("zf"), &r), 1);
    assert_int_equal(x86_reg_get(x86_reg_lookup("cf"), &r), 0);
    x86_reg_set(x86_reg_lookup("cf"), &r, 1);
    assert_int_equal(r.eflags, 0x247);
    char t[32];
    x86_flags_text(0x246, t);
    assert_string_equal(t, "nv up ei pl zr na pe nc");
    x86_flags_text(0xcd5, t);
    assert_string_equal(t, "ov dn di ng zr ac pe cy");
}

static void test_disasm(void **state)
{
    (void)state;
    struct x86_insn in;
    const uint8_t mov[] = {0x48, 0x89, 0xe7};
    assert_int_equal(x86_disasm(0x1000, mov, sizeof mov, &in, NULL, NULL), 0);
    assert_string_equal(in.text, "mov     rdi,rsp");
    assert_int_equal(in.length, 3);
    const uint8_t call[] = {0xe8, 0x10, 0, 0, 0};
    x86_disasm(0x555555555149ULL, call, sizeof call, &in, NULL, NULL);
    assert_string_equal(in.text, "call    00005555`5555515e");
    assert_true(in.is_call);
    assert_int_equal(in.branch_target, 0x55555555515eULL);
    const uint8_t imm[] = {0xc7, 0x45, 0xfc, 0xff, 0xff, 0xff, 0xff};
    x86_disasm(0, imm, sizeof imm, &in, NULL, NULL);
    assert_string_equal(in.text, "mov     dword ptr [rbp-4h],0FFFFFFFFh");
    const uint8_t bad[] = {0x0f, 0xff};
    assert_int_equal(x86_disasm(0, bad, 1, &in, NULL, NULL), -1);
    assert_string_equal(in.text, "???");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_disasm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
