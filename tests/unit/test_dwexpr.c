/* The DWARF expression machine (sym/dwexpr.c) over hand-made operation
 * arrays, as libdw decodes them: a frame with some registers known, a
 * fake memory, and hooks for what needs more than the frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <dwarf.h>

#include "sym/dwexpr.h"

static uint8_t memory[64]; /* at address 0x1000 */

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < 0x1000 || addr + len > 0x1000 + sizeof memory)
        return -1;
    memcpy(buf, memory + (addr - 0x1000), len);
    return 0;
}

static struct dw_frame frame;
static struct dw_expr_env env;

static int setup(void **state)
{
    (void)state;
    memset(&frame, 0, sizeof frame);
    frame.read = fake_read;
    frame.cfa = 0x1020;
    frame.regs.r[5] = 0x1111; /* rdi */
    frame.regs.r[4] = 0x2222; /* rsi */
    frame.regs.r[7] = 0x1008; /* rsp */
    frame.regs.known = 1u << 5 | 1u << 4 | 1u << 7;
    memset(&env, 0, sizeof env);
    env.f = &frame;
    for (size_t i = 0; i < sizeof memory; i++)
        memory[i] = (uint8_t)i;
    return 0;
}

/* ops with their byte offsets filled in as 1 + operand bytes, enough for
 * the branches used here */
#define OP(a, n) {.atom = (a), .number = (Dwarf_Word)(n)}

static uint64_t value64(const struct dw_var *v)
{
    uint64_t x = 0;
    memcpy(&x, v->value, v->value_len < 8 ? v->value_len : 8);
    return x;
}

static void test_register(void **state)
{
    (void)state;
    struct dw_var v;
    Dwarf_Op known[] = {OP(DW_OP_reg5, 0)};
    assert_int_equal(dw_expr_eval(&env, known, 1, &v), 0);
    assert_int_equal(v.where, DW_WHERE_VALUE);
    assert_int_equal(value64(&v), 0x1111);
    /* rbx is not known in this frame: optimised out, never a number */
    Dwarf_Op lost[] = {OP(DW_OP_reg3, 0)};
    assert_int_equal(dw_expr_eval(&env, lost, 1, &v), -1);
    assert_int_equal(v.where, DW_WHERE_NONE);
    Dwarf_Op lost_breg[] = {OP(DW_OP_breg3, 8)};
    assert_int_equal(dw_expr_eval(&env, lost_breg, 1, &v), -1);
}

static void test_memory(void **state)
{
    (void)state;
    struct dw_var v;
    Dwarf_Op breg[] = {OP(DW_OP_breg7, 16)};
    assert_int_equal(dw_expr_eval(&env, breg, 1, &v), 0);
    assert_int_equal(v.where, DW_WHERE_MEMORY);
    assert_int_equal(v.addr, 0x1018);
    Dwarf_Op cfa[] = {OP(DW_OP_call_frame_cfa, 0), OP(DW_OP_plus_uconst, 8)};
    assert_int_equal(dw_expr_eval(&env, cfa, 2, &v), 0);
    assert_int_equal(v.addr, 0x1028);
    Dwarf_Op fb[] = {OP(DW_OP_fbreg, (uint64_t)-24)};
    assert_int_equal(dw_expr_eval(&env, fb, 1, &v), -1); /* no frame base */
    env.fb = 0x1030;
    env.fb_known = 1;
    assert_int_equal(dw_expr_eval(&env, fb, 1, &v), 0);
    assert_int_equal(v.addr, 0x1018);
    frame.cfa = 0;
    assert_int_equal(dw_expr_eval(&env, cfa, 2, &v), -1);
}

