/* C/C++ expressions (WinDbg's `??` and `@@c++(...)`): names of variables,
 * registers (`@rax`), integer, character and floating literals, member
 * access (`.` `->`), subscripts, `*` `&`, casts to named types, sizeof,
 * the arithmetic, comparison, logical and bitwise operators with C's usual
 * conversions, pointer arithmetic scaled by the pointee's size, and `?:`.
 *
 * Values are typed. Everything the evaluator needs from a debugger (which
 * names exist, what type they have, struct members, memory) comes through
 * `struct cx_env`, so that it is tested with a fake one; the DWARF side
 * lives in sym/dwcexpr.c. Types and values of one evaluation live in a
 * `struct cx_arena`, freed at once by the caller. */
#ifndef LINDBG_EXPR_CEXPR_H
#define LINDBG_EXPR_CEXPR_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/strbuf.h"

struct cx_arena {
    struct cx_block *head;
};

void *cx_alloc(struct cx_arena *a, size_t n); /* zeroed, freed by cx_arena_free */
void cx_arena_free(struct cx_arena *a);

enum cx_kind {
    CX_VOID,
    CX_INT,    /* integers, characters, bool (flags below) */
    CX_FLOAT,
    CX_ENUM,
    CX_PTR,
    CX_ARRAY,
    CX_STRUCT, /* struct, class or union */
    CX_FUNC,
};

struct cx_type {
    enum cx_kind kind;
    uint64_t size;
    int is_signed;
    int is_char;
    int is_bool;
    const char *name;       /* the whole name of a named type: "int", "struct point" */
    struct cx_type *target; /* pointee or element (NULL: void) */
    uint64_t count;         /* array elements */
    void *handle;           /* the environment's own (a DWARF DIE) */
};

#define CX_VALUE_MAX 64

struct cx_value {
    struct cx_type *type;
    int lval;       /* in memory at addr */
    uint64_t addr;
    uint8_t bytes[CX_VALUE_MAX]; /* the value itself when not lval */
    unsigned bit_off, bit_size;  /* a bitfield member (bit_size 0: none) */
};

struct cx_member {
    uint64_t off;
    unsigned bit_off, bit_size;
    struct cx_type *type;
};

struct cx_env {
    void *ctx;
    /* A variable by name: 1 and *out, 0 unknown, -1 error in e. */
    int (*lookup)(void *ctx, struct cx_arena *a, const char *name, struct cx_value *out,
                  struct lerr *e);
    /* A register (name without '@'): 1 and *v, 0 none, -1 error. */
    int (*reg)(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e);
    /* A type by name ("point", "struct point", "ns::T"); base types are
     * known to the evaluator. 1 and *out, 0 none. */
    int (*find_type)(void *ctx, struct cx_arena *a, const char *name, struct cx_type **out);
    /* A member of a struct type: 1 and *out, 0 none. */
    int (*member)(void *ctx, struct cx_arena *a, const struct cx_type *agg, const char *name,
                  struct cx_member *out);
    /* Memory: 0 when all len bytes were read. */
    int (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
    /* The name of an enumerator of an enum type, or NULL (may be NULL). */
    const char *(*enum_name)(void *ctx, const struct cx_type *t, int64_t v);
    /* A MASM expression (`@@masm(...)`), may be NULL. */
    int (*masm)(void *ctx, const char *s, size_t len, uint64_t *v, struct lerr *e);
    /* The width in bytes (1, 2, 4 or 8) of a register, so that `?? @eax`
     * is an unsigned int as in WinDbg; may be NULL (8). */
    unsigned (*reg_width)(void *ctx, const char *name, size_t len);
};

/* Evaluates the expression at s up to its end or an unmatched ')' (the
 * caller checks what follows through *end). 0, or -1 with e set. */
int cx_eval(const struct cx_env *env, struct cx_arena *a, const char *s, const char **end,
            struct cx_value *out, struct lerr *e);
/* All of s must be the expression. */
int cx_eval_all(const struct cx_env *env, struct cx_arena *a, const char *s, struct cx_value *out,
                struct lerr *e);

/* The value as a number for MASM: integers (sign-extended), pointers,
 * the address of arrays, structs and functions, floats truncated. */
int cx_value_u64(const struct cx_env *env, const struct cx_value *v, uint64_t *out,
                 struct lerr *e);

/* "int", "struct point *", "char [8]". */
void cx_type_name(const struct cx_type *t, struct strbuf *out);

/* WinDbg's `??` line for a value: its type name, then the value ("int
 * 0n5", "struct point * 0x00000000`0012fe40", "char 0n97 'a'",
 * "double 1.5"). Structs and arrays give their address. */
int cx_format(const struct cx_env *env, const struct cx_value *v, struct strbuf *out,
              struct lerr *e);

/* The value alone, as dt shows a member ("0n5", "0x00000000`0012fe40
 * \"text\""); structs and arrays by their type name. */
int cx_format_bare(const struct cx_env *env, const struct cx_value *v, struct strbuf *out,
                   struct lerr *e);

/* v converted to the scalar type `to` as C's assignment converts it, in
 * to's bytes (little-endian) at out. 0, or -1 with e set. */
int cx_convert_to(const struct cx_env *env, const struct cx_value *v, const struct cx_type *to,
                  uint8_t out[16], struct lerr *e);

/* Finds the matching ')' for the '(' at s (quotes and nesting skipped):
 * a pointer to it, or NULL. */
const char *cx_close_paren(const char *s);

#endif
