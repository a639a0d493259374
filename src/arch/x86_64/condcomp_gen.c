/* The code generator of the condition compiler: x86-64 machine code for a
 * tree of condcomp_int.h, encoded by hand (the handful of instructions it
 * needs does not call for an assembler library). A stack machine: a value
 * is computed into rax; a right operand goes to rcx, directly when it is a
 * leaf (constant, register, flag) and else computed into rax after pushing
 * the left one. Every operator reproduces expr.c's arithmetic, including
 * its cases where the x86 instruction differs (shift counts of 64 or more,
 * INT64_MIN / -1, division by zero). */
#include "arch/x86_64/condcomp_int.h"

#include "arch/x86_64/pad.h"

#include <string.h>

#define MAX_FIXUPS 64

struct em {
    const struct x86_cc_node *nodes;
    uint8_t *out;
    size_t cap, pos;
    int too_long;
    size_t fixups[MAX_FIXUPS]; /* rel32 fields that jump to the div0 exit */
    int nfixups;
};

enum { RAX = 0, RCX = 1, RBX = 3 }; /* register numbers in ModRM */

static void emit(struct em *c, const uint8_t *b, size_t n)
{
    if (c->too_long || n > c->cap - c->pos) {
        c->too_long = 1;
        return;
    }
    memcpy(c->out + c->pos, b, n);
    c->pos += n;
}

#define EMIT(c, ...)                                        \
    do {                                                    \
        const uint8_t bytes_[] = {__VA_ARGS__};             \
        emit((c), bytes_, sizeof bytes_);                   \
    } while (0)

static void emit32(struct em *c, uint32_t v)
{
    EMIT(c, (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24));
}

static int fits8(uint64_t v) { return (int64_t)v >= -128 && (int64_t)v <= 127; }
static int fits32(uint64_t v) { return (int64_t)v >= INT32_MIN && (int64_t)v <= INT32_MAX; }

/* r = v, in the shortest form */
static void load_imm(struct em *c, int r, uint64_t v)
{
    if (v == 0) {
        EMIT(c, 0x31, (uint8_t)(0xc0 | r << 3 | r)); /* xor r32, r32 */
    } else if (v <= UINT32_MAX) {
        EMIT(c, (uint8_t)(0xb8 + r)); /* mov r32, imm32 (zero-extends) */
        emit32(c, (uint32_t)v);
    } else if (fits32(v)) {
        EMIT(c, 0x48, 0xc7, (uint8_t)(0xc0 | r)); /* mov r64, simm32 */
        emit32(c, (uint32_t)v);
    } else {
        EMIT(c, 0x48, (uint8_t)(0xb8 + r)); /* movabs r64, imm64 */
        emit32(c, (uint32_t)v);
        emit32(c, (uint32_t)(v >> 32));
    }
}

/* r = the zero-extended `width` bytes at [base + disp8]; base is rbx
 * (the frame), or rax (a memory operator's address, disp 0). */
static void load_mem(struct em *c, int r, int base, unsigned width, unsigned disp)
{
    uint8_t mod = base == RAX && disp == 0 ? 0x00 : 0x40;
    uint8_t modrm = (uint8_t)(mod | r << 3 | base);
    switch (width) {
    case 8: EMIT(c, 0x48, 0x8b, modrm); break;    /* mov r64, [m] */
    case 4: EMIT(c, 0x8b, modrm); break;          /* mov r32, [m] */
    case 2: EMIT(c, 0x0f, 0xb7, modrm); break;    /* movzx r32, word [m] */
    default: EMIT(c, 0x0f, 0xb6, modrm); break;   /* movzx r32, byte [m] */
    }
    if (mod)
        EMIT(c, (uint8_t)disp);
}

