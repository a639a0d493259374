/* Inside the C expression evaluator: typed values as numbers, the base
 * types it knows by itself, conversions (cexpr_value.c), shared with the
 * parser (cexpr.c). */
#ifndef LINDBG_EXPR_CEXPR_INT_H
#define LINDBG_EXPR_CEXPR_INT_H

#include "expr/cexpr.h"

/* A scalar as the evaluator computes with it: integers (and pointers) in
 * u, sign-extended for signed types; floating values in d. */
struct cx_num {
    int is_float;
    uint64_t u;
    double d;
};

extern struct cx_type cx_t_void, cx_t_bool, cx_t_char, cx_t_int, cx_t_uint, cx_t_long,
    cx_t_ulong, cx_t_double, cx_t_float;

/* A base type from C's keywords (counted by the parser). NULL when the
 * combination is not a type. */
struct cx_type *cx_base_type(int n_unsigned, int n_signed, int n_short, int n_long, int n_int,
                             int n_char, int n_float, int n_double, int n_void, int n_bool);

int cx_is_arith(const struct cx_type *t);   /* int, float, enum */
int cx_is_integer(const struct cx_type *t); /* int, enum */
int cx_is_scalar(const struct cx_type *t);  /* arithmetic or pointer */
/* Size of what a pointer to t steps over (void and functions: 1, as GNU
 * C does); 0 when unknown. */
uint64_t cx_step(const struct cx_type *t);

struct cx_type *cx_pointer_to(struct cx_arena *a, struct cx_type *t);

/* The scalar value of v (read from memory unless noeval). 0, or -1. */
int cx_load(const struct cx_env *env, const struct cx_value *v, int noeval, struct cx_num *n,
            struct lerr *e);
/* n converted from type `from` to type `to` (both scalar). */
struct cx_num cx_convert(struct cx_num n, const struct cx_type *from, const struct cx_type *to);
/* An rvalue of type t holding n (already converted to t). */
void cx_make(struct cx_value *v, struct cx_type *t, struct cx_num n);
/* Integer promotion and C's usual arithmetic conversions. */
struct cx_type *cx_promote(struct cx_type *t);
struct cx_type *cx_common(struct cx_type *a, struct cx_type *b);

int cx_mem_error(struct lerr *e, uint64_t addr);
int cx_type_error(struct lerr *e, const char *what, const struct cx_type *t);

#endif
