/* Shared by dap_vars.c (scopes, variables) and dap_vars_set.c
 * (setVariable, evaluate): how they see the target. */
#ifndef LINDBG_DAP_DAP_VARS_INT_H
#define LINDBG_DAP_DAP_VARS_INT_H

#include "dap/dap.h"
#include "dap/dap_vars.h"
#include "sym/dwcexpr.h"

/* The stop's reference table (made on first use). */
struct dapv_table *dapv_table(struct dap *a);

/* What values are typed and read through: the selected frame (when
 * with_frame and there is one: have_frame) and the process's memory. */
struct dapv_view {
    struct dw_cx dw;
    struct dw_frame f;
    struct dbg_frame shown;
    int have_frame;
    struct cx_env env;
};
void dapv_view(struct dap *a, struct dapv_view *w, int with_frame);

/* Fills value (under value_key: "value", or evaluate's "result"), type,
 * evaluateName (expr, may be NULL), variablesReference (a new reference
 * when v has children), indexedVariables and memoryReference. */
void dapv_value_fields(struct dap *a, struct dapv_view *w, cJSON *o, const struct cx_value *v,
                       const char *expr, const char *value_key);

/* The frame's parameters (params) or other variables, in DWARF's order
 * (outer scopes first). 0, or -1 (no DWARF function there). */
struct dapv_vars {
    struct dw_var *v;
    size_t n, cap;
    int params;
};
int dapv_frame_vars(struct dapv_view *w, int params, struct dapv_vars *out, struct lerr *e);

/* The Registers scope: its rows (dw: DWARF number, -1 eflags), ended by
 * a NULL name. */
struct dapv_reg {
    const char *name;
    int dw;
};
extern const struct dapv_reg dapv_regs[];
/* A register of the view's frame: frame 0's from the thread, others' as
 * the unwinder recovered them. 0, or -1 (e: why it is not known). */
int dapv_reg_value(struct dap *a, struct dapv_view *w, const struct dapv_reg *r, uint64_t *v,
                   struct lerr *e);
/* value, type, evaluateName and variablesReference of a register row. */
void dapv_reg_fields(struct dap *a, struct dapv_view *w, const struct dapv_reg *r, cJSON *o);

/* Whether a DIE child of an aggregate is a member in the object. */
int dapv_is_member(Dwarf_Die *m);
/* What pointer p points at, as a value in memory. */
int dapv_pointee(struct dapv_view *w, const struct cx_value *p, struct cx_value *out,
                 struct lerr *e);

/* The reference args' variablesReference names, copied into *out (its
 * expr malloc'd); a scope's frame is selected again. 0, or -1. */
int dapv_resolve(struct dap *a, const cJSON *args, struct dapv_ref *out, struct lerr *e);

#endif
