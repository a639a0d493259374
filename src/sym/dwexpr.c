#include "sym/dwexpr.h"

#include <dwarf.h>
#include <string.h>

#define STACK_MAX 64

/* What the expression so far says the value is, before a piece or the
 * end closes it. */
enum loc_kind {
    LOC_NONE,     /* memory at the address on top of the stack; with an
                     empty stack, nothing: optimised out */
    LOC_REGISTER, /* DW_OP_reg: the register's contents */
    LOC_STACK,    /* DW_OP_stack_value: the number on top of the stack */
    LOC_IMPLICIT, /* DW_OP_implicit_value: bytes */
    LOC_SYNTHETIC /* DW_OP_implicit_pointer */
};

struct machine {
    const struct dw_expr_env *env;
    uint64_t stack[STACK_MAX];
    int sp;
    enum loc_kind kind;
    unsigned reg;
    const uint8_t *imp;
    size_t imp_len;
    /* pieces composed so far, little-endian, bit-exact */
    uint8_t bytes[DW_VALUE_MAX];
    size_t bits;
    int pieces;
};

static int push(struct machine *m, uint64_t v)
{
    if (m->sp >= STACK_MAX)
        return -1;
    m->stack[m->sp++] = v;
    return 0;
}

static int pop(struct machine *m, uint64_t *v)
{
    if (m->sp <= 0)
        return -1;
    *v = m->stack[--m->sp];
    return 0;
}

static int reg_value(const struct machine *m, uint64_t n, uint64_t *v)
{
    const struct sym_regs *r = &m->env->f->regs;
    if (n >= SYM_NREGS || !(r->known & (1u << n)))
        return -1;
    *v = r->r[n];
    return 0;
}

static int read_mem(const struct machine *m, uint64_t addr, void *buf, size_t len)
{
    const struct dw_frame *f = m->env->f;
    return f->read && f->read(f->ctx, addr, buf, len) == 0 ? 0 : -1;
}

/* The bytes of the current location, size of them, into buf. */
static int location_bytes(struct machine *m, size_t size, uint8_t *buf)
{
    uint64_t v;
    memset(buf, 0, size);
    switch (m->kind) {
    case LOC_NONE:
        return m->sp > 0 ? read_mem(m, m->stack[m->sp - 1], buf, size) : -1;
    case LOC_REGISTER:
        if (size > 8 || reg_value(m, m->reg, &v) < 0)
            return -1;
        memcpy(buf, &v, size);
        return 0;
    case LOC_STACK:
        if (size > 8 || m->sp <= 0)
            return -1;
        v = m->stack[m->sp - 1];
        memcpy(buf, &v, size);
        return 0;
    case LOC_IMPLICIT:
        if (size > m->imp_len)
            return -1;
        memcpy(buf, m->imp, size);
        return 0;
    default:
        return -1;
    }
}

/* Appends `bits` bits of the current location, from its bit `offset`. */
static int add_piece(struct machine *m, uint64_t bits, uint64_t offset)
{
    uint8_t src[DW_VALUE_MAX + 8];
    size_t need = (size_t)((offset + bits + 7) / 8);
    if (bits == 0 || need > sizeof src || m->bits + bits > DW_VALUE_MAX * 8)
        return -1;
    if (location_bytes(m, need, src) < 0)
        return -1; /* a piece that is not there: the whole value is not */
    for (uint64_t i = 0; i < bits; i++) {
        uint64_t s = offset + i, d = m->bits + i;
        int bit = (src[s / 8] >> (s % 8)) & 1;
        if (bit)
            m->bytes[d / 8] |= (uint8_t)(1u << (d % 8));
        else
            m->bytes[d / 8] &= (uint8_t)~(1u << (d % 8));
    }
    m->bits += bits;
    m->pieces = 1;
    m->kind = LOC_NONE;
    m->sp = 0;
    return 0;
}

static int binary(struct machine *m, uint8_t op)
{
    uint64_t b, a;
    if (pop(m, &b) < 0 || pop(m, &a) < 0)
        return -1;
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    uint64_t r;
    switch (op) {
    case DW_OP_and: r = a & b; break;
    case DW_OP_or: r = a | b; break;
    case DW_OP_xor: r = a ^ b; break;
    case DW_OP_plus: r = a + b; break;
    case DW_OP_minus: r = a - b; break;
    case DW_OP_mul: r = a * b; break;
    case DW_OP_div:
        if (b == 0 || (sa == INT64_MIN && sb == -1))
            return -1;
        r = (uint64_t)(sa / sb);
        break;
    case DW_OP_mod:
        if (b == 0)
            return -1;
        r = a % b;
        break;
    case DW_OP_shl: r = b >= 64 ? 0 : a << b; break;
    case DW_OP_shr: r = b >= 64 ? 0 : a >> b; break;
    case DW_OP_shra: r = (uint64_t)(b >= 64 ? (sa < 0 ? -1 : 0) : sa >> b); break;
    case DW_OP_eq: r = sa == sb; break;
    case DW_OP_ne: r = sa != sb; break;
    case DW_OP_lt: r = sa < sb; break;
    case DW_OP_le: r = sa <= sb; break;
    case DW_OP_gt: r = sa > sb; break;
    case DW_OP_ge: r = sa >= sb; break;
    default: return -1;
    }
    return push(m, r);
}

