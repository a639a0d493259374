/* Names that start with what was typed, for completion at the prompt:
 * a module's symbols found by a binary search of its name index (libc's
 * thousands of names cost O(log n) plus the names returned), and the
 * modules' own names. Returns names only; nothing printed. */
#ifndef LINDBG_SYM_SYMNAMES_H
#define LINDBG_SYM_SYMNAMES_H

#include <stddef.h>

#include "sym/symbols.h"

/* Called with each name; a nonzero return stops the walk. */
typedef int (*sym_name_fn)(void *ctx, const char *name);

/* The symbol names of m that start with prefix (plen bytes, matched
 * case-sensitively as symbol lookups are), in name order, each name once.
 * Reads the module's symbols if not done yet. Returns what fn last
 * returned (0: every name was seen). */
int sym_names_with_prefix(struct sym_module *m, const char *prefix, size_t plen, sym_name_fn fn,
                          void *ctx);

/* The names of the modules of sp that start with prefix, ignoring case
 * (as `mod!` is matched), each once. */
int sym_modules_with_prefix(const struct sym_space *sp, const char *prefix, size_t plen,
                            sym_name_fn fn, void *ctx);

#endif
