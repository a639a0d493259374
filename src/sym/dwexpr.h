/* DWARF expressions (DWARF 5 section 2.5, 2.6): a stack machine over the
 * operations libdw decodes (Dwarf_Op), evaluated in one frame into where
 * a variable's value is (struct dw_var: memory, bytes, or nothing).
 * Everything needed but unknown (a register the frame lost, unreadable
 * memory, an operation not handled) makes the result DW_WHERE_NONE: the
 * value is then "optimized out", never a wrong number. Operations that
 * need more than the frame (entry values, parameter references, implicit
 * values) go through hooks, so that the machine itself is pure. */
#ifndef LINDBG_SYM_DWEXPR_H
#define LINDBG_SYM_DWEXPR_H

#include "sym/dwtypes.h"

struct dw_expr_env {
    const struct dw_frame *f;
    uint64_t bias;   /* added to DW_OP_addr */
    uint64_t fb;     /* the frame base (DW_OP_fbreg) */
    int fb_known;
    /* The value DW_OP_entry_value's sub-expression had at the function's
     * entry (op is the entry_value operation). 0 and *out, or -1. */
    int (*entry_value)(void *hctx, const Dwarf_Op *op, uint64_t *out);
    /* DW_OP_GNU_parameter_ref: the value of the parameter at die offset
     * op->number at the function's entry. 0 and *out, or -1. */
    int (*parameter_ref)(void *hctx, const Dwarf_Op *op, uint64_t *out);
    /* DW_OP_implicit_value: the block's bytes in *data and *len. 0 or -1. */
    int (*implicit_value)(void *hctx, const Dwarf_Op *op, const uint8_t **data, size_t *len);
    void *hctx;
};

/* Evaluates ops (a location description) into v->where, v->addr and
 * v->value. Memory pieces are read now. Returns 0, or -1 with v->where
 * set to DW_WHERE_NONE. */
int dw_expr_eval(const struct dw_expr_env *env, const Dwarf_Op *ops, size_t n, struct dw_var *v);

/* Evaluates ops as a DWARF expression whose result is the number on top
 * of the stack (DW_AT_frame_base, DW_AT_call_value, DW_AT_call_target):
 * a register name (DW_OP_regN) gives the register's value. 0 or -1. */
int dw_expr_value(const struct dw_expr_env *env, const Dwarf_Op *ops, size_t n, uint64_t *out);

#endif