/* r &= the mask of `width` bytes (width < 8) */
static void zero_extend(struct em *c, int r, unsigned width)
{
    uint8_t rr = (uint8_t)(0xc0 | r << 3 | r);
    if (width == 4)
        EMIT(c, 0x89, rr); /* mov r32, r32 */
    else if (width == 2)
        EMIT(c, 0x0f, 0xb7, rr); /* movzx r32, r16 */
    else if (width == 1)
        EMIT(c, 0x0f, 0xb6, rr); /* movzx r32, r8 (al, cl) */
}

static int is_leaf(const struct x86_cc_node *n)
{
    return n->kind == N_CONST || n->kind == N_FRAME || n->kind == N_RSP || n->kind == N_FLAG;
}

/* r = a leaf's value, touching no other register */
static void load_leaf(struct em *c, int r, const struct x86_cc_node *n)
{
    switch (n->kind) {
    case N_CONST:
        load_imm(c, r, n->v);
        break;
    case N_FRAME:
        load_mem(c, r, RBX, n->width, n->disp);
        break;
    case N_RSP:
        EMIT(c, 0x48, 0x8d, (uint8_t)(0x83 | r << 3)); /* lea r, [rbx + disp32] */
        emit32(c, X86_PAD_FRAME_SIZE + X86_PAD_RED_ZONE);
        if (n->width < 8)
            zero_extend(c, r, n->width);
        break;
    default: /* N_FLAG */
        load_mem(c, r, RBX, 8, 8 * X86_PAD_RFLAGS);
        if (n->disp)
            EMIT(c, 0x48, 0xc1, (uint8_t)(0xe8 | r), (uint8_t)n->disp); /* shr r, bit */
        EMIT(c, 0x83, (uint8_t)(0xe0 | r), 0x01);                       /* and r32, 1 */
        break;
    }
}

/* rax = (flags say cc) */
static void set_bool(struct em *c, uint8_t setcc)
{
    EMIT(c, 0x0f, setcc, 0xc0);  /* setcc al */
    EMIT(c, 0x0f, 0xb6, 0xc0);   /* movzx eax, al */
}

static uint8_t setcc_of(int op)
{
    switch (op) {
    case B_EQ: return 0x94; /* sete */
    case B_NE: return 0x95;
    case B_LT: return 0x9c; /* signed, as expr.c compares */
    case B_GE: return 0x9d;
    case B_LE: return 0x9e;
    default: return 0x9f;   /* setg */
    }
}

/* the /digit of the 0x81/0x83 group, or -1 */
static int alu_ext(int op)
{
    switch (op) {
    case B_ADD: return 0;
    case B_OR: return 1;
    case B_AND: return 4;
    case B_SUB: return 5;
    case B_XOR: return 6;
    case B_EQ: case B_NE: case B_LT: case B_GT: case B_LE: case B_GE: return 7; /* cmp */
    default: return -1;
    }
}

static int is_cmp(int op) { return op >= B_EQ && op <= B_GE; }

/* jz to the "cannot decide" exit, patched at the end */
static void jz_div0(struct em *c)
{
    EMIT(c, 0x0f, 0x84);
    if (c->nfixups == MAX_FIXUPS) {
        c->too_long = 1;
        return;
    }
    c->fixups[c->nfixups++] = c->pos;
    emit32(c, 0);
}