/* The index of the operation at byte offset target, or -1. */
static long op_at(const Dwarf_Op *ops, size_t n, uint64_t target)
{
    for (size_t i = 0; i < n; i++)
        if (ops[i].offset == target)
            return (long)i;
    return target == (n ? ops[n - 1].offset + 1 : 0) ? (long)n : -1;
}

/* One operation. Returns 0, 1 when the next op is *next (a branch), -1. */
static int step(struct machine *m, const Dwarf_Op *ops, size_t n, size_t i, size_t *next)
{
    const Dwarf_Op *o = &ops[i];
    const struct dw_expr_env *env = m->env;
    uint8_t op = o->atom;
    uint64_t a, b, c;
    /* a location (register, stack value, implicit) ends the expression or
     * is followed by a piece */
    if (m->kind != LOC_NONE && op != DW_OP_piece && op != DW_OP_bit_piece)
        return -1;
    if (op >= DW_OP_lit0 && op <= DW_OP_lit31)
        return push(m, (uint64_t)(op - DW_OP_lit0));
    if (op >= DW_OP_breg0 && op <= DW_OP_breg31)
        return reg_value(m, op - DW_OP_breg0, &a) < 0 ? -1 : push(m, a + o->number);
    if (op >= DW_OP_reg0 && op <= DW_OP_reg31) {
        m->kind = LOC_REGISTER;
        m->reg = op - DW_OP_reg0;
        return 0;
    }
    switch (op) {
    case DW_OP_addr:
        return push(m, o->number + env->bias);
    case DW_OP_const1u: case DW_OP_const2u: case DW_OP_const4u: case DW_OP_const8u:
    case DW_OP_const1s: case DW_OP_const2s: case DW_OP_const4s: case DW_OP_const8s:
    case DW_OP_constu: case DW_OP_consts:
        return push(m, o->number);
    case DW_OP_regx:
        m->kind = LOC_REGISTER;
        m->reg = (unsigned)(o->number < 64 ? o->number : 64);
        return 0;
    case DW_OP_bregx:
        return reg_value(m, o->number, &a) < 0 ? -1 : push(m, a + o->number2);
    case DW_OP_fbreg:
        return env->fb_known ? push(m, env->fb + o->number) : -1;
    case DW_OP_call_frame_cfa:
        return env->f->cfa ? push(m, env->f->cfa) : -1;
    case DW_OP_dup:
        return m->sp > 0 ? push(m, m->stack[m->sp - 1]) : -1;
    case DW_OP_drop:
        return pop(m, &a);
    case DW_OP_over:
        return m->sp > 1 ? push(m, m->stack[m->sp - 2]) : -1;
    case DW_OP_pick:
        return o->number < (uint64_t)m->sp ? push(m, m->stack[m->sp - 1 - (int)o->number]) : -1;
    case DW_OP_swap:
        if (pop(m, &a) < 0 || pop(m, &b) < 0)
            return -1;
        push(m, a);
        return push(m, b);
    case DW_OP_rot:
        if (pop(m, &a) < 0 || pop(m, &b) < 0 || pop(m, &c) < 0)
            return -1;
        push(m, a);
        push(m, c);
        return push(m, b);
    case DW_OP_deref:
    case DW_OP_deref_size: {
        size_t size = op == DW_OP_deref ? 8 : (size_t)o->number;
        uint64_t v = 0;
        if (size == 0 || size > 8 || pop(m, &a) < 0 || read_mem(m, a, &v, size) < 0)
            return -1;
        return push(m, v);
    }
    case DW_OP_abs:
        if (pop(m, &a) < 0)
            return -1;
        return push(m, (int64_t)a < 0 ? -a : a);
    case DW_OP_neg:
        return pop(m, &a) < 0 ? -1 : push(m, -a);
    case DW_OP_not:
        return pop(m, &a) < 0 ? -1 : push(m, ~a);
    case DW_OP_plus_uconst:
        return pop(m, &a) < 0 ? -1 : push(m, a + o->number);
    case DW_OP_and: case DW_OP_or: case DW_OP_xor: case DW_OP_plus: case DW_OP_minus:
    case DW_OP_mul: case DW_OP_div: case DW_OP_mod: case DW_OP_shl: case DW_OP_shr:
    case DW_OP_shra: case DW_OP_eq: case DW_OP_ne: case DW_OP_lt: case DW_OP_le:
    case DW_OP_gt: case DW_OP_ge:
        return binary(m, op);
    case DW_OP_skip:
    case DW_OP_bra: {
        if (op == DW_OP_bra) {
            if (pop(m, &a) < 0)
                return -1;
            if (a == 0)
                return 0;
        }
        /* the operand is relative to the end of this 3-byte operation */
        long t = op_at(ops, n, o->offset + 3 + (uint64_t)(int64_t)(int16_t)o->number);
        if (t < 0)
            return -1;
        *next = (size_t)t;
        return 1;
    }
    case DW_OP_nop:
        return 0;
    case DW_OP_stack_value:
        if (m->sp <= 0)
            return -1;
        m->kind = LOC_STACK;
        return 0;
    case DW_OP_implicit_value:
        if (!env->implicit_value || env->implicit_value(env->hctx, o, &m->imp, &m->imp_len) < 0)
            return -1;
        m->kind = LOC_IMPLICIT;
        return 0;
    case DW_OP_implicit_pointer:
    case DW_OP_GNU_implicit_pointer:
        m->kind = LOC_SYNTHETIC;
        return 0;
    case DW_OP_entry_value:
    case DW_OP_GNU_entry_value:
        if (!env->entry_value || env->entry_value(env->hctx, o, &a) < 0)
            return -1;
        return push(m, a);
    case DW_OP_GNU_parameter_ref:
        if (!env->parameter_ref || env->parameter_ref(env->hctx, o, &a) < 0)
            return -1;
        return push(m, a);
    case DW_OP_piece:
        return add_piece(m, o->number * 8, 0);
    case DW_OP_bit_piece:
        return add_piece(m, o->number, o->number2);
    default:
        return -1; /* TLS, typed stack, calls: not known here */
    }
}

