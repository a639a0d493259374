/* Inlined functions from DWARF (libdw): the inlined calls a code address
 * lies in (each one a frame of its own in k, as in WinDbg and GDB), the
 * concrete scopes around an address through those calls, and the inlined
 * copies of a function for breakpoints (GDB's several locations of
 * `break f`). */
#ifndef LINDBG_SYM_INLINE_H
#define LINDBG_SYM_INLINE_H

#include <elfutils/libdw.h>
#include <stddef.h>
#include <stdint.h>

#include "sym/symbols.h"

#define SYM_INLINE_MAX 32

struct sym_inline {
    const char *name;      /* the inlined function (its abstract origin's name) */
    char call_file[1024];  /* where the frame above called it (full path); "" unknown */
    int call_line;
};

/* The inlined calls that the code at pc (exact, or return address - 1) is
 * in, innermost first, at most max. Returns how many (0: none). */
int sym_inline_at(struct sym_space *sp, uint64_t pc, struct sym_inline *out, int max);
/* The module's cache of those answers: a stop at the same place (a
 * logpoint's, a condition's) walks its function's scopes once, not at
 * every hit. */
struct sym_inline_cache;
void sym_inline_cache_free(struct sym_inline_cache *c);

/* The scopes around pc_rel (module-relative) in the CU, innermost first,
 * through every inlined call out to the concrete function that contains
 * them and its CU. (dwarf_getscopes leaves the concrete tree at the
 * innermost inlined call for its abstract origin's.) A malloc'd array in
 * *out, its length returned; 0 or -1 with *out NULL when none. */
int dw_concrete_scopes(Dwarf_Die *cu, Dwarf_Addr pc_rel, Dwarf_Die **out);

/* Whether a scope is a function of its own for frames: an out-of-line
 * function or an inlined call. */
int dw_is_function_scope(Dwarf_Die *d);

/* The entry addresses of the inlined copies of the function `name`
 * ("name" or "mod!name") in the loaded modules' DWARF, at most max in
 * addrs. Returns how many, 0 when none. */
size_t sym_inline_copies(struct sym_space *sp, const char *name, uint64_t *addrs, size_t max);

/* Calls fn once for each function of module m that has inlined copies,
 * with its name and the entry of one copy (absolute). */
void sym_inlined_functions(struct sym_module *m,
                           void (*fn)(void *ctx, const char *name, uint64_t entry), void *ctx);

#endif
