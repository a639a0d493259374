/* Values at a function's entry (DW_OP_entry_value, DW_OP_GNU_parameter_ref),
 * recovered as GDB does: from the call site in the caller whose return
 * address is the frame's (DW_TAG_call_site or DW_TAG_GNU_call_site), its
 * parameters (DW_TAG_call_site_parameter: DW_AT_location names the
 * register, DW_AT_call_value says how the caller computed it), evaluated
 * in the caller's frame. Only when the call at that return address
 * provably called this very function (a direct call to its entry, or an
 * indirect one whose DW_AT_call_target evaluates to it): after a tail
 * call the caller's call site describes another function's arguments. */
#ifndef LINDBG_SYM_DWCALLSITE_H
#define LINDBG_SYM_DWCALLSITE_H

#include "sym/dwexpr.h"

struct dw_callee {
    struct sym_space *sp;
    const struct dw_frame *f;
    Dwarf_Die func;        /* the frame's DW_TAG_subprogram */
    uint64_t bias;
    Dwarf_Attribute *attr; /* the location attribute being evaluated */
    int no_self_tail;      /* -1 not known yet, else whether the function
                              provably never tail-calls itself */
};

/* Hooks for struct dw_expr_env: hctx is a struct dw_callee. */
int dw_callsite_entry_value(void *hctx, const Dwarf_Op *op, uint64_t *out);
int dw_callsite_parameter_ref(void *hctx, const Dwarf_Op *op, uint64_t *out);

/* The frame base of func at pc_rel in frame f (DW_AT_frame_base). 0/-1. */
int dw_frame_base(const struct dw_frame *f, Dwarf_Die *func, Dwarf_Addr pc_rel, uint64_t *fb);

#endif