static int run(struct machine *m, const Dwarf_Op *ops, size_t n)
{
    size_t i = 0, steps = 0;
    while (i < n) {
        if (++steps > 10000)
            return -1; /* a loop of branches */
        size_t next = i + 1;
        if (step(m, ops, n, i, &next) < 0)
            return -1;
        i = next;
    }
    return 0;
}

int dw_expr_eval(const struct dw_expr_env *env, const Dwarf_Op *ops, size_t n, struct dw_var *v)
{
    struct machine m;
    memset(&m, 0, sizeof m);
    m.env = env;
    v->where = DW_WHERE_NONE;
    v->value_len = 0;
    if (n == 0 || run(&m, ops, n) < 0)
        return -1;
    if (m.pieces) {
        if (m.kind != LOC_NONE || m.sp > 0)
            return -1; /* a location after the last piece */
        v->where = DW_WHERE_VALUE;
        v->value_len = (m.bits + 7) / 8;
        memcpy(v->value, m.bytes, v->value_len);
        return 0;
    }
    switch (m.kind) {
    case LOC_NONE:
        if (m.sp <= 0)
            return -1;
        v->where = DW_WHERE_MEMORY;
        v->addr = m.stack[m.sp - 1];
        return 0;
    case LOC_REGISTER:
    case LOC_STACK:
        if (location_bytes(&m, 8, v->value) < 0)
            return -1;
        v->where = DW_WHERE_VALUE;
        v->value_len = 8;
        return 0;
    case LOC_IMPLICIT:
        if (m.imp_len > DW_VALUE_MAX)
            return -1;
        memcpy(v->value, m.imp, m.imp_len);
        v->where = DW_WHERE_VALUE;
        v->value_len = m.imp_len;
        return 0;
    case LOC_SYNTHETIC:
        v->where = DW_WHERE_SYNTHETIC;
        return 0;
    }
    return -1;
}

int dw_expr_value(const struct dw_expr_env *env, const Dwarf_Op *ops, size_t n, uint64_t *out)
{
    struct machine m;
    memset(&m, 0, sizeof m);
    m.env = env;
    if (n == 0 || run(&m, ops, n) < 0 || m.pieces)
        return -1;
    if (m.kind == LOC_REGISTER)
        return reg_value(&m, m.reg, out);
    if ((m.kind != LOC_NONE && m.kind != LOC_STACK) || m.sp <= 0)
        return -1;
    *out = m.stack[m.sp - 1];
    return 0;
}