/* rax = rax op constant: the short forms; 0 when there is none */
static int op_imm(struct em *c, int op, uint64_t v)
{
    int ext = alu_ext(op);
    if (ext >= 0 && fits32(v)) {
        if (fits8(v))
            EMIT(c, 0x48, 0x83, (uint8_t)(0xc0 | ext << 3), (uint8_t)v);
        else {
            EMIT(c, 0x48, 0x81, (uint8_t)(0xc0 | ext << 3));
            emit32(c, (uint32_t)v);
        }
        if (is_cmp(op))
            set_bool(c, setcc_of(op));
        return 1;
    }
    if (op == B_MUL && fits32(v)) {
        if (fits8(v))
            EMIT(c, 0x48, 0x6b, 0xc0, (uint8_t)v); /* imul rax, rax, imm8 */
        else {
            EMIT(c, 0x48, 0x69, 0xc0);
            emit32(c, (uint32_t)v);
        }
        return 1;
    }
    if (op == B_SHL || op == B_SHR || op == B_SAR) {
        if (v >= 64 && op != B_SAR) {
            EMIT(c, 0x31, 0xc0); /* expr.c: a shift by 64 or more gives 0 */
            return 1;
        }
        uint8_t ext2 = op == B_SHL ? 0xe0 : op == B_SHR ? 0xe8 : 0xf8;
        EMIT(c, 0x48, 0xc1, ext2, (uint8_t)(v >= 64 ? 63 : v)); /* sar fills the sign */
        return 1;
    }
    if ((op == B_DIV || op == B_MOD) && v == UINT64_MAX) {
        /* idiv would trap on INT64_MIN / -1; expr.c gives a there, and
         * -INT64_MIN wraps to it */
        if (op == B_DIV)
            EMIT(c, 0x48, 0xf7, 0xd8); /* neg rax */
        else
            EMIT(c, 0x31, 0xc0);
        return 1;
    }
    if ((op == B_DIV || op == B_MOD) && v != 0) {
        load_imm(c, RCX, v);
        EMIT(c, 0x48, 0x99, 0x48, 0xf7, 0xf9); /* cqo; idiv rcx */
        if (op == B_MOD)
            EMIT(c, 0x48, 0x89, 0xd0); /* mov rax, rdx */
        return 1;
    }
    return 0;
}

/* rax = rax op rcx */
static void op_reg(struct em *c, int op)
{
    switch (op) {
    case B_ADD: EMIT(c, 0x48, 0x01, 0xc8); break;
    case B_SUB: EMIT(c, 0x48, 0x29, 0xc8); break;
    case B_AND: EMIT(c, 0x48, 0x21, 0xc8); break;
    case B_OR: EMIT(c, 0x48, 0x09, 0xc8); break;
    case B_XOR: EMIT(c, 0x48, 0x31, 0xc8); break;
    case B_MUL: EMIT(c, 0x48, 0x0f, 0xaf, 0xc1); break;
    case B_SHL:
    case B_SHR:
        /* x86 masks the count to 6 bits; expr.c gives 0 from 64 on */
        EMIT(c, 0x48, 0xd3, op == B_SHL ? 0xe0 : 0xe8); /* shl/shr rax, cl */
        EMIT(c, 0x31, 0xd2);                            /* xor edx, edx */
        EMIT(c, 0x48, 0x83, 0xf9, 0x40);                /* cmp rcx, 64 */
        EMIT(c, 0x48, 0x0f, 0x43, 0xc2);                /* cmovae rax, rdx */
        break;
    case B_SAR:
        EMIT(c, 0xba, 0x3f, 0x00, 0x00, 0x00);          /* mov edx, 63 */
        EMIT(c, 0x48, 0x83, 0xf9, 0x3f);                /* cmp rcx, 63 */
        EMIT(c, 0x48, 0x0f, 0x47, 0xca);                /* cmova rcx, rdx */
        EMIT(c, 0x48, 0xd3, 0xf8);                      /* sar rax, cl */
        break;
    case B_DIV:
    case B_MOD:
        EMIT(c, 0x48, 0x85, 0xc9); /* test rcx, rcx */
        jz_div0(c);
        EMIT(c, 0x48, 0x83, 0xf9, 0xff); /* cmp rcx, -1 */
        if (op == B_DIV) {
            EMIT(c, 0x75, 0x05);             /* jne idiv */
            EMIT(c, 0x48, 0xf7, 0xd8);       /* neg rax */
            EMIT(c, 0xeb, 0x05);             /* jmp done */
            EMIT(c, 0x48, 0x99, 0x48, 0xf7, 0xf9); /* idiv: cqo; idiv rcx */
        } else {
            EMIT(c, 0x75, 0x04);             /* jne idiv */
            EMIT(c, 0x31, 0xc0);             /* xor eax, eax */
            EMIT(c, 0xeb, 0x08);             /* jmp done */
            EMIT(c, 0x48, 0x99, 0x48, 0xf7, 0xf9, 0x48, 0x89, 0xd0); /* ...; mov rax, rdx */
        }
        break;
    default: /* comparisons */
        EMIT(c, 0x48, 0x39, 0xc8); /* cmp rax, rcx */
        set_bool(c, setcc_of(op));
        break;
    }
}

