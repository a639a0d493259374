/* Inside the condition compiler (condcomp.h): the tree the parser
 * (condcomp.c) builds and the code generator (condcomp_gen.c) encodes.
 * Constants are already folded: a node of another kind depends on the
 * program's registers or memory. */
#ifndef LINDBG_ARCH_X86_64_CONDCOMP_INT_H
#define LINDBG_ARCH_X86_64_CONDCOMP_INT_H

#include <stddef.h>
#include <stdint.h>

#define X86_CC_MAX_NODES 256

enum x86_cc_kind {
    N_CONST, /* v */
    N_FRAME, /* `width` bytes at byte `disp` of the pad's frame (rbx) */
    N_RSP,   /* the program's rsp, cut to `width` bytes */
    N_FLAG,  /* bit `disp` of the saved rflags */
    N_MEM,   /* `width` bytes at address a */
    N_UN,    /* op a */
    N_BIN,   /* a op b */
};

enum x86_cc_binop {
    B_ADD, B_SUB, B_MUL, B_DIV, B_MOD, B_SHL, B_SHR /* >>> */, B_SAR /* >> */,
    B_EQ, B_NE, B_LT, B_GT, B_LE, B_GE, B_AND, B_OR, B_XOR,
};

struct x86_cc_node {
    enum x86_cc_kind kind;
    int op;         /* N_UN: '-' '~' '!' 'h' (hi) 'l' (low); N_BIN: enum x86_cc_binop */
    unsigned width; /* N_FRAME, N_RSP, N_MEM: bytes */
    unsigned disp;  /* N_FRAME: byte offset in the frame; N_FLAG: bit */
    uint64_t v;     /* N_CONST */
    int a, b;       /* operands: node indexes, -1 when none */
};

/* Machine code for the tree rooted at nodes[root], with the contract of
 * x86_cond_compile(). Returns 0, or -1 when it does not fit in cap bytes
 * (nothing is written past cap). */
int x86_cc_emit(const struct x86_cc_node *nodes, int root, uint8_t *out, size_t cap, size_t *len);

#endif
