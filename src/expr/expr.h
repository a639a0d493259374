/* WinDbg's MASM expressions: numbers in the current radix (16 by default,
 * `0x` `0n` `0t` `0y` prefixes, backticks inside 64-bit numbers), registers
 * and pseudo-registers (`@rax`, `$ip`, `@$t0`), symbols (`mod!sym`), the
 * memory operators poi/by/wo/dwo/qwo, and the MASM operators with their
 * precedence. Everything the evaluator needs from a debugger comes through
 * `struct expr_env`, so it is tested with a fake one. */
#ifndef LINDBG_EXPR_EXPR_H
#define LINDBG_EXPR_EXPR_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct expr_env {
    void *ctx;
    int radix; /* 16, 10, 8 or 2 */
    /* A register or pseudo-register by name (without '@'). Returns 1 and
     * sets *v, 0 when the name is not a register, -1 on error (in e). */
    int (*reg)(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e);
    /* Symbol value. 1 found, 0 unknown, -1 error (ambiguous...) in e. */
    int (*symbol)(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e);
    /* Reads target memory: 0 when all `len` bytes were read. */
    int (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
    /* A C++ expression (`@@c++(...)`, `@@(...)`) as a number; NULL when
     * there is no C++ evaluator. 0, or -1 with e set. */
    int (*cexpr)(void *ctx, const char *s, size_t len, uint64_t *v, struct lerr *e);
};

/* Evaluates the longest expression at the start of `s`: evaluation stops at
 * the end of the string, at a ';' or at an operand that is not followed by
 * an operator (so `db 1000 L8` reads `1000`). *end points past what was
 * used. Returns 0, or -1 with a one-line message in e. */
int expr_eval(const struct expr_env *env, const char *s, const char **end, uint64_t *out,
              struct lerr *e);

/* Evaluates all of `s` (trailing blanks allowed); anything else is a
 * syntax error. */
int expr_eval_all(const struct expr_env *env, const char *s, uint64_t *out, struct lerr *e);

/* Parses one number in `radix` (prefixes override it). Returns 0, -1 when
 * it is not a number, -2 when it does not fit in 64 bits. */
int expr_parse_number(const char *s, size_t len, int radix, uint64_t *out);

#endif
