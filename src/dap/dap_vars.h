/* Inside the adapter's variables (dap_vars*.c): the table of variable
 * references a stop hands out, and values as an editor shows them. The
 * pure parts (table, formatting over a struct cx_env) are unit-tested
 * with a fake environment (tests/unit/test_dap_vars.c). */
#ifndef LINDBG_DAP_DAP_VARS_H
#define LINDBG_DAP_DAP_VARS_H

#include <stddef.h>
#include <stdint.h>

#include "expr/cexpr.h"
#include "util/strbuf.h"

/* What a variablesReference stands for. */
enum dapv_kind {
    DAPV_ARGS,   /* a frame's parameters */
    DAPV_LOCALS, /* a frame's other variables */
    DAPV_REGS,   /* a frame's general registers */
    DAPV_VALUE,  /* a struct's members, an array's elements, a pointee */
};

struct dapv_ref {
    enum dapv_kind kind;
    int frame_id;       /* scopes: the DAP frame they are of */
    struct cx_value v;  /* DAPV_VALUE: its types live in the table's arena */
    char *expr;         /* DAPV_VALUE: a C expression for it (NULL: none) */
};

/* References are their position + 1: small positive numbers, all dead
 * together when the target runs (dapv_clear). */
struct dapv_table {
    struct dapv_ref *refs;
    size_t n, cap;
    struct cx_arena arena; /* the types of the values referred to */
};

#define DAPV_MAX_REFS 1000000

/* Adds r (its expr is copied). The new reference, or 0 when the table is
 * full. */
int dapv_add(struct dapv_table *t, const struct dapv_ref *r);
/* The reference id stands for, or NULL when it is none (or dead). */
struct dapv_ref *dapv_get(struct dapv_table *t, long long id);
/* Every reference dies, with the types; the table stays usable. */
void dapv_clear(struct dapv_table *t);

/* Element i of array value arr (in memory, or a slice of its bytes). 0,
 * or -1 when there is no such element or it is not at hand. */
int dapv_element(const struct cx_value *arr, uint64_t i, struct cx_value *out);

/* A value as GDB shows it: integers in decimal, characters as `97 'a'`,
 * bool as true/false, enums by name, floating values with every digit
 * that matters, pointers as 0x..., a char pointer or array with its text,
 * small arrays of scalars as {1, 2, 3}, structs as {...}. What cannot be
 * read shows as <error: ...>. */
void dapv_format(const struct cx_env *env, const struct cx_value *v, struct strbuf *out);

/* Whether a value has children: a struct's members, an array's elements
 * (then *indexed is their number, else 0), a pointer's pointee (a struct's
 * members, or `*p`). A null or unreadable pointer, and pointers to void,
 * functions and characters (shown as text), have none. */
int dapv_expandable(const struct cx_env *env, const struct cx_value *v, uint64_t *indexed);

/* The C expression for a member, an element or a pointee of the value
 * whose expression is parent (NULL when parent is NULL): parent.m,
 * parent->m, parent[i], *parent, parenthesised when needed. */
char *dapv_child_expr(const char *parent, const char *op, const char *member);

#endif