static void test_stack_value(void **state)
{
    (void)state;
    struct dw_var v;
    /* (rdi - 1) * 3, as GCC writes a value it never stored */
    Dwarf_Op ops[] = {OP(DW_OP_breg5, (uint64_t)-1), OP(DW_OP_lit3, 0), OP(DW_OP_mul, 0),
                      OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, ops, 4, &v), 0);
    assert_int_equal(v.where, DW_WHERE_VALUE);
    assert_int_equal(value64(&v), 0x1110 * 3);
    /* sign extension of the low 32 bits: shl 32, shra 32 */
    Dwarf_Op ext[] = {OP(DW_OP_const4u, 0xfffffffe), OP(DW_OP_const1u, 32), OP(DW_OP_shl, 0),
                      OP(DW_OP_const1u, 32), OP(DW_OP_shra, 0), OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, ext, 6, &v), 0);
    assert_int_equal((int64_t)value64(&v), -2);
    /* stack_value must end the expression (or precede a piece) */
    Dwarf_Op bad[] = {OP(DW_OP_lit1, 0), OP(DW_OP_stack_value, 0), OP(DW_OP_lit2, 0)};
    assert_int_equal(dw_expr_eval(&env, bad, 3, &v), -1);
    Dwarf_Op div0[] = {OP(DW_OP_lit1, 0), OP(DW_OP_lit0, 0), OP(DW_OP_div, 0),
                       OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, div0, 4, &v), -1);
    Dwarf_Op under[] = {OP(DW_OP_plus, 0), OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, under, 2, &v), -1);
}

static void test_deref(void **state)
{
    (void)state;
    struct dw_var v;
    Dwarf_Op ops[] = {OP(DW_OP_breg7, 0), OP(DW_OP_deref_size, 2), OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, ops, 3, &v), 0);
    assert_int_equal(value64(&v), 0x0908); /* bytes 8, 9 of memory */
    Dwarf_Op far[] = {OP(DW_OP_lit8, 0), OP(DW_OP_deref, 0), OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, far, 3, &v), -1); /* unreadable */
}

static void test_pieces(void **state)
{
    (void)state;
    struct dw_var v;
    /* a 16-byte struct in rdi:rsi */
    Dwarf_Op regs[] = {OP(DW_OP_reg5, 0), OP(DW_OP_piece, 8), OP(DW_OP_reg4, 0),
                       OP(DW_OP_piece, 8)};
    assert_int_equal(dw_expr_eval(&env, regs, 4, &v), 0);
    assert_int_equal(v.where, DW_WHERE_VALUE);
    assert_int_equal(v.value_len, 16);
    uint64_t hi;
    memcpy(&hi, v.value + 8, 8);
    assert_int_equal(value64(&v), 0x1111);
    assert_int_equal(hi, 0x2222);
    /* a memory piece is read now, a constant piece is its low bytes */
    Dwarf_Op mixed[] = {OP(DW_OP_breg7, 4), OP(DW_OP_piece, 4), OP(DW_OP_lit7, 0),
                        OP(DW_OP_stack_value, 0), OP(DW_OP_piece, 4)};
    assert_int_equal(dw_expr_eval(&env, mixed, 5, &v), 0);
    assert_int_equal(v.value_len, 8);
    assert_int_equal(value64(&v), 0x000000070f0e0d0cULL);
    /* a missing piece: the whole value is optimised out */
    Dwarf_Op hole[] = {OP(DW_OP_reg5, 0), OP(DW_OP_piece, 8), OP(DW_OP_piece, 8)};
    assert_int_equal(dw_expr_eval(&env, hole, 3, &v), -1);
    Dwarf_Op lost[] = {OP(DW_OP_reg5, 0), OP(DW_OP_piece, 8), OP(DW_OP_reg3, 0),
                       OP(DW_OP_piece, 8)};
    assert_int_equal(dw_expr_eval(&env, lost, 4, &v), -1);
    /* bit pieces: 4 bits of rdi from bit 4 (0x1), then 4 bits of rsi (0x2) */
    Dwarf_Op bits[] = {{.atom = DW_OP_reg5, .number = 0},
                       {.atom = DW_OP_bit_piece, .number = 4, .number2 = 4},
                       {.atom = DW_OP_reg4, .number = 0},
                       {.atom = DW_OP_bit_piece, .number = 4, .number2 = 0}};
    assert_int_equal(dw_expr_eval(&env, bits, 4, &v), 0);
    assert_int_equal(v.value_len, 1);
    assert_int_equal(v.value[0], 0x21);
}

static int entry_hook(void *hctx, const Dwarf_Op *op, uint64_t *out)
{
    (void)op;
    if (!hctx)
        return -1;
    *out = *(uint64_t *)hctx;
    return 0;
}

