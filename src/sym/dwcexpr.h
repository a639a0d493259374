/* The DWARF side of C expressions (expr/cexpr.h): variables of a frame
 * and globals (also `ns::name`, and members of `this` in a method) as
 * typed values, types by name (also `ns::Type`, classes), struct members
 * (bitfields, base classes, anonymous members) and enumerator names. */
#ifndef LINDBG_SYM_DWCEXPR_H
#define LINDBG_SYM_DWCEXPR_H

#include "expr/cexpr.h"
#include "sym/dwtypes.h"

struct dw_cx {
    struct sym_space *sp;
    const struct dw_frame *f; /* the frame whose locals are seen; NULL: globals only */
};

/* Fills lookup, find_type, member, enum_name and read (through f) of env
 * with env->ctx = c; reg and masm are the caller's. */
void dw_cx_env(struct dw_cx *c, struct cx_env *env);

/* The evaluator's type for a DWARF type DIE (NULL: void). */
struct cx_type *dw_cx_type(struct dw_cx *c, struct cx_arena *a, Dwarf_Die *die);

/* The DWARF struct/union/class DIE behind a type of kind CX_STRUCT, or
 * behind the target of a pointer to one: 1 and *out, else 0. */
int dw_cx_struct_die(const struct cx_type *t, Dwarf_Die *out);

/* A variable of a frame (dw_frame_vars) as a typed value: in memory, or
 * its bytes; a C++ reference is the object it refers to. 1, or -1 with e
 * set (optimised out, unreadable reference). */
int dw_cx_var_value(struct dw_cx *c, struct cx_arena *a, const struct dw_var *v,
                    struct cx_value *out, struct lerr *e);

#endif
