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

/* The parser's state (cexpr.c), shared with the lexical parts
 * (cexpr_lex.c). noeval > 0: parsing what C does not evaluate. */
struct cx_parser {
    const struct cx_env *env;
    struct cx_arena *a;
    const char *p;
    struct lerr *e;
    int noeval;
    int depth;
};

void cx_skip_ws(struct cx_parser *ps);
int cx_syntax_error(struct cx_parser *ps);
int cx_is_id_start(int c);
int cx_is_id_char(int c);
/* The operator at p, longest first, or NULL. */
const char *cx_op_at(const char *p);
/* The length of a name at p (`ns::a`, `mod!a`), 0 when none. */
size_t cx_name_len(const char *p);
int cx_word_is(const char *p, const char *w);
/* An rvalue of type t from an unsigned number (converted to t). */
void cx_make_int(struct cx_value *v, struct cx_type *t, uint64_t u);
/* A type name at ps->p: 1 and *out, 0 when it is not one (ps->p
 * unchanged), -1 on error. */
int cx_parse_type_name(struct cx_parser *ps, struct cx_type **out);
/* Literals: numbers with C's types and suffixes, characters. */
int cx_parse_number(struct cx_parser *ps, struct cx_value *v);
int cx_parse_char(struct cx_parser *ps, struct cx_value *v);

#endif