static void test_entry_value(void **state)
{
    (void)state;
    struct dw_var v;
    Dwarf_Op ops[] = {OP(DW_OP_entry_value, 0), OP(DW_OP_plus_uconst, 100),
                      OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, ops, 3, &v), -1); /* no hook */
    uint64_t at_entry = 14;
    env.entry_value = entry_hook;
    env.hctx = &at_entry;
    assert_int_equal(dw_expr_eval(&env, ops, 3, &v), 0);
    assert_int_equal(value64(&v), 114);
    env.hctx = NULL; /* the caller's call site does not say */
    assert_int_equal(dw_expr_eval(&env, ops, 3, &v), -1);
    Dwarf_Op gnu[] = {OP(DW_OP_GNU_parameter_ref, 0x40), OP(DW_OP_stack_value, 0)};
    assert_int_equal(dw_expr_eval(&env, gnu, 2, &v), -1);
}

static void test_implicit_pointer(void **state)
{
    (void)state;
    struct dw_var v;
    Dwarf_Op ops[] = {{.atom = DW_OP_implicit_pointer, .number = 0x55, .number2 = 0}};
    assert_int_equal(dw_expr_eval(&env, ops, 1, &v), 0);
    assert_int_equal(v.where, DW_WHERE_SYNTHETIC);
    Dwarf_Op tls[] = {OP(DW_OP_const8u, 16), OP(DW_OP_form_tls_address, 0)};
    assert_int_equal(dw_expr_eval(&env, tls, 2, &v), -1);
    Dwarf_Op none[1];
    assert_int_equal(dw_expr_eval(&env, none, 0, &v), -1);
    assert_int_equal(v.where, DW_WHERE_NONE);
}

static void test_branches(void **state)
{
    (void)state;
    struct dw_var v;
    /* lit0; bra +1 (not taken); lit5; skip +1 over lit6; stack_value:
     * offsets: lit0 0, bra 1, lit5 4, skip 5, lit6 8, stack_value 9 */
    Dwarf_Op ops[] = {{.atom = DW_OP_lit0, .offset = 0},
                      {.atom = DW_OP_bra, .number = 1, .offset = 1},
                      {.atom = DW_OP_lit5, .offset = 4},
                      {.atom = DW_OP_skip, .number = 1, .offset = 5},
                      {.atom = DW_OP_lit6, .offset = 8},
                      {.atom = DW_OP_stack_value, .offset = 9}};
    assert_int_equal(dw_expr_eval(&env, ops, 6, &v), 0);
    assert_int_equal(value64(&v), 5);
    /* a branch into the middle of an operation */
    Dwarf_Op wild[] = {{.atom = DW_OP_skip, .number = 1, .offset = 0},
                       {.atom = DW_OP_const2u, .number = 1, .offset = 3},
                       {.atom = DW_OP_stack_value, .offset = 6}};
    assert_int_equal(dw_expr_eval(&env, wild, 3, &v), -1);
    /* an endless loop ends */
    Dwarf_Op loop[] = {{.atom = DW_OP_skip, .number = (Dwarf_Word)-3, .offset = 0}};
    assert_int_equal(dw_expr_eval(&env, loop, 1, &v), -1);
}

static void test_value(void **state)
{
    (void)state;
    uint64_t x;
    Dwarf_Op cfa[] = {OP(DW_OP_call_frame_cfa, 0)};
    assert_int_equal(dw_expr_value(&env, cfa, 1, &x), 0);
    assert_int_equal(x, 0x1020);
    Dwarf_Op reg[] = {OP(DW_OP_reg4, 0)}; /* a frame base in a register: its value */
    assert_int_equal(dw_expr_value(&env, reg, 1, &x), 0);
    assert_int_equal(x, 0x2222);
    Dwarf_Op breg[] = {OP(DW_OP_breg5, 0x10)};
    assert_int_equal(dw_expr_value(&env, breg, 1, &x), 0);
    assert_int_equal(x, 0x1121);
    Dwarf_Op lost[] = {OP(DW_OP_reg0, 0)};
    assert_int_equal(dw_expr_value(&env, lost, 1, &x), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_register, setup),
        cmocka_unit_test_setup(test_memory, setup),
        cmocka_unit_test_setup(test_stack_value, setup),
        cmocka_unit_test_setup(test_deref, setup),
        cmocka_unit_test_setup(test_pieces, setup),
        cmocka_unit_test_setup(test_entry_value, setup),
        cmocka_unit_test_setup(test_implicit_pointer, setup),
        cmocka_unit_test_setup(test_branches, setup),
        cmocka_unit_test_setup(test_value, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