static void gen(struct em *c, int i)
{
    const struct x86_cc_node *n = &c->nodes[i];
    if (is_leaf(n)) {
        load_leaf(c, RAX, n);
        return;
    }
    if (n->kind == N_MEM) {
        gen(c, n->a);
        load_mem(c, RAX, RAX, n->width, 0);
        return;
    }
    if (n->kind == N_UN) {
        gen(c, n->a);
        switch (n->op) {
        case '-': EMIT(c, 0x48, 0xf7, 0xd8); break; /* neg rax */
        case '~': EMIT(c, 0x48, 0xf7, 0xd0); break; /* not rax */
        case '!':
            EMIT(c, 0x48, 0x85, 0xc0); /* test rax, rax */
            set_bool(c, 0x94);
            break;
        case 'h': EMIT(c, 0x48, 0xc1, 0xe8, 0x10); zero_extend(c, RAX, 2); break;
        default: zero_extend(c, RAX, 2); break; /* low */
        }
        return;
    }
    /* the left operand first, as expr.c reads memory in that order */
    gen(c, n->a);
    const struct x86_cc_node *b = &c->nodes[n->b];
    if (b->kind == N_CONST && op_imm(c, n->op, b->v))
        return;
    if (is_leaf(b)) {
        load_leaf(c, RCX, b);
    } else {
        EMIT(c, 0x50); /* push rax */
        gen(c, n->b);
        EMIT(c, 0x48, 0x89, 0xc1, 0x58); /* mov rcx, rax; pop rax */
    }
    op_reg(c, n->op);
}

/* Whether the code can divide by zero at run time. */
static int may_div0(const struct em *c, int i)
{
    const struct x86_cc_node *n = &c->nodes[i];
    const struct x86_cc_node *b = n->b >= 0 ? &c->nodes[n->b] : NULL;
    if (n->kind == N_BIN && (n->op == B_DIV || n->op == B_MOD) && !(b->kind == N_CONST && b->v))
        return 1;
    return (n->a >= 0 && may_div0(c, n->a)) || (n->b >= 0 && may_div0(c, n->b));
}

int x86_cc_emit(const struct x86_cc_node *nodes, int root, uint8_t *out, size_t cap, size_t *len)
{
    struct em em = {nodes, out, cap, 0, 0, {0}, 0};
    struct em *c = &em;
    int div = may_div0(c, root);
    if (div)
        EMIT(c, 0x49, 0x89, 0xe3); /* mov r11, rsp: the exit drops what is pushed */
    gen(c, root);
    EMIT(c, 0x31, 0xd2); /* xor edx, edx */
    if (div) {
        EMIT(c, 0xeb, 0x08);                   /* jmp end */
        size_t exit = c->pos;                  /* division by zero: */
        EMIT(c, 0x4c, 0x89, 0xdc);             /* mov rsp, r11 */
        EMIT(c, 0xba, 0x01, 0x00, 0x00, 0x00); /* mov edx, 1 */
        for (int i = 0; i < c->nfixups && !c->too_long; i++) {
            uint32_t rel = (uint32_t)(exit - (c->fixups[i] + 4));
            memcpy(out + c->fixups[i], &rel, 4);
        }
    }
    if (c->too_long)
        return -1;
    *len = c->pos;
    return 0;
}
