/* Variables from DWARF (libdw): the parameters and locals of a frame and
 * where each one's value is at the frame's pc (struct dw_var, see
 * sym/dwtypes.h), and global variables by name. Locations are DWARF
 * expressions (sym/dwexpr.h) picked from location lists for the pc, in
 * the frame's registers as the unwinder recovered them; entry values
 * come from the caller's call site (sym/dwcallsite.h). */
#ifndef LINDBG_SYM_DWVARS_H
#define LINDBG_SYM_DWVARS_H

#include "sym/dwtypes.h"

typedef int (*dw_var_fn)(void *ctx, const struct dw_var *v);

/* Parameters first, then locals of every scope around pc, outermost
 * first. Returns 0, or -1 when there is no DWARF function at pc. fn may
 * stop the walk by returning nonzero. */
int dw_frame_vars(struct sym_space *sp, const struct dw_frame *f, dw_var_fn fn, void *ctx,
                  struct lerr *e);

/* The function name of pc from DWARF (NULL when none). */
const char *dw_function_name(struct sym_space *sp, uint64_t pc);

/* The address of a variable that lives at one fixed place (its location
 * a single DW_OP_addr: globals, statics, static members' definitions),
 * relocated by the module's bias. 1, or 0 for any other location (none,
 * a declaration, a location list, a register). */
int dw_var_static_addr(Dwarf_Die *die, Dwarf_Addr bias, uint64_t *addr);

/* A global variable by name in DWARF: address and type. 1 found, 0 not. */
int dw_find_global(struct sym_space *sp, const char *name, uint64_t *addr, Dwarf_Die *type);

#endif
