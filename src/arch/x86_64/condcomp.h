/* Breakpoint conditions compiled to x86-64 machine code, for the pads that
 * decide a breakpoint inside the target (issue 19). A subset of MASM (see
 * expr/expr.h) is compiled: numbers, the registers a pad saves (and their
 * parts), rsp, rip/$ip, efl and its flag bits, symbols (resolved now, to
 * constants), poi/qwo/dwo/wo/by, hi/low, the unary and binary operators of
 * the MASM evaluator with its precedence and results. Anything else
 * (pseudo-registers that change at run time such as $t0, @@c++(), segment
 * and debug registers, unknown symbols, syntax errors) is refused, and the
 * caller keeps evaluating the condition itself. The code computes exactly
 * what expr_eval_all() would: tests/unit/test_condcomp.c checks that by
 * running both on random expressions. Pure logic: no target, no printing. */
#ifndef LINDBG_ARCH_X86_64_CONDCOMP_H
#define LINDBG_ARCH_X86_64_CONDCOMP_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct x86_cond_env {
    void *ctx;
    int radix;      /* 16 default, as expr_env */
    uint64_t ip;    /* the value of @rip / $ip: the breakpoint's address */
    /* A symbol's value (name as written, e.g. "fx_loop!counter" or "g_count"):
       1 found, 0 unknown, -1 error. */
    int (*symbol)(void *ctx, const char *name, size_t len, uint64_t *v);
};

/* Compiles MASM condition `text` into x86-64 machine code written to out
 * (cap bytes), *len its length. The code is entered with rbx pointing at
 * the frame of pad.h; it ends by falling through its last byte with the
 * value in rax and edx = 0, or edx = 1 when it cannot decide (a division
 * by zero): lindbg then evaluates the condition itself. It may change rax
 * rcx rdx rsi rdi r8-r11 and the flags, uses the stack only balanced, and
 * never changes rbx or rsp at its end. A memory read that faults raises
 * SIGSEGV at the reading instruction (lindbg handles that). Returns 0, or
 * -1 with a one-line reason in e ("not compiled: ...") when the text is
 * outside the compiled subset: the caller then keeps evaluating it itself. */
int x86_cond_compile(const struct x86_cond_env *env, const char *text, uint8_t *out, size_t cap,
                     size_t *len, struct lerr *e);

#endif
